"""A worker process: runs noticecli's jobs (:mod:`~noticecli.crawl.jobs`) from a PostgreSQL
store until stopped, or until the queue is empty (``until_idle``).

One worker is one event loop: procrastinate runs up to ``concurrency`` jobs at once; they
share one fetcher (its requests take each host's turn in PostgreSQL,
:class:`~noticecli.crawl.host_turns.PostgresTurns`), one store connection (every write a
transaction between two awaits, as in a single-machine crawl) and a small pool of
connections for the turns and the raw pages.

Beside the jobs a watcher runs every :attr:`WorkerSettings.check_every` seconds: it puts
back the jobs of workers whose heartbeat is older than ``stalled_after`` (killed, or their
machine lost), says each new failure on the log, and with ``until_idle`` stops the worker
once no job of the queue is waiting or running anywhere.

Stopping (SIGTERM, Ctrl-C, or idle): no new job starts; running jobs get ``graceful``
seconds to finish, then are cut off and put back for another worker. The worker's run is
recorded in the store's ``runs`` table with its counts, whatever ended it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from noticecli.crawl.host_turns import PostgresTurns, release_locks
from noticecli.crawl.jobs import JOB_RETRY_BASE, RetryLater, make_app
from noticecli.crawl.queue_setup import QUEUES, prepare_queue
from noticecli.crawl.run import Crawler, Log, RunCounts
from noticecli.crawl.shared_robots import PostgresRobots
from noticecli.crawl.sites import DEFAULT_FAILING_AFTER
from noticecli.crawl.stores import masked_url, one_line_error, open_store
from noticecli.crawl.worker_runtime import WorkerRuntime
from noticecli.fetch.client import Fetcher, FetchOptions

if TYPE_CHECKING:
    import procrastinate
    from psycopg_pool import AsyncConnectionPool

DEFAULT_WORKER_CONCURRENCY = 4
DEFAULT_STALLED_AFTER = 30.0
DEFAULT_GRACEFUL = 30.0
JOB_POLL = 0.2  # seconds between looks for a job when none was free


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    concurrency: int = DEFAULT_WORKER_CONCURRENCY  # jobs at once in this worker
    until_idle: bool = False  # stop once no job is waiting or running anywhere
    # A worker whose heartbeat is older than this is taken for dead: its jobs are put back.
    stalled_after: float = DEFAULT_STALLED_AFTER
    graceful: float = DEFAULT_GRACEFUL  # on stopping: seconds for running jobs to finish
    retry_after: float = JOB_RETRY_BASE  # a job whose fetch failed: first wait before a retry
    failing_after: int = DEFAULT_FAILING_AFTER  # say each site failing this many rounds in a row
    delay: float | None = None  # overrides every site's own delay when given
    repair: bool = True
    keep_raw: bool = True  # keep notice pages as fetched, for reparse
    queues: tuple[str, ...] = QUEUES  # the queues whose jobs it runs (and waits for)
    check_every: float = 0.25  # the watcher's period (failures said; --until-idle's query)


def _record_only(record: dict[str, Any]) -> None:
    """A worker writes nothing out: each revision stays pending in the store until
    ``noticecli emit`` (or ``crawl``) writes it, once."""


def run_worker(
    url: str,
    *,
    fetch_options: FetchOptions,
    settings: WorkerSettings,
    log: Log | None = None,
    on_failure: Log | None = None,
    counts: RunCounts | None = None,
    debug: bool = False,
) -> RunCounts:
    """Run jobs from the store at ``url`` until stopped (KeyboardInterrupt: the jobs under
    way are finished or put back first) or, with ``until_idle``, until the queue is empty.
    ``log`` hears the fetcher's retries and pauses; ``on_failure`` each failure line as it
    happens (a job that ended in an error of its own included), and the jobs of dead
    workers put back. Raises InputError for a store that cannot be used."""
    counts = counts if counts is not None else RunCounts()
    location = masked_url(url)
    with _procrastinate_logs(debug, counts, log), open_store(url) as store:
        prepare_queue(url, location=location)
        run_id = store.begin_run()
        sites: list[str] = []

        def finish(status: str) -> None:
            counts.record_end(store, run_id, status, sites)

        try:
            asyncio.run(_work(url, store, fetch_options, settings, log, on_failure, counts, sites))
        except BaseException:
            # The run's end is recorded if it can be; what stopped the worker (a signal's
            # KeyboardInterrupt: exit 143 or 130) is what it exits with, whatever happens.
            try:
                finish("interrupted")
            except Exception as error:
                if on_failure is not None:
                    on_failure(
                        f"{location}: could not record the run's end: {one_line_error(error, url)}"
                    )
            raise
        finish("failed" if counts.failures else "ok")
    return counts


async def _work(
    url: str,
    store: Any,
    fetch_options: FetchOptions,
    settings: WorkerSettings,
    log: Log | None,
    on_failure: Log | None,
    counts: RunCounts,
    sites: list[str],
) -> None:
    from psycopg_pool import AsyncConnectionPool

    app = make_app(
        url,
        retries=fetch_options.retries,
        retry_after=settings.retry_after,
        pool_size=settings.concurrency + 6,
    )
    pool: AsyncConnectionPool = AsyncConnectionPool(
        url,
        min_size=1,
        # A turn holds a connection while it waits: one per job, and the raw pages' writes.
        max_size=2 * settings.concurrency + 2,
        kwargs={"autocommit": True, "connect_timeout": 10},
        reset=release_locks,
        open=False,
    )
    async with pool, app.open_async():
        turns = PostgresTurns(pool, jitter=fetch_options.jitter)
        options = dataclasses.replace(fetch_options, max_in_flight=settings.concurrency)
        shared = PostgresRobots(pool)
        async with Fetcher(options, log=log, politeness=turns, robots_cache=shared) as fetcher:
            crawler = Crawler(store, fetcher, _record_only, repair=settings.repair, counts=counts)
            runtime = WorkerRuntime(
                store,
                crawler,
                pool,
                delay=settings.delay,
                keep_raw=settings.keep_raw,
                retries=fetch_options.retries,
                failing_after=settings.failing_after,
            )
            runtime.sites_seen = sites
            crawler.keep_page = runtime.keep_page
            await _run_until_stopped(app, pool, runtime, settings, log, on_failure)


async def _run_until_stopped(
    app: procrastinate.App,
    pool: AsyncConnectionPool,
    runtime: WorkerRuntime,
    settings: WorkerSettings,
    log: Log | None,
    on_failure: Log | None,
) -> None:
    worker = asyncio.create_task(
        app.run_worker_async(
            queues=list(settings.queues),
            concurrency=settings.concurrency,
            wait=True,
            install_signal_handlers=False,  # SIGTERM and Ctrl-C cancel us; we stop it
            additional_context={"noticecli": runtime},
            update_heartbeat_interval=max(settings.stalled_after / 3, 0.5),
            stalled_worker_timeout=settings.stalled_after,
            shutdown_graceful_timeout=settings.graceful,
            delete_jobs="successful",  # failed jobs stay, to be looked at
            # A job that ends frees its host for the others without a notification: look
            # for work often (one cheap query).
            fetch_job_polling_interval=JOB_POLL,
        ),
        name="noticecli worker",
    )
    idle = asyncio.Event()
    watcher = asyncio.create_task(
        _watch(app, pool, runtime, settings, log, on_failure, idle, worker.cancel)
    )
    try:
        await worker
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if not idle.is_set() or (current is not None and current.cancelling()):
            raise
    finally:
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
        _say_failures(runtime, on_failure)


async def _watch(
    app: procrastinate.App,
    pool: AsyncConnectionPool,
    runtime: WorkerRuntime,
    settings: WorkerSettings,
    log: Log | None,
    on_failure: Log | None,
    idle: asyncio.Event,
    stop: Callable[[], Any],
) -> None:
    # Dead workers are looked for three times per --stalled-after, not at every check: on
    # many idle workers that query would be most of the database's work.
    sweep_every = settings.stalled_after / 3
    next_sweep = 0.0
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(settings.check_every)
        put_back = 0
        if loop.time() >= next_sweep:
            next_sweep = loop.time() + sweep_every
            put_back = await recover_stalled(app, settings.queues, settings.stalled_after)
        if put_back and on_failure is not None:  # a worker died: always worth saying
            on_failure(f"put back {put_back} job(s) of workers that stopped answering")
        _say_failures(runtime, on_failure)
        if settings.until_idle and not put_back and await queue_empty(pool, settings.queues):
            idle.set()
            stop()
            return


def _say_failures(runtime: WorkerRuntime, on_failure: Log | None) -> None:
    """Each failure line not said yet, and each site failing round after round."""
    counts = runtime.crawler.counts
    if on_failure is not None:
        for line in counts.failed[runtime.failures_said :]:
            on_failure(line)
        for line in counts.failing[runtime.failing_said :]:
            on_failure(line)
    runtime.failures_said = len(counts.failed)
    runtime.failing_said = len(counts.failing)


async def recover_stalled(
    app: procrastinate.App, queues: tuple[str, ...], stalled_after: float
) -> int:
    """Put back the running jobs (on ``queues``) of workers silent for ``stalled_after``
    seconds, and of workers already pruned; returns how many."""
    from procrastinate.exceptions import ProcrastinateException

    jobs = [
        job
        for queue in queues
        for job in await app.job_manager.get_stalled_jobs(
            queue=queue, seconds_since_heartbeat=stalled_after
        )
    ]
    put_back = 0
    for job in jobs:
        try:
            await app.job_manager.retry_job(job)
        except ProcrastinateException:
            continue  # finished or put back meanwhile by another worker
        put_back += 1
    return put_back


async def queue_empty(pool: AsyncConnectionPool, queues: tuple[str, ...]) -> bool:
    """Whether no job of ``queues`` is waiting (now or later) or running, on any worker."""
    async with pool.connection() as conn:
        row = await (
            await conn.execute(
                "SELECT EXISTS (SELECT 1 FROM procrastinate_jobs WHERE queue_name = ANY(%s)"
                " AND status IN ('todo', 'doing'))",
                (list(queues),),
            )
        ).fetchone()
    return row is not None and not row[0]


class _JobErrors(logging.Handler):
    """A job that ended in an error of its own (a bug, the store gone), not in a failure the
    crawl already counted: a failure of the run, said in one line like the others, where
    procrastinate would print a traceback. An error of procrastinate's own side work (a
    heartbeat or the listener losing its database session) is no job's failure: it is said
    on the log, and the worker goes on."""

    def __init__(self, counts: RunCounts, log: Log | None) -> None:
        super().__init__(logging.ERROR)
        self.counts = counts
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        if error is None or isinstance(error, RetryLater):
            return
        job = getattr(record, "job", None)
        text = str(error).strip()
        cause = type(error).__name__ + (f": {text.splitlines()[0]}" if text else "")
        if not isinstance(job, dict):
            if self.log is not None:
                work = getattr(record, "task_name", None) or str(
                    getattr(record, "action", "")
                ).removesuffix("_error")
                self.log(f"the queue's {work or 'worker'} met an error: {cause}")
            return
        self.counts.failures += 1
        self.counts.failed.append(f"{job.get('task_name') or 'a job'} ended in an error: {cause}")


@contextmanager
def _procrastinate_logs(debug: bool, counts: RunCounts, log: Log | None) -> Iterator[None]:
    """procrastinate's log, while a worker runs: with ``debug`` as it is (tracebacks);
    otherwise nothing but the errors, in one line each (:class:`_JobErrors`). The
    connection pool's warning on discarding a connection the server ended is left out
    too: the error that follows says it."""
    logger = logging.getLogger("procrastinate")
    if debug:
        yield
        return
    handler = _JobErrors(counts, log)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    pool_logger = logging.getLogger("psycopg.pool")
    pool_level = pool_logger.level
    pool_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        pool_logger.setLevel(pool_level)
