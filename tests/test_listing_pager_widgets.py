"""Pager widgets configured by an options object (Layui laypage, kkpager): their page count,
current page and page naming."""

from __future__ import annotations

import noticecli

ROWS = "".join(
    f"<li><a href='/tzgg/202408/t202408{day:02d}_{day}.html'>关于人防工程第{day}批检查结果的公告</a>"
    f"<span>2024-08-{day:02d}</span></li>"
    for day in range(1, 6)
)


def _pager(script: str) -> tuple[int | None, list[str]]:
    html = (
        f"<html><body><ul>{ROWS}</ul><div id='pager'></div><script>{script}</script></body></html>"
    )
    notice = noticecli.parse_html(html, url="http://rfb.example.gov.cn/tzgg/list_2.html")
    assert notice.kind == "listing"
    return notice.page_count, notice.next_pages


def test_laypage_count_limit_curr_and_jump_naming() -> None:
    count, pages = _pager(
        "layui.use('laypage', function(){ var laypage = layui.laypage; laypage.render({"
        "elem: 'pager', count: 87, limit: 15, curr: 2, jump: function(obj, first){"
        " if(!first){ location.href = 'list_' + obj.curr + '.html'; } }}); });"
    )
    assert count == 6
    assert pages == [f"http://rfb.example.gov.cn/tzgg/list_{n}.html" for n in (3, 4, 5, 6)]


def test_layui_laypage_variables_and_default_limit() -> None:
    count, pages = _pager(
        "var total = '45'; var now = 1; layui.laypage.render({elem: 'pager', count: total,"
        " curr: now, jump: function(obj){ window.location.href = '?page=' + obj.curr; }});"
    )
    assert count == 5
    assert pages[0] == "http://rfb.example.gov.cn/tzgg/list_2.html?page=2"
    assert len(pages) == 4


def test_laypage_reading_a_server_response_gives_no_count() -> None:
    assert _pager("laypage.render({elem: 'pager', count: res.count, limit: 10});") == (None, [])


def test_kkpager_default_and_custom_get_link() -> None:
    count, pages = _pager(
        "kkpager.generPageHtml({ pno : '1', total : '4', totalRecords : '38',"
        " hrefFormer : 'index', hrefLatter : '.html' });"
    )
    assert count == 4
    assert pages == [f"http://rfb.example.gov.cn/tzgg/index_{n}.html" for n in (2, 3, 4)]
    count, pages = _pager(
        "kkpager.generPageHtml({ pno : 2, total : 4, hrefFormer : 'index', hrefLatter : '.html',"
        " getLink : function(n){ if(n == 1){ return this.hrefFormer + this.hrefLatter; }\n"
        " return this.hrefFormer + '_' + (n - 1) + this.hrefLatter; } });"
    )
    assert count == 4
    assert pages == [f"http://rfb.example.gov.cn/tzgg/index_{n}.html" for n in (2, 3)]
