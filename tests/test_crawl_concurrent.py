"""noticecli crawl over several hosts at once (issue 11): mini-sites on 127.0.0.2 … 127.0.0.6,
checked from the servers' logs: never two requests in flight to one host, each host's gaps
at least its delay, several hosts in flight at once, every notice emitted once, a SIGKILL
mid-run and a resume losing and repeating nothing."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from noticecli.cli import main
from noticecli.crawl.state import StateStore
from tests.conftest import REPO
from tests.minisite import MiniSite
from tests.server import Reply, TestServer

# A request's span as the server saw it: (start, end) in time.monotonic() seconds.
Span = tuple[float, float]


@pytest.fixture
def hosts() -> Iterator[list[TestServer]]:
    """Five servers, on 127.0.0.2 … 127.0.0.6, stopped at teardown."""
    servers = [TestServer(host=f"127.0.0.{number}") for number in range(2, 7)]
    try:
        yield servers
    finally:
        for server in servers:
            server.close()


def spans(*servers: TestServer) -> list[tuple[Span, str]]:
    """Every request the servers answered, with its path, by start."""
    return sorted(((request.at, end), request.path) for s in servers for request, end in s.answered)


def most_hosts_at_once(by_host: dict[str, list[Span]]) -> int:
    """The most hosts with a request in flight at one moment."""
    events = sorted(
        (moment, change)
        for host_spans in by_host.values()
        for start, end in host_spans
        for moment, change in ((start, 1), (end, -1))
    )
    busy = most = 0
    for _, change in events:
        busy += change
        most = max(most, busy)
    return most


def check_polite(host_spans: list[Span], delay: float) -> None:
    """One request at a time, each starting at least ``delay`` after the previous ended."""
    for (_, end), (start, _) in itertools.pairwise(sorted(host_spans)):
        assert start >= end, "two requests in flight to one host"
        assert start - end >= delay - 0.005, f"a gap of {start - end:.3f} s < {delay} s"


def crawl(sites: Path, db: Path, *extra: str) -> tuple[int, list[dict[str, Any]], str]:
    args = ["crawl", "--sites", str(sites), "--db", str(db), "--allow-private", "--retries", "0"]
    result = CliRunner().invoke(main, [*args, *extra], catch_exceptions=False)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, records, result.stderr


def test_hosts_are_crawled_side_by_side_each_politely(
    hosts: list[TestServer], tmp_path: Path
) -> None:
    # Four hosts with one site each, and a second site on the first host (another port: the
    # same host to be polite to). Each page takes 0.2 s to answer; the sites ask for 0.2 s
    # between requests, and the last host's robots.txt for 0.4 s.
    first, *others = hosts[:4]
    second_on_first = TestServer(host=first.host)
    try:
        sites = [MiniSite(server, count=6, latency=0.2) for server in hosts[:4]]
        sites.append(MiniSite(second_on_first, count=3, latency=0.2))
        hosts[3].route("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 0.4\n"))
        text = "\n".join(site.sites_toml(f"s{n}", delay=0.2) for n, site in enumerate(sites))
        (tmp_path / "sites.toml").write_text(text, "utf-8")
        code, records, err = crawl(tmp_path / "sites.toml", tmp_path / "t.db")

        assert code == 0, err
        urls = Counter(record["url"] for record in records)
        expected = {site.notice_url(n) for site in sites for n in range(1, site.count + 1)}
        assert set(urls) == expected and set(urls.values()) == {1}, "each notice once"
        assert "27 new, 0 changed" in err and "from 5 sites" in err

        by_host = {
            first.host: [span for span, _ in spans(first, second_on_first)],
            **{server.host: [span for span, _ in spans(server)] for server in others},
        }
        assert len(by_host[first.host]) == 2 * 1 + 2 * 1 + 6 + 3  # robots, listing, notices
        for host, host_spans in by_host.items():
            check_polite(host_spans, 0.4 if host == hosts[3].host else 0.2)
        assert most_hosts_at_once(by_host) >= 3, "several hosts in flight at once"
    finally:
        second_on_first.close()


def test_concurrency_caps_the_hosts_in_flight(hosts: list[TestServer], tmp_path: Path) -> None:
    sites = [MiniSite(server, count=3, latency=0.15) for server in hosts[:4]]
    text = "\n".join(site.sites_toml(f"s{n}") for n, site in enumerate(sites))
    (tmp_path / "sites.toml").write_text("[defaults]\nconcurrency = 3\n\n" + text, "utf-8")
    code, records, err = crawl(tmp_path / "sites.toml", tmp_path / "t.db", "--concurrency", "2")
    assert code == 0, err
    assert len(records) == 12
    by_host = {server.host: [span for span, _ in spans(server)] for server in hosts[:4]}
    # --concurrency wins over the file's 3; the two at once are busy side by side.
    assert most_hosts_at_once(by_host) == 2


def test_the_sites_files_concurrency_applies(hosts: list[TestServer], tmp_path: Path) -> None:
    sites = [MiniSite(server, count=3, latency=0.1) for server in hosts[:3]]
    text = "\n".join(site.sites_toml(f"s{n}") for n, site in enumerate(sites))
    (tmp_path / "sites.toml").write_text("[defaults]\nconcurrency = 1\n\n" + text, "utf-8")
    code, records, err = crawl(tmp_path / "sites.toml", tmp_path / "t.db")
    assert (code, len(records)) == (0, 9), err
    by_host = {server.host: [span for span, _ in spans(server)] for server in hosts[:3]}
    assert most_hosts_at_once(by_host) == 1


def test_sigkill_mid_concurrent_run_then_resume_emits_each_notice_once(
    hosts: list[TestServer], tmp_path: Path
) -> None:
    sites = [MiniSite(server, count=8, latency=0.05) for server in hosts[:4]]
    text = "\n".join(site.sites_toml(f"s{n}") for n, site in enumerate(sites))
    (tmp_path / "sites.toml").write_text(text, "utf-8")
    out, db = tmp_path / "out.jsonl", tmp_path / "t.db"
    command = [sys.executable, "-m", "noticecli", "crawl", "--sites", str(tmp_path / "sites.toml")]
    command += ["--db", str(db), "--out", str(out), "--allow-private", "--delay", "0", "-q"]
    child = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not out.exists() or out.read_bytes().count(b"\n") < 10:
        assert time.monotonic() < deadline and child.poll() is None
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    before = [json.loads(line) for line in out.read_text("utf-8").splitlines() if line]
    assert len({record["crawl"]["site"] for record in before}) >= 2, "killed mid concurrency"
    assert len(before) < 32

    completed = subprocess.run(command, cwd=REPO, capture_output=True, timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr.decode()
    assert completed.stderr == b""  # -q: nothing but failures
    lines = out.read_text("utf-8").splitlines()
    ids = Counter(json.loads(line)["crawl"]["notice_id"] for line in lines)
    assert len(ids) == 32 and set(ids.values()) == {1}, "each notice once across the two runs"
    with StateStore.open(db) as store:
        conn = store.connection
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        pending = "SELECT count(*) FROM notice_revisions WHERE emitted_at IS NULL"
        assert conn.execute(pending).fetchone()[0] == 0


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"]
)
def test_an_interrupted_concurrent_run_marks_what_it_wrote(
    hosts: list[TestServer], tmp_path: Path, signum: int, code: int
) -> None:
    # Stopped mid-run with several hosts under way: exit 130/143, every line in --out is
    # marked emitted (the last batch is made durable on the way out), the run is recorded
    # as interrupted, and the next run writes the rest, each notice once.
    sites = [MiniSite(server, count=8, latency=0.1) for server in hosts[:4]]
    text = "\n".join(site.sites_toml(f"s{n}") for n, site in enumerate(sites))
    (tmp_path / "sites.toml").write_text(text, "utf-8")
    out, db = tmp_path / "out.jsonl", tmp_path / "t.db"
    command = [sys.executable, "-m", "noticecli", "crawl", "--sites", str(tmp_path / "sites.toml")]
    command += ["--db", str(db), "--out", str(out), "--allow-private", "--delay", "0"]
    child = subprocess.Popen(
        command,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 30
    while not out.exists() or out.read_bytes().count(b"\n") < 6:
        assert time.monotonic() < deadline and child.poll() is None
        time.sleep(0.01)
    child.send_signal(signum)
    _, err = child.communicate(timeout=30)
    assert child.returncode == code, err.decode()
    assert b"all of it is kept in" in err and b"Traceback" not in err
    written = {
        (r["crawl"]["notice_id"], r["crawl"]["revision"])
        for r in map(json.loads, out.read_text("utf-8").splitlines())
    }
    assert 0 < len(written) < 32
    with StateStore.open(db) as store:
        emitted = set(
            store.connection.execute(
                "SELECT notice_id, revision FROM notice_revisions WHERE emitted_at IS NOT NULL"
            ).fetchall()
        )
        assert {tuple(row) for row in emitted} == written
        last = "SELECT status FROM runs ORDER BY id DESC LIMIT 1"
        assert store.connection.execute(last).fetchone()[0] == "interrupted"
    completed = subprocess.run(command, cwd=REPO, capture_output=True, timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr.decode()
    ids = Counter(json.loads(line)["crawl"]["notice_id"] for line in out.read_text().splitlines())
    assert len(ids) == 32 and set(ids.values()) == {1}


def test_a_site_failing_runs_in_a_row_is_reported_and_shown_by_sites_status(
    hosts: list[TestServer], tmp_path: Path
) -> None:
    good, bad = MiniSite(hosts[0], count=3), MiniSite(hosts[1], count=3)
    bad.break_listing(0)
    sites, db = tmp_path / "sites.toml", tmp_path / "t.db"
    sites.write_text(
        "[defaults]\nfailing_after = 2\n\n" + good.sites_toml("good") + bad.sites_toml("bad"),
        "utf-8",
    )
    reported = "site bad has failed {} runs in a row (`noticecli sites status` shows more): "
    reason = f"{bad.listing_url()}: HTTP 500 Internal Server Error"
    code, records, err = crawl(sites, db, "-q")
    assert (code, len(records)) == (1, 3)
    # -q: the failure, nothing else (but the new store, said even with -q)
    assert err == f"noticecli: creating a new store: {db}\nnoticecli: {reason}\n"
    code, _, err = crawl(sites, db, "-q", "-v")
    assert code == 1
    assert err.splitlines() == [
        f"noticecli: {reason}",
        "noticecli: " + reported.format(2) + reason,
        "noticecli: crawl: 0 new, 0 changed, 1 pages fetched (1 not modified) from 2 sites "
        "(1 not read), 1 failed in " + err.rsplit(" failed in ", 1)[1].rstrip("\n"),
    ]
    code, _, err = crawl(sites, db, "--failing-after", "4")
    assert "has failed" not in err  # a third failure, under --failing-after 4

    status = CliRunner().invoke(main, ["sites", "status", "--db", str(db)])
    assert status.exit_code == 0
    by_site = {row["site"]: row for row in map(json.loads, status.stdout.splitlines())}
    assert list(by_site) == ["bad", "good"]
    assert by_site["bad"]["consecutive_failures"] == 3
    assert (by_site["bad"]["last_status"], by_site["bad"]["last_success_at"]) == ("failed", None)
    assert by_site["bad"]["last_error"] == reason
    assert by_site["bad"]["last_new_at"] is None and by_site["bad"]["notices"] == 0
    assert by_site["good"]["consecutive_failures"] == 0
    assert by_site["good"]["last_status"] == "ok"
    # The site's part ends (last_success_at), then the run (last_run_at): a second may tick
    # between the two stamps.
    assert by_site["good"]["last_success_at"] is not None
    assert by_site["good"]["last_success_at"] <= by_site["good"]["last_run_at"]
    assert (by_site["good"]["pages"], by_site["good"]["notices"]) == (4, 3)
    assert by_site["good"]["last_new_at"] <= by_site["good"]["last_run_at"]

    bad.publish_listings()  # the site works again
    code, records, err = crawl(sites, db, "-q")
    assert (code, len(records), err) == (0, 3, "")
    [row] = map(
        json.loads,
        CliRunner().invoke(main, ["sites", "status", "bad", "--db", str(db)]).stdout.splitlines(),
    )
    assert (row["consecutive_failures"], row["last_status"]) == (0, "ok")
    assert row["last_error"] == reason  # the last failure is still told, with its time
    assert row["last_failure_at"] is not None

    table = CliRunner().invoke(
        main, ["sites", "status", "--db", str(db), "--format", "table"], env={"COLUMNS": "200"}
    )
    assert table.exit_code == 0
    assert "failed runs" in table.stdout and "HTTP 500" in table.stdout
    assert [line.split()[1] for line in table.stdout.splitlines() if line.startswith("│")] == [
        "bad",
        "good",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--db", "{missing}"], "{missing}: no such store"),
        (["nosuch", "--db", "{db}"], "{db}: no site named 'nosuch' in the store"),
    ],
    ids=["missing-store", "unknown-site"],
)
def test_sites_status_refuses_what_is_not_there(
    tmp_path: Path, args: list[str], message: str
) -> None:
    db, missing = tmp_path / "t.db", tmp_path / "typo.db"
    StateStore.open(db).close()
    names = {"db": str(db), "missing": str(missing)}
    result = CliRunner().invoke(main, ["sites", "status", *[a.format(**names) for a in args]])
    assert result.exit_code == 1
    assert result.stderr.startswith("noticecli: " + message.format(**names))
    assert not missing.exists()
