"""The article body's container: the element that holds the article text.

Known CMS containers (:data:`noticecli.knowledge.BODY_CONTAINERS`) are tried first; an unknown
template falls back to the element holding the most paragraph text that is not link text (the
density search). Page furniture and widgets are told apart here by their class or id.
:mod:`noticecli.parse.body` turns the container into blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.chrome_words import FURNITURE_CLASS_WORDS, WIDGET_CLASS_WORDS
from noticecli.knowledge import BODY_CONTAINERS
from noticecli.labels import split_label_pairs
from noticecli.parse.article import PageQueries
from noticecli.parse.dom import (
    clean_text,
    compact,
    find_tags,
    first_tag,
    iter_visible,
    owning_table,
    visible_text,
)
from noticecli.parse.leaf_blocks import in_runs, leaf_divs, links_a_document
from noticecli.parse.lines import is_boilerplate

CONTAINER_SELECTORS = tuple(container.selector for container in BODY_CONTAINERS)
# Text carriers for the density search, found by Lexbor: paragraphs, line breaks, and
# blocks, cells and list items holding a sentence of their own (:lexbor-contains reads an
# element's own text).
_PARAGRAPH_CARRIERS = "p, br, pre"
_BLOCK_CARRIERS = (
    'div:lexbor-contains("。"), div:lexbor-contains("，"), td:lexbor-contains("。"), '
    'td:lexbor-contains("，"), li:lexbor-contains("。"), dd:lexbor-contains("。")'
)
# Sentences held only in inline children of a block (Word's ``<div class="MsoNormal"><span>``,
# a cell's ``<td><font>``): the inline element is found, its nearest block carries.
_INLINE_CARRIERS = (
    'span:lexbor-contains("。"), span:lexbor-contains("，"), '
    'font:lexbor-contains("。"), font:lexbor-contains("，")'
)
_INLINE_TAGS = frozenset(
    {"span", "font", "b", "strong", "em", "i", "u", "small", "big", "sup", "sub", "ins", "label"}
)
# The blocks an inline carrier may stand for; a paragraph (p, pre) is counted as one already.
_INLINE_HOLDERS = frozenset(
    {"div", "td", "th", "li", "dd", "dt", "section", "article", "blockquote", "center"}
)
_LINK_TAG = frozenset({"a"})
# Carriers that are a line of one link (a body that is only a link to its document).
_LINK_LINES = frozenset({"p"})
# A leaf <div> standing for a <p> counts so when its link leads to a document.
_DOCUMENT_LINES = frozenset({"p", "div"})
_IMAGE_TAG = frozenset({"img"})
_PUNCT = re.compile(r"[，。；、！？,;]")
# A carrier shorter than this is a label, a button or a caption.
_MIN_CARRIER_CHARS = 10
# Footer and widget lines are short; a longer carrier is not tested for them.
_BOILERPLATE_MAX = 160
# A widget (share, print, font size) holds at most this much text; more is an article area.
_WIDGET_MAX_CHARS = 200
_LINK_AND_CODE_TAGS = frozenset({"a", "script", "style", "noscript", "template"})
# Candidates whose link text is weighed, and the least final score of an article.
_FINALISTS = 3
_MIN_SCORE = 3.0
# A finalist of the paragraphs alone scoring this much leaves no doubt (several sentences).
_CLEAR_SCORE = 12.0
# A table's holder is the body when it scores this share of the table for text of its own.
_HOLDER_SHARE = 0.3
# A cell widens to its table when text spreads over this many rows and the cell holds less than
# this share of it.
_SPREAD_ROWS = 2
_CELL_SHARE = 0.6
# A bound that keeps a pathological page (hundreds of thousands of paragraphs) to seconds.
_MAX_SCORED = 5_000
_WIDGET_CLASS = re.compile("|".join(WIDGET_CLASS_WORDS), re.IGNORECASE)
# Page furniture that the density fallback must not mistake for an article.
_NOT_ARTICLE = re.compile("|".join(FURNITURE_CLASS_WORDS), re.IGNORECASE)
# The same lower-case ASCII words matched in a lower-cased ASCII marker: the same answer as
# IGNORECASE, several times cheaper (every element of the body is tested).
_WIDGET_WORDS = re.compile("|".join(WIDGET_CLASS_WORDS))
_FURNITURE_WORDS = re.compile("|".join(FURNITURE_CLASS_WORDS))


def find_container(tree: LexborHTMLParser, select: PageQueries | None = None) -> LexborNode | None:
    """The element that holds the article text, or ``None`` when nothing looks like one.

    ``select`` stands in for ``tree.css`` (a cache shared with the article test, made before
    hidden elements were removed); only the containers whose class or id word the page
    writes are asked for."""
    css = select if select is not None else PageQueries(tree)
    for selector in css.possible(CONTAINER_SELECTORS):
        nodes = css(selector)
        if len(nodes) == 1:
            # One candidate needs no score, only some content: stop at its first text.
            if _shows_anything(nodes[0]):
                return nodes[0]
            continue
        best: LexborNode | None = None
        best_score = 0
        for node in nodes:
            # An image-only article counts; a banner holding one Flash <embed> does not.
            score = len(clean_text(visible_text(node))) or (1 if _first_image(node) else 0)
            if score > best_score:
                best, best_score = node, score
        if best is not None:
            return best
    return _densest(tree)


def _shows_anything(node: LexborNode) -> bool:
    """Visible text or an image: what a positive container score needs."""
    for item in iter_visible(node):
        if item.tag == "-text" and clean_text(item.text_content or ""):
            return True
    return _first_image(node) is not None


def _first_image(node: LexborNode) -> LexborNode | None:
    return first_tag(node, _IMAGE_TAG, "img")


def _densest(tree: LexborHTMLParser) -> LexborNode | None:
    """The element that carries the article on a template no selector knows.

    Every text carrier (a paragraph, a leaf cell, a list item, a block holding a sentence of
    its own, the text before a ``<br>``) scores by its length outside links and its
    sentence punctuation; the score goes to its parent, half to its grandparent and a third
    to the element above. The best element, less its share of link text, wins; the
    furniture of a page (navigation, footers, share widgets, link lists) neither carries
    nor wins. A table row or section chosen this way widens to its table, and a table to
    the element that holds it with the paragraphs around it (a Word table that carries a
    decision keeps its introduction and closing line)."""
    root = tree.body
    if root is None:
        return None
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    fallback: dict[int, int] = {}  # link-only paragraphs, for a body that is only a link
    # Paragraphs and line breaks first (one cheap walk); blocks, cells and list items that
    # hold sentences of their own only when they left the article in doubt.
    # A finalist's share of article text (None: furniture), read once for both rounds.
    shares: dict[int, float | None] = {}
    _score_carriers(root.css(_PARAGRAPH_CARRIERS), scores, nodes, fallback)
    best, best_score = _best(scores, nodes, shares)
    if best is None or best_score < _CLEAR_SCORE:
        blocks = root.css(_BLOCK_CARRIERS)
        _score_carriers(blocks, scores, nodes, fallback)
        # A <p> written as a <div>: a leaf div's line (its text and its inline elements')
        # is a paragraph's; lines ended by <br> are carried by their <br>s.
        leaves = [
            leaf
            for leaf in leaf_divs(root, {node.mem_id for node in blocks})
            if not _breaks_lines(leaf)
        ]
        runs = in_runs(leaves)
        _score_carriers(
            runs, scores, nodes, fallback, text_of=_inline_text, link_lines=_DOCUMENT_LINES
        )
        in_run = {leaf.mem_id for leaf in runs}
        lone = [leaf for leaf in leaves if leaf.mem_id not in in_run]
        _score_carriers(lone, scores, nodes, fallback, text_of=_no_text, link_lines=_DOCUMENT_LINES)
        counted = {node.mem_id for node in blocks} | {node.mem_id for node in leaves}
        holders = _inline_holders(root.css(_INLINE_CARRIERS), counted)
        _score_carriers(holders, scores, nodes, fallback, text_of=_inline_text)
        best, best_score = _best(scores, nodes, shares)
    if best is not None and best_score >= _MIN_SCORE:
        return _widen(best, scores)
    if scores or not fallback:
        return None
    best_id = max(fallback, key=lambda node_id: fallback[node_id])
    return nodes[best_id]


def _score_carriers(
    carriers: list[LexborNode],
    scores: dict[int, float],
    nodes: dict[int, LexborNode],
    fallback: dict[int, int],
    text_of: Callable[[LexborNode], str] | None = None,
    link_lines: frozenset[str] = _LINK_LINES,
) -> None:
    """Add each carrier's score to its parent, half to its grandparent, a third above.
    ``text_of`` reads a carrier's text (by default :func:`_carrier_text`); a carrier of a
    tag in ``link_lines`` showing only a link counts for a body that is only a link."""
    furniture: dict[int, bool] = {}  # a parent's verdict, read once for its carriers
    for node in carriers[:_MAX_SCORED]:
        parent = node.parent
        if parent is None:
            continue
        verdict = furniture.get(parent.mem_id)
        if verdict is None:
            marker = _marker(parent)
            verdict = _is_furniture_marker(marker) or (_is_widget_marker(marker) and _small(parent))
            furniture[parent.mem_id] = verdict
        if verdict:
            continue
        text = text_of(node) if text_of is not None else _carrier_text(node)
        if not text:
            if node.tag in link_lines and _links_a_line(node):
                fallback[parent.mem_id] = fallback.get(parent.mem_id, 0) + len(node.text())
                nodes[parent.mem_id] = parent
            continue
        if len(text) < _MIN_CARRIER_CHARS or split_label_pairs(text):
            continue
        if len(text) <= _BOILERPLATE_MAX and is_boilerplate(text):
            continue
        score = 1 + len(_PUNCT.findall(text)) + min(len(text) / 100, 3)
        current: LexborNode | None = parent
        for share in (1.0, 0.5, 1 / 3):
            if current is None or current.tag in ("html", "-document"):
                break
            scores[current.mem_id] = scores.get(current.mem_id, 0.0) + score * share
            nodes[current.mem_id] = current
            current = current.parent


def _no_text(node: LexborNode) -> str:
    """A lone leaf ``<div>``'s text counts for nothing; its document link may."""
    return ""


def _links_a_line(node: LexborNode) -> bool:
    """A paragraph holding a link; a leaf ``<div>`` holding a link to a document."""
    if node.tag == "p":
        return first_tag(node, _LINK_TAG, "a") is not None
    return links_a_document(node)


def _best(
    scores: dict[int, float], nodes: dict[int, LexborNode], shares: dict[int, float | None]
) -> tuple[LexborNode | None, float]:
    """The best finalist, its score less its share of link text (``shares`` remembers each
    finalist's share of text outside links, ``None`` for furniture)."""
    ranked = sorted(scores, key=lambda node_id: scores[node_id], reverse=True)
    best: LexborNode | None = None
    best_score = 0.0
    for node_id in ranked[:_FINALISTS]:
        node = nodes[node_id]
        if node.tag == "body" and len(ranked) > 1:
            continue
        if node_id in shares:
            share = shares[node_id]
        else:
            furniture = _is_furniture_marker(_marker(node)) or is_widget(node)
            share = shares[node_id] = None if furniture else 1 - _link_density(node)
        if share is None:
            continue
        final = scores[node_id] * share
        if final > best_score:
            best, best_score = node, final
    return best, best_score


def _carrier_text(node: LexborNode) -> str:
    """What a carrier says outside links: a ``<br>``'s line, a paragraph's text."""
    if node.tag == "br":
        previous = node.prev
        if previous is not None and previous.tag == "-text":
            return clean_text(previous.text_content or "")
        if previous is not None and previous.tag in _INLINE_TAGS:
            return clean_text(_own_inline_text(previous))  # <span>a line</span><br>
        return ""
    if node.tag in ("div", "span", "font"):
        # A block counts for the sentences of its own, not those of its children.
        child = node.child
        parts = []
        while child is not None:
            if child.tag == "-text":
                parts.append(child.text_content or "")
            child = child.next
        return clean_text("".join(parts))
    text = clean_text(node.text())
    if not _has_element_child(node):
        return text  # the common paragraph: text alone, no link and no script inside
    inner = _links_and_code(node)
    if any(item.tag != "a" for item in inner):
        return _text_outside_links(node)  # a script's code is no text (document.write pagers)
    links = inner
    if not links:
        return text
    link_chars = sum(len(link.text().strip()) for link in links)
    # A menu entry or a link list: its text is link text, not article text.
    return "" if link_chars * 2 >= len(text) else text


def _inline_holders(inline: list[LexborNode], counted: set[int]) -> list[LexborNode]:
    """The nearest block of each inline carrier, once each, leaving out paragraphs and the
    blocks ``counted`` already (those with sentences of their own)."""
    holders: list[LexborNode] = []
    seen = set(counted)
    for node in inline[:_MAX_SCORED]:
        holder = node.parent
        while holder is not None and holder.tag in _INLINE_TAGS:
            holder = holder.parent
        if holder is None or holder.tag not in _INLINE_HOLDERS or holder.mem_id in seen:
            continue
        seen.add(holder.mem_id)
        if not _breaks_lines(holder):  # lines ended by <br> are carried by their <br>s
            holders.append(holder)
    return holders


def _inline_text(node: LexborNode) -> str:
    """A block's text outside its child blocks and links: its own text and that of its
    inline elements, however nested."""
    return clean_text(_own_inline_text(node))


def _breaks_lines(node: LexborNode) -> bool:
    """Whether a ``<br>`` ends a line of ``node``'s own inline text."""
    child = node.child
    while child is not None:
        if child.tag == "br" or (child.tag in _INLINE_TAGS and _breaks_lines(child)):
            return True
        child = child.next
    return False


def _own_inline_text(node: LexborNode) -> str:
    parts: list[str] = []
    child = node.child
    while child is not None:
        if child.tag == "-text":
            parts.append(child.text_content or "")
        elif child.tag in _INLINE_TAGS:
            parts.append(_own_inline_text(child))
        child = child.next
    return "".join(parts)


def _links_and_code(node: LexborNode) -> list[LexborNode]:
    """The links, scripts, styles and templates inside ``node``, in page order."""
    return find_tags(node, _LINK_AND_CODE_TAGS, "a, script, style, noscript, template")


def _has_element_child(node: LexborNode) -> bool:
    child = node.child
    while child is not None:
        if child.is_element_node:
            return True
        child = child.next
    return False


def _link_density(node: LexborNode) -> float:
    total = len(compact(node.text()))
    if not total:
        return 1.0
    links = sum(len(compact(link.text())) for link in node.css("a"))
    return min(links / total, 1.0)


def _widen(node: LexborNode, scores: dict[int, float]) -> LexborNode:
    """A row or a section of a table widens to the table; a table to its holder when the
    holder scores for text of its own (paragraphs beside the table)."""
    if node.tag in ("td", "th"):
        # One cell of a table whose text spreads over its rows (a Word table of a decision):
        # the table is the body. The cell of a layout table holds most of it and stays.
        table = owning_table(node)
        if table is not None:
            cells = [cell for cell in table.css("td, th") if cell.mem_id in scores]
            spread = sum(scores[cell.mem_id] for cell in cells)
            rows = {cell.parent.mem_id for cell in cells if cell.parent is not None}
            if len(rows) >= _SPREAD_ROWS and scores[node.mem_id] < _CELL_SHARE * spread:
                node = table
    while node.tag in ("tr", "tbody", "thead", "tfoot") and node.parent is not None:
        node = node.parent
    if node.tag == "table" and node.parent is not None:
        holder = node.parent
        holder_score = scores.get(holder.mem_id, 0.0)
        # The text the table carries: paragraphs inside its cells score the cells, not the
        # table, which then says nothing against a page-wide holder.
        carried = max(
            scores.get(node.mem_id, 0.0),
            sum(scores.get(cell.mem_id, 0.0) for cell in node.css("td, th")),
        )
        # A holder that says nothing of its own (the page's <body>) is no better than the table.
        if holder_score > 0 and holder_score >= _HOLDER_SHARE * carried:
            return holder
    return node


def _marker(node: LexborNode) -> str:
    return _marker_of(node.attributes)


def _marker_of(attrs: dict[str, str | None]) -> str:
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"


def _text_outside_links(node: LexborNode) -> str:
    parts = [
        item.text_content or ""
        for item in iter_visible(node, prune_tags=frozenset({"a"}))
        if item.tag == "-text"
    ]
    return clean_text("".join(parts))


def is_furniture(node: LexborNode) -> bool:
    """Navigation, a footer, a sidebar or a widget, by its class or id."""
    marker = _marker(node)
    return _is_furniture_marker(marker) or (_is_widget_marker(marker) and _small(node))


def is_widget(node: LexborNode, attrs: dict[str, str | None] | None = None) -> bool:
    """A share, print, font-size … widget: its class says so and it holds little text (a
    "printer" area that wraps the whole article is not one). ``attrs``: ``node``'s
    attributes when the caller read them already."""
    marker = _marker_of(node.attributes if attrs is None else attrs)
    return _is_widget_marker(marker) and _small(node)


def _small(node: LexborNode) -> bool:
    return len(node.text()) <= _WIDGET_MAX_CHARS


def _is_widget_marker(marker: str) -> bool:
    if marker == " ":
        return False
    if marker.isascii():
        return _WIDGET_WORDS.search(marker.lower()) is not None
    return _WIDGET_CLASS.search(marker) is not None


def _is_furniture_marker(marker: str) -> bool:
    if marker.isascii():
        return _FURNITURE_WORDS.search(marker.lower()) is not None
    return _NOT_ARTICLE.search(marker) is not None
