"""The fetcher against a real HTTP server on 127.0.0.1 (tests/server.py).

Every test uses small timeouts, delays and retry waits, so each takes at most a few
seconds; every request goes to 127.0.0.1 (or ``localhost``, which resolves to it).
"""

from __future__ import annotations

import asyncio
import gzip
import shutil
import socket
import ssl
import subprocess
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from noticecli.errors import (
    BlockedAddressError,
    ConnectError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RedirectError,
    RobotsDisallowed,
    TLSError,
    TooLargeError,
    UnsupportedURL,
)
from noticecli.fetch import address
from noticecli.fetch.client import Fetcher, FetchOptions
from noticecli.fetch.result import FetchResult
from tests.conftest import PAGES
from tests.server import Reply, TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for use below

# Loopback allowed, no politeness pause, no robots.txt, short everything.
FAST = FetchOptions(
    allow_private=True,
    obey_robots=False,
    delay=0.0,
    jitter=0.0,
    timeout=3.0,
    connect_timeout=1.0,
    read_timeout=1.0,
    retries=2,
    backoff=0.05,
    max_retry_wait=2.0,
)


def opts(**changes: Any) -> FetchOptions:
    fields = {name: getattr(FAST, name) for name in FetchOptions.__slots__}
    fields.update(changes)
    return FetchOptions(**fields)


def fetch(url: str, options: FetchOptions = FAST, **kwargs: Any) -> FetchResult:
    async def run() -> FetchResult:
        async with Fetcher(options) as fetcher:
            return await fetcher.fetch(url, **kwargs)

    return asyncio.run(run())


def fails(url: str, options: FetchOptions = FAST, **kwargs: Any) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, options, **kwargs)
    return caught.value


# pages and headers -------------------------------------------------------------------------


def test_gbk_page_bytes_and_charset(http_server: TestServer) -> None:
    page = (PAGES / "07_gbk-encoded.html").read_bytes()
    http_server.route("/gbk", Reply(body=page, headers={"Content-Type": "text/html; charset=GBK"}))
    result = fetch(http_server.url("/gbk"))
    assert result.status == 200
    assert result.content == page
    assert result.content_type == "text/html"
    assert result.charset == "GBK"
    assert result.headers["content-type"] == "text/html; charset=GBK"
    assert result.attempts == 1
    assert result.redirects == []
    assert result.final_url == result.url == http_server.url("/gbk")
    assert result.remote_address == f"127.0.0.1:{http_server.port}"
    assert result.http_version == "HTTP/1.1"
    assert result.fetched_at.endswith("Z")
    import hashlib

    assert result.sha256 == hashlib.sha256(page).hexdigest()


def test_utf8_page_whose_meta_says_gb2312_is_unchanged(http_server: TestServer) -> None:
    page = (PAGES / "08_meta-lies-gb2312-utf8.html").read_bytes()
    assert b"gb2312" in page.lower()
    http_server.route("/p", Reply(body=page, headers={"Content-Type": "text/html"}))
    result = fetch(http_server.url("/p"))
    assert result.content == page
    assert result.charset is None  # the header named none; the meta is the decoder's business


def test_request_headers_user_agent_and_contact(http_server: TestServer) -> None:
    http_server.route("/ua", Reply(body=b"x"))
    result = fetch(http_server.url("/ua"), opts(contact="mailto:ops@example.org"))
    sent = http_server.requests[0].headers
    assert sent["user-agent"] == "noticecli/0.1.0 (+mailto:ops@example.org)"
    assert "gzip" in sent["accept-encoding"]
    assert result.request_headers["User-Agent"] == sent["user-agent"]
    assert result.request_headers["Host"] == f"127.0.0.1:{http_server.port}"


def test_gzip_body_is_decoded(http_server: TestServer) -> None:
    page = (PAGES / "07_gbk-encoded.html").read_bytes()
    http_server.route(
        "/z", Reply(body=gzip.compress(page), headers={"Content-Encoding": "gzip"}, chunked=True)
    )
    assert fetch(http_server.url("/z")).content == page


# redirects ---------------------------------------------------------------------------------


def test_redirect_chain_301_302(http_server: TestServer) -> None:
    http_server.route("/old", Reply.redirect("/mid", status=301))
    http_server.route("/mid", Reply.redirect(http_server.url("/new") + "#frag", status=302))
    http_server.route("/new", Reply(body=b"final"))
    result = fetch(http_server.url("/old"))
    assert result.final_url == http_server.url("/new")
    assert result.redirects == [http_server.url("/old"), http_server.url("/mid")]
    assert result.content == b"final"
    assert result.attempts == 1  # redirects are hops, not attempts
    assert [r.path for r in http_server.requests] == ["/old", "/mid", "/new"]


def test_redirect_loop(http_server: TestServer) -> None:
    http_server.route("/a", Reply.redirect("/b"))
    http_server.route("/b", Reply.redirect("/a", status=301))
    a, b = http_server.url("/a"), http_server.url("/b")
    err = fails(a)
    assert isinstance(err, RedirectError) and err.reason == "redirect"
    assert err.message == f"redirect loop: {a} → {b} → {a}"
    assert http_server.hits("/a") == 1 and http_server.hits("/b") == 1


def test_too_many_redirects(http_server: TestServer) -> None:
    for i in range(5):
        http_server.route(f"/{i}", Reply.redirect(f"/{i + 1}"))
    err = fails(http_server.url("/0"), opts(max_redirects=2))
    assert isinstance(err, RedirectError)
    assert err.message.startswith("more than 2 redirects: ")
    assert http_server.hits("/3") == 0


@pytest.mark.parametrize(
    ("location", "scheme"), [("ftp://example.org/x", "ftp"), ("javascript:alert(1)", "javascript")]
)
def test_redirect_to_non_http_scheme(http_server: TestServer, location: str, scheme: str) -> None:
    http_server.route("/go", Reply.redirect(location))
    err = fails(http_server.url("/go"))
    assert isinstance(err, RedirectError)
    assert err.message == f"redirect to a non-http(s) scheme {scheme!r}: {location}"


def test_redirect_without_location(http_server: TestServer) -> None:
    http_server.route("/nowhere", Reply(status=302))
    err = fails(http_server.url("/nowhere"))
    assert isinstance(err, RedirectError)
    assert err.message == "HTTP 302 Found without a Location header"


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a host name would be looked up (the URLs below must not get that far)."""

    async def refuse(host: str, port: int) -> list[str]:
        if address.literal_address(host) is None:
            raise AssertionError(f"looked up {host!r}")
        return [host]

    monkeypatch.setattr(address, "resolve", refuse)


@pytest.mark.parametrize(
    ("location", "problem"),
    [
        ("http://[::1", "Invalid IPv6 URL"),
        ("http://[zz]/x", "does not appear to be an IPv4 or IPv6 address"),
        ("/a\x01b", "Invalid non-printable ASCII character"),
        ("http://bad host.example/", "invalid host name 'bad%20host.example'"),
        ("http://127.0.0.1:99999/", "invalid port 99999"),
    ],
)
@pytest.mark.usefixtures("no_dns")
def test_redirect_to_a_malformed_location(
    http_server: TestServer, location: str, problem: str
) -> None:
    http_server.route("/go", Reply.redirect(location))
    err = fails(http_server.url("/go"))
    assert isinstance(err, RedirectError) and err.reason == "redirect"
    assert err.message.startswith(f"HTTP 302 Found to an invalid URL {location!r}: ")
    assert problem in err.message
    assert http_server.hits("/go") == 1  # not retried


def test_redirect_with_a_space_in_the_path_is_followed_encoded(http_server: TestServer) -> None:
    # What browsers do with an unencoded path, which old sites still send.
    http_server.route("/go", Reply.redirect("/a b.html"))
    http_server.route("/a%20b.html", Reply(body=b"ok"))
    result = fetch(http_server.url("/go"))
    assert result.final_url == http_server.url("/a%20b.html")


def _raw_header(value: bytes) -> str:
    """``value`` as the test server will put it on the wire, byte for byte (it writes
    header lines as latin-1)."""
    return value.decode("latin-1")


def test_redirect_with_raw_utf8_in_location_is_followed(http_server: TestServer) -> None:
    # Servers send the Chinese path unencoded; browsers read the bytes as UTF-8.
    target = "/政务公开/通知.html"
    http_server.route("/go", Reply.redirect(_raw_header(target.encode("utf-8"))))
    http_server.route(quote(target), Reply(body=b"ok"))
    result = fetch(http_server.url("/go"))
    assert result.final_url == http_server.url(quote(target))
    assert result.content == b"ok"


def test_redirect_with_raw_gbk_in_location_keeps_the_bytes(http_server: TestServer) -> None:
    # Not UTF-8: each byte is percent-encoded as it is (what browsers send), not read as
    # latin-1 and re-encoded.
    gbk = "/政务.html".encode("gb18030")
    http_server.route("/go", Reply.redirect(_raw_header(gbk)))
    http_server.route(quote(gbk), Reply(body=b"ok"))
    result = fetch(http_server.url("/go"))
    assert result.final_url == http_server.url("/%D5%FE%CE%F1.html")


def test_redirect_with_two_locations_follows_the_first(http_server: TestServer) -> None:
    http_server.route(
        "/go",
        Reply(status=302, headers={"Location": "/first.html", "location": "/second.html"}),
    )
    http_server.route("/first.html", Reply(body=b"ok"))
    result = fetch(http_server.url("/go"))
    assert result.final_url == http_server.url("/first.html")


# statuses and retries ----------------------------------------------------------------------


def test_404_is_final_at_once(http_server: TestServer) -> None:
    err = fails(http_server.url("/missing"))
    assert isinstance(err, HTTPStatusError) and err.reason == "http"
    assert err.status == 404
    assert err.message == "HTTP 404 Not Found"
    assert str(err) == f"{http_server.url('/missing')}: HTTP 404 Not Found"
    assert http_server.hits("/missing") == 1


def test_503_then_200_is_retried(http_server: TestServer) -> None:
    http_server.route("/flaky", Reply(status=503), Reply(body=b"ok"))
    lines: list[str] = []

    async def run() -> tuple[FetchResult, Fetcher]:
        async with Fetcher(FAST, log=lines.append) as fetcher:
            return await fetcher.fetch(http_server.url("/flaky")), fetcher

    result, fetcher = asyncio.run(run())
    assert result.status == 200 and result.content == b"ok"
    assert result.attempts == 2
    assert http_server.hits("/flaky") == 2
    assert len(lines) == 1
    assert lines[0].startswith(f"retry 1/2 of {http_server.url('/flaky')} in ")
    assert lines[0].endswith(": HTTP 503 Service Unavailable")
    stats = fetcher.stats["127.0.0.1"]
    assert (stats.requests, stats.retries) == (2, 1)


def test_503_until_retries_run_out(http_server: TestServer) -> None:
    http_server.route("/down", Reply(status=503))
    err = fails(http_server.url("/down"), opts(retries=1))
    assert isinstance(err, HTTPStatusError)
    assert (err.status, err.message) == (503, "HTTP 503 Service Unavailable")
    assert http_server.hits("/down") == 2


def test_429_retry_after_is_honoured(http_server: TestServer) -> None:
    http_server.route("/busy", Reply(status=429, headers={"Retry-After": "1"}), Reply(body=b"ok"))
    result = fetch(http_server.url("/busy"))
    assert result.attempts == 2
    first, second = http_server.requests
    assert second.at - first.at >= 0.95


def test_retry_after_is_capped_by_max_retry_wait(http_server: TestServer) -> None:
    http_server.route("/busy", Reply(status=429, headers={"Retry-After": "30"}), Reply(body=b"ok"))
    started = time.monotonic()
    result = fetch(http_server.url("/busy"), opts(max_retry_wait=0.3))
    assert result.attempts == 2
    first, second = http_server.requests
    # Waited the cap, not the 30 s asked for (upper bounds far from both, for a busy CI).
    assert 0.28 <= second.at - first.at < 10.0
    assert time.monotonic() - started < 15.0


def test_unreadable_retry_after_falls_back_to_backoff(http_server: TestServer) -> None:
    # A stray 0xB2 byte reads as "²", which str.isdigit() accepts and float() does not.
    http_server.route("/busy", Reply(status=503, headers={"Retry-After": "²"}), Reply(body=b"ok"))
    result = fetch(http_server.url("/busy"))
    assert result.status == 200 and result.attempts == 2


# timeouts, resets, caps --------------------------------------------------------------------


def test_read_timeout() -> None:
    # A listening socket that is never accepted: the kernel completes the handshake, the
    # request is sent, and no answer ever comes (nor a server thread that outlives the test).
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        started = time.monotonic()
        err = fails(
            f"http://127.0.0.1:{silent.getsockname()[1]}/slow", opts(read_timeout=0.3, retries=0)
        )
    assert isinstance(err, FetchTimeout) and err.reason == "timeout"
    assert err.message == "no data for 0.3 s (read timeout)"
    assert time.monotonic() - started < 3.0  # the 0.3 s timeout, with room for a busy CI


def test_drip_is_cut_by_the_total_deadline(http_server: TestServer) -> None:
    # One byte every 0.05 s never trips the read timeout, but would take 10 s in all.
    http_server.route("/drip", Reply(body=b"x" * 200, drip=0.05))
    started = time.monotonic()
    err = fails(http_server.url("/drip"), opts(timeout=0.6, read_timeout=1.0, retries=0))
    assert isinstance(err, FetchTimeout)
    assert err.message == "timed out after 0.6 s (total deadline)"
    assert time.monotonic() - started < 5.0  # half the 10 s the drip would take


def test_total_deadline_is_per_attempt_and_retried(http_server: TestServer) -> None:
    http_server.route("/drip", Reply(body=b"x" * 200, drip=0.05), Reply(body=b"quick"))
    result = fetch(http_server.url("/drip"), opts(timeout=0.4))
    assert result.content == b"quick" and result.attempts == 2


def test_connection_reset_mid_body(http_server: TestServer) -> None:
    http_server.route("/cut", Reply(body=b"x" * 1000, reset_after=100))
    err = fails(http_server.url("/cut"), opts(retries=1))
    assert isinstance(err, ConnectError) and err.reason == "connect"
    assert err.message.startswith(("connection lost: ", "connection closed early: "))
    assert http_server.hits("/cut") == 2  # a reset mid-body is retried


def test_connection_reset_then_ok(http_server: TestServer) -> None:
    http_server.route("/cut", Reply(body=b"x" * 1000, reset_after=100), Reply(body=b"whole"))
    result = fetch(http_server.url("/cut"))
    assert (result.content, result.attempts) == (b"whole", 2)


def test_connection_refused() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    err = fails(f"http://127.0.0.1:{port}/", opts(retries=1))
    assert isinstance(err, ConnectError)
    assert err.message == "connection refused"


def test_body_over_cap_by_content_length(http_server: TestServer) -> None:
    http_server.route("/big", Reply(body=b"x" * 5000))
    err = fails(http_server.url("/big"), opts(max_bytes=1024))
    assert isinstance(err, TooLargeError) and err.reason == "too-large"
    assert err.message == "body over the 1 KB limit (Content-Length 5000)"
    assert http_server.hits("/big") == 1  # not retried


def test_body_over_cap_chunked(http_server: TestServer) -> None:
    http_server.route("/big", Reply(body=b"x" * 5000, chunked=True, drip=0.0, drip_size=500))
    err = fails(http_server.url("/big"), opts(max_bytes=1024))
    assert isinstance(err, TooLargeError)
    assert err.message == "body over the 1 KB limit"


def test_gzip_bomb_is_cut_at_the_cap(http_server: TestServer) -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # 64 MB in ~64 KB
    assert len(bomb) < 1024 * 1024
    http_server.route("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    tracemalloc.start()
    try:
        err = fails(http_server.url("/bomb"), opts(max_bytes=1024 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(err, TooLargeError)
    assert err.message == "decoded body over the 1 MB limit"
    assert peak < 8 * 1024 * 1024  # never near the 64 MB the bomb expands to


# conditional GET ---------------------------------------------------------------------------


def test_conditional_get_answered_304(http_server: TestServer) -> None:
    stamp = "Wed, 06 May 2020 08:00:00 GMT"
    http_server.route("/doc", Reply(body=b"v1", etag='"v1"', last_modified=stamp))
    first = fetch(http_server.url("/doc"))
    assert (first.etag, first.last_modified) == ('"v1"', stamp)
    again = fetch(http_server.url("/doc"), etag=first.etag, last_modified=first.last_modified)
    assert again.status == 304 and again.not_modified
    assert again.content == b""
    sent = http_server.requests[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == stamp
    assert again.request_headers["If-None-Match"] == '"v1"'


# robots.txt --------------------------------------------------------------------------------


def test_robots_disallow(http_server: TestServer) -> None:
    http_server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n"))
    http_server.route("/private/x", Reply(body=b"secret"))
    http_server.route("/public", Reply(body=b"hello"))

    async def run() -> None:
        async with Fetcher(opts(obey_robots=True)) as fetcher:
            with pytest.raises(RobotsDisallowed) as caught:
                await fetcher.fetch(http_server.url("/private/x"))
            assert caught.value.reason == "robots"
            assert caught.value.message == "disallowed by robots.txt"
            assert (await fetcher.fetch(http_server.url("/public"))).content == b"hello"

    asyncio.run(run())
    assert http_server.hits("/private/x") == 0
    assert http_server.hits("/robots.txt") == 1  # cached for the fetcher's life


def test_robots_group_for_our_agent(http_server: TestServer) -> None:
    robots = b"User-agent: noticecli\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    http_server.route("/robots.txt", Reply(body=robots))
    err = fails(http_server.url("/page"), opts(obey_robots=True))
    assert isinstance(err, RobotsDisallowed)


def test_robots_crawl_delay_spaces_requests(http_server: TestServer) -> None:
    http_server.route("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 0.5\n"))
    http_server.route("/1", Reply(body=b"1"))
    http_server.route("/2", Reply(body=b"2"))

    async def run() -> None:
        async with Fetcher(opts(obey_robots=True)) as fetcher:
            await asyncio.gather(
                fetcher.fetch(http_server.url("/1")), fetcher.fetch(http_server.url("/2"))
            )

    asyncio.run(run())
    times = {r.path: r.at for r in http_server.requests}
    assert len(http_server.requests) == 3
    # robots.txt → page → page, each at least the Crawl-delay after the one before
    ordered = sorted(times.values())
    assert ordered[1] - ordered[0] >= 0.45
    assert ordered[2] - ordered[1] >= 0.45


def test_robots_404_allows_everything(http_server: TestServer) -> None:
    http_server.route("/page", Reply(body=b"ok"))
    assert fetch(http_server.url("/page"), opts(obey_robots=True)).content == b"ok"
    assert http_server.hits("/robots.txt") == 1


def test_robots_behind_a_broken_redirect_allows_everything(http_server: TestServer) -> None:
    # Google's reading: a redirect chain that never reaches a file means there is none.
    http_server.route("/robots.txt", Reply.redirect("/robots.txt"))
    http_server.route("/page", Reply(body=b"ok"))
    assert fetch(http_server.url("/page"), opts(obey_robots=True)).content == b"ok"


def test_robots_that_cannot_be_read_skips_the_host(http_server: TestServer) -> None:
    http_server.route("/robots.txt", Reply(body=b"User-agent: *\n" * 100, reset_after=10))
    http_server.route("/page", Reply(body=b"ok"))
    lines: list[str] = []

    async def run() -> FetchError:
        async with Fetcher(opts(obey_robots=True, retries=0), log=lines.append) as fetcher:
            with pytest.raises(RobotsDisallowed) as caught:
                await fetcher.fetch(http_server.url("/page"))
            return caught.value

    error = asyncio.run(run())
    assert error.message.startswith("disallowed: robots.txt unavailable (")
    assert any(line.startswith("robots.txt for ") and "host skipped" in line for line in lines)
    assert http_server.hits("/page") == 0


def test_robots_5xx_disallows_the_host_for_the_run(http_server: TestServer) -> None:
    http_server.route("/robots.txt", Reply(status=503))
    http_server.route("/page", Reply(body=b"ok"))

    async def run() -> list[FetchError]:
        errors: list[FetchError] = []
        async with Fetcher(opts(obey_robots=True, retries=0)) as fetcher:
            for path in ("/page", "/page"):
                with pytest.raises(RobotsDisallowed) as caught:
                    await fetcher.fetch(http_server.url(path))
                errors.append(caught.value)
        return errors

    errors = asyncio.run(run())
    assert errors[0].message == (
        "disallowed: robots.txt unavailable (HTTP 503), host skipped this run"
    )
    assert http_server.hits("/robots.txt") == 1
    assert http_server.hits("/page") == 0


def test_a_long_running_fetcher_reads_robots_again_when_it_is_old(
    http_server: TestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker keeps its fetcher for days: robots.txt is read again after robots.MAX_AGE
    # (a robots.txt that could not be read: after robots.UNAVAILABLE_AGE), here shortened.
    from noticecli.fetch import robots

    monkeypatch.setattr(robots, "MAX_AGE", 0.3)
    monkeypatch.setattr(robots, "UNAVAILABLE_AGE", 0.3)
    http_server.route("/robots.txt", Reply(status=503), Reply(body=b"User-agent: *\nAllow: /\n"))
    http_server.route("/page", Reply(body=b"ok"))

    async def run() -> list[str]:
        seen: list[str] = []
        async with Fetcher(opts(obey_robots=True, retries=0)) as fetcher:
            for pause in (0.0, 0.0, 0.4, 0.0, 0.4):
                await asyncio.sleep(pause)
                try:
                    await fetcher.fetch(http_server.url("/page"))
                    seen.append("ok")
                except RobotsDisallowed:
                    seen.append("disallowed")
        return seen

    assert asyncio.run(run()) == ["disallowed", "disallowed", "ok", "ok", "ok"]
    assert http_server.hits("/robots.txt") == 3  # at first, once unavailable aged, once aged


def test_robots_txt_is_shared_through_a_cache(http_server: TestServer) -> None:
    # Fetchers sharing a cache (workers on many machines): one reads the file and keeps it,
    # the next obeys it without asking the server. An unreadable file is not shared.
    class Shared:
        def __init__(self) -> None:
            self.files: dict[str, tuple[int, bytes]] = {}

        async def get(self, origin: str) -> tuple[int, bytes] | None:
            return self.files.get(origin)

        async def put(self, origin: str, status: int, body: bytes) -> None:
            self.files[origin] = (status, body)

    shared = Shared()
    http_server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private\n"))
    http_server.route("/page", Reply(body=b"ok"))

    async def run() -> list[str]:
        seen = []
        for _ in range(2):  # two fetchers, one after the other: two workers
            async with Fetcher(opts(obey_robots=True), robots_cache=shared) as fetcher:
                seen.append((await fetcher.fetch(http_server.url("/page"))).content.decode())
                with pytest.raises(RobotsDisallowed):
                    await fetcher.fetch(http_server.url("/private"))
        return seen

    assert asyncio.run(run()) == ["ok", "ok"]
    assert http_server.hits("/robots.txt") == 1
    assert list(shared.files.values()) == [(200, b"User-agent: *\nDisallow: /private\n")]

    http_server.route("/robots.txt", Reply(status=503))
    shared.files.clear()

    async def unreadable() -> None:
        async with Fetcher(opts(obey_robots=True, retries=0), robots_cache=shared) as fetcher:
            with pytest.raises(RobotsDisallowed):
                await fetcher.fetch(http_server.url("/page"))

    asyncio.run(unreadable())
    assert shared.files == {}


# address safety ----------------------------------------------------------------------------


def test_loopback_refused_without_allow_private(http_server: TestServer) -> None:
    http_server.route("/page", Reply(body=b"ok"))
    err = fails(http_server.url("/page"), opts(allow_private=False, obey_robots=True))
    assert isinstance(err, BlockedAddressError) and err.reason == "private-address"
    assert err.message == "127.0.0.1 is a loopback address (use --allow-private)"
    assert http_server.requests == []  # not even robots.txt


def test_loopback_name_refused_in_the_connection_layer(http_server: TestServer) -> None:
    err = fails(http_server.url("/page", host="localhost"), opts(allow_private=False))
    assert isinstance(err, BlockedAddressError)
    assert (
        err.message == "localhost resolves to 127.0.0.1, a loopback address (use --allow-private)"
    )
    assert http_server.requests == []


def test_every_redirect_hop_is_checked(
    http_server: TestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend 127.0.0.1 is public so the first hop connects; "localhost" resolves to 10.0.0.7.
    real_classify = address.classify
    monkeypatch.setattr(
        address, "classify", lambda ip: None if str(ip) == "127.0.0.1" else real_classify(ip)
    )

    async def fake_resolve(host: str, port: int) -> list[str]:
        return ["10.0.0.7"] if host == "localhost" else ["127.0.0.1"]

    monkeypatch.setattr(address, "resolve", fake_resolve)
    http_server.route("/hop", Reply.redirect(http_server.url("/inside", host="localhost")))
    err = fails(http_server.url("/hop"), opts(allow_private=False))
    assert isinstance(err, BlockedAddressError)
    assert err.message == "localhost resolves to 10.0.0.7, a private address (use --allow-private)"
    assert [r.path for r in http_server.requests] == ["/hop"]


@pytest.mark.usefixtures("no_dns")
def test_unsupported_urls() -> None:
    for url, message in [
        ("ftp://example.org/file", "not an http(s) URL: ftp://example.org/file"),
        ("file:///etc/passwd", "not an http(s) URL: file:///etc/passwd"),
        ("http:///nohost", "URL has no host: http:///nohost"),
        ("http://[::1", "not a valid URL: Invalid port: ':1'"),
        ("http://[zz]/", "not a valid URL: Invalid IPv6 address: '[zz]'"),
        ("http://127.0.0.1:99999/", "invalid port 99999"),
        ("http://127.0.0.1:0/", "invalid port 0"),
        ("http://bad host.example/", "invalid host name 'bad%20host.example'"),
        ("http://a\u2100b/", "not a valid URL: Invalid IDNA hostname: 'a\u2100b'"),
    ]:
        err = fails(url)
        assert isinstance(err, UnsupportedURL) and err.reason == "url"
        assert err.message == message


# politeness --------------------------------------------------------------------------------


def test_one_host_is_serialized_with_the_delay(http_server: TestServer) -> None:
    http_server.route("/1", Reply(body=b"1", delay=0.2))
    http_server.route("/2", Reply(body=b"2", delay=0.2))

    async def run() -> None:
        async with Fetcher(opts(delay=0.4, jitter=0.0)) as fetcher:
            await asyncio.gather(
                fetcher.fetch(http_server.url("/1")), fetcher.fetch(http_server.url("/2"))
            )

    asyncio.run(run())
    first, second = sorted(r.at for r in http_server.requests)
    assert second - first >= 0.2 + 0.4 - 0.02  # the first answered, then the delay


def test_two_hosts_proceed_concurrently(http_server: TestServer) -> None:
    # Politeness is keyed by host name: 127.0.0.1 and localhost are two hosts. Each answer
    # takes 1.2 s; the second request arriving before the first was answered proves they
    # overlap (one after the other, it would arrive at ≥ 1.2 s, and ≥ 3.2 s with the delay).
    http_server.route("/slow", Reply(body=b"s", delay=1.2))

    async def run() -> None:
        async with Fetcher(opts(delay=2.0, read_timeout=5.0, timeout=10.0)) as fetcher:
            await asyncio.gather(
                fetcher.fetch(http_server.url("/slow")),
                fetcher.fetch(http_server.url("/slow", host="localhost")),
            )

    asyncio.run(run())
    first, second = sorted(r.at for r in http_server.requests)
    assert second - first < 0.9
    assert {r.headers["host"].split(":")[0] for r in http_server.requests} == {
        "127.0.0.1",
        "localhost",
    }


def test_two_ports_on_one_host_share_the_turn(http_server: TestServer) -> None:
    other = TestServer()
    try:
        http_server.route("/a", Reply(body=b"a"))
        other.route("/b", Reply(body=b"b"))

        async def run() -> None:
            async with Fetcher(opts(delay=0.4)) as fetcher:
                await asyncio.gather(
                    fetcher.fetch(http_server.url("/a")), fetcher.fetch(other.url("/b"))
                )

        asyncio.run(run())
        times = sorted([http_server.requests[0].at, other.requests[0].at])
        assert times[1] - times[0] >= 0.38
    finally:
        other.close()


# TLS ---------------------------------------------------------------------------------------


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[TestServer]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)),
            *("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = TestServer(context)
    try:
        yield server
    finally:
        server.close()


def test_self_signed_certificate_is_a_tls_error(tls_server: TestServer) -> None:
    tls_server.route("/s", Reply(body=b"secure"))
    err = fails(tls_server.url("/s"))
    assert isinstance(err, TLSError) and err.reason == "tls"
    assert err.message.startswith("TLS failure: ")
    assert "self-signed certificate" in err.message or "self signed" in err.message
    assert tls_server.requests == []


def test_verify_tls_off_accepts_it(tls_server: TestServer) -> None:
    tls_server.route("/s", Reply(body=b"secure"))
    assert fetch(tls_server.url("/s"), opts(verify_tls=False)).content == b"secure"


def test_not_modified_answers_keep_the_connection(http_server: TestServer) -> None:
    http_server.route("/n.html", Reply(body=b"<p>x</p>", etag='"v1"'))
    options = FetchOptions(allow_private=True, obey_robots=False, delay=0, retries=0)

    async def run() -> list[int]:
        async with Fetcher(options) as fetcher:
            return [
                (await fetcher.fetch(http_server.url("/n.html"), etag='"v1"')).status
                for _ in range(3)
            ]

    assert asyncio.run(run()) == [304, 304, 304]
    ports = {r.client_port for r in http_server.requests if r.path == "/n.html"}
    assert len(ports) == 1, "each 304 should reuse the kept-alive connection"
