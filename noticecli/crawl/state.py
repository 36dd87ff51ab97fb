"""What the crawler has seen: one SQLite file, readable as-is with ``sqlite3`` or Datasette.

Default location: ``noticecli.db`` in the user's data folder (:func:`default_db_path`). The
file is in WAL mode with ``synchronous=NORMAL`` and foreign keys on. Every write method runs in
one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), so a process killed at any moment leaves
each page either fully recorded or not at all.

Tables (plain tables, readable column names, ISO 8601 UTC text timestamps such as
``2026-11-29T15:00:00Z``, JSON stored as TEXT):

``sites``            one row per site name in the sites file, with its health: how its last
                     run ended (``last_status``: ``ok``, ``partial`` or ``failed``, see
                     :data:`~noticecli.crawl.site_status.SiteRunStatus`),
                     ``last_success_at``, ``consecutive_failures`` (failed runs in a row),
                     ``last_failure_at`` and ``last_error`` (that run's first failure)
``pages``            every fetched URL (canonical form, :func:`canonical_url`), listing or
                     notice: conditional-request metadata (``etag``, ``last_modified``), hashes,
                     ``last_status``, consecutive ``failures``, ``last_error``, ``next_due``
``notices``          one row per notice: ``id`` is :func:`notice_id`, ``url`` the canonical
                     URL, the main fields as columns, and ``revision``, the number of its
                     current revision; a notice that did not change is not rewritten
``notice_revisions`` every revision of every notice, the first included: ``json`` (the full
                     :meth:`Notice.to_dict` output, its own ``url`` as fetched; the one place
                     a notice's JSON is kept) and the fields that changed (``changed_fields``,
                     a JSON list)
``runs``             one row per crawl run, with its counts
``notices_json``     a view: each notice's current JSON (``json``) with its site, URL, title
``notices_text``     a view: each notice's title and body text, as the full-text index reads
                     them
``notices_fts``      FTS5 full-text index (``tokenize='trigram'``, ``detail=none``) over
                     ``notices_text``; its ``rowid`` is the notice's ``page_id``

Searching (:mod:`noticecli.crawl.queries`): Datasette shows ``notices_fts`` as a table of its
own; filter it with "body contains" (``?body__contains=``), which the trigram index answers.
``sqlite3`` users write ``SELECT notice_id, title FROM notices_fts WHERE body LIKE
'%安全生产%'``. (``MATCH`` takes single trigrams only, ``'"安全生" AND "全生产"'``: the index
keeps no positions, which halves the store; see :mod:`~noticecli.crawl.store_schema`.)

A notice is *changed* when its fingerprint changes (:mod:`noticecli.crawl.identity` says
what it covers); ``changed_fields`` of a revision names which tracked fields differ from the
revision before (empty for revision 1).

Pages: ``failures`` counts consecutive failures (a success resets it, and clears
``last_error`` and ``next_due``); after a failure ``next_due`` is 1, 2, 4 … hours later, at
most a week. ``last_seen`` is the last successful fetch (200 or 304); the conditional
metadata (``etag``, ``last_modified``) is replaced only by a successful full fetch.

The rest of the store lives beside this module, each part in its own: the tables and
migrations (:mod:`~noticecli.crawl.store_schema`), the crawl lock
(:mod:`~noticecli.crawl.lock`), URL and content identity (:mod:`~noticecli.crawl.identity`),
search and export (:mod:`~noticecli.crawl.queries`). Their public names are importable from
here too.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from noticecli.crawl import queries
from noticecli.crawl.clock import Clock, iso, utcnow
from noticecli.crawl.identity import (
    TRACKED_FIELDS,
    VOLATILE_HEADER_KEYS,
    canonical_url,
    changed_fields,
    fingerprint,
    notice_id,
    text_sha256,
)
from noticecli.crawl.lock import LockHolder, crawl_lock, lock_paths, read_lock_holder
from noticecli.crawl.search_text import MIN_MATCH_CHARS, SNIPPET_MARKS
from noticecli.crawl.site_status import SiteRunStatus, SiteStatus, site_statuses
from noticecli.crawl.store_api import (
    Change,
    ChangeKind,
    PageKind,
    PageState,
    SearchHit,
    SiteFacts,
    crawl_record,
    notice_columns,
    page_state,
)
from noticecli.crawl.store_schema import MIGRATIONS, SCHEMA_VERSION, compact_json, migrate
from noticecli.errors import InputError
from noticecli.models import Notice

# Importable from here, where the store's users have always found them.
__all__ = [
    "MIGRATIONS",
    "MIN_MATCH_CHARS",
    "SCHEMA_VERSION",
    "SNIPPET_MARKS",
    "TRACKED_FIELDS",
    "VOLATILE_HEADER_KEYS",
    "Change",
    "ChangeKind",
    "Clock",
    "LockHolder",
    "PageKind",
    "PageState",
    "SearchHit",
    "SiteFacts",
    "SiteRunStatus",
    "SiteStatus",
    "StateStore",
    "canonical_url",
    "crawl_lock",
    "default_db_path",
    "fingerprint",
    "iso",
    "lock_paths",
    "notice_id",
    "read_lock_holder",
    "text_sha256",
]

MAX_BACKOFF_HOURS = 168


# --- paths ----------------------------------------------------------------------------


def default_db_path() -> Path:
    """``noticecli.db`` in the user's data folder for noticecli."""
    import platformdirs

    return platformdirs.user_data_path("noticecli") / "noticecli.db"


# --- the store ------------------------------------------------------------------------------


class StateStore:
    """The crawler's memory in one SQLite file, a :class:`~noticecli.crawl.store_api.NoticeStore`.
    Open with :meth:`open`; use as a context manager or ``close()``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock = utcnow) -> None:
        self._conn = conn
        self.path = path
        self._clock = clock

    @classmethod
    def open(cls, path: Path, *, clock: Clock | None = None, create: bool = True) -> StateStore:
        """Open (creating folders and file unless ``create`` is false) and bring the schema
        up to date. Problems with the file raise :class:`InputError` naming it."""
        if not create and not path.is_file():
            raise InputError(
                "no such store (run noticecli crawl first, or give --db)", source=str(path)
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
        except (OSError, sqlite3.Error) as error:
            raise InputError(f"cannot open the store: {error}", source=str(path)) from None
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, path)
        except sqlite3.OperationalError as error:
            conn.close()
            if "locked" in str(error) or "busy" in str(error):  # past the 30 s busy timeout
                raise InputError(
                    "the store is busy (another noticecli is writing or upgrading it); "
                    "try again later",
                    source=str(path),
                ) from None
            raise InputError(f"not a noticecli store: {error}", source=str(path)) from None
        except sqlite3.DatabaseError as error:
            conn.close()
            raise InputError(f"not a noticecli store: {error}", source=str(path)) from None
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock or utcnow)

    @property
    def location(self) -> str:
        """The store's path, as messages name it."""
        return str(self.path)

    def site_names(self) -> list[str]:
        return [row[0] for row in self._conn.execute("SELECT name FROM sites ORDER BY name")]

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for reading (write through the methods)."""
        return self._conn

    def now(self) -> str:
        return iso(self._clock())

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    # --- runs ---

    def begin_run(self) -> int:
        """Start a run (call it while holding :func:`crawl_lock`). Runs still marked
        ``running`` were cut short by a crash; they become ``interrupted``."""
        with self._write() as conn:
            conn.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            row = conn.execute(
                "INSERT INTO runs(started_at, status, pid, host) VALUES (?, 'running', ?, ?)"
                " RETURNING id",
                (self.now(), os.getpid(), socket.gethostname()),
            ).fetchone()
        return int(row[0])

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
        """Close a run with its status (``ok``, ``partial``, ``failed`` …) and counts, and
        stamp ``last_run_at`` on the named sites."""
        now = self.now()
        with self._write() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, pages_fetched = ?,"
                " notices_new = ?, notices_changed = ?, failures = ?, requests = ?"
                " WHERE id = ?",
                (
                    now,
                    status,
                    pages_fetched,
                    notices_new,
                    notices_changed,
                    failures,
                    requests,
                    run_id,
                ),
            )
            for name in sites:
                site_id = self._site_id(name, now)
                conn.execute("UPDATE sites SET last_run_at = ? WHERE id = ?", (now, site_id))

    def finish_site(self, name: str, status: SiteRunStatus, *, error: str | None = None) -> int:
        """Record how ``name``'s part of the current run ended, with its first failure
        (``error``), and return its failed runs in a row (0 unless ``status`` is
        ``failed``; a run that read the site, ``ok`` or ``partial``, ends the streak)."""
        now = self.now()
        with self._write() as conn:
            site_id = self._site_id(name, now)
            failed = status == "failed"
            row = conn.execute(
                "UPDATE sites SET last_run_at = ?1, last_status = ?2,"
                " last_success_at = CASE WHEN ?3 THEN last_success_at ELSE ?1 END,"
                " consecutive_failures = CASE WHEN ?3 THEN consecutive_failures + 1 ELSE 0 END,"
                " last_failure_at = CASE WHEN ?4 IS NULL THEN last_failure_at ELSE ?1 END,"
                " last_error = coalesce(?4, last_error)"
                " WHERE id = ?5 RETURNING consecutive_failures",
                (now, status, failed, error, site_id),
            ).fetchone()
        return int(row[0])

    def site_statuses(self, names: Iterable[str] = ()) -> list[SiteStatus]:
        """Each site's health and what is known of it (those in ``names``; all by
        default), by name."""
        return site_statuses(self._conn, tuple(names))

    # --- reading ---

    def page(self, url: str) -> PageState | None:
        row = self._conn.execute(
            "SELECT pages.*, sites.name AS site FROM pages JOIN sites ON sites.id = pages.site_id"
            " WHERE url = ?",
            (canonical_url(url),),
        ).fetchone()
        if row is None:
            return None
        return page_state(row)

    def is_known(self, url: str) -> bool:
        """Whether a notice has been recorded for ``url`` (failed fetches do not count)."""
        row = self._conn.execute("SELECT 1 FROM notices WHERE id = ?", (notice_id(url),)).fetchone()
        return row is not None

    def known_urls(self, site: str) -> set[str]:
        """Canonical URLs of the notices recorded for ``site``."""
        rows = self._conn.execute(
            "SELECT pages.url FROM notices JOIN pages ON pages.id = notices.page_id"
            " JOIN sites ON sites.id = pages.site_id WHERE sites.name = ?",
            (site,),
        )
        return {row[0] for row in rows}

    def notice(self, notice_id_: str) -> dict[str, Any] | None:
        """The current JSON of a notice, or ``None``."""
        row = self._conn.execute(
            "SELECT json FROM notices_json WHERE notice_id = ?", (notice_id_,)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    # --- writing ---

    def _site_id(self, name: str, now: str) -> int:
        self._conn.execute(
            "INSERT INTO sites(name, first_seen) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
            (name, now),
        )
        row = self._conn.execute("SELECT id FROM sites WHERE name = ?", (name,)).fetchone()
        return int(row[0])

    def _seen_page(
        self,
        site: str,
        url: str,
        kind: PageKind,
        now: str,
        meta: tuple[str | None, str | None, str | None, str | None, int | None],
    ) -> int:
        """Upsert a successfully fetched page; ``meta`` = etag, last_modified, raw, text, status."""
        row = self._conn.execute(
            "INSERT INTO pages(site_id, url, kind, etag, last_modified, raw_sha256, text_sha256,"
            " last_status, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag,"
            " last_modified = excluded.last_modified, raw_sha256 = excluded.raw_sha256,"
            " text_sha256 = excluded.text_sha256, last_status = excluded.last_status,"
            " last_seen = excluded.last_seen, failures = 0, last_error = NULL, next_due = NULL"
            " RETURNING id",
            (self._site_id(site, now), url, kind, *meta, now, now),
        ).fetchone()
        return int(row[0])

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
        """Record a fetched and parsed notice page, in one transaction: the page, the notice,
        a revision when its fingerprint changed, and the full-text row."""
        if notice.kind != "notice":
            raise ValueError(f"record_notice takes a notice, not a {notice.kind} page")
        url = canonical_url(url)
        data = notice.to_dict()
        digest = text_sha256(data)
        now = self.now()
        with self._write():
            page_id = self._seen_page(
                site, url, "notice", now, (etag, last_modified, raw_sha256, digest, status)
            )
            return self._upsert_notice(page_id, url, data, digest, now)

    def _upsert_notice(
        self, page_id: int, url: str, data: dict[str, Any], digest: str, now: str
    ) -> Change:
        nid = notice_id(url)
        old = self._conn.execute(
            "SELECT n.revision, r.json, n.text_sha256 FROM notices AS n JOIN notice_revisions"
            " AS r ON r.notice_id = n.id AND r.revision = n.revision WHERE n.id = ?",
            (nid,),
        ).fetchone()
        if old is not None and old["text_sha256"] == digest:
            return Change("unchanged", nid, int(old["revision"]))
        kind: ChangeKind
        changed: tuple[str, ...]
        if old is None:
            revision, changed, kind = 1, (), "new"
            # A placeholder row, filled in by _write_revision in the same transaction (its
            # revision is checked at commit).
            self._conn.execute(
                "INSERT INTO notices(id, page_id, url, revision, text_sha256, first_seen,"
                " updated_at) VALUES (?, ?, ?, 0, '', ?, ?)",
                (nid, page_id, url, now, now),
            )
        else:
            revision, kind = int(old["revision"]) + 1, "changed"
            changed = changed_fields(json.loads(old["json"]), data)
        self._write_revision(nid, page_id, revision, data, digest, changed, now)
        return Change(kind, nid, revision, changed)

    def _write_revision(
        self,
        nid: str,
        page_id: int,
        revision: int,
        data: dict[str, Any],
        digest: str,
        changed: tuple[str, ...],
        now: str,
    ) -> None:
        # The index reads its text from notices_text (the current revision's JSON): the old
        # text leaves it before the notice points at the new revision, the new text after.
        self._conn.execute(
            "INSERT INTO notices_fts(notices_fts, rowid, notice_id, title, body)"
            " SELECT 'delete', page_id, notice_id, title, body FROM notices_text"
            " WHERE notice_id = ?",
            (nid,),
        )
        self._conn.execute(
            "INSERT INTO notice_revisions(notice_id, revision, json, text_sha256,"
            " changed_fields, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            (nid, revision, compact_json(data), digest, json.dumps(list(changed)), now),
        )
        self._conn.execute(
            "UPDATE notices SET page_id = ?, title = ?, published_at = ?, publisher = ?,"
            " index_no = ?, doc_no = ?, source = ?, revision = ?, text_sha256 = ?,"
            " updated_at = ? WHERE id = ?",
            (page_id, *notice_columns(data), revision, digest, now, nid),
        )
        self._conn.execute(
            "INSERT INTO notices_fts(rowid, notice_id, title, body)"
            " SELECT page_id, notice_id, title, body FROM notices_text WHERE page_id = ?",
            (page_id,),
        )

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
        url = canonical_url(url)
        now = self.now()
        with self._write() as conn:
            old = conn.execute("SELECT raw_sha256 FROM pages WHERE url = ?", (url,)).fetchone()
            self._seen_page(
                site, url, "listing", now, (etag, last_modified, raw_sha256, None, status)
            )
        return old is None or old[0] is None or old[0] != raw_sha256

    def record_not_modified(self, url: str, status: int = 304) -> bool:
        """A conditional request said "not modified": touch ``last_seen``, keep the rest.
        False when the URL is not in the store."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE pages SET last_seen = ?, last_status = ?, failures = 0,"
                " last_error = NULL, next_due = NULL WHERE url = ?",
                (self.now(), status, canonical_url(url)),
            )
        return cursor.rowcount > 0

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
        """Count a failed fetch or parse (``error_reason`` is a stable word such as
        ``FetchError.reason``); keeps the conditional metadata. Returns the number of
        consecutive failures; ``next_due`` backs off 1, 2, 4 … hours (at most a week)."""
        url = canonical_url(url)
        moment = self._clock()
        now = iso(moment)
        with self._write() as conn:
            row = conn.execute(
                "INSERT INTO pages(site_id, url, kind, first_seen, failures, last_error,"
                " last_status) VALUES (?, ?, ?, ?, 1, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET failures = failures + 1,"
                " last_error = excluded.last_error, last_status = excluded.last_status"
                " RETURNING id, failures",
                (self._site_id(site, now), url, kind, now, f"{error_reason}: {message}", status),
            ).fetchone()
            failures = int(row["failures"])
            hours = min(2 ** min(failures - 1, 16), MAX_BACKOFF_HOURS)
            due = iso(moment + timedelta(hours=hours))
            conn.execute("UPDATE pages SET next_due = ? WHERE id = ?", (due, row["id"]))
        return failures

    # --- emission and revalidation ---

    def pending_emissions(self) -> Iterator[dict[str, Any]]:
        """Revisions recorded but not yet written to a crawl's output, oldest first, as the
        records a crawl emits (see :meth:`emission`), read one at a time (the caller may
        mark each emitted as it goes)."""
        rows = self._conn.execute(
            "SELECT notice_id, revision FROM notice_revisions WHERE emitted_at IS NULL"
            " ORDER BY recorded_at, notice_id, revision"
        ).fetchall()
        for row in rows:
            yield self.emission(row["notice_id"], int(row["revision"]))

    def emission(self, notice_id_: str, revision: int) -> dict[str, Any]:
        """One revision as a crawl emits it: the notice's JSON with a ``crawl`` object."""
        row = self._conn.execute(
            "SELECT r.json, r.changed_fields, r.recorded_at, s.name FROM notice_revisions AS r"
            " JOIN notices AS n ON n.id = r.notice_id JOIN pages AS p ON p.id = n.page_id"
            " JOIN sites AS s ON s.id = p.site_id WHERE r.notice_id = ? AND r.revision = ?",
            (notice_id_, revision),
        ).fetchone()
        if row is None:
            raise ValueError(f"no revision {revision} of notice {notice_id_}")
        return crawl_record(notice_id_, revision, row)

    def mark_emitted(self, notice_id_: str, revision: int) -> None:
        self.mark_emitted_many([(notice_id_, revision)])

    def mark_emitted_many(self, revisions: Iterable[tuple[str, int]]) -> None:
        """Mark revisions (notice id, revision) as written to the output, in one
        transaction (call it only once their lines are safely written)."""
        now = self.now()
        with self._write() as conn:
            conn.executemany(
                "UPDATE notice_revisions SET emitted_at = ? WHERE notice_id = ? AND revision = ?",
                [(now, nid, revision) for nid, revision in revisions],
            )

    def walk_complete(self, url: str) -> bool | None:
        """Whether the last walk of the listing at ``url`` finished (``None``: never walked)."""
        row = self._conn.execute(
            "SELECT complete FROM listing_walks WHERE url = ?", (canonical_url(url),)
        ).fetchone()
        return None if row is None else bool(row[0])

    def begin_walk(self, site: str, url: str) -> None:
        now = self.now()
        with self._write() as conn:
            conn.execute(
                "INSERT INTO listing_walks(url, site_id, complete, started_at) VALUES (?, ?, 0, ?)"
                " ON CONFLICT(url) DO UPDATE SET complete = 0, started_at = excluded.started_at,"
                " finished_at = NULL",
                (canonical_url(url), self._site_id(site, now), now),
            )

    def finish_walk(self, url: str) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE listing_walks SET complete = 1, finished_at = ? WHERE url = ?",
                (self.now(), canonical_url(url)),
            )

    def due_notice_urls(self, site: str, seen_before: str) -> list[str]:
        """Notice pages of ``site`` to revalidate: last fetched before ``seen_before``, or
        failed and past their back-off."""
        now = self.now()
        rows = self._conn.execute(
            "SELECT p.url FROM pages AS p JOIN sites AS s ON s.id = p.site_id"
            " WHERE s.name = ? AND p.kind = 'notice' AND ("
            "  (p.failures = 0 AND (p.last_seen IS NULL OR p.last_seen < ?))"
            "  OR (p.failures > 0 AND (p.next_due IS NULL OR p.next_due <= ?)))"
            " ORDER BY p.last_seen, p.id",
            (site, seen_before, now),
        ).fetchall()
        return [row[0] for row in rows]

    # --- search and export ---

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Notices whose title or body contains every space-separated term of ``query``.
        Terms of three characters or more use the trigram index; shorter ones use ``LIKE``."""
        return queries.search(self._conn, query, limit)

    def export(
        self, since: str | None = None, site: str | None = None, *, newest: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Current notices as crawl records (the notice's JSON with the ``crawl`` object of
        its current revision, as :meth:`emission` gives it), oldest first by
        ``published_at`` (else ``first_seen``).
        ``since`` keeps notices new or changed at or after that ISO time (``updated_at``);
        a date such as ``2026-11-29`` works. ``site`` keeps one site; ``newest`` the last
        N of them (still oldest first)."""
        return queries.export(self._conn, since, site, newest=newest)

    def feed(
        self, site: str, *, newest: int, since: str | None = None
    ) -> tuple[SiteFacts, Iterator[dict[str, Any]]]:
        """What a feed of ``site`` shows: the facts of the site and the crawl records of its
        ``newest`` notices, newest first (see :meth:`export` for the order and ``since``)."""
        facts = queries.site_facts(self._conn, site, since, newest)
        ids = queries.export_ids(self._conn, since, site, newest=newest)
        ids.reverse()
        return facts, queries.records(self._conn, ids)

    def revisions(self, notice_id_: str) -> list[dict[str, Any]]:
        """Every revision of a notice, oldest first: revision, recorded_at, changed_fields,
        notice (the JSON of that revision)."""
        return queries.revisions(self._conn, notice_id_)
