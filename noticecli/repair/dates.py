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
from collections.abc import Sequence
from typing import NamedTuple

from noticecli.edits import TextEdit
from noticecli.repair.date_links import gather
from noticecli.repair.date_rules import RULE_YEAR_CERTAIN, RULE_YMD
from noticecli.repair.date_scan import scan
from noticecli.repair.date_token import DateToken, Reading
from noticecli.repair.date_weighing import (
    Anchor,
    Decision,
    Surroundings,
    decide,
    direction,
    relative_year,
    year_context,
)

__all__ = ["Ambiguity", "DateContext", "repair_dates"]

# Evidence that the first four digits of a run are its year (RULE_YEAR_CERTAIN).
YEAR_DIGITS = "year_digits"


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
    found = gather(texts, items, spans, tokens, threshold)
    damaged, range_before, range_after = found.damaged, found.range_before, found.range_after
    named, observed = found.named, found.observed

    def anchor_of(i: int, cand: Reading | None) -> Anchor | None:
        item = items[i]
        relative = None
        if isinstance(item, DateToken):
            year, month, day, relative = item.year, item.month, item.day, item.relative
        else:
            year, month, day = item
        if cand is not None:
            month, day = cand.month, cand.day
        if month is None:
            return None  # a year on its own
        if year is None and relative is not None:
            assert isinstance(item, DateToken)
            year = relative_year(item, ctx_years[i], published)
        if year is None:
            year = ctx_years[i]
        if year is None and published is not None:
            year = published.year
        return (year, month, day)

    def partner(j: int) -> Anchor | None:
        """The other end of a range, with its year only if written."""
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
    fallback = published.year if published is not None else None
    for i, item in enumerate(items):
        if isinstance(item, DateToken):
            anchor = anchor_of(i, None) if item.is_anchor else None
        elif item[1] is not None:  # a clean date as written; its year if not, as anchor_of
            year = item[0] if item[0] is not None else ctx_years[i]
            anchor = (year if year is not None else fallback, item[1], item[2])
        else:
            anchor = None
        if anchor is not None:
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
        forward, order_weight, mixed_order = direction([a for _, a in anchors])
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
                mixed_order,
                partner(range_before[i]) if i in range_before else None,
                partner(range_after[i]) if i in range_after else None,
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
        if tok.norm_edits:
            edits.extend(tok.norm_edits)
        if not tok.damaged:
            continue
        if i not in results or not results[i].weighed:
            continue  # a run that needed evidence and found none
        result = results[i]
        renders = [tok.render(w.cand) for w in result.weighed]
        if i in chosen:
            evidence = result.evidence(tok)
            edits.append(
                TextEdit(
                    tok.span_start,
                    tok.span_end,
                    text[tok.span_start : tok.span_end],
                    renders[0],
                    tok.rule,
                    result.confidence,
                    tuple(renders[1:]),
                    evidence,
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
        ambiguities.append(
            Ambiguity(
                tok.span_start,
                tok.span_end,
                text[tok.span_start : tok.span_end],
                tuple(renders),
                tok.rule,
                result.reason,
                year_restored,
            )
        )
    for edits, ambiguities in out:
        if len(edits) > 1:
            edits.sort(key=_start)
        if len(ambiguities) > 1:
            ambiguities.sort(key=_start)
    return out


def _start(item: TextEdit | Ambiguity) -> int:
    return item.start
