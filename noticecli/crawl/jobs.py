"""The crawl as procrastinate jobs: one job per listing walk, one per notice fetch; and the
procrastinate app with every noticecli task.

Crawl jobs are on the queue :data:`~noticecli.crawl.queue_setup.QUEUE`, re-parse jobs
(:mod:`~noticecli.crawl.reparse_job`) on :data:`~noticecli.crawl.queue_setup.REPARSE_QUEUE`
(``reparse`` runs those alone). A job names its site by the site's own sites-file text
(:func:`~noticecli.crawl.worker_runtime.site_text`), so a worker needs no sites file: what
``enqueue`` read is what the jobs do; what a worker's jobs share is its
:class:`~noticecli.crawl.worker_runtime.WorkerRuntime`.

- **Queued once.** A walk's queueing lock is its listing URL, a notice fetch's its URL:
  while one is waiting, queueing it again does nothing (``enqueue`` twice, two listings
  naming one notice).
- **One host, one job at a time.** Walks and fetches carry their host as procrastinate's
  ``lock``: a job on a host starts only when no other job on it runs, so workers spend
  their slots on hosts that are free; the request itself still takes the host's turn in
  PostgreSQL (:mod:`~noticecli.crawl.host_turns`), which holds the delay between requests.
- **Retries mirror the fetcher's.** A fetch that still fails after the fetcher's own
  retries, for a reason the fetcher retries (timeouts, refused or reset connections, 429,
  5xx), is recorded as a failure and its job is retried, up to ``retries`` times, minutes
  apart (``retry_after``, :data:`JOB_RETRY_BASE` by default, doubling); any other failure
  is final for this round (the page's back-off in the store decides when it is tried
  again). A job cut off by a lost database session (``OperationalError``: a restart, a
  fail-over) is put back, up to :data:`LOST_CONNECTION_RETRIES` times, seconds apart:
  the store opens a new session when the old one is gone.
- **Killed workers.** A worker that stops sending heartbeats has its running jobs put back
  (:func:`~noticecli.crawl.worker.recover_stalled`); a worker stopped by SIGTERM puts back
  those it could not finish. A job run twice records nothing twice: a notice recorded
  again unchanged is no new revision, and revisions are written out once by the store's
  emission marks (``noticecli emit``).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from noticecli.crawl.queue_setup import QUEUE, REPARSE_QUEUE
from noticecli.crawl.reparse_job import TASK_REPARSE, reparse_pages
from noticecli.crawl.run import SiteRun
from noticecli.crawl.site_rounds import end_job
from noticecli.crawl.sites import Site
from noticecli.crawl.worker_runtime import WorkerRuntime, runtime_of, site_text
from noticecli.fetch.client import host_key
from noticecli.fetch.retry import backoff_delay

if TYPE_CHECKING:
    import procrastinate
    from procrastinate.job_context import JobContext
    from procrastinate.jobs import Job
    from procrastinate.retry import RetryDecision

TASK_WALK = "noticecli.walk_listing"
TASK_NOTICE = "noticecli.fetch_notice"
# A job retried for a failed fetch waits this long first, then twice as long each time.
JOB_RETRY_BASE = 60.0
JOB_RETRY_CAP = 3600.0
LOST_CONNECTION_RETRIES = 5  # a job's tries again after the database ended its session


class RetryLater(Exception):
    """A job's fetch failed for a reason worth another try (already recorded as a
    failure); the retry strategy decides whether and when."""


# --- deferring ------------------------------------------------------------------------------


async def defer_walk(app: procrastinate.App, site: Site, listing_url: str) -> bool:
    """Queue the walk of one listing; false when it is queued already."""
    from procrastinate.exceptions import AlreadyEnqueued

    task = app.tasks[TASK_WALK]
    try:
        await task.configure(
            queueing_lock=f"walk {listing_url}", lock=f"host {host_key(listing_url)}"
        ).defer_async(site=site_text(site), listing=listing_url)
    except AlreadyEnqueued:
        return False
    return True


async def defer_notice(
    app: procrastinate.App, site: str, url: str, *, new: bool, conditional: bool = False
) -> bool:
    """Queue the fetch of one notice page (``site``: the site's text); false when queued."""
    from procrastinate.exceptions import AlreadyEnqueued

    task = app.tasks[TASK_NOTICE]
    try:
        configured = task.configure(queueing_lock=f"notice {url}", lock=f"host {host_key(url)}")
        await configured.defer_async(site=site, url=url, new=new, conditional=conditional)
    except AlreadyEnqueued:
        return False
    return True


# --- the tasks ------------------------------------------------------------------------------


async def walk_listing(context: JobContext, site: str, listing: str) -> None:
    """Walk one listing; queue a fetch for each new item; store the walk's validators once
    the fetches are queued."""
    runtime = runtime_of(context)
    crawler = runtime.crawler
    the_site = runtime.site(site)
    run = crawler.start(the_site)
    walk = await crawler.walk_listing(run, listing)
    for url in dict.fromkeys(walk.new_urls):
        await defer_notice(context.app, site, url, new=True)
    crawler.finish_walk(the_site, walk)
    await _job_done(context, runtime, site, run)


async def fetch_notice(
    context: JobContext, site: str, url: str, new: bool = False, conditional: bool = False
) -> None:
    """Fetch one notice page and record it (a new notice or revision stays pending until
    ``noticecli emit`` writes it)."""
    runtime = runtime_of(context)
    run = runtime.crawler.start(runtime.site(site))
    await runtime.crawler.fetch_notice(run, url, conditional=conditional, new=new)
    await _job_done(context, runtime, site, run)


async def _job_done(context: JobContext, runtime: WorkerRuntime, site: str, run: SiteRun) -> None:
    """End a crawl job: a retry when its fetch failed for a reason worth one (and tries are
    left), else its part of the site's round; the round's last job records the site's
    health."""
    job = context.job
    assert job.id is not None
    if run.retryable and job.attempts < runtime.retries:
        raise RetryLater(run.result.first_error)
    ended = await end_job(runtime.pool, site, job.id, run)
    if ended is not None:
        in_a_row = runtime.store.finish_site(ended.site, ended.status, error=ended.first_error)
        counts = runtime.crawler.counts
        counts.sites_done += 1
        if ended.status == "failed":
            counts.sites_failed += 1
        if runtime.failing_after and in_a_row >= runtime.failing_after:
            counts.failing.append(
                f"site {ended.site} has failed {in_a_row} runs in a row"
                f" (`noticecli sites status` shows more): {ended.first_error}"
            )
    if run.retryable:
        raise RetryLater(run.result.first_error)  # out of tries: the job ends failed


# --- the app --------------------------------------------------------------------------------


def _connection_lost(exception: BaseException) -> bool:
    import psycopg

    return isinstance(exception, psycopg.OperationalError)


def job_retries(retries: int, retry_after: float = JOB_RETRY_BASE) -> Any:
    """procrastinate's retry strategy for our jobs: :class:`RetryLater` up to ``retries``
    times (the first after ``retry_after`` seconds, then doubling), and a job cut off by a
    worker's shutdown put back at once."""
    from procrastinate.retry import BaseRetryStrategy, RetryDecision

    class JobRetries(BaseRetryStrategy):
        def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
            if isinstance(exception, asyncio.CancelledError):
                # Aborted by a stopping worker: released for another one, now. (A job that
                # was asked to abort by a person raises JobAborted and is not retried.)
                return RetryDecision(retry_at=datetime.now(UTC))
            if _connection_lost(exception) and job.attempts < LOST_CONNECTION_RETRIES:
                # The database ended a session under the job (a restart, a fail-over): not
                # the job's fault. The store reconnects; the job runs again soon.
                wait = backoff_delay(job.attempts, base=1.0, cap=JOB_RETRY_CAP)
                later = datetime.now(UTC) + timedelta(seconds=wait)
                return RetryDecision(retry_at=later, lock=f"retry {job.id}")
            if isinstance(exception, RetryLater) and job.attempts < retries:
                wait = backoff_delay(job.attempts, base=retry_after, cap=JOB_RETRY_CAP)
                # A waiting retry keeps no host lock: it would hold up the host's other jobs.
                later = datetime.now(UTC) + timedelta(seconds=wait)
                return RetryDecision(retry_at=later, lock=f"retry {job.id}")
            return None

    return JobRetries()


def make_app(
    url: str, *, retries: int = 3, retry_after: float = JOB_RETRY_BASE, pool_size: int = 10
) -> procrastinate.App:
    """The procrastinate app of a store at ``url``, with noticecli's tasks."""
    import procrastinate

    connector = procrastinate.PsycopgConnector(
        conninfo=url, min_size=1, max_size=pool_size, kwargs={"connect_timeout": 10}
    )
    app = procrastinate.App(connector=connector)
    strategy = job_retries(retries, retry_after)
    app.task(name=TASK_WALK, queue=QUEUE, pass_context=True, retry=strategy)(walk_listing)
    app.task(name=TASK_NOTICE, queue=QUEUE, pass_context=True, retry=strategy)(fetch_notice)
    app.task(name=TASK_REPARSE, queue=REPARSE_QUEUE, pass_context=True, retry=strategy)(
        reparse_pages
    )
    return app
