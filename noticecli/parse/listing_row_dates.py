"""Where a listing row shows its date: one reader for both shapes a row's date takes, a full
date (:data:`FULL_DATE`: ``2024-09-10``, ``2024年9月10日``) and a date without a year
(:data:`MONTH_DAY`: ``[09-12]``, ``09月12日``); the shapes themselves are read, calendar-checked,
by :mod:`noticecli.dates`.

A row's date is, in this order: in an element of the link that holds only the date (left out
of the title: ``<a><span>标题</span><span>2024-09-10</span></a>``); in an element of the row
that holds only it (``<span>[2024-09-10]</span>``, ``<td>发布日期：2024年9月10日</td>``; a full
date also split in two, ``<span>10</span><span>2024-09</span>``; of several in a table row, the
one under the publication-date head); set off by spaces or brackets in the rest of the row
(not 关于2024年9月18日…); beside the link in a flat run of links (``<a/> 2024-09-10<br>``); and,
for a full date only, at either end of the link text (``[2024-09-10] 标题``: a month-day there
is part of the title, ``防空警报的识别 (1/3)``). A date inside the title is never the row's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from selectolax.lexbor import LexborNode

from noticecli.dates import date_in_text, find_split_date, iso_date
from noticecli.knowledge_listings import LIST_DATE_LABEL, LIST_HEAD_DATE, PUBLISHED_HEAD
from noticecli.parse.dom import is_inside, iter_below
from noticecli.parse.listing_inputs import collapse
from noticecli.parse.listing_month_day import (
    MonthDay,
    element_month_day,
    has_month_day,
    month_day_matches,
    read_month_day,
)

__all__ = [
    "FULL_DATE",
    "MONTH_DAY",
    "DateShape",
    "date_at_link_ends",
    "delimited",
    "flat_side",
    "flat_value",
    "has_year_digits",
    "inner_value",
    "row_value",
]

# An element that holds only a date is short.
_MAX_DATE_TEXT = 40
# What may stand around a full date in an element that holds only that date: brackets, a
# publication label, a time of day, separators.
_DATE_FRAME = re.compile(
    r"[\s\[\]【】()（）「」<>《》:：|/·•]*"
    rf"(?:(?:{LIST_DATE_LABEL})[\s:：]*)?"
    r"[\s\[\]【】()（）「」<>《》:：|/·•日号]*"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?)?"
    r"[\s\[\]【】()（）「」<>《》|·•]*"
)
_OPENERS = frozenset(" \t\n[【(（「<《:：|·•")
# A full date's pattern leaves 日 after it; a month-day's takes it.
_CLOSERS = frozenset(" \t\n]】)）」>》|·•")
# The elements whose text is code: a row's other elements are all read for its date, hidden
# ones too.
_CODE_TAGS = frozenset({"script", "style"})
# Four digits written out: a pattern that begins with a digit class skips other characters
# fast (\d{4} is tried at every character).
_YEARISH = re.compile(r"\d\d\d\d")

T = TypeVar("T", covariant=True)


@dataclass(frozen=True, slots=True)
class DateShape(Generic[T]):
    """How a row's date of one shape is read: a cheap test that text may hold one, its
    matches in running text and their value, the value of an element holding only it, and
    what may close it when it stands apart."""

    may_hold: Callable[[str], bool]
    matches: Callable[[str], Iterable[re.Match[str]]]
    read: Callable[[re.Match[str]], T | None]
    element: Callable[[str], T | None]
    closers: frozenset[str]


def has_year_digits(text: str) -> bool:
    return _YEARISH.search(text) is not None


def _full_dates(text: str) -> Iterator[re.Match[str]]:
    return date_in_text().finditer(text)


def _element_date(text: str) -> str | None:
    """The date an element shows when that is all it shows (a label, brackets and a time of
    day may stand around it), whole or split in two."""
    if not 6 <= len(text) <= _MAX_DATE_TEXT or not _YEARISH.search(text):
        return None
    match = date_in_text().search(text)
    if match is not None:
        if _DATE_FRAME.fullmatch(text[: match.start()]) and _DATE_FRAME.fullmatch(
            text[match.end() :]
        ):
            return iso_date(match)
        return None
    return find_split_date(text)


FULL_DATE: DateShape[str] = DateShape(
    has_year_digits, _full_dates, iso_date, _element_date, _CLOSERS | frozenset("日号")
)
MONTH_DAY: DateShape[MonthDay] = DateShape(
    has_month_day, month_day_matches, read_month_day, element_month_day, _CLOSERS
)


@cache
def _published_head() -> re.Pattern[str]:
    return re.compile(PUBLISHED_HEAD)


@cache
def _date_head() -> re.Pattern[str]:
    return re.compile(LIST_HEAD_DATE)


def inner_value(
    shape: DateShape[T], anchor: LexborNode, shown: str, title: str
) -> tuple[str, T | None]:
    """The item's title, and a date the link itself holds in an element of its own
    (``<a><span>标题</span><span>2024-09-10</span></a>``), left out of the title."""
    if anchor.child is None or not shape.may_hold(shown):
        return title, None
    for node in iter_below(anchor, skip_tags=_CODE_TAGS, skip_hidden=False):
        text = collapse(node.text(separator=" "))
        value = shape.element(text)
        if value is not None:
            return (title if title != shown else collapse(shown.replace(text, " ", 1))), value
    return title, None


def row_value(
    shape: DateShape[T], row: LexborNode, anchor: LexborNode, titles: Iterable[str], text: str
) -> T | None:
    """The date of a row (``text``, its collapsed text; ``titles``, the link's): an element
    holding only a date, else a date set off in the text outside the title."""
    rest = text
    for title in set(titles):
        if title:
            rest = rest.replace(title, " ")
    rest = collapse(rest)
    if not shape.may_hold(rest):
        return None
    if len(rest) <= _MAX_DATE_TEXT:
        # The common row: a link and a date beside it. When all the rest of the row is one
        # date in its frame, that is the date; no need to look at the row's elements.
        quick = shape.element(rest)
        if quick is not None:
            return quick
    values: list[tuple[LexborNode, T]] = []
    for node in iter_below(row, skip_tags=_CODE_TAGS, skip_hidden=False, skip_id=anchor.mem_id):
        node_text = node.text(separator=" ")
        if len(node_text) > _MAX_DATE_TEXT * 3:
            continue
        value = shape.element(collapse(node_text))
        if value is not None:
            values.append((node, value))
            if row.tag != "tr":
                break
    if values:
        return _table_column_value(row, values) if len(values) > 1 else values[0][1]
    return delimited(shape, rest)


def delimited(shape: DateShape[T], text: str) -> T | None:
    """The first date in ``text`` that stands apart: spaces, brackets or a colon before it,
    spaces or brackets after it (not 关于2024年9月18日组织…)."""
    for match in shape.matches(text):
        start, end = match.span()
        if (start == 0 or text[start - 1] in _OPENERS) and (
            end == len(text) or text[end] in shape.closers
        ):
            value = shape.read(match)
            if value is not None:
                return value
    return None


def date_at_link_ends(text: str) -> str | None:
    """A full date printed at the start or the end of the link text itself, set off from the
    title by a space or a bracket (``[2024-09-10] 标题``, ``标题 2024-09-10``); never one the
    title runs on from (``2024年1月1日起施行…``)."""
    for match in date_in_text().finditer(text):
        start, end = match.span()
        before, after = text[:start], text[end:].lstrip("日号")
        if not before.strip(" [【(（") and after[:1] in (" ", "]", "】", ")", "）", "|"):
            rest = after
        elif not after.strip(" ]】)）") and before[-1:] in (" ", "[", "【", "(", "（", "|"):
            rest = before
        else:
            continue
        if rest.strip(" []【】()（）|"):
            return iso_date(match)
    return None


def _table_column_value(row: LexborNode, values: list[tuple[LexborNode, T]]) -> T:
    """Of several dates in a table row, the one under the publication-date head (发布日期
    beside 成文日期), else the first."""
    cells = [child for child in _children(row) if child.tag in ("td", "th")]
    head = _table_head(row)
    if head:
        for index, label in enumerate(head):
            if index < len(cells) and _published_head().search(label):
                cell_id = cells[index].mem_id
                for node, value in values:
                    if node.mem_id == cell_id or is_inside(node, cell_id):
                        return value
    return values[0][1]


def _table_head(row: LexborNode) -> list[str]:
    """The texts of the head row above ``row`` in its table (a row of th, or a row without
    links whose cells name a date), or an empty list."""
    sibling = row.parent.child if row.parent is not None else None
    while sibling is not None and sibling.mem_id != row.mem_id:
        if sibling.tag == "tr" and sibling.css_first("a[href]") is None:
            labels = [collapse(c.text()) for c in _children(sibling) if c.tag in ("td", "th")]
            if any(_date_head().search(label) for label in labels):
                return labels
        sibling = sibling.next
    return []


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        yield child
        child = child.next


# --- Flat runs of links (<td><a/> 2024-09-10<br><a/> 2024-09-11<br></td>) -------------------


def flat_side(shape: DateShape[T], container: LexborNode, anchors: set[int]) -> str | None:
    """Whether the dates of a flat run of links (``anchors``: their ``mem_id``) follow each
    link ("after") or precede it ("before"): the side where most links find one; None when
    none does."""
    if not shape.may_hold(container.text()):
        return None
    segments = _flat_segments(container, anchors)
    after = sum(delimited(shape, collapse(text)) is not None for text in segments[1:])
    before = sum(delimited(shape, collapse(text)) is not None for text in segments[:-1])
    if max(after, before) == 0:
        return None
    return "after" if after >= before else "before"


def _flat_segments(container: LexborNode, anchors: set[int]) -> list[str]:
    """The text between the links of a flat run: before the first, between each two, after
    the last."""
    segment: list[str] = []
    segments: list[str] = []
    for child in _children(container):
        if child.mem_id in anchors:
            segments.append(" ".join(segment))
            segment = []
        else:
            segment.append(child.text(separator=" "))
    segments.append(" ".join(segment))
    return segments


def flat_value(shape: DateShape[T], anchor: LexborNode, side: str | None) -> T | None:
    """The date beside a link of a flat run, on ``side``."""
    if side is None:
        return None
    return delimited(shape, _flat_side_text(anchor, side))


def _flat_side_text(anchor: LexborNode, side: str) -> str:
    """The text beside a link of a flat run, up to the next link on ``side``."""
    parts: list[str] = []
    node = anchor.next if side == "after" else anchor.prev
    while node is not None and node.tag != "a" and node.css_first("a[href]") is None:
        parts.append(node.text(separator=" "))
        node = node.next if side == "after" else node.prev
    if side == "before":
        parts.reverse()
    return collapse(" ".join(parts))
