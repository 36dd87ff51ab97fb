"""Forms of the twelfth held-out evaluation (report i9eval12b B, D, E), each with what it must
not catch, on texts of our own: a crumb chain or a unit's name over a flattened header grid
whose headline stands under it; a side menu printed one item a line, one item worded as a
title; a lone widget word after a meta line's last value, whatever that value ends with."""

from __future__ import annotations

import pytest

from noticecli.labels import cut_line_end_widget, split_meta_pairs
from noticecli.parse.text_crumbs import is_crumb_chain
from tests.rendering import body_texts as _body
from tests.rendering import meta_line_values as _meta
from tests.rendering import parse_lines as _parse

BREADCRUMB = "当前位置:首页"
GRID = (
    "索 引 号 : 11530000MB0417256Q/2024-00031 公开方式: 主动公开",
    "发布机构: 澄江省国防动员办公室 公开日期: 2024-09-19",
)
HEADLINE = "全省城市防空警报试鸣工作圆满完成"
META = "发布日期: 2024-09-19 来源:澄江省国防动员办公室"
TEXT = "9月18日上午10时,全省各市县统一组织城市防空警报试鸣,共启用警报器一千三百余台。"


# --- B: a crumb chain or a unit's name over the grid; the headline under it -----------------


@pytest.mark.parametrize(
    "top",
    [
        (BREADCRUMB, "- 澄江省国防动员办公室 - 新闻中心 - 新闻快讯"),
        (BREADCRUMB, "澄江省国防动员办公室 - 新闻中心 - 新闻快讯"),  # no list dash
        (BREADCRUMB, "- 新闻中心 - 新闻快讯"),  # columns only, right under the breadcrumb
        (BREADCRUMB, "- 澄江省国防动员办公室 / 新闻中心 / 新闻快讯"),
        (BREADCRUMB, "- 澄江省国防动员办公室"),  # the site's name alone
        ("- 澄江省国防动员办公室 - 新闻快讯",),  # no breadcrumb: the first crumb a unit
        ("澄江省国防动员办公室",),  # a unit's name alone over the grid
    ],
)
def test_a_line_over_the_grid_yields_to_the_headline_over_its_meta_line(
    top: tuple[str, ...],
) -> None:
    notice = _parse(*top, *GRID, HEADLINE, META, "", TEXT)
    assert notice.title == HEADLINE
    assert notice.published_at == "2024-09-19"
    assert _meta(notice) == [("发布日期", "2024-09-19"), ("来源", "澄江省国防动员办公室")]
    assert _body(notice) == [TEXT]


@pytest.mark.parametrize(
    "top",
    [
        (BREADCRUMB, "- 澄江省国防动员办公室 - 新闻中心 - 新闻快讯"),
        (BREADCRUMB, "- 政务公开 - 通知公告"),
        ("澄江政务网 | 通知公告",),
    ],
)
def test_a_crumb_chain_over_the_headline_is_never_joined_to_it(top: tuple[str, ...]) -> None:
    notice = _parse(*top, HEADLINE, META, "", TEXT)
    assert notice.title == HEADLINE
    assert _body(notice) == [TEXT]


@pytest.mark.parametrize("top", [(), (BREADCRUMB,)])
def test_a_title_with_a_spaced_dash_over_its_meta_line_stays_the_title(
    top: tuple[str, ...],
) -> None:
    title = "全民国防教育日 - 澄江在行动"
    notice = _parse(*top, title, META, "", TEXT)
    assert notice.title == title
    assert _meta(notice) == [("发布日期", "2024-09-19"), ("来源", "澄江省国防动员办公室")]


def test_a_title_over_the_grid_with_the_text_under_it_stays_the_title() -> None:
    title = "关于开展2024年城市防空警报试鸣的通告"
    notice = _parse(title, *GRID, "", TEXT)
    assert notice.title == title
    assert _body(notice) == [TEXT]


def test_a_unit_name_over_the_grid_is_the_title_when_no_headline_follows() -> None:
    notice = _parse("澄江省国防动员办公室", *GRID, "", TEXT)
    assert notice.title == "澄江省国防动员办公室"
    assert _body(notice) == [TEXT]


def test_dash_items_in_the_text_stay_text() -> None:
    notice = _parse(
        HEADLINE,
        META,
        "",
        "现将联络单位公布如下:",
        "",
        "- 澄江省国防动员办公室 - 工程管理处",
        "",
        TEXT,
    )
    assert notice.title == HEADLINE
    assert "澄江省国防动员办公室 - 工程管理处" in " ".join(_body(notice))


@pytest.mark.parametrize(
    ("line", "under_breadcrumb", "chain"),
    [
        ("- 澄江省国防动员办公室 - 新闻中心 - 新闻快讯", False, True),
        ("首页 / 通知公告", False, True),
        ("澄江政务网 | 政务公开", False, True),
        ("政务公开 - 通知公告", True, True),
        ("政务公开 - 通知公告", False, False),  # columns alone: only under a breadcrumb
        ("全民国防教育日 - 澄江在行动", False, False),
        ("发布机构: 澄江省国防动员办公室 - 新闻中心", True, False),  # a label line
        ("澄江省国防动员办公室 - 负责全省人防工程的维护管理。", True, False),  # a sentence
    ],
)
def test_crumb_chain_shapes(line: str, under_breadcrumb: bool, chain: bool) -> None:
    assert is_crumb_chain(line, under_breadcrumb=under_breadcrumb) is chain


# --- E: a side menu one item a line over the headline --------------------------------------

MENU = (
    "政府信息公开指南",
    "政府信息公开制度",
    "政府信息公开年报",
    "法定主动公开内容",
    "依申请公开",
)
TOWN_HEADLINE = "“防灾减灾 你我同行”主题宣传进村入户活动"
TOWN_META = "时间:2024-05-13 09:26:41   作者: 点击数:"
TOWN_TEXT = "5月12日是全国防灾减灾日,乐源乡组织干部职工深入各村开展主题宣传,发放资料八百余份。"
TOWN_FIELDS = [("时间", "2024-05-13 09:26:41"), ("作者", None), ("点击数", None)]


def _spaced(lines: tuple[str, ...]) -> list[str]:
    return [part for line in lines for part in (line, "")]


@pytest.mark.parametrize(
    "menu",
    [
        _spaced(MENU),
        list(MENU),  # no blank lines between the items
        _spaced((*MENU[1:], MENU[0])),  # the guide's item last, right over the headline
        ["政府信息公开工作年度报告", *MENU[1:]],
        [MENU[0], MENU[2]],
        [MENU[0], ""],  # one item worded as a title, alone over the headline
        ["工作动态", "通知公告"],
        [*MENU, "当前位置:首页>信息公开"],  # a breadcrumb between the menu and the headline
    ],
)
def test_menu_lines_over_the_headline_are_navigation(menu: list[str]) -> None:
    notice = _parse(*menu, TOWN_HEADLINE, "", TOWN_META, "    " + TOWN_TEXT, "关闭窗口")
    assert notice.title == TOWN_HEADLINE
    assert notice.published_at == "2024-05-13T09:26:41+08:00"
    assert _meta(notice) == TOWN_FIELDS
    assert _body(notice) == [TOWN_TEXT]


def test_a_report_title_under_the_menu_is_the_title() -> None:
    title = "乐源乡2023年政府信息公开工作年度报告"
    notice = _parse(*_spaced(MENU), title, TOWN_META, TOWN_TEXT)
    assert notice.title == title
    assert _body(notice) == [TOWN_TEXT]


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (("乐源乡人民政府政府信息公开指南",), "乐源乡人民政府政府信息公开指南"),
        (("关于做好汛期安全工作的", "通知"), "关于做好汛期安全工作的通知"),
        (
            ("乐源乡人民政府", "关于做好汛期安全工作的通知"),
            "乐源乡人民政府关于做好汛期安全工作的通知",
        ),
        (("防汛工作方案", "乐源乡2024年汛期安排"), "防汛工作方案乐源乡2024年汛期安排"),
        (
            ("乐源乡应急管理办公室", "乐源乡派出所", "关于开展防溺水安全宣传的通知"),
            "乐源乡应急管理办公室乐源乡派出所关于开展防溺水安全宣传的通知",
        ),
        (  # a menu item, then the issuer over the headline: the issuer is the title's
            ("移动门户", "", "乐源乡人民政府", "2023年政府信息公开工作年度报告", ""),
            "乐源乡人民政府2023年政府信息公开工作年度报告",
        ),
    ],
)
def test_a_title_of_short_lines_over_its_meta_line_stays_whole(
    lines: tuple[str, ...], title: str
) -> None:
    notice = _parse(*lines, TOWN_META, TOWN_TEXT)
    assert notice.title == title
    assert _meta(notice) == TOWN_FIELDS


def test_a_guide_title_with_no_meta_line_stays_the_title() -> None:
    notice = _parse("政府信息公开指南", "", "    " + TOWN_TEXT)
    assert notice.title == "政府信息公开指南"
    assert _body(notice) == [TOWN_TEXT]


# --- D: a lone widget word after the meta line's last value --------------------------------


@pytest.mark.parametrize(
    ("last", "value"),
    [
        ("浏览:0次  打印", None),  # a counter not filled: no value
        ("浏览:12次  打印", "12次"),
        ("浏览:0次  关闭", None),
        ("作者:王明  打印", "王明"),
        ("来源:县应急管理局 打印", "县应急管理局"),
        ("作者:王明 【收藏】", "王明"),
        ("作者:王明  分享", "王明"),
        ("作者:王明  返回", "王明"),
    ],
)
def test_a_widget_word_after_the_last_value_is_chrome(last: str, value: str | None) -> None:
    title = "【县应急局】全县开展汛前应急救援拉动演练"
    text = "6月11日,县应急管理局组织开展汛前应急救援拉动演练,各乡镇应急队伍二百余人参加。"
    notice = _parse(title, "", f"日期:2024-06-12  {last}", "", text)
    assert _meta(notice)[-1][1] == value
    assert _body(notice) == [text]


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("0次  打印", "0次"),
        ("王明 关闭", "王明"),
        ("防汛经验分享", "防汛经验分享"),  # glued: the value's own word
        ("县委打印室", "县委打印室"),
        ("请各单位自行下载。 打印", "请各单位自行下载。 打印"),  # a sentence keeps its words
        (" 打印", " 打印"),  # nothing before it: not this rule's
    ],
)
def test_cut_line_end_widget(value: str, kept: str) -> None:
    assert cut_line_end_widget(value) == kept


def test_a_line_end_widget_is_cut_only_on_a_meta_line() -> None:
    assert split_meta_pairs("来源:县应急管理局  作者:王明  打印") == [
        ("来源", "县应急管理局"),
        ("作者", "王明"),
    ]
    assert split_meta_pairs("来源:县应急管理局 打印") == [("来源", "县应急管理局 打印")]
