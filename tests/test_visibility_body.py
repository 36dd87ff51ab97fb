"""A visible body of any kind keeps hidden text out; hidden text is read only on a page with
essentially no article content, and never a site statement (review s3, H4)."""

from __future__ import annotations

import pytest

import noticecli

_SCRIPT = "<script>" + "var item = {title: '往期推送', digest: '人防知识'};" * 300 + "</script>"
_ARTICLE = (
    "<p>为检验防空警报设施的完好率，增强全民国防观念和防空防灾意识，县人防办定于9月21日组织试鸣。</p>"
    "<p>试鸣顺序为预先警报、空袭警报和解除警报，每种警报各鸣放三分钟，请注意分辨警报信号。</p>"
    "<p>试鸣期间，请广大群众保持正常的生产生活秩序，不要惊慌，不要传播不实信息，特此通告。</p>"
)
_STATEMENT = (
    "<p>本网站所载文字、图片等内容，凡注明来源为本网站的，版权均属岚川县人民政府所有，"
    "未经授权不得转载、摘编或利用其他方式使用。</p>"
    "<p>已经授权使用作品的，应在授权范围内使用，并注明来源。违反上述声明者，本网站将追究其相关法律责任。</p>"
)
_TABLE = (
    "<table><tr><td>序号</td><td>单位名称</td><td>得分</td></tr>"
    "<tr><td>1</td><td>岚川县第一人民医院</td><td>98</td></tr>"
    "<tr><td>2</td><td>岚川县实验小学</td><td>96</td></tr></table>"
)


def _page(visible: str, hidden: str) -> noticecli.Notice:
    return noticecli.parse_html(
        "<html><body><div class='header'><a href='/'>首页</a></div>"
        "<h1>2024年度岚川县人防工程维护管理先进单位名单公示</h1>"
        f"<div class='content'>{visible}</div>"
        f"<div id='statement' style='display:none'>{hidden}</div>{_SCRIPT}</body></html>"
    )


def _text(notice: noticecli.Notice) -> str:
    return "".join(block.text or "" for block in notice.body)


def _from_hidden(notice: noticecli.Notice) -> bool:
    return "body_from_hidden" in [warning.code for warning in notice.warnings]


def test_a_hidden_statement_never_replaces_a_visible_table_body() -> None:
    notice = _page(f"<p>经评审，以下单位拟评为先进单位，现予公示</p>{_TABLE}", _STATEMENT)
    assert not _from_hidden(notice)
    assert "版权" not in _text(notice)
    assert any(block.type == "table" for block in notice.body)


@pytest.mark.parametrize(
    "visible",
    [
        _TABLE,
        "<ul><li>岚川县第一人民医院</li><li>岚川县实验小学</li></ul>",
        "<p>公示期：2024年8月28日至9月3日</p><p>联系人：县国动办王明同志</p>"
        "<p>联系电话：0571-88888888</p>",
        "<p><img src='/uploads/2024/gs-scan.jpg'></p>",
    ],
    ids=["table", "list", "short-lines", "image"],
)
def test_visible_content_of_any_kind_keeps_hidden_article_text_out(visible: str) -> None:
    assert _from_hidden(_page("", _ARTICLE))  # the same page without it reads the hidden text
    notice = _page(visible, _ARTICLE)
    assert not _from_hidden(notice)
    assert "组织试鸣" not in _text(notice)


def test_page_chrome_alone_is_no_visible_body() -> None:
    chrome = (
        "<div id='meta_content'><a id='js_name' href='javascript:;'>岚川人防</a>"
        "<em id='publish_time'>2024-09-12 17:30</em></div>"
        "<div class='qr_code_pc'><img id='js_pc_qr_code_img' src='/qr.png'>"
        "<p>微信扫一扫<br>关注该公众号</p></div><p>继续滑动看下一个</p><p>轻触阅读原文</p>"
        "<div class='footer'><p>主办单位：岚川县国动办 版权所有</p><p>地址：岚川县人民路1号 邮编：311100</p>"
        "<p>备案号：浙ICP备12345678号</p></div>"
    )
    notice = _page(chrome, _ARTICLE)
    assert _from_hidden(notice)
    assert "组织试鸣" in _text(notice)


def test_a_hidden_site_statement_is_never_the_article() -> None:
    notice = _page("", _STATEMENT)
    assert not _from_hidden(notice)
    assert "版权" not in _text(notice)
    # An article that names copyright once is still an article.
    notice = _page(
        "", _ARTICLE + "<p>如需转载本文，请与县人防办联系并注明出处，谢谢各位读者的理解。</p>"
    )
    assert _from_hidden(notice)


def test_date_lines_are_no_visible_body() -> None:
    dates = "<p>2024-09-12 17:30</p><p>2024年09月12日 17:30</p><p>2024/09/12 17:30:05</p>"
    assert _from_hidden(_page(dates, _ARTICLE))
