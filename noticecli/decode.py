"""bytes → str: the one decoder every input goes through.

Order: BOM → caller's override → bytes that are (almost all) valid UTF-8 → the declared
charset (HTTP header, then ``<meta>``) → statistical detection → gb18030 with replacement.
gb2312 and gbk are decoded as gb18030, their superset, because real pages labelled gb2312
use characters outside it. UTF-8 is checked before the declaration because saved pages often
keep a ``gb2312`` meta after being re-encoded as UTF-8, and valid multi-byte UTF-8 almost
never happens by chance in GBK text.
"""

from __future__ import annotations

import codecs
import re

from noticecli.errors import DecodeError, InputError, UsageError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_GB_FAMILY = {"gb2312", "gbk", "cp936", "euc_cn", "hz", "gb18030"}
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or docx/xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (doc/xls)"),
    (b"\x1f\x8b", "gzip-compressed data"),
)
# Up to this many undecodable sequences per 1000 non-ASCII characters are taken as damage
# (a truncated page, one stray byte), not as evidence of a different encoding.
_DAMAGE_PER_MILLE = 2


class Decoded:
    """Decoded text, the codec that read it, and what was odd about the bytes.

    A plain slotted class: defining a dataclass is paid on every CLI start."""

    __slots__ = ("encoding", "text", "warnings")

    def __init__(self, text: str, encoding: str) -> None:
        self.text = text
        self.encoding = encoding
        # (code, message) pairs for the notice's warnings list
        self.warnings: list[tuple[str, str]] = []


def canonical_encoding(name: str) -> str:
    """Python codec name for ``name``, with the GB family widened to gb18030."""
    try:
        codec = codecs.lookup(name.strip().strip("\"'"))
    except LookupError as error:
        raise UsageError(f"unknown encoding {name!r}") from error
    return "gb18030" if codec.name in _GB_FAMILY else codec.name


def declared_meta_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag in the first 64 KB declares, if any."""
    match = _META_CHARSET.search(data[:65536])
    return match.group(1).decode("ascii") if match else None


def check_not_binary(data: bytes, source: str | None = None) -> None:
    """Raise :class:`InputError` for empty input and for files that are clearly not text."""
    if not data.strip():
        raise InputError(
            "empty input" if not data else "input holds only whitespace", source=source
        )
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"not a text page: looks like {what}", source=source)
    head = data[:8192]
    if b"\x00" in head and not any(data.startswith(bom) for bom, _ in _BOMS):
        raise InputError("not a text page: binary data (NUL bytes)", source=source)


def _bad_sequences(data: bytes, encoding: str) -> tuple[str, int]:
    """The text with undecodable sequences replaced, and how many there were (U+FFFD the
    page itself holds, encoded, is not counted)."""
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def _tolerable(text: str, bad: int, *, declared: bool = False) -> bool:
    """Few enough undecodable sequences to be damage rather than the wrong encoding.

    Text in the wrong encoding yields almost no well-decoded non-ASCII characters, so the
    allowance scales with those: one stray sequence plus 2 per 1000 good characters when
    guessing; for the page's own declared charset, which is evidence of its own, two stray
    sequences plus 5 per 100 (a detector's guess on a short damaged page is worse).
    """
    if bad == 0:
        return True
    good = sum(1 for char in text if ord(char) > 127) - bad
    if declared:
        return good >= 2 and bad * 100 <= 200 + good * 5
    return good >= 20 and bad * 1000 <= 1000 + good * _DAMAGE_PER_MILLE


def decode_bytes(
    data: bytes,
    *,
    override: str | None = None,
    http_charset: str | None = None,
    source: str | None = None,
) -> Decoded:
    """Decode a page's bytes; see the module docstring for the order of evidence."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding.removesuffix("-sig"))

    if override:
        encoding = canonical_encoding(override)
        text, bad = _bad_sequences(data, encoding)
        result = Decoded(text, encoding)
        _note_damage(result, bad, encoding)
        return result

    declared_raw = http_charset or declared_meta_charset(data)
    declared: str | None = None
    if declared_raw:
        try:
            declared = canonical_encoding(declared_raw)
        except UsageError:
            declared = None
    declared_from = "HTTP header" if http_charset else "<meta>"

    if data.isascii():
        return Decoded(data.decode("ascii"), declared or "utf-8")

    text, bad = _bad_sequences(data, "utf-8")
    if _tolerable(text, bad):
        result = Decoded(text, "utf-8")
        if declared and declared != "utf-8":
            result.warnings.append(
                (
                    "charset_conflict",
                    f"{declared_from} declares {declared_raw} but the bytes are UTF-8; "
                    "decoded as UTF-8",
                )
            )
        _note_damage(result, bad, "utf-8")
        return result

    if declared and declared != "utf-8":
        text, bad = _bad_sequences(data, declared)
        if _tolerable(text, bad, declared=True):
            result = Decoded(text, declared)
            _note_damage(result, bad, declared)
            return result

    detected = _detect(data)
    if detected and detected != declared:
        text, bad = _bad_sequences(data, detected)
        if _tolerable(text, bad):
            result = Decoded(text, detected)
            if declared:
                result.warnings.append(
                    (
                        "charset_conflict",
                        f"{declared_from} declares {declared_raw} but the bytes decode as "
                        f"{detected}; decoded as {detected}",
                    )
                )
            _note_damage(result, bad, detected)
            return result

    fallback = declared or "gb18030"
    text, bad = _bad_sequences(data, fallback)
    if bad * 2 > len(text):
        raise DecodeError(f"cannot decode: not valid text in {fallback} or UTF-8", source=source)
    result = Decoded(text, fallback)
    _note_damage(result, bad, fallback)
    return result


def _note_damage(result: Decoded, bad: int, encoding: str) -> None:
    if bad:
        result.warnings.append(
            ("invalid_bytes", f"{bad} byte sequence(s) invalid in {encoding} were replaced")
        )


def _detect(data: bytes) -> str | None:
    # Imported here: detection is the rare path, and charset_normalizer is slow to import.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return canonical_encoding(best.encoding)
    except UsageError:
        return None
