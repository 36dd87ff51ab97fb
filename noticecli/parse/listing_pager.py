"""The pages after a listing page: pager scripts and pager links of any vendor.

Read, in this order of authority:

* **Pager scripts.** TRS ``createPageHTML(count, current, "index", "html")``; Hanweb
  ``jpage({totalRecord, perPage})`` (pages fetched as ``?uid=…&pageNum=N``); Layui
  ``laypage.render({count, limit, curr, jump})`` and ``kkpager.generPageHtml({pno, total})``
  (:mod:`noticecli.parse.listing_pager_widgets`); any other
  script that states a page count (``countPage``, ``pageCount``, ``totalPage`` … or a record
  count and a page size) and writes its links by joining strings and numbers
  (``pageName + "_" + (currentPage + 1) + "." + pageExt``): the link is evaluated with the
  script's own string variables to get the file naming.
* **Pager links** as rendered in the page: 下一页 / 尾页 / numbered links in the pager's box,
  and a page count it prints (``共 3 页``, ``共 28 条 3 页``, ``1/3``, ``第1页/共3页``).

When the count is known and the naming is seen (in the script, or in the next page's link
compared with the current page's number), every following page is listed, up to
:data:`MAX_NEXT_PAGES`: a pager that shows only 下一页 still gives the pages after it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborNode

from noticecli.knowledge_listings import (
    PAGE_COUNT_TEXTS,
    PAGER_COUNT_NAMES,
    PAGER_CURRENT_NAMES,
    PAGER_FIRST_TEXTS,
    PAGER_LAST_TEXTS,
    PAGER_NEXT_TEXTS,
    PAGER_PREV_TEXTS,
    PAGER_RECORD_NAMES,
    PAGER_SIZE_NAMES,
    PAGER_ZERO_BASED,
    TRS_PAGE_NAMING,
)
from noticecli.parse.dom import absolute_url
from noticecli.parse.listing_inputs import PageLink, PageScript, collapse, skip_href
from noticecli.parse.listing_pager_widgets import (
    WidgetPager,
    callback_links,
    link_counts_from_zero,
    widget_pager,
)
from noticecli.parse.script_source import code_marks

# The following pages listed per listing page (page_count says how many there are): a crawl
# follows only the next one, and listing them all made a long walk quadratic.
MAX_NEXT_PAGES = 50

_PAGER_WRAPPERS = frozenset({"li", "span", "em", "b", "font", "strong", "i"})
_PAGER_LINK_CHARS = 8
# TRS createPageHTML(count, current, "index", "html"): numbers, or variables holding them.
_CREATE_PAGE = re.compile(
    r"createPageHTML\(\s*(?:['\"][^'\"]*['\"]\s*,\s*)?(\w+)\s*,\s*(\w+)\s*,"
    r"\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]"
)
_STRING_VAR = re.compile(r"\b(?:var|let|const)?\s*(\w+)\s*=\s*(['\"])([^'\"\n]{0,80})\2")
_BUILT_HREF = re.compile(r"href\s*=\s*[\"']?([^\"'\s>]+)")
_DIGITS = re.compile(r"\d+")
# What a page naming may hold: a relative address, a query, the number as {n}.
_NAMING = re.compile(r"[\w./?&=%{}-]+")
_PAGER_WORD = re.compile(r"下一页|尾页|末页|上一页")
_PAGER_NAMES = (*PAGER_COUNT_NAMES, *PAGER_RECORD_NAMES)


_AFTER_NAME = re.compile(r"[\"']?\s*[:=]\s*[\"']?(\d+)(?![\w.])")


def _assigned_number(lowered: str, names: tuple[str, ...]) -> int | None:
    """The number the first of ``names`` is assigned in a lower-cased script (``name = 12``,
    ``name: '12'``, ``"name": 12``), not as the end of a longer name. Found with ``str.find``:
    a regular expression that may start anywhere costs a pass per position over long
    scripts."""
    best: tuple[int, int] | None = None
    for name in names:
        index = lowered.find(name)
        while index >= 0:
            before = lowered[index - 1] if index else ""
            if before in ("'", '"') and index > 1:
                before = lowered[index - 2]
            match = None
            if not (before.isalnum() or before in "_.$"):
                match = _AFTER_NAME.match(lowered, index + len(name))
            if match is not None:
                if best is None or index < best[0]:
                    best = (index, int(match.group(1)))
                break
            index = lowered.find(name, index + 1)
    return best[1] if best is not None else None


@cache
def _count_texts() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source) for source in PAGE_COUNT_TEXTS)


@cache
def _zero_based() -> re.Pattern[str]:
    return re.compile("|".join(PAGER_ZERO_BASED))


@dataclass(slots=True)
class _Naming:
    """How the pages of a listing are named: ``template`` with ``{n}`` for the number, and
    whether page 2 is number 1 (TRS ``index_1.html``) or number 2."""

    template: str
    zero_based: bool

    def page_url(self, page: int) -> str:
        return self.template.replace("{n}", str(page - 1 if self.zero_based else page))


@dataclass(slots=True)
class _Found:
    count: int | None = None
    current: int | None = None  # 1-based
    naming: _Naming | None = None


def read_pager(
    scripts: list[PageScript],
    links: list[PageLink],
    base: str | None,
    page_url: str | None,
    hanweb_uid: str,
    page_text: Callable[[], str] | None = None,
) -> tuple[list[str], int | None]:
    """(the URLs of the following pages, the page count) of a listing page.

    ``page_text`` gives the page's text, asked only when neither a script nor a pager box
    states the count: a pager printed without links (首页 上一页 下一页 尾页 页次：1/1页)."""
    found = _script_pager(scripts, page_url, hanweb_uid)
    if found.current is None:
        found.current = _query_page(page_url)
    if found.count is not None and found.naming is not None:
        # A script pager that names its pages is authoritative; its rendered output would
        # only repeat them.
        return _following(found, base, page_url), found.count
    rendered, shown = _rendered_pager(links, base, found.current)
    if found.count is None:
        found.count = shown.count
    if found.count is None and page_text is not None:
        found.count = _text_pager_count(page_text())
    if found.current is None:
        found.current = shown.current or 1
    if found.naming is None:
        found.naming = shown.naming
    urls = _following(found, base, page_url)
    if not urls or found.naming is shown.naming:
        # The pager's own links, when nothing better is known or to add those the naming
        # did not give.
        urls = _unique([*urls, *rendered], page_url, base)
    return urls[:MAX_NEXT_PAGES], found.count


def _following(found: _Found, base: str | None, page_url: str | None) -> list[str]:
    """The pages after the current one, from the count and the naming."""
    if found.count is None or found.naming is None:
        return []
    current = found.current or 1
    last = min(found.count, current + MAX_NEXT_PAGES)
    naming = found.naming
    urls = [absolute_url(naming.page_url(page), base) for page in range(current + 1, last + 1)]
    return _unique(urls, page_url, base)


def _unique(urls: list[str], page_url: str | None, base: str | None) -> list[str]:
    """``urls`` once each, the page's own address left out."""
    own = {page_url, base} - {None}
    seen: set[str] = set()
    out: list[str] = []
    for url in urls:
        if url not in seen and url not in own:
            seen.add(url)
            out.append(url)
    return out


# --- Scripts ---------------------------------------------------------------------------


def _script_pager(scripts: list[PageScript], page_url: str | None, hanweb_uid: str) -> _Found:
    """The pager script with the most to say: one that names its pages beats one that only
    counts them (a search widget's ``pageSize`` is not the list's pager)."""
    best = _Found()
    for script in scripts:
        if script.src or not script.text:
            continue
        text = script.text
        match = _CREATE_PAGE.search(text) if "createPageHTML" in text else None
        if match is not None:
            lowered = script.lowered
            count, current = _number(match.group(1), lowered), _number(match.group(2), lowered)
            if count is not None and current is not None:
                naming = _Naming(f"{match.group(3)}_{{n}}.{match.group(4)}", True)
                return _Found(count, current + 1, naming)
        lowered = script.lowered
        if "laypage" in lowered or "kkpager" in lowered or "pagination" in lowered:
            widget = widget_pager(text, lowered)
            if widget is not None and widget.pages:
                return _widget_found(widget, text)
        found = _hanweb_pager(script.lowered, page_url, hanweb_uid) if hanweb_uid else None
        if found is None and _may_name_pager(script.lowered):
            found = _variable_pager(text, script.lowered)  # most scripts name no pager
        if found is None:
            continue
        if found.naming is not None:
            return found
        if best.count is None or (best.count <= 1 < (found.count or 0)):
            best = found
    return best


def _widget_found(widget: WidgetPager, text: str) -> _Found:
    """A Layui laypage or kkpager call's pager: its page count and current page, and the
    naming its link expression gives with the script's own strings."""
    naming = None
    if widget.links:
        strings = {name: value for name, _, value in _STRING_VAR.findall(text)}
        strings.update(widget.strings)
        naming = _first_naming(widget.links, strings, lambda _: widget.zero_based)
    return _Found(widget.pages, widget.current, naming)


def _first_naming(
    links: Iterable[str], strings: dict[str, str], zero_based: Callable[[str], bool]
) -> _Naming | None:
    """The naming of the first link expression that builds, with the script's ``strings``,
    an address holding the page number once (``zero_based``: whether that link counts from 0)."""
    for link in links:
        built = _evaluate(link, strings)
        if built is not None and built.count("{n}") == 1 and _NAMING.fullmatch(built):
            return _Naming(built, zero_based(link))
    return None


def _number(token: str, lowered: str) -> int | None:
    """A number written as such or held by a variable the script assigns."""
    if token.isdigit():
        return int(token)
    return _assigned_number(lowered, (token.lower(),))


def _may_name_pager(lowered: str) -> bool:
    # Every pager name holds one of these three words; most scripts hold none of them.
    if "page" not in lowered and "total" not in lowered and "record" not in lowered:
        return False
    return any(name in lowered for name in _PAGER_NAMES)


def _hanweb_pager(lowered: str, page_url: str | None, uid: str) -> _Found | None:
    records = _assigned_number(lowered, ("totalrecord",))
    size = _assigned_number(lowered, ("perpage",))
    if not records or not size:
        return None
    count = math.ceil(records / size)
    stem = (page_url or "").split("?", 1)[0].split("#", 1)[0]
    return _Found(count, None, _Naming(f"{stem}?uid={uid}&pageNum={{n}}", False))


def _variable_pager(text: str, lowered: str) -> _Found | None:
    """A script that states a page count (or records and a page size) and builds its links
    from strings and numbers."""
    stated = _assigned_number(lowered, PAGER_COUNT_NAMES)
    if stated is not None:
        count = stated
    else:
        records = _assigned_number(lowered, PAGER_RECORD_NAMES)
        size = _assigned_number(lowered, PAGER_SIZE_NAMES)
        if not records or not size:
            return None
        count = math.ceil(records / size)
    if count == 0:
        return None
    value = _assigned_number(lowered, PAGER_CURRENT_NAMES)
    trs = bool(_zero_based().search(text))
    zero_based = trs or value == 0
    current = None if value is None else value + 1 if zero_based else value
    template = _script_link_template(text)
    if template is None and trs and stated is not None:
        template = TRS_PAGE_NAMING  # the TRS pager's own naming, when the script hides it
    naming = _Naming(template, zero_based) if template else None
    if naming is None:
        naming = _callback_naming(text, zero_based)
    return _Found(count, current, naming)


def _callback_naming(text: str, zero_based: bool) -> _Naming | None:
    """The naming a pager call's callback gives (``location.href = 'index_' + num``)."""
    links = callback_links(text, _PAGER_NAMES)
    if not links:
        return None
    strings = {name: value for name, _, value in _STRING_VAR.findall(text)}
    return _first_naming(links, strings, lambda link: link_counts_from_zero(link, zero_based))


def _script_link_template(text: str) -> str | None:
    """The page naming a pager script writes: the ``href`` of a string it builds from
    literals, its own string variables and numbers, the number part as ``{n}``."""
    if "href" not in text:
        return None
    strings: dict[str, str] | None = None  # the script's string variables, read when needed
    for line in text.splitlines():
        if "href" not in line or "+" not in line:
            continue
        if strings is None:
            strings = {name: value for name, _, value in _STRING_VAR.findall(text)}
        start = min((i for i in (line.find("'"), line.find('"')) if i >= 0), default=-1)
        if start < 0:
            continue
        built = _evaluate(_expression(line[start:]), strings)
        if built is None:
            continue
        unescaped = built.replace('\\"', '"').replace("\\'", "'")
        for match in _BUILT_HREF.finditer(unescaped):
            href = match.group(1)
            if href.count("{n}") == 1 and _NAMING.fullmatch(href):
                return href
    return None


def _expression(source: str) -> str:
    """``source`` up to the end of its expression: an unbalanced ``)`` or a ``;``."""
    depth = 0
    for index, char in code_marks(source, "();"):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return source[:index]
            depth -= 1
        elif char == ";":
            return source[:index]
    return source


def _evaluate(expression: str, strings: dict[str, str]) -> str | None:
    """``'<a href="' + pageName + '_' + (currentPage + 1) + '">'`` → ``<a href="index_{n}">``:
    string literals and known string variables as they are, anything else as the number."""
    parts: list[str] = []
    for token in _split_plus(expression):
        token = token.strip()
        if not token:
            return None
        if len(token) >= 2 and token[0] in "'\"" and token[-1] == token[0]:
            parts.append(token[1:-1])
        elif token in strings:
            parts.append(strings[token])
        elif parts and parts[-1] == "{n}":
            return None  # two numbers in a row: not a page link
        else:
            parts.append("{n}")
    return "".join(parts)


def _split_plus(expression: str) -> list[str]:
    """Split at top-level ``+`` (not inside parentheses or string literals)."""
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in code_marks(expression, "()+"):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "+" and depth == 0:
            parts.append(expression[start:index])
            start = index + 1
    parts.append(expression[start:])
    return parts


def _query_page(url: str | None) -> int | None:
    if not url:
        return None
    for key, values in parse_qs(urlsplit(url).query).items():
        if key.lower() in {"pagenum", "page", "pageno", "pageindex"} and values[0].isdigit():
            return int(values[0])
    return None


# --- Rendered pager ----------------------------------------------------------------------


@dataclass(slots=True)
class _PagerLink:
    seq: int
    url: str
    kind: str  # "next", "last", "number"
    number: int | None
    box: int


def _rendered_pager(
    links: list[PageLink], base: str | None, current: int | None
) -> tuple[list[str], _Found]:
    """下一页 / numbered / 尾页 links as rendered (server-side or saved DOM), the count and
    current page the pager prints, and the naming its links show."""
    pager: list[_PagerLink] = []
    boxes: dict[int, LexborNode] = {}
    for seq, link in enumerate(links):
        text = link.text.lower()
        if not text or len(text) > _PAGER_LINK_CHARS or skip_href(link.href):
            continue
        if text in PAGER_NEXT_TEXTS:
            kind = "next"
        elif text in PAGER_LAST_TEXTS:
            kind = "last"
        elif text.strip("[]").isdigit():
            kind = "number"
        elif text in PAGER_FIRST_TEXTS or text in PAGER_PREV_TEXTS:
            kind = "back"
        else:
            continue
        box = _pager_box(link.node)
        box_id = box.mem_id if box is not None else 0
        if box is not None:
            boxes[box_id] = box
        number = int(text.strip("[]")) if kind == "number" else None
        pager.append(_PagerLink(seq, absolute_url(link.href, base), kind, number, box_id))
    # A pager box is one that holds a 下一页 / 尾页 link (numbered links elsewhere are
    # other things: footnotes, calendars).
    pager_boxes = {p.box for p in pager if p.kind in ("next", "last")}
    shown = _Found()
    for box_id in pager_boxes:
        box = boxes.get(box_id)
        if box is not None:
            _read_box_text(collapse(box.text(separator=" ")), shown)
            if shown.current is None:
                shown.current = _unlinked_number(box)
    if current is None:
        current = shown.current or 1
    following = [
        p
        for p in pager
        if p.box in pager_boxes
        and (p.kind in ("next", "last") or (p.kind == "number" and (p.number or 0) > current))
    ]
    following.sort(key=lambda p: p.seq)
    rendered = [p.url for p in following if p.kind != "back"]
    shown.naming = _naming_from_links(following, current)
    if shown.naming is not None and shown.count is None:
        shown.count = _count_from_last(following, shown.naming)
    return rendered, shown


def _pager_box(anchor: LexborNode) -> LexborNode | None:
    """The element holding the whole pager: above per-link wrappers (``<li><a>2</a></li>``)."""
    node = anchor.parent
    for _ in range(3):
        if node is None or node.tag not in _PAGER_WRAPPERS:
            break
        node = node.parent
    return node


def _read_box_text(text: str, found: _Found) -> None:
    for pattern in _count_texts():
        match = pattern.search(text)
        if match is None:
            continue
        count = int(match.group("count"))
        page = match.groupdict().get("page")
        if count == 0 or (page is not None and int(page) > count):
            continue
        found.count = count
        if page is not None:
            found.current = int(page)
        return


def _text_pager_count(text: str) -> int | None:
    """The page count printed beside pager words (下一页, 尾页 …) that are not links."""
    for match in _PAGER_WORD.finditer(text):
        found = _Found()
        _read_box_text(text[max(0, match.start() - 80) : match.end() + 80], found)
        if found.count is not None:
            return found.count
    return None


def _unlinked_number(box: LexborNode) -> int | None:
    """The current page as the pager shows it: a number that is not a link."""
    for node in box.css("span, a, b, strong, font, em, li"):
        if node.tag == "a" and node.attributes.get("href"):
            continue
        text = collapse(node.text()).strip("[]")
        if text.isdigit() and node.css_first("a[href]") is None:
            return int(text)
    return None


def _naming_from_links(following: list[_PagerLink], current: int) -> _Naming | None:
    """The page naming a pager's links show: the link to the next page carries its number
    (``list_2.html`` for page 2) or that number less one (TRS ``index_1.html``)."""
    nexts = [p for p in following if p.kind == "next"]
    numbered = [p for p in following if p.kind == "number" and p.number == current + 1]
    for link in nexts + numbered:
        for match in reversed(list(_DIGITS.finditer(link.url))):
            value = int(match.group())
            if value not in (current, current + 1):
                continue
            template = link.url[: match.start()] + "{n}" + link.url[match.end() :]
            return _Naming(template, value == current)
    return None


def _count_from_last(following: list[_PagerLink], naming: _Naming) -> int | None:
    """The page count from the 尾页 link when it follows the naming."""
    prefix, _, suffix = naming.template.partition("{n}")
    for link in following:
        if link.kind == "last" and link.url.startswith(prefix) and link.url.endswith(suffix):
            number = link.url[len(prefix) : len(link.url) - len(suffix)]
            if number.isdigit():
                return int(number) + (1 if naming.zero_based else 0)
    return None
