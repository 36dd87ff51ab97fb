"""Forms of the eighteenth held-out scoring (issue 9), in text renderings: a meta line printed
above the title (a bare date, then meta labels with empty values). Each with what must stay
as it was."""

from __future__ import annotations

import pytest

from noticecli.parse.lines import is_boilerplate, is_widget_row
from noticecli.parse.text_meta_first import meta_line_over_title
from noticecli.parse.text_site_links import before_site_links
from tests.rendering import body_texts as _texts
from tests.rendering import label_values as _pairs
from tests.rendering import parse_lines as _parse

TITLE = "县国动办开展防空警报试鸣宣传活动"
TEXT = "6月12日，县国动办在城区主要路口开展防空警报试鸣宣传活动，向过往群众发放宣传资料。"
MORE = "活动中，工作人员现场讲解了防空警报信号的识别方法和听到警报后的应对措施。"


# --- G1: a meta line above the title ---------------------------------------------------------


@pytest.mark.parametrize(
    "meta",
    [
        "2024年06月12日 来源: 浏览次数:",
        "2024-06-12 来源:岚山县国动办 浏览次数:",
        "2024-06-12 10:30 作者: 点击数:",
    ],
)
def test_a_dated_meta_line_above_the_title_is_the_meta_line(meta: str) -> None:
    notice = _parse(meta, TITLE, TEXT, MORE)
    assert notice.title == TITLE
    assert notice.published_at is not None and notice.published_at.startswith("2024-06-12")
    assert _texts(notice) == [TEXT, MORE]
    labels = [label for label, _ in _pairs(notice)]
    assert labels[0] == "line 1"  # the bare date: a field labelled with where it was read
    assert len(labels) == 3


def test_the_empty_labels_of_the_meta_line_above_the_title_are_null_fields() -> None:
    notice = _parse("2024年06月12日 来源: 浏览次数:", TITLE, TEXT)
    assert ("来源", None) in _pairs(notice)
    assert ("浏览次数", None) in _pairs(notice)
    assert notice.source is None and notice.views is None


@pytest.mark.parametrize(
    "first",
    [
        # a date opening a sentence, a colon inside it
        "2024年06月12日上午，县国动办召开人防工作会议，会议地点:县政府三楼会议室。",
        # a date, then an unknown label over a sentence's value
        "2024年06月12日 会议地点:县政府三楼会议室，参会人员认真学习了文件。",
        # a date then the headline: the title itself
        f"2024年06月12日 {TITLE}",
    ],
)
def test_a_first_line_without_meta_labels_after_its_date_is_no_meta_line(first: str) -> None:
    lines = [first, "会议部署了下半年人防宣传工作", TEXT]
    assert meta_line_over_title(lines, 0) is None


def test_a_sentence_with_a_date_and_a_label_opening_the_page_stays_text() -> None:
    first = "2024年06月12日上午，县国动办召开人防工作会议，会议地点:县政府三楼会议室。"
    notice = _parse(first, "会议部署了下半年人防宣传工作", TEXT)
    assert first in _texts(notice)
    assert notice.published_at is None


def test_a_dated_headline_over_a_meta_line_stays_the_title() -> None:
    notice = _parse(f"2024年06月12日 {TITLE}", "来源:岚山县国防动员办公室", TEXT, MORE)
    assert notice.title == f"2024年06月12日 {TITLE}"
    assert ("来源", "岚山县国防动员办公室") in _pairs(notice)
    assert _texts(notice) == [TEXT, MORE]


def test_a_meta_line_with_nothing_under_its_title_line_is_no_head() -> None:
    assert meta_line_over_title(["2024年06月12日 来源: 浏览次数:", TITLE], 0) is None
    lines = ["2024年06月12日 来源: 浏览次数:", "来源:岚山县国动办", TEXT]
    assert meta_line_over_title(lines, 0) is None  # a label line under it is no title


def test_a_known_label_over_a_sentence_after_the_date_is_no_meta_line() -> None:
    lines = ["2024-06-12 来源:县国动办召开会议。", "会议部署了下半年人防宣传工作", TEXT]
    assert meta_line_over_title(lines, 0) is None


def test_a_line_holding_a_label_under_the_meta_line_is_no_title() -> None:
    lines = ["2024年06月12日 浏览次数:", "县国动办开展活动 来源:县政府办", TEXT]
    assert meta_line_over_title(lines, 0) is None


# --- G2: closing chrome: an empty attachment caption, the error-report widget ------------------

NOTICE_HEAD = (
    "关于开展2024年人防宣传月活动的通知",
    "发布日期:2024-07-02",
    "各乡镇人民政府，县直各单位：",
)
CLOSING = "为增强全民国防观念，县国动办决定在全县开展人防宣传月活动，请各单位认真组织实施。"


@pytest.mark.parametrize(
    "row", ["我要纠错 关闭窗口", "我要纠错", "【纠错】【打印】【关闭】", "纠错"]
)
def test_the_error_report_button_is_a_widget(row: str) -> None:
    assert is_widget_row(row)
    assert is_boilerplate(row)


def test_an_empty_attachment_caption_over_widgets_closing_the_page_is_chrome() -> None:
    notice = _parse(
        *NOTICE_HEAD, CLOSING, "附件:", "扫一扫在手机上查看当前页面", "我要纠错 关闭窗口"
    )
    assert _texts(notice) == [NOTICE_HEAD[2], CLOSING]


@pytest.mark.parametrize(
    "sentence",
    [
        "对宣传资料内容有疑问的，请通过县政府网站我要纠错栏目反馈。",
        "纠错机制",
        "我要纠错栏目",
        "附件：请各单位于7月10日前报送活动开展情况。",
        "活动方案见附件，请各单位认真组织实施。",
    ],
)
def test_a_body_line_naming_the_attachment_or_the_error_report_stays_body(sentence: str) -> None:
    assert not is_widget_row(sentence)
    notice = _parse(*NOTICE_HEAD, CLOSING, sentence, "我要纠错 关闭窗口")
    assert _texts(notice)[-1] == sentence


# --- G4: a label with its date in brackets on a meta line, an unclosed copy-link widget ------

G4_TITLE = "县人防办开展防空防灾知识进社区活动"
G4_TEXT = "11月26日，县人防办组织工作人员走进城关社区，开展防空防灾知识宣传活动。"


def test_a_label_with_its_date_in_brackets_closing_a_meta_line_is_a_second_field() -> None:
    notice = _parse(
        G4_TITLE, "来源:岚山县人防办", G4_TITLE, "阅读次数:188 加入时间(2013-11-27)", G4_TEXT
    )
    assert ("阅读次数", "188") in _pairs(notice)
    assert ("加入时间", "2013-11-27") in _pairs(notice)
    assert _texts(notice) == [G4_TEXT]


@pytest.mark.parametrize(
    "meta",
    [
        "作者:王明(2013-11-27)",  # glued to the value: the value's own
        "来源:岚山县人防办 (2013-11-27)",  # no label before the brackets
        "来源:岚山县人防办 第五期(总第12期)",  # no date inside them
    ],
)
def test_a_bracketed_value_without_a_label_and_a_date_stays_the_value(meta: str) -> None:
    notice = _parse(G4_TITLE, meta, G4_TITLE, G4_TEXT)
    label, value = meta.split(":", 1)
    assert (label, value) in _pairs(notice)


@pytest.mark.parametrize("row", ["【复制链接", "【复制链接】", "复制网址", "[复制本页链接]"])
def test_the_copy_link_button_is_a_widget(row: str) -> None:
    assert is_widget_row(row)
    notice = _parse(G4_TITLE, "来源:岚山县人防办", G4_TEXT, row)
    assert _texts(notice) == [G4_TEXT]


def test_a_sentence_opening_with_the_copy_link_words_stays_text() -> None:
    sentence = "复制链接后可在手机上打开本次活动的宣传资料。"
    assert not is_widget_row(sentence)
    notice = _parse(G4_TITLE, "来源:岚山县人防办", G4_TEXT, sentence)
    assert _texts(notice) == [G4_TEXT, sentence]


# --- G5: one government portal's link caption closing the page ---------------------------------


def test_a_portal_caption_alone_closing_the_page_is_chrome() -> None:
    notice = _parse(*NOTICE_HEAD, CLOSING, "", "中国政府网")
    assert _texts(notice) == [NOTICE_HEAD[2], CLOSING]


def test_a_portal_caption_with_no_text_over_it_is_left_as_shown() -> None:
    lines = ["中国政府网"]
    assert before_site_links(lines, 0, len(lines)) == len(lines)


@pytest.mark.parametrize(
    "last", ["详情请登录中国政府网查询。", "岚山县人民政府", "岚山县人民政府网站", "中国政府网发布"]
)
def test_a_sentence_or_a_signature_naming_a_portal_stays_text(last: str) -> None:
    notice = _parse(*NOTICE_HEAD, CLOSING, last)
    assert _texts(notice)[-1] == last
