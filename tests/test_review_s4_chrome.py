"""Review s4, F5-F10: chrome rules must not take the notice's own lines, fields or items.

Each page is a reviewer's page (docs: /work/wt/reports/review-s4.md) that a rule over-reached
on: the notice's contact lines over the footer, an unpaged listing under a 更多>> header, a
meta line opening with 当前栏目, list items worded like footer or greeting text, a headline
announcing a platform, a keyword list ending in 关闭.
"""

from __future__ import annotations

import noticecli
from tests.rendering import paragraphs as _paragraphs

_META = "发布时间：2024-06-03 来源：岚州市人防办"
_CONTACTS = (
    "地址：岚州市新华路18号 邮编：350100",
    "联系电话：0591-83345678 邮箱：rfb@lanzhou.gov.cn",
)
_FOOTER = "版权所有：岚州市人民防空办公室 闽ICP备12345678号"


# --- F5: the notice's own contact lines over the footer --------------------------------------


def test_a_notices_contact_block_over_the_text_footer_stays() -> None:
    page = (
        f"关于公开招聘人防工程质量监督员的公告\n{_META}\n\n"
        "因工作需要，岚州市人防工程质量监督站面向社会公开招聘质量监督员2名，有关事项公告如下。\n"
        "一、报名时间：2024年6月5日至6月12日。\n"
        "二、报名方式：报名者将报名表发送至指定邮箱，或到报名地点现场报名。\n"
        + "\n".join(_CONTACTS)
        + f"\n{_FOOTER}\n"
    )
    assert _paragraphs(noticecli.parse_text(page))[-2:] == list(_CONTACTS)


def test_contact_blocks_after_the_notices_closing_are_the_sites() -> None:
    page = (
        f"关于试鸣的通知\n{_META}\n\n为增强全民国防观念，定于9月14日组织防空警报试鸣。\n"
        "特此通知。\n" + "\n".join(_CONTACTS) + f"\n{_FOOTER}\n"
    )
    assert _paragraphs(noticecli.parse_text(page))[-1] == "特此通知。"


_HTML_TEXT = (
    "<p>因工作需要，岚州市人防工程质量监督站面向社会公开招聘质量监督员2名，有关事项公告如下。</p>"
    "<p>一、报名方式：报名者将报名表发送至指定邮箱，或到报名地点现场报名，逾期不予受理。</p>"
)


def _html(body: str) -> noticecli.Notice:
    return noticecli.parse_html(
        "<html><body><h1>关于公开招聘人防工程质量监督员的公告</h1>"
        f'<div class="info">{_META}</div>{body}</body></html>'
    )


def test_a_notices_contact_paragraphs_over_a_footer_line_in_its_text_stay() -> None:
    contacts = "".join(f"<p>{line}</p>" for line in _CONTACTS)
    notice = _html(f'<div class="text">{_HTML_TEXT}{contacts}<p>{_FOOTER}</p></div>')
    assert _paragraphs(notice)[-2:] == list(_CONTACTS)


def test_a_contact_line_over_a_footer_line_the_signature_follows_stays() -> None:
    notice = _html(
        f'<div class="content">{_HTML_TEXT}<p>{_CONTACTS[1]}</p><p>版权所有 岚州市人民防空办公室</p>'
        "<p>岚州市人民防空办公室</p><p>2024年6月3日</p></div>"
    )
    assert _CONTACTS[1] in _paragraphs(notice)


def test_contact_paragraphs_in_the_footers_element_are_the_sites() -> None:
    contacts = "".join(f"<p>{line}</p>" for line in _CONTACTS)
    notice = _html(
        f'<div class="content">{_HTML_TEXT}<div class="ft">{contacts}<p>{_FOOTER}</p></div></div>'
    )
    assert not set(_CONTACTS) & set(_paragraphs(notice))


# --- F6: an unpaged listing under a 更多>> header ---------------------------------------------


def _box_listing(count: int) -> str:
    items = "".join(
        f'<li><a href="/tzgg/2024{i:02}/t{i}.html">关于2024年第{i}批人防工程竣工验收备案情况的公告</a>'
        f"<span>2024-{i:02}-1{i % 10}</span></li>"
        for i in range(1, count + 1)
    )
    return (
        '<html><body><div class="top">岚州市人民防空办公室</div>'
        '<div class="nav"><a href="/">首页</a><a href="/xxgk/">信息公开</a>'
        '<a href="/tzgg/">通知公告</a></div>'
        '<div class="main"><div class="box"><div class="box-hd"><span>通知公告</span>'
        f'<a href="/tzgg/list_all.html">更多&gt;&gt;</a></div><ul class="list">{items}</ul>'
        '</div></div><div class="footer">版权所有：岚州市人民防空办公室</div></body></html>'
    )


def test_an_unpaged_list_under_a_more_header_alone_on_the_page_is_a_listing() -> None:
    for count in (4, 10):
        listing = noticecli.parse_html(_box_listing(count))
        assert listing.kind == "listing"
        assert len(listing.items) == count


def test_a_column_box_beside_a_short_notice_or_a_portals_lists_is_no_listing() -> None:
    box = _box_listing(3)
    short = box.replace(
        '<div class="main">',
        '<div class="main"><h1>人防工程名单</h1><p>现将2024年向社会开放的人防工程名单公布如下：</p>'
        "<table><tr><td>名称</td><td>地址</td></tr><tr><td>一号工程</td><td>新华路</td></tr>"
        "</table>",
    )
    assert noticecli.parse_html(short).kind == "notice"
    menus = "".join(
        "<ul>"
        + "".join(f'<li><a href="/g/{n}{i}.html">指南{n}{i}</a></li>' for i in range(4))
        + "</ul>"
        for n in range(3)
    )
    portal = box.replace('<div class="main">', f'<div class="main">{menus}')
    assert noticecli.parse_html(portal).kind != "listing"


# --- F7: a meta line opening with 当前栏目 ----------------------------------------------------


_COLUMN_META = "当前栏目：通知公告  发布时间：2024-09-18  浏览次数：120"


def test_a_where_label_opening_a_meta_line_is_cut_not_dropped() -> None:
    text = noticecli.parse_text(
        f"关于2024年防空警报试鸣的公告\n{_COLUMN_META}\n\n"
        "根据《岚州市防空警报试鸣规定》，定于2024年9月21日试鸣防空警报。\n"
    )
    html = noticecli.parse_html(
        "<html><body><h1>关于2024年防空警报试鸣的公告</h1>"
        f'<div class="info">{_COLUMN_META}</div><div class="content">'
        "<p>根据《岚州市防空警报试鸣规定》，定于2024年9月21日试鸣防空警报。</p></div></body></html>"
    )
    trail = noticecli.parse_text(
        f"关于2024年防空警报试鸣的公告\n当前位置：首页 > 通知公告  {_COLUMN_META[11:]}\n\n"
        "根据《岚州市防空警报试鸣规定》，定于2024年9月21日试鸣防空警报。\n"
    )
    assert [field.label for field in trail.header] == ["发布时间", "浏览次数"]  # trail cut
    assert "当前栏目" in [field.label for field in text.header]
    for notice in (text, html, trail):
        assert str(notice.published_at) == "2024-09-18"
        fields = [(field.label, field.value) for field in notice.header]
        assert ("发布时间", "2024-09-18") in fields
        assert ("浏览次数", "120") in fields


# --- F8: list items worded like footer or greeting lines -------------------------------------


_ITEM_TITLES = (
    "关于开展政府网站ICP备案信息核查工作的通知",
    "关于规范使用政府网站标识码的通知",
    "欢迎访问岚州市人民防空办公室新版门户网站",
    "欢迎使用岚州市人防工程信息管理平台",
    "欢迎登录岚州人防宣传教育网",
    "关于2024年防空警报试鸣的公告",
    "关于开展人防工程安全检查的通知",
    "关于公布人防行政许可事项清单的公告",
)


def test_a_dated_list_item_is_never_dropped_for_footer_or_greeting_words() -> None:
    items = "".join(
        f'<li><a href="/tzgg/t{i}.html">{title}</a><span>2024-0{i + 1}-1{i}</span></li>'
        for i, title in enumerate(_ITEM_TITLES)
    )
    listing = noticecli.parse_html(
        '<html><body><div class="top">岚州市人民防空办公室</div><div class="main">'
        f'<div class="box"><div class="box-hd"><span>通知公告</span></div><ul class="list">{items}'
        '</ul></div></div><div class="footer">版权所有：岚州市人民防空办公室</div></body></html>'
    )
    assert listing.kind == "listing"
    assert [item.title for item in listing.items] == list(_ITEM_TITLES)


# --- F9: a headline announcing a platform ----------------------------------------------------


def test_a_greeting_shaped_headline_over_its_meta_line_is_the_title() -> None:
    notice = noticecli.parse_text(
        f"欢迎使用岚州市人防工程信息管理平台\n{_META}\n\n"
        "岚州市人防工程信息管理平台于3月1日正式上线，建设单位可在平台上办理人防工程报建业务。\n"
    )
    assert notice.title == "欢迎使用岚州市人防工程信息管理平台"


def test_a_greeting_over_a_titled_page_is_still_chrome() -> None:
    notice = noticecli.parse_text(
        f"欢迎访问岚州市人民防空办公室网站\n关于2024年防空警报试鸣的公告\n{_META}\n\n"
        "根据《岚州市防空警报试鸣规定》，定于2024年9月21日试鸣防空警报。\n"
    )
    assert notice.title == "关于2024年防空警报试鸣的公告"
    assert "欢迎访问岚州市人民防空办公室网站" not in _paragraphs(notice)


# --- F10: a keyword list ending in a widget word ---------------------------------------------


def test_a_keyword_list_keeps_its_last_word() -> None:
    notice = noticecli.parse_text(
        "关于暂停开放部分人防工程的公告\n发布时间：2024-07-01  关键词：人防工程 临时 关闭\n\n"
        "因汛期排涝需要，城区部分人防工程自7月1日起暂停开放，恢复开放时间另行通知。\n"
    )
    assert ("关键词", "人防工程 临时 关闭") in [(f.label, f.value) for f in notice.header]


def test_a_widget_word_after_a_counter_is_still_cut() -> None:
    notice = noticecli.parse_text(
        "关于暂停开放部分人防工程的公告\n发布时间：2024-07-01  浏览次数：120 关闭\n\n"
        "因汛期排涝需要，城区部分人防工程自7月1日起暂停开放，恢复开放时间另行通知。\n"
    )
    assert ("浏览次数", "120") in [(f.label, f.value) for f in notice.header]
