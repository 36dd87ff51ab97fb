"""The facts format: what a careful reader says a page holds, one JSON file per page.

A facts file is named after its page (``<page file name>.json``) and sits in a facts folder:
``fixtures/facts/`` for the fixture pages, ``tests/corpus_facts/`` for ../shared/corpus, or
any folder given to ``bench/accuracy_eval.py --facts``. It is one JSON object whose keys are
fact names (below) plus the metadata keys ``family`` (a template family, for reports) and
``notes`` (free text: why a fact is what it is). The format is described for people in
fixtures/README.md; this module is its one definition: the fact names, the shape of each
value, the loader that checks them, and the text comparison every consumer uses.

*Reader facts* are what ``bench/accuracy_eval.py`` and the accuracy gate score: the fields a
user of any extractor cares about. *Detail facts* pin down the rest of noticecli's output for
the fixture tests (tests/test_fixture_facts.py) and are ignored by the accuracy report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import REPO

FIXTURE_PAGES = REPO / "fixtures" / "pages"
FIXTURE_FACTS = REPO / "fixtures" / "facts"
CORPUS_FACTS = REPO / "tests" / "corpus_facts"
FACTS_SUFFIX = ".json"

BLOCK_TYPES = ("heading", "paragraph", "byline", "signature", "date", "note", "table", "image")

_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u3000]+")
_LABEL_SPACE = re.compile(r"[\s\u00a0\u2002\u2003\u3000]+")
_PUBLISHED = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?")


def norm(text: str | None) -> str | None:
    """Trim and collapse every run of whitespace (ASCII, NBSP, ensp, emsp, U+3000) to one space."""
    if text is None:
        return None
    return _WS.sub(" ", text).strip()


def label_key(label: str) -> str:
    """A label with its inner spacing removed: ``索 引 号`` and ``索\u2002引\u2002号`` agree."""
    return _LABEL_SPACE.sub("", label).rstrip(":：")


class FactsError(ValueError):
    """A facts file that does not follow the format (the message names the file and fact)."""


# -- value shapes --------------------------------------------------------------------------


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_opt_str(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_pairs(value: Any) -> bool:
    """``[[label, value-or-null], …]``"""
    return isinstance(value, list) and all(
        isinstance(item, list) and len(item) == 2 and _is_str(item[0]) and _is_opt_str(item[1])
        for item in value
    )


def _is_typed_text(value: Any) -> bool:
    """``[block type, text]``"""
    return (
        isinstance(value, list)
        and len(value) == 2
        and value[0] in BLOCK_TYPES
        and _is_opt_str(value[1])
    )


def _is_published(value: Any) -> bool:
    return value is None or (isinstance(value, str) and _PUBLISHED.fullmatch(value) is not None)


def _is_objects(required: dict[str, Callable[[Any], bool]], optional: dict[str, Any]) -> Any:
    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return False
        for item in value:
            if not isinstance(item, dict) or not set(required) <= set(item):
                return False
            if not set(item) <= set(required) | set(optional):
                return False
            if not all(test(item[key]) for key, test in required.items()):
                return False
            if not all(optional[key](item[key]) for key in item if key in optional):
                return False
        return True

    return check


@dataclass(frozen=True)
class FactSpec:
    shape: str  # how fixtures/README.md describes the value
    valid: Callable[[Any], bool]
    reader: bool  # scored by the accuracy report


_ATTACHMENTS = _is_objects({"name": _is_str, "url": _is_opt_str}, {"file_type": _is_opt_str})
_ITEMS = _is_objects(
    {"title": _is_str, "url": _is_str, "date": _is_opt_str}, {"date_shown": _is_str}
)

SPECS: dict[str, FactSpec] = {
    # Reader facts.
    "kind": FactSpec('"notice" or "listing"', lambda v: v in ("notice", "listing"), True),
    "title": FactSpec("string or null", _is_opt_str, True),
    "published_at": FactSpec('"YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or null', _is_published, True),
    "header": FactSpec("[[label, value or null], …] of the label/value grid", _is_pairs, True),
    "meta_line": FactSpec("[[label, value or null], …] of labelled lines", _is_pairs, True),
    "first_paragraph": FactSpec("string or null", _is_opt_str, True),
    "last_paragraph": FactSpec("string or null", _is_opt_str, True),
    "body_contains": FactSpec("[string, …]", _is_str_list, True),
    "body_excludes": FactSpec("[string, …]", _is_str_list, True),
    "attachments": FactSpec("[{name, url or null, file_type?}, …]", _ATTACHMENTS, True),
    "items": FactSpec("[{title, url, date or null, date_shown?}, …]", _ITEMS, True),
    "next_pages": FactSpec("[url, …]", _is_str_list, True),
    "page_count": FactSpec("integer or null", lambda v: v is None or type(v) is int, True),
    # Detail facts (fixture tests only).
    **{
        name: FactSpec("string or null", _is_opt_str, False)
        for name in (
            "encoding",
            "url",
            "index_no",
            "publisher",
            "source",
            "editor",
            "author",
            "doc_no",
            "column",
        )
    },
    "views": FactSpec("integer or null", lambda v: v is None or type(v) is int, False),
    "written_date": FactSpec('"YYYY-MM-DD" or null', _is_published, False),
    "header_keys": FactSpec(
        "[key or null, …]",
        lambda v: isinstance(v, list) and all(_is_opt_str(i) for i in v),
        False,
    ),
    "unknown_labels": FactSpec("[label, …]", _is_str_list, False),
    "meta_tags": FactSpec("[[name, content], …]", _is_pairs, False),
    "body_types": FactSpec(
        "[block type, …]",
        lambda v: isinstance(v, list) and all(i in BLOCK_TYPES for i in v),
        False,
    ),
    "body_counts": FactSpec(
        "{block type: count}",
        lambda v: (
            isinstance(v, dict) and all(k in BLOCK_TYPES and type(n) is int for k, n in v.items())
        ),
        False,
    ),
    "first_block": FactSpec("[block type, text]", _is_typed_text, False),
    "last_block": FactSpec("[block type, text]", _is_typed_text, False),
    "last_blocks": FactSpec(
        "[[block type, text], …]",
        lambda v: isinstance(v, list) and all(_is_typed_text(i) for i in v),
        False,
    ),
    "blocks_at": FactSpec(
        '{"index": [block type, text]}',
        lambda v: (
            isinstance(v, dict) and all(k.isdigit() and _is_typed_text(i) for k, i in v.items())
        ),
        False,
    ),
    "headings": FactSpec("[string, …]", _is_str_list, False),
    "bylines": FactSpec("[string, …]", _is_str_list, False),
    "signatures": FactSpec("[string, …]", _is_str_list, False),
    "dates": FactSpec("[string, …]", _is_str_list, False),
    "table": FactSpec(
        "[[cell text, …], …] of the one body table",
        lambda v: isinstance(v, list) and all(_is_str_list(row) for row in v),
        False,
    ),
    "images": FactSpec("[[src, alt or null], …]", _is_pairs, False),
    "paragraphs_containing": FactSpec("[string, …]", _is_str_list, False),
    "repairs": FactSpec("[[before, after], …]", _is_pairs, False),
    "warnings_include": FactSpec("[warning code, …]", _is_str_list, False),
    "warnings_exclude": FactSpec("[warning code, …]", _is_str_list, False),
}

READER_FACTS = tuple(name for name, spec in SPECS.items() if spec.reader)
METADATA = {"family": _is_str, "notes": lambda v: _is_str(v) or _is_str_list(v)}


@dataclass(frozen=True)
class PageFacts:
    page: str  # the page's file name
    path: Path  # the facts file
    facts: dict[str, Any]
    family: str | None = None


def validate(facts: Any, source: Path) -> None:
    """Raise FactsError naming ``source`` and the first fact that breaks the format."""
    if not isinstance(facts, dict):
        raise FactsError(f"{source}: a facts file holds one JSON object")
    for name, value in facts.items():
        if name in METADATA:
            if not METADATA[name](value):
                raise FactsError(f"{source}: {name!r} must be a string")
            continue
        spec = SPECS.get(name)
        if spec is None:
            raise FactsError(f"{source}: unknown fact {name!r}")
        if not spec.valid(value):
            raise FactsError(f"{source}: fact {name!r} must be {spec.shape}")


def load(path: Path) -> PageFacts:
    """Read and check one facts file."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FactsError(f"{path}: cannot read facts ({error})") from error
    validate(data, path)
    facts = {key: value for key, value in data.items() if key not in METADATA}
    page = path.name.removesuffix(FACTS_SUFFIX)
    return PageFacts(page=page, path=path, facts=facts, family=data.get("family"))


def load_folder(folder: Path) -> dict[str, PageFacts]:
    """Every facts file of a folder, by page name."""
    return {
        loaded.page: loaded
        for loaded in (load(path) for path in sorted(folder.glob(f"*{FACTS_SUFFIX}")))
    }


def facts_path(folder: Path, page: str) -> Path:
    return folder / f"{page}{FACTS_SUFFIX}"


def dump(facts: dict[str, Any]) -> str:
    """The file text of a facts object: Chinese kept as characters, one fact (a pair, an
    attachment, an item) per line, so that a diff of a facts file shows which fact changed."""
    return _dump(facts, 0) + "\n"


_LINE = 96


def _dump(value: Any, depth: int) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    scalar = not isinstance(value, list | dict)
    simple = isinstance(value, list | dict) and all(
        not isinstance(item, list | dict) for item in _members(value)
    )
    fits = len(flat) + 2 * depth <= _LINE or isinstance(value, dict)
    if scalar or (simple and fits) or not _members(value):
        return flat
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        lines = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {_dump(v, depth + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(lines) + "\n" + "  " * depth + "}"
    lines = [pad + _dump(item, depth + 1) for item in value]
    return "[\n" + ",\n".join(lines) + "\n" + "  " * depth + "]"


def _members(value: Any) -> list[Any]:
    return list(value.values()) if isinstance(value, dict) else list(value)


def pages_with_facts(pages: Iterable[Path], facts_folder: Path) -> list[tuple[Path, PageFacts]]:
    """The pages that have a facts file in ``facts_folder``, in name order."""
    found = []
    for page in sorted(pages):
        path = facts_path(facts_folder, page.name)
        if path.is_file():
            found.append((page, load(path)))
    return found
