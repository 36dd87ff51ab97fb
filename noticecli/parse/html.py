"""HTML page → Notice with labels and text exactly as the page shows them.

Dates stay as shown here; :func:`noticecli.normalize` adds ISO forms and repairs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.fields import (
    PUBLISHED_KEYS,
    SHOWN_ORIGINS,
    fill_top_level,
    warn_published_mismatch,
)
from noticecli.knowledge import TITLE_SELECTORS, TITLE_SITE_SEPARATOR
from noticecli.labels import key_for
from noticecli.models import Block, HeaderField, Notice, NoticeKind
from noticecli.parse.after_title import block_after_title
from noticecli.parse.article import PageQueries, cached_select, has_article_body
from noticecli.parse.attachments import extract_attachments
from noticecli.parse.between_lines import unread_lines
from noticecli.parse.body import MAX_BODY_BLOCKS, extract_blocks, trailing_credits
from noticecli.parse.body_container import find_container
from noticecli.parse.body_grid import read_body_grids
from noticecli.parse.body_meta import leading_meta
from noticecli.parse.closing_lines import closing_scope
from noticecli.parse.dateline import add_date_line, unlabelled_date
from noticecli.parse.dom import (
    clean_text,
    comes_before,
    compact,
    document_base_url,
    is_inside,
    visible_path,
    visible_text,
)
from noticecli.parse.head_tags import head_tags
from noticecli.parse.header_html import (
    extract_comment_markers,
    extract_grid_fields,
    extract_meta_tags,
)
from noticecli.parse.label_table import read_label_tables
from noticecli.parse.link_rows import without_link_rows
from noticecli.parse.opening import opening_head
from noticecli.parse.related_links import related_boxes
from noticecli.parse.title import choose_title
from noticecli.parse.title_badge import without_badge
from noticecli.parse.title_block import mark_title_deck
from noticecli.parse.visibility import remove_hidden

if TYPE_CHECKING:
    from noticecli.parse.listing import ListingPage
    from noticecli.rules import SiteRules


def parse_html_tree(
    tree: LexborHTMLParser,
    html: str,
    *,
    url: str | None = None,
    rules: SiteRules | None = None,
    kind: NoticeKind | None = None,
) -> Notice:
    """Build the raw Notice of an already parsed page.

    ``rules``: the site's own selectors (listing selectors for listing pages, overrides for
    notice pages). ``kind``: what the caller knows the page is (``None``: decided here from
    the page; ``"listing"``: read as a listing whatever it holds, as the crawler reads the
    listing pages of a site with an ``items`` selector).
    """
    notice = Notice(url=url)
    base_url = document_base_url(tree, url)
    root = tree.body or tree.root
    if root is None:
        notice.warn("no_body", "the page has no <body> and no content")
        return notice

    select = cached_select(tree)
    listing = _listing(tree, url, base_url, select, rules, kind)
    if listing is not None:
        notice.kind = "listing"
        notice.items = listing.items
        notice.next_pages = listing.next_urls
        notice.page_count = listing.page_count
        notice.title = _page_title(tree, select, None)
        for code, message in listing.warnings:
            notice.warn(code, message)
        return notice

    # Nothing a reader cannot see may give a field, a title, body text or an attachment.
    if remove_hidden(tree, html):  # a hidden element of article text kept and shown
        notice.warn("body_from_hidden", "the article text is read from an element the page hides")
    notice_rules = rules.for_notices() if rules is not None else None
    chosen = None
    if notice_rules is not None:
        from noticecli.parse.overrides import read_overrides  # only with a site's selectors

        chosen = read_overrides(tree, notice_rules)
        for code, message in chosen.warnings:
            notice.warn(code, message)
    container = chosen.body if chosen is not None else None
    if container is None:
        container = find_container(tree, select)
    skip = chosen.header_nodes if chosen is not None else []
    tables = read_label_tables(tree, container)
    for code, message in tables.warnings:
        notice.warn(code, message)
    skip = [*skip, *tables.tables]
    # A colon-labelled grid opening the body container (xxgk pages in one div#zoom).
    body_grids = read_body_grids(container)
    skip = [*skip, *body_grids.tables]
    grid = extract_grid_fields(root, exclude=[container, *skip])
    head = head_tags(tree)
    automatic = (
        grid
        + tables.fields
        + body_grids.fields
        + extract_meta_tags(tree, head)
        + _new_only(extract_comment_markers(html), grid)
    )
    notice.header = _shown_once(chosen.merge(automatic) if chosen is not None else automatic)
    fill_top_level(notice)
    override_title = chosen.title if chosen is not None else None
    title = choose_title(tree, container, notice.header, skip, html, head)
    # A labelled 标题 the page shows (set by fill_top_level) beats the vote.
    notice.title = override_title or notice.title or without_badge(title.text, title.node)
    if container is None and title.node is not None:
        # A short notice (one sentence and a table) the density search passed over.
        container = block_after_title(title.node)
    opening_nodes: list[LexborNode] = []
    if title.node is not None and container is not None:
        # A container that holds the page's head: its navigation and meta line are no body.
        head_in_body = opening_head(container, title.node, skip)
        opening_nodes = [*head_in_body.navigation, *head_in_body.meta]
        if head_in_body.fields:
            notice.header = _shown_once(notice.header + head_in_body.fields)
            fill_top_level(notice)
    if title.node is not None and not _shows_publication(notice.header):
        dated = unlabelled_date(title.node, container, {node.mem_id for node in opening_nodes})
        if dated.fields:
            add_date_line(notice.header, dated.fields)
            fill_top_level(notice)
        line = dated.element
        if line is not None and container is not None and is_inside(line, container.mem_id):
            opening_nodes.append(line)  # the date line under the title is no body text
    header_found = bool(skip) or any(field.origin == "header" for field in notice.header)
    if not header_found:
        notice.warn("no_header", "no label/value header block found")

    if container is None:
        notice.warn("no_body", "no article body found")
    else:
        # Signature and date lines printed after the container are the notice's own.
        body_root, beside = closing_scope(container)
        beside = [*beside, *related_boxes(body_root)]
        blocks, credits = trailing_credits(
            extract_blocks(body_root, base_url, skip=[*skip, *opening_nodes, *beside])
        )
        if credits:
            _add_meta_line(notice, credits)
        if len(blocks) >= MAX_BODY_BLOCKS:
            notice.warn(
                "body_truncated",
                f"the body holds more than {MAX_BODY_BLOCKS} blocks; the rest was left out",
            )
        blocks = _without_title(blocks, notice.title)
        if notice.title:
            blocks = mark_title_deck(blocks)
        shown_meta = [(f.key, f.value) for f in notice.header if f.origin == "meta_line"]
        blocks, opening = leading_meta(blocks, shown_meta)
        if opening:  # the meta line printed as the body's first line
            _add_meta_line(notice, opening)
        if title.node is not None:
            # 活动时间：… 地点：… between the title and the container: the text's first lines.
            shown_labels = [field.label for field in notice.header]
            lines = unread_lines(title.node, container, shown_labels, skip)
            blocks = [Block("paragraph", clean_text(visible_text(line))) for line in lines] + blocks
        notice.body = blocks
        if not notice.body:
            notice.warn("no_body", "the article body is empty")
    notice.attachments = extract_attachments(root, base_url, html)
    notice.body = without_link_rows(notice.body, notice.attachments)
    warn_published_mismatch(notice)
    return notice


def _add_meta_line(notice: Notice, pairs: list[tuple[str, str | None]]) -> None:
    """The (label, value) pairs of a meta line the body printed, as header fields."""
    notice.header = _shown_once(
        notice.header
        + [HeaderField(key_for(label), label, value, "meta_line") for label, value in pairs]
    )
    fill_top_level(notice)


def _listing(
    tree: LexborHTMLParser,
    url: str | None,
    base_url: str | None,
    select: PageQueries,
    rules: SiteRules | None,
    kind: NoticeKind | None,
) -> ListingPage | None:
    """The page's listing when it is one (or ``kind`` says so), else ``None``."""
    # Listing extraction is the costly part of a page; an article page never needs it (nor
    # imports it).
    if kind == "notice" or (kind is None and has_article_body(tree, select)):
        return None
    from noticecli.parse.listing import extract_listing, is_listing

    selectors = rules if rules is not None and rules.items else None
    deciding = kind is None  # is_listing decides; a page it turns down needs no pager
    listing = extract_listing(
        tree, url, article=False, selectors=selectors, deciding=deciding, base_url=base_url
    )
    if kind == "listing" or is_listing(tree, listing, article=False):
        return listing
    if selectors is None or listing.items:
        return None
    # The items selector matched nothing here: a notice page of the site, or a listing the
    # selector no longer fits. The page decides, as without the selector.
    listing = extract_listing(tree, url, article=False, deciding=True, base_url=base_url)
    if not is_listing(tree, listing, article=False):
        return None
    listing.warnings.append(
        (
            "site_rule_unmatched",
            f"the site's items selector {selectors.items!r} matched nothing usable; "
            "the items were found automatically",
        )
    )
    return listing


def _shows_publication(fields: list[HeaderField]) -> bool:
    """A labelled publication date is shown (then no unlabelled one is looked for)."""
    return any(
        field.key in PUBLISHED_KEYS and field.value and field.origin in SHOWN_ORIGINS
        for field in fields
    )


def _new_only(fields: list[HeaderField], existing: list[HeaderField]) -> list[HeaderField]:
    """Comment-marker fields that repeat a visible field add nothing; keep the rest."""
    seen = {(field.key, field.value) for field in existing}
    return [field for field in fields if (field.key, field.value) not in seen]


def _page_title(
    tree: LexborHTMLParser, select: PageQueries, container: LexborNode | None
) -> str | None:
    """The article's own title element, else ``<title>`` without the site-name suffix."""
    element_title = _title_element(tree, select, container)
    if element_title:
        return element_title
    title_node = tree.css_first("title")
    if title_node is None:
        return None
    text = clean_text(title_node.text())
    if not text:
        return None
    parts = [part for part in re.split(TITLE_SITE_SEPARATOR, text) if part]
    return max(parts, key=len) if len(parts) > 1 else text


def _title_element(
    tree: LexborHTMLParser, select: PageQueries, container: LexborNode | None
) -> str | None:
    """The first title-like element before the body (after it is related-links territory)."""
    # Positions are compared only for the few candidates: a walk over the whole page to
    # number its elements costs more than the rest of the title search.
    body = tree.body
    limit = visible_path(container, body) if container is not None and body is not None else None
    # Each selector in turn, only those whose class or id word or tag the page has.
    for selector in select.possible(TITLE_SELECTORS):
        for node in tree.css(selector):
            if limit and body is not None:
                path = visible_path(node, body)
                if path is None or not comes_before(path, limit):
                    continue
            if node.css_first("a") is not None and node.tag in ("h1", "h2"):
                continue  # a logo or a site-name link, not the article's title
            text = clean_text(visible_text(node))
            if 4 <= len(text) <= 200:
                return text
    return None


def _without_title(blocks: list[Block], title: str | None) -> list[Block]:
    """Drop a first block that only repeats the title."""
    if blocks and title and blocks[0].text and compact(blocks[0].text) == compact(title):
        return blocks[1:]
    return blocks


def _shown_once(fields: list[HeaderField]) -> list[HeaderField]:
    """The meta line read once where the page prints it twice (a desktop and a mobile copy
    of 来源：新华网): a later field with the same label, value and origin is dropped."""
    seen: set[tuple[str, str | None]] = set()
    kept: list[HeaderField] = []
    for field in fields:
        if field.origin == "meta_line":
            shown = (field.label, field.value)
            if shown in seen:
                continue
            seen.add(shown)
        kept.append(field)
    return kept
