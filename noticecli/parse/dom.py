"""Small helpers over selectolax nodes shared by the HTML extractors."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import cache
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements whose content is never page text.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "select",
        "option",
        "textarea",
        "button",
        "input",
        "svg",
        "canvas",
        "head",
        "title",
        "meta",
        "link",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "blockquote",
        "pre",
        "center",
        "form",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "figure",
        "figcaption",
        "hr",
        "address",
        "fieldset",
    }
)
# A line break (with the spaces around it) that clean_text drops when CJK text is on both
# sides. The sides are tested in Python: a CJK-range lookaround takes milliseconds to compile
# at every start, and this gives the same matches.
# A tag written in text (markup pasted into a meta tag's content, kept in a comment).
MARKUP_TAG = re.compile(r"<[^>]*>")
_LINE_BREAK = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
_SPACES = re.compile(r"[\s\u200b\ufeff]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# The same, case-sensitive, for a lower-cased ASCII style: the same answer as IGNORECASE,
# several times cheaper (every element of every walk is tested).
_HIDDEN_STYLE_LOWER = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


def clean_text(text: str) -> str:
    """Collapse every run of whitespace (ASCII, nbsp, ensp, emsp, U+3000) into one space.

    A source line break between two CJK characters is removed instead, as CSS Text 3
    renders it: Word-pasted markup breaks lines inside sentences (各乡镇人民政府\n：).
    """
    if "\n" in text:
        text = _LINE_BREAK.sub(_join_cjk_lines, text)
    if "\u200b" in text or "\ufeff" in text:
        return _SPACES.sub(" ", text).strip()
    # str.split() splits on exactly the characters \s matches (str.isspace), and is faster.
    return " ".join(text.split())


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x3001 <= code <= 0x303F or 0x3400 <= code <= 0x9FFF or 0xFF01 <= code <= 0xFF60


def _join_cjk_lines(match: re.Match[str]) -> str:
    text = match.string
    start, end = match.span()
    if start and end < len(text) and _is_cjk(text[start - 1]) and _is_cjk(text[end]):
        return ""
    return match.group()


def compact(text: str) -> str:
    """``text`` without whitespace (``str.isspace``): what two texts are compared by when a
    page spaces the same words differently (索 引 号, a title broken over lines)."""
    return "".join(text.split())


def is_hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    style = attrs.get("style")
    return bool(style and _hides(style)) or "hidden" in attrs


def _hides(style: str) -> bool:
    if style.isascii():
        return _HIDDEN_STYLE_LOWER.search(style.lower()) is not None
    return _HIDDEN_STYLE.search(style) is not None


def iter_visible(
    root: LexborNode,
    *,
    include_text: bool = True,
    prune_tags: frozenset[str] = frozenset(),
) -> Iterator[LexborNode]:
    """Nodes under ``root`` in document order, skipping non-text elements and their subtrees.

    Subtrees of elements whose tag is in ``prune_tags`` are skipped too; hidden elements and
    theirs are (:func:`iter_below`).
    """
    return iter_below(root, include_text=include_text, prune_tags=prune_tags)


# What Lexbor names the nodes that are neither elements nor text (an element's name begins
# with a letter).
_NON_ELEMENTS = frozenset({"-comment", "-doctype", "-document"})


@cache
def _left_out(skip_tags: frozenset[str], prune_tags: frozenset[str]) -> frozenset[str]:
    return _NON_ELEMENTS | skip_tags | prune_tags


def iter_below(
    root: LexborNode,
    *,
    include_text: bool = False,
    skip_tags: frozenset[str] = SKIP_TAGS,
    prune_tags: frozenset[str] = frozenset(),
    skip_hidden: bool = True,
    skip_id: int | None = None,
) -> Iterator[LexborNode]:
    """The elements under ``root`` in document order, and its text nodes with
    ``include_text``. Left out with their subtrees: comments and other non-elements,
    elements whose tag is in ``skip_tags`` or ``prune_tags``, hidden elements with
    ``skip_hidden``, and the element whose ``mem_id`` is ``skip_id``. Iterative (an explicit
    stack), so 100 000 nested elements cannot overflow the stack.
    """
    left_out = _left_out(skip_tags, prune_tags)
    stack: list[LexborNode] = []
    child = root.child
    while True:
        while child is not None:
            tag = child.tag
            if tag == "-text":
                if include_text:
                    yield child
                child = child.next
                continue
            if (
                tag is None
                or tag in left_out
                or (skip_hidden and is_hidden(child))
                or (skip_id is not None and child.mem_id == skip_id)
            ):
                child = child.next
                continue
            yield child
            stack.append(child)
            child = child.child
        if not stack:
            return
        child = stack.pop().next


def visible_text(node: LexborNode, *, separator: str = "") -> str:
    """The text a reader sees inside ``node`` (scripts, styles and hidden parts left out)."""
    if node.tag == "-text":
        return node.text_content or ""
    if node.tag in SKIP_TAGS:
        return ""  # a script or style handed in itself: its text is code, never shown
    parts: list[str] = []
    for item in iter_visible(node):
        if item.tag == "-text":
            parts.append(item.text_content or "")
        elif item.tag == "br" or (separator and item.tag in BLOCK_TAGS):
            parts.append(separator or "\n")
    return "".join(parts)


def visible_path(node: LexborNode, root: LexborNode) -> list[LexborNode] | None:
    """``node`` and its ancestors below ``root``, innermost first, when :func:`iter_visible`
    over ``root`` yields ``node``; ``None`` when it does not (hidden, skipped, or outside)."""
    path: list[LexborNode] = []
    root_id = root.mem_id
    if node.mem_id == root_id:
        return None  # iter_visible starts below its root
    current: LexborNode | None = node
    while current is not None:
        if current.mem_id == root_id:
            return path
        tag = current.tag
        if tag is None or tag.startswith("-") or tag in SKIP_TAGS or is_hidden(current):
            return None
        path.append(current)
        current = current.parent
    return None


def comes_before(path: list[LexborNode], other: list[LexborNode]) -> bool:
    """Document order of two :func:`visible_path` results from one root: does the first
    node come at or before the second (an ancestor comes before its descendants)?"""
    for mine, theirs in zip(reversed(path), reversed(other), strict=False):
        if mine.mem_id == theirs.mem_id:
            continue
        target = theirs.mem_id
        sibling = mine.next
        while sibling is not None:
            if sibling.mem_id == target:
                return True
            sibling = sibling.next
        return False
    return len(path) <= len(other)


# Elements of a subtree visited from Python before Lexbor is asked instead: a CSS query has a
# fixed cost (its selector parsed, Lexbor's selector memory set up) of about as much as
# visiting a few dozen elements.
_WALK_MAX_ELEMENTS = 32


def find_tags(node: LexborNode, tags: frozenset[str], selector: str) -> list[LexborNode]:
    """``node.css(selector)`` for a ``selector`` that lists just the tag names ``tags``
    (``node`` itself included when it is one): a small subtree is walked, a larger one
    queried."""
    found: list[LexborNode] = []
    for count, item in enumerate(node.traverse()):
        if count >= _WALK_MAX_ELEMENTS:
            return node.css(selector)
        if item.tag in tags:
            found.append(item)
    return found


# Elements the HTML parser never leaves in <head>: their start tag there ends the head.
_BODY_ONLY_TAGS = frozenset({"a", "table", "pre"})


def page_tags(root: LexborNode, tag: str) -> list[LexborNode]:
    """``root.css(tag)`` for one tag name: read from Lexbor's tag lookup (a walk in C without
    a CSS query's fixed cost, 4 K instructions against 22 K on a small page) when ``root``
    is the page's ``<html>``, or its ``<body>`` and ``tag`` never stands in ``<head>``;
    else queried. Both list the elements in page order, foreign (SVG, MathML) ones too, and
    neither looks into ``<template>`` contents."""
    if root.tag == "html" or (root.tag == "body" and tag in _BODY_ONLY_TAGS):
        return root.parser.tags(tag)
    return root.css(tag)


def first_tag(node: LexborNode, tags: frozenset[str], selector: str) -> LexborNode | None:
    """``node.css_first(selector)`` for a ``selector`` that lists just the tag names
    ``tags``, as :func:`find_tags` reads it."""
    for count, item in enumerate(node.traverse()):
        if count >= _WALK_MAX_ELEMENTS:
            return node.css_first(selector)
        if item.tag in tags:
            return item
    return None


def element_children(node: LexborNode) -> list[LexborNode]:
    """``node``'s children that are elements (no text, comment or doctype), in page order."""
    children = []
    child = node.child
    while child is not None:
        if child.tag and not child.tag.startswith("-"):
            children.append(child)
        child = child.next
    return children


def is_inside(node: LexborNode, ancestor_id: int) -> bool:
    """Whether the element of ``mem_id`` ``ancestor_id`` holds ``node``."""
    parent = node.parent
    while parent is not None:
        if parent.mem_id == ancestor_id:
            return True
        parent = parent.parent
    return False


def opens_container(
    node: LexborNode,
    container: LexborNode,
    max_chars: int,
    *,
    prose: re.Pattern[str] | None = None,
    passed: Collection[int] = (),
) -> bool:
    """Whether ``node`` opens ``container``: at most ``max_chars`` of visible text (spaces
    not counted) and, with ``prose``, no text it finds stand before ``node`` inside
    ``container``. Elements whose ``mem_id`` is in ``passed`` are not counted."""
    before = 0
    current: LexborNode | None = node
    while current is not None and current.mem_id != container.mem_id:
        sibling = current.prev
        while sibling is not None:
            if sibling.mem_id not in passed:
                text = compact(visible_text(sibling))
                before += len(text)
                if before > max_chars or (prose is not None and prose.search(text)):
                    return False
            sibling = sibling.prev
        current = current.parent
    return True


def ancestors(node: LexborNode) -> Iterator[LexborNode]:
    parent = node.parent
    while parent is not None and parent.tag not in (None, "-document"):
        yield parent
        parent = parent.parent


def owning_table(node: LexborNode) -> LexborNode | None:
    """The nearest ``<table>`` above ``node`` (a row's own table, not an outer one)."""
    parent = node.parent
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent


# Where a page names its own address, best first.
_ADDRESS_SELECTORS = ('link[rel="canonical"]', 'meta[property="og:url"]', 'meta[name="url"]')
_BASE_OR_ADDRESS = ", ".join(("base[href]", *_ADDRESS_SELECTORS))


def document_base_url(tree: LexborHTMLParser, url: str | None) -> str | None:
    """The URL relative links resolve against: ``<base href>``, the page URL, or canonical."""
    if url is None and not _may_name_address(tree):
        return None  # the page names no address (most pages)
    base = tree.css_first("base[href]")
    base_href = (base.attributes.get("href") or "").strip() if base else ""
    if base_href:
        return urljoin(url, base_href) if url else base_href if _is_absolute(base_href) else url
    if url:
        return url
    for selector in _ADDRESS_SELECTORS:
        node = tree.css_first(selector)
        if node is not None:
            candidate = (
                node.attributes.get("href") or node.attributes.get("content") or ""
            ).strip()
            if _is_absolute(candidate):
                return candidate
    return None


def _may_name_address(tree: LexborHTMLParser) -> bool:
    """Whether ``tree.css_first(_BASE_OR_ADDRESS)`` may find an element: a ``<base href>``, or
    a ``<link>`` or ``<meta>`` whose rel, property or name is the selectors' in any letter
    case (Lexbor matches rel in any case, the others as written: this is looser, never
    stricter). Lexbor's tag lookup and a page's few links and metas cost less than the
    query."""
    if any("href" in node.attributes for node in tree.tags("base")):
        return True
    for node in tree.tags("link"):
        if (node.attributes.get("rel") or "").lower() == "canonical":
            return True
    for node in tree.tags("meta"):
        attributes = node.attributes
        if (attributes.get("property") or "").lower() == "og:url":
            return True
        if (attributes.get("name") or "").lower() == "url":
            return True
    return False


def _is_absolute(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def absolute_url(href: str, base_url: str | None) -> str:
    href = href.strip()
    return urljoin(base_url, href) if base_url else href
