"""A crumb chain on a line of its own at the top of a text rendering: the column path a site
prints under its breadcrumb or in its place (``- 江北省国防动员办公室 - 新闻中心 - 新闻快讯``,
``岚州市应急管理局 / 通知公告``), its crumbs separated by spaced dashes or slashes, bars or
arrows, often led by the dash of the list item the rendering left.

Known as chrome by its first crumb (the home page, the site's or a unit's name) or by where
it stands (right under a breadcrumb line); never a title candidate, never joined to the
title. A title with a spaced dash of its own (``<topic> - <subtitle>``) is told apart by the
meta line right under it, and a ``- `` item of a list inside the text by the text above it.
"""

from __future__ import annotations

import re

from noticecli.knowledge import CJK, SITE_NAME_SUFFIXES, WHERE_LABEL
from noticecli.parse.lines import is_org_line
from noticecli.parse.text_labels import has_label, is_meta_line

__all__ = ["blank_crumb_chains", "is_breadcrumb", "is_crumb_chain"]

# Between crumbs: a dash, slash or bar with spaces around it, or an arrow or full-width bar.
_SEPARATOR = re.compile(r"\s+[-–—/／|]\s+|\s*[>＞»›→｜]\s*")
# The list dash the rendering left before the chain (- 岚州网 - 新闻中心).
_LEAD = re.compile(r"^[-–·•]\s+")
_CRUMB = re.compile(rf"^[{CJK}A-Za-z0-9()（）·]{{2,20}}$")
_HOME = ("首页", "主页", "网站首页")
# A breadcrumb line: a "where you are" label, or a chain from the home page.
_BREADCRUMB = re.compile(rf"^(?:{WHERE_LABEL}|(?:网站)?(?:首页|主页)\s*(?:[>＞»›/／]|\s[-–—]\s))")
# Where the page's head has ended: a clause, a label, or a long line.
_TEXT_MARKS = re.compile("[。！？；，,:：]")
_HEAD_LINE_MAX = 40


def _crumbs(line: str) -> list[str] | None:
    """The crumbs of a chain-shaped line: two or more short names (one, when a list dash
    leads it), no sentence, no label; ``None`` for any other line."""
    led = _LEAD.match(line)
    crumbs = [crumb.strip() for crumb in _SEPARATOR.split(line[led.end() if led else 0 :])]
    if (len(crumbs) < 2 and not led) or not all(_CRUMB.match(crumb) for crumb in crumbs):
        return None
    return None if has_label(line) else crumbs


def _is_site_or_unit(crumb: str) -> bool:
    return crumb in _HOME or crumb.endswith(SITE_NAME_SUFFIXES) or is_org_line(crumb)


def is_breadcrumb(line: str) -> bool:
    """A breadcrumb line (当前位置:首页, 首页 > 政务公开 > …)."""
    return _BREADCRUMB.match(line) is not None


def is_crumb_chain(line: str, *, under_breadcrumb: bool) -> bool:
    """A line shaped as a crumb chain whose first crumb is the home page, the site's or a
    unit's name, or that stands right under a breadcrumb line (``under_breadcrumb``)."""
    crumbs = _crumbs(line)
    if crumbs is None:
        return False
    return under_breadcrumb or _is_site_or_unit(crumbs[0])


def blank_crumb_chains(lines: list[str], rows: list[int]) -> list[int]:
    """Blank, in place, the crumb chains at ``rows`` (found by :func:`is_crumb_chain`) that
    stand in the page's head, before any label, clause or long line (the grid, the text:
    a ``- `` item under them is the text's), and not right over a meta line (a title's own
    dash: ``全民国防教育日 - 岚州在行动`` over ``发布时间:…``). Returns the rows blanked."""
    blanked: list[int] = []
    wanted = set(rows)
    for index, line in enumerate(lines):
        if not wanted:
            break
        if index in wanted:
            wanted.discard(index)
            under = next((row for row in lines[index + 1 :] if row), "")
            if not is_meta_line(under):
                lines[index] = ""
                blanked.append(index)
        elif line and (_TEXT_MARKS.search(line) or len(line) > _HEAD_LINE_MAX):
            break
    return blanked
