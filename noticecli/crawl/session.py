"""A whole crawl run: the lock, the store, the output, the fetcher, and the run's record."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from noticecli.crawl.output import CrawlOutput
from noticecli.crawl.run import DEFAULT_REVALIDATE_AFTER, Crawler, Log, RunCounts
from noticecli.crawl.sites import Site
from noticecli.crawl.state import StateStore, crawl_lock
from noticecli.fetch.client import Fetcher, FetchOptions


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    repair: bool = True
    revalidate: str = "due"
    revalidate_after: timedelta = DEFAULT_REVALIDATE_AFTER
    delay: float | None = None  # overrides every site's own delay when given


def run_crawl(
    sites: Sequence[Site],
    *,
    db_path: Path,
    out_path: Path | None,
    fetch_options: FetchOptions,
    settings: CrawlSettings,
    log: Log | None = None,
    on_progress: Callable[[RunCounts, str], None] | None = None,
    on_site: Callable[[Site], None] | None = None,
    before_stdout: Callable[[], None] | None = None,
    on_new_store: Callable[[Path], None] | None = None,
    counts: RunCounts | None = None,
) -> RunCounts:
    """Crawl ``sites`` once. Raises LockedError when another run holds the store, InputError
    for a store that cannot be used and OutputError for an output file that cannot be
    written; page failures are counted (in ``counts``, when given: an interrupted run's
    caller still has them). ``on_new_store(db_path)`` hears that the store did not exist
    and was created; ``before_stdout()`` is called before each record written to stdout.

    Interrupted (KeyboardInterrupt; inside the run, a cancelled task), the run stops at the
    next request: every page recorded so far is committed, every record written is marked,
    the run is recorded as ``interrupted``, and the next run goes on from there."""
    counts = counts if counts is not None else RunCounts()
    output = CrawlOutput(out_path, before_stdout=before_stdout)
    with crawl_lock(db_path):
        new = not db_path.exists()
        with StateStore.open(db_path) as store, output as out:
            if new and on_new_store is not None:
                on_new_store(db_path)
            _run(store, out, sites, fetch_options, settings, log, on_progress, on_site, counts)
    return counts


def _run(
    store: StateStore,
    out: CrawlOutput,
    sites: Sequence[Site],
    fetch_options: FetchOptions,
    settings: CrawlSettings,
    log: Log | None,
    on_progress: Callable[[RunCounts, str], None] | None,
    on_site: Callable[[Site], None] | None,
    counts: RunCounts,
) -> None:
    run_id = store.begin_run()

    async def crawl_all() -> None:
        async with Fetcher(fetch_options, log=log) as fetcher:
            crawler = Crawler(
                store,
                fetcher,
                out.write,
                repair=settings.repair,
                revalidate=settings.revalidate,
                revalidate_after=settings.revalidate_after,
                counts=counts,
                on_progress=on_progress,
            )
            crawler.flush_pending(out.already_written)
            for site in sites:
                if on_site is not None:
                    on_site(site)
                await crawler.crawl_site(site, delay=settings.delay)

    status = "interrupted"
    try:
        asyncio.run(crawl_all())
        status = "failed" if counts.failures else "ok"
    finally:
        store.finish_run(
            run_id,
            status,
            pages_fetched=counts.pages_fetched,
            notices_new=counts.notices_new,
            notices_changed=counts.notices_changed,
            failures=counts.failures,
            requests=counts.requests,
            sites=[site.name for site in sites],
        )
