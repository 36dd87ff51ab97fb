"""The page's ``<meta>`` and ``<title>`` elements, found by one query for every phase that
reads them (the meta-tag fields, the title vote): each CSS query has a fixed cost of its
own, whatever the page's size."""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.parse.dom import is_inside


@dataclass(slots=True)
class HeadTags:
    """``<meta>`` and ``<title>`` elements in page order, and which of them ``<head>`` holds."""

    metas: list[LexborNode]
    titles: list[LexborNode]
    head_metas: list[LexborNode]
    head_titles: list[LexborNode]

    def named_metas(self) -> list[LexborNode]:
        """``tree.css("meta[name]")``."""
        return [node for node in self.metas if "name" in node.attributes]


def head_tags(tree: LexborHTMLParser) -> HeadTags:
    """Read after the hidden elements are removed (a removed element must not be read)."""
    head = tree.head
    head_id = head.mem_id if head is not None else None
    tags = HeadTags([], [], [], [])
    for node in tree.css("meta, title"):
        in_head = head_id is not None and is_inside(node, head_id)
        if node.tag == "meta":
            tags.metas.append(node)
            if in_head:
                tags.head_metas.append(node)
        else:
            tags.titles.append(node)
            if in_head:
                tags.head_titles.append(node)
    return tags
