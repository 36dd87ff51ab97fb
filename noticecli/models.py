"""The typed values that flow between stages, and their JSON form.

Every model is a plain dataclass; ``to_dict()`` gives the JSON-ready form documented in
README.md ("The JSON fields") and validated by ``noticecli/data/notice.schema.json`` and
``noticecli/data/crawl-record.schema.json`` (generated from these classes by
:mod:`noticecli.schema`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from dataclasses import field as dataclass_field
from reprlib import recursive_repr
from typing import Any, ClassVar, Literal

SCHEMA_VERSION = "1.0"

# ``note``: a 公文's 附注 under its closing date ((此件主动公开), (此页无正文)): shown text
# that belongs to the closing, never a paragraph.
BlockType = Literal["heading", "paragraph", "byline", "signature", "date", "note", "table", "image"]
NoticeKind = Literal["notice", "listing"]
# Where a labelled value was read: the header grid, the line under the title, a <meta> tag,
# a CMS comment marker, or an element the site's own selectors name (SiteRules).
FieldOrigin = Literal["header", "meta_line", "unlabelled", "meta_tag", "comment", "override"]


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


class _Model:
    """Shared ``to_dict``: fields in declaration order, ``None`` kept (a null is information).

    Also the one ``__repr__`` and ``__eq__`` of every model (they are declared
    ``repr=False, eq=False``): the ones dataclass writes are compiled per class at import,
    which the CLI pays on every start. These behave the same.
    """

    __slots__ = ("__weakref__",)  # a caller may keep weak references to notices
    _omit_when_none: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            if value is None and name in self._omit_when_none:
                continue
            out[name] = _plain(value)
        return out

    @recursive_repr()
    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in _field_names(type(self)))
        return f"{type(self).__qualname__}({values})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        # Tuples, as dataclass compares: an identical value is equal to itself (NaN too).
        return self._values() == other._values()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _field_names(type(self)))

    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as with eq=True


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(item.name for item in fields(cls))
    return names


@dataclass(slots=True, repr=False, eq=False)
class HeaderField(_Model):
    """One labelled value as the page shows it.

    ``key`` is the canonical key from the label vocabulary, or ``None`` for a label we do not
    know yet (kept, never dropped). ``label`` is the label text exactly as shown (inner spaces
    kept, trailing colon removed). ``value`` is ``None`` when the page shows the label with
    nothing after it. ``iso`` is the ISO 8601 form of a date value, when it is one.
    """

    key: str | None
    label: str
    value: str | None
    origin: FieldOrigin = "header"
    iso: str | None = None


@dataclass(slots=True, repr=False, eq=False)
class TableCell(_Model):
    """One cell of a body table; ``colspan``/``rowspan`` as the page gives them."""

    text: str
    header: bool = False
    colspan: int = 1
    rowspan: int = 1


@dataclass(slots=True, repr=False, eq=False)
class Block(_Model):
    """One piece of the body in reading order.

    ``text`` holds the text of every kind but ``table`` (rows of cells) and ``image``
    (``src``/``alt``).
    """

    _omit_when_none = ("text", "rows", "src", "alt", "level")

    type: BlockType
    text: str | None = None
    rows: list[list[TableCell]] | None = None
    src: str | None = None
    alt: str | None = None
    level: int | None = None


@dataclass(slots=True, repr=False, eq=False)
class Attachment(_Model):
    """A file the page offers: its name as shown, absolute URL and file type (``pdf``,
    ``doc``, ``jpg`` …). ``url`` is ``None`` for a file named without a link (a text dump's
    attachment list, a link whose target a script supplies)."""

    name: str
    url: str | None
    file_type: str | None


@dataclass(slots=True, repr=False, eq=False)
class ListingItem(_Model):
    """One entry of a listing page: title, absolute URL and date (ISO) when shown.

    ``date_shown`` (left out when null): a date the row prints without a year (``09-12``),
    as shown; ``date`` then has a year only when the page gives it (the item's URL path).
    """

    _omit_when_none = ("date_shown",)

    title: str
    url: str
    date: str | None = None
    date_shown: str | None = None


@dataclass(slots=True, repr=False, eq=False)
class Repair(_Model):
    """One change the normalizer made to the text.

    Where: ``field`` (a header key or top-level field name) or ``block`` (body block index),
    plus ``start``/``end`` character offsets in the original text. Undoing the records of a
    text from the first to the last (replace ``after`` at ``start`` by ``before``) restores it.
    ``evidence`` names what in the text decided it (``weekday``, ``range_order``,
    ``observance:全国防灾减灾日``, ``publication_year`` …; docs/api.md lists them).
    """

    field: str | None
    block: int | None
    start: int
    end: int
    before: str
    after: str
    rule: str
    confidence: float
    alternatives: list[str] = dataclass_field(default_factory=list)
    evidence: list[str] = dataclass_field(default_factory=list)


@dataclass(slots=True, repr=False, eq=False)
class NoticeWarning(_Model):
    """Something odd about the input that did not stop the parse (``code`` is stable)."""

    code: str
    message: str


@dataclass(slots=True, repr=False, eq=False)
class FetchInfo(_Model):
    """How a fetched page arrived (``null`` for pages parsed from files).

    ``url`` on the notice is the URL asked for; ``final_url`` is where redirects ended.
    ``rendered``: the page was loaded in a browser and its DOM parsed (``sha256`` and the
    validators are still those of the document as the server sent it).
    """

    final_url: str
    status: int
    fetched_at: str
    content_type: str | None
    etag: str | None
    last_modified: str | None
    sha256: str | None
    elapsed_ms: int
    attempts: int
    rendered: bool = False


@dataclass(slots=True, repr=False, eq=False)
class CrawlInfo(_Model):
    """What a crawl knows of the notice (only in ``crawl`` output): its stable id, its site,
    and which revision this record is."""

    notice_id: str
    site: str
    revision: int
    change: Literal["new", "changed"]
    changed_fields: list[str]
    recorded_at: str


@dataclass(slots=True, repr=False, eq=False)
class Notice(_Model):
    """A parsed disclosure page (``kind == "notice"``) or listing page (``"listing"``)."""

    schema_version: str = SCHEMA_VERSION
    kind: NoticeKind = "notice"
    url: str | None = None
    file: str | None = None
    # The file name's bytes in hex when they are not UTF-8 (``file`` then shows them as \xNN).
    file_bytes: str | None = None
    encoding: str | None = None
    title: str | None = None
    published_at: str | None = None
    publisher: str | None = None
    source: str | None = None
    editor: str | None = None
    author: str | None = None
    index_no: str | None = None
    doc_no: str | None = None
    views: int | None = None
    keywords: list[str] = dataclass_field(default_factory=list)
    header: list[HeaderField] = dataclass_field(default_factory=list)
    fields: dict[str, str | None] = dataclass_field(default_factory=dict)
    body: list[Block] = dataclass_field(default_factory=list)
    attachments: list[Attachment] = dataclass_field(default_factory=list)
    items: list[ListingItem] = dataclass_field(default_factory=list)
    # Listing pages: the following pages of the same listing, and how many there are.
    next_pages: list[str] = dataclass_field(default_factory=list)
    page_count: int | None = None
    repairs: list[Repair] = dataclass_field(default_factory=list)
    warnings: list[NoticeWarning] = dataclass_field(default_factory=list)
    fetch: FetchInfo | None = None
    crawl: CrawlInfo | None = None

    _omit_when_none = ("file_bytes", "crawl")

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def warn(self, code: str, message: str) -> None:
        if not any(w.code == code and w.message == message for w in self.warnings):
            self.warnings.append(NoticeWarning(code, message))

    def body_text(self) -> str:
        """The text blocks of the body joined by newlines (tables and images left out)."""
        return "\n".join(block.text for block in self.body if block.text)


@dataclass(slots=True, repr=False, eq=False)
class NormalizedText(_Model):
    """Plain text after date repair (``noticecli normalize``): the repaired ``text``, the
    ``original``, every repair (offsets into the original), the ambiguities left alone as
    warnings, and the publication date (ISO) the repairs were weighed against."""

    text: str
    original: str
    repairs: list[Repair] = dataclass_field(default_factory=list)
    warnings: list[NoticeWarning] = dataclass_field(default_factory=list)
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "published": self.published,
            "repairs": [repair.to_dict() for repair in self.repairs],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }
