"""Forms of old table-layout CMS pages and portal articles, each rule alone on markup of our
own: a body cell set in a large font is never the title; a site's greeting in <title> is a
site name; a meta row that opens with a label of the page's own, or that holds a time label of
the page's own beside 作者/来源/点击数, is a meta line; a credit after bracketed widget buttons
is read. Fixtures 172-175 hold the same forms whole."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.dates import parse_date
from noticecli.models import Notice
from noticecli.parse.header_html import _inline_pairs

TITLE = "关于做好人防工程汛期安全检查工作的通知"
LINES = (
    "各区人防办：",
    "为确保人防工程安全度汛，现就做好汛期安全检查工作通知如下。",
    "一、落实防汛责任制，汛期实行值班制度。",
)


def _layout(title_cell: str, meta_row: str, body_cell: str, title_tag: str = "汀北市民防局") -> str:
    rows = [
        '<tr><td>您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/l">通知公告</a></td></tr>',
        f"<tr><td align=center>{title_cell}</td></tr>",
        f"<tr><td align=center>{meta_row}</td></tr>" if meta_row else "",
        f"<tr><td>{body_cell}</td></tr>",
    ]
    return (
        f"<html><head><title>{title_tag}</title></head><body>"
        '<table><tr><td><a href="/">网站首页</a> | <a href="/a">民防动态</a></td></tr></table>'
        f"<table width=760>{''.join(rows)}</table></body></html>"
    )


def _meta(notice: Notice) -> list[tuple[str, str | None]]:
    return [(f.label, f.value) for f in notice.header if f.origin == "meta_line"]


@pytest.mark.parametrize(
    "body_cell",
    [
        '<font style="font-size:14px">' + "<br>".join(LINES) + "</font>",
        '<span style="font-size:15px">' + "<br>".join(LINES) + "</span>",
    ],
)
def test_a_body_cell_set_in_a_large_font_is_the_body_never_the_title(body_cell: str) -> None:
    page = _layout(f"<b><font size=4>{TITLE}</font></b>", "", body_cell)
    notice = noticecli.parse_html(page)
    assert notice.title == TITLE
    assert [block.text for block in notice.body][:3] == list(LINES)


@pytest.mark.parametrize(
    "greeting",
    ["汀北县人民防空办公室欢迎您", "欢迎访问汀北县人民防空办公室", "汀北县人防办欢迎你！"],
)
def test_a_sites_greeting_in_the_title_tag_is_never_the_title(greeting: str) -> None:
    page = _layout(
        f"<font size=5><b>{TITLE}</b></font>", "", "<p>" + "</p><p>".join(LINES) + "</p>", greeting
    )
    assert noticecli.parse_html(page).title == TITLE


def test_a_title_tag_that_only_welcomes_in_the_middle_is_still_a_title() -> None:
    title = "关于欢迎您参加人防知识竞赛的通知"
    page = f"<html><head><title>{title}</title></head><body><p>{LINES[1]}</p></body></html>"
    assert noticecli.parse_html(page).title == title


def test_a_meta_row_with_a_time_label_of_its_own_beside_credits_is_the_meta_line() -> None:
    row = "作者：办公室　　来源：本站　　点击数：356　　更新时间：2019-5-28"
    notice = noticecli.parse_html(_layout(f"<b>{TITLE}</b>", row, "<br>".join(LINES)))
    assert _meta(notice) == [
        ("作者", "办公室"),
        ("来源", "本站"),
        ("点击数", "356"),
        ("更新时间", "2019-5-28"),
    ]
    assert notice.published_at == "2019-05-28"


def test_a_grid_holding_a_time_label_of_its_own_stays_a_header_grid() -> None:
    grid = (
        "<table><tr><td>索引号：</td><td>000000/2019-00012</td><td>发布机构：</td><td>市民防局</td></tr>"
        "<tr><td>文号：</td><td>汀民防〔2019〕3号</td><td>更新时间：</td><td>2019-05-28</td></tr></table>"
    )
    page = (
        f"<html><body>{grid}<h1>{TITLE}</h1><div><p>{'</p><p>'.join(LINES)}</p></div></body></html>"
    )
    notice = noticecli.parse_html(page)
    origins = {f.label: f.origin for f in notice.header}
    assert origins["更新时间"] == "header"
    assert origins["索引号"] == "header"


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "发布人：管理员　　浏览次数：88 次　　更新日期：2021/3/2",
            [("发布人", "管理员"), ("浏览次数", "88 次"), ("更新日期", "2021/3/2")],
        ),
        ("录入者：张三 来源：本站", [("录入者", "张三"), ("来源", "本站")]),
        # Labels of the page's own with no publication-line label after them: not a meta line.
        ("联系人：张三 联系电话：0800-1234567", []),
        ("地址：汀北市人民路1号", []),
    ],
)
def test_a_meta_line_opening_with_a_label_of_the_pages_own(
    text: str, pairs: list[tuple[str, str | None]]
) -> None:
    assert _inline_pairs(text) == pairs


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("【我要纠错】 责任编辑：王敏", [("责任编辑", "王敏")]),
        ("【打印】【关闭】 （责任编辑：李华）", [("责任编辑", "李华")]),
        ("[打印本页] 来源：本站", [("来源", "本站")]),
        ("【纠错】", []),
        ("【重要】关于开展人防宣传月活动的通知", []),
    ],
)
def test_a_credit_after_bracketed_widget_buttons(
    text: str, pairs: list[tuple[str, str | None]]
) -> None:
    assert _inline_pairs(text) == pairs


def test_the_editor_credit_after_the_body_is_read_and_the_button_is_not() -> None:
    page = (
        f"<html><body><div class=article><h1>{TITLE}</h1>"
        "<div class=date>2024-12-03 17:05 <span>来源：汀北日报</span></div>"
        f"<div class=content><p>{'</p><p>'.join(LINES)}</p></div>"
        "<div class=editor>【我要纠错】 责任编辑：王敏</div></div></body></html>"
    )
    notice = noticecli.parse_html(page)
    assert notice.editor == "王敏"
    assert all("纠错" not in (block.text or "") for block in notice.body)
    assert not any("纠错" in (f.value or "") for f in notice.header)


@pytest.mark.parametrize(
    "row", ["培训时间：2019年5月28日", "试鸣时间：2019年9月18日上午10时", "演练日期：2019-05-28"]
)
def test_an_event_time_under_the_title_stays_body(row: str) -> None:
    # The time of a training, an alarm test or a drill the notice announces: no meta line.
    notice = noticecli.parse_html(_layout(f"<b>{TITLE}</b>", row, "<br>".join(LINES)))
    assert notice.body[0].text == row
    assert notice.published_at is None


# --- a date set in brackets; a document shown in a viewer frame ----------------------------


@pytest.mark.parametrize(
    ("shown", "iso"),
    [
        ("[2024-09-12]", "2024-09-12"),
        ("【2024年9月12日】", "2024-09-12"),
        ("（2024-09-12 10:05）", "2024-09-12T10:05:00+08:00"),
        ("[2024-09-12", None),
        ("[2024-13-12]", None),
        ("()", None),
    ],
)
def test_a_date_set_in_brackets(shown: str, iso: str | None) -> None:
    parsed = parse_date(shown)
    assert (parsed.iso if parsed else None) == iso


def _framed(frame: str) -> Notice:
    return noticecli.parse_html(
        f"<html><body><h1>{TITLE}</h1><div class=content><p>{LINES[1]}</p>{frame}</div>"
        "</body></html>",
        url="http://rfb.tingbei.gov.cn/tzgg/1.html",
    )


@pytest.mark.parametrize(
    ("frame", "name", "url"),
    [
        (
            '<iframe src="/pdfjs/web/viewer.html?file=%2Fu%2F2024%2Fa.pdf"></iframe>',
            "a.pdf",
            "http://rfb.tingbei.gov.cn/u/2024/a.pdf",
        ),
        (
            '<iframe title="通知原文" src="viewer.html?file=/u/b.pdf#page=1"></iframe>',
            "通知原文",
            "http://rfb.tingbei.gov.cn/u/b.pdf",
        ),
        (
            '<embed src="/u/%E9%80%9A%E7%9F%A5.ofd">',
            "通知.ofd",
            "http://rfb.tingbei.gov.cn/u/%E9%80%9A%E7%9F%A5.ofd",
        ),
        ('<object data="/u/c.docx"></object>', "c.docx", "http://rfb.tingbei.gov.cn/u/c.docx"),
    ],
)
def test_a_document_shown_in_a_frame_is_an_attachment(frame: str, name: str, url: str) -> None:
    attachments = _framed(frame).attachments
    assert [(a.name, a.url) for a in attachments] == [(name, url)]


@pytest.mark.parametrize(
    "frame",
    [
        '<iframe src="https://video.tingbei.gov.cn/player?id=3"></iframe>',
        '<object data="/u/photo.jpg"></object>',
        '<iframe src="javascript:void(0)"></iframe>',
        '<iframe style="display:none" src="/u/hidden.pdf"></iframe>',
    ],
)
def test_frames_that_show_no_document_are_not_attachments(frame: str) -> None:
    assert _framed(frame).attachments == []


def test_a_framed_file_also_linked_is_one_attachment() -> None:
    frame = '<a href="/u/a.pdf">通知原文.pdf</a><iframe src="/u/a.pdf"></iframe>'
    assert [a.name for a in _framed(frame).attachments] == ["通知原文.pdf"]


# --- a title the metadata names, shown in an element no title selector knows --------------


def test_the_date_line_under_a_title_shown_in_an_unknown_element_is_read() -> None:
    page = (
        f"<html><head><title>{TITLE}_汀北市人民政府</title></head><body>"
        f'<div class="t1">{TITLE}</div>'
        '<div class="t2"><i class="icon-time"></i>2024-09-12 <i class="icon-eye"></i>128</div>'
        f'<div class="content"><p>{"</p><p>".join(LINES)}</p></div></body></html>'
    )
    notice = noticecli.parse_html(page)
    assert notice.title == TITLE
    assert notice.published_at == "2024-09-12"


def test_a_title_the_metadata_names_but_the_page_never_shows_has_no_date_line() -> None:
    page = (
        f"<html><head><title>{TITLE}_汀北市人民政府</title></head><body>"
        '<div class="t2">2024-09-12</div>'
        f'<div class="content"><p>{"</p><p>".join(LINES)}</p></div></body></html>'
    )
    notice = noticecli.parse_html(page)
    assert notice.title == TITLE
    assert notice.published_at is None


@pytest.mark.parametrize("label", ["阅读", "点击"])
def test_a_bare_counter_label_is_the_views_counter(label: str) -> None:
    page = (
        f"<html><body><h1>{TITLE}</h1><ul class=meta><li>日期：2024-09-12</li>"
        f"<li>{label}：<span id=r></span></li></ul>"
        f'<div class="content"><p>{"</p><p>".join(LINES)}</p></div></body></html>'
    )
    fields = [(f.key, f.label, f.value) for f in noticecli.parse_html(page).header]
    assert ("views", label, None) in fields


# --- a header grid printed by columns -------------------------------------------------------

_GRID_HEAD = "<tr><th>索引号</th><th>发布机构</th><th>发布日期</th></tr>"
_GRID_VALUES = "<tr><td>000000/2024-00031</td><td>汀北县人防办</td><td>2024-04-29</td></tr>"


def _with_table(rows: str, inside: bool = False) -> Notice:
    table = f"<table>{rows}</table>"
    body = f"<p>{'</p><p>'.join(LINES)}</p>"
    return noticecli.parse_html(
        f"<html><body>{'' if inside else table}<h1>{TITLE}</h1>"
        f"<div class=content>{table if inside else ''}{body}</div></body></html>"
    )


def test_a_header_grid_printed_by_columns_gives_each_label_the_value_under_it() -> None:
    notice = _with_table(_GRID_HEAD + _GRID_VALUES)
    assert [(f.label, f.value, f.origin) for f in notice.header] == [
        ("索引号", "000000/2024-00031", "header"),
        ("发布机构", "汀北县人防办", "header"),
        ("发布日期", "2024-04-29", "header"),
    ]
    assert notice.published_at == "2024-04-29"


@pytest.mark.parametrize(
    "rows",
    [
        # A head row over several rows of values: a data table.
        _GRID_HEAD + _GRID_VALUES + _GRID_VALUES.replace("汀北县", "汀南县"),
        # Head cells that are not header labels (a list of shelters).
        "<tr><th>名称</th><th>地址</th><th>面积</th></tr><tr><td>一中</td><td>学府路1号</td><td>800</td></tr>",
    ],
)
def test_a_data_table_with_a_head_row_stays_body(rows: str) -> None:
    notice = _with_table(rows, inside=True)
    assert any(block.type == "table" for block in notice.body)
    assert not any(f.origin == "header" and f.value for f in notice.header)


# --- links a 附件 label introduces ----------------------------------------------------------


def _with_links(markup: str) -> list[tuple[str, str | None]]:
    page = (
        f"<html><body><h1>{TITLE}</h1><div class=content><p>{LINES[1]}</p>{markup}</div>"
        "</body></html>"
    )
    return [(a.name, a.url) for a in noticecli.parse_html(page).attachments]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<p>附件：<a href="/d.do?id=3">自查表</a></p>', [("自查表", "/d.do?id=3")]),
        ('<p>附件1：<a href="/d.do?id=3">自查表</a></p>', [("自查表", "/d.do?id=3")]),
        (
            '<p>附件：</p><p><a href="/d.do?id=3">1. 自查表</a></p><p><a href="/d.do?id=4">2. 回执</a></p>',
            [("1. 自查表", "/d.do?id=3"), ("2. 回执", "/d.do?id=4")],
        ),
        (
            '<div><span>相关附件：</span><ul><li><a href="/get?fid=1">报名表</a></li></ul></div>',
            [("报名表", "/get?fid=1")],
        ),
    ],
)
def test_links_a_attachment_label_introduces_are_attachments(
    markup: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _with_links(markup) == expected


@pytest.mark.parametrize(
    "markup",
    [
        # No 附件 label: a download-looking link in a sentence is not named a file.
        '<p>详见<a href="/d.do?id=3">自查表</a>。</p>',
        # Pages, a site's home and anchors after the label are not files.
        '<p>附件：</p><p><a href="/tzgg/1.html">上一篇通知</a></p><p><a href="http://www.tingbei.gov.cn">汀北县人民政府</a></p>',
        '<p>附件：<a href="#top">返回顶部</a></p>',
        # 附件 inside a sentence is not a label.
        '<p>具体要求见附件，<a href="/d.do?id=3">点此报名</a></p>',
    ],
)
def test_links_without_a_attachment_label_or_to_pages_are_not_attachments(markup: str) -> None:
    assert _with_links(markup) == []


# --- a date printed inside the heading; a date opening a line of credits ---------------------


@pytest.mark.parametrize(
    ("heading", "title", "published"),
    [
        (f"<h1>{TITLE}<small>2024-09-12</small></h1>", TITLE, "2024-09-12"),
        (f"<h1>{TITLE} <span>[2024-09-12]</span></h1>", TITLE, "2024-09-12"),
        (f"<h1>{TITLE}<span>发布时间：2024-09-12</span></h1>", TITLE, "2024-09-12"),
        # A date inside the title's wording is the title's own.
        (
            "<h1>关于<span>2024年9月18日</span>举行防空警报试鸣的通告</h1>",
            "关于2024年9月18日举行防空警报试鸣的通告",
            None,
        ),
        # A title that is all one element: nothing is cut from it.
        (f"<h1><span>{TITLE}</span></h1>", TITLE, None),
    ],
)
def test_a_date_printed_inside_the_heading_after_the_title(
    heading: str, title: str, published: str | None
) -> None:
    page = f"<html><body>{heading}<div class=content><p>{'</p><p>'.join(LINES)}</p></div></body></html>"
    notice = noticecli.parse_html(page)
    assert (notice.title, notice.published_at) == (title, published)


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("2024年09月10日 16:30 &nbsp; 汀北县人防办 &nbsp; 浏览 36 次", "2024-09-10T16:30:00+08:00"),
        ("2024-09-10 汀北日报", "2024-09-10"),
        # A sentence opening with a date is not a date line.
        ("2024年9月10日，县人防办召开会议。", None),
        ("2024-09-10至2024-09-20 集中检查", None),
    ],
)
def test_a_date_opening_a_line_of_unlabelled_credits(line: str, published: str | None) -> None:
    page = (
        f"<html><body><h1>{TITLE}</h1><p class=info>{line}</p>"
        f"<div class=content><p>{'</p><p>'.join(LINES)}</p></div></body></html>"
    )
    assert noticecli.parse_html(page).published_at == published


# --- a title no selector or source names, right above the meta line ------------------------


def _unmarked(head_rows: str) -> Notice:
    return noticecli.parse_html(
        "<html><head><title>汀北市人民防空办公室</title></head><body><table>"
        '<tr><td><a href="/">首页</a> <a href="/tz/">通知公告</a></td></tr>'
        f"{head_rows}<tr><td class=nr><p>{'</p><p>'.join(LINES)}</p></td></tr>"
        "</table></body></html>"
    )


@pytest.mark.parametrize(
    "head_rows",
    [
        f"<tr><td class=biaoti>{TITLE}</td></tr><tr><td>发布时间：2024-06-03 来源：本站</td></tr>",
        f"<tr><td class=wzbt><span>{TITLE}</span></td></tr><tr><td><span>发布日期：2024-06-03</span></td></tr>",
        f"<tr><td>{TITLE}<br>发布时间：2024-06-03</td></tr>",
    ],
)
def test_the_block_right_above_the_meta_line_is_the_title(head_rows: str) -> None:
    assert _unmarked(head_rows).title == TITLE


@pytest.mark.parametrize(
    "head_rows",
    [
        # Only the menu row above the meta line: no title is guessed from it.
        "<tr><td>发布时间：2024-06-03 来源：本站</td></tr>",
        # A menu row long enough for a title's length, right above the meta line.
        '<tr><td><a href="/a">工作动态</a> <a href="/b">政策法规</a> <a href="/c">人防知识</a></td></tr>'
        "<tr><td>发布时间：2024-06-03 来源：本站</td></tr>",
        # A label line above the meta line is no title.
        "<tr><td>索引号：000/2024-1</td></tr><tr><td>发布时间：2024-06-03</td></tr>",
    ],
)
def test_no_title_is_read_from_menus_or_labels_above_the_meta_line(head_rows: str) -> None:
    title = _unmarked(head_rows).title or ""
    assert "首页" not in title
    assert "工作动态" not in title
    assert "索引号" not in title


# --- news-portal credits: a report button after the source, 本文来源 closing the body -------


def test_a_report_button_after_the_source_is_no_part_of_it() -> None:
    page = (
        f"<html><body><h1>{TITLE}</h1>"
        '<div class=info>2024-09-21 10:30:15　来源: <a href="/x">新华网</a> <a class=jb>举报</a></div>'
        f"<div class=content><p>{'</p><p>'.join(LINES)}</p>"
        "<p>本文来源：新华网 责任编辑：李四</p></div></body></html>"
    )
    notice = noticecli.parse_html(page)
    assert notice.source == "新华网"
    assert notice.editor == "李四"
    assert ("本文来源", "新华网") in _meta(notice)
    assert all("本文来源" not in (block.text or "") for block in notice.body)


def test_a_source_whose_name_holds_the_word_report_keeps_it() -> None:
    page = (
        f"<html><body><h1>{TITLE}</h1><div class=info>来源：市举报中心　发布时间：2024-09-21</div>"
        f"<div class=content><p>{'</p><p>'.join(LINES)}</p></div></body></html>"
    )
    assert noticecli.parse_html(page).source == "市举报中心"


# --- a short notice: one sentence and a data table, no container the density search finds ---

_DATA_TABLE = (
    "<table><tr><th>名称</th><th>地址</th><th>发布日期</th></tr>"
    "<tr><td>一中疏散场所</td><td>文昌路6号</td><td>2024-05-20</td></tr>"
    "<tr><td>公园疏散场所</td><td>湖滨路2号</td><td>2024-05-22</td></tr></table>"
)


def _short(after_title: str) -> Notice:
    return noticecli.parse_html(
        f"<html><body><div><a href='/'>首页</a> <a href='/tz/'>通知公告</a></div><h1>{TITLE}</h1>"
        f"{after_title}<div>主办：汀北县人民政府办公室</div></body></html>"
    )


def test_the_block_after_the_title_is_a_short_notices_body() -> None:
    notice = _short(f"<div><p>名单公布如下：</p>{_DATA_TABLE}<p>特此公告。</p></div>")
    assert [block.type for block in notice.body] == ["paragraph", "table", "paragraph"]
    assert notice.title == TITLE


def test_a_data_tables_head_row_gives_no_fields() -> None:
    notice = _short(f"<div><p>名单公布如下：</p>{_DATA_TABLE}</div>")
    assert not [f for f in notice.header if f.label in ("名称", "地址", "发布日期")]
    assert notice.published_at is None


@pytest.mark.parametrize(
    "after_title",
    [
        # Navigation after the title, then the footer: no body is made of them.
        "<div><a href='/a'>上一篇：人防宣传月活动</a> <a href='/b'>下一篇：警报试鸣</a></div>",
        "<div>版权所有：汀北县人民政府 网站标识码：1234</div>",
    ],
)
def test_no_body_is_read_from_navigation_or_a_footer_after_the_title(after_title: str) -> None:
    assert _short(after_title).body == []


# --- tables without classes: caption rows, grids of unknown colon labels; bracketed credits --


def _fields(markup: str) -> list[tuple[str, str | None]]:
    page = (
        f"<html><body><h1>{TITLE}</h1>{markup}"
        f"<div><p>{'</p><p>'.join(LINES)}</p></div></body></html>"
    )
    return [(f.label, f.value) for f in noticecli.parse_html(page).header]


def test_a_caption_row_is_no_field_and_takes_no_row_under_it() -> None:
    table = (
        "<table><tr><td colspan=2><b>公告信息：</b></td></tr>"
        "<tr><td>采购人：</td><td>汀北市人防办</td></tr><tr><td>成交金额：</td><td>28.6万元</td></tr></table>"
    )
    assert _fields(table) == [("采购人", "汀北市人防办"), ("成交金额", "28.6万元")]


def test_one_unknown_colon_label_in_a_table_is_no_grid() -> None:
    assert _fields("<table><tr><td>联系电话：</td><td>0800-1234567</td></tr></table>") == []


@pytest.mark.parametrize(
    ("credit", "pair"),
    [
        ("<span>（责任编辑：</span><span>王敏）</span>", ("责任编辑", "王敏")),
        ("<span>【来源：</span><span>市人防办】</span>", ("来源", "市人防办")),
        ("<span>（责任编辑：</span><span>王敏</span>", ("责任编辑", "王敏")),
    ],
)
def test_a_credit_set_in_brackets_across_elements(credit: str, pair: tuple[str, str]) -> None:
    assert pair in _fields(f"<div>{credit}</div>")


def test_a_caption_cell_ending_in_a_colon_is_never_the_title() -> None:
    page = (
        "<html><body><table><tr><td><b>联系人及联系方式：</b></td></tr></table>"
        f"<div><p>{'</p><p>'.join(LINES)}</p></div></body></html>"
    )
    assert noticecli.parse_html(page).title != "联系人及联系方式："


# --- review of the session's merges: look-alikes the new rules must leave alone -------------


def test_an_empty_attachment_label_introduces_no_neighbour_links() -> None:
    page = (
        '<html><body><div class="content"><h1>关于开展防空警报试鸣的通告</h1>'
        '<div class="info">发布时间：2024-09-12 来源：市人防办</div>'
        f'<div class="article"><p>{LINES[1]}</p></div><div class="fj">附件：</div>'
        '<div class="prev">上一篇：<a href="/show.asp?id=1231">关于做好人防工程安全检查的通知</a></div>'
        '<div class="next">下一篇：<a href="/show.asp?id=1233">2024年人防宣传教育活动方案</a></div>'
        '<div class="xg"><h3>相关文章</h3><ul><li><a href="/index.php?m=c&id=88">人防工程维护管理办法'
        "</a></li></ul></div></div></body></html>"
    )
    assert noticecli.parse_html(page).attachments == []


@pytest.mark.parametrize("colspan", [' colspan="4"', ""])
def test_a_label_alone_in_its_row_takes_the_merged_row_under_it(colspan: str) -> None:
    grid = (
        "<table><tr><td>索引号：</td><td>11350100/2024-00012</td><td>发布机构：</td><td>市人防办</td></tr>"
        "<tr><td>发布日期：</td><td>2024-09-12</td><td>文号：</td><td>汀人防〔2024〕5号</td></tr>"
        f"<tr><td{colspan}>内容概述：</td></tr>"
        f"<tr><td{colspan}>公布2024年第三季度人防工程竣工验收备案情况。</td></tr></table>"
    )
    fields = dict(_fields(grid))
    assert fields["内容概述"] == "公布2024年第三季度人防工程竣工验收备案情况。"


@pytest.mark.parametrize(
    "lead",
    [
        "2024年9月18日 上午10时，全市146台防空警报同时鸣响，市民秩序井然。",
        "2024年9月18日 全市146台防空警报同时鸣响，市民秩序井然。",
        "2024年9月20日 上午9:00 市政府三楼会议室",
    ],
)
def test_a_dated_lead_or_meeting_line_is_no_publication_time(lead: str) -> None:
    page = (
        f'<html><body><div class="article-content"><h1>{TITLE}</h1><p>{lead}</p>'
        f"<p>{LINES[1]}</p></div></body></html>"
    )
    assert noticecli.parse_html(page).published_at is None


def test_a_frame_written_in_capitals_shows_its_document() -> None:
    frame = '<IFRAME SRC="/pdfjs/web/viewer.html?file=/upload/weihu.pdf"></IFRAME>'
    assert [a.url for a in _framed(frame).attachments] == [
        "http://rfb.tingbei.gov.cn/upload/weihu.pdf"
    ]


def test_a_column_caption_over_the_meta_line_is_no_title() -> None:
    page = (
        "<html><head><title>汀北市人民防空办公室</title></head><body><table>"
        '<tr><td class="lmmc">通知公告</td></tr><tr><td>发布时间：2024-09-12 来源：市人防办</td></tr>'
        f"<tr><td><p>{'</p><p>'.join(LINES)}</p></td></tr></table></body></html>"
    )
    assert noticecli.parse_html(page).title != "通知公告"


def test_words_between_an_attachment_label_and_a_link_end_the_labels_list() -> None:
    markup = '<p>附件：</p><p>相关文章</p><p><a href="/show.asp?id=3">人防工程维护管理办法</a></p>'
    assert _with_links(markup) == []


def test_a_short_notice_with_a_dated_table_and_a_few_links_is_no_listing() -> None:
    notice = _short(
        f"<div><p>名单公布如下：</p>{_DATA_TABLE}<p>特此公告。</p>"
        '<ul><li><a href="/f/1.doc">报名表</a></li><li><a href="/f/2.doc">回执</a></li></ul></div>'
    )
    assert notice.kind == "notice"
    assert notice.body[0].text == "名单公布如下："
