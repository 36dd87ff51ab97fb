"""A main title over a subtitle in a text rendering: which of two headline lines is the title.

A news item may print its headline on two lines set apart: a main title (a slogan, two
parallel phrases: 全民健身 健康同行) and under it a subtitle saying what happened
(某县体育局开展全民健身日主题活动), then the text. The title reader passes over short lines
above a title as the site's or the column's names; the main title would be lost, in neither
the title nor the body. The first headline is the title; the second stays the body's first
block, a heading.

Not a main title: a column's caption (通知公告, …专栏), the site's or a unit's name (an issuer
over 关于…: one title, joined by the title reader), a menu row, a kicker ending in —— or a
colon, a line too short to be a headline.
"""

from __future__ import annotations

import re

from noticecli.knowledge import COLUMN_CAPTION_ENDS, SITE_NAME_SUFFIXES
from noticecli.parse.dom import compact
from noticecli.parse.lines import is_org_line
from noticecli.parse.text_chrome import is_menu_line
from noticecli.parse.text_labels import find_labels, has_label
from noticecli.parse.text_title_line import TITLE_MIN, is_title_like, next_nonblank

__all__ = ["main_title_over"]

_KICKER_ENDS = ("——", "—", "--")
# The text under the subtitle: a sentence (a full stop, or clauses).
_CLAUSE_MARKS = re.compile("[，,；;、]")
_TEXT_MIN = 20


def _is_text(line: str) -> bool:
    return "。" in line or (len(line) >= _TEXT_MIN and len(_CLAUSE_MARKS.findall(line)) >= 2)


def _is_main_title(line: str) -> bool:
    return (
        len(compact(line)) >= TITLE_MIN
        and is_title_like(line)
        and not is_org_line(line)
        and not line.endswith(COLUMN_CAPTION_ENDS + SITE_NAME_SUFFIXES + _KICKER_ENDS)
        and not is_menu_line(line, has_label)
        and not find_labels(line)
    )


def main_title_over(lines: list[str], first: int, index: int) -> int | None:
    """The row of a main title when the one line shown from ``first`` to ``index`` (the
    lines the title reader passed over) is a headline over the headline at ``index``, and
    the text follows that second headline directly; ``None`` otherwise."""
    shown = [row for row in range(first, index) if lines[row]]
    if len(shown) != 1 or index >= len(lines):
        return None
    subtitle = lines[index]
    after = next_nonblank(lines, index + 1)
    if (
        after >= len(lines)
        or not _is_text(lines[after])
        or not is_title_like(subtitle)
        or subtitle.startswith("关于")  # an issuer over 关于…: one title
        or find_labels(subtitle)
    ):
        return None
    return shown[0] if _is_main_title(lines[shown[0]]) else None
