"""The page's ``<meta>`` and ``<title>`` elements, found by one query for every phase that
reads them (the meta-tag fields, the title vote): each CSS query has a fixed cost of its
own, whatever the page's size. A meta tag's content is read as text here, once."""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.parse.dom import MARKUP_TAG, clean_text, is_inside

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
    # Each meta's content as text (:func:`meta_text`), beside its attributes.
    meta_texts: list[str] = field(default_factory=list)
    head_meta_texts: list[str] = field(default_factory=list)

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

    def named_meta_texts(self) -> list[tuple[Attributes, str]]:
        """The attributes and content text of ``tree.css("meta[name]")``."""
        return [
            (attributes, text)
            for attributes, text in zip(self.meta_attributes, self.meta_texts, strict=True)
            if "name" in attributes
        ]


def meta_text(attributes: Attributes) -> str:
    """A meta tag's content as text: markup pasted into it (标题<div>——副题</div>) gives its
    text, as a heading's would."""
    content = attributes.get("content") or ""
    if "<" in content:
        content = MARKUP_TAG.sub("", content)
    return clean_text(content)


def head_tags(tree: LexborHTMLParser) -> HeadTags:
    """Read after the hidden elements are removed (a removed element must not be read)."""
    head = tree.head
    head_id = head.mem_id if head is not None else None
    tags = HeadTags([], [], [], [])
    # Lexbor's tag lookup, once per name: cheaper than one CSS query for both.
    for node in tree.tags("meta"):
        attributes = node.attributes
        text = meta_text(attributes)
        tags.metas.append(node)
        tags.meta_attributes.append(attributes)
        tags.meta_texts.append(text)
        if head_id is not None and is_inside(node, head_id):
            tags.head_metas.append(node)
            tags.head_meta_attributes.append(attributes)
            tags.head_meta_texts.append(text)
    for node in tree.tags("title"):
        tags.titles.append(node)
        if head_id is not None and is_inside(node, head_id):
            tags.head_titles.append(node)
    return tags
