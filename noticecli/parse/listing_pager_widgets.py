"""Pager widgets configured by an options object: Layui ``laypage`` and ``kkpager``.

Both draw the pager in the browser, so the served page has no pager links; their call says
how many pages there are:

* Layui ``laypage.render({elem, count, limit, curr, jump})`` (also ``layui.laypage.render``):
  ``count`` is the number of records, ``limit`` the records per page (10 when not given),
  ``curr`` the current page (1 when not given); the page's address is whatever ``jump``
  assigns to ``location`` (``location.href = "list_" + obj.curr + ".html"``).
* ``kkpager.generPageHtml({pno, total, totalRecords, hrefFormer, hrefLatter, getLink})``:
  ``pno`` is the current page, ``total`` the page count; page *n* is ``getLink(n)``'s
  return value, by default ``hrefFormer + "_" + n + hrefLatter`` (page 1:
  ``hrefFormer + hrefLatter``).

A value may be a number, a quoted number, or a variable the script assigns; a value read from
a server response (``res.count``) leaves the count unknown. The link is returned as the
expression the script writes, for the pager reader to evaluate with the script's strings.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from noticecli.parse.script_source import code_marks

__all__ = ["WidgetPager", "widget_pager"]


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
_LAYPAGE_PAGE_SIZE = 10
_VALUE = r"\s*:\s*(['\"]?)([\w.$]+)\1"
_LOCATION = re.compile(
    r"(?:window\s*\.\s*)?location(?:\s*\.\s*href)?\s*=(?!=)\s*|"
    r"location\s*\.\s*(?:assign|replace)\s*\(\s*",
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
    return None


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
