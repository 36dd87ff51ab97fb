"""Writing crawled notices out: JSON lines (crawl records, whole) or CSV (the main fields)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

# The crawl object's fields first, then the notice's.
CRAWL_COLUMNS = ("notice_id", "site", "revision")
NOTICE_COLUMNS = (
    "url",
    "title",
    "published_at",
    "publisher",
    "source",
    "index_no",
    "doc_no",
    "attachments",
)
CSV_COLUMNS = CRAWL_COLUMNS + NOTICE_COLUMNS


def write_export(
    records: Iterable[dict[str, Any]], fmt: str, stream: IO[str], *, bom: bool = False
) -> int:
    """Write ``records`` (crawl records, from :meth:`StateStore.export`); returns how many.
    ``bom`` starts a CSV with U+FEFF, which Excel needs to read it as UTF-8."""
    count = 0
    if fmt == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    if bom:
        stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        row = {**record, **{name: record["crawl"][name] for name in CRAWL_COLUMNS}}
        row["attachments"] = " ".join(a["url"] for a in record.get("attachments") or [])
        writer.writerow(["" if row.get(name) is None else row[name] for name in CSV_COLUMNS])
        count += 1
    return count
