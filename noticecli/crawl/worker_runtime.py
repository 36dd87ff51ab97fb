"""What every job run by one worker process shares (:class:`WorkerRuntime`): the store, the
crawler, the pool for our own tables, the sites the jobs named; and how a job names its
site (:func:`site_text`)."""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from noticecli.crawl.run import Crawler
from noticecli.crawl.schedule import site_hosts
from noticecli.crawl.sites import DEFAULT_FAILING_AFTER, Site, dump_sites, parse_sites
from noticecli.crawl.store_api import NoticeStore
from noticecli.fetch.result import FetchResult

if TYPE_CHECKING:
    from procrastinate.job_context import JobContext
    from psycopg_pool import AsyncConnectionPool


@dataclass(slots=True)
class WorkerRuntime:
    """What every job run by one worker process shares: the store, the crawler (its fetcher
    and counts), the raw-page pool, and the sites the jobs named."""

    store: NoticeStore
    crawler: Crawler
    pool: AsyncConnectionPool
    delay: float | None = None  # --delay: overrides every site's own delay
    keep_raw: bool = True
    retries: int = 3  # a job's tries after its first (as the fetcher's --retries)
    failing_after: int = DEFAULT_FAILING_AFTER  # say a site failing this many rounds in a row
    sites_seen: list[str] = field(default_factory=list)
    failures_said: int = 0  # the crawler's failure lines the worker has said so far
    failing_said: int = 0  # and its lines of sites failing round after round
    _sites: dict[str, Site] = field(default_factory=dict)
    _delays: dict[str, float] = field(default_factory=dict)  # the longest asked per host

    def site(self, text: str) -> Site:
        """The site a job names (its sites-file text), with its hosts' delays set."""
        site = self._sites.get(text)
        if site is None:
            site = parse_sites(text, source="<job>")[0]
            self._sites[text] = site
            for host in site_hosts(site):
                seconds = site.delay if self.delay is None else self.delay
                self._delays[host] = max(seconds, self._delays.get(host, seconds))
                self.crawler.fetcher.set_host_delay(host, self._delays[host])
        if site.name not in self.sites_seen:
            self.sites_seen.append(site.name)
        return site

    async def keep_page(self, site: Site, url: str, result: FetchResult) -> None:
        """Keep a notice page as fetched, for ``reparse`` (the latest fetch of each URL)."""
        if not self.keep_raw:
            return
        facts = {k: v for k, v in asdict(result).items() if k not in ("content", "rendered")}
        rendered = zlib.compress(result.rendered.encode("utf-8")) if result.rendered else None
        async with self.pool.connection() as conn:
            await conn.execute(
                "INSERT INTO raw_pages"
                " (url, site, site_rules, fetched_at, sha256, fetch_facts, content, rendered)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (url) DO UPDATE SET"
                " site = excluded.site, site_rules = excluded.site_rules,"
                " fetched_at = excluded.fetched_at,"
                " sha256 = excluded.sha256, fetch_facts = excluded.fetch_facts,"
                " content = excluded.content, rendered = excluded.rendered",
                (
                    url,
                    site.name,
                    site_text(site),
                    result.fetched_at,
                    result.sha256,
                    json.dumps(facts, ensure_ascii=False),
                    zlib.compress(result.content),
                    rendered,
                ),
            )


def runtime_of(context: JobContext) -> WorkerRuntime:
    """The runtime of the worker running a job."""
    runtime = context.additional_context["noticecli"]
    assert isinstance(runtime, WorkerRuntime)
    return runtime


def site_text(site: Site) -> str:
    """How a job names its site."""
    return dump_sites([site])
