"""A status badge after a title ([文件获取中], 【已结束】): shown beside the title, not part of it.

Trading-centre and procurement templates append the state of a tender to its heading in an
inline element of its own colour or class (``<font color=…>[文件获取中]</font>``); some copy the
same markup into ``<title>``, where the tags show as text. The badge is a run of a few
characters in square brackets (``[…]``, ``【…】``) at the very end, set apart by markup: an
element of its own with a colour or a class. A bracket without such markup stays title text
(``【湖北省中心】`` opening a title, ``(代招标公告)`` closing one).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

__all__ = ["without_badge"]

_INLINE = frozenset({"font", "span", "em", "i", "b", "strong", "small", "label"})
_BADGE = re.compile(r"^(?:\[[^\[\]]{1,8}\]|【[^【】]{1,8}】)$")
# The same badge written into <title> as markup: <font color='#2ac36e'>[文件获取中]</font>.
_LITERAL_BADGE = re.compile(
    r"<(font|span|em|i|b|strong|small|label)\b[^<>]*(?:color|class)[^<>]*>\s*"
    r"(\[[^\[\]<>]{1,8}\]|【[^【】<>]{1,8}】)\s*</\1\s*>\s*$",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def without_badge(title: str | None, node: LexborNode | None) -> str | None:
    """``title`` without a trailing status badge and without markup written into it as text.

    ``node``: the visible element the title was read from, whose last child may be the badge.
    """
    if not title:
        return title
    literal = _LITERAL_BADGE.search(title)
    if literal is not None:
        title = title[: literal.start()]
    elif node is not None and (badge := _node_badge(node)) is not None:
        stripped = title.rstrip()
        if stripped.endswith(badge) and len(stripped) > len(badge):
            title = stripped[: -len(badge)]
    if "<" in title:
        title = _TAG.sub("", title)
    return title.strip() or None


def _node_badge(node: LexborNode) -> str | None:
    """The text of the element closing ``node`` when it is a badge: an inline element with a
    colour or a class, holding only a short bracketed word, with no text after it."""
    last: LexborNode | None = None
    for child in node.iter(include_text=True):
        if child.tag == "-text" and not (child.text() or "").strip():
            continue
        last = child
    if last is None or last.tag not in _INLINE:
        return None
    attributes = last.attributes
    style = attributes.get("style") or ""
    if not (attributes.get("color") or attributes.get("class") or "color" in style):
        return None
    text = (last.text() or "").strip()
    return text if _BADGE.match(text) else None
