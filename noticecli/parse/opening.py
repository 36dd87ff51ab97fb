"""The head of a page inside its body container.

A container found by density on a template no selector knows (a layout table whose rows are
the page, an article wrapper) can hold what comes before the text: the navigation row, the
title and the meta line under it. Around the title the page's own structure tells them
apart: before it, elements whose text is all link text are navigation; right after it,
elements holding only labelled fields (发布日期：… 浏览次数：…) are the meta line. Neither is
body; the meta line's fields are header fields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from selectolax.lexbor import LexborNode

from noticecli.chrome_words import BREADCRUMB_TEXT
from noticecli.models import HeaderField
from noticecli.parse.body_meta import is_meta_line
from noticecli.parse.dom import ancestors, clean_text, is_inside, iter_visible
from noticecli.parse.header_html import extract_grid_fields

_CRUMB = re.compile(BREADCRUMB_TEXT)
# A meta line is short and says no sentence.
_META_MAX_CHARS = 150
_SENTENCE = re.compile(r"[。；！？]")
# Elements looked at after the title before the text is taken to start.
_META_LOOKAHEAD = 3


class OpeningHead(NamedTuple):
    navigation: list[LexborNode]  # before the title: never body
    meta: list[LexborNode]  # the meta-line elements after it: never body
    fields: list[HeaderField]  # their labelled fields, in page order


def opening_head(
    container: LexborNode, title: LexborNode, read: Sequence[LexborNode] = ()
) -> OpeningHead:
    """The navigation before ``title`` and the meta line right after it, when ``title`` is
    inside ``container`` (else nothing). Elements in ``read`` (a header grid already read)
    are passed over: neither meta line nor text."""
    if not is_inside(title, container.mem_id):
        return OpeningHead([], [], [])
    # The elements read are passed over; one that only holds one (a wrapper, maybe of the
    # text too) ends the look.
    read_ids = {node.mem_id for node in read}
    holding_ids = {parent.mem_id for node in read for parent in ancestors(node)}
    navigation: list[LexborNode] = []
    meta: list[LexborNode] = []
    fields: list[HeaderField] = []
    node = title
    looked = 0
    keys_read: set[str | None] = set()
    after_done = False
    while node.mem_id != container.mem_id:
        sibling = node.prev
        while sibling is not None:
            if sibling.is_element_node and _all_link_text(sibling):
                navigation.append(sibling)
            sibling = sibling.prev
        sibling = node.next
        while sibling is not None and not after_done:
            if sibling.mem_id in read_ids:
                sibling = sibling.next
                continue
            if sibling.mem_id in holding_ids:
                after_done = True
                break
            if sibling.is_element_node and clean_text(sibling.text()):
                looked += 1
                read_here = _meta_line_fields(sibling, keys_read)
                if looked > _META_LOOKAHEAD or read_here is None:
                    after_done = True
                    break
                meta.append(sibling)
                fields.extend(read_here)
            sibling = sibling.next
        parent = node.parent
        if parent is None:
            break
        node = parent
    return OpeningHead(navigation, meta, fields)


def _meta_line_fields(element: LexborNode, keys_read: set[str | None]) -> list[HeaderField] | None:
    """The fields of a meta line, or ``None`` when ``element`` is not one: a meta line is
    short, says no sentence, follows the rule of a meta line printed in the body (时间：…
    地点：… opening a meeting notice is text, its date no publication date), and names no key
    the meta line above gave already (a second 时间：… is the text's)."""
    text = clean_text(element.text())
    if len(text) > _META_MAX_CHARS or _SENTENCE.search(text):
        return None
    fields = extract_grid_fields(element)
    if not fields or not is_meta_line([(field.label, field.value) for field in fields]):
        return None
    keys = {field.key for field in fields}
    if keys & keys_read:
        return None
    keys_read.update(keys)
    return fields


def _all_link_text(element: LexborNode) -> bool:
    """Navigation: links, and outside them nothing but a breadcrumb's label and separators."""
    has_link = False
    for node in iter_visible(element):
        if node.tag == "a":
            has_link = has_link or bool(node.text().strip())
        elif (
            node.tag == "-text"
            and not _in_link(node, element)
            and not _CRUMB.fullmatch(node.text_content or "")
        ):
            return False
    return has_link


def _in_link(node: LexborNode, element: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != element.mem_id:
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False
