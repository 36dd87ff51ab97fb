"""The crawl's output: stdout, or a file appended with whole lines, and what the file's tail
already holds."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

from noticecli.errors import OutputError

# At least this much of the file's end is read for records written before a kill; more when
# the first line in it began earlier (see prepare_output). Larger than an emission batch
# (noticecli.crawl.emission.BATCH_BYTES), so the whole of the last batch is always in it.
OUTPUT_TAIL = 1 << 20


def prepare_output(path: Path) -> set[tuple[str, int]]:
    """Make --out end with a whole line and say which records its tail holds.

    A run killed while writing can leave half a line: it is cut off (the store still has the
    record as not yet emitted, so this run writes it again whole). A run killed after
    writing lines but before marking them emitted left records that the tail shows, so they
    are not written twice. The tail is the last :data:`OUTPUT_TAIL` bytes or more, from the
    start of a line: every line in it is whole.
    """
    if not path.exists():
        return set()
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        start, tail = _tail_from_a_line_start(handle, size)
        if tail and not tail.endswith(b"\n"):
            cut = tail.rfind(b"\n") + 1
            handle.truncate(start + cut)
            tail = tail[:cut]
    written: set[tuple[str, int]] = set()
    for line in tail.splitlines():
        try:
            crawl_info = json.loads(line).get("crawl") or {}
            written.add((crawl_info["notice_id"], int(crawl_info["revision"])))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # not ours
    return written


def _tail_from_a_line_start(handle: IO[bytes], size: int) -> tuple[int, bytes]:
    """The offset and bytes of the file's last OUTPUT_TAIL bytes, extended back to the start
    of the line they begin in."""
    start = max(0, size - OUTPUT_TAIL)
    handle.seek(start)
    tail = handle.read()
    while start > 0:
        handle.seek(start - 1)
        if handle.read(1) == b"\n":
            break
        earlier = max(0, start - OUTPUT_TAIL)
        handle.seek(earlier)
        piece = handle.read(start - earlier)
        newline = piece.rfind(b"\n")
        if newline >= 0:
            return earlier + newline + 1, piece[newline + 1 :] + tail
        start, tail = earlier, piece + tail
    return start, tail


class CrawlOutput:
    """Where a crawl's records go: stdout, or ``path`` appended with whole lines. Each line
    is written and flushed before :meth:`write_line` returns; :meth:`sync` makes a file's
    lines durable (fsync). The store marks a record emitted only after that
    (:class:`~noticecli.crawl.emission.Emitter`).

    stdout is the stream that is ``sys.stdout`` on entering, written to directly; on a
    terminal, ``before_stdout()`` is called before each write (to erase a progress display
    that shares the terminal)."""

    def __init__(
        self, path: Path | None, *, before_stdout: Callable[[], None] | None = None
    ) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None
        self._stdout: IO[str] = sys.stdout
        self._before_stdout = before_stdout
        self._written: set[tuple[str, int]] = set()

    @property
    def to_file(self) -> bool:
        return self.path is not None

    def __enter__(self) -> CrawlOutput:
        self._stdout = sys.stdout
        if self.path is not None:
            try:
                self._written = prepare_output(self.path)
                self._handle = self.path.open("ab")
            except OSError as error:
                raise self._error(error) from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            self._handle.close()

    def already_written(self, notice_id: str, revision: int) -> bool:
        """Whether the file's tail already holds this record (written before a kill)."""
        return (notice_id, revision) in self._written

    def write_line(self, line: str) -> int:
        """Write one line (ending in a newline) and flush it; the bytes it took."""
        if self._handle is None:
            if self._before_stdout is not None:
                self._before_stdout()
            self._stdout.write(line)
            self._stdout.flush()
            return len(line)
        data = line.encode("utf-8")
        try:
            self._handle.write(data)
            self._handle.flush()
        except OSError as error:
            raise self._error(error) from None
        return len(data)

    def sync(self) -> None:
        """Make every line written so far durable (a file's fsync; stdout has none)."""
        if self._handle is not None:
            try:
                os.fsync(self._handle.fileno())
            except OSError as error:
                raise self._error(error) from None

    def _error(self, error: OSError) -> OutputError:
        return OutputError(
            f"cannot write the output: {error.strerror or error}", source=str(self.path)
        )
