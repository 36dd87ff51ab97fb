"""The date line under the title (issue 9, item 2; review findings 5 and 8): a date-time
shown without a label, or a time label of the page's own, read as the publication time with
the labelled values printed beside it; inside the body container the line read is no body
text, while dated lines of the text stay body."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.models import Notice

TEXT = "为切实做好汛期人防工程安全管理工作，岚溪市国动办组织检查组对城区人防工程开展安全检查。"
MORE = "对检查中发现的问题，检查组现场提出整改要求，明确整改时限，确保人防工程安全度汛。"
TITLE = "岚溪市国动办组织开展人防工程安全检查"


def _in_container(line: str, tail: str = "") -> Notice:
    """A page whose title and the line under it stand inside the body container."""
    return noticecli.parse_html(
        f"<html><body><div class='content'><h1>{TITLE}</h1>{line}"
        f"<p>{TEXT}</p><p>{MORE}</p>{tail}</div></body></html>"
    )


def _between(line: str) -> Notice:
    """A page whose line stands between the title and the body container."""
    return noticecli.parse_html(
        f"<html><body><h1>{TITLE}</h1><div class='info'>{line}</div>"
        f"<div class='content'><p>{TEXT}</p><p>{MORE}</p></div></body></html>"
    )


def _shown(notice: Notice) -> list[tuple[str | None, str, str | None, str]]:
    return [(f.key, f.label, f.value, f.origin) for f in notice.header]


def _texts(notice: Notice) -> list[str | None]:
    return [block.text for block in notice.body]


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        (
            "<p>2024-05-01 来源：本站</p>",
            [
                ("published_at", "p", "2024-05-01", "unlabelled"),
                ("source", "来源", "本站", "meta_line"),
            ],
        ),
        (
            "<p><span>2024-05-01 10:30</span>&nbsp;<span>来源：本站</span></p>",
            [
                ("published_at", "span", "2024-05-01 10:30", "unlabelled"),
                ("source", "来源", "本站", "meta_line"),
            ],
        ),
        (
            "<p>更新时间：2024-05-01 来源：本站 作者：张三</p>",
            [
                (None, "更新时间", "2024-05-01", "meta_line"),
                ("source", "来源", "本站", "meta_line"),
                ("author", "作者", "张三", "meta_line"),
            ],
        ),
        (
            "<div><span>更新时间：</span><span>2024-05-01</span> <span>浏览：3</span></div>",
            [(None, "更新时间", "2024-05-01", "meta_line"), ("views", "浏览", "3", "meta_line")],
        ),
        ("<p>2024-05-01</p>", [("published_at", "p", "2024-05-01", "unlabelled")]),
    ],
)
def test_the_date_line_under_an_in_container_title_is_read_once(
    line: str, fields: list[tuple[str | None, str, str | None, str]]
) -> None:
    notice = _in_container(line)
    assert _shown(notice) == fields
    assert notice.published_at is not None and notice.published_at.startswith("2024-05-01")
    assert _texts(notice) == [TEXT, MORE]  # the line read is no body text


@pytest.mark.parametrize(
    "line",
    [
        "<p>会议时间：2024年5月6日 地点：三楼会议室</p>",  # the meeting's, not the page's
        "<p>2024年5月6日，我办召开了防空警报试鸣工作会议。</p>",  # a sentence
        "<p>联系人：赵强 2024-05-06</p>",  # a label of the text's, not of a meta line
        "<p>有效期：2024-05-06 至 2025-05-06</p>",  # a known label, not a meta line's
    ],
)
def test_a_dated_line_of_the_text_stays_body(line: str) -> None:
    notice = _in_container(line)
    assert notice.published_at is None
    assert notice.header == []
    assert len(notice.body) == 3


def test_a_date_after_the_text_has_begun_is_no_date_line() -> None:
    # The signature's date of a short notice is not its publication time.
    notice = _in_container(
        "<p>各乡镇人民政府：</p>", "<p>岚溪市人民防空办公室</p><p>2024年5月1日</p>"
    )
    assert notice.published_at is None
    assert [block.type for block in notice.body][-2:] == ["signature", "date"]


def test_only_the_date_line_leaves_the_body_not_the_element_around_it() -> None:
    notice = _in_container(f"<div class='intro'><p>2024-05-01 来源：本站</p><p>{TEXT}</p></div>")
    assert [(f.label, f.value) for f in notice.header] == [("p", "2024-05-01"), ("来源", "本站")]
    assert _texts(notice) == [TEXT, TEXT, MORE]


def test_a_date_line_with_text_after_the_date_in_its_element_stays_body() -> None:
    notice = _in_container(f"<div>2024-05-01<p>{TEXT}</p></div>")
    assert notice.published_at == "2024-05-01"
    assert _texts(notice)[0] == "2024-05-01"  # the element holds text: it stays


def test_a_weekday_in_brackets_stays_in_the_shown_value() -> None:
    notice = _between("2024年5月1日（星期三） 来源：本站")
    assert _shown(notice)[0] == ("published_at", "div.info", "2024年5月1日（星期三）", "unlabelled")
    assert notice.published_at == "2024-05-01"
    labelled = _in_container("<p>发布时间：2024-05-01（星期三） 来源：本站</p>")
    assert _shown(labelled)[0] == ("published_at", "发布时间", "2024-05-01（星期三）", "meta_line")
    assert labelled.published_at == "2024-05-01"


@pytest.mark.parametrize("inside", [True, False])
@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("作者：张三 2024-05-01", "作者", "张三"),
        ("来源：本站 编辑：王芳 2024-05-01 10:30", "编辑", "王芳"),
        ("浏览次数：12 2024-05-01", "浏览次数", "12"),
    ],
)
def test_a_date_closing_a_meta_line_without_a_date_label_is_the_publication_time(
    inside: bool, line: str, label: str, value: str
) -> None:
    notice = _in_container(f"<p>{line}</p>") if inside else _between(line)
    assert notice.published_at is not None and notice.published_at.startswith("2024-05-01")
    assert (label, value) == [(f.label, f.value) for f in notice.header if f.origin == "meta_line"][
        -1
    ]
    assert [f.origin for f in notice.header if f.key == "published_at"] == ["unlabelled"]
    assert _texts(notice) == [TEXT, MORE]


@pytest.mark.parametrize("inside", [True, False])
def test_a_date_closing_a_source_is_the_sources_issue(inside: bool) -> None:
    # 来源：岳阳日报 2012-10-29 names the paper's issue, not the page's publication time.
    line = "来源：岚溪日报 2024-05-01"
    notice = _in_container(f"<p>{line}</p>") if inside else _between(line)
    assert notice.published_at is None
    assert all(f.origin != "unlabelled" for f in notice.header)


def test_a_date_closing_a_value_is_left_alone_when_a_publication_label_is_shown() -> None:
    notice = _between("发布日期：2024-05-02 作者：张三 2024-05-01")
    assert notice.published_at == "2024-05-02"
    assert ("作者", "张三 2024-05-01") in [(f.label, f.value) for f in notice.header]
    assert all(f.origin != "unlabelled" for f in notice.header)


@pytest.mark.parametrize(
    ("line", "pairs"),
    [
        ("作者：张三 2024-05-01", [("作者", "张三"), ("line 2", "2024-05-01")]),
        ("来源：本站  2024-05-01", [("来源", "本站"), ("line 2", "2024-05-01")]),  # a gap
        ("来源：岚溪日报 2024-05-01", [("来源", "岚溪日报 2024-05-01")]),  # the paper's issue
    ],
)
def test_text_a_date_closing_an_undated_meta_line(line: str, pairs: list[tuple[str, str]]) -> None:
    notice = noticecli.parse_text(f"{TITLE}\n{line}\n{TEXT}\n{MORE}\n")
    assert [(f.label, f.value) for f in notice.header] == pairs
    assert notice.published_at == ("2024-05-01" if len(pairs) == 2 else None)


def test_text_a_date_after_one_space_on_a_dated_line_stays_in_its_value() -> None:
    notice = noticecli.parse_text(f"{TITLE}\n发布日期：2024-05-02 作者：张三 2024-05-01\n{TEXT}\n")
    assert [(f.label, f.value) for f in notice.header] == [
        ("发布日期", "2024-05-02"),
        ("作者", "张三 2024-05-01"),
    ]
