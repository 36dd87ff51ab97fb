"""Review forms of short notices, each rule alone on markup of our own: an event line
(活动时间：… 地点：…) between the title and the body container is the text's first line, never
a field nor the publication date; a data table whose head row is plain ``<td>`` cells is body
and its head gives no field; a side column beside the text of a short notice (links or
short items, no class to say so) never joins the body. Fixtures 146-149 and 256-259 hold the
same forms whole."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.parse.head_rows import heads_data_columns

TITLE = "关于举办2024年人防宣传教育活动的通知"
EVENT = "活动时间：2024年5月10日 地点：汀北市人民广场"
TEXT = (
    "为增强市民防空意识，市人防办将于5月10日在人民广场举办人防宣传教育活动，欢迎市民参加。",
    "活动当天设置咨询台和体验区。",
)
CONTAINER = "<div class=TRS_Editor>" + "".join(f"<p>{line}</p>" for line in TEXT) + "</div>"


def _event_page(between: str) -> str:
    return f"<html><body><div class=main><h1>{TITLE}</h1>{between}{CONTAINER}</div></body></html>"


def _texts(notice: noticecli.Notice) -> list[str | None]:
    return [block.text for block in notice.body]


@pytest.mark.parametrize(
    "between",
    [
        f"<div>{EVENT}</div>",
        f"<div class=info>发布时间：2024-04-28 来源：市人防办</div><p>{EVENT}</p>",
        f"<div>2024-04-28</div><div>{EVENT}</div>",
    ],
)
def test_an_event_line_over_the_container_is_the_first_line_and_no_field(between: str) -> None:
    notice = noticecli.parse_html(_event_page(between))
    assert _texts(notice) == [EVENT, *TEXT]
    assert not {"活动时间", "地点"} & {field.label for field in notice.header}
    assert notice.published_at in (None, "2024-04-28")


def test_the_meta_line_a_widget_line_and_a_link_row_over_the_container_stay_out() -> None:
    between = (
        "<div>发布时间：2024-04-28 来源：市人防办</div><div>字号：大 中 小</div>"
        "<div>上一篇：<a href='/a/1.html'>关于开展人防宣传月活动的通知</a></div>"
        "<div>相关专题：<a href='/z/'>人防宣传教育专题</a></div>"
    )
    notice = noticecli.parse_html(_event_page(between))
    assert _texts(notice) == list(TEXT)


def test_an_event_line_with_no_container_after_the_title_is_not_looked_for() -> None:
    # The title inside the container: the container's opening reads its lines.
    page = (
        f"<html><body><div class=TRS_Editor><h1>{TITLE}</h1><p>{EVENT}</p>"
        + "".join(f"<p>{line}</p>" for line in TEXT)
        + "</div></body></html>"
    )
    assert _texts(noticecli.parse_html(page)) == [EVENT, *TEXT]


ROWS = (
    "<tr><td>名称</td><td>地址</td><td>面积</td></tr>"
    "<tr><td>人民广场地下人防工程</td><td>人民路1号</td><td>3200平方米</td></tr>"
    "<tr><td>新华路人防工程</td><td>新华路8号</td><td>1800平方米</td></tr>"
)
LIST_TITLE = "汀北市2024年向社会开放的人防工程名单"
INTRO = "现将2024年向社会开放的人防工程名单公布如下："


def test_a_td_head_row_of_a_data_table_gives_no_field_and_the_table_is_body() -> None:
    page = (
        f"<html><body><h1>{LIST_TITLE}</h1><div><p>{INTRO}</p><table>{ROWS}</table></div>"
        "</body></html>"
    )
    notice = noticecli.parse_html(page)
    assert notice.title == LIST_TITLE
    assert notice.header == []
    assert [block.type for block in notice.body] == ["paragraph", "table"]
    assert notice.body[0].text == INTRO


def _head_cell(table: str) -> bool:
    from selectolax.lexbor import LexborHTMLParser

    cell = LexborHTMLParser(f"<table>{table}</table>").css_first("td")
    assert cell is not None
    return heads_data_columns(cell, lambda text: text.endswith(("：", ":")) or text == "文号")


def test_a_head_row_needs_caption_cells_over_rows_of_values() -> None:
    assert _head_cell(ROWS)
    # A label/value table: the rows below hold labels.
    assert not _head_cell(
        "<tr><td>名称</td><td>某某</td></tr><tr><td>文号</td><td>汀人防〔2024〕3号</td></tr>"
    )
    # One row, nothing under it; a cell with a colon; rows of another width.
    assert not _head_cell("<tr><td>名称</td><td>地址</td></tr>")
    assert not _head_cell("<tr><td>名称：</td><td>地址</td></tr><tr><td>甲</td><td>乙</td></tr>")
    assert not _head_cell("<tr><td>名称</td><td>地址</td></tr><tr><td colspan=2>合计</td></tr>")


def test_a_label_value_table_of_td_cells_still_gives_its_fields() -> None:
    grid = (
        "<table><tr><td>发布机构</td><td>汀北市人民防空办公室</td></tr>"
        "<tr><td>发文日期</td><td>2024-05-01</td></tr></table>"
    )
    page = (
        f"<html><body>{grid}<h1>{LIST_TITLE}</h1><div class=TRS_Editor><p>{INTRO}</p>"
        f"<table>{ROWS}</table></div></body></html>"
    )
    shown = {(f.label, f.value) for f in noticecli.parse_html(page).header}
    assert ("发文日期", "2024-05-01") in shown
    assert "名称" not in {label for label, _ in shown}


SIDE = (
    "<div><h3>栏目导航</h3><ul><li><a href='/1'>工作动态</a></li>"
    "<li><a href='/2'>通知公告</a></li><li><a href='/3'>政策法规</a></li><li>办事指南</li></ul></div>"
)
SIDE_ITEMS = (
    "<div><div>热点专题</div><div>人防宣传月</div><div>警报试鸣</div><div>疏散演练</div></div>"
)
SHORT = f"<div><p>{INTRO}</p><table>{ROWS}</table></div>"


@pytest.mark.parametrize(
    "columns",
    [
        f"<div>{SIDE}{SHORT}</div>",
        f"<div>{SHORT}{SIDE}</div>",
        f"<div>{SIDE_ITEMS}{SHORT}</div>",
        f"<table><tr><td>{SIDE}</td><td>{SHORT}</td></tr></table>",
    ],
)
def test_a_side_column_beside_a_short_notice_never_joins_the_body(columns: str) -> None:
    notice = noticecli.parse_html(f"<html><body><h1>{LIST_TITLE}</h1>{columns}</body></html>")
    assert [block.type for block in notice.body] == ["paragraph", "table"]
    assert notice.body[0].text == INTRO


def test_a_list_inside_the_text_column_stays_body() -> None:
    items = "<ul><li>人民广场</li><li>新华路</li><li>滨江路</li></ul>"
    page = (
        f"<html><body><h1>{LIST_TITLE}</h1><div><p>{INTRO}</p>{items}<table>{ROWS}</table>"
        "</div></body></html>"
    )
    texts = _texts(noticecli.parse_html(page))
    assert texts[:4] == [INTRO, "人民广场", "新华路", "滨江路"]
