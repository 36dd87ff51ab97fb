"""The one store interface: what the crawl, the emitter, ``export``, ``search`` and ``sites
status`` ask of a store, and the values a store gives back.

Two stores implement :class:`NoticeStore`: :class:`~noticecli.crawl.state.StateStore`
(SQLite, one file, the embedded default) and :class:`~noticecli.crawl.pg_store.PostgresStore`
(PostgreSQL, for many workers on many machines). :func:`~noticecli.crawl.stores.open_store`
chooses between them by the location the user gave (a path, or a ``postgresql://`` URL).

Both keep the same tables with the same columns and the same meaning (described in
:mod:`~noticecli.crawl.state`): times are ISO 8601 UTC text (``2026-11-29T15:00:00Z``),
each notice's JSON is kept once, in its revision, as text with its keys in the order the
parser wrote them. Every write method is one transaction: a page is recorded in full or not
at all, and recording the same notice twice (two workers racing on one URL included) gives
one revision, never two.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, Protocol

from noticecli.crawl.rows import Row
from noticecli.crawl.site_status import SiteRunStatus, SiteStatus
from noticecli.models import Notice

__all__ = [
    "Change",
    "ChangeKind",
    "NoticeStore",
    "PageKind",
    "PageState",
    "Row",
    "SearchHit",
    "SiteFacts",
    "SiteRunStatus",
    "SiteStatus",
    "crawl_record",
    "notice_columns",
    "page_state",
]

PageKind = Literal["listing", "notice"]
ChangeKind = Literal["new", "changed", "unchanged"]


@dataclass(frozen=True, slots=True)
class PageState:
    """What the store knows about one URL."""

    url: str
    site: str
    kind: PageKind
    etag: str | None
    last_modified: str | None
    raw_sha256: str | None
    text_sha256: str | None
    first_seen: str
    last_seen: str | None
    last_status: int | None
    failures: int
    last_error: str | None
    next_due: str | None

    def due(self, now: str) -> bool:
        """Whether a failed page's back-off has passed (always true after a success)."""
        return self.next_due is None or self.next_due <= now


@dataclass(frozen=True, slots=True)
class Change:
    """What :meth:`NoticeStore.record_notice` did. ``changed_fields`` is empty unless changed."""

    kind: ChangeKind
    notice_id: str
    revision: int
    changed_fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    notice_id: str
    url: str
    title: str | None
    published_at: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class SiteFacts:
    """What a feed of a site's notices says about the site: its name, the publisher most of
    the notices name, its first listing page, and the latest change among the notices
    (else the site's last run, else when it was first seen)."""

    name: str
    publisher: str | None
    home_url: str | None
    updated: str


def page_state(row: Row) -> PageState:
    """The :class:`PageState` of a ``pages`` row joined with its site's name (``site``)."""
    return PageState(
        url=row["url"],
        site=row["site"],
        kind=row["kind"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        raw_sha256=row["raw_sha256"],
        text_sha256=row["text_sha256"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        last_status=row["last_status"],
        failures=row["failures"],
        last_error=row["last_error"],
        next_due=row["next_due"],
    )


def notice_columns(data: dict[str, Any]) -> tuple[Any, ...]:
    """The fields a ``notices`` row keeps beside the JSON, in the tables' column order:
    title, published_at, publisher, index_no, doc_no, source."""
    return (
        data.get("title"),
        data.get("published_at"),
        data.get("publisher"),
        data.get("index_no"),
        data.get("doc_no"),
        data.get("source"),
    )


def crawl_record(notice_id_: str, revision: int, row: Row) -> dict[str, Any]:
    """A revision's JSON (``row``: json, name, changed_fields, recorded_at) with its crawl
    object: the one shape of crawl output and export, whichever store it comes from."""
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


class NoticeStore(Protocol):
    """A crawl store. Open one with :func:`~noticecli.crawl.stores.open_store`; use it as a
    context manager or ``close()`` it. Problems with the store itself raise
    :class:`~noticecli.errors.InputError` naming :attr:`location`."""

    @property
    def location(self) -> str:
        """Where the store is, as messages name it: a path, or a URL without its password."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> NoticeStore: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def now(self) -> str:
        """The store's clock, as ISO 8601 UTC text."""
        ...

    # --- runs and sites ---

    def begin_run(self) -> int:
        """Start a run; returns its id."""
        ...

    def finish_run(
        self,
        run_id: int,
        status: str,
        *,
        pages_fetched: int = 0,
        notices_new: int = 0,
        notices_changed: int = 0,
        failures: int = 0,
        requests: int = 0,
        sites: Iterable[str] = (),
    ) -> None:
        """Close a run with its status and counts; stamp ``last_run_at`` on ``sites``."""
        ...

    def finish_site(self, name: str, status: SiteRunStatus, *, error: str | None = None) -> int:
        """Record how a site's part of a run ended; returns its failed runs in a row."""
        ...

    def site_names(self) -> list[str]: ...

    def site_statuses(self, names: Iterable[str] = ()) -> list[SiteStatus]: ...

    # --- pages and notices ---

    def page(self, url: str) -> PageState | None: ...

    def is_known(self, url: str) -> bool:
        """Whether a notice has been recorded for ``url``."""
        ...

    def known_urls(self, site: str) -> set[str]: ...

    def notice(self, notice_id_: str) -> dict[str, Any] | None:
        """The current JSON of a notice, or ``None``."""
        ...

    def record_notice(
        self,
        site: str,
        url: str,
        notice: Notice,
        *,
        raw_sha256: str | None,
        etag: str | None = None,
        last_modified: str | None = None,
        status: int | None = 200,
    ) -> Change:
        """Record a fetched notice page in one transaction (a revision when it changed)."""
        ...

    def record_listing(
        self,
        site: str,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        raw_sha256: str | None,
        status: int | None = 200,
    ) -> bool:
        """Record a fetched listing page; true when its bytes differ from the last fetch."""
        ...

    def record_not_modified(self, url: str, status: int = 304) -> bool: ...

    def record_failure(
        self,
        site: str,
        url: str,
        error_reason: str,
        message: str,
        *,
        status: int | None = None,
        kind: PageKind = "notice",
    ) -> int:
        """Count a failed fetch or parse; returns the page's consecutive failures."""
        ...

    def due_notice_urls(self, site: str, seen_before: str) -> list[str]: ...

    # --- listing walks ---

    def walk_complete(self, url: str) -> bool | None: ...

    def begin_walk(self, site: str, url: str) -> None: ...

    def finish_walk(self, url: str) -> None: ...

    # --- emission ---

    def pending_emissions(self) -> Iterator[dict[str, Any]]:
        """Revisions recorded and not yet marked emitted, oldest first, as crawl records."""
        ...

    def emission(self, notice_id_: str, revision: int) -> dict[str, Any]:
        """One revision as a crawl emits it (:func:`crawl_record`)."""
        ...

    def mark_emitted(self, notice_id_: str, revision: int) -> None: ...

    def mark_emitted_many(self, revisions: Iterable[tuple[str, int]]) -> None: ...

    # --- reading ---

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Notices whose title or body holds every space-separated term of ``query``."""
        ...

    def export(
        self, since: str | None = None, site: str | None = None, *, newest: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Current notices as crawl records, oldest first by ``published_at``."""
        ...

    def feed(
        self, site: str, *, newest: int, since: str | None = None
    ) -> tuple[SiteFacts, Iterator[dict[str, Any]]]:
        """A site's facts and the records of its ``newest`` notices, newest first."""
        ...

    def revisions(self, notice_id_: str) -> list[dict[str, Any]]:
        """Every revision of a notice, oldest first."""
        ...
