"""Reading JavaScript source as code: which characters stand outside string literals.

The pager reader (:mod:`noticecli.parse.listing_pager`) cuts expressions out of pager
scripts and the script-data reader (:mod:`noticecli.parse.listing_data`) cuts array
literals out of scripts; both must not count a bracket, ``+`` or ``;`` inside a string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

# The rest of a string literal after its opening quote, up to its closing quote: a
# backslash escapes the character after it, whatever it is.
_STRING_REST = {
    "'": re.compile(r"(?:[^'\\]|\\.)*'", re.DOTALL),
    '"': re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL),
}


def code_chars(source: str, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, str]]:
    """``(index, char)`` of each character of ``source[start:stop]`` outside string
    literals; the quotes that open and close a literal are left out too."""
    quote = ""
    escaped = False
    for index in range(start, len(source) if stop is None else min(stop, len(source))):
        char = source[index]
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        else:
            yield index, char


def code_marks(
    source: str, marks: str, start: int = 0, stop: int | None = None
) -> Iterator[tuple[int, str]]:
    """What :func:`code_chars` yields, only the characters in ``marks`` (no quote): the
    scan jumps from one mark or quote to the next and over each string literal (a
    character-by-character loop costs far more on a long script)."""
    end = len(source) if stop is None else min(stop, len(source))
    scanner = _mark_scanner(marks)
    index = start
    while True:
        found = scanner.search(source, index, end)
        if found is None:
            return
        at = found.start()
        char = source[at]
        if char in "'\"":
            closed = _STRING_REST[char].match(source, at + 1, end)
            if closed is None:
                return  # an open literal runs to the end: nothing after it is code
            index = closed.end()
        else:
            yield at, char
            index = at + 1


@cache
def _mark_scanner(marks: str) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(char) for char in marks + "'\"") + "]")
