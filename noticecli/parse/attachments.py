"""Attachments: links to documents (pdf, doc, wps, ofd …) or links whose text says 附件."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborNode

from noticecli.models import Attachment
from noticecli.parse.dom import absolute_url, clean_text

DOCUMENT_EXTENSIONS = frozenset(
    {
        "pdf",
        "doc",
        "docx",
        "docm",
        "wps",
        "wpt",
        "xls",
        "xlsx",
        "xlsm",
        "et",
        "ett",
        "csv",
        "ofd",
        "ppt",
        "pptx",
        "dps",
        "zip",
        "rar",
        "7z",
        "tar",
        "gz",
        "ceb",
        "odt",
        "ods",
        "rtf",
        "txt",
    }
)
_ATTACHMENT_TEXT = re.compile(r"^\s*附\s*件\s*\d*\s*[:：.、]?")
_NOT_LINKS = ("javascript:", "mailto:", "tel:", "#")
_DOCUMENT_HREF = re.compile(
    r"\.(?:" + "|".join(sorted(DOCUMENT_EXTENSIONS)) + r")(?:$|[?#&;/])", re.IGNORECASE
)


def file_type_of(url: str) -> str | None:
    """The document extension of a URL's path, when it is one we count as a document."""
    name = unquote(urlsplit(url).path).rsplit("/", 1)[-1]
    if "." not in name:
        return None
    extension = name.rsplit(".", 1)[-1].lower()
    return extension if extension in DOCUMENT_EXTENSIONS else None


# Links with 附 in their text, found by Lexbor in C: ``:lexbor-contains`` reads an element's
# own text, so ``:has`` covers text inside child elements.
_ATTACHMENT_TEXT_LINKS = 'a[href]:lexbor-contains("附"), a[href]:has(:lexbor-contains("附"))'


def extract_attachments(root: LexborNode, base_url: str | None) -> list[Attachment]:
    """Document links under ``root`` in page order, one per URL."""
    found: dict[str, Attachment] = {}
    # Reading a link's text costs more than its href: only the links Lexbor found with 附
    # in their text are read; the hundreds of navigation links are settled by their href.
    says_attachment = {node.mem_id for node in root.css(_ATTACHMENT_TEXT_LINKS)}
    for node in root.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.lower().startswith(_NOT_LINKS):
            continue
        # Cheap string tests first: a page has hundreds of navigation links.
        file_type = file_type_of(href) if _DOCUMENT_HREF.search(href) else None
        if file_type is None and node.mem_id not in says_attachment:
            continue  # neither a document link nor 附件…: most links stop here
        text = clean_text(node.text())
        if file_type is None and not _ATTACHMENT_TEXT.match(text):
            continue
        text = text or clean_text(node.attributes.get("title") or "")
        url = absolute_url(href, base_url)
        if url in found:
            continue
        name = text or unquote(urlsplit(href).path).rsplit("/", 1)[-1]
        found[url] = Attachment(name=name, url=url, file_type=file_type)
    return list(found.values())
