"""Forms of the sixteenth held-out scoring (issue 9) in text renderings: a date-time with a
fraction of a second, a known label without its colon closing a pair line after a wide gap
(an empty cell), a pipe row whose one cell holds a whole pair, a colon-less 所属机构 row and
a countdown banner over the article. Each with what must stay as it was."""

from __future__ import annotations

import pytest

from noticecli.dates import parse_date
from noticecli.parse.text_furniture import is_countdown
from tests.rendering import label_values as _pairs
from tests.rendering import parse_lines as _parse

HEADLINE = "岚丰镇召开清明节前夕人防安全工作部署会"
TEXT = "3月25日,岚丰镇召开清明节前夕人防安全工作部署会,镇国防动员办公室负责人出席会议。"
MORE = "会议要求,各村要对辖区人防工程开展一次全面检查。"


# --- 1: fractional seconds ---------------------------------------------------------------------


def test_a_fraction_of_a_second_is_dropped_from_the_date_time() -> None:
    meta = "发布时间:2009-06-02 00:02:00.0 来源:新兴县政府办公室 浏览次数:3905次字号:"
    notice = _parse(HEADLINE, meta, TEXT, MORE)
    assert notice.published_at == "2009-06-02T00:02:00+08:00"
    assert ("发布时间", "2009-06-02 00:02:00.0") in _pairs(notice)  # shown as printed
    assert parse_date("2024-05-01 09:33:12.123456") == parse_date("2024-05-01 09:33:12")


@pytest.mark.parametrize(
    "value",
    ["1.2.3.4", "3.14", "2009-06-02 00:02.5", "2009-06-02 00:02:00.1234567", "2009.06.02.5"],
)
def test_what_is_no_date_time_with_a_fraction(value: str) -> None:
    assert parse_date(value) is None


# --- 2: a known label closing a pair line after a wide gap -------------------------------------


def test_a_known_label_after_a_gap_closing_a_pair_line_is_an_empty_cell() -> None:
    line = "索 引 号: 00817989-3/2022-45943 分类: 报告    机构分类"
    notice = _parse(line, "发布机构: 市人防办 发文日期: 2022-05-06", HEADLINE, TEXT, MORE)
    pairs = _pairs(notice)
    assert ("分类", "报告") in pairs
    assert ("机构分类", None) in pairs
    assert notice.fields["agency_category"] is None


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        (
            "索引号: 00817989-3/2022-45943 来源: 市发展和改革委员会办公室",
            "来源",
            "市发展和改革委员会办公室",
        ),
        ("索引号: 00817989-3/2022-45943 分类: 报告 机构分类", "分类", "报告 机构分类"),
        ("索引号: 00817989-3/2022-45943 分类: 工作    报告", "分类", "工作    报告"),
    ],
)
def test_a_value_ending_in_a_label_word_without_a_gap_is_kept(
    line: str, label: str, value: str
) -> None:
    notice = _parse(line, "发布机构: 市人防办 发文日期: 2022-05-06", HEADLINE, TEXT, MORE)
    assert (label, value) in _pairs(notice)


# --- 3: a pipe row whose one cell holds a whole pair -------------------------------------------


def test_a_pipe_row_of_one_pair_cell_and_an_empty_cell_gives_its_field() -> None:
    notice = _parse(
        "| 索引号: 000014349/2026-01893 | |",
        "| 发文字号: | 发文时间: 2026-01-16 |",
        "| 发布机构: 市人防办 | 主题分类: 其他 |",
        HEADLINE,
        TEXT,
        MORE,
    )
    pairs = _pairs(notice)
    assert notice.title == HEADLINE
    assert ("索引号", "000014349/2026-01893") in pairs
    assert ("发文字号", None) in pairs  # an empty value cell is still its own label's null
    assert ("发文时间", "2026-01-16") in pairs


# --- 4: a colon-less 所属机构 row, a countdown banner ------------------------------------------

GRID = (
    "索引号: 013976154/2020-00123 文号:",
    "生成日期: 2020-04-09 关键字:",
    "所属机构 灵台县政府办 发布机构: 灵台县政府办",
)


def test_a_countdown_over_a_mixed_grid_is_chrome_and_the_row_is_read() -> None:
    notice = _parse("今天距离全面完成脱贫攻坚任务仅剩", *GRID, HEADLINE, TEXT, MORE)
    assert notice.title == HEADLINE
    pairs = _pairs(notice)
    assert ("所属机构", "灵台县政府办") in pairs
    assert ("发布机构", "灵台县政府办") in pairs
    assert notice.fields["agency"] == "灵台县政府办"


@pytest.mark.parametrize(
    "line",
    ["今天距离全面完成脱贫攻坚任务仅剩", "距建党一百周年还有 30 天", "距离中考倒计时", "距春节剩"],
)
def test_countdown_lines(line: str) -> None:
    assert is_countdown(line)


@pytest.mark.parametrize(
    "line", ["距离春节还有十天，人防办开展安全检查", "距离2024年高考还有", "距离学校还有多远"]
)
def test_what_is_no_countdown(line: str) -> None:
    assert not is_countdown(line)


def test_a_headline_starting_with_countdown_words_stays_the_title() -> None:
    headline = "距离春节还有十天，人防办开展安全检查"
    notice = _parse(headline, "发布时间: 2024-01-30 来源: 岚丰镇", TEXT, MORE)
    assert notice.title == headline
