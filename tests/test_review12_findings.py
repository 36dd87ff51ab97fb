"""Review of issue 12: failing tests, one per finding in /work/wt/reports/review12.md (a
reparse over a newer fetch, a password in a libpq message, a round ended twice, a worker
that fails every job once its store session is gone)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from noticecli.crawl.queue_setup import prepare_queue

pytest.importorskip("procrastinate")


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
