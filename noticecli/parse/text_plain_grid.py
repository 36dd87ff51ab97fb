"""A header grid printed one pair a line without colons (索引号 114209…/2024-00031 /
发布机构 某县人防办 / 文号 / 发布日期 2024-03-15): which lines of a text rendering are its
rows, read before the body starts.

A line that opens with a known label, a gap and a short value is such a row only among at
least three of them in a run, so a sentence that merely starts with a label word stays text;
inside the run, a line that is a known label alone (``文号``, ``文号:``) is an empty cell and
does not end it. A run under a title-like line or after the text has started is not read:
there the lines are the body's own (an appendix's ``联系人 张三`` list).
"""

from __future__ import annotations

import re

from noticecli.labels import vocabulary
from noticecli.parse.text_chrome import INNER_WS
from noticecli.parse.text_start import is_chrome_line
from noticecli.parse.text_title import is_title_like

__all__ = ["plain_grid_rows", "with_plain_grid_colon"]

_PAIRS_MIN = 3  # rows with a value: fewer are a sentence's label word, not a grid
_VALUE_MAX = 60  # a grid value, the title under 名称 included
_PAIR = re.compile(f"^(?P<label>[^\\s:：]{{2,8}})[{INNER_WS}]+(?P<value>\\S.*)$")
# Text has started: a sentence's marks, or a salutation closing with a colon (各单位:).
_PROSE = re.compile("[。；！？]|[:：]$")
_SPACES = re.compile(f"[{INNER_WS}]+")


def _pair_label(line: str) -> str | None:
    """The known label a line opens with when the rest is a short value (索引号 <code>)."""
    match = _PAIR.match(line)
    if match is None or match["label"] not in vocabulary():
        return None
    value = match["value"]
    if len(value) > _VALUE_MAX or _PROSE.search(value) or value[0] in ":：":
        return None
    return match["label"]


def _bare_label(line: str) -> str | None:
    """The known label a line is by itself, with or without its colon (文号, 文 号:)."""
    text = line.rstrip(":：" + INNER_WS)
    return text if _SPACES.sub("", text) in vocabulary() else None


def plain_grid_rows(lines: list[str]) -> dict[int, str]:
    """Row index → the label that opens it, for the rows of a colon-less grid before the
    body; ``lines`` are the page's lines, edge noise and list bullets already removed."""
    rows: dict[int, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line:
            index += 1
            continue
        if _pair_label(line) is None and (
            _PROSE.search(line) or (is_title_like(line) and not is_chrome_line(line))
        ):
            return rows  # the text or the title: a run under it is the body's
        run: dict[int, str] = {}
        pairs = 0
        probe = index
        while probe < len(lines):
            text = lines[probe]
            if not text:
                probe += 1
                continue
            label = _pair_label(text)
            if label is None and pairs:
                label = _bare_label(text)  # an empty cell inside the run
            elif label is not None:
                pairs += 1
            if label is None:
                break
            run[probe] = label
            probe += 1
        if pairs >= _PAIRS_MIN:
            rows.update(run)
            return rows
        index = max(probe, index + 1)
    return rows


def with_plain_grid_colon(line: str, label: str) -> str:
    """The row with the colon put back after its label (索引号: <code>, 文号:); a label that
    shows its colon already is left as it is."""
    if not line.startswith(label) or line[len(label) :].lstrip(INNER_WS)[:1] in (":", "："):
        return line
    return f"{label}:{line[len(label) :]}"
