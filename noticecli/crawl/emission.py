"""Exactly-once emission: each new notice or revision written once to the crawl's output,
however many sites finish in whatever order, and whenever the run is killed.

A revision is recorded in the store (one transaction with its notice) before it is
written; it is marked emitted only once its line is safe at the destination: flushed to
stdout, or written and fsynced to ``--out``. For a file, lines are written and flushed at
once and made durable in batches (:data:`BATCH_RECORDS` lines or :data:`BATCH_BYTES`
bytes, and at the end of the run, interrupted or not): one fsync and one transaction per
batch instead of per record.

A run killed between a batch's lines and its marks leaves lines that the store still
holds as pending; the next run finds them in the file's tail (which always covers a whole
batch, see :mod:`noticecli.crawl.output`), marks them and does not write them again. A
run killed before a line was written leaves it pending, and the next run writes it. A half
line is cut off first.
"""

from __future__ import annotations

import json
from typing import Any

from noticecli.crawl.output import OUTPUT_TAIL, CrawlOutput
from noticecli.crawl.store_api import NoticeStore

BATCH_RECORDS = 64
# Below OUTPUT_TAIL: everything unmarked after a kill is in the tail the next run reads.
BATCH_BYTES = OUTPUT_TAIL // 4


class Emitter:
    """Writes records to ``output`` and marks them emitted in ``store`` once they are safe
    there. Call :meth:`commit` before the run ends (``with`` does)."""

    def __init__(self, store: NoticeStore, output: CrawlOutput) -> None:
        self.store = store
        self.output = output
        self._unmarked: list[tuple[str, int]] = []
        self._unmarked_bytes = 0

    def __enter__(self) -> Emitter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.commit()

    def emit(self, record: dict[str, Any]) -> None:
        """Write one crawl record (its revision is recorded and not yet emitted)."""
        crawl = record["crawl"]
        line = json.dumps(record, ensure_ascii=False) + "\n"
        # A batch stays within BATCH_BYTES unless it is one record alone, so that the whole
        # of it is in the tail the next run reads.
        if self._unmarked and self._unmarked_bytes + len(line.encode("utf-8")) > BATCH_BYTES:
            self.commit()
        self._unmarked_bytes += self.output.write_line(line)
        self._unmarked.append((crawl["notice_id"], int(crawl["revision"])))
        if (
            not self.output.to_file  # stdout: marked as soon as it is flushed
            or len(self._unmarked) >= BATCH_RECORDS
            or self._unmarked_bytes >= BATCH_BYTES
        ):
            self.commit()

    def commit(self) -> None:
        """Make every line written so far durable, then mark their records emitted."""
        if not self._unmarked:
            return
        self.output.sync()
        self.store.mark_emitted_many(self._unmarked)
        self._unmarked = []
        self._unmarked_bytes = 0

    def emit_pending(self) -> int:
        """Emit what an earlier, interrupted run recorded but never marked emitted; those
        the output's tail already holds are only marked. Returns how many were written."""
        written = 0
        for record in self.store.pending_emissions():
            crawl = record["crawl"]
            if self.output.already_written(crawl["notice_id"], int(crawl["revision"])):
                self.store.mark_emitted(crawl["notice_id"], int(crawl["revision"]))
            else:
                self.emit(record)
                written += 1
        self.commit()
        return written
