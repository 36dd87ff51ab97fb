"""Writing a site's newest notices as an Atom feed (RFC 4287), for feed readers.

One entry per notice (its current revision): the title, a link to the page, ``published``
(the notice's date; a date alone is taken as midnight in China, +08:00, as Atom needs a
time), ``updated`` (when the store recorded the revision, so a corrected notice shows again
in a reader), the publisher as author, the start of the body as the summary, and each
attachment as an ``enclosure`` link with its media type (its length is never known:
noticecli does not download attachments). Ids are ``urn:uuid:`` name-based UUIDs (RFC 9562,
version 5) of the notice id and of the site name, so they never change between exports.

XML 1.0 cannot carry most control characters, escaped or not: they are left out of the
feed (the store keeps the text as it was).
"""

from __future__ import annotations

import datetime
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from noticecli._version import __version__
from noticecli.crawl.identity import body_text, norm_text
from noticecli.crawl.queries import SiteFacts

ATOM = "http://www.w3.org/2005/Atom"
SUMMARY_CHARS = 280
CHINA = datetime.timezone(datetime.timedelta(hours=8))
# The namespace of noticecli's name-based UUIDs (itself the version-5 UUID of this URL).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:noticecli")

# Media types of the document extensions attachments are found by (parse/attachments.py).
MEDIA_TYPES: Mapping[str, str] = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docm": "application/vnd.ms-word.document.macroEnabled.12",
    "wps": "application/vnd.ms-works",
    "wpt": "application/vnd.ms-works",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    "et": "application/vnd.ms-excel",
    "ett": "application/vnd.ms-excel",
    "csv": "text/csv",
    "ofd": "application/ofd",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "dps": "application/vnd.ms-powerpoint",
    "zip": "application/zip",
    "rar": "application/vnd.rar",
    "7z": "application/x-7z-compressed",
    "tar": "application/x-tar",
    "gz": "application/gzip",
    "ceb": "application/octet-stream",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "rtf": "application/rtf",
    "txt": "text/plain",
}
UNKNOWN_MEDIA_TYPE = "application/octet-stream"

# What XML 1.0 allows (its Char production): tab, line feed, carriage return, and
# U+0020 … U+D7FF, U+E000 … U+FFFD, U+10000 … U+10FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class FeedHead:
    """The feed's own elements."""

    id: str
    title: str
    subtitle: str
    updated: str
    author: str
    self_url: str | None
    home_url: str | None


def feed_head(facts: SiteFacts, *, entries: int, self_url: str | None) -> FeedHead:
    """The head of the feed of a site: titled by the publisher most of its notices name
    (else by the site's name), its id from the site's name."""
    title = facts.publisher or facts.name
    return FeedHead(
        id=_urn("site", facts.name),
        title=title,
        subtitle=f"{facts.name}: the newest {entries} notices, as crawled by noticecli",
        updated=facts.updated,
        author=title,
        self_url=self_url,
        home_url=facts.home_url,
    )


def notice_urn(notice_id: str) -> str:
    """The id of a notice's entry: stable for as long as the notice's URL is."""
    return _urn("notice", notice_id)


def _urn(kind: str, name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}:{name}')}"


def media_type(file_type: str | None) -> str:
    return MEDIA_TYPES.get((file_type or "").lower(), UNKNOWN_MEDIA_TYPE)


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (escaping happens on writing)."""
    return _NOT_XML.sub("", text)


def rfc3339(value: str | None) -> str | None:
    """An ISO date or date-time as Atom writes times; a date alone is midnight in China,
    a time without an offset is China's. ``None`` when it is neither."""
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CHINA)
    text = moment.isoformat(timespec="seconds")
    return text.replace("+00:00", "Z")


def write_atom(head: FeedHead, records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """Write the feed: ``head``, then one entry per crawl record (newest first, as
    :meth:`StateStore.feed` gives them), each written as it comes. Returns how many."""
    stream.write('<?xml version="1.0" encoding="utf-8"?>\n')
    stream.write(f'<feed xmlns="{ATOM}" xml:lang="zh-CN">\n')
    for element in _head_elements(head):
        _write(element, stream)
    count = 0
    for record in records:
        _write(_entry(record), stream)
        count += 1
    stream.write("</feed>\n")
    return count


def _write(element: ET.Element, stream: IO[str]) -> None:
    ET.indent(element, space="  ", level=1)
    stream.write("  " + ET.tostring(element, encoding="unicode") + "\n")


def _text(tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.Element(tag, {k: xml_text(v) for k, v in attributes.items()})
    element.text = xml_text(text)
    return element


def _link(href: str, **attributes: str) -> ET.Element:
    return ET.Element("link", {"href": xml_text(href), **attributes})


def _person(tag: str, name: str) -> ET.Element:
    element = ET.Element(tag)
    element.append(_text("name", name))
    return element


def _head_elements(head: FeedHead) -> list[ET.Element]:
    elements = [
        _text("id", head.id),
        _text("title", head.title, type="text"),
        _text("subtitle", head.subtitle, type="text"),
        _text("updated", head.updated),
        _person("author", head.author),
        _text("generator", "noticecli", version=__version__),
    ]
    if head.self_url:
        elements.append(_link(head.self_url, rel="self", type="application/atom+xml"))
    if head.home_url:
        elements.append(_link(head.home_url, rel="alternate", type="text/html"))
    return elements


def _entry(record: dict[str, Any]) -> ET.Element:
    crawl = record["crawl"]
    entry = ET.Element("entry")
    entry.append(_text("id", notice_urn(crawl["notice_id"])))
    title = norm_text(record.get("title")) or record.get("url") or crawl["notice_id"]
    entry.append(_text("title", title, type="text"))
    if record.get("url"):
        entry.append(_link(record["url"], rel="alternate", type="text/html"))
    published = rfc3339(record.get("published_at"))
    if published is not None:
        entry.append(_text("published", published))
    entry.append(_text("updated", crawl["recorded_at"]))
    author = record.get("publisher") or record.get("source")
    if author:
        entry.append(_person("author", author))
    summary = _summary(record)
    if summary:
        entry.append(_text("summary", summary, type="text"))
    for attachment in record.get("attachments") or []:
        link = _link(
            attachment["url"], rel="enclosure", type=media_type(attachment.get("file_type"))
        )
        if attachment.get("name"):
            link.set("title", xml_text(attachment["name"]))
        entry.append(link)
    return entry


def _summary(record: dict[str, Any]) -> str:
    text = body_text(record)
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rstrip() + "…"
