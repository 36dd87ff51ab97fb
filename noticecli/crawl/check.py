"""``noticecli sites check``: a dry run of each site's first listing page.

A listing that only a browser can read (a challenge page, a list a script fills) is
reported with the sites-file setting that reads it, and, when rendering is possible here,
rendered at once to show what the setting would give.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AsyncExitStack
from typing import IO
from urllib.parse import urlsplit

from rich.console import Console
from rich.table import Table

from noticecli.crawl.run import ListingRead, read_listing, render_hint, render_setting
from noticecli.crawl.sites import Site
from noticecli.errors import ChallengeError, FetchError, NeedsRenderError, RenderUnavailable
from noticecli.fetch.client import Fetcher, FetchOptions
from noticecli.fetch.render import Renderer, RenderOptions

_SHOWN_ITEMS = 5


class _Check:
    """One ``sites check`` run: the fetcher, and the browser once a listing needs it."""

    def __init__(
        self,
        fetcher: Fetcher,
        stack: AsyncExitStack,
        console: Console,
        problem: Callable[[str], None],
        render_with: Callable[[], RenderOptions] | None,
    ) -> None:
        self.fetcher = fetcher
        self.stack = stack
        self.console = console
        self.problem = problem
        self.render_with = render_with
        self._renderer: Renderer | None = None

    async def renderer(self) -> Renderer:
        """The browser, started on first use (RenderUnavailable when it cannot be)."""
        if self._renderer is None:
            if self.render_with is None:
                raise RenderUnavailable("rendering was not asked for")
            renderer = Renderer(self.fetcher, self.render_with())
            self._renderer = await self.stack.enter_async_context(renderer)
        return self._renderer

    async def read(self, site: Site, url: str, *, rendered: bool) -> ListingRead:
        """The first listing page read plainly or in the browser; a fetch failure is the
        problem (reason ``challenge`` for a challenge page)."""
        try:
            if rendered:
                renderer = await self.renderer()
                result = await renderer.render(url, wait_for=site.ready_selector("listing"))
            else:
                result = await self.fetcher.fetch(url)
        except FetchError as error:
            if isinstance(error, NeedsRenderError) and not rendered:
                challenge = isinstance(error, ChallengeError)
                error = error.with_hint(render_hint(site, "listing", None, challenge=challenge))
            return ListingRead(problem=error.message, reason=error.reason)
        return read_listing(site, result, url, 0)

    async def listing(self, site: Site, url: str) -> bool:
        rendered = site.renders("listing")
        page = await self.read(site, url, rendered=rendered)
        if page.problem is None and page.items:
            self.show(site, url, page, rendered=rendered)
            return True
        problem = page.problem or "no items found"
        if rendered or page.reason not in (ChallengeError.reason, NeedsRenderError.reason):
            self.problem(f"{site.name}: {url}: {problem}")
            return False
        # Only a browser can read it: say the setting, and show what it would give.
        setting = render_setting("listing", challenge=page.reason == ChallengeError.reason)
        self.problem(f"{site.name}: {url}: {problem}")
        try:
            in_browser = await self.read(site, url, rendered=True)
        except RenderUnavailable as error:
            self.problem(f"{site.name}: cannot show what rendering finds: {error.message}")
            return False
        if in_browser.problem is not None or not in_browser.items:
            why = in_browser.problem or "no items found"
            self.problem(f"{site.name}: {url}: rendered in Chromium: {why}")
            return False
        self.show(site, url, in_browser, rendered=True)
        self.problem(
            f"{site.name}: rendering finds {len(in_browser.items)} items: set {setting} "
            "for the site in the sites file to crawl it this way"
        )
        return False

    def show(self, site: Site, url: str, page: ListingRead, *, rendered: bool) -> None:
        how = " (rendered in Chromium)" if rendered else ""
        table = Table(title=f"{site.name}: {url}{how}", title_justify="left")
        for column in ("date", "title", "url"):
            table.add_column(column)
        for item in page.items[:_SHOWN_ITEMS]:
            table.add_row(item.date or item.date_shown or "", item.title, item.url)
        self.console.print(table)
        more = len(page.items) - _SHOWN_ITEMS
        self.console.print(
            f"{len(page.items)} items"
            + (f" ({more} more not shown)" if more > 0 else "")
            + f"; next page: {page.next_url or 'none'}"
        )


async def check_sites(
    sites: list[Site],
    options: FetchOptions,
    *,
    stream: IO[str],
    problem: Callable[[str], None],
    delay: float | None = None,
    render_with: Callable[[], RenderOptions] | None = None,
) -> bool:
    """Fetch and read the first listing page of every site; true when each gave items.

    The items go to ``stream`` as a table per listing; each listing that fails is told to
    ``problem`` in one line. Requests are spaced by each site's own delay, or by ``delay``
    when given (as crawl does). ``render_with()`` gives the browser's options (or raises
    RenderUnavailable): for the sites with ``render`` set, and to show what rendering
    finds on a listing that needs it."""
    # Piped output gets room for whole titles and URLs instead of rich's 80 columns.
    console = Console(
        file=stream, highlight=False, soft_wrap=True, width=None if stream.isatty() else 200
    )
    all_ok = True
    async with AsyncExitStack() as stack:
        fetcher = await stack.enter_async_context(Fetcher(options))
        check = _Check(fetcher, stack, console, problem, render_with)
        for site in sites:
            for listing_url in site.listing:
                host = urlsplit(listing_url).hostname
                if host:
                    fetcher.set_host_delay(host, site.delay if delay is None else delay)
            for listing_url in site.listing:
                if not await check.listing(site, listing_url):
                    all_ok = False
    return all_ok
