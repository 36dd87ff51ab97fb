"""The crawl of one site: walk its listings, fetch what is new, revalidate what is due,
record everything in the store, and hand each new notice or revision to the emitter.

Order of work per site:

1. walk each listing URL page by page (conditional GET; a listing answered 304, a page
   whose items are all known, or ``max_pages`` ends the walk), collecting unknown item URLs;
2. fetch the new notice pages, then revalidate known ones that are due (conditional GET);
3. each fetched notice is recorded in one transaction; a new notice or a changed one is
   then emitted (:class:`~noticecli.crawl.emission.Emitter` writes it once).

One :class:`Crawler` serves a whole run: many sites may be crawled through it at once (one
task each); each site's work is one request at a time, and all store access is the
store's own methods, each a transaction between two awaits.

A site with ``render`` set has its pages (or its listing pages) loaded in the browser by
the run's :class:`~noticecli.fetch.render.Renderer` instead: the same conditional requests,
the same failures, plus ``challenge`` and ``needs-render`` for a page only a browser can
read, whose one line names the setting to change.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, overload
from urllib.parse import urlsplit

from noticecli.crawl.clock import iso
from noticecli.crawl.sites import Site
from noticecli.crawl.store_api import NoticeStore, PageKind, SiteRunStatus
from noticecli.errors import ChallengeError, FetchError, NeedsRenderError, NoticeError
from noticecli.fetch.client import Fetcher
from noticecli.fetch.pages import notice_from_fetch
from noticecli.fetch.result import FetchResult
from noticecli.fetch.retry import is_retryable
from noticecli.fetch.scripted import require_content
from noticecli.models import ListingItem
from noticecli.pipeline import parse_bytes

if TYPE_CHECKING:
    from noticecli.fetch.render import Renderer

Emit = Callable[[dict[str, Any]], None]
Log = Callable[[str], None]

DEFAULT_REVALIDATE_AFTER = timedelta(hours=24)


@dataclass(slots=True)
class RunCounts:
    """What a run has done so far, and what it is doing now (``in_flight``)."""

    pages_fetched: int = 0
    requests: int = 0
    not_modified: int = 0
    notices_new: int = 0
    notices_changed: int = 0
    failures: int = 0
    failed: list[str] = field(default_factory=list)  # one line per failure, for stderr
    sites_total: int = 0
    sites_done: int = 0
    sites_failed: int = 0  # sites whose run ended "failed"
    # Sites that have failed ``failing_after`` runs in a row, one line each, for stderr.
    failing: list[str] = field(default_factory=list)
    # Fetches under way: a key per fetch → (host, time.monotonic() when it began, waiting
    # for the host's turn included).
    in_flight: dict[object, tuple[str, float]] = field(default_factory=dict)

    def record_end(
        self, store: NoticeStore, run_id: int, status: str, sites: Iterable[str]
    ) -> None:
        """Write the run's end and its totals to ``store`` (the one place that maps these
        counts to the run's row, for a crawl and for a worker alike)."""
        store.finish_run(
            run_id,
            status,
            pages_fetched=self.pages_fetched,
            notices_new=self.notices_new,
            notices_changed=self.notices_changed,
            failures=self.failures,
            requests=self.requests,
            sites=sites,
        )

    def summary(self) -> str:
        sites = f"{self.sites_done} site" + ("" if self.sites_done == 1 else "s")
        if self.sites_failed:
            sites += f" ({self.sites_failed} not read)"
        return (
            f"{self.notices_new} new, {self.notices_changed} changed, "
            f"{self.pages_fetched} pages fetched ({self.not_modified} not modified) "
            f"from {sites}, {self.failures} failed"
        )

    def slowest(self, now: float | None = None) -> tuple[str, float] | None:
        """The host whose fetch has been under way longest, and for how many seconds."""
        active = list(self.in_flight.values())  # a copy: a display thread may call this
        if not active:
            return None
        host, began = min(active, key=lambda item: item[1])
        return host, (time.monotonic() if now is None else now) - began


@dataclass(slots=True)
class SiteResult:
    """How one site's crawl ended (:data:`~noticecli.crawl.state.SiteRunStatus`), with its
    first failure and its own counts."""

    site: str
    status: SiteRunStatus
    first_error: str | None = None
    pages_fetched: int = 0
    notices_new: int = 0
    notices_changed: int = 0
    failures: int = 0


@dataclass(slots=True)
class SiteRun:
    """One site's work under way: a whole crawl of it, or one job of it (a listing walk, a
    notice fetch) on a worker."""

    site: Site
    result: SiteResult
    listing_failed: bool = False
    new_tried: int = 0  # new notice pages fetched or tried
    new_failed: int = 0
    # A page failed for a reason worth trying again later (a timeout, a refused connection,
    # 429 or 5xx after the fetcher's own retries): a job is retried for it.
    retryable: bool = False

    def status(self) -> SiteRunStatus:
        # Not watched: a listing that cannot be read, or new notices none of which could.
        if self.listing_failed or (self.new_tried and self.new_failed == self.new_tried):
            return "failed"
        return "partial" if self.result.failures else "ok"


@dataclass(slots=True)
class ListingWalk:
    """What one walk of a listing found: the unknown item URLs, whether it finished, and
    the validators of the pages it read (stored by :meth:`Crawler.finish_walk`)."""

    url: str
    new_urls: list[str] = field(default_factory=list)
    complete: bool = False
    seen: list[_ListingSeen] = field(default_factory=list)


@dataclass(slots=True)
class Crawler:
    store: NoticeStore  # SQLite or PostgreSQL
    fetcher: Fetcher
    emit: Emit  # writes a recorded revision once (an Emitter's emit)
    repair: bool = True
    revalidate: str = "due"  # "due", "all" or "none"
    revalidate_after: timedelta = DEFAULT_REVALIDATE_AFTER
    counts: RunCounts = field(default_factory=RunCounts)
    on_progress: Callable[[RunCounts, str], None] | None = None  # after each page: counts, URL
    renderer: Renderer | None = None  # for the sites with ``render`` set
    # Hears of every notice page fetched in full (not 304), before it is parsed: a worker
    # keeps the raw page for ``reparse``.
    keep_page: Callable[[Site, str, FetchResult], Awaitable[None]] | None = None

    async def crawl_site(self, site: Site) -> SiteResult:
        """One site, with the delays already set on the fetcher (see
        :func:`noticecli.crawl.schedule.host_delays`)."""
        run = self.start(site)
        walks = [await self.walk_listing(run, listing_url) for listing_url in site.listing]
        new_urls = [url for walk in walks for url in walk.new_urls]
        for url in dict.fromkeys(new_urls):
            await self.fetch_notice(run, url, new=True)
        for url in self.due_urls(site, exclude=set(new_urls)):
            await self.fetch_notice(run, url, conditional=True)
        # Listing validators and "walk finished" are stored only now, after the items: a run
        # killed before this point walks the listings in full next time and finds what it
        # missed. (A notice that failed is retried from the due list after its back-off.)
        for walk in walks:
            self.finish_walk(site, walk)
        run.result.status = run.status()
        return run.result

    def start(self, site: Site) -> SiteRun:
        """A new piece of work on ``site`` (its result starts "ok")."""
        return SiteRun(site, SiteResult(site.name, "ok"))

    def finish_walk(self, site: Site, walk: ListingWalk) -> None:
        """Store a walk's listing validators, and that it finished when it did: call it
        once its new items are safe (fetched, or queued as jobs)."""
        for seen in walk.seen:
            self.store.record_listing(
                site.name,
                seen.url,
                etag=seen.etag,
                last_modified=seen.last_modified,
                raw_sha256=seen.sha256,
                status=seen.status,
            )
        if walk.complete:
            self.store.finish_walk(walk.url)

    # --- listings ---

    async def walk_listing(self, run: SiteRun, first_url: str) -> ListingWalk:
        """Walk one listing: its unknown item URLs, and whether the walk finished.

        Normally a walk stops at a listing answered 304 or at a page whose items are all
        known; after a walk that did not finish (a failing page, a killed run) it reads
        every page up to ``max_pages`` unconditionally, since "known" then proves nothing
        about the pages it never reached.
        """
        walk = ListingWalk(first_url)
        walk.complete = await self._walk_pages(run, walk)
        return walk

    async def _walk_pages(self, run: SiteRun, walk: ListingWalk) -> bool:
        site = run.site
        first_url = walk.url
        resuming = self.store.walk_complete(first_url) is False
        self.store.begin_walk(site.name, first_url)
        found = walk.new_urls
        url: str | None = first_url
        visited: set[str] = set()
        for page_number in range(site.max_pages):
            if url is None or url in visited:
                return True
            visited.add(url)
            # A page the next_page template names past the last one is missing (404, 410):
            # that is where the listing ends, not a failure.
            templated = page_number > 0 and site.next_page is not None
            result = await self._get(
                run, url, kind="listing", conditional=not resuming, absent_ends=templated
            )
            if isinstance(result, _End):
                return True
            if result is None:
                return False  # failed: reported; the next run walks again in full
            if result.not_modified:
                self.store.record_not_modified(url, result.status)
                return True  # the listing is as it was: nothing new on it or after it
            walk.seen.append(
                _ListingSeen(
                    result.url, result.etag, result.last_modified, result.sha256, result.status
                )
            )
            page = read_listing(site, result, first_url, page_number)
            if page.problem is not None:
                self._fail(run, result.final_url, page.reason, page.problem, "listing")
                return False
            if templated and not page.items:
                return True  # an empty page past the last one
            unknown = [item.url for item in page.items if not self.store.is_known(item.url)]
            found += unknown
            if not unknown and not resuming:
                return True  # everything here was seen before: the rest is older
            url = page.next_url
        return True

    def due_urls(self, site: Site, exclude: set[str]) -> list[str]:
        """The known notices of ``site`` due for a conditional re-check (``revalidate``)."""
        if self.revalidate == "none":
            return []
        moment = "9999-12-31T23:59:59Z"  # "all": everything seen before the end of time
        if self.revalidate == "due":
            moment = self.store.now()
            cutoff = datetime.fromisoformat(moment.replace("Z", "+00:00")) - self.revalidate_after
            moment = iso(cutoff)
        return [url for url in self.store.due_notice_urls(site.name, moment) if url not in exclude]

    # --- notices ---

    async def fetch_notice(
        self, run: SiteRun, url: str, *, conditional: bool = False, new: bool = False
    ) -> None:
        """Fetch one notice page and record it; a new notice or a new revision is emitted."""
        if new:
            run.new_tried += 1
        failures = run.result.failures
        await self._fetch_and_record(run, url, conditional)
        if new and run.result.failures > failures:
            run.new_failed += 1

    async def _fetch_and_record(self, run: SiteRun, url: str, conditional: bool) -> None:
        site = run.site
        result = await self._get(run, url, kind="notice", conditional=conditional)
        if result is None:
            return
        if result.not_modified:
            self.store.record_not_modified(url, result.status)
            return
        if self.keep_page is not None:
            await self.keep_page(site, url, result)
        try:
            notice = notice_from_fetch(result, repair=self.repair, rules=site.notice_rules)
        except NoticeError as error:
            self._fail(run, url, "parse", str(error), "notice")
            return
        if notice.kind != "notice":
            self._fail(run, url, "parse", "a listing page, not a notice", "notice")
            return
        try:
            require_content(result, notice, hint=render_hint(site, "notice", result))
        except NeedsRenderError as error:
            self._fail(run, url, error.reason, error.message, "notice", status=error.status)
            return
        change = self.store.record_notice(
            site.name,
            url,
            notice,
            raw_sha256=result.sha256,
            etag=result.etag,
            last_modified=result.last_modified,
            status=result.status,
        )
        if change.kind == "new":
            self.counts.notices_new += 1
            run.result.notices_new += 1
        elif change.kind == "changed":
            self.counts.notices_changed += 1
            run.result.notices_changed += 1
        else:
            return
        self.emit(self.store.emission(change.notice_id, change.revision))

    # --- plumbing ---

    @overload
    async def _get(
        self, run: SiteRun, url: str, *, kind: PageKind, conditional: bool
    ) -> FetchResult | None: ...

    @overload
    async def _get(
        self, run: SiteRun, url: str, *, kind: PageKind, conditional: bool, absent_ends: bool
    ) -> FetchResult | _End | None: ...

    async def _get(
        self,
        run: SiteRun,
        url: str,
        *,
        kind: PageKind,
        conditional: bool,
        absent_ends: bool = False,
    ) -> FetchResult | _End | None:
        """The fetched page; ``None`` when fetching failed (reported); ``_END`` when
        ``absent_ends`` and the page does not exist (404, 410)."""
        known = self.store.page(url) if conditional else None
        self.counts.requests += 1
        key = object()
        self.counts.in_flight[key] = (_host(url), time.monotonic())
        site = run.site
        etag = known.etag if known else None
        last_modified = known.last_modified if known else None
        try:
            if site.renders(kind) and self.renderer is not None:
                result = await self.renderer.render(
                    url,
                    etag=etag,
                    last_modified=last_modified,
                    wait_for=site.ready_selector(kind),
                )
            else:
                result = await self.fetcher.fetch(url, etag=etag, last_modified=last_modified)
        except FetchError as error:
            if absent_ends and error.status in (404, 410):
                return _END
            run.retryable = run.retryable or is_retryable(error)
            if isinstance(error, NeedsRenderError) and not site.renders(kind):
                challenge = isinstance(error, ChallengeError)
                error = error.with_hint(render_hint(site, kind, None, challenge=challenge))
            self._fail(run, url, error.reason, error.message, kind, status=error.status)
            return None
        else:
            self.counts.pages_fetched += 1
            run.result.pages_fetched += 1
            if result.not_modified:
                self.counts.not_modified += 1
            return result
        finally:
            del self.counts.in_flight[key]
            if self.on_progress is not None:
                self.on_progress(self.counts, url)

    def _fail(
        self,
        run: SiteRun,
        url: str,
        reason: str,
        message: str,
        kind: PageKind,
        *,
        status: int | None = None,
    ) -> None:
        line = f"{url}: {message}"
        self.counts.failures += 1
        self.counts.failed.append(line)
        run.result.failures += 1
        if run.result.first_error is None:
            run.result.first_error = line
        if kind == "listing":
            run.listing_failed = True
        self.store.record_failure(
            run.site.name,
            url,
            reason,
            message,
            status=status,
            kind=kind,
        )


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


@dataclass(frozen=True, slots=True)
class _ListingSeen:
    """What is kept of a fetched listing page until its validators are stored (not the
    bytes: a long walk would hold every page in memory)."""

    url: str
    etag: str | None
    last_modified: str | None
    sha256: str | None
    status: int


class _End:
    """What :meth:`Crawler._get` gives for a listing page past the last one."""


_END = _End()


@dataclass(slots=True)
class ListingRead:
    """What one listing page gave: its items and the next page, or the problem."""

    items: list[ListingItem] = field(default_factory=list)
    next_url: str | None = None
    problem: str | None = None
    reason: str = "listing"


def render_setting(kind: PageKind, *, challenge: bool = False) -> str:
    """The sites-file setting that reads such a page: a challenge guards every page."""
    return "render = true" if challenge or kind == "notice" else 'render = "listings"'


def render_hint(
    site: Site, kind: PageKind, result: FetchResult | None, *, challenge: bool = False
) -> str:
    """The way out for a page of ``site`` that only a browser can read (``result``: the
    page as read, rendered or not)."""
    if result is not None and result.rendered is not None:
        if kind == "listing":
            return f"give site {site.name} a wait_for selector for its items"
        return f"give site {site.name} a body selector: a rendered page waits for it"
    setting = render_setting(kind, challenge=challenge)
    return f"it needs a browser: set {setting} for site {site.name} in the sites file"


def read_listing(site: Site, result: FetchResult, first_url: str, page_number: int) -> ListingRead:
    """Items of a fetched listing page (its DOM, when rendered), read by the parser's one
    listing extractor through the pipeline (the site's own selectors, when it has them,
    choose the items); the next page from the site's ``next_page`` template, else the
    page's own pager. A list a script fills is the problem ``needs-render``."""
    selected = site.items is not None
    content, charset = result.markup()
    try:
        page = parse_bytes(
            content,
            source=result.final_url,
            url=result.final_url,
            http_charset=charset,
            repair=False,
            rules=site.listing_rules,
            kind="listing" if selected else None,
        )
    except NoticeError as error:  # the failure line names the URL already
        return ListingRead(problem=error.message, reason="parse")
    if not selected:
        js_warning = next(
            (w.message for w in page.warnings if w.code == "listing_js_rendered"), None
        )
        if js_warning is not None:
            if result.rendered is not None:
                js_warning += ", even in the browser"
            hint = render_hint(site, "listing", result)
            return ListingRead(problem=f"{js_warning}; {hint}", reason="needs-render")
    if page.kind != "listing":
        return ListingRead(problem="no list of notices found on the page")
    if selected and not page.items and page_number == 0:
        return ListingRead(problem=f"the site's items selector matched nothing: {site.items}")
    next_url = site.page_url(first_url, page_number + 1) if site.next_page else None
    if not site.next_page and page.next_pages:
        next_url = page.next_pages[0]
    return ListingRead(page.items, next_url)
