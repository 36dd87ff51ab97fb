"""Forms C, F, G and H of the twelfth held-out evaluation (report i9eval12b), each with what
it must not catch, on texts of our own: a greeting with bracketed account links on its line
and an empty clock label under it (C); a column's caption before the breadcrumb on its line
(F); a share widget in a meta line, worded 分享至/转发/转载 (G); the QR widget's line in any
wording (H)."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.labels import cut_trailing_widget, is_share_widget
from noticecli.parse.lines import is_boilerplate
from noticecli.parse.text_furniture import is_glued_furniture

TITLE = "岚州市开展森林防火宣传进社区活动"
META = "发布时间:2019-07-12 来源:岚州市林业局"
TEXT = "为增强群众森林防火意识,岚州市林业局组织工作人员深入社区开展宣传活动,发放资料五百余份。"


def _read(*lines: str) -> tuple[str | None, str | None, list[str]]:
    notice = noticecli.parse_text("\n".join(lines) + "\n")
    return notice.title, notice.published_at, [block.text or "" for block in notice.body]


def _fields(*lines: str) -> list[tuple[str, str | None]]:
    notice = noticecli.parse_text("\n".join(lines) + "\n")
    return [(field.label, field.value) for field in notice.header]


# -- C: a greeting with bracketed account links; an empty clock label ----------------------


@pytest.mark.parametrize(
    "links",
    [
        " [登录]",
        " [登录] [注册]",
        "[登录][注册]",
        " 【登录】",
        " [无障碍]",
        " [English]",
        " [繁体]",
        " | 登录 | 注册",
    ],
)
@pytest.mark.parametrize("greeting", ["欢迎来到岚州市人民政府网站", "欢迎访问岚州林业网!"])
def test_c_a_greeting_with_bracketed_account_links_is_chrome(greeting: str, links: str) -> None:
    line = greeting + links
    assert is_glued_furniture(line)
    title, published, body = _read(line, TITLE, META, "", TEXT)
    assert (title, published, body) == (TITLE, "2019-07-12", [TEXT])


@pytest.mark.parametrize("clock", ["当前时间:", "当前时间：", "当前日期:", "今天是:"])
def test_c_an_empty_clock_label_under_a_greeting_is_no_field_nor_evidence(clock: str) -> None:
    assert is_boilerplate(clock)
    lines = ("欢迎来到岚州市人民政府网站 [登录]", clock, "岚州市人民政府门户网", TITLE, META, TEXT)
    title, published, body = _read(*lines)
    assert (title, published, body) == (TITLE, "2019-07-12", [TEXT])
    assert _fields(*lines) == [("发布时间", "2019-07-12"), ("来源", "岚州市林业局")]


def test_c_a_title_opening_with_a_bracketed_unit_stays_the_title() -> None:
    title = "【市林业局】" + TITLE
    assert not is_boilerplate(title) and not is_glued_furniture(title)
    assert _read("欢迎来到岚州市人民政府网站 [登录]", "当前时间:", title, META, TEXT)[0] == title


def test_c_a_welcoming_headline_with_a_bracketed_word_stays_the_title() -> None:
    headline = "欢迎来到人防宣传周 [图]"  # no site as the greeting's object
    assert not is_glued_furniture(headline)
    assert _read(headline, META, "", TEXT)[0] == headline


def test_c_a_greeting_going_on_into_a_sentence_is_text() -> None:
    line = "欢迎访问本网站 [登录] 本站发布的信息仅供参考,以正式文件为准。"
    assert not is_glued_furniture(line) and not is_boilerplate(line)


@pytest.mark.parametrize("line", ["[登录] [注册]", "【English】", "[无障碍] | [长者模式]"])
def test_c_bracketed_account_links_alone_are_chrome(line: str) -> None:
    assert is_boilerplate(line)


# -- F: a column's caption before the breadcrumb ---------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "林业动态 当前位置:   首页> 林业动态",
        "林业动态 当前位置:首页>林业动态",
        "林业动态 | 当前位置:首页 > 林业动态",
        "林业动态｜您的位置:首页>林业动态",
        "林业动态 首页> 林业动态",
        "林业动态 首页 / 新闻中心 / 林业动态",
        "林业工作动态 当前位置:   首页> 林业工作动态",  # a title word in the caption
    ],
)
def test_f_a_caption_before_the_breadcrumb_is_chrome(line: str) -> None:
    assert is_boilerplate(line)
    title, _published, body = _read("今天是", "", line, "", TITLE, "", TEXT)
    assert (title, body) == (TITLE, [TEXT])


@pytest.mark.parametrize(
    "line",
    [
        "岚州市 公布应急避难场所位置",  # 位置 with no colon, no crumbs
        "岚州市公布应急避难场所位置:城东公园",  # no caption apart by a gap
        "林业动态 当前位置:首页。请各单位注意。",  # a sentence after the label
        "岚州市2024年林业工作动态 首批示范点名单公布",  # a title ending in a column word, then text
    ],
)
def test_f_text_holding_position_or_a_column_word_is_no_breadcrumb(line: str) -> None:
    assert not is_boilerplate(line)


def test_f_a_title_with_a_column_word_then_text_stays_the_title() -> None:
    headline = "岚州市2024年林业工作动态 首批示范点名单公布"
    assert _read(headline, META, "", TEXT)[0] == headline


# -- G: share widgets in a meta line ---------------------------------------------------------


@pytest.mark.parametrize(
    "widget",
    [
        "分享至:",
        "分享至:微信 微博",
        "分享至：微信 微博 QQ空间",
        "转发至:",
        "转载到:",
        "分享至",
        "转发:",
        "转载:",
        "转发到: 朋友圈 QQ好友",
    ],
)
def test_g_a_share_widget_closing_the_meta_line_is_no_field(widget: str) -> None:
    fields = _fields(TITLE, f"{META} {widget}", "", TEXT)
    assert fields == [("发布时间", "2019-07-12"), ("来源", "岚州市林业局")]


@pytest.mark.parametrize("widget", ["分享至:", "转发至:微信 微博", "转载:"])
def test_g_a_share_widget_inside_the_meta_line_is_no_field(widget: str) -> None:
    fields = _fields(TITLE, f"发布时间:2019-07-12 {widget} 作者:李青 来源:岚州市林业局", TEXT)
    assert fields == [("发布时间", "2019-07-12"), ("作者", "李青"), ("来源", "岚州市林业局")]


def test_g_a_sharer_or_a_reprint_source_stays_a_field() -> None:
    fields = _fields(TITLE, "发布时间:2019-07-12 分享人:李青 转载:岚州日报", "", TEXT)
    assert fields == [("发布时间", "2019-07-12"), ("分享人", "李青"), ("转载", "岚州日报")]
    assert not is_share_widget("分享人", None)
    assert not is_share_widget("转载", "岚州日报")
    assert is_share_widget("分享至", None)


@pytest.mark.parametrize(
    "line", ["分享人:李青", "经验分享会在岚州市召开", "分享会圆满结束", "转载请注明出处。"]
)
def test_g_share_words_in_a_label_or_the_text_are_kept(line: str) -> None:
    assert not is_boilerplate(line)
    assert line in _read(TITLE, META, "", TEXT, line)[2] or line.startswith("分享人")


@pytest.mark.parametrize(
    "line", ["转发至: 微信 朋友圈", "【打印】 分享至", "转载 收藏 打印", "分享 抖音 今日头条"]
)
def test_g_a_row_of_share_widgets_is_chrome(line: str) -> None:
    assert is_boilerplate(line)
    assert _read(TITLE, META, line, "", TEXT)[2] == [TEXT]


def test_g_a_share_word_inside_a_value_stays() -> None:
    assert cut_trailing_widget("岚州市经验分享会") == "岚州市经验分享会"
    assert cut_trailing_widget("岚州市林业局 分享至") == "岚州市林业局"


# -- H: the QR widget's line in any wording --------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "扫一扫在手机打开网页",
        "扫一扫在手机打开当前页",
        "手机扫一扫打开网页",
        "扫一扫",
        "扫码阅读本文",
        "用手机扫描二维码查看本页",
        "扫码打开页面",
    ],
)
def test_h_the_qr_widget_line_is_chrome(line: str) -> None:
    assert is_boilerplate(line)
    title, _published, body = _read(TITLE, META, "", TEXT, line)
    assert (title, body) == (TITLE, [TEXT])


@pytest.mark.parametrize(
    "line",
    [
        "群众可扫一扫二维码进行预约登记。",
        "扫码预约",
        "市民扫码打开网页即可填报",
        "扫一扫二维码,关注岚州林业公众号",
    ],
)
def test_h_a_sentence_about_scanning_stays_text(line: str) -> None:
    assert not is_boilerplate(line)
    assert _read(TITLE, META, "", TEXT, line)[2] == [TEXT, line]


def test_h_a_bare_scan_word_as_a_value_stays() -> None:
    assert cut_trailing_widget("扫码") == "扫码"  # 办理方式:扫码 is a value
    assert cut_trailing_widget("扫码打开网页") == ""
