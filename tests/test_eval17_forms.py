"""Forms of the seventeenth held-out scoring (issue 9), in text renderings and HTML: a column
menu over a disclosure grid whose title is printed under it, a head of bare values with one
date-time, a column caption over a title printed twice, a related-sites box and a bracketed
line of unit names closing the text. Each with what must stay as it was."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.parse.lines import is_unit_credit
from noticecli.parse.text_bare_head import lone_date_time
from noticecli.parse.text_bare_label import empty_label_cell
from noticecli.parse.text_caption_title import title_printed_twice, title_without_caption
from noticecli.parse.text_grid_menu import grid_under_menu
from noticecli.parse.text_labels import in_value_bracket
from noticecli.parse.text_site_links import before_site_links
from tests.rendering import body_texts as _texts
from tests.rendering import label_values as _pairs
from tests.rendering import parse_lines as _parse

TITLE = "岚山市国防动员办公室关于2024年防空警报试鸣的通告"
TEXT = "为增强市民的国防观念和防空意识，定于2024年9月21日上午10时进行防空警报试鸣。"
MORE = "试鸣期间，请广大市民保持正常的生产生活秩序。"
GRID = (
    "索引号: 11341100MB1234567X/2024-00012 主题分类: 国防动员",
    "发布机构: 岚山市国防动员办公室 有效性:",
    f"名 称: {TITLE}",
    "发布日期: 2024-09-10 废止日期:",
)


# --- F1: a column menu over the grid -----------------------------------------------------------

MENU = ("岚山市国防动员办公室", "信息公开指南", "信息公开制度", "法定主动公开内容", "依申请公开")


def test_a_menu_over_a_grid_whose_title_is_printed_under_it_is_chrome() -> None:
    notice = _parse(*MENU, *GRID, TITLE, TEXT, MORE)
    assert notice.title == TITLE
    assert ("索引号", "11341100MB1234567X/2024-00012") in _pairs(notice)
    assert ("有效性", None) in _pairs(notice)  # a label closing its row: an empty cell
    assert ("名 称", TITLE) in _pairs(notice)
    assert notice.published_at == "2024-09-10"
    assert not any(word in text for text in _texts(notice) for word in ("指南", "依申请", "索引号"))
    assert not [w for w in notice.warnings if w.code == "no_header"]


def test_a_long_menu_over_the_grid_is_chrome_too() -> None:
    menu = ("政府信息公开", "政府信息公开指南", "政府信息公开制度", "法定主动公开内容")
    notice = _parse(
        "岚山市国防动员办公室", *menu, "政府信息公开年报", "依申请公开", *GRID, TITLE, TEXT
    )
    assert notice.title == TITLE
    assert _texts(notice) == [TEXT]


def test_grid_under_menu_needs_the_title_printed_under_the_grid() -> None:
    lines = [*MENU, *GRID, TITLE, TEXT]
    assert grid_under_menu(lines, 0) == len(MENU)
    assert grid_under_menu([*MENU, *GRID, "各位市民：", TEXT], 0) is None
    grid_without_name = [row for row in GRID if not row.startswith("名")]
    assert grid_under_menu([*MENU, *grid_without_name, TITLE, TEXT], 0) is None


@pytest.mark.parametrize(
    "above",
    [
        "为增强市民的国防观念，定于9月试鸣。",  # a sentence: the text, not a menu
        "岚山市国防动员办公室关于进一步做好人民防空工程维护管理工作的通知",  # too long a line
        "特别提示: 试鸣期间请勿惊慌",  # a label line no grid opens with
    ],
)
def test_what_over_a_grid_is_no_menu(above: str) -> None:
    assert grid_under_menu(["信息公开指南", above, *GRID, TITLE, TEXT], 0) is None


def test_a_short_title_over_a_grid_stays_the_title() -> None:
    title = "关于2024年防空警报试鸣的通告"
    grid = [row for row in GRID if not row.startswith("名")]
    notice = _parse(title, *grid, "一、试鸣时间", TEXT, "二、有关要求", MORE)
    assert notice.title == title
    assert "一、试鸣时间" in _texts(notice)


# --- F9: a head of bare values -----------------------------------------------------------------

HEADLINE = "岚山县国动办开展防空警报试鸣宣传活动"
NEWS = "9月14日，县国动办在城区广场开展防空警报试鸣宣传活动，向群众讲解防空警报信号识别方法。"
VALUES = ("20240915001", "岚山县国防动员办公室", "2024-09-15 10:22:31", "356")


def test_the_lone_date_time_of_a_bare_head_is_the_publication_time() -> None:
    notice = _parse("工作动态", HEADLINE, *VALUES, HEADLINE, NEWS, MORE)
    assert notice.title == HEADLINE
    assert notice.published_at == "2024-09-15T10:22:31+08:00"
    assert ("line 5", "2024-09-15 10:22:31") in _pairs(notice)  # labelled with where it stood


def test_two_date_times_in_a_bare_head_leave_it_unread() -> None:
    values = (*VALUES, "2024-09-14 08:00:00")
    notice = _parse("工作动态", HEADLINE, *values, HEADLINE, NEWS, MORE)
    assert notice.published_at is None


def test_lone_date_time_reads_only_the_head() -> None:
    lines = ["工作动态", HEADLINE, *VALUES, HEADLINE, "2024-09-21 10:00:00", NEWS]
    assert lone_date_time(lines, 0, 6) == 4
    assert lone_date_time(lines, 0, len(lines)) is None  # the text's date-time makes two
    assert lone_date_time(["2024-09-15", "356"], 0, 2) is None  # a date without a time
    assert lone_date_time(["定于2024-09-21 10:00:00试鸣"], 0, 1) is None  # inside a sentence


# --- F10: a column caption over a title printed twice -------------------------------------------


def test_a_caption_over_a_title_printed_twice_is_not_the_title() -> None:
    title = "城关小学师生走进人防指挥所"
    meta = ("来源:岚山县国防动员办公室", "发布日期:2024-05-20")
    notice = _parse("人防工作", title, *meta, title, NEWS, MORE)
    assert notice.title == title
    assert "人防工作" not in "".join(_texts(notice))


@pytest.mark.parametrize(
    "head",
    [
        ("人防工作", ""),  # blank lines between the caption, the title and the meta lines
        ("岚山县国防动员办公室", "人防工作"),  # the site's name over the caption
    ],
)
def test_a_caption_over_a_title_printed_twice_in_other_layouts(head: tuple[str, str]) -> None:
    title = "城关小学师生走进人防指挥所"
    lines = [*head, title, "", "来源:岚山县国防动员办公室", "发布日期:2024-05-20", "", title]
    notice = _parse(*lines, NEWS, MORE)
    assert notice.title == title
    assert _texts(notice) == [NEWS, MORE]
    assert ("来源", "岚山县国防动员办公室") in _pairs(notice)


def test_title_printed_twice_needs_the_repeat_under_the_meta_lines() -> None:
    title = "城关小学师生走进人防指挥所"
    meta = "来源:岚山县国防动员办公室"
    assert title_printed_twice(["人防工作", "", title, meta, "", title, NEWS], 0) == (title, 3)
    assert title_printed_twice(["人防工作", "", title, meta, NEWS], 0) is None  # no repeat
    assert title_printed_twice(["人防工作", title, meta, "人防工作", NEWS], 0) is None
    issuer = ["岚山县国防动员办公室", "关于开展人防知识进校园活动的通知"]
    assert title_printed_twice([*issuer, meta, issuer[1], NEWS], 0) is None  # the issuer's


def test_an_issuer_over_the_title_stays_with_it() -> None:
    lines = ["岚山县国防动员办公室", "关于开展人防知识进校园活动的通知", "来源:岚山县国动办"]
    lines += ["关于开展人防知识进校园活动的通知", TEXT]
    joined = "岚山县国防动员办公室关于开展人防知识进校园活动的通知"
    assert title_without_caption(lines, 0, 2, joined) == joined
    caption = ["人防工作", "城关小学师生走进人防指挥所", "来源:岚山县国动办"]
    assert title_without_caption([*caption, caption[1], TEXT], 0, 2, "x") == caption[1]
    # No meta line between: a repeat right under the run is no evidence of a caption.
    assert title_without_caption([*caption[:2], caption[1], TEXT], 0, 2, "x") == "x"


# --- F11: a related-sites box after the text ---------------------------------------------------

SITES = ("国务院部门网站", "各省、直辖市政府网站", "县市区政府网站", "其他网站")


def test_a_related_sites_box_closing_the_text_is_chrome() -> None:
    notice = _parse(HEADLINE, "发布日期:2024-09-21", NEWS, MORE, *SITES)
    assert _texts(notice)[-1] == MORE
    assert not any("网站" in text for text in _texts(notice))


def test_a_related_sites_box_keeps_its_caption_out_of_the_text_too() -> None:
    credit = "（岚山市国动办　岚山县国动办）"
    notice = _parse(HEADLINE, "发布日期:2024-09-21", NEWS, MORE, credit, "网站链接", *SITES)
    assert [(b.type, b.text) for b in notice.body][-1] == ("byline", credit)
    assert before_site_links(["网站链接", *SITES], 0, 5) == 5  # no text over it: not cut


def test_what_is_no_related_sites_box() -> None:
    named = "试鸣具体安排可登录岚山县人民政府网站查询。"
    assert before_site_links([NEWS, named], 0, 2) == 2  # a sentence naming a site
    assert before_site_links([NEWS, "岚山县人民政府网站"], 0, 2) == 2  # one line: no box
    assert before_site_links([*SITES], 0, 4) == 4  # no text before: not a box after it
    assert before_site_links([NEWS, *SITES[:2], MORE], 0, 4) == 4  # text after the lines


# --- F12: a bracketed line of unit names after the last paragraph --------------------------------


@pytest.mark.parametrize(
    "line",
    ["(岚山市国动办 岚山县国动办)", "（岚山市国动办、岚山县国动办）", "（岚山县国防动员办公室）"],
)
def test_a_bracketed_line_of_unit_names_is_a_unit_credit(line: str) -> None:
    assert is_unit_credit(line)
    notice = _parse(HEADLINE, "发布日期:2024-09-21", NEWS, MORE, line)
    assert [(b.type, b.text) for b in notice.body][-1] == ("byline", line)
    assert [b.text for b in notice.body if b.type == "paragraph"][-1] == MORE


@pytest.mark.parametrize(
    "line",
    [
        "（本公告由岚山县国防动员办公室负责解释。）",  # a sentence in brackets
        "（此件主动公开）",
        "（岚山县国动办 供稿）",  # a credit of its own kind, not unit names only
        "（岚山市国动办 岚山县国动办 联合开展）",
    ],
)
def test_what_is_no_unit_credit(line: str) -> None:
    assert not is_unit_credit(line)


def test_a_bracketed_sentence_closing_the_text_stays_a_paragraph() -> None:
    last = "（本公告由岚山县国防动员办公室负责解释。）"
    notice = _parse(HEADLINE, "发布日期:2024-09-21", NEWS, "（岚山市国动办 岚山县国动办）", last)
    assert [(b.type, b.text) for b in notice.body][-1] == ("paragraph", last)
    # Inside the text, a line of unit names stays as read.
    assert ("paragraph", "（岚山市国动办 岚山县国动办）") in [(b.type, b.text) for b in notice.body]


def test_a_unit_credit_closing_an_html_article_is_a_byline() -> None:
    page = (
        "<html><head><title>试鸣</title></head><body><div class='article'>"
        f"<h1>{HEADLINE}</h1><div class='info'>发布日期：2024-09-21</div>"
        f"<div class='content'><p>{NEWS}</p><p>（岚山市国动办 岚山县国动办）</p><p>{MORE}</p>"
        "<p>（岚山市国动办 岚山县国动办）</p></div></div></body></html>"
    )
    notice = noticecli.parse_html(page)
    typed = [(block.type, block.text) for block in notice.body]
    assert typed[-1] == ("byline", "（岚山市国动办 岚山县国动办）")
    assert ("paragraph", "（岚山市国动办 岚山县国动办）") in typed  # inside the text


# --- F6: a colon-less grid's row whose value holds punctuation; a bare label under the grid ----

PLAIN_GRID = (
    "索引号 11341100MB1234567X/2024-00031 公开方式 主动公开",
    "发布机构 岚山县国防动员办公室 公开时限 常年公开",
    "公开程序 部门编制,经办公室审核后公开。 公开范围 面向社会",
    "生成日期 2024-08-02 有效性 有效",
)
REPORT = "岚山县国防动员办公室2024年上半年人防工程建设情况"


def test_a_punctuated_value_between_grid_rows_keeps_its_row() -> None:
    notice = _parse(*PLAIN_GRID, REPORT, NEWS, MORE)
    assert ("公开程序", "部门编制,经办公室审核后公开。") in _pairs(notice)
    assert ("公开范围", "面向社会") in _pairs(notice)
    assert ("生成日期", "2024-08-02") in _pairs(notice)
    assert notice.title == REPORT


def test_a_punctuated_label_line_after_the_grid_stays_text() -> None:
    sentence = "公开程序 调整后，由县国动办办公室统一审核。"
    notice = _parse(*PLAIN_GRID[:2], PLAIN_GRID[3], REPORT, sentence, NEWS)
    assert sentence in _texts(notice)
    assert "公开程序" not in [field.label for field in notice.header]


def test_a_punctuated_label_line_right_under_the_grid_stays_text() -> None:
    sentence = "公开程序 调整后，由县国动办办公室统一审核。"
    notice = _parse(*PLAIN_GRID[:2], PLAIN_GRID[3], sentence, NEWS)
    assert _texts(notice)[0] == sentence  # no grid row under it: the text has started
    assert "公开程序" not in [field.label for field in notice.header]


def test_a_known_label_alone_under_the_grid_over_blank_lines_is_an_empty_cell() -> None:
    grid = ("索引号: 11341100MB1234567X/2024-00031 公开方式: 主动公开", "生成日期: 2024-08-02")
    notice = _parse(*grid, "内容摘要", "", "【打印】 【关闭】", REPORT, NEWS, MORE)
    assert ("内容摘要", None) in _pairs(notice)
    assert notice.title == REPORT


def test_a_known_label_with_a_line_right_under_it_is_no_empty_cell() -> None:
    lines = ["索引号: 11341100MB1234567X/2024-00031", "内容摘要", REPORT, NEWS]
    assert empty_label_cell(lines, 1) is None
    assert empty_label_cell(["内容摘要", ""], 0) == "内容摘要:"
    assert empty_label_cell(["工作动态", ""], 0) is None  # no label


# --- F3: a label inside a bracket glued to a value ---------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["县国动办开展人防宣传进社区活动(来源:自创)", "县国动办开展人防宣传进社区活动（来源：自创）"],
)
def test_a_label_inside_a_bracket_belongs_to_the_value(title: str) -> None:
    grid = ("索引号: 11341100MB1234567X/2024-00040", f"名称: {title}", "发布日期: 2024-06-12")
    notice = _parse(*grid, title, NEWS, MORE)
    assert notice.title == title
    assert ("名称", title) in _pairs(notice)
    assert "来源" not in [field.label for field in notice.header]


def test_a_label_after_a_closed_bracket_is_a_cell_again() -> None:
    meta = "发布时间:2024-06-12 来源:岚山县国动办(人防科) 作者:王明"
    notice = _parse(HEADLINE, meta, NEWS, MORE)
    assert ("来源", "岚山县国动办(人防科)") in _pairs(notice)
    assert ("作者", "王明") in _pairs(notice)
    assert not in_value_bracket("(供稿:岚山县国动办)", 1)  # a bracket opening the line
    assert not in_value_bracket("时间:2024-06-12 (来源:新华社)", 18)  # after a gap
    assert in_value_bracket("活动(来源:自创)", 3)
    assert not in_value_bracket("活动(来源:自创", 3)  # never closed: no pair


# --- F8: a summary label under the meta line ---------------------------------------------------


@pytest.mark.parametrize("label", ["核心提示", "内容提要"])
def test_a_summary_label_under_the_meta_line_is_a_field(label: str) -> None:
    summary = "6月12日，县国动办走进城东社区开展人防宣传活动。"
    notice = _parse(HEADLINE, "发布时间:2024-06-12 来源:岚山县国动办", f"{label}:{summary}", NEWS)
    assert (label, summary) in _pairs(notice)
    assert notice.fields["summary"] == summary
    assert _texts(notice)[0] == NEWS


def test_a_summary_label_inside_the_text_stays_text() -> None:
    line = "核心提示：人防工程是战时掩蔽的重要场所，平时也可用于应急避险。"
    notice = _parse(HEADLINE, "发布时间:2024-06-12", NEWS, line, MORE)
    assert line in _texts(notice)


def test_a_summary_label_under_a_grid_titles_meta_line_is_a_meta_field() -> None:
    summary = "6月12日，县国动办走进城东社区开展人防宣传活动。"
    grid = ("索引号: 11341100MB1234567X/2024-00040", f"名称: {HEADLINE}", "发布日期: 2024-06-12")
    meta = "发布时间:2024-06-12 10:15 来源:岚山县国动办 浏览次数:"
    notice = _parse(*grid, HEADLINE, meta, f"核心提示:{summary}", NEWS, MORE)
    assert [(f.label, f.value, f.origin) for f in notice.header][-1] == (
        "核心提示",
        summary,
        "meta_line",
    )
    assert _texts(notice)[0] == NEWS


# --- F7 and F6's widgets: a print widget's variant, a download button, an empty download box ---


def test_a_print_text_widget_in_a_bulleted_meta_block_is_chrome() -> None:
    notice = _parse(
        HEADLINE, "• 发布时间：2024-06-12", "• 来源：岚山县国动办", "• 【打印文本】", NEWS
    )
    assert _texts(notice) == [NEWS]
    assert notice.published_at == "2024-06-12"


def test_a_sentence_on_printing_text_stays_text() -> None:
    line = "打印文本材料请于6月20日前报送县国动办。"
    notice = _parse(HEADLINE, "发布时间：2024-06-12", NEWS, line)
    assert line in _texts(notice)


def test_a_download_button_and_an_empty_download_box_are_chrome() -> None:
    notice = _parse(HEADLINE, "发布时间：2024-06-12", NEWS, MORE, "文件下载:", "下 载")
    assert _texts(notice) == [NEWS, MORE]
    assert not [field for field in notice.header if "下载" in field.label]


def test_a_download_box_with_a_file_keeps_its_file() -> None:
    name = "岚山县2024年人防工程建设情况.pdf"
    notice = _parse(HEADLINE, "发布时间：2024-06-12", NEWS, MORE, "文件下载:", name, "下载")
    assert [item.name for item in notice.attachments] == [name]
    assert "下载" not in _texts(notice)
