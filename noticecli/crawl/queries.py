"""Reading the crawl store: full-text search, export, a notice's revisions.

Searching Chinese: the trigram tokenizer matches any substring of three characters or more,
so ``安全生产`` finds ``关于开展安全生产检查的通知``. Terms of one or two characters cannot use
the index; :func:`search` matches them with ``LIKE`` (a scan of the FTS table, fine for tens
of thousands of notices).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

MIN_MATCH_CHARS = 3  # the trigram tokenizer needs at least three characters
SNIPPET_MARKS = ("[", "]")
_EXPORT_BATCH = 200


@dataclass(frozen=True, slots=True)
class SearchHit:
    notice_id: str
    url: str
    title: str | None
    published_at: str | None
    snippet: str


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Notices whose title or body contains every space-separated term of ``query``.
    Terms of three characters or more use the trigram index; shorter ones use ``LIKE``."""
    terms = query.split()
    if not terms:
        return []
    long_terms = [t for t in terms if len(t) >= MIN_MATCH_CHARS]
    short_terms = [t for t in terms if len(t) < MIN_MATCH_CHARS]
    where: list[str] = []
    params: list[object] = []
    if long_terms:
        where.append("notices_fts MATCH ?")
        params.append(" ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for term in short_terms:
        pattern = "%" + re.sub(r"([%_\\])", r"\\\1", term) + "%"
        where.append("(f.title LIKE ? ESCAPE '\\' OR f.body LIKE ? ESCAPE '\\')")
        params += [pattern, pattern]
    open_, close = SNIPPET_MARKS
    snippet = f"snippet(notices_fts, -1, '{open_}', '{close}', '…', 24)" if long_terms else "''"
    order = "rank, " if long_terms else ""
    sql = (
        f"SELECT n.id, n.url, n.title, n.published_at, f.title AS ft, f.body AS fb,"
        f" {snippet} AS snip FROM notices_fts AS f JOIN notices AS n ON n.page_id = f.rowid"
        f" WHERE {' AND '.join(where)}"
        f" ORDER BY {order}n.published_at DESC, n.first_seen DESC LIMIT ?"
    )
    rows = conn.execute(sql, (*params, limit)).fetchall()
    return [
        SearchHit(
            row["id"],
            row["url"],
            row["title"],
            row["published_at"],
            row["snip"] or _like_snippet(row["fb"] or row["ft"] or "", terms),
        )
        for row in rows
    ]


def export(
    conn: sqlite3.Connection, since: str | None = None, site: str | None = None
) -> Iterator[dict[str, Any]]:
    """Current notices as crawl records (the notice's JSON with the ``crawl`` object of
    its current revision, as ``StateStore.emission`` gives it), oldest first by
    ``published_at`` (else ``first_seen``).
    ``since`` keeps notices new or changed at or after that ISO time (``updated_at``);
    a date such as ``2026-11-29`` works. ``site`` keeps one site."""
    # The ids first (small), then the JSON in batches: no statement stays open between
    # yields, so the caller may write to the store while it iterates.
    ids = [
        row[0]
        for row in conn.execute(
            "SELECT n.id FROM notices AS n JOIN pages AS p ON p.id = n.page_id"
            " JOIN sites AS s ON s.id = p.site_id"
            " WHERE (?1 IS NULL OR n.updated_at >= ?1) AND (?2 IS NULL OR s.name = ?2)"
            " ORDER BY coalesce(n.published_at, n.first_seen), n.first_seen, n.id",
            (since, site),
        )
    ]
    for start in range(0, len(ids), _EXPORT_BATCH):
        batch = ids[start : start + _EXPORT_BATCH]
        rows = conn.execute(
            "SELECT n.id, n.revision, r.json, r.changed_fields, r.recorded_at, s.name"
            " FROM notices AS n JOIN notice_revisions AS r"
            " ON r.notice_id = n.id AND r.revision = n.revision"
            " JOIN pages AS p ON p.id = n.page_id JOIN sites AS s ON s.id = p.site_id"
            f" WHERE n.id IN ({', '.join('?' * len(batch))})",
            batch,
        ).fetchall()
        by_id = {row["id"]: row for row in rows}
        for nid in batch:
            row = by_id.get(nid)
            if row is not None:  # deleted meanwhile
                yield crawl_record(nid, int(row["revision"]), row)


def crawl_record(notice_id_: str, revision: int, row: sqlite3.Row) -> dict[str, Any]:
    """A revision's JSON (``row``: json, name, changed_fields, recorded_at) with its crawl
    object: the one shape of crawl output and export."""
    record: dict[str, Any] = json.loads(row["json"])
    record["crawl"] = {
        "notice_id": notice_id_,
        "site": row["name"],
        "revision": revision,
        "change": "new" if revision == 1 else "changed",
        "changed_fields": json.loads(row["changed_fields"]),
        "recorded_at": row["recorded_at"],
    }
    return record


def revisions(conn: sqlite3.Connection, notice_id_: str) -> list[dict[str, Any]]:
    """Every revision of a notice, oldest first: revision, recorded_at, changed_fields,
    notice (the JSON of that revision)."""
    rows = conn.execute(
        "SELECT revision, recorded_at, changed_fields, json FROM notice_revisions"
        " WHERE notice_id = ? ORDER BY revision",
        (notice_id_,),
    )
    return [
        {
            "revision": row["revision"],
            "recorded_at": row["recorded_at"],
            "changed_fields": json.loads(row["changed_fields"]),
            "notice": json.loads(row["json"]),
        }
        for row in rows
    ]


def _like_snippet(text: str, terms: Sequence[str], width: int = 24) -> str:
    open_, close = SNIPPET_MARKS
    lowered = text.lower()
    for term in terms:
        at = lowered.find(term.lower())
        if at >= 0:
            start, end = max(0, at - width), min(len(text), at + len(term) + width)
            return (
                ("…" if start else "")
                + text[start:at]
                + open_
                + text[at : at + len(term)]
                + close
                + text[at + len(term) : end]
                + ("…" if end < len(text) else "")
            )
    return text[: 2 * width]
