"""Labelled lines between the title and the body container that no field took: the text's
first lines.

A notice of an event prints ``活动时间：2024年5月10日 地点：人民广场`` under its title,
outside the container that holds its paragraphs. The line is the notice's own (when and
where), not a meta line about the page: it is kept as the body's first paragraph, as shown,
and gives no field (its date is the event's, never the publication's). A line that gave any
field (the meta line, a grid's rows) is read already; furniture, boilerplate and link rows
are never text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selectolax.lexbor import LexborNode

from noticecli.labels import WIDGET_LABELS, compact_label
from noticecli.parse.body_container import is_furniture
from noticecli.parse.dom import SKIP_TAGS, ancestors, clean_text, find_tags, visible_text
from noticecli.parse.lines import is_boilerplate

# A label by its shape opening the line: 2 to 8 CJK characters, a colon, a value.
_OPENING_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,8}\s*[:：]\s*\S")
_LABEL = re.compile(r"([\u4e00-\u9fff]{2,8})\s*[:：]")
_LINK_TAG = frozenset({"a"})
# Levels climbed from the title, and lines looked at: the lines sit right under it.
_LEVELS = 3
_LINES = 6
_LINE_MAX_CHARS = 200


def unread_lines(
    title: LexborNode,
    container: LexborNode,
    labels: Iterable[str],
    skip: Iterable[LexborNode] = (),
) -> list[LexborNode]:
    """The labelled lines after ``title`` and before ``container`` whose labels are not all
    in ``labels`` (the header's, as shown); ``skip``: grids read already."""
    read = {compact_label(label) for label in labels}
    skipped = {node.mem_id for node in skip}
    holders = {node.mem_id for node in ancestors(container)} | {container.mem_id}
    if any(parent.mem_id == container.mem_id for parent in ancestors(title)):
        return []  # the title inside the container: its opening is read there
    found: list[LexborNode] = []
    node: LexborNode | None = title
    looked = 0
    for _level in range(_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return found
        sibling = node.next
        while sibling is not None:
            if sibling.mem_id in holders:
                return found  # the container, or the element holding it
            if (
                sibling.tag
                and not sibling.tag.startswith("-")
                and sibling.tag not in SKIP_TAGS
                and sibling.mem_id not in skipped
            ):
                # The markup's text first (cheap): most siblings are no labelled line.
                raw = sibling.text().strip()
                if raw:
                    looked += 1
                    if looked > _LINES:
                        return found
                    if _could_be_line(raw, read) and _unread(sibling, read):
                        found.append(sibling)
            sibling = sibling.next
        node = node.parent
    return []  # the container is not after the title


def _could_be_line(raw: str, read: set[str]) -> bool:
    """The cheap tests on the markup's text: a labelled line none of whose labels was read
    (the meta line's were)."""
    if len(raw) > _LINE_MAX_CHARS * 4:
        return False
    text = clean_text(raw)
    return _OPENING_LABEL.match(text) is not None and not _labels(text) & read


def _unread(node: LexborNode, read: set[str]) -> bool:
    text = clean_text(visible_text(node))
    if len(text) > _LINE_MAX_CHARS or not _OPENING_LABEL.match(text):
        return False
    if is_furniture(node) or is_boilerplate(text):
        return False
    links = "".join(clean_text(link.text()) for link in find_tags(node, _LINK_TAG, "a"))
    if links and len(links) * 2 >= len(text):
        return False
    labels = _labels(text)
    # A line that gave any field (the meta line, a grid's caption row) is read already.
    return bool(labels) and not labels & read


def _labels(text: str) -> set[str]:
    return {compact_label(label) for label in _LABEL.findall(text)} - WIDGET_LABELS
