"""A rich rendering of a Notice for people (``--format table``)."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from noticecli.models import NormalizedText, Notice, Repair

_PREVIEW_BLOCKS = 8
_PREVIEW_CHARS = 120


def render_table(notice: Notice, stream: IO[str]) -> None:
    """Header grid, title and main fields, a body preview, attachments, repairs, warnings."""
    # Piped or redirected, a table gets room for whole values instead of rich's 80 columns.
    width = None if stream.isatty() else 160
    console = Console(file=stream, soft_wrap=False, highlight=False, width=width)
    where = notice.url or notice.file or ""
    console.rule(Text(f"{notice.kind}: {where}", style="bold"))
    main = Table(show_header=False, box=None, pad_edge=False)
    main.add_column(style="bold cyan", no_wrap=True)
    main.add_column()
    for name in ("title", "published_at", "publisher", "source", "editor", "doc_no", "index_no"):
        value = getattr(notice, name)
        if value is not None:
            main.add_row(name, str(value))
    console.print(main)

    if notice.header:
        grid = Table(title="header", title_justify="left", show_lines=False)
        for column in ("label", "key", "value", "iso"):
            grid.add_column(column)
        for field in notice.header:
            grid.add_row(
                field.label,
                field.key or "",
                field.value or "",
                field.iso or "",
                style="dim" if field.origin == "meta_tag" else None,
            )
        console.print(grid)

    if notice.items:
        items = Table(title=f"items ({len(notice.items)})", title_justify="left")
        for column in ("date", "title", "url"):
            items.add_column(column)
        for item in notice.items:
            items.add_row(item.date or item.date_shown or "", item.title, item.url)
        console.print(items)

    for index, block in enumerate(notice.body[:_PREVIEW_BLOCKS]):
        text = block.text or block.src or f"[{len(block.rows or [])} rows]"
        if len(text) > _PREVIEW_CHARS:
            text = text[:_PREVIEW_CHARS] + "…"
        console.print(Text(f"{index:>3} {block.type:<9} ", style="dim") + Text(text))
    if len(notice.body) > _PREVIEW_BLOCKS:
        console.print(Text(f"    … {len(notice.body) - _PREVIEW_BLOCKS} more blocks", style="dim"))

    for attachment in notice.attachments:
        console.print(
            Text("attachment ", style="bold")
            + Text(f"{attachment.name}  {attachment.url or '(no link)'}")
        )
    for repair in notice.repairs:
        where_text = repair.field if repair.block is None else f"body[{repair.block}]"
        console.print(
            Text("repair ", style="bold green")
            + Text(f"{where_text}: {repair.before} → {repair.after} ")
            + Text(f"({repair.rule}, {repair.confidence})", style="dim")
        )
    for warning in notice.warnings:
        console.print(
            Text("warning ", style="bold yellow") + Text(f"{warning.code}: {warning.message}")
        )


def render_diff(result: NormalizedText, stream: IO[str], *, color: bool) -> None:
    """Changed lines before and after, with the repaired spans highlighted on a terminal."""
    console = Console(
        file=stream, highlight=False, soft_wrap=True, color_system="auto" if color else None
    )
    original_lines = result.original.split("\n")
    repaired_lines = result.text.split("\n")
    starts = [0]
    for line in original_lines:
        starts.append(starts[-1] + len(line) + 1)
    by_line: dict[int, list[Repair]] = {}
    for repair in result.repairs:
        number = max(i for i, start in enumerate(starts[:-1]) if start <= repair.start)
        by_line.setdefault(number, []).append(repair)
    for number, repairs in sorted(by_line.items()):
        before = Text(f"{number + 1:>5} - ", style="red")
        after = Text(f"{number + 1:>5} + ", style="green")
        before.append(_highlighted(original_lines[number], repairs, starts[number], "before"))
        after.append(_highlighted(repaired_lines[number], repairs, starts[number], "after"))
        console.print(before)
        console.print(after)
        for repair in repairs:
            evidence = f"  evidence {', '.join(repair.evidence)}" if repair.evidence else ""
            console.print(
                Text(
                    f"        {repair.before} → {repair.after}  {repair.rule} "
                    f"confidence {repair.confidence}{evidence}",
                    style="dim",
                )
            )


def _highlighted(line: str, repairs: list[Repair], line_start: int, side: str) -> Text:
    text = Text(line)
    shift = 0
    for repair in sorted(repairs, key=lambda item: item.start):
        start = repair.start - line_start + (shift if side == "after" else 0)
        length = len(repair.after if side == "after" else repair.before)
        text.stylize("bold reverse", start, start + length)
        shift += len(repair.after) - len(repair.before)
    return text
