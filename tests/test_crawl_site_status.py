"""Each site's health in the store (schema version 5): how its runs end, failed runs in a
row, what `sites status` reads, and a store written by the release before it, migrated."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from noticecli.crawl import store_schema
from noticecli.crawl.state import SCHEMA_VERSION, StateStore
from tests.stores import STORE_KINDS, HandClock, notice, open_test_store

# A store written by noticecli at commit d6789af (schema version 4, before site health):
# two mini-sites crawled twice, one of them failing (its listing answered 500), one notice
# edited between the runs; dumped table by table, the FTS rows included.
STORE_V4 = Path(__file__).resolve().parent / "stores" / "store-v4.json"


def load_dump(path: Path, dump: Path) -> None:
    data = json.loads(dump.read_text("utf-8"))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    store_schema.migrate(conn, path, target=data["user_version"])
    conn.execute("BEGIN")
    for table, content in data["tables"].items():
        columns = content["columns"]
        marks = ", ".join("?" * len(columns))
        conn.executemany(
            f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks})", content["rows"]
        )
    conn.execute("COMMIT")
    conn.close()


def test_a_store_from_before_site_health_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    load_dump(path, STORE_V4)
    tables = json.loads(STORE_V4.read_text("utf-8"))["tables"]

    def rows(table: str) -> list[dict[str, Any]]:
        columns = tables[table]["columns"]
        return [dict(zip(columns, row, strict=True)) for row in tables[table]["rows"]]

    listing_seen = max(
        p["last_seen"] for p in rows("pages") if p["site_id"] == 1 and p["kind"] == "listing"
    )
    newest = max(n["first_seen"] for n in rows("notices"))

    with StateStore.open(path) as store:
        conn = store.connection
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        good, broken = store.site_statuses(["hefei-rfb", "broken-rfb"])[::-1]
        # What the old store knew: the last time a site's listing was read is its success.
        assert (good.site, good.last_success_at, good.consecutive_failures) == (
            "hefei-rfb",
            listing_seen,
            0,
        )
        assert (good.pages, good.notices, good.last_status) == (4, 3, None)
        assert good.last_new_at == newest
        assert (broken.site, broken.last_success_at, broken.pages, broken.notices) == (
            "broken-rfb",
            None,
            1,
            0,
        )
        # Everything else is as it was: the records, the revisions, nothing pending.
        assert list(store.pending_emissions()) == []
        exported = list(store.export())
        assert sorted(r["crawl"]["revision"] for r in exported) == [1, 1, 2]
        assert len(store.search("人防工程")) == 3
        # And the new columns work from here on.
        assert store.finish_site("broken-rfb", "failed", error="index.html: HTTP 500") == 1
    with StateStore.open(path) as store:  # reopening does nothing more
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_failed_runs_in_a_row_and_what_ends_them(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path, clock: HandClock
) -> None:
    with open_test_store(kind, request, tmp_path, clock) as store:
        assert store.finish_site("a", "ok") == 0
        first_success = store.now()
        clock.advance(minutes=60)
        assert store.finish_site("a", "failed", error="u: HTTP 500") == 1
        clock.advance(minutes=60)
        assert store.finish_site("a", "failed", error="u: timed out") == 2
        [status] = store.site_statuses(["a"])
        assert (status.consecutive_failures, status.last_status) == (2, "failed")
        assert status.last_success_at == first_success
        assert (status.last_error, status.last_failure_at) == ("u: timed out", store.now())
        assert status.last_run_at == store.now()
        failed_at = store.now()
        clock.advance(minutes=60)
        # Some pages failed but the site was read: the streak ends, the failure is told.
        assert store.finish_site("a", "partial", error="n.html: HTTP 404") == 0
        [status] = store.site_statuses(["a"])
        assert (status.last_status, status.last_success_at) == ("partial", store.now())
        assert (status.last_error, status.last_failure_at) == ("n.html: HTTP 404", store.now())
        clock.advance(minutes=60)
        assert store.finish_site("a", "ok") == 0
        [status] = store.site_statuses(["a"])
        assert status.last_error == "n.html: HTTP 404"  # the last failure, kept
        assert status.last_failure_at != store.now() and status.last_failure_at > failed_at


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_statuses_count_what_is_known_of_each_site(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path, clock: HandClock
) -> None:
    with open_test_store(kind, request, tmp_path, clock) as store:
        url = "http://x.gov.cn/a/1.html"
        store.record_notice("a", url, notice(url), raw_sha256="1")
        clock.advance(minutes=5)
        newest = store.now()
        url2 = "http://x.gov.cn/a/2.html"
        store.record_notice("a", url2, notice(url2, title="第二份通知"), raw_sha256="2")
        store.record_listing("a", "http://x.gov.cn/a/", raw_sha256="l")
        store.record_failure("b", "http://y.gov.cn/", "http", "HTTP 500", kind="listing")
        a, b = store.site_statuses()
        assert (a.site, a.pages, a.notices, a.last_new_at) == ("a", 3, 2, newest)
        assert (b.site, b.pages, b.notices, b.last_new_at) == ("b", 1, 0, None)
        assert b.last_run_at is None and b.last_status is None
        assert [s.site for s in store.site_statuses(["b"])] == ["b"]
        assert set(a.to_dict()) == {
            "site",
            "last_run_at",
            "last_status",
            "last_success_at",
            "consecutive_failures",
            "last_new_at",
            "pages",
            "notices",
            "last_failure_at",
            "last_error",
        }


def test_mark_emitted_many_is_one_transaction(tmp_path: Path) -> None:
    with StateStore.open(tmp_path / "s.db") as store:
        changes = [
            store.record_notice("a", url, notice(url), raw_sha256=url)
            for url in ("http://x.gov.cn/1.html", "http://x.gov.cn/2.html")
        ]
        assert len(list(store.pending_emissions())) == 2
        statements: list[str] = []
        store.connection.set_trace_callback(statements.append)
        store.mark_emitted_many([(c.notice_id, c.revision) for c in changes])
        store.connection.set_trace_callback(None)
        assert [s for s in statements if s in ("BEGIN IMMEDIATE", "COMMIT")] == [
            "BEGIN IMMEDIATE",
            "COMMIT",
        ]
        assert list(store.pending_emissions()) == []
