"""JSON Schema of the output, generated from the model dataclasses.

The checked-in copy (noticecli/data/notice.schema.json) is compared with this generator by
a test, so the schema cannot drift from the models. Regenerate with
``noticecli schema > noticecli/data/notice.schema.json``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from noticecli.models import SCHEMA_VERSION, Notice

_SCALARS: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}
_DESCRIPTIONS = {
    "published_at": "ISO 8601: a date, or a date and time with +08:00 when the page shows a time",
    "header": "Labelled fields in page order, with the label exactly as shown",
    "fields": "Flat map: canonical key (or the label without spaces when unknown) to value",
    "repairs": "Every change the normalizer made to the text, with offsets into the original",
    "evidence": "What decided a repair: weekday, range_order, observance:…, publication_year …",
    "iso": "ISO 8601 form of a date value, when it is one",
}


def notice_schema() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    root = _object_schema(Notice, definitions)
    root["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://noticecli.invalid/schema/notice-{SCHEMA_VERSION}.json",
        "title": "noticecli notice",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def _object_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    for item in dataclasses.fields(cls):
        schema = _type_schema(hints[item.name], definitions)
        if item.name in _DESCRIPTIONS:
            schema = {**schema, "description": _DESCRIPTIONS[item.name]}
        properties[item.name] = schema
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
