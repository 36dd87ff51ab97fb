"""The values the date engine passes around: a run's components, a clean date, the
readings a damaged run allows, and :class:`DateToken`, one date-like run with what the rules
found around it (:mod:`~noticecli.repair.date_rules` fills it, the weighing reads it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from noticecli.edits import TextEdit

Component = tuple[int, int, int, str]  # digits start, digits end, unit offset, unit
SimpleDate = tuple[int | None, int | None, int | None]  # year, month, day (month None: a year)


class Reading(NamedTuple):
    """One calendar date a damaged run can stand for, and how to write it."""

    month: int
    day: int | None
    month_s: str
    day_s: str | None  # None: render the month only (year-month repairs)
    pad_w: float


class DateToken:
    """A date-like run of the text: a clean date, or a damaged one with its candidates.

    A plain slotted class, not a dataclass: with 28 fields the generated __init__ is the
    costliest class definition on the CLI's start-up path."""

    __slots__ = (
        "block",
        "cands",
        "day",
        "deadline",
        "early",
        "end",
        "evidence",
        "explicit_year",
        "factor",
        "future_ok",
        "is_anchor",
        "month",
        "needs_evidence",
        "news",
        "norm_edits",
        "post",
        "pre",
        "range_end_at",
        "range_end_day",
        "range_start_at",
        "relative",
        "rule",
        "span_end",
        "span_start",
        "split_factor",
        "start",
        "weekday",
        "year",
    )

    def __init__(
        self,
        block: int,
        start: int,
        end: int,
        *,
        year: int | None = None,
        month: int | None = None,
        day: int | None = None,
        is_anchor: bool = False,
        cands: Sequence[Reading] | None = None,
        rule: str = "",
    ) -> None:
        self.block = block
        self.start = start
        self.end = end
        self.year = year  # a year written in the run (also glued years)
        self.month = month  # clean dates: month and day
        self.day = day
        self.is_anchor = is_anchor  # a clean date with a month: orders the narrative
        self.norm_edits: list[TextEdit] = []
        # damaged runs
        self.rule = rule
        self.span_start = 0
        self.span_end = 0  # the edit span, also the span an Ambiguity shows
        self.pre = ""
        self.post = ""
        self.cands: Sequence[Reading] = cands if cands is not None else ()
        self.factor = 0.0
        self.future_ok = False
        self.deadline = False  # 请于…前: the date is after publication, and soon
        self.weekday: int | None = None  # weekday written after the date (0 = Monday)
        self.range_end_day: int | None = None  # 至15日 right after: a day in the same month
        self.explicit_year = False
        # Evidence (date_evidence): what marks the run as a date, in the names repairs show.
        self.evidence: tuple[str, ...] = ()
        # The factor weighed with the choice of month and day, when not ``factor`` itself.
        self.split_factor = 0.0
        self.relative: str | None = None  # 今年, 去年 … right before: the word fixes the year
        self.range_start_at = -1  # a range mark before: where the range's start must end
        self.range_end_at = -1  # a range mark after: where the range's end must start
        self.needs_evidence = False  # two digits (51日): a date only if evidence says so
        self.news = False  # a byline or dateline: a news item's date
        self.early = False  # a glued year before 1949: a date only beside one written so

    @property
    def damaged(self) -> bool:
        return bool(self.cands)

    def render(self, cand: Reading) -> str:
        core = cand.month_s + "月" if cand.day_s is None else f"{cand.month_s}月{cand.day_s}"
        return self.pre + core + self.post
