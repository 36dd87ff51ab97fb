"""Lines at the edges of a text rendering's article that earlier rules misread: a labelled
date running straight on into the first paragraph, a search box printed as a label line, a
lone search word or a short chrome line over a one-line page, and the caption of a
related-articles box after the text, and the site's credits (主办:…) in its footer."""

from __future__ import annotations

import re

from noticecli.dates import parse_date
from noticecli.knowledge import CJK, LABEL_SHAPE
from noticecli.labels import DATE_KEYS, key_for
from noticecli.parse.footer_contacts import (
    ends_the_notice,
    is_contact_block,
    is_contact_line,
    is_organiser_line,
    is_site_footer_text,
)
from noticecli.parse.lines import is_date_line
from noticecli.parse.text_chrome import INNER_WS, is_page_chrome
from noticecli.parse.text_end import is_related_caption

__all__ = [
    "before_related_caption",
    "blank_site_credits",
    "is_footer_evidence",
    "is_search_box",
    "split_glued_date_text",
]

# 发布时间:2025-09-18清河县国动办于…。: a date label, a full date (a time of day too), then
# text glued on with no break. The label is matched loosely here; key_for decides.
_GLUED_DATE = re.compile(
    rf"^(?P<label>{LABEL_SHAPE})[{INNER_WS}]*[:：][{INNER_WS}]*"
    r"(?P<date>\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}|年\d{1,2}月\d{1,2}日)"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
    rf"(?P<text>[{CJK}].*)$"
)
_WEEKDAY = re.compile(r"^(?:星期|周|礼拜)[一二三四五六日天]")
_SENTENCE_MARK = re.compile("[。，,；！？]")
_GLUED_TEXT_MIN = 20  # a sentence, not the next meta value


def split_glued_date_text(line: str) -> tuple[str, str] | None:
    """``(label and date, text)`` when a date label's value is a full date with sentence
    text glued after it (the first paragraph printed on the meta line); ``None`` for a date
    followed by a time, a weekday, another label or a short value."""
    if (match := _GLUED_DATE.match(line)) is None:
        return None
    if key_for(match["label"]) not in DATE_KEYS or parse_date(match["date"]) is None:
        return None
    text = match["text"]
    if len(text) < _GLUED_TEXT_MIN or _WEEKDAY.match(text) or not _SENTENCE_MARK.search(text):
        return None
    if re.match(rf"^{LABEL_SHAPE}[{INNER_WS}]*[:：]", text):
        return None  # 访问次数:…: the next label glued on, split there as before
    return line[: match.start("text")], text


# A search box's caption and its button (站内检索: 搜索, 关键词: 查询), or a search caption
# alone with its colon (全文检索:): page chrome, never a field nor text.
_SEARCH_CAPTION = rf"[{CJK}]{{0,6}}(?:检索|检阅|搜索)|站内[{CJK}]{{0,4}}"
_SEARCH_BOX = re.compile(
    rf"^(?:(?:{_SEARCH_CAPTION})[{INNER_WS}]*[:：][{INNER_WS}]*(?:搜\s*索|检\s*索|查\s*询|提\s*交|确\s*定)?"
    rf"|(?:关键[词字])[{INNER_WS}]*[:：][{INNER_WS}]*(?:搜\s*索|检\s*索|查\s*询|提\s*交|确\s*定)"
    r"|搜\s*索|检\s*索|站内搜索|站内检索|全文检索)$"
)


def is_search_box(line: str) -> bool:
    """A search box as a text rendering prints it: the button word alone (搜索), or a search
    caption with its colon and at most the button word (站内检索: 搜索)."""
    return len(line) <= 20 and _SEARCH_BOX.match(line) is not None


def before_related_caption(lines: list[str], start: int, end: int) -> int:
    """Where the body ends when a related-items caption (相关文章) stands alone on its line
    after some text: the caption and the list under it are the template's."""
    seen_text = False
    for index in range(start, end):
        line = lines[index]
        if not line:
            continue
        if seen_text and is_related_caption(line):
            return index
        seen_text = True
    return end


# The lines a template prints just before its footer: links to the previous and the next
# article, the phone-reading prompt.
_BEFORE_FOOTER = re.compile(r"^(?:[上下]一(?:页|篇|条|个)\s*[:：]|扫一扫)")


def is_footer_evidence(line: str) -> bool:
    """A line only a site's footer or its edge shows (ICP备…, 版权所有, 上一篇:…, 扫一扫…, a
    row of footer links split by pipes): credit lines next to it are the site's."""
    return bool(
        is_site_footer_text(line)
        or _BEFORE_FOOTER.match(line)
        or (("|" in line or "｜" in line) and is_page_chrome(line))
    )


def blank_site_credits(lines: list[str], footer_rows: set[int]) -> None:
    """Blank the runs of credit lines (主办:…, 承办:…) that are the site's footer: a run with
    footer words on a line (技术支持, ICP备) or next to a footer line already blanked (上一篇:…,
    扫一扫, 版权所有…, a footer link row; other blanked lines are passed over), or after the
    date that closes the notice (its signature's date: the notice has ended). A run right
    after the notice's text, or inside it, is its own (an event's organisers) and stays.
    ``footer_rows``: the blanked lines that :func:`is_footer_evidence` holds."""
    index = 0
    while index < len(lines):
        if not _is_footer_row(lines[index]):
            index += 1
            continue
        run = [index]
        probe = _next_shown(lines, index + 1, footer_rows)
        while probe < len(lines) and _is_footer_row(lines[probe]):
            run.append(probe)
            probe = _next_shown(lines, probe + 1, footer_rows)
        before = _previous_shown(lines, index - 1, footer_rows)
        # A run of contact lines (联系电话：…, 地址：… 邮编：…) may close the notice: over the
        # footer only contact blocks after the notice's visible end are the site's
        # (noticecli.parse.footer_contacts).
        credits = any(is_organiser_line(lines[row]) for row in run)
        site_contacts = credits or (
            all(is_contact_block(lines[row]) for row in run)
            and before >= 0
            and ends_the_notice(lines[before])
        )
        if (
            any(is_site_footer_text(lines[row]) for row in run)
            or before in footer_rows
            or (probe in footer_rows and site_contacts)
            # after the notice's closing date: its signature's, the notice has ended
            or (credits and before >= 0 and is_date_line(lines[before]))
            # a block of contacts and credits from the notice's visible end to the page's
            or (
                probe >= len(lines)
                and credits
                and len(run) >= _FOOTER_RUN_MIN
                and before >= 0
                and ends_the_notice(lines[before])
            )
        ):
            for row in run:
                lines[row] = ""
        index = probe


_FOOTER_RUN_MIN = 2  # an organiser named alone at the end may be the notice's own


def _is_footer_row(line: str) -> bool:
    return is_organiser_line(line) or is_contact_line(line)


def _next_shown(lines: list[str], start: int, footer_rows: set[int]) -> int:
    """The first line from ``start`` that shows something or was the footer's; ``len(lines)``."""
    while start < len(lines) and not lines[start] and start not in footer_rows:
        start += 1
    return start


def _previous_shown(lines: list[str], start: int, footer_rows: set[int]) -> int:
    """The last line up to ``start`` that shows something or was the footer's; ``-1``."""
    while start >= 0 and not lines[start] and start not in footer_rows:
        start -= 1
    return start
