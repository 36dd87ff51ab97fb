"""What every command shares: exit codes, one-line error reports, option decorators."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from noticecli.errors import NoticeError

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

F = TypeVar("F", bound=Callable[..., Any])


def report_failure(source: str, error: BaseException, debug: bool) -> None:
    if debug:
        raise error
    if isinstance(error, NoticeError):
        message = str(error) if error.source else f"{source}: {error}"
    else:
        message = (
            f"{source}: internal error: {type(error).__name__}: {error} "
            "(run with --debug for a traceback)"
        )
    click.echo(f"noticecli: {message}", err=True)


def input_options(function: F) -> F:
    """Options every command that reads pages spells the same way."""
    function = click.option(
        "--encoding",
        metavar="NAME",
        help="Decode input with this encoding instead of detecting it (gbk is read as gb18030).",
    )(function)
    function = click.option(
        "--no-repair",
        is_flag=True,
        help="Leave the text exactly as parsed; possible repairs become warnings.",
    )(function)
    function = click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=20 * 1024 * 1024,
        show_default=True,
        help="Refuse inputs larger than this many bytes.",
    )(function)
    return function


def output_options(function: F) -> F:
    function = click.option(
        "--format",
        "output_format",
        type=click.Choice(["json", "jsonl", "table"]),
        help="json: one document (an array for several inputs; pretty on a terminal); "
        "jsonl: one line per input (default for several inputs); table: for people.",
    )(function)
    function = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        help="Write to FILE (atomically: complete or not at all) instead of stdout.",
    )(function)
    return function


def fetch_options(function: F) -> F:
    """Network options shared by fetch and crawl."""
    options = [
        click.option("--user-agent", metavar="TEXT", help="User-Agent to send instead of ours."),
        click.option(
            "--contact",
            metavar="URL|EMAIL",
            help="Contact added to our User-Agent: noticecli/VERSION (+CONTACT).",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0.1),
            default=30.0,
            show_default=True,
            help="Total seconds allowed for one request, headers and body.",
        ),
        click.option(
            "--delay",
            type=click.FloatRange(min=0),
            default=1.0,
            show_default=True,
            help="Seconds between requests to one host (plus jitter; Crawl-delay wins if longer).",
        ),
        click.option(
            "--retries",
            type=click.IntRange(min=0, max=20),
            default=3,
            show_default=True,
            help="Extra attempts on timeouts, connection errors, 408, 429 and 5xx.",
        ),
        click.option(
            "--max-retry-wait",
            type=click.FloatRange(min=0),
            default=60.0,
            show_default=True,
            help="Longest wait before a retry, Retry-After included.",
        ),
        click.option(
            "--allow-private",
            is_flag=True,
            help="Allow hosts on loopback, private and link-local addresses (intranets, tests).",
        ),
        click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt (logged)."),
        click.option(
            "--insecure", is_flag=True, help="Do not verify TLS certificates (said on stderr)."
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def stderr_logger(verbose: bool) -> Callable[[str], None] | None:
    if not verbose:
        return None

    def log(message: str) -> None:
        click.echo(f"noticecli: {message}", err=True)

    return log


EXIT_LOCKED = 75  # EX_TEMPFAIL: another crawl holds the store
EXIT_CONFIG = 78  # EX_CONFIG: the sites file is wrong


def exit_with(ctx: click.Context, error: NoticeError, code: int, debug: bool) -> None:
    if debug:
        raise error
    click.echo(f"noticecli: {error}", err=True)
    ctx.exit(code)


def store_option(function: F) -> F:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The SQLite state store (default: noticecli.db in the user data folder).",
    )(function)


def sites_option(function: F) -> F:
    return click.option(
        "--sites",
        "sites_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The sites file (default: sites.toml in the user config folder).",
    )(function)
