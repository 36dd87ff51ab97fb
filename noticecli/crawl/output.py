"""The crawl's output file: appended whole lines, and what its tail already holds."""

from __future__ import annotations

import json
import os
from pathlib import Path

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
