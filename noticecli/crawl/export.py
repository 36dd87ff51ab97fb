"""Writing crawled notices out: JSON lines (everything) or CSV (the main fields)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

CSV_COLUMNS = (
    "notice_id",
    "site",
    "revision",
    "url",
    "title",
    "published_at",
    "publisher",
    "source",
    "index_no",
    "doc_no",
    "attachments",
)


def write_export(records: Iterable[dict[str, Any]], fmt: str, stream: IO[str]) -> int:
    """Write ``records`` (from :meth:`StateStore.export`); returns how many."""
    count = 0
    if fmt == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        row = dict(record)
        row["attachments"] = " ".join(a["url"] for a in record.get("attachments") or [])
        writer.writerow(["" if row.get(name) is None else row[name] for name in CSV_COLUMNS])
        count += 1
    return count
