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
from noticecli.repair.date_rules import RULE_HAO, DateToken, Reading, normalized
from noticecli.repair.date_scan import scan
from noticecli.repair.date_weighing import Anchor, Weighed, decide, direction, year_context

__all__ = ["Ambiguity", "DateContext", "repair_dates"]


class DateContext(NamedTuple):
    """What is known about the document as a whole."""

    published: datetime.date | None = None  # the document's publication date, if known


_NO_CONTEXT = DateContext()


class Ambiguity(NamedTuple):
    """A damaged-looking span left unchanged because no reading was clearly right."""

    start: int
    end: int
    text: str
    candidates: tuple[str, ...]
    rule: str
    reason: str


def repair_dates(
    texts: Sequence[str], context: DateContext = _NO_CONTEXT, *, threshold: float = 0.9
) -> list[tuple[list[TextEdit], list[Ambiguity]]]:
    """Find repairs in a document's text blocks, processed in reading order so that the
    narrative context (dates before/after, years mentioned nearby) spans blocks. Returns,
    per input text, its edits (non-overlapping, sorted by start) and the ambiguities left
    alone (confidence below threshold)."""
    items = scan(texts)
    published = context.published
    ctx_years = year_context(items)
    tokens = {i: item for i, item in enumerate(items) if isinstance(item, DateToken)}
    damaged = [i for i, tok in tokens.items() if tok.damaged]

    def anchor_of(i: int, cand: Reading | None) -> Anchor | None:
        item = items[i]
        year, month, day = (
            (item.year, item.month, item.day) if isinstance(item, DateToken) else item
        )
        if cand is not None:
            month, day = cand.month, cand.day
        if month is None:
            return None  # a year on its own
        if year is None:
            year = ctx_years[i]
        if year is None and published is not None:
            year = published.year
        return (year, month, day)

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
    results: dict[int, tuple[list[Weighed], float, str]] = {}
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
            order = (prev, nxt, key_year, order_weight)
            result = decide(tokens[i], ctx_years[i], published, order)
            results[i] = result
            if result[0] and result[1] >= threshold:
                added[i] = result[0][0].cand
        chosen.update(added)
        pending = [i for i in pending if i not in added] if added else []

    out: list[tuple[list[TextEdit], list[Ambiguity]]] = [([], []) for _ in texts]
    for i, tok in tokens.items():
        text = texts[tok.block]
        edits, ambiguities = out[tok.block]
        edits.extend(tok.norm_edits)
        if not tok.damaged:
            if tok.hao_at >= 0 and tok.hao_conf > 0.0:
                if tok.hao_conf >= threshold:
                    edits.append(
                        TextEdit(tok.hao_at, tok.hao_at + 1, "号", "日", RULE_HAO, tok.hao_conf)
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
            continue
        weighed, confidence, reason = results[i]
        if not weighed:
            continue
        renders = [tok.render(w.cand) for w in weighed]
        if i in chosen:
            edits.append(
                TextEdit(
                    tok.span_start,
                    tok.span_end,
                    text[tok.span_start : tok.span_end],
                    renders[0],
                    tok.rule,
                    confidence,
                    tuple(renders[1:]),
                )
            )
            if tok.span_end < tok.report_end:  # the 号 that closed the damaged run
                edits.append(TextEdit(tok.hao_at, tok.hao_at + 1, "号", "日", RULE_HAO, confidence))
        else:
            tail = normalized(text, tok.span_end, tok.report_end, True)
            shown = [r + tail for r in renders]
            ambiguities.append(
                Ambiguity(
                    tok.span_start,
                    tok.report_end,
                    text[tok.span_start : tok.report_end],
                    tuple(shown),
                    tok.rule,
                    reason,
                )
            )
    for edits, ambiguities in out:
        edits.sort(key=lambda e: e.start)
        ambiguities.sort(key=lambda a: a.start)
    return out
