"""``sites status`` for people: one row per site, its failures standing out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def _when(moment: str | None) -> str:
    """``2026-11-29T15:00:00Z`` as ``2026-11-29 15:00``; never as ``-``."""
    return moment[:16].replace("T", " ") if moment else "-"


def print_statuses(statuses: Sequence[Any], console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    table = Table(caption="times in UTC", caption_justify="left")
    table.add_column("site", no_wrap=True)
    table.add_column("last run", no_wrap=True)
    table.add_column("last success", no_wrap=True)
    table.add_column("failed runs\nin a row", justify="right")
    table.add_column("last new notice", no_wrap=True)
    table.add_column("pages", justify="right")
    table.add_column("notices", justify="right")
    table.add_column("last failure", overflow="fold", ratio=1)
    for status in statuses:
        style = {"failed": "red", "partial": "yellow"}.get(status.last_status or "", "")
        last_run = Text(_when(status.last_run_at))
        if status.last_status:
            last_run.append(f" {status.last_status}", style=style)
        failure = Text("-")
        if status.last_error:
            failure = Text(f"{_when(status.last_failure_at)} {status.last_error}")
        in_a_row = Text(str(status.consecutive_failures))
        if status.consecutive_failures:
            in_a_row.stylize("bold red")
        table.add_row(
            status.site,
            last_run,
            _when(status.last_success_at),
            in_a_row,
            _when(status.last_new_at),
            str(status.pages),
            str(status.notices),
            failure,
        )
    console.print(table)
