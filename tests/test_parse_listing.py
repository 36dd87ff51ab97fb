"""Listing pages: items, pager, JS-rendered lists, and listing-vs-notice classification."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

import noticecli
from noticecli.models import ListingItem
from noticecli.parse.listing import MAX_NEXT_PAGES, ListingPage, extract_listing, is_listing
from tests.conftest import CORPUS

BASE = "http://www.example.gov.cn/xxgk/tzgg/index.html"


def listing(html: str, base_url: str | None = BASE) -> tuple[ListingPage, bool]:
    tree = LexborHTMLParser(html)
    page = extract_listing(tree, base_url)
    return page, is_listing(tree, page)


NAV = """
<div class="nav"><ul>
  <li><a href="/">首页</a></li><li><a href="/xxgk/">信息公开</a></li>
  <li><a href="/xxgk/zcwj/">政策文件</a></li><li><a href="/xxgk/tzgg/">通知公告</a></li>
  <li><a href="/hdjl/">互动交流</a></li><li><a href="javascript:void(0)">无障碍</a></li>
</ul></div>
"""
FOOTER = """
<div class="footer"><p><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a></p>
<p>网站标识码：1234567890 京ICP备12345678号</p></div>
"""


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{NAV}{body}{FOOTER}</body></html>"


# --- Item shapes -------------------------------------------------------------------------


def test_table_rows_with_date_cell() -> None:
    html = page(
        """
        <table class="list"><tr><th>名称</th><th>索引号</th><th>发布日期</th></tr>
        <tr><td><a href="./202008/t20200805_1.html">关于  印发
            某办法的通知</a></td><td>000014348/2020-35428</td><td>2020-08-05</td></tr>
        <tr><td><a href="./202008/t20200801_2.html">第二份通知</a></td><td>x</td>
            <td>2020.08.01</td></tr>
        <tr><td><a href="./202007/t20200731_3.html">第三份通知</a></td><td>y</td>
            <td>2020年7月31日</td></tr>
        </table>"""
    )
    result, listed = listing(html)
    assert result.items == [
        ListingItem(
            "关于 印发 某办法的通知",
            "http://www.example.gov.cn/xxgk/tzgg/202008/t20200805_1.html",
            "2020-08-05",
        ),
        ListingItem(
            "第二份通知",
            "http://www.example.gov.cn/xxgk/tzgg/202008/t20200801_2.html",
            "2020-08-01",
        ),
        ListingItem(
            "第三份通知",
            "http://www.example.gov.cn/xxgk/tzgg/202007/t20200731_3.html",
            "2020-07-31",
        ),
    ]
    assert result.source == "html"
    assert listed


def test_ul_li_with_date_span_and_truncated_title() -> None:
    html = page(
        """
        <ul class="news">
          <li><a href="/art/2024/3/1/art_1_1.html" title="关于开展2024年全省安全生产大检查的通知">
              关于开展2024年全省安全生产…</a><span>2024-03-01</span></li>
          <li><a href="/art/2024/2/20/art_1_2.html">关于2024年1月1日起施行新规定的说明</a>
              <b>2024-02-20</b></li>
          <li><a href="/art/2024/2/1/art_1_3.html">第三条</a><em>[2024/02/01]</em></li>
          <li><a href="/art/2024/1/9/art_1_4.html">没有日期的一条</a></li>
        </ul>"""
    )
    result, listed = listing(html)
    assert [i.title for i in result.items] == [
        "关于开展2024年全省安全生产大检查的通知",
        "关于2024年1月1日起施行新规定的说明",
        "第三条",
        "没有日期的一条",
    ]
    # The date in the second title is not its publication date.
    assert [i.date for i in result.items] == ["2024-03-01", "2024-02-20", "2024-02-01", None]
    assert result.items[0].url == "http://www.example.gov.cn/art/2024/3/1/art_1_1.html"
    assert listed


def test_dl_lists() -> None:
    rows = "".join(
        f'<dl><dt><a href="/c/content_{n}.html">文件{n}</a></dt><dd>2023-05-0{n}</dd></dl>'
        for n in range(1, 4)
    )
    result, listed = listing(page(f'<div class="list">{rows}</div>'))
    assert [(i.title, i.date) for i in result.items] == [
        ("文件1", "2023-05-01"),
        ("文件2", "2023-05-02"),
        ("文件3", "2023-05-03"),
    ]
    assert listed


def test_hanweb_datastore_cdata_and_pager() -> None:
    records = "".join(
        f"<record><![CDATA[\n<li><a href='/art/2021/6/{n}/art_1234_{n}.html' "
        f"title='通知{n}'>通知{n}</a><span>2021-06-0{n}</span></li>\n]]></record>"
        for n in range(1, 4)
    )
    html = page(
        f"""
        <div id="1234"><script type="text/xml"><datastore>
        <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1"></a>]]></nextgroup>
        <recordset>{records}</recordset></datastore></script>
        <script>$('#1234').jpage({{perPage: 15, totalRecord: 40, groupSize: 3}});</script></div>
        """
    )
    url = "http://www.example.gov.cn/col/col1/index.html"
    result, listed = listing(html, url)
    assert result.source == "datastore"
    assert [(i.title, i.url, i.date) for i in result.items] == [
        (f"通知{n}", f"http://www.example.gov.cn/art/2021/6/{n}/art_1234_{n}.html", f"2021-06-0{n}")
        for n in range(1, 4)
    ]
    assert result.page_count == 3
    assert result.next_urls == [f"{url}?uid=1234&pageNum=2", f"{url}?uid=1234&pageNum=3"]
    assert listed


def test_inline_json_article_list() -> None:
    script = r"""<script>
      var listData = {
        articleList: [{"title":"  政策  解读一 ","pubDate":"2025-07-29 16:59",
                       "urls":"{\"pc\":\"/site/col/col1/content/content_1.html\"}"},
                      {"title":"解读二","pubDate":"2025-07-01 09:00",
                       "urls":"{\"pc\":\"/site/col/col1/content/content_2.html\"}"},
                      {"title":"no url"}],
      };
    </script>"""
    result, listed = listing(page("<div id='list'></div>", head=script))
    assert result.source == "json"
    assert result.items == [
        ListingItem(
            "政策 解读一",
            "http://www.example.gov.cn/site/col/col1/content/content_1.html",
            "2025-07-29",
        ),
        ListingItem(
            "解读二", "http://www.example.gov.cn/site/col/col1/content/content_2.html", "2025-07-01"
        ),
    ]
    assert not result.js_rendered
    assert listed  # a parsed JSON list counts even when short


def test_malformed_json_warns_and_reports_js_rendered() -> None:
    script = '<script>var listData = { articleList: [{"title": "x", "urls": ] };</script>'
    result, listed = listing(page("<ul class='list'></ul>", head=script))
    assert result.items == []
    codes = [code for code, _ in result.warnings]
    assert "listing_json_invalid" in codes
    assert "listing_js_rendered" in codes
    assert result.js_rendered
    assert listed


def test_base_href_and_no_base_url() -> None:
    rows = "".join(
        f'<li><a href="c/content_{n}.html">条目{n}</a><span>2022-01-0{n}</span></li>'
        for n in range(1, 4)
    )
    html = page(f"<ul>{rows}</ul>", head='<base href="http://other.gov.cn/root/">')
    with_base, _ = listing(html)
    assert with_base.items[0].url == "http://other.gov.cn/root/c/content_1.html"
    relative, _ = listing(page(f"<ul>{rows}</ul>"), None)
    assert relative.items[0].url == "c/content_1.html"


def test_relative_base_href_is_applied_once() -> None:
    # Through the whole parse, as for article pages: the page URL, then <base>, then the link.
    rows = "".join(
        f'<li><a href="c/content_{n}.html">通知公告条目{n}</a><span>2022-01-0{n}</span></li>'
        for n in range(1, 4)
    )
    notice = noticecli.parse_html(page(f"<ul>{rows}</ul>", head='<base href="sub/">'), url=BASE)
    assert notice.kind == "listing"
    assert notice.items[0].url == "http://www.example.gov.cn/xxgk/tzgg/sub/c/content_1.html"


# --- Pager -------------------------------------------------------------------------------


def test_trs_create_page_html() -> None:
    rows = "".join(
        f'<li><a href="./2020/t2020010{n}_{n}.html">文{n}</a><span>2020-01-0{n}</span></li>'
        for n in range(1, 4)
    )
    html = page(
        f"<ul>{rows}</ul>"
        '<div class="page"><script>createPageHTML(5, 2, "index", "shtml");</script></div>'
    )
    result, _ = listing(html, "http://a.gov.cn/col/index_2.shtml")
    assert result.page_count == 5
    assert result.next_urls == [
        "http://a.gov.cn/col/index_3.shtml",
        "http://a.gov.cn/col/index_4.shtml",
    ]


def test_trs_count_page_script() -> None:
    script = """<script>
    var currentPage = 0;//所在页从0开始
    var countPage = 3//共多少页
    document.write("<a href=\\"index"+"_" + nextPage + "."+"html\\">下一页</a>");
    </script>"""
    result, _ = listing(page(f"<div class='page'>{script}</div>"), None)
    assert result.page_count == 3
    assert result.next_urls == ["index_1.html", "index_2.html"]


def test_rendered_next_link_pager() -> None:
    rows = "".join(
        f'<li><a href="/a/content_{n}.html">文{n}</a><span>2020-01-0{n}</span></li>'
        for n in range(1, 4)
    )
    pager = """<div class="pages">共 4 页 <span>1</span>
      <a href="list.jsp?pageNum=2">2</a> <a href="list.jsp?pageNum=3">3</a>
      <a href="list.jsp?pageNum=2">下一页</a> <a href="list.jsp?pageNum=4">尾页</a></div>"""
    result, _ = listing(page(f"<ul>{rows}</ul>{pager}"), "http://a.gov.cn/list.jsp?pageNum=1")
    assert result.next_urls == [
        "http://a.gov.cn/list.jsp?pageNum=2",
        "http://a.gov.cn/list.jsp?pageNum=3",
        "http://a.gov.cn/list.jsp?pageNum=4",
    ]
    assert result.page_count == 4


# --- Not listings ------------------------------------------------------------------------


def test_nav_menu_and_footer_are_not_items() -> None:
    result, listed = listing(page("<div class='main'><p>欢迎访问。</p></div>"))
    assert result.items == []
    assert not result.js_rendered
    assert not listed


def test_undated_link_portal_is_not_a_listing() -> None:
    depts = "".join(f'<li><a href="/gszbm/auto{n}/">部门{n}</a></li>' for n in range(30))
    result, listed = listing(page(f"<div class='scroll_con'><ul>{depts}</ul></div>"))
    assert result.items == []
    assert not listed


def test_article_with_related_links_is_not_a_listing() -> None:
    related = "".join(
        f'<li><a href="/a/t2020010{n}_{n}.html">相关{n}</a><span>2020-01-0{n}</span></li>'
        for n in range(1, 5)
    )
    body = "本通知自发布之日起施行。" * 20
    html = page(f'<div id="zoom"><p>{body}</p></div><div class="xglj"><ul>{related}</ul></div>')
    result, listed = listing(html)
    assert len(result.items) == 4  # extracted, but the page is a notice
    assert not listed


def test_index_number_header_grid_is_not_a_listing() -> None:
    rows = "".join(
        f'<li><a href="/a/t2020010{n}_{n}.html">相关{n}</a><span>2020-01-0{n}</span></li>'
        for n in range(1, 5)
    )
    grid = "<table><tr><td>索 引 号：</td><td>000014349/2018-00222</td>"
    grid += "<td>发文机关：</td><td>国务院</td></tr></table>"
    _, listed = listing(page(f"{grid}<ul>{rows}</ul>"))
    assert not listed


# --- JS-rendered lists -------------------------------------------------------------------


def test_list_inside_comment_is_read_and_flagged() -> None:
    # The server-rendered rows a template kept inside a comment when a script took over the
    # list are the column's items (issue 9 item 10); a warning says where they came from.
    hidden = "".join(
        f'<li><a href="/jyt/c1/2025/{n}.shtml" title="通知{n}">通知{n}</a><b>2025-11-1{n}</b></li>'
        for n in range(3)
    )
    html = page(
        f"""<input id="page" type="hidden" value="1"><ul class="xxgklist"><!--{hidden}--></ul>""",
        head='<script src="/js/xxgkPage.js"></script>',
    )
    result, listed = listing(html)
    assert result.source == "comment"
    assert [(i.title, i.url, i.date) for i in result.items] == [
        (f"通知{n}", f"http://www.example.gov.cn/jyt/c1/2025/{n}.shtml", f"2025-11-1{n}")
        for n in range(3)
    ]
    assert not result.js_rendered
    assert [code for code, _ in result.warnings] == ["listing_items_in_comment"]
    assert listed


def test_list_in_comment_does_not_replace_a_live_list() -> None:
    live = "".join(
        f'<li><a href="/a/t2025010{n}_{n}.html">现行通知{n}</a><span>2025-01-0{n}</span></li>'
        for n in range(1, 5)
    )
    old = "".join(
        f'<li><a href="/old/{n}.html">旧通知{n}</a><b>2019-11-1{n}</b></li>' for n in range(6)
    )
    result, _ = listing(page(f"<ul>{live}</ul><ul><!--{old}--></ul>"))
    assert result.source == "html"
    assert [i.title for i in result.items] == [f"现行通知{n}" for n in range(1, 5)]
    assert result.warnings == []


def test_commented_markup_without_a_list_stays_js_rendered() -> None:
    # Links and dates in a comment that are no list of rows (one row) are not items.
    hidden = '<p><a href="/a/1.html">旧版首页</a> 2019-01-01 <a href="/b/">说明</a></p>'
    html = page(
        f'<input id="page" type="hidden" value="1"><ul class="list"><!--{hidden}--></ul>',
        head='<script src="/js/xxgkPage.js"></script>',
    )
    result, listed = listing(html)
    assert result.items == []
    assert result.js_rendered and listed


def test_empty_container_with_list_loader_is_js_rendered() -> None:
    html = page(
        '<input type="hidden" id="pageSize" value="20"><ul class="list"></ul>',
        head='<script src="/static/page_list.js"></script>',
    )
    result, listed = listing(html)
    assert result.js_rendered
    assert listed


# --- Robustness --------------------------------------------------------------------------


def test_deeply_nested_page_does_not_recurse() -> None:
    depth = 20_000  # far beyond Python's recursion limit; the parser itself is slow deeper
    rows = "".join(
        f'<li><a href="/a/t2020010{n}_{n}.html">文{n}</a><span>2020-01-0{n}</span></li>'
        for n in range(1, 4)
    )
    html = "<html><body>" + "<div>" * depth + f"<ul>{rows}</ul>" + "</div>" * depth
    result, listed = listing(html + "</body></html>")
    assert len(result.items) == 3
    assert listed


@pytest.mark.parametrize(
    ("html", "js_rendered", "codes"),
    [
        ("", False, []),
        ("<a href>", False, []),
        ("<ul><li><a href='#'>x", False, []),
        # A list script whose data is broken: reported, and the page is still a listing
        # (one the reader cannot show), not an empty one.
        (
            "<script>var listData = [</script>",
            True,
            ["listing_json_invalid", "listing_js_rendered"],
        ),
    ],
)
def test_garbage_gives_an_empty_answer_not_an_error(
    html: str, js_rendered: bool, codes: list[str]
) -> None:
    result, listed = listing(html)
    assert (result.items, result.next_urls, result.page_count) == ([], [], None)
    assert result.js_rendered is js_rendered
    assert [code for code, _ in result.warnings] == codes
    assert listed is js_rendered


# --- The site's own selectors -----------------------------------------------------------

SELECTED_ROWS = """
<base href="http://www.example.gov.cn/other/">
<table class="gl_list">
  <tr><th>名称</th><th>日期</th></tr>
  <tr><td><a href="./a/1.html" title="关于第一批人防工程检查的通报">关于第一批…</a>
      <a href="./a/1.html">打开</a></td><td>[2024-11-05]</td></tr>
  <tr><td><a href="./a/2.html">关于  第二批
      人防工程检查的通报</a></td><td>发布日期：2024年11月4日</td></tr>
  <tr><td><a href="javascript:void(0)">已撤下的一条</a></td><td>2024-11-03</td></tr>
  <tr><td><a href="./a/1.html">重复的一条</a></td><td>2024-11-02</td></tr>
  <tr><td><span>没有链接</span></td><td>2024-11-01</td></tr>
  <tr><td><a href="./a/3.html">没有日期的一条</a></td><td>待定</td></tr>
</table>
<div class="page"><a href="index_1.html">下一页</a></div>
"""


def test_site_selectors_choose_the_items() -> None:
    from noticecli.rules import SiteRules

    tree = LexborHTMLParser(page(SELECTED_ROWS))
    rules = SiteRules(items="table.gl_list tr", link="td:first-child a", date="td:nth-child(2)")
    result = extract_listing(tree, BASE, selectors=rules)
    assert result.source == "selectors"
    # The title attribute when there is one; links resolve against <base href>; one item
    # per URL; javascript: links and rows without a link are not items.
    assert result.items == [
        ListingItem(
            "关于第一批人防工程检查的通报", "http://www.example.gov.cn/other/a/1.html", "2024-11-05"
        ),
        ListingItem(
            "关于 第二批 人防工程检查的通报",
            "http://www.example.gov.cn/other/a/2.html",
            "2024-11-04",
        ),
        ListingItem("没有日期的一条", "http://www.example.gov.cn/other/a/3.html", None),
    ]
    assert result.next_urls == ["http://www.example.gov.cn/other/index_1.html"]  # pager read too
    assert is_listing(tree, result)
    # Without link and date: the row's first link, no date.
    bare = extract_listing(tree, BASE, selectors=SiteRules(items="table.gl_list tr")).items
    assert [(item.title, item.date) for item in bare][:1] == [
        ("关于第一批人防工程检查的通报", None)
    ]


def test_site_selectors_through_the_pipeline() -> None:
    from noticecli.rules import SiteRules

    # Undated items alone would not make a listing; the site's word does.
    rules = SiteRules(items="table.gl_list tr:nth-child(-n+3)")
    notice = noticecli.parse_html(page(SELECTED_ROWS), BASE, rules=rules)
    assert notice.kind == "listing"
    assert [(item.url.rsplit("/", 1)[1], item.date) for item in notice.items] == [
        ("1.html", None),
        ("2.html", None),
    ]
    # The same rules on a notice page of the site: the page is a notice, the items selector
    # is not asked.
    article = page('<div id="zoom"><p>' + "本通知自发布之日起施行。" * 20 + "</p></div>")
    assert noticecli.parse_html(article, BASE, rules=rules).kind == "notice"


def test_an_items_selector_that_no_longer_fits_lets_the_page_decide() -> None:
    from noticecli.rules import SiteRules

    stale = SiteRules(items="ul.old-list li")
    rows = "".join(
        f'<tr><td><a href="/a/t2024110{n}_{n}.html">通知{n}</a></td><td>2024-11-0{n}</td></tr>'
        for n in range(1, 5)
    )
    html = page(f"<table>{rows}</table>")
    notice = noticecli.parse_html(html, BASE, rules=stale)
    assert notice.kind == "listing" and len(notice.items) == 4
    assert [w.code for w in notice.warnings] == ["site_rule_unmatched"]
    assert "'ul.old-list li' matched nothing" in notice.warnings[0].message
    # A caller that knows the page is a listing (the crawler) gets the selector's answer.
    forced = noticecli.parse_html(html, BASE, rules=stale, kind="listing")
    assert (forced.kind, forced.items) == ("listing", [])
    # And one that knows it is a notice gets a notice.
    assert noticecli.parse_html(html, BASE, kind="notice").kind == "notice"


def test_site_selectors_get_the_pipelines_checks() -> None:
    from noticecli.rules import SiteRules

    rules = SiteRules(items="ul.list li", date="span")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(noticecli.InputError, match="looks like a PNG image"):
        noticecli.parse_bytes(png, source="list.html", rules=rules, kind="listing")
    depth = 20_000  # flattened by limit_nesting before Lexbor builds the tree
    rows = "".join(
        f'<li><a href="/a/t2020010{n}_{n}.html">文{n}</a><span>2020-01-0{n}</span></li>'
        for n in range(1, 4)
    )
    html = f"<html><body><ul class='list'>{rows}</ul>" + "<div>" * depth + "</div>" * depth
    notice = noticecli.parse_bytes(html.encode(), rules=rules, kind="listing")
    assert [item.date for item in notice.items] == ["2020-01-01", "2020-01-02", "2020-01-03"]
    assert "deep_nesting" in [w.code for w in notice.warnings]


# --- Real pages --------------------------------------------------------------------------


def corpus_page(prefix: str, base_url: str | None) -> tuple[ListingPage, bool]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    (path,) = CORPUS.glob(f"{prefix}_*.html")
    return listing(path.read_text("utf-8"), base_url)


def test_corpus_ordos_table_and_trs_pager() -> None:
    base = "http://www.ordos.gov.cn/egb/xxgk/xxgknb/index.html"
    result, listed = corpus_page("01", base)
    assert len(result.items) == 10
    assert result.items[0] == ListingItem(
        "鄂尔多斯市2019年政府信息公开工作年度报告",
        "http://www.ordos.gov.cn/egb/xxgk/xxgknb/202009/t20200903_2748784.html",
        "2020-09-03",
    )
    assert result.next_urls == ["http://www.ordos.gov.cn/egb/xxgk/xxgknb/index_1.html"]
    assert result.page_count == 2
    assert listed


def test_corpus_handan_listing_table() -> None:
    base = "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index.html"
    result, listed = corpus_page("03", base)
    assert result.items == [
        ListingItem(
            "邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知",
            "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html",
            "2020-08-05",
        )
    ]
    assert result.page_count == 56
    assert result.next_urls[0] == "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_1.html"
    # 55 following pages; the first MAX_NEXT_PAGES are listed, page_count tells the rest.
    assert result.next_urls[-1] == "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_50.html"
    assert len(result.next_urls) == MAX_NEXT_PAGES == 50
    assert listed


def test_corpus_gansu_commented_list_is_read() -> None:
    result, listed = corpus_page("06", "https://jyt.gansu.gov.cn/jyt/c110634/xxgk.shtml")
    assert result.source == "comment"
    assert len(result.items) == 20
    assert result.items[0] == ListingItem(
        "关于开展2024年全域全员全过程使用智慧教育平台专项研究课题结项工作的通知",
        "https://jyt.gansu.gov.cn/jyt/c110634/202511/174240943.shtml",
        "2025-11-17",
    )
    assert not result.js_rendered
    assert [code for code, _ in result.warnings] == ["listing_items_in_comment"]
    assert listed


def test_corpus_jiangxi_inline_json() -> None:
    base = "https://sthjt.jiangxi.gov.cn/jxssthjt/col/col42150/index.html"
    result, listed = corpus_page("07", base)
    assert result.source == "json"
    assert len(result.items) == 50
    assert result.items[0] == ListingItem(
        "《江西省生态环境分类执法监管办法》政策解读",
        "https://sthjt.jiangxi.gov.cn/jxssthjt/col/col42150/content/content_1951206363677671424.html",
        "2025-07-29",
    )
    assert not result.js_rendered
    assert listed


@pytest.mark.parametrize("prefix", ["02", "04", "05", "08", "09", "10", "11", "12"])
def test_corpus_detail_and_portal_pages_are_not_listings(prefix: str) -> None:
    result, listed = corpus_page(prefix, None)
    assert not listed
    assert not result.js_rendered


def test_rendered_pager_with_li_wrapped_links() -> None:
    rows = "".join(
        f'<li><a href="/a/content_{n}.html">文{n}</a><span>2020-01-0{n}</span></li>'
        for n in range(1, 4)
    )
    pager = """<ul class="pagination"><li class="active"><span>2</span></li>
      <li><a href="?page=1">1</a></li><li><a href="?page=3">3</a></li>
      <li><a href="?page=3">下一页</a></li></ul>"""
    result, _ = listing(page(f"<ul>{rows}</ul>{pager}"), "http://a.gov.cn/l?page=2")
    assert result.next_urls == ["http://a.gov.cn/l?page=3"]
