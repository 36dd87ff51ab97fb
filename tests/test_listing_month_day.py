"""Listing rows whose dates print no year (09-12, 09月12日): found as a list, never given an
invented year."""

from __future__ import annotations

import io

import pytest

import noticecli
from noticecli.parse.listing_month_day import (
    element_month_day,
    year_from_url,
    years_between,
)
from noticecli.parse.listing_row_dates import MONTH_DAY, delimited
from noticecli.render import render_table


def _listing(rows: str, sidebar: str = "") -> noticecli.Notice:
    html = (
        "<html><body><div class='nav'><a href='/'>首页</a><a href='/tzgg/'>通知公告</a></div>"
        f"{sidebar}<div class='main'><ul class='list'>{rows}</ul></div>"
        "<div class='footer'><a href='/wzdt/'>网站地图</a> 版权所有</div></body></html>"
    )
    return noticecli.parse_html(html)


def _rows(dates: list[str], hrefs: list[str] | None = None) -> str:
    hrefs = hrefs or [f"/tzgg/content_{n}.html" for n in range(len(dates))]
    return "".join(
        f"<li><a href='{href}'>关于人防工程第{n}批检查结果的公告</a><span>{date}</span></li>"
        for n, (href, date) in enumerate(zip(hrefs, dates, strict=True))
    )


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("[09-12]", "09-12"),
        ("09-12", "09-12"),
        ("09月12日", "09月12日"),
        ("9月2日", "9月2日"),
        ("(09/12)", "09/12"),
        ("发布时间：09-12", "09-12"),
        ("09-12 10:30", "09-12"),
    ],
)
def test_yearless_rows_are_a_listing_with_the_date_as_shown(shown: str, expected: str) -> None:
    notice = _listing(_rows([shown] * 3))
    assert notice.kind == "listing"
    assert [item.date for item in notice.items] == [None, None, None]
    assert [item.date_shown for item in notice.items] == [expected] * 3
    assert "listing_date_without_year" in [w.code for w in notice.warnings]


def test_the_year_comes_from_the_items_url_path_only() -> None:
    hrefs = [
        "/tzgg/2024/09/content_1.html",
        "/tzgg/202409/t20240905_2.html",
        "/tzgg/art_2024_3.html",  # Hanweb's column id, no year
        "/tzgg/202408/t20240801_4.html",  # another month: no evidence for 09-01
        "/tzgg/content_5.html",
    ]
    notice = _listing(_rows(["[09-12]", "[09-05]", "[09-03]", "[09-01]", "[08-30]"], hrefs))
    assert [item.date for item in notice.items] == [
        "2024-09-12",
        "2024-09-05",
        None,
        None,
        None,
    ]
    assert notice.items[0].to_dict()["date_shown"] == "09-12"


def test_full_dates_keep_no_date_shown() -> None:
    notice = _listing(_rows(["2024-09-12", "2024-09-05", "2024-08-30"]))
    assert [item.date for item in notice.items] == ["2024-09-12", "2024-09-05", "2024-08-30"]
    assert all("date_shown" not in item.to_dict() for item in notice.items)
    assert "listing_date_without_year" not in [w.code for w in notice.warnings]


def test_two_month_days_are_no_list_and_impossible_days_are_no_dates() -> None:
    assert _listing(_rows(["[09-12]", "[09-05]"])).kind == "notice"
    assert _listing(_rows(["[13-12]", "[02-30]", "[09-31]"])).kind == "notice"


def test_a_sidebar_of_month_day_rows_gives_no_items() -> None:
    sidebar = "<div class='sidebar'><ul>" + _rows(["[09-01]"] * 4) + "</ul></div>"
    notice = _listing(_rows(["[08-12]"] * 3), sidebar)
    assert [item.date_shown for item in notice.items] == ["08-12"] * 3


def test_a_month_day_inside_the_title_is_not_the_rows_date() -> None:
    rows = "".join(
        f"<li><a href='/a/{n}.html'>关于9月18日组织防空警报试鸣的通告</a></li>" for n in range(4)
    )
    assert _listing(rows).kind == "notice"


def test_readers() -> None:
    assert element_month_day("【09-12】") == (9, 12, "09-12")
    assert element_month_day("2024-09-12") is None
    assert element_month_day("共3/5页") is None
    assert element_month_day("02-29") == (2, 29, "02-29")
    assert element_month_day("10.25") is None  # an amount as often as a date
    assert delimited(MONTH_DAY, "办公室 09-12 浏览") == (9, 12, "09-12")
    assert delimited(MONTH_DAY, "关于9月18日组织") is None
    assert delimited(MONTH_DAY, "电话 0931-8123456") is None
    assert year_from_url("http://x.gov.cn/2024/09/a.html", 9, 12) == 2024
    assert year_from_url("/t20240912_1.html", 9, 12) == 2024
    assert year_from_url("/t20240911_1.html", 9, 12) is None
    assert year_from_url("/col/col1234/art_2023_5678.html", 2, 28) is None  # a column id
    assert year_from_url("/2023/a_2024.html", 9, 12) is None
    assert year_from_url("/2023/02/a.html", 2, 29) is None  # no 29 February in 2023
    assert year_from_url("/content_1987654.html", 9, 12) is None


def test_dated_neighbours_of_the_same_year_give_a_year_they_bracket() -> None:
    hrefs = [
        "/tzgg/202409/t20240912_1.html",
        "/tzgg/content_2.html",  # 09-05, between 2024-09-12 and 2024-08-26: 2024
        "/tzgg/202408/t20240826_3.html",
        "/tzgg/content_4.html",  # 08-20: 2024 too
        "/tzgg/202408/t20240801_5.html",
        "/tzgg/content_6.html",  # after the last dated row: no year
    ]
    notice = _listing(_rows(["09-12", "09-05", "08-26", "08-20", "08-01", "07-20"], hrefs))
    assert [item.date for item in notice.items] == [
        "2024-09-12",
        "2024-09-05",
        "2024-08-26",
        "2024-08-20",
        "2024-08-01",
        None,
    ]


def test_neighbours_of_two_years_or_out_of_order_give_no_year() -> None:
    assert years_between([(2024, 1, 5), (None, 12, 28), (2023, 12, 20)]) == [2024, None, 2023]
    assert years_between([(2024, 1, 5), (None, 2, 3), (2024, 3, 1)]) == [2024, 2024, 2024]
    assert years_between([(2024, 1, 5), (None, 1, 3), (2024, 3, 1)]) == [2024, None, 2024]
    assert years_between([(2024, 1, 5), (None, 1, 3), (2024, 3, 1), (2024, 2, 1)]) == [
        2024,
        None,
        2024,
        2024,
    ]


def test_a_flat_run_of_links_with_month_days() -> None:
    cell = "".join(
        f"<a href='/tzgg/content_{n}.html'>关于人防工程第{n}批检查结果的公告</a> 09-{n + 10}<br>"
        for n in range(4)
    )
    notice = noticecli.parse_html(
        f"<html><body><table><tr><td>{cell}</td></tr></table></body></html>"
    )
    assert notice.kind == "listing"
    assert [item.date_shown for item in notice.items] == ["09-10", "09-11", "09-12", "09-13"]


def test_month_day_rows_without_article_shaped_urls_are_read() -> None:
    hrefs = [f"/tzgg/show.aspx?id={n}" for n in range(4)]
    notice = _listing(_rows(["[09-12]", "[09-05]", "[08-30]", "[08-21]"], hrefs))
    assert notice.kind == "listing"
    assert [item.date_shown for item in notice.items] == ["09-12", "09-05", "08-30", "08-21"]


def test_two_month_day_numbers_do_not_outweigh_a_dated_list() -> None:
    dated = "".join(
        f"<li><a href='/tzgg/show.aspx?id={n}'>关于人防工程第{n}批检查结果的公告</a>"
        f"<span>2024-09-1{n}</span></li>"
        for n in range(2)
    )
    box = "".join(
        f"<li><a href='/kc?{n}'>课程安排第{n}期</a> {term}</li>"
        for n, term in enumerate(["1-2", "3-4", "", ""])
    )
    html = (
        f"<html><body><ul class='box'>{box}</ul><ul class='list'>{dated}</ul>"
        "<div class='page'><a href='index_1.html'>下一页</a></div></body></html>"
    )
    notice = noticecli.parse_html(html)
    assert [item.date for item in notice.items] == ["2024-09-10", "2024-09-11"]


def test_the_table_view_shows_a_date_without_a_year_as_printed() -> None:
    stream = io.StringIO()
    render_table(_listing(_rows(["[09-12]", "[09-05]", "[08-30]"])), stream)
    assert "09-12" in stream.getvalue()
