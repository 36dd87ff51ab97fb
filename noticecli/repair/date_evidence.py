"""Evidence in the characters right around a damaged date: what marks it as a date, and
what fixes its year or the order of its readings.

Each reader looks at a few characters before or after a run and answers one question: is
the ``1.`` before it a list marker (``（1.1998年1127日``), does a clock time follow its 日
(``915日14:30``), does a word fix its year (今年, 去年, 同年 …), does a range mark join it to
another date (``4月28日-51日``), does a byline or a dateline frame it (``（记者 王某）612日``,
``哈尔滨918日电``), is it the whole of its line (a signature date that lost its 日). The
names these readers stand for are the ``evidence`` of a repair record.
"""

from __future__ import annotations

import re
from functools import cache

from noticecli.numerals import to_ascii_digits

# Evidence names, as they appear in a repair's ``evidence`` list.
LIST_MARKER = "list_marker"
TIME_AFTER = "time_after"
RELATIVE_YEAR = "relative_year"
RANGE = "range"
BYLINE = "byline"
DATELINE = "dateline"
DATE_LINE = "date_line"

_DIGITS = "0-9０-９"
# A clock time right after a date: 14:30, 14：30, 10∶00 (U+2236), 10时30分, 10时, 9点.
# Hours and minutes are checked by value below; a digit glued after the time rules it out.
_CLOCK = (
    f"[ \u3000]?([{_DIGITS}]{{1,2}})[ \u3000]?(?:[:：∶]([{_DIGITS}]{{2}})(?![{_DIGITS}])"
    f"|[时点](?:([{_DIGITS}]{{1,2}})分)?)"
)
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")
# The characters each reader needs to see first: callers test these before calling.
CLOCK_STARTS = _DIGIT_CHARS | frozenset(" \u3000")
_RANGE_MARKS = "至到—～~\\-－–"
# Before a range's end: the start's last unit (日 号 月) or a clock time, then the mark.
_TIME = f"[{_DIGITS}]{{1,2}}[ \u3000]?(?:[:：∶][{_DIGITS}]{{2}}|[时点](?:[{_DIGITS}]{{1,2}}分)?)"
_RANGE_BEFORE = f"(?:[日号月]|{_TIME})[ \u3000]?[{_RANGE_MARKS}][ \u3000]?$"
_RANGE_BEFORE_WINDOW = 12
_RANGE_MARK_CHARS = frozenset("至到—～~-－–")
RANGE_BEFORE_CHARS = _RANGE_MARK_CHARS | frozenset(" \u3000")  # before a range's end
RANGE_AFTER_CHARS = RANGE_BEFORE_CHARS  # after a range's start (or its clock time)
BYLINE_CLOSE = frozenset("）)")
DATELINE_STARTS = frozenset("电讯消")
# Words that fix the year of the date right after them, and from what: the publication
# year or the last year written, plus an offset. 的 may stand between (今年的918日).
RELATIVE_YEARS: dict[str, tuple[str, int]] = {
    "今年": ("published", 0),
    "本年": ("published", 0),
    "去年": ("published", -1),
    "上年": ("published", -1),
    "明年": ("published", 1),
    "同年": ("written", 0),
    "当年": ("written", 0),
    "次年": ("written", 1),
}
RELATIVE_YEAR_ENDS = frozenset("年的")  # the last character of 今年 … (今年的918日)
# What may stand before a list number (1. 2. 3.): the start of a line or clause.
_LIST_START_CHARS = frozenset(" \u3000\t\r\n（(【[。；;：:，,")
_LIST_DOTS = frozenset(".．")
# A bracket before the date that closes a byline: （记者 王某）612日.
_BYLINE_WORDS = ("记者", "通讯员", "实习生", "摄影", "编辑", "讯")
_BYLINE_WINDOW = 30
# 日电 / 日讯 / 日消息 right after the date: a news dateline (新华社哈尔滨918日电).
_DATELINE_AFTER = "(?:电|讯|消息)(?=$|[ \u3000（(，,：:。\n]|记者)"
# A line that is only a date (a signature date): optional spaces, then an optional label
# ending in 日期 or 时间 and its colon, or the signing body's name when extraction joined
# the signature and its date (某某市人民政府2024年6月30), the date, then spaces to the end
# of the line.
_SIGNER_ENDS = "政府|办公室|委员会|指挥部|局|厅|办|部|委|中心|公司|院|所|站"
_LINE_LABEL = (
    "[ \u3000\t\u00a0]*(?:(?:[^\\s:：]{0,6}(?:日期|时间)[ \u3000\t\u00a0]*)?[:：]?"
    f"|[\u4e00-\u9fff（）()]{{1,40}}(?:{_SIGNER_ENDS}))[ \u3000\t\u00a0]*$"
)
_LINE_DAY = f"([{_DIGITS}]{{1,2}})[ \u3000\t\u00a0\r]*(?:\n|$)"


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _value(digits: str) -> int:
    return int(to_ascii_digits(digits))


def clock_after(text: str, end: int) -> int:
    """The end of a clock time written right after ``end`` (14:30, 10时30分), or -1."""
    if end >= len(text) or text[end] not in CLOCK_STARTS:
        return -1
    match = _pattern(_CLOCK).match(text, end)
    if match is None:
        return -1
    hour = _value(match[1])
    minute = match[2] or match[3]
    if hour > 24 or (minute is not None and _value(minute) > 59):
        return -1
    return match.end()


def list_marker_before(text: str, start: int) -> bool:
    """Whether ``1.`` (one or two digits and a dot) right before ``start`` opens a list item
    at the start of a line or clause: （1.1998年…, \\n2.199811月…."""
    if start < 2 or text[start - 1] not in _LIST_DOTS:
        return False
    at = start - 2
    digits = 0
    while at >= 0 and text[at].isdigit() and digits < 3:
        at -= 1
        digits += 1
    return 1 <= digits <= 2 and (at < 0 or text[at] in _LIST_START_CHARS)


def relative_year_before(text: str, start: int) -> str | None:
    """The word that fixes the year of the date at ``start`` (今年, 去年, 同年 …), or None."""
    window = text[max(0, start - 3) : start]
    if window.endswith("的"):
        window = window[:-1]
    word = window[-2:]
    return word if word in RELATIVE_YEARS else None


def range_start_end(text: str, start: int) -> int:
    """Where the date that starts a range must end when the run at ``start`` is its end
    (4月28日-51日, 11:00—814日): the offset after the start's last unit, or -1."""
    if not start or text[start - 1] not in RANGE_BEFORE_CHARS:
        return -1
    window_start = max(0, start - _RANGE_BEFORE_WINDOW)
    match = _pattern(_RANGE_BEFORE).search(text[window_start:start])
    if match is None:
        return -1
    at = window_start + match.start()
    if text[at] in "日号月":
        return at + 1
    while at and text[at - 1] in " \u3000":  # a clock time: the date ends before it
        at -= 1
    return at


def range_end_start(text: str, end: int, clock_end: int = -1) -> int:
    """Where the date that ends a range must start when the run ending at ``end`` is its
    start (915日至9月20日, or after a clock time ending at ``clock_end``:
    915日14:30至9月20日): the offset of the end's first digit, or -1."""
    at = clock_end if clock_end >= 0 else end
    size = len(text)
    if at < size and text[at] in " \u3000":
        at += 1
    if at >= size or text[at] not in _RANGE_MARK_CHARS:
        return -1
    at += 1
    if at < size and text[at] in " \u3000":
        at += 1
    return at if at < size and text[at] in _DIGIT_CHARS else -1


def is_range_mark_before(text: str, start: int) -> bool:
    """Whether a range mark stands right before ``start`` after a date or a time, so that
    the dash is not part of an identifier (1-51日, V1-327日)."""
    return range_start_end(text, start) >= 0


def byline_before(text: str, start: int) -> bool:
    """Whether a bracket closing a byline stands right before ``start``: （记者 王某）612日."""
    if not start or text[start - 1] not in BYLINE_CLOSE:
        return False
    window = text[max(0, start - _BYLINE_WINDOW) : start - 1]
    opening = max(window.rfind("（"), window.rfind("("))
    if opening < 0:
        return False
    inside = window[opening + 1 :]
    return any(word in inside for word in _BYLINE_WORDS)


def dateline_after(text: str, end: int) -> bool:
    """Whether a news dateline's 电 / 讯 / 消息 follows the date's 日 (…918日电（记者…）)."""
    return (
        end < len(text)
        and text[end] in DATELINE_STARTS
        and _pattern(_DATELINE_AFTER).match(text, end) is not None
    )


def date_line_day(text: str, start: int, end: int) -> tuple[int, int] | None:
    """When the digits right after the 月 that ends at ``end`` close their line and the
    date starting at ``start`` opens it (a signature date that lost its 日: 2024年6月30),
    the span of those digits; None otherwise."""
    match = _pattern(_LINE_DAY).match(text, end)
    if match is None:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    if _pattern(_LINE_LABEL).match(text[line_start:start]) is None:
        return None
    return match.start(1), match.end(1)
