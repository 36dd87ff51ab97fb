"""Listing dates printed without a year (``[09-12]``, ``09-12``, ``09月12日``), and the year
the page itself gives them.

Many columns print each row's month and day only. Such a date is read here, calendar-checked
(a leap year's 02-29 is a day), and kept as shown in the item's ``date_shown``; the item's
``date`` gets a year only from evidence on the page: the item's own URL path when it holds
the year with the same month (``/2024/09/``, ``/202409/``, ``t20240912_``), or a year alone
(``art_2024_…``); or, in a list in date order, dated rows of the same year above and below
that bracket the date. Otherwise ``date`` stays null: a year is never guessed (not from the
fetch time either: a column whose newest notice is two years old would get wrong years).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple
from urllib.parse import urlsplit

from noticecli.dates import is_calendar_date
from noticecli.knowledge import LIST_DATE_LABEL

__all__ = [
    "MonthDay",
    "delimited_month_day",
    "element_month_day",
    "has_month_day",
    "month_day_at_link_ends",
    "year_from_url",
    "years_between",
]

# A month-day has one to two digits each side of - / or 月 (日 or 号 may follow). Not with a
# dot: 10.25 in a row is as often an amount (万元) as a date. No digit, and no separator that
# would make it part of a longer date or number, on either side.
_MONTH_DAY = (
    r"(?<![\d./\-:])(?:(?P<m1>\d{1,2}) ?[-/] ?(?P<d1>\d{1,2})"
    r"|(?P<m3>\d{1,2}) ?月 ?(?P<d3>\d{1,2}) ?[日号]?)(?![\d./\-年月])"
)
# What may stand around it in an element that holds only the date: brackets, a publication
# label, a time of day, separators (the frame of a full date, less the digits of a year).
_FRAME = (
    r"[\s\[\]【】()（）「」<>《》:：|·•]*"
    rf"(?:(?:{LIST_DATE_LABEL})[\s:：]*)?"
    r"[\s\[\]【】()（）「」<>《》:：|·•]*"
)
_CLOCK_AFTER = r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?[\s\[\]【】()（）「」<>《》|·•]*"
_OPENERS = frozenset(" \t\n[【(（「<《:：|·•")
_CLOSERS = frozenset(" \t\n]】)）」>》|·•")
_MAX_ELEMENT_TEXT = 30


class MonthDay(NamedTuple):
    """A month, a day and the date's text as shown (``09-12``)."""

    month: int
    day: int
    shown: str


@cache
def _month_day() -> re.Pattern[str]:
    return re.compile(_MONTH_DAY)


# Where a month-day may be: a digit beside a separator and a digit. A pattern that begins with
# a digit class skips other characters fast (the full pattern, which begins with a
# look-behind, is tried at every character), so the full pattern is tried only here.
_NEAR = re.compile(r"\d ?[-/月] ?\d")


def _month_days(text: str) -> Iterator[re.Match[str]]:
    """The month-day shapes in ``text``, in order."""
    pattern = _month_day()
    for near in _NEAR.finditer(text):
        start = near.start()
        if start and text[start - 1].isdigit():
            start -= 1  # the month's first digit
        match = pattern.match(text, start)
        if match is not None:
            yield match


@cache
def _whole_element() -> re.Pattern[str]:
    return re.compile(rf"{_FRAME}(?P<date>{_MONTH_DAY}){_CLOCK_AFTER}")


def _read(match: re.Match[str]) -> MonthDay | None:
    for month_group, day_group in (("m1", "d1"), ("m3", "d3")):
        month = match.group(month_group)
        if month is not None:
            month_number, day_number = int(month), int(match.group(day_group))
            if is_calendar_date(None, month_number, day_number):
                return MonthDay(month_number, day_number, match.group(0).strip())
            return None
    return None


def element_month_day(text: str) -> MonthDay | None:
    """The month-day an element shows when that is all it shows (brackets, a publication
    label and a time of day may stand around it)."""
    if not 3 <= len(text) <= _MAX_ELEMENT_TEXT:
        return None
    match = _whole_element().fullmatch(text)
    if match is None:
        return None
    inner = _month_day().fullmatch(match.group("date"))
    return _read(inner) if inner is not None else None


def delimited_month_day(text: str) -> MonthDay | None:
    """The first month-day in ``text`` that stands apart: spaces, brackets or a colon before
    it, spaces or brackets after it (not 关于9月18日组织…)."""
    for match in _month_days(text):
        start, end = match.span()
        if (start == 0 or text[start - 1] in _OPENERS) and (
            end == len(text) or text[end] in _CLOSERS
        ):
            found = _read(match)
            if found is not None:
                return found
    return None


_MIN_YEAR = 1990
_MAX_YEAR = 2100
# A year in a URL path, with the month and day after it when the path has them: /2024/09/,
# /202409/, t20240912_, 2024-09-12, art_2024_5678. Digits glued on either side are an id.
_URL_YEAR = re.compile(r"(?<!\d)(\d{4})(?:[-_/]?(\d{2})(?:[-_/]?(\d{2}))?)?(?!\d)")


def year_from_url(url: str, month: int, day: int) -> int | None:
    """The year the item's URL path gives a date of ``month``/``day``: a year followed by the
    same month (and the same day, when the path has one), or a year standing alone; None
    when the path holds no year or years that disagree."""
    path = urlsplit(url).path
    years: set[int] = set()
    for match in _URL_YEAR.finditer(path):
        year = int(match.group(1))
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            continue
        url_month, url_day = match.group(2), match.group(3)
        if url_month is not None and 1 <= int(url_month) <= 12:
            if int(url_month) != month:
                return None  # the path says another month: no evidence for this date
            same_day = url_day is None or int(url_day) == day
            if not same_day and is_calendar_date(year, month, int(url_day)):
                return None  # the path says another day
        years.add(year)
    if len(years) != 1:
        return None
    (year,) = years
    return year if is_calendar_date(year, month, day) else None


def month_day_at_link_ends(text: str) -> MonthDay | None:
    """A month-day printed at the start or the end of the link text itself, set off from the
    title by a space or a bracket (``[09-12] 标题``, ``标题 09-12``); never one the title runs
    on from (``9月1日起施行…``)."""
    for match in _month_days(text):
        start, end = match.span()
        before, after = text[:start], text[end:]
        if not before.strip(" [【(（") and after[:1] in (" ", "]", "】", ")", "）", "|"):
            rest = after
        elif not after.strip(" ]】)）") and before[-1:] in (" ", "[", "【", "(", "（", "|"):
            rest = before
        else:
            continue
        if rest.strip(" []【】()（）|"):
            return _read(match)
    return None


def has_month_day(text: str) -> bool:
    """Whether ``text`` holds anything shaped like a month-day (a cheap test before rows are
    read for one)."""
    return next(_month_days(text), None) is not None


def years_between(dates: list[tuple[int | None, int, int]]) -> list[int | None]:
    """The years of a list's dates (year or None, month, day, in page order) with the
    missing ones filled where the page implies them: the dates with a year are in order
    (newest first or oldest first), and the nearest of them above and below a date without
    a year have the same year and bracket it in that year."""
    years = [year for year, _, _ in dates]
    known = [
        (index, (year, month, day))
        for index, (year, month, day) in enumerate(dates)
        if year is not None
    ]
    if len(known) < 2:
        return years
    keys = [key for _, key in known]
    pairs = list(itertools.pairwise(keys))
    if not (all(a >= b for a, b in pairs) or all(a <= b for a, b in pairs)):
        return years
    for index, (year, month, day) in enumerate(dates):
        if year is not None:
            continue
        above = next((key for at, key in reversed(known) if at < index), None)
        below = next((key for at, key in known if at > index), None)
        if above is None or below is None or above[0] != below[0]:
            continue
        candidate = (above[0], month, day)
        low, high = min(above, below), max(above, below)
        if low <= candidate <= high and is_calendar_date(above[0], month, day):
            years[index] = above[0]
    return years
