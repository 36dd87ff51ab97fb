"""Repair of dates that naive text extraction damaged.

Extraction drops characters: ``3月27日`` comes out as ``327日``, ``2019年9月`` as ``20199月``,
``2019年9月12日`` as ``2019912日``. :func:`repair_dates` finds such runs
(:mod:`~noticecli.repair.date_scan`, :mod:`~noticecli.repair.date_rules`), proposes the
calendar dates they can stand for, weighs them against the words around them
(:mod:`~noticecli.repair.date_context`) and the document's context: publication date, years
written nearby, the dates before and after (:mod:`~noticecli.repair.date_weighing`), and
returns an edit only when one reading is clearly right; otherwise it reports an
:class:`Ambiguity` and leaves the text alone. Every edit holds original offsets, so
:func:`noticecli.edits.revert_edits` restores the text exactly.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Sequence
from typing import NamedTuple

from noticecli.edits import TextEdit
from noticecli.repair.date_rules import (
    MIN_YEAR,
    RULE_HAO,
    RULE_YEAR_CERTAIN,
    RULE_YEAR_MONTH,
    RULE_YMD,
    DateToken,
    Reading,
    normalized,
)
from noticecli.repair.date_scan import DateItem, Span, scan
from noticecli.repair.date_weighing import (
    YEAR_WRITTEN,
    Anchor,
    Decision,
    Surroundings,
    decide,
    direction,
    relative_year,
    year_context,
)
from noticecli.repair.observances import Observance, in_scope, named_near

__all__ = ["Ambiguity", "DateContext", "repair_dates"]

# Evidence that the first four digits of a run are its year (RULE_YEAR_CERTAIN).
YEAR_DIGITS = "year_digits"
# A year before 1949 written with its 年: glued early years count in such a document.
_EARLY_YEAR_WRITTEN = re.compile("(?<![0-9])19[0-4][0-9] ?年")


class DateContext(NamedTuple):
    """What is known about the document as a whole."""

    published: datetime.date | None = None  # the document's publication date, if known


_NO_CONTEXT = DateContext()


class Ambiguity(NamedTuple):
    """A damaged-looking span left unchanged because no reading was clearly right (but for
    its 年, when that is certain: ``year_restored``)."""

    start: int
    end: int
    text: str
    candidates: tuple[str, ...]
    rule: str
    reason: str
    year_restored: bool = False

    def describe(self, where: str, *, repaired: bool = True) -> str:
        """The ``date_ambiguous`` warning: where, what, the readings, what was done."""
        done = "only its 年 restored" if self.year_restored and repaired else "left unchanged"
        return f"{where}: {self.text!r} may be {' or '.join(self.candidates)}; {done}"


def repair_dates(
    texts: Sequence[str], context: DateContext = _NO_CONTEXT, *, threshold: float = 0.9
) -> list[tuple[list[TextEdit], list[Ambiguity]]]:
    """Find repairs in a document's text blocks, processed in reading order so that the
    narrative context (dates before/after, years mentioned nearby) spans blocks. Returns,
    per input text, its edits (non-overlapping, sorted by start) and the ambiguities left
    alone (confidence below threshold)."""
    items, spans = scan(texts)
    published = context.published
    ctx_years = year_context(items)
    tokens = {i: item for i, item in enumerate(items) if isinstance(item, DateToken)}
    damaged = [i for i, tok in tokens.items() if tok.damaged]
    range_before, range_after = _range_links(tokens, damaged, spans)
    named, observed = _observances(texts, tokens, damaged)
    damaged = _with_evidence(texts, items, damaged, range_before, range_after, observed)

    def anchor_of(i: int, cand: Reading | None) -> Anchor | None:
        item = items[i]
        year, month, day = (
            (item.year, item.month, item.day) if isinstance(item, DateToken) else item
        )
        if cand is not None:
            month, day = cand.month, cand.day
        if month is None:
            return None  # a year on its own
        if year is None and isinstance(item, DateToken):
            year = relative_year(item, ctx_years[i], published)
        if year is None:
            year = ctx_years[i]
        if year is None and published is not None:
            year = published.year
        return (year, month, day)

    def partner(j: int | None) -> Anchor | None:
        """The other end of a range, with its year only if written."""
        if j is None:
            return None
        item = items[j]
        if not isinstance(item, DateToken):
            year, month, day = item
            return None if month is None else (year, month, day)
        if item.is_anchor:
            assert item.month is not None
            return (item.year, item.month, item.day)
        cand = chosen.get(j)
        if cand is None:
            return None
        return (item.year if item.explicit_year else None, cand.month, cand.day)

    clean_anchors: list[tuple[int, Anchor]] = []
    for i, item in enumerate(items):
        anchor = anchor_of(i, None)
        if anchor is not None and (not isinstance(item, DateToken) or item.is_anchor):
            clean_anchors.append((i, anchor))
    # Repairs are decided in waves: first against the clean dates, then against those and
    # the repairs made so far, until a wave adds nothing. A repair is never withdrawn, and
    # two uncertain readings cannot prop each other up (neither is an anchor before it is
    # chosen). The last wave saw exactly the anchors a second run over the repaired text
    # sees, so repair is idempotent.
    chosen: dict[int, Reading] = {}
    results: dict[int, Decision] = {}
    pending = damaged
    while pending:
        repaired = [(i, anchor_of(i, c)) for i, c in chosen.items()]
        anchors = sorted(clean_anchors + [(i, a) for i, a in repaired if a is not None])
        positions = [i for i, _ in anchors]
        forward, order_weight = direction([a for _, a in anchors])
        added: dict[int, Reading] = {}
        for i in pending:
            at = bisect.bisect_left(positions, i)
            prev = anchors[at - 1][1] if at > 0 else None
            nxt = anchors[at][1] if at < len(anchors) else None
            own = anchor_of(i, tokens[i].cands[0])
            key_year = own[0] if own is not None else None
            if not forward:  # a list newest first: the one before should be later
                prev, nxt = nxt, prev
            around = Surroundings(
                ctx_years[i],
                published,
                prev,
                nxt,
                key_year,
                order_weight,
                partner(range_before.get(i)),
                partner(range_after.get(i)),
                observed.get(i, ()),
                named.get(i, ()),
            )
            result = decide(tokens[i], around)
            results[i] = result
            if result.weighed and result.confidence >= threshold:
                added[i] = result.weighed[0].cand
        chosen.update(added)
        pending = [i for i in pending if i not in added] if added else []

    out: list[tuple[list[TextEdit], list[Ambiguity]]] = [([], []) for _ in texts]
    for i, tok in tokens.items():
        text = texts[tok.block]
        edits, ambiguities = out[tok.block]
        edits.extend(tok.norm_edits)
        if not tok.damaged:
            if tok.hao_at >= 0 and tok.hao_conf > 0.0:
                _hao_for_clean_date(text, tok, threshold, edits, ambiguities)
            continue
        if i not in results or not results[i].weighed:
            continue  # a run that needed evidence and found none
        result = results[i]
        renders = [tok.render(w.cand) for w in result.weighed]
        if i in chosen:
            edits.append(
                TextEdit(
                    tok.span_start,
                    tok.span_end,
                    text[tok.span_start : tok.span_end],
                    renders[0],
                    tok.rule,
                    result.confidence,
                    tuple(renders[1:]),
                    result.evidence,
                )
            )
            if tok.span_end < tok.report_end:  # the 号 that closed the damaged run
                edits.append(
                    TextEdit(
                        tok.hao_at,
                        tok.hao_at + 1,
                        "号",
                        "日",
                        RULE_HAO,
                        result.confidence,
                        evidence=result.evidence,
                    )
                )
            continue
        year_restored = tok.rule == RULE_YMD and tok.factor >= threshold
        if year_restored:
            # The year ends after four digits whatever the rest means: restore its 年.
            year_end = tok.start + 4
            edits.append(
                TextEdit(
                    tok.start,
                    year_end,
                    text[tok.start : year_end],
                    f"{tok.year}年",
                    RULE_YEAR_CERTAIN,
                    round(tok.factor, 3),
                    evidence=(*tok.evidence, YEAR_DIGITS),
                )
            )
        tail = normalized(text, tok.span_end, tok.report_end, True)
        ambiguities.append(
            Ambiguity(
                tok.span_start,
                tok.report_end,
                text[tok.span_start : tok.report_end],
                tuple(r + tail for r in renders),
                tok.rule,
                result.reason,
                year_restored,
            )
        )
    for edits, ambiguities in out:
        edits.sort(key=lambda e: e.start)
        ambiguities.sort(key=lambda a: a.start)
    return out


def _hao_for_clean_date(
    text: str,
    tok: DateToken,
    threshold: float,
    edits: list[TextEdit],
    ambiguities: list[Ambiguity],
) -> None:
    """号 closing a clean M月D号: 日 when the context says so, reported otherwise."""
    if tok.hao_conf >= threshold:
        edits.append(
            TextEdit(
                tok.hao_at,
                tok.hao_at + 1,
                "号",
                "日",
                RULE_HAO,
                tok.hao_conf,
                evidence=(YEAR_WRITTEN,) if tok.year is not None else (),
            )
        )
    else:
        ambiguities.append(
            Ambiguity(
                tok.start,
                tok.end,
                text[tok.start : tok.end],
                (normalized(text, tok.start, tok.end, True),),
                RULE_HAO,
                "号 may number something here rather than a day",
            )
        )


def _range_links(
    tokens: dict[int, DateToken], damaged: list[int], spans: list[Span]
) -> tuple[dict[int, int], dict[int, int]]:
    """For damaged runs joined to a neighbouring date by a range mark (4月28日-51日,
    915日14:30至9月20日), the index of that date: before, and after."""
    before: dict[int, int] = {}
    after: dict[int, int] = {}
    for i in damaged:
        tok = tokens[i]
        if tok.range_start_at >= 0 and i > 0:
            block, _, end = spans[i - 1]
            if block == tok.block and end == tok.range_start_at:
                before[i] = i - 1
        if tok.range_end_at >= 0 and i + 1 < len(spans):
            block, start, _ = spans[i + 1]
            if block == tok.block and start == tok.range_end_at:
                after[i] = i + 1
    return before, after


def _observances(
    texts: Sequence[str], tokens: dict[int, DateToken], damaged: list[int]
) -> tuple[dict[int, tuple[Observance, ...]], dict[int, tuple[Observance, ...]]]:
    """The observance days named beside each damaged run: all of them, and those that hold
    for the document (a place's day only where the place is named)."""
    named: dict[int, tuple[Observance, ...]] = {}
    observed: dict[int, tuple[Observance, ...]] = {}
    document: str | None = None
    for i in damaged:
        tok = tokens[i]
        rows = named_near(texts[tok.block], tok.start, tok.end)
        if not rows:
            continue
        named[i] = rows
        if document is None and not all(row.nationwide for row in rows):
            document = "\n".join(texts)
        rows = in_scope(rows, document or "")
        if rows:
            observed[i] = rows
    return named, observed


def _with_evidence(
    texts: Sequence[str],
    items: list[DateItem],
    damaged: list[int],
    range_before: dict[int, int],
    range_after: dict[int, int],
    observed: dict[int, tuple[Observance, ...]],
) -> list[int]:
    """The damaged runs that are dates only with evidence, kept where it is found: two
    digits (51日) beside a range's other end or the name of their observance; a year
    before 1949 glued to its month in a document that writes such a year with its 年,
    followed by a whole month and day (193711月13日), joined by a range to another such
    date (从19382月到194412月), or on the day of an observance named beside it."""
    early_written: bool | None = None
    kept: list[int] = []
    for i in damaged:
        tok = items[i]
        assert isinstance(tok, DateToken)
        partners = [j for j in (range_before.get(i), range_after.get(i)) if j is not None]
        first = tok.cands[0]
        on_observance = any(
            row.month == first.month and row.day_in(tok.year) == first.day
            for row in observed.get(i, ())
        )
        if tok.needs_evidence and not (partners or on_observance):
            continue
        if tok.early and not (
            on_observance
            or (tok.rule == RULE_YEAR_MONTH and first.day is not None)
            or any(_is_early(items[j]) for j in partners)
        ):
            if early_written is None:
                early_written = any(_EARLY_YEAR_WRITTEN.search(text) for text in texts)
            if not early_written:
                continue
        kept.append(i)
    return kept


def _is_early(item: DateItem) -> bool:
    """Whether a date's year, written or glued, lies before 1949."""
    year = item.year if isinstance(item, DateToken) else item[0]
    return year is not None and year < MIN_YEAR
