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


def test_jquery_pagination_records_first_and_its_zero_based_callback() -> None:
    count, pages = _pager(
        "$('#pager').pagination(120, { items_per_page: 20, current_page: 0, callback:"
        " function(page_index){ location.href = 'list_' + (page_index + 1) + '.html'; } });"
    )
    assert count == 6
    # Page 2, list_2.html, is the address the page was read from: never a following page.
    assert pages == [f"http://rfb.example.gov.cn/tzgg/list_{n}.html" for n in (3, 4, 5, 6)]
    assert _pager("$('#pager').pagination(95, { callback: function(){} });") == (10, [])


def test_the_callback_of_any_pager_call_names_its_pages() -> None:
    count, pages = _pager(
        "$('#pagination').jqPaginator({ totalPages: 12, visiblePages: 5, currentPage: 2,"
        " onPageChange: function (num, type) { if (type == 'change') {"
        " location.href = 'index_' + num + '.html'; } } });"
    )
    assert (count, pages[0]) == (12, "http://rfb.example.gov.cn/tzgg/index_3.html")
    count, pages = _pager(
        "$('#page').bootstrapPaginator({ currentPage: 1, totalPages: 3,"
        " pageUrl: function(type, page, current){ return 'index_' + (page - 1) + '.html'; } });"
    )
    assert (count, pages) == (
        3,
        [f"http://rfb.example.gov.cn/tzgg/index_{n}.html" for n in (1, 2)],
    )


def test_a_location_variable_of_another_name_is_no_naming() -> None:
    count, pages = _pager(
        "laypage.render({elem: 'pager', count: 30, limit: 10, curr: 1, jump: function(obj){"
        " var newlocation = 'list_' + obj.curr + '.html'; }});"
    )
    assert (count, pages) == (3, [])


def test_a_redirect_outside_the_pager_options_is_no_naming() -> None:
    count, pages = _pager(
        "var totalPage = 4; var currentPage = 1;"
        " function search(){ location.href = '/search?q=' + kw; }"
    )
    assert (count, pages) == (4, [])


def test_record_and_size_names_of_pagination_plugins() -> None:
    assert _pager("$('#p').pagination({ totalData: 95, showData: 10, current: 1 });")[0] == 10
    assert _pager("$('#p').pagination({ totalNumber: 41, pageSize: 20 });")[0] == 3
