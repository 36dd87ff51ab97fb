"""What every command shares: exit codes, one-line error reports, option decorators."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click

from noticecli.errors import NoticeError

if TYPE_CHECKING:
    from noticecli.fetch.client import FetchOptions

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
            help="Seconds between requests to one host (plus jitter; Crawl-delay wins if longer). "
            "crawl: a site's own delay applies unless this is given.",
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

    @functools.wraps(function)
    def with_network(*args: Any, **kwargs: Any) -> Any:
        network = NetworkSettings(**{name: kwargs.pop(name) for name in _NETWORK_PARAMS})
        return function(*args, network=network, **kwargs)

    wrapped: Any = with_network
    for option in reversed(options):
        wrapped = option(wrapped)
    return cast(F, wrapped)


_NETWORK_PARAMS = (
    "user_agent",
    "contact",
    "timeout",
    "delay",
    "retries",
    "max_retry_wait",
    "allow_private",
    "ignore_robots",
    "insecure",
)


@dataclass(frozen=True, slots=True)
class NetworkSettings:
    """The network options as given; turned into FetchOptions only when a command runs (the
    fetcher's module imports httpx, which `noticecli parse` must not pay for)."""

    user_agent: str | None
    contact: str | None
    timeout: float
    delay: float
    retries: int
    max_retry_wait: float
    allow_private: bool
    ignore_robots: bool
    insecure: bool

    def fetch_options(self, *, max_bytes: int) -> FetchOptions:
        from noticecli.fetch.client import FetchOptions

        return FetchOptions(
            user_agent=self.user_agent,
            contact=self.contact,
            timeout=self.timeout,
            max_bytes=max_bytes,
            allow_private=self.allow_private,
            obey_robots=not self.ignore_robots,
            delay=self.delay,
            retries=self.retries,
            max_retry_wait=self.max_retry_wait,
            verify_tls=not self.insecure,
        )

    def announce(self, *, quiet: bool = False) -> None:
        """Say on stderr what weakens the defaults (cron mail should show it)."""
        if self.insecure:
            click.echo(
                "noticecli: warning: TLS certificates are not verified (--insecure)", err=True
            )
        if self.ignore_robots and not quiet:
            click.echo("noticecli: robots.txt is ignored (--ignore-robots)", err=True)


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
