"""Does a page carry one article? Asked of every HTML page before any listing work, so it
lives apart from :mod:`noticecli.parse.listing`, which article pages never import."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.knowledge import (
    ARTICLE_META_NAME,
    BODY_CONTAINERS,
    INDEX_NUMBER_LABEL,
    NOTICE_GRID_LABELS,
    TITLE_SELECTORS,
)

# (selector, required tag) of the containers that prove an article: div.TRS_Editor is asked
# as .TRS_Editor, the query the body search makes too, so a shared cache (see
# :func:`cached_select`) answers it once.
_BODY_SELECTORS: tuple[tuple[str, str | None], ...] = tuple(
    (container.selector, container.tag) for container in BODY_CONTAINERS if container.proves_article
)
_PROVING = tuple(selector for selector, _tag in _BODY_SELECTORS)
# The tag names among the container and title selectors (the others are .class or #id).
_SELECTOR_TAGS = tuple(
    selector
    for selector in (*(container.selector for container in BODY_CONTAINERS), *TITLE_SELECTORS)
    if selector[0] not in ".#"
)
# Non-link characters (whitespace left out) that make a body container an article. Lower
# than "a long text" on purpose: real short notices (a 248-character Hanweb item) exist, and
# list containers are nearly all link text.
_BODY_MIN_CHARS = 100
_INDEX_LABEL = re.compile(r"\s*".join(INDEX_NUMBER_LABEL) + r"\s*[:：]")
# Compiled only when a page shows 索引号 outside any known body container (rare).
_OTHER_HEADER_LABEL = (
    "(?:" + "|".join(r"\s*".join(label) for label in NOTICE_GRID_LABELS) + r")\s*[:：]"
)


class PageQueries:
    """``tree.css`` remembering its answers (the article test and the body search ask
    several of the same selectors, each a walk over the whole page), and the page's class
    and id words, which tell the selectors of a list (``.class``, ``#id``, tag names) that
    may find anything: one query per selector costs less than one for all of them, and a
    selector that finds nothing is not asked.

    The words are read when the queries are made, before anything is removed from the
    tree: a selector they rule out found nothing then, and finds nothing after (the tree
    only loses elements), so an answer remembered from before a removal stays the one the
    selector gives."""

    __slots__ = ("_answers", "_marks", "tree")

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.tree = tree
        self._answers: dict[str, list[LexborNode]] = {}
        self._marks = PageMarks(tree)

    def __call__(self, selector: str) -> list[LexborNode]:
        found = self._answers.get(selector)
        if found is None:
            found = self._answers[selector] = self.tree.css(selector)
        return found

    def possible(self, selectors: Iterable[str]) -> list[str]:
        """See :meth:`PageMarks.possible`."""
        return self._marks.possible(selectors)


class PageMarks:
    """The class and id values of a page's elements, lower-cased, one a line, and which of
    the tag names the selectors lists name (``article``, headings) its elements have."""

    __slots__ = ("classes", "ids", "tags")

    def __init__(self, tree: LexborHTMLParser) -> None:
        # Two queries of one attribute selector each and a read of one attribute per element
        # found: far cheaper than a query of a long selector list (each selector is tested on
        # every element). An element's attributes are read as a dict, one call (``attrs``
        # makes an object and looks the name up through it).
        self.classes = "\n".join(
            [node.attributes.get("class") or "" for node in tree.css("[class]")]
        ).lower()
        self.ids = "\n".join([node.attributes.get("id") or "" for node in tree.css("[id]")]).lower()
        self.tags = frozenset(tag for tag in _SELECTOR_TAGS if tree.tags(tag))

    def possible(self, selectors: Iterable[str]) -> list[str]:
        """The ``selectors`` (each a ``.class``, an ``#id`` or a tag name of
        :data:`_SELECTOR_TAGS`) that may match an element of the page: ``tree.css(selector)``
        finds nothing for a selector left out. The test is looser than Lexbor's (a class or
        id word found anywhere in an attribute, in any letter case, as a page in quirks mode
        matches it), never stricter."""
        possible: list[str] = []
        for selector in selectors:
            mark, word = selector[0], selector[1:].lower()
            if mark == ".":
                found = word in self.classes
            elif mark == "#":
                found = word in self.ids
            else:
                found = selector in self.tags
            if found:
                possible.append(selector)
        return possible


def cached_select(tree: LexborHTMLParser) -> PageQueries:
    """The :class:`PageQueries` of ``tree``, made before anything is removed from it."""
    return PageQueries(tree)


def has_article_body(tree: LexborHTMLParser, select: PageQueries | None = None) -> bool:
    """The page carries one article (a notice), whatever it links to: cheap C-level checks.

    ``select`` stands in for ``tree.css`` (a :func:`cached_select` shared with the body
    search)."""
    meta = _article_meta(tree)
    if meta is not None and (meta.get("content") or "").strip():
        return True  # TRS/Hanweb stamp this on article pages only
    css = select if select is not None else PageQueries(tree)
    # A page of an unknown template has none of the containers' class and id words; a page
    # with some is asked only the selectors that may match.
    possible = set(css.possible(_PROVING))
    for selector, tag in _BODY_SELECTORS:
        if selector not in possible:
            continue
        for node in css(selector):
            if tag is not None and node.tag != tag:
                continue
            chars = _visible_chars(node.text())
            if chars > _BODY_MIN_CHARS:
                chars -= sum(_visible_chars(a.text()) for a in node.css("a"))
                if chars > _BODY_MIN_CHARS:
                    return True
    body = tree.body
    text = body.text(separator=" ") if body is not None else ""
    for match in _INDEX_LABEL.finditer(text):
        if _other_header_label().search(text, match.end(), match.end() + 400):
            return True
    return False


def _article_meta(tree: LexborHTMLParser) -> dict[str, str | None] | None:
    """The attributes of ``tree.css_first('meta[name="ArticleTitle"]')`` (Lexbor matches the
    name in its letter case), read from Lexbor's tag lookup: a page has a few metas, and a
    query costs as much as reading a dozen."""
    for node in tree.tags("meta"):
        attributes = node.attributes
        if attributes.get("name") == ARTICLE_META_NAME:
            return attributes
    return None


def _visible_chars(text: str) -> int:
    """Characters other than whitespace (str.split splits on what \\s matches)."""
    return sum(map(len, text.split()))


@cache
def _other_header_label() -> re.Pattern[str]:
    return re.compile(_OTHER_HEADER_LABEL)
