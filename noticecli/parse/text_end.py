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

__all__ = ["RELATED_CAPTION", "before_site_end", "is_copyright_line", "is_related_caption"]

_COPYRIGHT = re.compile(r"copyright|©|\(c\)\s*\d{4}|版权所有", re.IGNORECASE)
_COPYRIGHT_LINE_MAX = 120
_SENTENCE_END = re.compile("[。！？；]")

# The caption of a box of related items: the box, and what follows it.
RELATED_CAPTION = re.compile(
    r"^[【\[]?(?:相关(?:文章|链接|信息|阅读|新闻|稿件)|推荐阅读|延伸阅读)[】\]]?\s*[:：]?$"
)
# A line after the text's end: a related item's title, a footer line. Never a sentence.
_AFTER_END_LINE_MAX = 80


def is_copyright_line(line: str) -> bool:
    """A copyright line (Copyright ©…, 版权所有：…): short, no sentence."""
    return (
        len(line) <= _COPYRIGHT_LINE_MAX
        and (
            "©" in line or "版权" in line or "opyright" in line or "OPYRIGHT" in line or "(" in line
        )
        and _COPYRIGHT.search(line) is not None
        and _SENTENCE_END.search(line) is None
    )


def is_related_caption(line: str) -> bool:
    """A related-items box's caption alone on its line (相关链接：, 【相关文章】)."""
    return line[:1] in "相推延【[" and RELATED_CAPTION.match(line) is not None


def before_site_end(lines: list[str], start: int, end: int, marks: set[int]) -> int:
    """Where the body ends: at the first of ``marks`` (the rows of copyright lines and
    related-items captions, blank in ``lines`` by now) that comes after some text and is
    followed, up to ``end``, by short lines without a sentence only; ``end`` otherwise."""
    seen_text = False
    for index in range(start, end):
        if index in marks and seen_text and _no_text(lines, index + 1, end):
            return index
        seen_text = seen_text or bool(lines[index])
    return end


def _no_text(lines: list[str], start: int, end: int) -> bool:
    return all(
        len(line) <= _AFTER_END_LINE_MAX and _SENTENCE_END.search(line) is None
        for line in lines[start:end]
        if line
    )
