"""A header grid printed inside the body container, its label cells marked by a colon only.

xxgk templates that put the whole page in one container (``div#zoom``) print the 索引号 /
发布机构 / 发布日期 grid as its first table, label cells carrying opaque column classes
(``zly_xxgk_style10802``) and text padded with ``&nbsp;`` (``索 &nbsp;引 号：``). What marks a
label cell is its text: short, no sentence, ending in ``：``/``:``, beside a value cell; rows
of 2 or 4 cells. Such tables standing before the body's first text are the header grid, not
body tables. A page may print the grid twice (a 2-column and a 4-column copy, one shown per
screen width by media queries): both leave the body, and their fields are read once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from noticecli.labels import WIDGET_LABELS, compact_label, display_label, key_for, shown_value
from noticecli.models import HeaderField
from noticecli.parse.dom import clean_text, compact, opens_container, owning_table, visible_text

_MAX_LABEL_CHARS = 12
_SENTENCE = re.compile(r"[。；！？!?;，,]")
# A value saying a sentence is text (备注：…。), not a header value.
_SENTENCE_END = re.compile(r"[。；！？]")
_MIN_ROWS = 2
# Punctuation of prose (a sentence, a salutation's list): text before a grid holding it is
# the body's, and a table after it is the body's too.
_PROSE = re.compile(r"[。！？；，,]")
# Text before a grid inside the body that still leaves it "before the body's first text".
_TOP_CHARS = 120
# Tables looked at among the container's first descendants.
_MAX_TABLES = 6


@dataclass(slots=True)
class BodyGrids:
    fields: list[HeaderField] = field(default_factory=list)
    tables: list[LexborNode] = field(default_factory=list)


def read_body_grids(container: LexborNode | None) -> BodyGrids:
    """The colon-labelled grids at the top of ``container`` and the fields they hold (a
    pair already read from an earlier grid is not read again)."""
    found = BodyGrids()
    if container is None:
        return found
    seen: set[tuple[str, str | None]] = set()
    # Most pages have no table at all: Lexbor's tag lookup tells so without a query.
    tables = container.css("table") if container.parser.tags("table") else []
    for table in tables[:_MAX_TABLES]:
        if _holds_table(table) or not _at_top(table, container, found.tables):
            continue  # a layout table: its inner tables are looked at themselves
        if table.mem_id == container.mem_id:
            # The container is the grid: its label rows are the header, its rows of text
            # (备注：<a sentence>) the body.
            rows, pairs = _container_grid_rows(table)
            found.tables.extend(rows)
        else:
            grid = _grid_pairs(table)
            if grid is None:
                continue
            pairs = grid
            found.tables.append(table)
        for label, value in pairs:
            shown = (compact_label(label), value)
            if shown in seen:
                continue
            seen.add(shown)
            found.fields.append(HeaderField(key_for(label), label, value, "header"))
    return found


def _holds_table(table: LexborNode) -> bool:
    # Lexbor's css() on a node matches the node itself too.
    return any(inner.mem_id != table.mem_id for inner in table.css("table"))


def _at_top(table: LexborNode, container: LexborNode, grids: list[LexborNode]) -> bool:
    """Only a little text and no prose stands before ``table`` inside the container (a
    title may; grids already found are not counted): the body's text has not begun."""
    passed = {grid.mem_id for grid in grids}
    return opens_container(table, container, _TOP_CHARS, prose=_PROSE, passed=passed)


def _grid_pairs(table: LexborNode) -> list[tuple[str, str | None]] | None:
    """The (label, value) pairs of a grid whose every row is ``label：value`` or ``label：
    value label：value``; ``None`` for any other table."""
    pairs: list[tuple[str, str | None]] = []
    rows = 0
    for row in table.css("tr"):
        cells = _cells(row)
        if not cells:
            continue
        row_pairs = _row_pairs(cells)
        if row_pairs is None:
            return None
        pairs.extend(row_pairs)
        rows += 1
    return pairs if rows >= _MIN_ROWS else None


def _container_grid_rows(
    table: LexborNode,
) -> tuple[list[LexborNode], list[tuple[str, str | None]]]:
    """The label rows of a container that opens as a grid (two label rows first), and their
    pairs: every row of labels whose values say no sentence. Rows of text and label rows
    saying one (备注：<a sentence>) are the body's; nothing when the table opens otherwise."""
    rows: list[LexborNode] = []
    pairs: list[tuple[str, str | None]] = []
    for row in table.css("tr"):
        owner = owning_table(row)
        if owner is None or owner.mem_id != table.mem_id:
            continue  # a nested table's row
        cells = _cells(row)
        if not any(cells):
            continue
        row_pairs = _row_pairs(cells)
        if row_pairs is None or any(_SENTENCE_END.search(value or "") for _, value in row_pairs):
            if len(rows) < _MIN_ROWS:
                return [], []  # the table does not open as a grid
            continue
        rows.append(row)
        pairs.extend(row_pairs)
    return (rows, pairs) if len(rows) >= _MIN_ROWS else ([], [])


def _cells(row: LexborNode) -> list[str]:
    return [
        clean_text(visible_text(cell, separator=" "))
        for cell in row.iter()
        if cell.tag in ("td", "th")
    ]


def _row_pairs(cells: list[str]) -> list[tuple[str, str | None]] | None:
    """The pairs of a grid row (2 or 4 cells, colon labels first), else ``None``."""
    if len(cells) not in (2, 4):
        return None
    pairs: list[tuple[str, str | None]] = []
    for index in range(0, len(cells), 2):
        label, value = cells[index], cells[index + 1]
        if not _is_colon_label(label):
            return None
        if compact_label(label) not in WIDGET_LABELS:
            pairs.append((display_label(label), shown_value(value)))
    return pairs


def _is_colon_label(text: str) -> bool:
    squeezed = compact(text)
    if not squeezed.endswith((":", "：")):
        return False
    name = squeezed.rstrip(":：")
    return (
        1 <= len(name) <= _MAX_LABEL_CHARS and not _SENTENCE.search(name) and not name[0].isdigit()
    )
