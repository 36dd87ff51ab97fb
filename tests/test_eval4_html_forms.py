"""The HTML forms a fourth held-out evaluation of issue 9 described (its report, form H and
what it saw unscored): each rule alone, on markup of our own. Fixtures 120-125 hold the same
forms whole."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

import noticecli
from noticecli.models import Block, Notice
from noticecli.parse.title_block import bracketed, mark_title_deck, names_title
from tests.rendering import meta_line_values as _meta

TITLE = "澄岭县人民防空办公室人防指挥所设备维保项目招标公告"
FIRST = "澄岭县人民防空办公室人防指挥所设备维保项目已由县财政局批准建设，现对该项目进行公开招标。"
LAST = "投标人须具备独立法人资格，近三年内无重大违法记录。"


def _fragment(*inner: str, wrapper: str = '<div class="ewb-info">') -> Notice:
    """A content fragment with no heading element, no <title> and no meta."""
    return noticecli.parse_html(wrapper + "".join(inner) + "</div>")


def _typed(notice: Notice) -> list[tuple[str, str | None]]:
    return [(block.type, block.text or block.src) for block in notice.body]


# --- the title of a fragment without headings ----------------------------------------------


@pytest.mark.parametrize(
    "title_markup",
    [
        f'<div class="title3">{TITLE}</div>',
        f'<div class="article-title">{TITLE}</div>',
        f'<div class="tit">{TITLE}</div>',
        f'<p class="bt">{TITLE}</p>',
        f'<p style="text-align: center">{TITLE}</p>',
        f'<div align="center">{TITLE}</div>',
    ],
)
def test_a_title_block_opening_a_fragment_is_its_title_and_not_its_first_paragraph(
    title_markup: str,
) -> None:
    notice = _fragment(title_markup, f"<p>{FIRST}</p><p>{LAST}</p>")
    assert notice.title == TITLE
    assert _typed(notice)[0] == ("paragraph", FIRST)


def test_a_plain_short_first_line_is_no_title_without_evidence() -> None:
    notice = _fragment(f"<p>{TITLE}</p>", f"<p>{FIRST}</p><p>{LAST}</p>")
    assert notice.title is None
    assert _typed(notice)[0] == ("paragraph", TITLE)


def test_a_bracketed_project_number_is_never_the_title() -> None:
    # Both boxes name a title by class and stand before the body; the later one is nearer
    # the body, but (项目编号：…) is the title's deck.
    notice = _fragment(
        f'<div class="title3">{TITLE}</div>',
        '<div class="title-sub">（项目编号：CLZB-2026-0312）</div>',
        f'<div class="info-detail"><p>{FIRST}</p><p>{LAST}</p></div>',
    )
    assert notice.title == TITLE


def test_a_bracketed_line_under_the_title_is_its_deck_not_the_first_paragraph() -> None:
    notice = _fragment(
        f'<div class="title3">{TITLE}</div>',
        "<div>（采购编号：TBCG-2025-0907）</div>",
        f"<p>{FIRST}</p><p>{LAST}</p>",
    )
    assert _typed(notice)[:2] == [("byline", "（采购编号：TBCG-2025-0907）"), ("paragraph", FIRST)]


def test_the_deck_rule_needs_brackets_and_a_label() -> None:
    for text in ("（此件公开发布）", "项目编号：CLZB-2026-0312", FIRST):
        assert mark_title_deck([Block("paragraph", text)])[0].type == "paragraph"
    assert bracketed("【项目编号：X-1】")
    assert not bracketed("（一）项目概况（续）x")
    assert not bracketed("【岚溪市中心】岚溪市人防指挥所设备维护服务项目竞争性磋商公告[正在报名]")


def test_title_class_words() -> None:
    def names(markup: str) -> bool:
        node = LexborHTMLParser(markup).css_first("div, p")
        assert node is not None
        return names_title(node)

    assert names('<div class="title3">x</div>')
    assert names('<p class="bt">x</p>')
    assert names('<div id="biaoti">x</div>')
    assert not names('<div class="subtitle">x</div>')
    assert not names('<div class="button">x</div>')


# --- section titles ----------------------------------------------------------------------


def test_section_titles_in_title_class_or_own_divs_are_headings() -> None:
    notice = _fragment(
        f'<div class="title3">{TITLE}</div>',
        f"<p>{FIRST}</p>",
        '<div class="title4">一、项目概况</div>',
        "<p>建设地点：澄岭县人防指挥所。</p>",
        "<div>二、投标人资格要求</div>",
        f"<p>{LAST}</p>",
        "<div>三、本项目预算为十八万元，超出预算的报价无效。</div>",
        "<p>四、其他事项</p>",
    )
    typed = _typed(notice)
    assert ("heading", "一、项目概况") in typed
    assert ("heading", "二、投标人资格要求") in typed
    # A numbered sentence, and a numbered line in a plain paragraph, stay paragraphs.
    assert ("paragraph", "三、本项目预算为十八万元，超出预算的报价无效。") in typed
    assert ("paragraph", "四、其他事项") in typed


def test_a_div_of_several_lines_is_not_a_section_title() -> None:
    notice = _fragment(
        f'<div class="title3">{TITLE}</div>',
        f"<p>{FIRST}</p>",
        "<div>一、报名时间<br>2026年3月13日至3月19日</div>",
        f"<p>{LAST}</p>",
    )
    assert ("paragraph", "一、报名时间") in _typed(notice)


# --- the lines after a closing table -----------------------------------------------------

_TABLE = (
    '<table border="1"><tr><td>联系人：周工</td><td>联系人：吴工</td></tr>'
    "<tr><td>电话：0000-5550123</td><td>电话：0000-5550456</td></tr></table>"
)


def test_a_right_aligned_signature_after_the_closing_date_is_a_signature() -> None:
    notice = _fragment(
        f'<div class="title3">{TITLE}</div>',
        f"<p>{FIRST}</p><p>{LAST}</p>",
        _TABLE,
        '<div style="text-align:right">2026年03月12日</div>',
        '<div style="text-align:right">招标人或其招标代理机构：（签章）</div>',
    )
    assert _typed(notice)[-2:] == [
        ("date", "2026年03月12日"),
        ("signature", "招标人或其招标代理机构：（签章）"),
    ]


def test_a_left_aligned_line_after_the_date_is_no_signature() -> None:
    notice = _fragment(
        f'<div class="title3">{TITLE}</div>',
        f"<p>{FIRST}</p><p>{LAST}</p>",
        '<div style="text-align:right">2026年03月12日</div>',
        "<div>附件：招标文件</div>",
    )
    assert _typed(notice)[-1] == ("paragraph", "附件：招标文件")


def test_signature_and_date_printed_after_the_body_container_stay_in_the_body() -> None:
    notice = _fragment(
        f'<div class="title3">{TITLE}</div>',
        f'<div class="ewb-info-con"><p>{FIRST}</p><p>{LAST}</p>{_TABLE}</div>',
        '<p style="text-align:right">招标人：澄岭县人民防空办公室</p>',
        '<p style="text-align:right">2026年04月03日</p>',
    )
    assert _typed(notice)[-2:] == [
        ("signature", "招标人：澄岭县人民防空办公室"),
        ("date", "2026年04月03日"),
    ]
    assert notice.title == TITLE


def test_lines_after_the_container_without_a_date_or_after_links_are_not_taken() -> None:
    undated = _fragment(
        f'<div class="title3">{TITLE}</div>',
        f'<div class="ewb-info-con"><p>{FIRST}</p><p>{LAST}</p>{_TABLE}</div>',
        '<p style="text-align:right">澄岭县公共资源交易中心</p>',
    )
    assert "澄岭县公共资源交易中心" not in [text for _, text in _typed(undated)]
    linked = _fragment(
        f'<div class="title3">{TITLE}</div>',
        f'<div class="ewb-info-con"><p>{FIRST}</p><p>{LAST}</p>{_TABLE}</div>',
        '<p style="text-align:right">2026年04月03日</p>',
        '<ul><li><a href="/1.html">澄岭县另一项目招标公告</a></li></ul>',
        '<p style="text-align:right">澄岭县公共资源交易中心</p>',
    )
    typed = _typed(linked)
    assert typed[-1] == ("date", "2026年04月03日")
    assert "澄岭县公共资源交易中心" not in [text for _, text in typed]


# --- photo captions ----------------------------------------------------------------------

_PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


def test_captions_under_lazy_images_are_paragraphs_each() -> None:
    photos = "".join(
        f'<img src="{_PIXEL}" data-original="/u/{n}.jpg"><br>{caption}<br>'
        for n, caption in enumerate(("开标现场", "评标委员会评审投标文件", "监督人员全程监督"))
    )
    notice = _fragment(
        f'<div class="title3">{TITLE}</div>',
        f'<p>{FIRST}</p><p style="text-align:center"><b>{photos}</b></p><p>{LAST}</p>',
    )
    assert _typed(notice)[1:7] == [
        ("image", "/u/0.jpg"),
        ("paragraph", "开标现场"),
        ("image", "/u/1.jpg"),
        ("paragraph", "评标委员会评审投标文件"),
        ("image", "/u/2.jpg"),
        ("paragraph", "监督人员全程监督"),
    ]


def test_lines_around_an_image_without_a_source_are_never_joined() -> None:
    notice = _fragment(
        f'<div class="title3">{TITLE}</div>',
        f"<p>{FIRST}</p><p><b><img>开标现场<br><img>监督人员全程监督</b></p><p>{LAST}</p>",
    )
    texts = [text for _, text in _typed(notice)]
    assert "开标现场" in texts and "监督人员全程监督" in texts


def test_a_bold_heading_broken_by_br_is_still_one_heading() -> None:
    notice = _fragment(
        f'<div class="title3">{TITLE}</div>',
        f"<p>{FIRST}</p><p><b>一、项目<br>概况</b></p><p>{LAST}</p>",
    )
    assert ("heading", "一、项目概况") in _typed(notice)


# --- a time label of the page's own, then 来源 ---------------------------------------------


def _article(info: str) -> Notice:
    return noticecli.parse_html(
        "<html><head><meta charset='utf-8'><title>汀北县人防办开展防空警报试鸣宣传活动_汀北县"
        "</title></head><body><h1>汀北县人防办开展防空警报试鸣宣传活动</h1>"
        f"<div class='info'>{info}</div><div class='TRS_Editor'><p>{FIRST}</p><p>{LAST}</p>"
        "</div></body></html>"
    )


def test_values_after_an_own_time_label_are_read() -> None:
    notice = _article(
        "更新时间：2025-09-15 10:20&nbsp;&nbsp;来源：汀北县人防办&nbsp;&nbsp;作者：林晓"
    )
    assert _meta(notice) == [
        ("更新时间", "2025-09-15 10:20"),
        ("来源", "汀北县人防办"),
        ("作者", "林晓"),
    ]
    assert notice.source == "汀北县人防办"


def test_an_own_time_label_in_spans_is_read_once() -> None:
    # Beside two known labels the label scan reads 更新日期 too; the date-line reading
    # (which appends its fields after those the scan read) must not repeat it.
    notice = _article(
        "<span>更新日期：</span><span>2025-10-09 16:05</span> <span>来源：澄岭县人防办</span>"
        " <span>浏览次数：<script>document.write(n)</script></span>"
    )
    assert sorted(_meta(notice)) == [
        ("更新日期", "2025-10-09 16:05"),
        ("来源", "澄岭县人防办"),
        ("浏览次数", None),
    ]
