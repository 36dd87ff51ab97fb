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

from noticecli.knowledge import CJK
from noticecli.parse.lines import is_boilerplate

_PIPE = re.compile(r"\s*[|｜]\s*")
# A cell that is a labelled value (发布日期：2024-09-01): a short label and its colon.
# Wider than SPACED_LABEL_SHAPE on purpose: a cell's label may be one character (号：) or
# letter-spaced over twelve.
_LABELLED = re.compile(rf"^[{CJK}][{CJK}\s]{{0,11}}[：:]")


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
    first = next((index for index, line in enumerate(lines) if line), len(lines))
    for index, line in enumerate(lines):
        if index in cells:
            moved.add(len(out))
        if (
            not line.endswith(("|", "｜"))
            or (_is_table_row(line) and _beside_a_row(lines, index))
            or (index == first and _is_caption_row(line, lines[index + 1 :]))
        ):
            parts = [line]
        else:
            parts = [part for part in _PIPE.split(line) if part] or [""]
            parts = ["" if is_boilerplate(part) else part for part in parts]
        out.extend(parts)
        rows.extend([index] * len(parts))
    return CellLines(out, frozenset(moved), rows)


# A row of a table (| 1 | 事项名称 | 行政许可 | … |): a line opening with a pipe that holds two
# cells or more of text besides widgets, not all of them labelled values (| 发布日期：… | 来源：…
# | is a meta line laid out in cells). It stays one line, for the body's table. A row of one
# cell of text (| 正文…。 |, | 岚溪市人民防空办公室 |) is a layout table's.
def _is_table_row(line: str) -> bool:
    return line.startswith(("|", "｜")) and _holds_row(line)


def _holds_row(line: str) -> bool:
    filled = _filled_cells(line)
    return len(filled) >= 2 and not all(_LABELLED.match(cell) for cell in filled)


def _beside_a_row(lines: list[str], index: int) -> bool:
    """A table has two rows at least (a head and a row; a long row may wrap onto a line
    of its cells that opens without a pipe): a row of cells alone among lines of one cell
    (| 岚溪市人民防空办公室 || 2024年9月1日 |) is a layout table's."""
    before = next((line for line in reversed(lines[:index]) if line), "")
    after = next((line for line in lines[index + 1 :] if line), "")
    return _holds_row(before) or _holds_row(after)


def _is_caption_row(line: str, after: list[str]) -> bool:
    """A table's caption row (| 权责清单(行政许可类) | |||||), the page's first line: kept whole
    for the title, unless the row under it is a layout row too (| 发布日期：… | 来源：… |,
    | 正文…。 |): then the page is laid out in a table, and its first cell is the title."""
    if not line.startswith(("|", "｜")) or len(_filled_cells(line)) != 1:
        return False
    following = next((row for row in after if row), "")
    return not _is_layout_row(following)


def _is_layout_row(line: str) -> bool:
    return line.startswith(("|", "｜")) and line.endswith(("|", "｜")) and not _holds_row(line)


def _filled_cells(line: str) -> list[str]:
    return [part for part in _PIPE.split(line) if part and not is_boilerplate(part)]
