"""Does a page carry one article? Asked of every HTML page before any listing work, so it
lives apart from :mod:`noticecli.parse.listing`, which article pages never import."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.knowledge import (
    ANY_BODY_CONTAINER,
    ARTICLE_META_NAME,
    BODY_CONTAINERS,
    INDEX_NUMBER_LABEL,
    NOTICE_GRID_LABELS,
)

Select = Callable[[str], list[LexborNode]]

# (selector, required tag) of the containers that prove an article: div.TRS_Editor is asked
# as .TRS_Editor, the query the body search makes too, so a shared cache (see
# :func:`cached_select`) answers it once.
_BODY_SELECTORS: tuple[tuple[str, str | None], ...] = tuple(
    (container.selector, container.tag) for container in BODY_CONTAINERS if container.proves_article
)
_PROVING = tuple(selector for selector, _tag in _BODY_SELECTORS)
# Non-link characters (whitespace left out) that make a body container an article. Lower
# than "a long text" on purpose: real short notices (a 248-character Hanweb item) exist, and
# list containers are nearly all link text.
_BODY_MIN_CHARS = 100
_INDEX_LABEL = re.compile(r"\s*".join(INDEX_NUMBER_LABEL) + r"\s*[:：]")
# Compiled only when a page shows 索引号 outside any known body container (rare).
_OTHER_HEADER_LABEL = (
    "(?:" + "|".join(r"\s*".join(label) for label in NOTICE_GRID_LABELS) + r")\s*[:：]"
)


def cached_select(tree: LexborHTMLParser) -> Select:
    """``tree.css`` remembering its answers: the article test and the body search ask
    several of the same selectors, each a walk over the whole page."""
    answers: dict[str, list[LexborNode]] = {}

    def select(selector: str) -> list[LexborNode]:
        found = answers.get(selector)
        if found is None:
            found = answers[selector] = tree.css(selector)
        return found

    return select


def has_article_body(tree: LexborHTMLParser, select: Select | None = None) -> bool:
    """The page carries one article (a notice), whatever it links to: cheap C-level checks.

    ``select`` stands in for ``tree.css`` (a :func:`cached_select` shared with the body
    search)."""
    meta = _article_meta(tree)
    if meta is not None and (meta.get("content") or "").strip():
        return True  # TRS/Hanweb stamp this on article pages only
    css = select or tree.css
    # One query first: a page of an unknown template has none of the containers; a page
    # with some is asked only the selectors one of them may match.
    possible = set(possible_selectors(css(ANY_BODY_CONTAINER), _PROVING))
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


def possible_selectors(nodes: list[LexborNode], selectors: Iterable[str]) -> list[str]:
    """The ``selectors`` (each a ``.class``, an ``#id`` or a tag name) that may match
    one of ``nodes``, the matches of all of them together: ``tree.css(selector)`` is a subset
    of those, so a selector left out finds nothing. The test is looser than Lexbor's (a class
    or id word found anywhere in the attribute, in any letter case, as a page in quirks mode
    matches it), never stricter."""
    if not nodes:
        return []
    tags: set[str] = set()
    classes: list[str] = []
    ids: list[str] = []
    for node in nodes:
        attributes = node.attributes
        tags.add(node.tag or "")
        classes.append((attributes.get("class") or "").lower())
        ids.append((attributes.get("id") or "").lower())
    possible: list[str] = []
    for selector in selectors:
        mark, word = selector[0], selector[1:].lower()
        if mark == ".":
            found = any(word in names for names in classes)
        elif mark == "#":
            found = any(word in names for names in ids)
        else:
            found = selector in tags
        if found:
            possible.append(selector)
    return possible


def _visible_chars(text: str) -> int:
    """Characters other than whitespace (str.split splits on what \\s matches)."""
    return sum(map(len, text.split()))


@cache
def _other_header_label() -> re.Pattern[str]:
    return re.compile(_OTHER_HEADER_LABEL)
