"""Listing dates are calendar dates: a row that shows 2021-02-31 has no date, never that one.

Rows are generated in every shape the listing extractor reads (table, list, dl, Hanweb
datastore, inline JSON), with dates written in every separator style, padded or not, in
ASCII or full-width digits, for years, months and days in and around their ranges.
"""

from __future__ import annotations

import datetime
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

import noticecli
from noticecli.parse.listing import extract_listing

BASE = "http://www.example.gov.cn/xxgk/tzgg/index.html"
SEPARATORS = (("-", "-", ""), (".", ".", ""), ("/", "/", ""), ("年", "月", "日"), ("年", "月", ""))
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
LAYOUTS = ("table", "ul", "dl", "datastore", "json")


@st.composite
def written_dates(draw: st.DrawFn) -> tuple[str, str | None]:
    """A date as a page writes it, and the ISO date it is (None when it is none)."""
    year = draw(st.integers(1890, 2110))
    month = draw(st.integers(0, 13))
    # Mostly the days where calendars differ: 28–31, and 29 February in and out of leap years.
    day = draw(st.one_of(st.integers(28, 32), st.integers(0, 32)))
    year_sep, month_sep, day_sep = draw(st.sampled_from(SEPARATORS))
    padded = draw(st.booleans())
    month_s, day_s = (f"{month:02d}", f"{day:02d}") if padded else (str(month), str(day))
    text = f"{year}{year_sep}{month_s}{month_sep}{day_s}{day_sep}"
    if draw(st.booleans()):
        text = text.translate(FULLWIDTH)
    try:
        iso: str | None = datetime.date(year, month, day).isoformat()
    except ValueError:
        iso = None
    if not 1900 <= year <= 2100:
        iso = None  # four digits outside these years are not a notice's year
    return text, iso


def _html(layout: str, rows: list[tuple[str, str, str]]) -> str:
    """A listing page of ``rows`` (title, href, date as written) in one layout."""
    if layout == "table":
        cells = "".join(
            f'<tr><td><a href="{href}">{title}</a></td><td>{date}</td></tr>'
            for title, href, date in rows
        )
        body = f'<table class="list"><tr><th>名称</th><th>发布日期</th></tr>{cells}</table>'
    elif layout == "ul":
        items = "".join(
            f'<li><a href="{href}">{title}</a><span>{date}</span></li>'
            for title, href, date in rows
        )
        body = f'<ul class="news">{items}</ul>'
    elif layout == "dl":
        body = '<div class="list">' + "".join(
            f'<dl><dt><a href="{href}">{title}</a></dt><dd>{date}</dd></dl>'
            for title, href, date in rows
        )
        body += "</div>"
    elif layout == "datastore":
        records = "".join(
            f"<record><![CDATA[<li><a href='{href}'>{title}</a><span>{date}</span></li>]]></record>"
            for title, href, date in rows
        )
        body = (
            '<div id="1234"><script type="text/xml"><datastore><recordset>'
            f"{records}</recordset></datastore></script></div>"
        )
    else:
        entries = [{"title": title, "url": href, "pubDate": date} for title, href, date in rows]
        body = f"<script>var listData = {json.dumps(entries, ensure_ascii=False)};</script>"
    return f"<html><body>{body}</body></html>"


@settings(max_examples=300, deadline=None)
@given(
    layout=st.sampled_from(LAYOUTS),
    dates=st.lists(written_dates(), min_size=3, max_size=8),
)
def test_no_listing_date_is_impossible(layout: str, dates: list[tuple[str, str | None]]) -> None:
    rows = [
        (f"关于第{chr(0x4E00 + n)}项工作的通知", f"/xxgk/202001/t20200101_{n}.html", written)
        for n, (written, _) in enumerate(dates)
    ]
    expected = {
        f"http://www.example.gov.cn/xxgk/202001/t20200101_{n}.html": iso
        for n, (_, iso) in enumerate(dates)
    }
    html = _html(layout, rows)
    items = extract_listing(LexborHTMLParser(html), BASE).items
    notice = noticecli.parse_html(html, BASE)
    for item in [*items, *notice.items]:
        if item.date is not None:
            datetime.date.fromisoformat(item.date)  # raises on 2021-02-29, 2021-02-31
        assert item.date == expected[item.url], (item, layout)
    # Read, not dropped: every row that shows a calendar date is an item with that date (a
    # row without one may be left out: a dl is a row only when it holds a date).
    read = {item.url: item.date for item in items}
    assert {url: iso for url, iso in expected.items() if iso} == {
        url: iso for url, iso in read.items() if iso
    }


def test_impossible_dates_in_a_listing_are_no_dates() -> None:
    rows = [
        ("二月二十九日的通知", "/xxgk/202102/t20210229_1.html", "2021-02-29"),
        ("二月三十一日的通知", "/xxgk/202102/t20210231_2.html", "2021-02-31"),
        ("闰年二月二十九日的通知", "/xxgk/202002/t20200229_3.html", "2020-02-29"),
        ("四月三十一日的通知", "/xxgk/202104/t20210431_4.html", "2021年4月31日"),
        ("三月一日的通知", "/xxgk/202103/t20210301_5.html", "2021.3.1"),
        ("二月二十八日的通知", "/xxgk/202102/t20210228_6.html", "2021/02/28"),
    ]
    notice = noticecli.parse_html(_html("ul", rows), BASE)
    assert notice.kind == "listing"
    dates = [item.date for item in notice.items]
    assert dates == [None, None, "2020-02-29", None, "2021-03-01", "2021-02-28"]
