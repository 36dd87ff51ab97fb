"""The facts files, checked one fact at a time against ``noticecli.parse_file``.

The facts of each fixture page live in ``fixtures/facts/<page>.json`` and those of the real
pages of ../shared/corpus in ``tests/corpus_facts/<file>.json`` (the format: tests/facts.py
and fixtures/README.md). They are written by hand from the page source, an independent
specification, not a snapshot of the parser's output: where a fact disagrees with the parser,
the parser is wrong unless the facts file's ``notes`` say why the fact was corrected.

Each (page, fact) pair is one test. Facts that reveal a parser bug are listed in
``PARSER_BUGS`` and run as strict xfails, so the suite stays green while the bug stays visible
(and the xfail turns into a failure the day the bug is fixed, so it can be removed).

Comparison rules:

* Texts (titles, values, body blocks, names) are compared after trimming and collapsing every
  run of whitespace (ASCII space, tab, newline, NBSP, ensp, emsp, U+3000) to one space.
* Header *labels* are compared exactly: they keep their inner spaces, U+3000, ensp, emsp and
  NBSP as the page shows them (entities decoded).
* ``published_at`` is written ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``; the parser gives
  ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:00+08:00``.
* "header" means the entries of origin ``header`` (the label/value grid), in page order;
  "meta_line" the entries of origin ``meta_line``, in page order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import noticecli
from noticecli import Notice
from tests.accuracy import notice_body_text
from tests.conftest import CORPUS
from tests.facts import (
    CORPUS_FACTS,
    FIXTURE_FACTS,
    FIXTURE_PAGES,
    PageFacts,
    load_folder,
    norm,
)

FIXTURE_PAGE_FACTS = load_folder(FIXTURE_FACTS)
CORPUS_PAGES = load_folder(CORPUS_FACTS)

# --------------------------------------------------------------------------------------------
# Parser bugs: facts that are right (checked against the page source) but the parser gets
# wrong today. Each runs as a strict xfail.
# --------------------------------------------------------------------------------------------

PARSER_BUGS: dict[tuple[str, str], str] = {
    # (page, fact): why the parser gets it wrong. Empty: every fact holds today.
}


# --------------------------------------------------------------------------------------------
# Checks: one function per fact name.
# --------------------------------------------------------------------------------------------


def _page_path(page: str) -> Path:
    return FIXTURE_PAGES / page if page in FIXTURE_PAGE_FACTS else CORPUS / page


@cache
def parsed(page: str) -> Notice:
    return noticecli.parse_file(_page_path(page))


def _origin(notice: Notice, origin: str) -> list[Any]:
    return [field for field in notice.header if field.origin == origin]


def _blocks(notice: Notice, kind: str) -> list[str | None]:
    return [norm(block.text) for block in notice.body if block.type == kind]


def _expected_published(value: str | None) -> str | None:
    # Facts write 2020-05-06T09:33; the parser gives 2020-05-06T09:33:00+08:00.
    return f"{value}:00+08:00" if value and "T" in value else value


def check_published_at(notice: Notice, expected: str | None) -> None:
    assert notice.published_at == _expected_published(expected)


def _labelled(notice: Notice, origin: str) -> list[list[str | None]]:
    return [[field.label, norm(field.value)] for field in _origin(notice, origin)]


def check_header(notice: Notice, expected: list[list[str | None]]) -> None:
    assert _labelled(notice, "header") == expected


def check_meta_line(notice: Notice, expected: list[list[str | None]]) -> None:
    assert _labelled(notice, "meta_line") == expected


def check_meta_tags(notice: Notice, expected: list[list[str | None]]) -> None:
    assert _labelled(notice, "meta_tag") == expected


def check_header_keys(notice: Notice, expected: list[str | None]) -> None:
    assert [field.key for field in _origin(notice, "header")] == expected


def check_unknown_labels(notice: Notice, expected: list[str]) -> None:
    for label in expected:
        matches = [field for field in _origin(notice, "header") if field.label == label]
        assert matches, f"label {label!r} dropped"
        assert all(field.key is None for field in matches)


def check_written_date(notice: Notice, expected: str | None) -> None:
    fields = [field for field in notice.header if field.key == "written_date"]
    if expected is None:
        assert all(field.value is None for field in fields)
        assert notice.fields.get("written_date") is None
    else:
        assert [field.iso for field in fields] == [expected]
    # 成文日期 is never published_at.
    if expected is not None and notice.published_at:
        assert not notice.published_at.startswith(expected)


def check_column(notice: Notice, expected: str | None) -> None:
    assert norm(notice.fields.get("column")) == expected


def check_body_types(notice: Notice, expected: list[str]) -> None:
    assert [block.type for block in notice.body] == expected


def check_body_counts(notice: Notice, expected: dict[str, int]) -> None:
    assert dict(Counter(block.type for block in notice.body)) == expected


def check_first_paragraph(notice: Notice, expected: str | None) -> None:
    paragraphs = _blocks(notice, "paragraph")
    assert (paragraphs[0] if paragraphs else None) == norm(expected)


def check_last_paragraph(notice: Notice, expected: str | None) -> None:
    paragraphs = _blocks(notice, "paragraph")
    assert (paragraphs[-1] if paragraphs else None) == norm(expected)


def _pair(notice: Notice, index: int) -> list[str | None]:
    block = notice.body[index]
    return [block.type, norm(block.text)]


def check_first_block(notice: Notice, expected: list[str]) -> None:
    assert notice.body and _pair(notice, 0) == expected


def check_last_block(notice: Notice, expected: list[str]) -> None:
    assert notice.body and _pair(notice, -1) == expected


def check_last_blocks(notice: Notice, expected: list[list[str]]) -> None:
    got = [_pair(notice, i) for i in range(-len(expected), 0)] if notice.body else []
    assert got == expected


def check_blocks_at(notice: Notice, expected: dict[str, list[str]]) -> None:
    got = {str(i): _pair(notice, i) for i in map(int, expected) if i < len(notice.body)}
    assert got == expected


def check_table(notice: Notice, expected: list[list[str]]) -> None:
    tables = [block for block in notice.body if block.type == "table"]
    assert len(tables) == 1
    assert [[norm(cell.text) for cell in row] for row in tables[0].rows or []] == expected


def check_images(notice: Notice, expected: list[list[str | None]]) -> None:
    got = [[block.src, block.alt] for block in notice.body if block.type == "image"]
    assert got == expected


def check_body_contains(notice: Notice, expected: list[str]) -> None:
    text = notice_body_text(notice)
    assert [s for s in expected if norm(s) not in text] == []


def check_body_excludes(notice: Notice, expected: list[str]) -> None:
    text = notice_body_text(notice)
    assert [s for s in expected if norm(s) in text] == []


def check_paragraphs_containing(notice: Notice, expected: list[str]) -> None:
    paragraphs = _blocks(notice, "paragraph")
    missing = [s for s in expected if not any(s in (p or "") for p in paragraphs)]
    assert missing == []


def check_repairs(notice: Notice, expected: list[list[str]]) -> None:
    got = [[repair.before, repair.after] for repair in notice.repairs]
    assert [pair for pair in expected if pair not in got] == []
    # Each record points at the body block that now holds the repaired text.
    for repair in notice.repairs:
        if repair.block is not None:
            assert repair.after in (notice.body[repair.block].text or "")


def check_attachments(notice: Notice, expected: list[dict[str, str | None]]) -> None:
    got = [
        {"name": norm(a.name), "url": a.url, "file_type": a.file_type} for a in notice.attachments
    ]
    # A fact may leave file_type out; then only name and URL are compared.
    for entry, wanted in zip(got, expected, strict=False):
        if "file_type" not in wanted:
            del entry["file_type"]
    assert got == [{**wanted, "name": norm(wanted["name"])} for wanted in expected]


def check_items(notice: Notice, expected: list[dict[str, str | None]]) -> None:
    got = [{"title": norm(i.title), "url": i.url, "date": i.date} for i in notice.items]
    # A fact may give date_shown (a date printed without a year); then it is compared too.
    for entry, item, wanted in zip(got, notice.items, expected, strict=False):
        if "date_shown" in wanted:
            entry["date_shown"] = item.date_shown
    assert got == [{**item, "title": norm(item["title"])} for item in expected]


def check_next_pages(notice: Notice, expected: list[str]) -> None:
    assert notice.next_pages == expected


def check_warnings_include(notice: Notice, expected: list[str]) -> None:
    codes = {warning.code for warning in notice.warnings}
    assert [code for code in expected if code not in codes] == []


def check_warnings_exclude(notice: Notice, expected: list[str]) -> None:
    codes = {warning.code for warning in notice.warnings}
    assert [code for code in expected if code in codes] == []


def _attribute(name: str) -> Callable[[Notice, Any], None]:
    def check(notice: Notice, expected: Any) -> None:
        value = getattr(notice, name)
        assert (norm(value) if isinstance(value, str) else value) == expected

    return check


def _texts(kind: str) -> Callable[[Notice, list[str]], None]:
    def check(notice: Notice, expected: list[str]) -> None:
        assert _blocks(notice, kind) == expected

    return check


CHECKS: dict[str, Callable[[Notice, Any], None]] = {
    **{
        name: _attribute(name)
        for name in (
            "encoding",
            "kind",
            "title",
            "url",
            "index_no",
            "publisher",
            "source",
            "editor",
            "author",
            "doc_no",
            "views",
            "page_count",
        )
    },
    "published_at": check_published_at,
    "header": check_header,
    "meta_line": check_meta_line,
    "header_keys": check_header_keys,
    "unknown_labels": check_unknown_labels,
    "written_date": check_written_date,
    "column": check_column,
    "meta_tags": check_meta_tags,
    "body_types": check_body_types,
    "body_counts": check_body_counts,
    "first_paragraph": check_first_paragraph,
    "last_paragraph": check_last_paragraph,
    "first_block": check_first_block,
    "last_block": check_last_block,
    "last_blocks": check_last_blocks,
    "blocks_at": check_blocks_at,
    "headings": _texts("heading"),
    "bylines": _texts("byline"),
    "signatures": _texts("signature"),
    "dates": _texts("date"),
    "table": check_table,
    "images": check_images,
    "body_contains": check_body_contains,
    "body_excludes": check_body_excludes,
    "paragraphs_containing": check_paragraphs_containing,
    "repairs": check_repairs,
    "attachments": check_attachments,
    "items": check_items,
    "next_pages": check_next_pages,
    "warnings_include": check_warnings_include,
    "warnings_exclude": check_warnings_exclude,
}

ALL_FACTS: dict[str, PageFacts] = {**FIXTURE_PAGE_FACTS, **CORPUS_PAGES}


def _params() -> list[Any]:
    params = []
    for page, loaded in ALL_FACTS.items():
        corpus = page in CORPUS_PAGES
        for fact, expected in loaded.facts.items():
            marks = []
            if (page, fact) in PARSER_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=PARSER_BUGS[(page, fact)]))
            prefix = f"corpus{page[:2]}" if corpus else page[:2]
            params.append(pytest.param(page, fact, expected, marks=marks, id=f"{prefix}-{fact}"))
    return params


def test_every_fixture_page_has_facts() -> None:
    assert sorted(FIXTURE_PAGE_FACTS) == sorted(
        p.name for p in FIXTURE_PAGES.iterdir() if p.is_file()
    )


def test_every_corpus_page_has_facts(corpus: Path) -> None:
    pages = sorted(p.name for p in corpus.iterdir() if p.is_file() and p.name != "SOURCES.md")
    assert sorted(CORPUS_PAGES) == pages


def test_every_fact_has_a_check() -> None:
    names = {fact for loaded in ALL_FACTS.values() for fact in loaded.facts}
    assert sorted(names - set(CHECKS)) == []


def test_bug_list_names_real_facts() -> None:
    named = {(page, fact) for page, loaded in ALL_FACTS.items() for fact in loaded.facts}
    assert sorted(set(PARSER_BUGS) - named) == []


@pytest.mark.parametrize(("page", "fact", "expected"), _params())
def test_fact(page: str, fact: str, expected: Any) -> None:
    if page in CORPUS_PAGES and not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    CHECKS[fact](parsed(page), expected)
