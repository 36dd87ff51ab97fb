"""Finding the date-like runs of a text: digits followed by 年, 月, 日 or 号.

One precompiled regex finds every 年/月/日/号 that follows a digit in a single pass; the
rest of the text is never looked at again, which is what keeps the repair engine fast.
Each run is split into groups of rising units (2020年5月6日 is one group, 5月6日5月7日 two);
what a group is without its context (a clean date, nothing, or a case for the repair
rules) depends on its characters alone, so the answer is kept per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from noticecli.repair.date_evidence import RELATIVE_YEAR_ENDS, date_line_day
from noticecli.repair.date_rules import GroupFacts, classify, classify_date_line, group_facts
from noticecli.repair.date_token import Component, DateToken, SimpleDate

_DIGITS = frozenset("0123456789０１２３４５６７８９")
_SPACE_SET = frozenset(" \u3000\u00a0")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# The scan anchors on a unit right after a digit or a space: units are rarer than digits in
# these pages and a pattern that starts with a plain character class keeps the regex
# engine's fast first-character search (a leading lookbehind or a digit run loses it);
# the digits are then read backwards.
# (The lookbehind's second character is the unit just matched: "." stands for it, which
# spares compiling a second CJK character class at every start.)
_UNIT_AFTER_DIGIT = re.compile("[年月日号](?<=[0-9０-９ \u3000\u00a0].)")
_RANK = {"年": 0, "月": 1, "日": 2, "号": 2}
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
# edit (the common case, handled without building a token), nothing, "look closer", or
# two digits and 日 that are a damaged month and day only after 今年, 去年 … (今年51日).
_IGNORE, _SIMPLE, _SLOW, _DAY_OR_MONTH_DAY = 0, 1, 2, 3
_NO_DATE: SimpleDate = (None, None, None)
# A group's components, kind, clean date, its start and end within the run, and what its
# characters alone say (for classify).
_GroupShape = tuple[tuple[Component, ...], int, SimpleDate, int, int, GroupFacts]
_Shape = tuple[_GroupShape, ...]
_SHAPES: dict[str, _Shape] = {}
_SHAPES_MAX = 8192


def _shape_group(run: str, comps: tuple[Component, ...]) -> _GroupShape:
    facts = group_facts(run, comps)
    units, nums, noisy, clean, rule = facts
    kind, date = _IGNORE, _NO_DATE
    if clean is not None:
        # Full-width digits or spaces inside: normalized. A day written with 号 is read as
        # the day and, like any clean date, left as printed.
        kind, date = (_SLOW if noisy and len(comps) >= 2 else _SIMPLE), clean
    elif rule is not None:
        kind = _SLOW
    elif units == "日" and comps[0][3] == "日" and len(nums[0]) == 2 and "0" not in nums[0]:
        kind = _DAY_OR_MONTH_DAY
    return comps, kind, date, comps[0][0], comps[-1][2] + 1, facts


def _shape(run: str) -> _Shape:
    shape = _SHAPES.get(run)
    if shape is not None:
        return shape
    groups: list[_GroupShape] = []
    group: list[Component] = []
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


DateItem = DateToken | SimpleDate
Span = tuple[int, int, int]  # block, start, end of an item in its text


def scan(texts: Sequence[str]) -> tuple[list[DateItem], list[Span]]:
    """Dates and years in reading order: plain (year, month, day) tuples for clean ones that
    need no edit, tokens for everything else worth a look; and where each item stands."""
    items: list[DateItem] = []
    spans: list[Span] = []
    shapes = _SHAPES
    for block, text in enumerate(texts):
        size = len(text)
        for start, end in _runs(text):
            run = text[start:end]
            shape = shapes.get(run) or _shape(run)
            # A run ending in 月 with digits right after: a date line that lost its 日?
            line_date = end < size and text[end] in _DIGITS and text[end - 1] == "月"
            for comps, kind, simple, g_start, g_end, facts in shape[:-1] if line_date else shape:
                if kind == _SIMPLE and not (
                    # 今年6月4日: a clean date whose year a word fixes, read as a token
                    simple[0] is None
                    and start + g_start > 0
                    and text[start + g_start - 1] in RELATIVE_YEAR_ENDS
                ):
                    items.append(simple)
                    spans.append((block, start + g_start, start + g_end))
                elif kind != _IGNORE and (
                    kind != _DAY_OR_MONTH_DAY
                    or (start + g_start > 0 and text[start + g_start - 1] in RELATIVE_YEAR_ENDS)
                ):
                    absolute = [(a + start, b + start, u + start, unit) for a, b, u, unit in comps]
                    tok = classify(text, block, absolute, facts)
                    if tok is not None:
                        items.append(tok)
                        spans.append((block, tok.start, tok.end))
            if line_date:
                _line_date(text, block, start, end, shape[-1], items, spans)
    return items, spans


def _line_date(
    text: str,
    block: int,
    start: int,
    end: int,
    group: _GroupShape,
    items: list[DateItem],
    spans: list[Span],
) -> None:
    """The last group of a run followed by digits: a date line that lost its 日, or the
    group as it reads on its own."""
    comps, kind, simple, g_start, g_end, facts = group
    absolute = [(a + start, b + start, u + start, unit) for a, b, u, unit in comps]
    day_span = date_line_day(text, start + g_start, end) if comps[-1][3] == "月" else None
    tok = classify_date_line(text, block, absolute, day_span) if day_span else None
    if tok is not None:
        items.append(tok)
        spans.append((block, tok.start, tok.end))
    elif kind == _SIMPLE:
        items.append(simple)
        spans.append((block, start + g_start, start + g_end))
    elif kind == _SLOW:
        tok = classify(text, block, absolute, facts)
        if tok is not None:
            items.append(tok)
            spans.append((block, tok.start, tok.end))
