"""Text kept where the site's end, chrome and run-on rules met a notice's own lines (review
s3 of issue 9's text readers): an in-text 主办单位 line, a line holding 版权所有 or ©, the
notice's own 相关链接 caption, a column caption over a date, a 公文 field over the title,
quotes in a run-on paragraph. Each with the site's form it must still catch."""

from __future__ import annotations

import pytest

from noticecli.parse.lines import is_boilerplate
from noticecli.parse.text_end import is_copyright_line
from noticecli.parse.text_runon import split_run_on_lines
from noticecli.parse.text_start import blank_chrome_above_start
from tests.rendering import body_texts
from tests.rendering import label_values as _fields
from tests.rendering import parse_lines as _parse

TITLE = "关于举办2024年岚川县防空防灾知识竞赛的通知"
META = "发布时间：2024-08-28 来源：岚川县国动办"
SALUTATION = "各乡镇人民政府，县直各单位："
FIRST = "为普及防空防灾知识，经研究，决定举办2024年岚川县防空防灾知识竞赛。现将有关事项通知如下。"
SIGNATURE = ("岚川县国动办", "2024年8月28日")


# --- H1: an in-text 主办单位 line is no footer ------------------------------------------------


def test_an_organisers_line_inside_the_notice_keeps_the_closing_block() -> None:
    rest = (
        "承办单位：岚川县应急管理局",
        "二、竞赛时间",
        "2024年9月20日",
        "三、联系方式",
        "联系人：王明",
        "联系电话：0571-88888888",
        *SIGNATURE,
    )
    notice = _parse(TITLE, META, SALUTATION, FIRST, "一、组织单位", "主办单位：岚川县国动办", *rest)
    assert body_texts(notice)[-len(rest) :] == list(rest)


def test_a_footer_after_the_signature_still_goes() -> None:
    notice = _parse(
        TITLE,
        META,
        SALUTATION,
        FIRST,
        *SIGNATURE,
        "主办单位：岚川县人民政府办公室",
        "地址：岚川县人民路1号 电话：0571-88888888",
        "推荐使用1920*1080分辨率浏览本网站",
    )
    assert body_texts(notice)[-2:] == list(SIGNATURE)


# --- H2: a line holding 版权所有, copyright or © is the site's only when shaped like one --------


@pytest.mark.parametrize(
    "line",
    [
        "Copyright © 2024 岚川县人民政府 All Rights Reserved",
        "Copyright 2008-2024 www.lanchuan.gov.cn",
        "COPYRIGHT©2024 岚川县国动办",
        "© 2024 岚川县人民政府",
        "版权所有：岚川县人民政府办公室",
        "版权所有 岚川县国动办 浙ICP备12345678号-1",
        "版权所有©岚川县人民政府 技术支持：某某科技",
        "岚川县人民政府 版权所有",
        "主办：岚川县人民政府 版权所有：岚川县人民政府办公室 备案号：浙ICP备12345678号",
    ],
)
def test_copyright_lines(line: str) -> None:
    assert is_copyright_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "关于依法保护版权所有人合法权益的通告",  # a title
        "二、版权所有人的权利与义务",  # a heading
        "二、应征作品须为原创，版权所有归主办方",  # a list item
        "Copyright of the photographs belongs to the county office.",  # an English sentence
        "讲座现场（摄影：张三 ©岚川日报）",  # a photo credit
        "版权所有人应当如实申报作品信息",
    ],
)
def test_lines_holding_the_word_are_no_copyright_line(line: str) -> None:
    assert not is_copyright_line(line)


def test_a_title_holding_the_word_stays_the_title() -> None:
    title = "关于依法保护版权所有人合法权益的通告"
    notice = _parse(
        title, META, "各有关单位：", "为切实保护著作权人合法权益，现就有关事项通告如下。"
    )
    assert notice.title == title
    assert ("发布时间", "2024-08-28") in _fields(notice)


def test_text_lines_holding_the_word_stay_in_the_body() -> None:
    lines = (
        "二、版权所有人的权利与义务",
        "讲座现场（摄影：张三 ©岚川日报）",
        "三、应征作品须为原创，版权所有归主办方",
        "四、截止时间：2024年9月30日",
        *SIGNATURE,
    )
    notice = _parse(TITLE, META, SALUTATION, FIRST, *lines)
    assert body_texts(notice)[-len(lines) :] == list(lines)


def test_an_english_sentence_with_the_word_stays() -> None:
    line = "Copyright of the photographs belongs to the county office."
    notice = _parse(TITLE, META, "The county will test air-raid sirens on 14 September.", line)
    assert body_texts(notice)[-1] == line


def test_the_sites_copyright_line_still_ends_the_body() -> None:
    notice = _parse(
        TITLE,
        META,
        FIRST,
        *SIGNATURE,
        "Copyright © 2024 岚川县人民政府 All Rights Reserved",
        "地址：岚川县人民路1号",
        "网站地图",
    )
    assert body_texts(notice)[-2:] == list(SIGNATURE)


# --- M1: the notice's own related caption, with its signature under it ------------------------


@pytest.mark.parametrize(
    "lines",
    [
        ("相关链接：", "岚川县政务公开平台 www.lanchuan.gov.cn/zwgk", *SIGNATURE),
        ("相关信息：", "本办法自2024年10月1日起施行", *SIGNATURE),
    ],
)
def test_a_related_caption_of_the_notice_keeps_what_follows(lines: tuple[str, ...]) -> None:
    notice = _parse(TITLE, META, SALUTATION, FIRST, *lines)
    assert body_texts(notice)[-2:] == list(SIGNATURE)
    assert "本办法自2024年10月1日起施行" in body_texts(notice) or lines[1] in body_texts(notice)


def test_a_related_box_after_the_text_still_ends_the_body() -> None:
    notice = _parse(
        TITLE,
        META,
        FIRST,
        *SIGNATURE,
        "相关链接：",
        "岚川县国动办开展人防宣传进社区活动",
        "岚川县召开2024年人防工作会议",
    )
    assert body_texts(notice)[-2:] == list(SIGNATURE)


# --- M3: a column caption over a date line over the real title --------------------------------


def test_a_column_caption_over_a_date_and_a_titled_meta_block_is_no_title() -> None:
    title = "岚川县国动办关于组织防空警报试鸣的通知"
    notice = _parse("通知", "2024-08-28", title, META, SALUTATION, FIRST, *SIGNATURE)
    assert notice.title == title
    assert ("来源", "岚川县国动办") in _fields(notice)


def test_a_doc_type_word_over_a_date_and_the_text_is_the_title() -> None:
    notice = _parse("通 知", "2024-08-28", SALUTATION, FIRST, *SIGNATURE)
    assert notice.title == "通 知"


# --- M4: a 公文 field over the title is no chrome ------------------------------------------------


@pytest.mark.parametrize(
    ("line", "key"),
    [("签发人：张三", "signer"), ("紧急程度：特急", "urgency"), ("密级：无", "secrecy")],
)
def test_a_document_field_over_the_title_is_a_field(line: str, key: str) -> None:
    title = "岚川县人民政府办公室关于组织防空警报试鸣的通知"
    notice = _parse(line, title, META, SALUTATION, FIRST, *SIGNATURE)
    label, value = line.split("：")
    assert notice.title == title
    first = notice.header[0]
    assert (first.key, first.label, first.value) == (key, label, value)


def test_an_unknown_label_with_a_name_over_the_title_is_kept() -> None:
    title = "岚川县人民政府办公室关于组织防空警报试鸣的通知"
    notice = _parse("联系人：王明", title, META, SALUTATION, FIRST, *SIGNATURE)
    assert ("联系人", "王明") in _fields(notice) or "联系人：王明" in body_texts(notice)


def test_a_hotline_over_the_title_is_still_chrome() -> None:
    title = "岚川县人民政府办公室关于组织防空警报试鸣的通知"
    notice = _parse("服务热线：0571-12345", title, META, SALUTATION, FIRST, *SIGNATURE)
    assert notice.title == title
    assert "服务热线" not in [label for label, _ in _fields(notice)]
    assert "服务热线：0571-12345" not in body_texts(notice)


# --- M5: the run-on splitter and quotes ---------------------------------------------------------

_LEAD = (
    "8月27日，岚川县召开2024年防空防灾工作会议，县国动办主任王明出席并讲话。会议总结了上半年工作。"
)


def test_no_cut_inside_ascii_quotes() -> None:
    line = (
        _LEAD + '王明指出："今年的防空警报试鸣是检验全县防空体系的重要机会。 各乡镇要提前做好宣传，'
        '确保群众知晓。 各单位要落实责任，确保万无一失。"会议要求，各地要进一步提高认识，压实责任，'
        "确保各项工作落到实处，以优异成绩迎接新中国成立75周年。"
    )
    assert split_run_on_lines([line]) == [line]


def test_a_quote_spanning_paragraphs_does_not_stop_later_cuts() -> None:
    first = (
        _LEAD + "王明在讲话中说：“今年的防空警报试鸣是检验全县防空体系的重要机会，确保群众知晓。"
    )
    second = "“各单位要落实责任，确保万无一失，确保试鸣期间群众生产生活秩序正常。”"
    third = "会议要求，各地要进一步提高认识，压实责任，确保各项工作落到实处。"
    assert split_run_on_lines([f"{first} {second} {third}"]) == [first, second, third]


def test_a_hotline_over_a_title_opening_with_a_date_is_chrome() -> None:
    title = "2024年9月14日防空警报试鸣公告"
    notice = _parse("服务热线：0571-12345", title, META, FIRST)
    assert notice.title == title
    assert _fields(notice) == [("发布时间", "2024-08-28"), ("来源", "岚川县国动办")]


@pytest.mark.parametrize(
    "line",
    [
        "2024-09-14 10:42 阅读人数:1",  # a date line with a counter
        "2024年9月14日 上午10时防空警报试鸣",  # a date and a gap: no headline after the date
    ],
)
def test_a_date_led_line_without_a_headline_starts_nothing(line: str) -> None:
    lines = ["服务热线：0571-12345", line, META, FIRST]
    assert blank_chrome_above_start(lines, 0) == []


# --- the caption over an attachment list is a line of the page --------------------------------


def test_a_files_caption_over_a_list_of_files_stays_its_own_line() -> None:
    files = ("岚川县人防工程管理办法.pdf", "人防工程使用申请表.docx")
    notice = _parse(TITLE, META, FIRST, "相关文件：", *files, *SIGNATURE)
    assert body_texts(notice)[-5:-2] == ["相关文件：", *files]
    assert [attachment.name for attachment in notice.attachments] == list(files)
    # After the closing, the caption and its files are the page's attachment list (ruling
    # (c) of the fourteenth held-out evaluation): attachments, no body lines, no field.
    notice = _parse(TITLE, META, FIRST, *SIGNATURE, "相关文件：", *files)
    assert body_texts(notice)[-2:] == list(SIGNATURE)
    assert [attachment.name for attachment in notice.attachments] == list(files)
    assert "相关文件" not in [field.label for field in notice.header]


def test_a_files_caption_over_one_file_stays_its_own_line() -> None:
    notice = _parse(TITLE, META, FIRST, "相关文件：", "岚川县人防工程管理办法.pdf", *SIGNATURE)
    assert body_texts(notice)[-4:-2] == ["相关文件：", "岚川县人防工程管理办法.pdf"]
    notice = _parse(TITLE, META, FIRST, *SIGNATURE, "相关文件：", "岚川县人防工程管理办法.pdf")
    assert body_texts(notice)[-2:] == list(SIGNATURE)
    assert "相关文件" not in [field.label for field in notice.header]


# --- a sentence opening with 版权所有 or 主办单位： is the text's, a footer line is the site's ---

_SPONSOR_SENTENCE = "主办单位：岚川县国动办负责竞赛的组织实施，承办单位负责场地保障和后勤服务。"
_OWNER_SENTENCE = "版权所有人应当于2024年9月30日前向县国动办提交作品登记表，逾期不予受理。"


@pytest.mark.parametrize("line", [_SPONSOR_SENTENCE, _OWNER_SENTENCE])
def test_a_sentence_opening_with_a_footer_word_is_no_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "版权所有 © 2024 岚川县人民政府 保留所有权利。",
        "版权所有：岚川县人民政府办公室",
        "主办单位：岚川县人民政府办公室  承办：岚川县大数据中心",
        "主办单位：岚川县人民政府办公室。",
    ],
)
def test_footer_lines_with_the_words_stay_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


def test_sentences_opening_with_a_footer_word_stay_in_the_body() -> None:
    lines = ("一、组织单位", _SPONSOR_SENTENCE, "二、作品要求", _OWNER_SENTENCE, *SIGNATURE)
    notice = _parse(TITLE, META, SALUTATION, FIRST, *lines)
    assert body_texts(notice)[-len(lines) :] == list(lines)


# --- a labelled person line over the title is a field, and the title is still read ---------


def test_a_contact_line_over_the_title_is_a_field_and_the_title_is_read() -> None:
    notice = _parse("联系人：王明", "", TITLE, META, SALUTATION, FIRST, *SIGNATURE)
    assert notice.title == TITLE
    assert ("联系人", "王明") in _fields(notice)
    assert ("发布时间", "2024-08-28") in _fields(notice)
    assert body_texts(notice)[:2] == [SALUTATION, FIRST]


def test_a_contact_line_over_text_without_a_meta_line_stays_text() -> None:
    notice = _parse("联系人：王明", TITLE, SALUTATION, FIRST)
    assert ("联系人", "王明") not in _fields(notice)
    assert "联系人：王明" in body_texts(notice)


# --- a document type's word over a date widget: the word is the title, the widget chrome ---

_WIDGET = "2024年05月01日 星期三"


@pytest.mark.parametrize("under", [("2024年8月28日", SALUTATION), (SALUTATION,)])
def test_a_doc_type_word_over_a_date_widget_is_the_title(under: tuple[str, ...]) -> None:
    notice = _parse("公 告", _WIDGET, "", *under, FIRST, *SIGNATURE)
    assert notice.title == "公 告"
    assert notice.published_at in (None, "2024-08-28")  # never the widget's day
    assert _WIDGET not in body_texts(notice)
    assert all(value != _WIDGET for _, value in _fields(notice))


def test_a_date_widget_over_the_doc_type_word_is_still_chrome() -> None:
    notice = _parse(_WIDGET, "公 告", "2024年8月28日", SALUTATION, FIRST, *SIGNATURE)
    assert notice.title == "公 告"
    assert _WIDGET not in body_texts(notice)


# --- a column's caption over the title with blank lines (chrome blanked) between -----------

_MENU = "首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流"


@pytest.mark.parametrize("between", [("",), ("", _MENU, "")])
def test_a_column_caption_apart_from_the_title_is_no_title(between: tuple[str, ...]) -> None:
    dated = ("2024-08-28 09:30", "信息来源：岚川县国动办")  # a date line, then one label
    notice = _parse("通知公告", *between, TITLE, *dated, SALUTATION, FIRST, *SIGNATURE)
    assert notice.title == TITLE
    assert ("信息来源", "岚川县国动办") in _fields(notice)
    assert body_texts(notice)[:2] == [SALUTATION, FIRST]


def test_a_column_caption_over_a_list_of_titles_gives_no_title() -> None:
    items = ("关于做好防汛工作的通知", "关于开展安全检查的通知", "关于组织人防宣传的通知")
    notice = _parse("通知公告", "", *items)
    assert notice.title != items[0]


# --- a related list's dated entries cut short over the title are no dated title --------------


def test_a_related_list_over_menu_and_title_gives_the_title() -> None:
    related = (
        "相关信息",
        "2023-02-15关于征求《岚川县人民防空工程维护管理办法》意...",
        "2023-01-30岚川县国动办召开2023年度全县人防工作...",
        "2022-12-20关于开展2022年度人防工程专项检查工作的通...",
    )
    notice = _parse(*related, "", _MENU, "", TITLE, META, SALUTATION, FIRST, *SIGNATURE)
    assert notice.title == TITLE
    assert ("发布时间", "2024-08-28") in _fields(notice)


def test_a_dated_title_still_opens_the_article() -> None:
    title = "2024年9月14日防空警报试鸣公告"
    notice = _parse("服务热线：12345", "", title, META, SALUTATION, FIRST)
    assert notice.title == title
