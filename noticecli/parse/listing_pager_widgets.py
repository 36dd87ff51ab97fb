"""Pager widgets configured by an options object: Layui ``laypage``, ``kkpager``, jQuery
Pagination's ``pagination(records, {…})``, and the page naming of any pager's callback.

They draw the pager in the browser, so the served page has no pager links; their call says
how many pages there are:

* Layui ``laypage.render({elem, count, limit, curr, jump})`` (also ``layui.laypage.render``):
  ``count`` is the number of records, ``limit`` the records per page (10 when not given),
  ``curr`` the current page (1 when not given); the page's address is whatever ``jump``
  assigns to ``location`` (``location.href = "list_" + obj.curr + ".html"``).
* ``kkpager.generPageHtml({pno, total, totalRecords, hrefFormer, hrefLatter, getLink})``:
  ``pno`` is the current page, ``total`` the page count; page *n* is ``getLink(n)``'s
  return value, by default ``hrefFormer + "_" + n + hrefLatter`` (page 1:
  ``hrefFormer + hrefLatter``).
* ``pagination(records, {items_per_page, current_page, callback})`` (jQuery Pagination):
  records and their page size (10 when not given); ``current_page`` counts from 0.
* Any other pager call whose options object names a page count (``totalPages``,
  ``pageCount`` … read by :mod:`noticecli.parse.listing_pager`): the address its callback
  assigns to ``location`` or its ``pageUrl`` / ``getLink`` function returns
  (:func:`callback_links`).

A value may be a number, a quoted number, or a variable the script assigns; a value read from
a server response (``res.count``) leaves the count unknown. The link is returned as the
expression the script writes, for the pager reader to evaluate with the script's strings.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from noticecli.parse.script_source import code_marks

__all__ = ["WidgetPager", "callback_links", "link_counts_from_zero", "widget_pager"]


class WidgetPager(NamedTuple):
    pages: int | None
    current: int | None  # 1-based
    # The expressions the script may build page n's address with (``"list_" + obj.curr``),
    # in the script's order: getLink returns page 1's address first, apart.
    links: list[str]
    zero_based: bool
    # Strings the options object itself names (kkpager's hrefFormer / hrefLatter).
    strings: dict[str, str]


_LAYPAGE = re.compile(r"\blaypage\s*\.\s*render\s*\(\s*\{", re.IGNORECASE)
_KKPAGER = re.compile(r"\bkkpager\s*\.\s*generPageHtml\s*\(\s*\{", re.IGNORECASE)
_JQUERY_PAGINATION = re.compile(r"\.\s*pagination\s*\(\s*([\w$]+)\s*,\s*\{")
_JQUERY_PAGE_SIZE = 10
# An options object passed to a call, after any plain arguments.
_OPTIONS_OPEN = re.compile(r"\(\s*(?:[\w$.'\"]+\s*,\s*)*\{")
_URL_FUNCTION = re.compile(r"\b(?:pageUrl|getLink|getHref|hrefFormat)\s*:\s*function\b")
_PLUS_ONE = re.compile(r"[\w.]+(?:\(\))?\s*\+\s*1\b")
_LAYPAGE_PAGE_SIZE = 10
_VALUE = r"\s*:\s*(['\"]?)([\w.$]+)\1"
_LOCATION = re.compile(
    r"(?<![\w$])location(?:\s*\.\s*href)?\s*=(?!=)\s*|"
    r"(?<![\w$])location\s*\.\s*(?:assign|replace)\s*\(\s*",
)
_RETURN = re.compile(r"\breturn\s+")
_MINUS_ONE = re.compile(r"[\w.]+\s*-\s*1\b")
_STRING_OPTION = re.compile(r"\b(\w+)\s*:\s*(['\"])([^'\"\n]{0,120})\2")


def widget_pager(text: str, lowered: str) -> WidgetPager | None:
    """The pager a Layui laypage or kkpager call in ``text`` describes (``lowered``: the
    text lower-cased), or None when the script has no such call."""
    if "laypage" in lowered:
        match = _LAYPAGE.search(text)
        if match is not None:
            return _laypage(_options(text, match.end()), lowered)
    if "kkpager" in lowered:
        match = _KKPAGER.search(text)
        if match is not None:
            return _kkpager(_options(text, match.end()), lowered)
    if "pagination" in lowered:
        match = _JQUERY_PAGINATION.search(text)
        if match is not None:
            return _jquery_pagination(match.group(1), _options(text, match.end()), lowered)
    return None


def callback_links(text: str, count_names: tuple[str, ...]) -> list[str]:
    """The expressions a pager call's callback builds its page addresses with: a
    ``location`` assignment, or what a ``pageUrl`` / ``getLink`` function returns, inside an
    options object that names one of ``count_names`` (lower-case). A redirect elsewhere in
    the script (a search box's) is no page naming."""
    links: list[str] = []
    for match in _OPTIONS_OPEN.finditer(text):
        options = _options(text, match.end())
        lowered = options.lower()
        if not any(name in lowered for name in count_names):
            continue
        links += [_statement(options, found.end()) for found in _LOCATION.finditer(options)]
        for function in _URL_FUNCTION.finditer(options):
            links += [
                _statement(options, found.end())
                for found in _RETURN.finditer(options, function.end())
            ]
    return links


def link_counts_from_zero(link: str, current_from_zero: bool) -> bool:
    """Whether the number a callback's link puts in the address counts pages from 0:
    ``page - 1`` does, ``page_index + 1`` does not, else as the pager counts its pages."""
    if _MINUS_ONE.search(link):
        return True
    if _PLUS_ONE.search(link):
        return False
    return current_from_zero


def _jquery_pagination(first: str, options: str, lowered: str) -> WidgetPager | None:
    if first.isdigit():
        records: int | None = int(first)
    else:
        records = _option(f"records: {first}", "records", lowered)
    if not records:
        return None
    size = _option(options, "items_per_page", lowered) or _JQUERY_PAGE_SIZE
    current = (_option(options, "current_page", lowered) or 0) + 1
    links = [_statement(options, found.end()) for found in _LOCATION.finditer(options)]
    zero_based = any(link_counts_from_zero(link, True) for link in links)
    return WidgetPager(math.ceil(records / size), current, links, zero_based, {})


def _options(text: str, start: int) -> str:
    """The options object's text after its ``{``, up to the brace that closes it."""
    depth = 0
    for index, char in code_marks(text, "{}", start):
        if char == "{":
            depth += 1
        elif depth == 0:
            return text[start:index]
        else:
            depth -= 1
    return text[start:]


def _option(options: str, name: str, lowered: str) -> int | None:
    """A number option: written, quoted, or held by a variable the script assigns."""
    match = re.search(rf"(?<![\w.$]){name}{_VALUE}", options)
    if match is None:
        return None
    token = match.group(2)
    if token.isdigit():
        return int(token)
    if not re.fullmatch(r"[A-Za-z_$][\w$]*", token):
        return None  # res.count: read from a server response
    assigned = re.search(
        rf"(?<![\w.$]){re.escape(token.lower())}\s*=(?!=)\s*(['\"]?)(\d+)\1(?![\w.])", lowered
    )
    return int(assigned.group(2)) if assigned is not None else None


def _laypage(options: str, lowered: str) -> WidgetPager | None:
    records = _option(options, "count", lowered)
    if records is None:
        return None
    size = _option(options, "limit", lowered) or _LAYPAGE_PAGE_SIZE
    current = _option(options, "curr", lowered) or 1
    links = [_statement(options, found.end()) for found in _LOCATION.finditer(options)]
    zero_based = any(_MINUS_ONE.search(link) for link in links)
    return WidgetPager(math.ceil(records / size), current, links, zero_based, {})


def _kkpager(options: str, lowered: str) -> WidgetPager | None:
    count = _option(options, "total", lowered)  # the page count (totalRecords: records)
    if count is None:
        return None
    current = _option(options, "pno", lowered) or 1
    strings = {
        f"this.{name}": value
        for name, _, value in _STRING_OPTION.findall(options)
        if name in ("hrefFormer", "hrefLatter")
    }
    links: list[str] = []
    get_link = options.find("getLink")
    if get_link >= 0:
        links = [_statement(options, found.end()) for found in _RETURN.finditer(options, get_link)]
    elif "this.hrefFormer" in strings:
        links = ['this.hrefFormer + "_" + n + this.hrefLatter']
        strings.setdefault("this.hrefLatter", "")
    zero_based = any(_MINUS_ONE.search(link) for link in links)
    return WidgetPager(count, current, links, zero_based, strings)


def _statement(source: str, start: int) -> str:
    """``source`` from ``start`` to the end of its expression: a ``;``, a line break, or a
    bracket it did not open."""
    depth = 0
    for index, char in code_marks(source, "()};\n", start):
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        else:
            return source[start:index]
    return source[start:]
