"""Live progress on a terminal's stderr: a bar for ``fetch``, a status of the sites for
``crawl``.

The display lives on stderr only, and only when stderr is a terminal (never in pipes or
cron mail). It never stands in for stdout: rich would by default route ``sys.stdout``
through the display while it runs, which sends records meant for a pipe or a file to the
terminal instead; here stdout is left alone, and when stdout is the terminal as well the
display is erased before each write to it (:meth:`StderrDisplay.clear_for_stdout`) and drawn
again on the next update. Lines written to stderr meanwhile appear above the display.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


class StderrDisplay:
    """A rich ``Live`` on stderr that leaves stdout alone; ``get_renderable`` gives what to
    draw at each refresh."""

    def __init__(self, get_renderable: Callable[[], Any]) -> None:
        from rich.console import Console
        from rich.live import Live

        self._live = Live(
            console=Console(stderr=True),
            get_renderable=get_renderable,
            transient=True,
            redirect_stdout=False,
            refresh_per_second=8,
        )
        self._stdout_is_terminal = sys.stdout.isatty()
        self._live.start()

    @property
    def width(self) -> int:
        return self._live.console.width

    def show(self, *, now: bool = True) -> None:
        """Draw the display again if a write to stdout erased it; ``now=False`` leaves the
        drawing to the next of its regular refreshes when it is up."""
        if not self._live.is_started:
            self._live.start(refresh=now)
        elif now:
            self._live.refresh()

    def clear_for_stdout(self) -> None:
        """Erase the display before something is written to a terminal stdout (no-op when
        stdout is a pipe or a file)."""
        if self._stdout_is_terminal and self._live.is_started:
            self._live.stop()

    def stop(self) -> None:
        self._live.stop()


class FetchProgress:
    """``fetch``: a bar when stderr is a terminal and there are several URLs; otherwise one
    plain line on stderr per URL fetched."""

    def __init__(self, total: int) -> None:
        self._bar: Any = None
        self._display: StderrDisplay | None = None
        if sys.stderr.isatty() and total > 1:
            from rich.progress import Progress

            self._bar = Progress()
            self._task = self._bar.add_task("fetching", total=total)
            self._display = StderrDisplay(self._bar.get_renderable)

    def advance(self, outcome: Any) -> None:
        if self._display is not None:
            self._bar.advance(self._task)
            self._display.show()
        elif outcome.notice is not None and outcome.notice.fetch is not None:
            from noticecli.cli.report import say

            info = outcome.notice.fetch
            say(f"fetched {outcome.url} {info.status} {info.elapsed_ms} ms")

    def clear_for_stdout(self) -> None:
        if self._display is not None:
            self._display.clear_for_stdout()

    def close(self) -> None:
        if self._display is not None:
            self._display.stop()


class CrawlStatus:
    """``crawl``: on a terminal's stderr (create it only when stderr is one), a spinner and a
    bar of the sites done of all, the pages fetched, notices new and changed, pages failed,
    and the host whose request has been under way longest. Drawn from ``counts`` at each
    refresh, so it moves while every host waits for its turn."""

    def __init__(self, counts: Any) -> None:
        from rich.spinner import Spinner

        self._counts = counts
        self._spinner = Spinner("dots")
        self._display = StderrDisplay(self._render)

    def _render(self) -> Any:
        from rich.console import Group
        from rich.progress_bar import ProgressBar
        from rich.table import Table
        from rich.text import Text

        counts = self._counts
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(width=20, no_wrap=True)
        grid.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
        done = Text(
            f"{counts.sites_done}/{counts.sites_total} sites · {counts.pages_fetched} pages · "
            f"{counts.notices_new} new · {counts.notices_changed} changed · "
            f"{counts.failures} failed"
        )
        bar = ProgressBar(total=max(counts.sites_total, 1), completed=counts.sites_done)
        grid.add_row(self._spinner, bar, done)
        slowest = counts.slowest()
        if slowest is None:
            return grid
        host, seconds = slowest
        line = Text(f"  slowest host now: {host} ({seconds:.1f} s)", no_wrap=True)
        line.truncate(self._display.width, overflow="ellipsis")
        return Group(grid, line)

    def update(self, counts: Any, what: str) -> None:
        """A page or a site is done: draw the display again if a record erased it."""
        self._display.show(now=False)

    def clear_for_stdout(self) -> None:
        self._display.clear_for_stdout()

    def stop(self) -> None:
        self._display.stop()
