"""Property: whatever the shape of a listing, its rows come out, in order, with their dates.

Pages are generated in the shapes listings take on real sites (table rows with a head, ul/li
with the date before or after the link, div rows, dl rows, a flat run of links in one cell,
a date split into day and year-month elements, a link that wraps the whole row), with titles
that carry dates of their own, and surrounded by what is never an item: a nav menu, a
sidebar list that has dates too, a hidden template list, a 友情链接 group and a footer.
Exactly the N rows must come out, in page order, each with its title, URL and date.
"""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from noticecli.parse.listing import extract_listing, is_listing

LAYOUTS = ("table", "ul_after", "ul_before", "div_rows", "dl", "flat", "split", "wrapped")
DATE_FORMATS = (
    "{y}-{m:02d}-{d:02d}",
    "{y}年{m:02d}月{d:02d}日",
    "{y}/{m}/{d}",
    "{y}.{m:02d}.{d:02d}",
)
WORDS = "关于开展做好人防工程检查维护管理通知公告工作方案意见实施办法印发组织市区县国防动员办公室"


@st.composite
def rows(draw: st.DrawFn) -> list[tuple[str, str, datetime.date, str]]:
    """(title, href, date, date as written) per row."""
    count = draw(st.integers(3, 12))
    out = []
    for n in range(count):
        body = draw(st.text(alphabet=WORDS, min_size=4, max_size=24))
        # Titles may carry a date of their own, which is never the row's date.
        if draw(st.booleans()):
            body = f"关于{draw(st.integers(2000, 2030))}年{draw(st.integers(1, 12))}月{draw(st.integers(1, 28))}日{body}"
        date = draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)))
        fmt = draw(st.sampled_from(DATE_FORMATS))
        written = fmt.format(y=date.year, m=date.month, d=date.day)
        out.append(
            (f"{body}第{n}号", f"/xxgk/tzgg/{date:%Y%m}/t{date:%Y%m%d}_{n}.html", date, written)
        )
    return out


def listing_block(layout: str, items: list[tuple[str, str, datetime.date, str]]) -> str:
    if layout == "table":
        cells = "".join(
            f'<tr><td><a href="{h}">{t}</a></td><td>{w}</td></tr>' for t, h, _, w in items
        )
        return f'<table class="tb"><tr><th>标题</th><th>发布日期</th></tr>{cells}</table>'
    if layout == "ul_after":
        lis = "".join(f'<li><a href="{h}">{t}</a><span>{w}</span></li>' for t, h, _, w in items)
        return f'<ul class="lb">{lis}</ul>'
    if layout == "ul_before":
        lis = "".join(f'<li><span>[{w}]</span><a href="{h}">{t}</a></li>' for t, h, _, w in items)
        return f'<ul class="lb">{lis}</ul>'
    if layout == "div_rows":
        divs = "".join(
            f'<div class="r"><a href="{h}">{t}</a><div class="d">{w}</div></div>'
            for t, h, _, w in items
        )
        return f'<div class="c">{divs}</div>'
    if layout == "dl":
        dls = "".join(
            f'<dl><dt><a href="{h}">{t}</a></dt><dd>{w}</dd></dl>' for t, h, _, w in items
        )
        return f'<div class="c">{dls}</div>'
    if layout == "flat":
        run = "".join(f'<a href="{h}">{t}</a>&nbsp;{w}<br>' for t, h, _, w in items)
        return f'<table><tr><td class="c">{run}</td></tr></table>'
    if layout == "split":
        divs = "".join(
            f'<div class="i"><div class="dt"><span>{d.day:02d}</span><span>{d:%Y-%m}</span></div>'
            f'<a href="{h}">{t}</a><p>{t}。</p></div>'
            for t, h, d, _ in items
        )
        return f'<div class="box">{divs}</div>'
    lis = "".join(
        f'<li><a href="{h}"><span class="t">{t}</span><em>{w}</em></a></li>' for t, h, _, w in items
    )
    return f'<ul class="w">{lis}</ul>'


def furniture(count: int) -> tuple[str, str]:
    """What surrounds a listing: before it and after it."""
    nav = "".join(f'<li><a href="/col{n}/">栏目{n}</a></li>' for n in range(6))
    side = "".join(
        f'<li><a href="/hot/{n}.html">热点{n}</a><span>2019-01-{n + 1:02d}</span></li>'
        for n in range(count + 2)  # more dated rows than the list itself
    )
    hidden = '<ul style="display:none">' + "".join(
        f'<li><a href="/tpl/{n}.html">模板{n}</a><span>2018-02-0{n + 1}</span></li>'
        for n in range(count + 2)
    )
    friends = "".join(f'<li><a href="http://www.gov{n}.cn/">政府网站{n}</a></li>' for n in range(8))
    before = (
        f'<div class="nav"><ul>{nav}</ul></div><div class="sidebar"><ul>{side}</ul></div>'
        f"{hidden}</ul>"
    )
    after = (
        f'<div class="yq"><h3>友情链接</h3><ul>{friends}</ul></div>'
        '<div class="footer"><a href="/wzdt/">网站地图</a> 网站标识码：1234567890</div>'
    )
    return before, after


@settings(max_examples=120, deadline=None)
@given(layout=st.sampled_from(LAYOUTS), items=rows())
def test_every_row_and_only_the_rows_come_out_in_order(
    layout: str, items: list[tuple[str, str, datetime.date, str]]
) -> None:
    before, after = furniture(len(items))
    html = f"<html><body>{before}<div class='main'>{listing_block(layout, items)}</div>{after}</body></html>"
    tree = LexborHTMLParser(html)
    result = extract_listing(tree, None)
    assert [(i.title, i.url, i.date) for i in result.items] == [
        (t, h, d.isoformat()) for t, h, d, _ in items
    ], layout
    assert is_listing(tree, result)
