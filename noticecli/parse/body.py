"""The article body: find its container, then turn it into ordered blocks.

Known CMS containers (:data:`noticecli.knowledge.BODY_CONTAINERS`) are tried first; an unknown
template falls back to the element holding the most paragraph text that is not link text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.knowledge import (
    ANY_BODY_CONTAINER,
    BODY_CONTAINERS,
    FURNITURE_CLASS_WORDS,
    WIDGET_CLASS_WORDS,
)
from noticecli.labels import key_for, split_label_pairs, split_meta_pairs, split_value_labels
from noticecli.models import Block, TableCell
from noticecli.parse.article import possible_selectors
from noticecli.parse.dom import (
    BLOCK_TAGS,
    SKIP_TAGS,
    absolute_url,
    clean_text,
    find_tags,
    first_tag,
    iter_visible,
    visible_text,
)
from noticecli.parse.image_source import image_source
from noticecli.parse.leaf_blocks import in_runs, leaf_divs, links_a_document, states_a_value
from noticecli.parse.lines import (
    END_PUNCT,
    SIGNATURE_MAX,
    is_author_line,
    is_boilerplate,
    is_byline,
    is_credit_line,
    is_date_line,
    is_heading_like,
    is_org_line,
)
from noticecli.parse.title_block import names_title_block, numbered_section

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
# Bounds that keep a pathological page (hundreds of thousands of paragraphs) to seconds.
MAX_BODY_BLOCKS = 20_000
_MAX_SCORED = 5_000
_WIDGET_CLASS = re.compile("|".join(WIDGET_CLASS_WORDS), re.IGNORECASE)
# Page furniture that the density fallback must not mistake for an article.
_NOT_ARTICLE = re.compile("|".join(FURNITURE_CLASS_WORDS), re.IGNORECASE)
# The same lower-case ASCII words matched in a lower-cased ASCII marker: the same answer as
# IGNORECASE, several times cheaper (every element of the body is tested).
_WIDGET_WORDS = re.compile("|".join(WIDGET_CLASS_WORDS))
_FURNITURE_WORDS = re.compile("|".join(FURNITURE_CLASS_WORDS))


def find_container(
    tree: LexborHTMLParser,
    select: Callable[[str], list[LexborNode]] | None = None,
    *,
    narrow: bool = False,
) -> LexborNode | None:
    """The element that holds the article text, or ``None`` when nothing looks like one.

    ``select`` stands in for ``tree.css`` (a cache shared with the article test).
    ``narrow``: the tree is as ``select`` saw it (no element removed since its answers), so
    the containers' joint query tells which single selectors may find anything."""
    css = select or tree.css
    # One query first: a page of an unknown template has none of the containers.
    found = css(ANY_BODY_CONTAINER)
    if not found:
        selectors: Iterable[str] = ()
    elif narrow:
        selectors = possible_selectors(found, CONTAINER_SELECTORS)
    else:
        selectors = CONTAINER_SELECTORS
    for selector in selectors:
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
    total = len("".join(node.text().split()))
    if not total:
        return 1.0
    links = sum(len("".join(link.text().split())) for link in node.css("a"))
    return min(links / total, 1.0)


def _widen(node: LexborNode, scores: dict[int, float]) -> LexborNode:
    """A row or a section of a table widens to the table; a table to its holder when the
    holder scores for text of its own (paragraphs beside the table)."""
    if node.tag in ("td", "th"):
        # One cell of a table whose text spreads over its rows (a Word table of a decision):
        # the table is the body. The cell of a layout table holds most of it and stays.
        table = _owning_table(node)
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


def is_widget(node: LexborNode) -> bool:
    """A share, print, font-size … widget: its class says so and it holds little text (a
    "printer" area that wraps the whole article is not one)."""
    return _is_widget_marker(_marker(node)) and _small(node)


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


def extract_blocks(
    container: LexborNode,
    base_url: str | None,
    *,
    max_blocks: int = MAX_BODY_BLOCKS,
    skip: Iterable[LexborNode] = (),
) -> list[Block]:
    """The container's content as blocks in reading order, at most ``max_blocks`` of them
    (real notices have a few hundred; a page with more is cut, and the caller warns).
    Elements in ``skip`` (a header grid inside the body) are left out with their content."""
    builder = _BlockBuilder(base_url, max_blocks, frozenset(node.mem_id for node in skip))
    if container.tag == "table" and not _one_column(container, builder.skip):
        builder._table(container)  # a table of data chosen as the body stays a table
    else:
        builder.walk(container)
    builder.flush()
    # The builder's marks (bold, right-aligned, centred) travel in Block.level until here.
    markers = [block.level for block in builder.blocks]
    for block in builder.blocks:
        block.level = None
    blocks = _classify(builder.blocks, markers)
    return _merge_split_headings(blocks, builder.sources, markers)


# Keys of the credit lines that may close an article ((责任编辑：…), 来源：…).
_CREDIT_KEYS = frozenset({"editor", "author", "source"})
_CREDIT_BRACKETS = "（）()【】[]〔〕 "
# A reporters' credit before labelled credits: short, names after 记者/通讯员, no sentence.
_REPORTERS = re.compile(r"^[^。，；！？]{0,16}(?:记者|通讯员)\s*[^。，；！？:：]{2,20}$")


def trailing_credits(blocks: list[Block]) -> tuple[list[Block], list[tuple[str, str | None]]]:
    """The labelled credit lines that close a body (（责任编辑：系统管理员）, 来源：新华社):
    the blocks without them, and their (label, value) pairs for the meta line."""
    pairs: list[tuple[str, str | None]] = []
    end = len(blocks)
    while end:
        block = blocks[end - 1]
        if block.type not in ("paragraph", "byline", "signature") or not block.text:
            break
        found = split_meta_pairs(block.text.strip(_CREDIT_BRACKETS))
        if not found:
            # 中青报·中青网记者 魏其濛 来源：中国青年报: the reporters, then labelled credits.
            reporters, found = split_value_labels(block.text)
            if not (found and reporters and _REPORTERS.search(reporters)):
                break
            if any(key_for(label) not in _CREDIT_KEYS for label, _ in found):
                break
            block.type = "byline"
            pairs = found + pairs
            break  # the reporters' line stays, as a byline, and ends the credits
        if any(key_for(label) not in _CREDIT_KEYS for label, _ in found):
            break
        pairs = found + pairs
        end -= 1
    return blocks[:end], pairs


def _merge_split_headings(
    blocks: list[Block], sources: list[int], markers: list[int | None]
) -> list[Block]:
    """A bold title broken over lines by <br> inside one element is one heading."""
    merged: list[Block] = []
    merged_sources: list[int] = []
    merged_markers: list[int | None] = []
    for block, source, marker in zip(blocks, sources, markers, strict=True):
        if (
            merged
            and block.type == "heading"
            and merged[-1].type == "heading"
            and source >= 0
            and merged_sources[-1] == source
            and marker == merged_markers[-1] == -1
        ):
            merged[-1].text = f"{merged[-1].text}{block.text}"
            continue
        merged.append(block)
        merged_sources.append(source)
        merged_markers.append(marker)
    return merged


class _BlockBuilder:
    """Accumulates inline text into the current block; block elements, tables, images and
    ``<br>`` end it."""

    def __init__(
        self, base_url: str | None, max_blocks: int = 0, skip: frozenset[int] = frozenset()
    ) -> None:
        self.base_url = base_url
        self.max_blocks = max_blocks
        self.skip = skip
        self.blocks: list[Block] = []
        # The block element each text block came from: <br> splits one element into several.
        self.sources: list[int] = []
        self._element = 0
        self._parts: list[str] = []
        self._bold_chars = 0
        self._centered = False
        self._right = False
        self._titled = False  # the block element's class names a title
        self._own_div = False  # the block element is a div (holding one line unless <br>)

    def flush(self) -> None:
        # Most block ends close an element whose text was flushed already: nothing to read.
        text = clean_text("".join(self._parts)) if self._parts else ""
        if text and not is_boilerplate(text):
            block = Block("paragraph", text)
            if self._bold_chars >= len(text.replace(" ", "")) > 0:
                block.level = -1  # marks a wholly bold line; _classify decides on heading
            elif self._right:
                block.level = -2  # marks right-aligned text (signatures)
            elif self._centered:
                block.level = -3
            elif self._titled:
                block.level = -4  # its own element names a title (div.title4): a section title
            elif self._own_div and numbered_section(text) and not states_a_value(text):
                block.level = -4  # a numbered line in a div of its own (一、项目概况)
            self.blocks.append(block)
            self.sources.append(self._element)
        self._parts = []
        self._bold_chars = 0
        self._centered = False
        self._right = False
        self._titled = False
        self._own_div = False

    def walk(self, root: LexborNode) -> None:
        # Explicit stack of (node, leaving) pairs: deep nesting cannot overflow Python's stack.
        stack: list[tuple[LexborNode, bool]] = [(child, False) for child in _children(root)][::-1]
        bold_depth = 0
        skip = self.skip
        while stack:
            if self.max_blocks and len(self.blocks) >= self.max_blocks:
                return
            node, leaving = stack.pop()
            tag = node.tag or ""
            if leaving:
                if tag in ("strong", "b", "h1", "h2", "h3", "h4", "h5", "h6"):
                    bold_depth -= 1
                if tag in BLOCK_TAGS:
                    self.flush()
                continue
            if tag == "-text":
                text = node.text_content or ""
                self._parts.append(text)
                if bold_depth > 0:
                    self._bold_chars += len("".join(text.split()))  # \s is str.isspace
                continue
            if tag.startswith("-") or tag in _SKIP:
                continue
            if skip and node.mem_id in skip:
                continue
            attrs = node.attributes  # read once: the widget test and the alignment need it
            if _is_widget_marker(_marker_of(attrs)) and _small(node):
                continue
            if tag == "br":
                centered, right, titled = self._centered, self._right, self._titled
                self._own_div = False  # a div of several lines
                self.flush()
                # The element's alignment and class hold.
                self._centered, self._right, self._titled = centered, right, titled
                continue
            if tag == "img":
                self.flush()
                self._image(node)
                # Lines on either side of an image are not one heading broken by <br>.
                self._element = node.mem_id
                continue
            if tag == "table" and not _one_column(node, skip):
                self.flush()
                self._table(node)
                continue
            if tag in BLOCK_TAGS:
                self.flush()
                self._element = node.mem_id
                self._note_alignment(tag, attrs)
            if tag in ("strong", "b", "h1", "h2", "h3", "h4", "h5", "h6"):
                bold_depth += 1
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(_children(node)))

    def _note_alignment(self, tag: str, attrs: dict[str, str | None]) -> None:
        style = (attrs.get("style") or "").replace(" ", "").lower()
        align = (attrs.get("align") or "").lower()
        if tag == "center" or "text-align:center" in style or align == "center":
            self._centered = True
        if "text-align:right" in style or align == "right":
            self._right = True
        if tag != "p" and names_title_block(attrs):
            self._titled = True
        self._own_div = tag == "div"

    def _image(self, node: LexborNode) -> None:
        src = image_source(node.attributes)
        if not src:
            return
        alt = clean_text(node.attributes.get("alt") or "") or None
        self.blocks.append(Block("image", src=absolute_url(src, self.base_url), alt=alt))
        self.sources.append(-1)

    def _table(self, node: LexborNode) -> None:
        rows: list[list[TableCell]] = []
        for row in node.css("tr"):
            # Rows of nested tables belong to their own table; keep only this table's rows.
            owner = _owning_table(row)
            if owner is None or owner.mem_id != node.mem_id or row.mem_id in self.skip:
                continue  # (a skipped row was read already: a meta row, a header grid's)
            cells = []
            for cell in row.iter():
                if cell.tag not in ("td", "th"):
                    continue
                cells.append(
                    TableCell(
                        clean_text(visible_text(cell, separator="\n")),
                        header=cell.tag == "th",
                        colspan=_span(cell.attributes.get("colspan")),
                        rowspan=_span(cell.attributes.get("rowspan")),
                    )
                )
            if cells and any(cell.text for cell in cells):
                rows.append(cells)
        if not rows:
            return
        # A one-cell "table" is layout, not data: read it as text.
        if len(rows) == 1 and len(rows[0]) == 1:
            self.blocks.append(Block("paragraph", rows[0][0].text))
        else:
            self.blocks.append(Block("table", rows=rows))
        self.sources.append(-1)


# Inside an article, forms are widgets (search boxes, surveys), never text.
_SKIP = (SKIP_TAGS - {"head"}) | {"form"}


def _children(node: LexborNode) -> list[LexborNode]:
    children = []
    child = node.child
    while child is not None:
        children.append(child)
        child = child.next
    return children


def _one_column(table: LexborNode, skip: frozenset[int] = frozenset()) -> bool:
    """A layout table: two or more rows of text, none with text in more than one cell (the
    paragraphs of a page laid out in rows). Its rows are read as text, not as a table."""
    rows_with_text = 0
    for row in table.css("tr"):
        owner = _owning_table(row)
        if owner is None or owner.mem_id != table.mem_id or row.mem_id in skip:
            continue  # another table's row, or one read already (a meta row)
        cells_with_text = sum(
            1 for cell in row.iter() if cell.tag in ("td", "th") and cell.text(deep=True).strip()
        )
        if cells_with_text > 1:
            return False
        rows_with_text += cells_with_text
    return rows_with_text >= 2


def _owning_table(row: LexborNode) -> LexborNode | None:
    parent = row.parent
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _classify(blocks: list[Block], markers: list[int | None]) -> list[Block]:
    """Name each text block: heading, byline, date, signature or paragraph, with the
    builder's ``markers`` (one per block)."""
    for index, block in enumerate(blocks):
        text = block.text
        if text is None or block.type != "paragraph":
            continue
        after_image = index > 0 and blocks[index - 1].type == "image"
        previous = blocks[index - 1].type if index > 0 else None
        if (
            is_byline(text)
            or (previous == "heading" and is_author_line(text))
            or is_credit_line(text)
        ):
            block.type = "byline"
        elif is_date_line(text):
            block.type = "date"
        elif (
            markers[index] == -4 or (markers[index] in (-1, -3) and not after_image)
        ) and is_heading_like(text):  # a line right under an image is its caption
            block.type = "heading"
    _mark_signatures(blocks, markers)
    return blocks


def _signature_like(text: str, marker: int | None) -> bool:
    if marker == -2:  # right-aligned: the shape is enough
        return len(text) <= SIGNATURE_MAX and text[-1] not in END_PUNCT
    return is_org_line(text)


# Right-aligned lines after the closing date, at most this many, may sign the notice.
_SIGNATURE_LINES_AFTER_DATE = 2


def _signatures_after_date(
    blocks: list[Block], markers: list[int | None], text_indexes: list[int]
) -> None:
    """Right-aligned signature lines that close the body after its date line (2021年06月23日
    / 招标人或其招标代理机构：（签章）): the date printed above the signature."""
    closing = text_indexes[-_SIGNATURE_LINES_AFTER_DATE - 1 :]
    dates = [index for index in closing if blocks[index].type == "date"]
    if not dates:
        return
    after = [index for index in closing if index > dates[-1]]
    if after and all(
        blocks[index].type == "paragraph"
        and markers[index] == -2
        and _signature_like(blocks[index].text or "", -2)
        for index in after
    ):
        for index in after:
            blocks[index].type = "signature"


def _mark_signatures(blocks: list[Block], markers: list[int | None]) -> None:
    """Signature lines stand right before a closing date line, or close the body alone."""
    text_indexes = [i for i, block in enumerate(blocks) if block.text is not None]
    for position, index in enumerate(text_indexes):
        if blocks[index].type != "date":
            continue
        for earlier in reversed(text_indexes[max(0, position - 4) : position]):
            block = blocks[earlier]
            if block.type not in ("paragraph", "heading") or not _signature_like(
                block.text or "", markers[earlier]
            ):
                break
            block.type = "signature"
    _signatures_after_date(blocks, markers, text_indexes)
    if text_indexes:
        last = text_indexes[-1]
        block = blocks[last]
        if block.type == "paragraph" and is_org_line(block.text or ""):
            block.type = "signature"
