"""parse --jobs N (issue 11): inputs parsed in worker processes, the output in input order
and the same as in one process, failures said one line each, a bounded window of inputs in
flight, interrupts as without workers. Real processes throughout."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import PAGES, REPO
from tests.server import Reply, TestServer, http_server
from tests.test_interrupts import start

__all__ = ["http_server"]  # the fixture, imported for pytest


def run(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "noticecli", *args],
        cwd=cwd,
        input=None if stdin is None else stdin.decode("utf-8"),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """Every fixture page, with failures among them: missing, binary, a folder, empty."""
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02PNG" * 100)
    (tmp_path / "folder").mkdir()
    (tmp_path / "empty.html").write_bytes(b"")
    pages = sorted(str(path) for path in PAGES.iterdir())
    return [
        *pages[:7],
        str(tmp_path / "missing.html"),
        *pages[7:20],
        str(tmp_path / "binary.html"),
        str(tmp_path / "folder"),
        *pages[20:],
        str(tmp_path / "empty.html"),
    ]


@pytest.mark.parametrize("jobs", ["2", "3", "0"])
def test_jobs_give_the_same_output_in_input_order(
    inputs: list[str], tmp_path: Path, jobs: str
) -> None:
    one = run(["parse", *inputs], tmp_path)
    many = run(["parse", "--jobs", jobs, *inputs], tmp_path)
    assert one.returncode == many.returncode == 1  # some inputs failed
    assert many.stdout == one.stdout
    assert many.stderr == one.stderr
    files = [json.loads(line)["file"] for line in many.stdout.splitlines()]
    assert files == [name for name in inputs if name.startswith(str(PAGES))]
    failed = many.stderr.splitlines()
    assert len(failed) == 4 and all(line.startswith("noticecli: ") for line in failed)
    assert [line.split(": ")[1] for line in failed] == [
        str(tmp_path / name) for name in ("missing.html", "binary.html", "folder", "empty.html")
    ]


def test_jobs_to_a_file_and_as_a_json_array(inputs: list[str], tmp_path: Path) -> None:
    good = [name for name in inputs if name.startswith(str(PAGES))]
    out = tmp_path / "out.json"
    many = run(["parse", "--jobs", "2", "--format", "json", "-o", str(out), *good], tmp_path)
    assert (many.returncode, many.stdout, many.stderr) == (0, "", "")
    one = run(["parse", "--format", "json", *good], tmp_path)
    assert json.loads(out.read_text("utf-8")) == json.loads(one.stdout)


def test_standard_input_in_its_turn(tmp_path: Path) -> None:
    first, second = sorted(PAGES.iterdir())[:2]
    text = (PAGES / "09_no-header-block.html").read_bytes()
    args = ["parse", "--jobs", "2", str(first), "-", str(second)]
    many = run(args, tmp_path, stdin=text)
    assert many.returncode == 0, many.stderr
    files = [json.loads(line)["file"] for line in many.stdout.splitlines()]
    assert files == [str(first), "<stdin>", str(second)]


def test_warc_archives_in_workers(http_server: TestServer, tmp_path: Path) -> None:
    # Two archives written by fetch --warc, and one that is not an archive, between them.
    pages = sorted(PAGES.glob("*.html"))[:12]
    for index, page in enumerate(pages):
        http_server.route(f"/{index}.html", Reply(body=page.read_bytes(), headers={"Content-Type": "text/html; charset=utf-8"}))  # fmt: skip
    archives = []
    for half in (range(0, 6), range(6, 12)):
        archive = tmp_path / f"a{half[0]}.warc.gz"
        urls = [http_server.url(f"/{index}.html") for index in half]
        fetched = run(["fetch", "--allow-private", "--delay", "0", "--warc", str(archive), *urls], tmp_path)  # fmt: skip
        assert fetched.returncode == 0, fetched.stderr
        archives.append(archive)
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"not an archive")
    warcs = ["--warc", str(archives[0]), "--warc", str(broken), "--warc", str(archives[1])]
    one = run(["parse", *warcs], tmp_path)
    many = run(["parse", "--jobs", "2", *warcs], tmp_path)
    assert one.returncode == many.returncode == 1
    assert many.stdout == one.stdout and many.stderr == one.stderr
    assert len(many.stdout.splitlines()) == 12
    assert many.stderr == f"noticecli: {broken}: not a readable WARC file: no WARC header\n"


WINDOW = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from noticecli.cli import parse_inputs, parse_pool

    pages = sorted(str(p) for p in Path(sys.argv[1]).iterdir())
    pulled = []

    def items():
        for index in range(200):
            pulled.append(index)
            yield parse_inputs.Work("file", pages[index % len(pages)], name=pages[index % len(pages)])

    settings = parse_inputs.Settings(None, None, True, 10_000_000, None)
    ahead = []
    for position, (work, outcome) in enumerate(parse_pool.parse_in_workers(items(), settings, 2)):
        ahead.append(len(pulled) - position)
        assert outcome.file == work.name, (outcome, work)
    print(json.dumps({"count": position + 1, "most_ahead": max(ahead)}))
    """
)


def test_the_window_of_inputs_in_flight_is_bounded(tmp_path: Path) -> None:
    from noticecli.cli import parse_pool

    result = subprocess.run(
        [sys.executable, "-c", WINDOW, str(PAGES)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["count"] == 200
    # Never more than the window (2 workers × its batches, and the batch being gathered)
    # pulled ahead of what was given out.
    window = 2 * parse_pool.IN_FLIGHT_PER_WORKER * parse_pool.BATCH + parse_pool.BATCH
    assert report["most_ahead"] <= window


CRASH = textwrap.dedent(
    """
    import os, sys
    from noticecli.cli import main, parse_pool

    real = parse_pool.parse_work

    def crash(work, settings):
        if "crash" in work.source:
            os._exit(3)  # as the kernel's OOM killer would end it
        return real(work, settings)

    parse_pool.parse_work = crash
    sys.argv = ["noticecli", *sys.argv[1:]]
    main()
    """
)


def test_a_worker_that_dies_fails_its_input_alone(tmp_path: Path) -> None:
    # The input whose worker dies is named; every other input, before and after it (some of
    # them lost with the broken pool and given again), is parsed and written in order.
    crash = tmp_path / "crash.html"
    crash.write_bytes((PAGES / "09_no-header-block.html").read_bytes())
    pages = sorted(str(path) for path in PAGES.iterdir())[:20]
    inputs = [*pages[:5], str(crash), *pages[5:], str(crash), pages[0]]
    result = subprocess.run(
        [sys.executable, "-c", CRASH, "parse", "--jobs", "2", *inputs],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 1
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [
        name for name in inputs if name != str(crash)
    ]
    line = (
        f"noticecli: {crash}: the process parsing it stopped unexpectedly (killed, out of "
        "memory, or a crash)\n"
    )
    assert result.stderr == line * 2


def _processes_mentioning(needle: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if needle in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
    ids=["SIGINT", "SIGTERM"],
)
def test_interrupted_jobs_keep_the_documents_before_it(
    tmp_path: Path, signum: int, code: int, word: str
) -> None:
    pages = sorted(str(path) for path in PAGES.iterdir())
    out = tmp_path / "out.jsonl"
    child = start(["parse", "--jobs", "2", "-o", str(out), *pages * 40], tmp_path)
    deadline = time.monotonic() + 30
    while not any(path.stat().st_size for path in tmp_path.glob(".out.jsonl.*.tmp")):
        assert time.monotonic() < deadline and child.poll() is None
        time.sleep(0.02)
    child.send_signal(signum)
    _, err_bytes = child.communicate(timeout=30)
    err = err_bytes.decode()
    assert child.returncode == code, err
    partial = tmp_path / "out.jsonl.partial"
    [line] = err.splitlines()
    assert line.startswith(f"noticecli: {word}: ")
    assert line.endswith(f" kept in {partial} (no {out} written)")
    kept = [json.loads(text)["file"] for text in partial.read_text("utf-8").splitlines()]
    assert 0 < len(kept) < len(pages) * 40
    assert kept == (pages * 40)[: len(kept)]  # whole documents, in input order
    assert f"{len(kept)} document" in line
    assert not out.exists()
    deadline = time.monotonic() + 10  # the workers end with it
    while _processes_mentioning(str(out)):
        assert time.monotonic() < deadline, _processes_mentioning(str(out))
        time.sleep(0.05)


def test_jobs_on_a_terminal_write_what_one_process_writes(tmp_path: Path) -> None:
    # Pretty JSON (indented on a terminal) is rendered by the workers; tables by this process.
    from tests.terminal import run_on_terminal

    pages = [str(path) for path in sorted(PAGES.glob("*.html"))[:6]]
    screens = {}
    for fmt in ("json", "jsonl", "table"):
        one = run_on_terminal(["parse", "--format", fmt, *pages], stdout="terminal", columns=120)
        many = run_on_terminal(
            ["parse", "--jobs", "2", "--format", fmt, *pages], stdout="terminal", columns=120
        )
        assert one.code == many.code == 0
        assert many.screen == one.screen, fmt
        screens[fmt] = many.screen
    assert b'[\r\n{\r\n  "schema_version"' in screens["json"]  # indented, in an array
    assert b'\n{"schema_version"' in screens["jsonl"]
