"""Option values checked before any work (issue 14, item 8), waits said with -v, and elapsed
times that are wall times (item 9)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from noticecli.cli import main
from noticecli.fetch import robots
from noticecli.fetch.politeness import MAX_DELAY
from noticecli.sizes import approximate_size, format_size, parse_size
from tests.server import Reply, TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for pytest

HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--delay", "nan"),
        ("--delay", "inf"),
        ("--delay", "1e308"),
        ("--delay", "100000"),
        ("--delay", "-1"),
        ("--timeout", "nan"),
        ("--timeout", "inf"),
        ("--timeout", "0"),
        ("--max-retry-wait", "inf"),
        ("--max-retry-wait", "NaN"),
    ],
)
@pytest.mark.parametrize("command", ["fetch", "crawl", "sites check"])
def test_delays_and_timeouts_must_be_finite_and_in_bounds(
    http_server: TestServer, command: str, option: str, value: str
) -> None:
    result = CliRunner().invoke(
        main, [*command.split(), option, value, "--allow-private", http_server.url("/")]
    )
    assert result.exit_code == 2, result.stderr
    assert f"Invalid value for '{option}'" in result.stderr
    assert "Traceback" not in result.stderr
    assert http_server.requests == []


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "100000"])
def test_revalidate_after_must_be_finite_and_in_bounds(value: str) -> None:
    result = CliRunner().invoke(main, ["crawl", "--revalidate-after", value])
    assert result.exit_code == 2
    assert "Invalid value for '--revalidate-after'" in result.stderr


def test_the_bounds_are_in_the_help_and_one_cap_serves_all() -> None:
    assert MAX_DELAY == robots.MAX_CRAWL_DELAY == 600
    help_text = " ".join(CliRunner().invoke(main, ["fetch", "--help"]).stdout.split())
    assert "one host, 0 to 600" in help_text and "(0.1 to 3600)" in help_text


def test_sizes() -> None:
    assert parse_size("10k") == 10 * 1024
    assert parse_size("20M") == parse_size("20 MB") == parse_size("20MiB") == 20 * 1024**2
    assert parse_size("1.5m") == 1536 * 1024
    assert parse_size("1G") == 1024**3
    assert parse_size("500") == 500
    for bad in ("", "k", "10x", "-5", "1e9", "nan"):
        with pytest.raises(ValueError, match="is not a size"):
            parse_size(bad)
    assert (format_size(20 * 1024**2), format_size(1024), format_size(100)) == (
        "20 MB",
        "1 KB",
        "100 bytes",
    )
    assert approximate_size(6349) == "6.2 KB" and approximate_size(100) == "100 bytes"


def test_verbose_says_when_the_run_waits(http_server: TestServer) -> None:
    # A long --delay is a wait the user should hear about with -v, not a silent hang. (Of
    # 2.5 s, at least 2 s are still to wait once the page before it is parsed.)
    for name in ("a", "b"):
        http_server.route(f"/{name}.html", Reply(body=b"<p>fine</p>", headers=HTML))
    urls = [http_server.url("/a.html"), http_server.url("/b.html")]
    result = CliRunner().invoke(main, ["fetch", "-v", "--allow-private", "--delay", "2.5", *urls])
    assert result.exit_code == 0
    assert re.search(
        rf"noticecli: 127\.0\.0\.1: waiting [23]\.\d s before {re.escape(urls[1])}\n", result.stderr
    ), result.stderr


def test_the_per_host_summary_gives_the_wall_time(http_server: TestServer) -> None:
    # One retry after Retry-After: 1: the host took over a second, whatever each response
    # took on its own (a few ms).
    http_server.route(
        "/flaky.html",
        Reply(status=503, headers={"Retry-After": "1"}),
        Reply(body=b"<p>fine</p>", headers=HTML),
    )
    url = http_server.url("/flaky.html")
    result = CliRunner().invoke(main, ["fetch", "--allow-private", "--retries", "1", url])
    assert result.exit_code == 0, result.stderr
    match = re.search(
        rf"noticecli: 127\.0\.0\.1:{http_server.port}: 1 ok, 0 failed, \d+ KB, (\d+\.\d) s",
        result.stderr,
    )
    assert match is not None, result.stderr
    assert 1.0 <= float(match[1]) < 10


def test_the_crawl_summary_gives_the_wall_time(http_server: TestServer, tmp_path: Path) -> None:
    from tests.minisite import MiniSite

    site = MiniSite(http_server, count=6)
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml().replace("delay = 0", "delay = 0.3"), "utf-8")
    result = CliRunner().invoke(
        main, ["crawl", "--sites", str(sites), "--db", str(tmp_path / "t.db"), "--allow-private"]
    )
    assert result.exit_code == 0
    match = re.search(r"crawl: 6 new, .* 0 failed in (\d+\.\d) s\n$", result.stderr)
    assert match is not None, result.stderr
    assert float(match[1]) >= 0.3 * 6  # seven requests, a site delay between each
