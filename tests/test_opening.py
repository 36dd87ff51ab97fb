"""The page's head inside a body container found by density (parse/opening.py), and tables
that only lay a page out in rows (parse/body.py)."""

from __future__ import annotations

import pytest

from noticecli import parse_html

_TEXT = [
    "为增强全民国防观念和人民防空意识，经研究决定，于9月18日上午10时进行防空警报试鸣。",
    "试鸣期间，请广大市民保持正常的生产生活秩序，不要惊慌。",
]


def _rows(*cells: str) -> str:
    return "".join(f"<tr><td>{cell}</td></tr>" for cell in cells)


def _page(head: str, after_title: str = "", before_title: str = "") -> str:
    rows = _rows(
        head,
        before_title,
        "<b>关于开展防空警报试鸣的通告</b>",
        after_title,
        *(f"<p>{text}</p>" for text in _TEXT),
    )
    return f"<html><head><title>岚溪县人民防空办公室</title></head><body><table>{rows}</table></body></html>"


def test_navigation_before_the_title_and_the_meta_line_after_it_are_no_body() -> None:
    html = _page(
        "当前位置：<a href='/'>首页</a> &gt;&gt; <a href='/t/'>通知公告</a>",
        after_title="发布日期：2024-09-12 来源：县人防办",
    )
    notice = parse_html(html)
    assert notice.title == "关于开展防空警报试鸣的通告"
    assert [block.text for block in notice.body] == _TEXT
    assert [(f.label, f.value, f.origin) for f in notice.header] == [
        ("发布日期", "2024-09-12", "meta_line"),
        ("来源", "县人防办", "meta_line"),
    ]
    assert notice.published_at == "2024-09-12"


def test_a_line_before_the_title_that_is_not_links_stays_body() -> None:
    # A Word body opens with its document number, then the title: the number is text.
    html = _page("<a href='/'>首页</a>", before_title="岚人防发〔2024〕3号")
    notice = parse_html(html)
    assert notice.title == "关于开展防空警报试鸣的通告"
    texts = [block.text for block in notice.body]
    # The document's own head stays as it reads: its number, then its title.
    assert texts == ["岚人防发〔2024〕3号", "关于开展防空警报试鸣的通告", *_TEXT]


def test_a_sentence_after_the_title_is_never_taken_for_a_meta_line() -> None:
    html = _page(
        "<a href='/'>首页</a>", after_title="说明：本通告自发布之日起施行，请各单位遵照执行。"
    )
    notice = parse_html(html)
    assert "说明：本通告自发布之日起施行，请各单位遵照执行。" in [b.text for b in notice.body]
    assert not [field for field in notice.header if field.label == "说明"]


def test_a_table_of_paragraph_rows_is_text_and_a_table_of_columns_stays_a_table() -> None:
    layout = parse_html(_page("<a href='/'>首页</a>"))
    assert [(block.type, block.text) for block in layout.body] == [
        ("paragraph", text) for text in _TEXT
    ]
    data = (
        "<html><body><div class='x'><p>" + _TEXT[0] + "</p><p>" + _TEXT[1] + "</p><table>"
        "<tr><td>单位</td><td>地点</td></tr><tr><td>东区</td><td>人民广场</td></tr>"
        "</table></div></body></html>"
    )
    assert [block.type for block in parse_html(data).body] == ["paragraph", "paragraph", "table"]


def test_a_table_of_data_chosen_as_the_body_stays_one_table() -> None:
    # Nothing around the table says anything: the table itself is the body.
    rows = "".join(
        f"<tr><td>{label}</td><td>{text}</td></tr>"
        for label, text in [("主要违法事实", _TEXT[0]), ("处罚内容", _TEXT[1]), ("备注", "无")]
    )
    notice = parse_html(f"<html><body><table border='1'>{rows}</table></body></html>")
    assert [block.type for block in notice.body] == ["table"]
    rows_read = notice.body[0].rows
    assert rows_read is not None and [cell.text for cell in rows_read[1]] == ["处罚内容", _TEXT[1]]


_PARAGRAPH = (
    "根据上级有关规定，结合本地实际，现就做好防空警报试鸣工作通知如下，请各单位认真贯彻执行。"
)


def test_a_meeting_notice_opening_with_time_and_place_keeps_them_as_text() -> None:
    # 时间：… 地点：… under the title is the meeting's, not the page's publication date.
    body = f"<p>{_PARAGRAPH}</p>" * 3
    html = (
        "<html><body><div class='x-c'><h1>关于召开2024年人防工作会议的通知</h1>"
        f"<p>时间：2024年5月6日 地点：三楼会议室</p>{body}</div></body></html>"
    )
    notice = parse_html(html)
    assert notice.published_at is None
    assert notice.body[0].text == "时间：2024年5月6日 地点：三楼会议室"
    # After a meta line that gave the publication date, a second 时间 line is the text's.
    html = html.replace("<p>时间", "<p>发布日期：2024-05-01</p><p>时间").replace(
        " 地点", "</p><p>地点"
    )
    notice = parse_html(html)
    assert notice.published_at == "2024-05-01"
    assert [block.text for block in notice.body[:2]] == ["时间：2024年5月6日", "地点：三楼会议室"]


def test_a_layout_table_with_a_two_cell_meta_row_is_still_read_as_text() -> None:
    rows = "".join(f"<tr><td>{_PARAGRAPH}</td></tr>" for _ in range(4))
    html = (
        "<html><body><table class='main'>"
        "<tr><td><a href='/'>首页</a> &gt; <a href='/x'>通知公告</a></td></tr>"
        "<tr><td><h2>关于开展防空警报试鸣工作的通知</h2></td></tr>"
        f"<tr><td>发布日期：2024-09-01</td><td>来源：人防办</td></tr>{rows}</table></body></html>"
    )
    notice = parse_html(html)
    assert notice.published_at == "2024-09-01"
    assert [(block.type, block.text) for block in notice.body] == [("paragraph", _PARAGRAPH)] * 4


def test_an_article_cell_beside_a_sidebar_cell_is_not_widened_to_their_table() -> None:
    # One row, two cells: the article's cell is the body, the sidebar stays out.
    article = "".join(f"<p>{_PARAGRAPH}</p>" for _ in range(3))
    html = (
        "<html><body><table><tr><td class='side'>"
        + "<p>本站提供政务服务、互动交流、信息查询。</p>" * 3
        + "</td>"
        f"<td class='main'><h2>关于开展防空警报试鸣工作的通知</h2>{article}</td></tr></table>"
        "</body></html>"
    )
    notice = parse_html(html)
    assert [block.text for block in notice.body] == [_PARAGRAPH] * 3


@pytest.mark.parametrize("separator", ["|", "｜", "丨", "/"])
def test_the_separator_between_meta_line_pairs_is_no_part_of_a_value(separator: str) -> None:
    body = f"<p>{_PARAGRAPH}</p>" * 3
    meta = f"发布时间：2024-05-01 {separator} 来源：本站 {separator} 点击数：12"
    html = (
        f"<html><body><div class='a'><h1>关于开展防空警报试鸣工作的通知</h1>"
        f"<div class='m'>{meta}</div><div class='b'>{body}</div></div></body></html>"
    )
    notice = parse_html(html)
    assert [(field.label, field.value) for field in notice.header] == [
        ("发布时间", "2024-05-01"),
        ("来源", "本站"),
        ("点击数", "12"),
    ]
    assert notice.published_at == "2024-05-01"
