"""sites example, sites path, sites check, sites status: the sites file that crawl watches,
loading it with first-run help, and how each site in the store is doing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from noticecli.cli.common import (
    DEFAULT_MAX_BYTES,
    open_existing_store,
    sites_option,
    store_option,
)
from noticecli.cli.network import (
    NetworkSettings,
    RenderSettings,
    fetch_options,
    render_options,
)
from noticecli.cli.report import EXIT_OK, EXIT_SOME_FAILED, say


def load_sites_for(sites_path: Path | None, names: tuple[str, ...]) -> list[Any]:
    """The sites of the sites file (``--sites`` or the default), those named when any are;
    a ConfigError (exit 78) saying where the file was looked for and how to make one when
    it is missing, or naming the line when it is wrong."""
    return list(load_sites_file_for(sites_path, names).sites)


def load_sites_file_for(sites_path: Path | None, names: tuple[str, ...]) -> Any:
    """:func:`load_sites_for` with the file's run settings: a ``SitesFile`` holding only the
    sites named (all when none are)."""
    import dataclasses

    from noticecli.crawl.sites import default_sites_path, load_sites_file
    from noticecli.errors import ConfigError

    path = sites_path or default_sites_path()
    if not path.exists() and not path.is_symlink():
        if sites_path is None:
            hint = (
                "no sites file in the default place; create one there with "
                '`noticecli sites example > "$(noticecli sites path)"` and edit it, '
                "or give --sites FILE"
            )
        else:
            hint = f"no such file; `noticecli sites example > {path}` writes one to start from"
        raise ConfigError(hint, source=str(path))
    loaded = load_sites_file(path)
    unknown = [name for name in names if name not in {site.name for site in loaded.sites}]
    if unknown:
        raise ConfigError(f"no site named {', '.join(unknown)}", source=str(path))
    chosen = [site for site in loaded.sites if not names or site.name in names]
    return dataclasses.replace(loaded, sites=chosen)


@click.group()
def sites() -> None:
    """The sites file (what crawl watches), and how each site is doing."""


@sites.command("example")
def sites_example() -> None:
    """Print a commented example sites file.

    noticecli sites example > "$(noticecli sites path)" puts it where crawl and sites check
    look by default.
    """
    from noticecli.crawl.sites import EXAMPLE

    click.echo(EXAMPLE, nl=False)


@sites.command("path")
def sites_path_command() -> None:
    """Print where crawl and sites check look for the sites file when --sites is not given.

    Its folder is created if missing, so that noticecli sites example > "$(noticecli sites
    path)" works on a fresh system.
    """
    from noticecli.crawl.sites import default_sites_path
    from noticecli.errors import OutputError

    path = default_sites_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"cannot create the folder: {error.strerror or error}", source=str(path.parent)
        ) from None
    click.echo(str(path))


@sites.command("check")
@click.argument("site_names", nargs=-1, metavar="[SITE]...")
@sites_option
@fetch_options
@render_options(flag=False)
@click.pass_context
def sites_check(
    ctx: click.Context,
    site_names: tuple[str, ...],
    sites_path: Path | None,
    network: NetworkSettings,
    rendering: RenderSettings,
) -> None:
    """Check the sites file, then fetch each site's first listing page and show its items.

    The items go to stdout as a table; what is wrong goes to stderr, and the exit code is 1
    when a listing page gave no items. Each site's delay applies unless --delay is given.
    Sites with render = true are read in a headless Chromium (without the render extra or
    Chromium, exit 2). A listing only a browser can read (a JavaScript challenge page, a
    list a script fills) is reported with the render setting that reads it and, when
    rendering is possible here, rendered to show what that setting finds.
    """
    import asyncio

    from noticecli.crawl.check import check_sites
    from noticecli.crawl.sites import default_sites_path

    selected = load_sites_for(sites_path, site_names)
    if any(site.render for site in selected):
        rendering.render_options()  # exit 2 at once when rendering is not possible here
    say(f"{sites_path or default_sites_path()}: OK, {len(selected)} site(s)")
    network.announce()
    options = network.fetch_options(max_bytes=DEFAULT_MAX_BYTES)
    given = ctx.get_parameter_source("delay") is click.core.ParameterSource.COMMANDLINE
    ok = asyncio.run(
        check_sites(
            selected,
            options,
            stream=sys.stdout,
            problem=say,
            delay=network.delay if given else None,
            render_with=rendering.render_options,
        )
    )
    ctx.exit(EXIT_OK if ok else EXIT_SOME_FAILED)


@sites.command("status")
@click.argument("site_names", nargs=-1, metavar="[SITE]...")
@store_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "jsonl"]),
    help="table: for people (default on a terminal); jsonl: one object per site with "
    "every field (default otherwise).",
)
def sites_status(
    site_names: tuple[str, ...], db: Path | str | None, output_format: str | None
) -> None:
    """How each site in the store is doing: its last run and how it ended (ok, partial:
    some pages failed, failed: its listings could not be read or no new notice could),
    its last success, failed runs in a row, its last new notice, the pages and notices
    known, and its last failure with the reason. Times are UTC. A store that does not
    exist is refused (exit 1), never created."""
    import json

    from noticecli.errors import InputError

    with open_existing_store(db) as store:
        unknown = sorted(set(site_names) - set(store.site_names()))
        if unknown:
            raise InputError(
                f"no site named {', '.join(map(repr, unknown))} in the store",
                source=store.location,
            )
        statuses = store.site_statuses(site_names)
    if not statuses:
        say("sites status: no sites in the store yet (run noticecli crawl)")
        return
    fmt = output_format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "jsonl":
        for status in statuses:
            click.echo(json.dumps(status.to_dict(), ensure_ascii=False))
        return
    from rich.console import Console

    from noticecli.cli.status_table import print_statuses

    print_statuses(statuses, Console(highlight=False, width=None if sys.stdout.isatty() else 200))
