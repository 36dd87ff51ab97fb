"""What the crawler has seen: one SQLite file, readable as-is with ``sqlite3`` or Datasette.

Default location: ``noticecli.db`` in the user's data folder (:func:`default_db_path`). The
file is in WAL mode with ``synchronous=NORMAL`` and foreign keys on. Every write method runs in
one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), so a process killed at any moment leaves
each page either fully recorded or not at all.

Tables (plain tables, readable column names, ISO 8601 UTC text timestamps such as
``2026-11-29T15:00:00Z``, JSON stored as TEXT):

``sites``            one row per site name in the sites file
``pages``            every fetched URL (canonical form, :func:`canonical_url`), listing or
                     notice: conditional-request metadata (``etag``, ``last_modified``), hashes,
                     ``last_status``, consecutive ``failures``, ``last_error``, ``next_due``
``notices``          the current revision of each notice; ``id`` is :func:`notice_id`, ``url``
                     the canonical URL, ``json`` the full :meth:`Notice.to_json` output (its
                     own ``url`` as fetched); a notice that did not change is not rewritten
``notice_revisions`` every revision of every notice, the first included, with the list of
                     fields that changed (``changed_fields``, a JSON list)
``runs``             one row per crawl run, with its counts
``notices_fts``      FTS5 full-text index (``tokenize='trigram'``) over title and body text;
                     its ``rowid`` is the notice's ``page_id``

Searching Chinese: the trigram tokenizer matches any substring of three characters or more,
so ``安全生产`` finds ``关于开展安全生产检查的通知``. Terms of one or two characters cannot use
the index; :meth:`StateStore.search` matches them with ``LIKE`` (a scan of the FTS table,
fine for tens of thousands of notices). Datasette shows ``notices_fts`` as a table of its own
(search it there with ``?_search=``); ``sqlite3`` users write
``SELECT notice_id, title FROM notices_fts WHERE notices_fts MATCH '安全生产'``.

When is a notice *changed*? ``text_sha256`` hashes a fingerprint of the parsed notice, never
the raw bytes, so a page whose only change is a rotating banner, a visit counter or a
"generated at" stamp outside the article does not make a revision. The fingerprint covers,
after collapsing whitespace:

- ``title``
- ``published_at``
- ``body``: the text of every text block and every table cell (images left out)
- ``attachments``: name and canonical URL of each
- ``header``: key, label and value of each field, except volatile ones (``views``)

``changed_fields`` of a revision names which of these five differ from the revision before
(empty for revision 1). Fields that describe the parse or the fetch rather than the notice
(``warnings``, ``repairs``, ``encoding``, ``file``, ``fetch``) do not count; neither do
``views`` and the fields derived from the header (``publisher``, ``index_no`` …: a change to
them shows as ``header``).

Pages: ``failures`` counts consecutive failures (a success resets it, and clears
``last_error`` and ``next_due``); after a failure ``next_due`` is 1, 2, 4 … hours later, at
most a week. ``last_seen`` is the last successful fetch (200 or 304); the conditional
metadata (``etag``, ``last_modified``) is replaced only by a successful full fetch.

Schema versions live in ``PRAGMA user_version``; :data:`MIGRATIONS` lists the steps, each
applied in its own transaction on open. Version 1: the tables; version 2: full-text search and
the indexes used by export.

One crawl at a time: :func:`crawl_lock` holds ``<db>.lock`` (filelock, non-blocking) and
writes who holds it to ``<db>.lock.info``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from noticecli.errors import InputError, LockedError, NoticeError
from noticecli.models import Notice
from noticecli.output import AtomicWriter

PageKind = Literal["listing", "notice"]
ChangeKind = Literal["new", "changed", "unchanged"]

TRACKED_FIELDS = ("title", "published_at", "body", "attachments", "header")
VOLATILE_HEADER_KEYS = frozenset({"views"})
MIN_MATCH_CHARS = 3  # the trigram tokenizer needs at least three characters
SNIPPET_MARKS = ("[", "]")
MAX_BACKOFF_HOURS = 168
_EXPORT_BATCH = 200

Clock = Callable[[], datetime]


# --- schema ---------------------------------------------------------------------------------

_V1 = (
    """CREATE TABLE sites (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        first_seen TEXT NOT NULL,
        last_run_at TEXT
    )""",
    """CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id),
        url TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('listing', 'notice')),
        etag TEXT,
        last_modified TEXT,
        raw_sha256 TEXT,
        text_sha256 TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT,
        last_status INTEGER,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_due TEXT
    )""",
    "CREATE INDEX pages_site_id ON pages(site_id)",
    """CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        page_id INTEGER NOT NULL UNIQUE REFERENCES pages(id),
        url TEXT NOT NULL,
        title TEXT,
        published_at TEXT,
        publisher TEXT,
        index_no TEXT,
        doc_no TEXT,
        source TEXT,
        revision INTEGER NOT NULL,
        json TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE notice_revisions (
        notice_id TEXT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        json TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        changed_fields TEXT NOT NULL DEFAULT '[]',
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (notice_id, revision)
    )""",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        pages_fetched INTEGER NOT NULL DEFAULT 0,
        notices_new INTEGER NOT NULL DEFAULT 0,
        notices_changed INTEGER NOT NULL DEFAULT 0,
        failures INTEGER NOT NULL DEFAULT 0,
        requests INTEGER NOT NULL DEFAULT 0,
        pid INTEGER,
        host TEXT
    )""",
)

_V2 = (
    """CREATE VIRTUAL TABLE notices_fts USING fts5(
        notice_id UNINDEXED, title, body, tokenize = 'trigram'
    )""",
    "CREATE INDEX notices_published_at ON notices(published_at)",
    "CREATE INDEX notices_updated_at ON notices(updated_at)",
)


def _backfill_fts(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT id, page_id, title, json FROM notices").fetchall()
    for row in rows:
        body = _body_text(json.loads(row["json"]))
        conn.execute(
            "INSERT INTO notices_fts(rowid, notice_id, title, body) VALUES (?, ?, ?, ?)",
            (row["page_id"], row["id"], row["title"] or "", body),
        )


Step = Sequence[str | Callable[[sqlite3.Connection], None]]

# Version 3: which revisions have been written to a crawl's output. A revision is recorded in
# the same transaction as its notice, and marked emitted once its line is safely written, so
# a run killed between the two emits it on the next run instead of losing it.
_V3 = (
    "ALTER TABLE notice_revisions ADD COLUMN emitted_at TEXT",
    "UPDATE notice_revisions SET emitted_at = recorded_at",
    "CREATE INDEX notice_revisions_pending ON notice_revisions(notice_id, revision)"
    " WHERE emitted_at IS NULL",
    "CREATE INDEX pages_last_seen ON pages(kind, last_seen)",
)

# Version 4: whether the last walk of each listing finished. A walk cut short (a failing
# page, a killed run) must not be mistaken next time for one that saw everything.
_V4 = (
    """CREATE TABLE listing_walks (
        url TEXT PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id),
        complete INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT
    )""",
)

#: Migration steps: ``MIGRATIONS[i]`` takes the store from version ``i`` to ``i + 1``.
MIGRATIONS: tuple[Step, ...] = (_V1, (*_V2, _backfill_fts), _V3, _V4)
SCHEMA_VERSION = len(MIGRATIONS)


# --- values ---------------------------------------------------------------------------------


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
    """What :meth:`StateStore.record_notice` did. ``changed_fields`` is empty unless changed."""

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
class LockHolder:
    pid: int
    host: str
    started_at: str


# --- URLs and fingerprints ------------------------------------------------------------------

_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """The form a URL is stored under: scheme and host lowercased, default port, fragment and
    surrounding space dropped, an empty path written ``/``; path and query kept as they are.
    ``canonical_url(canonical_url(u)) == canonical_url(u)``.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    netloc = parts.netloc
    if parts.hostname is not None:
        host = parts.hostname  # lowercased by urllib
        if ":" in host:
            host = f"[{host}]"
        try:
            port = parts.port
        except ValueError:
            port = None
            host = parts.netloc.rpartition("@")[2].lower()
        if port is not None and port != _DEFAULT_PORTS.get(scheme):
            host = f"{host}:{port}"
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{host}" if userinfo else host
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def notice_id(url: str) -> str:
    """The stable id of the notice at ``url``: 16 hex digits of SHA-256 of its canonical form."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _norm(text: object) -> str:
    if text is None:
        return ""
    return _SPACE.sub(" ", _INVISIBLE.sub("", str(text))).strip()


def _block_texts(notice: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for block in notice.get("body") or []:
        if block.get("type") == "table":
            for row in block.get("rows") or []:
                texts.append(" | ".join(_norm(cell.get("text")) for cell in row))
        elif block.get("text"):
            texts.append(_norm(block["text"]))
    return texts


def _body_text(notice: dict[str, Any]) -> str:
    return "\n".join(_block_texts(notice))


def fingerprint(notice: dict[str, Any]) -> dict[str, Any]:
    """The parts of a notice (its ``to_dict()`` form) whose change makes a new revision."""
    return {
        "title": _norm(notice.get("title")),
        "published_at": notice.get("published_at"),
        "body": _block_texts(notice),
        "attachments": [
            [_norm(item.get("name")), canonical_url(item.get("url") or "")]
            for item in notice.get("attachments") or []
        ],
        "header": [
            [item.get("key"), _norm(item.get("label")), _norm(item.get("value"))]
            for item in notice.get("header") or []
            if item.get("key") not in VOLATILE_HEADER_KEYS
        ],
    }


def _sha256_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_sha256(notice: Notice | dict[str, Any]) -> str:
    """SHA-256 of the notice's :func:`fingerprint`."""
    data = notice.to_dict() if isinstance(notice, Notice) else notice
    return _sha256_json(fingerprint(data))


def _changed_fields(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    before, after = fingerprint(old), fingerprint(new)
    return tuple(name for name in TRACKED_FIELDS if before[name] != after[name])


# --- paths, time ----------------------------------------------------------------------------


def default_db_path() -> Path:
    """``noticecli.db`` in the user's data folder for noticecli."""
    import platformdirs

    return platformdirs.user_data_path("noticecli") / "noticecli.db"


def _utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """``2026-11-29T15:00:00Z``: the form every timestamp in the store takes."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- the store ------------------------------------------------------------------------------


class StateStore:
    """The crawler's memory. Open with :meth:`open`; use as a context manager or ``close()``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock = _utcnow) -> None:
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
            _migrate(conn, path)
        except sqlite3.DatabaseError as error:
            conn.close()
            raise InputError(f"not a noticecli store: {error}", source=str(path)) from None
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock or _utcnow)

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

    # --- reading ---

    def page(self, url: str) -> PageState | None:
        row = self._conn.execute(
            "SELECT pages.*, sites.name AS site FROM pages JOIN sites ON sites.id = pages.site_id"
            " WHERE url = ?",
            (canonical_url(url),),
        ).fetchone()
        if row is None:
            return None
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
        row = self._conn.execute("SELECT json FROM notices WHERE id = ?", (notice_id_,)).fetchone()
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
            "SELECT revision, json, text_sha256 FROM notices WHERE id = ?", (nid,)
        ).fetchone()
        if old is not None and old["text_sha256"] == digest:
            return Change("unchanged", nid, int(old["revision"]))
        kind: ChangeKind
        changed: tuple[str, ...]
        if old is None:
            revision, changed, kind = 1, (), "new"
            # A placeholder row, filled in by _write_revision in the same transaction.
            self._conn.execute(
                "INSERT INTO notices(id, page_id, url, revision, json, text_sha256, first_seen,"
                " updated_at) VALUES (?, ?, ?, 0, '{}', '', ?, ?)",
                (nid, page_id, url, now, now),
            )
        else:
            revision, kind = int(old["revision"]) + 1, "changed"
            changed = _changed_fields(json.loads(old["json"]), data)
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
        text = json.dumps(data, ensure_ascii=False)
        self._conn.execute(
            "UPDATE notices SET page_id = ?, title = ?, published_at = ?, publisher = ?,"
            " index_no = ?, doc_no = ?, source = ?, revision = ?, json = ?, text_sha256 = ?,"
            " updated_at = ? WHERE id = ?",
            (
                page_id,
                data.get("title"),
                data.get("published_at"),
                data.get("publisher"),
                data.get("index_no"),
                data.get("doc_no"),
                data.get("source"),
                revision,
                text,
                digest,
                now,
                nid,
            ),
        )
        self._conn.execute(
            "INSERT INTO notice_revisions(notice_id, revision, json, text_sha256,"
            " changed_fields, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            (nid, revision, text, digest, json.dumps(list(changed)), now),
        )
        self._conn.execute("DELETE FROM notices_fts WHERE rowid = ?", (page_id,))
        self._conn.execute(
            "INSERT INTO notices_fts(rowid, notice_id, title, body) VALUES (?, ?, ?, ?)",
            (page_id, nid, _norm(data.get("title")), _body_text(data)),
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

    def pending_emissions(self) -> list[dict[str, Any]]:
        """Revisions recorded but not yet written to a crawl's output, oldest first, as the
        records a crawl emits (see :meth:`emission`)."""
        rows = self._conn.execute(
            "SELECT notice_id, revision FROM notice_revisions WHERE emitted_at IS NULL"
            " ORDER BY recorded_at, notice_id, revision"
        ).fetchall()
        return [self.emission(row["notice_id"], int(row["revision"])) for row in rows]

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
        return _crawl_record(notice_id_, revision, row)

    def mark_emitted(self, notice_id_: str, revision: int) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE notice_revisions SET emitted_at = ? WHERE notice_id = ? AND revision = ?",
                (self.now(), notice_id_, revision),
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
        rows = self._conn.execute(sql, (*params, limit)).fetchall()
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

    def export(self, since: str | None = None, site: str | None = None) -> Iterator[dict[str, Any]]:
        """Current notices as crawl records (the notice's JSON with the ``crawl`` object of
        its current revision, as :meth:`emission` gives it), oldest first by
        ``published_at`` (else ``first_seen``).
        ``since`` keeps notices new or changed at or after that ISO time (``updated_at``);
        a date such as ``2026-11-29`` works. ``site`` keeps one site."""
        # The ids first (small), then the JSON in batches: no statement stays open between
        # yields, so the caller may write to the store while it iterates.
        ids = [
            row[0]
            for row in self._conn.execute(
                "SELECT n.id FROM notices AS n JOIN pages AS p ON p.id = n.page_id"
                " JOIN sites AS s ON s.id = p.site_id"
                " WHERE (?1 IS NULL OR n.updated_at >= ?1) AND (?2 IS NULL OR s.name = ?2)"
                " ORDER BY coalesce(n.published_at, n.first_seen), n.first_seen, n.id",
                (since, site),
            )
        ]
        for start in range(0, len(ids), _EXPORT_BATCH):
            batch = ids[start : start + _EXPORT_BATCH]
            rows = self._conn.execute(
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
                    yield _crawl_record(nid, int(row["revision"]), row)

    def revisions(self, notice_id_: str) -> list[dict[str, Any]]:
        """Every revision of a notice, oldest first: revision, recorded_at, changed_fields,
        notice (the JSON of that revision)."""
        rows = self._conn.execute(
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


def _crawl_record(notice_id_: str, revision: int, row: sqlite3.Row) -> dict[str, Any]:
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


# --- migrations -----------------------------------------------------------------------------


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _migrate(conn: sqlite3.Connection, path: Path, target: int = SCHEMA_VERSION) -> None:
    """Apply the missing steps of :data:`MIGRATIONS`, each in its own transaction."""
    current = _user_version(conn)
    if current > len(MIGRATIONS):
        raise NoticeError(
            f"store has schema version {current}; this noticecli knows up to "
            f"{len(MIGRATIONS)} (upgrade noticecli)",
            source=str(path),
        )
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _user_version(conn) < version:  # another process may have just done it
                for statement in MIGRATIONS[version - 1]:
                    if callable(statement):
                        statement(conn)
                    else:
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(version)}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


# --- the lock -------------------------------------------------------------------------------


def lock_paths(db_path: Path) -> tuple[Path, Path]:
    """The lock file and its ``.info`` sidecar for a store."""
    # <name>.db.lock, not <name>.lock: x.db and x.sqlite in one folder are two stores.
    lock = db_path.with_name(db_path.name + ".lock")
    return lock, lock.with_name(lock.name + ".info")


@contextmanager
def crawl_lock(db_path: Path, *, clock: Clock | None = None) -> Iterator[LockHolder]:
    """Hold the store's crawl lock for the ``with`` block, or raise :class:`LockedError`
    at once, naming the process that holds it."""
    from filelock import FileLock, Timeout

    lock_path, info_path = lock_paths(db_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(_busy_message(info_path), source=str(lock_path)) from None
    try:
        holder = LockHolder(os.getpid(), socket.gethostname(), iso((clock or _utcnow)()))
        with AtomicWriter(info_path) as handle:
            handle.write(json.dumps(_holder_dict(holder)) + "\n")
        yield holder
    finally:
        info_path.unlink(missing_ok=True)
        lock.release()


def _holder_dict(holder: LockHolder) -> dict[str, object]:
    return {"pid": holder.pid, "host": holder.host, "started_at": holder.started_at}


def read_lock_holder(db_path: Path) -> LockHolder | None:
    """Who the ``.info`` sidecar says holds the lock (it may be stale if nobody does)."""
    return _read_holder(lock_paths(db_path)[1])


def _read_holder(info_path: Path) -> LockHolder | None:
    try:
        data = json.loads(info_path.read_text(encoding="utf-8"))
        return LockHolder(int(data["pid"]), str(data["host"]), str(data["started_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _busy_message(info_path: Path) -> str:
    holder = _read_holder(info_path)
    if holder is None:
        return "another crawl is running (holder unknown)"
    return (
        f"another crawl is running (pid {holder.pid} on host {holder.host},"
        f" since {holder.started_at})"
    )
