"""On a real terminal (a pseudo-terminal): records go exactly where stdout was sent, and the
progress display lives on stderr only (issue 14, items 1 and 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from noticecli.crawl.state import StateStore
from tests.minisite import MiniSite
from tests.server import Reply, TestServer, http_server
from tests.terminal import run_on_terminal

__all__ = ["http_server"]  # the fixture, imported for pytest

pytestmark = pytest.mark.skipif(
    not hasattr(__import__("os"), "openpty"), reason="needs pseudo-terminals"
)


def crawl_args(site: MiniSite, tmp_path: Path) -> list[str]:
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(), "utf-8")
    db = str(tmp_path / "t.db")
    return ["crawl", "--sites", str(sites), "--db", db, "--allow-private", "--delay", "0"]


def slow_notices(site: MiniSite, http_server: TestServer) -> None:
    """Notice pages that take a moment, so that the status display is drawn between them."""
    for number, body in site.bodies.items():
        http_server.route(
            site.notice_path(number),
            Reply(body=body, headers={"Content-Type": "text/html; charset=utf-8"}, delay=0.15),
        )


@pytest.mark.parametrize("stdout", ["pipe", "file"])
def test_crawl_on_a_terminal_sends_every_record_to_redirected_stdout(
    http_server: TestServer, tmp_path: Path, stdout: str
) -> None:
    # `noticecli crawl … | jq` and `noticecli crawl … > file` with stderr on the terminal:
    # every record reaches the pipe or the file, nothing else does, and the store marks as
    # emitted exactly what was written (so the next run has nothing new, and lost nothing).
    site = MiniSite(http_server, count=12)
    slow_notices(site, http_server)
    args = crawl_args(site, tmp_path)
    run = run_on_terminal(args, stdout=stdout, file=tmp_path / "out.jsonl")  # type: ignore[arg-type]
    assert run.code == 0, run.screen
    text = run.stdout.decode("utf-8")
    assert text.endswith("}\n") and "\n\n" not in text  # JSON lines only: no stray blank line
    records = [json.loads(line) for line in text.splitlines()]
    assert sorted(r["title"] for r in records) == sorted(site.titles.values())
    screen = "\n".join(run.lines())
    assert "schema_version" not in screen  # no record drawn on the terminal
    drawn = run.screen.decode("utf-8", "replace")  # the status display was shown:
    assert "/1 sites · " in drawn and " pages · " in drawn  # sites done of all, pages …
    assert "slowest host now: 127.0.0.1 (" in drawn  # … and the host being waited for
    assert "crawl: 12 new, 0 changed" in screen
    with StateStore.open(tmp_path / "t.db") as store:
        pending = store.connection.execute(
            "SELECT count(*) FROM notice_revisions WHERE emitted_at IS NULL"
        ).fetchone()[0]
    assert pending == 0
    again = run_on_terminal(args, stdout="pipe")
    assert (again.code, again.stdout) == (0, b"")
    assert "crawl: 0 new, 0 changed" in "\n".join(again.lines())


def test_crawl_with_stdout_on_the_terminal_gives_whole_json_lines(
    http_server: TestServer, tmp_path: Path
) -> None:
    # Both on the terminal: the status line is erased before each record, and each record
    # is one JSON line, not hard-wrapped at the terminal's width among spinner frames.
    site = MiniSite(http_server, count=6)
    slow_notices(site, http_server)
    run = run_on_terminal(crawl_args(site, tmp_path), stdout="terminal", columns=80)
    assert run.code == 0, run.screen
    shown = run.lines()
    records = [json.loads(line) for line in shown if line.startswith("{")]
    assert sorted(r["title"] for r in records) == sorted(site.titles.values())
    assert not [line for line in shown if line.startswith('"') or line.startswith("null")]
    assert any("crawl: 6 new, 0 changed" in line for line in shown)


def test_fetch_table_on_a_terminal_is_not_glued_to_the_progress_bar(
    http_server: TestServer,
) -> None:
    html = {"Content-Type": "text/html; charset=utf-8"}
    page = (
        Path(__file__).resolve().parents[1] / "fixtures/pages/09_no-header-block.html"
    ).read_bytes()
    for name in ("a", "b", "c"):
        http_server.route(f"/{name}.html", Reply(body=page, headers=html, delay=0.2))
    urls = [http_server.url(f"/{name}.html") for name in ("a", "b", "c")]
    run = run_on_terminal(
        ["fetch", "--allow-private", "--delay", "0", "--format", "table", *urls],
        stdout="terminal",
        columns=100,
    )
    assert run.code == 0, run.screen
    assert "fetching" in run.screen.decode("utf-8", "replace")  # the bar was drawn
    shown = run.lines()
    # Each document's first line (its rule and title) starts a line of its own.
    firsts = [line for line in shown if "notice: http://" in line]
    assert len(firsts) == 3
    assert all(line.lstrip("─ ").startswith("notice: http://") for line in firsts), firsts
    assert not [line for line in shown if "fetching" in line]  # the bar was erased
