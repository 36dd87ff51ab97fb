"""The head row of a data table written in ``<td>`` cells (名称 | 地址 | 面积 over rows of
values): column heads, never a header grid's labels.

A ``<th>`` row is told by its tag (:mod:`.header_html`); many CMS tables print the head in
plain ``<td>`` cells. The row is a head when every cell is a short caption without a colon
and the rows under it have as many cells and hold no label: a label/value table (名称 | 某某
over 文号 | 某某) has labels in the rows below, a one-row table has no rows below.
"""

from __future__ import annotations

from collections.abc import Callable

from selectolax.lexbor import LexborNode

from noticecli.parse.dom import clean_text, visible_text

# A column head is a few words.
_HEAD_MAX_CHARS = 10
# Rows under the head looked at.
_ROWS_CHECKED = 3


def heads_data_columns(cell: LexborNode, is_label: Callable[[str], bool]) -> bool:
    """Whether ``cell`` is in a ``<td>`` head row of a data table (``is_label``: whether a
    cell's text reads as a label)."""
    row = cell.parent
    if row is None or row.tag != "tr":
        return False
    heads = _cells(row)
    if len(heads) < 2 or not all(_caption(text) for text in heads):
        return False
    below = _rows_after(row)
    if not below:
        return False
    for cells in below:
        if len(cells) != len(heads) or any(is_label(text) for text in cells):
            return False
    return True


def _caption(text: str) -> bool:
    return 0 < len(text) <= _HEAD_MAX_CHARS and ":" not in text and "：" not in text


def _cells(row: LexborNode) -> list[str]:
    return [clean_text(visible_text(child)) for child in row.iter() if child.tag in ("td", "th")]


def _rows_after(row: LexborNode) -> list[list[str]]:
    rows: list[list[str]] = []
    below = row.next
    while below is not None and len(rows) < _ROWS_CHECKED:
        if below.tag == "tr":
            rows.append(_cells(below))
        below = below.next
    return rows
