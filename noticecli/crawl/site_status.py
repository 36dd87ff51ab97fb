"""Each site's health as the store keeps it: how its last run ended, its failed runs in a
row, its last new notice, what is known of it (``noticecli sites status``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from noticecli.crawl.rows import Row

#: How a site's part of a run ended: ``ok``; ``partial``, some pages failed but its listings
#: were read; ``failed``, a listing page could not be read or every notice it tried failed
#: (the site is not being watched).
SiteRunStatus = Literal["ok", "partial", "failed"]


@dataclass(frozen=True, slots=True)
class SiteStatus:
    """One site in the store. Times are ISO 8601 UTC (``None``: never)."""

    site: str
    last_run_at: str | None
    last_status: str | None  # a SiteRunStatus; None before the first run that recorded one
    last_success_at: str | None
    consecutive_failures: int
    last_new_at: str | None  # when its newest notice was first recorded
    pages: int  # listing and notice pages known
    notices: int
    last_failure_at: str | None
    last_error: str | None  # the first failure of the last run that had one

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# The site-health query both stores ask, up to its WHERE: each site's columns, and its pages,
# notices and newest notice counted. The rows are read by site_status.
SITE_STATUS_SELECT = (
    "SELECT s.name, s.last_run_at, s.last_status, s.last_success_at,"
    " s.consecutive_failures, s.last_failure_at, s.last_error,"
    " (SELECT count(*) FROM pages AS p WHERE p.site_id = s.id) AS pages,"
    " (SELECT count(*) FROM notices AS n JOIN pages AS p ON p.id = n.page_id"
    "   WHERE p.site_id = s.id) AS notices,"
    " (SELECT max(n.first_seen) FROM notices AS n JOIN pages AS p ON p.id = n.page_id"
    "   WHERE p.site_id = s.id) AS last_new_at"
    " FROM sites AS s"
)


def site_status(row: Row) -> SiteStatus:
    """The :class:`SiteStatus` of a row of the site-health query (both stores ask it alike)."""
    return SiteStatus(
        site=row["name"],
        last_run_at=row["last_run_at"],
        last_status=row["last_status"],
        last_success_at=row["last_success_at"],
        consecutive_failures=int(row["consecutive_failures"]),
        last_new_at=row["last_new_at"],
        pages=int(row["pages"]),
        notices=int(row["notices"]),
        last_failure_at=row["last_failure_at"],
        last_error=row["last_error"],
    )


def site_statuses(conn: sqlite3.Connection, names: Sequence[str] = ()) -> list[SiteStatus]:
    """Every site in the store (or those in ``names``), by name."""
    where = f"WHERE s.name IN ({', '.join('?' * len(names))})" if names else ""
    rows = conn.execute(
        f"{SITE_STATUS_SELECT} {where} ORDER BY s.name",
        tuple(names),
    ).fetchall()
    return [site_status(row) for row in rows]
