"""Loading a page in a real browser (``--render``, ``render = true``): for lists a script
fills, app shells and JavaScript challenge pages. The DOM the browser builds is then parsed
by the same pipeline as any page.

One page is: admitted by the fetcher (its address literal, robots.txt) → its host's turn
(one page in flight per host, the host's delay before it, as for one request) → a fresh
browser context with the cookies this run already holds for the host (a challenge passed
once serves the whole site) → the page loaded, every request it makes answered by the
fetcher (:meth:`~noticecli.fetch.client.Fetcher.send`: the address check where the
connection is made, robots.txt, the byte caps) → settled: a challenge page's script has
led to the page, the network is idle or the ``wait_for`` selector is there → the DOM taken,
the context closed. All of it under one deadline per page.

The browser is started once per run (:class:`~noticecli.fetch.browser.ChromiumProcess`)
and reused; at most ``max_pages`` pages are open at once. Images, media and fonts are not
fetched: the DOM is what is parsed. Scripts and stylesheets are kept for the run (up to
``_CACHE_BYTES``), so a site's framework is fetched once, not once per page. A page's own
requests are made one at a time.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from noticecli.errors import (
    BlockedAddressError,
    ChallengeError,
    ConnectError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RedirectError,
    RenderError,
    RobotsDisallowed,
    TooLargeError,
)
from noticecli.fetch.browser import ChromiumProcess
from noticecli.fetch.challenge import recognise
from noticecli.fetch.client import (
    REDIRECT_STATUSES,
    Fetcher,
    conditional_headers,
    result_of,
)
from noticecli.fetch.exchange import Exchange, secs, status_line, utc_now
from noticecli.fetch.result import FetchResult
from noticecli.sizes import format_size

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Page, Request, Route, WebSocketRoute

# What a page's DOM does not need; not fetched at all.
SKIPPED_TYPES = frozenset({"image", "media", "font", "texttrack", "manifest", "eventsource"})
# Everything one page may pull in (its document, scripts, data), in units of --max-bytes.
PAGE_BYTES_FACTOR = 4
# Scripts and stylesheets kept for the run, at most this many bytes.
_CACHE_BYTES = 32 * 1024 * 1024
_CACHED_TYPES = frozenset({"script", "stylesheet"})
# Network idle (Playwright: no request for 500 ms) is waited for at most this long; a page
# that polls for ever is taken as it is then.
_IDLE_WAIT = 10.0
# A challenge page's script is given this long to lead to the page.
_CHALLENGE_WAIT = 15.0
# ... and to come back at most this many times before it is taken as not passed.
_CHALLENGE_ROUNDS = 3
_POLL = 0.25


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How pages are rendered. ``executable``: the Chromium to run (see
    :func:`~noticecli.fetch.browser.find_chromium`)."""

    executable: str
    timeout: float = 60.0  # one page: its document, what it loads, its scripts
    max_pages: int = 4  # pages open at once in the browser, all hosts together


class _ScriptCache:
    """Scripts and stylesheets by URL, for the run, least recently used out first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: OrderedDict[str, Exchange] = OrderedDict()
        self._size = 0

    def get(self, url: str) -> Exchange | None:
        entry = self._entries.get(url)
        if entry is not None:
            self._entries.move_to_end(url)
        return entry

    def put(self, url: str, exchange: Exchange) -> None:
        if url in self._entries or len(exchange.content) > self.limit // 8:
            return
        self._entries[url] = exchange
        self._size += len(exchange.content)
        while self._size > self.limit:
            _, old = self._entries.popitem(last=False)
            self._size -= len(old.content)


def _cacheable(exchange: Exchange) -> bool:
    control = exchange.headers.get("cache-control", "").lower()
    return exchange.status == 200 and "no-store" not in control and not exchange.set_cookies


class Renderer:
    """Renders pages for a run; use as ``async with Renderer(fetcher, options) as r:``."""

    def __init__(
        self,
        fetcher: Fetcher,
        options: RenderOptions,
        *,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.options = options
        self._log = log or (lambda _message: None)
        self._chromium = ChromiumProcess(options.executable, log=self._log)
        self._open_pages = asyncio.Semaphore(options.max_pages)
        self._cookies: dict[str, list[Any]] = {}  # host → the cookies its last page left
        self._cache = _ScriptCache(_CACHE_BYTES)
        self.pages = 0  # pages rendered (or tried)

    async def __aenter__(self) -> Renderer:
        await self._chromium.browser()  # started once, up front: a failure is said at once
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._chromium.close()

    async def render(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        wait_for: str | None = None,
    ) -> FetchResult:
        """Load ``url`` in the browser: a result with the DOM in ``rendered`` (status 304,
        nothing rendered, when the validators still hold), or the ``FetchError`` it came to.
        ``wait_for``: a CSS selector to wait for instead of network idle."""
        try:
            return await self._render(url, conditional_headers(etag, last_modified), wait_for)
        except FetchError as error:
            if error.source is None:
                error.source = url
            raise

    async def _render(
        self, url: str, conditional: dict[str, str], wait_for: str | None
    ) -> FetchResult:
        target = await self.fetcher.admit(url)
        async with self.fetcher.page_turn(target), self._open_pages:
            self.pages += 1
            load = _PageLoad(self, url, target, conditional)
            try:
                async with asyncio.timeout(self.options.timeout):
                    return await load.run(wait_for)
            except TimeoutError:
                waiting = f" for {wait_for!r}" if wait_for else ""
                raise FetchTimeout(
                    f"the page was not ready{waiting} in the browser within "
                    f"{secs(self.options.timeout)} (--render-timeout)"
                ) from None


@dataclass
class _PageLoad:
    """One page in the browser: what its requests brought, and where it went."""

    renderer: Renderer
    url: str  # as asked for
    target: httpx.URL
    conditional: dict[str, str]
    documents: list[Exchange] = field(default_factory=list)  # main-frame documents served
    chain: list[str] = field(default_factory=list)  # redirects of the page's navigations
    redirect_to: httpx.URL | None = None  # a main-frame redirect waiting to be followed
    not_modified: Exchange | None = None
    failure: FetchError | None = None
    failed: asyncio.Event = field(default_factory=asyncio.Event)
    challenges: int = 0  # challenge pages served to the page so far
    bytes_used: int = 0
    started: float = field(default_factory=time.monotonic)
    fetched_at: str = field(default_factory=utc_now)
    page: Page | None = None
    # One request of the page at a time: the page holds its host's turn, as one request does.
    one_at_a_time: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(1))

    @property
    def fetcher(self) -> Fetcher:
        return self.renderer.fetcher

    async def run(self, wait_for: str | None) -> FetchResult:
        browser = await self.renderer._chromium.browser()
        context = await browser.new_context(
            user_agent=self.fetcher.user_agent,
            locale="zh-CN",
            service_workers="block",  # a service worker's requests would escape routing
            accept_downloads=False,
        )
        try:
            return await self._in_context(context, wait_for)
        finally:
            try:
                await context.close()
            except Exception as error:  # the browser went away meanwhile
                self.renderer._log(f"closing a browser page: {error}")

    async def _in_context(self, context: BrowserContext, wait_for: str | None) -> FetchResult:
        from playwright.async_api import Error

        host = self.target.host
        known = self.renderer._cookies.get(host)
        if known:
            await context.add_cookies(known)
        # Routed for the whole context: a popup's requests are refused like the page's own.
        await context.route("**/*", self._route)
        await context.route_web_socket(re.compile(".*"), _refuse_socket)
        page = self.page = await context.new_page()
        page.set_default_timeout(self.renderer.options.timeout * 1000)
        try:
            await self._navigate(str(self.target))
            if self.not_modified is not None:
                return result_of(self.not_modified, self.url, self.chain, attempts=1)
            html = await self._settle(wait_for)
            self.renderer._cookies[host] = list(await context.cookies())
        except Error as error:
            self._raise_failure()
            raise RenderError(f"the browser failed: {_first_line(error.message)}") from None
        return self._result(html, page.url)

    # --- navigation ---------------------------------------------------------------------

    async def _navigate(self, url: str) -> None:
        """Go to ``url``, following main-frame redirects (each hop checked by the fetcher)."""
        from playwright.async_api import Error

        assert self.page is not None
        seen = {url}
        limit = self.fetcher.options.max_redirects
        while True:
            self.redirect_to = None
            try:
                await self.page.goto(url, wait_until="commit")
            except Error:
                if self.failure is None and self.redirect_to is None and self.not_modified is None:
                    raise
            self._raise_failure()
            if self.not_modified is not None or self.redirect_to is None:
                return
            self.chain.append(url)
            url = str(self.redirect_to)
            if len(self.chain) > limit:
                raise RedirectError(
                    f"more than {limit} redirects: {' → '.join([*self.chain, url])}"
                )
            if url in seen:
                raise RedirectError("redirect loop: " + " → ".join([*self.chain, url]))
            seen.add(url)

    async def _settle(self, wait_for: str | None) -> str:
        """The DOM once the page is itself (not a challenge page) and settled."""
        from playwright.async_api import Error

        assert self.page is not None
        page = self.page
        challenge_until = time.monotonic() + _CHALLENGE_WAIT
        while True:
            await self._wait(page.wait_for_load_state("load"))
            try:
                await self._wait(page.wait_for_load_state("networkidle", timeout=_IDLE_WAIT * 1000))
            except Error:
                self.renderer._log(f"{self.url}: the network never went idle; taken as it is")
            self._raise_failure()
            if self.redirect_to is not None:  # a script's navigation was redirected
                await self._navigate(str(self.redirect_to))
                continue
            html = await _content(page)  # None: between two documents
            if html is not None:
                status = self.documents[-1].status if self.documents else 200
                challenge = recognise(status, {}, html.encode("utf-8"))
                if challenge is None:
                    break
            if time.monotonic() > challenge_until:
                raise self._unpassed(
                    f"its script did not lead to the page in {_CHALLENGE_WAIT:g} s"
                )
            await asyncio.sleep(_POLL)
        if wait_for:
            await self._wait(page.wait_for_selector(wait_for, state="attached"))
            html = await _content(page) or html
        return html

    def _unpassed(self, why: str) -> ChallengeError:
        """The challenge the browser could not pass: the last one served."""
        last = self.documents[-1] if self.documents else None
        status = last.status if last is not None else 200
        challenge = recognise(status, last.headers, last.content) if last is not None else None
        kind = challenge.kind if challenge is not None else "cookie"
        what = challenge.describe(status) if challenge is not None else "a challenge page"
        return ChallengeError(
            f"{what}, even in the browser: {why}",
            kind=kind,
            hint="the site may refuse automated browsers",
            status=status,
        )

    def _raise_failure(self) -> None:
        if self.failure is not None:
            raise self.failure

    def _fail(self, error: FetchError) -> None:
        """The page failed (the first failure is the one said); any wait ends at once."""
        if self.failure is None:
            self.failure = error
        self.failed.set()

    async def _wait(self, awaitable: Awaitable[object]) -> None:
        """Wait for the browser, unless a request of the page fails first."""
        waiting = asyncio.ensure_future(awaitable)
        failed = asyncio.ensure_future(self.failed.wait())
        try:
            await asyncio.wait({waiting, failed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (waiting, failed):
                if not task.done():
                    task.cancel()
            await asyncio.gather(waiting, failed, return_exceptions=True)
        self._raise_failure()
        waiting.result()

    def _result(self, html: str, final_url: str) -> FetchResult:
        if not self.documents:
            raise RenderError("the browser showed no document")
        limit = self.fetcher.options.max_bytes
        if len(html) * 3 > limit and len(html.encode("utf-8")) > limit:
            raise TooLargeError(f"the rendered page is over the {format_size(limit)} limit")
        result = result_of(self.documents[-1], self.url, self.chain, attempts=1)
        result.final_url = str(httpx.URL(final_url).copy_with(fragment=None))
        result.fetched_at = self.fetched_at
        result.elapsed_ms = round((time.monotonic() - self.started) * 1000)
        result.rendered = html
        return result

    # --- the page's requests ------------------------------------------------------------

    async def _route(self, route: Route) -> None:
        """Answer one request of the page through the fetcher, or refuse it."""
        request = route.request
        try:
            if request.resource_type in SKIPPED_TYPES:
                await route.abort("blockedbyclient")
            elif request.is_navigation_request() and request.frame.parent_frame is None:
                if request.frame.page == self.page:
                    await self._document(route, request)
                else:  # a popup: not part of the page
                    await route.abort("blockedbyclient")
            else:
                await self._resource(route, request)
        except Exception as error:  # the page closed meanwhile; nothing left to answer
            self.renderer._log(f"{request.url}: browser request: {error}")

    async def _document(self, route: Route, request: Request) -> None:
        headers = await request.all_headers()
        if request.url == str(self.target) and not self.documents:
            headers.update(self.conditional)
        try:
            async with self.one_at_a_time:
                exchange = await self.fetcher.send(
                    request.method, request.url, headers, request.post_data_buffer, retry=True
                )
            self._count(exchange)
            if exchange.status in REDIRECT_STATUSES:
                self.redirect_to = self.fetcher.redirect_target(exchange)
                await route.abort("aborted")
                return
        except FetchError as error:
            self._fail(error)
            await route.abort(_abort_code(error))
            return
        status = exchange.status
        if status == 304:
            self.not_modified = exchange
            await route.abort("aborted")
            return
        if status >= 400 and recognise(status, exchange.headers, exchange.content) is None:
            self._fail(HTTPStatusError(status_line(status, exchange.reason), status=status))
            await route.abort("failed")
            return
        self.documents.append(exchange)
        if recognise(status, exchange.headers, exchange.content) is not None:
            self.challenges += 1
            if self.challenges > _CHALLENGE_ROUNDS:  # its cookie does not satisfy the server
                self._fail(self._unpassed(f"it came back {self.challenges} times"))
                await route.abort("aborted")
                return
        await _fulfil(route, exchange)

    async def _resource(self, route: Route, request: Request) -> None:
        cache = self.renderer._cache
        cacheable = request.method == "GET" and request.resource_type in _CACHED_TYPES
        exchange = cache.get(request.url) if cacheable else None
        if exchange is None:
            try:
                exchange = await self._follow(request)
            except FetchError as error:
                self._refused(request.url, error)
                await route.abort(_abort_code(error))
                return
            if cacheable and _cacheable(exchange):
                cache.put(request.url, exchange)
        await _fulfil(route, exchange)

    async def _follow(self, request: Request) -> Exchange:
        """A resource, its redirects followed here (the browser would not ask for them)."""
        method, url = request.method, request.url
        content = request.post_data_buffer
        headers = await request.all_headers()
        for _hop in range(self.fetcher.options.max_redirects + 1):
            async with self.one_at_a_time:
                exchange = await self.fetcher.send(method, url, headers, content)
            self._count(exchange)
            if exchange.status not in REDIRECT_STATUSES:
                return exchange
            url = str(self.fetcher.redirect_target(exchange))
            if exchange.status == 303 or (exchange.status in (301, 302) and method == "POST"):
                method, content = "GET", None
        raise RedirectError(f"more than {self.fetcher.options.max_redirects} redirects")

    def _count(self, exchange: Exchange) -> None:
        self.bytes_used += len(exchange.content)
        budget = self.fetcher.options.max_bytes * PAGE_BYTES_FACTOR
        if self.bytes_used > budget:
            self._fail(
                TooLargeError(
                    f"the page and what it loads are over the {format_size(budget)} limit"
                )
            )
            assert self.failure is not None
            raise self.failure

    def _refused(self, url: str, error: FetchError) -> None:
        what = "refused" if isinstance(error, BlockedAddressError | RobotsDisallowed) else "failed"
        self.renderer._log(f"{self.url}: the page's request for {url} {what}: {error.message}")


async def _content(page: Page) -> str | None:
    """The page's DOM as HTML, or None while it is between two documents."""
    from playwright.async_api import Error

    try:
        return await page.content()
    except Error:
        return None


async def _fulfil(route: Route, exchange: Exchange) -> None:
    # The body is already decoded, and its length known: the wire headers no longer apply.
    headers = {
        name: value
        for name, value in exchange.headers.items()
        if name not in ("content-encoding", "content-length", "transfer-encoding", "set-cookie")
    }
    if exchange.set_cookies:
        headers["set-cookie"] = "\n".join(exchange.set_cookies)  # Playwright: one per line
    await route.fulfill(status=exchange.status, headers=headers, body=exchange.content)


async def _refuse_socket(socket_route: WebSocketRoute) -> None:
    # Not connected to any server: a WebSocket would be traffic outside the fetcher.
    await socket_route.close(code=1008, reason="not allowed")


def _abort_code(error: FetchError) -> str:
    if isinstance(error, BlockedAddressError | RobotsDisallowed):
        return "blockedbyclient"
    if isinstance(error, FetchTimeout):
        return "timedout"
    if isinstance(error, ConnectError):
        return "connectionfailed"
    return "failed"


def _first_line(message: str | None) -> str:
    lines = (message or "").strip().splitlines()
    return lines[0] if lines else "unknown error"
