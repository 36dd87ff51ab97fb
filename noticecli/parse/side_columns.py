"""A column beside the text (a sidebar of links or short items, with no class to say so)
never joins the body the short-notice fallback found.

The block printed after a title may be a row of columns: the notice's sentence and table in
one, a column of links (栏目导航, 热点) in another. When one column shows the text and every
other one is a side column (no sentence, no table, and mostly links or a list of short
items), the body narrows to the text's column; through wrappers of one child (a table's
tbody and its one row) too.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from noticecli.parse.dom import clean_text, element_children, find_tags, visible_text

_SENTENCE = re.compile(r"[。；！？]")
_TABLE_TAG = frozenset({"table"})
_LINK_TAG = frozenset({"a"})
_ITEM_TAGS = frozenset({"li", "dd", "p", "div"})
# What a column of a layout is written in (a <p> or a <ul> beside the text is the text's own).
_COLUMN_TAGS = frozenset({"div", "td", "th", "section", "aside", "nav"})
# An item of a side list is a few words; the list has at least this many.
_ITEM_MAX_CHARS = 12
_MIN_ITEMS = 3
# Wrappers descended at most (table → tbody → tr, nested divs).
_MAX_DEPTH = 6


def text_column(block: LexborNode) -> LexborNode:
    """``block``, or the one column of it that holds the text when its other columns are
    side columns."""
    for _depth in range(_MAX_DEPTH):
        columns = [child for child in element_children(block) if clean_text(visible_text(child))]
        if len(columns) == 1 and columns[0].tag in ("tbody", "thead", "tr"):
            block = columns[0]  # a table's wrapper of one row
            continue
        if len(columns) < 2:
            return block
        if any(column.tag not in _COLUMN_TAGS for column in columns):
            return block  # paragraphs and lists of the text itself, not columns
        text = [column for column in columns if not _is_side_column(column)]
        if len(text) != 1 or len(text) == len(columns):
            return block
        block = text[0]
    return block


def _is_side_column(node: LexborNode) -> bool:
    text = clean_text(visible_text(node))
    if _SENTENCE.search(text) or find_tags(node, _TABLE_TAG, "table"):
        return False
    shown = len(text.replace(" ", ""))
    links = sum(
        len(clean_text(visible_text(link)).replace(" ", ""))
        for link in find_tags(node, _LINK_TAG, "a")
    )
    if shown and links * 2 >= shown:
        return True
    items = [
        clean_text(visible_text(item))
        for item in find_tags(node, _ITEM_TAGS, "li, dd, p, div")
        if item.mem_id != node.mem_id
    ]
    items = [item for item in items if item]
    return len(items) >= _MIN_ITEMS and all(len(item) <= _ITEM_MAX_CHARS for item in items)
