"""Observance days of civil defence and emergency management as evidence for a date.

``noticecli/data/observances.tsv`` lists fixed days (全国防灾减灾日 5月12日, 全民国防教育日 the
third Saturday of September, a city's air-raid siren test …), each with its source. A
damaged date whose sentence names one of them may be read as that day: ``119日消防日`` is
11月9日, not 1月19日. A province's or city's day counts only in a document that names the
place; a day that varies by year, or a whole month (安全生产月), is not evidence for a day.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from typing import NamedTuple

_NATIONWIDE = frozenset({"national", "international"})
# How far from the date its name may stand, within the sentence.
WINDOW = 20


class Observance(NamedTuple):
    names: tuple[str, ...]
    month: int
    day: int | None  # None: the third Saturday of the month
    scope: str  # national, international, or a province or city

    @property
    def label(self) -> str:
        """How a repair's evidence names it: observance:全国防灾减灾日, or with its place,
        observance:重庆防空警报试鸣."""
        place = "" if self.scope in _NATIONWIDE else self.scope
        return f"observance:{place}{self.names[0]}"

    @property
    def name_label(self) -> str:
        """The same without its place: observance:防空警报试鸣."""
        return f"observance:{self.names[0]}"

    @property
    def nationwide(self) -> bool:
        return self.scope in _NATIONWIDE

    def day_in(self, year: int | None) -> int | None:
        """The day of the month in ``year`` (None when it depends on a year not known)."""
        if self.day is not None:
            return self.day
        if year is None:
            return None
        first = datetime.date(year, self.month, 1).weekday()
        return 1 + (5 - first) % 7 + 14  # the third Saturday


@cache
def observances() -> tuple[Observance, ...]:
    """The rows of observances.tsv that fix a day (not a month, not a day set each year)."""
    import importlib.resources  # on first use: it pulls in tempfile, shutil and zipfile

    source = importlib.resources.files("noticecli") / "data" / "observances.tsv"
    rows = [
        line.split("\t")
        for line in source.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    out: list[Observance] = []
    for names, month, day, scope, _source in rows[1:]:
        if day.isdigit():
            out.append(Observance(tuple(names.split("|")), int(month), int(day), scope))
        elif day == "3rd-sat":
            out.append(Observance(tuple(names.split("|")), int(month), None, scope))
    return tuple(out)


@cache
def _names_pattern() -> re.Pattern[str]:
    names = {name for row in observances() for name in row.names}
    return re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)))


@cache
def _rows_by_name() -> dict[str, tuple[Observance, ...]]:
    by_name: dict[str, list[Observance]] = {}
    for row in observances():
        for name in row.names:
            by_name.setdefault(name, []).append(row)
    return {name: tuple(rows) for name, rows in by_name.items()}


@cache
def _sentence_end() -> re.Pattern[str]:
    return re.compile("[。；;！!？?\n]")


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Up to WINDOW characters each side of text[start:end], within its sentence: where
    that begins and ends."""
    sentence_end = _sentence_end()
    left = max(0, start - WINDOW)
    last_end = sentence_end.search(text[left:start][::-1])  # the last one before the date
    if last_end is not None:
        left = start - last_end.start()
    right = min(len(text), end + WINDOW)
    next_end = sentence_end.search(text, end, right)
    if next_end is not None:
        right = next_end.start()
    return left, right


def named_near(text: str, start: int, end: int) -> tuple[Observance, ...]:
    """The observances whose names stand in the sentence around text[start:end]."""
    left, right = _sentence_around(text, start, end)
    found: dict[Observance, None] = {}
    by_name = _rows_by_name()
    names = _names_pattern()
    for pos, endpos in ((left, start), (end, right)):  # a name never spans the date itself
        for match in names.finditer(text, pos, endpos):
            for row in by_name[match.group()]:
                found[row] = None
    return tuple(found)


def in_scope(rows: tuple[Observance, ...], document: str) -> tuple[Observance, ...]:
    """The rows that hold for a document: nationwide ones, and those of a place it names."""
    return tuple(row for row in rows if row.nationwide or row.scope in document)
