"""Hidden elements give nothing: no title, field, body text or attachment (issue 9, item 1)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

import noticecli
from noticecli.parse.visibility import remove_hidden

ARTICLE = (
    "<p>各县（市、区）人防办：为做好人防工程安全管理工作，现就有关事项通知如下，请认真贯彻执行。</p>"
    "<p>一、各单位要按照要求开展检查，确保人防工程防护设备完好、通道畅通、标识清楚。</p>"
)


def _texts(html: str) -> str:
    tree = LexborHTMLParser(html)
    remove_hidden(tree)
    return tree.body.text() if tree.body is not None else ""


def test_inline_style_hidden_attribute_and_aria_hidden() -> None:
    text = _texts(
        "<body><p>shown</p><div style='DISPLAY: None'>a</div><p style='visibility:hidden'>b</p>"
        "<p hidden>c</p><span aria-hidden='true'>d</span><p style='border:none'>kept</p></body>"
    )
    assert "shown" in text and "kept" in text
    assert not any(letter in text for letter in "abcd")


def test_framework_cloaks_are_hidden() -> None:
    text = _texts(
        "<body><p>shown</p><div class='x ng-hide'>a</div><div v-cloak>{{ b }}</div>"
        "<div ng-cloak>c</div><div class='ng-cloak'>d</div></body>"
    )
    assert text.strip() == "shown"


def test_a_class_is_hidden_only_when_the_pages_own_css_says_so() -> None:
    page = "<style>{css}</style><body><p>shown</p><div class='hide'>x</div></body>"
    assert "x" not in _texts(page.format(css=".hide{display:none}"))
    assert "x" in _texts(page.format(css=".hide{color:red}"))  # no hiding rule: shown
    assert "x" in _texts("<body><p>shown</p><div class='hide'>x</div></body>")  # linked CSS


def test_rules_inside_media_queries_or_with_state_do_not_hide() -> None:
    css = "@media (max-width:600px){.pc{display:none}} .tip:hover{display:none}"
    text = _texts(f"<style>{css}</style><body><div class='pc'>wide</div><p class='tip'>t</p>")
    assert "wide" in text and "t" in text


def test_a_later_rule_that_shows_the_element_again_wins() -> None:
    css = ".tab-pane{display:none} .tab-pane.active{display:block}"
    text = _texts(
        f"<style>{css}</style><body><div class='tab-pane active'>on</div>"
        "<div class='tab-pane'>off</div></body>"
    )
    assert "on" in text and "off" not in text


def test_a_statement_before_the_selector_and_comments_are_read_past() -> None:
    css = '@charset "UTF-8";/* a note */ .ng-hide:not(.ng-hide-animate),.gone{display:none !important}'
    text = _texts(f"<style>{css}</style><body><p>shown</p><p class='gone'>x</p></body>")
    assert "x" not in text


def test_a_hidden_wrapper_holding_most_of_the_page_is_shown_by_its_script() -> None:
    html = f"<body><div style='display:none' id='app'>{ARTICLE * 3}</div><p>footer</p></body>"
    assert "人防工程" in _texts(html)


def test_hidden_copies_give_no_field_title_text_or_attachment() -> None:
    page = (
        "<html><head><title>t</title></head><body>"
        "<div style='display:none'><h1>旧稿标题（草稿）内容</h1><div>发布时间：2024-06-11 18:20</div>"
        "<p>本段为旧稿内容，不应出现。</p><a href='/old.docx'>旧稿.docx</a></div>"
        "<h1>松澜市国动办召开人民防空工作会议</h1><div>发布时间：2024-06-13 10:05</div>"
        f"<div class='article-content'>{ARTICLE}</div></body></html>"
    )
    notice = noticecli.parse_html(page)
    assert notice.title == "松澜市国动办召开人民防空工作会议"
    assert [(f.label, f.value) for f in notice.header] == [("发布时间", "2024-06-13 10:05")]
    assert "旧稿" not in notice.body_text()
    assert notice.attachments == []


def test_nested_hidden_elements_are_removed_once_and_deep_pages_stay_safe() -> None:
    nested = "<div style='display:none'>" * 3 + "x" + "</div>" * 3
    deep = "<div>" * 3000 + "<span hidden>y</span>" + "</div>" * 3000
    assert "x" not in _texts(f"<body><p>a</p>{nested}</body>")
    assert "y" not in _texts(f"<body><p>a</p>{deep}</body>")


_LONG_SCRIPT = (
    "<script>" + "var item = {title: '往期推送', digest: '人防知识'};" * 300 + "</script>"
)
_SENTENCES = (
    "<p>为检验防空警报设施的完好率，增强全民国防观念和防空防灾意识，县人防办定于9月21日组织试鸣。</p>"
    "<p>试鸣顺序为预先警报、空袭警报和解除警报，每种警报各鸣放三分钟，请注意分辨警报信号。</p>"
    "<p>试鸣期间，请广大群众保持正常的生产生活秩序，不要惊慌，不要传播不实信息，特此通告。</p>"
)


def _wechat(style: str, visible: str = "") -> noticecli.Notice:
    return noticecli.parse_html(
        "<html><body><h1 id='activity-name'>关于组织防空警报试鸣的通告</h1>"
        f"{visible}<div id='js_content' style='{style}'>{_SENTENCES}"
        "<p style='display:none'>编辑备注，勿转发。</p></div>"
        f"{_LONG_SCRIPT}</body></html>"
    )


def test_a_hidden_only_copy_of_the_article_is_read_with_a_warning() -> None:
    for style in ("visibility: hidden;", "display:none", "opacity:0; visibility:hidden"):
        notice = _wechat(style)
        text = "".join(block.text or "" for block in notice.body)
        assert "县人防办定于9月21日组织试鸣" in text and "特此通告" in text
        assert "编辑备注" not in text
        assert "body_from_hidden" in [warning.code for warning in notice.warnings]


def test_hidden_text_is_never_taken_beside_a_visible_body() -> None:
    visible = (
        "<div class='article'><p>为做好人防工程安全管理工作，现就有关事项通知如下，请认真贯彻执行，确保工程完好。</p>"
        "<p>各单位要按照要求开展检查，确保人防工程防护设备完好、通道畅通、标识清楚，发现问题及时整改。</p></div>"
    )
    notice = _wechat("visibility: hidden;", visible)
    text = "".join(block.text or "" for block in notice.body)
    assert "人防工程安全管理工作" in text
    assert "组织试鸣" not in text
    assert "body_from_hidden" not in [warning.code for warning in notice.warnings]


def test_a_visible_copy_of_the_hidden_text_keeps_it_hidden() -> None:
    # The visible copy is one short line (a summary cut short): no body by itself, so only
    # the copy probe keeps the hidden one out.
    summary = "<p class='digest'>为检验防空警报设施的完好率，增强全民国防观念和防空防灾意识…</p>"
    tree = LexborHTMLParser(
        f"<body><h1>关于组织防空警报试鸣的通告</h1>{summary}"
        f"<div style='display:none'>{_SENTENCES}</div>{_LONG_SCRIPT}</body>"
    )
    assert not remove_hidden(tree)
    assert tree.body is not None and "组织试鸣" not in tree.body.text()
    other = summary.replace("为检验", "为做好")
    tree = LexborHTMLParser(
        f"<body><h1>关于组织防空警报试鸣的通告</h1>{other}"
        f"<div style='display:none'>{_SENTENCES}</div>{_LONG_SCRIPT}</body>"
    )
    assert remove_hidden(tree)
    assert tree.body is not None and "组织试鸣" in tree.body.text()


def test_a_visible_copy_split_by_inline_tags_keeps_the_hidden_one_out() -> None:
    visible = "".join(
        "<p>"
        + "".join(f"<b>{sentence[i : i + 12]}</b>" for i in range(0, len(sentence), 12))
        + "</p>"
        for sentence in (
            "为检验防空警报设施的完好率，增强全民国防观念和防空防灾意识，县人防办定于9月21日组织试鸣。",
        )
    )
    notice = _wechat("visibility: hidden;", visible)
    assert "body_from_hidden" not in [warning.code for warning in notice.warnings]


def test_an_article_hidden_by_the_pages_own_css_rule_is_read() -> None:
    notice = noticecli.parse_html(
        "<html><head><style>#js_content { visibility: hidden; }</style></head><body>"
        f"<h1>关于组织防空警报试鸣的通告</h1><div id='js_content'>{_SENTENCES}</div>"
        f"{_LONG_SCRIPT}</body></html>"
    )
    assert "body_from_hidden" in [warning.code for warning in notice.warnings]
    assert any("组织试鸣" in (block.text or "") for block in notice.body)


def test_a_hidden_popup_of_sentences_is_never_the_article() -> None:
    for marker in ("class='modal fade'", "id='notice-layer'", "class='pop_box'"):
        notice = noticecli.parse_html(
            "<html><body><h1>关于组织防空警报试鸣的通告</h1>"
            f"<div {marker} style='display:none'>{_SENTENCES}</div>{_LONG_SCRIPT}</body></html>"
        )
        assert not any("组织试鸣" in (block.text or "") for block in notice.body), marker
        assert "body_from_hidden" not in [warning.code for warning in notice.warnings]
