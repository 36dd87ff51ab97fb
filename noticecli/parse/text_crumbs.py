"""A crumb chain on a line of its own at the top of a text rendering: the column path a site
prints under its breadcrumb or in its place (``- 江北省国防动员办公室 - 新闻中心 - 新闻快讯``,
``岚州市应急管理局 / 通知公告``), its crumbs separated by spaced dashes or slashes, bars or
arrows, often led by the dash of the list item the rendering left.

Known as chrome by its crumbs: after the first, each is a column's name (short, no digit, no
document's word: ``新闻中心``, ``通知公告``), and the first is the home page, the site's or a
unit's name, or a column's too right under a breadcrumb line. A title with a spaced dash
(``<unit> - 2024年度…年度报告``, ``<topic> - <subtitle>``) has no such crumbs, or shows the
page's own evidence that it is the title: a meta or date line right under it, or no other
title-like line before the text. A ``- `` item of a list inside the text is told apart by
the text above it. A chain is never a title candidate when blanked, never joined to the
title.
"""

from __future__ import annotations

import re

from noticecli.knowledge import CJK, DOC_KIND_WORDS, SITE_NAME_SUFFIXES, WHERE_LABEL
from noticecli.parse.lines import is_org_line
from noticecli.parse.text_furniture import is_date_widget
from noticecli.parse.text_labels import has_label, is_meta_line
from noticecli.parse.text_title_line import is_title_like

__all__ = ["blank_crumb_chains", "is_breadcrumb", "is_crumb_chain"]

# Between crumbs: a dash, slash or bar with spaces around it, or an arrow or full-width bar.
_SEPARATOR = re.compile(r"\s+[-–—/／|]\s+|\s*[>＞»›→｜]\s*")
# The list dash the rendering left before the chain (- 岚州网 - 新闻中心).
_LEAD = re.compile(r"^[-–·•]\s+")
_CRUMB = re.compile(rf"^[{CJK}A-Za-z0-9()（）·]{{2,20}}$")
_HOME = ("首页", "主页", "网站首页")
# A column's name: short, no digit (a year, a day: a title's), no title's words (关于, 的),
# and a document's word (公告, 通知, 报告 …) only in a name of those words alone, four
# characters at most (通知公告, 公示公告, 年度报告): 防空警报试鸣公告 is a title's part.
_COLUMN_MAX = 8
_DOC_WORDS_COLUMN_MAX = 4
_DOC_WORDS = re.compile("|".join(DOC_KIND_WORDS))
_TITLE_WORDS = re.compile("关于|的")
# A breadcrumb line: a "where you are" label, or a chain from the home page.
_BREADCRUMB = re.compile(rf"^(?:{WHERE_LABEL}|(?:网站)?(?:首页|主页)\s*(?:[>＞»›/／]|\s[-–—]\s))")
# Where the page's head has ended: a clause, a label, or a long line.
_TEXT_MARKS = re.compile("[。！？；，,:：]")
_HEAD_LINE_MAX = 40
# A date line under the chain (2024-09-18, [2024-09-18], 2024年9月18日 来源:…): the title's.
_FULL_DATE = re.compile(r"\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)")
_DATE_LINE_MAX = 40
# Where the text has begun, when looking for another title under the chain.
_SENTENCE_MARKS = re.compile("[。！？；]")
_TITLE_SCAN_MAX = 12  # shown lines under the chain where another title may stand


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


def _is_column(crumb: str) -> bool:
    """A column's name (新闻中心, 通知公告), not a title's part (2024年防空警报试鸣公告)."""
    return (
        len(crumb) <= _COLUMN_MAX
        and not any(char.isdigit() for char in crumb)
        and _TITLE_WORDS.search(crumb) is None
        and (len(crumb) <= _DOC_WORDS_COLUMN_MAX or _DOC_WORDS.search(crumb) is None)
    )


def is_breadcrumb(line: str) -> bool:
    """A breadcrumb line (当前位置:首页, 首页 > 政务公开 > …)."""
    return _BREADCRUMB.match(line) is not None


def is_crumb_chain(line: str, *, under_breadcrumb: bool) -> bool:
    """A line shaped as a crumb chain: its crumbs after the first are column names, and the
    first is the home page, the site's or a unit's name, or a column's name right under a
    breadcrumb line (``under_breadcrumb``)."""
    crumbs = _crumbs(line)
    if crumbs is None or not all(_is_column(crumb) for crumb in crumbs[1:]):
        return False
    first = crumbs[0]
    return _is_site_or_unit(first) or (under_breadcrumb and _is_column(first))


def _is_date_line(line: str) -> bool:
    return (
        len(line) <= _DATE_LINE_MAX
        and _FULL_DATE.search(line) is not None
        and not is_date_widget(line)  # 2024年05月01日 星期三: the site's
    )


def _has_title_under(lines: list[str], index: int, chains: set[int]) -> bool:
    """Whether a title-like line other than a chain stands under the chain at ``index``
    before the text begins (the headline the chain is the path to)."""
    seen = 0
    for row in range(index + 1, len(lines)):
        line = lines[row]
        if not line or row in chains:
            continue
        if _SENTENCE_MARKS.search(line) or seen >= _TITLE_SCAN_MAX:
            return False
        if is_title_like(line) and not is_breadcrumb(line):
            return True
        seen += 1
    return False


def blank_crumb_chains(lines: list[str], rows: list[int]) -> None:
    """Blank, in place, the crumb chains at ``rows`` (found by :func:`is_crumb_chain`) that
    stand in the page's head, before any label, clause or long line (the grid, the text:
    a ``- `` item under them is the text's), and that the page shows no evidence of being
    its title: not right over a meta or date line (a title's own dash: ``全民国防教育日 -
    岚州在行动`` over ``发布时间:…``), and with another title-like line under them."""
    wanted = set(rows)
    chains = set(rows)
    for index, line in enumerate(lines):
        if not wanted:
            break
        if index in wanted:
            wanted.discard(index)
            under = next((row for row in lines[index + 1 :] if row), "")
            if (
                not is_meta_line(under)
                and not _is_date_line(under)
                and _has_title_under(lines, index, chains)
            ):
                lines[index] = ""
        elif line and (_TEXT_MARKS.search(line) or len(line) > _HEAD_LINE_MAX):
            break
