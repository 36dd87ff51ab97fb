"""The general forms of text renderings a ninth held-out evaluation of issue 9 found (its
report, forms A to I, and J's related-items caption): each rule alone, with what it must
not catch, on a text of our own. Fixtures 234 to 241 hold the same forms whole."""

from __future__ import annotations

import pytest

from noticecli.models import Notice
from noticecli.parse.attachments import named_files
from noticecli.parse.lines import is_boilerplate
from noticecli.parse.text_footer import blank_footer_tail
from noticecli.parse.text_furniture import (
    is_date_widget,
    is_empty_related_caption,
    is_glued_furniture,
    is_separator_line,
)
from noticecli.parse.text_runon import split_run_on_lines
from noticecli.parse.text_title import is_doc_type_title
from tests.rendering import body_texts as _body
from tests.rendering import label_values as _fields
from tests.rendering import parse_lines as _parse

TITLE = "岚川县人防办开展防空警报试鸣演练"
FIRST = "9月14日上午,岚川县人防办组织全县防空警报试鸣,检验警报设施运行状况。"
LAST = "演练期间全县群众生产生活秩序正常。"


def _paragraphs(notice: Notice) -> list[str | None]:
    return [block.text for block in notice.body if block.type == "paragraph"]


# --- A: a greeting and a date widget glued on one line ---------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "欢迎访问岚川县人民政府网站!今天是:",
        "欢迎访问岚川县人民政府网站! 今天是:",
        "欢迎光临岚川县人民政府门户网站今天是:2024年5月6日 星期一",
        "无障碍欢迎访问岚川县人民政府网站!",
        "今天是:2024-05-06 设为首页 加入收藏",
    ],
)
def test_a_line_of_glued_furniture_pieces_is_chrome(line: str) -> None:
    assert is_glued_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "欢迎广大市民踊跃参加人防知识竞赛。",  # a sentence that opens with a greeting
        "欢迎访问岚川县人民政府网站!今天是植树节,请爱护绿化。",  # 今天是 opens a sentence
        "主任说今天是全民国防教育日,要增强国防观念。",  # 今天是 in mid-sentence
        "欢迎访问岚川县人民政府网站!",  # one piece: the whole-line patterns decide
        "发布日期:2024-05-06",
    ],
)
def test_a_sentence_a_lone_piece_or_a_meta_label_is_not_glued_furniture(line: str) -> None:
    assert not is_glued_furniture(line)


@pytest.mark.parametrize(
    "piece", ["今天是:", "今天是：2024年5月6日 星期一", "今天是 2024-05-06 周一"]
)
def test_a_date_widget_wherever_it_stands(piece: str) -> None:
    assert is_date_widget(piece)


def test_a_glued_greeting_line_above_the_title_leaves_the_header_readable() -> None:
    notice = _parse(
        "无障碍",
        "欢迎访问岚川县人民政府网站!今天是:",
        "当前位置: 首页 >> 政务公开 >> 正文",
        TITLE,
        "[ 索  引  号 ] 11340123MB1234567X/2024-00031 [ 发布机构 ] 岚川县人防办",
        "[ 成文日期 ] [ 公开日期 ] 2024-09-14",
        FIRST,
        LAST,
    )
    assert notice.title == TITLE
    assert notice.published_at is not None and notice.published_at.startswith("2024-09-14")
    assert ("发布机构", "岚川县人防办") in _fields(notice)
    assert _body(notice) == [FIRST, LAST]


def test_a_greeting_sentence_inside_the_text_stays() -> None:
    notice = _parse(
        TITLE, "发布时间:2024-09-14", FIRST, "欢迎访问岚川县人民政府网站!今天是植树节。"
    )
    assert _body(notice) == [FIRST, "欢迎访问岚川县人民政府网站!今天是植树节。"]


# --- B: lone separator lines ----------------------------------------------------------------


@pytest.mark.parametrize("line", ["-", "—", "——", "–", "***", "·", "------", "________"])
def test_a_line_of_separator_marks_only_is_no_text(line: str) -> None:
    assert is_separator_line(line)


@pytest.mark.parametrize(
    "line", ["- 一是加强宣传", "-2021-02-02-", "- 2 -", "====== 正文 ======", "|", "-a-"]
)
def test_a_bullet_with_text_a_dated_dash_a_page_number_or_an_archiver_rule_is_not(
    line: str,
) -> None:
    assert not is_separator_line(line)


def test_dash_lines_between_the_title_and_its_meta_lines_do_not_stop_the_meta_block() -> None:
    notice = _parse("-", TITLE, "-", "-", "日期:2024-09-14", "来源:", "", FIRST, LAST)
    assert notice.title == TITLE
    assert _fields(notice) == [("日期", "2024-09-14"), ("来源", None)]
    assert _body(notice) == [FIRST, LAST]


def test_a_list_item_after_a_dash_bullet_keeps_its_text() -> None:
    notice = _parse(TITLE, "日期:2024-09-14", FIRST, "- 一是加强宣传", LAST)
    assert "一是加强宣传" in _body(notice)


# --- C: a whole article on one line ----------------------------------------------------------

PARTS = [
    "9月14日上午,岚川县人防办在城东广场组织全县防空警报试鸣,检验警报设施运行状况和群众"
    "识别警报信号的能力,县人防办全体干部职工参加了本次活动。",
    "试鸣分预先警报、空袭警报和解除警报三种信号进行,各乡镇同步鸣放,城区共设置警报点十二"
    "处,全部按时正常鸣响,音响覆盖率达到预定要求。",
    "试鸣期间,县人防办在广场设置宣传展板,向过往群众讲解防空警报识别方法和紧急疏散知识,"
    "发放宣传资料三百余份,解答群众咨询五十余人次。",
    LAST,
]


def test_a_line_holding_the_whole_article_is_cut_at_each_sentence_end_and_space() -> None:
    assert split_run_on_lines(["", " ".join(PARTS), ""]) == ["", *PARTS, ""]


def test_a_run_on_article_under_separate_title_and_date_lines_gives_its_paragraphs() -> None:
    notice = _parse(f"{TITLE} |", "发布日期:2024-09-14 |", " ".join(PARTS), "|")
    assert notice.title == TITLE
    assert _paragraphs(notice) == PARTS


@pytest.mark.parametrize(
    "line",
    [
        # a bracketed credit after the space stays with the paragraph it closes
        " ".join(PARTS[:3]).replace("。 试鸣期间", "。 (记者 王青)试鸣期间"),
        # a space after 。 inside quotes is the quotation's
        "“" + " ".join(PARTS[:3]) + "”",
    ],
)
def test_no_cut_after_a_credit_bracket_or_inside_quotes(line: str) -> None:
    parts = split_run_on_lines([line])
    assert all("(记者" not in part[:1] for part in parts)
    if line.startswith("“"):
        assert parts == [line]


def test_a_short_line_or_a_long_paragraph_among_paragraphs_of_their_own_stays_whole() -> None:
    short = f"{FIRST} {LAST}"
    assert split_run_on_lines([short]) == [short]
    long_line = " ".join(PARTS)
    lines = [long_line, "", PARTS[0], "", PARTS[1]]  # other paragraphs on lines of their own
    assert split_run_on_lines(lines) == lines


# --- D: the footer's lines after its sponsor line ---------------------------------------------

FOOTER = [
    "地址:岚川县城关镇人民路18号",
    "电话:0000-1234567(工作日9:00-17:00) 网站地图",
    "传真:0000-1234568",
]


def test_short_lines_after_a_footer_line_under_the_text_are_the_footer() -> None:
    lines = [TITLE, FIRST, LAST, "", *FOOTER]
    blank_footer_tail(lines, {3})
    assert lines == [TITLE, FIRST, LAST, "", "", "", ""]


def test_a_footer_run_closed_by_a_registration_code_is_the_footer_after_a_cut_text() -> None:
    cut = "二是健全应急管理组织机构,由县长任指挥长的应对突发事件的"  # cut mid-sentence
    lines = [TITLE, FIRST, cut, "", *FOOTER, ""]
    registration = len(lines) - 1  # 网站标识码:…, blanked as furniture before this reader
    blank_footer_tail(lines, {3}, {registration})  # 3: the sponsor line, blanked already
    assert lines == [TITLE, FIRST, cut, "", "", "", "", ""]
    lines = [TITLE, FIRST, cut, "", *FOOTER, ""]
    blank_footer_tail(lines, {3})  # no registration code: the cut text may go on
    assert lines[4:7] == FOOTER


def test_a_long_paragraph_cut_short_ends_the_text_over_a_footer_line() -> None:
    cut = (
        "为切实做好人防工程汛期安全管理工作,县人防办组织工作人员对辖区内已建成的人防工程逐一开展检查"
        * 2
    )
    lines = [TITLE, cut, "", *FOOTER]  # longer than any footer line: a paragraph, cut
    blank_footer_tail(lines, {2})
    assert lines == [TITLE, cut, "", "", "", ""]


def test_contact_lines_inside_the_text_or_before_a_sentence_stay() -> None:
    lines = [TITLE, "", *FOOTER]  # no sentence above the footer line: the site's header
    blank_footer_tail(lines, {1})
    assert lines[2:5] == FOOTER
    lines = [FIRST, "", *FOOTER, LAST]  # a sentence after the contact lines: the text's
    blank_footer_tail(lines, {1})
    assert lines[2:5] == FOOTER


@pytest.mark.parametrize(
    "line",
    [
        "技术支持电话:0000-7654321(工作日9:00-17:00)",
        "网站支持IPV6 推荐使用1366*768或以上分辨率,并使用IE10或以上版本浏览器",
        "建议使用1920*1080分辨率浏览本站",
    ],
)
def test_support_lines_and_browser_advice_are_furniture_on_their_own(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line", ["建议使用谷歌浏览器登录申报系统。", "技术支持单位要及时响应。", "推荐使用人防工程"]
)
def test_a_sentence_about_a_browser_or_support_is_text(line: str) -> None:
    assert not is_boilerplate(line)


def test_the_footer_after_a_sponsor_line_leaves_the_body_and_a_notice_s_contacts_stay() -> None:
    notice = _parse(
        TITLE,
        "发布日期:2024-09-14",
        FIRST,
        "联系电话:0000-1234567",
        LAST,
        "主办单位:岚川县人民政府办公室",
        *FOOTER,
        "网站支持IPV6 推荐使用1366*768或以上分辨率,并使用IE10或以上版本浏览器",
    )
    assert _body(notice) == [FIRST, "联系电话:0000-1234567", LAST]


# --- E: a widget sentence glued to an empty label --------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "责任编辑:扫一扫在手机打开当前页",
        "责任编辑: 扫一扫在手机打开当前页",
        "发布时间:2024-09-14 编辑:扫一扫在手机上查看当前页面",
    ],
)
def test_a_value_that_is_the_qr_widget_sentence_is_no_value(line: str) -> None:
    notice = _parse(TITLE, line, FIRST, LAST)
    assert [value for label, value in _fields(notice) if "编辑" in label] == [None]


@pytest.mark.parametrize("value", ["打印厂工会", "扫一扫岚川微信公众号", "关于关闭人防工程的通知"])
def test_a_value_holding_a_widget_word_inside_a_name_stays(value: str) -> None:
    notice = _parse(TITLE, f"发布时间:2024-09-14 来源:{value}", FIRST, LAST)
    assert ("来源", value) in _fields(notice)


def test_an_editor_label_glued_to_the_qr_sentence_is_an_empty_field() -> None:
    notice = _parse(TITLE, "发布时间:2024-09-14", FIRST, LAST, "责任编辑:扫一扫在手机打开当前页")
    assert ("责任编辑", None) in _fields(notice)
    assert _body(notice) == [FIRST, LAST]


# --- F: a document type's word alone as the title ---------------------------------------------


@pytest.mark.parametrize("word", ["通知", "通 知", "通\u3000知", "公  告", "函"])
@pytest.mark.parametrize("under", ["2024-05-20 09:30", "信息来源:岚川县人防办", "各乡镇人民政府:"])
def test_a_document_type_word_over_a_date_meta_or_salutation_is_the_title(
    word: str, under: str
) -> None:
    assert is_doc_type_title([word, under], 0)


@pytest.mark.parametrize(
    "lines",
    [
        ["通知公告", "2024-05-20"],  # a column's caption
        ["通知", "关于开展人防宣传月活动的通知"],  # over another title
        ["通知", "岚川县人防办开展防空警报试鸣 2024-05-20"],  # over a list item
        ["检 查 内 容", "2024-05-20"],  # a letter-spaced label
        ["通知"],
    ],
)
def test_a_caption_a_word_over_a_title_or_list_or_a_label_is_not(lines: list[str]) -> None:
    assert not is_doc_type_title(lines, 0)


def test_a_letter_spaced_document_type_title_and_the_date_time_under_it() -> None:
    notice = _parse(
        "通 知",
        "2024-05-20 09:30",
        "浏览次数:",
        "信息来源:岚川县人防办",
        "各乡镇人民政府:",
        FIRST,
        LAST,
    )
    assert notice.title == "通 知"
    assert notice.published_at is not None and notice.published_at.startswith("2024-05-20T09:30")
    assert ("信息来源", "岚川县人防办") in _fields(notice)
    assert _body(notice)[0] == "各乡镇人民政府:"


def test_a_column_caption_over_the_title_leaves_the_title_to_the_later_line() -> None:
    notice = _parse("通知公告", TITLE, "发布时间:2024-09-14", FIRST, LAST)
    assert notice.title == TITLE


# --- G: an unclosed bracket after 附件 -----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("附件【人防工程自查表.xlsx", "人防工程自查表.xlsx"),
        ("附件[人防工程自查表.xlsx", "人防工程自查表.xlsx"),
        ("附件1:(人防工程自查表.docx", "人防工程自查表.docx"),
        ("附件《人防工程自查表.pdf", "人防工程自查表.pdf"),
    ],
)
def test_an_opening_bracket_the_name_never_closes_is_the_label_s(line: str, name: str) -> None:
    assert [item.name for item in named_files([line])] == [name]


@pytest.mark.parametrize(
    "line",
    [
        "附件:《岚川县人防工程管理办法》.pdf",
        "附件:【2024】5号.pdf",
        "附件:(征求意见稿).docx",
        "附件:人防工程(地下室)自查表.xlsx",
        "【2024】5号.pdf",  # no 附件 label: the name is the whole line
    ],
)
def test_a_bracket_closed_inside_the_name_stays(line: str) -> None:
    name = line.split(":", 1)[-1]
    assert [item.name for item in named_files([line])] == [name]


def test_the_line_of_an_unclosed_bracket_stays_in_the_body_as_shown() -> None:
    notice = _parse(TITLE, "发布时间:2024-09-14", FIRST, "附件【人防工程自查表.xlsx", LAST)
    assert [item.name for item in notice.attachments] == ["人防工程自查表.xlsx"]
    assert _body(notice)[-2] == "附件【人防工程自查表.xlsx"
    # Ending the text with no closing shown, it stays a body line too.
    notice = _parse(TITLE, "发布时间:2024-09-14", FIRST, LAST, "附件【人防工程自查表.xlsx")
    assert [item.name for item in notice.attachments] == ["人防工程自查表.xlsx"]
    assert _body(notice)[-1] == "附件【人防工程自查表.xlsx"
    # After the closing's signature and date, the line is the page's attachment list (ruling
    # (c) of the fourteenth held-out evaluation): an attachment, no body line.
    closing = ("岚川县人防办", "2024年9月14日")
    notice = _parse(
        TITLE, "发布时间:2024-09-14", FIRST, LAST, *closing, "附件【人防工程自查表.xlsx"
    )
    assert [item.name for item in notice.attachments] == ["人防工程自查表.xlsx"]
    assert _body(notice) == [FIRST, LAST, *closing]


# --- H: a photo's file name alone on a line ----------------------------------------------------

PHOTO = "202409141030225518.jpg"


def test_a_photo_name_line_is_an_attachment_and_no_paragraph() -> None:
    notice = _parse(TITLE, "发布时间:2024-09-14", FIRST, PHOTO, LAST, "202409141031102271.png")
    assert _paragraphs(notice) == [FIRST, LAST]
    assert [item.name for item in notice.attachments] == [PHOTO, "202409141031102271.png"]


def test_document_names_names_under_an_attachment_caption_and_sentences_stay() -> None:
    sentence = f"现场照片见{PHOTO}。"
    notice = _parse(
        TITLE,
        "发布时间:2024-09-14",
        FIRST,
        sentence,
        LAST,
        "演练方案.pdf",
        "附件:",
        "1.现场照片.jpg",
        "岚川县人防办",
        "2024年9月14日",
    )
    assert _paragraphs(notice) == [FIRST, sentence, LAST, "演练方案.pdf", "附件:", "1.现场照片.jpg"]
    # Ending a text with no closing shown, they stay body lines too.
    names = ("演练方案.pdf", "附件:", "1.现场照片.jpg")
    notice = _parse(TITLE, "发布时间:2024-09-14", FIRST, sentence, LAST, *names)
    assert _paragraphs(notice) == [FIRST, sentence, LAST, *names]
    # After the closing, the names and their caption are the page's attachment list (ruling
    # (c) of the fourteenth held-out evaluation): attachments, no body lines.
    closing = ("岚川县人防办", "2024年9月14日")
    notice = _parse(TITLE, "发布时间:2024-09-14", FIRST, sentence, LAST, *closing, *names)
    assert _paragraphs(notice) == [FIRST, sentence, LAST]
    assert [item.name for item in notice.attachments] == ["演练方案.pdf", "1.现场照片.jpg"]


# --- I: a print-the-text button ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["【打印正文】", "[打印文章]", "打印正文", "【关闭本页】", "【收藏本页】"]
)
def test_a_line_of_widget_verbs_and_objects_is_a_widget(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", ["打印设备采购公告", "【工作要求】", "关闭正门的通知"])
def test_a_heading_opening_with_a_widget_verb_or_a_bracketed_heading_is_text(line: str) -> None:
    assert not is_boilerplate(line)


def test_a_print_button_after_the_text_is_dropped() -> None:
    notice = _parse(TITLE, "发布时间:2024-09-14", FIRST, LAST, "分享到:", "【打印正文】")
    assert _body(notice) == [FIRST, LAST]


# --- J: an empty related-items caption --------------------------------------------------------


@pytest.mark.parametrize("line", ["关联稿件:", "相关文章：", "【相关信息】:", "关联阅读 :"])
def test_an_empty_related_items_caption_is_chrome(line: str) -> None:
    assert is_empty_related_caption(line)


@pytest.mark.parametrize(
    "line", ["相关文件:岚川县人防工程管理办法.pdf", "关联单位:", "关联企业名称:", "相关"]
)
def test_a_caption_with_a_value_or_a_longer_label_is_not(line: str) -> None:
    assert not is_empty_related_caption(line)


def test_an_empty_related_caption_between_the_counter_and_the_text_is_neither_field_nor_body() -> (
    None
):
    notice = _parse(TITLE, "发布时间:2024-09-14", "访问量:", "关联稿件:", FIRST, LAST)
    assert [label for label, _ in _fields(notice)] == ["发布时间", "访问量"]
    assert _body(notice) == [FIRST, LAST]


def test_a_related_label_with_a_value_is_not_dropped() -> None:
    line = "相关文件:岚川县人防工程管理办法.pdf"
    notice = _parse(TITLE, "发布时间:2024-09-14", FIRST, line, LAST)
    assert line in _body(notice)
    # Ending the text, the page's attachment list (ruling (c) of the fourteenth held-out
    # evaluation): the file is kept as an attachment.
    notice = _parse(TITLE, "发布时间:2024-09-14", FIRST, LAST, line)
    assert [item.name for item in notice.attachments] == ["岚川县人防工程管理办法.pdf"]


# --- not scored: a bracketed grid row left in the body keeps its line as shown -----------------


def test_a_bracketed_grid_row_in_the_body_gets_no_colon_the_page_lacks() -> None:
    row = "[ 索  引  号 ] 11340123MB1234567X/2024-00031 [ 文       号 ] [ 发布机构 ] 岚川县人防办"
    notice = _parse(TITLE, "发布时间:2024-09-14", FIRST, row, LAST)
    assert _body(notice) == [FIRST, row, LAST]
