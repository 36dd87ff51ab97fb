"""crawl: watching sites with a state store."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from noticecli.cli.common import (
    page_options,
    revalidate_options,
    sites_option,
    stderr_logger,
    store_option,
    verbose_option,
)
from noticecli.cli.network import (
    NetworkSettings,
    RenderSettings,
    fetch_options,
    render_options,
)
from noticecli.cli.report import EXIT_OK, EXIT_SOME_FAILED, Interrupted, say
from noticecli.cli.sites_commands import load_sites_file_for

# As in noticecli.crawl.sites (not imported here: the sites module is loaded only to run).
MAX_CONCURRENCY = 256
MAX_FAILING_AFTER = 1000


@click.command()
@click.argument("site_names", nargs=-1, metavar="[SITE]...")
@sites_option
@store_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append new notices and revisions to FILE as JSON lines (whole lines, fsynced in "
    "batches; each record once, even across a kill) instead of printing them.",
)
@revalidate_options(
    "Which known notices to re-check with conditional requests: those not checked "
    "for --revalidate-after hours, all of them, or none."
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, MAX_CONCURRENCY),
    metavar="N",
    help=f"Crawl up to N hosts at once, each still one request at a time with its delay "
    f"(1 to {MAX_CONCURRENCY}; default: the sites file's [defaults] concurrency, else 16). "
    "Sites on one host are crawled one after another.",
)
@click.option(
    "--failing-after",
    type=click.IntRange(0, MAX_FAILING_AFTER),
    metavar="N",
    help="Report on stderr, once per run, each site that has failed N runs in a row "
    "(default: the sites file's [defaults] failing_after, else 3; 0: never).",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="For cron: say nothing but failures (and a store just created); with -v, also "
    "the one-line summary.",
)
@verbose_option
@page_options
@fetch_options
@render_options(flag=False)
@click.pass_context
def crawl(
    ctx: click.Context,
    site_names: tuple[str, ...],
    sites_path: Path | None,
    db: Path | str | None,
    out: Path | None,
    revalidate: str,
    revalidate_after: float,
    concurrency: int | None,
    failing_after: int | None,
    quiet: bool,
    verbose: bool,
    no_repair: bool,
    max_bytes: int,
    network: NetworkSettings,
    rendering: RenderSettings,
) -> None:
    """Watch the sites in the sites file and emit only what is new or changed (for cron).

    Each new notice is printed (or appended to --out) once, as parse JSON plus a "crawl"
    object (notice_id, site, revision, change, changed_fields, recorded_at); a changed
    notice comes out again as its next revision. Hosts are crawled side by side
    (--concurrency), each politely. A store that does not exist yet is created (said on
    stderr). Sites with render = true in the sites file are read in a headless Chromium
    (started once for the run; without the render extra or Chromium, exit 2 before any
    request). On a terminal, progress is shown on stderr. Ctrl-C or SIGTERM stops the run
    with everything so far kept in the store; the next run goes on from there. Exit codes:
    0 ok, 1 some pages failed, 75 another crawl holds the store, 78 bad sites file, 130/143
    interrupted.
    """
    import datetime

    from noticecli.crawl.run import RunCounts
    from noticecli.crawl.session import CrawlSettings, run_crawl
    from noticecli.crawl.state import default_db_path
    from noticecli.errors import InputError

    if isinstance(db, str):
        # A PostgreSQL URL (see common.StoreLocation): enqueue, one worker here until the
        # queue is empty, then what is new written out once.
        from noticecli.cli.queue_commands import crawl_on_queue

        sites_file = load_sites_file_for(sites_path, site_names)
        given = ctx.get_parameter_source("delay") is click.core.ParameterSource.COMMANDLINE
        network.announce(quiet=quiet)
        crawl_on_queue(
            ctx,
            db,
            sites_file.sites,
            out=out,
            revalidate=revalidate,
            revalidate_after=revalidate_after,
            concurrency=concurrency or sites_file.concurrency,
            failing_after=sites_file.failing_after if failing_after is None else failing_after,
            delay=network.delay if given else None,
            repair=not no_repair,
            fetch_options=network.fetch_options(max_bytes=max_bytes),
            quiet=quiet,
            verbose=verbose,
        )
        return
    sites_file = load_sites_file_for(sites_path, site_names)
    # Checked before the store is opened: no render extra or no Chromium is exit 2.
    render = rendering.render_options() if any(s.render for s in sites_file.sites) else None
    network.announce(quiet=quiet)
    # A site's own delay applies unless --delay was given on the command line.
    given = ctx.get_parameter_source("delay") is click.core.ParameterSource.COMMANDLINE
    settings = CrawlSettings(
        repair=not no_repair,
        revalidate=revalidate,
        revalidate_after=datetime.timedelta(hours=revalidate_after),
        delay=network.delay if given else None,
        concurrency=concurrency or sites_file.concurrency,
        failing_after=sites_file.failing_after if failing_after is None else failing_after,
        render=render,
    )
    db_path = db or default_db_path()
    counts = RunCounts()
    status_line = None
    if sys.stderr.isatty() and not quiet:
        from noticecli.cli.progress import CrawlStatus

        status_line = CrawlStatus(counts)
    started = time.monotonic()
    try:
        run_crawl(
            sites_file.sites,
            db_path=db_path,
            out_path=out,
            fetch_options=network.fetch_options(max_bytes=max_bytes),
            settings=settings,
            # In cron (-q), retries and pauses are not failures: -v adds only the summary.
            log=stderr_logger(verbose and not quiet),
            on_progress=status_line.update if status_line else None,
            before_stdout=status_line.clear_for_stdout if status_line else None,
            on_new_store=lambda path: say(f"creating a new store: {path}"),
            counts=counts,
        )
    except KeyboardInterrupt:
        for line in counts.failed + counts.failing:
            say(line)
        raise Interrupted(
            f"crawl: {counts.summary()} in {time.monotonic() - started:.1f} s; all of it is "
            f"kept in {db_path}, and the next run goes on from there"
        ) from None
    except BrokenPipeError:
        raise  # `| head`: ends quietly; what was not written stays pending for the next run
    except OSError as error:  # the lock file's folder, a full disk …
        raise InputError(
            f"cannot use it for the store: {error.strerror or error}", source=error.filename
        ) from None
    finally:
        if status_line:
            status_line.stop()
    for line in counts.failed + counts.failing:
        say(line)
    if not quiet or verbose:
        say(f"crawl: {counts.summary()} in {time.monotonic() - started:.1f} s")
    ctx.exit(EXIT_SOME_FAILED if counts.failures else EXIT_OK)
