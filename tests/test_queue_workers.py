"""The crawl as procrastinate jobs on a real, throwaway PostgreSQL (issue 12): several worker
processes against mini-sites on 127.0.0.2 … 127.0.0.5, checked from the servers' logs (one
request at a time per host, each host's gaps at least its delay, across all workers), a
worker killed with SIGKILL mid-run, SIGTERM, enqueue twice, and the result against a
single-machine SQLite crawl of the same sites."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import itertools
import json
import os
import signal
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from noticecli.cli import main
from noticecli.crawl.identity import notice_id
from noticecli.crawl.run import RunCounts
from noticecli.fetch.pages import notice_from_fetch
from noticecli.fetch.result import FetchResult
from tests.conftest import PAGES, REPO
from tests.minisite import TEMPLATES, MiniSite
from tests.server import Reply, TestServer

psycopg = pytest.importorskip("psycopg")
pytest.importorskip("procrastinate")

from noticecli.crawl import reparse_job  # noqa: E402  (needs the postgres extra)
from noticecli.crawl.pg_store import PostgresStore  # noqa: E402
from noticecli.crawl.queue_setup import prepare_queue  # noqa: E402

DELAY = 0.3
Span = tuple[float, float]


@pytest.fixture
def hosts() -> Iterator[list[TestServer]]:
    """Four servers, on 127.0.0.2 … 127.0.0.5, stopped at teardown."""
    servers = [TestServer(host=f"127.0.0.{number}") for number in range(2, 6)]
    try:
        yield servers
    finally:
        for server in servers:
            server.close()


def write_sites(path: Path, sites: list[MiniSite], delay: float = DELAY) -> Path:
    path.write_text("\n".join(s.sites_toml(f"s{n}", delay=delay) for n, s in enumerate(sites)))
    return path


def cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def start_worker(url: str, *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "noticecli", "worker", "--db", url, "--allow-private"]
    command += ["--retries", "0", "--concurrency", "2", "--stalled-after", "2", *extra]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish(worker: subprocess.Popen[bytes], timeout: float = 90) -> tuple[int, str]:
    _, err = worker.communicate(timeout=timeout)
    return worker.returncode, err.decode()


def emitted(url: str, *extra: str) -> list[dict[str, Any]]:
    result = cli("emit", "--db", url, *extra)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def host_spans(server: TestServer) -> list[Span]:
    return sorted((request.at, end) for request, end in server.answered)


def check_polite(spans: list[Span], delay: float) -> None:
    """One request at a time, each starting at least ``delay`` after the previous ended."""
    assert len(spans) >= 2, f"{len(spans)} request(s): too few to show a gap"
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start >= end, "two requests in flight to one host"
        assert start - end >= delay - 0.005, f"a gap of {start - end:.3f} s < {delay} s"


def jobs(url: str) -> list[tuple[str, str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT task_name, status::text FROM procrastinate_jobs").fetchall()
    return [(str(name), str(status)) for name, status in rows]


def comparable(record: dict[str, Any]) -> tuple[str, int, str]:
    """A record without what differs between two fetches of one page (its times)."""
    record = dict(record)
    crawl = record.pop("crawl")
    record.pop("fetch")
    return crawl["notice_id"], crawl["revision"], json.dumps(record, sort_keys=True)


def test_three_workers_emit_each_notice_once_politely_as_one_sqlite_crawl_would(
    hosts: list[TestServer], postgres_url: str, tmp_path: Path
) -> None:
    sites = [MiniSite(server, count=7, latency=0.02) for server in hosts]
    sites_file = write_sites(tmp_path / "sites.toml", sites)
    queued = cli("enqueue", "--sites", str(sites_file), "--db", postgres_url)
    assert queued.exit_code == 0, queued.stderr
    assert "4 listing walk(s) queued" in queued.stderr

    workers = [start_worker(postgres_url, "--until-idle") for _ in range(3)]
    ended = [finish(worker) for worker in workers]
    assert [code for code, _ in ended] == [0, 0, 0], ended
    assert all("Traceback" not in err for _, err in ended)
    assert sum("worker: " in err for _, err in ended) == 3
    assert not [job for job in jobs(postgres_url) if job[1] in ("todo", "doing")]

    records = emitted(postgres_url)
    urls = Counter(record["url"] for record in records)
    expected = {site.notice_url(n) for site in sites for n in range(1, site.count + 1)}
    assert set(urls) == expected and set(urls.values()) == {1}, "each notice once"
    assert emitted(postgres_url) == [], "and never again"
    for server in hosts:
        paths = Counter(request.path for request, _ in server.answered)
        # Each page once, robots.txt too: read by one worker, obeyed by all.
        assert paths.pop("/robots.txt") == 1 and set(paths.values()) == {1}
        assert len(paths) == 1 + 7  # the listing, the notices
        check_polite(host_spans(server), DELAY)
    # The work was shared: more than one worker fetched pages.
    assert sum(" 0 pages fetched" not in err for _, err in ended) >= 2

    # The same sites crawled by one process into SQLite: the same notices and revisions.
    args = ["--sites", str(sites_file), "--db", str(tmp_path / "t.db"), "--allow-private"]
    sqlite = CliRunner().invoke(main, ["crawl", *args, "--delay", "0"])
    assert sqlite.exit_code == 0, sqlite.stderr
    alone = [json.loads(line) for line in sqlite.stdout.splitlines()]
    assert sorted(map(comparable, records)) == sorted(map(comparable, alone))


def test_a_worker_killed_mid_run_loses_and_repeats_nothing(
    hosts: list[TestServer], postgres_url: str, tmp_path: Path
) -> None:
    sites = [MiniSite(server, count=8, latency=0.1) for server in hosts]
    sites_file = write_sites(tmp_path / "sites.toml", sites)
    assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
    victim = start_worker(postgres_url)  # not --until-idle: it would work to the end
    deadline = time.monotonic() + 30
    while sum(len(server.answered) for server in hosts) < 12:
        assert time.monotonic() < deadline and victim.poll() is None
        time.sleep(0.01)
    survivors = [start_worker(postgres_url, "--until-idle") for _ in range(2)]
    time.sleep(0.5)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=10)
    ended = [finish(worker) for worker in survivors]
    assert [code for code, _ in ended] == [0, 0], ended
    assert any("job(s) of workers that stopped answering" in err for _, err in ended), ended

    records = emitted(postgres_url)
    urls = Counter(record["url"] for record in records)
    expected = {site.notice_url(n) for site in sites for n in range(1, site.count + 1)}
    assert set(urls) == expected and set(urls.values()) == {1}, "each notice once"
    assert {record["crawl"]["revision"] for record in records} == {1}
    for server in hosts:
        check_polite(host_spans(server), DELAY)
    assert not [job for job in jobs(postgres_url) if job[1] in ("todo", "doing")]


def test_enqueue_twice_queues_each_listing_once(
    hosts: list[TestServer], postgres_url: str, tmp_path: Path
) -> None:
    sites = [MiniSite(server, count=2) for server in hosts[:2]]
    sites_file = write_sites(tmp_path / "sites.toml", sites)
    first = cli("enqueue", "--sites", str(sites_file), "--db", postgres_url)
    second = cli("enqueue", "--sites", str(sites_file), "--db", postgres_url, "s1")
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert "2 listing walk(s) queued" in first.stderr
    assert "0 listing walk(s) queued, 1 already waiting" in second.stderr
    assert jobs(postgres_url) == [("noticecli.walk_listing", "todo")] * 2
    assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url, "-q").stderr == ""
    assert not any(server.requests for server in hosts), "enqueue fetches nothing"


def test_sigterm_stops_a_worker_cleanly_and_its_jobs_go_to_the_next(
    hosts: list[TestServer], postgres_url: str, tmp_path: Path
) -> None:
    sites = [MiniSite(server, count=6, latency=0.2) for server in hosts[:2]]
    sites_file = write_sites(tmp_path / "sites.toml", sites)
    assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
    worker = start_worker(postgres_url, "--graceful", "0")
    deadline = time.monotonic() + 30
    while sum(len(server.requests) for server in hosts) < 5:
        assert time.monotonic() < deadline and worker.poll() is None
        time.sleep(0.01)
    worker.send_signal(signal.SIGTERM)
    code, err = finish(worker, timeout=30)
    assert code == 143, err
    assert "terminated: worker: " in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("noticecli: terminated: worker: ")
    # Nothing is left running: what it had under way was put back.
    assert not [job for job in jobs(postgres_url) if job[1] == "doing"]

    code, err = finish(start_worker(postgres_url, "--until-idle"))
    assert code == 0, err
    urls = Counter(record["url"] for record in emitted(postgres_url))
    expected = {site.notice_url(n) for site in sites for n in range(1, site.count + 1)}
    assert set(urls) == expected and set(urls.values()) == {1}


def test_reparse_records_what_parses_differently_as_revisions(
    hosts: list[TestServer], postgres_url: str, tmp_path: Path
) -> None:
    site = MiniSite(hosts[0], count=3)
    sites_file = write_sites(tmp_path / "sites.toml", [site], delay=0)
    assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
    code, err = finish(start_worker(postgres_url, "--until-idle"))
    assert code == 0, err
    first = emitted(postgres_url)
    assert len(first) == 3
    requests = len(hosts[0].requests)

    # Nothing changed: nothing to write out, and no page is fetched again.
    same = cli("reparse", "--db", postgres_url)
    assert same.exit_code == 0, same.stderr
    assert "3 page(s) queued in 1 job(s)" in same.stderr
    assert "3 page(s) parsed, 0 changed, 0 failed" in same.stderr
    assert emitted(postgres_url) == []

    # "An upgrade": the site's title now comes from the first paragraph (a selector in the
    # sites file), so every notice parses differently: each becomes revision 2.
    (tmp_path / "new.toml").write_text(site.sites_toml("s0", title="p"), "utf-8")
    changed = cli("reparse", "--db", postgres_url, "--sites", str(tmp_path / "new.toml"))
    assert changed.exit_code == 0, changed.stderr
    assert "3 page(s) parsed, 3 changed" in changed.stderr
    second = emitted(postgres_url)
    assert {r["crawl"]["revision"] for r in second} == {2}
    assert all(r["crawl"]["change"] == "changed" and r["crawl"]["changed_fields"] for r in second)
    assert {r["url"] for r in second} == {r["url"] for r in first}
    assert len(hosts[0].requests) == requests, "reparse reads the kept pages only"
    assert cli("reparse", "--db", postgres_url, "--since", "2999-01-01").stderr.startswith(
        "noticecli: reparse: 0 page(s) queued"
    )


REPARSED_URL = "http://127.0.0.2:8000/xxgk/tzgg/202411/t20241105_100001.html"


def kept_page(title: str) -> FetchResult:
    template, old_title = TEMPLATES[0]
    body = (PAGES / template).read_text("utf-8").replace(old_title, title).encode("utf-8")
    return FetchResult(
        url=REPARSED_URL,
        final_url=REPARSED_URL,
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


def keep_raw(conn: Any, result: FetchResult) -> None:
    facts = {k: v for k, v in asdict(result).items() if k not in ("content", "rendered")}
    conn.execute(
        "INSERT INTO raw_pages (url, site, site_rules, fetched_at, sha256, fetch_facts, content)"
        " VALUES (%s, 's0', '', %s, %s, %s, %s) ON CONFLICT (url) DO UPDATE SET"
        " fetched_at = excluded.fetched_at, sha256 = excluded.sha256,"
        " fetch_facts = excluded.fetch_facts, content = excluded.content",
        (
            REPARSED_URL,
            result.fetched_at,
            result.sha256,
            json.dumps(facts),
            zlib.compress(result.content),
        ),
    )


def test_a_reparse_leaves_a_newer_fetch_recorded_meanwhile_the_notice_s_state(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_queue(postgres_url, location="test")
    old, new = (
        kept_page("关于第1批人防工程检查情况的通报"),
        kept_page("关于第1批人防工程检查情况的通报（更正）"),
    )
    with PostgresStore.open(postgres_url) as store:
        keep_raw(store.connection, old)
        store.record_notice("s0", REPARSED_URL, notice_from_fetch(old), raw_sha256=old.sha256)

        def worker_fetches_meanwhile(result: FetchResult, **kwargs: Any) -> Any:
            # While the re-parse job works through its batch, a worker fetches the page
            # again: the site corrected the title. It keeps the page and records it.
            keep_raw(store.connection, new)
            store.record_notice("s0", REPARSED_URL, notice_from_fetch(new), raw_sha256=new.sha256)
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
                await reparse_job.reparse_pages(context, [REPARSED_URL], {}, True)  # type: ignore[arg-type]

        asyncio.run(run())
        current = store.notice(notice_id(REPARSED_URL))
        assert current is not None
        # The worker's newer fetch must stay the notice's current state.
        revisions = store.revisions(notice_id(REPARSED_URL))
        assert current["title"] == "关于第1批人防工程检查情况的通报（更正）", len(revisions)
        assert len(revisions) == 2, "the old page recorded again as a third revision"


def test_a_round_s_last_job_run_again_after_a_kill_ends_the_round_once(postgres_url: str) -> None:
    from psycopg_pool import AsyncConnectionPool

    from noticecli.crawl.run import SiteResult, SiteRun
    from noticecli.crawl.site_rounds import RoundEnd, end_job
    from noticecli.crawl.sites import parse_sites
    from noticecli.crawl.worker_runtime import site_text

    prepare_queue(postgres_url, location="test")
    site = parse_sites('[[site]]\nname="s0"\nlisting=["http://127.0.0.2/x/"]\n', source="t")[0]
    failed = SiteRun(site, SiteResult("s0", "ok", "listing: 500", failures=1), listing_failed=True)
    ok = SiteRun(site, SiteResult("s0", "ok", None))

    def job_running() -> int:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("DELETE FROM procrastinate_jobs")
            row = conn.execute(
                "INSERT INTO procrastinate_jobs (queue_name, task_name, args)"
                " VALUES ('noticecli', 'noticecli.walk_listing', %s) RETURNING id",
                (json.dumps({"site": site_text(site)}),),
            ).fetchone()
            assert row is not None
            conn.execute("UPDATE procrastinate_jobs SET status = 'doing' WHERE id = %s", row)
            return int(row[0])

    async def rounds() -> list[RoundEnd | None]:
        async with AsyncConnectionPool(
            postgres_url, min_size=1, max_size=2, kwargs={"autocommit": True}
        ) as pool:
            # The round's only job ends; its worker is killed before procrastinate marks it
            # done, so it is put back and run again (and fails the same way).
            job = job_running()
            ends = [await end_job(pool, site_text(site), job, failed) for _ in range(2)]
            # The next round, a job of its own, starts from nothing.
            return [*ends, await end_job(pool, site_text(site), job_running(), ok)]

    first, again, next_round = asyncio.run(rounds())
    assert first is not None and first.status == "failed"
    assert again is None, "the round's end (finish_site: one more failure in a row) twice"
    assert next_round is not None and next_round.status == "ok"


def test_a_host_keeps_the_longest_delay_of_its_sites_whichever_worker_runs_them(
    hosts: list[TestServer], postgres_url: str, tmp_path: Path
) -> None:
    from psycopg_pool import AsyncConnectionPool

    from noticecli.crawl.host_turns import PostgresTurns

    # Two sites on one host: enqueue keeps the longer delay as the host's.
    slow, fast = MiniSite(hosts[0], count=1), MiniSite(hosts[0], count=1)
    sites_file = tmp_path / "sites.toml"
    sites_file.write_text(slow.sites_toml("slow", delay=0.8) + fast.sites_toml("fast", delay=0))
    assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("DELETE FROM procrastinate_jobs")
        assert conn.execute("SELECT host, delay FROM host_turns").fetchall() == [
            (hosts[0].host, 0.8)
        ]
        conn.execute("UPDATE host_turns SET delay = 0")  # as before this enqueue

    async def requests() -> list[float]:
        pools = [
            AsyncConnectionPool(
                postgres_url, min_size=1, max_size=1, kwargs={"autocommit": True}, open=False
            )
            for _ in range(2)
        ]
        starts: list[float] = []
        for pool in pools:
            await pool.open()
        try:
            # Worker 1 has run the slow site's jobs; worker 2 only the fast site's.
            for pool, delay in ((pools[0], 0.8), (pools[1], 0.0), (pools[1], 0.0)):
                turn = PostgresTurns(pool, jitter=0).turn(
                    hosts[0].host, functools.partial(float, delay)
                )
                async with turn:
                    starts.append(time.monotonic())
        finally:
            for pool in pools:
                await pool.close()
        return starts

    starts = asyncio.run(requests())
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= 0.75, gaps


def test_a_worker_outlives_the_end_of_its_database_sessions(
    postgres_url: str, tmp_path: Path
) -> None:
    def terminate_sessions() -> None:
        # The server ends the worker's sessions (a restart, a fail-over, an admin).
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )

    server = TestServer(host="127.0.0.3")
    try:
        sites_file = write_sites(tmp_path / "sites.toml", [MiniSite(server, count=6)], delay=0)
        assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("DELETE FROM procrastinate_jobs")
        worker = start_worker(postgres_url)
        try:
            time.sleep(4)  # started, waiting for work
            terminate_sessions()
            time.sleep(1)
            assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
            # Generous: the worker reconnects after its sessions ended, on a loaded machine.
            deadline = time.monotonic() + 90
            while {status for _, status in jobs(postgres_url)} & {"todo", "doing"}:
                assert time.monotonic() < deadline, jobs(postgres_url)
                time.sleep(0.1)
            assert not [job for job in jobs(postgres_url) if job[1] == "failed"]
            # Ended again just before SIGTERM: recording the run's end fails, and the
            # worker still exits as a SIGTERM says.
            terminate_sessions()
        finally:
            worker.send_signal(signal.SIGTERM)
            code, err = finish(worker, timeout=60)
        assert code == 143, err
        assert "could not record the run's end" in err
        assert len(emitted(postgres_url)) == 6, "every notice recorded after all"
    finally:
        server.close()


def test_a_failed_heartbeat_is_said_and_no_job_failure(postgres_url: str, tmp_path: Path) -> None:
    # The session of one heartbeat is ended while it waits on a lock: the worker goes on
    # running jobs, and the heartbeat's error is said as such, never as a job that failed.
    server = TestServer(host="127.0.0.3")
    try:
        sites_file = write_sites(tmp_path / "sites.toml", [MiniSite(server, count=3)], delay=0)
        worker = start_worker(postgres_url, "--verbose")
        try:
            with (
                psycopg.connect(postgres_url, autocommit=True) as locker,
                psycopg.connect(postgres_url, autocommit=True) as watcher,
            ):
                deadline = time.monotonic() + 30
                while (
                    not watcher.execute(
                        "SELECT 1 FROM pg_tables WHERE tablename = 'procrastinate_workers'"
                    ).fetchone()
                    or not watcher.execute("SELECT 1 FROM procrastinate_workers").fetchone()
                ):
                    assert time.monotonic() < deadline, "the worker never registered"
                    time.sleep(0.1)
                locker.execute("BEGIN")
                locker.execute("LOCK TABLE procrastinate_workers IN ACCESS EXCLUSIVE MODE")
                waiting = None
                deadline = time.monotonic() + 10
                while waiting is None:
                    assert time.monotonic() < deadline, "no heartbeat waited on the lock"
                    time.sleep(0.05)
                    # (pg_stat_activity is read outside the locking transaction: inside
                    # one it would stay the snapshot of its first read)
                    waiting = watcher.execute(
                        "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        " AND query LIKE %s",
                        ("%procrastinate_update_heartbeat%",),
                    ).fetchone()
                watcher.execute("SELECT pg_terminate_backend(%s)", waiting)
                locker.execute("ROLLBACK")
            time.sleep(1)
            assert worker.poll() is None, finish(worker)[1]
            assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
            # Generous: the worker reconnects after its sessions ended, on a loaded machine.
            deadline = time.monotonic() + 90
            while {status for _, status in jobs(postgres_url)} & {"todo", "doing"}:
                assert time.monotonic() < deadline, jobs(postgres_url)
                time.sleep(0.1)
        finally:
            worker.send_signal(signal.SIGTERM)
            code, err = finish(worker, timeout=60)
        assert code == 143, err
        assert "the queue's update_heartbeats met an error: ConnectorException" in err, err
        assert "ended in an error" not in err, "a heartbeat is not a job"
        assert "3 new, 0 changed" in err and "0 failed" in err, err
        assert "discarding closed connection" not in err, "the pool's own log is left out"
        assert len(emitted(postgres_url)) == 3
    finally:
        server.close()


def test_crawl_on_postgres_is_enqueue_plus_one_worker_until_idle(
    hosts: list[TestServer], postgres_url: str, tmp_path: Path
) -> None:
    sites = [MiniSite(server, count=4) for server in hosts[:2]]
    sites_file = write_sites(tmp_path / "sites.toml", sites, delay=0)
    out = tmp_path / "new.jsonl"
    args = ["crawl", "--sites", str(sites_file), "--db", postgres_url, "--allow-private"]
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "crawl: 8 new, 0 changed" in result.stderr
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 8
    again = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert again.exit_code == 0, again.stderr
    assert len(out.read_text("utf-8").splitlines()) == 8, "nothing new, nothing written"
    assert not [job for job in jobs(postgres_url) if job[1] in ("todo", "doing")]


@pytest.mark.parametrize("command", ["enqueue", "worker", "reparse", "emit"])
def test_queue_commands_need_a_postgres_store(command: str, tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "a"\nlisting = ["http://127.0.0.2/"]\n', "utf-8")
    extra = ["--sites", str(sites)] if command == "enqueue" else []
    result = cli(command, "--db", str(tmp_path / "t.db"), *extra)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"noticecli: {tmp_path / 't.db'}: the work queue lives in a PostgreSQL store "
        "(--db postgresql://…); a SQLite store is crawled by `noticecli crawl`"
    ]


def test_an_unreachable_database_is_one_line(tmp_path: Path) -> None:
    url = f"postgresql://postgres@/nosuch?host={tmp_path}&port=5432"
    result = subprocess.run(
        [sys.executable, "-m", "noticecli", "worker", "--db", url, "--until-idle"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"noticecli: {url}: ") and "Traceback" not in result.stderr


def test_without_the_driver_the_queue_commands_say_what_to_install(tmp_path: Path) -> None:
    # psycopg made unimportable in a child process: as if the postgres extra were missing.
    code = (
        "import sys; sys.modules['psycopg'] = None; sys.modules['procrastinate'] = None\n"
        "from noticecli.cli import main; main()"
    )
    url = f"postgresql://postgres@/x?host={tmp_path}"
    result = subprocess.run(
        [sys.executable, "-c", code, "worker", "--db", url],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert "pip install 'noticecli[postgres]'" in line


def test_one_emit_at_a_time(postgres_url: str) -> None:
    from noticecli.crawl.stores import open_store

    missing = cli("emit", "--db", postgres_url)
    assert missing.exit_code == 1 and "no noticecli store in this database" in missing.stderr
    open_store(postgres_url).close()
    assert emitted(postgres_url) == []
    with psycopg.connect(postgres_url, autocommit=True) as other:
        # What a running emit holds (crawl/drain.py's lock).
        other.execute("SELECT pg_advisory_lock(%s)", (0x6E74636F7574,))
        result = cli("emit", "--db", postgres_url)
    assert result.exit_code == 75
    [line] = result.stderr.splitlines()
    assert "another noticecli is writing out this store's new notices" in line
    assert emitted(postgres_url) == []  # and free again


def test_enqueue_refuses_sites_that_need_a_browser(postgres_url: str, tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(
        '[[site]]\nname = "js"\nlisting = ["http://127.0.0.2/"]\nrender = true\n', "utf-8"
    )
    result = cli("enqueue", "--sites", str(sites), "--db", postgres_url)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "site(s) js load pages in a browser" in line and "noticecli crawl" in line


def test_a_job_that_breaks_is_one_line_and_a_failure(postgres_url: str) -> None:
    import asyncio

    from noticecli.crawl.jobs import TASK_WALK, make_app
    from noticecli.crawl.queue_setup import prepare_queue
    from noticecli.crawl.stores import open_store

    open_store(postgres_url).close()
    prepare_queue(postgres_url, location="the test's database")

    async def defer_a_broken_job() -> None:
        app = make_app(postgres_url, pool_size=2)
        async with app.open_async():
            # A site text no sites file would hold: the job cannot even start its work.
            await app.tasks[TASK_WALK].defer_async(site="[[site", listing="http://127.0.0.2/")

    asyncio.run(defer_a_broken_job())
    code, err = finish(start_worker(postgres_url, "--until-idle"))
    assert code == 1, err
    assert "noticecli: noticecli.walk_listing ended in an error: ConfigError: " in err
    assert "Traceback" not in err
    assert jobs(postgres_url) == [("noticecli.walk_listing", "failed")]


def test_procrastinate_shell_watches_the_queue(
    hosts: list[TestServer], postgres_url: str, tmp_path: Path
) -> None:
    sites_file = write_sites(tmp_path / "sites.toml", [MiniSite(hosts[0], count=1)])
    assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
    shell = subprocess.run(
        [sys.executable, "-m", "procrastinate", "--app=noticecli.crawl.queue_app.app", "shell"],
        input="list_queues\nlist_jobs\n",
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "NOTICECLI_DB": postgres_url},
    )
    assert shell.returncode == 0, shell.stderr
    assert "noticecli: 1 jobs (todo: 1," in shell.stdout
    assert "noticecli.walk_listing on noticecli - [todo]" in shell.stdout


def test_a_job_is_retried_for_what_the_fetcher_retries_only(
    hosts: list[TestServer], postgres_url: str, tmp_path: Path
) -> None:
    from tests.minisite import _page

    site = MiniSite(hosts[0], count=3)
    # Notice 2 fails twice (the fetcher's own retry included), then works: its job is tried
    # again. Notice 3 is gone (404): that is not retried, by the fetcher or the queue.
    good = _page(site.bodies[2])
    hosts[0].route(site.notice_path(2), Reply(status=503), Reply(status=503), good)
    hosts[0].route(site.notice_path(3), Reply(status=404))
    sites_file = write_sites(tmp_path / "sites.toml", [site], delay=0)
    assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
    worker = start_worker(postgres_url, "--until-idle", "--retries", "1", "--retry-after", "0.3")
    code, err = finish(worker)
    assert code == 1, err
    assert hosts[0].hits(site.notice_path(2)) == 3
    assert hosts[0].hits(site.notice_path(3)) == 1
    assert f"{site.notice_url(2)}: HTTP 503" in err and f"{site.notice_url(3)}: HTTP 404" in err
    assert sorted(r["url"] for r in emitted(postgres_url)) == [
        site.notice_url(1),
        site.notice_url(2),
    ]
    # Both jobs are done: the 404 is a failure of the page (in the store), not of its job.
    assert jobs(postgres_url) == []


def test_each_site_s_health_is_its_whole_round_across_workers(
    hosts: list[TestServer], postgres_url: str, tmp_path: Path
) -> None:
    good, partial, bad = (MiniSite(server, count=4) for server in hosts[:3])
    hosts[1].route(partial.notice_path(2), Reply(status=404))
    bad.break_listing(0)
    sites_file = tmp_path / "sites.toml"
    sites_file.write_text(
        good.sites_toml("good") + partial.sites_toml("partial") + bad.sites_toml("bad"), "utf-8"
    )

    def a_round() -> list[str]:
        assert cli("enqueue", "--sites", str(sites_file), "--db", postgres_url).exit_code == 0
        args = ("--until-idle", "--failing-after", "2")
        workers = [start_worker(postgres_url, *args) for _ in range(2)]
        return [finish(worker)[1] for worker in workers]

    def statuses() -> dict[str, dict[str, Any]]:
        result = cli("sites", "status", "--db", postgres_url, "--format", "jsonl")
        assert result.exit_code == 0, result.stderr
        return {row["site"]: row for row in map(json.loads, result.stdout.splitlines())}

    errs = a_round()
    by_site = statuses()
    assert by_site["good"]["last_status"] == "ok"
    assert by_site["partial"]["last_status"] == "partial"  # one notice of four failed
    assert by_site["partial"]["last_error"] == f"{partial.notice_url(2)}: HTTP 404 Not Found"
    assert by_site["partial"]["consecutive_failures"] == 0
    assert (by_site["bad"]["last_status"], by_site["bad"]["consecutive_failures"]) == ("failed", 1)
    assert by_site["bad"]["last_error"] == f"{bad.listing_url()}: HTTP 500 Internal Server Error"
    assert not any("runs in a row" in err for err in errs)

    errs = a_round()
    assert statuses()["bad"]["consecutive_failures"] == 2
    said = "site bad has failed 2 runs in a row (`noticecli sites status` shows more): "
    assert sum(said in err for err in errs) == 1, errs  # by the worker that ended the round
