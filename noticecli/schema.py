"""JSON Schemas of the output, generated from the model dataclasses: one family of two.

* the notice (:func:`notice_schema`): what ``parse`` and ``fetch`` print;
* the crawl record (:func:`crawl_record_schema`): what ``crawl`` and ``export`` print, the
  same notice plus a required ``crawl`` object (and ``fetch`` facts, which a crawled notice
  always has).

The checked-in copies (noticecli/data/notice.schema.json, crawl-record.schema.json) are
compared with this generator by a test, so the schemas cannot drift from the models.
Regenerate with ``noticecli schema > noticecli/data/notice.schema.json`` and
``noticecli schema --record crawl > noticecli/data/crawl-record.schema.json``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from noticecli.models import SCHEMA_VERSION, CrawlInfo, Notice

_SCALARS: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}
_DESCRIPTIONS = {
    "published_at": "ISO 8601: a date, or a date and time with +08:00 when the page shows a time",
    "header": "Labelled fields in page order, with the label exactly as shown",
    "fields": "Flat map: canonical key (or the label without spaces when unknown) to value",
    "repairs": "Every change the normalizer made to the text, with offsets into the original",
    "evidence": "What decided a repair: weekday, range_order, observance:…, publication_year …",
    "iso": "ISO 8601 form of a date value, when it is one",
    "file": "The file parsed, as given (<stdin> for standard input); bytes of the name that "
    "are not UTF-8 are shown as \\xNN",
    "file_bytes": "Only when the file name is not UTF-8: its bytes in hex, to find the file",
    "crawl": "What the crawl knows of the notice: its stable id, site and revision",
}


def notice_schema() -> dict[str, Any]:
    """The notice, as parse and fetch print it (no ``crawl`` object)."""
    definitions: dict[str, Any] = {}
    root = _object_schema(Notice, definitions, leave_out={"crawl"})
    root["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    return _document("notice", "noticecli notice", root, definitions)


def crawl_record_schema() -> dict[str, Any]:
    """A crawl record, as crawl and export print it: a fetched notice and its ``crawl``."""
    definitions: dict[str, Any] = {}
    root = _object_schema(Notice, definitions)
    properties = root["properties"]
    properties["schema_version"] = {"const": SCHEMA_VERSION}
    properties["kind"] = {"const": "notice"}
    properties["fetch"] = {"$ref": "#/$defs/FetchInfo"}
    properties["crawl"] = {**_type_schema(CrawlInfo, definitions), **_description("crawl")}
    root["required"] = [*root["required"], "crawl"]
    return _document("crawl-record", "noticecli crawl record", root, definitions)


def _document(
    name: str, title: str, root: dict[str, Any], definitions: dict[str, Any]
) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://noticecli.invalid/schema/{name}-{SCHEMA_VERSION}.json",
        "title": title,
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def _description(name: str) -> dict[str, str]:
    return {"description": _DESCRIPTIONS[name]} if name in _DESCRIPTIONS else {}


def _object_schema(
    cls: type, definitions: dict[str, Any], leave_out: frozenset[str] | set[str] = frozenset()
) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    for item in dataclasses.fields(cls):
        if item.name in leave_out:
            continue
        properties[item.name] = {
            **_type_schema(hints[item.name], definitions),
            **_description(item.name),
        }
    omitted = set(getattr(cls, "_omit_when_none", ()))
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in omitted],
        "additionalProperties": False,
    }


def _type_schema(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint in _SCALARS:
        return {"type": _SCALARS[hint]}
    if hint is type(None):
        return {"type": "null"}
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(arg, definitions) for arg in args]
        return {"anyOf": options}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], definitions)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], definitions)}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder: stops recursion on self-reference
            definitions[name] = _object_schema(hint, definitions)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema mapping for {hint!r}")
