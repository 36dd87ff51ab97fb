"""Patterns and counts rewritten for speed (issue 9, speed pass 4) give the answers of the
forms they replace, on random texts and on every text of the fixture and corpus pages."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

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
