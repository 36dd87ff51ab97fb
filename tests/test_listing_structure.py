"""Listing pages of templates the parser has no rule for (issue 9 item 10): items found by
structure, dates read from where the row shows them, pagers of any vendor, lists kept in
script data, and the furniture that is never items."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

import noticecli
from noticecli.models import ListingItem
from noticecli.parse.listing import ListingPage, extract_listing, is_listing

BASE = "http://www.example.gov.cn/rfb/tzgg/index.html"

NAV = """<div class="topnav"><a href="/">首页</a><a href="/zwgk/">政务公开</a>
<a href="/tzgg/">通知公告</a><a href="/hdjl/">互动交流</a></div>"""
FOOTER = """<div class="bottom-links"><ul><li><a href="/wzdt/">网站地图</a></li>
<li><a href="/lxwm/">联系我们</a></li></ul></div><p>网站标识码：1234567890</p>"""


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{NAV}{body}{FOOTER}</body></html>"


def read(html: str, url: str | None = None) -> tuple[ListingPage, bool]:
    tree = LexborHTMLParser(html)
    result = extract_listing(tree, url)
    return result, is_listing(tree, result)


def shown(result: ListingPage) -> list[tuple[str, str, str | None]]:
    return [(i.title, i.url, i.date) for i in result.items]


# --- Rows and their dates ------------------------------------------------------------------


def test_a_date_split_into_day_and_month_elements_is_the_rows_date() -> None:
    rows = "".join(
        f'<div class="news"><div class="riqi"><em>{d}</em><i>2024.0{m}</i></div>'
        f'<h4><a href="/a/{n}.html">关于{m}月{d}日起调整人防工程审批的公告</a></h4>'
        f"<p>关于{m}月{d}日起调整人防工程审批的公告。</p></div>"
        for n, (m, d) in enumerate([(9, 10), (6, 13), (5, 27)])
    )
    result, listed = read(page(f'<div class="wrap">{rows}</div>'))
    assert [i.date for i in result.items] == ["2024-09-10", "2024-06-13", "2024-05-27"]
    assert listed


def test_a_date_inside_the_title_is_never_the_rows_date() -> None:
    rows = (
        '<li><a href="/a/1.html">关于2024年9月18日组织防空警报试鸣的通告</a></li>'
        '<li><a href="/a/2.html">2024年1月1日起施行的人防工程收费标准</a></li>'
        '<li><a href="/a/3.html">[2024-03-05] 人防工程年度检查通知</a></li>'
        '<li><a href="/a/4.html">人防工程维护公告 2024-02-01</a></li>'
    )
    result, _ = read(page(f"<ul class='xx'>{rows}</ul>"))
    assert [i.date for i in result.items] == [None, None, "2024-03-05", "2024-02-01"]


def test_a_link_that_holds_the_whole_row_keeps_its_date_out_of_the_title() -> None:
    rows = "".join(
        f'<li><a href="/a/{n}.html"><span class="bt">第{n}批人防工程检查通报</span>'
        f'<span class="sj">2023-0{n}-15</span></a></li>'
        for n in range(1, 5)
    )
    result, _ = read(page(f"<ul class='list'>{rows}</ul>"))
    assert shown(result)[0] == ("第1批人防工程检查通报", "/a/1.html", "2023-01-15")
    assert len(result.items) == 4


def test_a_row_of_a_table_with_two_date_columns_takes_the_publication_date() -> None:
    rows = "".join(
        f'<tr><td><a href="/xxgk/{n}.html">文件{n}</a></td><td>2023-01-0{n}</td>'
        f"<td>2023-02-0{n}</td></tr>"
        for n in range(1, 4)
    )
    head = "<tr><th>名称</th><th>成文日期</th><th>发布日期</th></tr>"
    result, _ = read(page(f"<table>{head}{rows}</table>"))
    assert [i.date for i in result.items] == ["2023-02-01", "2023-02-02", "2023-02-03"]


def test_a_flat_run_of_links_with_dates_after_them() -> None:
    cell = "".join(
        f'<img src="/dot.gif"><a href="/a/t2023010{n}_{n}.html">第{n}号通告</a>（2023-01-0{n}）<br>'
        for n in range(1, 5)
    )
    result, listed = read(page(f"<table><tr><td class='c'>{cell}</td></tr></table>"))
    assert [(i.title, i.date) for i in result.items] == [
        (f"第{n}号通告", f"2023-01-0{n}") for n in range(1, 5)
    ]
    assert listed


def test_one_table_per_row_with_a_labelled_date() -> None:
    rows = "".join(
        f'<table class="dx"><tr><td><img src="i.png"></td><td><a href="//{n}.htm" '
        f'title="协会第{n}号通知全文标题">协会第{n}号通知全..</a></td>'
        f"<td>发稿：2014年0{n}月14日</td></tr></table>"
        for n in range(1, 4)
    )
    result, _ = read(page(f"<div>{rows}</div>"))
    assert shown(result) == [
        (f"协会第{n}号通知全文标题", f"//{n}.htm", f"2014-0{n}-14") for n in range(1, 4)
    ]


def test_title_attributes_count_by_their_first_line_and_only_when_they_match() -> None:
    rows = (
        '<li><a href="/n/1.htm" title="关于做好2010年生源地信用助学贷款有关工作的通知&#13;'
        '点击量：59 &#13;发布时间：2010-09-03 20:22">关于做好2010年生源地信用助学...</a>'
        "<span>2010-09-03</span></li>"
        '<li><a href="/n/2.htm" title="点击查看">·关于采集学生信息的通知...</a>'
        "<span>2010-09-02</span></li>"
        '<li><a href="/n/3.htm">· 第三条通知</a><span>2010-09-01</span></li>'
    )
    result, _ = read(page(f"<ul class='n'>{rows}</ul>"))
    assert [i.title for i in result.items] == [
        "关于做好2010年生源地信用助学贷款有关工作的通知",
        "关于采集学生信息的通知...",
        "第三条通知",
    ]


# --- Furniture ------------------------------------------------------------------------------


def test_link_groups_sidebars_and_hidden_lists_are_never_items() -> None:
    main = "".join(
        f'<li><a href="/tzgg/20240{n}/t2024010{n}_{n}.html">通知公告第{n}条</a>'
        f"<span>2024-01-0{n}</span></li>"
        for n in range(1, 4)
    )
    dated_elsewhere = "".join(
        f'<li><a href="/other/{n}.html">其他栏目第{n}条消息</a><span>2024-02-0{n}</span></li>'
        for n in range(1, 7)
    )
    body = f"""
    <div class="sidebar"><ul>{dated_elsewhere}</ul></div>
    <ul style="display:none" class="tpl">{dated_elsewhere.replace("other", "tpl")}</ul>
    <div class="main"><ul class="list">{main}</ul></div>
    <div><h3>友情链接</h3><ul>{dated_elsewhere.replace("other", "friend")}</ul></div>"""
    result, listed = read(page(body))
    assert [i.title for i in result.items] == [f"通知公告第{n}条" for n in range(1, 4)]
    assert listed


def test_an_article_of_an_unknown_template_beside_a_related_list_is_a_notice() -> None:
    related = "".join(
        f'<li><a href="/a/t2020010{n}_{n}.html">相关通知{n}</a><span>2020-01-0{n}</span></li>'
        for n in range(1, 6)
    )
    text = "<p>" + "根据《中华人民共和国人民防空法》的规定，现将有关事项通知如下。" * 12 + "</p>"
    html = page(f'<div class="wzy"><h2>关于人防工程检查的通知</h2>{text}</div><ul>{related}</ul>')
    result, listed = read(html)
    assert len(result.items) == 5  # read, but the page is one notice
    assert not listed
    assert noticecli.parse_html(html).kind == "notice"


# --- Pagers of any vendor --------------------------------------------------------------------

ROWS = "".join(
    f'<li><a href="./2024/t2024010{n}_{n}.html">通知{n}</a><span>2024-01-0{n}</span></li>'
    for n in range(1, 4)
)


def pager_page(pager: str) -> str:
    return page(f"<ul class='list'>{ROWS}</ul>{pager}")


def test_a_pager_script_that_joins_its_links_from_variables() -> None:
    script = """<script>
    var pageCount = 4; var currentPage = 1; var pageName = "list"; var pageExt = "shtml";
    document.write('<a href="' + pageName + '_' + (currentPage + 1) + '.' + pageExt + '">下一页</a>');
    </script>"""
    result, _ = read(pager_page(script), "http://a.gov.cn/c/list.shtml")
    assert result.page_count == 4
    assert result.next_urls == [f"http://a.gov.cn/c/list_{n}.shtml" for n in (2, 3, 4)]


def test_a_trs_pager_called_with_variables() -> None:
    script = """<script>var currentPage = 0; var countPage = 3;
    createPageHTML(countPage, currentPage, "index", "shtml");</script>"""
    result, _ = read(pager_page(script), "http://a.gov.cn/c/index.shtml")
    assert result.page_count == 3
    assert result.next_urls == [
        "http://a.gov.cn/c/index_1.shtml",
        "http://a.gov.cn/c/index_2.shtml",
    ]


def test_a_pager_script_with_records_and_page_size() -> None:
    script = """<script>
    var totalCount = 95, pageSize = 20;
    function go(n) { location.href = 'list.jsp?pageNo=' + n; }
    </script>"""
    result, _ = read(pager_page(script))
    assert result.page_count == 5


def test_pager_counts_as_printed() -> None:
    for text, count in [
        ("共 28 条 3 页", 3),
        ("共28条记录 1/3页", 3),
        ("第1页/共7页", 7),
        ("页次：1/4", 4),
        ("共计 6 页", 6),
    ]:
        box = f'<div class="fy"><a href="list_2.html">下一页</a> {text}</div>'
        result, _ = read(pager_page(box))
        assert result.page_count == count, text


def test_remaining_pages_follow_the_naming_of_the_next_link() -> None:
    one_based = '<div class="pg">共4页 <a href="list_2.html">下一页</a></div>'
    result, _ = read(pager_page(one_based))
    assert result.next_urls == ["list_2.html", "list_3.html", "list_4.html"]
    zero_based = (
        '<div class="pg"><a href="index_1.shtml">下一页</a> <a href="index_3.shtml">尾页</a></div>'
    )
    result, _ = read(pager_page(zero_based))
    assert result.page_count == 4  # 尾页 is index_3, and page 2 is index_1: 4 pages
    assert result.next_urls == ["index_1.shtml", "index_2.shtml", "index_3.shtml"]


def test_a_pager_printed_without_links() -> None:
    box = '<p align="center">首页 上一页 下一页 尾页 页次：1/1页 共有8条</p>'
    result, _ = read(pager_page(box))
    assert (result.page_count, result.next_urls) == (1, [])


# --- Lists outside the markup ----------------------------------------------------------------


def test_a_javascript_array_of_object_literals() -> None:
    script = """<script>
    var menu = [{name: '政务公开', url: '/zwgk/'}, {name: '互动交流', url: '/hdjl/'}];
    var docs = [
      {title: '关于印发人防工程管理办法的通知', url: '/a/1.html', pubDate: '2024-03-01'},
      {title: "人防宣传周活动方案", url: '/a/2.html', pubDate: '2024-02-20',},
    ];
    </script>"""
    result, listed = read(page("<div id='list'></div>", head=script))
    assert result.source == "json"
    assert shown(result) == [
        ("关于印发人防工程管理办法的通知", "/a/1.html", "2024-03-01"),
        ("人防宣传周活动方案", "/a/2.html", "2024-02-20"),
    ]
    assert listed


def test_a_hanweb_datastore_document() -> None:
    records = "".join(
        f'<record><![CDATA[\n<li class="x"><a href="/art/2021/10/{n}/art_1_{n}.html" '
        f'title="通知{n}">通知{n}</a><b>2021-10-0{n}</b></li>]]></record>'
        for n in range(1, 3)
    )
    xml = f"<datastore><totalrecord>30</totalrecord><totalpage>2</totalpage><recordset>{records}</recordset></datastore>"
    notice = noticecli.parse_bytes(xml.encode(), source="dataproxy.jsp")
    assert notice.kind == "listing"
    assert [(i.title, i.date) for i in notice.items] == [
        ("通知1", "2021-10-01"),
        ("通知2", "2021-10-02"),
    ]
    assert notice.page_count == 2


def test_items_keep_page_order_and_resolve_against_the_page() -> None:
    result, _ = read(page(f"<ul class='list'>{ROWS}</ul>"), BASE)
    assert result.items[0] == ListingItem(
        "通知1", "http://www.example.gov.cn/rfb/tzgg/2024/t20240101_1.html", "2024-01-01"
    )
    assert [i.title for i in result.items] == ["通知1", "通知2", "通知3"]


def test_a_pager_variable_is_read_by_its_whole_name() -> None:
    script = """<script>
    var mypagecount = 9;   // not a pager name
    var cfg = {"pageSize": 10, "totalPage": "4"};
    </script>"""
    result, _ = read(pager_page(script))
    assert result.page_count == 4


def test_every_pager_name_holds_a_word_the_quick_test_looks_for() -> None:
    # listing_pager looks at a script only when it holds "page", "total" or "record".
    from noticecli.knowledge_listings import PAGER_COUNT_NAMES, PAGER_RECORD_NAMES

    for name in (*PAGER_COUNT_NAMES, *PAGER_RECORD_NAMES):
        assert any(word in name for word in ("page", "total", "record")), name


def test_an_array_is_tried_only_when_its_entries_have_title_and_date_keys() -> None:
    script = """<script>
    var channels = [{"name": "政务公开", "url": "/zwgk/", "releaseTime": 1755592951329},
                    {"name": "通知公告", "url": "/tzgg/", "releaseTime": 1755592951330}];
    </script>"""
    result, listed = read(page("<div id='x'></div>", head=script))
    assert result.items == [] and not listed


def test_a_list_split_into_parts_with_summaries_stays_a_listing() -> None:
    summary = "为切实做好人防工程维护管理工作，现将有关事项通知如下，请各单位认真贯彻落实。" * 3

    def part(start: int) -> str:
        return (
            "<ul class='news'>"
            + "".join(
                f'<li><a href="/a/t2024010{n}_{n}.html">第{n}号通知</a><span>2024-01-0{n}</span>'
                f"<p>{summary}</p></li>"
                for n in range(start, start + 3)
            )
            + "</ul>"
        )

    result, listed = read(page(f"<div class='box'>{part(1)}<hr>{part(4)}</div>"))
    assert [i.title for i in result.items] == [f"第{n}号通知" for n in range(1, 7)]
    assert listed


def test_split_dates_are_read_whole_and_calendar_checked() -> None:
    from noticecli.dates import find_split_date

    assert find_split_date("10 2024-09") == "2024-09-10"
    assert find_split_date("2024.09 10") == "2024-09-10"
    assert find_split_date("09-10 2024") == "2024-09-10"
    assert find_split_date("2024年 9月10日") == "2024-09-10"
    assert find_split_date("29 2023-02") is None  # no 29 February in 2023
    assert find_split_date("29 2024-02") == "2024-02-29"
    assert find_split_date("2024-09-10") is None  # whole, not split: find_date reads it
    assert find_split_date("第10期 2024-09") is None
