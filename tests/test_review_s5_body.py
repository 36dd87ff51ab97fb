"""The fifth session's review (review-s5 R2, R3, R4, R5, R8): the body, attachment and label
rules of the session reached past their evidence and removed or invented text. Each rule
with what it must still do and the review's pages (our own) it must leave alone: a template
region's name is chrome only where the template's scaffolding stands; a tab strip's tabs
end as column names do; a trailing file line is a file name, not a sentence ending in one,
and leaves the body only after a shown closing; an issue-date label names this document."""

from __future__ import annotations

import pytest

from noticecli.fields import is_issued_label
from noticecli.parse.text_end import before_site_end
from tests.rendering import body_texts as _texts
from tests.rendering import parse_lines as _parse
from tests.rendering import typed_blocks as _typed

TITLE = "岚州市人民防空办公室关于开展2024年人防工程维护管理检查的通知"
META = "发布时间:2024-06-05 09:30 来源:岚州市人民防空办公室"
TEXT = "为加强人防工程维护管理,市人防办决定于6月至7月开展全市人防工程维护管理检查。"
LAST = "请各单位于6月30日前报送自查情况。"
SIGNATURE = "岚州市人民防空办公室"
DATE = "2024年6月5日"


# --- R2: a template region's name is chrome only where the scaffolding stands -------------


def test_region_names_above_the_title_and_after_the_text_are_chrome() -> None:
    notice = _parse("header", "通用导航", TITLE, META, "", TEXT, "", SIGNATURE, DATE, "", "footer")
    assert notice.title == TITLE
    assert _texts(notice) == [TEXT, SIGNATURE, DATE]
    # Under the masthead, over the title and its meta line: the head's, never the title's.
    notice = _parse(SIGNATURE, "通用导航", TITLE, META, "", TEXT)
    assert notice.title == TITLE
    assert "通用导航" not in notice.body_text()
    # After the text with only a copyright line or blanks under it.
    notice = _parse(TITLE, META, "", TEXT, "", "Footer", "", "版权所有:岚州市人民防空办公室")
    assert _texts(notice) == [TEXT]


def test_region_names_between_lines_of_the_text_stay() -> None:
    # review p05: a procurement table rendered one cell a line, naming the regions to build.
    cells = [
        "1",
        "header",
        "统一页头,含单位名称及标识",
        "2",
        "通用导航",
        "一级栏目导航",
        "3",
        "footer",
    ]
    notice = _parse(TITLE, META, "", "现将采购需求公示如下:", "", *cells, "", LAST, "", SIGNATURE)
    assert [text for text in _texts(notice) if text in cells] == cells
    # review p23: a sign's English names under their Chinese ones.
    signs = ["人防工程", "Civil Air Defense Works", "横幅", "Banner", "导航图", "Navigation"]
    notice = _parse(
        TITLE, META, "", "一、标识名称及英文译写", "", *signs, "", "二、本规范自发布之日起试行。"
    )
    assert [(kind, text) for kind, text in _typed(notice) if text in signs] == [
        ("paragraph", sign) for sign in signs
    ]


# --- R3: a tab strip's tabs name columns, or chrome stands over them --------------------


def test_tabs_naming_columns_or_under_chrome_end_the_body() -> None:
    # Column names over the caption, a blank and the text's last sentence over them.
    for strip in (["政策文件"], ["政策文件", "政策解读"], ["工作动态", "通知公告"]):
        lines = [TEXT, "", *strip, "相关链接", "某某文章"]
        assert before_site_end(lines, 0, len(lines), {len(strip) + 2}) == 2
    # Any tab, when chrome (the QR widget, blanked by now) stands over the strip's blank.
    lines = [TEXT, "", "", "居安思危常备不懈", "相关链接", "某某文章"]
    assert before_site_end(lines, 0, len(lines), {4}, chrome_rows={1}) == 3
    # … or the page's meta line after the text.
    lines = [TEXT, "来源:市人防办", "", "人防宣传教育", "相关链接", "某某文章"]
    assert before_site_end(lines, 0, len(lines), {4}) == 3
    # The fourteenth evaluation's page: the QR line and the caption of downloads over it.
    notice = _parse(
        TITLE, META, "", TEXT, "", SIGNATURE, DATE, "", "来源:市政府办公室", "附件下载", "",
        "扫一扫在手机上查看当前页面", "", "政策文件", "相关链接",
    )  # fmt: skip
    assert "政策文件" not in notice.body_text()
    notice = _parse(
        TITLE, META, "", TEXT, "", "扫一扫在手机上查看当前页面", "", "人防宣传教育", "相关链接",
    )  # fmt: skip
    assert _texts(notice) == [TEXT]


def test_the_texts_last_short_line_over_the_caption_stays() -> None:
    # review p06 and p28: a slogan or a courtesy line under the last sentence.
    for last in ("居安思危常备不懈", "敬请广大市民谅解", "人民防空为人民"):
        notice = _parse(TITLE, META, "", TEXT, "", last, "相关链接", "岚州市人防办召开部署会")
        assert _texts(notice) == [TEXT, last]
    for last in ("敬请广大市民谅解！", "特此公告。"):
        notice = _parse(TITLE, META, "", TEXT, "", last, "相关链接", "岚州市人防办召开部署会")
        assert _texts(notice)[-1] == last


def test_tabs_reaching_the_body_start_are_the_text() -> None:
    for lines in (
        ["政策文件", "相关链接", "某某文章"],
        ["", "", "政策文件", "相关链接", "某某文章"],
    ):
        caption = lines.index("相关链接")
        assert before_site_end(lines, 0, len(lines), {caption}, chrome_rows={0}) == caption


# --- R4, R8: a trailing file line is a name, and leaves the body after a shown closing ----

CLOSED = (TITLE, META, "", TEXT, "", SIGNATURE, DATE, "")


def test_file_names_after_the_closing_leave_the_body() -> None:
    for files in (
        ["附件:检查清单.pdf", "2.自查表.docx"],
        ["附件2.自查表.docx"],
        ["附件:", "(1)检查清单.pdf", "(2)自查表.docx"],
        ["《岚州市人防工程维护管理办法》.pdf"],
        ["附件1 岚州市人防工程维护管理检查表.xlsx"],
        ["附件:", "1.请示报告.docx"],
    ):
        notice = _parse(*CLOSED, *files)
        assert _typed(notice)[-2:] == [("signature", SIGNATURE), ("date", DATE)], files
        assert notice.attachments, files
    # Under the 附注 under the closing, too.
    notice = _parse(*CLOSED[:-1], "(此件主动公开)", "", "附件:检查清单.pdf")
    assert _typed(notice)[-1] == ("note", "(此件主动公开)")


def test_sentences_ending_in_a_file_name_stay_body_lines() -> None:
    # review p03 and p04: a contact line, an instruction; and label pairs and requests.
    for line in (
        "联系人：王明 电话：0351-7654321 登记表.docx",
        "请填写附件1.人防工程产权登记表.docx",
        "报送材料:人防工程登记表.docx",
        "点击下载:申请表.doc",
        "详见登记表.docx",
        "联系人 王明 13912345678 登记表.docx",
    ):
        notice = _parse(*CLOSED, line)
        assert _texts(notice)[-1] == line, line
    notice = _parse(
        *CLOSED, "附件：1.人防工程产权登记表.docx", "2.登记说明.pdf", "请填写附件1.人防工程产权登记表.docx"
    )  # fmt: skip
    assert _texts(notice)[-3:] == [
        "附件：1.人防工程产权登记表.docx",
        "2.登记说明.pdf",
        "请填写附件1.人防工程产权登记表.docx",
    ]


def test_file_names_ending_a_text_with_no_closing_stay_body_lines() -> None:
    # review p30: the document's own 附件 note after its text, no signature or date shown.
    notice = _parse(TITLE, META, "", TEXT, LAST, "", "附件:2024年人防工程维护管理情况统计表.xlsx")
    assert _texts(notice) == [TEXT, LAST, "附件:2024年人防工程维护管理情况统计表.xlsx"]
    assert [item.name for item in notice.attachments] == ["2024年人防工程维护管理情况统计表.xlsx"]
    notice = _parse(TITLE, META, "", TEXT, "", "附件:", "1.检查清单.pdf", "2.自查表.xlsx")
    assert _texts(notice) == [TEXT, "附件:", "1.检查清单.pdf", "2.自查表.xlsx"]


# --- R5: an issue-date label with a word before it names this document -------------------


@pytest.mark.parametrize("label", ["公文生成日期", "文件发文日期", "信息生成日期", "本件发文时间"])
def test_a_word_naming_this_document_before_an_issue_date_label(label: str) -> None:
    assert is_issued_label(label)


@pytest.mark.parametrize(
    "label",
    ["原发文日期", "上级发文日期", "来文发文日期", "收文发文日期", "转发发文日期", "数据生成日期"],
)
def test_a_word_naming_another_document_before_an_issue_date_label(label: str) -> None:
    assert not is_issued_label(label)


def test_a_reprints_original_issue_date_is_no_publication_date() -> None:
    # review p12: a reprinted provincial notice's grid gives the original's date only.
    grid = ("索引号:LZ-2024-0012", "原发文日期:2023-12-20", "发布机构:岚州市人民防空办公室")
    notice = _parse(*grid, "", TITLE, "", TEXT)
    assert notice.published_at is None
    assert ("原发文日期", "2023-12-20", None) in [(f.label, f.value, f.key) for f in notice.header]
    notice = _parse(*grid[:1], "公文生成日期:2024-02-26", *grid[2:], "", TITLE, "", TEXT)
    assert notice.published_at is not None and notice.published_at.startswith("2024-02-26")
