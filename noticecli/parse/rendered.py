"""The lines of a page's text rendering brought into ``label：value`` form.

Text extracted from a whole page (a page store's rendering, a browser's Save as Text)
keeps the page's grids in shapes of their own: table rows joined with ``|``
(``索 引 号 | FZ001 | 文号 | 榕政〔2021〕2号 |``), list bullets (``• 索引号:…``), labels in
brackets (``[ 索引号 ] 1150… [ 发文字号 ] …``), or a label on one line and its value on the
next. Each is rewritten as the ``label：value`` line the text-dump parser reads; every other
line is left as it is. Lines are cleaned and blank lines are ``""``.
"""

from __future__ import annotations

import re
from functools import cache

from noticecli.knowledge import CJK, DOC_TITLE_END, SPACED_LABEL_SHAPE
from noticecli.labels import compact_label, fits_shape, label_initials, value_shape, vocabulary
from noticecli.parse.attachments import FILE_NAME
from noticecli.parse.doc_head import is_doc_number_line, is_red_head
from noticecli.parse.header_tokens import read_header_row

_BULLET = re.compile(r"^[-•·●◆■▪▫◇○*]\s+")
_SHAPE_LABEL = f"^{SPACED_LABEL_SHAPE}$"
_SENTENCE = re.compile(r"[。；！？!?]")
# A line ending so leads into more text: a paragraph, not a value.
_OPEN_END = ":：，,、;；"
# The labels a line holds (two make it a line of label pairs): 1 to 10 characters, wider
# than knowledge.LABEL_SHAPE, as a label cut short (号:) counts too.
_INLINE_LABEL = re.compile(rf"[{CJK}]{{1,10}}\s*[:：]")
# A value on the line after its label is short; a paragraph after a salutation is not.
_MAX_VALUE = 120
# Labels whose value may be the headline itself, printed again under the grid.
_HEADLINE_KEYS = frozenset({"title", "summary"})
# Label-only lines looked ahead for, and how many make a form of label lines.
_RUN_WINDOW = 8
_RUN_MIN = 2


@cache
def _shape_label() -> re.Pattern[str]:
    return re.compile(_SHAPE_LABEL)


def strip_bullet(line: str) -> str:
    """A list item's text without its bullet (``• 设为首页`` → ``设为首页``)."""
    return _BULLET.sub("", line)


def normalize_rendered(lines: list[str]) -> list[str]:
    """``lines`` (bullets already dropped) with pipe rows, bracket labels and
    label-then-value lines rewritten as ``label：value`` lines (blank lines keep their
    places)."""
    return rendered_cells(lines)[0]


def label_row(line: str) -> str | None:
    """One line of a grid as ``label：value`` pairs when it is a pipe row or a row of
    bracketed labels (``[ 索引号 ] … [ 发文字号 ] …``); ``None`` for any other line."""
    return _pipe_row(line) or _bracket_row(line)


def rendered_cells(
    lines: list[str], bulleted: frozenset[int] = frozenset()
) -> tuple[list[str], frozenset[int]]:
    """:func:`normalize_rendered`, and the indices of the lines that are a form's cells
    wherever they stand: a label printed on its own line with its value on the next, or a
    label whose value sits a cell's gap away (``答复单位:　岚溪市国防动员办公室``). Prose
    writes ``联系人：张三`` on one line; only a form prints a cell so. ``bulleted``: the
    indices of the lines that were list items (their bullet already dropped)."""
    gapped = {index for index, line in enumerate(lines) if _gapped_cell().match(line)}
    lines, joined = _normalized(lines, bulleted)
    return lines, frozenset(gapped | joined)


@cache
def _gapped_cell() -> re.Pattern[str]:
    return re.compile(rf"^{SPACED_LABEL_SHAPE}[:：][\u3000\xa0]+\S")


def _normalized(
    lines: list[str], bulleted: frozenset[int] = frozenset()
) -> tuple[list[str], set[int]]:
    rows = [_pipe_row(line) for line in lines]
    # A row of unknown labels only (内容概述 | …) is a label row among label rows.
    for index, line in enumerate(lines):
        if rows[index] is None and _neighbour_converted(rows, index):
            rows[index] = _pipe_row(line, known_needed=False)
    # A table row's empty cell is an empty value: its label takes no line below it.
    from_rows = {index for index, row in enumerate(rows) if row is not None}
    lines = [rows[index] or _bracket_row(line) or line for index, line in enumerate(lines)]
    joined: set[int] = set()
    return _join_values(lines, from_rows, joined, bulleted), joined


def _neighbour_converted(rows: list[str | None], index: int) -> bool:
    for step in (-1, 1):
        probe = index + step
        while 0 <= probe < len(rows):
            if rows[probe] is not None:
                return True
            probe += step
            if abs(probe - index) > 2:
                break
    return False


def _is_known(label: str) -> bool:
    return compact_label(label) in vocabulary()


def _is_label_text(text: str) -> bool:
    """A known label, or text shaped like one (2-10 CJK characters)."""
    stripped = text.strip().rstrip(":：").strip()
    if not stripped:
        return False
    return _is_known(stripped) or bool(_shape_label().match(stripped))


# A cell holding a whole pair (| 索引号: 000014349/2026-01893 | |): a known label and its value.
_PAIR_CELL = re.compile(r"^(?P<label>[^:：|｜]{2,12}?)\s*[:：]\s*(?P<value>\S.*)$")


def _pair_cell(cell: str) -> tuple[str, str] | None:
    """A cell's known label and its value when the cell holds both (索引号: <code>)."""
    pair = _PAIR_CELL.match(cell)
    if pair is None or not _is_known(pair["label"]):
        return None
    return pair["label"].strip(), pair["value"].strip()


def _has_empty_cell(line: str) -> bool:
    """Whether a row draws a cell besides its edges' (| 索引号: <code> | |, not | … |)."""
    return re.search("[|｜]", line.strip().strip("|｜")) is not None


def _pipe_row(line: str, *, known_needed: bool = True) -> str | None:
    """``label | value | label | value |`` → ``label：value label：value`` when its label
    cells are labels and one of them is known (unless ``known_needed`` is false).

    Rows drawn with edge pipes (``| 索 引 号 | … |``) lose their empty edge cells; label cells
    keep no colon of their own (``索引号: | …``). A label cell followed by another label cell
    has an empty value: the renderer pushed the row's empty cells to its end
    (``| 发文字号 | 制发机构 | ||``, ``发文字号: | 成文时间: | 2023-09-14 |``)."""
    if "|" not in line and "｜" not in line:
        return None
    cells = [cell.strip() for cell in re.split(r"[|｜]", line)]
    while cells and not cells[-1]:
        cells.pop()
    if cells and not cells[0]:
        cells.pop(0)
    if not cells or not cells[0]:
        return None
    if len(cells) == 1 and _has_empty_cell(line) and (pair := _pair_cell(cells[0])) is not None:
        # A grid's row of one pair and an empty cell (| 索引号: <code> | |): that pair. A row
        # of several pairs is the layout's (| 发布日期：… | 来源：… |), read as a meta line.
        return f"{pair[0]}：{pair[1]}"
    if len(cells) == 1 and not _is_label_cell(cells[0]):
        return None  # one cell: a label only when it says so (公文时效: |)
    pairs: list[tuple[str, str]] = []
    index = 0
    while index < len(cells):
        label = cells[index]
        if not _is_label_text(label):
            return None
        value = cells[index + 1] if index + 1 < len(cells) else ""
        if value and _is_label_cell(value):
            pairs.append((label, ""))
            index += 1
            continue
        pairs.append((label, value))
        index += 2
    labels = [label for label, _value in pairs]
    if known_needed and not any(_is_known(label.rstrip(":：").strip()) for label in labels):
        return None
    return " ".join(f"{label.rstrip(':：').strip()}：{value}" for label, value in pairs)


def _is_label_cell(cell: str) -> bool:
    """A cell that is a label, not a value: it ends with a colon, or it is a known label."""
    stripped = cell.strip()
    if stripped[-1:] in (":", "："):
        return _is_label_text(stripped)
    return _is_known(stripped)


def _bracket_row(line: str) -> str | None:
    """``[ 索引号 ] value [ 发文字号 ] value`` read by the one header-row reader."""
    return read_header_row(line) if line[:1] in "[【［" else None


def _label_only(line: str) -> str | None:
    """The label of a line that holds only a label and its colon (``索引号:``)."""
    stripped = line.strip()
    if not stripped or stripped[-1] not in ":：":
        return None
    label = stripped[:-1].strip()
    if not label or (label[0] not in label_initials() and not _shape_label().match(label)):
        return None
    return label if _is_label_text(label) else None


def _join_values(
    lines: list[str],
    table_rows: set[int] | frozenset[int] = frozenset(),
    joined: set[int] | None = None,
    bulleted: frozenset[int] = frozenset(),
) -> list[str]:
    """A label alone on its line takes the next non-blank line as its value, when that line
    is short, not a sentence, not another label, and not a value already read. Labels not
    in the vocabulary do so only in a run of such lines (a form), so that a salutation
    (各单位：) keeps its paragraph. A list item whose fellow items hold their values on
    their own lines (``- 文件状态:`` under ``- 有效性:有效``) takes nothing: it is empty. The
    last label of a block of one-line fields takes no line across a blank one, and no
    label takes a document's head (a red head, a document number unless it is the
    label's, a whole ``关于…的通知`` title standing where a title stands unless it is a
    title's label). A line shown before is refused unless it was this same label's value
    (a grid printed twice), and a value printed again right under the copy joined, inside
    the grid, is the same value shown twice: blank."""
    out = list(lines)
    seen_values: set[str] = set()
    joined_pairs: set[tuple[str, str]] = set()  # (label, value) already joined
    for index, line in enumerate(out):
        if line and _label_only(line) is None:
            seen_values.add("".join(line.split()))  # a line shown before is not a value
        label = _label_only(line)
        if label is None or index in table_rows:
            continue
        if not _is_known(label) and not _in_run(lines, index):
            continue
        if index in bulleted and _items_hold_values(lines, index, bulleted):
            continue
        following = _next_nonblank(out, index + 1)
        if following is None:
            continue
        value = out[following]
        if _ends_field_block(lines, index, following) or _heads_document(label, out, following):
            continue
        compact = "".join(value.split())
        pair = (compact_label(label), compact)
        if (
            len(value) > _MAX_VALUE
            or _SENTENCE.search(value)
            or value[-1] in _OPEN_END  # 现将有关事项通告如下: opens a paragraph
            or _label_only(value) is not None
            or _starts_with_known_label(value)
            or (compact in seen_values and pair not in joined_pairs)
            or not _fits_known(label, value)  # 浏览量: over 一、项目编号：…
            or _heads_file_list(out, following)  # 相关文件: over two or more file names
        ):
            continue
        out[index] = f"{line}{value}"
        out[following] = ""
        seen_values.add(compact)
        joined_pairs.add(pair)
        if joined is not None:
            joined.add(index)
        if (again := _value_again(out, label, following, compact)) is not None:
            out[again] = ""
    return out


def _value_again(lines: list[str], label: str, value_row: int, value: str) -> int | None:
    """The row of a value printed a second time right under the copy a label took
    (``发布机构:`` / ``<unit>`` / ``<unit>`` / ``成文日期:…``) when a label line follows it
    (the grid goes on); ``None`` otherwise. A title's or a summary's value shown again is
    the headline under the grid (``名称:`` / ``<title>`` / ``<title>`` / its meta line)."""
    again = _next_nonblank(lines, value_row + 1)
    if again is None or "".join(lines[again].split()) != value:
        return None
    if vocabulary().get(compact_label(label)) in _HEADLINE_KEYS:
        return None
    after = _next_nonblank(lines, again + 1)
    if after is None:
        return None
    return again if _label_only(lines[after]) or _starts_with_known_label(lines[after]) else None


def _items_hold_values(lines: list[str], index: int, bulleted: frozenset[int]) -> bool:
    """Another list item near ``index`` holds a label and its value on its own line (as
    the page prints it: ``lines`` before any value was joined)."""
    for near in range(max(0, index - _RUN_WINDOW), index + _RUN_WINDOW + 1):
        if near != index and near in bulleted and near < len(lines):
            line = lines[near]
            if _INLINE_LABEL.match(line) and _label_only(line) is None:
                return True
    return False


def _ends_field_block(lines: list[str], index: int, following: int) -> bool:
    """A label under a line of ``label:value`` (a block of one-line fields) with a blank
    line before the next: the block has ended, the next line is not its value."""
    if following == index + 1:
        return False
    above = _previous_filled(lines, index)
    if above is None or _INLINE_LABEL.match(lines[above]) is None or _label_only(lines[above]):
        return False
    # … itself no value under a label alone (时限: / 截止:2024-06-30): a grid of two-line cells
    over = _previous_filled(lines, above)
    return over is None or _label_only(lines[over]) is None


def _previous_filled(lines: list[str], index: int) -> int | None:
    above = index - 1
    while above >= 0 and not lines[above]:
        above -= 1
    return above if above >= 0 else None


def _heads_document(label: str, lines: list[str], index: int) -> bool:
    """The line at ``index`` is a document's head line, which a ``label`` of another kind
    never takes."""
    value = lines[index]
    if is_red_head(value):
        return True
    key = vocabulary().get(compact_label(label))
    if is_doc_number_line(value):
        return key != "doc_no"
    return key != "title" and _is_title_in_place(lines, index)


# How a document's whole title ends: its kind (关于…的通知, 关于…的批复（试行）).
_DOC_TITLE_END = re.compile(DOC_TITLE_END)


def _is_title_in_place(lines: list[str], index: int) -> bool:
    """A whole ``关于…`` title (ending in its document's kind) at ``index`` where a title
    stands: not inside a run of labels (the next line another label's), where a summary
    or a request's subject (内容概述：/ 关于…工作, 申请内容：/ 关于…的信息) is the label's."""
    value = lines[index]
    if not value.startswith("关于") or _DOC_TITLE_END.search(value) is None:
        return False
    after = _next_nonblank(lines, index + 1)
    return after is None or (
        _label_only(lines[after]) is None and not _starts_with_known_label(lines[after])
    )


def _heads_file_list(lines: list[str], index: int) -> bool:
    """A file name at ``index`` with another under it: a list, its caption a line of its own."""
    if FILE_NAME.search(lines[index]) is None:
        return False
    after = _next_nonblank(lines, index + 1)
    return after is not None and FILE_NAME.search(lines[after]) is not None


def _fits_known(label: str, value: str) -> bool:
    """Whether ``value`` has a shape the known ``label``'s values can have (a counter holds
    a number, a date label a date); an unknown label takes any value."""
    key = vocabulary().get(compact_label(label))
    return key is None or fits_shape(key, value_shape(value))


def _in_run(lines: list[str], index: int) -> bool:
    count = 0
    for line in lines[max(0, index - _RUN_WINDOW) : index + _RUN_WINDOW]:
        if _label_only(line) is not None:
            count += 1
    return count >= _RUN_MIN


def _starts_with_known_label(line: str) -> bool:
    """A line of label pairs, not a value: it opens with a known label or a one-character
    label cut short (号:), or holds two labels."""
    head = re.split(r"[:：]", line, maxsplit=1)
    if len(head) == 2 and (_is_known(head[0]) or len(head[0].strip()) == 1):
        return True
    return len(_INLINE_LABEL.findall(line)) >= 2


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for index in range(start, min(len(lines), start + 4)):
        if lines[index]:
            return index
    return None
