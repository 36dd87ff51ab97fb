"""Fetching many URLs: hosts in parallel (each host polite, one request at a time), results
in input order, each archived and parsed as it arrives; with a renderer, each page loaded
in the browser instead (one page at a time per host)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from noticecli.errors import FetchError, NoticeError
from noticecli.fetch.archive import PageStore, WarcArchive
from noticecli.fetch.client import Fetcher
from noticecli.fetch.pages import notice_from_fetch
from noticecli.fetch.scripted import require_content
from noticecli.models import Notice

if TYPE_CHECKING:
    from noticecli.fetch.render import Renderer

# Enough to keep several slow hosts busy at once; per-host politeness still applies.
DEFAULT_CONCURRENCY = 8


@dataclass(slots=True)
class Outcome:
    url: str
    notice: Notice | None = None
    error: Exception | None = None  # a NoticeError, or a bug reported as an internal error


@dataclass(slots=True)
class HostSummary:
    ok: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    bytes: int = 0
    # Wall clock (monotonic) from the start of the host's first URL to the end of its last:
    # delays, Crawl-delay, retries and their waits included.
    started: float | None = None
    finished: float | None = None

    @property
    def seconds(self) -> float:
        if self.started is None or self.finished is None:
            return 0.0
        return self.finished - self.started

    def line(self, host: str) -> str:
        failures = ", ".join(f"{count} {reason}" for reason, count in sorted(self.failed.items()))
        failed = sum(self.failed.values())
        text = f"{host}: {self.ok} ok, {failed} failed"
        if failures:
            text += f" ({failures})"
        return text + f", {self.bytes / 1024:.0f} KB, {self.seconds:.1f} s"


@dataclass(slots=True)
class Batch:
    """One run of ``noticecli fetch``: what to keep, and a summary per host."""

    fetcher: Fetcher
    repair: bool = True
    pages: PageStore | None = None
    warc: WarcArchive | None = None
    concurrency: int = DEFAULT_CONCURRENCY
    hosts: dict[str, HostSummary] = field(default_factory=dict)
    on_done: Callable[[Outcome], None] | None = None
    debug: bool = False  # let unexpected exceptions through instead of reporting them
    # When the run stops early (an interrupt): outcomes that were complete but not yet given
    # out, waiting for an earlier URL; in input order.
    finished_early: list[Outcome] = field(default_factory=list)
    renderer: Renderer | None = None  # load every page in the browser (--render)
    wait_for: str | None = None  # with a renderer: the CSS selector that says a page is ready

    async def run(self, urls: Iterable[str]) -> AsyncIterator[Outcome]:
        """Outcomes in the order of ``urls``; fetching runs ahead up to ``concurrency``."""
        limit = asyncio.Semaphore(self.concurrency)
        pending: list[asyncio.Task[Outcome]] = []
        iterator = iter(urls)

        async def one(url: str) -> Outcome:
            async with limit:
                outcome = await self._fetch_one(url)
            if self.on_done is not None:
                self.on_done(outcome)
            return outcome

        async def first() -> Outcome:
            # Shielded, and taken off the list only once done: a run stopped (cancelled) while
            # waiting for it does not cancel a fetch that is just completing, and finds it
            # still on the list, finished or not (see finished_early).
            outcome = await asyncio.shield(pending[0])
            pending.pop(0)
            return outcome

        try:
            for url in iterator:
                pending.append(asyncio.create_task(one(url)))
                # Keep a bounded window of tasks so a 100 000-URL input does not make 100 000.
                if len(pending) >= self.concurrency * 4:
                    yield await first()
            while pending:
                yield await first()
        finally:  # stopped early (an archive that cannot be written, an interrupt)
            self.finished_early = [
                task.result()
                for task in pending
                if task.done() and not task.cancelled() and task.exception() is None
            ]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    async def _fetch_one(self, url: str) -> Outcome:
        host = _host_of(url)
        summary = self.hosts.setdefault(host, HostSummary())
        if summary.started is None:
            summary.started = time.monotonic()
        try:
            return await self._fetch_and_parse(url, summary)
        finally:
            summary.finished = time.monotonic()

    async def _fetch_and_parse(self, url: str, summary: HostSummary) -> Outcome:
        try:
            if self.renderer is not None:
                result = await self.renderer.render(url, wait_for=self.wait_for)
            else:
                result = await self.fetcher.fetch(url)
        except FetchError as error:
            summary.failed[error.reason] += 1
            return Outcome(url, error=error)
        except Exception as error:
            if self.debug:
                raise
            summary.failed["internal"] += 1
            return Outcome(url, error=error)
        summary.bytes += len(result.content)
        if self.pages is not None:
            self.pages.save(result)
        if self.warc is not None:
            self.warc.add(result)
        try:
            notice = notice_from_fetch(result, repair=self.repair)
            # A list or an app a script fills is a failure to say, not an empty record.
            require_content(result, notice)
        except Exception as error:
            if self.debug and not isinstance(error, NoticeError):
                raise
            summary.failed[error.reason if isinstance(error, FetchError) else "parse"] += 1
            return Outcome(url, error=error)
        summary.ok += 1
        return Outcome(url, notice=notice)


def _host_of(url: str) -> str:
    """The summary key for ``url``: its host and port, or the URL itself when it has none or
    cannot be split (the fetcher reports why it is unusable)."""
    try:
        return urlsplit(url).netloc or url
    except ValueError:  # "http://[::1" and the like
        return url
