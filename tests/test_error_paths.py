"""Error and warning paths of the library that other tests do not reach."""

from __future__ import annotations

import dataclasses
import errno
from pathlib import Path

import pytest

import noticecli
from noticecli.dates import parse_date
from noticecli.decode import decode_bytes
from noticecli.errors import InputError, ParseError
from noticecli.pipeline import normalize_text, read_input
from noticecli.repair.document import normalize
from noticecli.schema import _type_schema


def test_parse_text_refuses_blank_text() -> None:
    with pytest.raises(ParseError, match="no text to parse"):
        noticecli.parse_text("  \n\u3000 ")


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EIO, "Input/output error"), "cannot read: Input/output error"),
    ],
)
def test_unreadable_file_is_one_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    # Tests may run as root, where chmod cannot make a file unreadable: fail open() instead.
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>", encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise error

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError) as caught:
        read_input(page)
    assert str(caught.value) == f"{page}: {message}"


def test_an_unknown_declared_charset_is_ignored_not_fatal() -> None:
    page = (
        '<html><head><meta charset="x-bogus"></head><body><p>人防办通知：镕基喆</p></body></html>'
    )
    result = decode_bytes(page.encode("utf-8"))
    assert (result.encoding, result.warnings) == ("utf-8", [])
    gbk = decode_bytes((page * 20).encode("gb18030"))
    assert gbk.encoding != "x-bogus" and "人防办通知" in gbk.text


def test_schema_refuses_a_type_it_cannot_map() -> None:
    @dataclasses.dataclass
    class Odd:
        tags: set[int]

    with pytest.raises(TypeError, match="no JSON Schema mapping"):
        _type_schema(Odd, {})


def test_an_ambiguous_body_date_is_warned_on_the_notice() -> None:
    notice = noticecli.parse_html(
        "<html><body><div class='TRS_Editor'><p>各单位：会议327日召开，请准时参加。</p>"
        "</div></body></html>"
    )
    assert notice.repairs == []
    assert [(w.code, w.message) for w in notice.warnings if w.code == "date_ambiguous"] == [
        ("date_ambiguous", "body[0]: '327日' may be 3月27日; left unchanged")
    ]
    assert normalize(notice).body_text() == "各单位：会议327日召开，请准时参加。"


def test_plain_text_without_repair_warns_instead() -> None:
    result = normalize_text("发布日期：2020-05-06\n请于327日前报送。会议327日召开", repair=False)
    assert result.text == result.original and result.repairs == []
    assert [(w.code, w.message) for w in result.warnings] == [
        ("date_ambiguous", "line 2: '327日' may be 3月27日; left unchanged"),
        ("repair_skipped", "line 2: '327日' looks like '3月27日' (--no-repair)"),
    ]


@pytest.mark.parametrize(
    "value", ["二〇二〇年五月〇十一日", "二〇二〇年十〇月一日", "二〇二〇年五月三十二日"]
)
def test_chinese_numeral_dates_that_are_not_dates(value: str) -> None:
    assert parse_date(value) is None
