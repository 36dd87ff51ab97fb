"""The repair rules: what a damaged date looks like, and what it can stand for.

Extraction drops characters: ``3月27日`` comes out as ``327日`` (:data:`RULE_MONTH_DAY`),
``2019年9月`` as ``20199月`` (:data:`RULE_YEAR_MONTH`), ``2019年9月12日`` as ``2019912日``
(:data:`RULE_YMD`; when only the 年 is certain, :data:`RULE_YEAR_CERTAIN` restores it alone),
a signature date ``2024年6月30日`` as ``2024年6月30`` (:data:`RULE_DATE_LINE`); full-width
digits and spaces sit inside clean dates (:data:`RULE_FULLWIDTH`, :data:`RULE_SPACE`). A day
written with ``号`` (``3月27号``) is read as a day and kept as printed: ``号`` is how many
notices write the day, not damage, so a clean one is never edited and a damaged one
(``327号``) gets back only what it lost (``3月27号``). :func:`classify` turns one group of
components (digits + unit) into a :class:`DateToken`: a clean date, which orders the
narrative, or a damaged one with every :class:`Reading` its digits allow and the evidence
around it (:mod:`noticecli.repair.date_evidence`), for :mod:`noticecli.repair.date_weighing`
to choose from. :func:`clean_date` and :func:`damaged_rule` are the one statement of which
groups are which.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache

from noticecli.dates import is_calendar_date
from noticecli.edits import TextEdit
from noticecli.numerals import has_fullwidth_digit, to_ascii_digits
from noticecli.repair import date_evidence as evidence
from noticecli.repair.date_context import (
    BLOCK_BEFORE_CHARS,
    NO_FRAME,
    Frame,
    blocked_by_word,
    damaged_factor,
    neighbours,
    split_factor,
    tense,
)
from noticecli.repair.date_token import Component, DateToken, Reading, SimpleDate
from noticecli.repair.observances import named_near

RULE_MONTH_DAY = "date.month_day_missing_yue"
RULE_YEAR_MONTH = "date.year_month_missing_nian"
RULE_YMD = "date.ymd_missing_nian_yue"
RULE_YEAR_CERTAIN = "date.ymd_year_certain"
RULE_DATE_LINE = "date.date_line_missing_ri"
RULE_FULLWIDTH = "date.fullwidth_digits"
RULE_SPACE = "date.space_inside"

_NOISE = re.compile("[０-９ \u3000\u00a0]")  # what a date needs normalized
_SPACES = " \u3000\u00a0"

# Plausible years for a year glued to its month (20199月); outside this it is some number.
MIN_YEAR = 1949
MAX_YEAR = 2100
# Years before 1949 are dates too when 年 is written (1941年65日), or, glued, in a document
# that writes such a year with its 年 (history: 194165日 beside 1938年).
EARLY_YEAR = 1900
# A damaged run of two digits (51日) is a month and a day only when it cannot be a day and
# evidence says it is a date (今年51日, 4月28日-51日, 65日 beside its observance's name).
_MAX_DAY_NUMBER = 31
_F_DATE_LINE = 0.97  # a line that is only a date, its 日 lost

_W_MIXED_PADDING = 0.05  # 1月05日: a padded day after an unpadded month is unusual


def has_noise(text: str, start: int, end: int) -> bool:
    return _NOISE.search(text, start, end) is not None


def read_group(text: str, comps: Sequence[Component]) -> tuple[str, list[str], bool]:
    """A group's units (号 read as 日), its digit runs in ASCII, and whether it holds
    full-width digits or spaces."""
    units = "".join([c[3] for c in comps]).replace("号", "日")
    noisy = has_noise(text, comps[0][0], comps[-1][2] + 1)
    if noisy:
        nums = [to_ascii_digits(text[c[0] : c[1]]) for c in comps]
    else:
        nums = [text[c[0] : c[1]] for c in comps]
    return units, nums, noisy


def clean_date(units: str, nums: list[str]) -> SimpleDate | None:
    """The date a group writes in a clean form (2020年, 2020年5月, 2020年5月6日, 5月6日, 5月),
    or None when it is not one: a year alone counts only as a plausible year."""
    first = len(nums[0])
    if units == "年":
        year = int(nums[0])
        return (year, None, None) if first == 4 and MIN_YEAR <= year <= MAX_YEAR else None
    if units in ("年月", "年月日") and first == 4:
        if len(nums[1]) > 2 or (units == "年月日" and len(nums[2]) > 2):
            return None
        year, month = int(nums[0]), int(nums[1])
        day = int(nums[2]) if units == "年月日" else None
        if is_calendar_date(year, month, day):
            return year, month, day
    elif units in ("月日", "月") and first <= 2:
        month = int(nums[0])
        day = int(nums[1]) if units == "月日" else None
        if (units == "月" or len(nums[1]) <= 2) and is_calendar_date(None, month, day):
            return None, month, day
    return None


def damaged_rule(units: str, nums: list[str]) -> str | None:
    """The rule of the damaged form a group that is not a clean date has, or None."""
    first = len(nums[0])
    if (units == "日" and 3 <= first <= 4) or (
        units == "年日" and first == 4 and len(nums[1]) >= 2
    ):
        return RULE_MONTH_DAY
    if units == "日" and first == 2 and int(nums[0]) > _MAX_DAY_NUMBER:
        return RULE_MONTH_DAY  # 51日: only with evidence (see _damaged_month_day)
    if units in ("月", "月日") and first in (5, 6):
        return RULE_YEAR_MONTH
    if units == "日" and 6 <= first <= 8:
        return RULE_YMD
    return None


# What a group's characters alone say (units, digit runs in ASCII, full-width digits or
# spaces, the clean date, the damaged rule): the same wherever the group stands, so the
# scanner keeps it with the run's shape.
GroupFacts = tuple[str, list[str], bool, "SimpleDate | None", "str | None"]


def group_facts(text: str, comps: Sequence[Component]) -> GroupFacts:
    units, nums, noisy = read_group(text, comps)
    clean = clean_date(units, nums)
    return units, nums, noisy, clean, None if clean is not None else damaged_rule(units, nums)


def classify(
    text: str, block: int, comps: list[Component], facts: GroupFacts | None = None
) -> DateToken | None:
    """Turn one run of components with rising units into a token, or None to ignore it
    (``facts``: the group's :func:`group_facts`, when known)."""
    start, end = comps[0][0], comps[-1][2] + 1
    units, nums, noisy, clean, rule = facts or group_facts(text, comps)
    if clean is not None:
        year, month, day = clean
        if month is None:
            return DateToken(block, start, end, year=year)
        tok = DateToken(block, start, end, year=year, month=month, day=day, is_anchor=True)
        if year is None and start and text[start - 1] in evidence.RELATIVE_YEAR_ENDS:
            # 今年6月4日 orders the narrative in the year the word fixes.
            tok.relative = evidence.relative_year_before(text, start)
        if len(comps) >= 2 and noisy:
            _add_norm_edits(text, tok, comps)
        return tok

    if rule is None:
        if not (units == "日" and len(nums[0]) == 2 and evidence.relative_year_before(text, start)):
            return None
        rule = RULE_MONTH_DAY  # 今年51日, 明年31日: after such a word not a day of the month
    # What stands right around the run: evidence names, whether a list number before it
    # opens a clause, and the end of a clock time right after it (-1: none).
    found: list[str] = []
    boundary = False
    clock_end = -1
    if end < len(text):
        after = text[end]
        if after in evidence.CLOCK_STARTS:
            clock_end = evidence.clock_after(text, end)
        if clock_end >= 0:
            found.append(evidence.TIME_AFTER)
        elif after.isascii() and after.isalnum():
            # A digit or letter glued after the run makes it part of something else,
            # unless it starts a clock time (915日14:30).
            return None
    if blocked_by_word(text, start):
        return None
    if start and text[start - 1] in BLOCK_BEFORE_CHARS:
        # A list number (1.) before a run that opens with its year, or a dash after a date
        # or a time (4月28日-51日, 11:00—814日), frees it; a decimal or an identifier not.
        year_first = rule != RULE_MONTH_DAY or len(comps) == 2
        if year_first and evidence.list_marker_before(text, start):
            found.append(evidence.LIST_MARKER)
            boundary = True
        elif not evidence.is_range_mark_before(text, start):
            return None
    if rule == RULE_MONTH_DAY:
        damaged = _damaged_month_day(text, block, comps, nums, noisy)
    elif rule == RULE_YEAR_MONTH:
        damaged = _damaged_year_month(text, block, comps, nums, noisy)
    else:
        damaged = _damaged_ymd(text, block, comps, nums, noisy)
    if damaged is None:
        return None
    return _damage_common(text, damaged, comps, (found, boundary, clock_end))


# What stands right around a damaged run: evidence names, whether it opens a clause (a list
# number before it), and the end of a clock time right after it (-1: none).
_Around = tuple[list[str], bool, int]


def classify_date_line(
    text: str, block: int, comps: list[Component], day_span: tuple[int, int]
) -> DateToken | None:
    """A year and month (2024年6月, 20246月) followed by the day that closes its line, the
    日 lost: a token with the one reading, or None when the digits make no date."""
    units, nums, _noisy = read_group(text, comps)
    if units == "年月" and len(nums[0]) == 4 and len(nums[1]) <= 2:
        year, month_s, glued = int(nums[0]), nums[1], False
    elif units == "月" and len(nums[0]) in (5, 6):
        year, month_s, glued = int(nums[0][:4]), nums[0][4:], True
    else:
        return None
    day_s = to_ascii_digits(text[day_span[0] : day_span[1]])
    if not (MIN_YEAR <= year <= MAX_YEAR and month_s.strip("0") and day_s.strip("0")):
        return None
    month, day = int(month_s), int(day_s)
    if not is_calendar_date(year, month, day):
        return None
    start = comps[0][0]
    tok = DateToken(block, start, day_span[1], rule=RULE_DATE_LINE)
    tok.year, tok.explicit_year = year, True
    tok.cands = (Reading(month, day, month_s, day_s, 1.0),)
    tok.pre = f"{year}年"
    tok.post = "日"
    tok.span_start, tok.span_end = start, day_span[1]
    factor = damaged_factor(
        text, start, comps[-1][2] + 1, last_unit="月", year_written=not glued, glued_year=glued
    )
    if factor is None:
        return None
    tok.factor = max(factor, _F_DATE_LINE)
    tok.evidence = (evidence.DATE_LINE,)
    return tok


def _add_norm_edits(text: str, tok: DateToken, comps: list[Component]) -> None:
    """Full-width digits and spaces inside a clean date: one edit per digit run / space."""
    for d_start, d_end, unit_at, _unit in comps:
        digits = text[d_start:d_end]
        if has_fullwidth_digit(digits):
            tok.norm_edits.append(
                TextEdit(
                    d_start,
                    d_end,
                    digits,
                    to_ascii_digits(digits),
                    RULE_FULLWIDTH,
                    1.0,
                    evidence=("fullwidth_digits",),
                )
            )
        if unit_at > d_end:  # 2020 年
            gap = text[d_end:unit_at]
            tok.norm_edits.append(
                TextEdit(d_end, unit_at, gap, "", RULE_SPACE, 1.0, evidence=("space_inside",))
            )
    for (_, _, unit_at, _), (next_start, _, _, _) in itertools.pairwise(comps):
        if next_start > unit_at + 1:  # 2020年 5月
            gap = text[unit_at + 1 : next_start]
            tok.norm_edits.append(
                TextEdit(
                    unit_at + 1, next_start, gap, "", RULE_SPACE, 1.0, evidence=("space_inside",)
                )
            )
    tok.norm_edits.sort(key=lambda e: e.start)


def _damage_common(
    text: str,
    tok: DateToken,
    comps: list[Component],
    around: _Around,
) -> DateToken | None:
    """Context checks shared by every damaged form; fills the factor and the edit span."""
    start, end = tok.start, tok.end
    found, boundary, clock_end = around
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    strong = tok.relative is not None
    if strong:
        found.append(evidence.RELATIVE_YEAR)
    elif before in evidence.BYLINE_CLOSE and evidence.byline_before(text, start):
        found.append(evidence.BYLINE)
        tok.news = boundary = True
    dated = after in evidence.DATELINE_STARTS and comps[-1][3] == "日"
    if dated and evidence.dateline_after(text, end):
        found.append(evidence.DATELINE)
        tok.news = strong = True
    frame = Frame(strong, boundary, clock_end >= 0) if found else NO_FRAME
    year_written = tok.rule == RULE_MONTH_DAY and tok.explicit_year  # 2019年327日
    factor = damaged_factor(
        text,
        start,
        end,
        last_unit=comps[-1][3],
        year_written=year_written,
        glued_year=tok.rule != RULE_MONTH_DAY,
        frame=frame,
    )
    if factor is None:
        return None
    tok.factor = factor
    # The choice of month and day in a run whose year is written is weighed the same
    # before and after its 年 is restored (RULE_YEAR_CERTAIN), so repair stays idempotent.
    if tok.rule == RULE_YMD or year_written:
        tok.split_factor = split_factor(comps[-1][3])
    tok.deadline, tok.future_ok = tense(text, start, end)
    tok.weekday, tok.range_end_day = neighbours(text, end)
    if before in evidence.RANGE_BEFORE_CHARS:
        tok.range_start_at = evidence.range_start_end(text, start)
    if (text[clock_end] if 0 <= clock_end < len(text) else after) in evidence.RANGE_AFTER_CHARS:
        tok.range_end_at = evidence.range_end_start(text, end, clock_end)
    if tok.range_start_at >= 0 or tok.range_end_at >= 0:
        tok.future_ok = True  # a period: its dates are announced as often as reported
    if found:
        tok.evidence = tuple(found)
    return tok


def _damaged_month_day(
    text: str,
    block: int,
    comps: list[Component],
    nums: list[str],
    noisy: bool,
) -> DateToken | None:
    digits = nums[-1]
    cands = _month_day_splits(digits)
    if not cands:
        return None
    tok = DateToken(block, comps[0][0], comps[-1][2] + 1, cands=cands, rule=RULE_MONTH_DAY)
    if len(comps) == 2:
        tok.year = int(nums[0])
        tok.explicit_year = True
        if not EARLY_YEAR <= tok.year <= MAX_YEAR:
            return None
    else:
        start = tok.start
        if start and text[start - 1] in evidence.RELATIVE_YEAR_ENDS:
            tok.relative = evidence.relative_year_before(text, start)
        if len(digits) == 2 and tok.relative is None:
            # 51日 is a date only beside a range's other end or its observance's name:
            # without a range mark or a name near, not worth a closer look.
            if comps[-1][3] == "号" or not (
                (start and text[start - 1] in evidence.RANGE_BEFORE_CHARS)
                or named_near(text, start, tok.end)
            ):
                return None
            tok.needs_evidence = True
    whole = noisy
    tok.span_start = tok.start if whole else comps[-1][0]
    tok.pre = f"{tok.year}年" if whole and tok.year is not None else ""
    _set_tail(tok, comps)
    return tok


def _set_tail(tok: DateToken, comps: list[Component]) -> None:
    """The edit runs to the end of the run and closes with its day unit as printed: 日, or
    号 (327号 → 3月27号; 号 is how the day was written, not what was lost)."""
    tok.span_end = tok.end
    tok.post = comps[-1][3]


def _damaged_year_month(
    text: str,
    block: int,
    comps: list[Component],
    nums: list[str],
    noisy: bool,
) -> DateToken | None:
    year, early = _plausible_year(nums[0])
    month_s = nums[0][4:]
    if year is None or not month_s.strip("0"):
        return None
    month = int(month_s)
    day = None
    if len(comps) == 2:
        if len(nums[1]) > 2:
            return None
        day = int(nums[1])
    if not is_calendar_date(year, month, day):
        return None
    tok = DateToken(block, comps[0][0], comps[-1][2] + 1, rule=RULE_YEAR_MONTH)
    tok.year, tok.explicit_year, tok.early = year, True, early
    tok.cands = (Reading(month, day, month_s, None, 1.0),)
    tok.pre = f"{year}年"
    tok.span_start = tok.start
    if noisy:
        # Rewritten whole, so that no full-width digit or space is left for a second run.
        tok.post = normalized(text, comps[1][0], tok.end) if len(comps) == 2 else ""
        tok.span_end = tok.end
    else:
        tok.span_end = comps[0][2] + 1  # 20193月27号: only the year and month are edited
    return tok


def _damaged_ymd(
    text: str,
    block: int,
    comps: list[Component],
    nums: list[str],
    noisy: bool,
) -> DateToken | None:
    year, early = _plausible_year(nums[0])
    if year is None:
        return None
    cands = _month_day_splits(nums[0][4:])
    if not cands:
        return None
    tok = DateToken(block, comps[0][0], comps[-1][2] + 1, cands=cands, rule=RULE_YMD)
    tok.year, tok.explicit_year, tok.early = year, True, early
    tok.pre = f"{year}年"
    tok.span_start = tok.start
    _set_tail(tok, comps)
    return tok


@cache
def _month_day_splits(digits: str) -> tuple[Reading, ...]:
    """Every way to read a digit run as month + day (327 → 3|27; 112 → 1|12 and 11|2)."""
    out: list[Reading] = []
    for cut in (1, 2):
        month_s, day_s = digits[:cut], digits[cut:]
        if not 1 <= len(day_s) <= 2:
            continue
        month, day = int(month_s), int(day_s)
        if not is_calendar_date(None, month, day):
            continue
        mixed = (len(month_s) == 1 and day_s[0] == "0") or (month_s[0] == "0" and len(day_s) == 1)
        out.append(Reading(month, day, month_s, day_s, _W_MIXED_PADDING if mixed else 1.0))
    return tuple(out)


def _plausible_year(digits: str) -> tuple[int | None, bool]:
    """The year glued to the front of ``digits``, or None; and whether it is an early one
    (before 1949), which counts only in a document that writes such a year (dates.py)."""
    year = int(digits[:4])
    if MIN_YEAR <= year <= MAX_YEAR:
        return year, False
    return (year, True) if EARLY_YEAR <= year < MIN_YEAR else (None, False)


def normalized(text: str, start: int, end: int) -> str:
    """text[start:end] with ASCII digits and without inner spaces."""
    out = to_ascii_digits(text[start:end])
    return "".join(ch for ch in out if ch not in _SPACES)
