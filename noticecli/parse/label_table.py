"""Label tables without colons: a 公告概要 / 项目概况 box near the top of the article, or a
header grid printed by columns (a row of labels over one row of values).

A row reads ``label value`` or ``label value label value``; a label cell is *marked* apart
from the value cells of its row (a ``<th>``, a class such as ``title``/``label``/``name``/
``left``, bold text, or a shaded background the values lack) and holds a short label, not a
sentence. Rows of one merged cell are captions (公告信息：). A table of such rows before the
body, or opening it, is read as header fields and left out of the body; a Word table that
carries the decision (unmarked cells, sentences) stays body text. Tables whose labels the
colon-and-vocabulary scan of :mod:`noticecli.parse.header_html` already reads are left to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.knowledge import LABEL_CELL_CLASS_WORDS
from noticecli.labels import (
    WIDGET_LABELS,
    compact_label,
    display_label,
    key_for,
    shown_value,
)
from noticecli.models import HeaderField
from noticecli.parse.dom import (
    clean_text,
    comes_before,
    compact,
    first_tag,
    opens_container,
    page_tags,
    visible_path,
    visible_text,
)

_MAX_LABEL_CHARS = 16
_SENTENCE = re.compile(r"[。；！？!?;]")
_SHADE = re.compile(r"background(?:-color)?\s*:\s*([^;]+)", re.IGNORECASE)
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*\d*$")
# Label rows needed, and their share of the rows that are not captions.
_MIN_ROWS = 2
_MIN_SHARE = 0.6
_GIVE_UP_ROWS = 3
# Vocabulary labels a head row of a grid printed by columns holds, at least.
_MIN_COLUMN_LABELS = 2
# The body's first blocks in which a label table may open it.
_TOP_CHILDREN = 4
# Text before a table inside the body that still leaves it "at the top" (an intro line).
_TOP_CHARS = 200
# Cells that could be marked as labels (Lexbor finds them; _cell decides).
_MARKED_CELLS = ", ".join(
    [
        "th",
        "td[bgcolor]",
        'td[style*="background" i]',
        "td > b",
        "td > strong",
        "td > p > b",
        "td > p > strong",
    ]
    + [f'td[class*="{word}" i]' for word in LABEL_CELL_CLASS_WORDS]
)
# Tables looked at: the first ones of the page are where a summary box sits.
_MAX_TABLES = 40
_BOLD_TAGS = frozenset({"b", "strong"})


@dataclass(slots=True)
class LabelTables:
    fields: list[HeaderField] = field(default_factory=list)
    tables: list[LexborNode] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Cell:
    text: str
    node: LexborNode
    marks: frozenset[str]


def read_label_tables(tree: LexborHTMLParser, container: LexborNode | None) -> LabelTables:
    """The label tables before the body or at its top, and the fields they hold."""
    found = LabelTables()
    body = tree.body
    if body is None:
        return found
    limit = visible_path(container, body) if container is not None else None
    for table in _marked_tables(body, _regions(body, container)):
        path = visible_path(table, body)
        if path is None:
            continue
        if container is not None and limit is not None:
            inside = any(node.mem_id == container.mem_id for node in path)
            if inside and not opens_container(table, container, _TOP_CHARS):
                continue
            if not inside and not comes_before(path, limit):
                continue
        pairs = _label_pairs(table)
        if pairs is None:
            continue
        found.tables.append(table)
        seen: dict[str, str | None] = {}
        for label, value in pairs:
            label_key = compact_label(label)
            found.fields.append(HeaderField(key_for(label), label, value, "header"))
            if label_key in seen and seen[label_key] != value:
                found.warnings.append(
                    (
                        "label_repeated",
                        f"{label} appears more than once in a label table; fields keeps "
                        f"the first value ({seen[label_key]})",
                    )
                )
            seen.setdefault(label_key, value)
    return found


def _regions(body: LexborNode, container: LexborNode | None) -> list[LexborNode]:
    """Where a label table may stand: what comes before the body (the earlier siblings of
    the body container and of its ancestors) and the body's first blocks; the whole page
    when no body was found. Searching there, not the whole page, spares the footer, the
    sidebars after the body and the body's own text."""
    if container is None:
        return [body]
    # The earlier siblings of each ancestor, outermost first: page order.
    levels: list[list[LexborNode]] = []
    node: LexborNode | None = container
    while node is not None and node.mem_id != body.mem_id and node.tag != "html":
        level: list[LexborNode] = []
        sibling = node.prev
        while sibling is not None:
            if sibling.tag and not sibling.tag.startswith("-"):
                level.append(sibling)
            sibling = sibling.prev
        levels.append(level[::-1])
        node = node.parent
    regions = [region for level in reversed(levels) for region in level]
    child = container.child
    opening = 0
    while child is not None and opening < _TOP_CHILDREN:
        if child.tag and not child.tag.startswith("-"):
            regions.append(child)
            opening += 1
        child = child.next
    return regions


def _marked_tables(body: LexborNode, regions: list[LexborNode]) -> list[LexborNode]:
    """Innermost tables in ``regions`` holding a cell that could be marked as a label, in
    page order."""
    inside, layout = _tables_by_region(body, regions)
    tables: dict[int, LexborNode] = {}
    for region in regions:
        candidates = [region] if region.tag == "table" else inside.get(region.mem_id, [])
        for table in candidates:
            if table.mem_id in tables or table.mem_id in layout:
                continue  # a layout table: its inner tables are looked at themselves
            if table.css_first(_MARKED_CELLS) is not None:
                tables[table.mem_id] = table
            if len(tables) >= _MAX_TABLES:
                break
    return list(tables.values())


def _tables_by_region(
    body: LexborNode, regions: list[LexborNode]
) -> tuple[dict[int, list[LexborNode]], set[int]]:
    """The page's tables under each region (by the region's mem_id, in page order), and the
    tables that hold another table; one query for the whole page, not one per region."""
    region_ids = {region.mem_id for region in regions}
    inside: dict[int, list[LexborNode]] = {}
    layout: set[int] = set()
    for table in page_tags(body, "table"):
        found = False
        parent = table.parent
        while parent is not None:
            if not found and parent.mem_id in region_ids:
                inside.setdefault(parent.mem_id, []).append(table)
                found = True
            if parent.tag == "table":
                layout.add(parent.mem_id)
            if parent.mem_id == body.mem_id:
                break
            parent = parent.parent
    return inside, layout


def _label_pairs(table: LexborNode) -> list[tuple[str, str | None]] | None:
    """The (label, value) pairs of a label table, or ``None`` when it is not one."""
    rows = _rows(table)
    columns = _column_pairs(rows)
    if columns is not None:
        return columns
    pairs: list[tuple[str, str | None]] = []
    label_rows = 0
    other_rows = 0
    known_labels = 0
    for row in rows:
        cells = [_cell(node) for node in row]
        if not cells:
            continue
        if len(cells) == 1:
            continue  # a caption (公告信息：) or a merged value row
        row_pairs = _row_pairs(cells)
        if row_pairs is None:
            other_rows += 1
            if not label_rows and other_rows >= _GIVE_UP_ROWS:
                return None  # a layout or data table: no label row at its top
            continue
        label_rows += 1
        for label, value in row_pairs:
            if key_for(label) is not None or label.rstrip().endswith((":", "：")):
                known_labels += 1
            label_key = compact_label(label)
            if label_key in WIDGET_LABELS or _ATTACHMENT_LABEL.match(label_key):
                continue  # attachment rows: the links are read as attachments
            pairs.append((display_label(label), value))
    if label_rows < _MIN_ROWS or label_rows < (label_rows + other_rows) * _MIN_SHARE:
        return None
    # A grid of colon or vocabulary labels: the label scan reads it, as it always has.
    if known_labels * 2 > label_rows:
        return None
    return pairs or None


def _column_pairs(rows: list[list[LexborNode]]) -> list[tuple[str, str | None]] | None:
    """A header grid printed by columns: one row of label cells (索引号 发布机构 发布日期 文号),
    one row of their values under them. Two rows only: a head row over several rows of
    values is a data table (a list of shelters), body text."""
    filled = [row for row in rows if row]
    if len(filled) != 2 or len(filled[0]) != len(filled[1]) or len(filled[0]) < 2:
        return None
    labels = [_cell(node) for node in filled[0]]
    values = [_cell(node) for node in filled[1]]
    known = 0
    for label, value in zip(labels, values, strict=True):
        name = compact(label.text)
        if not name or len(name) > _MAX_LABEL_CHARS or _SENTENCE.search(name):
            return None
        if key_for(name) is not None:
            known += 1
        if key_for(compact(value.text)) is not None:
            return None  # a second row of labels
    if known < _MIN_COLUMN_LABELS or known * 2 <= len(labels):
        return None
    return [
        (display_label(label.text), shown_value(value.text))
        for label, value in zip(labels, values, strict=True)
    ]


def _rows(table: LexborNode) -> list[list[LexborNode]]:
    rows: list[list[LexborNode]] = []
    for row in table.css("tr"):
        cells = []
        child = row.child
        while child is not None:
            if child.tag in ("td", "th"):
                cells.append(child)
            child = child.next
        rows.append(cells)
    return rows


def _cell(node: LexborNode) -> _Cell:
    text = clean_text(visible_text(node, separator="\n"))
    marks: set[str] = set()
    if node.tag == "th":
        marks.add("th")
    attrs = node.attributes
    classes = (attrs.get("class") or "").lower()
    if classes:
        marks.update(f"class:{word}" for word in _class_words().findall(classes))
    shade = (attrs.get("bgcolor") or "").strip().lower()
    style = attrs.get("style") or ""
    match = _SHADE.search(style)
    if match:
        shade = match.group(1).strip().lower()
    if shade and shade not in ("#fff", "#ffffff", "white", "transparent", "none"):
        marks.add(f"shade:{shade}")
    bold = first_tag(node, _BOLD_TAGS, "b, strong")
    if bold is not None and text and compact(clean_text(bold.text())) == compact(text):
        marks.add("bold")
    return _Cell(text, node, frozenset(marks))


@cache
def _class_words() -> re.Pattern[str]:
    return re.compile("|".join(LABEL_CELL_CLASS_WORDS))


def _row_pairs(cells: list[_Cell]) -> list[tuple[str, str | None]] | None:
    """``label value [label value]`` with marked labels, or ``None``."""
    if len(cells) not in (2, 4):
        return None
    pairs: list[tuple[str, str | None]] = []
    for index in range(0, len(cells), 2):
        label, value = cells[index], cells[index + 1]
        if not _is_label_cell(label, value):
            return None
        pairs.append((label.text, shown_value(value.text)))
    return pairs


def _is_label_cell(label: _Cell, value: _Cell) -> bool:
    name = compact(label.text)
    if not (1 <= len(name) <= _MAX_LABEL_CHARS) or _SENTENCE.search(name):
        return False
    if name[0].isdigit():
        return False  # a number or a date, not a label
    return bool(label.marks - value.marks)
