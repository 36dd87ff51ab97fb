"""Form P of the fifteenth held-out evaluation, on texts of our own: a disclosure grid at
the top of a text rendering whose pairs lost their colons (label, space, value; a known
label alone an empty cell) while one pair on a shared line kept its colon
(索引号 <code> 发布日期: <date>). Every pair is a header field; a sentence that opens with a
label word, a body line, a meta line read today and a lone label in the text are not."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.models import Notice
from noticecli.parse.text_plain_grid import plain_grid_rows, with_plain_grid_colon

HEADLINE = "岚丰镇召开清明节前夕人防安全工作部署会"
TEXT = "3月25日,岚丰镇召开清明节前夕人防安全工作部署会,镇国防动员办公室负责人出席会议。"
MORE = "会议要求,各村要对辖区人防工程开展一次全面检查。"
MIXED = "索引号 lxzf-GK-2025-0043 发布日期: 2025-03-26 14:34"


def _parse(*lines: str) -> Notice:
    return noticecli.parse_text("\n".join(lines) + "\n")


def _pairs(notice: Notice) -> list[tuple[str, str | None]]:
    return [(field.label, field.value) for field in notice.header]


def _paragraphs(notice: Notice) -> list[str]:
    return [block.text or "" for block in notice.body if block.type == "paragraph"]


def test_mixed_grid_is_read_as_the_header() -> None:
    notice = _parse(MIXED, "来源 岚丰镇", "内容概述", "", HEADLINE, "", TEXT, MORE)
    assert _pairs(notice) == [
        ("索引号", "lxzf-GK-2025-0043"),
        ("发布日期", "2025-03-26 14:34"),
        ("来源", "岚丰镇"),
        ("内容概述", None),
    ]
    assert notice.title == HEADLINE
    assert notice.published_at is not None and notice.published_at.startswith("2025-03-26T14:34")
    assert _paragraphs(notice) == [TEXT, MORE]
    assert not any(warning.code == "no_header" for warning in notice.warnings)


def test_one_mixed_row_over_the_headline_is_enough() -> None:
    notice = _parse(MIXED, "", HEADLINE, TEXT)
    assert _pairs(notice) == [("索引号", "lxzf-GK-2025-0043"), ("发布日期", "2025-03-26 14:34")]
    assert notice.title == HEADLINE


def test_colon_pair_first_and_spaced_labels() -> None:
    notice = _parse("发布时间: 2025-04-02 09:15 文 号 岚防通〔2025〕5号", "", HEADLINE, TEXT)
    assert _pairs(notice) == [("发布时间", "2025-04-02 09:15"), ("文 号", "岚防通〔2025〕5号")]


def test_every_label_of_a_mixed_row_gets_its_colon() -> None:
    rows = plain_grid_rows(["索引号 A-1 发布日期: 2025-03-26 来源 岚丰镇", "", HEADLINE, TEXT])
    assert rows == {0: ("索引号", "发布日期", "来源")}
    assert (
        with_plain_grid_colon("索引号 A-1 发布日期: 2025-03-26 来源 岚丰镇", rows[0])
        == "索引号: A-1 发布日期: 2025-03-26 来源: 岚丰镇"
    )


def test_a_changed_line_is_left_as_it_is() -> None:
    for line in ("A-1 发布日期: 2025", "附 索引号 A-1 发布日期: 2025"):
        assert with_plain_grid_colon(line, ("索引号", "发布日期")) == line


@pytest.mark.parametrize(
    "lines",
    [
        # a sentence that opens with a label word, next to a colon pair
        ["来源于群众的意见 发布日期: 2024-01-02", "内容概述", "", TEXT],
        # a meta line read today: every pair kept its colon
        ["来源:岚溪日报 发布日期:2024-01-02", "发布日期前请各单位报送材料", "", TEXT],
        # … and a label alone under it
        ["来源:岚溪日报 发布日期:2024-01-02", "内容概述", "", TEXT],
        # letter-spaced labels that kept their colons: read today, not a mixed row
        ["索 引 号:A-2020-1 发布日期: 2024-01-02", "", HEADLINE, TEXT],
        # a value that is a sentence
        ["来源 群众反映的问题很多。 发布日期: 2024-01-02", "", TEXT],
        # the block with nothing under it
        [MIXED, "来源 岚丰镇"],
    ],
)
def test_what_is_no_mixed_grid(lines: list[str]) -> None:
    assert plain_grid_rows(lines) == {}


def test_meta_line_and_label_sentence_read_as_today() -> None:
    notice = _parse(
        "来源:岚溪日报 发布日期:2024-01-02", HEADLINE, "发布日期前请各单位报送材料。", TEXT
    )
    assert _pairs(notice) == [("来源", "岚溪日报"), ("发布日期", "2024-01-02")]
    assert _paragraphs(notice) == ["发布日期前请各单位报送材料。", TEXT]


def test_rows_in_the_text_are_the_body() -> None:
    lines = [HEADLINE, TEXT, MIXED, "来源 岚丰镇", "内容概述", MORE]
    assert plain_grid_rows(lines) == {}
    notice = _parse(*lines)
    assert notice.header == []
    assert any("内容概述" in (block.text or "") for block in notice.body)


def test_index_sentence_in_the_body_stays_text() -> None:
    notice = _parse(MIXED, "", HEADLINE, TEXT, "索引号为本文件的唯一编号,请妥善保存。")
    assert _paragraphs(notice)[-1] == "索引号为本文件的唯一编号,请妥善保存。"
