"""``search`` results for people: one row per hit, the date beside a wide cell holding the
title, the full URL (folded, never cut) and the text around the match, centred on it so the
match stays in view however narrow the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from noticecli.crawl.state import SNIPPET_MARKS

_DATE_WIDTH = 10  # 2024-11-05
_SNIPPET_LINES = 2


def print_hits(hits: Sequence[Any], console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    table = Table(show_lines=True, expand=True)
    table.add_column("published", width=_DATE_WIDTH, no_wrap=True)
    table.add_column("notice", overflow="fold", ratio=1)
    # The notice cell's width: the table's borders and padding take 7 cells.
    room = max(20, console.width - _DATE_WIDTH - 7)
    for hit in hits:
        cell = Text()
        cell.append(hit.title or "(no title)", style="bold")
        cell.append("\n")
        cell.append(hit.url, style="cyan")
        if hit.snippet:
            cell.append("\n")
            cell.append_text(_marked(around_match(hit.snippet, room * _SNIPPET_LINES)))
        table.add_row((hit.published_at or "")[:_DATE_WIDTH], cell)
    console.print(table)


def around_match(snippet: str, cells: int) -> str:
    """``snippet`` cut to at most ``cells`` terminal cells (a Chinese character takes two)
    around its first marked match: a third of the room before it, the rest after."""
    if cell_len(snippet) <= cells:
        return snippet
    opening = snippet.find(SNIPPET_MARKS[0])
    if opening < 0:
        return _cut_end(snippet, cells)
    before = snippet[:opening]
    budget = cells // 3
    start = len(before)
    while start > 0 and cell_len(before[start - 1 :]) + 1 <= budget:
        start -= 1
    head = ("…" + before[start:]) if start > 0 else before
    return _cut_end(head + snippet[opening:], cells)


def _cut_end(text: str, cells: int) -> str:
    if cell_len(text) <= cells:
        return text
    end = len(text)
    while end > 0 and cell_len(text[:end]) + 1 > cells:
        end -= 1
    return text[:end] + "…"


def _marked(snippet: str) -> Text:
    """The snippet with each marked match highlighted (the marks kept, for plain terminals)."""
    text = Text()
    opening, closing = SNIPPET_MARKS
    rest = snippet
    while True:
        start = rest.find(opening)
        end = rest.find(closing, start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            text.append(rest)
            return text
        text.append(rest[:start])
        text.append(rest[start : end + 1], style="bold yellow")
        rest = rest[end + 1 :]
