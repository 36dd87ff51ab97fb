"""The listing reader's shortcuts give the answers of the full work they skip.

Each shortcut of the speed pass (issue 9, "Speed stays") skips work only where the skipped
work cannot change the result. These tests check each one against the full work: on every
fixture and ../shared/corpus page, on random inputs, and on listing pages of our own made
to look like articles (one labelled 发布时间, few dated rows, a pager, a list held in a
script or filled by JavaScript), which must stay listings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from noticecli import parse_html
from noticecli.dates import date_in_text
from noticecli.decode import decode_bytes
from noticecli.models import ListingItem
from noticecli.parse import article_text, listing, listing_data, listing_rows
from noticecli.parse.article import has_article_body
from noticecli.parse.dom import document_base_url
from noticecli.parse.listing_inputs import collapse, page_links
from noticecli.parse.script_source import code_chars, code_marks
from tests.conftest import CORPUS, PAGES

_HTML = (".html", ".htm", ".shtml")


def _pages() -> list[Path]:
    folders = [PAGES] + ([CORPUS] if CORPUS.is_dir() else [])
    return sorted(path for folder in folders for path in folder.iterdir() if path.suffix in _HTML)


def _tree(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(decode_bytes(path.read_bytes()).text)


PAGE_IDS = [path.name for path in _pages()]


@pytest.fixture(params=_pages(), ids=PAGE_IDS)
def page_tree(request: pytest.FixtureRequest) -> LexborHTMLParser:
    return _tree(request.param)


def test_the_pages_include_the_corpus_when_present() -> None:
    names = set(PAGE_IDS)
    assert "19_title-glued-dashes.html" in names
    if CORPUS.is_dir():
        assert "04_handan_xxgk-guide-portal.html" in names


# --- Row groups that cannot be acceptable are not read ------------------------------------


def test_a_group_left_unread_is_never_acceptable(page_tree: LexborHTMLParser) -> None:
    links = page_links(page_tree)
    candidates = [c for seq, link in enumerate(links) if (c := listing_rows._candidate(seq, link))]
    holders = listing_rows._group(candidates)
    few = listing_rows._article_urls_at_most(candidates, 2)
    article_like = sum(1 for c in candidates if listing_rows._is_article_url(c.link.href))
    assert article_like <= 2 or not few  # a bound: shapes counted, several may share a link
    for holder_id in holders:
        group = listing_rows._made(holders, {}, holder_id)
        if listing_rows._may_be_acceptable(group, few):
            continue
        listing_rows._read_group(group)
        assert not listing_rows._acceptable(group, group.score())


def test_article_url_shapes_match_as_case_insensitive_patterns() -> None:
    shapes = re.compile(listing_rows._ARTICLE_URL, re.IGNORECASE)
    for href in ("/A/T20240506_123.HTML", "/x/ART_1_2.shtml", "/Content_9.htm", "/a/b", "/ſ/1"):
        assert listing_rows._is_article_url(href) == bool(shapes.search(href))
    assert listing_rows._is_nav_token("Sub-NAV") and not listing_rows._is_nav_token("navigate")


# --- The pager is not read when the decision cannot depend on it ---------------------------


def test_deciding_never_changes_whether_a_page_is_a_listing(page_tree: LexborHTMLParser) -> None:
    article = has_article_body(page_tree)
    full = listing.extract_listing(page_tree, None, article=article)
    deciding = listing.extract_listing(page_tree, None, article=article, deciding=True)
    decided = listing.is_listing(page_tree, deciding, article=article)
    assert decided == listing.is_listing(page_tree, full, article=article)
    if decided:
        assert (deciding.items, deciding.next_urls, deciding.page_count) == (
            full.items,
            full.next_urls,
            full.page_count,
        )


def test_a_base_url_given_is_the_one_resolved(page_tree: LexborHTMLParser) -> None:
    url = "https://www.example.gov.cn/col/index.html"
    given_base = listing.extract_listing(page_tree, url, base_url=document_base_url(page_tree, url))
    assert given_base.items == listing.extract_listing(page_tree, url).items


# --- Comment lists: searched for a date only when their text has four digits -------------


def _comment_items_in_full(comments: list[str], base: str | None) -> list[ListingItem]:
    """comment_list_items as it was: every comment with two links and a date in its markup
    is parsed and its list read."""
    link = re.compile(r"<a\s[^>]*href", re.IGNORECASE)
    best: list[ListingItem] = []
    for content in comments:
        if len(link.findall(content)) < 2 or date_in_text().search(content) is None:
            continue
        items = listing_rows.fragment_items(listing_rows.comment_fragment(content), base)
        if sum(1 for i in items if i.date) > sum(1 for i in best if i.date):
            best = items
    return best if sum(1 for i in best if i.date) >= 2 else []


def test_comment_lists_read_as_in_full(page_tree: LexborHTMLParser) -> None:
    comments = listing_data.page_comments(page_tree)
    assert listing_data.comment_list_items(comments, None) == _comment_items_in_full(comments, None)


def test_a_comment_whose_text_has_no_year_gives_no_items_even_with_dates_in_links() -> None:
    row = '<li><a href="/2024-05-06/{h}.html">关于{n}的通知</a><span>五月</span></li>'
    content = (
        "<ul>"
        + "".join(row.format(h=h, n=n) for h, n in zip("abc", "一二三", strict=True))
        + "</ul>"
    )
    assert listing_data.comment_list_items([content], None) == []
    dated = content.replace("五月", "2024-05-06")
    assert len(listing_data.comment_list_items([dated], None)) == 3


# --- Patterns rewritten to run faster give the same matches ------------------------------

_ORIGINAL_DATE = re.compile(r"(?<!\d)(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})(?!\d)")
_DATE_CHARS = st.text(alphabet="0123456789１２-./年月日 \n\ta", max_size=40)


@settings(max_examples=400)
@given(_DATE_CHARS)
def test_date_in_text_finds_what_the_plain_pattern_finds(text: str) -> None:
    found = [(m.span(), m.groups()) for m in date_in_text().finditer(text)]
    assert found == [(m.span(), m.groups()) for m in _ORIGINAL_DATE.finditer(text)]


def test_date_in_text_on_every_page(page_tree: LexborHTMLParser) -> None:
    body = page_tree.body
    text = body.text(separator=" ") if body is not None else ""
    found = [m.groups() for m in date_in_text().finditer(text)]
    assert found == [m.groups() for m in _ORIGINAL_DATE.finditer(text)]


@settings(max_examples=400)
@given(
    st.text(alphabet="ab()+;[]{}'\"\\\n x", max_size=40),
    st.integers(min_value=0, max_value=45),
    st.one_of(st.none(), st.integers(min_value=0, max_value=45)),
    st.sampled_from(["();", "()+", "[]{}"]),
)
def test_code_marks_are_code_chars_of_those_marks(
    source: str, start: int, stop: int | None, marks: str
) -> None:
    expected = [(i, c) for i, c in code_chars(source, start, stop) if c in marks]
    assert list(code_marks(source, marks, start, stop)) == expected


_NAMED_LIST = re.compile(r"(?:articleList|listData)\b[\"']?\s*[:=]\s*\[")


@settings(max_examples=400)
@given(
    st.lists(st.sampled_from(["articleList", "listData", "x", "_", '"', "'", " ", ":", "=", "["]))
)
def test_named_lists_found_as_the_pattern_finds_them(parts: list[str]) -> None:
    text = "".join(parts)
    expected = {
        m.end() - 1
        for m in _NAMED_LIST.finditer(text)
        if listing_data._starts_name(text, m.start())
    }
    assert listing_data._named_list_starts(text) == expected


class _Text:
    def __init__(self, text: str) -> None:
        self._text = text

    def text(self, separator: str = "") -> str:
        return self._text


@settings(max_examples=400)
@given(st.text(alphabet="ab 。；\n\t", max_size=120))
@example("b\n" + "a" * 29 + "。\n" + "a" * 28 + "；")  # a line of 30 counts, one of 29 not
def test_prose_counts_the_long_lines_with_marks(text: str) -> None:
    expected = sum(
        len(line.strip())
        for line in re.findall(r"[^\n]{30,}", text)
        if "。" in line or "；" in line
    )
    assert article_text.prose_chars(_Text(text)) == expected  # type: ignore[arg-type]


@settings(max_examples=400)
@given(st.text(alphabet="ab \n\t友情", max_size=200))
def test_a_heading_is_the_head_of_the_collapsed_text(text: str) -> None:
    assert listing_rows._collapsed_head(text, 12) == collapse(text)[:12]


# --- Listings that look like articles stay listings --------------------------------------

_ROWS = """
<ul class="news">
  <li><a href="/tzgg/202405/t20240528_1.html">关于开展人防工程安全隐患排查整治工作的通知</a>
      <span>2024-05-28</span></li>
  <li><a href="/tzgg/202405/t20240520_2.html">关于做好防空警报试鸣工作的通告</a>
      <span>2024-05-20</span></li>
</ul>
"""


def _page(body: str) -> str:
    return f"<html><head><title>通知公告</title></head><body>{body}</body></html>"


def test_one_labelled_date_two_dated_rows_and_a_pager_is_a_listing() -> None:
    html = _page(
        '<div class="lm">通知公告 <span>发布时间：2024-05-28</span></div>'
        + _ROWS
        + '<div class="page"><a href="index_1.html">下一页</a><a href="index_5.html">尾页</a></div>'
    )
    notice = parse_html(html, "https://rfb.example.gov.cn/tzgg/index.html")
    assert notice.kind == "listing"
    assert [item.date for item in notice.items] == ["2024-05-28", "2024-05-20"]
    assert notice.next_pages[0] == "https://rfb.example.gov.cn/tzgg/index_1.html"


def test_a_list_held_in_a_script_beside_one_labelled_date_is_a_listing() -> None:
    html = _page(
        "<div>发布时间：2024-05-28</div><ul id='list'></ul><script>var listData = {"
        '"articleList": [{"title": "关于开展排查整治工作的通知", "url": "/a/1.html",'
        ' "publishTime": "2024-05-28"}]};</script>'
    )
    notice = parse_html(html, "https://rfb.example.gov.cn/tzgg/")
    assert notice.kind == "listing"
    assert [item.title for item in notice.items] == ["关于开展排查整治工作的通知"]


def test_a_list_filled_by_javascript_beside_one_labelled_date_is_a_listing() -> None:
    html = _page(
        "<div>发布时间：2024-05-28</div><ul id='list'></ul>"
        "<script>$.ajax({url: '/api/list', success: function (d) {}});</script>"
    )
    notice = parse_html(html, "https://rfb.example.gov.cn/tzgg/")
    assert notice.kind == "listing"
    assert any(w.code == "listing_js_rendered" for w in notice.warnings)
