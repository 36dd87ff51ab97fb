"""Listing pages (column indexes): the notices a page links to, and the pages after it.

The one listing extractor: the parser, ``noticecli crawl`` and ``noticecli sites check`` all
read listings here, through the pipeline (decode, nesting and binary checks first).

A site's own selectors (:class:`~noticecli.rules.SiteRules` ``items``/``link``/``date``, from
the sites file) replace the item sources below when given; the pager is read either way.
Otherwise, item sources, tried together and ranked by how many dated items each yields:

* HTML rows: a link plus a date in the same ``tr`` / ``li`` / ``dd`` / ``dt`` / ``dl`` /
  Hanweb ``record`` (or a short generic element around the link). Rows are grouped by their
  parent container; the container with the most dated rows wins (plus look-alike sibling
  containers, for lists split into several ``ul``). Nav menus, footers and portal pages have
  links but no dates, so they do not win; containers under nav/header/footer are skipped.
* Hanweb ``<datastore><record><![CDATA[ <li>…</li> ]]></record></datastore>`` inside a
  ``<script type="text/xml">``: the CDATA is HTML, parsed as one fragment.
* Inline JSON lists (``articleList`` / ``listData``), with ``urls`` a JSON string holding ``pc``.

A list that only exists in an HTML comment, a client-side template or an empty container fed
by a list script is reported as ``js_rendered`` (with a warning), never as items.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.dates import date_in_text, find_date, iso_date
from noticecli.knowledge import (
    ARTICLE_URL_SHAPES,
    LIST_HEAD_DATE,
    LIST_HEAD_TITLE,
    LIST_LOADER_CALLS,
    LIST_SCRIPT_NAMES,
    MORE_LINK_TEXTS,
    NAV_CLASS_WORDS,
    PAGER_INPUT_NAMES,
    PAGER_LAST_TEXTS,
    PAGER_NEXT_TEXTS,
)
from noticecli.models import ListingItem
from noticecli.parse.article import has_article_body
from noticecli.parse.dom import absolute_url, document_base_url

if TYPE_CHECKING:
    from noticecli.rules import SiteRules

ListingSource = Literal["html", "datastore", "json", "selectors"]


@dataclass(slots=True)
class ListingPage:
    items: list[ListingItem]
    next_urls: list[str]
    page_count: int | None
    js_rendered: bool
    warnings: list[tuple[str, str]]
    # Where the items came from; "json" lists and the site's own selectors count as a
    # listing even when short.
    source: ListingSource | None = None


# A date written in a row (2020-08-05, 2020.8.5, 2020年8月5日): its shape marks a row; its
# value is read, calendar-checked, by noticecli.dates.
_DATE = date_in_text()
_ROW_TAGS = frozenset({"li", "tr", "dd", "dt", "record"})
# Climbing stops here: above these the element holds many rows, not one.
_STOP_TAGS = frozenset({"ul", "ol", "table", "tbody", "thead", "dl", "body", "html", "recordset"})
_GENERIC_ROW_TAGS = frozenset({"div", "p", "span", "h2", "h3", "h4", "h5", "em", "strong"})
_MAX_ROW_TEXT = 400
_MAX_GENERIC_EXTRA = 40
_MAX_LAYOUT_ROW_TEXT = 1000
_NAV_TAGS = frozenset({"nav", "header", "footer"})
_NAV_TOKEN = re.compile(
    r"(?:^|[-_])(?:" + "|".join(NAV_CLASS_WORDS) + r")(?:[-_\d]|$)", re.IGNORECASE
)
_NAV_ANCESTOR_LEVELS = 8
_ARTICLE_URL = re.compile("|".join(ARTICLE_URL_SHAPES), re.IGNORECASE)
_TRUNCATED = ("…", "...", "。。。")

_PAGER_WRAPPERS = frozenset({"li", "span", "em", "b", "font", "strong"})
_PAGE_TOTAL = re.compile(r"共\s*(?:计|有)?\s*(\d+)\s*页")

_CREATE_PAGE = re.compile(
    r"createPageHTML\(\s*(?:['\"][^'\"]*['\"]\s*,\s*)?(\d+)\s*,\s*(\d+)\s*,"
    r"\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]"
)
_COUNT_PAGE = re.compile(r"\bcountPage\s*=\s*(\d+)")
_CURRENT_PAGE = re.compile(r"\bcurrentPage\s*=\s*(\d+)")
_JS_CONCAT = re.compile(r"[\"']\s*\+\s*[\"']")
_TRS_NAME = re.compile(r"([\w-]+)_[\"']\s*\+\s*\w+\s*\+\s*[\"']\.(s?html?)")
_TOTAL_RECORD = re.compile(r"\btotalRecord\s*[:=]\s*['\"]?(\d+)")
_PER_PAGE = re.compile(r"\bperPage\s*[:=]\s*['\"]?(\d+)")

# Starts with the names themselves, so the regex engine can skip ahead to them rather than
# try every position of a long script; the word boundary before a name is checked in
# _json_items.
_JSON_LIST = re.compile(r"(?:articleList|listData)\b[\"']?\s*[:=]\s*\[")
_JSON_DATE_KEYS = ("pubDate", "publishDate", "pubdate", "publishTime", "date", "docDate")
_JSON_URL_KEYS = ("url", "link", "href", "docUrl")

_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL | re.IGNORECASE)
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


def extract_listing(
    tree: LexborHTMLParser,
    page_url: str | None,
    *,
    article: bool | None = None,
    selectors: SiteRules | None = None,
) -> ListingPage:
    """The items, pager and JS-rendering state of ``tree`` (any page; see :func:`is_listing`).

    ``page_url`` is the page's own address; links resolve against its ``<base>`` as on
    article pages. ``article`` is :func:`has_article_body` when the caller already knows it.
    ``selectors`` with ``items`` set: the items are the rows it selects, and only those.
    """
    warnings: list[tuple[str, str]] = []
    base = document_base_url(tree, page_url)
    links = [_link(anchor) for anchor in tree.css("a[href]")]
    scripts = _scripts(tree)

    candidates: list[tuple[ListingSource, list[ListingItem]]] = []
    json_failed = False
    if selectors is not None and selectors.items:
        selected = _selected_items(tree, base, selectors)
        if selected:
            candidates.append(("selectors", selected))
        _, hanweb_uid = _datastore_items(scripts, base)  # the Hanweb pager needs its unit id
    else:
        html_items = _html_items(links, base)
        if html_items:
            candidates.append(("html", html_items))
        store_items, hanweb_uid = _datastore_items(scripts, base)
        if store_items:
            candidates.append(("datastore", store_items))
        json_items, json_failed = _json_items(scripts, base, warnings)
        if json_items:
            candidates.append(("json", json_items))

    source: ListingSource | None = None
    items: list[ListingItem] = []
    if candidates:
        # Most dated items wins; explicit list data (datastore, JSON) wins ties.
        rank = {"html": 0, "datastore": 1, "json": 1, "selectors": 2}
        source, items = max(
            candidates, key=lambda c: (sum(1 for i in c[1] if i.date), rank[c[0]], len(c[1]))
        )

    next_urls, page_count = _pager(scripts, links, base, page_url, hanweb_uid)

    js_rendered = False
    if not items and not (article if article is not None else has_article_body(tree)):
        reason = "the list data could not be read" if json_failed else _js_list_hint(tree, scripts)
        if reason:
            js_rendered = True
            warnings.append(
                ("listing_js_rendered", f"the list is filled by JavaScript ({reason}); no items")
            )
    return ListingPage(items, next_urls, page_count, js_rendered, warnings, source)


def is_listing(
    tree: LexborHTMLParser, listing: ListingPage, *, article: bool | None = None
) -> bool:
    """True when the page is a list of notices rather than one notice (or a portal).

    A page with an article body or an index-number header grid is a notice, whatever it
    links to. Otherwise it is a listing when it has three dated items in one list, a parsed
    JSON article list, a JS-filled list (``js_rendered``), or at least one dated item plus a
    pager or a 名称…日期 list-table head. Undated link lists (guide portals, department
    directories, nav menus) are not listings of notices.

    ``article`` is :func:`has_article_body` when the caller already knows it.
    """
    if article if article is not None else has_article_body(tree):
        return False
    if listing.js_rendered:
        return True
    if listing.source in ("json", "selectors") and listing.items:
        return True
    dated = sum(1 for item in listing.items if item.date)
    if dated >= 3:
        return True
    if dated >= 1:
        paged = bool(listing.next_urls) or (listing.page_count or 0) > 1
        return paged or _has_list_table_head(tree)
    return False


# --- HTML rows -------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    seq: int
    item: ListingItem
    title_len: int
    article_like: bool


@dataclass(slots=True)
class _Group:
    container: LexborNode
    rows: dict[int, _Row] = field(default_factory=dict)  # by row node mem_id

    def score(self) -> tuple[int, int, int]:
        dated = sum(1 for r in self.rows.values() if r.item.date)
        liked = sum(1 for r in self.rows.values() if r.article_like)
        return dated, liked, len(self.rows)


class _Link(NamedTuple):
    """A link as the row and pager readers need it, read from the tree once."""

    node: LexborNode
    attrs: dict[str, str | None]
    href: str  # stripped
    text: str  # collapsed


def _link(anchor: LexborNode) -> _Link:
    attrs = anchor.attributes
    href = (attrs.get("href") or "").strip()
    return _Link(anchor, attrs, href, _collapse(anchor.text(separator=" ")))


def _html_items(links: list[_Link], base: str | None) -> list[ListingItem]:
    groups = _group_rows(links, base)
    ranked = sorted(groups.values(), key=lambda g: g.score(), reverse=True)
    for group in ranked:
        dated, liked, _ = group.score()
        if dated == 0 and liked < 3:
            break
        if _under_nav(group.container):
            continue
        chosen = [group, *_look_alike_siblings(group, groups.values())]
        rows = sorted((r for g in chosen for r in g.rows.values()), key=lambda r: r.seq)
        return _dedupe([r.item for r in rows])
    return []


def _group_rows(links: list[_Link], base: str | None) -> dict[int, _Group]:
    groups: dict[int, _Group] = {}
    row_text: dict[int, str] = {}
    for seq, (anchor, attrs, href, link) in enumerate(links):
        if _skip_href(href):
            continue
        title, full_title = _title_of(link, attrs)
        if not title or title.lower() in MORE_LINK_TEXTS or title.isdigit():
            continue
        found = _row_of(anchor, link, row_text)
        if found is None:
            continue
        row, text = found
        date = _row_date(text, link)
        container = row.parent
        if container is None:
            continue
        if date is None and row.tag not in _ROW_TAGS:
            continue  # a generic element only counts as a row when it carries a date
        url = absolute_url(href, base)
        group = groups.setdefault(container.mem_id, _Group(container))
        known = group.rows.get(row.mem_id)
        # One item per row: the longest link text is the title (not "[部门]" or "PDF").
        if known is not None and known.title_len >= len(title):
            continue
        group.rows[row.mem_id] = _Row(
            known.seq if known else seq,
            ListingItem(full_title, url, date),
            len(title),
            bool(_ARTICLE_URL.search(href)),
        )
    return groups


def _row_of(anchor: LexborNode, link: str, cache: dict[int, str]) -> tuple[LexborNode, str] | None:
    """The row element around ``anchor`` (whose collapsed text is ``link``) and its text."""
    node = anchor.parent
    generic_row: LexborNode | None = None
    for level in range(5):
        if node is None or node.tag in _STOP_TAGS:
            break
        if node.tag in _ROW_TAGS:
            text = _text_of(node, cache)
            if len(text) > _MAX_LAYOUT_ROW_TEXT:
                return None  # a layout-table row around a whole page section, not an item
            if node.tag in {"dd", "dt"} and not _DATE.search(text):
                # <dl><dt><a/></dt><dd>date</dd></dl> repeated: the dl is the row.
                dl = node.parent
                if dl is not None and dl.tag == "dl":
                    dl_text = _text_of(dl, cache)
                    if len(dl_text) <= _MAX_ROW_TEXT and _DATE.search(dl_text):
                        return dl, dl_text
            return node, text
        # A generic element is a row only close to the link and when it holds little else
        # than the link and a date (not a breadcrumb above an article's date line).
        if generic_row is None and level < 2 and node.tag in _GENERIC_ROW_TAGS:
            text = _text_of(node, cache)
            rest = text.replace(link, "", 1) if link else text
            if (
                len(text) <= _MAX_ROW_TEXT
                and len(rest) <= _MAX_GENERIC_EXTRA
                and _DATE.search(rest)
            ):
                generic_row = node
        node = node.parent
    if generic_row is not None:
        return generic_row, _text_of(generic_row, cache)
    return None


def _text_of(node: LexborNode, cache: dict[int, str]) -> str:
    key = node.mem_id
    text = cache.get(key)
    if text is None:
        text = _collapse(node.text(separator=" "))
        cache[key] = text
    return text


def _row_date(row_text: str, link_text: str) -> str | None:
    # A date inside the title ("关于2020年1月1日起…") is not the publication date: look
    # outside the link first, then only at the link's ends ("[2020-01-01] 标题").
    outside = row_text.replace(link_text, " ", 1) if link_text else row_text
    iso = find_date(outside)
    if iso is not None:
        return iso
    match = _DATE.search(link_text)
    if match is not None and (match.start() <= 2 or match.end() >= len(link_text) - 2):
        return iso_date(match)
    return None


def _look_alike_siblings(group: _Group, groups: Iterable[_Group]) -> list[_Group]:
    parent = group.container.parent
    if parent is None:
        return []
    signature = _signature(group.container)
    return [
        other
        for other in groups
        if other is not group
        and other.container.parent is not None
        and other.container.parent.mem_id == parent.mem_id
        and _signature(other.container) == signature
        and other.score()[:2] != (0, 0)
    ]


def _signature(node: LexborNode) -> tuple[str, str]:
    return node.tag or "", (node.attributes.get("class") or "").strip()


def _under_nav(node: LexborNode) -> bool:
    current: LexborNode | None = node
    for _ in range(_NAV_ANCESTOR_LEVELS):
        if current is None or current.tag in {"body", "html"}:
            return False
        if current.tag in _NAV_TAGS:
            return True
        attrs = current.attributes
        for name in ("class", "id"):
            for token in (attrs.get(name) or "").split():
                if _NAV_TOKEN.search(token):
                    return True
        current = current.parent
    return False


def _dedupe(items: list[ListingItem]) -> list[ListingItem]:
    seen: set[str] = set()
    out: list[ListingItem] = []
    for item in items:
        if item.url not in seen:
            seen.add(item.url)
            out.append(item)
    return out


# --- The site's own selectors ----------------------------------------------------------


def _selected_items(
    tree: LexborHTMLParser, base: str | None, selectors: SiteRules
) -> list[ListingItem]:
    """One item per row that ``selectors.items`` picks: its link (``selectors.link``, else the
    row's first ``a[href]``; the title attribute, else the link text, is the title) and the
    date found in ``selectors.date``, when given."""
    items: list[ListingItem] = []
    for row in tree.css(selectors.items or ""):
        link = row.css_first(selectors.link or "a[href]")
        if link is None:
            continue
        attrs = link.attributes
        href = (attrs.get("href") or "").strip()
        if _skip_href(href):
            continue
        date = None
        if selectors.date:
            date_node = row.css_first(selectors.date)
            date = find_date(date_node.text()) if date_node is not None else None
        title = _collapse(attrs.get("title") or link.text())
        items.append(ListingItem(title, absolute_url(href, base), date))
    return _dedupe(items)


# --- Scripts ---------------------------------------------------------------------------


class _Script(NamedTuple):
    node: LexborNode
    src: str | None
    type: str  # stripped, lower-cased
    text: str


def _scripts(tree: LexborHTMLParser) -> list[_Script]:
    """Every ``<script>`` once: four of the readers below look at them all."""
    scripts = []
    for node in tree.css("script"):
        attrs = node.attributes
        kind = (attrs.get("type") or "").strip().lower()
        scripts.append(_Script(node, attrs.get("src"), kind, node.text()))
    return scripts


# --- Hanweb datastore ------------------------------------------------------------------


def _datastore_items(scripts: list[_Script], base: str | None) -> tuple[list[ListingItem], str]:
    """Items from ``<script type="text/xml"><datastore>`` blocks, and the Hanweb unit id."""
    records: list[str] = []
    uid = ""
    for script in scripts:
        text = script.text
        if "<datastore" not in text.lower():
            continue
        found = _RECORD.findall(text)
        records.extend(found)
        parent = script.node.parent
        if found and not uid and parent is not None:
            uid = (parent.attributes.get("id") or "").strip()
    if not records:
        return [], uid
    # The records are HTML: parse them once, each in its own wrapper so each is one row.
    fragment = LexborHTMLParser(
        "<body>" + "".join(f"<div class='r'>{r}</div>" for r in records) + "</body>"
    )
    items: list[ListingItem] = []
    for wrapper in fragment.css("body > div.r"):
        best: tuple[int, ListingItem] | None = None
        text = _collapse(wrapper.text(separator=" "))
        for anchor in wrapper.css("a[href]"):
            _, attrs, href, link = _link(anchor)
            if _skip_href(href):
                continue
            title, full_title = _title_of(link, attrs)
            if not title or (best is not None and best[0] >= len(title)):
                continue
            date = _row_date(text, link)
            best = (len(title), ListingItem(full_title, absolute_url(href, base), date))
        if best is not None:
            items.append(best[1])
    return _dedupe(items), uid


# --- Inline JSON -----------------------------------------------------------------------


def _json_items(
    scripts: list[_Script], base: str | None, warnings: list[tuple[str, str]]
) -> tuple[list[ListingItem], bool]:
    """Items from ``articleList: [...]`` / ``listData = [...]`` in inline scripts."""
    items: list[ListingItem] = []
    failed = False
    decoder = json.JSONDecoder()
    for script in scripts:
        if script.src:
            continue
        text = script.text
        if "articleList" not in text and "listData" not in text:
            continue
        for match in _JSON_LIST.finditer(text):
            before = text[match.start() - 1] if match.start() else ""
            if before.isalnum() or before == "_":
                continue  # part of a longer name (myarticleList)
            try:
                value, _ = decoder.raw_decode(text, match.end() - 1)
            except ValueError as exc:
                failed = True
                warnings.append(("listing_json_invalid", f"inline article list is not JSON: {exc}"))
                continue
            if isinstance(value, list):
                for entry in value:
                    item = _json_item(entry, base) if isinstance(entry, dict) else None
                    if item is not None:
                        items.append(item)
    return _dedupe(items), failed and not items


def _json_item(entry: dict[str, Any], base: str | None) -> ListingItem | None:
    title = entry.get("title")
    if not isinstance(title, str) or not _collapse(title):
        return None
    url = _json_url(entry)
    if url is None or _skip_href(url):
        return None
    date: str | None = None
    for key in _JSON_DATE_KEYS:
        value = entry.get(key)
        if isinstance(value, str) and (date := find_date(value)) is not None:
            break
    return ListingItem(_collapse(title), absolute_url(url, base), date)


def _json_url(entry: dict[str, Any]) -> str | None:
    urls = entry.get("urls")
    if isinstance(urls, str):
        try:
            urls = json.loads(urls)
        except ValueError:
            urls = None
    if isinstance(urls, dict) and isinstance(urls.get("pc"), str) and urls["pc"].strip():
        return str(urls["pc"]).strip()
    for key in _JSON_URL_KEYS:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


# --- Pager -----------------------------------------------------------------------------


# The following pages listed per listing page (page_count says how many there are): a crawl
# follows only the next one, and listing them all made a long walk quadratic.
MAX_NEXT_PAGES = 50


def _pager(
    scripts: list[_Script],
    links: list[_Link],
    base: str | None,
    page_url: str | None,
    hanweb_uid: str,
) -> tuple[list[str], int | None]:
    urls: list[str] = []
    page_count: int | None = None
    current = 1  # 1-based number of this page
    for script in scripts:
        if script.src:
            continue
        text = script.text
        if "countPage" in text or "createPageHTML" in text:
            trs = _trs_pager(text)
            if trs is not None:
                count, current0, prefix, ext = trs
                page_count, current = count, current0 + 1
                last = min(count, current + MAX_NEXT_PAGES)
                urls.extend(absolute_url(f"{prefix}_{n}.{ext}", base) for n in range(current, last))
        elif hanweb_uid and "totalRecord" in text:
            total, per = _TOTAL_RECORD.search(text), _PER_PAGE.search(text)
            if total and per and int(per.group(1)) > 0:
                page_count = max(1, math.ceil(int(total.group(1)) / int(per.group(1))))
                current = _query_page(page_url) or 1
                stem = (page_url or "").split("?", 1)[0].split("#", 1)[0]
                last = min(page_count, current + MAX_NEXT_PAGES)
                urls.extend(
                    f"{stem}?uid={hanweb_uid}&pageNum={n}" for n in range(current + 1, last + 1)
                )
    if page_count is None:
        current = _query_page(page_url) or current

    # A script pager is authoritative; its rendered output (saved pages keep it) would only
    # repeat the same pages, in a differently resolved form when base_url is unknown.
    if not urls:
        rendered, rendered_count = _rendered_pager(links, base, current)
        urls.extend(rendered)
        if page_count is None:
            page_count = rendered_count
    own = {page_url, base} - {None}
    seen: set[str] = set()
    out: list[str] = []
    for url in urls:
        if url not in seen and url not in own:
            seen.add(url)
            out.append(url)
    return out, page_count


def _trs_pager(script: str) -> tuple[int, int, str, str] | None:
    match = _CREATE_PAGE.search(script)
    if match is not None:
        return int(match.group(1)), int(match.group(2)), match.group(3), match.group(4)
    count = _COUNT_PAGE.search(script)
    if count is None:
        return None
    current = _CURRENT_PAGE.search(script)
    # The pager writes hrefs as "index"+"_"+n+"."+"html": join the pieces to read the name.
    name = _TRS_NAME.search(_JS_CONCAT.sub("", script))
    prefix, ext = (name.group(1), name.group(2)) if name else ("index", "html")
    return int(count.group(1)), int(current.group(1)) if current else 0, prefix, ext


def _query_page(url: str | None) -> int | None:
    if not url:
        return None
    for key, values in parse_qs(urlsplit(url).query).items():
        if key.lower() in {"pagenum", "page", "pageno"} and values and values[0].isdigit():
            return int(values[0])
    return None


def _rendered_pager(
    links: list[_Link], base: str | None, current: int
) -> tuple[list[str], int | None]:
    """下一页 / numbered / 尾页 links as rendered in the page (server-side or saved DOM)."""
    pager_boxes: set[int] = set()
    next_links: list[tuple[int, str]] = []
    numbered: list[tuple[int, int, str, int]] = []  # seq, number, url, pager box id
    count: int | None = None
    for seq, (anchor, _, href, link) in enumerate(links):
        text = link.lower()
        if not text or len(text) > 6:
            continue
        if _skip_href(href):
            continue
        box = _pager_box(anchor)
        box_id = box.mem_id if box is not None else 0
        if text in PAGER_NEXT_TEXTS or text in PAGER_LAST_TEXTS:
            next_links.append((seq, absolute_url(href, base)))
            pager_boxes.add(box_id)
            if count is None and box is not None:
                total = _PAGE_TOTAL.search(_collapse(box.text(separator=" ")))
                count = int(total.group(1)) if total else None
        elif text.isdigit():
            numbered.append((seq, int(text), absolute_url(href, base), box_id))
    following = [
        (seq, url) for seq, num, url, box in numbered if box in pager_boxes and num > current
    ]
    return [url for _, url in sorted(following + next_links)], count


def _pager_box(anchor: LexborNode) -> LexborNode | None:
    """The element holding the whole pager: above per-link wrappers (``<li><a>2</a></li>``)."""
    node = anchor.parent
    for _ in range(3):
        if node is None or node.tag not in _PAGER_WRAPPERS:
            break
        node = node.parent
    return node


# --- JS-rendered lists -----------------------------------------------------------------


def _js_list_hint(tree: LexborHTMLParser, scripts: list[_Script]) -> str | None:
    """Why the list looks JS-filled, or None. Only asked when no items were found."""
    body = tree.body
    if body is None:
        return None
    for node in body.traverse(include_text=True):
        if node.is_comment_node:
            content = node.comment_content or ""
            if len(_LINK_IN_COMMENT.findall(content)) >= 2 and (len(_DATE.findall(content)) >= 2):
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
        if not any(child.is_element_node for child in node.iter()) and not _collapse(node.text()):
            return True
    return False


def _has_list_loader(tree: LexborHTMLParser, scripts: list[_Script]) -> bool:
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
        cells = [_collapse(c.text()) for c in row.iter() if c.tag == "th"]
        if (
            cells
            and any(_LIST_HEAD_TITLE.match(c) for c in cells)
            and any(_LIST_HEAD_DATE.search(c) for c in cells)
        ):
            return True
    return False


# --- Small helpers ---------------------------------------------------------------------


def _collapse(text: str | None) -> str:
    return " ".join((text or "").split())  # the same as \s+ → " " and strip, faster


def _skip_href(href: str) -> bool:
    lowered = href.lower()
    return not href or lowered.startswith(("javascript:", "#", "mailto:", "tel:", "about:"))


def _title_of(text: str, attrs: dict[str, str | None]) -> tuple[str, str]:
    """(title, best title) of a link with collapsed text ``text`` and attributes ``attrs``:
    the best title is the title attribute when the text is cut or missing."""
    attr = _collapse(attrs.get("title"))
    if attr and (not text or (text.endswith(_TRUNCATED) and len(attr) >= len(text) - 3)):
        return text or attr, attr
    return text, text
