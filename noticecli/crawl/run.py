"""One crawl run: walk each site's listings, fetch what is new, revalidate what is due,
record everything in the store, and emit each new notice or revision exactly once.

Order of work per site:

1. emit what an earlier, interrupted run recorded but did not write out;
2. walk each listing URL page by page (conditional GET; a listing answered 304, a page whose
   items are all known, or ``max_pages`` ends the walk), collecting unknown item URLs;
3. fetch the new notice pages, then revalidate known ones that are due (conditional GET);
4. each fetched notice is recorded in one transaction; a new notice or a changed one is
   then written to the output and marked emitted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, overload
from urllib.parse import urlsplit

from noticecli.crawl.sites import Site
from noticecli.crawl.state import PageKind, StateStore, iso
from noticecli.errors import FetchError, NoticeError
from noticecli.fetch.client import Fetcher
from noticecli.fetch.pages import notice_from_fetch
from noticecli.fetch.result import FetchResult
from noticecli.models import ListingItem
from noticecli.pipeline import parse_bytes

Emit = Callable[[dict[str, Any]], None]
Log = Callable[[str], None]

DEFAULT_REVALIDATE_AFTER = timedelta(hours=24)


@dataclass(slots=True)
class RunCounts:
    pages_fetched: int = 0
    requests: int = 0
    not_modified: int = 0
    notices_new: int = 0
    notices_changed: int = 0
    failures: int = 0
    failed: list[str] = field(default_factory=list)  # one line per failure, for stderr

    def summary(self) -> str:
        return (
            f"{self.notices_new} new, {self.notices_changed} changed, "
            f"{self.pages_fetched} pages fetched ({self.not_modified} not modified), "
            f"{self.failures} failed"
        )


@dataclass(slots=True)
class Crawler:
    store: StateStore
    fetcher: Fetcher
    emit: Emit
    repair: bool = True
    revalidate: str = "due"  # "due", "all" or "none"
    revalidate_after: timedelta = DEFAULT_REVALIDATE_AFTER
    counts: RunCounts = field(default_factory=RunCounts)
    on_progress: Callable[[RunCounts, str], None] | None = None  # after each page: counts, URL

    def flush_pending(self, already_written: Callable[[str, int], bool] | None = None) -> None:
        """Emit revisions that an interrupted run recorded but never marked written;
        ``already_written(notice_id, revision)`` says which reached the output before the
        interruption (they are only marked)."""
        for record in self.store.pending_emissions():
            crawl = record["crawl"]
            if already_written is not None and already_written(
                crawl["notice_id"], crawl["revision"]
            ):
                self.store.mark_emitted(crawl["notice_id"], crawl["revision"])
            else:
                self._emit(record)

    async def crawl_site(self, site: Site, *, delay: float | None = None) -> None:
        """One site; ``delay`` (the command line's) overrides the site's own delay."""
        for listing_url in site.listing:
            host = urlsplit(listing_url).hostname
            if host:
                self.fetcher.set_host_delay(host, site.delay if delay is None else delay)
        new_urls: list[str] = []
        walked: list[_ListingSeen] = []
        finished: list[str] = []
        for listing_url in site.listing:
            urls, complete = await self._walk_listing(site, listing_url, walked)
            new_urls += urls
            if complete:
                finished.append(listing_url)
        for url in dict.fromkeys(new_urls):
            await self._fetch_notice(site, url)
        for url in self._due(site, exclude=set(new_urls)):
            await self._fetch_notice(site, url, conditional=True)
        # Listing validators and "walk finished" are stored only now, after the items: a run
        # killed before this point walks the listings in full next time and finds what it
        # missed. (A notice that failed is retried from the due list after its back-off.)
        for result in walked:
            self.store.record_listing(
                site.name,
                result.url,
                etag=result.etag,
                last_modified=result.last_modified,
                raw_sha256=result.sha256,
                status=result.status,
            )
        for listing_url in finished:
            self.store.finish_walk(listing_url)

    # --- listings ---

    async def _walk_listing(
        self, site: Site, first_url: str, walked: list[_ListingSeen]
    ) -> tuple[list[str], bool]:
        """Unknown item URLs of one listing, and whether the walk finished.

        Normally a walk stops at a listing answered 304 or at a page whose items are all
        known; after a walk that did not finish (a failing page, a killed run) it reads
        every page up to ``max_pages`` unconditionally, since "known" then proves nothing
        about the pages it never reached.
        """
        resuming = self.store.walk_complete(first_url) is False
        self.store.begin_walk(site.name, first_url)
        found: list[str] = []
        url: str | None = first_url
        visited: set[str] = set()
        for page_number in range(site.max_pages):
            if url is None or url in visited:
                return found, True
            visited.add(url)
            # A page the next_page template names past the last one is missing (404, 410):
            # that is where the listing ends, not a failure.
            templated = page_number > 0 and site.next_page is not None
            result = await self._get(
                site, url, kind="listing", conditional=not resuming, absent_ends=templated
            )
            if isinstance(result, _End):
                return found, True
            if result is None:
                return found, False  # failed: reported; the next run walks again in full
            if result.not_modified:
                self.store.record_not_modified(url, result.status)
                return found, True  # the listing is as it was: nothing new on it or after it
            walked.append(
                _ListingSeen(
                    result.url, result.etag, result.last_modified, result.sha256, result.status
                )
            )
            page = read_listing(site, result, first_url, page_number)
            if page.problem is not None:
                self._fail(site, result.final_url, page.reason, page.problem, "listing")
                return found, False
            if templated and not page.items:
                return found, True  # an empty page past the last one
            unknown = [item.url for item in page.items if not self.store.is_known(item.url)]
            found += unknown
            if not unknown and not resuming:
                return found, True  # everything here was seen before: the rest is older
            url = page.next_url
        return found, True

    def _due(self, site: Site, exclude: set[str]) -> list[str]:
        if self.revalidate == "none":
            return []
        moment = "9999-12-31T23:59:59Z"  # "all": everything seen before the end of time
        if self.revalidate == "due":
            moment = self.store.now()
            cutoff = datetime.fromisoformat(moment.replace("Z", "+00:00")) - self.revalidate_after
            moment = iso(cutoff)
        return [url for url in self.store.due_notice_urls(site.name, moment) if url not in exclude]

    # --- notices ---

    async def _fetch_notice(self, site: Site, url: str, *, conditional: bool = False) -> None:
        result = await self._get(site, url, kind="notice", conditional=conditional)
        if result is None:
            return
        if result.not_modified:
            self.store.record_not_modified(url, result.status)
            return
        try:
            notice = notice_from_fetch(result, repair=self.repair, rules=site.notice_rules)
        except NoticeError as error:
            self._fail(site, url, "parse", str(error), "notice")
            return
        if notice.kind != "notice":
            self._fail(site, url, "parse", "a listing page, not a notice", "notice")
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
        elif change.kind == "changed":
            self.counts.notices_changed += 1
        else:
            return
        self._emit(self.store.emission(change.notice_id, change.revision))

    # --- plumbing ---

    @overload
    async def _get(
        self, site: Site, url: str, *, kind: PageKind, conditional: bool
    ) -> FetchResult | None: ...

    @overload
    async def _get(
        self, site: Site, url: str, *, kind: PageKind, conditional: bool, absent_ends: bool
    ) -> FetchResult | _End | None: ...

    async def _get(
        self, site: Site, url: str, *, kind: PageKind, conditional: bool, absent_ends: bool = False
    ) -> FetchResult | _End | None:
        """The fetched page; ``None`` when fetching failed (reported); ``_END`` when
        ``absent_ends`` and the page does not exist (404, 410)."""
        known = self.store.page(url) if conditional else None
        self.counts.requests += 1
        try:
            result = await self.fetcher.fetch(
                url,
                etag=known.etag if known else None,
                last_modified=known.last_modified if known else None,
            )
        except FetchError as error:
            if absent_ends and error.status in (404, 410):
                return _END
            self._fail(site, url, error.reason, error.message, kind, status=error.status)
            return None
        self.counts.pages_fetched += 1
        if result.not_modified:
            self.counts.not_modified += 1
        if self.on_progress is not None:
            self.on_progress(self.counts, url)
        return result

    def _emit(self, record: dict[str, Any]) -> None:
        self.emit(record)
        self.store.mark_emitted(record["crawl"]["notice_id"], record["crawl"]["revision"])

    def _fail(
        self,
        site: Site,
        url: str,
        reason: str,
        message: str,
        kind: PageKind,
        *,
        status: int | None = None,
    ) -> None:
        self.counts.failures += 1
        self.counts.failed.append(f"{url}: {message}")
        self.store.record_failure(
            site.name,
            url,
            reason,
            message,
            status=status,
            kind=kind,
        )


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


def read_listing(site: Site, result: FetchResult, first_url: str, page_number: int) -> ListingRead:
    """Items of a fetched listing page, read by the parser's one listing extractor through
    the pipeline (the site's own selectors, when it has them, choose the items); the next
    page from the site's ``next_page`` template, else the page's own pager."""
    selected = site.items is not None
    try:
        page = parse_bytes(
            result.content,
            source=result.final_url,
            url=result.final_url,
            http_charset=result.charset,
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
            return ListingRead(problem=js_warning)
    if page.kind != "listing":
        return ListingRead(problem="no list of notices found on the page")
    if selected and not page.items and page_number == 0:
        return ListingRead(problem=f"the site's items selector matched nothing: {site.items}")
    next_url = site.page_url(first_url, page_number + 1) if site.next_page else None
    if not site.next_page and page.next_pages:
        next_url = page.next_pages[0]
    return ListingRead(page.items, next_url)
