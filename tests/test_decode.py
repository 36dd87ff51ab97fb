from __future__ import annotations

import codecs

import pytest

from noticecli.decode import canonical_encoding, check_not_binary, decode_bytes
from noticecli.errors import InputError, UsageError

PAGE = "<html><head>{meta}</head><body><p>人防办通知：镕基喆</p></body></html>"


def page(meta: str = "") -> str:
    return PAGE.format(meta=meta)


def test_utf8_without_declaration() -> None:
    result = decode_bytes(page().encode("utf-8"))
    assert result.encoding == "utf-8"
    assert "人防办通知" in result.text
    assert result.warnings == []


def test_gbk_declared_is_read_as_gb18030() -> None:
    data = page('<meta charset="gbk">').encode("gbk")
    result = decode_bytes(data)
    assert result.encoding == "gb18030"
    assert "镕基喆" in result.text
    assert result.warnings == []


def test_gb2312_meta_but_utf8_bytes_decodes_as_utf8_with_warning() -> None:
    data = page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode(
        "utf-8"
    )
    result = decode_bytes(data)
    assert result.encoding == "utf-8"
    assert "人防办通知" in result.text
    assert [code for code, _ in result.warnings] == ["charset_conflict"]
    assert "gb2312" in result.warnings[0][1]


def test_utf8_meta_but_gbk_bytes_is_detected() -> None:
    text = (
        page('<meta charset="utf-8">')
        + "<p>"
        + "根据《中华人民共和国人民防空法》规定，现将有关事项通知如下。" * 5
    )
    result = decode_bytes(text.encode("gbk"))
    assert result.encoding == "gb18030"
    assert "人民防空法" in result.text
    assert [code for code, _ in result.warnings] == ["charset_conflict"]


def test_no_declaration_gbk_bytes_are_detected() -> None:
    text = "<p>" + "关于开展防空警报试鸣工作的通告，请广大市民不要惊慌。" * 6 + "</p>"
    result = decode_bytes(text.encode("gbk"))
    assert "防空警报试鸣" in result.text


def test_http_charset_is_used_before_meta() -> None:
    data = page('<meta charset="utf-8">').encode("gbk")
    result = decode_bytes(data, http_charset="gbk")
    assert result.encoding == "gb18030"
    assert "镕基喆" in result.text


def test_bom_wins() -> None:
    data = codecs.BOM_UTF8 + page('<meta charset="gbk">').encode("utf-8")
    result = decode_bytes(data)
    assert result.encoding == "utf-8"
    assert result.text.startswith("<html>")


def test_override_wins_and_reports_invalid_bytes() -> None:
    data = page().encode("utf-8")
    result = decode_bytes(data, override="gbk")
    assert result.encoding == "gb18030"
    assert "人防办通知" not in result.text


def test_one_damaged_byte_does_not_switch_encoding() -> None:
    data = page('<meta charset="utf-8">').encode("utf-8") * 20 + b"\xe4\xb8"
    result = decode_bytes(data)
    assert result.encoding == "utf-8"
    assert [code for code, _ in result.warnings] == ["invalid_bytes"]


def test_replacement_characters_the_page_holds_are_not_damage() -> None:
    # U+FFFD written in the page (valid UTF-8 EF BF BD) is text, not an invalid sequence.
    data = page('<meta charset="utf-8">').replace("镕基喆", "镕基喆\ufffd").encode("utf-8") * 3
    assert decode_bytes(data).warnings == []
    assert decode_bytes(data, override="utf-8").warnings == []
    damaged = decode_bytes(data + b"\xe4\xb8", override="utf-8")
    assert damaged.warnings == [
        ("invalid_bytes", "1 byte sequence(s) invalid in utf-8 were replaced")
    ]


def test_unknown_encoding_name() -> None:
    with pytest.raises(UsageError, match="unknown encoding"):
        canonical_encoding("klingon-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"  \n\t ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"abc\x00def" * 10, "binary data"),
    ],
)
def test_not_text(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_not_binary(data, "x.html")


def test_bytes_no_encoding_can_read_raise_decode_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from noticecli import decode
    from noticecli.errors import DecodeError

    # The detector finds a single-byte codec for almost anything; without one, bytes that
    # are invalid UTF-8 and mostly invalid gb18030 are refused rather than turned to noise.
    monkeypatch.setattr(decode, "_detect", lambda data: None)
    with pytest.raises(DecodeError, match=r"^x\.html: cannot decode"):
        decode_bytes(b"\x80\xff" * 400, source="x.html")
