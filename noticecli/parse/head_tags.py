"""The page's ``<meta>`` and ``<title>`` elements, found by one query for every phase that
reads them (the meta-tag fields, the title vote): each CSS query has a fixed cost of its
own, whatever the page's size."""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.parse.dom import is_inside

Attributes = dict[str, str | None]


@dataclass(slots=True)
class HeadTags:
    """``<meta>`` and ``<title>`` elements in page order, and which of them ``<head>`` holds;
    the metas' attributes read once for every reader (each read builds a dict)."""

    metas: list[LexborNode]
    titles: list[LexborNode]
    head_metas: list[LexborNode]
    head_titles: list[LexborNode]
    meta_attributes: list[Attributes] = field(default_factory=list)
    head_meta_attributes: list[Attributes] = field(default_factory=list)

    def named_metas(self) -> list[LexborNode]:
        """``tree.css("meta[name]")``."""
        return [
            node
            for node, attributes in zip(self.metas, self.meta_attributes, strict=True)
            if "name" in attributes
        ]

    def named_meta_attributes(self) -> list[Attributes]:
        """The attributes of ``tree.css("meta[name]")``."""
        return [attributes for attributes in self.meta_attributes if "name" in attributes]


def head_tags(tree: LexborHTMLParser) -> HeadTags:
    """Read after the hidden elements are removed (a removed element must not be read)."""
    head = tree.head
    head_id = head.mem_id if head is not None else None
    tags = HeadTags([], [], [], [])
    # Lexbor's tag lookup, once per name: cheaper than one CSS query for both.
    for node in tree.tags("meta"):
        attributes = node.attributes
        tags.metas.append(node)
        tags.meta_attributes.append(attributes)
        if head_id is not None and is_inside(node, head_id):
            tags.head_metas.append(node)
            tags.head_meta_attributes.append(attributes)
    for node in tree.tags("title"):
        tags.titles.append(node)
        if head_id is not None and is_inside(node, head_id):
            tags.head_titles.append(node)
    return tags
