"""Review of issue 12: failing tests, one per finding in /work/wt/reports/review12.md (a
reparse over a newer fetch, a password in a libpq message, a round ended twice, a worker
that fails every job once its store session is gone)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import zlib
from dataclasses import asdict
from types import SimpleNamespace
from typing import Any

import pytest

from noticecli.crawl import reparse_job
from noticecli.crawl.identity import notice_id
from noticecli.crawl.pg_store import PostgresStore
from noticecli.crawl.queue_setup import prepare_queue
from noticecli.crawl.run import RunCounts
from noticecli.fetch.pages import notice_from_fetch
from noticecli.fetch.result import FetchResult
from tests.conftest import PAGES
from tests.minisite import TEMPLATES

pytest.importorskip("procrastinate")

URL = "http://127.0.0.2:8000/xxgk/tzgg/202411/t20241105_100001.html"


def page(title: str) -> FetchResult:
    template, old_title = TEMPLATES[0]
    body = (PAGES / template).read_text("utf-8").replace(old_title, title).encode("utf-8")
    return FetchResult(
        url=URL,
        final_url=URL,
        status=200,
        content=body,
        headers={"content-type": "text/html; charset=utf-8"},
        fetched_at="2026-12-01T00:00:00Z",
        elapsed_ms=1,
        attempts=1,
        content_type="text/html",
        charset="utf-8",
        sha256=hashlib.sha256(body).hexdigest(),
    )


def keep(conn: Any, result: FetchResult) -> None:
    facts = {k: v for k, v in asdict(result).items() if k not in ("content", "rendered")}
    conn.execute(
        "INSERT INTO raw_pages (url, site, site_rules, fetched_at, sha256, fetch_facts, content)"
        " VALUES (%s, 's0', '', %s, %s, %s, %s) ON CONFLICT (url) DO UPDATE SET"
        " fetched_at = excluded.fetched_at, sha256 = excluded.sha256,"
        " fetch_facts = excluded.fetch_facts, content = excluded.content",
        (URL, result.fetched_at, result.sha256, json.dumps(facts), zlib.compress(result.content)),
    )


def test_a_reparse_does_not_put_back_an_older_page_than_a_worker_recorded(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_queue(postgres_url, location="test")
    old, new = (
        page("关于第1批人防工程检查情况的通报"),
        page("关于第1批人防工程检查情况的通报（更正）"),
    )
    with PostgresStore.open(postgres_url) as store:
        keep(store.connection, old)
        store.record_notice("s0", URL, notice_from_fetch(old), raw_sha256=old.sha256)

        def worker_fetches_meanwhile(result: FetchResult, **kwargs: Any) -> Any:
            # While the re-parse job works through its batch, a worker fetches the page
            # again: the site corrected the title. It keeps the page and records it.
            keep(store.connection, new)
            store.record_notice("s0", URL, notice_from_fetch(new), raw_sha256=new.sha256)
            return notice_from_fetch(result, **kwargs)

        monkeypatch.setattr(reparse_job, "notice_from_fetch", worker_fetches_meanwhile)

        async def run() -> None:
            from psycopg_pool import AsyncConnectionPool

            async with AsyncConnectionPool(
                postgres_url, min_size=1, max_size=2, kwargs={"autocommit": True}
            ) as pool:
                runtime = SimpleNamespace(
                    store=store,
                    pool=pool,
                    crawler=SimpleNamespace(counts=RunCounts()),
                    site=lambda text: SimpleNamespace(notice_rules=None),
                )
                context = SimpleNamespace(additional_context={"noticecli": runtime})
                monkeypatch.setattr(
                    reparse_job, "runtime_of", lambda c: c.additional_context["noticecli"]
                )
                await reparse_job.reparse_pages(context, [URL], {}, True)  # type: ignore[arg-type]

        asyncio.run(run())
        current = store.notice(notice_id(URL))
        assert current is not None
        # The worker's newer fetch must stay the notice's current state.
        revisions = store.revisions(notice_id(URL))
        assert current["title"] == "关于第1批人防工程检查情况的通报（更正）", len(revisions)
        assert len(revisions) == 2, "the old page recorded again as a third revision"


def test_a_round_s_last_job_run_again_after_a_kill_ends_the_round_once(postgres_url: str) -> None:
    from psycopg_pool import AsyncConnectionPool

    from noticecli.crawl.run import SiteResult, SiteRun
    from noticecli.crawl.site_rounds import end_job
    from noticecli.crawl.sites import parse_sites
    from noticecli.crawl.worker_runtime import site_text

    prepare_queue(postgres_url, location="test")
    site = parse_sites('[[site]]\nname="s0"\nlisting=["http://127.0.0.2/x/"]\n', source="t")[0]
    run = SiteRun(site, SiteResult("s0", "ok", "listing: 500", failures=1), listing_failed=True)

    async def twice() -> list[object]:
        async with AsyncConnectionPool(
            postgres_url, min_size=1, max_size=2, kwargs={"autocommit": True}
        ) as pool:
            # Job 7, the round's last, ends; its worker is killed before procrastinate
            # marks it done, so it is put back and run again (and fails the same way).
            return [await end_job(pool, site_text(site), 7, run) for _ in range(2)]

    first, again = asyncio.run(twice())
    assert first is not None
    assert again is None, "the round's end (finish_site: one more failure in a row) twice"


def test_a_worker_whose_store_session_ends_does_not_fail_the_jobs_it_takes(
    postgres_url: str, tmp_path: Any
) -> None:
    import signal
    import time

    import psycopg

    from tests.minisite import MiniSite
    from tests.server import TestServer
    from tests.test_queue_workers import cli, finish, jobs, start_worker, write_sites

    server = TestServer(host="127.0.0.3")
    try:
        sites_file = write_sites(tmp_path / "sites.toml", [MiniSite(server, count=6)], delay=0)
        assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("DELETE FROM procrastinate_jobs")
        worker = start_worker(postgres_url)
        try:
            time.sleep(4)  # started, waiting for work
            # The server ends the worker's sessions (a restart, a fail-over, an admin).
            with psycopg.connect(postgres_url, autocommit=True) as conn:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            time.sleep(1)
            assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
            deadline = time.monotonic() + 15
            while ("noticecli.walk_listing", "todo") in jobs(postgres_url):
                assert time.monotonic() < deadline
                time.sleep(0.1)
            time.sleep(1)
            assert ("noticecli.walk_listing", "failed") not in jobs(postgres_url)
        finally:
            worker.send_signal(signal.SIGTERM)
            finish(worker, timeout=60)
    finally:
        server.close()
