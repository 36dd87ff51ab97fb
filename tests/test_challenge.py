"""Pages that need a browser, recognised without one: JavaScript challenge pages (from the
response), lists and app shells a script fills (from the parse), and the fetcher's
answer to them (a ``challenge`` or ``needs-render`` failure naming --render). The pages
below are ours, written in the shapes these services serve."""

from __future__ import annotations

import asyncio
import ipaddress
import json

import pytest
from click.testing import CliRunner

from noticecli.cli import main
from noticecli.errors import BlockedAddressError, ChallengeError, NeedsRenderError
from noticecli.fetch.address import blocked_reason, check_literal
from noticecli.fetch.challenge import recognise, visible_text_length
from noticecli.fetch.client import Fetcher, FetchOptions
from noticecli.fetch.result import FetchResult
from noticecli.fetch.scripted import app_shell, require_content, script_filled
from noticecli.pipeline import parse_bytes
from tests.server import Reply, TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for pytest

HTML = {"Content-Type": "text/html; charset=utf-8"}

RUISHU = (
    b'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
    b'charset=utf-8"><meta id="9DhefwqGPrzG" content="k3J8a0f1.Qz" r="m">'
    b"<script r=\"m\">$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=51234;"
    b'$_ts.cd="qhxrrrAlEqW0kGlrpq3qcsQhDaAakqVgxGqNcGqgEs";</script>'
    b'<script type="text/javascript" charset="utf-8" src="/4QbVtADbnLVI/c.FxJzG50F.dfe1675.js"'
    b' r="m"></script></head><body></body></html>'
)
JSL = (
    b"<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')"
    b"+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+(-~[]+'6881'+(1+[0]))"
    b"+('|-1|')+(-~0+'f7'+[[]][0]);location.href=location.pathname+location.search"
    b"</script></body></html>"
)
COOKIE = (
    b"<html><head><title>\xe5\xae\x89\xe5\x85\xa8\xe9\xaa\x8c\xe8\xaf\x81</title><script>"
    b'function setCookie(n,v){document.cookie=n+"="+v+"; path=/"}'
    b'setCookie("verify_token","a81f");window.location.reload();</script></head>'
    b"<body>\xe6\xad\xa3\xe5\x9c\xa8\xe9\xaa\x8c\xe8\xaf\x81\xe2\x80\xa6</body></html>"
)
ANALYTICS_PAGE = (
    "<html><head><script>document.cookie='visited=1';if(!ok){location.href='/m/'}</script>"
    "</head><body><h1>关于开展2024年防空警报试鸣的通告</h1>"
    + "<p>根据《中华人民共和国人民防空法》规定，定于9月18日上午10时在全市范围内试鸣防空警报。</p>"
    * 6
    + "</body></html>"
).encode()


@pytest.mark.parametrize(
    ("status", "headers", "body", "kind"),
    [
        (412, {}, RUISHU, "ruishu"),
        (202, {}, RUISHU, "ruishu"),
        (521, {"set-cookie": "__jsluid_h=0c1e4bb7; max-age=31536000; path=/"}, JSL, "jsl"),
        (521, {}, b"<script>var x={'tn':'__jsl_clearance_s'};go(x)</script>", "jsl"),
        (200, {}, COOKIE, "cookie"),
        (403, {"cf-mitigated": "challenge"}, b"<html>Just a moment...</html>", "cloudflare"),
    ],
)
def test_challenge_pages_are_recognised_by_their_kind(
    status: int, headers: dict[str, str], body: bytes, kind: str
) -> None:
    challenge = recognise(status, headers, body)
    assert challenge is not None and challenge.kind == kind
    assert f"(HTTP {status})" in challenge.describe(status)


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (200, ANALYTICS_PAGE),  # cookies and a redirect script, but a page of its own
        (412, b"<html><body>Precondition Failed</body></html>"),  # no script at all
        (200, b"<html><script>document.cookie='a=1'</script><body></body></html>"),  # stays
        (503, b"<html><script src='/app.js'></script><body></body></html>"),
    ],
)
def test_pages_that_are_not_challenges(status: int, body: bytes) -> None:
    assert recognise(status, {}, body) is None


def test_visible_text_leaves_out_scripts_styles_and_tags() -> None:
    body = b"<style>p{color:red}</style><script>var a = 1;</script><p> \xe9\x80\x9a </p>"
    assert visible_text_length(body) == 3  # one Chinese character, in UTF-8


def _fetch(options: FetchOptions, url: str) -> FetchResult:
    async def run() -> FetchResult:
        async with Fetcher(options) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())


PLAIN = FetchOptions(allow_private=True, delay=0, retries=2, backoff=0.01, obey_robots=False)


def test_the_fetcher_answers_a_challenge_page_with_its_kind(http_server: TestServer) -> None:
    http_server.route("/a.html", Reply(status=412, body=RUISHU, headers=HTML))
    http_server.route("/b.html", Reply(status=202, body=RUISHU, headers=HTML))
    for path in ("/a.html", "/b.html"):
        with pytest.raises(ChallengeError) as caught:
            _fetch(PLAIN, http_server.url(path))
        assert caught.value.kind == "ruishu"
        assert caught.value.reason == "challenge"
        assert "use --render" in str(caught.value)


def test_a_challenge_behind_a_retryable_status_is_not_retried(http_server: TestServer) -> None:
    http_server.route("/c.html", Reply(status=503, body=COOKIE, headers=HTML))
    with pytest.raises(ChallengeError):
        _fetch(PLAIN, http_server.url("/c.html"))
    assert http_server.hits("/c.html") == 1  # a challenge answers the same every time


def test_a_robots_txt_behind_the_challenge_is_no_robots_txt(http_server: TestServer) -> None:
    http_server.route("/robots.txt", Reply(status=521, body=JSL, headers=HTML))
    http_server.route("/p.html", Reply(body=ANALYTICS_PAGE, headers=HTML))
    options = FetchOptions(allow_private=True, delay=0, retries=0)
    assert _fetch(options, http_server.url("/p.html")).status == 200


SHELLS = [
    (
        b'<html ng-app="zwgk"><body><div ng-controller="detail"><h1>{{ d.title }}</h1>'
        b'<div ng-bind-html="d.content"></div></div><script src="/js/angular.min.js"></script>'
        b"</body></html>",
        "an AngularJS app shell",
    ),
    (
        b'<html><body><div id="app" v-cloak><h1>{{ title }}</h1></div>'
        b'<script src="/js/vue.js"></script></body></html>',
        "a Vue app shell",
    ),
    (
        b'<html><head><title>x</title></head><body><div id="app"></div>'
        b'<script src="/static/js/app.3c1f.js"></script></body></html>',
        "an app shell with an empty #app",
    ),
    (b"<html><body><h2>{{item.title}}</h2><p>{{item.date}}</p></body></html>", "template"),
]


@pytest.mark.parametrize(("markup", "kind"), SHELLS)
def test_app_shells_need_a_browser(markup: bytes, kind: str) -> None:
    assert kind in (app_shell(markup) or "")
    result = FetchResult("http://a/", "http://a/", 200, markup, {}, "", 0, 1)
    notice = parse_bytes(markup, url="http://a/")
    assert "a script fills it" in (script_filled(result, notice) or "")
    with pytest.raises(NeedsRenderError, match="use --render"):
        require_content(result, notice)


def test_a_page_with_content_is_no_shell_even_with_framework_markup() -> None:
    markup = (
        '<html ng-app="portal"><body><div ng-controller="nav">导航</div><h1>关于开展防空警报'
        "试鸣的通告</h1><table><tr><td>索引号：</td><td>11340100-2024-00012</td></tr></table>"
        '<div class="TRS_Editor"><p>定于9月18日上午10时试鸣防空警报，请广大市民周知。</p></div>'
        "</body></html>"
    ).encode()
    result = FetchResult("http://a/", "http://a/", 200, markup, {}, "", 0, 1)
    notice = parse_bytes(markup, url="http://a/")
    assert script_filled(result, notice) is None


def test_a_rendered_page_still_empty_says_to_wait_for_the_content() -> None:
    markup = SHELLS[2][0]
    result = FetchResult("http://a/", "http://a/", 200, markup, {}, "", 0, 1)
    result.rendered = markup.decode()
    with pytest.raises(NeedsRenderError, match="even in the browser; wait for the content"):
        require_content(result, parse_bytes(markup, url="http://a/"))


def test_fetch_names_challenge_and_needs_render_with_the_way_out(http_server: TestServer) -> None:
    http_server.route("/guarded.html", Reply(status=412, body=RUISHU, headers=HTML))
    http_server.route("/app.html", Reply(body=SHELLS[0][0], headers=HTML))
    result = CliRunner().invoke(
        main,
        [
            *("fetch", "--allow-private", "--delay", "0", "--retries", "0"),
            *(http_server.url("/guarded.html"), http_server.url("/app.html")),
        ],
        catch_exceptions=False,
    )
    assert (result.exit_code, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    assert (
        f"noticecli: {http_server.url('/guarded.html')}: a Ruishu (瑞数) JavaScript challenge "
        "page (HTTP 412), not the page; it needs a browser: use --render"
    ) in lines
    assert any(
        line.startswith(f"noticecli: {http_server.url('/app.html')}: the page is an AngularJS")
        and line.endswith("; it needs a browser: use --render")
        for line in lines
    ), lines
    assert "0 ok, 2 failed (1 challenge, 1 needs-render)" in result.stderr


def test_an_allowed_network_lets_its_addresses_through_and_no_others() -> None:
    allowed = (ipaddress.ip_network("127.0.0.2/32"), ipaddress.ip_network("10.1.0.0/16"))
    assert blocked_reason("a", ipaddress.ip_address("127.0.0.2"), allowed) is None
    assert blocked_reason("a", ipaddress.ip_address("10.1.3.4"), allowed) is None
    assert blocked_reason("a", ipaddress.ip_address("::ffff:10.1.3.4"), allowed) is None
    assert blocked_reason("a", ipaddress.ip_address("127.0.0.3"), allowed) is not None
    assert blocked_reason("a", ipaddress.ip_address("10.0.0.1"), allowed) is not None
    with pytest.raises(BlockedAddressError, match=r"10\.0\.0\.1 is a private address"):
        check_literal("10.0.0.1", allowed)


def test_allow_network_on_the_command_line(http_server: TestServer) -> None:
    http_server.route("/p.html", Reply(body=ANALYTICS_PAGE, headers=HTML))
    base = ["fetch", "--delay", "0", "--retries", "0", "--ignore-robots"]
    ok = CliRunner().invoke(
        main, [*base, "--allow-network", "127.0.0.0/30", http_server.url("/p.html")]
    )
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout)["fetch"]["status"] == 200
    other = CliRunner().invoke(
        main, [*base, "--allow-network", "127.0.0.2", http_server.url("/p.html")]
    )
    assert other.exit_code == 1
    assert "127.0.0.1 is a loopback address" in other.stderr
    bad = CliRunner().invoke(main, [*base, "--allow-network", "10.0.0.300/8", "http://a/"])
    assert bad.exit_code == 2
    assert "is not an IP network" in bad.stderr
