"""The body on a template no selector knows: text density over text carriers (issue 9,
item 6)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from noticecli.parse.body_container import find_container

SENTENCE = "为做好人防工程安全管理工作，现就开展人防工程安全检查有关事项通知如下，请认真贯彻执行。"


def _chosen(body: str) -> str:
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    container = find_container(tree)
    assert container is not None
    return (container.attributes.get("id") or container.tag) or ""


def test_the_article_beats_a_sidebar_a_link_list_and_the_footer() -> None:
    body = (
        "<div id='side'><p>本站是市人防办的官方网站，提供人防政策、人防工程等方面的信息服务。</p></div>"
        "<div id='links'><p><a href='/1'>关于开展人防宣传教育活动的通知，请各单位认真组织实施。</a></p>"
        "<p><a href='/2'>关于公布人防工程平时使用登记情况的公告，请社会公众予以监督。</a></p></div>"
        f"<div id='wenzhang'><p>{SENTENCE}</p><p>{SENTENCE}</p><p>{SENTENCE}</p></div>"
        "<div id='foot'><p>版权所有：某某市人民防空办公室 网站标识码：0000000000 某ICP备00000000号</p></div>"
    )
    assert _chosen(body) == "wenzhang"


def test_a_scripts_code_inside_a_paragraph_is_no_text() -> None:
    pager = (
        "<p class='pager'><script>" + "document.write('<a href=x>1</a>，');" * 40 + "</script></p>"
    )
    body = f"<div id='pagebox'>{pager}</div><div id='article'><div>{SENTENCE}</div><div>{SENTENCE}</div></div>"
    assert _chosen(body) == "article"


def test_a_print_area_that_wraps_the_article_is_not_a_widget() -> None:
    body = (
        "<div class='share'><p>分享到：微信，微博，QQ空间，请选择分享方式。</p></div>"
        f"<div id='printer' class='detail-page-printer'>{f'<p>{SENTENCE}</p>' * 6}</div>"
    )
    assert _chosen(body) == "printer"


def test_a_word_table_that_carries_the_text_is_kept_with_its_holder() -> None:
    rows = "".join(
        f"<tr><td><p>第{n}项</p></td><td><p>{SENTENCE}</p></td></tr>" for n in range(1, 5)
    )
    body = f"<div id='holder'><p>{SENTENCE}</p><table>{rows}</table><p>{SENTENCE}</p></div>"
    assert _chosen(body) == "holder"


def test_a_page_wide_holder_of_a_table_of_paragraphs_is_not_the_body() -> None:
    # The paragraphs in the cells score the cells, not the table: the holder's one short
    # line of its own must be weighed against the text the table carries.
    cells = f"<td><p>{SENTENCE}</p></td><td><p>{SENTENCE}</p></td>"
    body = (
        "<div id='page'><div><a href='/'>首页</a><a href='/a'>机构概况</a>"
        "<a href='/b'>政务公开</a></div>"
        f"<table id='text'>{f'<tr>{cells}</tr>' * 3}</table>"
        "<div>欢迎来信来电，对本网站的内容提出意见和建议。</div></div>"
    )
    assert _chosen(body) == "text"
