"""Writing records: JSON, JSON lines, or a table for people; files written atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
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


def render_records(
    records: Iterable[Notice], fmt: str, stream: IO[str], *, pretty: bool, single: bool
) -> int:
    """Write records as ``json`` (one document when ``single``, else an array), ``jsonl``,
    or ``table``. Records are consumed one at a time, so every format streams. Returns the
    number of records written."""
    counted = _Counter(records)
    if fmt == "jsonl":
        for record in counted:
            stream.write(record.to_json() + "\n")
            stream.flush()
    elif fmt == "json":
        _write_json(counted, stream, indent=2 if pretty else None, single=single)
    else:
        from noticecli.render import render_table  # rich is imported only for tables

        for record in counted:
            render_table(record, stream)
    return counted.count


class _Counter:
    def __init__(self, records: Iterable[Notice]) -> None:
        self._records = records
        self.count = 0

    def __iter__(self) -> Iterator[Notice]:
        for record in self._records:
            self.count += 1
            yield record


def _write_json(
    records: Iterable[Notice], stream: IO[str], *, indent: int | None, single: bool
) -> None:
    if single:
        for record in records:
            stream.write(record.to_json(indent=indent) + "\n")
        return
    count = 0
    stream.write("[")
    for record in records:
        stream.write(("\n" if count == 0 else ",\n") + record.to_json(indent=indent))
        stream.flush()
        count += 1
    stream.write("\n]\n" if count else "]\n")
