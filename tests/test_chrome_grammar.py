"""Site chrome in any wording (issue 9): a bounded, seeded sample of bench/chrome_grammar.py's
grammar (greetings, breadcrumbs, top rows, date widgets, font/print/share widgets, column
boxes, hotlines, search prompts, footers, each from its vocabulary families) put into a few
text and HTML fixtures changes nothing a reader cares about; and the lines that look like
chrome but are not (a headline opening with 欢迎, a sentence with 位置是, 来源:收藏家协会, the
publication date under the title, a title opening with a date, a notice's own contact line)
stay what they are.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import noticecli
from noticecli.parse.lines import is_boilerplate
from noticecli.parse.text_furniture import is_date_widget, is_glued_furniture
from tests.conftest import PAGES, REPO


def _grammar() -> ModuleType:
    sys.path.insert(0, str(REPO / "bench"))
    spec = importlib.util.spec_from_file_location(
        "chrome_grammar", REPO / "bench" / "chrome_grammar.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["chrome_grammar"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


GRAMMAR = _grammar()
# Pages of several shapes: text renderings with a meta line, a header grid, a column
# caption, chrome of their own; HTML articles of known and unknown templates.
TEXT_PAGES = (
    "39_textdump-attachment-no-link.txt",
    "64_rendering_padded-label-grid_title-first_twin.txt",
    "151_rendering_related-list-over-title_glued-labels_twin.txt",
    "220_rendering_review-status-lines-under-title.txt",
    "248_rendering_hotline-date-widget-site-name-over-title_copyright-footer.txt",
    "264_rendering_site-stamp-glued-date-meta_guide-caption_back-to-list.txt",
)
HTML_PAGES = (
    "57_news-article_title-box_deck.html",
    "120_trading-fragment_class-title_sections_closing-table.html",
    "171_news-article_date-inside-heading_twin.html",
    "200_table-layout_unmarked-title-cell_over-meta-row.html",
)
PER_FAMILY = 12
SAMPLE_SEED = 9


@pytest.fixture(scope="module")
def pages() -> list[Any]:
    paths = [PAGES / name for name in (*TEXT_PAGES, *HTML_PAGES)]
    loaded = GRAMMAR.load_pages(paths)
    assert len(loaded) == len(paths)  # each parses with a title
    return list(loaded)


def _variants(family: str) -> list[Any]:
    return [v for v in GRAMMAR.sample(PER_FAMILY, SAMPLE_SEED) if v.family == family]


@pytest.mark.parametrize("family", sorted(GRAMMAR.FAMILIES))
@pytest.mark.parametrize("rendering", ["text", "html"])
def test_no_wording_of_a_chrome_family_changes_the_reading(
    pages: list[Any], family: str, rendering: str
) -> None:
    changed = []
    for variant in _variants(family):
        for page in pages:
            if page.is_text != (rendering == "text"):
                continue
            if family in GRAMMAR.LABEL_SHAPED and page.has_grid:
                continue  # a label line over a grid is its first row, by design
            if GRAMMAR.read_with(variant, page) != page.base:
                changed.append((" / ".join(variant.lines), page.name))
    assert changed == []


def test_the_sample_is_bounded_seeded_and_covers_every_family() -> None:
    first = list(GRAMMAR.sample(PER_FAMILY, SAMPLE_SEED))
    assert first == list(GRAMMAR.sample(PER_FAMILY, SAMPLE_SEED))
    assert {v.family for v in first} == set(GRAMMAR.FAMILIES)
    assert len(first) <= PER_FAMILY * len(GRAMMAR.FAMILIES)


# --- the vocabulary families, each with what must not be taken for it -------------------------


@pytest.mark.parametrize(
    "line",
    [
        "欢迎进入岚溪县人民政府网!",
        "您好，欢迎访问本站~",
        "欢迎您登录岚山区国防动员信息网！",
        "欢迎使用汀北市政务服务平台。",
        "欢迎浏览岚溪县门户网站",
    ],
)
def test_a_site_greeting_is_furniture(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line", ["欢迎新兵入营", "欢迎来到岚溪县人防宣传周", "欢迎您携家人前来参观体验!"]
)
def test_a_line_opening_with_a_welcome_without_a_site_is_not(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "欢迎进入汀北市门户!2024.05.01 星期三",
        "欢迎进入本站。今天是：",
        "欢迎来到某某市人民政府网站~今天是:2024.05.01 周三",
    ],
)
def test_a_greeting_glued_to_a_date_widget_is_furniture(line: str) -> None:
    assert is_glued_furniture(line)


def test_a_headline_glued_to_a_date_widget_is_not() -> None:
    assert not is_glued_furniture("欢迎来到人防宣传周 今天是2024.05.01 礼拜三")


@pytest.mark.parametrize(
    "line",
    ["位置导航:首页 > 部门动态", "当前页面：人防动态→工作动态", "您当前所在的位置为：首页"],
)
def test_a_breadcrumb_under_any_label_is_furniture(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", ["项目位置：城东路1号", "工程的位置是：城东路1号地下。"])
def test_a_place_field_or_sentence_is_not_a_breadcrumb(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "English / 联系我们",
        "长者模式·设为首页",
        "收藏本站·简体·设为主页·手机版·RSS订阅",
        "【关闭】分享到：微信 微博[关闭]",
        "【字号 大 中 小】 扫一扫 [打印]",
        "站内搜索 高级搜索",
        "请输入关键词 检索 高级搜索",
        "人防动态 更多>>",
        "通知公告  MORE",
        "+更多",
    ],
)
def test_top_rows_widgets_search_and_column_boxes_are_furniture(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", ["了解更多信息请致电12345。", "更多精彩活动敬请期待"])
def test_sentences_with_more_are_not(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line", ["农历三月廿三", "甲辰年 三月廿三", "晴 18~25℃", "2024-05-01 星期三 微信"]
)
def test_the_lines_of_a_date_widget_are_a_date_widget(line: str) -> None:
    assert is_date_widget(line)


@pytest.mark.parametrize("line", ["农历新年慰问活动", "晴", "2024-05-01", "2024-05-01 微信 微博"])
def test_an_article_line_or_a_bare_date_is_not(line: str) -> None:
    assert not is_date_widget(line)


_TEXT = "为增强全民国防观念，县人防办定于9月14日组织防空警报试鸣，请广大市民不要惊慌。\n特此通知。"


def _read(page: str) -> dict[str, Any]:
    notice = noticecli.parse_text(page)
    paragraphs = [block.text for block in notice.body if block.type == "paragraph"]
    return {
        "title": notice.title,
        "published_at": notice.published_at,
        "fields": [(field.label, field.value) for field in notice.header],
        "last": paragraphs[-1],
    }


def test_what_looks_like_chrome_but_is_the_notice_stays() -> None:
    headline = _read(f"欢迎新兵入营 岚溪县举行新兵欢送仪式\n发布时间：2024-09-14\n\n{_TEXT}")
    assert headline["title"] == "欢迎新兵入营 岚溪县举行新兵欢送仪式"
    source = _read(f"岚溪县举办收藏文化展\n发布时间：2024-05-01 来源:收藏家协会\n\n{_TEXT}")
    assert ("来源", "收藏家协会") in source["fields"]
    dated = _read(f"岚溪县人防办关于开展防空警报试鸣的通知\n2024年5月1日 星期三\n\n{_TEXT}")
    assert str(dated["published_at"]) == "2024-05-01"
    title_date = _read(f"2024年5月1日岚溪县开展防空警报试鸣\n发布时间：2024-05-01\n\n{_TEXT}")
    assert title_date["title"] == "2024年5月1日岚溪县开展防空警报试鸣"
    notice = "岚溪县人防办关于试鸣的通知\n发布时间：2024-05-01\n\n"
    contact = _read(f"{notice}{_TEXT}\n联系电话：0591-1234567")
    assert contact["last"] == "联系电话：0591-1234567"  # the notice's own, no footer beside it


def test_contact_lines_beside_the_footer_are_the_footer() -> None:
    page = f"岚溪县人防办关于试鸣的通知\n发布时间：2024-05-01\n\n{_TEXT}\n"
    footer = "联系电话：0591-12345678 邮箱：lx@example.gov.cn\n闽公网安备 35012302000123号\n"
    assert _read(page + footer)["last"] == "特此通知。"


def test_a_column_box_beside_an_article_does_not_make_it_a_listing() -> None:
    box = GRAMMAR.column_box_html("工作动态", "更多>>")
    article = (
        "<html><body><h1>岚溪县人防办召开人防工作会议</h1><p>发布时间：2024-03-05</p>"
        "<p>3月5日，县人防办召开人防工作会议，总结去年工作，部署今年任务。</p>"
        f"{box}</body></html>"
    )
    assert noticecli.parse_html(article).kind == "notice"
    listing = article.replace('<a href="/more/">更多>></a>', "")
    assert noticecli.parse_html(listing).kind == "listing"  # the box alone is a list


def test_the_probe_reports_per_family(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert GRAMMAR.main([str(tmp_path / "nowhere")]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert GRAMMAR.main([str(PAGES), "--per-family", "1", "--pages", "1"]) == 0
    out = capsys.readouterr().out
    assert all(f"  {family}\n" in out for family in GRAMMAR.FAMILIES)


# --- HTML: a top bar's links, a column box, the footer's contact lines ------------------------

_ARTICLE = (
    "<h1>岚溪县人防办召开人防工作会议</h1><p>发布时间：2024-03-05</p>"
    "<p>3月5日，县人防办召开人防工作会议，总结去年工作，部署今年任务。</p>"
    "<p>会议要求，各单位要抓好人防工程维护管理，做好防空警报试鸣准备。</p>"
)


def _html(body: str) -> dict[str, Any]:
    notice = noticecli.parse_html(f"<html><body>{body}</body></html>")
    paragraphs = [block.text for block in notice.body if block.type == "paragraph"]
    return {"kind": notice.kind, "first": paragraphs[:1], "last": paragraphs[-1:]}


@pytest.mark.parametrize(
    "name",
    [
        "62_news-photo-story_pager-credit_twin.html",
        "203_short-notice_sentence-and-data-table_unmarked_twin.html",
    ],
)
def test_a_top_bar_with_a_date_widget_gives_no_list_item(name: str) -> None:
    """The top bar's links (注册, 长者模式) beside its date are no dated list of notices."""
    bar = GRAMMAR.Variant(
        "top-row",
        ("今天是：2024-05-01 星期三 注册 长者模式 加入收藏",),
        '<div class="topbar"><span>今天是：2024-05-01 星期三</span><a href="/x0/">注册</a> '
        '<a href="/x1/">长者模式</a> <a href="/x2/">加入收藏</a></div>',
        "top",
    )
    page = GRAMMAR.load_pages([PAGES / name])[0]
    assert GRAMMAR.read_with(bar, page) == page.base


def test_a_column_box_after_an_open_container_is_no_body_text() -> None:
    box = GRAMMAR.column_box_html("工作动态", "更多>>")
    read = _html(f'<div class="content">{_ARTICLE}{box}')  # the container left open
    assert read["last"] == ["会议要求，各单位要抓好人防工程维护管理，做好防空警报试鸣准备。"]


@pytest.mark.parametrize("pager", ["", '<div class="page"><a href="/list_2.html">下一页</a></div>'])
def test_a_list_beside_a_sidebar_box_with_more_stays_a_listing(pager: str) -> None:
    """A listing's own list is no column box because a sidebar box of other items beside it
    has a more link; nor is a paged list under a header with one."""
    side = (
        '<div class="side"><div class="hd"><span>热点</span><a href="/hot/">更多>></a></div>'
        '<ul><li><a href="/h/1.html">人防宣传进社区</a></li>'
        '<li><a href="/h/2.html">防空警报试鸣</a></li></ul></div>'
    )
    rows = "".join(
        f'<li><a href="/a/{i}.html">关于第{i}批人防工程检查结果的公示</a>'
        f"<span>2024-04-0{i}</span></li>"
        for i in range(1, 6)
    )
    page = (
        f'<div class="main">{side}<div class="con"><ul class="list">{rows}</ul>{pager}</div></div>'
    )
    assert _html(page)["kind"] == "listing"
    if pager:
        header = '<div class="hd"><span>通知公告</span><a href="/tzgg/">更多>></a></div>'
        assert (
            _html(f'<div class="main">{header}<ul class="list">{rows}</ul>{pager}</div>')["kind"]
            == "listing"
        )


def test_contact_lines_beside_an_html_footer_are_no_body_text() -> None:
    footer = (
        '<div class="ft"><p>联系电话：0591-12345678 邮箱：lx@example.gov.cn</p>'
        "<p>版权所有：岚溪县人民政府</p><p>地址：岚溪县人民路1号 邮编：350100</p></div>"
    )
    read = _html(f'<div class="content">{_ARTICLE}{footer}')
    assert read["last"] == ["会议要求，各单位要抓好人防工程维护管理，做好防空警报试鸣准备。"]


def test_a_notices_own_phone_line_over_a_footer_stays() -> None:
    own = "<p>联系电话：0591-1234567</p>"
    footer = '<div class="ft"><p>版权所有：岚溪县人民政府</p></div>'
    assert _html(f'<div class="content">{_ARTICLE}{own}{footer}')["last"] == [
        "联系电话：0591-1234567"
    ]


def test_a_notices_own_phone_line_over_the_text_footer_stays() -> None:
    """Over a footer line (扫一扫…), one phone line is the notice's; a contact block of two
    labels (地址：… 邮编：…) is the site's."""
    page = f"岚溪县人防办关于试鸣的通知\n发布时间：2024-05-01\n\n{_TEXT}\n"
    own = _read(page + "联系电话：0591-1234567\n扫一扫在手机打开当前页\n")
    assert own["last"] == "联系电话：0591-1234567"
    site = _read(page + "地址：岚溪县人民路1号 邮编：350100\n扫一扫在手机打开当前页\n")
    assert site["last"] == "特此通知。"


@pytest.mark.parametrize(
    "name",
    [
        "136_portal-article_date-line-in-container.html",  # the date line under the toolbar
        "146_short-notice_td-head-data-table_side-column.html",  # the body under it
    ],
)
def test_the_articles_toolbar_under_an_html_title_changes_nothing(name: str) -> None:
    """A row of the article's widgets between the title and the date line or the body is
    passed over: the date line still stands directly under the title, the body after it."""
    toolbar = GRAMMAR.Variant(
        "widgets",
        ("【字体：大 中 小】【打印本页】【关闭窗口】",),
        '<div class="tools"><span>【字体：大 中 小】</span><span>【打印本页】</span>'
        "<span>【关闭窗口】</span></div>",
        "under",
    )
    page = GRAMMAR.load_pages([PAGES / name])[0]
    assert GRAMMAR.read_with(toolbar, page) == page.base
