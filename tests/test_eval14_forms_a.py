"""Forms of the fourteenth held-out evaluation (report i9eval14b A, B, C and E), each with
what it must not catch, on texts of our own: a value printed twice under its label; a grid
printed twice, its second copy's value on the line under the label; a tag's remainder
opening a line; a date label spelled with a word before the vocabulary's ``生成日期``."""

from __future__ import annotations

import datetime

import pytest

import noticecli
from noticecli.fields import is_issued_label
from noticecli.parse.published_label import labelled_published
from noticecli.parse.rendered import normalize_rendered
from tests.rendering import body_texts as _body
from tests.rendering import header_grid_values as _header
from tests.rendering import parse_lines as _parse

UNIT = "岚丰市人民防空办公室"
TITLE = "岚丰市人民防空办公室关于人防工程平时使用登记的通告"
META = "发布日期: 2024-04-10 09:20 浏览次数: 来源: 岚丰市人民防空办公室"
TEXT = "为规范全市人防工程平时使用管理,现就人防工程平时使用登记有关事项通告如下。"
CLOSE = "特此通告。"


# --- A: a value printed twice under its label ------------------------------------------------


def test_a_value_printed_twice_under_its_label_is_one_value_inside_the_grid() -> None:
    lines = ["文号: 岚防通〔2024〕3号", "发布机构:", UNIT, UNIT, "成文日期: 2024-04-08"]
    assert normalize_rendered(lines) == [
        "文号: 岚防通〔2024〕3号",
        f"发布机构:{UNIT}",
        "",
        "",
        "成文日期: 2024-04-08",
    ]
    # … whitespace aside, and across a blank line, under a label alone on its line too.
    spaced = ["发布机构:", UNIT, "", f"  {UNIT[:3]} {UNIT[3:]} ", "统一编号:"]
    assert normalize_rendered(spaced)[:4] == [f"发布机构:{UNIT}", "", "", ""]


def test_a_grid_printed_once_with_a_value_twice_reads_the_whole_grid() -> None:
    grid = ["索引号: 001008003/2024-00017", "发布机构:", UNIT, UNIT, "成文日期: 2024-04-08"]
    notice = _parse(*grid, "统一编号: LFFF00 – 2024 – 0003", TITLE, META, TEXT, CLOSE)
    assert _header(notice) == [
        ("索引号", "001008003/2024-00017"),
        ("发布机构", UNIT),
        ("成文日期", "2024-04-08"),
        ("统一编号", "LFFF00 – 2024 – 0003"),
    ]
    assert notice.title == TITLE
    assert notice.published_at == "2024-04-10T09:20:00+08:00"
    assert _body(notice) == [TEXT, CLOSE]


@pytest.mark.parametrize("label", ["名称:", "标题:", "内容概述:"])
def test_a_headline_under_a_title_label_is_not_its_copy(label: str) -> None:
    # 名称: over the title, and the title again over its meta line: the headline.
    lines = ["索引号: 001008003/2024-00017", label, TITLE, TITLE, META]
    assert normalize_rendered(lines)[3] == TITLE
    notice = _parse(*lines, TEXT, CLOSE)
    assert notice.title == TITLE
    assert notice.published_at == "2024-04-10T09:20:00+08:00"
    assert _body(notice) == [TEXT, CLOSE]


def test_a_value_shown_again_away_from_its_label_or_over_text_stays() -> None:
    # Not right under the value joined: 成文日期 stands between them.
    apart = ["发布机构:", UNIT, "成文日期:", "2024-04-08", UNIT, "统一编号:"]
    assert normalize_rendered(apart)[4] == UNIT
    # Right under it, but text follows: no grid goes on.
    over_text = ["发布机构:", UNIT, UNIT, TEXT]
    assert normalize_rendered(over_text) == [f"发布机构:{UNIT}", "", UNIT, TEXT]


def test_a_two_identical_lines_in_the_body_stay() -> None:
    repeated = "请各单位认真做好自查工作。"
    notice = _parse(TITLE, META, TEXT, repeated, repeated, "联系电话: 0571-1234567", CLOSE)
    assert _body(notice).count(repeated) == 2


# --- B: a grid printed twice, its value on the line under the label in both ------------------


def test_b_the_second_copy_takes_its_own_value_again() -> None:
    lines = ["发布机构:", UNIT, "成文日期: 2024-04-08", "发布机构:", UNIT, "成文日期: 2024-04-08"]
    assert normalize_rendered(lines) == [
        f"发布机构:{UNIT}",
        "",
        "成文日期: 2024-04-08",
        f"发布机构:{UNIT}",
        "",
        "成文日期: 2024-04-08",
    ]


def test_b_a_grid_printed_twice_reads_each_field_once() -> None:
    first = ["索引号: 001008003/2024-00017 公开方式: 主动公开", "发布机构:", UNIT]
    second = ["成文日期: 2024-04-08", "索引号: 001008003/2024-00017", "公开方式: 主动公开"]
    notice = _parse(*first, *second, "发布机构:", UNIT, "成文日期: 2024-04-08", TITLE, META, TEXT)
    assert _header(notice) == [
        ("索引号", "001008003/2024-00017"),
        ("公开方式", "主动公开"),
        ("发布机构", UNIT),
        ("成文日期", "2024-04-08"),
    ]  # no empty 发布机构 for the second copy
    assert notice.title == TITLE
    assert notice.published_at == "2024-04-10T09:20:00+08:00"
    assert _body(notice) == [TEXT]


def test_b_an_empty_label_over_the_title_shown_again_stays_empty() -> None:
    lines = ["文号: 岚防通〔2024〕3号", "名称:", TITLE, "阅读版本:", TITLE, META]
    assert normalize_rendered(lines)[3:5] == ["阅读版本:", TITLE]
    notice = _parse(*lines, TEXT)
    assert ("阅读版本", None) in [(field.label, field.value) for field in notice.header]
    assert notice.title == TITLE


def test_b_an_empty_label_over_an_earlier_line_shown_again_stays_empty() -> None:
    # The site's name over the grid, then an empty 发布机构 over the same line: not its value.
    lines = [UNIT, "索引号: 001008003/2024-00017", "发布机构:", UNIT, "成文日期: 2024-04-08"]
    assert normalize_rendered(lines)[2:4] == ["发布机构:", UNIT]


# --- C: a tag's remainder opening a line ------------------------------------------------------


@pytest.mark.parametrize(
    "remainder",
    [
        "' style='font-size:10.5pt;margin-left: 30px;'>",
        '" class="fj-link" style="color:#0b5ea8;">',
        "style='color:#333' target='_blank' />",
        "  ' data-id='5' aria-label=\"附件\">",
    ],
)
def test_c_a_tags_remainder_with_an_empty_download_button_leaves_nothing(remainder: str) -> None:
    notice = _parse(TITLE, META, TEXT, CLOSE, UNIT, "2024年4月8日", f"{remainder} [附件下载]")
    assert _body(notice) == [TEXT, CLOSE, UNIT, "2024年4月8日"]
    assert "style" not in notice.body_text() and not notice.attachments
    assert "markup_removed" in [warning.code for warning in notice.warnings]


def test_c_the_text_after_the_remainder_stays_and_a_file_line_is_an_attachment() -> None:
    file_line = "附件:岚丰市人防工程平时使用登记表.docx"
    notice = _parse(TITLE, META, TEXT, f"' style='font-size:10.5pt;'> {file_line}", CLOSE)
    assert file_line in _body(notice)
    assert [item.name for item in notice.attachments] == ["岚丰市人防工程平时使用登记表.docx"]
    # After 特此通知 with no signature or date shown, it stays a body line (the document's own
    # 附件 note); after the signature and date, the file line is the page's attachment list
    # (ruling (c) of the fourteenth held-out evaluation): an attachment, no body line.
    notice = _parse(TITLE, META, TEXT, CLOSE, f"' style='font-size:10.5pt;'> {file_line}")
    assert _body(notice)[-1] == file_line
    closing = (CLOSE, UNIT, "2024年4月8日")
    notice = _parse(TITLE, META, TEXT, *closing, f"' style='font-size:10.5pt;'> {file_line}")
    assert _body(notice) == [TEXT, *closing]
    assert [item.name for item in notice.attachments] == ["岚丰市人防工程平时使用登记表.docx"]


@pytest.mark.parametrize(
    "line",
    [
        "掩蔽面积按S=有效面积×0.9计算,且有效面积>0。",  # a formula: no quoted attribute
        "登记网址为http://rfb.lanfeng.gov.cn/djb.jsp?id=5,请在线填报。",  # a URL's query
        "表格中请勿填写style='color:red'>等格式代码。",  # markup quoted mid-line
        "id=5>3 的记录无需重复登记。",  # = and > with no quoted value
    ],
)
def test_c_text_with_equals_and_angle_brackets_stays(line: str) -> None:
    notice = _parse(TITLE, META, TEXT, line, CLOSE)
    assert _body(notice) == [TEXT, line, CLOSE]
    assert "markup_removed" not in [warning.code for warning in notice.warnings]


# --- E: a date label spelled with a word before 生成日期 ----------------------------------------

GRID = [
    "- 索 引 号:LZ00112-0300-2024-00008",
    "- 备注/文号:岚政通〔2024〕2号",
    "- 发布机构:岚州市人民防空办公室",
]
NOTICE_TITLE = "岚州市人民防空办公室关于2024年城市防空警报试鸣的通告"
NOTICE_TEXT = "经市人民政府同意,定于2024年3月1日上午10时在全市范围内试鸣防空警报。"


@pytest.mark.parametrize("label", ["公文生成日期", "文件生成日期", "信息发文日期"])
def test_e_a_generated_date_label_gives_the_publication_date(label: str) -> None:
    notice = _parse(*GRID, f"- {label}:2024-02-26", NOTICE_TITLE, NOTICE_TEXT)
    field = notice.header[-1]
    assert (field.key, field.label, field.value) == ("issued_at", label, "2024-02-26")
    assert notice.published_at == "2024-02-26"
    assert notice.fields["issued_at"] == "2024-02-26"


def test_e_normalizes_header_pass_reads_the_label_too() -> None:
    text = "\n".join([*GRID, "- 公文生成日期:2024-02-26", NOTICE_TITLE, NOTICE_TEXT]) + "\n"
    assert labelled_published(text) == datetime.date(2024, 2, 26)


def test_e_a_publication_label_still_wins() -> None:
    lines = [*GRID, "- 公文生成日期:2024-02-26", NOTICE_TITLE, "时间:2024-02-27 09:30", NOTICE_TEXT]
    notice = _parse(*lines)
    assert notice.published_at == "2024-02-27T09:30:00+08:00"


@pytest.mark.parametrize(
    "label", ["公文成文日期", "截止日期", "失效日期", "废止日期", "开始生成日期"]
)
def test_e_other_dates_are_never_the_publication_date(label: str) -> None:
    notice = _parse(*GRID, f"- {label}:2024-02-26", NOTICE_TITLE, NOTICE_TEXT)
    assert notice.header[-1].label == label
    assert notice.published_at is None


def test_e_the_label_rule() -> None:
    assert is_issued_label("公文生成日期") and is_issued_label("文件发文时间")
    # The vocabulary's own labels, other dates, deadlines and spans, and long prefixes: not so.
    for label in ("生成日期", "成文日期", "公文成文日期", "截止发文日期", "报名结束生成日期"):
        assert not is_issued_label(label), label
    assert not is_issued_label("本单位公文系统生成日期")  # more than a word before it


def test_e_an_html_grid_reads_the_label_too() -> None:
    html = (
        "<html><body><table><tr><td>索引号:</td><td>LZ00112-0300-2024-00008</td>"
        "<td>公文生成日期:</td><td>2024-02-26</td></tr></table>"
        f"<h1>{NOTICE_TITLE}</h1><div class='content'><p>{NOTICE_TEXT}</p></div></body></html>"
    )
    notice = noticecli.parse_html(html)
    assert [(field.key, field.label) for field in notice.header][-1] == (
        "issued_at",
        "公文生成日期",
    )
    assert notice.published_at == "2024-02-26"
