"""Ctrl-C (SIGINT) and SIGTERM: exit 130 / 143, one line saying what was kept, and nothing
complete lost (issue 14, item 2). Real processes, signals and a loopback server."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from noticecli.crawl.state import StateStore
from tests.conftest import REPO
from tests.minisite import MiniSite
from tests.server import Reply, TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for pytest

PAGE = (REPO / "fixtures" / "pages" / "09_no-header-block.html").read_bytes()
HTML = {"Content-Type": "text/html; charset=utf-8"}
SIGNALS = [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
IDS = ["SIGINT", "SIGTERM"]


def _default_sigint() -> None:
    # A test runner started in the background may ignore SIGINT, and children inherit that.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(args: list[str], cwd: Path, **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "noticecli", *args],
        cwd=cwd,
        stdout=kwargs.pop("stdout", subprocess.DEVNULL),  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        preexec_fn=_default_sigint,
        **kwargs,  # type: ignore[arg-type]
    )


def wait_for_stderr(child: subprocess.Popen[bytes], needle: bytes, count: int) -> bytes:
    """Read the child's stderr until ``needle`` was seen ``count`` times (at most 30 s)."""
    assert child.stderr is not None
    seen = b""
    selector = selectors.DefaultSelector()
    selector.register(child.stderr, selectors.EVENT_READ)
    deadline = time.monotonic() + 30
    while seen.count(needle) < count:
        assert time.monotonic() < deadline, seen
        if selector.select(timeout=0.5):
            chunk = os.read(child.stderr.fileno(), 65536)
            assert chunk, seen  # the child ended early
            seen += chunk
    return seen


def finish(child: subprocess.Popen[bytes], seen: bytes) -> str:
    _, rest = child.communicate(timeout=30)
    return (seen + rest).decode("utf-8")


@pytest.mark.parametrize(("signum", "code", "word"), SIGNALS, ids=IDS)
def test_interrupted_fetch_keeps_the_complete_notices_and_responses(
    http_server: TestServer, tmp_path: Path, signum: int, code: int, word: str
) -> None:
    # Two pages answer at once, the third never in time: stopped there, the two notices and
    # their responses are kept, whole and valid, under the documented partial names.
    http_server.route("/1.html", Reply(body=PAGE, headers=HTML))
    http_server.route("/2.html", Reply(body=PAGE.replace("市民防局".encode(), b"X"), headers=HTML))
    http_server.route("/3.html", Reply(body=PAGE, headers=HTML, delay=20))
    urls = [http_server.url(f"/{n}.html") for n in (1, 2, 3)]
    out, warc = tmp_path / "out.jsonl", tmp_path / "w.warc.gz"
    out.write_text("the previous run's output\n")
    args = ["fetch", "--allow-private", "--delay", "0", "-o", str(out), "--warc", str(warc)]
    child = start([*args, *urls], tmp_path)
    seen = wait_for_stderr(child, b"noticecli: fetched ", 2)
    child.send_signal(signum)
    err = finish(child, seen)
    assert child.returncode == code, err
    lines = [line for line in err.splitlines() if not line.startswith("noticecli: fetched ")]
    partial, warc_partial = tmp_path / "out.jsonl.partial", tmp_path / "w.warc.gz.partial"
    assert lines == [
        f"noticecli: {word}: 2 notices kept in {partial} ({out} left as it was), "
        f"2 responses in {warc_partial}; 1 of 3 URLs not done"
    ]
    assert "Aborted" not in err and "Traceback" not in err
    assert out.read_text() == "the previous run's output\n"  # a complete run's name only
    kept = [json.loads(line) for line in partial.read_text("utf-8").splitlines()]
    assert [notice["url"] for notice in kept] == urls[:2]
    reparsed = subprocess.run(
        [sys.executable, "-m", "noticecli", "parse", "--warc", str(warc_partial)],
        capture_output=True,
        check=True,
        cwd=tmp_path,
    )
    assert [json.loads(line)["url"] for line in reparsed.stdout.splitlines()] == urls[:2]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "out.jsonl",
        "out.jsonl.partial",
        "w.warc.gz.partial",
    ]  # no temporary file left behind


def test_interrupted_fetch_to_stdout_says_what_was_written(
    http_server: TestServer, tmp_path: Path
) -> None:
    http_server.route("/1.html", Reply(body=PAGE, headers=HTML))
    http_server.route("/2.html", Reply(body=PAGE, headers=HTML, delay=20))
    urls = [http_server.url("/1.html"), http_server.url("/2.html")]
    child = start(
        ["fetch", "--allow-private", "--delay", "0", "--format", "json", *urls],
        tmp_path,
        stdout=subprocess.PIPE,
    )
    seen = wait_for_stderr(child, b"noticecli: fetched ", 1)
    child.send_signal(signal.SIGINT)
    out, rest = child.communicate(timeout=30)
    assert child.returncode == 130
    assert (seen + rest).decode().splitlines()[-1] == (
        "noticecli: interrupted: 1 notice written; 1 of 2 URLs not done"
    )
    assert [notice["url"] for notice in json.loads(out)] == urls[:1]  # a closed JSON array


@pytest.mark.parametrize(("signum", "code", "word"), SIGNALS, ids=IDS)
def test_interrupted_parse_keeps_the_documents_before_it(
    tmp_path: Path, signum: int, code: int, word: str
) -> None:
    # parse a.html - b.html, standard input held open: stopped while it waits there, the
    # document of a.html is kept (a complete JSON array) and b.html is never read.
    page = tmp_path / "a.html"
    page.write_bytes(PAGE)
    out = tmp_path / "out.json"
    child = start(
        ["parse", "--format", "json", "-o", str(out), str(page), "-", str(page)],
        tmp_path,
        stdin=subprocess.PIPE,
    )
    # a.html is parsed and written (to -o's temporary file) before standard input is read.
    deadline = time.monotonic() + 30
    while not any(path.stat().st_size for path in tmp_path.glob(".out.json.*.tmp")):
        assert time.monotonic() < deadline and child.poll() is None
        time.sleep(0.02)
    time.sleep(0.2)  # now blocked reading standard input
    child.send_signal(signum)
    _, err_bytes = child.communicate(timeout=30)
    err = err_bytes.decode()
    assert child.returncode == code, err
    partial = tmp_path / "out.json.partial"
    assert err == f"noticecli: {word}: 1 document kept in {partial} (no {out} written)\n"
    assert [doc["file"] for doc in json.loads(partial.read_text("utf-8"))] == [str(page)]
    assert not out.exists()


@pytest.mark.parametrize(("signum", "code", "word"), SIGNALS, ids=IDS)
def test_interrupted_crawl_keeps_its_store_and_the_next_run_resumes(
    http_server: TestServer, tmp_path: Path, signum: int, code: int, word: str
) -> None:
    site = MiniSite(http_server, count=20)
    for number, body in site.bodies.items():  # slow enough to land the signal mid-run
        http_server.route(site.notice_path(number), Reply(body=body, headers=HTML, delay=0.1))
    sites, db, out = tmp_path / "sites.toml", tmp_path / "t.db", tmp_path / "out.jsonl"
    sites.write_text(site.sites_toml(), "utf-8")
    args = ["crawl", "--sites", str(sites), "--db", str(db), "--out", str(out)]
    args += ["--allow-private", "--delay", "0", "--retries", "0"]
    child = start(args, tmp_path)
    deadline = time.monotonic() + 30
    while not out.exists() or out.read_text("utf-8").count("\n") < 3:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    child.send_signal(signum)
    _, err_bytes = child.communicate(timeout=30)
    err = err_bytes.decode()
    assert child.returncode == code, err
    last = err.splitlines()[-1]
    assert last.startswith(f"noticecli: {word}: crawl: ")
    assert last.endswith(f"; all of it is kept in {db}, and the next run goes on from there")
    assert "Traceback" not in err and "Aborted" not in err
    first = out.read_text("utf-8").count("\n")
    assert 0 < first < site.count
    with StateStore.open(db) as store:
        conn = store.connection
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT status FROM runs ORDER BY id DESC").fetchone()[0] == (
            "interrupted"
        )
    resumed = subprocess.run(
        [sys.executable, "-m", "noticecli", *args], cwd=tmp_path, capture_output=True, timeout=60
    )
    assert resumed.returncode == 0, resumed.stderr
    ids = Counter(json.loads(line)["crawl"]["notice_id"] for line in out.read_text().splitlines())
    assert len(ids) == site.count and set(ids.values()) == {1}
