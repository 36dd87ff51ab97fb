"""Chrome blocks of our own inserted at the top or the foot of a page change no field: a
notice ticker's label (通知公告：<a>…</a>) is no field; a site's name in an ``<h1>`` yields
to the title cell a meta line sits under; a copyright line and a related-links box inside a
container that reaches the end of the page are no body text. Each rule alone, with what it
must not catch. Fixtures 256-259 hold the same forms whole."""

from __future__ import annotations

import noticecli
from noticecli.parse.lines import is_boilerplate

TITLE = "关于开展2024年度人防专业队伍集中训练的通知"
TICKER = (
    '<div><span>通知公告：</span><a href="/a/1.html">关于做好2024年防汛工作的通知</a> '
    "<span>2024-04-28</span></div>"
)
SENTENCES = (
    "根据年度训练计划，市人防办定于6月中旬组织人防专业队伍集中训练。",
    "请各单位按要求做好参训准备，参训人员名单于6月10日前报送。",
)


def _article(top: str = "", meta: str = "", end: str = "") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in SENTENCES)
    return (
        f"<html><head><title>{TITLE}</title></head><body>{top}<div class=article>"
        f"<h1>{TITLE}</h1><div class=info>{meta}</div>"
        f"<div class=TRS_Editor>{paragraphs}</div></div>{end}</body></html>"
    )


TIME_META = (
    "<span>更新日期：</span><span>2025-10-09 16:05</span>&nbsp;"
    "<span>来源：澄岭县人防办</span>&nbsp;<span>浏览次数：</span>"
)


def test_a_ticker_label_over_a_link_is_no_field_and_the_meta_line_keeps_its_date() -> None:
    plain = noticecli.parse_html(_article(meta=TIME_META))
    ticked = noticecli.parse_html(_article(top=TICKER, meta=TIME_META))
    assert "通知公告" not in {field.label for field in ticked.header}
    assert ticked.published_at == plain.published_at == "2025-10-09T16:05:00+08:00"
    assert [(f.label, f.origin) for f in ticked.header] == [
        (f.label, f.origin) for f in plain.header
    ]


def test_a_known_label_keeps_its_linked_value_and_an_unknown_label_its_plain_value() -> None:
    meta = (
        '<span>发布时间：2024-06-03</span> <span>来源：</span><a href="/">汀北日报</a> '
        "<span>联络员：</span><span>张明</span>"
    )
    notice = noticecli.parse_html(_article(meta=meta))
    shown = {(field.label, field.value) for field in notice.header}
    assert {("来源", "汀北日报"), ("联络员", "张明")} <= shown


def test_unknown_labels_over_text_with_a_short_link_stay_fields() -> None:
    grid = (
        "<table><tr><td>采购人：</td><td>汀北市人民防空办公室</td></tr>"
        "<tr><td>项目联系人：</td><td>张明（<a href='/m'>邮件</a>）</td></tr>"
        "<tr><td>成交金额：</td><td>28.6万元</td></tr></table>"
    )
    notice = noticecli.parse_html(_article(meta="<span>发布时间：2024-06-03</span>" + grid))
    shown = {(field.label, field.value) for field in notice.header}
    assert {("采购人", "汀北市人民防空办公室"), ("项目联系人", "张明（邮件）")} <= shown


def _table_layout(top: str, title_tag: str = "汀北市人民防空办公室") -> str:
    return (
        f"<html><head><title>{title_tag}</title></head><body>{top}"
        '<table><tr><td class="weizhi">您的位置：<a href="/">首页</a></td></tr>'
        f'<tr><td class="biaoti" align="center">{TITLE}</td></tr>'
        '<tr><td align="center">发布时间：2024-06-03　来源：指挥通信科</td></tr>'
        f"<tr><td>{''.join(f'<p>{line}</p>' for line in SENTENCES)}</td></tr></table>"
        "</body></html>"
    )


def test_a_site_name_heading_yields_to_the_cell_over_the_meta_line() -> None:
    assert noticecli.parse_html(_table_layout("")).title == TITLE
    for name in ("某某市人民政府", "汀北市人民防空办公室", "汀北县人防信息网"):
        assert noticecli.parse_html(_table_layout(f"<h1>{name}</h1>")).title == TITLE


def test_a_heading_that_is_no_name_stays_the_title_over_the_meta_cell() -> None:
    heading = "汀北市人防办部署2024年度专业队伍训练工作"
    assert noticecli.parse_html(_table_layout(f"<h1>{heading}</h1>")).title == heading


def test_a_copyright_line_is_boilerplate_and_a_sentence_about_copyright_is_not() -> None:
    for line in (
        "Copyright © 2024 某某市人民政府 All Rights Reserved",
        "COPYRIGHT(C)2024 汀北市人民防空办公室",
        "© 2024 汀北市人防办 版权所有",
        "Copyright 汀北市人民防空办公室",
    ):
        assert is_boilerplate(line), line
    assert not is_boilerplate("本文版权归汀北日报所有，转载请注明出处。")
    assert not is_boilerplate("Copyrighted works shall be respected.")


def _open_ended(tail: str) -> str:
    """An excerpt whose body container is never closed: what follows is inside it."""
    paragraphs = "".join(f"<p>{line}</p>" for line in SENTENCES)
    return (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
        f'<div class="TRS_Editor">{paragraphs}{tail}'
    )


def _texts(page: str) -> list[str | None]:
    return [block.text for block in noticecli.parse_html(page).body]


RELATED = (
    '<div class="xg"><h3>相关链接</h3><ul>'
    '<li><a href="/a/2.html">关于开展安全检查的通知</a><span>2024-03-01</span></li>'
    '<li><a href="/a/3.html">关于做好防汛工作的通知</a><span>2024-02-11</span></li></ul></div>'
)


def test_a_copyright_line_and_a_related_box_at_the_end_of_an_open_container_are_no_body() -> None:
    assert _texts(_open_ended("")) == list(SENTENCES)
    assert _texts(_open_ended('<div class="ft">Copyright © 2024 某某市人民政府</div>')) == list(
        SENTENCES
    )
    assert _texts(_open_ended(RELATED)) == list(SENTENCES)
    caption_then_list = (
        "<p>相关文章：</p><p><a href='/a/5.html'>汀北市人防办开展警报试鸣</a></p>"
        "<p><a href='/a/6.html'>汀北市人防办开展人防宣传</a></p>"
    )
    assert _texts(_open_ended(caption_then_list)) == list(SENTENCES)


def test_a_link_list_without_a_caption_and_a_sentence_naming_related_links_stay_body() -> None:
    links = (
        '<ul><li><a href="/a/2.html">关于开展安全检查的通知</a></li>'
        '<li><a href="/a/3.html">关于做好防汛工作的通知</a></li></ul>'
    )
    texts = _texts(_open_ended(links))
    assert texts[-2:] == ["关于开展安全检查的通知", "关于做好防汛工作的通知"]
    sentence = "相关文章请登录市人防办网站“通知公告”栏目查阅。"
    assert _texts(_open_ended(f"<p>{sentence}</p>"))[-1] == sentence
    # A caption over text, not over links: the caption and its text stay.
    over_text = "<h3>相关文章</h3><p>本通知自印发之日起施行，由市人防办负责解释。</p>"
    assert _texts(_open_ended(over_text))[-1] == "本通知自印发之日起施行，由市人防办负责解释。"


def test_an_unknown_label_in_a_top_bar_is_not_near_the_meta_line_through_body_alone() -> None:
    notice_bar = "<div><span>温馨提示：</span><span>本站正在进行系统升级</span></div>"
    plain = noticecli.parse_html(_article(meta=TIME_META))
    barred = noticecli.parse_html(_article(top=notice_bar, meta=TIME_META))
    assert "温馨提示" not in {field.label for field in barred.header}
    assert barred.published_at == plain.published_at == "2025-10-09T16:05:00+08:00"


def test_an_unknown_label_in_the_meta_lines_box_stays_a_field() -> None:
    meta = TIME_META + "<div><span>审核人：</span><span>王敏</span></div>"
    notice = noticecli.parse_html(_article(meta=meta))
    assert ("审核人", "王敏") in {(field.label, field.value) for field in notice.header}
