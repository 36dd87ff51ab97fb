"""The general forms of text renderings a fourth held-out evaluation of issue 9 found (its
report, sections A to G): each rule alone, on a text of our own. Fixtures 102 and up hold
the same forms whole."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.dates import parse_date
from noticecli.labels import cut_trailing_widget
from noticecli.models import Notice
from tests.rendering import body_texts as _body_texts
from tests.rendering import paragraphs as _paragraphs

TITLE = "岚溪区人防办开展防空警报试鸣宣传活动"
META = "发布时间：2025-09-12   来源：岚溪区人防办"
FIRST = "为增强群众国防观念，岚溪区人防办于9月10日在中心广场开展防空警报试鸣宣传活动。"
LAST = "活动现场发放宣传资料三千余份，解答群众咨询两百余人次。"


def _page(*above: str, meta: str = META, tail: tuple[str, ...] = ()) -> Notice:
    lines = [*above, TITLE, meta, "", FIRST, "", LAST, "", *tail]
    return noticecli.parse_text("\n".join(lines) + "\n")


# --- B: an empty widget bracket after a meta value -------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-23 08:00:00   [ ]", "2026-02-23 08:00:00"),
        ("2026-02-23 08:00:00 【 】", "2026-02-23 08:00:00"),
        ("岚溪区人防办 [ ] [ ]", "岚溪区人防办"),
        ("[ ]", ""),
        ("第[ ]号", "第[ ]号"),  # a bracket inside a value, not after a gap, is the value's
    ],
)
def test_an_empty_bracket_after_a_value_is_not_part_of_it(value: str, expected: str) -> None:
    assert cut_trailing_widget(value) == expected


def test_an_empty_widget_bracket_in_the_meta_line_leaves_the_date_readable() -> None:
    notice = _page(meta="发布时间:2026-02-23 08:00:00   [ ]   浏览次数:")
    assert notice.published_at == "2026-02-23T08:00:00+08:00"
    assert [(f.label, f.value) for f in notice.header] == [
        ("发布时间", "2026-02-23 08:00:00"),
        ("浏览次数", None),
    ]


# --- C: a date with spaced digits --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025- 11- 24", "2025-11-24"),
        ("2025 -11 -24", "2025-11-24"),
        ("2025 / 11 / 24 08:30", "2025-11-24T08:30:00+08:00"),
        ("2025. 1. 6", "2025-01-06"),
    ],
)
def test_a_date_with_a_space_beside_its_separators_parses(value: str, iso: str) -> None:
    parsed = parse_date(value)
    assert parsed is not None and parsed.iso == iso


@pytest.mark.parametrize("value", ["2025- 11/ 24", "2025 11 24", "2025- 13- 01"])
def test_a_spaced_date_is_still_one_date_or_none(value: str) -> None:
    assert parse_date(value) is None


def test_a_spaced_meta_date_is_the_publication_date_and_is_kept_as_shown() -> None:
    notice = _page(meta="发布日期: 2025- 11- 24   来源：岚溪区人防办")
    assert notice.published_at == "2025-11-24"
    assert notice.header[0].value == "2025- 11- 24"


# --- A: chrome lines above the title; the title printed twice ---------------------------------


@pytest.mark.parametrize(
    "above",
    [
        "岚溪市国防动员办公室网站logo",
        "岚溪市人民政府门户网站标志",
        "青林镇>政府信息公开>工作动态",
        "青林镇 » 政府信息公开 » 工作动态",
    ],
)
def test_a_logo_or_breadcrumb_line_above_the_title_is_not_joined_to_it(above: str) -> None:
    notice = _page(above)
    assert notice.title == TITLE
    assert notice.published_at == "2025-09-12"
    assert above not in " ".join(_body_texts(notice))


def test_the_site_name_over_a_whole_title_is_not_joined_to_it() -> None:
    assert _page("岚溪区国防动员办公室").title == TITLE


@pytest.mark.parametrize(
    ("issuer", "title"),
    [
        ("秦安县国防动员办公室", "关于开展防空警报试鸣的通告"),  # the issuer runs on into 关于
        ("秦安县国防动员办公室", "2024年防空警报试鸣的通告"),  # the title names no place
    ],
)
def test_an_issuer_over_the_rest_of_its_title_is_still_joined(issuer: str, title: str) -> None:
    notice = noticecli.parse_text(f"{issuer}\n{title}\n{META}\n\n{FIRST}\n")
    assert notice.title == issuer + title


def test_a_title_printed_on_two_consecutive_lines_is_one_title() -> None:
    notice = _page(TITLE)
    assert notice.title == TITLE
    assert _paragraphs(notice)[0] == FIRST


@pytest.mark.parametrize(
    "line",
    [
        "气温>35℃时，应减少户外活动。",  # a sentence
        "一级>二级",  # two items: not read as a trail
        "岚溪区举行新版政府网站标志征集活动颁奖仪式，共评出获奖作品十件，现将结果公布如下。",
    ],
)
def test_text_with_arrows_or_logo_words_stays_text(line: str) -> None:
    notice = _page(tail=(line,))
    assert line in _body_texts(notice)


# --- D: an unlabelled date-time line with an unfilled counter and labels after it --------------


@pytest.mark.parametrize("counter", ["次浏览", "次阅读", "次点击"])
def test_a_dated_line_with_an_unfilled_counter_is_the_meta_line(counter: str) -> None:
    notice = _page(meta=f"2010/1/6 16:43:13 {counter} 分类:政府动态    来源:")
    assert notice.published_at == "2010-01-06T16:43:13+08:00"
    assert [(f.key, f.label, f.value) for f in notice.header] == [
        ("published_at", "line 2", "2010/1/6 16:43:13"),
        ("category", "分类", "政府动态"),
        ("source", "来源", None),
    ]
    assert _paragraphs(notice)[0] == FIRST


def test_a_line_opening_with_a_date_and_going_on_as_a_sentence_stays_text() -> None:
    line = "2010年1月6日 16时，岚溪区召开防汛工作会议，部署今年防汛任务。"
    notice = _page(meta=line)
    assert _paragraphs(notice)[0] == line
    assert notice.published_at is None


# --- E: closing chrome after the article ------------------------------------------------------


@pytest.mark.parametrize(
    "tail",
    [
        ("打印此文 关闭窗口",),
        ("【打印本文】 【关闭窗口】",),
        ("附件下载:",),
        ("相关附件：",),
        ("友情链接:",),
        ("友情链接：中国政府网  岚溪市人民政府",),
        ("用户登录", "还没有账号?", "立即注册"),
        ("附件下载:", "关闭窗口 打印本页", "智能互动 手机版", "微信", "岚溪发布", "图片2 图片1"),
        ("关闭窗口 打印本页", "手机版", "微信", "岚溪发布", "图片1", "版权所有：岚溪市人防办"),
    ],
)
def test_closing_chrome_is_not_the_last_paragraph(tail: tuple[str, ...]) -> None:
    notice = _page(tail=tail)
    assert _body_texts(notice) == [FIRST, LAST]


@pytest.mark.parametrize("label", ["终审", "审核", "责编", "一审"])
def test_an_editorial_credit_after_the_signature_is_a_field_not_the_last_paragraph(
    label: str,
) -> None:
    notice = _page(
        tail=("岚溪区人防办", "2025年9月12日", f"{label}:lxqrfb", "用户登录", "立即注册")
    )
    assert _body_texts(notice)[-2:] == ["岚溪区人防办", "2025年9月12日"]
    assert (label, "lxqrfb", "meta_line") in [(f.label, f.value, f.origin) for f in notice.header]


def test_an_attachment_label_before_its_files_stays() -> None:
    files = ("附件：", "岚溪区防空警报试鸣方案.docx")
    notice = _page(tail=(*files, "岚溪区人防办", "2025年9月12日"))
    assert "附件：" in _body_texts(notice)
    assert [a.name for a in notice.attachments] == ["岚溪区防空警报试鸣方案.docx"]
    # Ending a text with no closing shown, they stay body lines; after the signature and date,
    # the label and its files are the page's attachment list (ruling (c) of the fourteenth
    # held-out evaluation): attachments, no longer body lines.
    notice = _page(tail=files)
    assert _body_texts(notice) == [FIRST, LAST, *files]
    notice = _page(tail=("岚溪区人防办", "2025年9月12日", *files))
    assert _body_texts(notice) == [FIRST, LAST, "岚溪区人防办", "2025年9月12日"]
    assert [a.name for a in notice.attachments] == ["岚溪区防空警报试鸣方案.docx"]


def test_short_lines_closing_an_article_without_a_closing_widget_stay() -> None:
    notice = _page(tail=("岚溪区人防办", "2025年9月12日"))
    assert _body_texts(notice)[-2:] == ["岚溪区人防办", "2025年9月12日"]


def test_a_sentence_after_a_review_word_stays_text() -> None:
    line = "终审：经审理，维持原判。"
    notice = _page(tail=(line,))
    assert _body_texts(notice)[-1] == line


# --- F: a toolbar row of image names, widget words and padded pipes ---------------------------


@pytest.mark.parametrize(
    "toolbar",
    [
        "top_icon2weixin.png 微信 lxwexinewm.jpg head-wb.png 微博      无障碍版      简体   |   繁体 长者模式",
        "icon_wx.png 微信   |   icon_wb.png 微博",
    ],
)
def test_a_toolbar_row_with_image_names_and_pipes_is_chrome(toolbar: str) -> None:
    notice = _page(toolbar, "首页 > 工作动态")
    assert notice.title == TITLE
    assert notice.published_at == "2025-09-12"
    assert _body_texts(notice) == [FIRST, LAST]


def test_a_pictures_name_beside_its_caption_is_not_a_toolbar() -> None:
    notice = _page(tail=("揭牌.png 揭牌仪式现场",))
    assert "揭牌.png 揭牌仪式现场" in _body_texts(notice)


# --- G: a grid rendered as bare values without labels ------------------------------------------

PLAN = "岚溪县突发事件应急预案"
GRID_VALUES = (
    "11371525/2017-00231",
    "岚溪县人民政府",
    "综合政务;应急管理",
    "2017-09-04",
    PLAN,
    "有效",
    "无",
    "2017-09-04",
    "岚政发〔2017〕12号",
)
PLAN_FIRST = "为健全全县突发事件应急机制，提高应对突发事件的能力，制定本预案。"


def _plan(*head: str) -> Notice:
    lines = [*head, "", PLAN_FIRST, "", "本预案适用于全县范围内突发事件的应对工作。"]
    return noticecli.parse_text("\n".join(lines) + "\n")


def test_bare_grid_values_stay_out_of_the_title_and_the_first_paragraph() -> None:
    notice = _plan(*GRID_VALUES, PLAN, "岚政发〔2017〕12号")
    assert notice.title == PLAN
    assert _paragraphs(notice)[0] == PLAN_FIRST
    assert notice.header == []  # no label shows what the values are: none is read
    assert notice.published_at is None


def test_short_lines_without_a_value_shape_before_a_repeated_title_are_not_a_grid() -> None:
    # Site and column names over a title printed twice: the names are not a grid's values,
    # and the date under the title is still read.
    notice = _plan("岚溪县人民政府", "政务公开", "应急管理", PLAN, PLAN, "发布时间：2017-09-04")
    assert notice.title == PLAN
    assert notice.published_at == "2017-09-04"


def test_a_repeated_value_that_is_not_worded_as_a_title_is_not_taken_for_one() -> None:
    notice = _plan("11371525/2017-00231", "有效", "2017-09-04", "无", "有效", PLAN)
    assert notice.title != "有效"


def test_bare_grid_values_under_the_title_are_not_the_first_paragraph() -> None:
    notice = _plan(PLAN, *GRID_VALUES[:4], *GRID_VALUES[5:])
    assert notice.title == PLAN
    assert _paragraphs(notice)[0] == PLAN_FIRST
    assert notice.header == []


@pytest.mark.parametrize(
    "opening",
    [
        ("一、总则", "（一）编制目的", "2017年工作要点"),  # short headings: no field's shape
        ("综合政务", "2017-09-04"),  # two lines: too few for a grid
        ("综合政务", "", "2017-09-04", "", "有效"),  # blank lines between: not one grid
    ],
)
def test_short_lines_opening_a_text_are_not_taken_for_bare_grid_values(
    opening: tuple[str, ...],
) -> None:
    notice = _plan(PLAN, "发布时间：2017-09-04", *opening)
    shown = [line for line in opening if line and line != "2017-09-04"]
    assert all(line in " ".join(_body_texts(notice)) for line in shown)
