"""``noticecli sites check``: a dry run of each site's first listing page."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO
from urllib.parse import urlsplit

from rich.console import Console
from rich.table import Table

from noticecli.crawl.run import read_listing
from noticecli.crawl.sites import Site
from noticecli.errors import FetchError
from noticecli.fetch.client import Fetcher, FetchOptions

_SHOWN_ITEMS = 5


async def check_sites(
    sites: list[Site],
    options: FetchOptions,
    *,
    stream: IO[str],
    problem: Callable[[str], None],
    delay: float | None = None,
) -> bool:
    """Fetch and read the first listing page of every site; true when each gave items.

    The items go to ``stream`` as a table per listing; each listing that fails is told to
    ``problem`` in one line. Requests are spaced by each site's own delay, or by ``delay``
    when given (as crawl does)."""
    # Piped output gets room for whole titles and URLs instead of rich's 80 columns.
    console = Console(
        file=stream, highlight=False, soft_wrap=True, width=None if stream.isatty() else 200
    )
    all_ok = True
    async with Fetcher(options) as fetcher:
        for site in sites:
            for listing_url in site.listing:
                host = urlsplit(listing_url).hostname
                if host:
                    fetcher.set_host_delay(host, site.delay if delay is None else delay)
            for listing_url in site.listing:
                table = Table(title=f"{site.name}: {listing_url}", title_justify="left")
                for column in ("date", "title", "url"):
                    table.add_column(column)
                try:
                    result = await fetcher.fetch(listing_url)
                except FetchError as error:
                    all_ok = False
                    problem(f"{site.name}: {listing_url}: {error.message}")
                    continue
                page = read_listing(site, result, listing_url, 0)
                if page.problem is not None or not page.items:
                    all_ok = False
                    problem(f"{site.name}: {listing_url}: {page.problem or 'no items found'}")
                    continue
                for item in page.items[:_SHOWN_ITEMS]:
                    table.add_row(item.date or "", item.title, item.url)
                console.print(table)
                more = len(page.items) - _SHOWN_ITEMS
                console.print(
                    f"{len(page.items)} items"
                    + (f" ({more} more not shown)" if more > 0 else "")
                    + f"; next page: {page.next_url or 'none'}"
                )
    return all_ok
