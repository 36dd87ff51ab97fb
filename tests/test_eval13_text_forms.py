"""Forms of the thirteenth held-out evaluation (report i9eval13b A and G), each with what it
must not catch, on texts of our own: a header grid printed one pair a line without colons,
with a label alone as an empty cell; a date-time value printed one piece a line under its
label."""

from __future__ import annotations

import pytest

from noticecli.models import Notice
from noticecli.parse.text_broken_values import with_broken_dates_joined
from noticecli.parse.text_plain_grid import plain_grid_rows
from tests.rendering import body_texts as _body
from tests.rendering import origin_values as _fields
from tests.rendering import parse_lines as _parse

TITLE = "岚山县人民防空办公室关于开展2024年防空警报试鸣的通告"
GRID = (
    "索引号 114209000123456789/2024-00031",
    "发布机构 岚山县人民防空办公室",
    "公开目录 通知公告",
    "发布日期 2024-03-15",
    "文号",
    "公开方式 主动公开",
    f"名称 {TITLE}",
)
SALUTATION = "全县广大居民:"
TEXT = "经县政府同意,定于2024年3月20日上午10时进行防空警报试鸣,请广大居民保持正常生活秩序。"


# --- A: a grid one pair a line without colons ------------------------------------------------


def test_colonless_grid_one_pair_a_line_is_the_header() -> None:
    notice = _parse(*GRID, "", TITLE, "", SALUTATION, TEXT)
    assert _fields(notice, "header") == [
        ("索引号", "114209000123456789/2024-00031"),
        ("发布机构", "岚山县人民防空办公室"),
        ("公开目录", "通知公告"),
        ("发布日期", "2024-03-15"),
        ("文号", None),
        ("公开方式", "主动公开"),
        ("名称", TITLE),
    ]
    assert notice.title == TITLE
    assert notice.published_at == "2024-03-15"
    assert _body(notice) == [SALUTATION, TEXT]


def test_bulleted_rows_and_a_bare_label_with_its_colon_keep_the_run() -> None:
    rows = [f"  • {line}" if line != "文号" else "  • 文号:" for line in GRID]
    notice = _parse("欢迎访问岚山县人民防空办公室网站", "", *rows, "", TITLE, "", SALUTATION, TEXT)
    header = _fields(notice, "header")
    assert ("文号", None) in header and ("名称", TITLE) in header
    assert len(header) == len(GRID)
    assert _body(notice)[0] == SALUTATION


@pytest.mark.parametrize(
    "above", ["首页 > 政务公开 > 信息公开目录", "岚山县人民防空办公室", "【字体:大 中 小】"]
)
def test_a_run_ending_at_the_title_is_read_under_the_sites_lines(above: str) -> None:
    notice = _parse(above, "", *GRID, "", TITLE, "", SALUTATION, TEXT)
    # A unit's name over the grid makes its when/who rows meta lines, as with colons.
    read = [(field.label, field.value) for field in notice.header]
    assert [label for label, _value in read] == [line.split()[0] for line in GRID]
    assert ("文号", None) in read
    assert notice.title == TITLE
    assert _body(notice) == [SALUTATION, TEXT]


def test_plain_grid_rows_mark_the_run_and_its_empty_cell() -> None:
    rows = plain_grid_rows(["", *GRID, TITLE, SALUTATION, TEXT])
    assert rows == {
        1: ("索引号",),
        2: ("发布机构",),
        3: ("公开目录",),
        4: ("发布日期",),
        5: ("文号",),
        6: ("公开方式",),
        7: ("名称",),
    }


def test_one_prose_line_opening_with_a_label_word_stays_text() -> None:
    line = "名称 变更后的单位应于十日内到县人防办办理备案手续"
    notice = _parse(TITLE, "", SALUTATION, line, TEXT)
    assert line in _body(notice)
    assert _fields(notice, "header") == []
    assert plain_grid_rows([line, TITLE]) == {}


def test_fewer_than_three_rows_are_no_grid() -> None:
    lines = ["索引号 114209000123456789/2024-00031", "文号", "发布机构 岚山县人民防空办公室", TITLE]
    assert plain_grid_rows(lines) == {}
    notice = _parse(*lines, "", SALUTATION, TEXT)
    assert not any(field.value == "岚山县人民防空办公室" for field in notice.header)


def test_label_word_rows_under_the_title_stay_text() -> None:
    rows = GRID[1:4]
    assert plain_grid_rows([TITLE, "", *rows, SALUTATION]) == {}
    notice = _parse(TITLE, "", SALUTATION, TEXT, *rows)
    assert _fields(notice, "header") == []
    assert "发布机构 岚山县人民防空办公室" in "".join(_body(notice))


def test_label_word_rows_after_the_text_stay_text() -> None:
    assert plain_grid_rows([TEXT, *GRID[:4]]) == {}


# --- G: a date-time printed one piece a line under its label --------------------------------

HEADLINE = "岚山县开展人防工程安全隐患专项排查"
NEWS = "2月22日,县人防办组织专业技术人员对全县在用人防工程开展安全隐患专项排查。"


def test_date_pieces_under_their_label_are_one_value() -> None:
    notice = _parse(
        HEADLINE, "", "发布日期:", "2024-", "02-", "23", "11:", "41", "|", "浏览次数:", "|", NEWS
    )
    assert ("发布日期", "2024- 02- 23 11: 41") in _fields(notice, "meta_line")
    assert ("浏览次数", None) in _fields(notice, "meta_line")
    assert notice.published_at == "2024-02-23T11:41:00+08:00"
    assert _body(notice) == [NEWS]
    assert [warning.code for warning in notice.warnings] == ["broken_value_joined"]


def test_only_the_pieces_that_read_as_a_date_are_joined() -> None:
    notice = Notice(kind="notice")
    lines = ["发布时间:", "2024.", "3.", "8", "15", NEWS]
    assert with_broken_dates_joined(lines, notice) == [
        "发布时间:2024. 3. 8",
        "",
        "",
        "",
        "15",
        NEWS,
    ]


def test_a_value_whole_on_the_next_line_is_left_alone() -> None:
    notice = Notice(kind="notice")
    lines = ["发布日期:", "2024-02-23 11:41", "来源:", "岚山县人防办"]
    assert with_broken_dates_joined(lines, notice) == lines
    assert notice.warnings == []


def test_a_list_of_years_is_no_date() -> None:
    notice = Notice(kind="notice")
    years_lists = (
        ["2023", "2024", "2025"],
        ["2023年", "2024年", "2025年"],
        ["2023-", "2024-", "2025-"],
    )
    for label in ("实施年度:", "实施时间:"):
        for years in years_lists:
            lines = [label, *years, NEWS]
            assert with_broken_dates_joined(lines, notice) == lines
    assert notice.warnings == []


def test_text_opening_with_a_number_under_a_label_stays_text() -> None:
    notice = Notice(kind="notice")
    lines = [
        "主要成效:",
        "12",
        "个乡镇完成人防宣传进社区活动。",
        "2024年一季度共受理审批事项十五件。",
    ]
    assert with_broken_dates_joined(lines, notice) == lines


def test_pieces_after_a_line_that_is_no_label_are_left_alone() -> None:
    notice = Notice(kind="notice")
    lines = ["各单位注意:", "2024-", "02-", "23"]  # a salutation's colon, no known or field label
    assert with_broken_dates_joined(lines, notice) == lines
