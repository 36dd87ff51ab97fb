"""The body of a short notice no density search finds: the block printed after the title.

A notice of one sentence and a table (名单如下：<table>) carries too little prose for the
density search of :mod:`.body`; its template still prints the text in the block that follows
the title. That block is the body when it shows a sentence or a table, and it is neither a
meta line, nor navigation, nor the site's footer; a side column beside the text in that
block (:mod:`.side_columns`) is left out.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from noticecli.labels import split_label_pairs
from noticecli.parse.body_container import is_furniture
from noticecli.parse.dom import clean_text, find_tags, visible_text
from noticecli.parse.lines import is_boilerplate, is_widget_row
from noticecli.parse.side_columns import text_column

# Levels climbed from the title (h1 → its box → the page's column) and siblings looked at.
_LEVELS = 3
_SIBLINGS = 4
_SENTENCE = re.compile(r"[。；！？，]")
_LINK_TAG = frozenset({"a"})
_TABLE_TAG = frozenset({"table"})


def block_after_title(title: LexborNode) -> LexborNode | None:
    """The first block after ``title`` (or after the box holding it) that shows a sentence or
    a table, past meta lines; ``None`` when navigation or a footer comes first."""
    node: LexborNode | None = title
    for _level in range(_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return None
        sibling = node.next
        looked = 0
        while sibling is not None and looked < _SIBLINGS:
            if sibling.tag and not sibling.tag.startswith("-"):
                text = clean_text(visible_text(sibling))
                if text:
                    looked += 1
                    verdict = _verdict(sibling, text)
                    if verdict is not None:
                        return text_column(sibling) if verdict else None
            sibling = sibling.next
        node = node.parent
    return None


def _verdict(block: LexborNode, text: str) -> bool | None:
    """``True``: the body; ``False``: furniture, nothing after it is looked at; ``None``: a
    line to pass over (a meta line, a deck)."""
    if is_boilerplate(text[:120]) and not is_furniture(block) and is_widget_row(text):
        return None  # the article's toolbar under its title (字号 打印 分享): passed over
    if is_furniture(block) or is_boilerplate(text[:120]):
        return False
    links = "".join(clean_text(link.text()) for link in find_tags(block, _LINK_TAG, "a"))
    if links and len(links) >= len(text) * 0.5:
        return False  # a menu, a breadcrumb, a list of related links
    if split_label_pairs(text) and not _SENTENCE.search(text):
        return None  # 发布时间：… 来源：…
    if _SENTENCE.search(text) or find_tags(block, _TABLE_TAG, "table"):
        return True
    return None
