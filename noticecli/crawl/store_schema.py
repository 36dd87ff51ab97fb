"""The crawl store's tables and how a store is brought up to date.

Schema versions live in ``PRAGMA user_version``; :data:`MIGRATIONS` lists the steps, each
applied in its own transaction when a store is opened (:func:`migrate`). Version 1: the
tables; version 2: full-text search and the indexes used by export; version 3: which
revisions were written to a crawl's output; version 4: whether each listing's last walk
finished; version 5: each site's health (its last run's outcome, failed runs in a row);
version 6: each notice's JSON kept once, in its revision (see :func:`_one_json_per_notice`).

Foreign keys are off while the steps run (a step that rebuilds a table must not cascade);
each step checks them (``PRAGMA foreign_key_check``) before it commits.
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

_NOTICE_INDEXES = (
    "CREATE INDEX notices_published_at ON notices(published_at)",
    "CREATE INDEX notices_updated_at ON notices(updated_at)",
)

_V2 = (
    """CREATE VIRTUAL TABLE notices_fts USING fts5(
        notice_id UNINDEXED, title, body, tokenize = 'trigram'
    )""",
    *_NOTICE_INDEXES,
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

# Version 6: each notice's JSON kept once. Up to version 5 the current JSON was in
# ``notices.json`` and again in its revision, and the full-text table held the body text a
# third time: about 13 KB per notice. Now a revision holds its JSON (compact: no spaces after
# separators), ``notices.revision`` points at the current one (a foreign key, checked at
# commit), the full-text table reads its text through the view ``notices_text`` (external
# content: nothing stored twice) and keeps no positions (``detail=none``: a sixth of the
# size; search takes the notices holding every trigram of a term, then checks the term).
# ``notices_json`` shows each notice's current JSON as text, for Datasette and sqlite3.
# Whoever changes ``notices_text`` later must rebuild the full-text index in that migration:
# removing a row from it needs exactly the text it was indexed with.
_NOTICES_V6 = """CREATE TABLE notices_v6 (
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
    text_sha256 TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    FOREIGN KEY (id, revision) REFERENCES notice_revisions(notice_id, revision)
        DEFERRABLE INITIALLY DEFERRED
)"""

# One line per body block with text, one per table row (its cells joined by " | "): what
# search looks in. The text as the page gave it; JSON functions only, so that sqlite3 and
# Datasette read the view too.
_BODY_TEXT_SQL = """(SELECT group_concat(line, char(10)) FROM (
        SELECT CASE WHEN json_extract(block.value, '$.type') = 'table' THEN (
            SELECT group_concat(cells, char(10)) FROM (
                SELECT (SELECT group_concat(coalesce(json_extract(cell.value, '$.text'), ''),
                                            ' | ')
                        FROM json_each(table_row.value) AS cell) AS cells
                FROM json_each(block.value, '$.rows') AS table_row))
            ELSE nullif(json_extract(block.value, '$.text'), '') END AS line
        FROM json_each(current.json, '$.body') AS block))"""

_V6_VIEWS = (
    f"""CREATE VIEW notices_text AS
    SELECT n.page_id AS page_id, n.id AS notice_id, n.title AS title,
        {_BODY_TEXT_SQL} AS body
    FROM notices AS n JOIN notice_revisions AS current
        ON current.notice_id = n.id AND current.revision = n.revision""",
    """CREATE VIEW notices_json AS
    SELECT n.id AS notice_id, s.name AS site, n.url, n.title, n.published_at, n.revision,
        n.first_seen, n.updated_at, current.json
    FROM notices AS n JOIN notice_revisions AS current
        ON current.notice_id = n.id AND current.revision = n.revision
    JOIN pages AS p ON p.id = n.page_id JOIN sites AS s ON s.id = p.site_id""",
    """CREATE VIRTUAL TABLE notices_fts USING fts5(
        notice_id UNINDEXED, title, body, tokenize = 'trigram', detail = none,
        content = 'notices_text', content_rowid = 'page_id'
    )""",
)

# FTS5's own 'rebuild' fails (SQL logic error, SQLite 3.40) on a view whose columns use
# json_each; reading the view and inserting works, and so does the index's 'delete'.
_FILL_FTS = (
    "INSERT INTO notices_fts(rowid, notice_id, title, body)"
    " SELECT page_id, notice_id, title, body FROM notices_text"
)

_MIGRATION_BATCH = 500


def _one_json_per_notice(conn: sqlite3.Connection) -> None:
    """Version 5 → 6 in one transaction: every revision's JSON made compact, the current
    one taken from ``notices.json`` (written in the same transaction as its revision, so
    they agree; a missing revision row is made from it), then ``notices`` rebuilt without
    its JSON and the full-text index rebuilt from the view."""
    conn.execute(
        "INSERT OR IGNORE INTO notice_revisions(notice_id, revision, json, text_sha256,"
        " recorded_at, emitted_at) SELECT id, revision, json, text_sha256, updated_at,"
        " updated_at FROM notices"
    )
    conn.execute(
        "UPDATE notice_revisions SET json = (SELECT n.json FROM notices AS n"
        " WHERE n.id = notice_revisions.notice_id) WHERE EXISTS (SELECT 1 FROM notices AS n"
        " WHERE n.id = notice_revisions.notice_id AND n.revision = notice_revisions.revision"
        " AND n.json != notice_revisions.json)"
    )
    rowids = [row[0] for row in conn.execute("SELECT rowid FROM notice_revisions")]
    for start in range(0, len(rowids), _MIGRATION_BATCH):
        batch = rowids[start : start + _MIGRATION_BATCH]
        rows = conn.execute(
            "SELECT rowid, json FROM notice_revisions"
            f" WHERE rowid IN ({', '.join('?' * len(batch))})",
            batch,
        ).fetchall()
        conn.executemany(
            "UPDATE notice_revisions SET json = ? WHERE rowid = ?",
            [(compact_json(json.loads(text)), rowid) for rowid, text in rows],
        )
    for statement in (
        "DROP TABLE notices_fts",
        # SQLite's way to drop a column on any version: a new table, copied, renamed. The
        # old one is dropped before the rename, so that references to ``notices`` (the
        # revisions' foreign key) are left pointing at the new one.
        _NOTICES_V6,
        "INSERT INTO notices_v6(id, page_id, url, title, published_at, publisher, index_no,"
        " doc_no, source, revision, text_sha256, first_seen, updated_at)"
        " SELECT id, page_id, url, title, published_at, publisher, index_no, doc_no, source,"
        " revision, text_sha256, first_seen, updated_at FROM notices",
        "DROP TABLE notices",
        "ALTER TABLE notices_v6 RENAME TO notices",
        *_NOTICE_INDEXES,
        *_V6_VIEWS,
        _FILL_FTS,
    ):
        conn.execute(statement)


#: Migration steps: ``MIGRATIONS[i]`` takes the store from version ``i`` to ``i + 1``.
MIGRATIONS: tuple[Step, ...] = (
    _V1,
    (*_V2, _backfill_fts),
    _V3,
    _V4,
    _V5,
    (_one_json_per_notice,),
)
SCHEMA_VERSION = len(MIGRATIONS)


def compact_json(data: object) -> str:
    """The form JSON is stored in: UTF-8 characters as they are, no spaces after separators."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path, target: int = SCHEMA_VERSION) -> None:
    """Apply the missing steps of :data:`MIGRATIONS`, each in its own transaction, with
    foreign keys off (restored afterwards) and checked before each commit."""
    current = user_version(conn)
    if current > len(MIGRATIONS):
        raise NoticeError(
            f"store has schema version {current}; this noticecli knows up to "
            f"{len(MIGRATIONS)} (upgrade noticecli)",
            source=str(path),
        )
    if current >= target:
        return
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set it before
    try:
        for version in range(current + 1, target + 1):
            _apply(conn, version, path)
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")


def _apply(conn: sqlite3.Connection, version: int, path: Path) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if user_version(conn) < version:  # another process may have just done it
            for statement in MIGRATIONS[version - 1]:
                if callable(statement):
                    statement(conn)
                else:
                    conn.execute(statement)
            broken = conn.execute("PRAGMA foreign_key_check").fetchone()
            if broken is not None:
                raise NoticeError(
                    f"cannot upgrade the store to version {version}: a row of {broken[0]}"
                    f" refers to a missing row of {broken[2]}",
                    source=str(path),
                )
            conn.execute(f"PRAGMA user_version = {int(version)}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
