"""The crawl store in PostgreSQL, for many workers on many machines: a
:class:`~noticecli.crawl.store_api.NoticeStore` with the tables and meaning of the SQLite
store (:mod:`~noticecli.crawl.pg_schema` says what differs).

Open with :meth:`PostgresStore.open` (or :func:`~noticecli.crawl.stores.open_store` with a
``postgresql://`` URL). One connection per store object, in autocommit mode: each read is a
statement of its own, each write method one transaction. Several processes may write at
once:

- recording a notice locks its page row first (the upsert of ``pages`` by URL), so two
  workers recording the same URL take turns: the second sees the first's revision and
  records nothing new when the notice is the same (idempotent), or the next revision when
  it changed. A revision number is never taken twice, and the notice row is locked too
  (``FOR UPDATE``) for writers that reach it another way;
- sites and pages are created with ``INSERT … ON CONFLICT``, counters are incremented in
  the row (``failures + 1``, ``consecutive_failures + 1``), never read and written back;
- times are the server's (``clock_timestamp()``) unless a clock is given, so writers on
  machines whose clocks disagree date their revisions in the order they recorded them;
- a new run marks as ``interrupted`` only the runs still ``running`` that were started on
  this host by a process that no longer exists (or by this process): other machines' runs
  are theirs to close.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Any

from noticecli.crawl import pg_queries
from noticecli.crawl.clock import Clock, iso
from noticecli.crawl.identity import canonical_url, changed_fields, notice_id, text_sha256
from noticecli.crawl.pg_schema import migrate, schema_version
from noticecli.crawl.site_status import SiteRunStatus, SiteStatus
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
from noticecli.crawl.store_schema import compact_json
from noticecli.crawl.stores import masked_url, one_line_error
from noticecli.errors import InputError, StoreUnavailable
from noticecli.models import Notice

if TYPE_CHECKING:
    import psycopg

    Connection = psycopg.Connection[dict[str, Any]]

INSTALL_EXTRA = "pip install 'noticecli[postgres]'"
CONNECT_TIMEOUT = 10  # seconds: an unreachable server is reported, not waited for
MAX_BACKOFF_HOURS = 168


def connect(url: str, location: str | None = None) -> Connection:
    """A connection to the database at ``url`` (autocommit, rows as dicts). A missing
    driver raises :class:`StoreUnavailable`; a bad URL, an unreachable server or refused
    credentials raise :class:`InputError` naming the URL without its password."""
    location = location or masked_url(url)
    try:
        import psycopg
    except ImportError:
        raise StoreUnavailable(
            f"a PostgreSQL store needs the postgres extra: {INSTALL_EXTRA}", source=location
        ) from None
    try:
        return _connection(url)
    except psycopg.Error as error:
        message = f"cannot connect to the store: {one_line_error(error, url)}"
        raise InputError(message, source=location) from None


def _connection(url: str) -> Connection:
    import psycopg
    from psycopg.rows import dict_row

    return psycopg.connect(
        url,
        autocommit=True,
        row_factory=dict_row,
        connect_timeout=CONNECT_TIMEOUT,
        application_name="noticecli",
    )


class PostgresStore:
    """The crawler's memory in a PostgreSQL database. Open with :meth:`open`; use as a
    context manager or ``close()``."""

    def __init__(self, conn: Connection, url: str, clock: Clock | None = None) -> None:
        self._session = conn
        self._closed = False
        self.url = url
        # The server's clock unless told: workers on machines whose clocks disagree still
        # date revisions in the order they were recorded (emit, export --since).
        self._clock = clock or self._server_time

    @classmethod
    def open(cls, url: str, *, clock: Clock | None = None, create: bool = True) -> PostgresStore:
        """Connect and bring the schema up to date. ``create=False`` refuses a database
        without noticecli's tables instead of creating them."""
        location = masked_url(url)
        conn = connect(url, location)
        import psycopg  # there: connect() said so if it is not

        try:
            if not create and schema_version(conn) is None:
                raise InputError(
                    "no noticecli store in this database (run noticecli crawl with this --db "
                    "first)",
                    source=location,
                )
            migrate(conn, location)
        except psycopg.Error as error:
            conn.close()
            raise InputError(
                f"cannot use the store: {one_line_error(error, url)}", source=location
            ) from None
        except BaseException:
            conn.close()
            raise
        return cls(conn, url, clock)

    @property
    def location(self) -> str:
        """The store's URL without its password, as messages name it."""
        return masked_url(self.url)

    @property
    def connection(self) -> Connection:
        """The underlying connection, for reading (write through the methods)."""
        return self._conn

    @property
    def _conn(self) -> Connection:
        # A session the server ended (a restart, a fail-over, pg_terminate_backend) is
        # closed by the driver at its first failed statement, which raises
        # OperationalError; the next use opens a new one (its failure an OperationalError
        # too), so a long-running worker outlives the database's restarts.
        if self._session.closed and not self._closed:
            self._session = _connection(self.url)
        return self._session

    def close(self) -> None:
        self._closed = True
        self._session.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def now(self) -> str:
        return iso(self._clock())

    def _server_time(self) -> datetime:
        row = self._one("SELECT clock_timestamp() AS now")
        assert row is not None
        moment: datetime = row["now"]
        return moment

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._conn.transaction():
            yield self._conn

    def _one(self, query: str, params: Any = None) -> dict[str, Any] | None:
        return self._conn.execute(query, params).fetchone()

    # --- runs and sites ---

    def begin_run(self) -> int:
        """Start a run. Runs still ``running`` that this host started in a process that is
        gone (or in this one: a process runs one run at a time) were cut short; they become
        ``interrupted``."""
        host = socket.gethostname()
        with self._write() as conn:
            rows = conn.execute(
                "SELECT id, pid FROM runs WHERE status = 'running' AND host = %s FOR UPDATE",
                (host,),
            ).fetchall()
            gone = [
                row["id"] for row in rows if row["pid"] == os.getpid() or not _alive(row["pid"])
            ]
            if gone:
                conn.execute("UPDATE runs SET status = 'interrupted' WHERE id = ANY(%s)", (gone,))
            row = conn.execute(
                "INSERT INTO runs(started_at, status, pid, host) VALUES (%s, 'running', %s, %s)"
                " RETURNING id",
                (self.now(), os.getpid(), host),
            ).fetchone()
        assert row is not None
        return int(row["id"])

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
        now = self.now()
        with self._write() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = %s, status = %s, pages_fetched = %s,"
                " notices_new = %s, notices_changed = %s, failures = %s, requests = %s"
                " WHERE id = %s",
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
            # Sorted: two workers finishing at once lock the site rows in the same order
            # (in any other order they can deadlock).
            for name in sorted(set(sites)):
                site_id = self._site_id(name, now)
                conn.execute("UPDATE sites SET last_run_at = %s WHERE id = %s", (now, site_id))

    def finish_site(self, name: str, status: SiteRunStatus, *, error: str | None = None) -> int:
        now = self.now()
        with self._write() as conn:
            site_id = self._site_id(name, now)
            row = conn.execute(
                "UPDATE sites SET last_run_at = %(now)s, last_status = %(status)s,"
                " last_success_at = CASE WHEN %(failed)s THEN last_success_at ELSE %(now)s END,"
                " consecutive_failures = CASE WHEN %(failed)s"
                "   THEN consecutive_failures + 1 ELSE 0 END,"
                " last_failure_at = CASE WHEN %(error)s::text IS NULL"
                "   THEN last_failure_at ELSE %(now)s END,"
                " last_error = coalesce(%(error)s::text, last_error)"
                " WHERE id = %(site_id)s RETURNING consecutive_failures",
                {
                    "now": now,
                    "status": status,
                    "failed": status == "failed",
                    "error": error,
                    "site_id": site_id,
                },
            ).fetchone()
        assert row is not None
        return int(row["consecutive_failures"])

    def site_names(self) -> list[str]:
        rows = self._conn.execute("SELECT name FROM sites ORDER BY name").fetchall()
        return [row["name"] for row in rows]

    def site_statuses(self, names: Iterable[str] = ()) -> list[SiteStatus]:
        return pg_queries.site_statuses(self._conn, tuple(names))

    # --- reading ---

    def page(self, url: str) -> PageState | None:
        row = self._one(
            "SELECT pages.*, sites.name AS site FROM pages JOIN sites ON sites.id = pages.site_id"
            " WHERE url = %s",
            (canonical_url(url),),
        )
        if row is None:
            return None
        return page_state(row)

    def is_known(self, url: str) -> bool:
        return self._one("SELECT 1 FROM notices WHERE id = %s", (notice_id(url),)) is not None

    def known_urls(self, site: str) -> set[str]:
        rows = self._conn.execute(
            "SELECT pages.url FROM notices JOIN pages ON pages.id = notices.page_id"
            " JOIN sites ON sites.id = pages.site_id WHERE sites.name = %s",
            (site,),
        ).fetchall()
        return {row["url"] for row in rows}

    def notice(self, notice_id_: str) -> dict[str, Any] | None:
        row = self._one(
            "SELECT r.json FROM notices AS n JOIN notice_revisions AS r"
            " ON r.notice_id = n.id AND r.revision = n.revision WHERE n.id = %s",
            (notice_id_,),
        )
        return None if row is None else dict(json.loads(row["json"]))

    # --- writing ---

    def _site_id(self, name: str, now: str) -> int:
        self._conn.execute(
            "INSERT INTO sites(name, first_seen) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING",
            (name, now),
        )
        row = self._one("SELECT id FROM sites WHERE name = %s", (name,))
        assert row is not None
        return int(row["id"])

    def _seen_page(
        self,
        site: str,
        url: str,
        kind: PageKind,
        now: str,
        meta: tuple[str | None, str | None, str | None, str | None, int | None],
    ) -> int:
        """Upsert a successfully fetched page, locking its row until the transaction ends;
        ``meta`` = etag, last_modified, raw, text, status."""
        row = self._one(
            "INSERT INTO pages(site_id, url, kind, etag, last_modified, raw_sha256, text_sha256,"
            " last_status, first_seen, last_seen)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag,"
            " last_modified = excluded.last_modified, raw_sha256 = excluded.raw_sha256,"
            " text_sha256 = excluded.text_sha256, last_status = excluded.last_status,"
            " last_seen = excluded.last_seen, failures = 0, last_error = NULL, next_due = NULL"
            " RETURNING id",
            (self._site_id(site, now), url, kind, *meta, now, now),
        )
        assert row is not None
        return int(row["id"])

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
        a revision when its fingerprint changed. Safe when several processes record the
        same URL at once (see the module's docstring)."""
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

    def record_reparsed_notice(
        self,
        site: str,
        url: str,
        notice: Notice,
        *,
        raw_sha256: str | None,
        etag: str | None = None,
        last_modified: str | None = None,
        status: int | None = 200,
    ) -> Change | None:
        """Record a notice parsed again from a kept page whose digest is ``raw_sha256``, as
        :meth:`record_notice` does, unless the page was fetched again meanwhile: a worker
        recorded a different page since (``None``, nothing recorded). The page row is
        locked before it is compared, so no fetch is recorded in between."""
        with self._write():
            row = self._one(
                "SELECT raw_sha256 FROM pages WHERE url = %s FOR UPDATE", (canonical_url(url),)
            )
            if row is not None and row["raw_sha256"] != raw_sha256:
                return None
            return self.record_notice(
                site,
                url,
                notice,
                raw_sha256=raw_sha256,
                etag=etag,
                last_modified=last_modified,
                status=status,
            )

    def _upsert_notice(
        self, page_id: int, url: str, data: dict[str, Any], digest: str, now: str
    ) -> Change:
        nid = notice_id(url)
        old = self._one(
            "SELECT revision, text_sha256 FROM notices WHERE id = %s FOR UPDATE", (nid,)
        )
        if old is not None and old["text_sha256"] == digest:
            return Change("unchanged", nid, int(old["revision"]))
        kind: ChangeKind
        changed: tuple[str, ...]
        columns = notice_columns(data)
        if old is None:
            revision, changed, kind = 1, (), "new"
            self._conn.execute(
                "INSERT INTO notices(id, page_id, url, title, published_at, publisher,"
                " index_no, doc_no, source, revision, text_sha256, first_seen, updated_at)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (nid, page_id, url, *columns, revision, digest, now, now),
            )
        else:
            revision, kind = int(old["revision"]) + 1, "changed"
            previous = self._one(
                "SELECT json FROM notice_revisions WHERE notice_id = %s AND revision = %s",
                (nid, old["revision"]),
            )
            assert previous is not None
            changed = changed_fields(json.loads(previous["json"]), data)
            self._conn.execute(
                "UPDATE notices SET page_id = %s, title = %s, published_at = %s,"
                " publisher = %s, index_no = %s, doc_no = %s, source = %s, revision = %s,"
                " text_sha256 = %s, updated_at = %s WHERE id = %s",
                (page_id, *columns, revision, digest, now, nid),
            )
        self._conn.execute(
            "INSERT INTO notice_revisions(notice_id, revision, json, text_sha256,"
            " changed_fields, recorded_at) VALUES (%s, %s, %s, %s, %s, %s)",
            (nid, revision, compact_json(data), digest, json.dumps(list(changed)), now),
        )
        return Change(kind, nid, revision, changed)

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
        url = canonical_url(url)
        now = self.now()
        with self._write():
            old = self._one("SELECT raw_sha256 FROM pages WHERE url = %s FOR UPDATE", (url,))
            self._seen_page(
                site, url, "listing", now, (etag, last_modified, raw_sha256, None, status)
            )
        return old is None or old["raw_sha256"] is None or old["raw_sha256"] != raw_sha256

    def record_not_modified(self, url: str, status: int = 304) -> bool:
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE pages SET last_seen = %s, last_status = %s, failures = 0,"
                " last_error = NULL, next_due = NULL WHERE url = %s",
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
        url = canonical_url(url)
        moment = self._clock()
        now = iso(moment)
        with self._write() as conn:
            row = conn.execute(
                "INSERT INTO pages(site_id, url, kind, first_seen, failures, last_error,"
                " last_status) VALUES (%s, %s, %s, %s, 1, %s, %s)"
                " ON CONFLICT (url) DO UPDATE SET failures = pages.failures + 1,"
                " last_error = excluded.last_error, last_status = excluded.last_status"
                " RETURNING id, failures",
                (self._site_id(site, now), url, kind, now, f"{error_reason}: {message}", status),
            ).fetchone()
            assert row is not None
            failures = int(row["failures"])
            hours = min(2 ** min(failures - 1, 16), MAX_BACKOFF_HOURS)
            due = iso(moment + timedelta(hours=hours))
            conn.execute("UPDATE pages SET next_due = %s WHERE id = %s", (due, row["id"]))
        return failures

    def due_notice_urls(self, site: str, seen_before: str) -> list[str]:
        rows = self._conn.execute(
            "SELECT p.url FROM pages AS p JOIN sites AS s ON s.id = p.site_id"
            " WHERE s.name = %(site)s AND p.kind = 'notice' AND ("
            "  (p.failures = 0 AND (p.last_seen IS NULL OR p.last_seen < %(before)s))"
            "  OR (p.failures > 0 AND (p.next_due IS NULL OR p.next_due <= %(now)s)))"
            " ORDER BY p.last_seen NULLS FIRST, p.id",
            {"site": site, "before": seen_before, "now": self.now()},
        ).fetchall()
        return [row["url"] for row in rows]

    # --- listing walks ---

    def walk_complete(self, url: str) -> bool | None:
        row = self._one("SELECT complete FROM listing_walks WHERE url = %s", (canonical_url(url),))
        return None if row is None else bool(row["complete"])

    def begin_walk(self, site: str, url: str) -> None:
        now = self.now()
        with self._write() as conn:
            conn.execute(
                "INSERT INTO listing_walks(url, site_id, complete, started_at)"
                " VALUES (%s, %s, 0, %s)"
                " ON CONFLICT (url) DO UPDATE SET complete = 0,"
                " started_at = excluded.started_at, finished_at = NULL",
                (canonical_url(url), self._site_id(site, now), now),
            )

    def finish_walk(self, url: str) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE listing_walks SET complete = 1, finished_at = %s WHERE url = %s",
                (self.now(), canonical_url(url)),
            )

    # --- emission ---

    def pending_emissions(self) -> Iterator[dict[str, Any]]:
        rows = self._conn.execute(
            "SELECT notice_id, revision FROM notice_revisions WHERE emitted_at IS NULL"
            " ORDER BY recorded_at, notice_id, revision"
        ).fetchall()
        for row in rows:
            yield self.emission(row["notice_id"], int(row["revision"]))

    def emission(self, notice_id_: str, revision: int) -> dict[str, Any]:
        row = self._one(
            "SELECT r.json, r.changed_fields, r.recorded_at, s.name FROM notice_revisions AS r"
            " JOIN notices AS n ON n.id = r.notice_id JOIN pages AS p ON p.id = n.page_id"
            " JOIN sites AS s ON s.id = p.site_id WHERE r.notice_id = %s AND r.revision = %s",
            (notice_id_, revision),
        )
        if row is None:
            raise ValueError(f"no revision {revision} of notice {notice_id_}")
        return crawl_record(notice_id_, revision, row)

    def mark_emitted(self, notice_id_: str, revision: int) -> None:
        self.mark_emitted_many([(notice_id_, revision)])

    def mark_emitted_many(self, revisions: Iterable[tuple[str, int]]) -> None:
        now = self.now()
        with self._write() as conn, conn.cursor() as cursor:
            cursor.executemany(
                "UPDATE notice_revisions SET emitted_at = %s"
                " WHERE notice_id = %s AND revision = %s",
                [(now, nid, revision) for nid, revision in revisions],
            )

    # --- search and export ---

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Notices whose title or body contains every space-separated term of ``query``
        (the trigram index narrows them; see :mod:`~noticecli.crawl.pg_queries`)."""
        return pg_queries.search(self._conn, query, limit)

    def export(
        self, since: str | None = None, site: str | None = None, *, newest: int | None = None
    ) -> Iterator[dict[str, Any]]:
        return pg_queries.records(
            self._conn, pg_queries.export_ids(self._conn, since, site, newest=newest)
        )

    def feed(
        self, site: str, *, newest: int, since: str | None = None
    ) -> tuple[SiteFacts, Iterator[dict[str, Any]]]:
        facts = pg_queries.site_facts(self._conn, site, since, newest)
        ids = pg_queries.export_ids(self._conn, since, site, newest=newest)
        ids.reverse()
        return facts, pg_queries.records(self._conn, ids)

    def revisions(self, notice_id_: str) -> list[dict[str, Any]]:
        return pg_queries.revisions(self._conn, notice_id_)


def _alive(pid: object) -> bool:
    """Whether a process of this host with that id exists."""
    if not isinstance(pid, int):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
