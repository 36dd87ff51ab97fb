"""The table cells a text rendering left on its lines, read as lines.

A page laid out in tables, rendered as text, ends each cell with `` |`` and prints the rows
of its layout tables as pipes only (``|``, ``|||``): ``标题 | |||``, ``正文…。 |``,
``浏览量:1 | | | |``. The pipes are the table's ruling, not text. Label rows
(``索引号 | … | 文号 | … |``) are read first by :mod:`noticecli.parse.rendered`; what is
left is read here: a line of pipes only is blank, and on a line that ends with a cell's pipe
every non-empty cell is a line of its own (a widget's cell blank). A line whose pipes stand
only between words (``标题 | 站名``) is not a table's and is left as it is, and so is a row of
a table (a line opening with a pipe that holds text besides widgets).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from noticecli.parse.lines import is_boilerplate

_PIPE = re.compile(r"\s*[|｜]\s*")


class CellLines(NamedTuple):
    lines: list[str]
    cells: frozenset[int]  # indices of a form's cells, moved with their lines
    rows: list[int]  # for each line, the index of the rendering's line it comes from


def pipe_cell_lines(lines: list[str], cells: frozenset[int]) -> CellLines:
    """``lines`` with each line that ends in a cell's pipe split into its non-empty cells
    (a line of pipes only becomes blank)."""
    if not any(line.endswith(("|", "｜")) for line in lines):
        return CellLines(lines, cells, list(range(len(lines))))
    out: list[str] = []
    moved: set[int] = set()
    rows: list[int] = []
    for index, line in enumerate(lines):
        if index in cells:
            moved.add(len(out))
        if not line.endswith(("|", "｜")) or _is_table_row(line):
            parts = [line]
        else:
            parts = [part for part in _PIPE.split(line) if part] or [""]
            parts = ["" if is_boilerplate(part) else part for part in parts]
        out.extend(parts)
        rows.extend([index] * len(parts))
    return CellLines(out, frozenset(moved), rows)


# A row of a table (| 1 | 事项名称 | 行政许可 | … |, a caption row | 权责清单 | |||): a line
# opening with a pipe that holds text besides widgets. It stays one line, for the body's
# table or the caption's title.
def _is_table_row(line: str) -> bool:
    if not line.startswith(("|", "｜")):
        return False
    return any(part and not is_boilerplate(part) for part in _PIPE.split(line))
