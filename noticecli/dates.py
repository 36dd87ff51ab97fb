"""Reading dates: a value that is a date, a date in running text, and the calendar check.

The one date reader of the package. The parsers (listing rows), the repair engine, the
normalizer's ISO forms and crawl's per-site date selectors all read dates here, so nothing
that is not a calendar date (``2021-02-29``, ``2021-02-31``) is ever written as one.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from noticecli.numerals import CN_NUMERAL_CHARS, cn_small_int, cn_year, to_ascii_digits

__all__ = [
    "MONTH_DAY",
    "ParsedDate",
    "date_in_text",
    "find_date",
    "find_split_date",
    "is_calendar_date",
    "iso_date",
    "month_day_of",
    "month_days_in_text",
    "parse_date",
]


class ParsedDate(NamedTuple):
    iso: str  # "2020-05-06", or "2020-05-06T09:33:00+08:00" when a time is known
    has_time: bool

    @property
    def date(self) -> datetime.date:
        """The calendar day, without the time."""
        return datetime.date.fromisoformat(self.iso[:10])


# --------------------------------------------------------------------------- the calendar

_MAX_DAY = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(year: int) -> bool:
    # calendar.isleap, without importing calendar on every start-up for one line.
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def is_calendar_date(year: int | None, month: int, day: int | None = None) -> bool:
    """Whether the month (and the day, when given) exists; 29 February only in a leap year
    when the year is known, and in any year when it is not."""
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    if not 1 <= day <= _MAX_DAY[month]:
        return False
    return not (month == 2 and day == 29 and year is not None and not _is_leap(year))


# --------------------------------------------------------------------------- running text

# A four-digit number outside these years is not the year of a date in running text.
_TEXT_MIN_YEAR = 1900
_TEXT_MAX_YEAR = 2100


@cache
def date_in_text() -> re.Pattern[str]:
    """A date in running text: year, month, day separated by ``-`` ``.`` ``/`` or 年 月
    (日 may follow), no digit glued on either side. Its groups are year, month and day.
    A shape only: :func:`iso_date` says whether a match is a date. Compiled on first use
    (the CLI's start-up does not need it). Written to begin with four single digits and to
    look back for a fifth only then (the same matches as a leading negative look-behind):
    the regex engine then skips non-digits without trying the pattern at each character,
    several times cheaper on a long text."""
    return re.compile(r"(\d\d\d\d)(?<!\d{5})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})(?!\d)")


def iso_date(match: re.Match[str]) -> str | None:
    """``YYYY-MM-DD`` of a :func:`date_in_text` match, or None when it is not a calendar
    date of a plausible year."""
    year, month, day = (int(group) for group in match.groups())
    if _TEXT_MIN_YEAR <= year <= _TEXT_MAX_YEAR and is_calendar_date(year, month, day):
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def find_date(text: str) -> str | None:
    """``YYYY-MM-DD`` of the first calendar date written in ``text``, or None."""
    for match in date_in_text().finditer(text):
        iso = iso_date(match)
        if iso is not None:
            return iso
    return None


@cache
def _split_date_shapes() -> tuple[re.Pattern[str], ...]:
    # A day apart from its year and month (listing rows print 10 over 2024-09), or a month
    # and day apart from the year (09-10 over 2024), the parts in either order.
    ym = r"(?P<y>\d{4})\s*[-./年]\s*(?P<m>\d{1,2})\s*月?"
    md = r"(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})\s*[日号]?"
    day = r"(?P<d>\d{1,2})\s*[日号]?"
    year = r"(?P<y>\d{4})\s*年?"
    return tuple(
        re.compile(rf"{first}\s+{second}")
        for first, second in ((day, ym), (ym, day), (md, year), (year, md))
    )


def find_split_date(text: str) -> str | None:
    """``YYYY-MM-DD`` when the whole of ``text`` is a date written in two parts (a day and a
    year-month, or a month-day and a year, in either order, separated by spaces), else None.
    Calendar-checked like :func:`find_date`."""
    text = text.strip()
    if not 5 <= len(text) <= 24:
        return None
    for shape in _split_date_shapes():
        match = shape.fullmatch(text)
        if match is not None:
            year, month, day = (int(match.group(name)) for name in ("y", "m", "d"))
            if _TEXT_MIN_YEAR <= year <= _TEXT_MAX_YEAR and is_calendar_date(year, month, day):
                return f"{year:04d}-{month:02d}-{day:02d}"
            return None
    return None


# A month and day without a year (a listing row's ``09-12``, ``9月12日``): one or two digits
# each side of - / or 月 (日 or 号 may follow). Not with a dot: 10.25 in a row is as often an
# amount (万元) as a date. No digit, and no separator that would make it part of a longer
# date or number, on either side. Its groups: m1/d1 (- /) or m3/d3 (月).
MONTH_DAY = (
    r"(?<![\d./\-:])(?:(?P<m1>\d{1,2}) ?[-/] ?(?P<d1>\d{1,2})"
    r"|(?P<m3>\d{1,2}) ?月 ?(?P<d3>\d{1,2}) ?[日号]?)(?![\d./\-年月])"
)
# Where a month-day may be: a digit beside a separator and a digit. A pattern that begins with
# a digit class skips other characters fast (the full pattern, which begins with a
# look-behind, is tried at every character), so the full pattern is tried only here.
_NEAR_MONTH_DAY = re.compile(r"\d ?[-/月] ?\d")


@cache
def _month_day() -> re.Pattern[str]:
    return re.compile(MONTH_DAY)


def month_days_in_text(text: str) -> Iterator[re.Match[str]]:
    """The month-day shapes (:data:`MONTH_DAY`) in ``text``, in order: shapes only; see
    :func:`month_day_of`."""
    pattern = _month_day()
    for near in _NEAR_MONTH_DAY.finditer(text):
        start = near.start()
        if start and text[start - 1].isdigit():
            start -= 1  # the month's first digit
        match = pattern.match(text, start)
        if match is not None:
            yield match


def month_day_of(match: re.Match[str]) -> tuple[int, int] | None:
    """(month, day) of a :data:`MONTH_DAY` match, or None when no year has that day."""
    for month_group, day_group in (("m1", "d1"), ("m3", "d3")):
        month = match.group(month_group)
        if month is not None:
            month_number, day_number = int(month), int(match.group(day_group))
            if is_calendar_date(None, month_number, day_number):
                return month_number, day_number
            return None
    return None


# --------------------------------------------------------------------------- whole values

# Seconds may carry a fraction (00:02:00.0, a database timestamp printed as is): dropped.
_CLOCK = r"(\d{1,2})(?: ?: ?(\d{2})(?: ?: ?(\d{2})(?:\.\d{1,6})?)?|时(\d{1,2})分(?:(\d{1,2})秒)?)"
# A Hanweb rendering spaces the digits from the separators (2025- 11- 24): one space each side.
_DATE_SEPARATED = re.compile(rf"(\d{{4}}) ?([-/.]) ?(\d{{1,2}}) ?\2 ?(\d{{1,2}})(?:[ T]{_CLOCK})?")
_DATE_CJK = re.compile(rf"(\d{{4}}) ?年 ?(\d{{1,2}}) ?月 ?(\d{{1,2}}) ?[日号](?: ?{_CLOCK})?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
# A weekday after a date (2024-05-01（星期三）, 2024年5月1日 周三); 日 and 天 are Sunday.
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_END = re.compile(r" ?[（(]?(?:星期|周|礼拜)(?P<day>[一二三四五六日天])[)）]?$")
_CN = f"[{CN_NUMERAL_CHARS}]"
_CN_CHARS = frozenset(CN_NUMERAL_CHARS)
# Compiled on first use: only a value that starts with a Chinese numeral can match.
_DATE_CN = rf"({_CN}{{4}})年({_CN}{{1,3}})月({_CN}{{1,3}})[日号]"


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _iso(year: int, month: int, day: int, time: tuple[str | None, ...] = ()) -> ParsedDate | None:
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return None
    hour_s = time[0] if time else None
    if hour_s is None:
        return ParsedDate(date.isoformat(), False)
    minute_s = time[1] if time[1] is not None else time[3]
    second_s = time[2] if time[2] is not None else time[4]
    hour, minute, second = int(hour_s), int(minute_s or 0), int(second_s or 0)
    # The ranges datetime.time accepts, checked here: building one costs more than the
    # rest of the parse.
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        return None
    return ParsedDate(f"{date.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}+08:00", True)


# Brackets a page sets a whole date in, opening → closing.
_ENCLOSING = {"[": "]", "【": "】", "(": ")", "（": "）", "〔": "〕", "［": "］", "<": ">"}


def parse_date(value: str) -> ParsedDate | None:
    """Structured date from a header value as shown: `2020-05-06 09:33`, `2020-05-06 09:33:12`,
    `2020-05-06 09:33:12.0` (the fraction of a second dropped), `2020年5月6日`,
    `2020年05月06日 09:33`, `二〇二〇年五月六日`, `2020.05.06`, `2020/5/6`, `20200506`,
    `2025- 11- 24` (a space beside a separator); full-width digits too. Returns None when the
    value is not a (single, valid calendar) date; never guesses."""
    # Runs of whitespace as one space, the ends stripped (str.split's whitespace is re's \s,
    # U+3000 and nbsp included); most values are ASCII, with no full-width digit to map.
    text = " ".join((value if value.isascii() else to_ascii_digits(value)).split())
    if not text:
        return None
    if _ENCLOSING.get(text[0]) == text[-1] and len(text) > 2:
        return parse_date(text[1:-1])  # [2024-09-12]: a date set in brackets
    weekday = _WEEKDAY_END.search(text) if not text.isascii() else None
    if weekday is not None:
        # 2024-05-01（星期三）: the date, when the weekday shown is its own (else no guess).
        parsed = parse_date(text[: weekday.start()])
        if parsed is None or _WEEKDAYS[weekday["day"]] != _weekday(parsed.iso):
            return None
        return parsed
    for pattern in (_DATE_SEPARATED, _DATE_CJK):
        match = pattern.fullmatch(text)
        if match:
            groups = match.groups()
            if pattern is _DATE_SEPARATED:
                year, month, day, time = groups[0], groups[2], groups[3], groups[4:]
            else:
                year, month, day, time = groups[0], groups[1], groups[2], groups[3:]
            return _iso(int(year), int(month), int(day), time)
    match = _DATE_COMPACT.fullmatch(text)
    if match:
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    compact = text.replace(" ", "")
    match = _pattern(_DATE_CN).fullmatch(compact) if compact[:1] in _CN_CHARS else None
    if match:
        year_n, month_n, day_n = cn_year(match[1]), cn_small_int(match[2]), cn_small_int(match[3])
        if year_n is None or month_n is None or day_n is None:
            return None
        return _iso(year_n, month_n, day_n)
    return None


def _weekday(iso: str) -> int:
    """Monday 0 … Sunday 6 of an ISO date (its first ten characters)."""
    return datetime.date.fromisoformat(iso[:10]).weekday()
