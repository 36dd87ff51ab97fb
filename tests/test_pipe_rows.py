"""Rows of a text rendering that open with a pipe (review finding 7): a data table's rows
stay rows; a layout table's rows (one cell of text, or labelled cells only) are lines."""

from __future__ import annotations

from noticecli.parse.pipe_cells import pipe_cell_lines
from tests.rendering import parse_lines as _parse

TITLE = "关于开展2025年防空警报试鸣工作的通告"
TEXT = "根据有关规定，定于2025年9月18日上午10时在全市范围内试鸣防空警报，请各单位做好宣传工作。"


def _lines(*lines: str) -> list[str]:
    return pipe_cell_lines(list(lines), frozenset()).lines


def test_a_page_laid_out_in_one_cell_rows_is_read_as_lines() -> None:
    notice = _parse(
        f"| {TITLE} | |||",
        "| 发布日期：2025-09-01 | 来源：岚溪市国防动员办公室 |",
        f"| {TEXT} |",
        "| 岚溪市国防动员办公室 || 2025年9月1日 |",
    )
    assert notice.title == TITLE
    assert notice.published_at == "2025-09-01"
    assert [(f.label, f.value) for f in notice.header] == [
        ("发布日期", "2025-09-01"),
        ("来源", "岚溪市国防动员办公室"),
    ]
    assert [(b.type, b.text) for b in notice.body] == [
        ("paragraph", TEXT),
        ("signature", "岚溪市国防动员办公室"),
        ("date", "2025年9月1日"),
    ]


def test_labelled_cells_and_one_cell_rows_are_split_into_lines() -> None:
    assert _lines("| 发布日期：2024-09-01 | 来源：本站 |", f"| {TEXT} |") == [
        "发布日期：2024-09-01",
        "来源：本站",
        TEXT,
    ]


def test_rows_of_a_data_table_stay_rows() -> None:
    rows = ["| 序号 | 疏散基地 | 可安置人数 |", "| 1 | 城东疏散基地 | 3000 |"]
    assert _lines(*rows) == rows
    # A head row wrapped onto a line that opens without a pipe still has a row beside it.
    wrapped = ["| 序号 | 事项名称 | 承办机构及 监督电话 |", "责任主体 | 备注 |"]
    assert _lines(*wrapped)[0] == wrapped[0]


def test_a_row_of_cells_alone_among_lines_of_one_cell_is_layout() -> None:
    assert _lines(TITLE, f"| {TEXT} |", "| 岚溪市国防动员办公室 || 2025年9月1日 |") == [
        TITLE,
        TEXT,
        "岚溪市国防动员办公室",
        "2025年9月1日",
    ]


def test_a_caption_over_a_data_table_stays_whole_for_the_title() -> None:
    caption = "| 岚溪市人防疏散基地一览表 | |||"
    rows = ["| 序号 | 疏散基地 | 可安置人数 |", "| 1 | 城东疏散基地 | 3000 |"]
    assert _lines(caption, *rows) == [caption, *rows]
    assert _parse(caption, *rows).title == "岚溪市人防疏散基地一览表"
    # Over a layout row the first cell is the title line itself.
    assert _lines(f"| {TITLE} | |||", f"| {TEXT} |")[:1] == [TITLE]
