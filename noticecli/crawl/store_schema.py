"""The crawl store's tables and how a store is brought up to date.

Schema versions live in ``PRAGMA user_version``; :data:`MIGRATIONS` lists the steps, each
applied in its own transaction when a store is opened (:func:`migrate`). Version 1: the
tables; version 2: full-text search and the indexes used by export; version 3: which
revisions were written to a crawl's output; version 4: whether each listing's last walk
finished; version 5: each site's health (its last run's outcome, failed runs in a row).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from noticecli.crawl.identity import body_text
from noticecli.errors import NoticeError

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
        body = body_text(json.loads(row["json"]))
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

# Version 5: each site's health, kept up to date as each site's part of a run ends, for
# `sites status` and for reporting a site that keeps failing. A store from before it knows
# only when each site's listing pages were last read: that is its last success.
_V5 = (
    "ALTER TABLE sites ADD COLUMN last_status TEXT",
    "ALTER TABLE sites ADD COLUMN last_success_at TEXT",
    "ALTER TABLE sites ADD COLUMN last_failure_at TEXT",
    "ALTER TABLE sites ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sites ADD COLUMN last_error TEXT",
    "UPDATE sites SET last_success_at = (SELECT max(p.last_seen) FROM pages AS p"
    " WHERE p.site_id = sites.id AND p.kind = 'listing')",
)

#: Migration steps: ``MIGRATIONS[i]`` takes the store from version ``i`` to ``i + 1``.
MIGRATIONS: tuple[Step, ...] = (_V1, (*_V2, _backfill_fts), _V3, _V4, _V5)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path, target: int = SCHEMA_VERSION) -> None:
    """Apply the missing steps of :data:`MIGRATIONS`, each in its own transaction."""
    current = user_version(conn)
    if current > len(MIGRATIONS):
        raise NoticeError(
            f"store has schema version {current}; this noticecli knows up to "
            f"{len(MIGRATIONS)} (upgrade noticecli)",
            source=str(path),
        )
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if user_version(conn) < version:  # another process may have just done it
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
