"""The fetcher: polite, bounded, retrying HTTP GETs for unattended runs against old sites.

One ``fetch()`` is: URL check → for each redirect hop (robots.txt → per-host turn →
attempt, retried with backoff) → result. An attempt is one request under a total
deadline, its body streamed through ``BodyReader`` within the byte caps. Address safety
is enforced where connections are made (``address.SafeBackend``).
"""

from __future__ import annotations

import asyncio
import hashlib
import http
import random
import re
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from .._version import __version__
from ..errors import (
    BlockedAddressError,
    ConnectError,
    DNSError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RedirectError,
    RobotsDisallowed,
    TLSError,
    TooLargeError,
    UnsupportedURL,
)
from ..sizes import format_size
from . import robots
from .address import SafeTransport, check_literal, format_peer, is_refused
from .body import BodyReader, content_length
from .politeness import HostPoliteness, HostSlots
from .result import FetchResult, mime_and_charset
from .retry import RETRY_STATUSES, backoff_delay, is_retryable, parse_retry_after

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
_ACCEPT_LANGUAGE = "zh-CN,zh;q=0.9,en;q=0.5"
# Only what BodyReader decodes within its caps; a server sending anything else is passed on.
_ACCEPT_ENCODING = "gzip, deflate"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    user_agent: str | None = None  # default: noticecli/VERSION (+contact)
    contact: str | None = None
    timeout: float = 30.0  # total deadline per attempt: headers and body
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # per read
    max_bytes: int = 20 * 1024 * 1024  # cap on raw bytes and on decoded bytes
    max_redirects: int = 10
    allow_private: bool = False
    obey_robots: bool = True
    delay: float = 1.0  # seconds between requests to one host
    # Up to this fraction of the delay is added at random: enough to keep requests out of
    # lockstep, never less than the delay itself.
    jitter: float = 0.1
    retries: int = 3  # extra attempts after the first
    max_retry_wait: float = 60.0  # cap for Retry-After and backoff
    verify_tls: bool = True
    backoff: float = 1.0  # first backoff wait; doubles with each retry
    max_in_flight: int = 100  # requests in flight at once, all hosts together

    def __post_init__(self) -> None:
        if self.max_in_flight < 1:
            raise ValueError(f"max_in_flight must be 1 or more, not {self.max_in_flight}")

    def agent(self) -> str:
        if self.user_agent:
            return self.user_agent
        base = f"noticecli/{__version__}"
        return f"{base} (+{self.contact})" if self.contact else base


@dataclass(slots=True)
class HostStats:
    """Counters for one host: every HTTP request sent (robots.txt, redirect hops and
    retries included), and the retries among them. Outcomes per host are counted where
    they are reported (:class:`noticecli.fetch.batch.HostSummary`)."""

    requests: int = 0
    retries: int = 0


@dataclass(slots=True)
class _Response:
    """One HTTP exchange, read (or deliberately not read) within the caps."""

    url: httpx.URL
    status: int
    reason: str
    headers: dict[str, str]
    content: bytes
    request_headers: dict[str, str]
    http_version: str | None
    remote_address: str | None
    fetched_at: str
    elapsed_ms: int


_DRAIN_LIMIT = 64 * 1024


async def _drain(response: httpx.Response) -> None:
    """Read a small unwanted body (a 304, a redirect, an error page) to its end, so the
    connection goes back to the pool instead of being dropped: on HTTPS that saves a TLS
    handshake per revalidated page. A large or unknown-length body is not worth waiting for."""
    if response.is_stream_consumed:
        return
    declared = content_length(response)
    if response.status_code not in (204, 304) and (declared is None or declared > _DRAIN_LIMIT):
        return
    received = 0
    async for chunk in response.aiter_raw():
        received += len(chunk)
        if received > _DRAIN_LIMIT:
            return


def _secs(value: float) -> str:
    return f"{value:g} s"


def _utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _phrase(status: int, given: str) -> str:
    if given:
        return given
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _status_line(status: int, reason: str) -> str:
    return f"HTTP {status} {reason}".rstrip()


def _ssl_cause(exc: BaseException) -> BaseException | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


# Host names as they go to the resolver: ASCII letters, digits, dots, hyphens, underscores
# (httpx has already turned an internationalised name into its xn-- form).
_HOST_NAME = re.compile(rb"[A-Za-z0-9._-]+")


def _url_problem(url: httpx.URL, shown: str) -> str | None:
    """Why ``url`` (given as ``shown``) cannot be fetched, or None when it can."""
    if url.scheme not in ("http", "https"):
        return f"not an http(s) URL: {shown}"
    raw_host = url.raw_host
    if not raw_host:
        return f"URL has no host: {shown}"
    # An IPv6 literal (the only host with a colon) has been validated by httpx already.
    if b":" not in raw_host and not _HOST_NAME.fullmatch(raw_host):
        return f"invalid host name {url.host!r}"
    if url.port is not None and not 0 < url.port < 65536:
        return f"invalid port {url.port}"
    return None


def _location(raw_headers: list[tuple[bytes, bytes]]) -> str | None:
    """The first Location header, read as a browser reads it: UTF-8 when its bytes are
    UTF-8 (servers send 政务公开 raw), otherwise (GBK bytes) with every non-ASCII byte
    percent-encoded as it is. httpx decodes the whole header block with one codec, which
    would turn either into latin-1 mojibake; duplicates it joins with commas."""
    value = next((value for name, value in raw_headers if name.lower() == b"location"), None)
    if value is None:
        return None
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(chr(byte) if byte < 0x80 else f"%{byte:02X}" for byte in value)


def _parse_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:  # urllib-style ValueErrors get through too
        raise UnsupportedURL(f"not a valid URL: {exc}") from None
    problem = _url_problem(parsed, url)
    if problem is not None:
        raise UnsupportedURL(problem)
    return parsed.copy_with(fragment=None)


def host_key(url: str) -> str | None:
    """The name politeness knows ``url``'s host by, as the fetcher reads it (lower case, no
    port), or ``None`` for a URL without a usable host."""
    try:
        host = httpx.URL(url).host
    except (httpx.InvalidURL, ValueError):
        return None
    return host or None


class Fetcher:
    """Fetches URLs politely; share one per run so politeness and robots.txt are shared."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        log: Callable[[str], None] | None = None,
        politeness: HostPoliteness | None = None,
    ) -> None:
        """``politeness`` keeps the per-host turns (default: in this process, with
        ``options.jitter``); ``transport`` replaces the network (tests)."""
        self.options = options = options or FetchOptions()
        self.user_agent = options.agent()
        self._agent_token = robots.product_token(self.user_agent)
        self._log = log or (lambda _message: None)
        self._rng = random.Random()
        if transport is None:
            transport = SafeTransport(
                verify=options.verify_tls,
                allow_private=options.allow_private,
                # One connection per request in flight, each kept for its host's next turn.
                limits=httpx.Limits(
                    max_connections=options.max_in_flight,
                    max_keepalive_connections=options.max_in_flight,
                ),
            )
        # Requests are built by the client (headers, cookies, timeouts) but sent straight to
        # the transport: httpx's send() parses every Location header itself and raises on
        # ones like "javascript:…" before the response (and its connection) is handed back.
        self._transport = transport
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            trust_env=False,  # a proxy would be connected to instead of the checked address
            timeout=httpx.Timeout(
                connect=options.connect_timeout,
                read=options.read_timeout,
                write=options.read_timeout,
                pool=options.timeout,
            ),
            headers={
                "User-Agent": self.user_agent,
                "Accept": _ACCEPT,
                "Accept-Language": _ACCEPT_LANGUAGE,
                "Accept-Encoding": _ACCEPT_ENCODING,
            },
        )
        self._slots = politeness or HostSlots(jitter=options.jitter, rng=self._rng)
        self._in_flight = asyncio.Semaphore(options.max_in_flight)
        self._robots: dict[str, asyncio.Task[robots.RobotsRules]] = {}
        self._crawl_delay: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}  # per-host overrides of options.delay
        self.stats: dict[str, HostStats] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        for task in self._robots.values():
            task.cancel()
        await self._client.aclose()

    def _stats(self, host: str) -> HostStats:
        stats = self.stats.get(host)
        if stats is None:
            stats = self.stats[host] = HostStats()
        return stats

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url``; a result for 2xx and 304, a ``FetchError`` subclass for the rest."""
        conditional: dict[str, str] = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        try:
            return await self._fetch(url, conditional, for_robots=False)
        except FetchError as exc:
            if exc.source is None:
                exc.source = url
            raise

    async def _fetch(self, url: str, headers: dict[str, str], *, for_robots: bool) -> FetchResult:
        current = _parse_url(url)
        max_redirects = robots.MAX_ROBOTS_REDIRECTS if for_robots else self.options.max_redirects
        chain: list[str] = []
        seen = {str(current)}
        retries = 0  # attempts = 1 + retries, whatever hop they happened on
        while True:
            if not self.options.allow_private:
                check_literal(current.host)
            if not for_robots and self.options.obey_robots:
                rules = await self._rules(current)
                if not rules.allowed(str(current), self._agent_token):
                    raise RobotsDisallowed(rules.refusal())
            response, tries = await self._with_retries(current, headers, for_robots=for_robots)
            retries += tries - 1
            if response.status not in REDIRECT_STATUSES:
                break
            target = self._redirect_target(response)
            chain.append(str(current))
            if len(chain) > max_redirects:
                hops = " → ".join([*chain, str(target)])
                raise RedirectError(f"more than {max_redirects} redirects: {hops}")
            if str(target) in seen:
                raise RedirectError("redirect loop: " + " → ".join([*chain, str(target)]))
            seen.add(str(target))
            current = target
        status = response.status
        if not for_robots and status >= 300 and status != 304:
            raise HTTPStatusError(_status_line(status, response.reason), status=status)
        content_type, charset = mime_and_charset(response.headers.get("content-type"))
        content = response.content
        return FetchResult(
            url=url,
            final_url=str(current),
            status=status,
            content=content,
            headers=response.headers,
            fetched_at=response.fetched_at,
            elapsed_ms=response.elapsed_ms,
            attempts=retries + 1,
            content_type=content_type,
            charset=charset,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            sha256=hashlib.sha256(content).hexdigest(),
            redirects=chain,
            remote_address=response.remote_address,
            http_version=response.http_version,
            request_headers=response.request_headers,
        )

    def _redirect_target(self, response: _Response) -> httpx.URL:
        location = response.headers.get("location", "").strip()
        line = _status_line(response.status, response.reason)
        if not location:
            raise RedirectError(f"{line} without a Location header")
        try:
            joined = urljoin(str(response.url), location)
            scheme = urlsplit(joined).scheme.lower()
            if scheme not in ("http", "https"):
                raise RedirectError(f"redirect to a non-http(s) scheme {scheme!r}: {location}")
            # A space in the path is percent-encoded (as browsers do); anywhere else it, a
            # control character or a broken host or port makes the Location unusable.
            target = httpx.URL(joined)
        except (httpx.InvalidURL, ValueError) as exc:
            raise RedirectError(f"{line} to an invalid URL {location!r}: {exc}") from None
        problem = _url_problem(target, location)
        if problem is not None:
            raise RedirectError(f"{line} to an invalid URL {location!r}: {problem}")
        return target.copy_with(fragment=None)

    # robots.txt -------------------------------------------------------------------------

    async def _rules(self, url: httpx.URL) -> robots.RobotsRules:
        key = robots.origin_of(url)
        task = self._robots.get(key)
        if task is None:
            task = asyncio.ensure_future(self._load_robots(url, key))
            self._robots[key] = task
        # Shielded: one waiter being cancelled must not cancel the others' shared lookup.
        return await asyncio.shield(task)

    async def _load_robots(self, url: httpx.URL, key: str) -> robots.RobotsRules:
        try:
            result = await self._fetch(robots.robots_url(url), {}, for_robots=True)
        except (DNSError, BlockedAddressError, TLSError, UnsupportedURL):
            # Not about robots.txt: the page would fail the same way, so say so; not cached.
            del self._robots[key]
            raise
        except RedirectError:
            rules = robots.ALLOW_ALL  # Google: a broken redirect chain counts as "no file"
        except FetchError as exc:
            rules = robots.RobotsRules(blocked=exc.message)
        else:
            rules = robots.from_response(result.status, result.content)
        if rules.blocked is not None:
            self._log(f"robots.txt for {key} unavailable ({rules.blocked}): host skipped")
        delay = rules.crawl_delay(self._agent_token)
        if delay is not None:
            if delay > robots.MAX_CRAWL_DELAY:
                self._log(
                    f"{key}: Crawl-delay {_secs(delay)} capped at {_secs(robots.MAX_CRAWL_DELAY)}"
                )
                delay = robots.MAX_CRAWL_DELAY
            self._crawl_delay[key] = delay
        return rules

    def set_host_delay(self, host: str, seconds: float) -> None:
        """Seconds between requests to ``host`` instead of ``options.delay`` (a site's own
        setting); robots.txt's Crawl-delay still wins when longer."""
        self._host_delay[host.lower()] = seconds

    def _gap(self, url: httpx.URL) -> float:
        crawl_delay = self._crawl_delay.get(robots.origin_of(url), 0.0)
        return max(self._host_delay.get(url.host, self.options.delay), crawl_delay)

    # attempts ---------------------------------------------------------------------------

    async def _with_retries(
        self, url: httpx.URL, headers: dict[str, str], *, for_robots: bool
    ) -> tuple[_Response, int]:
        opts = self.options
        stats = self._stats(url.host)
        retry = 0
        while True:
            try:
                async with self._slots.turn(
                    url.host,
                    lambda: self._gap(url),
                    lambda wait: self._log(f"{url.host}: waiting {wait:.1f} s before {url}"),
                ):
                    stats.requests += 1
                    async with self._in_flight:
                        response = await self._attempt(url, headers, for_robots=for_robots)
            except FetchError as exc:
                if retry >= opts.retries or not is_retryable(exc):
                    raise
                wait = backoff_delay(retry, base=opts.backoff, cap=opts.max_retry_wait)
                why = exc.message
            else:
                if response.status not in RETRY_STATUSES or retry >= opts.retries:
                    return response, retry + 1
                after = parse_retry_after(response.headers.get("retry-after"))
                if after is not None:
                    wait = min(after, opts.max_retry_wait)
                else:
                    wait = backoff_delay(retry, base=opts.backoff, cap=opts.max_retry_wait)
                why = _status_line(response.status, response.reason)
            retry += 1
            stats.retries += 1
            self._log(f"retry {retry}/{opts.retries} of {url} in {wait:.1f} s: {why}")
            # The whole host waits, not just this URL: 429 and 503 are about the server.
            await self._slots.back_off(url.host, wait)

    async def _attempt(
        self, url: httpx.URL, headers: dict[str, str], *, for_robots: bool
    ) -> _Response:
        deadline = self.options.timeout
        request = self._client.build_request("GET", url, headers=headers)
        started = time.monotonic()
        fetched_at = _utc_now()
        try:
            async with asyncio.timeout(deadline):
                response = await self._transport.handle_async_request(request)
                response.request = request
                self._client.cookies.extract_cookies(response)
                try:
                    return await self._read(response, request, for_robots, started, fetched_at)
                finally:
                    await response.aclose()
        except TimeoutError:
            raise FetchTimeout(f"timed out after {_secs(deadline)} (total deadline)") from None
        except httpx.HTTPError as exc:
            raise self._map_error(exc) from exc

    async def _read(
        self,
        response: httpx.Response,
        request: httpx.Request,
        for_robots: bool,
        started: float,
        fetched_at: str,
    ) -> _Response:
        status = response.status_code
        # Only a success carries a body worth keeping (robots.txt: only 2xx is parsed).
        wanted = 200 <= status < 300
        content = b""
        if wanted:
            cap = min(self.options.max_bytes, robots.MAX_ROBOTS_BYTES) if for_robots else None
            content = await self._read_body(response, cap)
        else:
            await _drain(response)
        stream: Any = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        headers = {k.lower(): v for k, v in response.headers.items()}
        location = _location(response.headers.raw)
        if location is not None:
            headers["location"] = location
        return _Response(
            url=request.url,
            status=status,
            reason=_phrase(status, response.reason_phrase),
            headers=headers,
            content=content,
            request_headers={
                k.decode("latin-1"): v.decode("latin-1") for k, v in request.headers.raw
            },
            http_version=response.http_version,
            remote_address=format_peer(peer),
            fetched_at=fetched_at,
            elapsed_ms=round((time.monotonic() - started) * 1000),
        )

    async def _read_body(self, response: httpx.Response, truncate_at: int | None) -> bytes:
        limit = truncate_at if truncate_at is not None else self.options.max_bytes
        declared = content_length(response)
        if truncate_at is None and declared is not None and declared > limit:
            raise TooLargeError(
                f"body over the {format_size(limit)} limit (Content-Length {declared})"
            )
        if response.is_stream_consumed:  # an in-memory response (a mock transport): decoded
            reader = BodyReader(None, limit, truncate=truncate_at is not None)
            reader.feed(response.content)
            return reader.finish()
        reader = BodyReader(
            response.headers.get("content-encoding"),
            limit,
            truncate=truncate_at is not None,
            log=self._log,
        )
        async for chunk in response.aiter_raw():
            reader.feed(chunk)
            if reader.full:
                break
        return reader.finish()

    def _map_error(self, exc: httpx.HTTPError) -> FetchError:
        opts = self.options
        if isinstance(exc, httpx.ConnectTimeout):
            return FetchTimeout(f"connect timed out after {_secs(opts.connect_timeout)}")
        if isinstance(exc, httpx.ReadTimeout):
            return FetchTimeout(f"no data for {_secs(opts.read_timeout)} (read timeout)")
        if isinstance(exc, httpx.TimeoutException):
            return FetchTimeout(f"timed out: {exc}")
        tls = _ssl_cause(exc)
        if tls is not None and isinstance(exc, httpx.ConnectError):
            detail = getattr(tls, "verify_message", None) or getattr(tls, "reason", None) or tls
            return TLSError(f"TLS failure: {detail}")
        if isinstance(exc, httpx.ConnectError):
            if is_refused(exc):
                return ConnectError("connection refused")
            return ConnectError(f"cannot connect: {exc or type(exc).__name__}")
        if isinstance(exc, httpx.ReadError | httpx.WriteError):
            return ConnectError(f"connection lost: {exc or 'reset by peer'}")
        if isinstance(exc, httpx.RemoteProtocolError):
            return ConnectError(f"connection closed early: {exc}")
        if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
            return UnsupportedURL(str(exc))
        return FetchError(f"{type(exc).__name__}: {exc}")
