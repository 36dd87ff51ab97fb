"""The general forms of text renderings a fifth held-out evaluation of issue 9 found (its
report, sections A to E): each rule alone, on a text of our own. Fixtures 130 and up hold
the same forms whole."""

from __future__ import annotations

import pytest

from noticecli.parse.text_chrome import with_plain_label_colons
from tests.rendering import body_texts as _body_texts
from tests.rendering import parse_lines as _parse

TITLE = "岚溪区人防办关于开展防空警报试鸣的通告"
FIRST = "为增强群众国防观念，岚溪区人防办定于9月20日上午10时试鸣防空警报。"
LAST = "试鸣期间请广大群众保持正常生产生活秩序。"


# --- E: a header grid printed without colons ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("索引号 1165/2022-00187 发布机构 县人防办", "索引号: 1165/2022-00187 发布机构: 县人防办"),
        (
            "成文日期\t2022-03-14\t发布日期\t2022-03-15",
            "成文日期:\t2022-03-14\t发布日期:\t2022-03-15",
        ),
        ("文件编号 县动办发〔2023〕5号 索取号", "文件编号: 县动办发〔2023〕5号 索取号:"),
        # one label only: a sentence that opens with a label word stays text
        ("发布机构 对群众咨询作出安排", "发布机构 对群众咨询作出安排"),
        # a sentence's full stop: text, even with two label words
        ("发布日期 前整改的单位 索引号 不再编制。", "发布日期 前整改的单位 索引号 不再编制。"),
        # the row must open with a label
        ("本办 索引号 1165 发布机构 县人防办", "本办 索引号 1165 发布机构 县人防办"),
        # colons already there: left as it is
        ("索引号: 1165 发布机构: 县人防办", "索引号: 1165 发布机构: 县人防办"),
    ],
)
def test_a_grid_row_without_colons_gets_them_back(line: str, expected: str) -> None:
    assert with_plain_label_colons(line) == expected


def test_a_grid_without_colons_above_the_title_is_the_header() -> None:
    notice = _parse(
        "索引号 1165/2022-00187 发布机构 岚溪区人防办",
        "成文日期 2022-09-14 发布日期 2022-09-15",
        TITLE,
        "来源:岚溪区人防办 作者: 发布时间: 2022年09月15日 点击数:",
        FIRST,
        LAST,
    )
    assert notice.title == TITLE
    assert [(f.label, f.value) for f in notice.header if f.origin == "header"] == [
        ("索引号", "1165/2022-00187"),
        ("发布机构", "岚溪区人防办"),
        ("成文日期", "2022-09-14"),
        ("发布日期", "2022-09-15"),
    ]
    assert ("发布时间", "2022年09月15日") in [(f.label, f.value) for f in notice.header]
    assert notice.published_at == "2022-09-15"
    assert _body_texts(notice)[0] == FIRST


def test_a_grid_without_colons_under_the_title_is_the_header() -> None:
    notice = _parse(
        TITLE,
        "索引号 1165/2022-00187\t发布机构 岚溪区人防办",
        "文件编号 岚人防发〔2022〕3号\t索取号",
        FIRST,
        LAST,
    )
    assert notice.title == TITLE
    assert [(f.label, f.value) for f in notice.header] == [
        ("索引号", "1165/2022-00187"),
        ("发布机构", "岚溪区人防办"),
        ("文件编号", "岚人防发〔2022〕3号"),
        ("索取号", None),
    ]
    assert _body_texts(notice) == [FIRST, LAST]


def test_a_body_sentence_opening_with_a_label_word_stays_text() -> None:
    sentence = "发布机构 对试鸣期间的群众咨询作出安排"
    notice = _parse(TITLE, "发布时间:2022-09-15", FIRST, sentence, LAST)
    assert sentence in _body_texts(notice)
    assert [f.label for f in notice.header] == ["发布时间"]


# --- A: a bulleted grid whose empty items follow one another --------------------------------


def test_empty_bulleted_items_under_a_lone_counter_word_are_null_fields() -> None:
    notice = _parse(
        TITLE,
        "发布时间:2022-09-15 10:00",
        "浏览",
        "• 索引号:",
        "• 主题分类:",
        "其他-人防",
        "• 发文字号:",
        "• 失效日期:",
        "",
        FIRST,
        LAST,
    )
    assert [(f.label, f.value) for f in notice.header if f.origin == "header"] == [
        ("索引号", None),
        ("主题分类", "其他-人防"),
        ("发文字号", None),
        ("失效日期", None),
    ]
    assert _body_texts(notice) == [FIRST, LAST]


# --- B: closing widgets after the signature and date ------------------------------------------


def test_closing_widgets_after_the_signature_are_not_body() -> None:
    notice = _parse(
        TITLE,
        "发布时间:2022-09-15",
        FIRST,
        LAST,
        "岚溪区人防办",
        "2022年9月14日",
        "扫一扫在手机打开当前页",
        "文件预览",
        "附件下载",
        "相关链接",
        "公众评价",
        "0位公众参与评价,0位公众认为信息有帮助。",
    )
    assert _body_texts(notice) == [FIRST, LAST, "岚溪区人防办", "2022年9月14日"]


# --- C: tab labels and the read-aloud widget --------------------------------------------------


def test_tab_labels_and_read_aloud_are_never_glued_to_the_title() -> None:
    notice = _parse(
        "详细信息",
        "公开具体内容",
        TITLE,
        "发布时间:2022-09-15",
        "朗读",
        TITLE,
        FIRST,
        LAST,
    )
    assert notice.title == TITLE
    assert _body_texts(notice) == [FIRST, LAST]


# --- D: an accessibility toolbar line above the header ----------------------------------------


@pytest.mark.parametrize("toolbar", ["网站无障碍 适老版", "无障碍版 长者版", "适老化 简体 繁体"])
def test_an_accessibility_toolbar_line_is_never_the_title(toolbar: str) -> None:
    notice = _parse(toolbar, "索引号:1165/2017-00615 发布日期:2017-06-20", TITLE, FIRST, LAST)
    assert notice.title == TITLE
    assert toolbar not in " ".join(_body_texts(notice))


def test_a_title_over_three_lines_under_the_grid_is_joined() -> None:
    notice = _parse(
        "网站无障碍 适老版",
        "索引号:1165/2017-00615 发布日期:2017-06-20",
        "岚溪区人民政府办公室",
        "关于印发岚溪区突发环境事件",
        "应急预案的通知",
        "各街道办事处:",
        FIRST,
        LAST,
    )
    assert notice.title == "岚溪区人民政府办公室关于印发岚溪区突发环境事件应急预案的通知"
    assert _body_texts(notice)[:2] == ["各街道办事处:", FIRST]


def test_a_grid_without_colons_of_xxgk_labels_is_read_whole() -> None:
    notice = _parse(
        f"信息标题 {TITLE} 文件编号 岚政办发〔2021〕34号",
        "公开类型 主动公开 产生日期 2021-10-22 17:55",
        "发布机构 县政府办公室 载体类型 电子",
        "关键字 应急预案 索取号",
        TITLE,
        "来源:县政府办公室 发布时间: 2021年10月22日",
        FIRST,
        LAST,
    )
    assert notice.title == TITLE
    assert [f.key for f in notice.header if f.origin == "header"] == [
        "title",
        "doc_no",
        "disclosure_method",
        "issued_at",
        "publisher",
        "carrier",
        "keywords",
        "index_no",
    ]
    assert _body_texts(notice) == [FIRST, LAST]
