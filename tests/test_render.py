"""Pages that need a browser, through a real headless Chromium (``--render``, ``render =
true``), against a real site on loopback (tests/scriptedsite.py): a list a script fills
from JSON, notices behind a cookie-setting challenge.

Only loopback is ever reached: the test site listens on 127.0.0.2 and only 127.0.0.2/32 is
allowed (``--allow-network``); what the page asks of 10.0.0.1 is refused by its literal
before any connection, and what it asks of 127.0.0.3 (a second server) is refused by the
address check, which that server's empty log shows. The browser's own network is a closed
loopback port. Tests that need Chromium skip, with the reason, only where none is installed
(.ci/run installs Debian's ``chromium`` when it is missing).
"""

from __future__ import annotations

import asyncio
import ipaddress
import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from noticecli.cli import main
from noticecli.errors import ChallengeError, RenderUnavailable
from noticecli.fetch.archive import read_warc
from noticecli.fetch.browser import find_chromium
from noticecli.fetch.client import Fetcher, FetchOptions
from noticecli.fetch.render import Renderer, RenderOptions
from tests.conftest import REPO
from tests.scriptedsite import CHALLENGE, DATA_PATH, HTML, LIST_PATH, SCRIPT_PATH, ScriptedSite
from tests.server import Reply, TestServer

DELAY = 0.4


def chromium() -> str:
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        pytest.skip("the render extra (playwright) is not installed: pip install -e '.[test]'")
    try:
        return find_chromium()
    except RenderUnavailable as error:
        pytest.skip(f"no Chromium on this machine: {error.message}")


@pytest.fixture
def servers() -> Iterator[tuple[TestServer, TestServer]]:
    main_server, other = TestServer(host="127.0.0.2"), TestServer(host="127.0.0.3")
    try:
        yield main_server, other
    finally:
        main_server.close()
        other.close()


@pytest.fixture
def site(servers: tuple[TestServer, TestServer]) -> ScriptedSite:
    return ScriptedSite(servers[0], other=servers[1])


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


NETWORK = ["--allow-network", "127.0.0.2/32", "--retries", "0", "--timeout", "10"]


def test_without_render_each_page_says_why_and_the_way_out(site: ScriptedSite) -> None:
    code, out, err = run("fetch", *NETWORK, "--delay", "0", site.listing_url(), site.notice_url(1))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert (
        f"noticecli: {site.listing_url()}: the list is filled by JavaScript (an empty list "
        "container and a list-loading script); no items; it needs a browser: use --render"
    ) in lines
    assert (
        f"noticecli: {site.notice_url(1)}: a cookie-setting JavaScript challenge page "
        "(HTTP 412), not the page; it needs a browser: use --render"
    ) in lines
    assert "0 ok, 2 failed (1 challenge, 1 needs-render)" in err


def _page_starts(site: ScriptedSite, urls: list[str]) -> list[int]:
    """Indexes in the server's log of each page's first request, in the order asked."""
    paths = [url.split(str(site.server.port), 1)[1] for url in urls]
    requests = site.server.requests
    return [next(i for i, r in enumerate(requests) if r.path == path) for path in paths]


def test_render_reads_the_list_and_the_notices_politely_and_safely(
    site: ScriptedSite, servers: tuple[TestServer, TestServer], tmp_path: Path
) -> None:
    chromium()
    urls = [site.listing_url(), site.notice_url(1), site.notice_url(2)]
    warc, pages = tmp_path / "run.warc.gz", tmp_path / "pages"
    code, out, err = run(
        "fetch", "--render", "-v", *NETWORK, "--delay", str(DELAY),
        "--warc", str(warc), "--save-html", str(pages), *urls,
    )  # fmt: skip
    assert code == 0, err
    listing, first, second = (json.loads(line) for line in out.splitlines())
    # The list the script filled, and the notices behind the challenge.
    assert listing["kind"] == "listing"
    assert [item["title"] for item in listing["items"]] == [site.titles[n] for n in range(5, 0, -1)]
    assert listing["items"][0]["url"] == site.notice_url(5)
    assert (first["title"], second["title"]) == (site.titles[1], site.titles[2])
    assert first["body"] and first["fetch"]["rendered"] and first["fetch"]["status"] == 200
    # The challenge was passed once: its cookie served the next notice of the host.
    assert site.challenges_served() == 1
    # Politeness: one page in flight at a time, each begun after the delay that follows the
    # end of the one before (every request a page made included).
    log = site.server.requests
    starts = _page_starts(site, urls)
    assert starts == sorted(starts)
    answered = {id(request): moment for request, moment in site.server.answered}
    for previous, start in itertools.pairwise(starts):
        before = [answered[id(request)] for request in log[previous:start]]
        assert log[start].at - max(before) >= DELAY * 0.95, (log[start].path, before)
    assert [r.path for r in log[starts[0] : starts[1]]] == [LIST_PATH, SCRIPT_PATH, DATA_PATH]
    # What the page may not fetch was refused before any connection: a private address, a
    # loopback address outside --allow-network (its server saw nothing), robots.txt.
    assert servers[1].requests == []
    assert site.server.hits("/private/stats.json") == 0
    assert (
        "the page's request for http://10.0.0.1/track.js refused: 10.0.0.1 is a private "
        "address (use --allow-private)"
    ) in err
    assert f"request for {servers[1].url('/counter.js')} refused: 127.0.0.3 is a loopback" in err
    assert "/private/stats.json refused: disallowed by robots.txt" in err
    # Archived as rendered: the document as served, and the DOM, which parses again offline.
    results = list(read_warc(warc))
    assert [r.rendered is not None for r in results] == [True, True, True]
    assert b'<ul class="list" id="list"></ul>' in results[0].content
    code, again, err = run("parse", "--warc", str(warc))
    assert code == 0, err
    assert [json.loads(line)["title"] for line in again.splitlines()] == [
        listing["title"], site.titles[1], site.titles[2],
    ]  # fmt: skip
    index = [json.loads(line) for line in (pages / "index.jsonl").read_text("utf-8").splitlines()]
    assert all(entry["rendered"] for entry in index)


def test_a_page_that_has_not_changed_is_not_rendered(site: ScriptedSite) -> None:
    executable = chromium()
    options = FetchOptions(allow_networks=(ipaddress.ip_network("127.0.0.2/32"),), delay=0)

    async def twice() -> tuple[Any, Any, int]:
        async with (
            Fetcher(options) as fetcher,
            Renderer(fetcher, RenderOptions(executable)) as renderer,
        ):
            first = await renderer.render(site.listing_url(), wait_for="#list li")
            again = await renderer.render(site.listing_url(), etag=first.etag)
            browser = await renderer._chromium.browser()
            return first, again, len(browser.contexts)

    first, again, contexts = asyncio.run(twice())
    assert first.etag and "<li>" in (first.rendered or "")
    assert again.not_modified and again.rendered is None
    assert site.server.hits(DATA_PATH) == 1  # the second page stopped at its 304
    assert contexts == 0  # every page's context was closed after use


def test_a_challenge_the_browser_cannot_pass_is_said(
    servers: tuple[TestServer, TestServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    executable = chromium()
    server = servers[0]
    # The script sets a cookie the server does not want: the challenge comes back each time.
    server.route_gated("/x.html", "never=1", Reply(body=b"<p>x</p>"), Reply(412, HTML, CHALLENGE))
    monkeypatch.setattr("noticecli.fetch.render._CHALLENGE_WAIT", 1.0)
    options = FetchOptions(allow_networks=(ipaddress.ip_network("127.0.0.2/32"),), delay=0)

    async def render() -> None:
        async with Fetcher(options) as fetcher, Renderer(fetcher, RenderOptions(executable)) as r:
            await r.render(server.url("/x.html"))

    with pytest.raises(ChallengeError, match="even in the browser") as caught:
        asyncio.run(render())
    assert caught.value.kind == "cookie"


def sites_file(tmp_path: Path, site: ScriptedSite, extra: str = "") -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(
        f'[[site]]\nname = "rfb"\nlisting = ["{site.listing_url()}"]\ndelay = 0.1\n{extra}',
        "utf-8",
    )
    return path


def test_crawl_renders_a_site_and_then_revalidates_it(site: ScriptedSite, tmp_path: Path) -> None:
    chromium()
    sites = sites_file(tmp_path, site, 'render = true\nwait_for = "#list li"\n')
    crawl = ["crawl", "--sites", str(sites), "--db", str(tmp_path / "s.db"), *NETWORK]
    code, out, err = run(*crawl)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["title"] for r in records) == sorted(site.titles.values())
    assert all(r["fetch"]["rendered"] for r in records)
    assert site.challenges_served() == 1
    code, out, err = run(*crawl)
    assert (code, out) == (0, ""), err
    assert "0 new, 0 changed" in err
    assert site.server.hits(DATA_PATH) == 1  # the listing answered 304: not rendered again


def test_sites_check_suggests_render_and_shows_what_it_finds(
    site: ScriptedSite, tmp_path: Path
) -> None:
    chromium()
    code, out, err = run("sites", "check", "--sites", str(sites_file(tmp_path, site)), *NETWORK)
    assert code == 1
    assert (
        f"noticecli: rfb: {site.listing_url()}: the list is filled by JavaScript (an empty "
        "list container and a list-loading script); no items; it needs a browser: set render = "
        '"listings" for site rfb in the sites file'
    ) in err.splitlines()
    assert (
        'noticecli: rfb: rendering finds 5 items: set render = "listings" for the site in the '
        "sites file to crawl it this way"
    ) in err.splitlines()
    assert f"rfb: {site.listing_url()} (rendered in Chromium)" in out
    assert site.titles[5] in out


def _without_playwright(tmp_path: Path) -> dict[str, str]:
    """An environment in which ``import playwright`` fails, as without the render extra."""
    shadow = tmp_path / "shadow" / "playwright"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('not installed')\n", "utf-8")
    return {**os.environ, "PYTHONPATH": str(shadow.parent)}


def test_render_without_the_extra_says_how_to_install_it_and_exits_2(tmp_path: Path) -> None:
    env = _without_playwright(tmp_path)
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "a"\nlisting = ["http://127.0.0.2:9/"]\nrender = true\n')
    db = tmp_path / "s.db"
    for args in (
        ["fetch", "--render", "http://127.0.0.2:9/a.html"],
        ["crawl", "--sites", str(sites), "--db", str(db)],
        ["sites", "check", "--sites", str(sites)],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "noticecli", *args],
            capture_output=True, text=True, env=env, cwd=REPO, timeout=60,
        )  # fmt: skip
        assert done.returncode == 2, (args, done.stderr)
        assert "rendering needs the render extra: pip install 'noticecli[render]'" in done.stderr
        assert "Traceback" not in done.stderr
    assert not db.exists()  # refused before the store was made


def test_render_with_no_chromium_says_where_to_get_one(tmp_path: Path) -> None:
    chromium()  # the extra is there; the browser named is not
    code, _, err = run("fetch", "--render", "--chromium", str(tmp_path / "chromium"), "http://a/")
    assert code == 2
    assert f"--chromium {tmp_path / 'chromium'}: no such executable" in err
    code, _, err = run("fetch", "--wait-for", "ul li", "http://a/")
    assert code == 2
    assert "--wait-for is for pages loaded with --render" in err
