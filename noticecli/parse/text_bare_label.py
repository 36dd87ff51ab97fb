"""A known label alone on its line right after a header grid (内容摘要), with only blank or
widget lines under it before the title: the grid's last cell, left empty by the page (a
script fills it, or the summary was never written). It is read as the label with no value,
never as the title nor as text."""

from __future__ import annotations

from noticecli.labels import vocabulary
from noticecli.parse.dom import compact

__all__ = ["empty_label_cell"]

_LABEL_MAX = 8


def empty_label_cell(lines: list[str], index: int) -> str | None:
    """``label:`` for the line at ``index`` when it is a known label alone, without its
    colon, and the line right under it is blank (or a widget row already blanked); None
    otherwise. The caller reads it only right under a grid's rows."""
    line = lines[index]
    label = compact(line)
    if not label or len(label) > _LABEL_MAX or label not in vocabulary():
        return None
    if index + 1 < len(lines) and lines[index + 1]:
        return None  # a line right under it: its value, or a heading over the text
    return f"{line}:"
