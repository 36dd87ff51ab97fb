"""What every command shares: option decorators and reading standard input. (Errors and
exit codes: :mod:`noticecli.cli.report`.)"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from noticecli.cli.values import STORE_ENV_VAR, Bounded, ByteSize, StoreLocation
from noticecli.errors import NoticeError

F = TypeVar("F", bound=Callable[..., Any])


DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_REVALIDATE_AFTER = 24.0 * 365  # hours: a year


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        from noticecli.decode import canonical_encoding

        try:
            canonical_encoding(value)
        except NoticeError as error:
            raise click.BadParameter(str(error), ctx=ctx, param=param) from None
    return value


def encoding_option(function: F) -> F:
    """--encoding, for commands that read files (parse, normalize); an unknown name is a
    usage error (exit 2). fetch has none: the HTTP charset and the page decide."""
    return click.option(
        "--encoding",
        metavar="NAME",
        callback=_check_encoding,
        help="Decode input with this encoding instead of detecting it (gbk is read as gb18030).",
    )(function)


def no_repair_option(function: F) -> F:
    return click.option(
        "--no-repair",
        is_flag=True,
        help="Leave the text exactly as parsed; possible repairs become warnings.",
    )(function)


def max_bytes_option(function: F) -> F:
    return click.option(
        "--max-bytes",
        type=ByteSize(),
        default="20M",
        show_default=True,
        help="Refuse inputs larger than this: bytes, or with k, M or G (1024-based): 500k, 20M.",
    )(function)


def page_options(function: F) -> F:
    """What every command that turns pages into notices takes (parse, fetch)."""
    return no_repair_option(max_bytes_option(function))


def read_stdin(max_bytes: int) -> bytes:
    """Standard input, refused (InputError) when over ``max_bytes``; never reads more than
    one byte past the limit."""
    from noticecli.errors import InputError
    from noticecli.sizes import format_size

    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"input is over the {format_size(max_bytes)} limit (--max-bytes)", source="<stdin>"
        )
    return data


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
        help="Write to FILE instead of stdout, atomically: FILE appears complete when the "
        "command ends, or is left as it was. Interrupted (Ctrl-C, SIGTERM), the documents "
        "complete by then are kept in FILE.partial. A FILE that cannot be created fails the "
        "command (exit 1) before any work.",
    )(function)
    return function


def verbose_option(function: F) -> F:
    """-v/--verbose of the commands that fetch (fetch, crawl); see :func:`stderr_logger`."""
    return click.option(
        "-v",
        "--verbose",
        is_flag=True,
        help="Log retries, robots.txt decisions and pauses of 2 s or more on stderr.",
    )(function)


def stderr_logger(verbose: bool) -> Callable[[str], None] | None:
    if not verbose:
        return None

    from noticecli.cli.report import say

    return say


def store_option(function: F) -> F:
    return click.option(
        "--db",
        type=StoreLocation(),
        envvar=STORE_ENV_VAR,
        show_envvar=True,
        metavar="PATH|URL",
        help="The state store: a SQLite file (default: noticecli.db in the user data "
        "folder), or a PostgreSQL database, postgresql://USER@HOST/DBNAME (the postgres "
        "extra: pip install 'noticecli[postgres]').",
    )(function)


def open_existing_store(db: Path | str | None) -> Any:
    """The store for a read-only command (a NoticeStore): a missing SQLite file, or a
    database without noticecli's tables, is an InputError (one line, exit 1), never a new
    empty store; a PostgreSQL URL without the driver is exit 2."""
    from noticecli.crawl.state import default_db_path
    from noticecli.crawl.stores import open_store

    return open_store(db or default_db_path(), create=False)


def sites_option(function: F) -> F:
    return click.option(
        "--sites",
        "sites_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The sites file (default: the path `noticecli sites path` prints).",
    )(function)


def revalidate_options(revalidate_help: str) -> Callable[[F], F]:
    """--revalidate (due, all, none; its help says what the command does with them) and
    --revalidate-after, as ``crawl`` and ``enqueue`` both take them."""

    def decorate(function: F) -> F:
        function = click.option(
            "--revalidate-after",
            type=Bounded(0.0, MAX_REVALIDATE_AFTER, "hours"),
            default=24.0,
            show_default=True,
            help="Hours after which a known notice is due for a re-check "
            f"(0 to {MAX_REVALIDATE_AFTER:g}).",
        )(function)
        return click.option(
            "--revalidate",
            type=click.Choice(["due", "all", "none"]),
            default="due",
            show_default=True,
            help=revalidate_help,
        )(function)

    return decorate
