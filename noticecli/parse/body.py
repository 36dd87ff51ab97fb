"""The article body's blocks: a container (found by :mod:`noticecli.parse.body_container`)
turned into ordered blocks (heading, paragraph, byline, date, signature, note, table,
image), and the credit lines that close the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selectolax.lexbor import LexborNode

from noticecli.labels import key_for, split_meta_pairs, split_value_labels
from noticecli.models import Block, TableCell
from noticecli.parse.body_container import is_widget
from noticecli.parse.dom import (
    BLOCK_TAGS,
    SKIP_TAGS,
    absolute_url,
    clean_text,
    compact,
    owning_table,
    visible_text,
)
from noticecli.parse.footer_contacts import drop_footer_contacts, is_site_footer_text
from noticecli.parse.image_source import image_source
from noticecli.parse.leaf_blocks import states_a_value
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
    is_publication_note,
    is_unit_credit,
    under_closing,
)
from noticecli.parse.title_block import names_title_block, numbered_section

# A bound that keeps a pathological page (hundreds of thousands of paragraphs) to seconds.
MAX_BODY_BLOCKS = 20_000


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
    if builder.footer_marks:
        drop_footer_contacts(builder.blocks, builder.sources, builder.footer_marks)
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
        # Where a site footer's line (版权所有, ICP备 …) was left out, between the blocks.
        # Each with the position where the element holding that line began (its parent's,
        # as the line is an element of its own): the footer's element.
        self.footer_marks: dict[int, int] = {}
        # The positions in ``blocks`` where each open block element began, outermost first.
        self._opened: list[int] = []
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
        if text and is_boilerplate(text):
            if is_site_footer_text(text):
                # contact lines beside it: its own
                mark = len(self.blocks)
                self.footer_marks[mark] = self._opened[-2] if len(self._opened) > 1 else mark
        elif text:
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
                    self._opened.pop()
                continue
            if tag == "-text":
                text = node.text_content or ""
                self._parts.append(text)
                if bold_depth > 0:
                    self._bold_chars += len(compact(text))
                continue
            if tag.startswith("-") or tag in _SKIP:
                continue
            if skip and node.mem_id in skip:
                continue
            attrs = node.attributes  # read once: the widget test and the alignment need it
            if is_widget(node, attrs):
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
                self._opened.append(len(self.blocks))
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
            owner = owning_table(row)
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
        owner = owning_table(row)
        if owner is None or owner.mem_id != table.mem_id or row.mem_id in skip:
            continue  # another table's row, or one read already (a meta row)
        cells_with_text = sum(
            1 for cell in row.iter() if cell.tag in ("td", "th") and cell.text(deep=True).strip()
        )
        if cells_with_text > 1:
            return False
        rows_with_text += cells_with_text
    return rows_with_text >= 2


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
    _mark_unit_credits(blocks)
    _mark_signatures(blocks, markers)
    _mark_notes(blocks)
    return blocks


def _mark_unit_credits(blocks: list[Block]) -> None:
    """A bracketed line of unit names only ((A市国动办 B县国动办)) among the lines closing
    the text (bylines, dates, signatures) is a credit; inside the text it stays as read."""
    for block in reversed(blocks):
        text = block.text
        if text is None:
            continue
        if block.type == "paragraph" and is_unit_credit(text):
            block.type = "byline"
        elif block.type not in ("byline", "date", "signature", "note") and not is_org_line(text):
            return


def _mark_notes(blocks: list[Block]) -> None:
    """A 附注 ((此件主动公开)) right under the closing's signature or date is a note."""
    types: list[str] = []
    for block in blocks:
        if block.text is None:
            continue
        if block.type == "paragraph" and is_publication_note(block.text) and under_closing(types):
            block.type = "note"
        types.append(block.type)


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
    """Signature lines stand right before a closing date line, or close the body alone (a
    附注 under them, (此件主动公开), aside)."""
    text_indexes = [
        i
        for i, block in enumerate(blocks)
        if block.text is not None
        and not (block.type == "paragraph" and is_publication_note(block.text))
    ]
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
