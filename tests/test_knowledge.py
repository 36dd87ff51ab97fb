"""The table of site knowledge: every entry is usable as the parsers use it."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from noticecli import chrome_words, knowledge, knowledge_listings

SELECTORS = [c.selector for c in knowledge.BODY_CONTAINERS] + list(knowledge.TITLE_SELECTORS)
FRAGMENTS = [
    *chrome_words.WIDGET_CLASS_WORDS,
    *chrome_words.FURNITURE_CLASS_WORDS,
    *chrome_words.WIDGET_TEXTS,
    *chrome_words.FURNITURE_LINES,
    *chrome_words.VALUE_WIDGET_LEADS,
    *chrome_words.VALUE_WIDGET_WORDS,
    *knowledge_listings.NAV_CLASS_WORDS,
    *knowledge_listings.ARTICLE_URL_SHAPES,
    *knowledge_listings.LIST_SCRIPT_NAMES,
    *knowledge_listings.LIST_LOADER_CALLS,
    knowledge.TITLE_SITE_SEPARATOR,
    knowledge_listings.LIST_HEAD_TITLE,
    knowledge_listings.LIST_HEAD_DATE,
]


@pytest.mark.parametrize("selector", SELECTORS)
def test_selectors_parse(selector: str) -> None:
    LexborHTMLParser("<p></p>").css(selector)  # raises on a selector Lexbor cannot read


def test_no_selector_is_listed_twice() -> None:
    containers = [c.selector for c in knowledge.BODY_CONTAINERS]
    assert len(set(containers)) == len(containers)
    assert len(set(knowledge.TITLE_SELECTORS)) == len(knowledge.TITLE_SELECTORS)


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_fragments_compile_alone(fragment: str) -> None:
    # Each fragment is joined into an alternation: one that is not a whole expression (an
    # unbalanced group) would break its neighbours.
    re.compile(fragment)
    re.compile(f"(?:{fragment})|x")


def test_article_containers_are_body_containers_and_the_parsers_use_the_table() -> None:
    from noticecli.parse import article, body_container, html

    assert (
        tuple(c.selector for c in knowledge.BODY_CONTAINERS) == body_container.CONTAINER_SELECTORS
    )
    assert {selector for selector, _ in article._BODY_SELECTORS} == {
        c.selector for c in knowledge.BODY_CONTAINERS if c.proves_article
    }
    assert html.TITLE_SELECTORS is knowledge.TITLE_SELECTORS


def test_a_container_in_the_table_is_found() -> None:
    import noticecli

    text = "本通知自发布之日起施行，请各单位认真贯彻落实。" * 5
    for container in knowledge.BODY_CONTAINERS:
        selector = container.selector
        if selector.startswith("."):
            attrs = f'class="{selector[1:]}"'
            element = container.tag or "div"
        elif selector.startswith("#"):
            attrs, element = f'id="{selector[1:]}"', "div"
        else:
            attrs, element = "", selector
        html = (
            f"<html><body><div class='nav'><a href='/'>首页</a></div>"
            f"<{element} {attrs}><p>{text}</p></{element}>"
            "<div class='side'><p>无关的侧栏文字。</p></div></body></html>"
        )
        notice = noticecli.parse_html(html)
        assert [block.text for block in notice.body] == [text], selector
