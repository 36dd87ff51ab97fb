"""Short lines over a disclosure grid in a text rendering: the site's masthead and a menu of
column names (政府信息公开指南 / 政府信息公开制度 / 依申请公开, one a line), when the grid's
own title value (名称:/标题:) is printed again under the grid as the heading.

The evidence is the page's: the grid names its title and the line under it shows that title,
so nothing over the grid is the title, whatever its shape. Without that repeat a short line
over the grid may be the title itself and is left to the other rules.
"""

from __future__ import annotations

from noticecli.parse.dom import compact
from noticecli.parse.lines import END_PUNCT
from noticecli.parse.text_labels import TextLabel, find_labels

__all__ = ["grid_under_menu"]

_ABOVE_LINES_MAX = 12  # a masthead and a menu of column names
_ABOVE_LINE_MAX = 24  # a masthead line may name the government and the office
_GRID_ROWS_MIN = 2


def grid_under_menu(lines: list[str], first: int) -> int | None:
    """The index of the grid's first row when from ``first`` only short lines without
    labels or sentence marks stand over a grid of known-label rows, and the first line under
    the grid is the grid's title value printed again; None otherwise."""
    index = first
    above = 0
    while index < len(lines) and not _is_grid_row(lines[index]):
        line = lines[index]
        index += 1
        if not line:
            continue
        if (
            len(line) > _ABOVE_LINE_MAX
            or find_labels(line)
            or any(mark in line for mark in END_PUNCT)
        ):
            return None
        above += 1
        if above > _ABOVE_LINES_MAX:
            return None
    if above == 0 or index >= len(lines):
        return None
    start = index
    titles: set[str] = set()
    rows = 0
    while index < len(lines) and (not lines[index] or _is_grid_row(lines[index])):
        line = lines[index]
        index += 1
        if not line:
            continue
        rows += 1
        titles.update(_title_values(line, find_labels(line)))
    while index < len(lines) and not lines[index]:
        index += 1
    if rows < _GRID_ROWS_MIN or index >= len(lines):
        return None
    return start if compact(lines[index]) in titles else None


def _is_grid_row(line: str) -> bool:
    labels = find_labels(line) if line else []
    return bool(labels) and labels[0].start == 0 and labels[0].kind == "known"


def _title_values(line: str, labels: list[TextLabel]) -> list[str]:
    """The compacted values of the line's title labels (名称:, 标题:), each up to the next
    label."""
    values: list[str] = []
    for position, label in enumerate(labels):
        if label.key != "title":
            continue
        end = labels[position + 1].start if position + 1 < len(labels) else len(line)
        value = compact(line[label.end : end])
        if value:
            values.append(value)
    return values
