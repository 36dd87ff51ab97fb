"""Listing dates printed without a year (``[09-12]``, ``09-12``, ``09月12日``): whether a list's
month-days are its dates, and the year the page itself gives them.

Many columns print each row's month and day only. Such a date (its shape is in
:mod:`noticecli.dates`, where it is in a row in :mod:`~noticecli.parse.listing_row_dates`) is
calendar-checked (a leap year's 02-29 is a day) and kept as shown in the item's ``date_shown``,
but only with the evidence of a dated list (:func:`is_dated_list`): scores (``3-1``) and part
numbers (``(1/3)``) look the same. The item's ``date`` gets a year only from evidence on the
page (:func:`give_years`): a date-shaped piece of the item's own URL path with the same month
(``/2024/09/``, ``/202409/``, ``t20240912_``, ``2024-09-12``; a four-digit number alone, such as
Hanweb's ``art_<column>_`` or ``content_2098``, is never a year), or, in a list in date order,
dated rows of the same year above and below that bracket the date; never a year past the list's
newest full date or the current year. Otherwise ``date`` stays null: a year is never guessed
(not from the fetch time either: a column whose newest notice is two years old would get wrong
years). Each year given is reported (warning ``listing_year_inferred``).
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple
from urllib.parse import urlsplit

from noticecli.dates import MONTH_DAY, is_calendar_date, month_day_of, month_days_in_text
from noticecli.knowledge_listings import LIST_DATE_LABEL
from noticecli.models import ListingItem

__all__ = [
    "MIN_YEARLESS",
    "MonthDay",
    "UrlDate",
    "YearsGiven",
    "element_month_day",
    "give_years",
    "has_month_day",
    "in_date_order",
    "is_dated_list",
    "month_day_matches",
    "read_month_day",
    "url_date",
    "year_from_url",
    "years_between",
]

# What may stand around it in an element that holds only the date: brackets, a publication
# label, a time of day, separators (the frame of a full date, less the digits of a year).
_FRAME = (
    r"[\s\[\]【】()（）「」<>《》:：|·•]*"
    rf"(?:(?:{LIST_DATE_LABEL})[\s:：]*)?"
    r"[\s\[\]【】()（）「」<>《》:：|·•]*"
)
_CLOCK_AFTER = r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?[\s\[\]【】()（）「」<>《》|·•]*"
_MAX_ELEMENT_TEXT = 30


class MonthDay(NamedTuple):
    """A month, a day and the date's text as shown (``09-12``)."""

    month: int
    day: int
    shown: str


def month_day_matches(text: str) -> Iterator[re.Match[str]]:
    """The month-day shapes in ``text``, in order."""
    return month_days_in_text(text)


@cache
def _whole_element() -> re.Pattern[str]:
    return re.compile(rf"{_FRAME}(?P<date>{MONTH_DAY}){_CLOCK_AFTER}")


def read_month_day(match: re.Match[str]) -> MonthDay | None:
    """The calendar-checked month-day of a :data:`~noticecli.dates.MONTH_DAY` match."""
    found = month_day_of(match)
    return MonthDay(found[0], found[1], match.group(0).strip()) if found is not None else None


def element_month_day(text: str) -> MonthDay | None:
    """The month-day an element shows when that is all it shows (brackets, a publication
    label and a time of day may stand around it)."""
    if not 3 <= len(text) <= _MAX_ELEMENT_TEXT:
        return None
    match = _whole_element().fullmatch(text)
    if match is None:
        return None
    inner = next(month_days_in_text(match.group("date")), None)
    return read_month_day(inner) if inner is not None else None


# A date in a URL path: a year with its month (and day), in one of the shapes a CMS writes
# dates in (``/2024/09/``, ``/2024/0912/``, ``/202409/``, ``t20240912_``, ``2024-09-12``).
# A four-digit number alone is never a year (``content_2098``, Hanweb's ``art_<column>_``).
_URL_DATES = (
    # /2024/09/, /2024/09/12/, /2024/0912/: path segments.
    re.compile(r"/(\d{4})/(\d{2})(?:/?(\d{2}))?(?=/)"),
    # /202409/, /20240912/: one whole segment.
    re.compile(r"/(\d{4})(\d{2})(\d{2})?(?=/)"),
    # 2024-09-12, 2024-09: hyphens.
    re.compile(r"(?<![\d-])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\d-])"),
    # t20240912_, 20240912.html: eight digits, no digit glued on.
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),
)
_MIN_YEAR = 1990


class UrlDate(NamedTuple):
    """What an item's URL path says of a date shown without a year."""

    year: int | None  # the year, when a date piece of the path agrees with the date
    contradicts: bool  # a date piece of the path names another month


def url_date(url: str, month: int, day: int) -> UrlDate:
    """The year a date piece of ``url``'s path gives the date ``month``/``day``: a year with
    the same month, and the same day when the piece has one. A piece that names another
    month, or another day of it, or two pieces of different years, give no year."""
    path = urlsplit(url).path
    years: set[int] = set()
    contradicts = False
    for shape in _URL_DATES:
        for match in shape.finditer(path):
            year, url_month = int(match.group(1)), int(match.group(2))
            url_day = int(match.group(3)) if match.group(3) is not None else None
            if year < _MIN_YEAR or not is_calendar_date(year, url_month, url_day):
                continue
            if url_month != month:
                contradicts = True
            elif url_day is None or url_day == day:
                years.add(year)
            else:
                return UrlDate(None, False)  # another day of the month: no evidence
    if contradicts or len(years) != 1:
        return UrlDate(None, contradicts)
    (year,) = years
    return UrlDate(year if is_calendar_date(year, month, day) else None, False)


def year_from_url(url: str, month: int, day: int) -> int | None:
    """The year :func:`url_date` reads for ``month``/``day`` in ``url``'s path, or None."""
    return url_date(url, month, day).year


def has_month_day(text: str) -> bool:
    """Whether ``text`` holds anything shaped like a month-day (a cheap test before rows are
    read for one)."""
    return next(month_days_in_text(text), None) is not None


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


# --- Whether a list's month-days are dates ---------------------------------------------------

# Rows showing a date without a year that make a list of dated rows.
MIN_YEARLESS = 3


def is_dated_list(month_days: list[MonthDay], urls: list[str], rows: int) -> bool:
    """Whether the month-days of a list's rows (in page order; ``urls`` the rows' links,
    ``rows`` the number of rows) are the evidence of a dated list rather than numbers that
    look like dates (scores ``3-1``, parts ``(1/3)``, a menu's ``1-2``): three rows or more,
    most of the rows, in date order (see :func:`in_date_order`), and not dates most of the
    rows' own URL paths contradict (``/2024/09/`` beside ``3-1``)."""
    count = len(month_days)
    if count < MIN_YEARLESS or count * 2 < rows:
        return False
    if not in_date_order([(md.month, md.day) for md in month_days]):
        return False
    contradicted = sum(
        1
        for md, url in zip(month_days, urls, strict=True)
        if url_date(url, md.month, md.day).contradicts
    )
    return contradicted * 2 <= count


def in_date_order(keys: list[tuple[int, int]]) -> bool:
    """Month-days (month, day) down a list in date order: newest first or oldest first, with
    at most one turn of the year, and spanning less than a year (the last date is not past the
    first one's day of the year again)."""
    for newest_first in (True, False):
        turns = sum(1 for a, b in itertools.pairwise(keys) if (b > a if newest_first else b < a))
        if turns == 0:
            return True
        if turns == 1 and (keys[-1] > keys[0] if newest_first else keys[-1] < keys[0]):
            return True
    return False


# --- The year the page gives them ------------------------------------------------------------

# The pages' own time zone: a notice posted on 1 January in China is of the new year.
_CHINA = datetime.timezone(datetime.timedelta(hours=8))


def current_year() -> int:
    return datetime.datetime.now(_CHINA).year


class YearsGiven(NamedTuple):
    """How many items showing a date without a year got their year, and from what."""

    from_url: int  # a date piece of the item's URL path with the same month (and day)
    from_neighbours: int  # dated items above and below it, of one year, in date order
    without: int  # no year: ``date`` stays null


def give_years(items: list[ListingItem], this_year: int | None = None) -> YearsGiven:
    """Fill the ``date`` of the items that show a date without a year (``date_shown``) where
    the page gives the year: first from the item's URL path (:func:`url_date`), then from
    dated neighbours (:func:`years_between`). A year later than the list's newest full date
    or than ``this_year`` (the current year in China) is never given."""
    if not any(item.date_shown for item in items):
        return YearsGiven(0, 0, 0)  # nothing to give; the clock is not asked (a system call)
    latest = current_year() if this_year is None else this_year
    full = [item.date for item in items if item.date and not item.date_shown]
    if full:
        latest = min(latest, int(max(full)[:4]))
    from_url = 0
    shown: dict[int, MonthDay] = {}
    for index, item in enumerate(items):
        month_day = element_month_day(item.date_shown) if item.date_shown else None
        if month_day is None:
            continue
        shown[index] = month_day
        if item.date is not None:
            continue
        year = url_date(item.url, month_day.month, month_day.day).year
        if year is not None and year <= latest:
            item.date = _iso(year, month_day)
            from_url += 1
    if not shown:
        return YearsGiven(0, 0, 0)
    dated: list[tuple[int, tuple[int | None, int, int]]] = []
    for index, item in enumerate(items):
        month_day = shown.get(index)
        if item.date is not None:
            dated.append((index, (int(item.date[:4]), int(item.date[5:7]), int(item.date[8:10]))))
        elif month_day is not None:
            dated.append((index, (None, month_day.month, month_day.day)))
    from_neighbours = 0
    for (index, _), year in zip(dated, years_between([key for _, key in dated]), strict=True):
        item = items[index]
        if item.date is None and year is not None:
            item.date = _iso(year, shown[index])
            from_neighbours += 1
    without = sum(1 for index in shown if items[index].date is None)
    return YearsGiven(from_url, from_neighbours, without)


def _iso(year: int, month_day: MonthDay) -> str:
    return f"{year:04d}-{month_day.month:02d}-{month_day.day:02d}"
