"""The general forms of text renderings a seventh held-out evaluation of issue 9 found (its
report, forms A to I and what it saw unscored): each rule alone, on a text of our own.
Fixtures 182 to 193 hold the same forms whole."""

from __future__ import annotations

import re

import pytest

from noticecli.parse.text_chrome import (
    blank_repeated_label_block,
    is_captioned_widgets,
    is_site_chrome,
    is_site_header_line,
    one_pair_row,
    with_plain_label_colons,
)
from noticecli.parse.text_labels import is_label_line
from tests.rendering import body_texts as _body_texts
from tests.rendering import label_values as _fields
from tests.rendering import parse_lines as _parse

TITLE = "岚峰县国动办开展防空警报试鸣演练"
FIRST = "9月14日上午10时,岚峰县国动办组织开展防空警报试鸣演练。"
LAST = "演练期间全县群众生产生活秩序正常。"
META = "发布时间:2024-09-14 来源:岚峰县国动办"


# --- A: letter-spaced labels in a colon-less grid ------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "索 引 号 11/2024-00321 发文时间 2024-03-05",
            "索 引 号: 11/2024-00321 发文时间: 2024-03-05",
        ),
        ("发布机构 岚峰县国动办 文 号", "发布机构: 岚峰县国动办 文 号:"),
        ("发布日期 2024-09-14 文 号 公开形式", "发布日期: 2024-09-14 文 号: 公开形式:"),
        ("目  录", "目  录"),  # joins to no label: text
        ("附 件 1 通 知", "附 件 1 通 知"),
        ("目 录 第一章 总则", "目 录 第一章 总则"),
    ],
)
def test_a_spaced_label_in_a_plain_row_is_one_label_kept_as_shown(row: str, expected: str) -> None:
    assert with_plain_label_colons(row) == expected


def test_a_grid_with_spaced_labels_above_the_title() -> None:
    notice = _parse(
        "索 引 号 11/2024-00321 发文时间 2024-03-05",
        "发布机构 岚峰县国动办 文 号",
        "公开方式 主动公开 有效性 有效",
        "标 题: 岚峰县国动办关于开展人防工程安全检查的通知",
        "岚峰县国动办关于开展人防工程安全检查的通知",
        FIRST,
    )
    assert notice.title == "岚峰县国动办关于开展人防工程安全检查的通知"
    assert notice.published_at == "2024-03-05"
    assert _fields(notice)[:4] == [
        ("索 引 号", "11/2024-00321"),
        ("发文时间", "2024-03-05"),
        ("发布机构", "岚峰县国动办"),
        ("文 号", None),
    ]
    assert _body_texts(notice) == [FIRST]


def test_a_spaced_label_never_glues_to_the_value_before_it() -> None:
    notice = _parse(
        TITLE, META, "索引号 主题分类 发布机构", "发布日期 2024-09-14 文 号 公开形式", FIRST
    )
    assert ("发布日期", "2024-09-14") in _fields(notice)
    assert ("文 号", None) in _fields(notice)
    assert not any(warning.code == "date_unparsed" for warning in notice.warnings)


# --- not scored: colons put back to read a row never reach the body ------------------------------


def test_a_colonless_row_left_in_the_body_keeps_the_line_as_printed() -> None:
    notice = _parse(TITLE, META, FIRST, LAST, "公开方式 主动公开 有效性 有效")
    assert _body_texts(notice)[-1] == "公开方式 主动公开 有效性 有效"
    assert not any(":" in text for text in _body_texts(notice))
    assert notice.repairs == []


# --- B: a breadcrumb closed by its arrow, a grid's first row of one pair -------------------------


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("岚峰县国动办> 法定主动公开内容> 通知公告>", True),
        ("岚峰县国动办> 通知公告>", True),
        ("岚峰县国动办>", False),
        ("关于印发《岚峰县人防工程管理办法》的通知>", False),
    ],
)
def test_b_a_trail_closed_by_its_arrow_is_chrome(line: str, chrome: bool) -> None:
    assert is_site_chrome(line) is chrome


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("索引号 11330502MB0C12345X/2024-00045", "索引号: 11330502MB0C12345X/2024-00045"),
        ("有效性 有效", "有效性: 有效"),
        ("索引号是指信息的编号", None),  # no gap: a sentence
        ("索引号 是政府信息公开目录中每条信息的编号,请注明", None),
        ("岚峰县 人防办", None),
    ],
)
def test_b_one_pair_row(row: str, expected: str | None) -> None:
    assert one_pair_row(row) == expected


def test_b_one_pair_first_row_over_the_grid_under_a_closed_trail() -> None:
    notice = _parse(
        "当前位置:",
        "岚峰县国动办> 法定主动公开内容> 通知公告>",
        "索引号 11330502MB0C12345X/2024-00045",
        "组配分类 通知公告 发布机构 岚峰县国动办",
        "生成日期 2024-04-02 公开方式 主动公开",
        "岚峰县国动办关于开展人防宣传月活动的通知",
        "发布日期:2024-04-02 来源:岚峰县国动办 访问次数: 字号:[ 大 中 小 ]",
        FIRST,
    )
    assert notice.title == "岚峰县国动办关于开展人防宣传月活动的通知"
    assert _fields(notice)[0] == ("索引号", "11330502MB0C12345X/2024-00045")
    assert ("访问次数", None) in _fields(notice)
    assert _body_texts(notice) == [FIRST]


def test_b_a_one_pair_line_far_from_any_grid_row_stays_text() -> None:
    notice = _parse(TITLE, META, FIRST, "有效性 有效", LAST)
    assert "有效性 有效" in _body_texts(notice)


# --- C: 公开程序 is a label ----------------------------------------------------------------------


def test_c_the_procedure_label_closes_a_grid() -> None:
    notice = _parse(
        TITLE,
        META,
        "索引号 11/2024-00077 主题分类 其他 发布机构 岚峰县国动办",
        "公开程序 依申请,经审查后予以公开 公开时限 20个工作日",
        FIRST,
    )
    assert _fields(notice)[-2:] == [
        ("公开程序", "依申请,经审查后予以公开"),
        ("公开时限", "20个工作日"),
    ]
    assert notice.header[-2].key == "disclosure_procedure"
    assert _body_texts(notice) == [FIRST]


# --- E: an unlabelled date beside or under the title ---------------------------------------------


@pytest.mark.parametrize("date", ["2022-05-12", "2022年5月12日", "2022/05/12", "2022-05-12 09:30"])
def test_e_a_full_date_after_a_gap_closing_the_title_is_the_publication_time(date: str) -> None:
    notice = _parse(f"{TITLE} {date}", FIRST, LAST)
    assert notice.title == TITLE
    assert notice.published_at is not None and notice.published_at.startswith("2022-05-12")


@pytest.mark.parametrize(
    "title",
    [
        "关于2022年5月12日开展防空警报试鸣的通告",
        "岚峰县国动办2022年工作总结",
        "岚峰县国动办2022-05-12会议纪要",
    ],
)
def test_e_a_date_in_the_title_s_wording_stays(title: str) -> None:
    notice = _parse(title, FIRST, LAST)
    assert notice.title == title
    assert notice.published_at is None


@pytest.mark.parametrize(
    "line",
    [
        "[岚峰县国动办]2016-05-12字号: |",
        "[岚峰县国动办] 2016-05-12 10:30",
        "2016-05-12字号: 大 中 小",
    ],
)
def test_e_a_date_under_the_title_with_a_unit_or_widget_is_the_publication_time(line: str) -> None:
    notice = _parse(TITLE, line, FIRST, LAST)
    assert notice.published_at is not None and notice.published_at.startswith("2016-05-12")
    assert _body_texts(notice) == [FIRST, LAST]
    assert [field.origin for field in notice.header] == ["unlabelled"]


def test_e_a_bracketed_line_with_text_after_the_date_is_not_the_meta_line() -> None:
    line = "[岚峰县国动办]2016-05-12召开人防工作会议"
    notice = _parse(TITLE, META, line, FIRST, LAST)
    assert notice.published_at == "2024-09-14"
    assert _body_texts(notice)[0] == line


# --- F: counter and widget lines under the meta line ---------------------------------------------


@pytest.mark.parametrize(
    "line", ["【文字大小:", "【文字大小:大 中 小】", "[选择阅读字号:大 中 小]", "文字大小:大 中 小"]
)
def test_f_a_font_size_widget_group_is_chrome_closed_or_cut(line: str) -> None:
    assert _body_texts(_parse(TITLE, META, line, FIRST, LAST)) == [FIRST, LAST]


def test_f_a_bracketed_heading_after_the_text_starts_stays() -> None:
    assert "【工作要求】" in _body_texts(_parse(TITLE, META, FIRST, "【工作要求】", LAST))


def test_f_a_digits_only_line_under_the_meta_line_is_a_counter() -> None:
    assert _body_texts(_parse(TITLE, META, "0012345", FIRST, LAST)) == [FIRST, LAST]


def test_f_a_digits_only_line_in_the_text_stays() -> None:
    texts = _body_texts(_parse(TITLE, META, FIRST, "0571123", LAST))
    assert "0571123" in texts


def test_f_the_widget_word_ends_a_meta_value() -> None:
    notice = _parse(TITLE, META + " 【文字大小:大 中 小】", FIRST)
    assert _fields(notice) == [("发布时间", "2024-09-14"), ("来源", "岚峰县国动办")]


# --- H: a title shaped <short unit>:<headline> ---------------------------------------------------

HEADLINE = "岚峰国动:岚峰县国动办开展人防工程安全隐患排查整治行动"


def test_h_a_unit_colon_headline_over_the_meta_lines_is_the_title() -> None:
    notice = _parse(
        "当前位置:", HEADLINE, "- 阅读:", "- 时间:2024-06-18", "- 来源:岚峰县国动办", FIRST
    )
    assert notice.title == HEADLINE
    assert _fields(notice) == [("阅读", None), ("时间", "2024-06-18"), ("来源", "岚峰县国动办")]


@pytest.mark.parametrize(
    "line",
    [
        "标题:岚峰县国动办开展人防工程安全隐患排查整治行动",  # a known label
        "各乡镇人民政府:",  # a salutation
        "岚峰国动:岚峰县国动办开展排查。发现问题十二处",  # a sentence
    ],
)
def test_h_not_a_headline_title(line: str) -> None:
    notice = _parse("当前位置:", line, "时间:2024-06-18", FIRST)
    assert notice.title != line


def test_h_without_a_meta_line_under_it_the_line_is_not_the_title() -> None:
    notice = _parse(TITLE, META, FIRST, HEADLINE, LAST)
    assert notice.title == TITLE
    assert HEADLINE in _body_texts(notice)


# --- I: a restored cut label keeps the label as shown where the user sees it ---------------------


def test_i_a_restored_label_keeps_the_shown_label_in_its_repair() -> None:
    notice = _parse(TITLE, "号:", "称: " + TITLE, "词:", META, FIRST)
    restored = {repair.after: repair.before for repair in notice.repairs}
    assert restored == {"文号": "号", "名称": "称", "关键词": "词"}
    for repair in notice.repairs:
        index = int(re.fullmatch(r"header\[(\d+)\]\.label", repair.field or "")[1])  # type: ignore[index]
        assert notice.header[index].label == repair.after
    assert sum(warning.code == "truncated_label" for warning in notice.warnings) == 3


# --- D: a title over two lines printed again over the text, a captioned toolbar line -------------

ISSUER = "岚峰县国防动员办公室"
ABOUT = "关于开展人防工程维护管理检查的通知"
SALUTATION = "各乡镇人民政府,县直有关单位:"


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("国动办文件 字体(    )  打印", True),
        ("字号:【大 中 小】 打印本页 关闭窗口", True),
        ("打印 关闭", True),
        ("通知公告 打印", False),  # one widget word: a caption may end so
        ("中国人民 大 中 小", False),
        ("字体设计", False),
    ],
)
def test_d_a_captioned_toolbar_line_is_chrome(line: str, chrome: bool) -> None:
    assert is_captioned_widgets(line) is chrome


@pytest.mark.parametrize("toolbar", [("国动办文件 字体(    )  打印",), ()], ids=["toolbar", "none"])
def test_d_a_title_over_lines_printed_again_is_one_title(toolbar: tuple[str, ...]) -> None:
    notice = _parse(
        ISSUER, ABOUT, *toolbar, ISSUER, ABOUT, SALUTATION, FIRST, ISSUER, "2024年5月20日"
    )
    assert notice.title == ISSUER + ABOUT
    assert _body_texts(notice)[:2] == [SALUTATION, FIRST]


def test_d_a_repeat_of_only_the_first_line_is_not_the_title_s() -> None:
    notice = _parse(ISSUER, ABOUT, ISSUER, "关于开展人防宣传的通知", FIRST)
    assert notice.title != ISSUER + ABOUT


# --- G: the site's header above the breadcrumb, a meta block printed twice -----------------------

BLOCK = ("发布时间:", "2024-03-08 09:30", "信息来源:", "今日岚峰", "分享到:")
CRUMB = "当前位置: 首页>政务公开>通知公告"


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("欢迎访问岚峰县人民政府!", True),
        ("登录/注册 用户中心 无障碍 长者模式", True),
        ("简体|繁体 IPV6", True),
        ("欢迎各位来到岚峰县人防教育基地,下面请看演示。", False),
        ("登录 岚峰县人防工程管理系统", False),
    ],
)
def test_g_site_header_lines(line: str, header: bool) -> None:
    assert is_site_header_line(line) is header


def test_g_the_site_header_above_the_breadcrumb_and_a_block_printed_twice() -> None:
    notice = _parse(
        "欢迎访问岚峰县人民政府!", "登录/注册 用户中心", CRUMB, TITLE, *BLOCK, *BLOCK, FIRST
    )
    assert notice.title == TITLE
    assert _fields(notice) == [("发布时间", "2024-03-08 09:30"), ("信息来源", "今日岚峰")]
    assert _body_texts(notice) == [FIRST]


def test_g_a_greeting_below_the_breadcrumb_is_text() -> None:
    greeting = "欢迎来到岚峰县人防教育基地!"
    notice = _parse(CRUMB, TITLE, META, greeting, FIRST)
    assert _body_texts(notice)[0] == greeting


def test_g_a_second_block_with_other_values_stays() -> None:
    first = list(BLOCK[:4])
    other = [*first, "更新时间:", "2024-03-09 10:00", "信息来源:", "岚峰县国动办"]
    kept = list(other)
    blank_repeated_label_block(kept, is_label_line)
    assert kept == other
    copy = first * 2
    blank_repeated_label_block(copy, is_label_line)
    assert copy == [*first, "", "", "", ""]
