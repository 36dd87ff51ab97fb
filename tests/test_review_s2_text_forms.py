"""Text renderings the second review of issue 9's session found losing the notice's own
lines (its findings 4, 5 and 7, and a 主题 label under the title): each rule alone, on a
text of our own. Fixtures 230 to 233 hold the same forms whole."""

from __future__ import annotations

import pytest

from noticecli.models import Notice
from noticecli.parse.text_edges import blank_site_credits, is_footer_evidence
from tests.rendering import body_texts as _body_texts
from tests.rendering import parse_lines as _parse

TITLE = "关于举办2024年人防知识竞赛的通知"
META = "发布时间:2024-05-01 来源:岚川县人防办"
FIRST = "为普及人防知识,决定举办2024年人防知识竞赛,现将有关事项通知如下。"
LAST = "二、竞赛地点:岚川县民防教育馆。"
HOST = "主办:岚川县人民防空办公室"
RUNNER = "承办:岚川县民防教育馆"


def _fields(notice: Notice) -> list[tuple[str | None, str, str | None, str]]:
    return [(field.key, field.label, field.value, field.origin) for field in notice.header]


# --- 4: the organisers' credit lines -------------------------------------------------------------


def test_organisers_closing_the_text_stay() -> None:
    assert _body_texts(_parse(TITLE, META, FIRST, LAST, HOST, RUNNER))[-2:] == [HOST, RUNNER]


def test_organisers_before_a_closing_toolbar_stay() -> None:
    notice = _parse(TITLE, META, FIRST, LAST, HOST, RUNNER, "【打印本页】【关闭窗口】")
    assert _body_texts(notice)[-2:] == [HOST, RUNNER]


def test_a_two_credit_line_inside_the_text_stays() -> None:
    line = f"{HOST} {RUNNER}"
    assert _body_texts(_parse(TITLE, META, FIRST, line, LAST)) == [FIRST, line, LAST]


@pytest.mark.parametrize(
    "footer",
    [
        ("上一篇:岚川县人防办开展安全检查", "下一篇:岚川县举行防空警报试鸣"),
        ("扫一扫在手机打开当前页",),
        ("收藏本站| 设为首页| 网站地图 | 联系我们",),
    ],
)
def test_credits_after_the_footers_edge_are_the_sites(footer: tuple[str, ...]) -> None:
    notice = _parse(TITLE, META, FIRST, LAST, *footer, "主办单位:岚川县人民政府办公室", RUNNER)
    assert _body_texts(notice) == [FIRST, LAST]


@pytest.mark.parametrize(
    "footer", ["岚ICP备00000000号-2", "版权所有:岚川县人民政府", "网站标识码:5300000099"]
)
def test_credits_over_a_footer_line_are_the_sites(footer: str) -> None:
    assert _body_texts(_parse(TITLE, META, FIRST, LAST, HOST, RUNNER, footer)) == [FIRST, LAST]


def test_credits_naming_the_technical_support_are_the_sites() -> None:
    line = "承办单位:岚川县大数据中心    技术支持:岚川县信息中心"
    assert _body_texts(_parse(TITLE, META, FIRST, LAST, line)) == [FIRST, LAST]


def test_blank_site_credits_passes_over_blank_lines_to_the_evidence() -> None:
    lines = ["正文。", HOST, "", RUNNER, "", ""]
    blank_site_credits(lines, {5})
    assert lines == ["正文。", "", "", "", "", ""]
    lines = ["正文。", HOST, "", RUNNER, "", ""]
    blank_site_credits(lines, set())
    assert lines == ["正文。", HOST, "", RUNNER, "", ""]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("上一篇:岚川县人防办开展安全检查", True),
        ("扫一扫在手机打开当前页", True),
        ("岚ICP备00000000号-2", True),
        ("网站地图｜联系我们｜网站声明", True),
        ("【打印本页】【关闭窗口】", False),
        ("首页 > 人防动态 > 通知公告", False),
    ],
)
def test_footer_evidence(line: str, expected: bool) -> None:
    assert is_footer_evidence(line) is expected


# --- 5: a greeting sentence in the text ----------------------------------------------------------


def test_a_greeting_sentence_before_the_closing_toolbar_stays() -> None:
    sentence = "欢迎您携家人前来参观体验!"
    notice = _parse(
        TITLE, META, FIRST, sentence, "岚川县人民防空办公室", "【打印本页】【关闭窗口】"
    )
    assert sentence in _body_texts(notice)


def test_a_greeting_over_the_breadcrumb_is_still_the_sites() -> None:
    notice = _parse("欢迎访问岚川县人民政府网站!", "首页 > 人防动态 > 通知公告", TITLE, META, FIRST)
    assert _body_texts(notice) == [FIRST]


# --- 7: a number under the meta line ------------------------------------------------------------


@pytest.mark.parametrize("number", ["1", "12", "0"])
def test_a_short_number_under_the_meta_line_stays_text(number: str) -> None:
    notice = _parse(TITLE, META, number, "一、总体要求", FIRST)
    assert _body_texts(notice)[0] == number
    assert notice.views is None


@pytest.mark.parametrize(("number", "views"), [("356", 356), ("0012", 12), ("4874268", 4874268)])
def test_a_counter_shaped_number_under_the_meta_line_is_an_unlabelled_views_field(
    number: str, views: int
) -> None:
    notice = _parse(TITLE, META, number, FIRST)
    assert _body_texts(notice) == [FIRST]
    assert _fields(notice)[-1] == ("views", "line 3", number, "unlabelled")
    assert notice.views == views


# --- older: 主题 under the title -----------------------------------------------------------------

TOPIC_TITLE = "关于开展2024年人防宣传周活动的通知"


def test_a_theme_under_the_title_line_stays_a_field() -> None:
    notice = _parse(TOPIC_TITLE, "主题:人民防空为人民", META, FIRST)
    assert notice.title == TOPIC_TITLE
    assert _fields(notice)[0] == (None, "主题", "人民防空为人民", "header")
    assert notice.fields["主题"] == "人民防空为人民"


@pytest.mark.parametrize(
    "value",
    [
        TOPIC_TITLE,  # the same title
        "关于开展2024年人防宣传周活动的通知(修订)",  # holds the line
        "岚川县人防办关于开展人防宣传周活动的通知",  # worded as a title itself
    ],
)
def test_a_title_label_that_agrees_or_is_a_title_stays_the_title(value: str) -> None:
    notice = _parse(TOPIC_TITLE, f"标题:{value}", META, FIRST)
    assert notice.title == value
    assert _fields(notice)[0][0] == "title"


def test_a_theme_under_a_line_not_worded_as_a_title_is_the_title() -> None:
    notice = _parse("岚川县国防动员办公室专题", "主题:人民防空为人民", META, FIRST)
    assert notice.title == "人民防空为人民"


def test_a_grids_record_name_stays_the_title() -> None:
    # Only 主题 and 标题 may name a theme; 信息名称 names the record the grid describes.
    notice = _parse(TOPIC_TITLE, "信息名称:人民防空为人民", META, FIRST)
    assert notice.title == "人民防空为人民"


def test_credits_after_the_notices_closing_date_are_the_sites() -> None:
    notice = _parse(TITLE, META, FIRST, LAST, "岚川县人防办", "2024年5月1日", "", HOST, RUNNER)
    assert [block.type for block in notice.body] == ["paragraph", "paragraph", "signature", "date"]


def test_a_two_credit_line_after_a_footer_link_row_is_the_sites() -> None:
    line = "主办:岚川县人民政府办公室    承办:岚川县大数据中心"
    notice = _parse(TITLE, META, FIRST, LAST, "网站地图｜联系我们｜网站声明", line)
    assert _body_texts(notice) == [FIRST, LAST]
