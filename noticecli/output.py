"""Writing records: JSON, JSON lines, or a table for people; files written atomically."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any, AnyStr, Generic, Literal, overload

from noticecli.models import Notice


class AtomicWriter(Generic[AnyStr]):
    """A file that appears under its name complete, or not at all.

    ``with AtomicWriter(path) as handle`` gives a text handle (UTF-8, ``\\n`` line ends);
    ``AtomicWriter(path, binary=True)`` a bytes one. Written to a temporary file in the same
    directory, flushed and fsynced, then renamed over the target when the block ends; on an
    exception, or after ``discard()``, the temporary file is removed and the target left as
    it was. After ``keep_partial()`` (an interrupted run), what was written is kept instead,
    the same way, under ``NAME.partial``, and the target is still left as it was. The file
    gets the mode any newly created file gets (0o666 less the umask), not ``mkstemp``'s
    0o600. Entering fails (``OSError``) if the directory cannot be written, so
    a command can open its outputs before it does any work.
    """

    @overload
    def __init__(self: AtomicWriter[str], path: Path, *, binary: Literal[False] = ...) -> None: ...

    @overload
    def __init__(self: AtomicWriter[bytes], path: Path, *, binary: Literal[True]) -> None: ...

    def __init__(self, path: Path, *, binary: bool = False) -> None:
        self.path = path
        self.binary = binary
        self._handle: IO[AnyStr] | None = None
        self._temp: Path | None = None
        self._discarded = False
        self._keep_as: Path | None = None

    def discard(self) -> None:
        """Leave the target as it was (nothing worth writing was produced)."""
        self._discarded = True

    def keep_partial(self) -> Path:
        """Keep what was written as ``NAME.partial`` when the block ends, whether or not it
        ends with an exception; the target is left as it was. Returns that path."""
        self._keep_as = partial_path(self.path)
        return self._keep_as

    def __enter__(self) -> IO[AnyStr]:
        fd, self._temp = _create_temp(self.path)
        try:
            if self.binary:
                handle: IO[Any] = os.fdopen(fd, "wb")
            else:
                handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        except BaseException:
            os.close(fd)
            self._temp.unlink(missing_ok=True)
            raise
        self._handle = handle
        return handle

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._handle is not None and self._temp is not None
        target = self._keep_as or (self.path if exc_type is None else None)
        try:
            keep = target is not None and not self._discarded
            if keep:
                self._handle.flush()
                os.fsync(self._handle.fileno())
            self._handle.close()
            if keep and target is not None:
                self._temp.replace(target)
        finally:
            self._temp.unlink(missing_ok=True)


def partial_path(path: Path) -> Path:
    """Where an interrupted run keeps what it completed: ``out.jsonl`` → ``out.jsonl.partial``."""
    return path.with_name(path.name + ".partial")


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _create_temp(target: Path) -> tuple[int, Path]:
    """A new, empty hidden file beside ``target``. Created with mode 0o666 so that the
    kernel applies the umask (and any default ACL), exactly as for ``open(path, "w")``;
    reading the umask would mean setting it, which races with other threads."""
    directory = target.parent
    # os.urandom, not secrets: secrets pulls hmac, hashlib and random into every start-up.
    for _ in range(100):
        temp = directory / f".{target.name}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(temp, _TEMP_FLAGS, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(directory))


class RecordWriter:
    """Writes records one at a time as ``json`` (one document when ``single``, else an
    array), ``jsonl`` or ``table``; ``close()`` finishes the document."""

    def __init__(self, stream: IO[str], fmt: str, *, pretty: bool, single: bool) -> None:
        self.stream = stream
        self.fmt = fmt
        self.json_indent = self.indent_for(fmt, pretty=pretty)
        self.single = single
        self.count = 0

    @staticmethod
    def indent_for(fmt: str, *, pretty: bool) -> int | None:
        """The indent a record's JSON is written with (``to_json(indent=...)``)."""
        return 2 if pretty and fmt == "json" else None

    def write(self, record: Notice) -> None:
        if self.fmt in ("json", "jsonl"):
            self.write_json(record.to_json(indent=self.json_indent))
            return
        from noticecli.render import render_table  # rich is imported only for tables

        render_table(record, self.stream)
        self.stream.flush()
        self.count += 1

    def write_json(self, text: str) -> None:
        """Write a record already rendered as ``to_json(indent=self.json_indent)`` (by a
        worker process, say)."""
        if self.fmt == "jsonl" or self.single:
            self.stream.write(text + "\n")
        else:
            self.stream.write(("[\n" if self.count == 0 else ",\n") + text)
        self.stream.flush()
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json" and not self.single:
            self.stream.write("\n]\n" if self.count else "[]\n")
        self.stream.flush()


def render_records(
    records: Iterable[Notice], fmt: str, stream: IO[str], *, pretty: bool, single: bool
) -> int:
    """Write every record (see :class:`RecordWriter`); returns how many were written."""
    writer = RecordWriter(stream, fmt, pretty=pretty, single=single)
    for record in records:
        writer.write(record)
    writer.close()
    return writer.count
