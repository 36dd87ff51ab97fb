"""The fetcher: polite, bounded, retrying HTTP GETs for unattended runs against old sites.

One ``fetch()`` is: URL check → for each redirect hop (robots.txt → per-host turn →
attempt, retried with backoff) → result, or the error it came to (a challenge page in
place of the page is one: :mod:`~noticecli.fetch.challenge`). An attempt is one request
under a total deadline, its body streamed through ``BodyReader`` within the byte caps.
Address safety is enforced where connections are made (``address.SafeBackend``).

A browser's requests (:mod:`~noticecli.fetch.render`) go through :meth:`Fetcher.send`: the
same checks and caps, one request each, inside the turn its page holds.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import re
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import httpx

from .._version import __version__
from ..errors import (
    BlockedAddressError,
    ChallengeError,
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
from .address import IPNetwork, SafeTransport, check_literal, format_peer
from .body import BodyReader, content_length
from .challenge import CHALLENGE_STATUSES, MAX_CHALLENGE_BYTES, recognise
from .exchange import Exchange, drain, location, map_error, phrase, secs, status_line, utc_now
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
    # Networks allowed although not public (--allow-network): narrower than allow_private.
    allow_networks: tuple[IPNetwork, ...] = ()
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


# Which bodies an attempt reads: a page's (2xx only, and a possible challenge page's
# first bytes), robots.txt's (2xx, truncated), or whatever a browser asked for.
BodyPolicy = Literal["page", "robots", "browser"]


# Headers a browser sends that describe its own connection, or that httpx sets itself.
_NOT_FORWARDED = frozenset(
    {
        "host",
        "connection",
        "keep-alive",
        "content-length",
        "transfer-encoding",
        "te",
        "upgrade",
        "proxy-connection",
        "proxy-authorization",
        "accept-encoding",
    }
)


class Fetcher:
    """Fetches URLs politely; share one per run so politeness and robots.txt are shared."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        log: Callable[[str], None] | None = None,
        politeness: HostPoliteness | None = None,
        robots_cache: robots.RobotsCache | None = None,
    ) -> None:
        """``politeness`` keeps the per-host turns (default: in this process, with
        ``options.jitter``); ``robots_cache`` shares robots.txt files with other fetchers
        (default: none, each is read here); ``transport`` replaces the network (tests)."""
        self.options = options = options or FetchOptions()
        self.user_agent = options.agent()
        self._agent_token = robots.product_token(self.user_agent)
        self._log = log or (lambda _message: None)
        self._rng = random.Random()
        if transport is None:
            transport = SafeTransport(
                verify=options.verify_tls,
                allow_private=options.allow_private,
                allowed=options.allow_networks,
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
        self._timeout = httpx.Timeout(
            connect=options.connect_timeout,
            read=options.read_timeout,
            write=options.read_timeout,
            pool=options.timeout,
        )
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            trust_env=False,  # a proxy would be connected to instead of the checked address
            timeout=self._timeout,
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
        self._robots_cache = robots_cache
        self._robots_loaded: dict[str, float] = {}  # origin → time.monotonic() when asked
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
        """GET ``url``; a result for 2xx and 304, a ``FetchError`` subclass for the rest
        (``ChallengeError`` for a challenge page in place of the page)."""
        try:
            return await self._fetch(url, conditional_headers(etag, last_modified))
        except FetchError as exc:
            if exc.source is None:
                exc.source = url
            raise

    async def _fetch(
        self, url: str, headers: dict[str, str], *, for_robots: bool = False, polite: bool = True
    ) -> FetchResult:
        current = _parse_url(url)
        max_redirects = robots.MAX_ROBOTS_REDIRECTS if for_robots else self.options.max_redirects
        policy: BodyPolicy = "robots" if for_robots else "page"
        chain: list[str] = []
        seen = {str(current)}
        retries = 0  # attempts = 1 + retries, whatever hop they happened on
        while True:
            self._check_address(current)
            if not for_robots:
                await self._obey_robots(current, polite=polite)
            response, tries = await self._with_retries(
                current, headers, policy=policy, polite=polite
            )
            retries += tries - 1
            if response.status not in REDIRECT_STATUSES:
                break
            target = self.redirect_target(response)
            chain.append(str(current))
            if len(chain) > max_redirects:
                hops = " → ".join([*chain, str(target)])
                raise RedirectError(f"more than {max_redirects} redirects: {hops}")
            if str(target) in seen:
                raise RedirectError("redirect loop: " + " → ".join([*chain, str(target)]))
            seen.add(str(target))
            current = target
        status = response.status
        if not for_robots:
            challenge = recognise(status, response.headers, response.content)
            if challenge is not None:
                raise ChallengeError(challenge.describe(status), kind=challenge.kind, status=status)
            if status >= 300 and status != 304:
                raise HTTPStatusError(status_line(status, response.reason), status=status)
        return result_of(response, url, chain, attempts=retries + 1)

    def _check_address(self, url: httpx.URL) -> None:
        if not self.options.allow_private:
            check_literal(url.host, self.options.allow_networks)

    async def _obey_robots(self, url: httpx.URL, *, polite: bool) -> None:
        if self.options.obey_robots:
            rules = await self._rules(url, polite=polite)
            if not rules.allowed(str(url), self._agent_token):
                raise RobotsDisallowed(rules.refusal())

    def redirect_target(self, response: Exchange) -> httpx.URL:
        """Where a redirect points (a RedirectError when its Location is unusable)."""
        target_text = response.headers.get("location", "").strip()
        line = status_line(response.status, response.reason)
        if not target_text:
            raise RedirectError(f"{line} without a Location header")
        try:
            joined = urljoin(str(response.url), target_text)
            scheme = urlsplit(joined).scheme.lower()
            if scheme not in ("http", "https"):
                raise RedirectError(f"redirect to a non-http(s) scheme {scheme!r}: {target_text}")
            # A space in the path is percent-encoded (as browsers do); anywhere else it, a
            # control character or a broken host or port makes the Location unusable.
            target = httpx.URL(joined)
        except (httpx.InvalidURL, ValueError) as exc:
            raise RedirectError(f"{line} to an invalid URL {target_text!r}: {exc}") from None
        problem = _url_problem(target, target_text)
        if problem is not None:
            raise RedirectError(f"{line} to an invalid URL {target_text!r}: {problem}")
        return target.copy_with(fragment=None)

    # a browser's requests ---------------------------------------------------------------

    async def admit(self, url: str) -> httpx.URL:
        """``url`` as it will be requested, once it is a usable URL whose address literal
        and robots.txt allow it (robots.txt loaded in its host's turn); the error otherwise.
        A page loaded in a browser is admitted before it takes its host's turn."""
        target = _parse_url(url)
        self._check_address(target)
        await self._obey_robots(target, polite=True)
        return target

    def page_turn(self, url: httpx.URL) -> AbstractAsyncContextManager[None]:
        """Hold ``url``'s host for a whole page (a browser's page and everything it loads),
        as one request holds it: after the host's delay, and nobody else's request meanwhile."""
        return self._slots.turn(
            url.host,
            lambda: self._gap(url),
            lambda wait: self._log(f"{url.host}: waiting {wait:.1f} s before {url}"),
        )

    async def send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        content: bytes | None = None,
        *,
        retry: bool = False,
    ) -> Exchange:
        """One request as a browser asks for it, inside the turn its page holds (none is
        taken here): the address checked, robots.txt obeyed (another origin's loaded
        without a turn), the body read within the caps whatever the status, redirects not
        followed (each hop is the caller's next request). ``retry``: retried as ``fetch``
        retries (a page's own document)."""
        target = _parse_url(url)
        self._check_address(target)
        await self._obey_robots(target, polite=False)
        sent = {
            name: value for name, value in headers.items() if name.lower() not in _NOT_FORWARDED
        }
        sent["accept-encoding"] = _ACCEPT_ENCODING
        response, _ = await self._with_retries(
            target,
            sent,
            policy="browser",
            polite=False,
            method=method,
            content=content,
            retries=self.options.retries if retry else 0,
        )
        return response

    # robots.txt -------------------------------------------------------------------------

    async def _rules(self, url: httpx.URL, *, polite: bool = True) -> robots.RobotsRules:
        key = robots.origin_of(url)
        task = self._robots.get(key)
        if task is not None and task.done() and self._robots_stale(key, task):
            task = None  # a long-running fetcher (a worker) reads robots.txt again
        if task is None:
            task = asyncio.ensure_future(self._load_robots(url, key, polite))
            self._robots[key] = task
            self._robots_loaded[key] = time.monotonic()
        # Shielded: one waiter being cancelled must not cancel the others' shared lookup.
        return await asyncio.shield(task)

    def _robots_stale(self, key: str, task: asyncio.Task[robots.RobotsRules]) -> bool:
        """Whether the robots.txt read for ``key`` is too old to obey: after
        ``robots.MAX_AGE`` (RFC 9309 asks for no more than 24 hours), or
        ``robots.UNAVAILABLE_AGE`` when it could not be read."""
        if task.cancelled() or task.exception() is not None:
            return True
        age = time.monotonic() - self._robots_loaded.get(key, 0.0)
        limit = robots.MAX_AGE if task.result().blocked is None else robots.UNAVAILABLE_AGE
        return age >= limit

    async def _load_robots(self, url: httpx.URL, key: str, polite: bool) -> robots.RobotsRules:
        cached = await self._robots_cache.get(key) if self._robots_cache is not None else None
        if cached is not None:
            rules = robots.from_response(*cached)  # another fetcher read it
        else:
            rules = await self._read_robots(url, key, polite)
        if rules.blocked is not None:
            self._log(f"robots.txt for {key} unavailable ({rules.blocked}): host skipped")
        delay = rules.crawl_delay(self._agent_token)
        if delay is not None:
            if delay > robots.MAX_CRAWL_DELAY:
                self._log(
                    f"{key}: Crawl-delay {secs(delay)} capped at {secs(robots.MAX_CRAWL_DELAY)}"
                )
                delay = robots.MAX_CRAWL_DELAY
            self._crawl_delay[key] = delay
        else:
            self._crawl_delay.pop(key, None)  # read again, without one now
        return rules

    async def _read_robots(self, url: httpx.URL, key: str, polite: bool) -> robots.RobotsRules:
        """robots.txt from the server; a file read (2xx, or 4xx: none) is shared through the
        cache, an unreadable one (5xx, 429, network) is not: each fetcher finds out itself."""
        try:
            result = await self._fetch(robots.robots_url(url), {}, for_robots=True, polite=polite)
        except (DNSError, BlockedAddressError, TLSError, UnsupportedURL):
            # Not about robots.txt: the page would fail the same way, so say so; not cached.
            del self._robots[key]
            raise
        except RedirectError:
            return robots.ALLOW_ALL  # Google: a broken redirect chain counts as "no file"
        except FetchError as exc:
            return robots.RobotsRules(blocked=exc.message)
        challenge = recognise(result.status, result.headers, result.content)
        if challenge is not None:
            # Behind the same challenge as the pages: no file can be read, as for a 4xx.
            self._log(f"robots.txt for {key} is {challenge.describe(result.status)}: no rules")
            return robots.ALLOW_ALL
        rules = robots.from_response(result.status, result.content)
        if rules.blocked is None and self._robots_cache is not None:
            await self._robots_cache.put(key, result.status, result.content)
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
        self,
        url: httpx.URL,
        headers: dict[str, str],
        *,
        policy: BodyPolicy,
        polite: bool,
        method: str = "GET",
        content: bytes | None = None,
        retries: int | None = None,
    ) -> tuple[Exchange, int]:
        opts = self.options
        most = opts.retries if retries is None else retries
        stats = self._stats(url.host)
        retry = 0
        while True:
            try:
                if polite:
                    async with self._slots.turn(
                        url.host,
                        lambda: self._gap(url),
                        lambda wait: self._log(f"{url.host}: waiting {wait:.1f} s before {url}"),
                    ):
                        response = await self._counted(stats, url, headers, policy, method, content)
                else:
                    response = await self._counted(stats, url, headers, policy, method, content)
            except FetchError as exc:
                if retry >= most or not is_retryable(exc):
                    raise
                wait = backoff_delay(retry, base=opts.backoff, cap=opts.max_retry_wait)
                why = exc.message
            else:
                if response.status not in RETRY_STATUSES or retry >= most:
                    return response, retry + 1
                if recognise(response.status, response.headers, response.content) is not None:
                    return response, retry + 1  # a challenge answers the same way every time
                after = parse_retry_after(response.headers.get("retry-after"))
                if after is not None:
                    wait = min(after, opts.max_retry_wait)
                else:
                    wait = backoff_delay(retry, base=opts.backoff, cap=opts.max_retry_wait)
                why = status_line(response.status, response.reason)
            retry += 1
            stats.retries += 1
            self._log(f"retry {retry}/{most} of {url} in {wait:.1f} s: {why}")
            # The whole host waits, not just this URL: 429 and 503 are about the server.
            await self._slots.back_off(url.host, wait)
            if not polite:  # no turn to wait in: this request waits itself
                await asyncio.sleep(wait)

    async def _counted(
        self,
        stats: HostStats,
        url: httpx.URL,
        headers: dict[str, str],
        policy: BodyPolicy,
        method: str,
        content: bytes | None,
    ) -> Exchange:
        stats.requests += 1
        async with self._in_flight:
            return await self._attempt(url, headers, policy, method, content)

    async def _attempt(
        self,
        url: httpx.URL,
        headers: dict[str, str],
        policy: BodyPolicy,
        method: str,
        content: bytes | None,
    ) -> Exchange:
        deadline = self.options.timeout
        if policy == "browser":
            # The browser's own headers and cookies, not the client's defaults and jar.
            request = httpx.Request(
                method,
                url,
                headers=headers,
                content=content,
                extensions={"timeout": self._timeout.as_dict()},
            )
        else:
            request = self._client.build_request(method, url, headers=headers, content=content)
        started = time.monotonic()
        fetched_at = utc_now()
        try:
            async with asyncio.timeout(deadline):
                response = await self._transport.handle_async_request(request)
                response.request = request
                if policy != "browser":
                    self._client.cookies.extract_cookies(response)
                try:
                    return await self._read(response, request, policy, started, fetched_at)
                finally:
                    await response.aclose()
        except TimeoutError:
            raise FetchTimeout(f"timed out after {secs(deadline)} (total deadline)") from None
        except httpx.HTTPError as exc:
            opts = self.options
            raise map_error(
                exc, connect_timeout=opts.connect_timeout, read_timeout=opts.read_timeout
            ) from exc

    async def _read(
        self,
        response: httpx.Response,
        request: httpx.Request,
        policy: BodyPolicy,
        started: float,
        fetched_at: str,
    ) -> Exchange:
        status = response.status_code
        content = b""
        if policy == "browser":
            if status not in (204, 304) and request.method != "HEAD":
                content = await self._read_body(response, None)
        elif 200 <= status < 300:  # only a success carries a body worth keeping
            cap = (
                min(self.options.max_bytes, robots.MAX_ROBOTS_BYTES) if policy == "robots" else None
            )
            content = await self._read_body(response, cap)
        elif status in CHALLENGE_STATUSES:  # perhaps a challenge page: its first bytes tell
            content = await self._read_body(response, MAX_CHALLENGE_BYTES)
        else:
            await drain(response)
        stream: Any = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        headers = {k.lower(): v for k, v in response.headers.items()}
        where = location(response.headers.raw)
        if where is not None:
            headers["location"] = where
        return Exchange(
            url=request.url,
            status=status,
            reason=phrase(status, response.reason_phrase),
            headers=headers,
            content=content,
            request_headers={
                k.decode("latin-1"): v.decode("latin-1") for k, v in request.headers.raw
            },
            http_version=response.http_version,
            remote_address=format_peer(peer),
            fetched_at=fetched_at,
            elapsed_ms=round((time.monotonic() - started) * 1000),
            set_cookies=tuple(response.headers.get_list("set-cookie")),
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


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """If-None-Match and If-Modified-Since for what was seen before."""
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def result_of(response: Exchange, url: str, chain: list[str], *, attempts: int) -> FetchResult:
    """The FetchResult of a final response to ``url`` after the redirects in ``chain``."""
    content_type, charset = mime_and_charset(response.headers.get("content-type"))
    content = response.content
    return FetchResult(
        url=url,
        final_url=str(response.url),
        status=response.status,
        content=content,
        headers=response.headers,
        fetched_at=response.fetched_at,
        elapsed_ms=response.elapsed_ms,
        attempts=attempts,
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
