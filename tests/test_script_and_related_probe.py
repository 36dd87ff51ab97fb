"""Two losses a metamorphic probe found (a chrome block of our own added to a page): the text
of a script standing after the title was taken for the body, and a dated related-links list
counted as a visible body, so a page's only (hidden) copy of its text was not read."""

from __future__ import annotations

import noticecli
from tests.conftest import PAGES

RELATED = (
    '<div class="xg"><h3>相关链接</h3><ul>'
    '<li><a href="/a/2.html">关于开展人防工程安全检查的通知</a><span>2024-03-01</span></li>'
    '<li><a href="/a/3.html">关于做好汛期人防工程防汛工作的通知</a><span>2024-02-11</span></li>'
    '<li><a href="/a/4.html">关于组织人防知识宣传进社区的通知</a><span>2024-01-21</span></li>'
    "</ul></div>"
)
SCRIPT_PAGE = """<html><head><title>岚溪县人防办关于防空警报试鸣的通告</title></head><body>
<h1>岚溪县人防办关于防空警报试鸣的通告</h1>
<script type="text/javascript">
var item_0 = { title: '往期第0期', digest: '人防知识小课堂，带你了解防空警报的三种信号。' };
var item_1 = { title: '往期第1期', digest: '人防知识小课堂，带你了解防空警报的三种信号。' };
</script>
</body></html>"""


def test_a_script_after_the_title_is_never_the_body() -> None:
    notice = noticecli.parse_html(SCRIPT_PAGE)
    assert notice.title == "岚溪县人防办关于防空警报试鸣的通告"
    assert not any("item_0" in (block.text or "") for block in notice.body)
    assert "no_body" in {warning.code for warning in notice.warnings}


def test_a_dated_related_list_is_no_visible_body() -> None:
    page = PAGES / "246_wechat-article_body-hidden-until-script.html"
    html = page.read_text(encoding="utf-8")
    end = html.lower().rfind("</body>")
    notice = noticecli.parse_html(html[:end] + RELATED + html[end:])
    texts = [block.text or "" for block in notice.body]
    assert "特此通告。" in texts
    assert not any("msg_item" in text for text in texts)
    assert "body_from_hidden" in {warning.code for warning in notice.warnings}
