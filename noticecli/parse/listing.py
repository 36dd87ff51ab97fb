"""Listing pages (column indexes): the notices a page links to, and the pages after it.

The one listing extractor: the parser, ``noticecli crawl`` and ``noticecli sites check`` all
read listings here, through the pipeline (decode, nesting and binary checks first). This
module chooses among the item sources and decides whether a page is a listing; the sources
and the pager live beside it:

* :mod:`noticecli.parse.listing_rows`: the list found by structure in the page's markup
  (repeated rows holding one link and a date, whatever the elements and the vendor), and the
  rows a site's own selectors pick (:class:`~noticecli.rules.SiteRules` ``items`` / ``link`` /
  ``date``, from the sites file), which replace every automatic source when given;
* :mod:`noticecli.parse.listing_data`: Hanweb datastore records, article lists in inline
  scripts (JSON or JavaScript literals), and a list kept inside an HTML comment;
* :mod:`noticecli.parse.listing_pager`: pager scripts and pager links of any vendor.

The source with the most dated items wins; explicit list data (datastore, script) wins a
tie with the markup, and a list in a comment is read only when the markup has no list of
three dated items. A list that only exists as a client-side template or an empty container
fed by a list script is reported as ``js_rendered`` (with a warning), never as items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.chrome_words import MORE_LINK
from noticecli.dates import date_in_text
from noticecli.knowledge_listings import (
    LIST_HEAD_DATE,
    LIST_HEAD_TITLE,
    LIST_LOADER_CALLS,
    LIST_SCRIPT_NAMES,
    PAGER_INPUT_NAMES,
)
from noticecli.models import ListingItem
from noticecli.parse.article import has_article_body
from noticecli.parse.dom import document_base_url, element_children, is_inside
from noticecli.parse.footer_contacts import is_site_footer_text
from noticecli.parse.listing_data import (
    comment_list_items,
    datastore_items,
    datastore_page_count,
    is_datastore_document,
    page_comments,
    script_list_items,
)
from noticecli.parse.listing_inputs import PageScript, collapse, page_links, page_scripts
from noticecli.parse.listing_month_day import YearsGiven, give_years
from noticecli.parse.listing_pager import MAX_NEXT_PAGES, read_pager
from noticecli.parse.listing_rows import find_list, selected_items
from noticecli.parse.text_labels import is_meta_line

if TYPE_CHECKING:
    from noticecli.rules import SiteRules

__all__ = ["MAX_NEXT_PAGES", "ListingPage", "ListingSource", "extract_listing", "is_listing"]

ListingSource = Literal["html", "datastore", "json", "comment", "selectors"]


@dataclass(slots=True)
class ListingPage:
    items: list[ListingItem]
    next_urls: list[str]
    page_count: int | None
    js_rendered: bool
    warnings: list[tuple[str, str]]
    # Where the items came from; script lists and the site's own selectors count as a
    # listing even when short.
    source: ListingSource | None = None
    # The element holding the items found in the markup (is_listing looks around it).
    list_node: LexborNode | None = None
    # Whether the page has sentences outside that element (see is_listing), once read.
    prose: bool | None = None


# A markup list with this many dated items is the page's list: comments are not searched.
_STRONG_LIST = 3
_RANK: dict[str, int] = {"comment": 0, "html": 1, "datastore": 2, "json": 2, "selectors": 3}
_LINK_IN_COMMENT = re.compile(r"<a\s[^>]*href", re.IGNORECASE)
_TEMPLATE_TYPES = frozenset(
    {
        "text/html",
        "text/template",
        "text/x-template",
        "text/x-handlebars-template",
        "text/x-jsrender",
        "text/x-tmpl",
        "text/x-jquery-tmpl",
    }
)
_LIST_SCRIPT_SRC = re.compile(
    "(?:" + "|".join(LIST_SCRIPT_NAMES) + r")[\w.-]*\.js(?:$|\?)", re.IGNORECASE
)
_LIST_LOADER_CALL = re.compile("|".join(LIST_LOADER_CALLS))
_LIST_HEAD_TITLE = re.compile(LIST_HEAD_TITLE)
_LIST_HEAD_DATE = re.compile(LIST_HEAD_DATE)


class _Unresolved:
    """The caller of :func:`extract_listing` has not resolved the page's base URL."""


UNRESOLVED = _Unresolved()


def extract_listing(
    tree: LexborHTMLParser,
    page_url: str | None,
    *,
    article: bool | None = None,
    selectors: SiteRules | None = None,
    deciding: bool = False,
    base_url: str | _Unresolved | None = UNRESOLVED,
) -> ListingPage:
    """The items, pager and JS-rendering state of ``tree`` (any page; see :func:`is_listing`).

    ``page_url`` is the page's own address; links resolve against its ``<base>`` as on
    article pages (``base_url``: :func:`~noticecli.parse.dom.document_base_url` when the
    caller already knows it). ``article`` is :func:`has_article_body` when the caller
    already knows it.
    ``selectors`` with ``items`` set: the items are the rows it selects, and only those.
    ``deciding``: the caller keeps the listing only when :func:`is_listing` says so, so the
    pager is not read when the page is no listing whatever the pager says: neither items
    nor a JS-filled list, a markup or comment list without a dated item, or a markup list
    beside sentences (an article).
    """
    warnings: list[tuple[str, str]] = []
    base = document_base_url(tree, page_url) if isinstance(base_url, _Unresolved) else base_url
    links = page_links(tree)
    scripts = page_scripts(tree)

    candidates: list[tuple[ListingSource, list[ListingItem]]] = []
    comments: list[str] | None = None  # read once, when needed
    list_node: LexborNode | None = None
    document_store: bool | None = None  # asked when it matters (a query of the whole page)
    script_failed = False
    if selectors is not None and selectors.items:
        selected = selected_items(tree, base, selectors)
        if selected:
            candidates.append(("selectors", selected))
        _, hanweb_uid = datastore_items(scripts, base)  # the Hanweb pager needs its unit id
    else:
        found = find_list(links, base)
        if found is not None:
            document_store = is_datastore_document(tree)
            # A datastore document's rows are explicit list data, like a script's.
            candidates.append(("datastore" if document_store else "html", found.items))
            list_node = found.container
        store_items, hanweb_uid = datastore_items(scripts, base)
        if store_items:
            candidates.append(("datastore", store_items))
        script_items, script_failed = script_list_items(scripts, base, warnings)
        if script_items:
            candidates.append(("json", script_items))
        if max((_dated(items) for _, items in candidates), default=0) < _STRONG_LIST:
            comments = page_comments(tree)
            commented = comment_list_items(comments, base)
            if commented:
                candidates.append(("comment", commented))

    source: ListingSource | None = None
    items: list[ListingItem] = []
    if candidates:
        source, items = max(candidates, key=lambda c: (_dated(c[1]), _RANK[c[0]], len(c[1])))
    if source == "comment":
        warnings.append(
            (
                "listing_items_in_comment",
                "the items were read from a list the page keeps inside an HTML comment; "
                "the list a browser shows may be filled by JavaScript and differ",
            )
        )

    years = give_years(items)
    if years.from_url or years.from_neighbours:
        warnings.append(("listing_year_inferred", _inferred_message(years)))
    if years.without:
        warnings.append(
            (
                "listing_date_without_year",
                f"{years.without} item(s) show a date without a year and the page gives none; "
                "their date is null and date_shown keeps the date as shown",
            )
        )

    js_rendered = False
    if not items and not (article if article is not None else has_article_body(tree)):
        if comments is None:
            comments = page_comments(tree)
        reason = (
            "the list data could not be read"
            if script_failed
            else _js_list_hint(tree, scripts, comments)
        )
        if reason:
            js_rendered = True
            warnings.append(
                ("listing_js_rendered", f"the list is filled by JavaScript ({reason}); no items")
            )

    next_urls: list[str] = []
    page_count: int | None = None
    if source != "html":
        list_node = None
    # Deciding, a list read from the markup or a comment is no listing whatever its pager
    # says when none of its items is dated, or (markup) when the page has sentences outside
    # it (see is_listing): the pager is not read then.
    prose: bool | None = None
    dated = _dated(items)
    if deciding and source == "html" and dated:
        prose = _has_prose(tree, list_node)
    decided = deciding and source in ("html", "comment") and (not dated or bool(prose))
    if (items or js_rendered or not deciding) and not decided:
        next_urls, page_count = read_pager(
            scripts,
            links,
            base,
            page_url,
            hanweb_uid,
            (lambda: _body_text(tree)) if items else None,
        )
        if document_store is None:
            document_store = is_datastore_document(tree)
        if page_count is None and document_store:
            page_count = datastore_page_count(tree)
    return ListingPage(
        items, next_urls, page_count, js_rendered, warnings, source, list_node, prose
    )


def _inferred_message(years: YearsGiven) -> str:
    sources = []
    if years.from_url:
        sources.append(f"{years.from_url} from a date in the item's URL path")
    if years.from_neighbours:
        sources.append(f"{years.from_neighbours} from the dated items above and below it")
    total = years.from_url + years.from_neighbours
    return (
        f"{total} item(s) show a date without a year; the year of their date was inferred: "
        + ", ".join(sources)
        + " (date_shown keeps the date as shown)"
    )


def _body_text(tree: LexborHTMLParser) -> str:
    body = tree.body
    return collapse(body.text(separator=" ")) if body is not None else ""


def _dated(items: list[ListingItem]) -> int:
    return sum(1 for item in items if item.date or item.date_shown)


def is_listing(
    tree: LexborHTMLParser, listing: ListingPage, *, article: bool | None = None
) -> bool:
    """True when the page is a list of notices rather than one notice (or a portal).

    A page with an article body or an index-number header grid is a notice, whatever it
    links to, and so is a page with several hundred characters of sentences outside the list
    found in its markup (an article of an unknown template beside a list of related
    notices). Otherwise it is a listing when it has three dated items in one list, explicit
    list data (a script's article list, a Hanweb datastore), a JS-filled list
    (``js_rendered``), or at least one dated item plus a pager or a 名称…日期 list-table head.
    Undated link lists (guide portals, department directories, nav menus) are not listings
    of notices.

    ``article`` is :func:`has_article_body` when the caller already knows it.
    """
    if article if article is not None else has_article_body(tree):
        return False
    if listing.js_rendered:
        return True
    if listing.source in ("json", "datastore", "selectors") and listing.items:
        return True
    dated = _dated(listing.items)
    paged = bool(listing.next_urls) or (listing.page_count or 0) > 1
    if listing.source == "html" and dated:
        if listing.prose is None:
            listing.prose = _has_prose(tree, listing.list_node)
        if listing.prose:
            return False  # an article in a template we do not know, with a list of related links
        if _is_titled_article(tree, listing.items):
            return False  # a short article (title, meta line, sentences) beside a dated list
        if not paged and _beside_other_content(tree, _column_box(listing.list_node)):
            return False  # a column's box of latest items (通知公告 更多>>) beside the page's own
    if dated >= 3:
        return True
    if dated >= 1:
        return paged or _has_list_table_head(tree)
    return False


# Characters of sentences (text with 。 or ； outside links) that make a page an article.
_PROSE_CHARS = 250
_LONG_LINE = 30
_SENTENCE_MARKS = ("。", "；")


def _has_prose(tree: LexborHTMLParser, list_node: LexborNode | None) -> bool:
    body = tree.body
    if body is None:
        return False
    outside = _prose_chars(body)
    if outside < _PROSE_CHARS:
        return False
    inside = _prose_chars(list_node) if list_node is not None else 0
    return outside - inside >= _PROSE_CHARS


# A short article's sentences (two at least), under a title and a meta line.
_SHORT_PROSE_CHARS = 60
_META_NODE_MAX = 120  # a meta line's characters (发布时间：… 来源：… 浏览次数：…)
_TITLE_LINE = re.compile(r"^[^。；：:！？]{8,60}$")


# A link to more of a column (更多>>, +更多, MORE): the box it heads shows a column's latest
# items, on an article or a portal; a listing page shows its column whole, with a pager (a
# page with a pager is not judged so: its own list may sit under such a header).
_MORE_LINK = re.compile(rf"^{MORE_LINK}$")
_BOX_LEVELS = 3
_BOX_CAPTION_MAX = 24  # what the box shows besides its list: a caption and the link


def _column_box(list_node: LexborNode | None) -> LexborNode | None:
    """The box of its own the list sits in, whose header offers more of the column: climbing
    from the list, a holder that shows little besides it (a caption and the link) and holds,
    beside the list's branch, a branch whose only link is the more link (a sidebar box of
    its own items is another column's box, not this list's). None when there is none."""
    if list_node is None:
        return None
    inside = len(collapse(list_node.text()))
    branch, node = list_node, list_node.parent
    for _level in range(_BOX_LEVELS):
        if node is None or len(collapse(node.text())) - inside > _BOX_CAPTION_MAX:
            return None  # the box's holder: the page's other parts beside it
        for child in element_children(node):
            if child.mem_id == branch.mem_id:
                continue
            links = child.css("a") if child.tag != "a" else [child]
            if len(links) == 1 and _MORE_LINK.match(collapse(links[0].text())):
                return node
        branch, node = node, node.parent
    return None


# What shows that a page's content is other than a column box's list: a sentence of its own
# (a short notice's 现将…公布如下：, a news story's lines), or a portal's lists of links.
_OWN_SENTENCE = re.compile(r"[。；！？]|[：:]$")
_OWN_SENTENCE_MIN = 10
_PORTAL_LISTS = 3
_PORTAL_LIST_LINKS = 3


def _beside_other_content(tree: LexborHTMLParser, box: LexborNode | None) -> bool:
    """Something outside the column ``box`` is the page's content: a sentence line (not the
    footer's), or three lists of links or more (a portal's). A page whose only content is
    the list in such a box (a column's first page, a short column with no pager) is that
    list's: a top line, a menu and a footer beside it are no content."""
    body = tree.body
    if box is None or body is None:
        return False
    in_box = {collapse(line) for line in box.text(separator="\n").split("\n")}
    for raw in body.text(separator="\n").split("\n"):
        line = collapse(raw)
        if (
            len(line) >= _OWN_SENTENCE_MIN
            and line not in in_box
            and _OWN_SENTENCE.search(line)
            and not is_site_footer_text(line)
        ):
            return True
    lists = [
        node
        for node in body.css("ul, ol")
        if len(node.css("a")) >= _PORTAL_LIST_LINKS and not is_inside(node, box.mem_id)
    ]
    return len(lists) >= _PORTAL_LISTS


def _is_titled_article(tree: LexborHTMLParser, items: list[ListingItem]) -> bool:
    """A title over a dated meta line (发布时间：2024-05-22 来源：…) and sentences: one short
    article beside a list of latest or related notices, where its prose alone is too short
    to tell. A listing's row may print a meta line too, but under an item's own title."""
    body = tree.body
    if body is None or _prose_chars(body) < _SHORT_PROSE_CHARS:
        return False
    item_titles = {collapse(item.title) for item in items}
    shown = [collapse(line) for line in body.text(separator="\n").split("\n")]
    shown = [line for line in shown if line]
    for node in body.css("p, div, td, span, li"):
        text = collapse(node.text())
        if not text or len(text) > _META_NODE_MAX or not is_meta_line(text):
            continue
        if date_in_text().search(text) is None:
            continue
        first = collapse(node.text(separator="\n").strip().split("\n")[0])
        at = next((n for n, line in enumerate(shown) if line == first), None)
        if at and _TITLE_LINE.match(shown[at - 1]) and shown[at - 1] not in item_titles:
            return True
    return False


def _prose_chars(root: LexborNode) -> int:
    # Lexbor's own text walk (a newline between text nodes) is far cheaper than visiting the
    # nodes from Python; a link's text is rarely a sentence, so links need no special case.
    # The lines holding a mark, found from the marks with str.find (a pattern scanning
    # every character, or a loop over every line, costs far more on a long page).
    text = root.text(separator="\n")
    total = 0
    counted: set[int] = set()
    for mark in _SENTENCE_MARKS:
        at = text.find(mark)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            if end < 0:
                end = len(text)
            if start not in counted and end - start >= _LONG_LINE:
                counted.add(start)
                total += len(text[start:end].strip())
            at = text.find(mark, end)
    return total


# --- JS-rendered lists -----------------------------------------------------------------


def _js_list_hint(
    tree: LexborHTMLParser, scripts: list[PageScript], comments: list[str]
) -> str | None:
    """Why the list looks JS-filled, or None. Only asked when no items were found."""
    for content in comments:
        if (
            len(_LINK_IN_COMMENT.findall(content)) >= 2
            and len(date_in_text().findall(content)) >= 2
        ):
            return "the served list items are inside an HTML comment"
    for script in scripts:
        if script.type in _TEMPLATE_TYPES:
            text = script.text
            if ("{{" in text or "<%" in text) and "href" in text:
                return "the list is a client-side template"
    if _has_empty_list(tree) and _has_list_loader(tree, scripts):
        return "an empty list container and a list-loading script"
    return None


def _has_empty_list(tree: LexborHTMLParser) -> bool:
    for node in tree.css("ul, ol, tbody"):
        if not any(child.is_element_node for child in node.iter()) and not collapse(node.text()):
            return True
    return False


def _has_list_loader(tree: LexborHTMLParser, scripts: list[PageScript]) -> bool:
    for node in tree.css("input[type=hidden]"):
        key = (node.attributes.get("id") or node.attributes.get("name") or "").lower()
        if key in PAGER_INPUT_NAMES:
            return True
    for script in scripts:
        if script.src:
            if _LIST_SCRIPT_SRC.search(script.src):
                return True
        elif _LIST_LOADER_CALL.search(script.text):
            return True
    return False


def _has_list_table_head(tree: LexborHTMLParser) -> bool:
    for row in tree.css("tr"):
        cells = [collapse(c.text()) for c in row.iter() if c.tag == "th"]
        if (
            cells
            and any(_LIST_HEAD_TITLE.match(c) for c in cells)
            and any(_LIST_HEAD_DATE.search(c) for c in cells)
        ):
            return True
    return False
