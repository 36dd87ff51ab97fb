"""Scoring what a tool made of a page against the page's reader facts.

Shared by ``bench/accuracy_eval.py`` (the report anyone can run on a folder of pages) and
tests/test_accuracy_gate.py (the recorded floor per field). Every reader fact (tests/facts.py)
gives one or more outcomes, each a hit or a miss:

* ``kind``, ``title``, ``published_at``, ``first_paragraph``, ``last_paragraph``: one each.
* ``header``: one per labelled value the facts list (the ``header`` grid and the ``meta_line``
  entries together; labels compared without their inner spacing, values after whitespace
  folding), plus one miss per labelled value the tool reports that the facts do not list.
* ``attachments`` (name and URL) and ``items`` (title, URL and date): one per expected entry,
  plus one miss per entry the tool invents.
* ``body_contains`` / ``body_excludes``: one per string.

A reader fact quotes the page, so paragraphs and ``body_contains`` strings match the body as the
tool gives it or, for noticecli, with its recorded repairs undone (the page's own text); an
exclude holds of the tool's text (a damaged form it repaired must be gone).
* ``pager``: ``next_pages`` (the whole list) and ``page_count``, one each.

A field's accuracy is its hits over its outcomes (its facts plus the tool's extras); a page's is
the same over all its outcomes.
The *core* accuracy leaves out ``kind`` and ``body_excludes`` (see CORE_FIELDS).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from noticecli.models import Notice
from tests.facts import PageFacts, label_key, norm

# The report's fields, in report order; facts named differently are folded into these.
FIELDS = (
    "kind",
    "title",
    "published_at",
    "header",
    "first_paragraph",
    "last_paragraph",
    "body_contains",
    "body_excludes",
    "attachments",
    "items",
    "pager",
)
# The headline number: every field but kind (nearly always right) and body_excludes (many
# boilerplate strings per page that would drown the rest).
CORE_FIELDS = tuple(name for name in FIELDS if name not in ("kind", "body_excludes"))
FIELD_OF_FACT = {
    **{name: name for name in FIELDS},
    "meta_line": "header",
    "next_pages": "pager",
    "page_count": "pager",
}
# Field origins that the page shows as labelled text (meta tags and CMS comments are hidden).
SHOWN_ORIGINS = ("header", "meta_line")

_ISO = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?")


@dataclass
class Extraction:
    """What one tool made of one page, in the terms of the reader facts.

    ``produces`` names the report fields the tool has an answer for; the others are scored
    as misses in the all-facts total and left out of the produced-fields total.
    ``paragraphs_ordered`` is False for tools that give plain text (their first and last
    paragraphs are then looked up anywhere in it); ``day_only`` compares published_at by day.
    """

    produces: frozenset[str]
    kind: str | None = None
    title: str | None = None
    published_at: str | None = None  # YYYY-MM-DD or YYYY-MM-DDTHH:MM
    fields: list[tuple[str, str | None]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    body_text: str = ""
    attachments: list[tuple[str, str | None]] = field(default_factory=list)
    items: list[tuple[str, str, str | None]] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    page_count: int | None = None
    paragraphs_ordered: bool = True
    day_only: bool = False
    # The same texts with the tool's recorded repairs undone, for a tool that repairs text and
    # logs each change: a reader fact quotes the page, so either reading counts as the page's.
    paragraphs_as_shown: list[str] | None = None
    body_text_as_shown: str | None = None


@dataclass(frozen=True)
class Outcome:
    page: str
    field: str  # a report field (FIELDS)
    hit: bool
    expected: Any
    got: Any
    extra: bool = False  # something the tool reported that the facts do not list (a miss)


def iso_minutes(value: str | None) -> str | None:
    """``2024-03-18T15:40:00+08:00`` → ``2024-03-18T15:40``; a bare date stays a date."""
    if not value:
        return None
    match = _ISO.match(value)
    if match is None:
        return value
    day, minutes = match.groups()
    return f"{day}T{minutes}" if minutes else day


def notice_body_text(notice: Notice, texts: Sequence[str | None] | None = None) -> str:
    """Every text of the body, table cells included, one block or row per line.

    ``texts`` replaces the blocks' own texts (see ``texts_as_shown``).
    """
    lines = []
    for index, block in enumerate(notice.body):
        text = block.text if texts is None else texts[index]
        if block.rows:
            lines.extend(" ".join(norm(cell.text) or "" for cell in row) for row in block.rows)
        elif text:
            lines.append(norm(text) or "")
    return "\n".join(lines)


def texts_as_shown(notice: Notice) -> list[str | None]:
    """Each body block's text with the repairs recorded for it undone, first to last.

    Each ``start`` counts in the original text, so undoing from the left keeps the offsets
    of the records still to undo valid.

    A record whose ``after`` is not found at its offset is left alone (nothing is guessed).
    """
    texts: list[str | None] = [block.text for block in notice.body]
    pending = [(r.block, r) for r in notice.repairs if r.block is not None]
    for index, repair in sorted(pending, key=lambda pair: pair[1].start):
        text = texts[index] if index < len(texts) else None
        end = repair.start + len(repair.after)
        if text is None or text[repair.start : end] != repair.after:
            continue
        texts[index] = text[: repair.start] + repair.before + text[end:]
    return texts


def from_notice(notice: Notice) -> Extraction:
    """noticecli's answer for every reader field."""
    shown = texts_as_shown(notice)
    return Extraction(
        produces=frozenset(FIELDS),
        kind=notice.kind,
        title=norm(notice.title),
        published_at=iso_minutes(notice.published_at),
        fields=[(f.label, f.value) for f in notice.header if f.origin in SHOWN_ORIGINS],
        paragraphs=[norm(b.text) or "" for b in notice.body if b.type == "paragraph"],
        body_text=notice_body_text(notice),
        attachments=[(norm(a.name) or "", a.url) for a in notice.attachments],
        items=[(norm(i.title) or "", i.url, i.date) for i in notice.items],
        next_pages=list(notice.next_pages),
        page_count=notice.page_count,
        paragraphs_as_shown=[
            norm(text) or ""
            for block, text in zip(notice.body, shown, strict=True)
            if block.type == "paragraph"
        ],
        body_text_as_shown=notice_body_text(notice, shown),
    )


def _match_all(
    page: str,
    name: str,
    expected: Sequence[tuple[Any, ...]],
    got: Sequence[tuple[Any, ...]],
    key: Any,
) -> list[Outcome]:
    """One outcome per expected entry (found in ``got`` or not), one miss per extra entry."""
    left = Counter(key(entry) for entry in got)
    outcomes = []
    for entry in expected:
        wanted = key(entry)
        hit = left[wanted] > 0
        if hit:
            left[wanted] -= 1
        outcomes.append(Outcome(page, name, hit, entry, entry if hit else None))
    for entry in got:
        if left[key(entry)] > 0:
            left[key(entry)] -= 1
            outcomes.append(Outcome(page, name, False, None, entry, extra=True))
    return outcomes


def _published_hit(expected: str | None, got: str | None, day_only: bool) -> bool:
    if day_only and expected is not None and got is not None:
        return expected[:10] == got[:10]
    return expected == got


def _paragraph_hit(expected: str | None, got: Extraction, first: bool) -> bool:
    if expected is None:
        return not got.paragraphs
    if not got.paragraphs:
        return False
    wanted = norm(expected)
    readings = [got.paragraphs]
    if got.paragraphs_as_shown:
        readings.append(got.paragraphs_as_shown)
    if not got.paragraphs_ordered:
        return any(wanted in paragraphs for paragraphs in readings)
    return any(paragraphs[0 if first else -1] == wanted for paragraphs in readings)


def score(facts: PageFacts, got: Extraction) -> list[Outcome]:
    """Every outcome of one page's reader facts against one tool's extraction."""
    page, wanted = facts.page, facts.facts
    outcomes: list[Outcome] = []

    def one(name: str, hit: bool, expected: Any, answer: Any) -> None:
        outcomes.append(Outcome(page, name, hit, expected, answer))

    if "kind" in wanted:
        one("kind", got.kind == wanted["kind"], wanted["kind"], got.kind)
    if "title" in wanted:
        one("title", got.title == norm(wanted["title"]), wanted["title"], got.title)
    if "published_at" in wanted:
        expected = wanted["published_at"]
        hit = _published_hit(expected, got.published_at, got.day_only)
        one("published_at", hit, expected, got.published_at)
    if "header" in wanted or "meta_line" in wanted:
        pairs = [tuple(pair) for pair in wanted.get("header", []) + wanted.get("meta_line", [])]
        outcomes += _match_all(
            page, "header", pairs, got.fields, lambda p: (label_key(p[0]), norm(p[1]))
        )
    for name, first in (("first_paragraph", True), ("last_paragraph", False)):
        if name in wanted:
            hit = _paragraph_hit(wanted[name], got, first)
            answer = (got.paragraphs[0 if first else -1] if got.paragraphs else None) or None
            one(name, hit, wanted[name], None if hit and wanted[name] is None else answer)
    texts = [got.body_text]
    if got.body_text_as_shown is not None:
        texts.append(got.body_text_as_shown)
    for needle in wanted.get("body_contains", []):
        found = any(norm(needle) in text for text in texts)
        one("body_contains", found, needle, None if found else "")
    # An exclude holds of the tool's text: a damaged form it repaired must be gone from it.
    for needle in wanted.get("body_excludes", []):
        found = norm(needle) in got.body_text
        one("body_excludes", not found, f"not {needle!r}", needle if found else None)
    if "attachments" in wanted:
        expected = [(a["name"], a["url"]) for a in wanted["attachments"]]
        outcomes += _match_all(
            page, "attachments", expected, got.attachments, lambda a: (norm(a[0]), a[1])
        )
    if "items" in wanted:
        expected = [(i["title"], i["url"], i["date"]) for i in wanted["items"]]
        outcomes += _match_all(
            page, "items", expected, got.items, lambda i: (norm(i[0]), i[1], i[2])
        )
    if "next_pages" in wanted:
        one("pager", got.next_pages == wanted["next_pages"], wanted["next_pages"], got.next_pages)
    if "page_count" in wanted:
        one("pager", got.page_count == wanted["page_count"], wanted["page_count"], got.page_count)
    # A field the tool has no answer for is a miss, shown as such.
    return [
        o if o.field in got.produces else Outcome(o.page, o.field, False, o.expected, "(n/a)")
        for o in outcomes
    ]


def facts_count(outcomes: Iterable[Outcome]) -> int:
    """How many facts the outcomes score (the extras a tool reported are not facts)."""
    return sum(not o.extra for o in outcomes)


@dataclass(frozen=True)
class Tally:
    hits: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.hits / self.total if self.total else None


def tally(outcomes: Iterable[Outcome]) -> Tally:
    listed = list(outcomes)
    return Tally(sum(o.hit for o in listed), len(listed))


def by_field(outcomes: Iterable[Outcome]) -> dict[str, Tally]:
    """Hits and totals per report field (fields without facts left out), in report order."""
    listed = list(outcomes)
    tallies = {name: tally(o for o in listed if o.field == name) for name in FIELDS}
    return {name: t for name, t in tallies.items() if t.total}
