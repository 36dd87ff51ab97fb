"""What every command shares: exit codes, one-line error reports, option decorators."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, NoReturn, TypeVar

import click

from noticecli.errors import NoticeError

EXIT_OK = 0
EXIT_SOME_FAILED = 1

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


DEFAULT_MAX_BYTES = 20 * 1024 * 1024


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
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Refuse inputs larger than this many bytes.",
    )(function)


def page_options(function: F) -> F:
    """What every command that turns pages into notices takes (parse, fetch)."""
    return no_repair_option(max_bytes_option(function))


def read_stdin(max_bytes: int) -> bytes:
    """Standard input, refused (InputError) when over ``max_bytes``; never reads more than
    one byte past the limit."""
    from noticecli.errors import InputError

    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"input is over the {max_bytes} byte limit (--max-bytes)", source="<stdin>"
        )
    return data


class CommandFailed(click.ClickException):
    """Ends a command with ``noticecli: MESSAGE`` on stderr and exit 1 (click's own
    ClickException would say ``Error: MESSAGE``)."""

    exit_code = EXIT_SOME_FAILED

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"noticecli: {self.format_message()}", err=True)


def fail(error: BaseException, debug: bool, *, source: str | None = None) -> NoReturn:
    """Stop the command on ``error`` (an OSError or a NoticeError): one line and exit 1, or
    the traceback with --debug."""
    if debug:
        raise error
    if isinstance(error, OSError):
        message = f"{source or error.filename}: cannot write: {error.strerror or error}"
    else:
        message = str(error) if source is None else f"{source}: {error}"
    raise CommandFailed(message) from None


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
        help="Write to FILE (atomically: complete or not at all) instead of stdout. "
        "A FILE that cannot be created fails the command (exit 1) before any work.",
    )(function)
    return function


def verbose_option(function: F) -> F:
    """-v/--verbose of the commands that fetch (fetch, crawl); see :func:`stderr_logger`."""
    return click.option(
        "-v", "--verbose", is_flag=True, help="Log retries and robots decisions on stderr."
    )(function)


def stderr_logger(verbose: bool) -> Callable[[str], None] | None:
    if not verbose:
        return None

    def log(message: str) -> None:
        click.echo(f"noticecli: {message}", err=True)

    return log


EXIT_LOCKED = 75  # EX_TEMPFAIL: another crawl holds the store
EXIT_CONFIG = 78  # EX_CONFIG: the sites file is wrong


def exit_with(ctx: click.Context, error: NoticeError, code: int, debug: bool) -> NoReturn:
    """One line and exit ``code`` (or the traceback with --debug)."""
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
