"""Month-days are a list's dates only with the evidence of a dated list, and a year comes from
the page only where it is date-shaped; each inferred year is reported (review s3, H3 and M2)."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.models import ListingItem
from noticecli.parse import listing_month_day
from noticecli.parse.listing_month_day import give_years, in_date_order, year_from_url
from noticecli.rules import SiteRules


def _page(rows: str, tag: str = "ul") -> str:
    return (
        "<html><body><div class='nav'><a href='/'>首页</a><a href='/tzgg/'>通知公告</a></div>"
        f"<div class='main'><{tag} class='list'>{rows}</{tag}></div></body></html>"
    )


def _rows(dates: list[str], hrefs: list[str]) -> str:
    return "".join(
        f"<li><a href='{href}'>关于人防工程第{n}批检查结果的公告</a><span>{date}</span></li>"
        for n, (href, date) in enumerate(zip(hrefs, dates, strict=True))
    )


def _codes(notice: noticecli.Notice) -> list[str]:
    return [warning.code for warning in notice.warnings]


# --- H3: an article id is no year --------------------------------------------------------


def test_article_ids_in_urls_are_never_years() -> None:
    ids = [2103, 2098, 2061, 2013, 1997]
    hrefs = [f"/tzgg/content_{n}.html" for n in ids]
    notice = noticecli.parse_html(
        _page(_rows(["[09-12]", "[09-05]", "[08-28]", "[08-20]", "[08-12]"], hrefs))
    )
    assert notice.kind == "listing"
    assert [item.date for item in notice.items] == [None] * 5
    assert "listing_year_inferred" not in _codes(notice)
    hanweb = [
        f"/col/col1229/art_{column}_{n}.html" for column, n in ((2024, 1), (2024, 2), (2023, 3))
    ]
    notice = noticecli.parse_html(_page(_rows(["09-12", "09-05", "08-28"], hanweb)))
    assert [item.date for item in notice.items] == [None] * 3


@pytest.mark.parametrize(
    ("path", "year"),
    [
        ("/2024/09/a.html", 2024),
        ("/2024/09/12/a.html", 2024),
        ("/2024/0912/a.html", 2024),
        ("/202409/a.html", 2024),
        ("/20240912/a.html", 2024),
        ("/tzgg/202409/t20240912_5.html", 2024),
        ("/2024-09-12/a.html", 2024),
        ("/a/2024-09-12.html", 2024),
        ("/t20240911_5.html", None),  # another day
        ("/2024/08/a.html", None),  # another month
        ("/2024/a.html", None),  # a year alone
        ("/art_2024_5678.html", None),  # Hanweb's column id
        ("/content_2024.html", None),
        ("/info/2024/5678.html", None),
        ("/202409/t20240815_1.html", None),  # pieces that disagree
        ("/1949/09/a.html", None),
    ],
)
def test_a_url_year_needs_a_date_shaped_piece_of_the_same_month(
    path: str, year: int | None
) -> None:
    assert year_from_url(f"http://x.gov.cn{path}", 9, 12) == year


def test_no_url_year_past_the_lists_newest_full_date_or_the_current_year() -> None:
    items = [
        ListingItem("乙", "http://x.gov.cn/2025/09/b.html", None, "09-22"),  # an id, say
        ListingItem("甲", "http://x.gov.cn/2023/09/a.html", "2023-09-20"),
        ListingItem("丙", "http://x.gov.cn/2023/09/c.html", None, "09-05"),
    ]
    given = give_years(items, this_year=2026)
    assert [item.date for item in items] == [None, "2023-09-20", "2023-09-05"]
    assert given == (1, 0, 1)
    alone = [
        ListingItem("乙", f"http://x.gov.cn/{y}/09/b.html", None, "09-12") for y in (2026, 2027)
    ]
    give_years(alone, this_year=2026)
    assert [item.date for item in alone] == ["2026-09-12", None]


def test_the_clock_is_asked_only_for_dates_shown_without_a_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[int] = []

    def clock() -> int:
        asked.append(1)
        return 2026

    monkeypatch.setattr(listing_month_day, "current_year", clock)
    dated = [ListingItem("甲", "http://x.gov.cn/2023/09/a.html", "2023-09-20")]
    assert give_years(dated) == (0, 0, 0) and asked == []
    assert [item.date for item in dated] == ["2023-09-20"]
    yearless = [ListingItem("乙", "http://x.gov.cn/2025/09/b.html", None, "09-22")]
    assert give_years(yearless) == (1, 0, 0) and asked == [1]


# --- M2: numbers that look like month-days ------------------------------------------------


def test_part_numbers_and_scores_are_no_dated_list() -> None:
    parts = "".join(
        f"<li><a href='/video/{n}.html'>防空警报的识别 ({part})</a></li>"
        for n, part in enumerate(["1/3", "2/3", "3/3", "1/2", "2/2"])
    )
    notice = noticecli.parse_html(_page(parts))
    assert notice.kind == "notice" and not notice.items
    scores = "".join(
        f"<tr><td><a href='/match/2024/09/{n}.html'>岚川一中 vs 岚川{n}中</a></td><td>{score}</td></tr>"
        for n, score in enumerate(["3-1", "2-2", "1-3", "9-1"])
    )
    notice = noticecli.parse_html(_page(scores, "table"))
    assert notice.kind == "notice" and not notice.items


def test_month_days_out_of_date_order_are_no_dates() -> None:
    hrefs = [f"/tzgg/show.aspx?id={n}" for n in range(5)]
    shuffled = noticecli.parse_html(
        _page(_rows(["09-12", "03-05", "11-28", "01-20", "06-02"], hrefs))
    )
    assert not any(item.date_shown for item in shuffled.items)
    assert "listing_date_without_year" not in _codes(shuffled)
    ordered = noticecli.parse_html(
        _page(_rows(["09-12", "09-05", "08-28", "08-20", "06-02"], hrefs))
    )
    assert ordered.kind == "listing"
    assert [item.date_shown for item in ordered.items] == [
        "09-12",
        "09-05",
        "08-28",
        "08-20",
        "06-02",
    ]


def test_date_order_allows_one_turn_of_the_year() -> None:
    assert in_date_order([(1, 5), (1, 2), (12, 28), (12, 20)])  # newest first over new year
    assert in_date_order([(12, 20), (12, 28), (1, 2), (1, 5)])  # oldest first
    assert in_date_order([(9, 12), (9, 12), (9, 12)])
    assert not in_date_order([(1, 3), (2, 3), (3, 3), (1, 2), (2, 2)])  # parts (1/3) (2/3) …
    assert not in_date_order([(9, 12), (9, 5), (12, 30), (9, 1), (8, 30)])  # more than a year
    assert not in_date_order([(9, 12), (3, 5), (11, 28), (1, 20)])


def test_a_month_day_list_must_be_most_of_the_rows() -> None:
    hrefs = [f"/tzgg/show.aspx?id={n}" for n in range(8)]
    dates = ["09-12", "09-05", "08-28", "", "", "", "", ""]
    notice = noticecli.parse_html(_page(_rows(dates, hrefs)))
    assert not any(item.date_shown for item in notice.items)
    dates = ["09-12", "09-05", "08-28", "08-20", "", "", "", ""]
    notice = noticecli.parse_html(_page(_rows(dates, hrefs)))
    assert [item.date_shown for item in notice.items][:4] == ["09-12", "09-05", "08-28", "08-20"]


def test_a_month_day_inside_the_link_text_is_part_of_the_title() -> None:
    rows = "".join(
        f"<li><a href='/tzgg/show.aspx?id={n}'>关于人防工程第{n}批检查结果的公告 {date}</a></li>"
        for n, date in enumerate(["09-12", "09-05", "08-28", "08-20"])
    )
    notice = noticecli.parse_html(_page(rows))
    assert not any(item.date_shown for item in notice.items)
    inner = "".join(
        f"<li><a href='/tzgg/show.aspx?id={n}'><span>关于人防工程第{n}批检查结果的公告</span>"
        f"<span>{date}</span></a></li>"
        for n, date in enumerate(["09-12", "09-05", "08-28"])
    )
    notice = noticecli.parse_html(_page(inner))
    assert [item.date_shown for item in notice.items] == ["09-12", "09-05", "08-28"]


def test_a_url_that_names_another_month_on_most_rows_unmakes_the_list() -> None:
    hrefs = [f"/tzgg/2024/09/{n}.html" for n in range(4)]
    notice = noticecli.parse_html(_page(_rows(["03-01", "02-02", "01-03", "09-01"], hrefs)))
    assert not any(item.date_shown for item in notice.items)
    # One row whose page was made in another month (08, shown 09-01): still a dated list.
    hrefs = ["/tzgg/2024/09/0.html", "/tzgg/2024/08/1.html", "/tzgg/2024/08/2.html", "/x/3.html"]
    notice = noticecli.parse_html(_page(_rows(["09-12", "09-01", "08-28", "08-20"], hrefs)))
    assert [item.date_shown for item in notice.items] == ["09-12", "09-01", "08-28", "08-20"]


# --- The audit trail ---------------------------------------------------------------------


def test_an_inferred_year_is_reported_with_its_evidence() -> None:
    hrefs = [
        "/tzgg/202409/t20240912_1.html",
        "/tzgg/content_2.html",
        "/tzgg/202408/t20240826_3.html",
        "/tzgg/content_4.html",
    ]
    notice = noticecli.parse_html(_page(_rows(["09-12", "09-05", "08-26", "08-20"], hrefs)))
    assert [item.date for item in notice.items] == ["2024-09-12", "2024-09-05", "2024-08-26", None]
    (inferred,) = [w for w in notice.warnings if w.code == "listing_year_inferred"]
    assert inferred.message.startswith("3 item(s)")
    assert "2 from a date in the item's URL path" in inferred.message
    assert "1 from the dated items above and below it" in inferred.message
    assert "listing_date_without_year" in _codes(notice)


# --- Site selectors ------------------------------------------------------------------------


def test_site_selectors_read_month_days_as_automatic_detection_does() -> None:
    hrefs = ["/tzgg/202409/t20240912_1.html", "/tzgg/content_2.html", "/tzgg/content_3.html"]
    html = _page(_rows(["[09-12]", "[09-05]", "[08-28]"], hrefs))
    rules = SiteRules(items="ul.list li", date="span")
    selected = noticecli.parse_html(html, rules=rules, kind="listing")
    found = noticecli.parse_html(html)
    assert [i.date_shown for i in selected.items] == ["09-12", "09-05", "08-28"]
    assert [i.to_dict() for i in selected.items] == [i.to_dict() for i in found.items]
    assert selected.items[0].date == "2024-09-12"
    assert "listing_year_inferred" in _codes(selected)
