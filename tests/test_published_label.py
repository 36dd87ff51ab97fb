"""`normalize`'s publication date: the gated header pass gives what the whole text-dump
parser gives, on every page and text we hold and on generated texts."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from noticecli.dates import parse_date
from noticecli.fields import published_candidates
from noticecli.parse.published_label import labelled_published, may_show_published
from noticecli.parse.text import parse_text_dump
from tests.conftest import CORPUS, PAGES, REPO, SEED


def _whole_parse(text: str) -> datetime.date | None:
    for candidate in published_candidates(parse_text_dump(text).header):
        parsed = parse_date(candidate.value or "")
        if parsed is not None:
            return parsed.date
    return None


def _texts() -> list[tuple[str, str]]:
    folders = [PAGES, REPO / "bench" / "date_texts", CORPUS, SEED.parent]
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".html", ".htm", ".txt"):
                found.append((path.name, path.read_text("utf-8", errors="replace")))
    return found


def _variants(text: str) -> list[str]:
    """The text, its last part (no title, header or separator before it), and its first
    lines alone (a header without its body)."""
    lines = text.splitlines(keepends=True)
    half = len(lines) // 2
    return [text, "".join(lines[half:]), "".join(lines[:12]), "".join(lines[3:])]


def test_every_page_and_text_gets_the_whole_parsers_date() -> None:
    texts = _texts()
    assert len(texts) >= 70  # the fixtures and bench texts are always here
    gated = answered = 0
    for name, text in texts:
        for variant in _variants(text):
            expected = _whole_parse(variant)
            assert labelled_published(variant) == expected, name
            gated += not may_show_published(variant)
            answered += expected is not None
    # Both paths are exercised: texts read for a date, and texts the gate answers alone.
    assert answered >= 20
    assert gated >= 5


_PIECES = st.sampled_from(
    [
        "发布日期",
        "发 布 日 期",
        "发布时间",
        "发文日期",
        "信息发布时间",
        "时间",
        "日期",
        "期",
        "间",
        "成文日期",
        "标题",
        "索引号",
        "关于开展防空警报试鸣的通知",
        "市人民防空办公室",
        "：",
        ":",
        " ",
        "\u3000",
        "&nbsp;",
        "\u200b",
        "<!--",
        "-->",
        "p{color:red}",
        " | ",
        "｜",
        "【",
        "】",
        "[",
        "]",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "• ",
        "====归档信息====",
        "2020-05-06",
        "2020年5月6日",
        "2020/05/06 10:30",
        "2023.09.14",
        "２０２０-０５-０６",
        "2020-5",
        "阅读人数：1",
        # A date after a value's gap, in brackets after a title, under a time label.
        "来源：岚溪日报",
        "  ",
        "(",
        ")",
        "（",
        "）",
        "信息时间",
        "更新时间",
        "【我要打印】",
        "各单位：",
        "现将有关事项通知如下。",
        "一、",
        "近期",
        "期间",
        "x",
        "7",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_generated_texts_get_the_whole_parsers_date(text: str) -> None:
    assert labelled_published(text) == _whole_parse(text)


def test_a_text_without_a_label_end_or_an_opening_date_is_not_read() -> None:
    assert not may_show_published("近期召开会议，于2020年5月6日印发方案。\n2020年5月")
    assert may_show_published("发布日期：2020-05-06")
    assert may_show_published("发布日期\n2020-05-06")  # a label printed over its value
    assert may_show_published("关于X的通知\n2020-05-06 10:42")  # an unlabelled time


@pytest.mark.parametrize(
    "text",
    [
        # A value that no date search finds (written in numerals, or without separators):
        # only the label lets the text through.
        "发布日期：二〇二〇年五月六日",
        "发 布 日 期 ：20200506",  # a letter-spaced label
        "发布日期<!---->：二〇二〇年五月六日",  # comment markers the parser blanks
        "发布日期p{color:red}：二〇二〇年五月六日",  # a CSS rule the parser blanks
        "发布日期 | 二〇二〇年五月六日",  # a table row rendered with pipes
        "发布日期｜二〇二〇年五月六日",
        "【发布日期】二〇二〇年五月六日",  # a bracket label
        "关于开展防空警报试鸣的通知\n\n• 2023-09-14 10:42\n",  # no label, a bullet
        "关于开展防空警报试鸣的通知\n\n2023-09-14 10:42 阅读人数：1\n",  # no label at all
        "关于开展防空警报试鸣的通知\n来源:岚溪日报   2023-09-14 00:00\n",  # after a gap
        "关于开展防空警报试鸣的通知\n作者：张三 2023-09-14\n",  # closing an undated name
        "关于开展防空警报试鸣的通知 ( 2023年09月14日 )\n\n正文。\n",  # beside the title
        "关于开展防空警报试鸣的通知 | |||\n2023-09-14 |\n",  # a table cell of its own
        "关于开展防空警报试鸣的通知\n【信息时间：2023-09-14】【关闭】\n",  # bracket groups
        "关于开展防空警报试鸣的通知\n更新时间：2023-09-14\n\n正文。\n",  # a time label
        # Markup the parser blanks to a space is a gap before the date (hypothesis found both).
        "发布日期<!--2020年5月6日",
        "标题p{color:red}2020年5月6日",
    ],
)
def test_each_place_a_date_can_come_from_is_read(text: str) -> None:
    assert may_show_published(text)
    assert labelled_published(text) == _whole_parse(text) is not None
