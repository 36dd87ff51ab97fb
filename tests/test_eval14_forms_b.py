"""Forms of the fourteenth held-out evaluation (report i9eval14b D, F, G and K) and the
ruling on trailing file-name lines, each with what it must not catch, on texts of our own:
a 公文's 附注 under the closing is a note block (text renderings and HTML bodies); a tab
strip over a related-links caption ends the body at its first tab; a template region's name
alone on a line is chrome; a run-on bulletin line is cut into masthead, salutation and
text; file names ending a text rendering are its attachment list, not body lines."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.models import Notice
from noticecli.parse.lines import is_publication_note, under_closing
from noticecli.parse.text_end import before_site_end
from noticecli.parse.text_furniture import is_template_region
from noticecli.parse.text_runon import is_bulletin_masthead, split_run_on_lines
from tests.rendering import paragraphs as _paragraphs
from tests.rendering import parse_lines as _parse
from tests.rendering import typed_blocks as _typed

TITLE = "岚溪市人民政府办公室关于做好2024年人防工程安全检查工作的通知"
META = "发布时间:2024-01-22 09:30 来源:岚溪市人民政府办公室"
SALUTATION = "各镇人民政府、街道办事处:"
TEXT = "为保障人防工程使用安全,市政府决定于2月至3月开展人防工程安全检查。"
LAST = "请各单位于2月29日前报送自查情况。"
SIGNATURE = "岚溪市人民政府办公室"
DATE = "2024年1月19日"


def _html(*paragraphs: str) -> Notice:
    body = "".join(paragraphs)
    return noticecli.parse_html(
        f"<html><head><title>{TITLE}</title></head><body>"
        f'<h1 class="title">{TITLE}</h1><div id="zoom">{body}</div></body></html>'
    )


# --- D: the 附注 under the closing ------------------------------------------------------------

NOTES = ("(此件主动公开)", "（此件公开发布）", "(此件不予公开)", "(此件依申请公开)")


@pytest.mark.parametrize("note", [*NOTES, "(此件删减后公开)", "(此页无正文)", "( 此件主动公开 )"])
def test_publication_note_shapes(note: str) -> None:
    assert is_publication_note(note)


@pytest.mark.parametrize(
    "text",
    [
        "(一)各单位要明确管理责任人",
        "（二）市国动办负责技术指导",
        "(供稿:岚溪市人防办)",
        "(记者 张明)",
        "(此件由县应急管理局负责解释。)",
        "(此件请转发至各村、社区)",
        "此件主动公开",
        "(此件主动公开)。",
        "（此件由市国防动员办公室会同市财政局、市住房和城乡建设局负责解释）",
    ],
)
def test_what_is_no_publication_note(text: str) -> None:
    assert not is_publication_note(text)


def test_under_closing_looks_at_the_last_two_lines() -> None:
    assert under_closing(["paragraph", "signature", "date"])
    assert under_closing(["paragraph", "date", "paragraph"])
    assert not under_closing(["signature", "paragraph", "paragraph"])
    assert not under_closing([])


@pytest.mark.parametrize("note", NOTES)
def test_a_note_under_the_date_is_a_note_block(note: str) -> None:
    notice = _parse(TITLE, META, "", SALUTATION, TEXT, LAST, "", SIGNATURE, DATE, note)
    assert _typed(notice)[-3:] == [("signature", SIGNATURE), ("date", DATE), ("note", note)]
    assert _paragraphs(notice)[-1] == LAST
    assert note in notice.body_text()  # shown text is kept


def test_an_indented_note_after_the_signature_alone_closes_too() -> None:
    notice = _parse(TITLE, META, "", TEXT, "特此通知。", "", SIGNATURE, "", "  (此件主动公开)")
    assert _typed(notice)[-2:] == [("signature", SIGNATURE), ("note", "(此件主动公开)")]
    assert _paragraphs(notice)[-1] == "特此通知。"


def test_a_note_second_after_the_closing_is_a_note() -> None:
    notice = _parse(TITLE, META, "", TEXT, "", SIGNATURE, DATE, "抄送:市人防办", "(此件公开发布)")
    assert _typed(notice)[-1] == ("note", "(此件公开发布)")


def test_a_bracketed_line_before_the_closing_stays_text() -> None:
    # The note's words before the closing, or far after it, and numbered items: paragraphs.
    notice = _parse(
        TITLE, META, "", "(一)各单位要明确管理责任人。", "(此件主动公开)", TEXT, "", SIGNATURE, DATE
    )
    assert ("paragraph", "(此件主动公开)") in _typed(notice)
    assert all(kind != "note" for kind, _ in _typed(notice))
    far = _parse(TITLE, META, "", TEXT, "", SIGNATURE, DATE, LAST, "第二段。", "(此件主动公开)")
    assert far.body[-1].type == "paragraph"


def test_a_credit_after_the_closing_stays_a_byline() -> None:
    notice = _parse(TITLE, META, "", TEXT, "", SIGNATURE, DATE, "(记者 张明)")
    assert notice.body[-1].type == "byline"


def test_html_note_under_the_right_aligned_closing() -> None:
    right = '<p style="text-align:right">'
    notice = _html(
        f"<p>{SALUTATION}</p><p>{TEXT}</p><p>（一）各单位要明确管理责任人。</p>",
        "<p>（此件由市国防动员办公室负责解释。）</p>",
        f"{right}{SIGNATURE}</p>{right}{DATE}</p>",
        f"{right}（此件主动公开）</p>",  # right-aligned as the closing is: still a note
    )
    assert _typed(notice)[-5:] == [
        ("paragraph", "（一）各单位要明确管理责任人。"),
        ("paragraph", "（此件由市国防动员办公室负责解释。）"),
        ("signature", SIGNATURE),
        ("date", DATE),
        ("note", "（此件主动公开）"),
    ]


def test_html_note_after_a_lone_signature_keeps_the_signature() -> None:
    notice = _html(f"<p>{TEXT}</p><p>{SIGNATURE}</p><p>（此件公开发布）</p>")
    assert _typed(notice)[-2:] == [("signature", SIGNATURE), ("note", "（此件公开发布）")]


def test_html_bracketed_lines_in_the_text_stay_paragraphs() -> None:
    notice = _html(f"<p>{TEXT}</p><p>（此件公开发布）</p><p>{LAST}</p>")
    assert [kind for kind, _ in _typed(notice)] == ["paragraph"] * 3


# --- F: a tab strip over the related-links caption ---------------------------------------


def _tail(*after: str) -> Notice:
    return _parse(TITLE, META, "", TEXT, "", SIGNATURE, DATE, "", "来源:市政府办公室", *after)


def test_a_tab_strip_ends_the_body_at_its_first_tab() -> None:
    for strip in (("政策文件", "相关链接"), ("政策文件", "政策解读", "相关链接")):
        notice = _tail("", "扫一扫在手机上查看当前页面", "", *strip)
        assert ("来源", "市政府办公室") in [(f.label, f.value) for f in notice.header]
        assert all(tab not in notice.body_text() for tab in strip)


def test_no_tab_strip_without_its_shape() -> None:
    lines = [TEXT, "", SIGNATURE, "岚县人防办", "相关链接", "岚县人防办发布汛期通告"]
    # A signature right over the caption is the closing's, not a tab.
    assert before_site_end(lines, 0, len(lines), {4}) == 4
    # Text right over the tabs (no blank line over the strip), a short line far above, a
    # person's name, a closing word, a line with digits: no strip.
    for above in (
        [TEXT, "政策文件", "相关链接"],
        [TEXT, "", "政策文件", "", "相关链接"],
        [TEXT, "", "张明", "相关链接"],
        [TEXT, "", "特此通知", "相关链接"],
        [TEXT, "", "2024政策文件", "相关链接"],
    ):
        caption = len(above) - 1
        assert before_site_end([*above, "某某文章"], 0, len(above) + 1, {caption}) == caption
    lines = [TEXT, "", "政策文件", "相关链接", "某某文章"]
    assert before_site_end(lines, 0, len(lines), {3}) == 2


def test_a_heading_of_the_text_over_the_caption_with_text_between_stays() -> None:
    notice = _parse(TITLE, META, "", TEXT, "", "联系方式说明", "", LAST, "", "相关链接")
    assert "联系方式说明" in notice.body_text()


# --- G: template region names ----------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["footer", "Footer", "HEADER", "footer-nav", "navbar", "footer_nav", "通用导航"]
)
def test_template_region_names(line: str) -> None:
    assert is_template_region(line)


@pytest.mark.parametrize(
    "line",
    ["main", "content", "top", "Notice", "Annex 1", "footer of the page", "导航", "网站导航说明"],
)
def test_what_is_no_template_region(line: str) -> None:
    assert not is_template_region(line)


def test_template_names_are_never_title_or_body() -> None:
    notice = _parse("header", "通用导航", TITLE, META, "", TEXT, "", SIGNATURE, DATE, "", "footer")
    assert notice.title == TITLE
    assert notice.body[-1].type == "date"
    assert "footer" not in notice.body_text()
    with_copyright = _parse(TITLE, META, "", TEXT, "", "Footer", "版权所有:岚溪市人民政府")
    assert _paragraphs(with_copyright) == [TEXT]


def test_english_words_in_the_text_stay() -> None:
    notice = _parse(TITLE, META, "", "请登录网站footer栏目查看联系方式。", "Notice", TEXT)
    assert "请登录网站footer栏目查看联系方式。" in _paragraphs(notice)
    assert "Notice" in notice.body_text()


# --- K: a run-on bulletin line ---------------------------------------------------------------

BULLETIN = "岚溪市森林高火险预警"
MASTHEAD = f"{BULLETIN} 2024第6期 岚溪市森林防灭火指挥部办公室、2024年10月8日 岚溪市气象局 森林火险橙色预警"
ADDRESSEES = "各镇人民政府、街道办事处、市森林防灭火指挥部成员单位:"
SENTENCE = (
    "据岚溪市气象局预测,10月9日至12日我市以晴到多云天气为主,气温偏高,空气干燥,森林火险气象等级"
    "高,请各地各单位立即进入高火险期工作状态,严格落实野外火源管控措施,加强巡山护林和重点部位值守,"
    "做好扑火队伍和物资准备,严禁一切野外用火,发现火情及时报告并组织扑救,以防发生森林火灾,确保人民群"
    "众生命财产安全。"
)


def test_a_run_on_bulletin_line_is_masthead_salutation_and_text() -> None:
    notice = _parse(f"{BULLETIN} |", f"{MASTHEAD} {ADDRESSEES} {SENTENCE} |", "打印本页 关闭窗口 |")
    assert notice.title == BULLETIN  # the title is not lost to the cut
    assert _typed(notice) == [
        ("heading", MASTHEAD),
        ("paragraph", ADDRESSEES),
        ("paragraph", SENTENCE),
    ]


def test_a_salutation_over_one_long_sentence_is_cut() -> None:
    assert split_run_on_lines([f"{ADDRESSEES} {SENTENCE}"]) == [ADDRESSEES, SENTENCE]


@pytest.mark.parametrize(
    "colon",
    ["具体要求如下:", "联系电话:", "发布单位:", "各地要高度重视,要求:", "各镇要做好以下工作:"],
)
def test_no_salutation_cut_at_a_sentence_or_label_colon(colon: str) -> None:
    line = f"{colon} {SENTENCE}"
    assert split_run_on_lines([line]) == [line]


def test_addressees_ending_in_an_office_or_a_committee() -> None:
    for addressees in ("各街道办事处:", "各镇人民政府、开发区管委会:"):
        assert split_run_on_lines([f"{addressees} {SENTENCE}"]) == [addressees, SENTENCE]


def test_prose_opening_with_the_title_is_no_masthead() -> None:
    line = f"{BULLETIN}发布后,{ADDRESSEES} {SENTENCE}"
    assert not is_bulletin_masthead(f"{BULLETIN}发布后,各镇要立即行动", BULLETIN)
    notice = _parse(BULLETIN, line)
    assert all(block.type != "heading" for block in notice.body)
    assert _paragraphs(notice)[0].startswith(f"{BULLETIN}发布后")


def test_a_masthead_needs_the_title_and_its_issue_number() -> None:
    assert is_bulletin_masthead(MASTHEAD, BULLETIN)
    assert is_bulletin_masthead(f"{BULLETIN} 第6期 岚溪市气象局", BULLETIN)
    assert is_bulletin_masthead(f"{BULLETIN} 〔2024〕第六期 岚溪市气象局", BULLETIN)
    assert not is_bulletin_masthead(MASTHEAD, "另一份预警")
    assert not is_bulletin_masthead(MASTHEAD, None)
    assert not is_bulletin_masthead(f"{BULLETIN} 岚溪市气象局 2024第6期", BULLETIN)
    assert not is_bulletin_masthead(f"{MASTHEAD} {SENTENCE}", BULLETIN)


# --- (c): file names ending a text rendering ----------------------------------------------


def test_file_names_after_the_closing_leave_the_body() -> None:
    notice = _parse(
        TITLE, META, "", TEXT, LAST, "", SIGNATURE, DATE, "", "附件:检查清单.pdf", "2.自查表.docx"
    )
    assert _typed(notice)[-2:] == [("signature", SIGNATURE), ("date", DATE)]
    assert [(a.name, a.url, a.file_type) for a in notice.attachments] == [
        ("检查清单.pdf", None, "pdf"),
        ("2.自查表.docx", None, "docx"),
    ]


def test_a_run_of_file_names_after_the_closing_leaves_with_its_caption() -> None:
    notice = _parse(
        TITLE, META, "", TEXT, LAST, "", SIGNATURE, DATE, "", "附件:", "1.检查清单.pdf", "2.自查表.xlsx"
    )  # fmt: skip
    assert _paragraphs(notice) == [TEXT, LAST]
    assert _typed(notice)[-1] == ("date", DATE)
    assert [a.name for a in notice.attachments] == ["1.检查清单.pdf", "2.自查表.xlsx"]


def test_file_names_before_the_closing_stay_body_lines() -> None:
    notice = _parse(TITLE, META, "", TEXT, "附件:1.检查清单.pdf", "", SIGNATURE, DATE)
    assert _paragraphs(notice)[-1] == "附件:1.检查清单.pdf"
    assert [a.name for a in notice.attachments] == ["1.检查清单.pdf"]


def test_a_page_of_file_names_only_keeps_them() -> None:
    notice = _parse(TITLE, META, "", "附件:检查清单.pdf")
    assert _paragraphs(notice) == ["附件:检查清单.pdf"]


def test_a_sentence_naming_a_file_after_the_closing_stays() -> None:
    notice = _parse(
        TITLE, META, "", TEXT, "", SIGNATURE, DATE, "请下载附件填写后报送,见自查表.docx"
    )
    assert notice.body[-1].text == "请下载附件填写后报送,见自查表.docx"


def test_html_bodies_keep_their_file_lines() -> None:
    notice = _html(f"<p>{TEXT}</p><p>{SIGNATURE}</p><p>{DATE}</p><p>附件:检查清单.pdf</p>")
    assert notice.body[-1].text == "附件:检查清单.pdf"
