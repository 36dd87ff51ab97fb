"""What a line worded as a title looks like in a text dump: its length, no end punctuation,
no date, label or code alone, a title's words; shared by the title readers."""

from __future__ import annotations

import re
from functools import cache

from noticecli.knowledge import TITLE_WORDS
from noticecli.parse.lines import END_PUNCT, is_date_line
from noticecli.parse.text_labels import CN_DATE_PREFIX, DATE_TIME_PREFIX, is_label_line

# A line opening a page is its title when worded like one and at least this long.
TITLE_MIN = 8
TITLE_MAX = 100


# A code alone (LSDR-2024-00017, 431122000/2024-01234): a registration or index number
# repeated under a grid, never a headline; an English title has words set apart by spaces.
_CODE_ONLY = re.compile(r"[A-Za-z0-9/._\-〔〕\[\]()（）]*\d{2}[A-Za-z0-9/._\-〔〕\[\]()（）]*")


def is_code_line(line: str) -> bool:
    """A line that is only a code: letters, digits and a code's separators, a digit run."""
    return _CODE_ONLY.fullmatch(line) is not None


def is_title_like(line: str) -> bool:
    return (
        4 <= len(line) <= 100
        and line[-1] not in END_PUNCT
        and not is_date_line(line)
        and not is_label_line(line)
        and not is_code_line(line)
    )


def next_nonblank(lines: list[str], start: int) -> int:
    while start < len(lines) and not lines[start]:
        start += 1
    return start


def starts_with_date(line: str) -> bool:
    return bool(DATE_TIME_PREFIX.match(line) or CN_DATE_PREFIX.match(line))


@cache
def title_words() -> re.Pattern[str]:
    return re.compile("|".join(TITLE_WORDS))
