"""Where the article ends in a text rendering: at the site's copyright line, or at the
caption of a related-links box, when only the box's titles and the site's footer follow.

The text of a notice never holds a copyright line (Copyright © 2024 某某市人民政府 All Rights
Reserved, 版权所有：…): it is the footer's, and what follows it is the footer too. A box of
related articles (相关链接： and the titles under it) closes the article from the outside. A
line of text after either (a sentence) shows that the article goes on: then only the
copyright line itself goes, and the body ends where it did.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from noticecli.knowledge import CJK, TAB_CAPTION_ENDS
from noticecli.parse.lines import (
    CLAUSE_END,
    SENTENCE_MARKS,
    is_closing,
    is_date_line,
    is_org_line,
)
from noticecli.parse.text_labels import is_meta_line

__all__ = ["RELATED_CAPTION", "before_site_end", "is_copyright_line", "is_related_caption"]

# A copyright line's shapes: Copyright ©? <year>, Copyright ©, © <year>, All Rights Reserved;
# 版权所有 as a piece of its own (版权所有：<unit>, 版权所有©<unit>, <unit> 版权所有). A title,
# heading or sentence holding the word (版权所有人的权利, 版权所有归主办方) has none.
_MARK = r"(?:©|\(c\)|（c）)"
_LATIN_COPYRIGHT = re.compile(
    rf"(?:^|[\s|｜])(?:copyright\s*[:：]?\s*(?:{_MARK}|\d{{4}})|{_MARK}\s*\d{{4}})"
    r"|all\s+rights\s+reserved",
    re.IGNORECASE,
)
_CN_COPYRIGHT = re.compile(
    rf"(?:^|(?<=[\s|｜]))版权所有(?:\s*(?:[:：]|{_MARK})|(?=[\s|｜]|$))"
    rf"|(?:^|(?<=[\s|｜]))版权所有(?P<owner>[^\s|｜]+)"
    rf"|(?P<unit>[^\s|｜:：]+?)\s*版权所有(?=[\s|｜]|$)",
    re.IGNORECASE,
)
_COPYRIGHT_LINE_MAX = 120
# A Chinese sentence: no copyright line holds one (an English one is told by the shape).
_CHINESE_SENTENCE = re.compile(f"[{SENTENCE_MARKS}；]")

# The caption of a box of related items: the box, and what follows it.
RELATED_CAPTION = re.compile(
    r"^[【\[]?(?:相关(?:文章|链接|信息|阅读|新闻|稿件)|推荐阅读|延伸阅读)[】\]]?\s*[:：]?$"
)
# A tab strip's captions over a related-items caption (政策文件 / 相关链接): a few words of
# CJK each, one a line, no blank line between them; a tab names no unit (a signature) and
# is no closing (特此通知), and is longer than a person's name. A text's last short line
# has that shape too (居安思危常备不懈, 敬请广大市民谅解): a tab names a column (its ending
# is a column's, 政策文件), or chrome stands over the strip (扫一扫…, 附件下载).
_TAB = re.compile(rf"[{CJK}]{{4,8}}")
_TABS_MAX = 3
# A line after the text's end: a related item's title, a footer line. Never a sentence.
_AFTER_END_LINE_MAX = 80


def is_copyright_line(line: str) -> bool:
    """A copyright line (Copyright © 2024 …, © 2024 …, 版权所有：<unit>, <unit> 版权所有),
    with the footer's other pieces (ICP备…, 技术支持…) beside it; short, no sentence."""
    if len(line) > _COPYRIGHT_LINE_MAX or _CHINESE_SENTENCE.search(line):
        return False
    if _LATIN_COPYRIGHT.search(line):
        return True
    if "版权所有" not in line:
        return False
    for match in _CN_COPYRIGHT.finditer(line):
        owner = match["owner"] or match["unit"]
        if owner is None or is_org_line(owner):
            return True  # 版权所有岚川县人民政府, 岚川县人民政府版权所有: a unit's
    return False


def is_related_caption(line: str) -> bool:
    """A related-items box's caption alone on its line (相关链接：, 【相关文章】)."""
    return line[:1] in "相推延【[" and RELATED_CAPTION.match(line) is not None


def before_site_end(
    lines: list[str],
    start: int,
    end: int,
    marks: set[int],
    chrome_rows: Collection[int] = (),
) -> int:
    """Where the body ends: at the first of ``marks`` (the rows of copyright lines and
    related-items captions, blank in ``lines`` by now) that comes after some text and is
    followed, up to ``end``, by short lines without a sentence only, none of them the
    notice's closing (a signature over its date, 特此通知): ``end`` otherwise. A tab strip
    whose last tab is the caption (政策文件 / 相关链接) ends the body at its first tab;
    ``chrome_rows`` (widget and furniture lines, blank in ``lines``) over the strip show
    its tabs are the site's whatever they name."""
    seen_text = False
    for index in range(start, end):
        if (
            index in marks
            and seen_text
            and _no_text(lines, index + 1, end)
            and not _has_closing(lines, index + 1, end)
        ):
            return _tab_strip_start(lines, start, index, chrome_rows)
        seen_text = seen_text or bool(lines[index])
    return end


def _tab_strip_start(
    lines: list[str], start: int, caption: int, chrome_rows: Collection[int]
) -> int:
    """The first of the tabs right over a related-items caption (1 to ``_TABS_MAX`` lines
    of captions, no blank between them, a blank line over them), else ``caption``. With
    no chrome over the strip, each tab must end as a column's name does."""
    first = caption
    while first > start and caption - first < _TABS_MAX and _is_tab(lines[first - 1]):
        first -= 1
    if first == caption or not any(lines[start:first]) or lines[first - 1]:
        return caption  # no tab, text running on into them, or tabs that are the whole text
    if _chrome_over(lines, start, first - 1, chrome_rows) or all(
        line.endswith(TAB_CAPTION_ENDS) for line in lines[first:caption]
    ):
        return first
    return caption  # a slogan or a courtesy line ending the text (居安思危常备不懈)


def _chrome_over(lines: list[str], start: int, row: int, chrome_rows: Collection[int]) -> bool:
    """Chrome over the blank line at ``row``: a widget or furniture line blanked (扫一扫…),
    or the page's meta line after the text (来源:…), before any line of text."""
    while row >= start and not lines[row]:
        if row in chrome_rows:
            return True
        row -= 1
    return row >= start and is_meta_line(lines[row])


def _is_tab(line: str) -> bool:
    return (
        _TAB.fullmatch(line) is not None
        and not is_org_line(line)
        and not is_closing(line)
        and not is_date_line(line)
    )


def _no_text(lines: list[str], start: int, end: int) -> bool:
    return all(
        len(line) <= _AFTER_END_LINE_MAX and CLAUSE_END.search(line) is None
        for line in lines[start:end]
        if line
    )


def _has_closing(lines: list[str], start: int, end: int) -> bool:
    """A notice's closing among the lines: 特此通知, or a date line under a signature (the
    caption over them, 相关链接：…, is the notice's own)."""
    previous = ""
    for line in lines[start:end]:
        if not line:
            continue
        if is_closing(line) or (is_date_line(line) and is_org_line(previous)):
            return True
        previous = line
    return False
