"""The title and date rules of session 5 corrected after review s5 (issue 9), each with the
case the rule must take and the case it must leave:

R1. A kicker (引题) shares a word with its headline within one of its lines, beyond the words
    every headline of the site holds (人防, 工作, a place's name); lines all of one length
    are a side menu's items (人防工程 / 宣传教育 / 指挥通信), never a kicker.
R6. A date in Chinese numerals under the title is the publication time on the article's
    widgets (on its line, or a widget row right under it, not under a speech's or minutes'
    title) or a meta line naming the publication time; over a meta line of other labels
    (来源) it is the document's own date: the body's, the meta line still read.
p31. A date in Chinese numerals glued to its widgets (二〇二四年六月五日【打印】【关闭】) is a
    date line, never the title's end.
p10. A title opening with a year in Chinese numerals (二〇二四年度部门预算公开说明) is worded
    as a title, as one with a year in figures is: under an organisation's line it is not
    skipped as a name.

The pages are the reviewer's (/tmp/rv-s5-pages), our own fictional notices.
"""

from __future__ import annotations

import pytest

import noticecli
from noticecli.parse.text_furniture import is_date_widget
from noticecli.parse.text_labels import CN_DATE_PREFIX
from noticecli.parse.text_title_run import is_kicker
from tests.rendering import field_map as _fields
from tests.rendering import parse_lines as _parse
from tests.rendering import typed_blocks as _blocks

# --- R1: a side menu's items are no kicker -------------------------------------------------

SITE = "岚州市人民防空办公室"
P07_HEADLINE = "岚州市人防办开展人防工程宣传教育进校园活动"
P07 = (
    SITE,
    "首页",
    "",
    "人防工程",
    "宣传教育",
    "指挥通信",
    P07_HEADLINE,
    "发布时间：2024-06-05 来源：岚州市人防办 浏览次数：",
    "",
    "6月4日，市人防办工作人员走进岚州市第一中学，为师生讲解人防工程知识。",
)
P27_HEADLINE = "岚州市国动办举办国防动员潜力调查业务培训"
P27 = (
    "岚州市国防动员办公室",
    "",
    "国防动员",
    "人民防空",
    P27_HEADLINE,
    "发布时间：2024-06-05 来源：岚州市国动办",
    "",
    "6月4日，市国动办举办国防动员潜力调查业务培训班，各县（市、区）业务骨干60余人参加。",
)
P35_HEADLINE = "岚州市人防办召开2024年度工作会议"
P35 = (
    SITE,
    "首页",
    "",
    "人防工程",
    "机关党建",
    "政策法规",
    P35_HEADLINE,
    "发布时间：2024-01-15 来源：岚州市人防办",
    "",
    "1月12日，市人防办召开2024年度工作会议，总结2023年工作，部署2024年任务。",
)


@pytest.mark.parametrize(
    ("page", "headline"),
    [(P07, P07_HEADLINE), (P27, P27_HEADLINE), (P35, P35_HEADLINE)],
    ids=["p07-three-items", "p27-two-items", "p35-generic-word"],
)
def test_r1_menu_items_over_the_headline_are_not_the_titles(
    page: tuple[str, ...], headline: str
) -> None:
    notice = _parse(*page)
    assert notice.title == headline
    assert _blocks(notice) == [("paragraph", page[-1])]


@pytest.mark.parametrize(
    ("lines", "headline"),
    [
        # A pair shared only across two lines' join (指挥通信|工程管理处: 信工).
        (["指挥通信", "工程管理处"], "岚州市信工委召开全体会议"),
        # Only a word every headline of the site holds (人民, 工作, 人防).
        (["人民防空", "国防动员处"], "岚州市人民政府召开常务会议"),
        (["机关党建", "政策法规", "信访工作室"], P35_HEADLINE),
        # Only a place's name glued to such a word (市人防).
        (["城市人防", "建设"], "岚州市人防办召开会议"),
        # Items all of one length: a menu's, whatever they share (工程, 宣传教育, 国防动员).
        (["人防工程", "宣传教育", "指挥通信"], P07_HEADLINE),
        (["国防动员", "人民防空"], P27_HEADLINE),
        (["宣传", "教育"], P07_HEADLINE),
    ],
)
def test_r1_no_kicker(lines: list[str], headline: str) -> None:
    assert not is_kicker(lines, headline)


KICKER_HEADLINE = "岚州市开展人防宣传周主题活动"


@pytest.mark.parametrize(
    ("lines", "headline"),
    [
        (["人防宣传周", "防空知识", "进万家"], KICKER_HEADLINE),  # fixture 300: 5 / 4 / 3
        (["人防宣传周", "防空知识"], KICKER_HEADLINE),
        (["人防宣传周", "进万家"], KICKER_HEADLINE),  # 人防宣: a run past the common 人防
        (["防汛备汛", "筑牢安全", "防线"], "岚州市开展汛前人防工程安全检查"),  # 安全
        (["国防动员", "潜力调查再出发"], P27_HEADLINE),  # 潜力调查, in a line of its own
    ],
)
def test_r1_kicker(lines: list[str], headline: str) -> None:
    assert is_kicker(lines, headline)


def test_r1_a_kicker_of_lines_of_several_lengths_is_still_the_titles() -> None:
    kicker = ("国防动员", "潜力调查再出发")
    notice = _parse(*P27[:2], *kicker, *P27[4:])
    assert notice.title == "".join(kicker) + P27_HEADLINE


# --- R6: a speech's or a meeting's date in Chinese numerals --------------------------------

SPEECH_TITLE = "在全市人民防空工作会议上的讲话"
SPEECH_TEXT = "今天召开全市人民防空工作会议，主要任务是总结去年工作，部署今年任务。"
MINUTES_TITLE = "岚州市人民防空工作领导小组2024年第一次会议纪要"
MINUTES_TEXT = "2024年6月3日，市人民防空工作领导小组召开2024年第一次会议。"
NOTICE_TITLE = "岚州市人民防空办公室关于防空警报试鸣的通告"
NOTICE_TEXT = "为检验城市防空警报设施的完好率，经市人民政府同意，定于3月10日上午10时试鸣防空警报。"
CN_DATE = "二〇二四年三月五日"
SOURCE = "来源：岚州市人民防空办公室 浏览次数："
WIDGET_ROW = "字号：大 中 小  打印  关闭"


def test_r6_p09_a_date_over_a_meta_line_of_other_labels_stays_the_bodys() -> None:
    notice = _parse(
        "首页 > 领导讲话", "", SPEECH_TITLE, CN_DATE, SOURCE, "", "同志们：", SPEECH_TEXT
    )
    assert notice.title == SPEECH_TITLE
    assert notice.published_at is None
    assert _fields(notice) == {"来源": "岚州市人民防空办公室", "浏览次数": None}
    assert _blocks(notice) == [
        ("date", CN_DATE),
        ("paragraph", "同志们："),
        ("paragraph", SPEECH_TEXT),
    ]


@pytest.mark.parametrize("title", [SPEECH_TITLE, NOTICE_TITLE])
def test_r6_the_same_under_any_title(title: str) -> None:
    notice = _parse(title, CN_DATE, "来源：岚州市人防办", "", NOTICE_TEXT)
    assert notice.published_at is None
    assert _fields(notice) == {"来源": "岚州市人防办"}
    assert _blocks(notice) == [("date", CN_DATE), ("paragraph", NOTICE_TEXT)]


def test_r6_p19_minutes_date_over_the_widgets_stays_the_bodys() -> None:
    notice = _parse(
        "首页 > 会议纪要",
        "",
        MINUTES_TITLE,
        "二〇二四年六月五日",
        "【打印】【关闭】",
        "",
        MINUTES_TEXT,
    )
    assert notice.title == MINUTES_TITLE
    assert notice.published_at is None
    assert _blocks(notice) == [("date", "二〇二四年六月五日"), ("paragraph", MINUTES_TEXT)]


@pytest.mark.parametrize("title", [SPEECH_TITLE, "2024年新年贺词（全文）", MINUTES_TITLE])
def test_r6_a_speech_or_minutes_title_keeps_its_date_over_widget_rows(title: str) -> None:
    notice = _parse(title, CN_DATE, WIDGET_ROW, SPEECH_TEXT)
    assert notice.published_at is None
    assert _blocks(notice)[0] == ("date", CN_DATE)


def test_r6_widgets_not_right_under_the_date_are_no_evidence() -> None:
    notice = _parse(NOTICE_TITLE, CN_DATE, "", WIDGET_ROW, NOTICE_TEXT)
    assert notice.published_at is None
    assert _blocks(notice) == [("date", CN_DATE), ("paragraph", NOTICE_TEXT)]


def test_r6_fixture_304_a_notices_date_over_the_widget_row_is_the_publication_time() -> None:
    notice = _parse(NOTICE_TITLE, CN_DATE, WIDGET_ROW, NOTICE_TEXT)
    assert notice.published_at == "2024-03-05"
    assert _fields(notice) == {"line 2": CN_DATE}
    assert _blocks(notice) == [("paragraph", NOTICE_TEXT)]


@pytest.mark.parametrize("title", [NOTICE_TITLE, SPEECH_TITLE])
def test_r6_widgets_on_the_dates_own_line_are_the_sites_stamp(title: str) -> None:
    notice = _parse(title, f"{CN_DATE} 【打印】【关闭】", "", NOTICE_TEXT)
    assert notice.published_at == "2024-03-05"
    assert _fields(notice) == {"line 2": CN_DATE}
    assert _blocks(notice) == [("paragraph", NOTICE_TEXT)]


@pytest.mark.parametrize("title", [NOTICE_TITLE, SPEECH_TITLE])
@pytest.mark.parametrize("gap", [(), ("",), (WIDGET_ROW,)])
def test_r6_a_meta_line_naming_the_publication_time_wins(title: str, gap: tuple[str, ...]) -> None:
    notice = _parse(
        title, CN_DATE, *gap, "发布时间：2024-03-06 来源：岚州市人防办", "", NOTICE_TEXT
    )
    assert notice.published_at == "2024-03-06"
    assert _fields(notice) == {"line 2": CN_DATE, "发布时间": "2024-03-06", "来源": "岚州市人防办"}
    assert _blocks(notice) == [("paragraph", NOTICE_TEXT)]


# --- p31: a date in Chinese numerals glued to its widgets ----------------------------------


@pytest.mark.parametrize(
    "widgets", ["【打印】【关闭】", "[打印][关闭]", "【字体：大 中 小】【打印】"]
)
def test_p31_a_date_glued_to_its_widgets_is_no_part_of_the_title(widgets: str) -> None:
    notice = _parse(
        "首页 > 通知公告", "", NOTICE_TITLE, f"二〇二四年六月五日{widgets}", "", NOTICE_TEXT
    )
    assert notice.title == NOTICE_TITLE
    assert notice.published_at == "2024-06-05"
    assert _blocks(notice) == [("paragraph", NOTICE_TEXT)]


@pytest.mark.parametrize(
    ("line", "opens"),
    [
        ("二〇二四年六月五日", True),
        ("二〇二四年六月五日 星期三", True),
        ("二〇二四年六月五日【打印】", True),
        ("二〇二四年六月五日[关闭]", True),
        ("二〇二四年六月五日起施行", False),  # a sentence
        ("二〇二四年六月五日至六月十日", False),  # a range
        ("二〇二四年六月五日（星期三）", False),
    ],
)
def test_p31_what_may_follow_a_numeral_date(line: str, opens: bool) -> None:
    assert (CN_DATE_PREFIX.match(line) is not None) is opens


# --- p10: a title opening with a year in Chinese numerals ----------------------------------

BUDGET_META = "发布时间：2024-02-05 来源：岚州市人民防空办公室"
BUDGET_TEXT = "根据预算公开有关规定，现将我办2024年度部门预算公开如下。"


@pytest.mark.parametrize("year", ["二〇二四", "2024"])
def test_p10_a_numeral_year_title_under_an_org_line_is_read_as_one_in_figures(
    year: str,
) -> None:
    notice = _parse(
        "首页 > 信息公开 > 通知公告",
        "",
        SITE,
        f"{year}年度部门预算公开说明",
        BUDGET_META,
        "",
        BUDGET_TEXT,
    )
    assert notice.title == f"{SITE}{year}年度部门预算公开说明"
    assert notice.published_at == "2024-02-05"
    assert _blocks(notice) == [("paragraph", BUDGET_TEXT)]


@pytest.mark.parametrize("widget", ["二〇二四年六月五日 星期三", "2024年6月5日 星期三"])
def test_a_date_widget_in_chinese_numerals_over_the_title_is_chrome(widget: str) -> None:
    # A top bar's date in Chinese numerals with its weekday is the widget, as the Arabic one
    # is: the org line and the title under it are read as before.
    text = (
        f"{widget}\n岚州市人民防空办公室\n\n关于开展防空警报试鸣的通知\n\n"
        "发布时间：2024-06-04 来源：市人防办\n\n各区县人防办：\n\n定于6月8日试鸣防空警报。\n"
    )
    notice = noticecli.parse_text(text)
    assert notice.title == "关于开展防空警报试鸣的通知"
    assert notice.published_at is not None and notice.published_at.startswith("2024-06-04")
    assert all(widget not in (block.text or "") for block in notice.body)


def test_a_chinese_numeral_date_alone_is_no_widget() -> None:
    # Without a weekday, 今天是 or a toggle, a date line may be the article's own.
    assert is_date_widget("二〇二四年六月五日 星期三")
    assert not is_date_widget("二〇二四年六月五日")
