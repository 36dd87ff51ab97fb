"""Re-parsing kept pages as jobs (``noticecli reparse``): the pages workers kept as fetched
(``raw_pages``), parsed again in batches of :data:`REPARSE_BATCH`, each notice recorded; one
that parses differently now becomes its next revision, unless a worker has recorded a
newer fetch of the page since the job read it."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from noticecli.crawl.pg_store import PostgresStore
from noticecli.crawl.worker_runtime import runtime_of
from noticecli.errors import NoticeError
from noticecli.fetch.pages import notice_from_fetch
from noticecli.fetch.result import FetchResult

if TYPE_CHECKING:
    import procrastinate
    from procrastinate.job_context import JobContext

TASK_REPARSE = "noticecli.reparse_pages"
REPARSE_BATCH = 50  # pages per reparse job


async def defer_reparse(
    app: procrastinate.App, urls: Iterable[str], sites: dict[str, str], *, repair: bool
) -> int:
    """Queue the re-parse of ``urls`` in jobs of :data:`REPARSE_BATCH`; returns the jobs."""
    task = app.tasks[TASK_REPARSE]
    batch: list[str] = []
    jobs = 0

    async def flush() -> None:
        nonlocal jobs
        if batch:
            await task.defer_async(urls=list(batch), sites=sites, repair=repair)
            jobs += 1
            batch.clear()

    for url in urls:
        batch.append(url)
        if len(batch) >= REPARSE_BATCH:
            await flush()
    await flush()
    return jobs


async def reparse_pages(
    context: JobContext, urls: list[str], sites: dict[str, str], repair: bool = True
) -> None:
    """Parse the kept raw pages of ``urls`` again and record each notice: one that parses
    differently now becomes a new revision (pending for ``noticecli emit``). ``sites``: the
    sites' text by name, from the sites file ``reparse`` was given, when it was."""
    runtime = runtime_of(context)
    store = runtime.store
    assert isinstance(store, PostgresStore)  # raw pages are kept in PostgreSQL only
    counts = runtime.crawler.counts
    async with runtime.pool.connection() as conn:
        rows = await (
            await conn.execute(
                "SELECT url, site, site_rules, fetch_facts, content, rendered FROM raw_pages"
                " WHERE url = ANY(%s)",
                (urls,),
            )
        ).fetchall()
    for url, site_name, kept_rules, facts, content, rendered in rows:
        # The site as the sites file says now, when reparse was given it; else as fetched.
        text: str = sites.get(site_name) or kept_rules
        rules = runtime.site(text).notice_rules
        result = FetchResult(
            **facts,
            content=zlib.decompress(content),
            rendered=zlib.decompress(rendered).decode("utf-8") if rendered else None,
        )
        try:
            notice = notice_from_fetch(result, repair=repair, rules=rules)
        except NoticeError as error:
            counts.failures += 1
            counts.failed.append(f"{url}: {error.message}")
            continue
        change = store.record_reparsed_notice(
            site_name,
            url,
            notice,
            raw_sha256=result.sha256,
            etag=result.etag,
            last_modified=result.last_modified,
            status=result.status,
        )
        counts.pages_fetched += 1  # pages read: a reparse fetches nothing
        if change is None:  # a worker recorded a newer fetch of the page meanwhile
            pass
        elif change.kind == "changed":
            counts.notices_changed += 1
        elif change.kind == "new":
            counts.notices_new += 1
        await asyncio.sleep(0)  # let the worker's other jobs and heartbeat run
