"""A list of links to other articles under a caption (相关链接, 相关文章, 推荐阅读 …) inside
the body's container: a template's related-articles box, never the notice's text.

A page whose container reaches the end of the page (an unclosed ``<div>``, a saved excerpt)
holds such a box after the text. The caption alone proves nothing (a notice may speak of
相关链接 in a sentence), so the box is the caption's element with the lists after it whose
every item is mostly link text; when the caption and those lists are all their holder shows,
the holder goes too.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from noticecli.chrome_words import MORE_LINK, MORE_LINK_WORDS
from noticecli.knowledge import CJK
from noticecli.knowledge_listings import RELATED_LINK_HEADINGS
from noticecli.parse.dom import clean_text, element_children, visible_text

# A caption is a few words and an optional colon.
_CAPTION_MAX = 12
# … or a column's name with its link to more (工作动态 更多>>, 通知公告 MORE): a column box of
# latest items, as much the template's as a related-links box.
_COLUMN_BOX_CAPTION = re.compile(rf"^[{CJK}]{{2,10}}\s*{MORE_LINK}$")
_CAPTION_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "div", "p", "span", "strong", "b", "dt"})
_ITEM_TAGS = frozenset({"li", "p", "div", "dd", "tr"})


def related_boxes(root: LexborNode) -> list[LexborNode]:
    """The related-links boxes under ``root`` (captions and their link lists)."""
    text = root.text()
    if not any(word in text for word in (*RELATED_LINK_HEADINGS, *MORE_LINK_WORDS)):
        return []  # one string search spares most pages the walk
    found: list[LexborNode] = []
    for node in root.traverse():
        if node.tag not in _CAPTION_TAGS or not _is_caption(node):
            continue
        lists = _link_lists_after(node)
        if not lists:
            continue
        holder = node.parent
        if holder is not None and holder.mem_id != root.mem_id and _only(holder, [node, *lists]):
            found.append(holder)
        else:
            found.extend([node, *lists])
    return found


def _is_caption(node: LexborNode) -> bool:
    if len(node.text().strip()) > _CAPTION_MAX * 4:
        return False  # the markup's text first: most elements hold more than a caption
    text = clean_text(visible_text(node)).rstrip(":：").strip()
    if len(text) <= _CAPTION_MAX and text.startswith(RELATED_LINK_HEADINGS):
        return True
    return _COLUMN_BOX_CAPTION.match(text) is not None and node.css_first("a") is not None


def _link_lists_after(caption: LexborNode) -> list[LexborNode]:
    """The element siblings after ``caption`` that are lists of links, up to the first that
    is not one."""
    lists: list[LexborNode] = []
    sibling = caption.next
    while sibling is not None:
        if sibling.tag == "-text" and (sibling.text_content or "").strip():
            break
        if sibling.tag and not sibling.tag.startswith("-"):
            if not _is_link_list(sibling):
                break
            lists.append(sibling)
        sibling = sibling.next
    return lists


def _is_link_list(node: LexborNode) -> bool:
    """Two or more items (or the element itself as one), each mostly link text."""
    items = [child for child in element_children(node) if child.tag in _ITEM_TAGS]
    if node.tag == "table":
        items = node.css("tr")
    if not items:
        items = [node]
    return all(_mostly_link(item) for item in items)


def _mostly_link(node: LexborNode) -> bool:
    text = len(clean_text(visible_text(node)))
    linked = sum(len(clean_text(visible_text(link))) for link in node.css("a"))
    return linked > 0 and linked * 2 >= text


def _only(holder: LexborNode, parts: list[LexborNode]) -> bool:
    """Whether ``parts`` are all the text ``holder`` shows."""
    shown = len(clean_text(visible_text(holder)).replace(" ", ""))
    held = sum(len(clean_text(visible_text(part)).replace(" ", "")) for part in parts)
    return held >= shown
