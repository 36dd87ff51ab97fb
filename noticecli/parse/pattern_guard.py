"""An exact, cheap pre-test for a whole-line pattern of many alternatives.

Python's regex engine tries the alternatives of ``^(?:A|B|…)$`` one by one at the start of
every line it is asked about, and most lines match none of them. Read from each
alternative's parsed form (Python's own regex parser), either the characters a match can
start with or a literal every match contains; a line that starts with none of those
characters and holds none of those literals cannot match, and is settled without the
pattern. Alternatives with neither (any CJK character may start them, and no literal is
needed) are always tried.

``split_alternatives`` reads the characters and literals (``noticecli.parse.lines`` writes
out what it reads for the boilerplate pattern, and its tests check the two agree: reading
them parses the pattern, too slow for start-up); ``guarded_match(alternatives)(text)`` is
``re.match("^(?:" + "|".join(alternatives) + ")$", text) is not None`` for every text,
the pattern tried in its guarded parts (tests/test_pattern_guard.py checks it on random
patterns). Neither runs when a page is parsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any, NamedTuple

# The parser and its opcodes: not a public module, but the only exact reading of a pattern.
_parser: Any = import_module("re._parser")
_c: Any = import_module("re._constants")

# A character class spanning more code points than this (a CJK range) gives no useful first
# characters: the alternative is guarded by a literal instead, or always tried.
_MAX_RANGE = 64
_MORE_THAN_TWO_CASES = "iks"


class _Start(NamedTuple):
    chars: frozenset[str]
    digit: bool  # a \d may come first (str.isdecimal, as the engine reads it)
    space: bool  # a \s may come first (str.isspace)
    nullable: bool  # the item may match nothing, so what follows may come first


_NOTHING = _Start(frozenset(), False, False, True)


def _union(starts: Sequence[_Start], nullable: bool) -> _Start:
    return _Start(
        frozenset().union(*(start.chars for start in starts)),
        any(start.digit for start in starts),
        any(start.space for start in starts),
        nullable,
    )


def _sequence_start(items: Any, folded: bool = False) -> _Start | None:
    """What a match of the sequence ``items`` can start with; None when it can start with
    nearly anything (or the pattern uses what this reading does not follow). ``folded``:
    the sequence is matched ignoring case."""
    starts: list[_Start] = []
    for op, av in items:
        start = _item_start(op, av, folded)
        if start is None:
            return None
        starts.append(start)
        if not start.nullable:
            return _union(starts, False)
    return _union(starts, True)


def _item_start(op: Any, av: Any, folded: bool) -> _Start | None:
    if op is _c.LITERAL:
        char = chr(av)
        if not folded:
            return _Start(frozenset(char), False, False, False)
        # Ignoring case, an ASCII letter matches its two cases and nothing else, but for
        # i, k and s (İ, the Kelvin sign, ſ).
        if char.isascii() and char.isalpha() and char.lower() not in _MORE_THAN_TWO_CASES:
            return _Start(frozenset({char.lower(), char.upper()}), False, False, False)
        return None
    if op is _c.IN:
        return None if folded else _class_start(av)
    if op is _c.BRANCH:
        branches = [_sequence_start(branch, folded) for branch in av[1]]
        if any(branch is None for branch in branches):
            return None
        known = [branch for branch in branches if branch is not None]
        return _union(known, any(branch.nullable for branch in known))
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, items = av
        if add_flags & re.IGNORECASE:
            folded = True
        elif del_flags & re.IGNORECASE:
            folded = False
        return _sequence_start(items, folded)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        least, _most, items = av
        inner = _sequence_start(items, folded)
        if inner is None:
            return None
        return inner._replace(nullable=inner.nullable or least == 0)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _NOTHING  # zero-width: it consumes nothing (and only narrows a match)
    return None


def _class_start(members: Any) -> _Start | None:
    chars: set[str] = set()
    digit = space = False
    for op, av in members:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] <= _MAX_RANGE:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            digit = True
        elif op is _c.CATEGORY and av is _c.CATEGORY_SPACE:
            space = True
        else:
            return None  # a negated class, a wide range, another category
    return _Start(frozenset(chars), digit, space, False)


def _required_literal(items: Any) -> str | None:
    """The longest run of literal characters every match of ``items`` holds: the literals
    of the sequence itself (``.*ICP备.*`` holds ICP备)."""
    best = ""
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    return best or None


class Parts(NamedTuple):
    """The alternatives told by their first character (and those characters), those told
    by a literal they need (and those literals), and those always tried."""

    by_start: list[str]
    start: _Start
    by_literal: list[str]
    literals: tuple[str, ...]
    always: list[str]


def split_alternatives(alternatives: Sequence[str]) -> Parts:
    by_start: list[str] = []
    starts: list[_Start] = []
    by_literal: list[str] = []
    literals: list[str] = []
    always: list[str] = []
    for alternative in alternatives:
        parsed = _parser.parse(alternative)
        folded = bool(parsed.state.flags & re.IGNORECASE)
        start = _sequence_start(list(parsed), folded)
        if start is not None and not start.nullable:
            by_start.append(alternative)
            starts.append(start)
            continue
        literal = None if folded else _required_literal(list(parsed))
        if literal is not None:
            by_literal.append(alternative)
            literals.append(literal)
        else:
            always.append(alternative)
    return Parts(by_start, _union(starts, False), by_literal, tuple(literals), always)


def _whole(alternatives: list[str]) -> re.Pattern[str] | None:
    return re.compile("^(?:" + "|".join(alternatives) + ")$") if alternatives else None


def guarded_match(alternatives: Sequence[str]) -> Callable[[str], bool]:
    """A test equal to matching ``^(?:alt1|alt2|…)$`` at the start of a text."""
    parts = split_alternatives(alternatives)
    by_start = _whole(parts.by_start)
    by_literal = _whole(parts.by_literal)
    always = _whole(parts.always)
    chars, digit, space = parts.start.chars, parts.start.digit, parts.start.space
    literals = parts.literals

    def match(text: str) -> bool:
        first = text[:1]
        if (
            by_start is not None
            and first
            and (first in chars or (digit and first.isdecimal()) or (space and first.isspace()))
            and by_start.match(text)
        ):
            return True
        if by_literal is not None:
            for literal in literals:
                if literal in text:
                    if by_literal.match(text):
                        return True
                    break
        return always is not None and always.match(text) is not None

    return match
