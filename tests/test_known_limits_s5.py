"""The known limits of the text reader left by review s4 (issue 9), each read from evidence in
the page, with the case the rule must take and the case it must leave:

1. A kicker (引题) printed three short lines a line right over a dated headline is the
   title's, not a side menu: no column's name, no parallel items, a word shared with the
   headline. A menu one item a line (机构职能 / 领导信息 / 政策文件) stays a menu.
2. A red head opening a rendering (``<issuer>文件``, then the number line) over the title
   opens the body as two headings, as under a grid; never the title, never the doc_no.
3. A title over four lines (two issuers / 关于… / …的通知) keeps both issuers: issuers'
   names over a 关于… title ending in its document's kind extend the title run.
4. A meta line's last value loses a lone widget word after it (作者：王明 关闭), on a line
   of its own too; a word list keeps its words, a grid row keeps what it shows.
5. A date in Chinese numerals under the title (二〇〇六年三月五日) is the publication time
   when the article's widgets stand by it or a meta line naming the publication time is
   under it; alone over the text, over a meta line of other labels, or closing the notice
   under its signature, it stays a body date (review s5: tests/test_review_s5_title.py).
"""

from __future__ import annotations

import pytest

from noticecli.parse.text_title_run import is_kicker
from tests.rendering import field_map as _fields
from tests.rendering import parse_lines as _parse
from tests.rendering import typed_blocks as _blocks

HEADLINE = "岚州市开展人防宣传周主题活动"
NEWS_META = "发布时间：2024-09-20 来源：岚州市人防办"
NEWS_TEXT = "9月16日至20日，岚州市人防办在全市开展人防宣传周活动，发放宣传资料五千余份。"
KICKER = ("人防宣传周", "防空知识", "进万家")


# --- 1: a three-line kicker over a dated headline ------------------------------------------


@pytest.mark.parametrize(
    ("kicker", "headline"),
    [
        (KICKER, HEADLINE),
        (("防汛备汛", "筑牢安全", "防线"), "岚州市开展汛前人防工程安全检查"),
        (KICKER[:2], HEADLINE),  # two lines, as before
    ],
)
def test_1_a_kicker_over_the_dated_headline_is_the_titles(
    kicker: tuple[str, ...], headline: str
) -> None:
    notice = _parse(*kicker, headline, NEWS_META, "", NEWS_TEXT)
    assert notice.title == "".join(kicker) + headline
    assert notice.published_at == "2024-09-20"
    assert _blocks(notice) == [("paragraph", NEWS_TEXT)]


def test_1_a_kicker_under_the_sites_name_and_a_menu_is_kept() -> None:
    menu = ("机构职能", "领导信息", "政策文件")
    notice = _parse("岚州市人民防空办公室", "", *menu, "", *KICKER, HEADLINE, NEWS_META, NEWS_TEXT)
    assert notice.title == "".join(KICKER) + HEADLINE
    assert not any(item in text for item in menu for _, text in _blocks(notice))


@pytest.mark.parametrize(
    "menu",
    [
        ("机构职能", "领导信息", "政策文件"),  # column names (信息)
        ("机构职能", "人防信息", "政策文件"),  # a column's name, a word shared (人防)
        ("人防工程", "人防宣传", "政策法规"),  # parallel (人防…); the last two set apart from none
        ("机构设置", "领导分工", "办事指南"),  # no word shared with the headline
        ("人防宣传周", "", "防空知识", "", "进万家"),  # items apart, not one phrase
        ("岚州要闻", "人防宣传", "防空知识", "进万家"),  # a fourth line over the three
    ],
)
def test_1_a_menu_one_item_a_line_over_the_headline_stays_a_menu(menu: tuple[str, ...]) -> None:
    notice = _parse(*menu, HEADLINE, NEWS_META, "", NEWS_TEXT)
    assert notice.title == HEADLINE
    assert _blocks(notice) == [("paragraph", NEWS_TEXT)]


def test_1_kicker_evidence() -> None:
    assert is_kicker(list(KICKER), HEADLINE)
    assert not is_kicker(["机构职能", "领导信息", "政策文件"], HEADLINE)
    assert not is_kicker(["机构职能", "人防信息", "政策文件"], HEADLINE)
    assert not is_kicker(["人防宣传周"], HEADLINE)  # one line: a title run's business
    assert not is_kicker(["人防宣传周", "防空知识", "进万家", "宣传月"], HEADLINE)
    assert not is_kicker(["工作动态", HEADLINE], HEADLINE)  # the headline printed twice


# --- 2: a red head opening the rendering ---------------------------------------------------

RED_HEAD = "岚州市人民防空办公室文件"
NUMBER = "岚人防〔2024〕12号"
DOC_TITLE = "关于开展2024年度人防工程维护管理检查的通知"
DOC_META = "发布时间：2024-04-02 来源：岚州市人防办"
SALUTATION = "各区县人防办："
DOC_TEXT = "为加强人防工程维护管理，市人防办决定于4月至5月开展年度检查，现将有关事项通知如下。"


@pytest.mark.parametrize(
    "head",
    [
        (RED_HEAD, NUMBER),
        ("岚 州 市 人 民 防 空 办 公 室 文 件", NUMBER),
        (RED_HEAD, "", NUMBER, ""),
        (f"{RED_HEAD} {NUMBER}",),
        (RED_HEAD,),
    ],
    ids=["two-lines", "letter-spaced", "blank-lines", "one-line", "red-head-only"],
)
def test_2_a_red_head_opening_the_rendering_opens_the_body(head: tuple[str, ...]) -> None:
    notice = _parse(*head, DOC_TITLE, DOC_META, SALUTATION, DOC_TEXT)
    shown = [line for line in head if line]
    assert notice.title == DOC_TITLE
    assert notice.published_at == "2024-04-02"
    assert notice.doc_no is None  # as under a grid: the head is shown, not a field
    assert _blocks(notice)[: len(shown) + 1] == [
        *[("heading", line) for line in shown],
        ("paragraph", SALUTATION),
    ]


def test_2_the_opening_head_reads_as_the_head_under_a_grid() -> None:
    grid = ("索 引 号：11350100MB0417256Q/2024-00012  公开方式：主动公开",)
    opening = _parse(RED_HEAD, NUMBER, DOC_TITLE, SALUTATION, DOC_TEXT)
    under_grid = _parse(*grid, RED_HEAD, NUMBER, DOC_TITLE, SALUTATION, DOC_TEXT)
    assert (opening.title, opening.doc_no) == (under_grid.title, under_grid.doc_no)
    assert _blocks(opening) == _blocks(under_grid)


@pytest.mark.parametrize(
    "first",
    ["关于转发省人防办文件的通知", "岚州市人民政府文件汇编"],
)
def test_2_a_title_ending_in_file_is_no_red_head(first: str) -> None:
    notice = _parse(first, DOC_META, SALUTATION, DOC_TEXT)
    assert notice.title == first
    assert _blocks(notice)[0] == ("paragraph", SALUTATION)


def test_2_a_red_head_over_no_title_is_left_as_before() -> None:
    notice = _parse(RED_HEAD, DOC_TEXT, "特此通知。")
    assert notice.title == RED_HEAD
    assert ("heading", RED_HEAD) not in _blocks(notice)


# --- 3: a title over four lines ------------------------------------------------------------

ISSUERS = ("岚州市人民防空办公室", "岚州市应急管理局")
JOINT_META = "发布时间：2024-06-03 来源：岚州市人防办"
JOINT_TEXT = "为做好汛期人防工程安全管理工作，现就联合开展安全检查有关事项通知如下。"


@pytest.mark.parametrize(
    "lines",
    [
        (*ISSUERS, "关于联合开展人防工程汛期安全检查", "工作的通知"),
        (*ISSUERS, "岚州市消防救援支队", "关于联合开展人防工程汛期安全检查工作的通知"),
        (*ISSUERS, "关于联合开展人防工程", "汛期安全检查", "工作的通知"),
        (*ISSUERS, "关于联合开展人防工程汛期安全检查", "工作的意见（试行）"),
    ],
)
def test_3_issuers_over_a_title_broken_over_lines_stay_the_titles(
    lines: tuple[str, ...],
) -> None:
    notice = _parse(*lines, JOINT_META, "", SALUTATION, JOINT_TEXT)
    assert notice.title == "".join(lines)
    assert notice.published_at == "2024-06-03"
    assert _blocks(notice) == [("paragraph", SALUTATION), ("paragraph", JOINT_TEXT)]


@pytest.mark.parametrize(
    "lines",
    [
        # No document's kind at its end: no evidence the issuers' lines are the title's.
        (*ISSUERS, "关于联合开展人防工程汛期安全检查", "工作情况"),
        # A title run is lines in a row: a blank line breaks it.
        (*ISSUERS, "", "关于联合开展人防工程汛期安全检查", "工作的通知"),
    ],
)
def test_3_issuer_lines_without_the_evidence_are_not_glued(lines: tuple[str, ...]) -> None:
    notice = _parse(*lines, JOINT_META, "", SALUTATION, JOINT_TEXT)
    assert notice.title is not None
    assert not notice.title.startswith("".join(ISSUERS))


def test_3_a_signature_over_a_heading_in_the_body_is_no_title() -> None:
    notice = _parse(
        DOC_TITLE, DOC_META, SALUTATION, DOC_TEXT, *ISSUERS, "关于检查结果的通报", "2024年4月2日"
    )
    assert notice.title == DOC_TITLE


# --- 4: a one-word value before a widget word ----------------------------------------------

ARTICLE = "关于暂停开放部分人防工程的公告"
CLOSED_TEXT = "因汛期排涝需要，城区部分人防工程自7月1日起暂停开放，恢复开放时间另行通知。"


@pytest.mark.parametrize(
    ("meta", "label", "value"),
    [
        (("发布时间：2024-07-01  关键词：人防 关闭",), "关键词", "人防"),
        (("发布时间：2024-07-01  作者：王明 关闭",), "作者", "王明"),
        (("发布时间：2024-07-01", "作者：王明 关闭"), "作者", "王明"),  # a line of its own
        (("发布时间：2024-07-01", "来源：岚州市人防办  打印"), "来源", "岚州市人防办"),
    ],
)
def test_4_the_value_is_kept_and_the_widget_word_cut(
    meta: tuple[str, ...], label: str, value: str
) -> None:
    notice = _parse(ARTICLE, *meta, "", CLOSED_TEXT)
    assert _fields(notice)[label] == value
    assert _blocks(notice) == [("paragraph", CLOSED_TEXT)]


@pytest.mark.parametrize(
    ("meta", "label", "value"),
    [
        (("发布时间：2024-07-01  关键词：人防工程 临时 关闭",), "关键词", "人防工程 临时 关闭"),
        (("发布时间：2024-07-01", "作者：县委打印室"), "作者", "县委打印室"),
        (
            ("发布时间：2024-07-01", "来源：岚州市人防办 通知 关闭"),
            "来源",
            "岚州市人防办 通知 关闭",
        ),
        (("关键词：人防 关闭",), "关键词", "人防 关闭"),  # a grid's row: kept as shown
    ],
)
def test_4_words_that_are_the_value_are_kept(meta: tuple[str, ...], label: str, value: str) -> None:
    notice = _parse(ARTICLE, *meta, "", CLOSED_TEXT)
    assert _fields(notice)[label] == value


# --- 5: a date in Chinese numerals under the title -----------------------------------------

ALARM_TITLE = "岚州市人民防空办公室关于防空警报试鸣的通告"
ALARM_TEXT = "为检验城市防空警报设施的完好率，经市人民政府同意，定于3月10日上午10时试鸣防空警报。"
WIDGETS = "字号：大 中 小  打印  关闭"


@pytest.mark.parametrize(
    ("lines", "fields"),
    [
        (("二〇〇六年三月五日", WIDGETS), {}),
        (("二OO六年三月五日", WIDGETS), {}),
        (("二〇〇六年三月五日 【打印】【关闭】",), {}),
        (("二〇〇六年三月五日  打印  关闭",), {}),
        (("二〇〇六年三月五日【打印】【关闭】",), {}),  # glued to its widgets (review s5)
        (("二〇〇六年三月五日", "发布时间：2006-03-05"), {"发布时间": "2006-03-05"}),
    ],
)
def test_5_a_numeral_date_with_the_articles_widgets_or_meta_is_the_publication_time(
    lines: tuple[str, ...], fields: dict[str, str]
) -> None:
    notice = _parse(ALARM_TITLE, *lines, "", ALARM_TEXT)
    assert notice.title == ALARM_TITLE
    assert notice.published_at == "2006-03-05"
    assert _fields(notice) == {"line 2": lines[0].split()[0].split("【")[0], **fields}
    assert _blocks(notice) == [("paragraph", ALARM_TEXT)]


def test_5_a_labelled_publication_time_under_it_wins() -> None:
    notice = _parse(ALARM_TITLE, "二〇〇六年三月五日", "发布时间：2024-07-01", "", ALARM_TEXT)
    assert notice.published_at == "2024-07-01"
    assert _fields(notice) == {"line 2": "二〇〇六年三月五日", "发布时间": "2024-07-01"}
    assert _blocks(notice) == [("paragraph", ALARM_TEXT)]


def test_5_a_numeral_date_alone_over_the_text_stays_in_the_body() -> None:
    # A speech's or a rule's own date under its title looks the same: no evidence, no field.
    notice = _parse(ALARM_TITLE, "二〇〇六年三月五日", "", ALARM_TEXT)
    assert notice.published_at is None
    assert _blocks(notice) == [("date", "二〇〇六年三月五日"), ("paragraph", ALARM_TEXT)]


def test_5_a_numeral_date_closing_the_notice_stays_in_the_body() -> None:
    notice = _parse(
        ALARM_TITLE, WIDGETS, ALARM_TEXT, "特此通告。", "岚州市人民防空办公室", "二〇〇六年三月五日"
    )
    assert notice.published_at is None
    assert _blocks(notice)[-2:] == [
        ("signature", "岚州市人民防空办公室"),
        ("date", "二〇〇六年三月五日"),
    ]


def test_5_a_publication_time_read_above_keeps_the_numeral_date_in_the_body() -> None:
    grid = ("索 引 号：11350100MB0417256Q/2006-00012  发布日期：2006-03-06",)
    notice = _parse(*grid, ALARM_TITLE, "二〇〇六年三月五日", WIDGETS, "", ALARM_TEXT)
    assert notice.published_at == "2006-03-06"
    assert ("date", "二〇〇六年三月五日") in _blocks(notice)
