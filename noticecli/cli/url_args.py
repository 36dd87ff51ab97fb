"""What the user gave ``fetch`` as URLs: arguments and ``-i`` lists, with the likely
mistakes caught before any request (a saved page or a URL list given as a URL) and a
missing scheme supplied, as httpie does."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import IO

import click

# "http://…", "ftp:…", "mailto:…": a scheme. "127.0.0.1:8766/x", "localhost:8000": a port.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")
# Names that are files, not hosts, when they come without a scheme or a slash.
_FILE_SUFFIXES = frozenset(
    {".html", ".htm", ".shtml", ".txt", ".text", ".jsonl", ".json", ".csv", ".lst", ".list"}
)
# A comment after a URL needs the space before its #: "http://a/b#frag" is a fragment.
_INLINE_COMMENT = re.compile(r"\s#")
# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def with_scheme(url: str) -> str:
    """``url`` with ``http://`` in front when it has no scheme (``127.0.0.1:8766/x``)."""
    return url if _SCHEME.match(url) else f"http://{url}"


def url_argument(argument: str) -> str:
    """A URL given on the command line, checked for the mistakes people make: a saved page or
    a URL list (a usage error, exit 2, with the command to use instead). Without a scheme it
    is taken as ``http://``; the caller says so."""
    if _SCHEME.match(argument):
        return argument
    path = Path(argument)
    if path.is_file():
        raise click.UsageError(
            f"{argument}: a file, not a URL: use `noticecli parse {argument}` to parse a saved "
            f"page, or `noticecli fetch -i {argument}` to read URLs from it"
        )
    if "/" not in argument and path.suffix.lower() in _FILE_SUFFIXES:
        raise click.UsageError(
            f"{argument}: not a URL (no http:// or https://) and no such file; to read URLs "
            "from a file use -i FILE, to parse a saved page `noticecli parse FILE`"
        )
    return with_scheme(argument)


def read_url_list(source: IO[bytes]) -> list[str]:
    """URLs from a list file, one per line: UTF-8, or UTF-16/UTF-32 with a byte order mark
    (a UTF-8 BOM is dropped too); blank lines, lines starting with # and a ' # comment' after
    a URL are skipped. Text in no encoding we can tell is a usage error."""
    name = getattr(source, "name", "-")
    name = "<stdin>" if name in ("-", "<stdin>") else str(name)
    data = source.read()
    codec = next((codec for bom, codec in _BOMS if data.startswith(bom)), "utf-8")
    hint = "UTF-16 without a byte order mark? save it as UTF-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise click.BadParameter(
            f"{name}: not {codec.upper().removesuffix('-SIG')} text (byte "
            f"0x{data[error.start]:02x} at offset {error.start})"
            + (f" ({hint})" if b"\0" in data else ""),
            param_hint="'-i' / '--input'",
        ) from None
    if "\0" in text:  # ASCII in UTF-16 without a BOM decodes as UTF-8, NULs and all
        raise click.BadParameter(
            f"{name}: NUL bytes in the text ({hint})", param_hint="'-i' / '--input'"
        )
    urls = []
    for line in text.splitlines():
        url = _INLINE_COMMENT.split(line, maxsplit=1)[0].strip()
        if url and not url.startswith("#"):
            urls.append(url)
    return urls
