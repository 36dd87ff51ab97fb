"""Listing items a page carries outside its live markup: in script data and in comments.

* Hanweb ``<script type="text/xml"><datastore><record><![CDATA[ <li>…</li> ]]></record>``:
  each record's CDATA is one row of HTML, read like any row. A document that is a datastore
  (the answer of Hanweb's list endpoint, dataproxy.jsp) is read by the row finder, its
  ``<totalpage>`` giving the page count.
* Article lists in inline scripts: a JSON array, or a JavaScript array of object literals
  (unquoted keys, single quotes, trailing commas), whose entries have a title key, an
  address key and a date key (:data:`~noticecli.knowledge_listings.LIST_DATA_TITLE_KEYS` …), two
  of them dated (channel menus and breadcrumbs are arrays of titled links too), or an
  array that names itself ``articleList`` / ``listData``. The address may be a JSON string
  holding ``pc`` (``"urls":"{\\"pc\\":\\"/a.html\\"}"``).
* A list kept inside an HTML comment (the server-rendered rows a template left in place
  when a script took over the list): the comment's content is parsed as a fragment and
  its list found by structure, like the page's own.
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from noticecli.dates import date_in_text, find_date, find_split_date
from noticecli.knowledge_listings import (
    LIST_DATA_DATE_KEYS,
    LIST_DATA_TITLE_KEYS,
    LIST_DATA_URL_KEYS,
)
from noticecli.models import ListingItem
from noticecli.parse.dom import absolute_url
from noticecli.parse.listing_inputs import PageScript, collapse, skip_href
from noticecli.parse.listing_rows import comment_fragment, fragment_items, row_item, unique_items
from noticecli.parse.script_source import code_marks

_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL | re.IGNORECASE)
# The lists that name themselves (Jiangxi's listData.articleList): a broken one is reported.
_LIST_NAMES = ("articleList", "listData")
_NAMED_LIST_TAIL = re.compile(r"\b[\"']?\s*[:=]\s*\[")
_ARRAY_OF_OBJECTS = re.compile(r"\[\s*\{")
_KEY_COLON = re.compile(r"[\"']?\s*:")
_MAX_ARRAYS_PER_SCRIPT = 40
_ENTRY_HEAD = 400
# A JavaScript (not JSON) array literal longer than this is code, not a list of articles.
_MAX_LITERAL = 200_000
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)
_OUTSIDE_STRINGS = re.compile(
    r"(?P<string>\"(?:[^\"\\]|\\.)*\")"
    r"|(?P<lead>[{,]\s*)(?P<key>[A-Za-z_$][\w$]*)\s*:"
    r"|,\s*(?P<close>[}\]])",
    re.DOTALL,
)
_LINK_IN_COMMENT = re.compile(r"<a\s[^>]*href", re.IGNORECASE)
_MIN_COMMENT_DATED = 2
# Four digits written out: a pattern that begins with a digit class skips other characters
# fast (\d{4} is tried at every character).
_FOUR_DIGITS = re.compile(r"\d\d\d\d")
_DATA_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
# One decoder for every page (it keeps no state between calls; making one costs microseconds).
_DECODER = json.JSONDecoder()


# --- Hanweb datastore ------------------------------------------------------------------


def datastore_items(scripts: list[PageScript], base: str | None) -> tuple[list[ListingItem], str]:
    """Items from ``<script type="text/xml"><datastore>`` blocks, and the Hanweb unit id (the
    id of the element around the script, which the jpage pager's URLs carry)."""
    records: list[str] = []
    uid = ""
    for script in scripts:
        text = script.text
        if "<datastore" not in script.lowered:
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
        "<body>" + "".join(f"<div class='r'>{record}</div>" for record in records) + "</body>"
    )
    items = [
        item
        for wrapper in fragment.css("body > div.r")
        if (item := row_item(wrapper, base)) is not None
    ]
    return unique_items(items), uid


def is_datastore_document(tree: LexborHTMLParser) -> bool:
    """The page is a Hanweb datastore itself: the XML its list endpoint (dataproxy.jsp)
    answers with. An HTML parser reads each ``<![CDATA[<li …>`` up to its first ``>`` as a
    comment, so the rest of each row stays markup inside ``<record>``, where the row finder
    reads it."""
    return tree.css_first("body > datastore") is not None


def datastore_page_count(tree: LexborHTMLParser) -> int | None:
    """The page count a datastore document states (``<totalpage>63</totalpage>``)."""
    node = tree.css_first("datastore totalpage")
    text = collapse(node.text()) if node is not None else ""
    return int(text) if text.isdigit() and int(text) > 0 else None


# --- Lists in inline scripts -----------------------------------------------------------


def script_list_items(
    scripts: list[PageScript], base: str | None, warnings: list[tuple[str, str]]
) -> tuple[list[ListingItem], bool]:
    """Items from article lists in inline scripts; and whether a list that names itself
    (``articleList``, ``listData``) was there but could not be read."""
    items: list[ListingItem] = []
    failed = False
    for script in scripts:
        if script.src or script.type not in _DATA_SCRIPT_TYPES:
            continue
        text = script.text
        if "[" not in text:
            continue
        named = _named_list_starts(text)
        read_until = 0  # arrays inside an array already read are its entries' fields
        tried = 0
        for start in _array_starts(text, named):
            if start < read_until:
                continue
            if start not in named and not _looks_like_entries(script.lowered, start):
                continue
            tried += 1
            if tried > _MAX_ARRAYS_PER_SCRIPT:
                break
            value, end = _decode_array(_DECODER, text, start)
            read_until = max(read_until, end)
            if value is None:
                if start in named:
                    failed = True
                    warnings.append(
                        ("listing_json_invalid", "an inline article list is not valid JSON")
                    )
                continue
            entries = [_data_item(entry, base) for entry in value if isinstance(entry, dict)]
            found = [item for item in entries if item is not None]
            # An array that does not name itself is a list of articles only when its entries
            # are dated: channel menus and breadcrumbs have titles and addresses too.
            if start in named or sum(1 for item in found if item.date) >= 2:
                items.extend(found)
    return unique_items(items), failed and not items


def _named_list_starts(text: str) -> set[int]:
    """Where the arrays that name themselves (``articleList = [``) start. The names are
    found with ``str.find``: a pattern that may start with either name is tried at every
    character of a long script."""
    starts: set[int] = set()
    for name in _LIST_NAMES:
        index = text.find(name)
        while index >= 0:
            match = _NAMED_LIST_TAIL.match(text, index + len(name))
            if match is not None and _starts_name(text, index):
                starts.add(match.end() - 1)
            index = text.find(name, index + 1)
    return starts


def _starts_name(text: str, start: int) -> bool:
    before = text[start - 1] if start else ""
    return not (before.isalnum() or before == "_")  # not part of a longer name (myarticleList)


def _array_starts(text: str, named: set[int]) -> list[int]:
    """Where arrays of objects start, in order (those that name themselves included)."""
    return sorted(named | {match.start() for match in _ARRAY_OF_OBJECTS.finditer(text)})


def _looks_like_entries(lowered: str, start: int) -> bool:
    """The first entry of the array at ``start`` names a title key and a date key within its
    first characters (menus, breadcrumbs and a script's own code are not tried)."""
    head = lowered[start : start + _ENTRY_HEAD]
    return _has_key(head, LIST_DATA_TITLE_KEYS) and _has_key(head, LIST_DATA_DATE_KEYS)


def _has_key(head: str, names: tuple[str, ...]) -> bool:
    """One of ``names`` written as an object key (``title:``, ``"title":``), not as the end
    of a longer key (``releasetime``). Found with ``str.find``, far cheaper than a pattern
    tried at every position."""
    for name in names:
        index = head.find(name)
        while index >= 0:
            before = head[index - 1] if index else ""
            if before in ("'", '"') and index > 1:
                before = head[index - 2]
            if not (before.isalnum() or before in "_$") and _KEY_COLON.match(
                head, index + len(name)
            ):
                return True
            index = head.find(name, index + 1)
    return False


def _decode_array(decoder: json.JSONDecoder, text: str, start: int) -> tuple[list[Any] | None, int]:
    """The array at ``start`` and where it ends: JSON, else a JavaScript literal made JSON
    (quoted keys, double quotes, no trailing commas)."""
    try:
        value, end = decoder.raw_decode(text, start)
    except ValueError:
        literal = _array_literal(text, start)
        if literal is None:
            return None, start
        end = start + len(literal)
        try:
            value = json.loads(_js_to_json(literal))
        except ValueError:
            return None, end
    return (value if isinstance(value, list) else None), end


def _array_literal(text: str, start: int) -> str | None:
    """The source of the bracketed array at ``start``, brackets inside strings left alone."""
    depth = 0
    for index, char in code_marks(text, "[]{}", start, start + _MAX_LITERAL):
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return text[start : index + 1]
    return None


def _js_to_json(literal: str) -> str:
    """A JavaScript array literal of plain data as JSON: single-quoted strings double-quoted,
    bare keys quoted, trailing commas dropped; strings are left alone by the last two."""
    double = _STRINGS.sub(_as_json_string, literal)
    return _OUTSIDE_STRINGS.sub(_json_token, double)


def _as_json_string(match: re.Match[str]) -> str:
    text = match.group()
    if text[0] == '"':
        return text
    inner = text[1:-1].replace("\\'", "'").replace('"', '\\"')
    return f'"{inner}"'


def _json_token(match: re.Match[str]) -> str:
    if match.group("string") is not None:
        return match.group("string")
    if match.group("key") is not None:
        return f'{match.group("lead")}"{match.group("key")}":'
    return match.group("close")


def _data_item(entry: dict[str, Any], base: str | None) -> ListingItem | None:
    # Keys compared lower-cased; most entries already write them so (title, url).
    keys = (
        entry
        if all(key.islower() for key in entry if isinstance(key, str))
        else {key.lower(): value for key, value in entry.items() if isinstance(key, str)}
    )
    title = _first_string(keys, LIST_DATA_TITLE_KEYS)
    if not title:
        return None
    url = _entry_url(keys)
    if url is None or skip_href(url):
        return None
    date: str | None = None
    for key in LIST_DATA_DATE_KEYS:
        value = keys.get(key)
        if isinstance(value, str) and (date := _date_value(value)) is not None:
            break
    return ListingItem(collapse(title), absolute_url(url, base), date)


def _date_value(value: str) -> str | None:
    match = date_in_text().search(value)
    if match is not None:
        return find_date(value)
    return find_split_date(value) if value.isascii() else None


def _first_string(keys: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = keys.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _entry_url(keys: dict[str, Any]) -> str | None:
    urls = keys.get("urls")
    if isinstance(urls, str):
        try:
            urls = json.loads(urls)
        except ValueError:
            urls = None
    if isinstance(urls, dict) and isinstance(urls.get("pc"), str) and urls["pc"].strip():
        return str(urls["pc"]).strip()
    return _first_string(keys, LIST_DATA_URL_KEYS)


# --- Lists in comments -----------------------------------------------------------------


def comment_list_items(comments: list[str], base: str | None) -> list[ListingItem]:
    """The items of the best list kept inside one of ``comments`` (see :func:`page_comments`)."""
    best: list[ListingItem] = []
    for content in comments:
        if not _has_links(content, 2):
            continue
        # An item's date is read from the fragment's text, a year of four digits at least:
        # a comment whose text has no four digits gives no dated item (and cannot be the
        # best). Parsing the fragment and searching its text is far cheaper than searching
        # the markup for a date, which is asked only then (a comment whose markup shows no
        # date is not read, as before).
        fragment = comment_fragment(content)
        body = fragment.body
        text = body.text(separator=" ") if body is not None else ""
        if _FOUR_DIGITS.search(text) is None or date_in_text().search(content) is None:
            continue
        items = fragment_items(fragment, base)
        if sum(1 for i in items if i.date) > sum(1 for i in best if i.date):
            best = items
    # Commented-out markup is a list of the column's items only when it is clearly one.
    return best if sum(1 for i in best if i.date) >= _MIN_COMMENT_DATED else []


def _has_links(content: str, count: int) -> bool:
    """``content`` (markup) holds ``count`` links or more; it is not searched further."""
    found = itertools.islice(_LINK_IN_COMMENT.finditer(content), count)
    return sum(1 for _ in found) >= count


def page_comments(tree: LexborHTMLParser) -> list[str]:
    """The contents of the HTML comments in the page's body that hold links. Read from the
    body's serialization (Lexbor's own walk), not by visiting every node from Python."""
    body = tree.body
    if body is None:
        return []
    return [
        content
        for content in comment_contents(body.html or "")
        if "<" in content and _LINK_IN_COMMENT.search(content)  # a link needs its "<a"
    ]


def comment_contents(html: str) -> list[str]:
    """What ``re.findall(r"<!--(.*?)-->", html, re.DOTALL)`` gives: the text of each
    comment, from ``<!--`` to the first ``-->`` after it. Found by literal search, which
    skips through the markup in C where the pattern steps through every character of every
    comment."""
    contents: list[str] = []
    start = html.find("<!--")
    while start >= 0:
        end = html.find("-->", start + 4)
        if end < 0:
            break  # an unclosed comment: no later one closes either
        contents.append(html[start + 4 : end])
        start = html.find("<!--", end + 3)
    return contents
