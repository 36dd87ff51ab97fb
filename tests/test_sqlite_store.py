"""The SQLite store itself: pragmas, schema version and migrations, what plain `sqlite3`
reads, crash safety under SIGKILL, and the crawl lock. The store interface's contract, on
SQLite and PostgreSQL alike, is tests/test_crawl_state.py."""

from __future__ import annotations

import json
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from noticecli.crawl import state as state_module
from noticecli.crawl import store_schema
from noticecli.crawl.state import (
    MIGRATIONS,
    SCHEMA_VERSION,
    StateStore,
    crawl_lock,
    lock_paths,
    notice_id,
    read_lock_holder,
)
from noticecli.errors import LockedError, NoticeError
from tests.stores import (
    ISO,
    URL,
    HandClock,
    assert_index_matches_text,
    fill_for_search,
    notice,
    page,
)


@pytest.fixture
def sqlite_store(tmp_path: Path, clock: HandClock) -> Iterator[StateStore]:
    with StateStore.open(tmp_path / "state" / "noticecli.db", clock=clock) as opened:
        yield opened


# --- schema, migrations, plain SQLite -------------------------------------------------------


def test_pragmas_and_version(sqlite_store: StateStore) -> None:
    conn = sqlite_store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)


def test_migration_from_version_1(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    store_schema.migrate(conn, path, target=1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    data = notice().to_dict()
    conn.execute(
        "INSERT INTO sites(id, name, first_seen) VALUES (1, 'hefei', '2025-01-01T00:00:00Z')"
    )
    conn.execute(
        "INSERT INTO pages(id, site_id, url, kind, first_seen) VALUES (5, 1, ?, 'notice', ?)",
        (URL, "2025-01-01T00:00:00Z"),
    )
    conn.execute(
        "INSERT INTO notices(id, page_id, url, title, revision, json, text_sha256, first_seen,"
        " updated_at) VALUES (?, 5, ?, ?, 1, ?, ?, ?, ?)",
        (
            notice_id(URL),
            URL,
            data["title"],
            json.dumps(data, ensure_ascii=False),
            state_module.text_sha256(data),
            "2025-01-01T00:00:00Z",
            "2025-01-01T00:00:00Z",
        ),
    )
    conn.close()

    with StateStore.open(path) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        [hit] = store.search("危险化学品")  # the FTS table was built and filled
        assert hit.notice_id == notice_id(URL)
        # The old row is the same notice to the new code.
        assert store.record_notice("hefei", URL, notice(), raw_sha256="x").kind == "unchanged"
    with StateStore.open(path) as store:  # reopening does nothing more
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(NoticeError, match="upgrade noticecli"):
        StateStore.open(path)


def test_plain_sqlite_can_read_it(sqlite_store: StateStore, tmp_path: Path) -> None:
    store = sqlite_store
    fill_for_search(store)
    store.record_notice(
        "hefei",
        "http://x.gov.cn/water.html",
        notice(
            "http://x.gov.cn/water.html", title="关于做好防汛抗旱工作的通知", paragraphs=("改了。",)
        ),
        raw_sha256="w2",
    )
    path = store.path
    # A fresh connection with no settings, as Datasette or a script would open it.
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT site, title, json_extract(json, '$.published_at'), first_seen"
        " FROM notices_json ORDER BY title"
    ).fetchall()
    assert len(rows) == 3
    assert all(site == "hefei" and ISO.match(seen) for site, _, _, seen in rows)
    assert {published for _, _, published, _ in rows} == {"2024-05-06"}
    changed = conn.execute(
        "SELECT r.notice_id, j.value FROM notice_revisions AS r, json_each(r.changed_fields) AS j"
    ).fetchall()
    assert [value for _, value in changed] == ["body"]
    hits = conn.execute("SELECT notice_id FROM notices_fts WHERE body LIKE '%收支总表%'").fetchall()
    assert len(hits) == 1  # as the docs of noticecli.crawl.state say to search it
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT notice_id FROM notices_fts WHERE body LIKE '%收支总表%'"
    ).fetchall()
    assert "VIRTUAL TABLE INDEX 0:L" in str(plan)  # answered by the trigram index
    current = conn.execute(
        "SELECT json_extract(json, '$.title'), site FROM notices_json WHERE title LIKE '%防汛%'"
    ).fetchall()
    assert current == [("关于做好防汛抗旱工作的通知", "hefei")]
    columns = [r[1] for r in conn.execute("PRAGMA table_info(pages)")]
    assert columns[:5] == ["id", "site_id", "url", "kind", "etag"]
    conn.close()

    cli = shutil.which("sqlite3")
    if cli is None:
        return
    out = subprocess.run(
        [cli, str(path), "SELECT count(*) FROM notices; SELECT name FROM sites;"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    assert out.split() == ["3", "hefei"]


# --- crash safety ---------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import dataclasses, sys
    from pathlib import Path
    import noticecli
    from noticecli.crawl.state import StateStore

    html, start = sys.argv[2], int(sys.argv[3])
    base = noticecli.parse_html(html, url="http://x.gov.cn/0.html")
    with StateStore.open(Path(sys.argv[1])) as store:
        store.begin_run()
        i = start
        while True:
            url = f"http://x.gov.cn/{i}.html"
            store.record_notice("s", url, dataclasses.replace(base, url=url, title=f"第{i}号通知"),
                                raw_sha256=str(i))
            print(i, flush=True)
            if i % 3 == 0:  # also revise an earlier notice
                old = f"http://x.gov.cn/{i // 3}.html"
                store.record_notice("s", old, dataclasses.replace(base, url=old,
                                    title=f"第{i // 3}号通知（第{i}次更正）"), raw_sha256="x")
            i += 1
    """
)


def check_consistent(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute(
            "INSERT INTO notices_fts(notices_fts, rank) VALUES ('integrity-check', 0)"
        ).rowcount in (-1, 0, 1)
        orphans = conn.execute(
            "SELECT count(*) FROM notices LEFT JOIN pages ON pages.id = notices.page_id"
            " WHERE pages.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        assert_index_matches_text(conn)
        count = int(conn.execute("SELECT count(*) FROM notices").fetchone()[0])
        assert conn.execute("SELECT count(*) FROM notices_fts").fetchone()[0] == count
        # Every revision present, and the notice points at the last one.
        bad = conn.execute(
            "SELECT count(*) FROM notices AS n WHERE n.revision !="
            " (SELECT count(*) FROM notice_revisions AS r WHERE r.notice_id = n.id)"
        ).fetchone()[0]
        assert bad == 0
        return count
    finally:
        conn.close()


ROUNDS = 6


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_leaves_a_consistent_store(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    html = page()
    rng = random.Random(7)
    printed = 0
    for _round in range(ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), html, str(printed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        target = printed + rng.randint(20, 60)
        last = printed - 1
        deadline = time.monotonic() + 60
        while last < target and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            last = int(line)
        time.sleep(rng.random() * 0.02)
        proc.send_signal(signal.SIGKILL)
        # Read the rest through the same text stream: readline() may have buffered lines
        # ahead, and communicate() reads the pipe underneath, so it would lose them.
        rest = proc.stdout.read()
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL, err
        for line in rest.split():
            last = int(line)
        assert last >= target, err
        printed = last + 1  # notices 0..last were committed before they were printed
        count = check_consistent(path)
        # The kill can land after a commit and before its print: at most one more.
        assert count in (printed, printed + 1)
        printed = count
    with StateStore.open(path) as store:  # the store opens and works after the crashes
        assert store.record_notice("s", "http://x.gov.cn/after.html", notice(), raw_sha256="z")
        assert store.connection.execute("SELECT count(*) FROM runs").fetchone()[0] == ROUNDS
        store.begin_run()
        statuses = {r[0] for r in store.connection.execute("SELECT status FROM runs")}
        assert statuses == {"interrupted", "running"}


# --- the lock -------------------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from noticecli.crawl.state import crawl_lock

    with crawl_lock(Path(sys.argv[1])):
        print("locked", flush=True)
        time.sleep(60)
    """
)


def test_lock_is_exclusive_and_names_the_holder(tmp_path: Path) -> None:
    db = tmp_path / "data" / "noticecli.db"
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "locked"
            with pytest.raises(LockedError) as caught, crawl_lock(db):
                pass
            message = str(caught.value)
            assert "another crawl is running" in message
            assert f"pid {proc.pid} on host " in message
            assert re.search(r"since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)", message)
            assert caught.value.source == str(lock_paths(db)[0])
            holder = read_lock_holder(db)
            assert holder is not None and holder.pid == proc.pid
        finally:
            proc.kill()
    # The holder died without cleaning up: its info file is stale, the lock is free.
    lock_path, info_path = lock_paths(db)
    assert info_path.exists()
    with crawl_lock(db) as mine:
        holder = read_lock_holder(db)
        assert holder == mine
    assert not info_path.exists()
    assert lock_path.name == "noticecli.db.lock"  # x.db and x.sqlite are two stores


def test_lock_without_info(tmp_path: Path) -> None:
    from filelock import FileLock

    db = tmp_path / "noticecli.db"
    lock_path, _ = lock_paths(db)
    with (
        FileLock(str(lock_path)),
        pytest.raises(LockedError, match="holder unknown"),
        crawl_lock(db),
    ):
        pass
