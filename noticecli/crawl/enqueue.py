"""Queueing a round of work: each site's listing walks, and the revalidation of its known
notices that are due; or the re-parse of kept pages. What cron runs (``noticecli enqueue``,
``noticecli reparse``); the jobs themselves are in :mod:`~noticecli.crawl.jobs`.

Queueing is idempotent while the work waits: a listing or a notice already queued and not
yet started is not queued again (procrastinate's queueing lock), so an hourly cron job
whose previous round has not drained adds only what is missing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from noticecli.crawl.clock import iso
from noticecli.crawl.host_turns import set_host_delays
from noticecli.crawl.jobs import defer_notice, defer_walk, make_app
from noticecli.crawl.queue_setup import prepare_queue
from noticecli.crawl.reparse_job import defer_reparse
from noticecli.crawl.run import DEFAULT_REVALIDATE_AFTER
from noticecli.crawl.schedule import host_delays
from noticecli.crawl.sites import Site
from noticecli.crawl.store_api import NoticeStore
from noticecli.crawl.stores import masked_url, open_store
from noticecli.crawl.worker_runtime import site_text
from noticecli.errors import UsageError


@dataclass(slots=True)
class Queued:
    """What a round of queueing did."""

    walks: int = 0  # listing walks queued
    walks_waiting: int = 0  # listing walks that were queued already
    revalidations: int = 0  # known notices queued for a conditional re-check
    reparse_jobs: int = 0
    reparse_pages: int = 0

    def summary(self) -> str:
        parts = [f"{self.walks} listing walk(s) queued"]
        if self.walks_waiting:
            parts.append(f"{self.walks_waiting} already waiting")
        parts.append(f"{self.revalidations} notice(s) to re-check")
        return ", ".join(parts)


def enqueue_sites(
    url: str,
    sites: Sequence[Site],
    *,
    revalidate: str = "due",
    revalidate_after: timedelta = DEFAULT_REVALIDATE_AFTER,
) -> Queued:
    """Queue a round of ``sites`` in the store at ``url`` (set up first when new). Sites
    that render pages in a browser are refused (UsageError): workers run no browser."""
    rendered = [site.name for site in sites if site.render]
    if rendered:
        raise UsageError(
            f"site(s) {', '.join(rendered)} load pages in a browser (render), which workers "
            "do not run: crawl them into a SQLite store with `noticecli crawl`",
            source=masked_url(url),
        )
    with open_store(url) as store:
        prepare_queue(url, location=masked_url(url))
        due = {site.name: _due(store, site, revalidate, revalidate_after) for site in sites}
    import psycopg  # there: prepare_queue said so if it is not

    with psycopg.connect(url, connect_timeout=10, autocommit=True) as conn:
        set_host_delays(conn, host_delays(sites))
    return asyncio.run(_defer_round(url, sites, due))


def _due(store: NoticeStore, site: Site, revalidate: str, after: timedelta) -> list[str]:
    if revalidate == "none":
        return []
    moment = "9999-12-31T23:59:59Z"  # "all": everything seen before the end of time
    if revalidate == "due":
        now = datetime.fromisoformat(store.now().replace("Z", "+00:00"))
        moment = iso(now - after)
    return store.due_notice_urls(site.name, moment)


async def _defer_round(url: str, sites: Sequence[Site], due: dict[str, list[str]]) -> Queued:
    queued = Queued()
    app = make_app(url, pool_size=2)
    async with app.open_async():
        for site in sites:
            for listing_url in site.listing:
                if await defer_walk(app, site, listing_url):
                    queued.walks += 1
                else:
                    queued.walks_waiting += 1
            text = site_text(site)
            for notice_url in due[site.name]:
                if await defer_notice(app, text, notice_url, new=False, conditional=True):
                    queued.revalidations += 1
    return queued


def enqueue_reparse(
    url: str,
    sites: Sequence[Site],
    *,
    names: Sequence[str] = (),
    since: str | None = None,
    repair: bool = True,
) -> Queued:
    """Queue the re-parse of every kept page (of the sites ``names``, fetched at or after
    ``since``, an ISO date or time, when given), in jobs of a few dozen pages; ``sites``
    give their selectors as the sites file says now (else: as when each was fetched)."""
    import psycopg

    location = masked_url(url)
    with open_store(url):
        prepare_queue(url, location=location)
    with psycopg.connect(url, connect_timeout=10) as conn:
        rows = conn.execute(
            "SELECT url FROM raw_pages WHERE (%s::text IS NULL OR fetched_at >= %s)"
            " AND (cardinality(%s::text[]) = 0 OR site = ANY(%s::text[])) ORDER BY url",
            (since, since, list(names), list(names)),
        ).fetchall()
    urls = [row[0] for row in rows]
    texts = {site.name: site_text(site) for site in sites}

    async def defer() -> int:
        app = make_app(url, pool_size=2)
        async with app.open_async():
            return await defer_reparse(app, urls, texts, repair=repair)

    return Queued(reparse_jobs=asyncio.run(defer()), reparse_pages=len(urls))
