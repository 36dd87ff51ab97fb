"""What the document as a whole says about its damaged runs, before any is decided.

A damaged run may be one end of a range whose other end is the date right beside it
(``4月28日-51日``, ``915日14:30至9月20日``); an observance day may be named in its sentence,
and a province's or city's day holds only in a document that names the place; and some runs
are dates only with such evidence: two digits (``51日``), or a year before 1949 glued to its
month (``19382月``). :func:`gather` reads all of it in one pass over the damaged runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from noticecli.repair.date_rules import MIN_YEAR, RULE_YEAR_MONTH
from noticecli.repair.date_scan import DateItem, Span
from noticecli.repair.date_token import DateToken
from noticecli.repair.observances import Observance, in_scope, named_near

# A year before 1949 written with its 年: glued early years count in such a document.
_EARLY_YEAR_WRITTEN = re.compile("(?<![0-9])19[0-4][0-9] ?年")


class DocumentEvidence(NamedTuple):
    damaged: list[int]  # the damaged runs to decide (those that needed evidence and have it)
    range_before: dict[int, int]  # run → the item that starts its range
    range_after: dict[int, int]  # run → the item that ends its range
    named: dict[int, tuple[Observance, ...]]  # observance days named beside a run
    observed: dict[int, tuple[Observance, ...]]  # ... those that hold for the document


def gather(
    texts: Sequence[str],
    items: list[DateItem],
    spans: list[Span],
    tokens: dict[int, DateToken],
    threshold: float,
) -> DocumentEvidence:
    """The evidence beyond each damaged run's own words (``items`` and ``spans`` as the
    scanner found them, ``tokens`` the runs among them by index)."""
    found = DocumentEvidence([], {}, {}, {}, {})
    document: str | None = None
    early_written: bool | None = None
    for i, tok in tokens.items():
        if not tok.cands:
            continue  # a clean date
        if tok.range_start_at >= 0 or tok.range_end_at >= 0:
            _link(i, tok, spans, found)
        if len(tok.cands) > 1 or tok.factor < threshold or tok.needs_evidence or tok.early:
            # Observances are looked for only where they may decide something.
            rows = named_near(texts[tok.block], tok.start, tok.end)
            if rows:
                found.named[i] = rows
                if document is None and not all(row.nationwide for row in rows):
                    document = "\n".join(texts)  # only a place's day needs the place named
                in_document = in_scope(rows, document or "")
                if in_document:
                    found.observed[i] = in_document
        if tok.needs_evidence or tok.early:
            verdict = _evidence_only(i, tok, items, found)
            if verdict is None:
                if early_written is None:
                    early_written = any(_EARLY_YEAR_WRITTEN.search(text) for text in texts)
                verdict = early_written
            if not verdict:
                continue
        found.damaged.append(i)
    return found


def _link(i: int, tok: DateToken, spans: list[Span], found: DocumentEvidence) -> None:
    """Join a run to the date that ends right before its range mark, or starts right
    after it."""
    if tok.range_start_at >= 0 and i > 0:
        block, _, end = spans[i - 1]
        if block == tok.block and end == tok.range_start_at:
            found.range_before[i] = i - 1
    if tok.range_end_at >= 0 and i + 1 < len(spans):
        block, start, _ = spans[i + 1]
        if block == tok.block and start == tok.range_end_at:
            found.range_after[i] = i + 1


def _evidence_only(
    i: int, tok: DateToken, items: list[DateItem], found: DocumentEvidence
) -> bool | None:
    """Whether a run that is a date only with evidence has it: two digits (51日) beside a
    range's other end or the name of their observance; a year before 1949 glued to its
    month followed by a whole month and day (193711月13日), joined by a range to another
    such date (从19382月到194412月), or on the day of an observance named beside it. None:
    an early year that only a year written so elsewhere in the document can vouch for."""
    partners = [j for j in (found.range_before.get(i), found.range_after.get(i)) if j is not None]
    first = tok.cands[0]
    on_observance = any(
        row.month == first.month and row.day_in(tok.year) == first.day
        for row in found.observed.get(i, ())
    )
    if tok.needs_evidence and not (partners or on_observance):
        return False
    if tok.early and not (
        on_observance
        or (tok.rule == RULE_YEAR_MONTH and first.day is not None)
        or any(_is_early(items[j]) for j in partners)
    ):
        return None
    return True


def _is_early(item: DateItem) -> bool:
    """Whether a date's year, written or glued, lies before 1949."""
    year = item.year if isinstance(item, DateToken) else item[0]
    return year is not None and year < MIN_YEAR
