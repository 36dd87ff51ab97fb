"""Reading JavaScript source as code: which characters stand outside string literals.

The pager reader (:mod:`noticecli.parse.listing_pager`) cuts expressions out of pager
scripts and the script-data reader (:mod:`noticecli.parse.listing_data`) cuts array
literals out of scripts; both must not count a bracket, ``+`` or ``;`` inside a string.
"""

from __future__ import annotations

from collections.abc import Iterator


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
