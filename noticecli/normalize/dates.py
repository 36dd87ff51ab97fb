"""Repair of dates that naive text extraction damaged, and parsing of header date values.

Extraction drops characters: ``3月27日`` comes out as ``327日``, ``2019年9月`` as ``20199月``,
``2019年9月12日`` as ``2019912日``. :func:`repair_dates` finds such runs, proposes the calendar
dates they can stand for, weighs them against the document's context (publication date,
years written nearby, the dates before and after) and returns an edit only when one reading
is clearly right; otherwise it reports an :class:`Ambiguity` and leaves the text alone.
Every edit holds original offsets, so :func:`revert_edits` restores the text exactly.

One precompiled regex finds every 年/月/日/号 that follows a digit in a single pass; the
rest of the text is never looked at again, which is what keeps this fast.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import NamedTuple

from noticecli.normalize.numerals import (
    CN_NUMERAL_CHARS,
    cn_small_int,
    cn_year,
    has_fullwidth_digit,
    to_ascii_digits,
)

__all__ = [
    "Ambiguity",
    "DateContext",
    "ParsedDate",
    "TextEdit",
    "apply_edits",
    "parse_date",
    "repair_dates",
    "revert_edits",
]

RULE_MONTH_DAY = "date.month_day_missing_yue"
RULE_YEAR_MONTH = "date.year_month_missing_nian"
RULE_YMD = "date.ymd_missing_nian_yue"
RULE_HAO = "date.hao_for_ri"
RULE_FULLWIDTH = "date.fullwidth_digits"
RULE_SPACE = "date.space_inside"


class DateContext(NamedTuple):
    """What is known about the document as a whole."""

    published: datetime.date | None = None  # the document's publication date, if known


_NO_CONTEXT = DateContext()


class TextEdit(NamedTuple):
    """One change to a text; offsets are into the ORIGINAL text."""

    start: int
    end: int
    before: str  # original[start:end]
    after: str
    rule: str
    confidence: float
    alternatives: tuple[str, ...] = ()  # other candidate replacements considered


class Ambiguity(NamedTuple):
    """A damaged-looking span left unchanged because no reading was clearly right."""

    start: int
    end: int
    text: str
    candidates: tuple[str, ...]
    rule: str
    reason: str


class ParsedDate(NamedTuple):
    iso: str  # "2020-05-06", or "2020-05-06T09:33:00+08:00" when a time is known
    has_time: bool


# --------------------------------------------------------------------------- scanning

_DIGITS = frozenset("0123456789０１２３４５６７８９")
_SPACE_SET = frozenset(" \u3000\u00a0")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# The scan anchors on a unit right after a digit or a space: units are rarer than digits in
# these pages and a pattern that starts with a plain character class keeps the regex
# engine's fast first-character search (a leading lookbehind or a digit run costs 5x);
# the digits are then read backwards.
# (The lookbehind's second character is the unit just matched: "." stands for it, which
# spares compiling a second CJK character class at every start.)
_UNIT_AFTER_DIGIT = re.compile("[年月日号](?<=[0-9０-９ \u3000\u00a0].)")

_NOISE = re.compile("[０-９ \u3000\u00a0]")  # what a date needs normalized
_RANK = {"年": 0, "月": 1, "日": 2, "号": 2}
_MAX_DAY = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_SPACES = " \u3000\u00a0"

# Plausible years for a year glued to its month (20199月); outside this it is some number.
_MIN_YEAR = 1949
_MAX_YEAR = 2100

# A character right before the run that makes it part of something else: identifiers,
# versions, ranges written with a dash (the 10 of 1-10月 is clean anyway), document numbers.
_BLOCK_BEFORE_CHARS = frozenset("-/._·+%@#~&=\\|－／．＿〔〕[]【】")
# Words before a number + 日 that make it a count or duration (历时327日, 第327日, 共327日).
_COUNT_BEFORE = (
    "第",
    "共",
    "计",
    "约",
    "达",
    "需",
    "满",
    "近",
    "逾",
    "超",
    "历时",
    "耗时",
    "用时",
    "持续",
    "为期",
    "长达",
    "每",
    "均",
    "余",
    "仅",
    "只",
    "再",
    "号",
    "延至",
    "延长至",
    "延长到",
    "缩短至",
    "缩短到",
    "减少至",
    "增加至",
    "增至",
    "减至",
    "降至",
    "升至",
    "提高到",
    "提高至",
    "No",
    "NO",
    "no",
)
# Words that introduce a date (于3月27日, 截至3月27日, 日期：…).
_STRONG_BEFORE = (
    "于",
    "在",
    "至",
    "到",
    "自",
    "从",
    "截至",
    "截止",
    "日期",
    "时间",
    "定于",
    "直至",
)
# Sentence or clause boundaries: a date often opens a sentence (。3月27日，…).
_BOUNDARY_CHARS = frozenset(" \u3000\u00a0\t\r\n。；;！!？?，,、：:（(「『“\"'《〈—…")
# What may follow 日 in a count or a word that starts with 日 (日元, 日本, 日报, 日内).
_BLOCK_AFTER_RI = (
    "内",
    "以来",
    "以内",
    "之内",
    "以上",
    "以下",
    "左右",
    "之久",
    "有余",
    "多",
    "余",
    "整",
    "元",
    "本",
    "报",
    "志",
    "常",
    "程",
    "期",
    "均",
    "益",
    "趋",
    "夜",
    "军",
    "照",
    "间",
    "历",
    "记",
    "语",
    "文",
    "韩",
    "式",
    "籍",
    "产",
    "资",
    "企",
    "晒",
)
# Words that start with 月 (月薪, 月报, 月均) after a glued year-month.
_BLOCK_AFTER_YUE = tuple("薪饼租均报度票亮球供刊息利光")
# What follows 号 when it numbers a thing rather than a day (327号文, 12号楼).
_BLOCK_AFTER_HAO = tuple(
    "文楼院令线码门房室馆桥路街巷公档井车窗柜台床位店厂仓舱球字件机口地田站场组卷册栋单元排座"
)
_BLOCK_BEFORE_HAO_CHARS = frozenset("（()）")
# What typically follows a date: punctuation, a time of day, the start of an action.
_GOOD_AFTER = (
    "，",
    ",",
    "、",
    "。",
    "；",
    ";",
    "：",
    " ",
    "\u3000",
    "上午",
    "下午",
    "晚",
    "凌晨",
    "中午",
    "早",
    "起",
    "至",
    "到",
    "召开",
    "举行",
    "开始",
    "前",
    "以前",
    "之前",
    "当天",
    "）",
    ")",
    "—",
    "-",
    "～",
    "~",
    "\n",
)
# Words that announce a future date (请于…前报送, 拟于…召开), so a reading after the
# publication date is expected rather than suspicious. Looked for in the same sentence only.
_FUTURE_BEFORE = ("将", "拟", "请", "须", "应", "需", "计划", "预计", "定于", "截至", "截止")
_FUTURE_AFTER = ("前", "之前", "以前", "止", "截止", "起施行", "起执行", "起实施")
# 应/需 also open words that say nothing about time (应急管理局, 需求).
_NOT_FUTURE = ("应急", "应用", "应对", "需求")
_RANGE_BEFORE_CHARS = frozenset("至到—～~-")
_SENTENCE_END_CHARS = frozenset("。；;！!？?\n")
_CUE_WINDOW = 12  # characters before a date searched for a cue, within its sentence
# An instruction (请各单位于…前报送, 须于…前完成) sets a deadline: one already past when the
# notice was issued is not what it asks for, and notices give weeks, not most of a year.
_INSTRUCTION_BEFORE = ("请", "须", "务必", "应")
_DEADLINE_AFTER = ("前", "之前", "以前")
_DEADLINE_HORIZON_DAYS = 183
# 截至…，…已… (as of the date, something has been done) states a fact, so the date has
# been reached: on or before publication. Looked for in the rest of the sentence.
_AS_OF_BEFORE = ("截至", "截止")
_AS_OF_AFTER = ("已", "累计")
_AS_OF_WINDOW = 30
# A weekday written right after the date (3月27日（星期三）, 3月27日 周三): the writer
# checked the calendar, so it tells the month and day apart for a known year.
# Compiled on first use, after a test of the few characters they can start with.
_WEEKDAY_AFTER = "[ \u3000]?[（(]?(?:星期|礼拜|周)([一二三四五六日天])"
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# The end of a range in the same month (3月12日至15日): the start's day comes before it.
_RANGE_END_DAY = "(?:至|到|—|～|~|-)([0-9]{1,2})[日号](?![0-9])"
_RANGE_END_STARTS = frozenset("至到—～~-")


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


# Weights: how strongly the context speaks for a date (multiplied into the confidence).
_F_STRONG = 0.99
_F_BOUNDARY = 0.88
_F_GOOD_AFTER = 0.09
_F_OTHER = 0.7
_F_GLUED_YEAR = 0.97  # a plausible year glued to 月/日 is rarely anything but a date
_F_GLUED_YEAR_OTHER = 0.93
_F_YEAR_IN_GROUP = 0.98  # 2019年327日: the 年 itself introduces the date
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
_W_MIXED_PADDING = 0.05  # 1月05日: a padded day after an unpadded month is unusual


class _Cand(NamedTuple):
    month: int
    day: int | None
    month_s: str
    day_s: str | None  # None: render the month only (year-month repairs)
    pad_w: float


class _Token:
    """A date-like run of the text: a clean date, or a damaged one with its candidates.

    A plain slotted class, not a dataclass: with 23 fields the generated __init__ is the
    costliest class definition on the CLI's start-up path."""

    __slots__ = (
        "block",
        "cands",
        "day",
        "deadline",
        "end",
        "explicit_year",
        "factor",
        "future_ok",
        "hao_at",
        "hao_conf",
        "is_anchor",
        "month",
        "norm_edits",
        "post",
        "pre",
        "range_end_day",
        "report_end",
        "rule",
        "span_end",
        "span_start",
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
        cands: list[_Cand] | None = None,
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
        self.hao_at = -1  # offset of a 号 that stands for 日
        self.hao_conf = 0.0
        # damaged runs
        self.rule = rule
        self.span_start = 0
        self.span_end = 0  # the edit span (excludes a 号 that gets its own edit)
        self.report_end = 0  # the span shown in an Ambiguity (includes the 号)
        self.pre = ""
        self.post = ""
        self.cands: list[_Cand] = cands if cands is not None else []
        self.factor = 0.0
        self.future_ok = False
        self.deadline = False  # 请于…前: the date is after publication, and soon
        self.weekday: int | None = None  # weekday written after the date (0 = Monday)
        self.range_end_day: int | None = None  # 至15日 right after: a day in the same month
        self.explicit_year = False

    @property
    def damaged(self) -> bool:
        return bool(self.cands)

    def render(self, cand: _Cand) -> str:
        core = cand.month_s + "月" if cand.day_s is None else f"{cand.month_s}月{cand.day_s}"
        return self.pre + core + self.post


def _endswith_any(text: str, end: int, words: tuple[str, ...]) -> bool:
    window = text[max(0, end - 4) : end]
    return window.endswith(words)


def _startswith_any(text: str, start: int, words: tuple[str, ...]) -> bool:
    return text.startswith(words, start)


def _blocked_before(text: str, start: int) -> bool:
    if start and text[start - 1] in _BLOCK_BEFORE_CHARS:
        return True
    return _endswith_any(text, start, _COUNT_BEFORE)


def _context_factor(text: str, start: int, end: int) -> float:
    """How strongly the words around text[start:end] say it is a date (0 = never)."""
    if _endswith_any(text, start, _STRONG_BEFORE):
        return _F_STRONG
    good_after = end >= len(text) or _startswith_any(text, end, _GOOD_AFTER)
    if start == 0 or text[start - 1] in _BOUNDARY_CHARS:
        return _F_BOUNDARY + (_F_GOOD_AFTER if good_after else 0.0)
    return _F_OTHER + (0.1 if good_after else 0.0)


def _sentence_before(text: str, start: int) -> str:
    """Up to _CUE_WINDOW characters before ``start``, cut at the last sentence end."""
    window = text[max(0, start - _CUE_WINDOW) : start]
    for at in range(len(window) - 1, -1, -1):
        if window[at] in _SENTENCE_END_CHARS:
            return window[at + 1 :]
    return window


def _has_cue(window: str, words: tuple[str, ...]) -> bool:
    for word in words:
        at = window.find(word)
        while at >= 0:
            if not window.startswith(_NOT_FUTURE, at):
                return True
            at = window.find(word, at + 1)
    return False


def _as_of(text: str, start: int, end: int) -> bool:
    """截至3月27日，全市已…: the clause after the date reports something done by then."""
    if not _endswith_any(text, start, _AS_OF_BEFORE):
        return False
    rest = text[end : end + _AS_OF_WINDOW]
    for at, ch in enumerate(rest):
        if ch in _SENTENCE_END_CHARS:
            rest = rest[:at]
            break
    return any(word in rest for word in _AS_OF_AFTER)


def _set_tense(text: str, tok: _Token, start: int, end: int) -> None:
    """Whether a reading after publication is expected, and whether the date is a deadline."""
    if _as_of(text, start, end):
        return  # neither: the date has passed
    window = _sentence_before(text, start)
    tok.deadline = _has_cue(window, _INSTRUCTION_BEFORE) and _startswith_any(
        text, end, _DEADLINE_AFTER
    )
    tok.future_ok = (
        tok.deadline
        or (start > 0 and text[start - 1] in _RANGE_BEFORE_CHARS)
        or _has_cue(window, _FUTURE_BEFORE)
        or _startswith_any(text, end, _FUTURE_AFTER)
    )


def _set_neighbours(text: str, tok: _Token, end: int) -> None:
    """A weekday or the end of a same-month range written right after the date."""
    after = text[end : end + 5]  # at most: space, bracket, 星期, the day
    if "星期" in after or "礼拜" in after or "周" in after:
        match = _pattern(_WEEKDAY_AFTER).match(text, end)
        if match is not None:
            tok.weekday = _WEEKDAY[match.group(1)]
            return
    if after[:1] not in _RANGE_END_STARTS:
        return
    match = _pattern(_RANGE_END_DAY).match(text, end)
    if match is not None and not _startswith_any(text, match.end(), _BLOCK_AFTER_RI):
        tok.range_end_day = int(match.group(1))  # not 至15日内: that is a duration


def _is_leap(year: int) -> bool:
    # calendar.isleap, without importing calendar on every start-up for one line.
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    if not 1 <= day <= _MAX_DAY[month]:
        return False
    return not (month == 2 and day == 29 and year is not None and not _is_leap(year))


def _month_day_splits(digits: str) -> list[_Cand]:
    """Every way to read a digit run as month + day (327 → 3|27; 112 → 1|12 and 11|2)."""
    out: list[_Cand] = []
    for cut in (1, 2):
        month_s, day_s = digits[:cut], digits[cut:]
        if not 1 <= len(day_s) <= 2:
            continue
        month, day = int(month_s), int(day_s)
        if not _valid(None, month, day):
            continue
        mixed = (len(month_s) == 1 and day_s[0] == "0") or (month_s[0] == "0" and len(day_s) == 1)
        out.append(_Cand(month, day, month_s, day_s, _W_MIXED_PADDING if mixed else 1.0))
    return out


def _plausible_year(digits: str) -> int | None:
    year = int(digits[:4])
    return year if _MIN_YEAR <= year <= _MAX_YEAR else None


def _normalized(text: str, start: int, end: int, hao_to_ri: bool) -> str:
    """text[start:end] with ASCII digits and without inner spaces (号 → 日 if asked)."""
    out = to_ascii_digits(text[start:end])
    out = "".join(ch for ch in out if ch not in _SPACES)
    return out.replace("号", "日") if hao_to_ri else out


def _hao_confidence(text: str, group_start: int, end: int, has_year: bool) -> float:
    """Confidence that a 号 closing a clean M月D号 is the colloquial 日 (0 = it is not)."""
    if _startswith_any(text, end, _BLOCK_AFTER_HAO) or (
        end < len(text) and (text[end].isascii() and text[end].isalnum())
    ):
        return 0.0
    if group_start and text[group_start - 1] in _BLOCK_BEFORE_HAO_CHARS:
        return 0.0
    if _blocked_before(text, group_start):
        return 0.0
    if has_year:
        return 0.99
    if _endswith_any(text, group_start, _STRONG_BEFORE):
        return 0.97
    good_after = end >= len(text) or _startswith_any(text, end, _GOOD_AFTER)
    if group_start == 0 or text[group_start - 1] in _BOUNDARY_CHARS:
        return 0.95 if good_after else 0.9
    return 0.92 if good_after else 0.85


_Comp = tuple[int, int, int, str]  # digits start, digits end, unit offset, unit


def _classify(text: str, block: int, comps: list[_Comp]) -> _Token | None:
    """Turn one run of components with rising units into a token, or None to ignore it."""
    start, end = comps[0][0], comps[-1][2] + 1
    units = "".join(c[3] for c in comps).replace("号", "日")
    noisy = _NOISE.search(text, start, end) is not None
    if noisy:
        nums = [to_ascii_digits(text[c[0] : c[1]]) for c in comps]
    else:
        nums = [text[c[0] : c[1]] for c in comps]
    last_is_hao = comps[-1][3] == "号"
    after_end_ascii = end < len(text) and text[end].isascii() and text[end].isalnum()

    # Clean forms: 2020年, 2020年5月, 2020年5月6日, 5月6日, 5月.
    lens = [len(n) for n in nums]
    clean = False
    year = month = day = None
    if units in ("年", "年月", "年月日") and lens[0] == 4:
        year = int(nums[0])
        if units == "年":
            return _Token(block, start, end, year=year if _MIN_YEAR <= year <= _MAX_YEAR else None)
        month = int(nums[1])
        day = int(nums[2]) if units == "年月日" else None
        clean = all(x <= 2 for x in lens[1:]) and _valid(year, month, day)
    elif units in ("月日", "月") and lens[0] <= 2:
        month = int(nums[0])
        day = int(nums[1]) if units == "月日" else None
        clean = (units == "月" or lens[1] <= 2) and _valid(None, month, day)
    if clean:
        tok = _Token(block, start, end, year=year, month=month, day=day, is_anchor=True)
        if len(comps) >= 2 and noisy:
            _add_norm_edits(text, tok, comps)
        if last_is_hao and day is not None:
            tok.hao_at = comps[-1][2]
            tok.hao_conf = _hao_confidence(text, start, end, year is not None)
        return tok

    # Damaged forms.
    if after_end_ascii or _blocked_before(text, start):
        return None
    if (units == "日" and 3 <= lens[0] <= 4) or (units == "年日" and lens[0] == 4 and lens[1] >= 2):
        return _damaged_month_day(text, block, comps, nums, last_is_hao)
    if units in ("月", "月日") and lens[0] in (5, 6):
        return _damaged_year_month(text, block, comps, nums, last_is_hao)
    if units == "日" and 6 <= lens[0] <= 8:
        return _damaged_ymd(text, block, comps, nums, last_is_hao)
    return None


def _add_norm_edits(text: str, tok: _Token, comps: list[_Comp]) -> None:
    """Full-width digits and spaces inside a clean date: one edit per digit run / space."""
    for d_start, d_end, unit_at, _unit in comps:
        digits = text[d_start:d_end]
        if has_fullwidth_digit(digits):
            tok.norm_edits.append(
                TextEdit(d_start, d_end, digits, to_ascii_digits(digits), RULE_FULLWIDTH, 1.0)
            )
        if unit_at > d_end:  # 2020 年
            gap = text[d_end:unit_at]
            tok.norm_edits.append(TextEdit(d_end, unit_at, gap, "", RULE_SPACE, 1.0))
    for (_, _, unit_at, _), (next_start, _, _, _) in itertools.pairwise(comps):
        if next_start > unit_at + 1:  # 2020年 5月
            gap = text[unit_at + 1 : next_start]
            tok.norm_edits.append(TextEdit(unit_at + 1, next_start, gap, "", RULE_SPACE, 1.0))
    tok.norm_edits.sort(key=lambda e: e.start)


def _has_noise(text: str, start: int, end: int) -> bool:
    return _NOISE.search(text, start, end) is not None


def _damage_common(
    text: str, tok: _Token, comps: list[_Comp], last_is_hao: bool, glued_year: bool
) -> _Token | None:
    """Context checks shared by every damaged form; fills the factor and the edit span."""
    end = tok.end
    if last_is_hao:
        if _startswith_any(text, end, _BLOCK_AFTER_HAO) or (
            tok.start and text[tok.start - 1] in _BLOCK_BEFORE_HAO_CHARS
        ):
            return None
        # A bare number + 号 is a document or house number unless a word introduces a date.
        year_written = tok.rule == RULE_MONTH_DAY and tok.explicit_year  # 2019年327号
        if not (year_written or _endswith_any(text, tok.start, _STRONG_BEFORE)):
            return None
    elif _startswith_any(text, end, _BLOCK_AFTER_RI if comps[-1][3] == "日" else _BLOCK_AFTER_YUE):
        return None
    if glued_year:
        factor = _context_factor(text, tok.start, end)
        tok.factor = _F_GLUED_YEAR if factor >= _F_BOUNDARY else _F_GLUED_YEAR_OTHER
        if factor >= _F_STRONG:
            tok.factor = _F_STRONG
    elif tok.explicit_year:
        tok.factor = _F_YEAR_IN_GROUP
    else:
        tok.factor = _context_factor(text, tok.start, end)
    if last_is_hao:
        tok.factor = min(tok.factor, 0.95)
        tok.hao_at = comps[-1][2]
    _set_tense(text, tok, tok.start, end)
    _set_neighbours(text, tok, end)
    return tok


def _damaged_month_day(
    text: str, block: int, comps: list[_Comp], nums: list[str], last_is_hao: bool
) -> _Token | None:
    digits = nums[-1]
    cands = _month_day_splits(digits)
    if not cands:
        return None
    tok = _Token(block, comps[0][0], comps[-1][2] + 1, cands=cands, rule=RULE_MONTH_DAY)
    if len(comps) == 2:
        tok.year = int(nums[0])
        tok.explicit_year = True
        if not _MIN_YEAR <= tok.year <= _MAX_YEAR:
            return None
    target = comps[-1]
    whole = _has_noise(text, tok.start, tok.end)
    tok.span_start = tok.start if whole else target[0]
    tok.pre = f"{tok.year}年" if whole and tok.year is not None else ""
    _set_tail(tok, whole, last_is_hao)
    return _damage_common(text, tok, comps, last_is_hao, glued_year=False)


def _set_tail(tok: _Token, whole: bool, last_is_hao: bool) -> None:
    """Edit span end and suffix: a 号 keeps its own edit unless the run is rewritten whole."""
    tok.report_end = tok.end
    if last_is_hao and not whole:
        tok.span_end = tok.end - 1
        tok.post = ""
    else:
        tok.span_end = tok.end
        tok.post = "日"


def _damaged_year_month(
    text: str, block: int, comps: list[_Comp], nums: list[str], last_is_hao: bool
) -> _Token | None:
    year = _plausible_year(nums[0])
    month_s = nums[0][4:]
    if year is None or not month_s.strip("0"):
        return None
    month = int(month_s)
    day = None
    if len(comps) == 2:
        if len(nums[1]) > 2:
            return None
        day = int(nums[1])
    if not _valid(year, month, day):
        return None
    tok = _Token(block, comps[0][0], comps[-1][2] + 1, rule=RULE_YEAR_MONTH)
    tok.year, tok.explicit_year = year, True
    tok.cands = [_Cand(month, day, month_s, None, 1.0)]
    tok.pre = f"{year}年"
    tok.span_start = tok.start
    if _has_noise(text, tok.start, tok.end):
        # Rewritten whole, so that no full-width digit or space is left for a second run.
        tok.post = _normalized(text, comps[1][0], tok.end, True) if len(comps) == 2 else ""
        tok.span_end = tok.report_end = tok.end
    else:
        tok.span_end = comps[0][2] + 1
        # 20193月27号: the 号 gets its own edit after the year-month one.
        tok.report_end = tok.end if last_is_hao else tok.span_end
    return _damage_common(text, tok, comps, last_is_hao, glued_year=True)


def _damaged_ymd(
    text: str, block: int, comps: list[_Comp], nums: list[str], last_is_hao: bool
) -> _Token | None:
    year = _plausible_year(nums[0])
    if year is None:
        return None
    cands = _month_day_splits(nums[0][4:])
    if not cands:
        return None
    tok = _Token(block, comps[0][0], comps[-1][2] + 1, cands=cands, rule=RULE_YMD)
    tok.year, tok.explicit_year = year, True
    tok.pre = f"{year}年"
    whole = _has_noise(text, tok.start, tok.end)
    tok.span_start = tok.start
    _set_tail(tok, whole, last_is_hao)
    return _damage_common(text, tok, comps, last_is_hao, glued_year=True)


_RUN_TAIL = re.compile("(?:[ \u3000\u00a0]?[0-9０-９]+[ \u3000\u00a0]?[年月日号])*")
_COMP_PARTS = re.compile("([0-9０-９]+)[ \u3000\u00a0]?([年月日号])")


def _runs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of runs of adjacent components (digits + unit; one space allowed inside or
    between), found from their first unit."""
    search = _UNIT_AFTER_DIGIT.search
    pos = 0
    while (match := search(text, pos)) is not None:
        unit_at = match.start()
        pos = unit_at + 1
        d_end = unit_at - 1 if text[unit_at - 1] in _SPACE_SET else unit_at
        if not (d_end and text[d_end - 1] in _DIGITS):
            continue
        d_start = d_end - 1
        while d_start and text[d_start - 1] in _DIGITS:
            d_start -= 1
        # Digits glued to an ASCII letter belong to an identifier (A327日, v2.0): skip that
        # component; the search goes on after its unit.
        if d_start and text[d_start - 1] in _ASCII_LETTERS:
            continue
        tail = _RUN_TAIL.match(text, pos)
        assert tail is not None  # the pattern matches the empty string
        pos = tail.end()
        yield d_start, pos


# How each group of a run reads without its context: a clean date or year that needs no
# edit (the common case, handled without building a token), nothing, or "look closer".
_IGNORE, _SIMPLE, _SLOW = 0, 1, 2
_Simple = tuple[int | None, int | None, int | None]  # year, month, day (month None: a year)
_NO_DATE: _Simple = (None, None, None)
_GroupShape = tuple[tuple[_Comp, ...], int, _Simple]
_Shape = tuple[_GroupShape, ...]
_SHAPES: dict[str, _Shape] = {}
_SHAPES_MAX = 8192


def _shape_group(run: str, comps: tuple[_Comp, ...]) -> _GroupShape:
    units = "".join(c[3] for c in comps).replace("号", "日")
    noisy = _NOISE.search(run, comps[0][0], comps[-1][2] + 1) is not None
    if noisy:
        nums = [to_ascii_digits(run[c[0] : c[1]]) for c in comps]
    else:
        nums = [run[c[0] : c[1]] for c in comps]
    lens = [len(n) for n in nums]
    if units == "年":
        alone = int(nums[0])
        if lens[0] == 4 and _MIN_YEAR <= alone <= _MAX_YEAR:
            return comps, _SIMPLE, (alone, None, None)
        return comps, _IGNORE, _NO_DATE
    year: int | None = None
    month: int | None = None
    day: int | None = None
    clean = False
    if units in ("年月", "年月日") and lens[0] == 4:
        year, month = int(nums[0]), int(nums[1])
        day = int(nums[2]) if units == "年月日" else None
        clean = all(x <= 2 for x in lens[1:]) and _valid(year, month, day)
    elif units in ("月日", "月") and lens[0] <= 2:
        month = int(nums[0])
        day = int(nums[1]) if units == "月日" else None
        clean = (units == "月" or lens[1] <= 2) and _valid(None, month, day)
    if clean:
        needs_edit = (noisy and len(comps) >= 2) or (comps[-1][3] == "号" and day is not None)
        return comps, (_SLOW if needs_edit else _SIMPLE), (year, month, day)
    damaged = (
        (units == "日" and 3 <= lens[0] <= 8)
        or (units == "年日" and lens[0] == 4 and lens[1] >= 2)
        or (units in ("月", "月日") and lens[0] in (5, 6))
    )
    return comps, (_SLOW if damaged else _IGNORE), _NO_DATE


def _shape(run: str) -> _Shape:
    shape = _SHAPES.get(run)
    if shape is not None:
        return shape
    groups: list[_GroupShape] = []
    group: list[_Comp] = []
    for part in _COMP_PARTS.finditer(run):
        comp = (part.start(1), part.end(1), part.start(2), part.group(2))
        # Units must rise (年 → 月 → 日) within one date; otherwise a new one starts.
        if group and _RANK[comp[3]] <= _RANK[group[-1][3]]:
            groups.append(_shape_group(run, tuple(group)))
            group = []
        group.append(comp)
    groups.append(_shape_group(run, tuple(group)))
    if len(_SHAPES) >= _SHAPES_MAX:
        _SHAPES.clear()
    shape = _SHAPES[run] = tuple(groups)
    return shape


_Item = _Token | _Simple


def _scan(texts: Sequence[str]) -> list[_Item]:
    """Dates and years in reading order: plain (year, month, day) tuples for clean ones that
    need no edit, tokens for everything else worth a look."""
    items: list[_Item] = []
    shapes = _SHAPES
    for block, text in enumerate(texts):
        for start, end in _runs(text):
            run = text[start:end]
            for comps, kind, simple in shapes.get(run) or _shape(run):
                if kind == _SIMPLE:
                    items.append(simple)
                    continue
                if kind == _IGNORE:
                    continue
                absolute = [(a + start, b + start, u + start, unit) for a, b, u, unit in comps]
                tok = _classify(text, block, absolute)
                if tok is not None:
                    items.append(tok)
    return items


# --------------------------------------------------------------------------- weighing


def _cmp(a: tuple[int | None, int, int | None], b: tuple[int | None, int, int | None]) -> int:
    """Order of two partial dates (year, month, day); 0 when they cannot be told apart."""
    if a[0] is not None and b[0] is not None and a[0] != b[0]:
        return -1 if a[0] < b[0] else 1
    if a[1] != b[1]:
        return -1 if a[1] < b[1] else 1
    if a[2] is not None and b[2] is not None and a[2] != b[2]:
        return -1 if a[2] < b[2] else 1
    return 0


class _Weighed(NamedTuple):
    cand: _Cand
    plaus: float  # year and publication-date fit
    weight: float  # plaus × narrative order × padding


def _hypotheses(
    tok: _Token, ctx_year: int | None, published: datetime.date | None
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
    tok: _Token,
    cand: _Cand,
    hypotheses: list[tuple[int, float, float]],
    published: datetime.date | None,
    use_weekday: bool,
) -> tuple[float, float]:
    """How well a reading fits the years around it and the publication date, as a weight
    for choosing between readings and as a fit of the reading on its own."""
    if not hypotheses:
        return (1.0, 1.0) if _valid(None, cand.month, cand.day) else (0.0, 0.0)
    best_choice = best_fit = 0.0
    for year, choice, fit in hypotheses:
        if not _valid(year, cand.month, cand.day):
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


def _weekday(year: int, cand: _Cand) -> int | None:
    return None if cand.day is None else datetime.date(year, cand.month, cand.day).weekday()


_Anchor = tuple[int | None, int, int | None]


def _decide(
    tok: _Token,
    ctx_year: int | None,
    published: datetime.date | None,
    order: tuple[_Anchor | None, _Anchor | None, int | None, float],
) -> tuple[list[_Weighed], float, str]:
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
        if _valid(year, cand.month, cand.day)
    )
    weighed: list[_Weighed] = []
    for cand in tok.cands:
        choice, plaus = _plausibility(tok, cand, hypotheses, published, use_weekday)
        if plaus <= 0.0:
            continue
        weight = choice * cand.pad_w
        # Compared in the year the anchors assume, so that month order decides.
        key: _Anchor = (key_year, cand.month, cand.day)
        before_prev = prev is not None and _cmp(key, prev) < 0
        after_next = nxt is not None and _cmp(key, nxt) > 0
        if before_prev or after_next:
            weight *= order_weight
            if prev is not None and nxt is not None and _cmp(prev, nxt) <= 0:
                # Both neighbours agree on the order and this reading falls outside them.
                weight *= order_weight
        weighed.append(_Weighed(cand, plaus, weight))
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


def _direction(anchors: list[_Anchor]) -> tuple[bool, float]:
    """Whether the document's dates run forward (narratives) or backward (listings, newest
    first), and how much a reading out of that order counts against it: much more when the
    dates keep their order throughout."""
    rising = falling = 0
    for a, b in itertools.pairwise(anchors):
        step = _cmp(a, b)
        rising += step < 0
        falling += step > 0
    forward = rising >= falling
    kept, moves = max(rising, falling), rising + falling
    consistent = moves >= _CONSISTENT_MIN_PAIRS and kept >= _CONSISTENT_SHARE * moves
    return forward, _W_ORDER_CONSISTENT if consistent else _W_ORDER


def _year_context(items: list[_Item]) -> list[int | None]:
    """For each item, the last year written before it in reading order."""
    out: list[int | None] = []
    last: int | None = None
    for item in items:
        out.append(last)
        year = item.year if isinstance(item, _Token) else item[0]
        if year is not None:
            last = year
    return out


def repair_dates(
    texts: Sequence[str], context: DateContext = _NO_CONTEXT, *, threshold: float = 0.9
) -> list[tuple[list[TextEdit], list[Ambiguity]]]:
    """Find repairs in a document's text blocks, processed in reading order so that the
    narrative context (dates before/after, years mentioned nearby) spans blocks. Returns,
    per input text, its edits (non-overlapping, sorted by start) and the ambiguities left
    alone (confidence below threshold)."""
    items = _scan(texts)
    published = context.published
    ctx_years = _year_context(items)
    tokens = {i: item for i, item in enumerate(items) if isinstance(item, _Token)}
    damaged = [i for i, tok in tokens.items() if tok.damaged]

    def anchor_of(i: int, cand: _Cand | None) -> _Anchor | None:
        item = items[i]
        year, month, day = (item.year, item.month, item.day) if isinstance(item, _Token) else item
        if cand is not None:
            month, day = cand.month, cand.day
        if month is None:
            return None  # a year on its own
        if year is None:
            year = ctx_years[i]
        if year is None and published is not None:
            year = published.year
        return (year, month, day)

    clean_anchors: list[tuple[int, _Anchor]] = []
    for i, item in enumerate(items):
        anchor = anchor_of(i, None)
        if anchor is not None and (not isinstance(item, _Token) or item.is_anchor):
            clean_anchors.append((i, anchor))
    # Repairs are decided in waves: first against the clean dates, then against those and
    # the repairs made so far, until a wave adds nothing. A repair is never withdrawn, and
    # two uncertain readings cannot prop each other up (neither is an anchor before it is
    # chosen). The last wave saw exactly the anchors a second run over the repaired text
    # sees, so repair is idempotent.
    chosen: dict[int, _Cand] = {}
    results: dict[int, tuple[list[_Weighed], float, str]] = {}
    pending = damaged
    while pending:
        repaired = [(i, anchor_of(i, c)) for i, c in chosen.items()]
        anchors = sorted(clean_anchors + [(i, a) for i, a in repaired if a is not None])
        positions = [i for i, _ in anchors]
        forward, order_weight = _direction([a for _, a in anchors])
        added: dict[int, _Cand] = {}
        for i in pending:
            at = bisect.bisect_left(positions, i)
            prev = anchors[at - 1][1] if at > 0 else None
            nxt = anchors[at][1] if at < len(anchors) else None
            own = anchor_of(i, tokens[i].cands[0])
            key_year = own[0] if own is not None else None
            if not forward:  # a list newest first: the one before should be later
                prev, nxt = nxt, prev
            order = (prev, nxt, key_year, order_weight)
            result = _decide(tokens[i], ctx_years[i], published, order)
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
                            (_normalized(text, tok.start, tok.end, True),),
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
            tail = _normalized(text, tok.span_end, tok.report_end, True)
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


# --------------------------------------------------------------------------- edits


def _checked(text: str, edits: Sequence[TextEdit]) -> list[TextEdit]:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    last_end = 0
    for edit in ordered:
        if edit.start < last_end or edit.end < edit.start:
            raise ValueError(f"overlapping or inverted edit at {edit.start}")
        last_end = edit.end
    return ordered


def apply_edits(text: str, edits: Sequence[TextEdit]) -> str:
    """``text`` with ``edits`` (original offsets, non-overlapping) applied."""
    parts: list[str] = []
    pos = 0
    for edit in _checked(text, edits):
        if text[edit.start : edit.end] != edit.before:
            raise ValueError(f"edit at {edit.start} does not match the text: {edit.before!r}")
        parts.append(text[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def revert_edits(repaired: str, edits: Sequence[TextEdit]) -> str:
    """The original text back from ``repaired`` and the edits that produced it."""
    parts: list[str] = []
    pos = 0
    shift = 0  # how far the repaired text has moved relative to the original so far
    for edit in _checked(repaired, edits):
        at = edit.start + shift
        if repaired[at : at + len(edit.after)] != edit.after:
            raise ValueError(f"edit at {edit.start} does not match the repaired text")
        parts.append(repaired[pos:at])
        parts.append(edit.before)
        pos = at + len(edit.after)
        shift += len(edit.after) - (edit.end - edit.start)
    parts.append(repaired[pos:])
    return "".join(parts)


# --------------------------------------------------------------------------- parsing

_CLOCK = r"(\d{1,2})(?::(\d{2})(?::(\d{2}))?|时(\d{1,2})分(?:(\d{1,2})秒)?)"
_DATE_SEPARATED = re.compile(rf"(\d{{4}})([-/.])(\d{{1,2}})\2(\d{{1,2}})(?:[ T]{_CLOCK})?")
_DATE_CJK = re.compile(rf"(\d{{4}}) ?年 ?(\d{{1,2}}) ?月 ?(\d{{1,2}}) ?[日号](?: ?{_CLOCK})?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_CN = f"[{CN_NUMERAL_CHARS}]"
_CN_CHARS = frozenset(CN_NUMERAL_CHARS)
# Compiled on first use: only a value that starts with a Chinese numeral can match.
_DATE_CN = rf"({_CN}{{4}})年({_CN}{{1,3}})月({_CN}{{1,3}})[日号]"
_WHITESPACE = re.compile(r"[\s\u3000\u00a0]+")


def _iso(year: int, month: int, day: int, time: tuple[str | None, ...] = ()) -> ParsedDate | None:
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return None
    hour_s = time[0] if time else None
    if hour_s is None:
        return ParsedDate(date.isoformat(), False)
    minute_s = time[1] if time[1] is not None else time[3]
    second_s = time[2] if time[2] is not None else time[4]
    try:
        clock = datetime.time(int(hour_s), int(minute_s or 0), int(second_s or 0))
    except ValueError:
        return None
    return ParsedDate(f"{date.isoformat()}T{clock.isoformat()}+08:00", True)


def parse_date(value: str) -> ParsedDate | None:
    """Structured date from a header value as shown: `2020-05-06 09:33`, `2020-05-06 09:33:12`,
    `2020年5月6日`, `2020年05月06日 09:33`, `二〇二〇年五月六日`, `2020.05.06`, `2020/5/6`,
    `20200506`; full-width digits too. Returns None when the value is not a (single, valid
    calendar) date; never guesses."""
    text = _WHITESPACE.sub(" ", to_ascii_digits(value)).strip()
    if not text:
        return None
    for pattern in (_DATE_SEPARATED, _DATE_CJK):
        match = pattern.fullmatch(text)
        if match:
            groups = match.groups()
            if pattern is _DATE_SEPARATED:
                year, month, day, time = groups[0], groups[2], groups[3], groups[4:]
            else:
                year, month, day, time = groups[0], groups[1], groups[2], groups[3:]
            return _iso(int(year), int(month), int(day), time)
    match = _DATE_COMPACT.fullmatch(text)
    if match:
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    compact = text.replace(" ", "")
    match = _pattern(_DATE_CN).fullmatch(compact) if compact[:1] in _CN_CHARS else None
    if match:
        year_n, month_n, day_n = cn_year(match[1]), cn_small_int(match[2]), cn_small_int(match[3])
        if year_n is None or month_n is None or day_n is None:
            return None
        return _iso(year_n, month_n, day_n)
    return None
