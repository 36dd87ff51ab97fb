"""A whole crawl run: the lock, the store, the output, the fetcher, the sites crawled side by
side (:mod:`~noticecli.crawl.schedule`), each site's outcome, and the run's record.

Concurrency lives in one event loop: up to ``concurrency`` groups of sites are crawled at
once, each one request at a time per host; the store has one connection and one writer
(this loop), and every write is a transaction that no await interrupts."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from noticecli.crawl.emission import Emitter
from noticecli.crawl.output import CrawlOutput
from noticecli.crawl.run import DEFAULT_REVALIDATE_AFTER, Crawler, Log, RunCounts, SiteResult
from noticecli.crawl.schedule import group_by_host, host_delays, run_workers
from noticecli.crawl.sites import DEFAULT_CONCURRENCY, DEFAULT_FAILING_AFTER, Site
from noticecli.crawl.state import StateStore, crawl_lock
from noticecli.crawl.store_api import NoticeStore
from noticecli.fetch.client import Fetcher, FetchOptions
from noticecli.fetch.politeness import HostPoliteness
from noticecli.fetch.render import Renderer, RenderOptions


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    repair: bool = True
    revalidate: str = "due"
    revalidate_after: timedelta = DEFAULT_REVALIDATE_AFTER
    delay: float | None = None  # overrides every site's own delay when given
    concurrency: int = DEFAULT_CONCURRENCY  # hosts (groups of sites) crawled at once
    failing_after: int = DEFAULT_FAILING_AFTER  # report a site failing this many runs in a row
    # The browser for the sites with ``render`` set (started once, only if one is crawled).
    render: RenderOptions | None = None


def run_crawl(
    sites: Sequence[Site],
    *,
    db_path: Path,
    out_path: Path | None,
    fetch_options: FetchOptions,
    settings: CrawlSettings,
    log: Log | None = None,
    on_progress: Callable[[RunCounts, str], None] | None = None,
    before_stdout: Callable[[], None] | None = None,
    on_new_store: Callable[[Path], None] | None = None,
    counts: RunCounts | None = None,
    politeness: HostPoliteness | None = None,
) -> RunCounts:
    """Crawl ``sites`` once. Raises LockedError when another run holds the store, InputError
    for a store that cannot be used and OutputError for an output file that cannot be
    written; page failures are counted (in ``counts``, when given: an interrupted run's
    caller still has them), and so are sites failing ``settings.failing_after`` runs in a
    row (``counts.failing``). ``on_progress(counts, what)`` hears of each page fetched or
    failed (``what``: its URL) and each site done (its name); ``on_new_store(db_path)``
    hears that the store did not exist and was created; ``before_stdout()`` is called
    before each record written to stdout. ``politeness`` keeps the hosts' turns (default:
    in this process).

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
            run = _Run(store, out, sites, fetch_options, settings, log, on_progress, counts)
            run.run(politeness)
    return counts


@dataclass
class _Run:
    store: NoticeStore
    out: CrawlOutput
    sites: Sequence[Site]
    fetch_options: FetchOptions
    settings: CrawlSettings
    log: Log | None
    on_progress: Callable[[RunCounts, str], None] | None
    counts: RunCounts

    def run(self, politeness: HostPoliteness | None) -> None:
        counts = self.counts
        counts.sites_total = len(self.sites)
        run_id = self.store.begin_run()
        started: list[str] = []
        status = "interrupted"
        try:
            with Emitter(self.store, self.out) as emitter:
                emitter.emit_pending()
                asyncio.run(self._crawl_all(emitter, started, politeness))
            status = "failed" if counts.failures else "ok"
        finally:
            counts.record_end(self.store, run_id, status, started)

    async def _crawl_all(
        self, emitter: Emitter, started: list[str], politeness: HostPoliteness | None
    ) -> None:
        settings = self.settings
        # The global cap on requests in flight: one per group crawled at once.
        options = dataclasses.replace(self.fetch_options, max_in_flight=settings.concurrency)
        async with AsyncExitStack() as stack:
            fetcher = await stack.enter_async_context(
                Fetcher(options, log=self.log, politeness=politeness)
            )
            for host, seconds in host_delays(self.sites, settings.delay).items():
                fetcher.set_host_delay(host, seconds)
            renderer = None
            rendered = [site.name for site in self.sites if site.render]
            if rendered and settings.render is None:
                raise ValueError(f"sites {rendered} render pages: CrawlSettings.render is needed")
            if settings.render is not None and rendered:
                renderer = await stack.enter_async_context(
                    Renderer(fetcher, settings.render, log=self.log)
                )
            crawler = Crawler(
                self.store,
                fetcher,
                emitter.emit,
                repair=settings.repair,
                revalidate=settings.revalidate,
                revalidate_after=settings.revalidate_after,
                counts=self.counts,
                on_progress=self.on_progress,
                renderer=renderer,
            )

            async def crawl_group(group: list[Site]) -> None:
                for site in group:
                    started.append(site.name)
                    self._site_done(await crawler.crawl_site(site))

            await run_workers(group_by_host(self.sites), settings.concurrency, crawl_group)

    def _site_done(self, result: SiteResult) -> None:
        counts = self.counts
        in_a_row = self.store.finish_site(result.site, result.status, error=result.first_error)
        counts.sites_done += 1
        if result.status == "failed":
            counts.sites_failed += 1
        limit = self.settings.failing_after
        if limit and in_a_row >= limit:
            counts.failing.append(
                f"site {result.site} has failed {in_a_row} runs in a row"
                f" (`noticecli sites status` shows more): {result.first_error}"
            )
        if self.on_progress is not None:
            self.on_progress(counts, result.site)
