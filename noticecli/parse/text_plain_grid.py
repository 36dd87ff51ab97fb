"""A header grid printed one pair a line without colons (索引号 114209…/2024-00031 /
发布机构 某县人防办 / 文号 / 发布日期 2024-03-15): which lines of a text rendering are its
rows, read before the body starts.

A line that opens with a known label, a gap and a short value is such a row only among at
least three of them in a run, so a sentence that merely starts with a label word stays text;
inside the run, a line that is a known label alone (``文号``, ``文号:``) is an empty cell and
does not end it. A run after the text has started, or under a title-like line without
ending at the title (a line worded as one under it), is not read: there the lines are the
body's own (an appendix's ``发布机构 <unit>`` rows).
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
    titled = False  # a title-like line stood above: a run must end at the title to be a grid
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line:
            index += 1
            continue
        if _pair_label(line) is None:
            if _PROSE.search(line):
                return {}  # the text has started: label-word lines from here are its own
            titled = titled or (is_title_like(line) and not is_chrome_line(line))
            index += 1
            continue
        run = _run_at(lines, index)
        probe = max(run, default=index) + 1
        if sum(_pair_label(lines[row]) is not None for row in run) >= _PAIRS_MIN:
            after = next((text for text in lines[probe:] if text), "")
            if titled and not (is_title_like(after) and _pair_label(after) is None):
                return {}  # rows under the title, over the text: the body's
            return run
        titled = titled or any(is_title_like(lines[row]) for row in run)
        index = probe
    return {}


def _run_at(lines: list[str], index: int) -> dict[int, str]:
    """The rows of the run of pair lines from ``index`` (blank lines between them allowed),
    a known label alone after a pair counted in."""
    run: dict[int, str] = {}
    probe = index
    while probe < len(lines):
        text = lines[probe]
        if not text:
            probe += 1
            continue
        label = _pair_label(text) or (_bare_label(text) if run else None)
        if label is None:
            break
        run[probe] = label
        probe += 1
    return run


def with_plain_grid_colon(line: str, label: str) -> str:
    """The row with the colon put back after its label (索引号: <code>, 文号:); a label that
    shows its colon already is left as it is."""
    if not line.startswith(label) or line[len(label) :].lstrip(INNER_WS)[:1] in (":", "："):
        return line
    return f"{label}:{line[len(label) :]}"
