"""The notice's title, chosen by agreement between the places a page names it.

Candidates are the visible title-like elements before the body (headings, elements whose
class or id says title), and, for want of one, the ``ArticleTitle`` / ``og:title`` /
``<meta name="title">`` tags and the parts of ``<title>`` between separators. A candidate
gains support from every other source that names it (``<title>`` holding it, a meta tag or
a labelled 标题 saying the same); the best supported visible one wins, the nearest the body
among equals. The site's or the column's own name is never the title when anything else is
offered: names given by ``SiteName``/``ColumnName``/``og:site_name``, by the logo, by the
footer's 主办单位, and text shaped like a unit's name (…政府采购网, …中心). A label
(``ArticleTitle`` = 项目名称) is never a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.chrome_words import BREADCRUMB_TEXT
from noticecli.dates import parse_date
from noticecli.fields import PUBLISHED_KEYS
from noticecli.knowledge import (
    COLUMN_META_NAMES,
    COLUMN_NAME_SUFFIXES,
    SITE_GREETING,
    SITE_META_NAMES,
    SITE_NAME_SUFFIXES,
    TITLE_CANDIDATES,
    TITLE_META_NAMES,
    TITLE_SITE_SEPARATOR,
    TITLE_WORDS,
)
from noticecli.labels import compact_label, key_for, split_label_pairs, vocabulary
from noticecli.models import HeaderField
from noticecli.parse.dom import (
    MARKUP_TAG,
    clean_text,
    comes_before,
    compact,
    find_tags,
    first_tag,
    iter_visible,
    visible_path,
    visible_text,
)
from noticecli.parse.head_tags import Attributes, HeadTags
from noticecli.parse.lines import is_org_line
from noticecli.parse.title_block import bracketed, centred_line, names_title

_MIN_CHARS = 4
_MAX_CHARS = 200
# Column names (通知公告, 工作动态) are short; a title this short is rare.
_SHORT = 8
# Candidates looked at, at most: a page with hundreds of .title list items is a listing.
_MAX_CANDIDATES = 30
# The body's first blocks in which its opening heading is looked for.
_OPENING_BLOCKS = 2
_OPENING_TAGS = frozenset({"h1", "h2", "h3", "h4", "strong", "b"})
_LINK_TAG = frozenset({"a"})
# What makes a heading's visible text differ from its plain text.
_BROKEN_TAGS = frozenset({"br", "script", "style"})
# A source names a candidate when one holds the other and the shorter is at least this long.
_MIN_SHARED = 6
_LOGO = re.compile(r"logo", re.IGNORECASE)
# The footer's sponsor: 主办单位：某某 or 某某 主办, read from the page's last characters.
_FOOTER_SOURCE_CHARS = 8000
# Names of sites and units are this short; a longer text is a title's wording.
_NAME_MAX = 20
_SPONSOR_AFTER = re.compile(r"主办(?:单位)?\s*[:：]\s*([^\s|｜:：,，]{2,40})")
_SPONSOR_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,40})\s+主办(?!单位)$")
_CRUMB = re.compile(BREADCRUMB_TEXT)
# Levels climbed from a meta line's text to find the block above it (span → td → tr).
_ABOVE_LEVELS = 3
_GREETING = re.compile(SITE_GREETING)
_DOC_NUMBER_LEAD = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（【]\d{4}[〕\]］)）】]第?\d{1,5}号")
# A cell's bold or large text: td > b, td > font > b, td > font[size], td > span[style*=size].
_CELL_TITLE = (
    "td > b, td > strong, td > font > b, td > font > strong, td > font[size], "
    'td > span[style*="font-size" i], td > font[style*="font-size" i]'
)
# Brackets a date under a title may be set in.
_DATE_BRACKETS = "[]【】()（） "
# Every alternative begins with a literal (the arrows too, not as one class): the engine
# then skips the characters no alternative starts with.
_BREADCRUMB = re.compile(r"当前位置|您的位置|所在位置|首页\s*[>＞»/]|首页\s+[-–—]+\s|>|＞|»")


@dataclass(slots=True)
class TitleChoice:
    text: str | None = None
    node: LexborNode | None = None  # the visible element it was read from, if any


@dataclass(slots=True)
class _Candidate:
    text: str
    node: LexborNode
    order: int  # position among the candidates, in page order
    rank: int  # the kind of element: headings first
    opening: bool  # the heading the body container opens with
    support: int = 0  # how many other sources name it


def choose_title(
    tree: LexborHTMLParser,
    container: LexborNode | None,
    fields: list[HeaderField],
    skip: list[LexborNode] | None,
    markup: str,
    head: HeadTags,
) -> TitleChoice:
    """The title the page shows, or the best its metadata offers. Elements in ``skip``
    (label tables, a header grid) hold labels and values, never the title; ``markup`` is
    the page's source, whose end holds the footer; ``head``: its metas and ``<title>``."""
    metas = _metas(head)
    names = _Names(tree, metas, markup)
    columns = {compact(value) for value in _meta_values(metas, COLUMN_META_NAMES)}
    sources = _sources(head, metas, fields, names, columns)
    labels = {compact(field.label) for field in fields}
    candidates = [
        candidate
        for candidate in _text_candidates(tree, container)
        if compact(candidate.text) not in labels
    ]
    for candidate in candidates:
        candidate.support = _support(candidate.text, sources)
    if not any(candidate.support for candidate in candidates):
        # No title element the sources name: a table-layout page may show its title as a
        # cell's lone bold or large text (td > font > b).
        for cell_title in _cell_titles(tree, labels, len(candidates)):
            cell_title.support = _support(cell_title.text, sources)
            candidates.append(cell_title)
    place = _Placement(tree, container, skip)

    def ordered(group: list[_Candidate]) -> list[_Candidate]:
        return sorted(
            group,
            key=lambda c: (
                c.support,
                not _site_shaped(c.text),
                len(c.text) >= _SHORT,
                c.rank,
                c.order,
            ),
            reverse=True,
        )

    # The candidates the other sources name, best first; the placing checks (visibility,
    # position before the body, logo) run only until one passes. A column's name may be a
    # navigation page's title (when <title> says so): only the site's and the unit's names
    # are never candidates.
    for candidate in ordered([c for c in candidates if c.support]):
        text = place.text(candidate)
        if text is not None and not names.holds(text):
            return _or_above_meta_line(tree, container, text, candidate.node, names, columns)
    # What the metadata and <title> name the page, less names and column-sized words.
    for text in sources:
        shaped = len(compact(text)) >= _SHORT and not _site_shaped(text)
        if shaped and compact(text) not in columns and not names.holds(text):
            return TitleChoice(text, _shown_at(tree, container, text))
    for candidate in ordered([c for c in candidates if not c.support]):
        text = place.text(candidate)
        if text is not None and not names.holds(text):
            return _or_above_meta_line(tree, container, text, candidate.node, names, columns)
    above = _above_meta_line(tree, container)
    if above is not None and not names.holds(above[0]) and _titled(above[0], columns):
        return TitleChoice(*above)
    return TitleChoice(next(iter(sources), None))


def _or_above_meta_line(
    tree: LexborHTMLParser,
    container: LexborNode | None,
    text: str,
    node: LexborNode,
    names: _Names,
    columns: set[str],
) -> TitleChoice:
    """``text`` as the title, unless it is shaped like a site's or a unit's name
    (<h1>某某市人民政府</h1> in a top bar) and a title-sized block sits right above the meta
    line (td.biaoti of a table layout): that block is the title."""
    if _site_shaped(text):
        above = _above_meta_line(tree, container)
        if above is not None and not names.holds(above[0]) and _titled(above[0], columns):
            return TitleChoice(*above)
    return TitleChoice(text, node)


def _above_meta_line(
    tree: LexborHTMLParser, container: LexborNode | None
) -> tuple[str, LexborNode | None] | None:
    """The text block right above the meta line (发布时间：… under it), for a page whose
    title element neither a selector nor any source names (``<td class="biaoti">``):
    templates print the title directly over the line that dates it."""
    body = tree.body
    if body is None:
        return None
    for item in iter_visible(body):
        if container is not None and item.mem_id == container.mem_id:
            return None
        if item.tag != "-text" or not _opens_with_publication_label(item.text_content or ""):
            continue
        earlier = _previous_with_text(item)
        if earlier is not None:
            # The title and its meta line in one element, parted by <br>: the text before it.
            text = clean_text(earlier.text_content or "") if earlier.tag == "-text" else ""
            broken = item.prev is not None and item.prev.tag == "br"
            if broken and _MIN_CHARS <= len(text) <= _MAX_CHARS and ":" not in text:
                return text, None
            return None
        holder = item.parent
        for _level in range(_ABOVE_LEVELS):
            if holder is None or holder.tag in ("body", "html"):
                return None
            before = _previous_with_text(holder)
            if before is not None:
                text = clean_text(visible_text(before))
                if _MIN_CHARS <= len(text) <= _MAX_CHARS and not _is_label(text):
                    if _BREADCRUMB.search(text) or split_label_pairs(text) or ":" in text:
                        return None
                    if _all_link_text(before, text):
                        return None  # a menu row
                    return text, before
                return None
            holder = holder.parent
        return None
    return None


def _titled(text: str, columns: set[str]) -> bool:
    """Long enough for a notice's title and no column's name (通知公告 over the meta line is
    the column's caption)."""
    squeezed = compact(text)
    return (
        len(squeezed) >= _SHORT
        and squeezed not in columns
        and not squeezed.endswith(COLUMN_NAME_SUFFIXES)
    )


def _opens_with_publication_label(text: str) -> bool:
    pairs = split_label_pairs(text)
    return bool(pairs) and key_for(pairs[0][0]) in PUBLISHED_KEYS


def _previous_with_text(node: LexborNode) -> LexborNode | None:
    """The nearest earlier sibling showing text (an element, or a text node)."""
    sibling = node.prev
    while sibling is not None:
        if sibling.tag == "-text":
            if (sibling.text_content or "").strip():
                return sibling
        elif sibling.tag and not sibling.tag.startswith("-") and clean_text(visible_text(sibling)):
            return sibling
        sibling = sibling.prev
    return None


def _shown_at(tree: LexborHTMLParser, container: LexborNode | None, text: str) -> LexborNode | None:
    """The element before the body that shows ``text`` (a title the metadata named, printed in
    an element no title selector knows, ``div.t1``): where its date line is looked for."""
    body = tree.body
    if body is None or container is None:
        return None
    target = compact(text)
    for item in iter_visible(body):
        if item.mem_id == container.mem_id:
            return None
        if item.tag == "-text" and compact(item.text_content or "") == target:
            return item.parent
    return None


class _Names:
    """The site's and the unit's names: those the metadata gives at once, those the logo and
    the footer give only when a text shaped like a name must be checked (reading them walks
    the page)."""

    __slots__ = ("markup", "meta", "page", "tree")

    def __init__(self, tree: LexborHTMLParser, metas: list[tuple[str, str]], markup: str) -> None:
        self.tree = tree
        self.markup = markup
        self.meta = {compact(value) for value in _meta_values(metas, SITE_META_NAMES)}
        self.page: set[str] | None = None

    def holds(self, text: str) -> bool:
        """Whether ``text`` is one of the names."""
        squeezed = compact(text)
        if not squeezed or squeezed in self.meta:
            return True
        if not _site_shaped(text) and not _name_shaped(squeezed):
            return False  # a title's wording: no logo or footer names it
        if self.page is None:
            self.page = _page_names(self.tree, self.markup)
        return squeezed in self.page


def _text_candidates(tree: LexborHTMLParser, container: LexborNode | None) -> list[_Candidate]:
    """Title-like elements with title-sized text that is not a label, a caption or a
    breadcrumb (the cheap tests; where they stand is checked by :class:`_Placement`)."""
    opening = _opening(container)
    found: list[_Candidate] = []
    for node in tree.css(TITLE_CANDIDATES)[:_MAX_CANDIDATES] + opening:
        raw = node.text(deep=True)
        if len(raw) > _MAX_CHARS * 4 or not raw.strip():
            continue
        text = clean_text(raw)
        if (":" in text or "：" in text) and (inner := _title_child(node)) is not None:
            node, text = inner  # a title box holding the title and its meta line
        elif (last := node.last_child) is not None and last.tag != "-text":
            text = _without_trailing_meta(last, text)
        if not (_MIN_CHARS <= len(text) <= _MAX_CHARS * 2) or text[-1] in ":：":
            continue  # not title-sized, or a caption (公告概要：) or a label
        # A title shown twice (a sticky top bar, a mobile copy) stays a candidate each time:
        # the copy nearest the body wins, and its neighbours hold the date line.
        if _BREADCRUMB.search(text) or split_label_pairs(text):
            continue
        if _is_label(text) or bracketed(text):
            continue  # a label, or a (项目编号：…) line under the title
        found.append(_Candidate(text, node, len(found), _rank(node), node in opening))
    return found


def _without_trailing_meta(last: LexborNode, text: str) -> str:
    """A heading's text less the date or meta pair its last element prints after the title
    (``<h1>标题<small>2024-09-12</small></h1>``, ``<span>发布时间：…</span>``): the date line's,
    not the title's."""
    tail = clean_text(last.text(deep=True))
    if not tail or len(tail) >= len(text) or not text.endswith(tail):
        return text
    if ":" not in tail and "：" not in tail and not any(char.isdigit() for char in tail):
        return text  # neither a date nor a label pair
    if parse_date(tail.strip(_DATE_BRACKETS)) is None and not split_label_pairs(tail):
        return text
    return clean_text(text[: -len(tail)])


def _cell_titles(tree: LexborHTMLParser, labels: set[str], order: int) -> list[_Candidate]:
    """Table cells whose whole text is one bold or large-font element (``<td><font
    style="font-size:22px"><b>标题</b></font></td>``): a table-layout page's title."""
    found: list[_Candidate] = []
    for node in tree.css(_CELL_TITLE)[:_MAX_CANDIDATES]:
        cell = node.parent
        while cell is not None and cell.tag not in ("td", "th"):
            cell = cell.parent
        if cell is None:
            continue
        text = clean_text(node.text(deep=True))
        if (
            not (_SHORT <= len(text) <= _MAX_CHARS)
            or text[-1] in ":："  # a caption (联系人及联系方式：)
            or compact(clean_text(cell.text(deep=True))) != compact(text)
            or compact(text) in labels
            or _is_label(text)
            or split_label_pairs(text)
        ):
            continue
        found.append(_Candidate(text, node, order + len(found), 1, False))
    return found


def _title_child(node: LexborNode) -> tuple[LexborNode, str] | None:
    """The first child element of a title box (div.title > div + ul of 来源：…) whose text is
    title-sized and holds no label: the title itself."""
    for child in node.iter():
        text = clean_text(child.text(deep=True))
        if not text:
            continue
        if _MIN_CHARS <= len(text) <= _MAX_CHARS and ":" not in text and "：" not in text:
            return child, text
        return None
    return None


class _Placement:
    """Where a candidate stands: visible, not in the logo, before the body (or opening it),
    not a link list, not inside a label table."""

    __slots__ = ("body", "limit", "skipped")

    def __init__(
        self,
        tree: LexborHTMLParser,
        container: LexborNode | None,
        skip: list[LexborNode] | None,
    ) -> None:
        self.body = tree.body
        self.limit = (
            visible_path(container, self.body)
            if container is not None and self.body is not None
            else None
        )
        self.skipped = {node.mem_id for node in skip or []}

    def text(self, candidate: _Candidate) -> str | None:
        """The candidate's text as a reader sees it, or ``None`` when it cannot be the title."""
        node = candidate.node
        if self.body is None:
            return None
        path = visible_path(node, self.body)
        if path is None or any(_LOGO.search(_marker(item)) for item in path[:4]):
            return None
        if self.skipped and any(item.mem_id in self.skipped for item in path):
            return None
        # The body container's own text is the body, never the title (a table-layout page's
        # body cell set in a large font).
        if (
            self.limit is not None
            and not candidate.opening
            and (path[0].mem_id == self.limit[0].mem_id or not comes_before(path, self.limit))
        ):
            return None
        if node.tag in ("h1", "h2") and first_tag(node, _LINK_TAG, "a") is not None:
            return None  # a logo or a site-name link, not the article's title
        text = candidate.text
        if first_tag(node, _BROKEN_TAGS, "br, script, style") is not None:
            # A heading broken by <br> joins its lines as a reader sees them.
            text = clean_text(visible_text(node))
        if not (_MIN_CHARS <= len(text) <= _MAX_CHARS):
            return None
        if node.tag not in ("h1", "h2", "h3") and _all_link_text(node, text):
            return None  # a list item or a menu entry
        return text


def _opening(container: LexborNode | None) -> list[LexborNode]:
    """A heading or bold line the body container opens with: templates that put the title
    inside the body (and Word-pasted notices whose first line is the bold title)."""
    if container is None:
        return []
    # Looked for in the container's first blocks only: an opening line is there.
    first = None
    child = container.child
    blocks = 0
    while child is not None and first is None and blocks < _OPENING_BLOCKS:
        tag = child.tag
        if not tag or tag.startswith("-"):
            pass  # text and comments: no heading, and no class or style to read
        elif tag in _OPENING_TAGS or names_title(child) or centred_line(child):
            # A heading, a block whose class names the title (div.title3), a centred line.
            first = child
        else:
            first = first_tag(child, _OPENING_TAGS, "h1, h2, h3, h4, strong, b")
            blocks += 1
        child = child.next
    if first is None:
        return []
    start = compact(first.text())[:_MIN_SHARED]
    if compact(_leading_text(container, _MAX_CHARS * 2)).startswith(start):
        return [first]
    # A container that holds the page's navigation row before the title (a layout table):
    # the title still opens its text outside links, after a document number if any (a
    # Word body's 岚人防发〔2024〕3号 line above its title).
    leading = _DOC_NUMBER_LEAD.sub("", compact(_leading_text_outside_links(container)), 1)
    return [first] if leading.startswith(start) else []


def _leading_text_outside_links(node: LexborNode) -> str:
    """About the first characters of ``node``'s visible text outside links."""
    parts: list[str] = []
    length = 0
    for item in iter_visible(node, prune_tags=frozenset({"a"})):
        if item.tag == "-text":
            piece = item.text_content or ""
            if _CRUMB.fullmatch(piece):
                continue  # a breadcrumb's 当前位置： and separators
            parts.append(piece)
            length += len(piece)
            if length >= _MAX_CHARS * 2:
                break
    return "".join(parts)


def _leading_text(node: LexborNode, limit: int) -> str:
    """About the first ``limit`` characters of ``node``'s text: its children's texts (read
    in C) until that many are collected."""
    parts: list[str] = []
    length = 0
    child = node.child
    while child is not None and length < limit:
        piece = (child.text_content or "") if child.tag == "-text" else child.text()
        parts.append(piece)
        length += len(piece)
        child = child.next
    return "".join(parts)


def _rank(node: LexborNode) -> int:
    return {"h1": 4, "h2": 3, "h3": 2}.get(node.tag or "", 1)


def _marker(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"


def _all_link_text(node: LexborNode, text: str) -> bool:
    links = "".join(clean_text(link.text()) for link in find_tags(node, _LINK_TAG, "a"))
    return bool(links) and len(links.replace(" ", "")) >= len(text.replace(" ", "")) * 0.9


def _sources(
    head: HeadTags,
    metas: list[tuple[str, str]],
    fields: list[HeaderField],
    names: _Names,
    columns: set[str],
) -> list[str]:
    """What the metadata and ``<title>`` name the page, best first, labels left out."""
    found: list[str] = []
    for field in fields:
        if field.key == "title" and field.value and field.origin in ("header", "meta_line"):
            found.append(field.value)
    for value in _meta_values(metas, TITLE_META_NAMES):
        if not _is_label(value):
            found.append(value)
    page_title = _page_title_text(head)
    if page_title:
        found.append(_without_names(page_title, names, columns))
    return list(dict.fromkeys(text for text in found if text))


def _without_names(page_title: str, names: _Names, columns: set[str]) -> str:
    """``<title>`` less the site, unit and column names at its ends (标题_栏目_站名 | 站名 →
    标题; 站名——标题 → 标题); separators inside what remains are kept (2024-2025年…)."""
    pieces = re.split(f"({TITLE_SITE_SEPARATOR})", page_title)
    parts = pieces[::2]
    if len(parts) == 1:
        return page_title

    def site(part: str) -> bool:
        squeezed = compact(part)
        return not squeezed or _site_shaped(part) or names.holds(part)

    def column(part: str) -> bool:
        squeezed = compact(part)
        # A column's name the metadata gives, or one worded as such (新闻频道, 通知公告栏目).
        return squeezed in columns or (
            len(squeezed) <= _SHORT and squeezed.endswith(COLUMN_NAME_SUFFIXES)
        )

    start, end = 0, len(parts)
    for droppable in (site, column):  # the column only when more than it remains
        while end - start > 1 and droppable(parts[end - 1]):
            end -= 1
        while end - start > 1 and droppable(parts[start]):
            start += 1
    return "".join(pieces[start * 2 : end * 2 - 1]).strip()


def _page_title_text(head: HeadTags) -> str:
    titles = head.head_titles or head.titles
    return clean_text(titles[0].text()) if titles else ""


def _support(text: str, sources: list[str]) -> int:
    """How much the sources name ``text``: two for each giving the same words, one for each
    where one holds the other."""
    mine = compact(text)
    count = 0
    for source in sources:
        theirs = compact(source)
        if mine == theirs:
            count += 2  # the same words weigh more than one holding the other (…座谈会强调)
        elif min(len(mine), len(theirs)) >= _MIN_SHARED and (mine in theirs or theirs in mine):
            count += 1
    return count


def _page_names(tree: LexborHTMLParser, markup: str) -> set[str]:
    """Names the page shows for itself, compacted: the logo's text and image, the footer's
    sponsor (主办单位：某某, 某某 主办), read from the last characters of the source."""
    names: set[str] = set()
    for node in tree.css('[class*="logo" i], [id*="logo" i]')[:5]:
        text = clean_text(node.text())
        if 2 <= len(text) <= 40:
            names.add(compact(text))
        for image in node.css("img[alt]")[:2]:
            alt = clean_text(image.attributes.get("alt") or "")
            if alt:
                names.add(compact(alt))
    tail = " ".join(MARKUP_TAG.sub(" ", markup[-_FOOTER_SOURCE_CHARS:]).split())
    position = tail.find("主办")
    while position >= 0:
        after = _SPONSOR_AFTER.match(tail, position)
        before = _SPONSOR_BEFORE.search(tail[max(0, position - 41) : position + 2])
        found = after.group(1) if after else before.group(1) if before else ""
        if found:
            names.add(compact(found))
        position = tail.find("主办", position + 2)
    names.discard("")
    return names


def _name_shaped(squeezed: str) -> bool:
    """Short enough to be a site's or a unit's name (a logo, a sponsor)."""
    return len(squeezed) <= _NAME_MAX


def _metas(head: HeadTags) -> list[tuple[str, str]]:
    """(name or property, lower-cased; content) of the page's ``<meta>`` tags with content:
    those of ``<head>``, or all when a page's markup pushed its metadata into the body."""
    found: list[tuple[str, str]] = []
    named = _named(head.head_meta_attributes, head.head_meta_texts) or _named(
        head.meta_attributes, head.meta_texts
    )
    for attrs, value in named:
        name = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        if name and value:
            found.append((name, value))
    return found


def _named(metas: list[Attributes], texts: list[str]) -> list[tuple[Attributes, str]]:
    """The attributes and content text of ``meta[name], meta[property]``."""
    return [
        (attrs, text)
        for attrs, text in zip(metas, texts, strict=True)
        if "name" in attrs or "property" in attrs
    ]


def _meta_values(metas: list[tuple[str, str]], keys: tuple[str, ...]) -> list[str]:
    return [value for name, value in metas if name in keys]


def _is_label(text: str) -> bool:
    return compact_label(text) in vocabulary()


def _site_shaped(text: str) -> bool:
    """Shaped like a site's or a unit's name, not a notice's title: short, ending in a
    site or organisation word, without the words titles are made of."""
    squeezed = compact(text)
    if "欢迎" in squeezed and _GREETING.search(squeezed):
        return True
    if len(squeezed) > 25 or _title_words().search(squeezed):
        return False
    return squeezed.endswith(SITE_NAME_SUFFIXES) or is_org_line(squeezed)


@cache
def _title_words() -> re.Pattern[str]:
    return re.compile("|".join(TITLE_WORDS))
