"""Leaf ``<div>``s: the paragraphs of a CMS that writes every ``<p>`` as a ``<div>``.

A ``<div>`` with no block inside it holds one line of text, as a ``<p>`` does: the density
search of :mod:`.body` scores it as a paragraph carrier when the paragraphs leave the article
in doubt and it stands in a run of such lines (a lone one is a widget), and takes a leaf
``<div>`` holding only a link to a document as a ``<p>`` of one link (a content fragment
whose only line is its document).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from noticecli.knowledge import IMAGE_EXTENSIONS
from noticecli.parse.attachments import file_type_of
from noticecli.parse.dom import BLOCK_TAGS, clean_text
from noticecli.parse.lines import is_boilerplate

# Bounds the query on a page of thousands of divs (the density search's own bound).
_MAX_LEAVES = 5_000
# Found by Lexbor in one query (a walk from Python over every block costs twice as much).
_LEAF_DIVS = "div:not(:has(" + ", ".join(sorted(BLOCK_TAGS)) + "))"
# Leaf divs showing a line under one parent, at least: a text's paragraphs.
_MIN_RUN = 2


def leaf_divs(root: LexborNode, counted: set[int]) -> list[LexborNode]:
    """The ``<div>``s under ``root`` with no block inside, in page order, less ``counted``."""
    leaves = root.css(_LEAF_DIVS)[:_MAX_LEAVES]
    return [node for node in leaves if node.mem_id not in counted]


def in_runs(leaves: list[LexborNode]) -> list[LexborNode]:
    """The leaves that stand in a run of lines under one parent: paragraphs come in runs, a
    lone leaf among other blocks (a date widget, a greeting in the top bar) is none."""
    lines: dict[int, int] = {}
    for node in leaves:
        if node.parent is not None and _shows_a_line(node):
            lines[node.parent.mem_id] = lines.get(node.parent.mem_id, 0) + 1
    return [
        node
        for node in leaves
        if node.parent is not None and lines.get(node.parent.mem_id, 0) >= _MIN_RUN
    ]


def _shows_a_line(node: LexborNode) -> bool:
    text = clean_text(node.text())
    return bool(text) and not is_boilerplate(text)


def links_a_document(node: LexborNode) -> bool:
    """Whether a link in ``node`` leads to a document (pdf, doc, xls …; not an image)."""
    for link in node.css("a[href]"):
        file_type = file_type_of(link.attributes.get("href") or "")
        if file_type is not None and file_type not in IMAGE_EXTENSIONS:
            return True
    return False


# A section number (一、 (二) 3. …) then a label and its value.
_NUMBERED_VALUE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])"
    r"\s*[\u4e00-\u9fff]{2,10}\s*[:：]\s*\S"
)


def states_a_value(text: str) -> bool:
    """Whether a numbered line states a label's value (一、项目编号：TB2024-071): a line of
    the text, in a ``<div>`` as in a ``<p>``, where 一、项目概况 alone is a section title."""
    return _NUMBERED_VALUE.match(text) is not None
