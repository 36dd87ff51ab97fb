"""A related-sites box closing a text rendering: its link captions, one a line, after the
last paragraph (国务院部门网站 / 各省、直辖市政府网站 / 县市区政府网站 / 其他网站). Each names a
group of websites and nothing else; two or more of them in a row ending the page are the
template's box, never the text's, and so is the box's caption right over them (网站链接). A
sentence that names a government website keeps its words and marks (详情请登录县政府网站查询。)
and stays text."""

from __future__ import annotations

import re

from noticecli.knowledge import CJK

__all__ = ["before_site_links"]

_SITE_LINK = re.compile(rf"^[{CJK}、·]{{2,16}}网站$")
# The box's own caption right over its links (网站链接, 网站导航).
_BOX_CAPTION = re.compile(rf"^[{CJK}]{{0,4}}网站(?:链接|导航)$")
_GROUP_MIN = 2  # one such line may be a signature or a heading; a box lists several
# A government portal's link caption (中国政府网) alone closing the page: a site's name ending
# in 网 is no signature (an issuer signs with its own name) and no sentence.
_PORTAL_LINK = re.compile(rf"^[{CJK}]{{2,8}}政府网$")


def before_site_links(lines: list[str], start: int, end: int) -> int:
    """Where the body ends when ``lines[start:end]`` closes with a group of related-sites link
    captions, or one government portal's caption, after some text; ``end`` otherwise."""
    last = end - 1
    while last >= start and not lines[last]:
        last -= 1
    has_text_over = any(lines[row] for row in range(start, last))
    if last > start and _PORTAL_LINK.match(lines[last]) and has_text_over:
        end = last
    cut = end
    links = 0
    index = end - 1
    while index >= start:
        line = lines[index]
        if line:
            if _SITE_LINK.match(line) is None:
                break
            links += 1
            cut = index
        index -= 1
    if links < _GROUP_MIN:
        return end
    while index >= start and not lines[index]:
        index -= 1
    if index >= start and _BOX_CAPTION.match(lines[index]):
        cut = index
    has_text = any(lines[row] for row in range(start, cut))
    return cut if has_text else end
