"""A body container that is itself a colon-labelled grid (review finding 6): its label rows
are header fields and nothing else; its rows of text stay the body."""

from __future__ import annotations

import noticecli
from noticecli.models import Notice

SENTENCE = "该工程平时用作地下停车场，战时用作人员掩蔽工程，使用单位应当按规定做好维护管理。"


def _page(rows: str) -> Notice:
    return noticecli.parse_html(
        "<html><body><h2>岚溪市人防工程平时使用备案公示</h2>"
        f"<table id='zoom'>{rows}</table></body></html>"
    )


def _row(label: str, value: str) -> str:
    return f"<tr><td>{label}</td><td>{value}</td></tr>"


GRID = _row("发布日期：", "2025-04-18") + _row("发布机构：", "岚溪市国防动员办公室")


def _table_cells(notice: Notice) -> list[list[str]]:
    return [[cell.text for cell in row] for block in notice.body for row in block.rows or []]


def test_label_rows_are_header_fields_and_rows_of_text_the_body() -> None:
    notice = _page(GRID + _row("备注：", SENTENCE) + _row("公示期：", "2025年4月18日至4月25日"))
    assert [(f.label, f.value, f.origin) for f in notice.header] == [
        ("发布日期", "2025-04-18", "header"),
        ("发布机构", "岚溪市国防动员办公室", "header"),
        ("公示期", "2025年4月18日至4月25日", "header"),
    ]
    assert _table_cells(notice) == [["备注：", SENTENCE]]  # read once: not also the body's
    assert notice.published_at == "2025-04-18"


def test_a_container_of_label_rows_only_leaves_no_body() -> None:
    notice = _page(GRID + _row("工程名称：", "城西人防地下商业街"))
    assert [f.label for f in notice.header] == ["发布日期", "发布机构", "工程名称"]
    assert notice.body == []
    assert "no_body" in {w.code for w in notice.warnings}


def test_a_container_that_does_not_open_with_label_rows_is_no_grid() -> None:
    # A text row first: a table of the text whose rows only look like labels later.
    notice = _page(_row("说明：", SENTENCE) + GRID + _row("备注：", SENTENCE))
    assert notice.header == []
    assert len(_table_cells(notice)) == 4
