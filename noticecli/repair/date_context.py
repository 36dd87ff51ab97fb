"""The words around a date-like run: what they say about it.

A run of digits and 年/月/日/号 is a date, a count (历时327日), a document or house number
(327号文) or part of an identifier according to the characters and words around it. This
module holds those word lists and reads them: whether the context rules a run out, how
strongly it says the run is a date (a factor multiplied into the confidence), whether the
date is a deadline or may lie after publication, and what is written right after it (a
weekday, the end of a range).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

# A character right before the run that makes it part of something else: identifiers,
# versions, ranges written with a dash (the 10 of 1-10月 is clean anyway), document numbers.
BLOCK_BEFORE_CHARS = frozenset("-/._·+%@#~&=\\|－／．＿〔〕[]【】")
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
    "将",
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
_UP_TO_SENTENCE_END = "(?s).*[。；;！!？?\n]"  # greedy: up to the last sentence end
_CUE_WINDOW = 12  # characters before a date searched for a cue, within its sentence
# An instruction (请各单位于…前报送, 须于…前完成) sets a deadline (how a deadline is
# weighed against the publication date: date_weighing).
_INSTRUCTION_BEFORE = ("请", "须", "务必", "应")
_CUE_CHARS = frozenset(word[0] for word in _FUTURE_BEFORE + _INSTRUCTION_BEFORE)
_DEADLINE_AFTER = ("前", "之前", "以前")
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
_F_HAO_MAX = 0.95  # a damaged run closed by 号 is never more certain than this


def blocked_by_char(text: str, start: int) -> bool:
    """Whether the character right before ``start`` ties the run to an identifier, a
    decimal or a dash (V1.327, 3.125日, 1-51日); evidence may still free it (a list number,
    a range after a date)."""
    return bool(start) and text[start - 1] in BLOCK_BEFORE_CHARS


def blocked_by_word(text: str, start: int) -> bool:
    """Whether a word right before ``start`` makes the run a count or a duration."""
    return text.endswith(_COUNT_BEFORE, 0, start)


class Frame(NamedTuple):
    """What the evidence around a run says about its frame (see date_evidence)."""

    strong: bool = False  # a word that fixes the date: 今年, 去年 …, a dateline's 电
    boundary: bool = False  # a list number or a byline before it: as good as a clause start
    good_after: bool = False  # a clock time after it (915日14:30)


NO_FRAME = Frame()


def _context_factor(text: str, start: int, end: int, frame: Frame = NO_FRAME) -> float:
    """How strongly the words around text[start:end] say it is a date (0 = never)."""
    if frame.strong or text.endswith(_STRONG_BEFORE, 0, start):
        return _F_STRONG
    good_after = frame.good_after or end >= len(text) or text.startswith(_GOOD_AFTER, end)
    if frame.boundary or start == 0 or text[start - 1] in _BOUNDARY_CHARS:
        return _F_BOUNDARY + (_F_GOOD_AFTER if good_after else 0.0)
    return _F_OTHER + (0.1 if good_after else 0.0)


def _sentence_part(window: str) -> str:
    """The part of ``window`` after its last sentence end."""
    match = _pattern(_UP_TO_SENTENCE_END).match(window)
    return window if match is None else window[match.end() :]


def _has_cue(window: str, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` is in ``window``, not as the start of a word that says
    nothing about time (应急管理局)."""
    return _pattern(_cue_pattern(words)).search(window) is not None


@cache
def _cue_pattern(words: tuple[str, ...]) -> str:
    exceptions = "|".join(map(re.escape, _NOT_FUTURE))
    return f"(?!{exceptions})(?:{'|'.join(map(re.escape, words))})"


def _as_of(text: str, end: int) -> bool:
    """截至3月27日，全市已…: the clause after the date (after 截至/截止) reports something
    done by then."""
    rest = text[end : end + _AS_OF_WINDOW]
    for at, ch in enumerate(rest):
        if ch in _SENTENCE_END_CHARS:
            rest = rest[:at]
            break
    return any(word in rest for word in _AS_OF_AFTER)


def tense(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the date text[start:end] is a deadline (请于…前: after publication, and
    soon), and whether a reading after publication is expected rather than suspicious."""
    if text.endswith(_AS_OF_BEFORE, 0, start) and _as_of(text, end):
        return False, False  # neither: the date has passed
    # The cues are looked for in the sentence before the date, within _CUE_WINDOW
    # characters; most dates have none of their first characters there.
    window = text[max(0, start - _CUE_WINDOW) : start]
    window = "" if _CUE_CHARS.isdisjoint(window) else _sentence_part(window)
    deadline = (
        bool(window)
        and text.startswith(_DEADLINE_AFTER, end)
        and _has_cue(window, _INSTRUCTION_BEFORE)
    )
    future_ok = (
        deadline
        or (start > 0 and text[start - 1] in _RANGE_BEFORE_CHARS)
        or (bool(window) and _has_cue(window, _FUTURE_BEFORE))
        or text.startswith(_FUTURE_AFTER, end)
    )
    return deadline, future_ok


def neighbours(text: str, end: int) -> tuple[int | None, int | None]:
    """A weekday (0 = Monday) or the day that ends a same-month range (3月12日至15日),
    written right after a date that ends at ``end``; None for what is not there."""
    after = text[end : end + 5]  # at most: space, bracket, 星期, the day
    if "星期" in after or "礼拜" in after or "周" in after:
        match = _pattern(_WEEKDAY_AFTER).match(text, end)
        if match is not None:
            return _WEEKDAY[match.group(1)], None
    if after[:1] not in _RANGE_END_STARTS:
        return None, None
    match = _pattern(_RANGE_END_DAY).match(text, end)
    if match is not None and not text.startswith(_BLOCK_AFTER_RI, match.end()):
        return None, int(match.group(1))  # not 至15日内: that is a duration
    return None, None


def damaged_factor(
    text: str,
    start: int,
    end: int,
    *,
    last_unit: str,
    year_written: bool,
    glued_year: bool,
    frame: Frame = NO_FRAME,
) -> float | None:
    """How strongly the words around a damaged run text[start:end] say it is a date, or
    None when they say it is something else. ``last_unit`` is the run's last 月/日/号,
    ``year_written`` whether a year with its 年 opens the run (2019年327日), ``glued_year``
    whether a year is glued to the digits after it (20199月), ``frame`` what evidence
    found around it."""
    if last_unit == "号":
        if text.startswith(_BLOCK_AFTER_HAO, end) or (
            start and text[start - 1] in _BLOCK_BEFORE_HAO_CHARS
        ):
            return None
        # A bare number + 号 is a document or house number unless a word introduces a date.
        if not (year_written or frame.strong or text.endswith(_STRONG_BEFORE, 0, start)):
            return None
    elif text.startswith(_BLOCK_AFTER_RI if last_unit == "日" else _BLOCK_AFTER_YUE, end):
        return None
    if glued_year:
        context = _context_factor(text, start, end, frame)
        factor = _F_GLUED_YEAR if context >= _F_BOUNDARY else _F_GLUED_YEAR_OTHER
        if context >= _F_STRONG:
            factor = _F_STRONG
    elif year_written:
        factor = _F_YEAR_IN_GROUP
    else:
        factor = _context_factor(text, start, end, frame)
    if last_unit == "号":
        factor = min(factor, _F_HAO_MAX)
    return factor


def split_factor(last_unit: str) -> float:
    """How strongly a run with its year written (2019年121日, 2019121日) says it is a date,
    as weighed with the choice of its month and day: the same whether or not the 年 has been
    restored, so that restoring it alone never changes that choice."""
    return min(_F_YEAR_IN_GROUP, _F_HAO_MAX) if last_unit == "号" else _F_YEAR_IN_GROUP
