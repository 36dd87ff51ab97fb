"""Reading the crawl store: full-text search, export, a notice's revisions.

Searching Chinese: the trigram index finds any substring of three characters or more, so
``安全生产`` finds ``关于开展安全生产检查的通知``. The index keeps no positions (which halves
the store): it gives the notices that hold every trigram of the terms (安全生 and 全生产),
best first, and each is kept when its title or body text holds the terms themselves, until
there are enough. Terms of one or two characters cannot use the index; the notices whose
JSON holds them are found by a scan in SQLite (fine for tens of thousands of notices) and
checked the same way.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any

from noticecli.crawl.search_text import MIN_MATCH_CHARS, SNIPPET_MARKS, first_hits, like_pattern
from noticecli.crawl.store_api import SearchHit, SiteFacts, crawl_record

# Importable from here, where they were first.
__all__ = [
    "MIN_MATCH_CHARS",
    "SNIPPET_MARKS",
    "SearchHit",
    "SiteFacts",
    "crawl_record",
    "export",
    "export_ids",
    "records",
    "revisions",
    "search",
    "site_facts",
]

_EXPORT_BATCH = 200


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Notices whose title or body contains every space-separated term of ``query``, those
    with every term in the title first, then newest first. Terms of three characters or
    more use the trigram index; shorter ones are looked for in every notice."""
    terms = query.split()
    if not terms:
        return []
    title_has_all = " AND ".join("n.title LIKE ? ESCAPE '\\'" for _ in terms)
    params: list[object] = []
    trigrams = {t[i : i + 3] for t in terms for i in range(len(t) - MIN_MATCH_CHARS + 1)}
    if trigrams:
        # The index keeps no positions: it gives the notices that hold every trigram of the
        # terms; the terms themselves are checked below.
        source = (
            "notices_fts AS f JOIN notices AS n ON n.page_id = f.rowid WHERE notices_fts MATCH ?"
        )
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in sorted(trigrams)))
    else:
        # A notice whose text holds a term has it in its JSON too, as written (JSON escapes
        # only quotes, backslashes and control characters): a scan in SQLite, cheaper than
        # reading every notice here.
        plain = [t for t in terms if not _JSON_ESCAPED.search(t)]
        source = (
            "notices AS n JOIN notice_revisions AS r ON r.notice_id = n.id"
            " AND r.revision = n.revision WHERE 1"
            + "".join(" AND r.json LIKE ? ESCAPE '\\'" for _ in plain)
        )
        params += [like_pattern(term) for term in plain]
    candidates = [
        row[0]
        for row in conn.execute(
            f"SELECT n.id FROM {source}"
            f" ORDER BY ({title_has_all}) DESC, n.published_at DESC, n.first_seen DESC",
            (*params, *(like_pattern(term) for term in terms)),
        )
    ]
    return first_hits(candidates, partial(_current, conn), terms, limit, _SEARCH_BATCH)


_JSON_ESCAPED = re.compile(r'["\\\x00-\x1f]')
_SEARCH_BATCH = 50


def _current(conn: sqlite3.Connection, ids: Sequence[str]) -> list[sqlite3.Row]:
    """The rows of notices ``ids`` with their current JSON, in the order given."""
    rows = conn.execute(
        "SELECT n.id, n.url, n.title, n.published_at, r.json FROM notices AS n"
        " JOIN notice_revisions AS r ON r.notice_id = n.id AND r.revision = n.revision"
        f" WHERE n.id IN ({', '.join('?' * len(ids))})",
        ids,
    ).fetchall()
    by_id = {row["id"]: row for row in rows}
    return [by_id[nid] for nid in ids if nid in by_id]


def export(
    conn: sqlite3.Connection,
    since: str | None = None,
    site: str | None = None,
    *,
    newest: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Current notices as crawl records (the notice's JSON with the ``crawl`` object of
    its current revision, as ``StateStore.emission`` gives it), oldest first by
    ``published_at`` (else ``first_seen``).
    ``since`` keeps notices new or changed at or after that ISO time (``updated_at``);
    a date such as ``2026-11-29`` works. ``site`` keeps one site; ``newest`` the last N."""
    return records(conn, export_ids(conn, since, site, newest=newest))


def export_ids(
    conn: sqlite3.Connection,
    since: str | None = None,
    site: str | None = None,
    *,
    newest: int | None = None,
) -> list[str]:
    """The ids :func:`export` gives the records of, in its order."""
    ids = [row[0] for row in conn.execute(_SELECTION, _selection_params(since, site, newest))]
    ids.reverse()
    return ids


# The notices export selects, newest first: parameters since, site, how many (-1: all).
_SELECTION = (
    "SELECT n.id FROM notices AS n JOIN pages AS p ON p.id = n.page_id"
    " JOIN sites AS s ON s.id = p.site_id"
    " WHERE (?1 IS NULL OR n.updated_at >= ?1) AND (?2 IS NULL OR s.name = ?2)"
    " ORDER BY coalesce(n.published_at, n.first_seen) DESC, n.first_seen DESC, n.id DESC"
    " LIMIT ?3"
)


def _selection_params(
    since: str | None, site: str | None, newest: int | None
) -> tuple[str | None, str | None, int]:
    return since, site, -1 if newest is None else newest


def records(conn: sqlite3.Connection, ids: Sequence[str]) -> Iterator[dict[str, Any]]:
    """The crawl records of the notices ``ids``, in that order (a notice deleted meanwhile
    is left out)."""
    # The JSON in batches: no statement stays open between yields, so the caller may write
    # to the store while it iterates.
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
            if row is not None:
                yield crawl_record(nid, int(row["revision"]), row)


def site_facts(
    conn: sqlite3.Connection, site: str, since: str | None = None, newest: int | None = None
) -> SiteFacts:
    """:class:`SiteFacts` of ``site``, over the notices :func:`export` gives for the same
    arguments."""
    selection = _selection_params(since, site, newest)
    publisher = conn.execute(
        "SELECT coalesce(publisher, source) AS who FROM notices"
        f" WHERE id IN ({_SELECTION}) AND who IS NOT NULL"
        " GROUP BY who ORDER BY count(*) DESC, max(updated_at) DESC LIMIT 1",
        selection,
    ).fetchone()
    updated = conn.execute(
        f"SELECT max(updated_at) FROM notices WHERE id IN ({_SELECTION})", selection
    ).fetchone()[0]
    row = conn.execute(
        "SELECT s.last_run_at, s.first_seen, (SELECT p.url FROM pages AS p"
        " WHERE p.site_id = s.id AND p.kind = 'listing' ORDER BY p.first_seen, p.id LIMIT 1)"
        " FROM sites AS s WHERE s.name = ?",
        (site,),
    ).fetchone()
    return SiteFacts(
        name=site,
        publisher=None if publisher is None else publisher[0],
        home_url=row[2],
        updated=updated or row[0] or row[1],
    )


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
