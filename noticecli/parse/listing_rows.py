"""Listing items found by structure: repeated sibling rows that each hold one primary link.

Any vendor, any element: a *row* is a child of a container (``tr`` of a table, ``li`` of a
list, ``div``/``dl``/``p`` of a block, or the link itself in a flat run of links), and a
*list* is the container whose rows each hold one to three links. Every ancestor level of
every link up to :data:`MAX_ROW_LEVELS` is a candidate; the list chosen is the one with the
most dated rows, then the most rows whose links have the URL shape of an article page
(candidates are read largest first, and reading stops when no smaller one can win). Lists
under navigation, headers, footers and sidebars (tags, or class words of
:data:`~noticecli.knowledge_listings.NAV_CLASS_WORDS`), hidden lists (template rows, closed
tabs) and link groups headed 友情链接 / 相关链接 are never items. Look-alike sibling lists
(one list split into several ``ul``) join the chosen one.

A row's date is read, calendar-checked, by :mod:`noticecli.dates`: first from an element
that holds only a date (``<span>[2024-09-10]</span>``, ``<td>发布日期：2024年9月10日</td>``) or
only a date split in two (``<span>10</span><span>2024-09</span>``), then from a date set off
by spaces or brackets in the rest of the row, last from a date at either end of the link
text (``[2024-09-10] 标题``). A date inside the title (关于2024年9月18日…的通告) is never the
row's date, nor is one in a summary that repeats the title.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.dates import find_date, find_split_date
from noticecli.knowledge_listings import (
    ARTICLE_URL_SHAPES,
    LINK_GROUP_HEADINGS,
    MORE_LINK_TEXTS,
    NAV_CLASS_WORDS,
    NAV_TAGS,
    PAGER_FIRST_TEXTS,
    PAGER_LAST_TEXTS,
    PAGER_NEXT_TEXTS,
    PAGER_PREV_TEXTS,
)
from noticecli.models import ListingItem
from noticecli.parse.dom import absolute_url, is_hidden
from noticecli.parse.lines import is_widget_row
from noticecli.parse.listing_inputs import PageLink, collapse, link_title, page_link, skip_href
from noticecli.parse.listing_month_day import (
    MIN_YEARLESS,
    MonthDay,
    element_month_day,
    has_month_day,
    is_dated_list,
)
from noticecli.parse.listing_row_dates import (
    FULL_DATE,
    MONTH_DAY,
    date_at_link_ends,
    flat_side,
    flat_value,
    has_year_digits,
    inner_value,
    row_value,
)

if TYPE_CHECKING:
    from noticecli.rules import SiteRules

# How far above a link its row may be (li > span > a: the li is two levels up; a table per
# row, table > tbody > tr > td > a: the table is four).
MAX_ROW_LEVELS = 4
# A row holds one item: its link, a date, a few words more (a summary, a department).
_MAX_ROW_TEXT = 500
_MAX_ROW_LINKS = 3
_NAV_ANCESTOR_LEVELS = 8
_ROW_TAGS = frozenset({"tr", "li", "dd", "dt", "dl", "record"})
_STOP_TAGS = frozenset({"html", "head", "-document"})
_NOT_ITEMS = frozenset(
    MORE_LINK_TEXTS | PAGER_NEXT_TEXTS | PAGER_LAST_TEXTS | PAGER_FIRST_TEXTS | PAGER_PREV_TEXTS
)


# The knowledge table's patterns are lower-case and case-insensitive: an ASCII value is
# lower-cased and matched case-sensitively (the same answer; a case-insensitive alternation
# costs several times more per character), any other value case-insensitively.
_NAV_TOKEN = r"(?:^|[-_])(?:" + "|".join(NAV_CLASS_WORDS) + r")(?:[-_\d]|$)"
_ARTICLE_URL = "|".join(ARTICLE_URL_SHAPES)


@cache
def _pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(source, flags)


def _is_nav_token(token: str) -> bool:
    if token.isascii():
        return _pattern(_NAV_TOKEN).search(token.lower()) is not None
    return _pattern(_NAV_TOKEN, re.IGNORECASE).search(token) is not None


def _is_article_url(href: str) -> bool:
    if href.isascii():
        return _pattern(_ARTICLE_URL).search(href.lower()) is not None
    return _pattern(_ARTICLE_URL, re.IGNORECASE).search(href) is not None


# --- Candidates --------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    """A link that may be an item: its place in the page and its titles."""

    seq: int
    link: PageLink
    shown: str  # the link text (or the title attribute when there is none)
    title: str  # the best title: the title attribute when the text is cut short
    # Whether the href has the URL shape of an article page; read once (a link is a row of
    # up to five groups), when first asked.
    article_like: bool | None = None

    def links_article(self) -> bool:
        if self.article_like is None:
            self.article_like = _is_article_url(self.link.href)
        return self.article_like


@dataclass(slots=True)
class _Row:
    node: LexborNode
    seq: int
    links: list[_Candidate] = field(default_factory=list)
    # Filled when the row is read (the URL is resolved only for the list chosen).
    href: str = ""
    title: str = ""
    date: str | None = None
    # A date the row prints without a year (09-12), as shown; ``date`` then holds a year
    # only when the item's URL gives it.
    month_day: MonthDay | None = None
    article_like: bool = False

    @property
    def shown(self) -> str | None:
        return self.month_day.shown if self.month_day is not None else None


# The rows under one container, by the row node's mem_id: the row node and the candidate
# links under it (the first one's seq is the row's). Kept as plain tuples for every ancestor
# of every link; a group becomes a _Group only when it is looked at.
_Members = dict[int, tuple[LexborNode, list[_Candidate]]]


@dataclass(slots=True)
class _Group:
    container: LexborNode
    rows: dict[int, _Row]  # by row node mem_id
    usable: list[_Row] = field(default_factory=list)
    read: bool = False
    scored: tuple[int, int, int, int] = (0, 0, 0, 0)

    def score(self) -> tuple[int, int, int, int]:
        return self.scored


@dataclass(slots=True)
class FoundList:
    """The items of the list chosen, in page order, and the element that holds them."""

    items: list[ListingItem]
    container: LexborNode


def find_list(links: list[PageLink], base: str | None) -> FoundList | None:
    """The page's list of items, found by structure (see the module docstring)."""
    candidates = [c for seq, link in enumerate(links) if (c := _candidate(seq, link))]
    holders = _group(candidates)
    made: dict[int, _Group] = {}
    few_articles = _article_urls_at_most(candidates, 2)
    # Largest first: a group with fewer rows than the best list has dated rows cannot beat
    # it, so most small groups are never read.
    order = sorted(
        (
            holder_id
            for holder_id, (_, members) in holders.items()
            if len(members) >= 2 or _single_row_list(members)
        ),
        key=lambda holder_id: len(holders[holder_id][1]),
        reverse=True,
    )
    best: _Group | None = None
    best_score: tuple[int, int, int, int] | None = None
    for holder_id in order:
        if best_score is not None and len(holders[holder_id][1]) < best_score[0]:
            break
        group = _made(holders, made, holder_id)
        if not _may_be_acceptable(group, few_articles):
            continue  # left unread: a look-alike sibling of the list chosen is read then
        _read_group(group)
        score = group.score()
        if not _acceptable(group, score) or (best_score is not None and score <= best_score):
            continue
        if _is_furniture(group.container):
            continue
        best, best_score = group, score
    if best is None:
        return None
    siblings = _look_alike_siblings(best, holders, made)
    rows_in_order = sorted(
        (row for g in (best, *siblings) for row in g.usable), key=lambda r: r.seq
    )
    items = [
        ListingItem(r.title, absolute_url(r.href, base), r.date, r.shown) for r in rows_in_order
    ]
    # A list split over look-alike siblings is held by their common parent.
    holder = best.container.parent if siblings and best.container.parent else best.container
    return FoundList(unique_items(items), holder)


_PAIR = 2


def _acceptable(group: _Group, score: tuple[int, int, int, int]) -> bool:
    """Dated rows (a date without a year counts when three rows show one: see
    :func:`_read_group`), or (undated) three rows or more that link to article-shaped URLs; a list
    of one row only when it is a dated table or list row."""
    dated, liked, rows, _ = score
    if rows == 0 or (dated == 0 and (liked < 3 or rows < 3)):
        return False
    if rows == _PAIR and dated < _PAIR:
        return False  # two rows, one of them undated: a menu beside a dated line, no list
    return rows > 1 or (dated > 0 and group.usable[0].node.tag in _ROW_TAGS)


def _may_be_acceptable(group: _Group, few_articles: bool) -> bool:
    """False when reading the group's rows cannot make it acceptable (an exact test, far
    cheaper than reading them): without three rows whose primary link has an article-shaped
    URL (``few_articles``: the page has fewer than three such links), a list needs a dated
    row, and every date the rows are read for has a year of four digits in the container's
    text (removing a title from a row's text can cut a run of digits but never make one), or,
    in a group of three rows or more, a month-day in it (dates printed without a year)."""
    container_text = group.container.text()
    if has_year_digits(container_text):
        return True
    rows = group.rows.values()
    if len(rows) >= MIN_YEARLESS and has_month_day(container_text):
        return True  # rows that may print their dates without a year (09-12)
    if few_articles or len(rows) < 3:
        return False
    liked = 0
    for row in rows:
        if _primary(row).links_article():
            liked += 1
            if liked >= 3:
                return True
    return False


def _article_urls_at_most(candidates: list[_Candidate], most: int) -> bool:
    """At most ``most`` of the links have an article-shaped URL: one search over all the
    hrefs (no shape spans a line break), not one per link."""
    hrefs = "\n".join(candidate.link.href for candidate in candidates)
    if hrefs.isascii():
        shapes = _pattern(_ARTICLE_URL).finditer(hrefs.lower())
    else:
        shapes = _pattern(_ARTICLE_URL, re.IGNORECASE).finditer(hrefs)
    return sum(1 for _ in itertools.islice(shapes, most + 1)) <= most


def _primary(row: _Row) -> _Candidate:
    """The row's link with the longest title (the first of them)."""
    links = row.links
    return links[0] if len(links) == 1 else max(links, key=_title_length)


def _title_length(candidate: _Candidate) -> int:
    return len(candidate.title)


def _candidate(seq: int, link: PageLink) -> _Candidate | None:
    if skip_href(link.href):
        return None
    shown, title = link_title(link.text, link.attrs)
    if not title or title.isdigit() or title.lower() in _NOT_ITEMS:
        return None
    if is_widget_row(title):
        # A top bar's or footer's link (注册, 长者模式, 网站地图): never a notice. Whole-line
        # footer patterns (…ICP备…, 欢迎访问…网站) are not asked: notices are titled so.
        return None
    return _Candidate(seq, link, shown, title)


def _group(candidates: list[_Candidate]) -> dict[int, tuple[LexborNode, _Members]]:
    """Every (container, row) pair above every candidate link, up to MAX_ROW_LEVELS: each
    container (by mem_id, in the order first met) with its rows."""
    holders: dict[int, tuple[LexborNode, _Members]] = {}
    # The links of a list share their ancestors: each node's parent (its id and tag) is
    # read from the tree once, not once per link below it.
    steps: dict[int, tuple[LexborNode | None, int, str | None]] = {}
    for candidate in candidates:
        node = candidate.link.node
        node_id = node.mem_id
        for _ in range(MAX_ROW_LEVELS + 1):
            step = steps.get(node_id)
            if step is None:
                parent = node.parent
                step = steps[node_id] = (
                    (parent, parent.mem_id, parent.tag) if parent is not None else (None, 0, None)
                )
            parent, parent_id, parent_tag = step
            if parent is None or parent_tag in _STOP_TAGS:
                break
            holder = holders.get(parent_id)
            if holder is None:
                holder = holders[parent_id] = (parent, {})
            member = holder[1].get(node_id)
            if member is None:
                holder[1][node_id] = (node, [candidate])
            else:
                member[1].append(candidate)
            if parent_tag == "body":
                break
            node, node_id = parent, parent_id
    return holders


def _made(
    holders: dict[int, tuple[LexborNode, _Members]], made: dict[int, _Group], holder_id: int
) -> _Group:
    """The group of the container ``holder_id``, made once."""
    group = made.get(holder_id)
    if group is None:
        container, members = holders[holder_id]
        rows = {key: _Row(node, links[0].seq, links) for key, (node, links) in members.items()}
        group = made[holder_id] = _Group(container, rows)
    return group


def _single_row_list(members: _Members) -> bool:
    """A list of one row (a column with one notice so far) is worth reading when the row is
    a table or list row."""
    ((node, _),) = members.values()
    return node.tag in _ROW_TAGS


def _read_group(group: _Group) -> None:
    """Read the rows that hold one item each. Rows with many links or much text are blocks
    of a page section; when they are most of the group, the group is no list."""
    group.read = True
    rows = list(group.rows.values())
    flat = all(row.node.tag == "a" for row in rows)
    anchors = {row.node.mem_id for row in rows} if flat else set()
    side = flat_side(FULL_DATE, group.container, anchors) if flat else None
    month_day_side: str | None = ""  # read for the first flat row without a full date
    text_cache: dict[int, str] = {}
    usable: list[_Row] = []
    blocks = 0
    for row in rows:
        if is_hidden(row.node):
            continue
        if len({c.link.href for c in row.links}) > _MAX_ROW_LINKS:
            blocks += 1
            continue
        text = _text(row.node, text_cache)
        if len(text) > _MAX_ROW_TEXT:
            blocks += 1
            continue
        primary = _primary(row)
        anchor, shown = primary.link.node, primary.shown
        title, date = inner_value(FULL_DATE, anchor, shown, primary.title)
        if not title:
            continue
        if date is None and flat:
            date = flat_value(FULL_DATE, row.node, side)  # the link is the row: its date beside
        elif date is None and has_year_digits(text):
            date = row_value(FULL_DATE, row.node, anchor, (shown, primary.title), text)
        if date is None and has_year_digits(shown):
            date = date_at_link_ends(shown)
        month_day = None
        if date is None:
            if flat:
                if month_day_side == "":
                    month_day_side = flat_side(MONTH_DAY, group.container, anchors)
                month_day = flat_value(MONTH_DAY, row.node, month_day_side)
            else:
                title, month_day = inner_value(MONTH_DAY, anchor, shown, title)
                if month_day is None:
                    month_day = row_value(MONTH_DAY, row.node, anchor, (shown, primary.title), text)
        row.href, row.title, row.date, row.month_day = primary.link.href, title, date, month_day
        row.article_like = primary.links_article()
        usable.append(row)
    group.usable = usable if blocks <= len(usable) else []
    # Dates without a year are dates only with the evidence of a dated list (enough rows, in
    # date order, not contradicted by the rows' URLs): else they are numbers (a score, a part).
    yearless = [row for row in group.usable if row.month_day is not None]
    if yearless and not is_dated_list(
        [row.month_day for row in yearless if row.month_day is not None],
        [_primary(row).link.href for row in yearless],
        len(group.usable),
    ):
        for row in yearless:
            row.month_day = None
        yearless = []
    group.scored = (
        sum(1 for row in group.usable if row.date) + len(yearless),
        sum(1 for row in group.usable if row.article_like),
        len(group.usable),
        sum(len(row.title) for row in group.usable),
    )


# --- Choosing ------------------------------------------------------------------------------


def _look_alike_siblings(
    group: _Group, holders: dict[int, tuple[LexborNode, _Members]], made: dict[int, _Group]
) -> list[_Group]:
    """Lists beside the chosen one with the same element and class: one list split in parts."""
    parent = group.container.parent
    if parent is None:
        return []
    signature = _signature(group.container)
    siblings = []
    for holder_id, (container, _) in holders.items():
        if (
            holder_id == group.container.mem_id
            or container.parent is None
            or container.parent.mem_id != parent.mem_id
            or _signature(container) != signature
        ):
            continue
        other = _made(holders, made, holder_id)
        if not other.read:
            _read_group(other)
        if other.score()[:2] != (0, 0):
            siblings.append(other)
    return siblings


def _signature(node: LexborNode) -> tuple[str, str]:
    return node.tag or "", (node.attributes.get("class") or "").strip()


def _is_furniture(container: LexborNode) -> bool:
    """Navigation, header, footer, sidebar, a hidden element, or a link group headed 友情链接
    and the like."""
    current: LexborNode | None = container
    for _ in range(_NAV_ANCESTOR_LEVELS):
        if current is None or current.tag in ("body", "html"):
            break
        if current.tag in NAV_TAGS or is_hidden(current):
            return True  # furniture, or a list nobody sees (a template row, a closed tab)
        attrs = current.attributes
        for name in ("class", "id"):
            for token in (attrs.get(name) or "").split():
                if _is_nav_token(token):
                    return True
        current = current.parent
    return _has_link_group_heading(container)


def _has_link_group_heading(container: LexborNode) -> bool:
    heads = [_collapsed_head(container.text(separator=" "), 12)]
    for node in (container, container.parent):
        sibling = node.prev if node is not None else None
        while sibling is not None and sibling.tag == "-text" and not (sibling.text() or "").strip():
            sibling = sibling.prev
        if sibling is not None:
            heads.append(collapse(sibling.text(separator=" "))[:12])
    return any(head.startswith(word) for head in heads for word in LINK_GROUP_HEADINGS)


def _collapsed_head(text: str, size: int) -> str:
    """``collapse(text)[:size]`` without collapsing all of a long text: collapsing a prefix
    gives a prefix of the collapsed whole (its last word may be cut, never changed)."""
    prefix = collapse(text[: size * 8])
    return prefix[:size] if len(prefix) >= size else collapse(text)[:size]


def unique_items(items: list[ListingItem]) -> list[ListingItem]:
    """``items`` in order, each URL once (its first item)."""
    seen: set[str] = set()
    out: list[ListingItem] = []
    for item in items:
        if item.url not in seen:
            seen.add(item.url)
            out.append(item)
    return out


def _text(node: LexborNode, cache: dict[int, str]) -> str:
    key = node.mem_id
    text = cache.get(key)
    if text is None:
        text = cache[key] = collapse(node.text(separator=" "))
    return text


# --- Fragments and the site's own selectors ------------------------------------------------


def comment_fragment(html: str) -> LexborHTMLParser:
    """An HTML fragment (a comment's content, say) parsed as a page's body."""
    return LexborHTMLParser(f"<html><body>{html}</body></html>")


def fragment_items(fragment: LexborHTMLParser, base: str | None) -> list[ListingItem]:
    """The items of a parsed HTML fragment that is one list (see :func:`comment_fragment`)."""
    found = find_list([page_link(a) for a in fragment.css("a[href]")], base)
    return found.items if found is not None else []


def row_item(row: LexborNode, base: str | None) -> ListingItem | None:
    """The item of one row known to be one (a Hanweb datastore record): its longest link,
    read like any row."""
    candidates = [
        c
        for seq, anchor in enumerate(row.css("a[href]"))
        if (c := _candidate(seq, page_link(anchor)))
    ]
    if not candidates:
        return None
    primary = max(candidates, key=lambda c: len(c.title))
    anchor, shown = primary.link.node, primary.shown
    title, date = inner_value(FULL_DATE, anchor, shown, primary.title)
    if date is None:
        text = collapse(row.text(separator=" "))
        date = row_value(FULL_DATE, row, anchor, (shown, primary.title), text)
    if date is None:
        date = date_at_link_ends(shown)
    return ListingItem(title, absolute_url(primary.link.href, base), date)


def selected_items(
    tree: LexborHTMLParser, base: str | None, selectors: SiteRules
) -> list[ListingItem]:
    """One item per row that ``selectors.items`` picks: its link (``selectors.link``, else the
    row's first ``a[href]``; the title attribute, else the link text, is the title) and the
    date found in ``selectors.date``, when given (a date without a year, ``[09-12]``, is kept
    in ``date_shown`` as on rows found by structure)."""
    items: list[ListingItem] = []
    for row in tree.css(selectors.items or ""):
        link = row.css_first(selectors.link or "a[href]")
        if link is None:
            continue
        attrs = link.attributes
        href = (attrs.get("href") or "").strip()
        if skip_href(href):
            continue
        date = month_day = None
        if selectors.date:
            date_node = row.css_first(selectors.date)
            if date_node is not None:
                shown = collapse(date_node.text(separator=" "))
                date = find_date(shown) or find_split_date(shown)
                if date is None:
                    month_day = element_month_day(shown)  # [09-12]: the year comes later
        title = collapse(attrs.get("title") or link.text())
        items.append(
            ListingItem(
                title,
                absolute_url(href, base),
                date,
                month_day.shown if month_day is not None else None,
            )
        )
    return unique_items(items)
