"""Literal scans that stand in for patterns run over whole stylesheets and page markup give
what the patterns give (issue 9, speed pass 7).

Each stand-in is checked against the pattern on every fixture and ../shared/corpus page
and on text of our own made to find where they could differ (an unclosed comment, a
comment's end overlapping its start, a match that holds the next start).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from noticecli.decode import decode_bytes
from noticecli.parse.css_scan import matches_from, without_comments
from noticecli.parse.listing_data import comment_contents
from tests.conftest import CORPUS, PAGES

_HTML = (".html", ".htm", ".shtml")
# The patterns the stand-ins replace, as they were written.
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_DISPLAY = re.compile(r"display\s*:\s*([a-z-]+)")
_VISIBILITY = re.compile(r"visibility\s*:\s*([a-z-]+)")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)

_TRICKY_CSS = (
    "",
    "/*",
    "*/",
    "/*/",
    "/**/",
    "/*/*/",
    "a /* b */ c",
    "/* a */ b /* c",
    "a /* b */ /* c */ d /* e",
    ".x{display:none}/* .y{display:block} */.z{visibility : hidden}",
    "display:display:none",
    "display:inline-display:none",
    "displaydisplay : none; display",
    "DISPLAY:none; display :\n block",
    "visibility:visibility:hidden",
    "p{display:none}\u5fae\u8f6f\u96c5\u9ed1{display: block}",
)
_TRICKY_MARKUP = (
    "",
    "<!--",
    "-->",
    "<!-->",
    "<!--->",
    "<!---->",
    "<!-- a --> b <!-- c",
    "<!--<!-- x -->-->",
    "a<!--1-->b<!--2-->c<!--",
    "<!--<a href=x>1</a>\n<a href=y>2</a>-->",
    "<!--\u901a\u77e5-->",
)


def _pages() -> list[Path]:
    folders = [PAGES] + ([CORPUS] if CORPUS.is_dir() else [])
    return sorted(path for folder in folders for path in folder.iterdir() if path.suffix in _HTML)


@pytest.fixture(scope="module")
def trees() -> list[LexborHTMLParser]:
    return [LexborHTMLParser(decode_bytes(path.read_bytes()).text) for path in _pages()]


@pytest.fixture(scope="module")
def sheets(trees: list[LexborHTMLParser]) -> list[str]:
    found = [node.text() for tree in trees for node in tree.css("style")]
    assert any("display" in sheet for sheet in found)  # the pages hold real sheets
    return found + list(_TRICKY_CSS)


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], str | None]]:
    return [(match.span(), match.group(1)) for match in matches]


def test_comments_are_blanked_as_the_pattern_blanks_them(sheets: list[str]) -> None:
    for sheet in sheets:
        assert without_comments(sheet) == _CSS_COMMENT.sub(" ", sheet), sheet[:80]


@pytest.mark.parametrize(("pattern", "start"), [(_DISPLAY, "display"), (_VISIBILITY, "visibility")])
def test_declarations_are_the_patterns_matches(
    sheets: list[str], pattern: re.Pattern[str], start: str
) -> None:
    for sheet in sheets:
        expected = _spans(list(pattern.finditer(sheet)))
        assert _spans(matches_from(sheet, pattern, start)) == expected, sheet[:80]


def test_a_match_holding_the_next_start_is_read_once() -> None:
    text = "display:inline-display:none"
    assert _spans(matches_from(text, _DISPLAY, "display")) == [((0, 22), "inline-display")]


def test_comment_contents_are_the_patterns(trees: list[LexborHTMLParser]) -> None:
    markups = [tree.body.html or "" for tree in trees if tree.body is not None]
    markups += [tree.html or "" for tree in trees]
    assert any("<!--" in markup for markup in markups)
    for markup in markups + list(_TRICKY_MARKUP):
        assert comment_contents(markup) == _COMMENT.findall(markup), markup[:80]


def test_an_unclosed_comment_ends_the_contents() -> None:
    assert comment_contents("<!--a--><!--b") == ["a"]
    assert comment_contents("<!-->x-->") == [">x"]
