"""The lines of a site's footer under a text rendering's article, once the footer has begun.

A rendering prints the footer's lines one a line: the sponsor (主办单位:…), then its
address, phone and technical-support numbers, a 网站地图 link at a line's end, and the
browser advice (推荐使用…分辨率…浏览器). The whole-line patterns know the sponsor line and
the copyright codes; the contact lines are worded like a notice's own (a notice lists
``联系电话:`` and ``地址:`` under 联系方式), so only where they stand tells: after a footer
line that comes after the text, with nothing but short lines that are no sentence to the
page's end.
"""

from __future__ import annotations

import re

__all__ = ["blank_footer_tail", "is_site_footer_line"]

# What only a site's footer shows: its sponsor, copyright and registration codes, vendor.
_SITE_FOOTER = re.compile(
    r"^主办单位\s*[:：]|版权所有|ICP备|公网安备|网站标识码|技术支持|Copyright|©"
)
_SENTENCE_END = re.compile("[。！？；!?;]")
_TAIL_LINE_MAX = 80


def is_site_footer_line(line: str) -> bool:
    """A line only a site's footer prints (主办单位:…, 版权所有, ICP备…, 技术支持…)."""
    return _SITE_FOOTER.search(line) is not None


def blank_footer_tail(lines: list[str], footer_rows: set[int]) -> None:
    """Blank the lines after the last site-footer line (``footer_rows``: blanked lines that
    :func:`is_site_footer_line` holds) when the text came before it and every filled line
    from it to the page's end is short and no sentence (地址:…, 电话:… 网站地图, browser
    advice): they are the footer's. A sentence after it, or no sentence before it, and the
    lines stay."""
    for start in sorted(footer_rows):
        if not any(_SENTENCE_END.search(line) for line in lines[:start]):
            continue  # no text above: a footer line in the site's header
        tail = [index for index in range(start + 1, len(lines)) if lines[index]]
        if all(_is_tail_line(lines[index]) for index in tail):
            for index in tail:
                lines[index] = ""
        return


def _is_tail_line(line: str) -> bool:
    return len(line) <= _TAIL_LINE_MAX and _SENTENCE_END.search(line) is None
