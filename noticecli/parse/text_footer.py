"""The lines of a site's footer under a text rendering's article, once the footer has begun.

A rendering prints the footer's lines one a line: the sponsor (主办单位:…), then its
address, phone and technical-support numbers, a 网站地图 link at a line's end, and the
browser advice (推荐使用…分辨率…浏览器). The whole-line patterns know the sponsor line and
the copyright codes; the contact lines are worded like a notice's own (a notice lists
``联系电话:`` and ``地址:`` under 联系方式), so only where they stand tells: after a footer
line that comes after the text, with nothing but short lines that are no sentence to the
page's end. A notice lists its own organisers (主办单位:… under 一、组织单位) and closes with
headings, contacts, its signature and date: a footer line counts only once the text has
ended over it (nothing but the signature, date, closing or credit lines between the last
sentence and it), and a tail holding a date line, a numbered heading or a closing is still
the notice's.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from noticecli.parse.lines import (
    CLAUSE_END,
    is_byline,
    is_closing,
    is_credit_line,
    is_date_line,
    is_numbered_heading,
    is_org_line,
)

__all__ = ["blank_footer_tail", "is_registration_line", "is_site_footer_line"]

# What only a site's footer shows: its sponsor, copyright and registration codes, vendor.
_SITE_FOOTER = re.compile(
    r"^主办单位\s*[:：]|版权所有|ICP备|公网安备|网站标识码|技术支持|Copyright|©"
)
_TAIL_LINE_MAX = 80
# A site's registration codes: only a site's footer prints them.
_REGISTRATION = re.compile(r"ICP备|公网安备|网站标识码")


def is_site_footer_line(line: str) -> bool:
    """A line only a site's footer prints (主办单位:…, 版权所有, ICP备…, 技术支持…)."""
    return _SITE_FOOTER.search(line) is not None


def is_registration_line(line: str) -> bool:
    """A line with a site's registration code (京ICP备…, 公网安备…, 网站标识码…)."""
    return _REGISTRATION.search(line) is not None


def blank_footer_tail(
    lines: list[str], footer_rows: set[int], registered_rows: Collection[int] = ()
) -> None:
    """Blank the lines after the first site-footer line (``footer_rows``: blanked lines that
    :func:`is_site_footer_line` holds) that comes after the text's end, when every filled
    line from it to the page's end is short and no sentence (地址:…, 电话:… 网站地图, browser
    advice): they are the footer's. A sentence, a date line, a numbered heading or a closing
    after it, and the lines stay: the notice goes on. The footer line must come after the
    text's end, unless a registration line (``registered_rows``: ICP备, 网站标识码 …, which no
    notice prints) follows it: then the run between them is the footer's wherever the text
    stopped (a rendering cut mid-paragraph)."""
    for start in sorted(footer_rows):
        if not any(_is_text(line) for line in lines[:start]):
            continue  # no text above: a footer line in the site's header
        registered = any(row > start for row in registered_rows)
        if not (registered or _after_text_end(lines, start)):
            continue  # 主办单位:… under 一、组织单位: the notice's own line
        tail = [index for index in range(start + 1, len(lines)) if lines[index]]
        if all(_is_tail_line(lines[index]) for index in tail):
            for index in tail:
                lines[index] = ""
        return


def _after_text_end(lines: list[str], start: int) -> bool:
    """Only the text's closing lines (signature, date, 特此通知, credits) stand between the
    last sentence (or a paragraph longer than a footer line) over ``start`` and it."""
    for line in reversed(lines[:start]):
        if not line:
            continue
        if _is_text(line):
            return True
        if not (
            is_org_line(line)
            or is_date_line(line)
            or is_closing(line)
            or is_credit_line(line)
            or is_byline(line)
        ):
            return False
    return True


def _is_text(line: str) -> bool:
    """A sentence, or a paragraph longer than any footer line (one the rendering cut short)."""
    return CLAUSE_END.search(line) is not None or len(line) > _TAIL_LINE_MAX


def _is_tail_line(line: str) -> bool:
    return (
        len(line) <= _TAIL_LINE_MAX
        and CLAUSE_END.search(line) is None
        and not is_date_line(line)
        and not is_numbered_heading(line)
        and not is_closing(line)
    )
