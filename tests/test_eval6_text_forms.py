"""The general forms of text renderings a sixth held-out evaluation of issue 9 found (its
report, sections A to I): each rule alone, on a text of our own. Fixtures 150 to 164 hold
the same forms whole."""

from __future__ import annotations

import pytest

from noticecli.dates import parse_date
from noticecli.labels import cut_trailing_widget
from noticecli.parse.attachments import glued_file_names
from noticecli.parse.text_chrome import (
    is_page_chrome,
    with_plain_label_colons,
    with_stacked_label_values,
)
from noticecli.parse.text_flat import flat_title, without_widget_groups
from noticecli.parse.text_labels import find_labels
from noticecli.parse.text_title import title_over_chrome
from tests.rendering import body_texts as _body_texts
from tests.rendering import label_values as _fields
from tests.rendering import parse_lines as _parse

TITLE = "岚溪区人防办开展防空警报试鸣活动"
FIRST = "为增强群众国防观念，岚溪区人防办于9月20日上午10时试鸣防空警报。"
LAST = "试鸣期间广大群众保持了正常生产生活秩序。"


# --- A: site chrome above the title --------------------------------------------------------------

MENU = ("首页 政务公开", "公开指南 政府信息", "事项清单 权责清单", "公开目录", "首页 政务公开")
RELATED = (
    "- 2023-02-15关于征求《岚溪区人民防空工程管理办法》意...",
    "- 2023-01-30岚溪区人防办召开年度工作会...",
    "- 2022-12-20关于开展人防工程专项检查的通...",
    "- 2022-11-08岚溪区举行防空警报试鸣暨疏散...",
)
META = "发布时间:2023-09-20 来源:岚溪区人防办"


@pytest.mark.parametrize("chrome", [MENU, RELATED], ids=["menu-words", "related-list"])
def test_the_title_is_the_line_over_the_first_meta_line_under_site_chrome(
    chrome: tuple[str, ...],
) -> None:
    notice = _parse(*chrome, TITLE, META, FIRST, LAST)
    assert notice.title == TITLE
    assert notice.published_at == "2023-09-20"
    assert _fields(notice) == [("发布时间", "2023-09-20"), ("来源", "岚溪区人防办")]
    assert _body_texts(notice) == [FIRST, LAST]


def test_title_over_chrome_alone() -> None:
    lines = [*MENU, TITLE, META]
    assert title_over_chrome(lines, 0) == (TITLE, len(MENU) + 1)
    # A cut related entry right above the meta line is never the title.
    assert title_over_chrome([*RELATED, RELATED[0], META], 0) is None
    # Lines above the title that are not chrome (a sentence, a long name): not this form.
    assert (
        title_over_chrome(["岚溪区人民政府门户网站欢迎您访问本站", *MENU, TITLE, META], 0) is None
    )
    # Chrome that does not show itself (single words, each once): too little evidence.
    assert title_over_chrome(["首页", "公开目录", "政策解读", "机构职能", TITLE, META], 0) is None
    # A meta line of one known label is not enough to anchor the title.
    assert title_over_chrome([*MENU, TITLE, "来源:岚溪区人防办", FIRST], 0) is None


# --- B: the whole page on one line ---------------------------------------------------------------

ONE_LINE_TITLE = "岚溪公安提示:清明节文明祭扫勿忘禁燃禁放"
ONE_LINE_TEXT = (
    "清明节将至，岚溪区公安分局提醒广大市民：城区范围内全年禁止燃放烟花爆竹。"
    " 祭扫时请选择鲜花祭祀、网络祭祀等文明方式，不在林区焚烧纸钱。"
    " 群众发现违法燃放行为，可拨打110报警，公安机关接警后将及时出警处置。"
    " 请各位家长教育子女不燃放烟花爆竹，共同营造安全文明的节日环境。"
    " 对违反规定燃放烟花爆竹的，公安机关将依法予以处罚。"
)
LAST_PIECE = "对违反规定燃放烟花爆竹的，公安机关将依法予以处罚。"


def test_a_one_line_page_keeps_the_colon_of_its_title() -> None:
    assert len(ONE_LINE_TEXT) > 150  # with the header, a whole page on one line
    line = (
        f"{ONE_LINE_TITLE} 来源: 发布时间:2022-04-01 15:52 浏览次数: 次 【字体:小 大】 "
        f"{ONE_LINE_TEXT} 【打印正文】 【关闭正文】 【返回顶部】 相关信息"
    )
    notice = _parse(line)
    assert notice.title == ONE_LINE_TITLE
    assert _fields(notice) == [("来源", None), ("发布时间", "2022-04-01 15:52"), ("浏览次数", None)]
    texts = _body_texts(notice)
    assert texts[0].startswith("清明节将至")
    assert texts[-1] == LAST_PIECE
    assert not any("】" in text or "相关信息" in text for text in texts)


def test_flat_title_alone() -> None:
    assert flat_title(f"{ONE_LINE_TITLE} 来源:岚溪区 正文") == (ONE_LINE_TITLE, "来源:岚溪区 正文")
    # After a breadcrumb; a page's own counter label before the first known one ends it.
    line = f"当前位置: 首页 > 通知公告 {TITLE} 阅读: 人次 发布日期:2023-03-28"
    assert flat_title(line) == (TITLE, "阅读: 人次 发布日期:2023-03-28")
    # A line opening with a label (the archiver's grid), a unit's name, a breadcrumb whose
    # items run together: no title.
    assert flat_title("索引号:11/2022-1 发布机构:岚溪区人防办")[0] is None
    assert flat_title("岚溪区国防动员办公室 发布时间:2023-01-01")[0] is None
    assert flat_title("当前位置: 首页政务公开通知公告 发布时间:2023-01-01")[0] is None


def test_widget_groups_go_whole() -> None:
    line = "标题 【字体:小 大】 正文 【打印正文】【关闭窗口】 【附件一】 相关信息"
    assert without_widget_groups(line).split() == ["标题", "正文", "【附件一】"]


@pytest.mark.parametrize("unit", ["次", "人次"])
def test_a_counter_showing_only_its_unit_is_null(unit: str) -> None:
    line = f"{ONE_LINE_TITLE} 发布时间:2022-04-01 浏览次数: {unit} {ONE_LINE_TEXT}"
    assert ("浏览次数", None) in _fields(_parse(line))


# --- C: a grid printed one cell a line, without colons ------------------------------------------


def test_stacked_grid_alone() -> None:
    lines = [
        "索引号",
        "11/2020-31",
        "发文机构",
        "岚溪区人防办",
        "文      号",
        "发文日期",
        "2020-10-10",
    ]
    assert with_stacked_label_values(lines) == [
        "索引号: 11/2020-31",
        "",
        "发文机构: 岚溪区人防办",
        "",
        "文      号:",
        "发文日期: 2020-10-10",
        "",
    ]
    # Two labels only, or a label over a sentence: not a grid; nothing changes.
    assert with_stacked_label_values(["索引号", "11/2020-31", "文号", "无"]) == [
        "索引号",
        "11/2020-31",
        "文号",
        "无",
    ]
    text = ["来源", "岚溪区人防办", "作者", "李明", "发布时间", FIRST]
    assert with_stacked_label_values(text)[-2:] == ["发布时间:", FIRST]
    # A title worded as one after the last label is not its value.
    stacked = with_stacked_label_values(["索引号", "1/2", "发布机构", "人防办", "有效性", TITLE])
    assert stacked[-2:] == ["有效性:", TITLE]


def test_a_stacked_grid_under_the_title_gives_fields_and_published_at() -> None:
    notice = _parse(
        TITLE, "来源: 岚溪区人防办", "索引号", "11/2020-31", "公开目录", "通知公告",
        "文      号", "发文日期", "2020-10-10", FIRST, LAST,
    )  # fmt: skip
    assert notice.title == TITLE
    assert _fields(notice) == [
        ("来源", "岚溪区人防办"),
        ("索引号", "11/2020-31"),
        ("公开目录", "通知公告"),
        ("文      号", None),
        ("发文日期", "2020-10-10"),
    ]
    assert notice.published_at == "2020-10-10"  # 发文日期: no publication label shown
    assert _body_texts(notice) == [FIRST, LAST]


# --- D: widget words as meta values --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("岚溪区人民政府办公室 打印 关闭本页", "岚溪区人民政府办公室"),
        ("岚溪区人民政府办公室 关闭本页", "岚溪区人民政府办公室"),
        ("岚溪区人防办  语音阅读正文", "岚溪区人防办"),
        ("语音阅读正文", ""),
        ("打印 关闭", ""),
        ("岚溪区打印厂", "岚溪区打印厂"),  # a word inside a name is no widget
    ],
)
def test_widget_words_are_never_values(value: str, expected: str) -> None:
    assert cut_trailing_widget(value) == expected


def test_a_meta_line_ending_in_widget_words() -> None:
    notice = _parse(TITLE, "浏览:0  来源: 作者:  语音阅读正文", FIRST)
    assert _fields(notice) == [("浏览", None), ("来源", None), ("作者", None)]


# --- E: a one-pair last grid row; a label glued to an index number -------------------------------


def test_a_one_pair_row_right_under_a_colon_less_row() -> None:
    assert with_plain_label_colons("有效性 有效", after_row=True) == "有效性: 有效"
    assert with_plain_label_colons("有效性 有效") == "有效性 有效"
    # A sentence after a label word stays text even under a grid row.
    assert with_plain_label_colons("发布机构 对群众咨询作出安排。", after_row=True).endswith("。")


def test_a_one_pair_last_row_stays_out_of_the_title() -> None:
    notice = _parse(
        "索引号 11/2023-00152 成文时间 2023-03-08", "发布机构 岚溪区人防办 主题分类 国防动员",
        "有效性 有效", TITLE, FIRST,
    )  # fmt: skip
    assert notice.title == TITLE
    assert ("有效性", "有效") in _fields(notice)


def test_a_label_glued_to_an_index_numbers_last_digit() -> None:
    labels = find_labels("索引号:GS4770/2022-22396部门:青林村")
    assert [label.compact for label in labels] == ["索引号", "部门"]
    # After a number in text (a date, a count), CJK before a colon is no label.
    assert [label.compact for label in find_labels("时间:2022年5月工作:安排")] == ["时间"]


# --- F: navigation, widget and footer lines around the text ---------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "上一页:岚溪区人防办召开年度工作会议",
        "下一条：岚溪区举行防空警报试鸣",
        "【浏览字体:",
        "字号:",
        "【字体:",
        "收藏本站| 设为首页| 网站地图 | 帮助说明| 联系我们",
        "网站地图｜联系我们｜网站声明",
    ],
)
def test_page_chrome(line: str) -> None:
    assert is_page_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "上一年度全区共建成人防工程12处。",
        "主办:岚溪区人防办",  # one credit: may be an event's organiser in the text
        # Two credits too: the footer's only beside footer lines (test_review_s2_text_forms).
        "主办:岚溪区人民政府办公室    承办:岚溪区大数据中心",
        "项目 | 数量 | 备注",
        "字体设计比赛结果公示",
    ],
)
def test_not_page_chrome(line: str) -> None:
    assert not is_page_chrome(line)


def test_a_site_credit_closing_the_page_is_footer() -> None:
    notice = _parse(
        TITLE, META, FIRST, LAST, "岚溪区人防办", "2023年9月20日", "", "主办:岚溪区人民政府办公室"
    )
    assert [block.type for block in notice.body] == ["paragraph", "paragraph", "signature", "date"]
    assert ("主办", "岚溪区人民政府办公室") not in _fields(notice)
    # Inside the text, an event's organiser stays text.
    notice = _parse(TITLE, META, FIRST, "主办:岚溪区人防办", LAST)
    assert "主办:岚溪区人防办" in _body_texts(notice)


def test_chrome_lines_around_the_text_are_not_body() -> None:
    notice = _parse(
        TITLE, META, "【浏览字体:", FIRST, LAST, "上一页:岚溪区人防办召开年度工作会议",
        "下一页:岚溪区举行防空警报试鸣", "主办:岚溪区人民政府办公室    承办:岚溪区大数据中心",
    )  # fmt: skip
    assert _body_texts(notice) == [FIRST, LAST]


# --- G: caption before the title, spaced date-time, credit line, glued photo names ----------------


def test_spaced_date_time() -> None:
    parsed = parse_date("2022- 09- 29 15: 39")
    assert parsed is not None and parsed.iso == "2022-09-29T15:39:00+08:00"


def test_caption_pipes_credit_and_glued_names() -> None:
    notice = _parse(
        f"区县动态 || {TITLE}", "日期: 2022- 09- 29 15: 39", FIRST,
        "IMG_20220928_164539.jpgmmexport1664354511322.jpg", LAST, "(供稿:岚溪区人防办)",
    )  # fmt: skip
    assert notice.title == TITLE
    assert notice.published_at == "2022-09-29T15:39:00+08:00"
    assert ("供稿", "岚溪区人防办") in _fields(notice)
    assert _body_texts(notice) == [FIRST, LAST]
    assert [item.name for item in notice.attachments] == [
        "IMG_20220928_164539.jpg",
        "mmexport1664354511322.jpg",
    ]


def test_a_persons_bracketed_credit_stays_a_byline() -> None:
    notice = _parse(TITLE, META, FIRST, "(李青 供稿)")
    assert [block.type for block in notice.body] == ["paragraph", "byline"]


def test_glued_file_names_alone() -> None:
    assert glued_file_names("a.docxb.pdf") == ["a.docx", "b.pdf"]
    assert glued_file_names("照片1.jpg照片2.png") == ["照片1.jpg", "照片2.png"]
    assert glued_file_names("a.jpg") == []  # one name: an attachment line as before
    assert glued_file_names("x.pdf说明") == []
    assert glued_file_names("a.jpg b.jpg") == []


# --- H: a document-number line under a short title ----------------------------------------------


def test_a_doc_number_line_is_not_joined_to_the_title() -> None:
    notice = _parse("岚溪区人民政府公告", "岚政告〔2016〕14号", FIRST, LAST)
    assert notice.title == "岚溪区人民政府公告"
    assert notice.doc_no == "岚政告〔2016〕14号"
    assert _body_texts(notice) == [FIRST, LAST]


# --- I: a meta label shown twice ----------------------------------------------------------------


def test_a_meta_label_shown_twice_is_one_entry_and_a_warning() -> None:
    notice = _parse(TITLE, "来源: 岚溪区人防办 访问量:", "访问量:", FIRST)
    assert _fields(notice) == [("来源", "岚溪区人防办"), ("访问量", None)]
    assert "label_repeated" in [warning.code for warning in notice.warnings]


def test_a_meta_label_shown_twice_with_two_values_keeps_both() -> None:
    notice = _parse(TITLE, "来源: 岚溪区人防办", "来源: 岚溪区政府办", FIRST)
    assert _fields(notice) == [("来源", "岚溪区人防办"), ("来源", "岚溪区政府办")]
