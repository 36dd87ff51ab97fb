"""Unit tests for the fetcher's parts: address classification and the connection-layer
check, Retry-After, backoff, body decoding within caps, robots rules, politeness."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import ipaddress
import random
import socket
import time
import zlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpcore
import httpx
import pytest

from noticecli.errors import (
    BlockedAddressError,
    ConnectError,
    DNSError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    TooLargeError,
)
from noticecli.fetch import address, robots
from noticecli.fetch.address import (
    SafeBackend,
    TransientDNSError,
    blocked_reason,
    check_literal,
    classify,
)
from noticecli.fetch.body import BodyReader
from noticecli.fetch.client import Fetcher, FetchOptions
from noticecli.fetch.politeness import HostSlots
from noticecli.fetch.retry import backoff_delay, is_retryable, parse_retry_after
from noticecli.sizes import format_size

# address classification --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ip", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "private"),  # carrier-grade NAT
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:169.254.1.1", "link-local"),
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("8.8.8.8", None),
        ("202.96.128.86", None),
        ("172.32.0.1", None),  # just outside 172.16/12
        ("2001:4860:4860::8888", None),
        ("::ffff:8.8.8.8", None),
        ("240e::1", None),  # China Telecom
    ],
)
def test_classify(ip: str, kind: str | None) -> None:
    assert classify(ipaddress.ip_address(ip)) == kind


def test_blocked_reason_messages() -> None:
    loop4 = ipaddress.ip_address("127.0.0.1")
    assert (
        blocked_reason("127.0.0.1", loop4)
        == "127.0.0.1 is a loopback address (use --allow-private)"
    )
    assert blocked_reason("[::1]", ipaddress.ip_address("::1")) == (
        "::1 is a loopback address (use --allow-private)"
    )
    assert blocked_reason("intranet.example", ipaddress.ip_address("10.0.0.5")) == (
        "intranet.example resolves to 10.0.0.5, a private address (use --allow-private)"
    )
    assert blocked_reason("x", ipaddress.ip_address("fe80::1")) == (
        "x resolves to fe80::1, a link-local address (use --allow-private)"
    )
    assert blocked_reason("www.gov.cn", ipaddress.ip_address("8.8.8.8")) is None


def test_check_literal() -> None:
    with pytest.raises(BlockedAddressError, match=r"^::ffff:127\.0\.0\.1 is a loopback"):
        check_literal("[::ffff:127.0.0.1]")
    check_literal("8.8.8.8")
    check_literal("www.gov.cn")  # names are checked where they are resolved


class _FakeInner(httpcore.AsyncNetworkBackend):
    def __init__(self, refuse: set[str] | None = None) -> None:
        self.calls: list[tuple[str, int]] = []
        self.refuse = refuse or set()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        self.calls.append((host, port))
        if host in self.refuse:
            raise httpcore.ConnectError("refused")
        return httpcore.AsyncMockStream([])


def _connect(backend: SafeBackend, host: str) -> Any:
    return asyncio.run(backend.connect_tcp(host, 443, timeout=1.0))


def test_backend_connects_to_the_checked_ip(monkeypatch: pytest.MonkeyPatch) -> None:
    async def fake_resolve(host: str, port: int) -> list[str]:
        return ["2001:db8::1", "93.184.216.34"]  # 2001:db8:: is documentation: refused

    monkeypatch.setattr(address, "resolve", fake_resolve)
    inner = _FakeInner()
    with pytest.raises(
        BlockedAddressError, match=r"^mixed\.example resolves to 2001:db8::1, a private address"
    ):
        _connect(SafeBackend(allow_private=False, inner=inner), "mixed.example")
    assert inner.calls == []  # refused before any connection

    async def public(host: str, port: int) -> list[str]:
        return ["2400:cb00::1", "93.184.216.34"]

    monkeypatch.setattr(address, "resolve", public)
    inner = _FakeInner(refuse={"2400:cb00::1"})
    _connect(SafeBackend(allow_private=False, inner=inner), "www.example")
    # The IP literal is connected to (never the name again), the next one after a failure.
    assert inner.calls == [("2400:cb00::1", 443), ("93.184.216.34", 443)]


def test_backend_allow_private(monkeypatch: pytest.MonkeyPatch) -> None:
    async def fake_resolve(host: str, port: int) -> list[str]:
        return ["10.0.0.1"]

    monkeypatch.setattr(address, "resolve", fake_resolve)
    inner = _FakeInner()
    _connect(SafeBackend(allow_private=True, inner=inner), "intranet")
    assert inner.calls == [("10.0.0.1", 443)]


def test_resolve_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def gai(errno: int) -> Any:
        async def fail(*args: Any, **kwargs: Any) -> Any:
            raise socket.gaierror(errno, "lookup failed")

        return fail

    async def run(errno: int) -> None:
        loop = asyncio.get_running_loop()
        monkeypatch.setattr(loop, "getaddrinfo", gai(errno))
        await address.resolve("x.example", 80)

    with pytest.raises(DNSError) as caught:
        asyncio.run(run(socket.EAI_NONAME))
    assert not isinstance(caught.value, TransientDNSError)
    assert caught.value.message == "cannot resolve x.example: lookup failed"
    assert not is_retryable(caught.value)
    with pytest.raises(TransientDNSError) as again:
        asyncio.run(run(socket.EAI_AGAIN))
    assert again.value.reason == "dns" and is_retryable(again.value)


# retries -----------------------------------------------------------------------------------


def test_parse_retry_after() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("1", now) == 1.0
    assert parse_retry_after(" 120 ", now) == 120.0
    assert parse_retry_after("1.5", now) == 1.5
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now) == 0.0  # past: now
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("²", now) is None  # isdigit() but not a number (a latin-1 0xB2)
    assert parse_retry_after("", now) is None
    assert parse_retry_after(None, now) is None
    assert parse_retry_after("-5", now) == 0.0


def test_backoff_bounds() -> None:
    rng = random.Random(7)
    for retry in range(8):
        floor = min(60.0, 1.0 * 2**retry)
        for _ in range(200):
            wait = backoff_delay(retry, base=1.0, cap=60.0, rng=rng)
            assert floor <= wait <= min(60.0, floor * 1.5)
    assert backoff_delay(100, base=1.0, cap=5.0) == 5.0
    waits = {round(backoff_delay(2, base=1.0, cap=60.0, rng=rng), 6) for _ in range(20)}
    assert len(waits) > 10  # jittered


def test_is_retryable() -> None:
    assert is_retryable(ConnectError("connection refused"))
    assert is_retryable(FetchTimeout("no data"))
    for status in (408, 429, 500, 502, 503, 504):
        assert is_retryable(HTTPStatusError("x", status=status))
    for status in (400, 401, 403, 404, 410, 501):
        assert not is_retryable(HTTPStatusError("x", status=status))
    assert not is_retryable(TooLargeError("big"))


# body within caps --------------------------------------------------------------------------


def _read(data: bytes, encoding: str | None, cap: int, chunk: int = 4096, **kw: Any) -> bytes:
    reader = BodyReader(encoding, cap, **kw)
    for i in range(0, len(data), chunk):
        reader.feed(data[i : i + chunk])
        if reader.full:
            break
    return reader.finish()


def test_format_size() -> None:
    assert format_size(20 * 1024 * 1024) == "20 MB"
    assert format_size(1024) == "1 KB"
    assert format_size(1000) == "1000 bytes"


def test_gzip_bomb_is_cut_with_bounded_pieces() -> None:
    bomb = gzip.compress(b"\0" * (32 * 1024 * 1024))
    reader = BodyReader("gzip", 1024 * 1024)
    with pytest.raises(TooLargeError, match=r"^decoded body over the 1 MB limit$"):
        reader.feed(bomb)  # one feed: the whole bomb at once, still cut at the cap
    assert reader.raw_bytes == len(bomb)


def test_decodings() -> None:
    text = "政府信息公开".encode("gbk") * 500
    assert _read(gzip.compress(text), "gzip", 10**6) == text
    assert _read(gzip.compress(text), "x-gzip", 10**6, chunk=7) == text
    assert _read(gzip.compress(text[:100]) + gzip.compress(text[100:]), "gzip", 10**6) == text
    assert _read(zlib.compress(text), "deflate", 10**6) == text
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw_deflate = raw.compress(text) + raw.flush()
    assert _read(raw_deflate, "deflate", 10**6, chunk=5) == text
    assert _read(gzip.compress(zlib.compress(text)), "deflate, gzip", 10**6) == text
    assert _read(text, "br", 10**6) == text  # not asked for, passed on as sent
    assert _read(text, None, 10**6) == text


def test_body_labelled_gzip_that_is_not() -> None:
    lines: list[str] = []
    text = b"<html>plain</html>"
    assert _read(text, "gzip", 1000, log=lines.append) == text
    assert lines == ["body labelled as compressed is not; kept as sent"]


def test_corrupt_gzip_after_good_start() -> None:
    good = gzip.compress(random.Random(1).randbytes(100_000))
    broken = good[:200] + bytes(len(good) - 200)
    with pytest.raises(FetchError, match=r"^corrupt gzip body: "):
        _read(broken, "gzip", 10**6, chunk=100)


def test_raw_and_decoded_caps() -> None:
    with pytest.raises(TooLargeError, match=r"^body over the 1000 bytes limit$"):
        _read(b"x" * 1001, None, 1000)
    assert _read(b"x" * 1000, None, 1000) == b"x" * 1000
    with pytest.raises(TooLargeError, match=r"^body over the 1000 bytes limit$"):
        _read(bytes(range(256)) * 40, "gzip", 1000)  # raw cap applies to compressed bytes


def test_truncate_mode_keeps_the_start() -> None:
    assert _read(b"x" * 5000, None, 1000, truncate=True) == b"x" * 1000
    bomb = gzip.compress(b"y" * 10**6)
    assert _read(bomb, "gzip", 1000, truncate=True) == b"y" * 1000


# robots ------------------------------------------------------------------------------------


def test_robots_rules_from_status() -> None:
    assert robots.from_response(404, b"") is robots.ALLOW_ALL
    assert robots.from_response(403, b"") is robots.ALLOW_ALL
    assert robots.from_response(503, b"").blocked == "HTTP 503"
    assert robots.from_response(429, b"").blocked == "HTTP 429"
    rules = robots.from_response(200, b"User-agent: *\nDisallow: /a\nCrawl-delay: 3\n")
    assert not rules.allowed("http://x/a/b", "noticecli")
    assert rules.allowed("http://x/b", "noticecli")
    assert rules.crawl_delay("noticecli") == 3.0
    assert rules.refusal() == "disallowed by robots.txt"


def test_robots_helpers() -> None:
    url = httpx.URL("https://Example.gov.cn:8443/a/b?c")
    assert robots.origin_of(url) == "https://example.gov.cn:8443"
    assert robots.robots_url(url) == "https://example.gov.cn:8443/robots.txt"
    assert robots.product_token("noticecli/0.1.0 (+mailto:a@b)") == "noticecli"
    assert robots.product_token("MyBot") == "MyBot"


# politeness --------------------------------------------------------------------------------


def test_host_slots_serialize_one_host_and_not_two() -> None:
    slots = HostSlots(jitter=0.0)
    spans: dict[str, list[tuple[float, float]]] = {"a": [], "b": []}

    async def one(host: str) -> None:
        async with slots.turn(host, lambda: 0.2):
            start = time.monotonic()
            await asyncio.sleep(0.05)
            spans[host].append((start, time.monotonic()))

    async def run() -> None:
        await asyncio.gather(one("a"), one("a"), one("b"), one("b"))

    asyncio.run(run())
    for host in "ab":
        (_, end1), (start2, _) = sorted(spans[host])
        assert start2 - end1 >= 0.19
    # The two hosts start together; b behind a would start ≥ 0.05 + 0.2 s after it.
    assert abs(min(spans["a"])[0] - min(spans["b"])[0]) < 0.12


def test_back_off_holds_the_host() -> None:
    slots = HostSlots(jitter=0.0)

    async def run() -> float:
        await slots.back_off("h", 0.2)
        started = time.monotonic()
        async with slots.turn("h", lambda: 0.0):
            return time.monotonic() - started

    assert asyncio.run(run()) >= 0.19


# the fetcher over a mock transport ---------------------------------------------------------


def test_retry_after_http_date_over_mock_transport() -> None:
    calls: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            when = datetime.now(UTC) + timedelta(seconds=30)
            return httpx.Response(503, headers={"Retry-After": format_datetime(when, usegmt=True)})
        return httpx.Response(200, content=b"ok", headers={"Content-Type": "text/plain"})

    options = FetchOptions(obey_robots=False, delay=0.0, max_retry_wait=0.2, backoff=0.01)

    async def run() -> Any:
        async with Fetcher(options, transport=httpx.MockTransport(handler)) as fetcher:
            return await fetcher.fetch("http://www.example.gov.cn/x")

    result = asyncio.run(run())
    assert result.attempts == 2 and result.content == b"ok"
    assert 0.19 <= calls[1] - calls[0] < 10.0  # the 0.2 s cap, not the 30 s asked for
    assert result.content_type == "text/plain" and result.charset is None


def test_options_defaults() -> None:
    options = FetchOptions()
    assert options.agent() == "noticecli/0.1.0"
    assert (
        FetchOptions(contact="https://x.org/bot").agent() == "noticecli/0.1.0 (+https://x.org/bot)"
    )
    assert FetchOptions(user_agent="Custom/1").agent() == "Custom/1"
    assert (options.timeout, options.max_bytes, options.retries) == (30.0, 20 * 1024 * 1024, 3)
    assert options.verify_tls and options.obey_robots and not options.allow_private


def test_the_fetcher_asks_its_politeness_for_each_turn_and_back_off() -> None:
    # The seam for keeping turns outside the process: every attempt asks for the host's
    # turn, and a 503's wait is handed to it, not kept in the fetcher.
    asked: list[Any] = []

    class Recorded:
        @contextlib.asynccontextmanager
        async def turn(
            self, host: str, gap: Callable[[], float], on_wait: Any = None
        ) -> AsyncIterator[None]:
            asked.append(("turn", host, gap()))
            yield

        async def back_off(self, host: str, seconds: float) -> None:
            asked.append(("back_off", host, seconds))

    replies = iter([httpx.Response(503, headers={"Retry-After": "7"}), httpx.Response(200)])
    options = FetchOptions(obey_robots=False, delay=2.5, backoff=0.01)

    async def run() -> None:
        transport = httpx.MockTransport(lambda request: next(replies))
        async with Fetcher(options, transport=transport, politeness=Recorded()) as fetcher:
            await fetcher.fetch("http://www.example.gov.cn/x")

    asyncio.run(run())
    host = "www.example.gov.cn"
    assert asked == [("turn", host, 2.5), ("back_off", host, 7.0), ("turn", host, 2.5)]


def test_requests_in_flight_are_capped_for_all_hosts_together() -> None:
    busy = most = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal busy, most
        busy += 1
        most = max(most, busy)
        await asyncio.sleep(0.05)
        busy -= 1
        return httpx.Response(200, content=b"ok")

    options = FetchOptions(obey_robots=False, delay=0.0, max_in_flight=2)

    async def run() -> None:
        async with Fetcher(options, transport=httpx.MockTransport(handler)) as fetcher:
            await asyncio.gather(*(fetcher.fetch(f"http://h{n}.gov.cn/") for n in range(6)))

    asyncio.run(run())
    assert most == 2
    with pytest.raises(ValueError, match="max_in_flight"):
        FetchOptions(max_in_flight=0)
