"""The publication date a plain text shows, as the text-dump parser reads it, for ``normalize``.

`noticecli normalize` needs one field of the page, not the page: the header pass of
:mod:`noticecli.parse.text` answers it without building the body, and a text that shows no
place a publication date could come from is not read at all.
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from noticecli.dates import parse_date
from noticecli.fields import PUBLISHED_KEYS, published_candidates
from noticecli.labels import vocabulary
from noticecli.parse.text import text_dump_header
from noticecli.parse.text_furniture import SITE_STAMP
from noticecli.parse.text_labels import CN_YEAR_MONTH, DATE_FIGURES

# What the parser blanks to a space before reading a line: comment markers and CSS rules.
_BLANKED = r"<!--|-->|(?:@[A-Za-z-]+|[A-Za-z][A-Za-z0-9_.#:>-]*)\s*\{[^{}]*\}"
# What the parser strips or blanks before reading a line: whitespace, &nbsp;, BOM, zero-width
# space and the blanked markup.
_EDGE = rf"(?:\s|&nbsp;|\ufeff|\u200b|{_BLANKED})*"


@cache
def _label_end() -> re.Pattern[str]:
    """The last character of a publication label (发布日期, 时间 …, or a fragment of one cut
    short, which ends as the label does) where a label ends: before a colon, a table cell's
    pipe, a bracket label's close, the end of a line (a label printed over its value), or a
    gap before a number (a letter-spaced grid label without a colon: 上 载 日 期 2024-04-12)."""
    ends = "".join(
        sorted({label[-1] for label, key in vocabulary().items() if key in PUBLISHED_KEYS})
    )
    return re.compile(rf"[{re.escape(ends)}]{_EDGE}(?:[:：|｜\]】]|(?=[\r\n])|\Z|(?<=\s)(?=\d))")


# A date the parser may read as an unlabelled publication time opens a line once the line's
# edge noise, markup and bullet, or the portal's stamp (某县门户网站www.….cn), are stripped (a
# labelled one needs a label, above); in Chinese numerals too (二〇〇六年三月五日). The
# parser's date shapes cut to their heads, so that the check never misses a date it reads.
_DATE = re.compile(f"{DATE_FIGURES}|{CN_YEAR_MONTH}")
_BEFORE_OPENING_DATE = re.compile(rf"{_EDGE}(?:[-•·●◆■▪▫◇○*]\s+|{SITE_STAMP}\s*)?")


def _opens_a_line(text: str, start: int) -> bool:
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    return _BEFORE_OPENING_DATE.fullmatch(text, line_start, start) is not None


# A date the parser may read beside a value or a title: after a cell's gap (来源:岳阳日报
# 2012-10-29) or a space closing a line (作者：张三 2024-05-01), in brackets closing the title
# line (标题 ( 2024年01月15日 )), after a bracketed unit name under the title
# ([岚峰县国动办]2016-05-12), or opening a table cell that the parser reads as a line
# (标题 | 2024-01-15 |). Markup the parser blanks is such a gap too (标题<!--2024-01-15).
_BESIDE = re.compile(rf"(?:\s|&nbsp;|{_BLANKED}|[(（\[【|｜)）\]】]){_EDGE}$")
_BESIDE_REACH = 200  # characters looked back over (markup the parser blanks included)


def _stands_beside(text: str, start: int) -> bool:
    return _BESIDE.search(text, max(0, start - _BESIDE_REACH), start) is not None


def may_show_published(text: str) -> bool:
    """Whether ``text`` has a place the text-dump parser could read a publication date from:
    the end of a publication label, a date opening a line, or a date after a wide gap or an
    opening bracket. When not, :func:`labelled_published` is ``None`` without reading the
    text."""
    if _label_end().search(text):
        return True
    return any(
        _opens_a_line(text, match.start()) or _stands_beside(text, match.start())
        for match in _DATE.finditer(text)
    )


def labelled_published(text: str) -> datetime.date | None:
    """The publication date ``parse_text_dump(text)`` gives (the first publication field,
    best first, whose value reads as a date); ``None`` when it gives none."""
    if not may_show_published(text):
        return None
    for candidate in published_candidates(text_dump_header(text)):
        parsed = parse_date(candidate.value or "")
        if parsed is not None:
            return parsed.date
    return None
