"""File names as JSON and messages can hold them: always valid UTF-8.

A name that is not UTF-8 (a GBK-named file on a UTF-8 system) reaches Python with its
undecodable bytes as surrogate escapes (PEP 383), which cannot be written as UTF-8. Shown,
those bytes become ``\\xNN``; the exact bytes are kept in hex where the name is data
(``file_bytes``), so the file can still be found.
"""

from __future__ import annotations


def name_bytes(name: str) -> bytes | None:
    """The bytes of ``name`` when it is not valid UTF-8 text, else ``None``."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
            return name.encode("utf-8", "surrogatepass")
    return None


def shown_name(name: str) -> str:
    """``name`` as valid UTF-8, bytes that are not shown as ``\\xNN``."""
    raw = name_bytes(name)
    return name if raw is None else raw.decode("utf-8", "backslashreplace")
