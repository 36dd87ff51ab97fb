"""Weighing the readings of a damaged date against the document around it.

A damaged run usually allows several calendar dates (327日: 3月27日; 112日: 1月12日 or
11月2日). Each reading is weighed against the years written before it, the publication
date (a date after publication is suspicious unless the words around it announce one; a
deadline lies after publication, and soon), a weekday written after it, the end of a range,
and the order of the document's other dates (narratives run forward, listings backward).
:func:`decide` ranks the readings and says how confident the best one is.
"""

from __future__ import annotations

import datetime
import itertools
from typing import NamedTuple

from noticecli.dates import is_calendar_date
from noticecli.repair.date_rules import DateToken, Reading
from noticecli.repair.date_scan import DateItem

# Plausibility of a reading (year fit and publication-date fit).
_W_PREVIOUS_YEAR_CHOICE = 0.05
_W_PREVIOUS_YEAR_FIT = 0.6
_W_FUTURE = 0.05
_W_FUTURE_EXPECTED = 0.5
_W_PAST_DEADLINE = 0.05  # a deadline already past at publication
_W_FAR_DEADLINE = 0.05  # a deadline more than _DEADLINE_HORIZON_DAYS after publication
_W_WEEKDAY_MISMATCH = 0.02  # a reading whose weekday is not the one written after it
_W_RANGE_MISMATCH = 0.02  # a range start on or after the range end (15日至12日)
_W_FAR_FUTURE = 0.05
_YEARS_AHEAD = 5  # a written year further than this after publication is suspicious
_W_ORDER = 0.25  # a reading that breaks the order of the narrative
_W_ORDER_CONSISTENT = 0.05  # ... when the document's dates keep one order throughout
_CONSISTENT_SHARE = 0.9
_CONSISTENT_MIN_PAIRS = 3
# Notices give weeks for what they ask, not most of a year.
_DEADLINE_HORIZON_DAYS = 183


def compare(a: tuple[int | None, int, int | None], b: tuple[int | None, int, int | None]) -> int:
    """Order of two partial dates (year, month, day); 0 when they cannot be told apart."""
    if a[0] is not None and b[0] is not None and a[0] != b[0]:
        return -1 if a[0] < b[0] else 1
    if a[1] != b[1]:
        return -1 if a[1] < b[1] else 1
    if a[2] is not None and b[2] is not None and a[2] != b[2]:
        return -1 if a[2] < b[2] else 1
    return 0


class Weighed(NamedTuple):
    cand: Reading
    plaus: float  # year and publication-date fit
    weight: float  # plaus × narrative order × padding


def _hypotheses(
    tok: DateToken, ctx_year: int | None, published: datetime.date | None
) -> list[tuple[int, float, float]]:
    """The years a reading may lie in, each with its weight for choosing between readings
    and for the fit of a reading on its own; empty when no year is known at all."""
    if tok.explicit_year:
        assert tok.year is not None
        return [(tok.year, 1.0, 1.0)]
    base = ctx_year if ctx_year is not None else (published.year if published else None)
    if base is None:
        return []
    hypotheses = [(base, 1.0, 1.0)]
    if published is not None and base == published.year:
        # A date written without its year is, by convention, in the current year: the
        # previous year is a poor reason to prefer one split over another, but it does
        # not make a reading with no rival implausible.
        hypotheses.append((base - 1, _W_PREVIOUS_YEAR_CHOICE, _W_PREVIOUS_YEAR_FIT))
        if tok.deadline:
            # 请于1月15日前 in a December notice: January of the next year.
            hypotheses.append((base + 1, 1.0, 1.0))
    return hypotheses


def _plausibility(
    tok: DateToken,
    cand: Reading,
    hypotheses: list[tuple[int, float, float]],
    published: datetime.date | None,
    use_weekday: bool,
) -> tuple[float, float]:
    """How well a reading fits the years around it and the publication date, as a weight
    for choosing between readings and as a fit of the reading on its own."""
    if not hypotheses:
        return (1.0, 1.0) if is_calendar_date(None, cand.month, cand.day) else (0.0, 0.0)
    best_choice = best_fit = 0.0
    for year, choice, fit in hypotheses:
        if not is_calendar_date(year, cand.month, cand.day):
            continue
        if use_weekday and _weekday(year, cand) != tok.weekday:
            choice *= _W_WEEKDAY_MISMATCH
        if tok.range_end_day is not None and (cand.day or 0) >= tok.range_end_day:
            choice *= _W_RANGE_MISMATCH
        if tok.deadline and published is not None and cand.day is not None:
            # Only to choose between readings: a deadline's digits with one reading are
            # that date, even if the notice went out late.
            lead = (datetime.date(year, cand.month, cand.day) - published).days
            if lead < 0:
                choice *= _W_PAST_DEADLINE
            elif lead > _DEADLINE_HORIZON_DAYS:
                choice *= _W_FAR_DEADLINE
        if published is not None:
            later = (year, cand.month, cand.day or 1) > (
                published.year,
                published.month,
                published.day if cand.day is not None else 1,
            )
            factor = 1.0
            if year > published.year + 1:
                factor = _W_FAR_FUTURE
            elif later:
                factor = _W_FUTURE_EXPECTED if tok.future_ok else _W_FUTURE
            if not tok.deadline:  # a deadline's lead time was weighed above
                choice *= factor
            if not tok.explicit_year:
                fit *= factor
            elif year > published.year + _YEARS_AHEAD:
                fit *= _W_FAR_FUTURE
            # Otherwise a year written in the run makes it a date however far it lies from
            # publication (notices announce drills, deadlines, validity dates): the
            # publication date only ranks rival readings.
        best_choice, best_fit = max(best_choice, choice), max(best_fit, fit)
    return best_choice, best_fit


def _weekday(year: int, cand: Reading) -> int | None:
    return None if cand.day is None else datetime.date(year, cand.month, cand.day).weekday()


Anchor = tuple[int | None, int, int | None]


def decide(
    tok: DateToken,
    ctx_year: int | None,
    published: datetime.date | None,
    order: tuple[Anchor | None, Anchor | None, int | None, float],
) -> tuple[list[Weighed], float, str]:
    """Readings best first, the confidence in the best one, and why it is low if it is.

    ``order``: the anchors that should come before and after in the document's direction,
    the year the anchors assume for this token, and the weight of a reading out of order.
    """
    prev, nxt, key_year, order_weight = order
    # A weekday that fits no reading in any year considered tells nothing (a typo, or a
    # year assumed wrongly): ignored rather than held against every reading.
    hypotheses = _hypotheses(tok, ctx_year, published)
    use_weekday = tok.weekday is not None and any(
        _weekday(year, cand) == tok.weekday
        for cand in tok.cands
        for year, _, _ in hypotheses
        if is_calendar_date(year, cand.month, cand.day)
    )
    weighed: list[Weighed] = []
    for cand in tok.cands:
        choice, plaus = _plausibility(tok, cand, hypotheses, published, use_weekday)
        if plaus <= 0.0:
            continue
        weight = choice * cand.pad_w
        # Compared in the year the anchors assume, so that month order decides.
        key: Anchor = (key_year, cand.month, cand.day)
        before_prev = prev is not None and compare(key, prev) < 0
        after_next = nxt is not None and compare(key, nxt) > 0
        if before_prev or after_next:
            weight *= order_weight
            if prev is not None and nxt is not None and compare(prev, nxt) <= 0:
                # Both neighbours agree on the order and this reading falls outside them.
                weight *= order_weight
        weighed.append(Weighed(cand, plaus, weight))
    if not weighed:
        return [], 0.0, "no reading is a calendar date"
    weighed.sort(key=lambda w: -w.weight)
    best = weighed[0]
    ratio = best.weight / sum(w.weight for w in weighed)
    fit = min(1.0, 0.45 + best.plaus)
    confidence = round(tok.factor * ratio * fit, 3)
    if ratio < 0.9:
        reason = f"{len(weighed)} readings fit; the context does not decide between them"
    elif fit < 0.9:
        reason = "the reading falls after the publication date"
    else:
        reason = "no word around it introduces a date"
    return weighed, confidence, reason


def direction(anchors: list[Anchor]) -> tuple[bool, float]:
    """Whether the document's dates run forward (narratives) or backward (listings, newest
    first), and how much a reading out of that order counts against it: much more when the
    dates keep their order throughout."""
    rising = falling = 0
    for a, b in itertools.pairwise(anchors):
        step = compare(a, b)
        rising += step < 0
        falling += step > 0
    forward = rising >= falling
    kept, moves = max(rising, falling), rising + falling
    consistent = moves >= _CONSISTENT_MIN_PAIRS and kept >= _CONSISTENT_SHARE * moves
    return forward, _W_ORDER_CONSISTENT if consistent else _W_ORDER


def year_context(items: list[DateItem]) -> list[int | None]:
    """For each item, the last year written before it in reading order."""
    out: list[int | None] = []
    last: int | None = None
    for item in items:
        out.append(last)
        year = item.year if isinstance(item, DateToken) else item[0]
        if year is not None:
            last = year
    return out
