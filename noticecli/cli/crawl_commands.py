"""crawl, sites check, search, export: watching sites with a state store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from noticecli.cli.common import (
    DEFAULT_MAX_BYTES,
    EXIT_CONFIG,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    exit_with,
    fail,
    page_options,
    sites_option,
    stderr_logger,
    store_option,
    verbose_option,
)
from noticecli.cli.network import NetworkSettings, fetch_options
from noticecli.output import AtomicWriter


def _load_sites(ctx: click.Context, sites_path: Path | None, names: tuple[str, ...]) -> list[Any]:
    from noticecli.crawl.sites import default_sites_path, load_sites
    from noticecli.errors import ConfigError

    path = sites_path or default_sites_path()
    try:
        sites = load_sites(path)
    except ConfigError as error:
        exit_with(ctx, error, EXIT_CONFIG, ctx.obj["debug"])
    unknown = [name for name in names if name not in {site.name for site in sites}]
    if unknown:
        exit_with(
            ctx,
            ConfigError(f"no site named {', '.join(unknown)}", source=str(path)),
            EXIT_CONFIG,
            ctx.obj["debug"],
        )
    return [site for site in sites if not names or site.name in names]


@click.command()
@click.argument("site_names", nargs=-1, metavar="[SITE]...")
@sites_option
@store_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append new notices and revisions to FILE.jsonl (whole lines, fsynced) "
    "instead of printing them.",
)
@click.option(
    "--revalidate",
    type=click.Choice(["due", "all", "none"]),
    default="due",
    show_default=True,
    help="Which known notices to re-check with conditional requests: those not checked "
    "for --revalidate-after hours, all of them, or none.",
)
@click.option(
    "--revalidate-after",
    type=click.FloatRange(min=0),
    default=24.0,
    show_default=True,
    help="Hours after which a known notice is due for a re-check.",
)
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on success (for cron).")
@verbose_option
@page_options
@fetch_options
@click.pass_context
def crawl(
    ctx: click.Context,
    site_names: tuple[str, ...],
    sites_path: Path | None,
    db: Path | None,
    out: Path | None,
    revalidate: str,
    revalidate_after: float,
    quiet: bool,
    verbose: bool,
    no_repair: bool,
    max_bytes: int,
    network: NetworkSettings,
) -> None:
    """Watch the sites in the sites file and emit only what is new or changed (for cron).

    Each new notice is printed (or appended to --out) once, as parse JSON plus a "crawl"
    object (notice_id, site, revision, change, changed_fields); a changed notice comes out
    again as its next revision. Exit codes: 0 ok, 1 some pages failed, 75 another crawl
    holds the store, 78 bad sites file.
    """
    import datetime

    from noticecli.crawl.session import CrawlSettings, run_crawl
    from noticecli.crawl.state import default_db_path
    from noticecli.errors import InputError, LockedError

    debug: bool = ctx.obj["debug"]
    sites = _load_sites(ctx, sites_path, site_names)
    network.announce(quiet=quiet)
    # A site's own delay applies unless --delay was given on the command line.
    given = ctx.get_parameter_source("delay") is click.core.ParameterSource.COMMANDLINE
    settings = CrawlSettings(
        repair=not no_repair,
        revalidate=revalidate,
        revalidate_after=datetime.timedelta(hours=revalidate_after),
        delay=network.delay if given else None,
    )
    status_line = _CrawlStatus() if sys.stderr.isatty() and not quiet else None
    try:
        counts = run_crawl(
            sites,
            db_path=db or default_db_path(),
            out_path=out,
            fetch_options=network.fetch_options(max_bytes=max_bytes),
            settings=settings,
            log=stderr_logger(verbose),
            on_progress=status_line.update if status_line else None,
            on_site=status_line.set_site if status_line else None,
        )
    except LockedError as error:
        exit_with(ctx, error, EXIT_LOCKED, debug)
    except InputError as error:
        exit_with(ctx, error, EXIT_SOME_FAILED, debug)
    except OSError as error:  # the lock file's folder, a full disk …
        exit_with(
            ctx,
            InputError(
                f"cannot use it for the store: {error.strerror or error}", source=error.filename
            ),
            EXIT_SOME_FAILED,
            debug,
        )
    finally:
        if status_line:
            status_line.stop()
    for line in counts.failed:
        click.echo(f"noticecli: {line}", err=True)
    if not quiet or counts.failures:
        click.echo(f"noticecli: crawl: {counts.summary()}", err=True)
    ctx.exit(EXIT_SOME_FAILED if counts.failures else EXIT_OK)


class _CrawlStatus:
    """A live one-line status on a terminal's stderr (rich), never in pipes or cron mail."""

    def __init__(self) -> None:
        from rich.console import Console

        self.site = ""
        self._status = Console(stderr=True).status("crawling")
        self._status.start()

    def update(self, counts: Any, url: str) -> None:
        self._status.update(
            f"{self.site}: {counts.pages_fetched} pages, {counts.notices_new} new, "
            f"{counts.notices_changed} changed, {counts.failures} failed — {url}"
        )

    def set_site(self, site: Any) -> None:
        self.site = site.name

    def stop(self) -> None:
        self._status.stop()


@click.group()
def sites() -> None:
    """The sites file: what crawl watches."""


@sites.command("example")
def sites_example() -> None:
    """Print a commented example sites file (noticecli sites example > sites.toml)."""
    from noticecli.crawl.sites import EXAMPLE

    click.echo(EXAMPLE, nl=False)


@sites.command("check")
@click.argument("site_names", nargs=-1, metavar="[SITE]...")
@sites_option
@fetch_options
@click.pass_context
def sites_check(
    ctx: click.Context,
    site_names: tuple[str, ...],
    sites_path: Path | None,
    network: NetworkSettings,
) -> None:
    """Check the sites file, then fetch each site's first listing page and show its items."""
    import asyncio

    from noticecli.crawl.check import check_sites

    selected = _load_sites(ctx, sites_path, site_names)
    network.announce()
    options = network.fetch_options(max_bytes=DEFAULT_MAX_BYTES)
    ok = asyncio.run(check_sites(selected, options, stream=sys.stdout))
    ctx.exit(EXIT_OK if ok else EXIT_SOME_FAILED)


@click.command()
@click.argument("query")
@store_option
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="At most this many results.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "jsonl"]),
    help="table (default on a terminal) or jsonl (default otherwise).",
)
@click.pass_context
def search(
    ctx: click.Context, query: str, db: Path | None, limit: int, output_format: str | None
) -> None:
    """Full-text search over the titles and bodies of crawled notices (Chinese works:
    terms of three characters or more use the index, shorter ones a scan)."""
    import json

    with _existing_store(ctx, db) as store:
        hits = store.search(query, limit=limit)
    fmt = output_format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "jsonl":
        for hit in hits:
            record = {
                "notice_id": hit.notice_id,
                "url": hit.url,
                "title": hit.title,
                "published_at": hit.published_at,
                "snippet": hit.snippet,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("published_at", "title", "snippet", "url")
    for hit in hits:
        table.add_row(hit.published_at or "", hit.title or "", hit.snippet, hit.url)
    Console().print(table)


def _existing_store(ctx: click.Context, db: Path | None) -> Any:
    """The store for a read-only command; a missing or foreign file is one line, exit 1."""
    from noticecli.crawl.state import StateStore, default_db_path
    from noticecli.errors import InputError

    try:
        return StateStore.open(db or default_db_path(), create=False)
    except InputError as error:
        exit_with(ctx, error, EXIT_SOME_FAILED, ctx.obj["debug"])


def _iso_since(value: str) -> str:
    """--since as the store compares it (ISO, UTC 'Z'); a date alone is its midnight."""
    import datetime

    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO date or time (2026-11-29, 2026-11-29T08:00:00+08:00)",
            param_hint="--since",
        ) from None
    if moment.tzinfo is None and len(value) <= 10:
        return value  # a plain date compares as a prefix of the stored times
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@click.command()
@store_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the full notices; csv: the main fields.",
)
@click.option("--since", metavar="DATE", help="Only notices new or changed since DATE (ISO).")
@click.option("--site", "site_name", metavar="NAME", help="Only this site's notices.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to FILE (atomically) instead of stdout.",
)
@click.pass_context
def export(
    ctx: click.Context,
    db: Path | None,
    output_format: str,
    since: str | None,
    site_name: str | None,
    output: Path | None,
) -> None:
    """Export crawled notices from the store as JSON lines or CSV."""
    from noticecli.crawl.export import write_export
    from noticecli.errors import InputError

    if since is not None:
        since = _iso_since(since)
    with _existing_store(ctx, db) as store:
        if site_name is not None and site_name not in store.site_names():
            exit_with(
                ctx,
                InputError(f"no site named {site_name!r} in the store", source=str(store.path)),
                EXIT_SOME_FAILED,
                ctx.obj["debug"],
            )
        records = store.export(since=since, site=site_name)
        if output is None:
            write_export(records, output_format, sys.stdout)
            return
        try:
            with AtomicWriter(output) as handle:
                write_export(records, output_format, handle)
        except OSError as error:
            fail(error, ctx.obj["debug"], source=str(output))
