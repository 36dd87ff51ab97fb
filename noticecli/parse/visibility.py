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

# An inline style that hides.
_HIDES = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Candidates for an inline hiding style (display:none, display: none …): Lexbor finds them;
# the regex confirms (and reads rarer spellings in the elements it is handed).
_STYLE_CANDIDATES = ", ".join(
    f'[style*="{prop}{gap}{value}" i]'
    for prop, value in (("display:", "none"), ("visibility:", "hidden"))
    for gap in ("", " ")
)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_DISPLAY = re.compile(r"display\s*:\s*([a-z-]+)")
_VISIBILITY = re.compile(r"visibility\s*:\s*([a-z-]+)")
_HIDES_NONE = re.compile(r"display\s*:\s*none")
_HIDES_HIDDEN = re.compile(r"visibility\s*:\s*hidden")
# The class, id and attribute names of a selector (a rule that shows an element again names
# it as the hiding rule did: .tab-pane / .tab-pane.active).
_SELECTOR_NAMES = re.compile(r"[.#]([\w-]+)|\[\s*([\w-]+)")
# Pseudo-classes other than :not() depend on state (hover, focus) or position: such a rule
# does not hide the element as the page is read.
_STATEFUL = re.compile(r":(?!not\()")
# Far more rules than real pages hold: the rest of a runaway stylesheet is not read.
_MAX_RULES = 2_000
# A hidden element holding more than this share of the page's text (and more than a few
# words) is shown by a script.
_MAJORITY = 0.5
_MAJORITY_MIN_CHARS = 200
# Hidden elements looked at, at most (a real page has a few dozen).
_MAX_HIDDEN = 5_000


def remove_hidden(tree: LexborHTMLParser, markup: str | None = None) -> int:
    """Remove the hidden elements of ``tree``; returns how many subtrees were removed.

    ``markup``, the page's source, lets the search skip the selectors of attributes and
    classes the page never writes (each selector costs a test on every element)."""
    root = tree.body
    if root is None:
        return 0
    selectors = [
        selector
        for selector in HIDDEN_SELECTORS
        if markup is None or _selector_word(selector) in markup
    ]
    # One walk finds the candidates and the page's <style> elements.
    found: list[LexborNode] = []
    styles: list[str] = []
    for node in tree.css(", ".join(["style", _STYLE_CANDIDATES, *selectors])):
        if node.tag == "style":
            styles.append(node.text())
        elif _hidden_by_markup(node):
            found.append(node)
    hide, show = _page_rules(styles)
    if hide:
        hidden = _select(tree, list(dict.fromkeys(hide)))
        if hidden:
            shown = {node.mem_id for node in _select(tree, list(dict.fromkeys(show)))}
            found += [node for node in hidden if node.mem_id not in shown]
    outermost = _outermost(found)
    if not outermost:
        return 0
    total = -1  # the page's text length, read only for a large hidden element
    removed = 0
    for node in outermost:
        length = len(node.text(deep=True))
        if length > _MAJORITY_MIN_CHARS:
            if total < 0:
                total = len(root.text(deep=True))
            if length > total * _MAJORITY:
                continue
        node.decompose()
        removed += 1
    return removed


def _selector_word(selector: str) -> str:
    """The attribute or class name a selector needs the markup to hold ([v-cloak] →
    v-cloak, .ng-hide → ng-hide)."""
    return selector.strip(".[]").split("=", 1)[0]


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
    """Selectors of the top-level rules that hide, and of those that show one of the hidden
    names again (rules inside ``@media`` and other at-rule blocks are skipped: whether they
    apply depends on the screen). Only the rules around a ``display``/``visibility``
    declaration are read."""
    hide: list[str] = []
    show: list[str] = []
    for css in styles:
        # Only a stylesheet that hides something is read (two literal searches run in C).
        if not (_HIDES_NONE.search(css) or _HIDES_HIDDEN.search(css)):
            continue
        css = css.replace("<!--", " ").replace("-->", " ")
        if "/*" in css:
            css = _CSS_COMMENT.sub(" ", css)
        depth = _Depth(css)
        last_rule = -1
        # Two literal patterns are many times faster than one alternation over large CSS.
        matches = sorted(
            [*_DISPLAY.finditer(css), *_VISIBILITY.finditer(css)], key=lambda m: m.start()
        )
        for count, match in enumerate(matches):
            if count >= _MAX_RULES:
                break
            open_brace = css.rfind("{", 0, match.start())
            if open_brace <= last_rule or css.rfind("}", 0, match.start()) > open_brace:
                continue  # a rule already read, or a declaration outside any block
            last_rule = open_brace
            if depth.at(open_brace):
                continue  # inside @media or another at-rule block
            start = max(css.rfind("}", 0, open_brace), css.rfind(";", 0, open_brace)) + 1
            prelude = css[start:open_brace].strip()
            if not prelude or prelude.startswith("@"):
                continue
            if match.group(1).lower() in ("none", "hidden"):
                hide += _plain_selectors(prelude)
            else:
                show += _plain_selectors(prelude)
    names = {name for selector in hide for name in _names(selector)}
    return hide, [selector for selector in show if names & _names(selector)]


class _Depth:
    """Brace depth at increasing positions of a stylesheet, counted once overall."""

    __slots__ = ("css", "depth", "position")

    def __init__(self, css: str) -> None:
        self.css = css
        self.position = 0
        self.depth = 0

    def at(self, position: int) -> int:
        css = self.css
        self.depth += css.count("{", self.position, position) - css.count(
            "}", self.position, position
        )
        self.position = position
        return self.depth


def _names(selector: str) -> set[str]:
    return {name or attribute for name, attribute in _SELECTOR_NAMES.findall(selector)}


def _plain_selectors(prelude: str) -> list[str]:
    return [
        selector
        for part in prelude.split(",")
        if (selector := part.strip()) and not _STATEFUL.search(selector)
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
    ancestor frees them). Ancestors found clear of hidden nodes are remembered, so a deep
    page is climbed about once; at most :data:`_MAX_HIDDEN` nodes are looked at."""
    nodes = nodes[:_MAX_HIDDEN]
    ids = {node.mem_id for node in nodes}
    clear: set[int] = set()  # ancestors with no hidden node above them
    kept: list[LexborNode] = []
    seen: set[int] = set()
    for node in nodes:
        if node.mem_id in seen or node.tag in ("html", "body", "head"):
            continue
        seen.add(node.mem_id)
        climbed: list[int] = []
        parent = node.parent
        inside = False
        while parent is not None and parent.mem_id not in clear:
            if parent.mem_id in ids:
                inside = True
                break
            climbed.append(parent.mem_id)
            parent = parent.parent
        if not inside:
            clear.update(climbed)
            kept.append(node)
    return kept
