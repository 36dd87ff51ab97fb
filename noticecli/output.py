"""Writing records: JSON, JSON lines, or a table for people; files written atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO

from noticecli.models import Notice


class AtomicWriter:
    """A text file that appears under its name complete, or not at all.

    Written to a temporary file in the same directory, flushed and fsynced, then renamed
    over the target; on an exception the temporary file is removed.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None
        self._temp: str | None = None
        self._discarded = False

    def discard(self) -> None:
        """Leave the target as it was (nothing worth writing was produced)."""
        self._discarded = True

    def __enter__(self) -> IO[str]:
        directory = self.path.parent if str(self.path.parent) else Path()
        fd, self._temp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=directory
        )
        self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        return self._handle

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._handle is not None and self._temp is not None
        try:
            keep = exc_type is None and not self._discarded
            if keep:
                self._handle.flush()
                os.fsync(self._handle.fileno())
            self._handle.close()
            if keep:
                Path(self._temp).replace(self.path)
        finally:
            Path(self._temp).unlink(missing_ok=True)


class RecordWriter:
    """Writes records one at a time as ``json`` (one document when ``single``, else an
    array), ``jsonl`` or ``table``; ``close()`` finishes the document."""

    def __init__(self, stream: IO[str], fmt: str, *, pretty: bool, single: bool) -> None:
        self.stream = stream
        self.fmt = fmt
        self.indent = 2 if pretty else None
        self.single = single
        self.count = 0

    def write(self, record: Notice) -> None:
        if self.fmt == "jsonl":
            self.stream.write(record.to_json() + "\n")
        elif self.fmt == "json" and self.single:
            self.stream.write(record.to_json(indent=self.indent) + "\n")
        elif self.fmt == "json":
            prefix = "[\n" if self.count == 0 else ",\n"
            self.stream.write(prefix + record.to_json(indent=self.indent))
        else:
            from noticecli.render import render_table  # rich is imported only for tables

            render_table(record, self.stream)
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
