"""A short article beside a dated list stays a notice when it shows a title over a meta line
and sentences (issue 9: fixture 257 with a ticker or a related box added became a listing);
a real short listing, its rows printing meta lines under their own titles, stays a listing."""

from __future__ import annotations

from pathlib import Path

import pytest

import noticecli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
TICKER = (
    '<div class="gg"><span>通知公告：</span><a href="/a/1.html">关于做好2024年防汛工作的通知</a>'
    " <span>2024-04-28</span></div>"
)
RELATED = (
    '<div class="xg"><h3>相关链接</h3><ul>'
    '<li><a href="/a/2.html">关于开展安全检查的通知</a><span>2024-03-01</span></li>'
    '<li><a href="/a/3.html">关于做好防汛工作的通知</a><span>2024-02-11</span></li>'
    '<li><a href="/a/4.html">关于组织人防宣传的通知</a><span>2024-01-21</span></li></ul></div>'
)


def _fixture_257() -> str:
    return next(FIXTURE.glob("257_*.html")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("where", "block"), [("top", TICKER), ("end", RELATED)], ids=["ticker", "related"]
)
def test_a_short_article_with_a_dated_list_added_stays_a_notice(where: str, block: str) -> None:
    html = _fixture_257()
    html = (
        html.replace("<body>", "<body>" + block, 1)
        if where == "top"
        else html.replace("</body>", block + "</body>", 1)
    )
    notice = noticecli.parse_html(html)
    assert notice.kind == "notice"
    assert notice.title == "汀北县人防办组织开展人防专业队伍通信保障训练"
    assert notice.published_at == "2024-05-22"


def _row(number: int, title: str, day: str) -> str:
    return (
        f'<li><a href="/tzgg/2024{number:02d}/t{number}.html">{title}</a>'
        f"<p>发布时间：{day} 来源：汀北县人防办</p></li>"
    )


def test_a_short_listing_with_meta_lines_in_its_rows_stays_a_listing() -> None:
    rows = [
        _row(1, "汀北县人防办组织开展人防专业队伍通信保障训练", "2024-05-22"),
        _row(2, "汀北县人防办开展防空警报器维护保养工作", "2024-05-16"),
        _row(3, "汀北县人防办召开人防专业队伍建设工作会议", "2024-04-18"),
    ]
    html = (
        "<html><body><h2>通知公告</h2>"
        "<p>本栏目发布汀北县人民防空办公室的通知公告和工作动态，供社会公众查阅。"
        "如需了解更多信息，请在工作日与县人防办办公室联系，联系电话见本站首页。</p>"
        f"<ul class='list'>{''.join(rows)}</ul></body></html>"
    )
    notice = noticecli.parse_html(html)
    assert notice.kind == "listing"
    assert len(notice.items) == 3
