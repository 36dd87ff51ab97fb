"""The labelled fields of an HTML page: the header grid, the meta line under the title, TRS
``<meta>`` tags and Hanweb ``<!--<$[label]>begin-->`` markers.

One mechanism covers every grid shape (``td``/``th`` cells, ``p > strong``, ``ul > li`` with
``<font>`` values, ``dl/dt/dd``, ``span`` pairs): find the nodes whose whole text is a label,
then read the value from the nodes that follow them up to the next label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.dates import parse_date
from noticecli.fields import names_put_up
from noticecli.knowledge import HANWEB_MARKER_SKIP, META_TAG_KEYS
from noticecli.labels import (
    WIDGET_LABELS,
    compact_label,
    cut_trailing_widget,
    display_label,
    key_for,
    label_initials,
    split_meta_pairs,
    split_value_labels,
    vocabulary,
)
from noticecli.models import FieldOrigin, HeaderField
from noticecli.parse.dom import (
    MARKUP_TAG,
    SKIP_TAGS,
    ancestors,
    clean_text,
    is_hidden,
    iter_visible,
    visible_text,
)
from noticecli.parse.head_rows import heads_data_columns
from noticecli.parse.head_tags import HeadTags, meta_text
from noticecli.parse.header_tokens import (
    column_pairs,
    header_pairs,
    may_open_row,
    read_header_row,
)
from noticecli.parse.linked_labels import value_is_link

_HANWEB_MARKER = re.compile(r"<!--<\$\[([^\]<>]{1,12})\]>begin-->(.*?)<!--<\$\[\1\]>end-->", re.S)
# Compiled on first use (CJK ranges are slow to compile); only text ending in a colon can match.
_UNKNOWN_LABEL = r"^[\u4e00-\u9fff][\u4e00-\u9fff\s\u3000]{1,9}[:：]$"
_MAX_LABEL_CHARS = 16
# A grid holds this many labels within a few levels; fewer, and they are a meta line.
_GRID_MIN_LABELS = 4
_GRID_KEYS = frozenset({"index_no", "doc_no", "written_date", "category", "subject"})
# Keys of the line under a title (发布时间：… 来源：… 责任编辑：…) and of trailing credits.
_META_LINE_KEYS = frozenset({"published_at", "source", "editor", "author", "views", "column"})
_NOT_HEADER = frozenset({"a"})
_CREDIT_BRACKETS = "【】[]（）() \u3000"
# Cells of unknown colon labels that make a table a grid of them.
_GRID_CELLS = 2
# Brackets a credit may be set in, opening → closing.
_CLOSERS = {"（": "）", "(": ")", "【": "】", "[": "]"}
# A label by its shape (2 to 8 CJK characters, then a colon) opening a text.
_OPENING_SHAPE_LABEL = re.compile(r"([\u4e00-\u9fff]{2,8})[ \t\u3000\xa0]*[:：]")
# Bracketed groups of a few words without a colon at the start of a text: widget buttons.
_WIDGET_GROUPS = re.compile(r"^(?:\s*[【\[][^:：【】\[\]]{1,8}[】\]])+\s*")


# What separates one pair from the next in a text node that opens with it (丨 发布机构：).
_PAIR_SEPARATORS = "|｜丨·•/／ \t\u3000\xa0"


# What compact_label() removes before a label's first character: edge brackets, colons,
# zero-width characters and the spaces pages pad labels with.
_LABEL_LEAD = "【】[]〔〕()（）<>《》:：\u200b\ufeff \t\r\n\u3000\xa0\u2002\u2003"


class _LabelNode(NamedTuple):
    node: LexborNode
    label: str
    key: str | None


# The label-like texts of pages repeat from page to page (发布时间：, 来源：).
@lru_cache(maxsize=4096)
def _label_of(text: str) -> tuple[str, str | None] | None:
    """(label as shown, key) when ``text`` is a label alone, optionally with a colon."""
    stripped = text.strip()
    if not stripped or len(stripped) > _MAX_LABEL_CHARS:
        return None
    # Most short texts (menu items, numbers) cannot start a known label and do not end with
    # a colon: settle them before the regex in compact_label().
    head = stripped.lstrip(_LABEL_LEAD)
    if stripped[-1] not in ":：" and (not head or head[0] not in label_initials()):
        return None
    compact = compact_label(stripped)
    if compact in WIDGET_LABELS:
        return None
    key = vocabulary().get(compact)
    if key is not None:
        return display_label(stripped), key
    if stripped[-1] in ":：" and _unknown_label().match(stripped):
        return display_label(stripped), None
    return None


def _is_label_text(text: str) -> bool:
    """Whether a cell's text is a label (a vocabulary label, or a colon label)."""
    return bool(text) and _label_of(text) is not None


@cache
def _label_starts() -> frozenset[str]:
    """The characters a label's text may start with: a label's first character, or what
    compact_label() removes before it."""
    return label_initials() | frozenset(_LABEL_LEAD)


@cache
def _unknown_label() -> re.Pattern[str]:
    return re.compile(_UNKNOWN_LABEL)


def _spans_its_row(cell: LexborNode) -> bool:
    """A merged cell (``colspan`` of two or more) that is its row's only cell."""
    span = (cell.attributes.get("colspan") or "").strip()
    if not span.isdigit() or int(span) < 2 or cell.parent is None:
        return False
    return sum(1 for child in cell.parent.iter() if child.tag in ("td", "th")) == 1


def _unbracketed_credit(label: str, value: str | None) -> tuple[str, str | None]:
    """A credit set in brackets across elements (``<span>（责任编辑：</span><span>王敏）</span>``):
    the label without its opening bracket, the value without the closing one."""
    closer = _CLOSERS.get(label[:1])
    if closer is None:
        return label, value
    if value is not None and value.endswith(closer):
        value = value[: -len(closer)].rstrip() or None
    return label[1:].lstrip(), value


def _row_cells(row: LexborNode | None) -> int:
    return sum(1 for child in row.iter() if child.tag in ("td", "th")) if row is not None else 0


def _over_merged_value(cell: LexborNode) -> bool:
    """A label cell alone in its row over a row of one cell (内容概述： over its text): that
    row is its value, not a caption's rows."""
    row = cell.parent
    if row is None or row.tag != "tr" or _row_cells(row) != 1:
        return False
    below = row.next
    while below is not None and below.tag != "tr":
        below = below.next
    return _row_cells(below) == 1


def _heads_a_column(cell: LexborNode) -> bool:
    """A ``<th>`` in a row of ``<th>`` cells over a row of as many value cells: a column's
    head, whose value is the cell under it, never the head beside it."""
    row = cell.parent
    if row is None or row.tag != "tr":
        return False
    heads = [child.tag for child in row.iter() if child.tag in ("td", "th")]
    if len(heads) < 2 or any(tag != "th" for tag in heads):
        return False
    below = row.next
    while below is not None and below.tag != "tr":
        below = below.next
    if below is None:
        return False
    cells = [child.tag for child in below.iter() if child.tag in ("td", "th")]
    return len(cells) == len(heads) and "td" in cells


def _climb(node: LexborNode, compact: str, stop: frozenset[int]) -> LexborNode:
    """The outermost element whose whole text is still just the label (``td > b`` → ``td``)."""
    current = node
    for parent in ancestors(node):
        if parent.mem_id in stop or parent.tag in ("body", "html", "a"):
            break
        if current.tag in ("td", "th") and not _over_merged_value(current):
            break  # a cell bounds its field: a caption alone in a row takes no next row
        if not _text_is_only(parent, compact):
            break
        current = parent
    return current


# Characters compact_label() may drop (whitespace, colons, zero-width, edge brackets): text
# of any other character counts toward a label's length.
_MAY_DROP = str.maketrans(
    dict.fromkeys(
        "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
        "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000:：\u200b\ufeff"
        + "【】[]〔〕()（）<>《》"
    )
)


def _text_is_only(element: LexborNode, compact: str) -> bool:
    """Is ``compact_label(visible_text(element)) == compact``? The visible text is read
    piece by piece and given up on as soon as it holds more characters that compact_label()
    keeps than the label has: a row's value usually settles it after one piece."""
    parts: list[str] = []
    kept = 0
    for item in iter_visible(element):
        if item.tag != "-text":
            if item.tag == "br":
                parts.append("\n")
            continue
        piece = item.text_content or ""
        kept += len(piece.translate(_MAY_DROP))
        if kept > len(compact):
            return False
        parts.append(piece)
    return compact_label("".join(parts)) == compact


def extract_grid_fields(
    root: LexborNode, *, exclude: LexborNode | Sequence[LexborNode | None] | None = None
) -> list[HeaderField]:
    """Labelled fields under ``root`` in page order, leaving out the subtree(s) ``exclude``."""
    label_nodes: list[_LabelNode] = []
    inline: list[tuple[LexborNode, list[tuple[str, str | None]]]] = []
    order: dict[int, int] = {}
    if exclude is None or isinstance(exclude, LexborNode):
        exclude = (exclude,)
    excluded = frozenset(node.mem_id for node in exclude if node is not None)
    # Lexbor walks the tree; only text that could be a label is looked at further, and only
    # then is it checked to be outside links, scripts, hidden parts and the body. (Reading a
    # property of every node from Python is what costs: this is the page's hottest loop.)
    starts = _label_starts()
    readable: dict[int, bool] = {}
    # Whitespace-only text nodes are skipped in C; text_content is None on elements.
    for position, node in enumerate(root.traverse(include_text=True, skip_empty=True)):
        text = node.text_content
        if not text:
            continue
        stripped = text.strip()
        # The tests of _label_of and split_label_pairs, inlined for the common case: text
        # that neither starts like a label nor ends with a colon is not one.
        if stripped and stripped[0] in _PAIR_SEPARATORS:
            # 丨 发布机构： between two <span> values: the separator before the next label.
            text = stripped = stripped.lstrip(_PAIR_SEPARATORS)
        if not stripped or (stripped[0] not in starts and stripped[-1] not in ":："):
            continue
        # A label is short; every pair of _inline_pairs has a colon after its label.
        found = _label_of(text) if len(stripped) <= _MAX_LABEL_CHARS else None
        has_colon = "：" in stripped or ":" in stripped
        pairs = _inline_pairs(stripped) if found is None and has_colon else []
        if found is None and not pairs:
            # 索引号 <code> 发布机构 <unit>, 索引号丨<code>丨…, [索引号]<code>: the one
            # reader of a header row shown as a line of text, whatever its separators.
            pairs = _row_pairs(stripped) or _column_pairs(node, stripped)
        if (found is None and not pairs) or not _readable_outside(node, excluded, readable):
            continue
        order[node.mem_id] = position
        if found is not None:
            label, key = found
            climbed = _climb(node, compact_label(text), excluded)
            if climbed.tag == "th" and _heads_a_column(climbed):
                continue  # 名称 地址 发布日期 over rows of values: a data table's head
            if climbed.tag == "td" and heads_data_columns(climbed, _is_label_text):
                continue  # the same head row in <td> cells
            if (
                climbed.tag in ("td", "th")
                and _spans_its_row(climbed)
                and not (key is not None and _over_merged_value(climbed))
            ):
                continue  # 公告信息： in a merged cell over the rows: a caption
            order[climbed.mem_id] = position
            label_nodes.append(_LabelNode(climbed, label, key))
        else:
            inline.append((node, pairs))

    # Each label's ancestors (their mem_ids, nearest first), read from the tree once: the
    # grouping below climbs them several times.
    chains = {
        node.mem_id: [parent.mem_id for parent in ancestors(node)]
        for node in [item.node for item in label_nodes] + [node for node, _ in inline]
    }
    label_nodes = _drop_lonely_unknown(label_nodes, chains)
    # 通知公告：<a>关于…</a> in a top bar: a label of the page's own captioning a link.
    found_ids = {item.node.mem_id for item in label_nodes}
    label_nodes = [
        item
        for item in label_nodes
        if item.key is not None or not value_is_link(item.node, found_ids)
    ]
    label_ids = {item.node.mem_id for item in label_nodes}
    holds_label: dict[int, int] = {}
    located: list[tuple[int, list[str | None]]] = [
        (item.node.mem_id, [item.key]) for item in label_nodes
    ] + [(node.mem_id, [_group_key(label) for label, _ in pairs]) for node, pairs in inline]
    for node_id, keys in located:
        for parent_id in chains[node_id]:
            holds_label[parent_id] = holds_label.get(parent_id, 0) + len(keys)
    group_keys: dict[int, set[str | None]] = {}
    for node_id, keys in located:
        group_keys.setdefault(_group_of(node_id, chains, holds_label), set()).update(keys)

    positioned: list[tuple[int, HeaderField]] = []
    for item in label_nodes:
        node_id = item.node.mem_id
        value, more = split_value_labels(_value_after(item.node, label_ids, holds_label))
        label, value = _unbracketed_credit(item.label, value)
        origin = _origin(node_id, chains, holds_label, group_keys, item.key)
        position = order.get(node_id, 0)
        positioned.append((position, HeaderField(item.key, label, value, origin)))
        for label, extra in more:
            positioned.append((position, HeaderField(key_for(label), label, extra, origin)))
    for node, pairs in inline:
        node_id = node.mem_id
        origin = _origin(node_id, chains, holds_label, group_keys, key_for(pairs[0][0]))
        if pairs[-1][1] is None:
            # 浏览：<span>33</span>: the last label's value follows the text node.
            value, more = split_value_labels(_value_after(node, label_ids, holds_label))
            pairs = [*pairs[:-1], (pairs[-1][0], value), *more]
        for label, value in pairs:
            positioned.append(
                (order.get(node_id, 0), HeaderField(key_for(label), label, value, origin))
            )
    positioned.sort(key=lambda pair: pair[0])
    return [field for _, field in positioned]


def _row_pairs(text: str) -> list[tuple[str, str | None]]:
    """The pairs of a header row in one text node (see :mod:`.header_tokens`), or none."""
    if not may_open_row(text) or read_header_row(text) is None:
        return []
    return [(pair.label, pair.value) for pair in header_pairs(text)]


def _column_pairs(node: LexborNode, text: str) -> list[tuple[str, str | None]]:
    """A row of labels in one element over their values in the next (a column table shown
    as two lines of text), read as pairs; none otherwise."""
    element = node.parent
    if not may_open_row(text) or element is None:
        return []
    below = element.next
    while below is not None and below.tag == "-text" and not (below.text_content or "").strip():
        below = below.next
    if below is None:
        return []
    pairs = column_pairs(text, visible_text(below).strip())
    return [(label, value) for label, value in pairs or []]


def _inline_pairs(text: str) -> list[tuple[str, str | None]]:
    """The ``label：value`` pairs of one text node: a meta line (发布时间：… 来源：…), one in
    brackets (【责任编辑:王頔】), or the labels after a date shown without one
    (``2024年05月10日06:58 | 来源：``; the date itself is read by :mod:`.dateline`)."""
    pairs = split_meta_pairs(text)
    if pairs:
        return pairs
    if text[0] in _CREDIT_BRACKETS:
        pairs = split_meta_pairs(text.strip(_CREDIT_BRACKETS))
        if pairs:
            return pairs
        # Widget groups before a credit (【我要纠错】【打印】 责任编辑：…): buttons, not values.
        rest = _WIDGET_GROUPS.sub("", text).strip(_CREDIT_BRACKETS)
        return split_meta_pairs(rest) if rest and rest != text else []
    if text[0].isdigit():
        head, more = split_value_labels(text)
        if more and head is not None and parse_date(head.strip(" |｜")) is not None:
            return more
        return []
    # A meta line opening with a label of the page's own (发布人：管理员  浏览次数：88): read by
    # shape when a publication-line label the vocabulary knows follows it.
    opening = _OPENING_SHAPE_LABEL.match(text)
    if opening is not None:
        head, more = split_value_labels(text[opening.end() :])
        if any(_group_key(label) in _META_LINE_KEYS for label, _ in more):
            return [(opening.group(1), head), *more]
    return []


def _readable_outside(node: LexborNode, excluded: frozenset[int], known: dict[int, bool]) -> bool:
    """Text a reader sees outside the body: not in a link, a script or style, a hidden
    element, or an excluded subtree.

    ``known`` remembers the answer for every element walked (it holds for the element's
    own text too), so labels sharing a grid settle their common ancestors once."""
    walked: list[int] = []
    answer = True
    for parent in ancestors(node):
        parent_id = parent.mem_id
        cached = known.get(parent_id)
        if cached is not None:
            answer = cached
            break
        walked.append(parent_id)
        tag = parent.tag or ""
        if tag in _NOT_HEADER or tag in SKIP_TAGS or parent_id in excluded or is_hidden(parent):
            answer = False
            break
    for parent_id in walked:
        known[parent_id] = answer
    return answer


def _drop_lonely_unknown(
    label_nodes: list[_LabelNode], chains: dict[int, list[int]]
) -> list[_LabelNode]:
    """Keep an unknown ``XX：`` label only beside known labels (same parent or grandparent),
    or as a cell of a grid of such cells (采购人： | 某某 in a table of two or more)."""
    near_known: set[int] = set()
    cells_in: dict[int, int] = {}  # label cells per table (the cell's third ancestor)
    for item in label_nodes:
        chain = chains[item.node.mem_id]
        if item.key is not None:
            near_known.update(chain[:3])
        elif item.node.tag in ("td", "th") and len(chain) >= 3:
            cells_in[chain[2]] = cells_in.get(chain[2], 0) + 1
    # The page's <body> holds every label: sharing it says nothing (a top bar's 温馨提示：).
    near_known.difference_update(_page_roots(label_nodes, chains))
    return [
        item
        for item in label_nodes
        if item.key is not None
        or not near_known.isdisjoint(chains[item.node.mem_id][:3])
        or (
            item.node.tag in ("td", "th")
            and len(chains[item.node.mem_id]) >= 3
            and cells_in.get(chains[item.node.mem_id][2], 0) >= _GRID_CELLS
        )
    ]


def _page_roots(label_nodes: list[_LabelNode], chains: dict[int, list[int]]) -> set[int]:
    """The ids of ``<body>`` and ``<html>`` among the labels' ancestors."""
    roots: set[int] = set()
    for item in label_nodes:
        for parent in ancestors(item.node):
            if parent.tag in ("body", "html"):
                roots.add(parent.mem_id)
        if roots:
            break
    return roots


def _value_after(node: LexborNode, label_ids: set[int], holds_label: dict[int, int]) -> str | None:
    parts: list[str] = []
    # A list item is a field of its own: a label that fills one (<li>作者：</li>) has no
    # value, and the next item is not it.
    sibling = node.next if node.tag != "li" else None
    while sibling is not None:
        if sibling.mem_id in label_ids or holds_label.get(sibling.mem_id):
            break
        if sibling.tag == "-text":
            parts.append(sibling.text_content or "")
        elif sibling.tag and not sibling.tag.startswith("-") and sibling.tag not in SKIP_TAGS:
            parts.append(" " + visible_text(sibling) + " ")
        sibling = sibling.next
    value = clean_text("".join(parts)).lstrip(":：").strip()
    # A widget sharing the row (李喆 【字体：大 中 小】) is not part of the value.
    value = cut_trailing_widget(value)
    return value or None


def _group_of(node_id: int, chains: dict[int, list[int]], holds_label: dict[int, int]) -> int:
    """The row a label sits in: its nearest ancestor (two levels at most) holding another
    label, or the label itself when it stands alone."""
    own = holds_label.get(node_id, 0)
    for parent_id in chains[node_id][:2]:
        if holds_label.get(parent_id, 0) > max(own, 1):
            return parent_id
    return node_id


def _group_key(label: str) -> str | None:
    """A label's key for telling a meta line from a grid: a time label of the page's own
    (更新时间) in a line of 作者/来源/点击数 counts as the publication time it names."""
    key = key_for(label)
    if key is None and names_put_up(label):
        return "published_at"
    return key


def _origin(
    node_id: int,
    chains: dict[int, list[int]],
    holds_label: dict[int, int],
    group_keys: dict[int, set[str | None]],
    key: str | None,
) -> FieldOrigin:
    """``meta_line`` for a row of only publication-line keys (时间, 来源, 编辑 …) or a lone
    label; ``header`` for a label in a grid of four or more."""
    if group_keys.get(_group_of(node_id, chains, holds_label), {key}) <= _META_LINE_KEYS:
        return "meta_line"
    if key in _GRID_KEYS:
        return "header"
    for parent_id in chains[node_id][:4]:
        if holds_label.get(parent_id, 0) >= _GRID_MIN_LABELS:
            return "header"
    return "meta_line"


def extract_meta_tags(tree: LexborHTMLParser, head: HeadTags | None = None) -> list[HeaderField]:
    """TRS ``<meta name>`` fields; ``head``: the page's metas when already found."""
    fields: list[HeaderField] = []
    named = (
        head.named_meta_texts()
        if head is not None
        else [
            (attributes, meta_text(attributes))
            for attributes in (node.attributes for node in tree.css("meta[name]"))
        ]
    )
    for attributes, value in named:
        name = (attributes.get("name") or "").strip()
        key = META_TAG_KEYS.get(name.lower())
        if key is None:
            continue
        fields.append(HeaderField(key, name, value or None, "meta_tag"))
    return fields


def extract_comment_markers(html: str) -> list[HeaderField]:
    """Hanweb ``<!--<$[信息来源]>begin-->value<!--<$[信息来源]>end-->`` fields."""
    if "<!--<$[" not in html:
        return []
    from html import unescape  # html.entities is a large table: only Hanweb pages need it

    fields: list[HeaderField] = []
    for match in _HANWEB_MARKER.finditer(html):
        label = match.group(1).strip()
        if label in HANWEB_MARKER_SKIP:
            continue
        value = clean_text(unescape(MARKUP_TAG.sub("", match.group(2))))
        fields.append(HeaderField(key_for(label), label, value or None, "comment"))
    return fields
