"""What a reader of the page never sees, removed before any field is read.

An element is hidden when its inline style says ``display:none`` or ``visibility:hidden``,
when it carries the ``hidden`` attribute or ``aria-hidden="true"``, when a JS framework
cloaks it (AngularJS ``ng-hide``/``ng-cloak``, Vue ``v-cloak`` …, the selectors of
:data:`noticecli.knowledge.HIDDEN_SELECTORS`), or when a top-level rule of the page's own
``<style>`` hides it and no rule of the page shows it again. Stylesheets the page links to
are not read: a class is hidden only when the page says so itself.

One exception keeps pages readable: a hidden element that holds most of the page's text is
shown by a script once the page loads (a cloaked app root, an anti-flicker wrapper), so it
stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from noticecli.knowledge import HIDDEN_SELECTORS

# An inline style or a CSS rule body that hides; one that shows (a later rule that gives
# .tab-pane.active its display back).
_HIDES = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SHOWS = re.compile(r"display\s*:\s*(?!none)[a-z]|visibility\s*:\s*visible", re.IGNORECASE)
# Candidates for an inline hiding style: Lexbor finds them; the regex confirms.
_STYLE_CANDIDATES = '[style*="none" i], [style*="hidden" i]'
_CSS_COMMENT = re.compile(r"/\*.*?\*/|<!--|-->", re.DOTALL)
_BRACES = re.compile(r"[{}]")
# The class, id and attribute names a selector needs: a selector none of whose names occur
# in the markup cannot match, and is not run.
_SELECTOR_NAMES = re.compile(r"[.#]([\w-]+)|\[\s*([\w-]+)")
# Pseudo-classes other than :not() depend on state (hover, focus) or position: such a rule
# does not hide the element as the page is read.
_STATEFUL = re.compile(r":(?!not\()")
# Far more rules than real pages hold: the rest of a runaway stylesheet is not read.
_MAX_RULES = 2_000
# A hidden element holding more than this share of the page's text is shown by a script.
_MAJORITY = 0.5


def remove_hidden(tree: LexborHTMLParser, markup: str) -> int:
    """Remove the hidden elements of ``tree`` (``markup`` is its source, used to skip CSS
    rules whose names the page never uses). Returns how many subtrees were removed."""
    root = tree.body
    if root is None:
        return 0
    found = [
        node
        for node in tree.css(f"{_STYLE_CANDIDATES}, {', '.join(HIDDEN_SELECTORS)}")
        if _hidden_by_markup(node)
    ]
    hide, show = _page_rules(node.text() for node in tree.css("style"))
    if hide:
        shown = {node.mem_id for node in _select(tree, _used(show, markup))}
        found += [node for node in _select(tree, _used(hide, markup)) if node.mem_id not in shown]
    outermost = _outermost(found)
    if not outermost:
        return 0
    total = len(root.text(deep=True))
    removed = 0
    for node in outermost:
        if total and len(node.text(deep=True)) > total * _MAJORITY:
            continue
        node.decompose()
        removed += 1
    return removed


def _hidden_by_markup(node: LexborNode) -> bool:
    """The node matched a hiding selector; an inline-style candidate must really hide."""
    attrs = node.attributes
    style = attrs.get("style")
    if style and _HIDES.search(style):
        return True
    # The other selectors of the query hide by themselves; a style that merely mentions
    # "none" (border: none) does not.
    return (
        "hidden" in attrs
        or (attrs.get("aria-hidden") or "").strip().lower() == "true"
        or _cloaked(node)
    )


def _cloaked(node: LexborNode) -> bool:
    attrs = node.attributes
    classes = (attrs.get("class") or "").split()
    return (
        "ng-hide" in classes
        or "ng-cloak" in classes
        or any(name in attrs for name in ("ng-cloak", "v-cloak", "x-cloak"))
    )


def _page_rules(styles: Iterable[str]) -> tuple[list[str], list[str]]:
    """Selectors of the top-level rules that hide, and of those that show (``@media`` and
    other at-rule blocks are skipped: whether they apply depends on the screen)."""
    hide: list[str] = []
    show: list[str] = []
    rules = 0
    for css in styles:
        if "none" not in css and "hidden" not in css:
            continue
        css = _CSS_COMMENT.sub(" ", css)
        depth = 0
        start = 0
        prelude = ""
        for brace in _BRACES.finditer(css):
            position = brace.start()
            if brace.group() == "{":
                if depth == 0:
                    # A statement (@charset "UTF-8";) may stand before the selector.
                    prelude = css[start:position].rsplit(";", 1)[-1].strip()
                    start = position + 1
                depth += 1
                continue
            depth = max(depth - 1, 0)
            if depth:
                continue
            body = css[start:position]
            start = position + 1
            rules += 1
            if rules > _MAX_RULES:
                return hide, show
            if not prelude or prelude.startswith("@") or "{" in body:
                continue
            if _HIDES.search(body):
                hide += _plain_selectors(prelude)
            elif _SHOWS.search(body):
                show += _plain_selectors(prelude)
    return hide, show


def _plain_selectors(prelude: str) -> list[str]:
    return [
        selector
        for part in prelude.split(",")
        if (selector := part.strip()) and not _STATEFUL.search(selector)
    ]


def _used(selectors: list[str], markup: str) -> list[str]:
    """The selectors all of whose class, id and attribute names occur in the markup."""
    return [
        selector
        for selector in dict.fromkeys(selectors)
        if all(
            (name or attribute) in markup for name, attribute in _SELECTOR_NAMES.findall(selector)
        )
    ]


def _select(tree: LexborHTMLParser, selectors: list[str]) -> list[LexborNode]:
    """Nodes matching any of ``selectors``; one query when they all parse, else one each
    (a page's CSS may hold selectors Lexbor does not know)."""
    if not selectors:
        return []
    try:
        return tree.css(", ".join(selectors))
    except SelectolaxError:
        pass
    found: list[LexborNode] = []
    for selector in selectors:
        try:
            found += tree.css(selector)
        except SelectolaxError:
            continue
    return found


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """Each hidden subtree once: nodes inside another found node are left out (removing an
    ancestor frees them)."""
    ids = {node.mem_id for node in nodes}
    kept: list[LexborNode] = []
    seen: set[int] = set()
    for node in nodes:
        if node.mem_id in seen or node.tag in ("html", "body", "head"):
            continue
        seen.add(node.mem_id)
        parent = node.parent
        inside = False
        while parent is not None:
            if parent.mem_id in ids:
                inside = True
                break
            parent = parent.parent
        if not inside:
            kept.append(node)
    return kept
