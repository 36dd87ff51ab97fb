"""A header grid printed one pair a line without colons (索引号 114209…/2024-00031 /
发布机构 某县人防办 / 文号 / 发布日期 2024-03-15): which lines of a text rendering are its
rows, read before the body starts.

A line that opens with a known label, a gap and a short value is such a row only among at
least three of them in a run, so a sentence that merely starts with a label word stays text;
inside the run, a line that is a known label alone (``文号``, ``文号:``) is an empty cell and
does not end it. A row may also hold several pairs of which some lost their colon and some
kept it (索引号 <code> 发布日期: <date>): the colon shows the block is the header, so a run
with such a row is read with fewer rows, when a headline or text follows it. A run after
the text has started, or under a title-like line without ending at the title (a line worded
as one under it), is not read: there the lines are the body's own (an appendix's
``发布机构 <unit>`` rows).
"""

from __future__ import annotations

import re

from noticecli.labels import vocabulary
from noticecli.parse.text_chrome import INNER_WS, with_spaced_labels_joined
from noticecli.parse.text_start import is_chrome_line
from noticecli.parse.text_title_line import is_title_like

__all__ = ["plain_grid_rows", "with_plain_grid_colon"]

_PAIRS_MIN = 3  # rows with a value: fewer are a sentence's label word, not a grid
_VALUE_MAX = 60  # a grid value, the title under 名称 included
_PAIR = re.compile(f"^(?P<label>[^\\s:：]{{2,8}})[{INNER_WS}]+(?P<value>\\S.*)$")
# Text has started: a sentence's marks, or a salutation closing with a colon (各单位:).
_PROSE = re.compile("[。；！？]|[:：]$")
_SPACES = re.compile(f"[{INNER_WS}]+")
_CELL_GAP = re.compile(f"([{INNER_WS}]+)")
_COLON_PAIR = re.compile("^(?P<label>[^\\s:：]{2,8})[:：](?P<value>.*)$")
_SENTENCE = re.compile("[。；！？]")
_COLON = re.compile("[:：]")
_CLOCK = re.compile(r"^\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$")  # a value's time (14:34)


def _pair_label(line: str) -> str | None:
    """The known label a line opens with when the rest is a short value (索引号 <code>)."""
    match = _PAIR.match(line)
    if match is None or match["label"] not in vocabulary():
        return None
    value = match["value"]
    if len(value) > _VALUE_MAX or _PROSE.search(value) or value[0] in ":：":
        return None
    return match["label"]


def _mixed_row(line: str) -> tuple[str, ...] | None:
    """The labels, as shown and in order, of a row of pairs some of which lost their colon
    and some kept it (索引号 <code> 发布日期: 2019-03-26 14:34); ``None`` for any other line.
    Every value is short and no sentence; a colon-less label has one."""
    if not line or _SENTENCE.search(line):
        return None
    known = vocabulary()
    cells = _CELL_GAP.split(line)  # tokens at even places, gaps at odd ones
    if any(len(cells[index]) == 1 for index in range(0, len(cells), 2)):
        cells = with_spaced_labels_joined(cells, known)  # 索 引 号 <code> …
    pairs: list[tuple[str, bool, list[str]]] = []  # label as shown, colon kept, value tokens
    for token in cells[::2]:
        if _SPACES.sub("", token) in known:
            pairs.append((token, False, []))
        elif (match := _COLON_PAIR.match(token)) is not None and match["label"] in known:
            pairs.append((match["label"], True, [match["value"]] if match["value"] else []))
        elif not pairs or (_COLON.search(token) and not _CLOCK.match(token)):
            return None  # not opening with a label, or a label unknown (号: of 索 引 号:)
        else:
            pairs[-1][2].append(token)
    colons = [colon for _, colon, _ in pairs]
    if all(colons) or not any(colons):
        return None  # all kept (read as it is) or all lost (a plain row's reader's)
    for _, colon, value in pairs:
        if (not colon and not value) or len(" ".join(value)) > _VALUE_MAX:
            return None
    return tuple(label for label, _, _ in pairs)


def _starts_text(line: str) -> bool:
    """Whether a line shows that the text has started: a sentence's marks, or a colon closing
    it after a word other than a known label (各单位: is a salutation; 索引号: <code> 文号: is a
    pair line whose last cell is empty)."""
    if _PROSE.search(line) is None:
        return False
    if _SENTENCE.search(line):
        return True
    head = line.rstrip(":：" + INNER_WS)
    cells = _SPACES.split(head)
    # An earlier pair's colon is needed too: a known label alone with its colon stays as it was.
    return len(cells) < 2 or cells[-1] not in vocabulary() or _COLON.search(head) is None


def _bare_label(line: str) -> str | None:
    """The known label a line is by itself, with or without its colon (文号, 文 号:)."""
    text = line.rstrip(":：" + INNER_WS)
    return text if _SPACES.sub("", text) in vocabulary() else None


def plain_grid_rows(lines: list[str]) -> dict[int, tuple[str, ...]]:
    """Row index → the labels it holds, as shown and in order, for the rows of a grid before
    the body whose labels lost their colons; ``lines`` are the page's lines, edge noise and
    list bullets already removed."""
    titled = False  # a title-like line stood above: a run must end at the title to be a grid
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line:
            index += 1
            continue
        if _pair_label(line) is None and _mixed_row(line) is None:
            if _starts_text(line):
                return {}  # the text has started: label-word lines from here are its own
            titled = titled or (is_title_like(line) and not is_chrome_line(line))
            index += 1
            continue
        run = _run_at(lines, index)
        probe = max(run, default=index) + 1
        after = next((text for text in lines[probe:] if text), "")
        mixed = any(_mixed_row(lines[row]) is not None for row in run)
        if sum(_pair_label(lines[row]) is not None for row in run) >= _PAIRS_MIN or (
            mixed and after  # a colon among the pairs: a header, over a headline or text
        ):
            if titled and not (is_title_like(after) and _pair_label(after) is None):
                return {}  # rows under the title, over the text: the body's
            return run
        titled = titled or any(is_title_like(lines[row]) for row in run)
        index = probe
    return {}


def _run_at(lines: list[str], index: int) -> dict[int, tuple[str, ...]]:
    """The rows of the run of pair lines from ``index`` (blank lines between them allowed),
    a known label alone after a pair counted in."""
    run: dict[int, tuple[str, ...]] = {}
    probe = index
    while probe < len(lines):
        text = lines[probe]
        if not text:
            probe += 1
            continue
        labels = _mixed_row(text)
        if labels is None and (label := _pair_label(text) or (_bare_label(text) if run else None)):
            labels = (label,)
        if labels is None and run and _row_follows(lines, probe + 1):
            labels = _punctuated_row(text)  # between rows: a value's marks end no grid
        if labels is None:
            break
        run[probe] = labels
        probe += 1
    return run


def _row_follows(lines: list[str], start: int) -> bool:
    """Whether the next line from ``start`` is a pair row of the grid."""
    following = next((text for text in lines[start:] if text), "")
    return _pair_label(following) is not None or _mixed_row(following) is not None


def _punctuated_row(line: str) -> tuple[str, ...] | None:
    """The labels of a row opening with a known label whose value holds a sentence's marks
    (公开程序 部门编制,经办公室审核后公开。 公开范围 面向社会): a grid row only between two rows,
    where the run shows the line's shape; the labels are the known ones that stand as cells
    of their own with a value after them."""
    match = _PAIR.match(line)
    known = vocabulary()
    if match is None or match["label"] not in known or len(match["value"]) > _VALUE_MAX:
        return None
    if match["value"][0] in ":：":
        return None
    cells = _CELL_GAP.split(line)  # tokens at even places, gaps at odd ones
    later = [cells[index] for index in range(2, len(cells) - 2, 2) if cells[index] in known]
    return (match["label"], *later)


def with_plain_grid_colon(line: str, labels: tuple[str, ...]) -> str:
    """The row with the colon put back after each of its labels (索引号: <code>, 文号:); a
    label that shows its colon already is left as it is, and a line that no longer holds
    the labels read, the first opening it, as it is."""
    pieces: list[str] = []
    done = 0
    for label in labels:
        at = _label_at(line, label, done)
        if at is None or (not pieces and at != 0):
            return line
        end = at + len(label)
        pieces.append(line[done:end])
        if line[end:].lstrip(INNER_WS)[:1] not in (":", "："):
            pieces.append(":")
        done = end
    pieces.append(line[done:])
    return "".join(pieces)


def _label_at(line: str, label: str, start: int) -> int | None:
    """Where ``label`` stands from ``start`` as a cell of its own: at the line's start or
    after a gap."""
    at = line.find(label, start)
    while at != -1 and at > 0 and line[at - 1] not in INNER_WS:
        at = line.find(label, at + 1)
    return None if at == -1 else at
