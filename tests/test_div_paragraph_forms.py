"""Pages that write every ``<p>`` as a ``<div>`` (some CMSes do) keep their body: a leaf
``<div>`` holding a line is a paragraph carrier like ``<p>`` (its text in inline elements
too), a leaf ``<div>`` holding only a link to a document is a line of one link, and a
numbered line stating a label's value is a paragraph, not a section title. Each rule alone on
content fragments of our own (no title, no container class a selector knows), with what it
must not catch. Fixtures 146-149 hold the same forms whole."""

from __future__ import annotations

import re

import pytest

import noticecli

INTRO = (
    "根据《汀北市人民防空警报设施管理规定》有关要求，现将汀北市人防办等3家单位警报设施"
    "维护检查结果进行公示。"
)
LINKS = ("汀北市人防办警报设施检查表.pdf", "汀北县人防办警报设施检查表.pdf")


def _fragment(tag: str) -> str:
    """A content fragment: an intro sentence in a span, a caption, numbered links to PDFs,
    the signature and date; every line in ``tag``."""
    style = ' style="text-indent:2em"'
    lines = [
        f"<{tag}{style}><span style='font-size:16px'>{INTRO}</span></{tag}>",
        f"<{tag}{style}><span>检查单位名称：</span></{tag}>",
        *(
            f'<{tag}{style}>{n}.<a href="/u/P0202406{n}.pdf">{name}</a></{tag}>'
            for n, name in enumerate(LINKS, 1)
        ),
        f"<{tag}{style}><span>汀北市人民防空办公室</span></{tag}>",
        f"<{tag}{style}><span>2024年6月3日</span></{tag}>",
    ]
    return f'<div class="zw2" id="zw">{"".join(lines)}</div>'


def _texts(page: str) -> list[str]:
    return [block.text or "" for block in noticecli.parse_html(page).body]


def test_a_fragment_of_div_lines_keeps_the_body_of_its_p_form() -> None:
    as_p = _texts(_fragment("p"))
    as_div = _texts(_fragment("div"))
    assert as_p[0] == INTRO
    assert as_div == as_p


def test_a_fragment_of_one_document_link_in_a_div_is_that_line() -> None:
    one = '<div class="zw2" id="zw"><div><br></div><div><span>&nbsp;<a href="/u/P1.pdf">{}</a></span></div></div>'
    for tag in ("p", "div"):
        page = (
            one.format(LINKS[0])
            .replace("<div><span>", f"<{tag}><span>")
            .replace("</span></div></div>", f"</span></{tag}></div>")
        )
        assert _texts(page) == [LINKS[0]], tag


@pytest.mark.parametrize("href", ["/zwgk/index.html", "/images/banner.jpg"])
def test_a_div_of_a_link_to_a_page_or_an_image_is_no_body(href: str) -> None:
    page = (
        '<div class="top"><div><a href="/">首页</a></div>'
        f'<div><a href="{href}">政府信息公开指南</a></div></div>'
    )
    notice = noticecli.parse_html(page)
    assert notice.body == []
    assert "no_body" in {warning.code for warning in notice.warnings}


def test_a_numbered_line_stating_a_value_is_a_paragraph_and_a_numbered_caption_a_heading() -> None:
    lines = (
        "一、项目编号：TB2024-071",
        "二、成交信息：供应商名称为汀北电子有限公司，成交金额为28.6万元。",
        "三、项目概况",
        "本项目为汀北市人防警报器维护服务，服务期一年，服务范围为全市警报设施。",
    )
    for tag in ("p", "div"):
        page = "<div id=zw>" + "".join(f"<{tag}>{line}</{tag}>" for line in lines) + "</div>"
        blocks = noticecli.parse_html(page).body
        assert [block.text for block in blocks] == list(lines), tag
        assert blocks[0].type == "paragraph", tag
    divs = "<div id=zw>" + "".join(f"<div>{line}</div>" for line in lines) + "</div>"
    assert noticecli.parse_html(divs).body[2].type == "heading"


def test_the_p_to_div_rewrite_of_a_paragraph_page_changes_no_body() -> None:
    page = (
        "<html><body><div class=nav><a href='/'>首页</a> <a href='/a'>工作动态</a></div>"
        + _fragment("p")
        + "<div class=foot>版权所有：汀北市人民防空办公室</div></body></html>"
    )
    rewritten = re.sub(r"</p>", "</div>", re.sub(r"<p(?=[\s>])", "<div", page))
    assert _texts(rewritten) == _texts(page)


@pytest.mark.parametrize(
    "widget",
    [
        "<div>2024年05月01日 星期三</div>",
        "<div><span>欢迎访问汀北市人民政府网站！今天是：</span><span id=d></span></div>",
    ],
)
def test_a_lone_leaf_div_over_a_table_layout_is_no_paragraph(widget: str) -> None:
    rows = "".join(
        f"<tr><td><span style='font-size:16px'>{line}</span></td></tr>"
        for line in (INTRO, "请有关单位对照公示内容进行核对，如有异议请于公示期内反馈。")
    )
    page = (
        "<html><body>{}<table class=main><tr><td><h1>汀北市人防办警报设施检查结果公示</h1></td></tr>"
        + rows
        + "</table><div class=foot>版权所有：汀北市人民防空办公室</div></body></html>"
    )
    assert _texts(page.format(widget)) == _texts(page.format("")) != []
