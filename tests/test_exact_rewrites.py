"""Patterns and counts rewritten for speed (issue 9, speed pass 4) give the answers of the
forms they replace, on random texts and on every text of the fixture and corpus pages."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.decode import decode_bytes
from tests.conftest import CORPUS, PAGES

_HTML = (".html", ".htm", ".shtml")
_WHITESPACE_HEAVY = st.text(alphabet=" \t\r\n\x0b\x0c\xa0\u3000a中，1", max_size=40)


def _page_texts() -> list[str]:
    folders = [PAGES] + ([CORPUS] if CORPUS.is_dir() else [])
    texts: list[str] = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix not in _HTML:
                continue
            root = LexborHTMLParser(decode_bytes(path.read_bytes()).text).root
            if root is None:
                continue
            texts.append(root.text())
            texts.extend(
                node.text_content
                for node in root.traverse(include_text=True)
                if node.tag == "-text" and node.text_content
            )
    return texts


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def test_the_pages_folder_is_read() -> None:
    assert Path(PAGES).is_dir()


@settings(max_examples=2000, deadline=None)
@given(_WHITESPACE_HEAVY)
@example("\u2028a\u2029b\x1c\x1d\x1e\x1f\x85c")
def test_visible_chars_counts_what_removing_whitespace_leaves(text: str) -> None:
    from noticecli.parse.article import _visible_chars

    assert _visible_chars(text) == len(re.sub(r"\s+", "", text))


def test_visible_chars_counts_as_before_on_every_page_text() -> None:
    from noticecli.parse.article import _visible_chars

    for text in _page_texts():
        assert _visible_chars(text) == len(re.sub(r"\s+", "", text))


# The title separator as it reads (tried at every character of a title).
_OLD_TITLE_SEPARATOR = r"\s*(?:[-_|｜—–]+|\s-\s|\s[·•・]\s)\s*"


@settings(max_examples=5000, deadline=None)
@given(st.text(alphabet=" \t\u3000\n-_|｜—–·•・a中", max_size=12))
@example("标题_栏目 | 站名")
@example("某某招标投标网 · 标题")
@example("a - b")
@example(" \u3000·\t-")
def test_the_title_separator_splits_as_before(text: str) -> None:
    from noticecli.knowledge import TITLE_SITE_SEPARATOR

    for old, new in (
        (_OLD_TITLE_SEPARATOR, TITLE_SITE_SEPARATOR),
        (f"({_OLD_TITLE_SEPARATOR})", f"({TITLE_SITE_SEPARATOR})"),
    ):
        assert re.split(new, text) == re.split(old, text)
        assert _spans(re.compile(new), text) == _spans(re.compile(old), text)


def test_the_title_separator_splits_as_before_on_every_page_text() -> None:
    from noticecli.knowledge import TITLE_SITE_SEPARATOR

    new = re.compile(f"({TITLE_SITE_SEPARATOR})")
    old = re.compile(f"({_OLD_TITLE_SEPARATOR})")
    for text in _page_texts():
        assert new.split(text) == old.split(text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="当前位置您的所在首页 \u3000>＞»/-–—a中", max_size=12))
@example("首页 > 通知公告")
@example("首页 — 新闻")
def test_the_breadcrumb_test_answers_as_before(text: str) -> None:
    from noticecli.parse.title import _BREADCRUMB

    old = re.compile(r"当前位置|您的位置|所在位置|首页\s*[>＞»/]|首页\s+[-–—]+\s|[>＞»]")
    assert (_BREADCRUMB.search(text) is None) == (old.search(text) is None)


def _page_trees() -> list[LexborHTMLParser]:
    folders = [PAGES] + ([CORPUS] if CORPUS.is_dir() else [])
    return [
        LexborHTMLParser(decode_bytes(path.read_bytes()).text)
        for folder in folders
        for path in sorted(folder.iterdir())
        if path.suffix in _HTML
    ]


def test_text_and_comment_nodes_never_name_or_centre_a_title() -> None:
    """The opening-heading search passes text and comment children over without asking
    names_title / centred_line: on every such node of every page both say no."""
    from noticecli.parse.title_block import centred_line, names_title

    seen = 0
    for tree in _page_trees():
        root = tree.root
        assert root is not None
        for node in root.traverse(include_text=True):
            tag = node.tag
            if not tag or tag.startswith("-"):
                seen += 1
                assert not names_title(node) and not centred_line(node)
    assert seen > 5000


def test_the_grid_label_start_set_is_the_two_tests_it_replaces() -> None:
    from noticecli.labels import label_initials
    from noticecli.parse.header_html import _LABEL_LEAD, _label_starts

    starts = _label_starts()
    for text in _page_texts():
        for char in set(text):
            assert (char in starts) == (char in label_initials() or char in _LABEL_LEAD)


def _old_opening(container: LexborNode | None) -> list[LexborNode]:
    """title._opening as it was written before text and comment children were passed over."""
    from noticecli.parse import title as t
    from noticecli.parse.dom import compact, first_tag
    from noticecli.parse.title_block import centred_line, names_title

    if container is None:
        return []
    first = None
    child = container.child
    blocks = 0
    while child is not None and first is None and blocks < t._OPENING_BLOCKS:
        if child.tag in t._OPENING_TAGS or names_title(child) or centred_line(child):
            first = child
        elif child.tag and not child.tag.startswith("-"):
            first = first_tag(child, t._OPENING_TAGS, "h1, h2, h3, h4, strong, b")
            blocks += 1
        child = child.next
    if first is None:
        return []
    start = compact(first.text())[: t._MIN_SHARED]
    if compact(t._leading_text(container, t._MAX_CHARS * 2)).startswith(start):
        return [first]
    leading = t._DOC_NUMBER_LEAD.sub("", compact(t._leading_text_outside_links(container)), 1)
    return [first] if leading.startswith(start) else []


def test_the_opening_heading_is_found_as_before_in_every_element() -> None:
    """Every element of every page taken as the body container."""
    from noticecli.parse.title import _opening

    found = 0
    for tree in _page_trees():
        for node in tree.css("body, body *")[:400]:
            new = [item.mem_id for item in _opening(node)]
            assert new == [item.mem_id for item in _old_opening(node)]
            found += bool(new)
    assert found > 50
