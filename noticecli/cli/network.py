"""The network options of ``fetch`` and ``crawl``, kept apart from :mod:`noticecli.cli.common`
so that ``noticecli parse`` does not define them (a frozen dataclass costs about 1 ms at
start-up), and the options of rendering pages in a browser."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from noticecli.cli.values import Bounded
from noticecli.fetch.politeness import MAX_DELAY

if TYPE_CHECKING:
    from noticecli.fetch.address import IPNetwork
    from noticecli.fetch.client import FetchOptions
    from noticecli.fetch.render import RenderOptions

    _NetworkParam = click.ParamType[IPNetwork]
else:
    _NetworkParam = click.ParamType

F = TypeVar("F", bound=Callable[..., Any])

# Finite bounds, so a mistyped value cannot stall a run for days.
MAX_TIMEOUT = 3600.0  # an hour for one request, or before one retry


class Network(_NetworkParam):
    """An IP network in CIDR form (``10.1.0.0/16``), or one address (``127.0.0.2``)."""

    name = "cidr"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> IPNetwork:
        if isinstance(value, ipaddress.IPv4Network | ipaddress.IPv6Network):
            return value
        try:
            return ipaddress.ip_network(str(value).strip(), strict=False)
        except ValueError as error:
            self.fail(f"{value!r} is not an IP network: {error}", param, ctx)


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
        click.option(
            "--allow-network",
            "allow_network",
            type=Network(),
            multiple=True,
            metavar="CIDR",
            help="Allow hosts whose addresses are in this network although it is not public "
            "(10.1.0.0/16, 127.0.0.2/32); repeatable. Narrower than --allow-private: every "
            "other private address is still refused.",
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
    "allow_network",
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
    allow_network: tuple[IPNetwork, ...]
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
            allow_networks=self.allow_network,
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


# --- rendering in a browser ---------------------------------------------------------------

MAX_RENDER_TIMEOUT = 600.0


def render_options(*, flag: bool) -> Callable[[F], F]:
    """The browser's options: ``--chromium`` and ``--render-timeout``, with ``flag`` also
    ``--render`` and ``--wait-for`` (fetch; crawl takes them from the sites file)."""

    def decorate(function: F) -> F:
        options = []
        if flag:
            options += [
                click.option(
                    "--render",
                    is_flag=True,
                    help="Load each page in a headless Chromium and parse the DOM it builds: "
                    "for lists and pages a script fills, and JavaScript challenge pages. "
                    "Needs the render extra (pip install 'noticecli[render]') and Chromium; "
                    "without them, exit 2 with how to install them.",
                ),
                click.option(
                    "--wait-for",
                    metavar="CSS",
                    help="With --render: the page is ready when this selector matches "
                    "(instead of when the network is idle).",
                ),
            ]
        options += [
            click.option(
                "--chromium",
                metavar="PATH",
                envvar="NOTICECLI_CHROMIUM",
                show_envvar=True,
                help="The Chromium (or Chrome) to render with (default: chromium, "
                "google-chrome … on PATH).",
            ),
            click.option(
                "--render-timeout",
                type=Bounded(1.0, MAX_RENDER_TIMEOUT),
                default=60.0,
                show_default=True,
                help="Seconds one page may take in the browser: its document, what it "
                f"loads and its scripts (1 to {MAX_RENDER_TIMEOUT:g}).",
            ),
        ]

        @functools.wraps(function)
        def with_render(*args: Any, **kwargs: Any) -> Any:
            settings = RenderSettings(
                render=kwargs.pop("render", False),
                wait_for=kwargs.pop("wait_for", None),
                chromium=kwargs.pop("chromium"),
                timeout=kwargs.pop("render_timeout"),
            )
            return function(*args, rendering=settings, **kwargs)

        wrapped: Any = with_render
        for option in reversed(options):
            wrapped = option(wrapped)
        return cast(F, wrapped)

    return decorate


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """The browser's options as given; :meth:`render_options` checks that rendering can
    happen here (the extra, a Chromium: exit 2 with how to get them otherwise)."""

    render: bool
    wait_for: str | None
    chromium: str | None
    timeout: float

    def check(self) -> None:
        """A usage error for --wait-for without --render, or a selector that cannot parse."""
        from noticecli.errors import UsageError
        from noticecli.rules import selector_problem

        if self.wait_for is None:
            return
        if not self.render:
            raise UsageError("--wait-for is for pages loaded with --render")
        problem = selector_problem(self.wait_for)
        if problem:
            raise UsageError(
                f"--wait-for {self.wait_for!r} is not a usable CSS selector: {problem}"
            )

    def render_options(self) -> RenderOptions:
        from noticecli.fetch.browser import render_available
        from noticecli.fetch.render import RenderOptions

        return RenderOptions(executable=render_available(self.chromium), timeout=self.timeout)
