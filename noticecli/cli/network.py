"""The network options of ``fetch`` and ``crawl``, kept apart from :mod:`noticecli.cli.common`
so that ``noticecli parse`` does not define them (a frozen dataclass costs about 1 ms at
start-up)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from noticecli.cli.values import Bounded
from noticecli.fetch.politeness import MAX_DELAY

if TYPE_CHECKING:
    from noticecli.fetch.client import FetchOptions

F = TypeVar("F", bound=Callable[..., Any])

# Finite bounds, so a mistyped value cannot stall a run for days.
MAX_TIMEOUT = 3600.0  # an hour for one request, or before one retry


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
            type=Bounded(0.1, MAX_TIMEOUT),
            default=30.0,
            show_default=True,
            help=f"Total seconds allowed for one request, headers and body (0.1 to "
            f"{MAX_TIMEOUT:g}).",
        ),
        click.option(
            "--delay",
            type=Bounded(0.0, MAX_DELAY),
            default=1.0,
            show_default=True,
            help=f"Seconds between requests to one host, 0 to {MAX_DELAY:g} (plus jitter; "
            "robots.txt's Crawl-delay wins if longer). crawl and sites check: a site's own "
            "delay applies unless this is given.",
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
            type=Bounded(0.0, MAX_TIMEOUT),
            default=60.0,
            show_default=True,
            help=f"Longest wait in seconds before a retry, Retry-After included (0 to "
            f"{MAX_TIMEOUT:g}).",
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
        from noticecli.cli.report import say

        if self.insecure:
            say("warning: TLS certificates are not verified (--insecure)")
        if self.ignore_robots and not quiet:
            say("robots.txt is ignored (--ignore-robots)")
