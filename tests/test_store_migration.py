"""Store schema 6 (issue 11): a store written by the release before it (schema 4) is
migrated in place, in one transaction, and reads back the same; the JSON is kept once."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import noticecli
from noticecli.crawl import store_schema
from noticecli.crawl.state import SCHEMA_VERSION, StateStore
from noticecli.models import Notice
from tests.stores import assert_index_matches_text, create_v4_store, record_v4_notice

SITE = "hefei"
TABLE_PAGE = (
    "<html><body><div class='article'><h1>关于公布人防设备企业名单的公告</h1>"
    "<p>发布时间：2024-03-18</p><div class='TRS_Editor'><p>名单如下：</p>"
    "<table><tr><td>序号</td><td>企业名称</td></tr><tr><td>1</td><td>江澜安盾人防设备公司</td>"
    "</tr><tr><td>2</td><td></td></tr></table><p>特此公告。</p></div></div></body></html>"
)


def page(title: str, text: str, date: str = "2024-05-06") -> str:
    return (
        f"<html><head><title>{title}</title></head><body><div class='article'><h1>{title}</h1>"
        f"<p>发布时间：{date}</p><div class='TRS_Editor'><p>{text}</p><p>特此通知。</p></div>"
        "<p><a href='/files/a.pdf'>附件1.pdf</a></p></div></body></html>"
    )


def url(n: int) -> str:
    return f"http://rfb.example.gov.cn/xxgk/{n}.html"


def notices() -> list[tuple[str, Notice, str]]:
    """(url, notice, when) in the order the old release recorded them: notice 2 twice."""
    return [
        (url(1), noticecli.parse_html(page("关于开展安全生产检查的通知", "检查危险化学品企业。"), url=url(1)), "2025-01-01T00:00:00Z"),
        (url(2), noticecli.parse_html(page("关于防汛工作的通知", "确保安全度汛。"), url=url(2)), "2025-01-02T00:00:00Z"),
        (url(3), noticecli.parse_html(TABLE_PAGE, url=url(3)), "2025-01-03T00:00:00Z"),
        (url(2), noticecli.parse_html(page("关于防汛工作的通知", "确保安全度汛，加强值守。"), url=url(2)), "2025-01-04T00:00:00Z"),
    ]  # fmt: skip


def write_old_store(path: Path, *, pending: bool = True) -> dict[str, Any]:
    """A store as the old release left it, and what it held: each notice's JSON, every
    revision's JSON, and the rows of the tables that stay."""
    conn = create_v4_store(path)
    items = notices()
    for index, (address, notice, when) in enumerate(items):
        last = index == len(items) - 1
        record_v4_notice(
            conn, SITE, address, notice.to_dict(), when, raw_sha256=when,
            emitted=not (pending and last),
        )  # fmt: skip
    held = {
        "current": {
            row["id"]: json.loads(row["json"])
            for row in conn.execute("SELECT id, json FROM notices")
        },
        "revisions": {
            (row["notice_id"], row["revision"]): (
                json.loads(row["json"]),
                row["changed_fields"],
                row["recorded_at"],
                row["emitted_at"],
            )
            for row in conn.execute("SELECT * FROM notice_revisions")
        },
        "notices": [
            tuple(row)
            for row in conn.execute(
                "SELECT id, page_id, url, title, published_at, publisher, index_no, doc_no,"
                " source, revision, text_sha256, first_seen, updated_at FROM notices ORDER BY id"
            )
        ],
        "pages": [tuple(row) for row in conn.execute("SELECT * FROM pages ORDER BY id")],
    }
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    conn.close()
    return held


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_a_store_of_the_old_release_is_migrated_and_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "noticecli.db"
    held = write_old_store(path)
    with StateStore.open(path) as store:
        conn = store.connection
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "json" not in columns(conn, "notices")  # kept once: in its revision
        # The same notices, rows and revisions; the JSON compact, its values unchanged.
        assert [
            tuple(row)
            for row in conn.execute(
                "SELECT id, page_id, url, title, published_at, publisher, index_no, doc_no,"
                " source, revision, text_sha256, first_seen, updated_at FROM notices ORDER BY id"
            )
        ] == held["notices"]
        assert [tuple(row) for row in conn.execute("SELECT * FROM pages ORDER BY id")] == held[
            "pages"
        ]
        revisions = {
            (row["notice_id"], row["revision"]): row
            for row in conn.execute("SELECT * FROM notice_revisions")
        }
        assert revisions.keys() == held["revisions"].keys()
        for key, row in revisions.items():
            data, changed, recorded, emitted = held["revisions"][key]
            assert json.loads(row["json"]) == data
            assert row["json"] == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            assert (row["changed_fields"], row["recorded_at"], row["emitted_at"]) == (
                changed,
                recorded,
                emitted,
            )
        # Everything that reads the JSON reads it from its one home.
        for nid, data in held["current"].items():
            assert store.notice(nid) == data
            [shown] = conn.execute("SELECT json FROM notices_json WHERE notice_id = ?", (nid,))
            assert json.loads(shown[0]) == data
        exported = {record["crawl"]["notice_id"]: record for record in store.export()}
        assert {nid: {k: v for k, v in r.items() if k != "crawl"} for nid, r in exported.items()} == held["current"]  # fmt: skip
        [pending] = store.pending_emissions()  # the revision the old release had not written
        assert (pending["crawl"]["revision"], pending["crawl"]["changed_fields"]) == (2, ["body"])
        history = store.revisions(pending["crawl"]["notice_id"])
        assert [r["notice"]["body"][0]["text"] for r in history] == [
            "确保安全度汛。",
            "确保安全度汛，加强值守。",
        ]
        # Search, the index rebuilt from the text: long and short terms, table cells.
        assert_index_matches_text(conn)
        assert [h.url for h in store.search("危险化学品")] == [url(1)]
        assert [h.url for h in store.search("加强值守")] == [url(2)]
        assert store.search("安全度汛，") and not store.search("值守。特此")  # not across blocks
        assert [h.url for h in store.search("安盾人防")] == [url(3)]
        assert [h.url for h in store.search("序号")] == [url(3)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # back on after it

        # The old notices are the same notices to the new code: unchanged, then revised.
        current = [item for i, item in enumerate(notices()) if i != 1]  # notice 2 revised
        for address, notice, _ in current:
            assert store.record_notice(SITE, address, notice, raw_sha256="x").kind == "unchanged"
        changed = noticecli.parse_html(
            page("关于开展安全生产检查的通知", "改为烟花爆竹。"), url=url(1)
        )
        assert store.record_notice(SITE, url(1), changed, raw_sha256="y").revision == 2
        assert store.search("烟花爆竹") and not store.search("危险化学品")
        assert_index_matches_text(conn)
    with StateStore.open(path) as store:  # reopening does nothing more
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_failed_migration_leaves_the_old_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A failure at the last statement of the step (the full-text index): nothing of the
    # step is kept, the store is the old release's still, and opens fine once it can.
    path = tmp_path / "noticecli.db"
    held = write_old_store(path)
    monkeypatch.setattr(store_schema, "_FILL_FTS", "INSERT INTO no_such_table VALUES (1)")
    with pytest.raises(noticecli.NoticeError, match="no such table"):
        StateStore.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5  # the step before is kept
    assert "json" in columns(conn, "notices")
    assert {row[0]: json.loads(row[1]) for row in conn.execute("SELECT id, json FROM notices")} == held["current"]  # fmt: skip
    assert conn.execute("SELECT count(*) FROM notices_fts").fetchone()[0] == 3
    old_json = conn.execute("SELECT json FROM notice_revisions LIMIT 1").fetchone()[0]
    assert ", " in old_json  # not rewritten
    conn.close()
    monkeypatch.undo()
    with StateStore.open(path) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {nid: store.notice(nid) for nid in held["current"]} == held["current"]


def test_a_notice_cannot_point_at_a_missing_revision(tmp_path: Path) -> None:
    with StateStore.open(tmp_path / "s.db") as store:
        address, notice, _ = notices()[0]
        nid = store.record_notice(SITE, address, notice, raw_sha256="a").notice_id
        conn = store.connection
        conn.execute("BEGIN")
        conn.execute("UPDATE notices SET revision = 7 WHERE id = ?", (nid,))
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            conn.execute("COMMIT")
        conn.execute("ROLLBACK")
        assert store.notice(nid) == notice.to_dict()


# The migration step runs to its end, then the process waits to be killed before COMMIT.
MIGRATOR = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from noticecli.crawl import store_schema
    from noticecli.crawl.state import StateStore

    (step,) = store_schema.MIGRATIONS[5]

    def held(conn):
        step(conn)
        print("migrated", flush=True)
        time.sleep(60)

    store_schema.MIGRATIONS = (*store_schema.MIGRATIONS[:5], (held,))
    StateStore.open(Path(sys.argv[1]))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_migration_killed_before_its_commit_leaves_the_old_store(tmp_path: Path) -> None:
    path = tmp_path / "noticecli.db"
    held = write_old_store(path)
    child = subprocess.Popen(
        [sys.executable, "-c", MIGRATOR, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "migrated"
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    assert {row[0]: json.loads(row[1]) for row in conn.execute("SELECT id, json FROM notices")} == held["current"]  # fmt: skip
    assert conn.execute("SELECT count(*) FROM notices_fts WHERE notices_fts MATCH '安全生产'").fetchone()[0] == 1  # fmt: skip
    conn.close()
    with StateStore.open(path) as store:  # the next open migrates it
        assert {nid: store.notice(nid) for nid in held["current"]} == held["current"]
        assert [h.url for h in store.search("危险化学品")] == [url(1)]


def test_a_store_held_by_another_writer_is_said_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "noticecli.db"
    write_old_store(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # as a long migration in another process holds it
    real_connect = sqlite3.connect
    monkeypatch.setattr(
        sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "timeout": 0.1})
    )
    try:
        with pytest.raises(noticecli.NoticeError, match="the store is busy"):
            StateStore.open(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    monkeypatch.undo()
    StateStore.open(path).close()
