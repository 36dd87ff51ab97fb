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
from noticecli.repair.date_evidence import RANGE, RELATIVE_YEARS
from noticecli.repair.date_scan import DateItem
from noticecli.repair.date_token import DateToken, Reading
from noticecli.repair.observances import Observance

Anchor = tuple[int | None, int, int | None]  # year (None: not known), month, day

# Evidence names this module adds to a repair (see also date_evidence).
WEEKDAY = "weekday"
RANGE_ORDER = "range_order"
DEADLINE = "deadline"
PUBLICATION_DATE = "publication_date"
NARRATIVE_ORDER = "narrative_order"
DIGIT_PADDING = "digit_padding"
ONE_READING = "one_reading"
YEAR_WRITTEN = "year_written"
YEAR_BEFORE = "year_before"
PUBLICATION_YEAR = "publication_year"
NEWS_DATE = "news_date"

# Plausibility of a reading (year fit and publication-date fit).
_W_PREVIOUS_YEAR_CHOICE = 0.05
_W_PREVIOUS_YEAR_FIT = 0.6
_W_FUTURE = 0.05
_W_FUTURE_EXPECTED = 0.5
_W_PAST_DEADLINE = 0.05  # a deadline already past at publication
_W_FAR_DEADLINE = 0.05  # a deadline more than _DEADLINE_HORIZON_DAYS after publication
_W_WEEKDAY_MISMATCH = 0.02  # a reading whose weekday is not the one written after it
_W_RANGE_MISMATCH = 0.02  # a range start on or after the range end (15日至12日)
_W_RANGE_WRAP = 0.05  # a range into the next year when one within a year fits too
_W_OBSERVANCE_MISMATCH = 0.002  # not the day of the observance named beside it: its name
# fixes the day more surely than the publication date ranks the readings
_F_CONFIRMED = 0.97  # a weekday, an observance or a range's other end confirms the date
_W_FAR_FUTURE = 0.05
_YEARS_AHEAD = 5  # a written year further than this after publication is suspicious
_W_ORDER = 0.25  # a reading that breaks the order of the narrative
_W_ORDER_CONSISTENT = 0.05  # ... when the document's dates keep one order throughout
_CONSISTENT_SHARE = 0.9
_CONSISTENT_MIN_PAIRS = 3
# Notices give weeks for what they ask, not most of a year.
_DEADLINE_HORIZON_DAYS = 183
# A news item (a byline or dateline before or after the date) reports what happened
# shortly before it was published, not most of a year before.
_NEWS_HORIZON_DAYS = 62
_W_OLD_NEWS = 0.05


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
    weight: float  # plaus × narrative order × padding × range order × observance
    against: tuple[str, ...]  # the evidence that counted against this reading
    year: int | None  # the year the reading was weighed in (its best fit)
    year_source: str | None  # where that year came from (an evidence name)


class Surroundings(NamedTuple):
    """What the document says around one damaged run, for one wave of decisions."""

    ctx_year: int | None  # the last year written before it
    published: datetime.date | None
    prev: Anchor | None  # the anchors before and after it in the document's direction
    nxt: Anchor | None
    key_year: int | None  # the year the anchors assume for it
    order_weight: float  # the weight of a reading out of the narrative's order
    mixed_order: bool  # the document's dates go back and forth
    range_start: Anchor | None  # the other end of a range it closes (its year as written)
    range_end: Anchor | None  # the other end of a range it opens
    observed: tuple[Observance, ...]  # observance days named in its sentence, in scope
    named: tuple[Observance, ...]  # ... whatever their scope (they confirm a sole reading)


class Decision(NamedTuple):
    weighed: list[Weighed]  # best first
    confidence: float
    reason: str  # why the confidence is low, when it is
    confirmations: tuple[str, ...]  # evidence that the run is a date (weekday, range …)

    def evidence(self, tok: DateToken) -> tuple[str, ...]:
        """Why the best reading: what marks the run as a date, what chose the reading
        over its rivals, and where its year came from (names in docs/api.md)."""
        best = self.weighed[0]
        source = () if best.year_source is None else (best.year_source,)
        if len(tok.cands) == 1:
            return (*tok.evidence, *self.confirmations, ONE_READING, *source)
        names = [*tok.evidence, *self.confirmations]
        for rival in self.weighed[1:]:
            names.extend(name for name in rival.against if name not in best.against)
        return tuple(dict.fromkeys([*names, *source]))


def relative_year(
    tok: DateToken, ctx_year: int | None, published: datetime.date | None
) -> int | None:
    """The year 今年, 去年, 同年 … before the run stands for, if it can be known."""
    if tok.relative is None:
        return None
    basis, offset = RELATIVE_YEARS[tok.relative]
    base = (published.year if published else None) if basis == "published" else ctx_year
    return None if base is None else base + offset


def _hypotheses(
    tok: DateToken, ctx_year: int | None, published: datetime.date | None, news: bool
) -> list[tuple[int, float, float, str]]:
    """The years a reading may lie in, each with its weight for choosing between readings,
    for the fit of a reading on its own, and where it comes from; empty when no year is
    known at all."""
    if tok.explicit_year:
        assert tok.year is not None
        return [(tok.year, 1.0, 1.0, YEAR_WRITTEN)]
    if tok.relative is not None:  # its own evidence already names the word
        year = relative_year(tok, ctx_year, published)
        basis = PUBLICATION_YEAR if RELATIVE_YEARS[tok.relative][0] == "published" else YEAR_BEFORE
        return [] if year is None else [(year, 1.0, 1.0, basis)]
    if ctx_year is not None and not (news and published is not None):
        base, source = ctx_year, YEAR_BEFORE
    elif published is not None:
        base, source = published.year, PUBLICATION_YEAR
    else:
        return []
    hypotheses = [(base, 1.0, 1.0, source)]
    if tok.weekday is not None and published is not None and base != published.year:
        # A weekday picks its year: the one written before, or the publication year.
        hypotheses.append((published.year, 1.0, 1.0, PUBLICATION_YEAR))
    if published is not None and base == published.year:
        # A date written without its year is, by convention, in the current year: the
        # previous year is a poor reason to prefer one split over another, but it does
        # not make a reading with no rival implausible. A news item's date is simply the
        # one shortly before publication, in either year.
        previous = 1.0 if news else _W_PREVIOUS_YEAR_CHOICE
        hypotheses.append((base - 1, previous, _W_PREVIOUS_YEAR_FIT, source))
        if tok.deadline:
            # 请于1月15日前 in a December notice: January of the next year.
            hypotheses.append((base + 1, 1.0, 1.0, source))
    return hypotheses


def _plausibility(
    tok: DateToken,
    cand: Reading,
    hypotheses: list[tuple[int, float, float, str]],
    published: datetime.date | None,
    use_weekday: bool,
    later_weight: float,
) -> tuple[float, float, tuple[str, ...], int | None, str | None]:
    """How well a reading fits the years around it and the publication date, as a weight
    for choosing between readings and as a fit of the reading on its own; what counted
    against it, and the year (and its source) it fits best in. ``later_weight``: the choice
    weight of a reading after publication."""
    month, day = cand.month, cand.day
    if not is_calendar_date(None, month, day):
        return 0.0, 0.0, (), None, None
    if not hypotheses:
        return 1.0, 1.0, (), None, None
    news = tok.news
    deadline = tok.deadline
    weekday = tok.weekday if use_weekday else None
    range_end_day = tok.range_end_day
    # 29 February is a date only in a leap year; every other reading is one in any year.
    leap_day = month == 2 and day == 29
    if published is not None:
        published_year = published.year
        # A reading after publication, compared by month only when it has no day.
        published_on = (published_year, published.month, published.day if day is not None else 1)
    best_choice = best_fit = 0.0
    best_against: tuple[str, ...] = ()
    best_year: int | None = None
    best_source: str | None = None
    year_fixed = tok.explicit_year or tok.relative is not None
    for year, choice, fit, source in hypotheses:
        if leap_day and not is_calendar_date(year, month, day):
            continue
        against: tuple[str, ...] = ()
        if weekday is not None and _weekday(year, cand) != weekday:
            choice *= _W_WEEKDAY_MISMATCH
            against += (WEEKDAY,)
        if range_end_day is not None and (day or 0) >= range_end_day:
            choice *= _W_RANGE_MISMATCH
            against += (RANGE_ORDER,)
        if published is not None:
            if day is not None and (deadline or news):
                # Only to choose between readings: a deadline's digits with one reading
                # are that date, even if the notice went out late.
                lead = (datetime.date(year, month, day) - published).days
                if deadline and (lead < 0 or lead > _DEADLINE_HORIZON_DAYS):
                    choice *= _W_PAST_DEADLINE if lead < 0 else _W_FAR_DEADLINE
                    against += (DEADLINE,)
                elif news and lead < -_NEWS_HORIZON_DAYS:
                    choice *= _W_OLD_NEWS
                    against += (NEWS_DATE,)
            factor = 1.0
            if year > published_year + 1:
                factor = _W_FAR_FUTURE
            elif (year, month, day or 1) > published_on:
                factor = later_weight
            if not deadline and factor < 1.0:  # a deadline's lead time was weighed above
                choice *= factor
                against += (PUBLICATION_DATE,)
            if not year_fixed:
                fit *= factor
            elif year > published_year + _YEARS_AHEAD:
                fit *= _W_FAR_FUTURE
            # Otherwise a year written in the run makes it a date however far it lies from
            # publication (notices announce drills, deadlines, validity dates): the
            # publication date only ranks rival readings.
        if choice > best_choice or best_year is None:
            best_choice, best_against, best_year, best_source = choice, against, year, source
        if fit > best_fit:
            best_fit = fit
    return best_choice, best_fit, best_against, best_year, best_source


def _weekday(year: int, cand: Reading) -> int | None:
    return None if cand.day is None else datetime.date(year, cand.month, cand.day).weekday()


def _days_forward(a: Anchor, b: Anchor, fixed: bool) -> tuple[int, bool]:
    """Days from ``a`` to ``b`` and whether ``b`` comes before ``a`` in the same year. With
    ``fixed`` (both years written) the real distance, negative when ``b`` is earlier;
    otherwise month and day only, going round into the next year when needed."""
    if (
        fixed
        and a[0] is not None
        and b[0] is not None
        and is_calendar_date(a[0], a[1], a[2])
        and is_calendar_date(b[0], b[1], b[2])
    ):
        first = datetime.date(a[0], a[1], a[2] or 1)
        second = datetime.date(b[0], b[1], b[2] or 1)
        return (second - first).days, False
    first = datetime.date(2000, a[1], a[2] or 1)  # a leap year: 2月29日 has a place
    second = datetime.date(2000, b[1], b[2] or 1)
    days = (second - first).days
    return (days + 366, True) if days < 0 else (days, False)


def _range_weights(
    tok: DateToken, year: int | None, start: Anchor | None, end: Anchor | None
) -> list[float] | None:
    """The weight of each reading as one end of a range whose other end is known: the end
    comes after the start. A reading that would make the range run into the next year
    counts only when no reading fits within one year, and then the shortest range wins."""
    if start is None and end is None:
        return None
    spans: list[tuple[bool, bool, int]] = []  # broken, wraps, days
    for cand in tok.cands:
        own: Anchor = (year if tok.explicit_year else None, cand.month, cand.day)
        broken = wraps = False
        total = 0
        for first, second in ((start, own), (own, end)):
            if first is None or second is None:
                continue
            days, wrap = _days_forward(first, second, fixed=True)
            broken = broken or days < 0
            wraps = wraps or wrap
            total += days
        spans.append((broken, wraps, total))
    fitting = [(wraps, days) for broken, wraps, days in spans if not broken]
    if not fitting:
        return [1.0] * len(spans)  # nothing fits: the range says nothing
    best_wraps, best_days = min(fitting)
    weights = []
    for broken, wraps, days in spans:
        if broken:
            weights.append(_W_RANGE_MISMATCH)
        elif (wraps, days) == (best_wraps, best_days) or (not wraps and not best_wraps):
            weights.append(1.0)
        else:
            weights.append(_W_RANGE_WRAP)
    return weights


def _observance_on(
    cand: Reading, rows: tuple[Observance, ...], year: int | None
) -> Observance | None:
    """The first of ``rows`` that falls on the reading, if any."""
    for row in rows:
        if row.month == cand.month and row.day_in(year) == cand.day:
            return row
    return None


def _later_weight(tok: DateToken, around: Surroundings, year: int | None) -> float:
    """The choice weight of a reading after publication: small, unless words announce a
    date to come, or the other end of its range lies after publication too."""
    published = around.published
    if published is not None:
        for other in (around.range_start, around.range_end):
            if other is None:
                continue
            other_year = other[0] if other[0] is not None else year
            if other_year is not None and (other_year, other[1], other[2] or 1) > (
                published.year,
                published.month,
                published.day,
            ):
                return 1.0
    return _W_FUTURE_EXPECTED if tok.future_ok else _W_FUTURE


def decide(tok: DateToken, around: Surroundings) -> Decision:
    """Readings best first, the confidence in the best one, why it is low if it is, and the
    evidence for it."""
    published = around.published
    news = tok.news
    hypotheses = _hypotheses(tok, around.ctx_year, published, news)
    # A weekday that fits no reading in any year considered decides nothing (a typo, or a
    # year assumed wrongly): not held against every reading, but no reason to choose.
    weekday_fits = tok.weekday is not None and any(
        _weekday(year, cand) == tok.weekday
        for cand in tok.cands
        for year, _, _, _ in hypotheses
        if is_calendar_date(year, cand.month, cand.day)
    )
    main_year = hypotheses[0][0] if hypotheses else None
    ranged = around.range_start is not None or around.range_end is not None
    if ranged:
        later = _later_weight(tok, around, main_year)
    else:
        later = _W_FUTURE_EXPECTED if tok.future_ok else _W_FUTURE
    weighed = _weigh(tok, around, (hypotheses, published, weekday_fits, later), main_year, ranged)
    if not weighed:
        return Decision([], 0.0, "no reading is a calendar date", ())
    best = weighed[0]
    ratio = best.weight / sum(w.weight for w in weighed) if len(weighed) > 1 else 1.0
    if len(weighed) > 1 and (
        (tok.weekday is not None and hypotheses and not weekday_fits)
        or (news and not _recent(weighed, hypotheses, published))
    ):
        # The weekday, or a news item's date long before publication, says the year
        # assumed is wrong: nothing left to choose by.
        ratio = min(ratio, 0.5)
    fit = min(1.0, 0.45 + best.plaus)
    confirmations = (
        _confirmations(tok, around, best, weekday_fits, ranged)
        if weekday_fits or ranged or around.named
        else ()
    )
    factor = max(tok.factor, _F_CONFIRMED) if confirmations else tok.factor
    split = tok.split_factor or factor
    confidence = round(min(factor, split * ratio * fit), 3)
    if ratio < 0.9:
        reason = f"{len(weighed)} readings fit; the context does not decide between them"
    elif fit < 0.9:
        reason = "the reading falls after the publication date"
    else:
        reason = "no word around it introduces a date"
    return Decision(weighed, confidence, reason, confirmations)


def _confirmations(
    tok: DateToken, around: Surroundings, best: Weighed, weekday_fits: bool, ranged: bool
) -> tuple[str, ...]:
    """Evidence that the run is a date at all: the writer checked the calendar (a weekday
    that falls on the reading), named the day (an observance), or wrote the other end of a
    range."""
    found: tuple[str, ...] = ()
    if weekday_fits and best.year is not None and _weekday(best.year, best.cand) == tok.weekday:
        found += (WEEKDAY,)
    if around.named:
        day = _observance_on(best.cand, around.observed, best.year)
        if day is not None:
            found += (day.label,)
        elif len(tok.cands) == 1:
            # A place's day named where the place is not: it still says the sole reading
            # is a day (many provinces test their sirens on 9月18日), not whose day it is.
            day = _observance_on(best.cand, around.named, best.year)
            if day is not None:
                found += (day.name_label,)
    if ranged:
        found += (RANGE,)
    return found


def _recent(
    weighed: list[Weighed],
    hypotheses: list[tuple[int, float, float, str]],
    published: datetime.date | None,
) -> bool:
    """Whether a reading falls within the news horizon before publication (or nothing is
    known to tell)."""
    if published is None or not hypotheses:
        return True
    for w in weighed:
        for year, _, _, _ in hypotheses:
            if w.cand.day is not None and is_calendar_date(year, w.cand.month, w.cand.day):
                lead = (published - datetime.date(year, w.cand.month, w.cand.day)).days
                if 0 <= lead <= _NEWS_HORIZON_DAYS:
                    return True
    return False


def _weigh(
    tok: DateToken,
    around: Surroundings,
    fit_by: tuple[list[tuple[int, float, float, str]], datetime.date | None, bool, float],
    year: int | None,
    ranged: bool,
) -> list[Weighed]:
    """Each reading that is a calendar date with its weight, best first (``fit_by``: the
    arguments of _plausibility after the reading)."""
    if len(tok.cands) == 1:  # no rival: only its fit counts
        cand = tok.cands[0]
        choice, plaus, against, best_year, source = _plausibility(tok, cand, *fit_by)
        return [Weighed(cand, plaus, choice, against, best_year, source)] if plaus > 0.0 else []
    range_weights = (
        _range_weights(tok, year, around.range_start, around.range_end) if ranged else None
    )
    days: list[Observance | None] = []
    named = None
    if around.observed:
        days = [_observance_on(cand, around.observed, year) for cand in tok.cands]
        named = next((day for day in days if day is not None), None)
    prev, nxt = around.prev, around.nxt
    weighed: list[Weighed] = []
    for index, cand in enumerate(tok.cands):
        choice, plaus, against, best_year, source = _plausibility(tok, cand, *fit_by)
        if plaus <= 0.0:
            continue
        weight = choice * cand.pad_w
        if cand.pad_w < 1.0:
            against += (DIGIT_PADDING,)
        if range_weights is not None and range_weights[index] < 1.0:
            weight *= range_weights[index]
            against += (RANGE_ORDER,)
        if named is not None and days[index] is None:
            weight *= _W_OBSERVANCE_MISMATCH
            against += (named.label,)
        # Compared in the year the anchors assume, so that month order decides.
        key: Anchor = (around.key_year, cand.month, cand.day)
        before_prev = prev is not None and compare(key, prev) < 0
        after_next = nxt is not None and compare(key, nxt) > 0
        if before_prev or after_next:
            weight *= around.order_weight
            against += (NARRATIVE_ORDER,)
            if (
                not around.mixed_order
                and prev is not None
                and nxt is not None
                and compare(prev, nxt) <= 0
            ):
                # Both neighbours agree on the order and this reading falls outside them
                # (in a document whose dates go back and forth, neighbours that happen to
                # agree say no more than one).
                weight *= around.order_weight
        weighed.append(Weighed(cand, plaus, weight, against, best_year, source))
    if len(weighed) > 1:
        weighed.sort(key=lambda w: -w.weight)
    return weighed


def direction(anchors: list[Anchor]) -> tuple[bool, float, bool]:
    """Whether the document's dates run forward (narratives) or backward (listings, newest
    first), how much a reading out of that order counts against it (much more when the
    dates keep their order throughout), and whether they go back and forth instead."""
    rising = falling = 0
    for a, b in itertools.pairwise(anchors):
        step = compare(a, b)
        rising += step < 0
        falling += step > 0
    forward = rising >= falling
    kept, moves = max(rising, falling), rising + falling
    known = moves >= _CONSISTENT_MIN_PAIRS
    consistent = known and kept >= _CONSISTENT_SHARE * moves
    return forward, _W_ORDER_CONSISTENT if consistent else _W_ORDER, known and not consistent


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
