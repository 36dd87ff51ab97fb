"""The general forms of text renderings a tenth held-out evaluation of issue 9 found (its
report, forms A to I): each rule alone, with what it must not catch, on a text of our own.
Fixtures 260 to 269 hold the page-level forms whole, each with an adversarial twin."""

from __future__ import annotations

import pytest

from noticecli.labels import cut_trailing_widget, is_font_size_widget
from noticecli.models import Notice
from noticecli.parse.lines import is_boilerplate
from noticecli.parse.text_furniture import (
    is_empty_related_caption,
    is_site_stamp,
    without_site_stamp,
)
from noticecli.parse.text_start import is_chrome_line, is_date_widget
from noticecli.parse.text_subtitle import main_title_over
from noticecli.parse.text_title import is_exclaimed_headline
from noticecli.parse.text_title_line import is_code_line, is_title_like
from tests.rendering import body_texts as _body
from tests.rendering import label_values as _fields
from tests.rendering import parse_lines as _parse

TITLE = "青溪县人防办组织开展地下空间防汛检查"
FIRST = "6月3日,青溪县人防办组织技术人员对城区地下人防工程开展防汛专项检查。"
LAST = "检查中发现的问题已当场交办,限期整改到位。"


def _paragraphs(notice: Notice) -> list[str | None]:
    return [block.text for block in notice.body if block.type == "paragraph"]


# --- A: a stale date widget with the site's toggles beside it, over the breadcrumb ----------

GRID = (
    "索 引 号 : 11330000MB0000001B/2024-00031 发布机构: 青溪县人防办 发文字号: ",
    "主题分类: 人民防空 成文日期: 2024-06-02 公开日期: 2024-06-04",
)


@pytest.mark.parametrize(
    "line",
    [
        "2018年11月06日 星期二 繁体 网站支持IPV6 新媒体矩阵",
        "2018年11月06日 繁體 English",  # a date with a toggle and no weekday
        "2018-11-06 星期二 无障碍 关怀版",
    ],
)
def test_a_date_widget_with_site_toggles_is_chrome(line: str) -> None:
    assert is_date_widget(line)
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "2018年11月06日",  # a date alone may be the article's own date line
        "2018年11月06日 打印 关闭",  # the article's widgets may follow its date line
        "2022年青溪县人防工作会议召开",  # a title opening with a year
        "2018年11月06日 繁体 青溪县人防办",  # a word that is no toggle
    ],
)
def test_a_date_with_article_widgets_words_or_alone_is_no_date_widget(line: str) -> None:
    assert not is_date_widget(line)


def test_a_row_of_site_toggles_alone_is_boilerplate() -> None:
    assert is_boilerplate("繁体 网站支持IPV6 新媒体矩阵")
    assert is_boilerplate("简体 新媒体矩阵")
    assert not is_boilerplate("新媒体矩阵建设情况")  # a heading naming the thing


def test_a_stale_date_widget_with_toggles_over_the_breadcrumb_leaves_the_grid_readable() -> None:
    notice = _parse(
        "2018年11月06日 星期二 繁体 网站支持IPV6 新媒体矩阵",
        "当前位置: 首页 » 信息公开 » 详情",
        TITLE,
        *GRID,
        "",
        FIRST,
        LAST,
    )
    assert notice.title == TITLE
    assert notice.published_at is not None and notice.published_at.startswith("2024-06-04")
    assert ("发布机构", "青溪县人防办") in _fields(notice)
    assert _body(notice) == [FIRST, LAST]


def test_a_bare_date_line_under_the_title_is_still_its_date() -> None:
    notice = _parse(TITLE, "2024年06月04日", FIRST, LAST)
    assert notice.title == TITLE
    assert notice.published_at == "2024-06-04"


# --- B: a headline closed by ! or ? over its meta line ---------------------------------------


@pytest.mark.parametrize(
    "line",
    ["防汛无小事!安全“莫大意”!!!", "您了解人民防空吗?", "警报响起时您知道怎么做吗？"],
)
def test_a_short_headline_closed_by_exclamation_or_question_marks(line: str) -> None:
    assert is_exclaimed_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        "同志们,让我们携手并进,共创美好明天!",  # clauses: a sentence
        "伟大的中国共产党万岁!" * 4,  # too long for a headline
        "!!!",
        "安全第一。预防为主!",
    ],
)
def test_a_sentence_or_marks_alone_is_no_exclaimed_headline(line: str) -> None:
    assert not is_exclaimed_headline(line)


def test_an_exclaimed_headline_over_a_meta_line_is_the_title() -> None:
    headline = "防汛无小事!安全“莫大意”!!!"
    notice = _parse(
        "首页 >> 新闻中心 >> 乡镇动态",
        "",
        headline,
        "",
        "发布时间: 2024-06-04 作者: 来源: 青溪县人防办",
        FIRST,
        LAST,
    )
    assert notice.title == headline
    assert notice.published_at == "2024-06-04"
    assert _fields(notice) == [("发布时间", "2024-06-04"), ("作者", None), ("来源", "青溪县人防办")]
    assert _body(notice) == [FIRST, LAST]


def test_an_exclaimed_line_over_the_text_without_a_meta_line_is_not_the_title() -> None:
    notice = _parse(TITLE, "发布时间: 2024-06-04", FIRST, "人民防空万岁!", LAST)
    assert notice.title == TITLE
    assert "人民防空万岁!" in _body(notice)


# --- C: the site's stamp before an unlabelled date glued to the first meta label -------------


def test_the_site_stamp_goes_and_the_glued_date_is_set_apart_from_its_label() -> None:
    line = "青溪县人民政府门户网站www.qingxi.gov.cn2024-06-04来源: 青溪县人防办 阅读人次:-"
    assert without_site_stamp(line) == "2024-06-04 来源: 青溪县人防办 阅读人次:-"
    assert without_site_stamp("2024-06-04 09:30来源: 某局") == "2024-06-04 09:30 来源: 某局"
    assert is_site_stamp("青溪县人民政府门户网站www.qingxi.gov.cn")


@pytest.mark.parametrize(
    "line",
    [
        "来源:青溪县人民政府网",  # a source naming a site: its value
        "2022-08-12来源于群众举报的线索已全部核查。",  # 来源于 is no label
        "详见青溪县人民政府门户网站www.qingxi.gov.cn公布的名单。",  # a host in a sentence
    ],
)
def test_a_site_named_as_a_value_a_sentence_or_a_host_in_text_is_unchanged(line: str) -> None:
    assert without_site_stamp(line) == line
    assert not is_site_stamp(line)


def test_a_stamped_meta_line_gives_the_date_the_source_and_no_body_line() -> None:
    notice = _parse(
        "当前位置: 首页 > 部门动态",
        TITLE,
        "青溪县人民政府门户网站www.qingxi.gov.cn2024-06-04来源: 青溪县人防办 阅读人次:-",
        "【字体:",
        FIRST,
        LAST,
    )
    assert notice.title == TITLE
    assert notice.published_at == "2024-06-04"
    assert ("来源", "青溪县人防办") in _fields(notice)
    assert ("阅读人次", None) in _fields(notice)
    assert _body(notice) == [FIRST, LAST]


# --- D: a widget word after a date value at the meta line's end ------------------------------


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("2024-06-04 收藏", "2024-06-04"),
        ("2024-06-04收藏", "2024-06-04"),
        ("2024-06-04 打印", "2024-06-04"),
    ],
)
def test_a_widget_word_after_a_date_ends_the_value(value: str, kept: str) -> None:
    assert cut_trailing_widget(value) == kept


@pytest.mark.parametrize("value", ["收藏家协会", "打印室", "青溪县收藏协会"])
def test_a_name_holding_a_widget_word_stays_whole(value: str) -> None:
    assert cut_trailing_widget(value) == value


def test_a_spaced_time_label_with_a_widget_after_its_date_gives_the_date() -> None:
    notice = _parse(TITLE, "发布人: 来 源: 时 间:2024-06-04 收藏", FIRST, LAST)
    assert notice.published_at == "2024-06-04"
    assert _fields(notice) == [("发布人", None), ("来 源", None), ("时 间", "2024-06-04")]
    assert not notice.warnings


# --- E: reading-aid widgets with a colon ------------------------------------------------------


@pytest.mark.parametrize(
    "label", ["保护视力色", "视力保护色", "背景颜色", "字体颜色", "护眼模式", "颜色"]
)
def test_a_reading_aid_label_is_a_widget(label: str) -> None:
    assert is_font_size_widget(label, None)


@pytest.mark.parametrize("label", ["作者", "来源", "责任编辑", "主题分类", "背景"])
def test_a_metadata_label_is_no_reading_aid(label: str) -> None:
    assert not is_font_size_widget(label, None)


def test_a_colour_picker_on_the_meta_line_gives_no_field() -> None:
    notice = _parse(
        TITLE,
        "保护视力色:          字体颜色: 【     蓝 】    恢复默认    发布日期:2024-06-04 10:20",
        FIRST,
        LAST,
    )
    assert _fields(notice) == [("发布日期", "2024-06-04 10:20")]


def test_an_empty_author_label_beside_it_stays_a_field() -> None:
    notice = _parse(TITLE, "保护视力色:    作者:    发布日期:2024-06-04", FIRST, LAST)
    assert _fields(notice) == [("作者", None), ("发布日期", "2024-06-04")]


# --- F: back-to-list widgets after the text ---------------------------------------------------


@pytest.mark.parametrize("line", ["返回", "返回列表", "【返回列表】", "[返回上一页]", "返回栏目"])
def test_a_back_link_is_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", ["返回乡创业人员补贴发放情况", "返回原籍人员登记"])
def test_a_heading_opening_with_return_is_not(line: str) -> None:
    assert not is_boilerplate(line)


def test_print_share_and_back_lines_after_the_text_are_dropped() -> None:
    notice = _parse(TITLE, "发布时间:2024-06-04", FIRST, LAST, "打印", "分享", "返回列表")
    assert _body(notice) == [FIRST, LAST]


# --- G: a main title over a subtitle -----------------------------------------------------------

MAIN = "筑牢地下防线 守护城市安全"
SUB = "青溪县人防办开展地下空间防汛检查"


def test_the_main_title_is_the_title_and_the_subtitle_stays_in_the_body() -> None:
    notice = _parse("首页/ 政务公开/ 部门动态/ 正文", MAIN, "", SUB, "", FIRST, LAST)
    assert notice.title == MAIN
    assert (notice.body[0].type, notice.body[0].text) == ("heading", SUB)
    assert _paragraphs(notice) == [FIRST, LAST]


@pytest.mark.parametrize(
    "caption", ["通知公告", "人防专栏", "青溪县人民政府门户网站", "防汛专题——", "青溪县人防办"]
)
def test_a_caption_a_site_name_a_kicker_or_a_unit_over_the_title_is_not_the_main_title(
    caption: str,
) -> None:
    assert main_title_over([caption, "", SUB, "", FIRST, LAST], 0, 2) is None
    assert main_title_over([MAIN, "", SUB, "", FIRST, LAST], 0, 2) == 0


def test_a_second_headline_over_a_meta_line_leaves_the_reading_as_it_was() -> None:
    # No text right under the second headline: no main title is read over it.
    assert main_title_over([MAIN, "", SUB, "发布时间:2024-06-04", FIRST], 0, 2) is None
    notice = _parse("人防专栏", "", SUB, "", FIRST, LAST)
    assert notice.title == SUB


def test_an_issuer_over_its_about_line_is_one_title() -> None:
    notice = _parse("青溪县人民防空办公室", "关于开展地下空间防汛检查的通知", FIRST, LAST)
    assert notice.title == "青溪县人民防空办公室关于开展地下空间防汛检查的通知"


# --- H: related-items captions ----------------------------------------------------------------


@pytest.mark.parametrize("line", ["关联导读:", "延伸阅读：", "推荐文章:", "拓展专题:"])
def test_an_empty_related_caption_is_chrome(line: str) -> None:
    assert is_empty_related_caption(line)


@pytest.mark.parametrize("line", ["相关附件:", "关联导读:青溪县防汛方案.pdf", "导读:"])
def test_an_attachment_caption_or_a_caption_with_a_value_is_not(line: str) -> None:
    assert not is_empty_related_caption(line)


def test_an_empty_guide_caption_under_the_meta_line_gives_no_field() -> None:
    notice = _parse(
        TITLE, "发布时间: 2024-06-04 来源: 青溪县人防办", "打印", "    关联导读:", "", FIRST, LAST
    )
    assert _fields(notice) == [("发布时间", "2024-06-04"), ("来源", "青溪县人防办")]
    assert _body(notice) == [FIRST, LAST]


# --- I: a code line under the grid -------------------------------------------------------------


@pytest.mark.parametrize("line", ["QXDR-2024-00017", "431122000/2024-01234", "GS4770/2022-22396"])
def test_a_code_alone_is_no_title(line: str) -> None:
    assert is_code_line(line)
    assert not is_title_like(line)


@pytest.mark.parametrize(
    "line", ["关于QXDR-2024-00005号文件的说明", "Annual Report 2024", "青溪县2024年防汛工作方案"]
)
def test_a_title_holding_a_code_or_english_words_is_title_like(line: str) -> None:
    assert not is_code_line(line)
    assert is_title_like(line)


def test_the_code_and_number_repeated_under_the_grid_leave_the_issuer_and_about_line() -> None:
    notice = _parse(
        "索引号: | 431122000/2024-01234 | 统一登记号: | QXDR-2024-00017 | 发布机构: | 青溪县人民政府 |",
        "文号 : | 青政告〔2024〕3号 | 成文日期: | 2024-06-02 | 发布日期: | 2024-06-04 |",
        "QXDR-2024-00017",
        "青政告〔2024〕3号",
        "青溪县人民政府",
        "关于汛期禁止进入地下人防工程的通告",
        FIRST,
        LAST,
    )
    assert notice.title == "青溪县人民政府关于汛期禁止进入地下人防工程的通告"
    assert ("统一登记号", "QXDR-2024-00017") in _fields(notice)
    assert _body(notice) == [FIRST, LAST]


def test_a_code_line_that_repeats_no_header_value_stays_in_the_body() -> None:
    notice = _parse(TITLE, "发布时间: 2024-06-04", FIRST, "QXDR-2024-00099", LAST)
    assert "QXDR-2024-00099" in _body(notice)
