"""enqueue, worker, reparse, emit: the crawl as jobs on a PostgreSQL store, for many workers
on many machines (docs/running-at-scale.md)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from noticecli.cli.common import (
    page_options,
    revalidate_options,
    sites_option,
    stderr_logger,
    verbose_option,
)
from noticecli.cli.network import NetworkSettings, fetch_options
from noticecli.cli.report import EXIT_OK, EXIT_SOME_FAILED, Interrupted, say
from noticecli.cli.values import Bounded

F = TypeVar("F", bound=Callable[..., Any])

MAX_WORKER_CONCURRENCY = 256


def queue_db_option(function: F) -> F:
    return click.option(
        "--db",
        metavar="URL",
        envvar="NOTICECLI_DB",
        show_envvar=True,
        help="The PostgreSQL store whose queue to use (postgresql://…).",
    )(function)


def queue_url(db: str | None) -> str:
    """The store's URL: a PostgreSQL one, or a usage error saying what is needed (a URL
    without the driver installed included)."""
    from noticecli.crawl.queue_setup import require_driver
    from noticecli.crawl.stores import is_postgres_url, masked_url
    from noticecli.errors import UsageError

    if db is None:
        raise UsageError("the work queue needs a PostgreSQL store: give --db postgresql://…")
    if not is_postgres_url(db):
        raise UsageError(
            "the work queue lives in a PostgreSQL store (--db postgresql://…); "
            "a SQLite store is crawled by `noticecli crawl`",
            source=db,
        )
    require_driver(masked_url(db))
    return db


def quiet_option(function: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="For cron: say nothing but failures.")(
        function
    )


@click.command()
@click.argument("site_names", nargs=-1, metavar="[SITE]...")
@sites_option
@queue_db_option
@revalidate_options(
    "Which known notices to queue for a conditional re-check: those not checked for "
    "--revalidate-after hours, all of them, or none."
)
@quiet_option
def enqueue(
    site_names: tuple[str, ...],
    sites_path: Path | None,
    db: str | None,
    revalidate: str,
    revalidate_after: float,
    quiet: bool,
) -> None:
    """Queue a crawl round of the sites (all, or those named) for the workers (for cron).

    Each listing is queued for one walk, and each known notice due for a re-check for one
    conditional fetch; a listing or notice still waiting from an earlier round is not
    queued twice. The workers (`noticecli worker`) do the work; `noticecli emit` writes
    out what they found. The store and its queue are set up when new. Exit codes: 0 ok,
    2 not a PostgreSQL store or no postgres extra, 78 bad sites file, 1 the store cannot
    be used.
    """
    import datetime

    from noticecli.cli.sites_commands import load_sites_file_for
    from noticecli.crawl.enqueue import enqueue_sites

    url = queue_url(db)
    sites_file = load_sites_file_for(sites_path, site_names)
    queued = enqueue_sites(
        url,
        sites_file.sites,
        revalidate=revalidate,
        revalidate_after=datetime.timedelta(hours=revalidate_after),
    )
    if not quiet:
        say(f"enqueue: {queued.summary()}")


@click.command()
@queue_db_option
@click.option(
    "--concurrency",
    type=click.IntRange(1, MAX_WORKER_CONCURRENCY),
    default=4,
    show_default=True,
    metavar="N",
    help="Run up to N jobs at once (each on another host; a host's jobs run one at a "
    f"time across all workers; 1 to {MAX_WORKER_CONCURRENCY}).",
)
@click.option(
    "--until-idle",
    is_flag=True,
    help="Stop, exit 0, once no job is waiting or running on any worker (batch runs).",
)
@click.option(
    "--stalled-after",
    type=Bounded(1.0, 3600.0, "seconds"),
    default=30.0,
    show_default=True,
    help="Take a worker that has not answered for this long for dead and put its jobs back.",
)
@click.option(
    "--graceful",
    type=Bounded(0.0, 3600.0, "seconds"),
    default=30.0,
    show_default=True,
    help="On SIGTERM or Ctrl-C: seconds for running jobs to finish before they are put "
    "back for another worker.",
)
@click.option(
    "--retry-after",
    type=Bounded(0.0, 86400.0, "seconds"),
    default=60.0,
    show_default=True,
    help="A page still failing after the fetcher's --retries, for a reason worth trying "
    "again (timeout, refused connection, 429, 5xx): its job is tried again this many "
    "seconds later, then twice as long each time, up to --retries times.",
)
@click.option(
    "--failing-after",
    type=click.IntRange(0, 1000),
    default=3,
    show_default=True,
    metavar="N",
    help="Say on stderr each site whose rounds have failed N times in a row (0: never).",
)
@click.option(
    "--keep-raw/--no-keep-raw",
    default=True,
    show_default=True,
    help="Keep each notice page as fetched in the store (compressed), for `noticecli reparse`.",
)
@quiet_option
@verbose_option
@page_options
@fetch_options
@click.pass_context
def worker(
    ctx: click.Context,
    db: str | None,
    concurrency: int,
    until_idle: bool,
    stalled_after: float,
    graceful: float,
    retry_after: float,
    failing_after: int,
    keep_raw: bool,
    quiet: bool,
    verbose: bool,
    no_repair: bool,
    max_bytes: int,
    network: NetworkSettings,
) -> None:
    """Run queued jobs (listing walks, notice fetches, re-parses) until stopped.

    Any number of workers, on any number of machines, share one store: each host gets one
    request at a time and its delay between requests across all of them. New notices and
    revisions are recorded in the store; `noticecli emit` writes them out. SIGTERM or
    Ctrl-C stops it cleanly: running jobs finish (or are put back after --graceful
    seconds), then exit 143 or 130. A worker killed outright has its jobs put back by the
    others after --stalled-after seconds. Failures are said on stderr as they happen
    (-q: those only). Exit codes: 0 stopped with --until-idle, 1 some pages failed
    (--until-idle), 2 not a PostgreSQL store or no postgres extra, 130/143 stopped by a
    signal.
    """
    from noticecli.crawl.run import RunCounts
    from noticecli.crawl.worker import WorkerSettings, run_worker

    url = queue_url(db)
    network.announce(quiet=quiet)
    given = ctx.get_parameter_source("delay") is click.core.ParameterSource.COMMANDLINE
    settings = WorkerSettings(
        concurrency=concurrency,
        until_idle=until_idle,
        stalled_after=stalled_after,
        graceful=graceful,
        retry_after=retry_after,
        failing_after=failing_after,
        delay=network.delay if given else None,
        repair=not no_repair,
        keep_raw=keep_raw,
    )
    counts = RunCounts()
    started = time.monotonic()
    debug = bool((ctx.obj or {}).get("debug"))
    try:
        run_worker(
            url,
            fetch_options=network.fetch_options(max_bytes=max_bytes),
            settings=settings,
            log=stderr_logger(verbose),
            on_failure=say,
            counts=counts,
            debug=debug,
        )
    except KeyboardInterrupt:
        raise Interrupted(
            f"worker: {counts.summary()} in {time.monotonic() - started:.1f} s; running jobs "
            "were finished or put back"
        ) from None
    if not quiet or verbose:
        say(f"worker: {counts.summary()} in {time.monotonic() - started:.1f} s")
    ctx.exit(EXIT_SOME_FAILED if counts.failures else EXIT_OK)


@click.command()
@click.argument("site_names", nargs=-1, metavar="[SITE]...")
@queue_db_option
@click.option(
    "--since",
    metavar="DATE",
    help="Only pages fetched since DATE (ISO date or time, e.g. 2026-11-01).",
)
@click.option(
    "--sites",
    "sites_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use the sites' selectors from this sites file (default: as they were when each "
    "page was fetched).",
)
@click.option(
    "--queue-only",
    is_flag=True,
    help="Only queue the jobs, for the workers already running (default: also run them "
    "here until the queue is empty).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, MAX_WORKER_CONCURRENCY),
    default=2,
    show_default=True,
    metavar="N",
    help="Jobs at once in this process (without --queue-only).",
)
@quiet_option
@page_options
@click.pass_context
def reparse(
    ctx: click.Context,
    site_names: tuple[str, ...],
    db: str | None,
    since: str | None,
    sites_path: Path | None,
    queue_only: bool,
    concurrency: int,
    quiet: bool,
    no_repair: bool,
    max_bytes: int,
) -> None:
    """Parse the kept pages again (after an upgrade), recording what now parses differently.

    Workers keep every notice page they fetch (worker --keep-raw, the default); this
    queues them (all, those of the sites named, or those fetched --since DATE) in jobs of
    50 pages and, unless --queue-only, runs the re-parse jobs here until none is left
    (running workers take their share). A notice that parses differently
    becomes its next revision (changed_fields says what), written out by `noticecli emit`;
    one that parses the same is left as it is. Exit codes: 0 ok, 1 some pages failed to
    parse, 2 not a PostgreSQL store, 130/143 interrupted (the queued jobs stay queued).
    """
    from noticecli.cli.store_commands import _iso_since
    from noticecli.crawl.enqueue import enqueue_reparse
    from noticecli.crawl.queue_setup import REPARSE_QUEUE
    from noticecli.crawl.run import RunCounts
    from noticecli.crawl.worker import WorkerSettings, run_worker
    from noticecli.fetch.client import FetchOptions

    url = queue_url(db)
    sites = []
    if sites_path is not None:
        from noticecli.cli.sites_commands import load_sites_file_for

        sites = load_sites_file_for(sites_path, site_names).sites
    queued = enqueue_reparse(
        url,
        sites,
        names=site_names,
        since=_iso_since(since) if since else None,
        repair=not no_repair,
    )
    if not quiet:
        say(f"reparse: {queued.reparse_pages} page(s) queued in {queued.reparse_jobs} job(s)")
    if queue_only:
        return
    counts = RunCounts()
    started = time.monotonic()
    try:
        run_worker(
            url,
            fetch_options=FetchOptions(max_bytes=max_bytes),
            # Re-parse jobs only: a crawl job needs the network options of a real worker.
            settings=WorkerSettings(
                concurrency=concurrency, until_idle=True, queues=(REPARSE_QUEUE,)
            ),
            on_failure=say,
            counts=counts,
            debug=bool((ctx.obj or {}).get("debug")),
        )
    except KeyboardInterrupt:
        raise Interrupted(
            f"reparse: {counts.pages_fetched} page(s) parsed; the rest stays queued"
        ) from None
    if not quiet:
        say(
            f"reparse: {counts.pages_fetched} page(s) parsed, {counts.notices_changed} "
            f"changed, {counts.failures} failed in {time.monotonic() - started:.1f} s"
        )
    ctx.exit(EXIT_SOME_FAILED if counts.failures else EXIT_OK)


@click.command()
@queue_db_option
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append to FILE as JSON lines (fsynced in batches; each record once, even across "
    "a kill) instead of printing them.",
)
@quiet_option
def emit(db: str | None, out: Path | None, quiet: bool) -> None:
    """Write out the new notices and revisions the workers recorded, each once.

    Records are crawl records, as `noticecli crawl` prints them. Run it after the workers
    (or from cron, as often as wanted): what was written is marked, and the next run
    writes only what came since. One emit at a time per store. Exit codes: 0 ok,
    75 another emit (or crawl) is writing, 2 not a PostgreSQL store, 1 the store or
    the output cannot be used.
    """
    from noticecli.crawl.drain import emit_pending
    from noticecli.crawl.stores import open_store

    url = queue_url(db)
    with open_store(url, create=False) as store:
        written = emit_pending(store, url, out)
    if not quiet:
        say(f"emit: {written} record(s) written")


def crawl_on_queue(
    ctx: click.Context,
    url: str,
    sites: list[Any],
    *,
    out: Path | None,
    revalidate: str,
    revalidate_after: float,
    concurrency: int,
    failing_after: int,
    delay: float | None,
    repair: bool,
    fetch_options: Any,
    quiet: bool,
    verbose: bool,
) -> None:
    """``crawl --db postgresql://…``: enqueue the sites, run one worker here until the queue
    is empty (other workers may help), then write out what is new, once, to ``out`` or
    stdout. Exit codes as crawl's."""
    import datetime

    from noticecli.crawl.drain import emit_pending
    from noticecli.crawl.enqueue import enqueue_sites
    from noticecli.crawl.queue_setup import QUEUE, require_driver
    from noticecli.crawl.run import RunCounts
    from noticecli.crawl.stores import masked_url, open_store
    from noticecli.crawl.worker import WorkerSettings, run_worker

    require_driver(masked_url(url))
    started = time.monotonic()
    enqueue_sites(
        url,
        sites,
        revalidate=revalidate,
        revalidate_after=datetime.timedelta(hours=revalidate_after),
    )
    counts = RunCounts()
    # The crawl's jobs only: re-parse jobs are left to the workers (or `reparse`).
    settings = WorkerSettings(
        concurrency=concurrency,
        until_idle=True,
        delay=delay,
        repair=repair,
        failing_after=failing_after,
        queues=(QUEUE,),
    )
    try:
        run_worker(
            url,
            fetch_options=fetch_options,
            settings=settings,
            log=stderr_logger(verbose and not quiet),
            on_failure=say,
            counts=counts,
            debug=bool((ctx.obj or {}).get("debug")),
        )
    except KeyboardInterrupt:
        raise Interrupted(
            f"crawl: {counts.summary()} in {time.monotonic() - started:.1f} s; all of it is "
            f"kept in {masked_url(url)}, the rest stays queued, and the next run (or "
            "`noticecli emit`) writes out what is new"
        ) from None
    with open_store(url) as store:
        emit_pending(store, url, out)
    if not quiet or verbose:
        say(f"crawl: {counts.summary()} in {time.monotonic() - started:.1f} s")
    ctx.exit(EXIT_SOME_FAILED if counts.failures else EXIT_OK)
