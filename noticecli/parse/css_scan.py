"""Scans of a stylesheet's text by literal search.

``str.find`` skips through a long sheet in C; a pattern engine looking for the same start
steps through every character (a page's inline sheet may be 180 KB). Each function gives
exactly what the pattern it stands in for gives.
"""

from __future__ import annotations

import re


def without_comments(css: str) -> str:
    """``re.sub(r"/\\*.*?\\*/", " ", css, flags=re.DOTALL)``: each comment, from ``/*`` to the
    first ``*/`` after it, as one space; an unclosed ``/*`` and what follows it stay."""
    start = css.find("/*")
    if start < 0:
        return css
    parts: list[str] = []
    position = 0
    while start >= 0:
        end = css.find("*/", start + 2)
        if end < 0:
            break  # no comment closes after this one: none after it does either
        parts.append(css[position:start])
        parts.append(" ")
        position = end + 2
        start = css.find("/*", position)
    parts.append(css[position:])
    return "".join(parts)


def matches_from(css: str, pattern: re.Pattern[str], start: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(css))`` for a ``pattern`` whose every match begins with the
    literal ``start`` (and that has no anchor or lookbehind): the places ``start`` is written
    are found by literal search and the pattern is tried only there, left to right, each
    search going on after the last match as ``finditer`` does."""
    found: list[re.Match[str]] = []
    position = css.find(start)
    while position >= 0:
        match = pattern.match(css, position)
        if match is None:
            position = css.find(start, position + 1)
        else:
            found.append(match)
            position = css.find(start, match.end())
    return found
