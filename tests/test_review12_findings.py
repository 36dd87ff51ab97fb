"""Review of issue 12: failing tests, one per finding in /work/wt/reports/review12.md (a
reparse over a newer fetch, a password in a libpq message, a round ended twice, a worker
that fails every job once its store session is gone)."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("procrastinate")


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
