"""Crawl stores for tests and bench/store_size.py: a store as the release before store
schema 6 wrote it, a check that the full-text index holds what it should, and either
store (SQLite or PostgreSQL) for the tests that run on both.

The old release (schema version 4) is reproduced with its own tables and the same statements
as its ``StateStore.record_notice`` and ``mark_emitted``: the JSON written twice
(``notices.json`` and the revision's ``json``, with spaces after separators, as
``json.dumps`` gave it) and the full-text table keeping its own copy of the text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import noticecli
from noticecli.crawl.clock import Clock
from noticecli.crawl.identity import (
    body_text,
    canonical_url,
    changed_fields,
    norm_text,
    notice_id,
    text_sha256,
)
from noticecli.crawl.store_api import NoticeStore
from noticecli.crawl.store_schema import migrate
from noticecli.crawl.stores import open_store
from noticecli.models import Notice

RELEASE_SCHEMA = 4


def create_v4_store(path: Path) -> sqlite3.Connection:
    """A new store at schema version 4, opened as that release opened it."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    migrate(conn, path, target=RELEASE_SCHEMA)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def record_v4_notice(
    conn: sqlite3.Connection,
    site: str,
    url: str,
    data: dict[str, Any],
    now: str,
    *,
    raw_sha256: str,
    emitted: bool = True,
) -> tuple[str, int]:
    """Record a notice (its ``to_dict()`` form) in one transaction, as that release did;
    ``emitted`` also marks the revision written to a crawl's output. Returns the notice id
    and its revision (unchanged notices are left alone)."""
    url = canonical_url(url)
    digest = text_sha256(data)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT INTO sites(name, first_seen) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
            (site, now),
        )
        site_id = conn.execute("SELECT id FROM sites WHERE name = ?", (site,)).fetchone()[0]
        page_id = conn.execute(
            "INSERT INTO pages(site_id, url, kind, etag, last_modified, raw_sha256, text_sha256,"
            " last_status, first_seen, last_seen) VALUES (?, ?, 'notice', NULL, NULL, ?, ?, 200,"
            " ?, ?) ON CONFLICT(url) DO UPDATE SET raw_sha256 = excluded.raw_sha256,"
            " text_sha256 = excluded.text_sha256, last_seen = excluded.last_seen RETURNING id",
            (site_id, url, raw_sha256, digest, now, now),
        ).fetchone()[0]
        nid = notice_id(url)
        old = conn.execute(
            "SELECT revision, json, text_sha256 FROM notices WHERE id = ?", (nid,)
        ).fetchone()
        if old is not None and old["text_sha256"] == digest:
            conn.execute("COMMIT")
            return nid, int(old["revision"])
        if old is None:
            revision, changed = 1, ()
            conn.execute(
                "INSERT INTO notices(id, page_id, url, revision, json, text_sha256, first_seen,"
                " updated_at) VALUES (?, ?, ?, 0, '{}', '', ?, ?)",
                (nid, page_id, url, now, now),
            )
        else:
            revision = int(old["revision"]) + 1
            changed = changed_fields(json.loads(old["json"]), data)
        text = json.dumps(data, ensure_ascii=False)
        conn.execute(
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
        conn.execute(
            "INSERT INTO notice_revisions(notice_id, revision, json, text_sha256,"
            " changed_fields, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            (nid, revision, text, digest, json.dumps(list(changed)), now),
        )
        conn.execute("DELETE FROM notices_fts WHERE rowid = ?", (page_id,))
        conn.execute(
            "INSERT INTO notices_fts(rowid, notice_id, title, body) VALUES (?, ?, ?, ?)",
            (page_id, nid, norm_text(data.get("title")), body_text(data)),
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if emitted:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "UPDATE notice_revisions SET emitted_at = ? WHERE notice_id = ? AND revision = ?",
            (now, nid, revision),
        )
        conn.execute("COMMIT")
    return nid, revision


def assert_index_matches_text(conn: sqlite3.Connection) -> None:
    """The full-text index holds exactly the trigrams of each notice's current text: an
    index built afresh from ``notices_text`` has the same (trigram, notice) pairs. (FTS5's
    own check against the content, ``integrity-check`` with rank 1, needs SQLite 3.42.)"""
    conn.execute(
        "CREATE VIRTUAL TABLE temp.fresh_fts USING fts5(notice_id UNINDEXED, title, body,"
        " tokenize = 'trigram', detail = none)"
    )
    try:
        conn.execute(
            "INSERT INTO temp.fresh_fts(rowid, notice_id, title, body)"
            " SELECT page_id, notice_id, title, body FROM notices_text"
        )
        conn.execute(
            "CREATE VIRTUAL TABLE temp.fresh_terms USING fts5vocab(temp, fresh_fts, instance)"
        )
        conn.execute(
            "CREATE VIRTUAL TABLE temp.kept_terms USING fts5vocab(main, notices_fts, instance)"
        )
        query = "SELECT term, doc FROM temp.{} ORDER BY term, doc"
        kept = conn.execute(query.format("kept_terms")).fetchall()
        assert kept == conn.execute(query.format("fresh_terms")).fetchall()
        assert kept or not conn.execute("SELECT count(*) FROM notices").fetchone()[0]
    finally:
        for name in ("kept_terms", "fresh_terms", "fresh_fts"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


# --- either store: the contract tests run on SQLite and on PostgreSQL -----------------------

STORE_KINDS = ("sqlite", "postgresql")


def open_test_store(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path, clock: Clock | None = None
) -> NoticeStore:
    """A new empty store of ``kind``: a SQLite file under ``tmp_path``, or a fresh database
    of the throwaway PostgreSQL (the ``postgres_url`` fixture)."""
    if kind == "sqlite":
        return open_store(tmp_path / "state" / "noticecli.db", clock=clock)
    return open_store(request.getfixturevalue("postgres_url"), clock=clock)


def store_rows(store: NoticeStore, query: str) -> list[dict[str, Any]]:
    """The rows of a query without parameters, as dicts, on either store."""
    conn: Any = store.connection  # type: ignore[attr-defined]
    return [dict(row) for row in conn.execute(query).fetchall()]


def store_value(store: NoticeStore, query: str) -> Any:
    """The one value a query without parameters gives, on either store."""
    [row] = store_rows(store, query)
    [value] = row.values()
    return value


def is_sqlite(store: NoticeStore) -> bool:
    from noticecli.crawl.state import StateStore

    return isinstance(store, StateStore)


# --- a notice to store, and a clock to move by hand (the store tests' shared pieces) ---

URL = "http://rfb.example.gov.cn/xxgk/tzgg/202405/t20240506_1.html"
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
PARAGRAPHS = (
    "各县（市、区）人民政府：现将有关事项通知如下。",
    "一、检查范围包括全市所有危险化学品企业。",
)


def page(
    *,
    title: str = "关于开展2024年安全生产检查的通知",
    date: str = "2024-05-06",
    views: int = 1,
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    attachment: str = "附件1.pdf",
    banner: str = "",
    publisher: str = "",
) -> str:
    """A small disclosure page; ``views``, ``banner`` and the footer stamp are page noise."""
    byline = f"<p>发布机构：{publisher}</p>" if publisher else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body>"
        f'<div class="banner">{banner}</div>'
        f'<div class="article"><h1>{title}</h1>'
        f"<p>发布时间：{date} 浏览次数：{views}</p>{byline}"
        f'<div class="TRS_Editor">{body}</div>'
        f'<p><a href="/files/a.pdf">{attachment}</a></p></div>'
        f'<div class="footer">页面生成时间：2024-06-01 10:00:{views % 60:02d}</div>'
        "</body></html>"
    )


def notice(url: str = URL, **kwargs: object) -> Notice:
    return noticecli.parse_html(page(**kwargs), url=url)  # type: ignore[arg-type]


class HandClock:
    """A clock the test moves by hand."""

    def __init__(self, start: str = "2026-11-29T15:00:00Z") -> None:
        self.now = datetime.fromisoformat(start.replace("Z", "+00:00"))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def fill_for_search(store: NoticeStore) -> dict[str, str]:
    ids = {}
    docs = {
        "safety": ("关于开展2024年安全生产检查的通知", PARAGRAPHS),
        "water": ("关于做好防汛抗旱工作的通知", ("请各单位加强值班值守，确保安全度汛。",)),
        "budget": ("2024年部门预算公开", ("部门预算收支总表详见附件。",)),
    }
    for key, (title, paragraphs) in docs.items():
        url = f"http://x.gov.cn/{key}.html"
        ids[key] = store.record_notice(
            "hefei", url, notice(url, title=title, paragraphs=paragraphs), raw_sha256=key
        ).notice_id
    return ids
