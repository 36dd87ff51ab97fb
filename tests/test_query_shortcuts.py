"""The article phases' stand-ins for CSS queries give what the queries give.

A CSS query has a fixed cost of its own (its selector parsed, Lexbor's selector memory set
up; measured in docs/benchmarks.md, speed passes 7 and 8); the speed pass (issue 9, "Speed
stays") asks fewer of them. Each stand-in is checked against the query on every fixture and
../shared/corpus page and on markup of our own made to find the places they could differ
(SVG and MathML, elements after ``</html>``, ``<noscript>`` in ``<head>``, ``<template>``,
quirks mode, character references).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.decode import decode_bytes
from noticecli.knowledge import TITLE_SELECTORS
from noticecli.parse import article, attachments, dom
from noticecli.parse.article import PageMarks, PageQueries
from noticecli.parse.body_container import CONTAINER_SELECTORS, find_container
from noticecli.parse.dom import page_tags
from noticecli.parse.visibility import remove_hidden
from tests.conftest import CORPUS, PAGES

_HTML = (".html", ".htm", ".shtml")
# The query the link test stands in for: a link whose own text holds a dot, or whose text
# or a child element's holds 附 (``:lexbor-contains`` reads an element's own text).
_READ_TEXT_LINKS = (
    'a[href]:lexbor-contains("附"), a[href]:has(:lexbor-contains("附")), '
    'a[href]:lexbor-contains(".")'
)
_TRICKY = (
    "<html><head><noscript><a href=n>n</a></noscript><table></table><pre>h</pre>"
    "<meta name=a><title>t</title></head>"
    "<body><svg><a href=s>s.附</a><table></table><title>svg</title></svg>"
    "<math><a href=m>m</a></math><A HREF=u>u.pdf</A><template><a href=t>t.pdf</a>"
    "<table></table><pre>t</pre></template><a name=anchor>附件</a>"
    "<a href=c><!--a.b--></a><a href=d><span>附件</span></a><a href=e><style>.x{}</style></a>"
    "<a href=f>&#38468;件</a><a href=g>e<span>f</span>.g</a><a href=h><b>x.doc</b></a>"
    "<table><tr><td><pre>x</pre></td></tr></table><meta name=b></body></html>"
    "<a href=after>after.doc</a><pre>p</pre><TABLE></TABLE>"
)
_CONTAINERS = (
    '<div class="trs_editor">x</div><div id=ZOOM>y</div><ARTICLE>z</ARTICLE>'
    '<div class="TRS&#95;Editor">w</div><p class="Title">t</p><h1 id="TITLE">h</h1>'
    '<div class="pre-article-content-x">c</div><div id="my#content">d</div>'
    '<div class="&#x7A;oom wzcon\tart_con">e</div><div id="&#68;etailContent">f</div>'
    '<div class=" main-txt ">g</div><svg><g class="pages_content"></g><h2>s</h2></svg>'
    '<template><div class="article-body">t</div><article>u</article><h2>v</h2></template>'
)
# Class and id words written where no element holds them: in text, a comment, a script,
# another attribute. The stand-in may ask these selectors (it is looser); the queries find
# nothing.
_WORDS_ELSEWHERE = (
    '<body data-class="TRS_Editor" title="#zoom"><!-- <div class=article_content> -->'
    "<script>var c = 'detailContent';</script><p>TRS_UEDITOR .pages_content</p>"
    '<div class="zoomed">z</div><div id="zoom-box">b</div></body>'
)


def _pages() -> list[Path]:
    folders = [PAGES] + ([CORPUS] if CORPUS.is_dir() else [])
    return sorted(path for folder in folders for path in folder.iterdir() if path.suffix in _HTML)


def _trees() -> list[LexborHTMLParser]:
    return [LexborHTMLParser(decode_bytes(path.read_bytes()).text) for path in _pages()] + [
        LexborHTMLParser(_TRICKY),
        LexborHTMLParser("<!DOCTYPE html>" + _TRICKY),
        LexborHTMLParser(_CONTAINERS),
        LexborHTMLParser("<!DOCTYPE html>" + _CONTAINERS),
        LexborHTMLParser(_WORDS_ELSEWHERE),
    ]


@pytest.fixture(scope="module")
def trees() -> list[LexborHTMLParser]:
    return _trees()


def _ids(nodes: list[LexborNode]) -> list[int]:
    return [node.mem_id for node in nodes]


def test_the_pages_include_the_fixtures() -> None:
    assert any(path.name == "19_title-glued-dashes.html" for path in _pages())


@pytest.mark.parametrize("tag", ["a", "table", "pre", "tr", "p", "meta", "title"])
def test_page_tags_are_the_query_of_the_tag(trees: list[LexborHTMLParser], tag: str) -> None:
    for tree in trees:
        for root in (tree.root, tree.body):
            if root is not None:
                assert _ids(page_tags(root, tag)) == _ids(root.css(tag))
        # The tag lookup of the whole page, as head_tags reads <meta> and <title>.
        assert _ids(tree.tags(tag)) == _ids(tree.css(tag))


def test_page_tags_below_the_body_are_queried() -> None:
    tree = LexborHTMLParser(_TRICKY)
    svg = tree.css_first("svg")
    assert svg is not None
    assert _ids(page_tags(svg, "a")) == _ids(svg.css("a"))
    assert len(page_tags(svg, "a")) == 1


@pytest.mark.parametrize(
    "selectors", [CONTAINER_SELECTORS, TITLE_SELECTORS], ids=["containers", "titles"]
)
def test_a_selector_left_out_finds_nothing(
    trees: list[LexborHTMLParser], selectors: tuple[str, ...]
) -> None:
    kept = left_out = 0
    for tree in trees:
        possible = PageMarks(tree).possible(selectors)
        for selector in selectors:
            if selector not in possible:
                assert tree.css(selector) == [], selector
                left_out += 1
            else:
                kept += 1
    assert kept and left_out  # the pages do hold containers and titles, and lack some


def test_a_selector_left_out_finds_nothing_after_hidden_elements_go() -> None:
    # The words are read before remove_hidden; a selector they leave out finds nothing after
    # it either, and an answer remembered from before it is kept.
    hidden = (
        '<div class="TRS_Editor" style="display:none">x</div><div hidden id=zoom>y</div>'
        "<div class=article_content>" + "文" * 120 + "</div>"
    )
    for path in [*_pages(), None]:
        markup = decode_bytes(path.read_bytes()).text if path is not None else hidden
        tree = LexborHTMLParser(markup)
        select = PageQueries(tree)
        before = {
            selector: _ids(select(selector)) for selector in select.possible(CONTAINER_SELECTORS)
        }
        remove_hidden(tree, markup)
        for selector in CONTAINER_SELECTORS:
            if selector not in before:
                assert tree.css(selector) == [], (path, selector)
            else:
                assert _ids(select(selector)) == before[selector]


def test_quirks_mode_matches_are_kept() -> None:
    # Without a doctype Lexbor matches class and id names in any letter case.
    tree = LexborHTMLParser(_CONTAINERS)
    found = PageMarks(tree).possible(CONTAINER_SELECTORS)
    assert {".TRS_Editor", "#zoom", "#Zoom", "article", "#detailContent"} <= set(found)
    assert len(tree.css(".TRS_Editor")) == 2  # one of them written with a character reference
    assert tree.css("#detailContent") and tree.css(".wzcon") and tree.css(".art_con")
    titles = PageMarks(tree).possible(TITLE_SELECTORS)
    assert {".title", "#title", "h1", "h2"} <= set(titles)


def test_the_container_search_asks_only_the_possible_selectors() -> None:
    # Words in text, comments, scripts and other attributes ask nothing; an id holding a
    # container's word (zoom-box) asks that container's selectors, which find nothing.
    asked: list[str] = []

    class Counting(PageQueries):
        def __call__(self, selector: str) -> list[LexborNode]:
            asked.append(selector)
            return super().__call__(selector)

    tree = LexborHTMLParser(_WORDS_ELSEWHERE)
    assert find_container(tree, Counting(tree)) is None  # no container, no dense text
    assert asked == ["#zoom", "#Zoom"]


def test_the_link_text_test_is_the_query(trees: list[LexborHTMLParser]) -> None:
    tested = 0
    for tree in trees:
        body = tree.body
        if body is None:
            continue
        queried = set(_ids(body.css(_READ_TEXT_LINKS)))
        for link in body.css("a[href]"):
            assert attachments._text_may_name_file(link) == (link.mem_id in queried), link.html
            tested += 1
    assert tested > 500  # the fixtures alone hold about 900 links; the corpus adds more


def test_a_page_without_frame_tags_embeds_nothing(trees: list[LexborHTMLParser]) -> None:
    for tree in trees:
        has_tags = any(tree.tags(tag) for tag in attachments._EMBED_TAGS)
        if tree.root is not None and tree.root.css(attachments._EMBEDS):
            assert has_tags
    framed_page = LexborHTMLParser('<body><IFRAME SRC="/viewer.html?file=/u/a.pdf"></IFRAME>')
    assert framed_page.body is not None
    assert attachments.extract_attachments(framed_page.body, None, "<IFRAME")


def test_the_article_meta_is_the_query(trees: list[LexborHTMLParser]) -> None:
    metas = (
        '<meta name="articletitle" content=a><meta NAME="ArticleTitle" content=b>'
        '<meta name=" ArticleTitle" content=c><body><svg><meta name=ArticleTitle content=e>'
    )
    query = 'meta[name="ArticleTitle"]'
    for tree in [*trees, LexborHTMLParser(metas), LexborHTMLParser(metas[54:])]:
        node = tree.css_first(query)
        assert article._article_meta(tree) == (node.attributes if node is not None else None)


def test_a_page_naming_an_address_is_never_passed_over(trees: list[LexborHTMLParser]) -> None:
    named = (
        "<link rel=Canonical href=a>",
        '<!DOCTYPE html><link REL="CANONICAL" href=b>',
        "<meta property=og:url content=c>",
        "<meta name=url content=d>",
        "<base HREF=e>",
        "<body><svg><meta name=url content=f></svg>",
    )
    pages = [*trees, *(LexborHTMLParser(markup) for markup in named)]
    for tree in pages:
        if tree.css_first(dom._BASE_OR_ADDRESS) is not None:
            assert dom._may_name_address(tree)
    assert not dom._may_name_address(LexborHTMLParser("<base target=_blank><link rel=icon>"))
