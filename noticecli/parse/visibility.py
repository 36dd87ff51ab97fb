"""What a reader of the page never sees, removed before any field is read.

An element is hidden when its inline style says ``display:none`` or ``visibility:hidden``,
when it carries the ``hidden`` attribute or ``aria-hidden="true"``, when a JS framework
cloaks it (AngularJS ``ng-hide``/``ng-cloak``, Vue ``v-cloak`` …, the selectors of
:data:`noticecli.knowledge.HIDDEN_SELECTORS`), or when a top-level rule of the page's own
``<style>`` hides it and no rule of the page shows it again. Stylesheets the page links to
are not read: a class is hidden only when the page says so itself.

Two exceptions keep pages readable, both for an element a script shows once the page loads:

* a hidden element that holds most of the page's text (a cloaked app root, an anti-flicker
  wrapper) stays;
* a hidden element holding article text (sentences) stays, shown, when the rest of the page
  has essentially no article content of its own and no visible copy of it (a WeChat-style
  article whose only copy of the text sits in ``#js_content`` with ``visibility:hidden``
  beside long scripts): :func:`remove_hidden` says so, and the parser warns
  ``body_from_hidden``. Visible content of any kind is a body: sentences, several lines of
  text, a table with cells of text, a list of text items, a content image (links, headings,
  form controls, date lines, page furniture, icons and QR codes are not content). A hidden
  pop-up (a dialog, a notice layer: :data:`~noticecli.knowledge.HIDDEN_POPUP_WORDS`) or site
  statement (copyright, reprint terms, disclaimers:
  :data:`~noticecli.knowledge.HIDDEN_STATEMENT_WORDS`) never counts as the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from noticecli.knowledge import HIDDEN_POPUP_WORDS, HIDDEN_SELECTORS, HIDDEN_STATEMENT_WORDS
from noticecli.knowledge_listings import NAV_CLASS_WORDS
from noticecli.parse.css_scan import matches_from, without_comments
from noticecli.parse.dom import is_inside

# An inline style that hides.
_HIDES = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Candidates for an inline hiding style (display:none, display: none …): Lexbor finds them;
# the regex confirms (and reads rarer spellings in the elements it is handed).
_STYLE_CANDIDATES = ", ".join(
    f'[style*="{prop}{gap}{value}" i]'
    for prop, value in (("display:", "none"), ("visibility:", "hidden"))
    for gap in ("", " ")
)
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


# A hidden element is article text with this many characters on lines holding a sentence
# mark; the rest of the page has a body of its own with this many (about one sentence).
_ARTICLE_PROSE = 100
_VISIBLE_PROSE = 40
_PROSE_LINE = 20
_SENTENCE_MARKS = ("。", "；", "！", "？")
# The opening of the hidden text looked for in the visible text (a visible copy).
_COPY_PROBE = 24


def remove_hidden(tree: LexborHTMLParser, markup: str | None = None) -> bool:
    """Remove the hidden elements of ``tree`` (see the module docstring for the two kept).
    Returns whether a hidden element of article text was kept and shown: the page has no
    visible body.

    ``markup``, the page's source, lets the search skip the selectors of attributes and
    classes the page never writes (each selector costs a test on every element)."""
    root = tree.body
    if root is None:
        return False
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
        return False
    total = -1  # the page's text length, read only for a large hidden element
    article: tuple[int, LexborNode] | None = None  # the hidden element with most sentences
    for node in outermost:
        length = len(node.text(deep=True))
        if length > _MAJORITY_MIN_CHARS:
            if total < 0:
                total = len(root.text(deep=True))
            if length > total * _MAJORITY:
                continue
        if length >= _ARTICLE_PROSE and not _is_popup(node):
            text = node.text(separator="\n")
            prose = _prose_chars(text)
            if (
                prose >= _ARTICLE_PROSE
                and (article is None or prose > article[0])
                and not _is_statement(text)
            ):
                if article is not None:
                    article[1].decompose()
                article = (prose, node)
                continue
        node.decompose()
    if article is None:
        return False
    node = article[1]
    if _has_visible_body(root, node):
        node.decompose()
        return False
    _show(node, found)
    return True


_POPUP_TOKEN = re.compile(
    r"(?:^|[-_])(?:" + "|".join(HIDDEN_POPUP_WORDS) + r")(?:[-_\d]|$)", re.IGNORECASE
)


def _is_popup(node: LexborNode) -> bool:
    """A dialog, notice layer or tooltip by its class or id words: never the article."""
    attrs = node.attributes
    return any(
        _POPUP_TOKEN.search(token)
        for name in ("class", "id")
        for token in (attrs.get(name) or "").split()
    )


def _prose_chars(text: str) -> int:
    """Characters on the lines of ``text`` that hold a sentence mark and are not short."""
    total = 0
    for line in text.split("\n"):
        line = line.strip()
        if _is_prose_line(line):
            total += len(line)
    return total


def _is_statement(text: str) -> bool:
    """A site statement (copyright, disclaimer, reprint terms): most of its sentence lines
    hold a statement word."""
    lines = [line for line in text.split("\n") if _is_prose_line(line.strip())]
    hits = sum(1 for line in lines if any(word in line.lower() for word in HIDDEN_STATEMENT_WORDS))
    return hits * 2 >= len(lines) > 0


def _is_prose_line(line: str) -> bool:
    return len(line) >= _PROSE_LINE and any(mark in line for mark in _SENTENCE_MARKS)


# Elements whose text is no article content of the page: links (menus, lists of other pages),
# headings (the title), form controls, page furniture.
_NOT_CONTENT = frozenset(
    {
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "button",
        "select",
        "option",
        "textarea",
        "label",
        "nav",
        "header",
        "footer",
        "aside",
    }
)
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head"})
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "br",
        "li",
        "tr",
        "td",
        "th",
        "table",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "center",
    }
)
# A visible body: content lines of this many characters, this many of them (several short
# lines: 公示期 …, 联系电话 …), or table cells of text, list items of text, a content image.
_CONTENT_LINE = 10
_CONTENT_LINES = 3
_TABLE_CELLS = 4
_LIST_ITEMS = 2
# Class, id and file words of images that are page furniture, not content.
_FURNITURE_IMAGE = re.compile(
    r"(?:^|[-_./])(?:qr|qrcode|code|erweima|ewm|avatar|logo|icon|ico|banner|ad|head|profile|"
    r"share|btn|button|arrow|bg|spacer|blank|pixel)(?:[-_.\d]|$)",
    re.IGNORECASE,
)
_SMALL_IMAGE = 60  # pixels: an icon
_DATE_LINE = re.compile(r"[\d\s:：/.\-年月日号时分秒]+")


def _has_visible_body(root: LexborNode, hidden: LexborNode) -> bool:
    """Whether the page outside ``hidden`` shows article content of its own, of any kind:
    sentences, several lines of text, a table with cells of text, a list of text items, a
    content image (links, headings, form controls and page furniture left out), or a copy of
    the hidden text. Only asked for a page with a hidden element of article text."""
    hidden_id = hidden.mem_id
    parts: list[str] = []  # text of the content, a line break between block elements
    linked: list[str] = []  # all visible text (links too): for the copy probe
    cells = items = images = 0
    stack: list[tuple[LexborNode, bool]] = [(node, True) for node in _children_reversed(root)]
    while stack:  # document order; scripts and the hidden element left out
        node, content = stack.pop()
        tag = node.tag
        if tag == "-text":
            text = node.text(deep=False)
            linked.append(text)
            if content:
                parts.append(text)
            continue
        if tag is None or tag.startswith(("-", "_")) or tag in _SKIPPED:
            continue
        if node.mem_id == hidden_id:
            continue
        inner = content and tag not in _NOT_CONTENT and not _is_furniture(node)
        if tag in _BLOCKS:
            parts.append("\n")
        if inner:
            if tag in ("td", "th") and _own_text(node):
                cells += 1
            elif tag == "li" and _own_text(node):
                items += 1
            elif tag == "img" and _is_content_image(node):
                images += 1
        stack += [(child, inner) for child in _children_reversed(node)]
    visible = "".join(parts)
    if _prose_chars(visible) >= _VISIBLE_PROSE:
        return True
    if cells >= _TABLE_CELLS or items >= _LIST_ITEMS or images:
        return True
    lines = [
        line
        for raw in visible.split("\n")
        if len(line := " ".join(raw.split())) >= _CONTENT_LINE and not _DATE_LINE.fullmatch(line)
    ]
    if len(lines) >= _CONTENT_LINES:
        return True
    shown = "".join("".join(linked).split())
    for line in hidden.text(separator="\n").split("\n"):
        line = "".join(line.split())
        if len(line) >= _COPY_PROBE:
            return line[:_COPY_PROBE] in shown
    return False


def _own_text(node: LexborNode) -> bool:
    """Text in ``node`` outside its links, other than dates (a related list's dated links
    are links still)."""
    return any(
        (text := (child.text(deep=False) or "").strip()) and not _DATE_LINE.fullmatch(text)
        for child in node.traverse(include_text=True)
        if child.tag == "-text" and not _in_link(child, node)
    )


def _in_link(node: LexborNode, top: LexborNode) -> bool:
    parent = node.parent
    top_id = top.mem_id
    while parent is not None and parent.mem_id != top_id:
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def _is_content_image(node: LexborNode) -> bool:
    """An image of the article: a source, not a link's, not an icon, logo or QR code."""
    attrs = node.attributes
    src = (attrs.get("src") or "").strip()
    if not src or src.startswith("data:") or _in_link(node, _root_of(node)):
        return False
    for name in ("width", "height"):
        value = (attrs.get(name) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < _SMALL_IMAGE:
            return False
    words = " ".join([src.rsplit("/", 1)[-1], attrs.get("class") or "", attrs.get("id") or ""])
    return not any(_FURNITURE_IMAGE.search(word) for word in words.split())


def _root_of(node: LexborNode) -> LexborNode:
    while node.parent is not None:
        node = node.parent
    return node


def _is_furniture(node: LexborNode) -> bool:
    """Navigation, a header, a footer, a sidebar, a pop-up by its class or id words."""
    attrs = node.attributes
    return any(
        _FURNITURE_TOKEN.search(token) or _POPUP_TOKEN.search(token)
        for name in ("class", "id")
        for token in (attrs.get(name) or "").split()
    )


_FURNITURE_TOKEN = re.compile(
    r"(?:^|[-_])(?:" + "|".join(NAV_CLASS_WORDS) + r")(?:[-_\d]|$)", re.IGNORECASE
)


def _children_reversed(node: LexborNode) -> list[LexborNode]:
    children: list[LexborNode] = []
    child = node.last_child
    while child is not None:
        children.append(child)
        child = child.prev
    return children


def _show(node: LexborNode, found: list[LexborNode]) -> None:
    """Show ``node`` as the page's script would: its hiding style and attributes go, the
    hidden elements inside it are removed."""
    attrs = node.attrs
    style = attrs.get("style")
    if style:
        attrs["style"] = _HIDES.sub("", style)
    for name in ("hidden", "aria-hidden", "ng-cloak", "v-cloak", "x-cloak"):
        if name in attrs:
            del attrs[name]
    classes = (attrs.get("class") or "").split()
    if "ng-hide" in classes or "ng-cloak" in classes:
        attrs["class"] = " ".join(c for c in classes if c not in ("ng-hide", "ng-cloak"))
    node_id = node.mem_id
    for inner in _outermost([n for n in found if n.mem_id != node_id and is_inside(n, node_id)]):
        inner.decompose()


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
        css = without_comments(css)
        depth = _Depth(css)
        last_rule = -1
        # Two literal patterns are many times faster than one alternation over large CSS.
        matches = sorted(
            [
                *matches_from(css, _DISPLAY, "display"),
                *matches_from(css, _VISIBILITY, "visibility"),
            ],
            key=lambda m: m.start(),
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
