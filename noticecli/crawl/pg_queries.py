"""Reading the PostgreSQL store: full-text search, export (and what a feed says of its
site), revisions, each site's health. The same answers as :mod:`~noticecli.crawl.queries`
and :mod:`~noticecli.crawl.site_status` give on SQLite, in the same order.

Searching Chinese: each term becomes ``ILIKE '%term%'`` on the title and body text of the
notices' revisions (:data:`~noticecli.crawl.pg_schema.SEARCH_TEXT_FUNCTION`), which the
GIN trigram index (pg_trgm) answers for terms of three characters or more; shorter terms
are checked on every notice by the server. Each candidate is then kept when its title or
its body text holds every term (:func:`~noticecli.crawl.search_text.hit_in`, as on SQLite),
so the hits and their snippets are those SQLite gives. The one difference: case is folded
by PostgreSQL's rules for the candidates (Unicode, with a UTF-8 ``LC_CTYPE``) where SQLite's
``LIKE`` folds ASCII only, which changes nothing for Chinese.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from noticecli.crawl.pg_schema import SEARCH_TEXT_FUNCTION
from noticecli.crawl.search_text import first_hits, like_pattern
from noticecli.crawl.site_status import SITE_STATUS_SELECT, SiteStatus, site_status
from noticecli.crawl.store_api import SearchHit, SiteFacts, crawl_record

if TYPE_CHECKING:
    import psycopg

    Connection = psycopg.Connection[dict[str, Any]]

_EXPORT_BATCH = 200
_SEARCH_BATCH = 50


def search(conn: Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Notices whose title or body contains every space-separated term of ``query``, those
    with every term in the title first, then newest first."""
    terms = query.split()
    if not terms:
        return []
    patterns = [like_pattern(term) for term in terms]
    holds_all = " AND ".join(f"{SEARCH_TEXT_FUNCTION}(r.json) ILIKE %s" for _ in terms)
    title_has_all = " AND ".join("n.title ILIKE %s" for _ in terms)
    rows = conn.execute(
        "SELECT n.id FROM notices AS n JOIN notice_revisions AS r"
        " ON r.notice_id = n.id AND r.revision = n.revision"
        f" WHERE {holds_all}"
        f" ORDER BY ({title_has_all}) DESC NULLS LAST, n.published_at DESC NULLS LAST,"
        " n.first_seen DESC",
        (*patterns, *patterns),
    ).fetchall()
    candidates = [row["id"] for row in rows]
    return first_hits(candidates, partial(_current, conn), terms, limit, _SEARCH_BATCH)


def _current(conn: Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of notices ``ids`` with their current JSON, in the order given."""
    rows = conn.execute(
        "SELECT n.id, n.url, n.title, n.published_at, r.json FROM notices AS n"
        " JOIN notice_revisions AS r ON r.notice_id = n.id AND r.revision = n.revision"
        " WHERE n.id = ANY(%s)",
        (list(ids),),
    ).fetchall()
    by_id = {row["id"]: row for row in rows}
    return [by_id[nid] for nid in ids if nid in by_id]


# The notices export selects, newest first (NULL: no filter, all of them).
_SELECTION = (
    "SELECT n.id FROM notices AS n JOIN pages AS p ON p.id = n.page_id"
    " JOIN sites AS s ON s.id = p.site_id"
    " WHERE (%(since)s::text IS NULL OR n.updated_at >= %(since)s::text)"
    " AND (%(site)s::text IS NULL OR s.name = %(site)s::text)"
    " ORDER BY coalesce(n.published_at, n.first_seen) DESC, n.first_seen DESC, n.id DESC"
    " LIMIT %(newest)s"
)


def export_ids(
    conn: Connection,
    since: str | None = None,
    site: str | None = None,
    *,
    newest: int | None = None,
) -> list[str]:
    """The ids of the notices export gives, oldest first."""
    rows = conn.execute(_SELECTION, {"since": since, "site": site, "newest": newest}).fetchall()
    ids = [row["id"] for row in rows]
    ids.reverse()
    return ids


def records(conn: Connection, ids: Sequence[str]) -> Iterator[dict[str, Any]]:
    """The crawl records of the notices ``ids``, in that order (a notice deleted meanwhile
    is left out), read in batches."""
    for start in range(0, len(ids), _EXPORT_BATCH):
        batch = list(ids[start : start + _EXPORT_BATCH])
        rows = conn.execute(
            "SELECT n.id, n.revision, r.json, r.changed_fields, r.recorded_at, s.name"
            " FROM notices AS n JOIN notice_revisions AS r"
            " ON r.notice_id = n.id AND r.revision = n.revision"
            " JOIN pages AS p ON p.id = n.page_id JOIN sites AS s ON s.id = p.site_id"
            " WHERE n.id = ANY(%s)",
            (batch,),
        ).fetchall()
        by_id = {row["id"]: row for row in rows}
        for nid in batch:
            row = by_id.get(nid)
            if row is not None:
                yield crawl_record(nid, int(row["revision"]), row)


def site_facts(
    conn: Connection, site: str, since: str | None = None, newest: int | None = None
) -> SiteFacts:
    """What a feed says of ``site``, over the notices export gives for the same arguments."""
    selection = {"since": since, "site": site, "newest": newest}
    publisher = conn.execute(
        "SELECT coalesce(publisher, source) AS who FROM notices"
        f" WHERE id IN ({_SELECTION}) AND coalesce(publisher, source) IS NOT NULL"
        " GROUP BY 1 ORDER BY count(*) DESC, max(updated_at) DESC LIMIT 1",
        selection,
    ).fetchone()
    updated = conn.execute(
        f"SELECT max(updated_at) AS updated FROM notices WHERE id IN ({_SELECTION})", selection
    ).fetchone()
    row = conn.execute(
        "SELECT s.last_run_at, s.first_seen, (SELECT p.url FROM pages AS p"
        " WHERE p.site_id = s.id AND p.kind = 'listing' ORDER BY p.first_seen, p.id LIMIT 1)"
        " AS home_url FROM sites AS s WHERE s.name = %s",
        (site,),
    ).fetchone()
    if row is None:
        raise ValueError(f"no site named {site!r}")
    latest = updated["updated"] if updated is not None else None
    return SiteFacts(
        name=site,
        publisher=None if publisher is None else publisher["who"],
        home_url=row["home_url"],
        updated=latest or row["last_run_at"] or row["first_seen"],
    )


def revisions(conn: Connection, notice_id_: str) -> list[dict[str, Any]]:
    """Every revision of a notice, oldest first: revision, recorded_at, changed_fields,
    notice (the JSON of that revision)."""
    rows = conn.execute(
        "SELECT revision, recorded_at, changed_fields, json FROM notice_revisions"
        " WHERE notice_id = %s ORDER BY revision",
        (notice_id_,),
    ).fetchall()
    return [
        {
            "revision": row["revision"],
            "recorded_at": row["recorded_at"],
            "changed_fields": json.loads(row["changed_fields"]),
            "notice": json.loads(row["json"]),
        }
        for row in rows
    ]


def site_statuses(conn: Connection, names: Sequence[str] = ()) -> list[SiteStatus]:
    """Every site in the store (or those in ``names``), by name."""
    rows = conn.execute(
        SITE_STATUS_SELECT
        + " WHERE cardinality(%(names)s::text[]) = 0 OR s.name = ANY(%(names)s::text[])"
        " ORDER BY s.name",
        {"names": list(names)},
    ).fetchall()
    return [site_status(row) for row in rows]
