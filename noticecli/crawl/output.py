"""The crawl's output file: appended whole lines, and what its tail already holds."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from noticecli.errors import OutputError

_OUTPUT_TAIL = 1 << 20


def prepare_output(path: Path) -> set[tuple[str, int]]:
    """Make --out end with a whole line and say which records its tail holds.

    A run killed while writing can leave half a line: it is cut off (the store still has the
    record as not yet emitted, so this run writes it again whole). A run killed after
    writing a line but before marking it emitted left a record that the tail shows, so it
    is not written twice.
    """
    if not path.exists():
        return set()
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        start = max(0, size - _OUTPUT_TAIL)
        handle.seek(start)
        tail = handle.read()
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
            continue  # the first line of the tail may be cut, or not ours
    return written


class CrawlOutput:
    """Where a crawl's records go: stdout, or ``path`` appended with whole lines; each is
    written and flushed there (and fsynced, for a file) before :meth:`write` returns, so
    the store marks a record emitted only once it has reached the real destination.

    stdout is the stream that is ``sys.stdout`` on entering, written to directly; on a
    terminal, ``before_stdout()`` is called before each write (to erase a progress display
    that shares the terminal)."""

    def __init__(
        self, path: Path | None, *, before_stdout: Callable[[], None] | None = None
    ) -> None:
        self.path = path
        self._handle: IO[str] | None = None
        self._stdout: IO[str] = sys.stdout
        self._before_stdout = before_stdout
        self._written: set[tuple[str, int]] = set()

    def __enter__(self) -> CrawlOutput:
        self._stdout = sys.stdout
        if self.path is not None:
            try:
                self._written = prepare_output(self.path)
                self._handle = self.path.open("a", encoding="utf-8")
            except OSError as error:
                raise OutputError(
                    f"cannot write the output: {error.strerror or error}", source=str(self.path)
                ) from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            self._handle.close()

    def already_written(self, notice_id: str, revision: int) -> bool:
        """Whether the file's tail already holds this record (written before a kill)."""
        return (notice_id, revision) in self._written

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        if self._handle is None:
            if self._before_stdout is not None:
                self._before_stdout()
            self._stdout.write(line)
            self._stdout.flush()
            return
        self._handle.write(line)
        self._handle.flush()
        os.fsync(self._handle.fileno())
