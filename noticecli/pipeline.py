"""The public parse functions: input → decode → parse → normalize → Notice.

Each stage is a plain function; this module only chooses which parser a text needs and
chains the stages. :func:`normalize_text` chains them for plain text (``noticecli
normalize``): the text-dump parser finds the publication date the text labels, and the
repairer weighs the text's dates against it.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from noticecli.decode import check_not_binary, decode_bytes
from noticecli.errors import InputError, ParseError
from noticecli.models import NormalizedText, Notice, NoticeKind
from noticecli.names import name_bytes, shown_name
from noticecli.parse.dom import page_tags
from noticecli.parse.html import parse_html_tree
from noticecli.parse.nesting import MAX_DEPTH, limit_nesting
from noticecli.repair.document import normalize
from noticecli.sizes import approximate_size, format_size

if TYPE_CHECKING:
    from noticecli.rules import SiteRules

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text"})
# Markup that makes a file HTML rather than a text dump; ``datastore`` is the XML a Hanweb
# list endpoint (dataproxy.jsp) answers with, rows of HTML in CDATA.
_HTML_MARKUP = re.compile(
    r"<(?:!doctype|html|head|body|div|p|table|meta|span|pre|br|datastore)\b", re.I
)


def parse_html(
    html: str | bytes,
    url: str | None = None,
    *,
    encoding: str | None = None,
    repair: bool = True,
    rules: SiteRules | None = None,
    kind: NoticeKind | None = None,
) -> Notice:
    """Parse one disclosure or listing page (``str``, or ``bytes`` in any encoding).

    ``rules``: the site's own selectors (:class:`~noticecli.rules.SiteRules`), for a site the
    automatic reading gets wrong. ``kind``: ``"listing"`` or ``"notice"`` when the caller
    knows what the page is; ``None`` (the default) decides from the page.
    """
    if isinstance(html, bytes):
        return parse_bytes(html, url=url, encoding=encoding, repair=repair, rules=rules, kind=kind)
    return normalize(_parse_markup(html, url, rules, kind), repair=repair)


def parse_text(text: str, *, repair: bool = True) -> Notice:
    """Parse a plain-text dump of a page (``label: value`` lines, then the body)."""
    if not text.strip():
        raise ParseError("no text to parse")
    from noticecli.parse.text import parse_text_dump

    return normalize(parse_text_dump(text), repair=repair)


def parse_bytes(
    data: bytes,
    *,
    source: str | None = None,
    url: str | None = None,
    encoding: str | None = None,
    http_charset: str | None = None,
    text_dump: bool | None = None,
    repair: bool = True,
    rules: SiteRules | None = None,
    kind: NoticeKind | None = None,
) -> Notice:
    """Decode and parse raw bytes; ``text_dump=None`` decides from the content. ``rules``
    and ``kind``: as for :func:`parse_html`."""
    check_not_binary(data, source)
    decoded = decode_bytes(data, override=encoding, http_charset=http_charset, source=source)
    as_text = text_dump if text_dump is not None else not _HTML_MARKUP.search(decoded.text[:4096])
    if as_text:
        from noticecli.parse.text import parse_text_dump  # text dumps are rare: import on use

        notice = parse_text_dump(decoded.text)
        _rules_unused(notice, rules)
    else:
        notice = _parse_markup(decoded.text, url, rules, kind)
    notice.url = url or notice.url  # a text dump may name its own address (原文链接)
    notice.file = source if url is None else None
    notice.encoding = decoded.encoding
    for code, message in decoded.warnings:
        notice.warn(code, message)
    return normalize(notice, repair=repair)


def parse_file(
    path: str | Path,
    *,
    url: str | None = None,
    encoding: str | None = None,
    repair: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    rules: SiteRules | None = None,
    kind: NoticeKind | None = None,
) -> Notice:
    """Read and parse one file; ``.txt`` files are text dumps, others are sniffed. ``rules``
    and ``kind``: as for :func:`parse_html`."""
    file_path = Path(path)
    data = read_input(file_path, max_bytes=max_bytes)
    suffix = file_path.suffix.lower()
    text_dump = True if suffix in TEXT_SUFFIXES else None
    notice = parse_bytes(
        data,
        source=str(path),
        url=url,
        encoding=encoding,
        text_dump=text_dump,
        repair=repair,
        rules=rules,
        kind=kind,
    )
    raw = name_bytes(str(path))
    notice.file = shown_name(str(path))
    notice.file_bytes = None if raw is None else raw.hex()
    return notice


def normalize_text(
    text: str, *, published: datetime.date | None = None, repair: bool = True
) -> NormalizedText:
    """Repair damaged dates in plain text; ``published`` is the document's publication date,
    when known.

    Without it, a labelled 发布日期/发表时间/发文日期 in the text itself supplies it.
    """
    from noticecli.repair.plaintext import repair_text  # text dumps only, not parse

    if published is None:
        from noticecli.parse.published_label import labelled_published  # text dumps: on use

        published = labelled_published(text)
    return repair_text(text, published=published, repair=repair)


def read_input(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refusing what cannot be a page before reading it whole."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError("is a directory", source=name)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {approximate_size(size)}, over the {format_size(max_bytes)} limit "
                "(--max-bytes)",
                source=name,
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file", source=name) from None
    except PermissionError:
        raise InputError("permission denied", source=name) from None
    except IsADirectoryError:
        raise InputError("is a directory", source=name) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", source=name) from None
    if len(data) > max_bytes:
        raise InputError(
            f"input is over the {format_size(max_bytes)} limit (--max-bytes)", source=name
        )
    return data


def _parse_markup(
    html: str,
    url: str | None,
    rules: SiteRules | None = None,
    kind: NoticeKind | None = None,
) -> Notice:
    html, flattened = limit_nesting(html)
    tree = LexborHTMLParser(html)
    pre = _only_pre(tree)
    if pre is not None:
        from noticecli.parse.text import parse_text_dump

        notice = parse_text_dump(pre)
        _rules_unused(notice, rules)
    else:
        notice = parse_html_tree(tree, html, url=url, rules=rules, kind=kind)
    notice.url = url or notice.url  # a <pre> text dump may name its own address (原文链接)
    if flattened:
        notice.warn(
            "deep_nesting",
            f"elements nested deeper than {MAX_DEPTH} levels were flattened before parsing",
        )
    return notice


def _rules_unused(notice: Notice, rules: SiteRules | None) -> None:
    if rules is not None and not rules.is_empty():
        notice.warn(
            "site_rule_unmatched",
            "the site's selectors apply to HTML pages; this page was read as a text dump",
        )


def _only_pre(tree: LexborHTMLParser) -> str | None:
    """The text of a page that is just a ``<pre>`` text dump, else ``None``."""
    body = tree.body
    if body is None:
        return None
    pres = page_tags(body, "pre")
    if len(pres) != 1:
        return None
    pre_text = pres[0].text()
    outside = len("".join(body.text().split())) - len("".join(pre_text.split()))
    return pre_text if pre_text.strip() and outside < 200 else None
