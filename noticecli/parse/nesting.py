"""Guard against pathological nesting before the HTML parser sees the page.

Lexbor's tree builder slows down quadratically with nesting depth (100 000 nested ``<div>``s
take over half a minute), while real pages stay below a few dozen levels. Tags deeper than
the limit carry no article structure, so they are dropped and their text kept.
"""

from __future__ import annotations

import re

MAX_DEPTH = 1000
# Below this many tags even the worst nesting cannot make Lexbor (whose cost is quadratic
# in depth) slow, so the scan, which reads every tag, is skipped.
_SCAN_ABOVE_TAGS = 20_000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "basefont",
        "frame",
        "keygen",
        "o:p",
    }
)


def limit_nesting(html: str, max_depth: int = MAX_DEPTH) -> tuple[str, bool]:
    """``html`` with tags nested deeper than ``max_depth`` removed, and whether any were."""
    limit = max(max_depth, _SCAN_ABOVE_TAGS)
    # The common case; a source shorter than the limit cannot hold more tags.
    if len(html) <= limit or html.count("<") <= limit:
        return html, False
    depth = 0
    cut: list[tuple[int, int]] = []
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            if depth > max_depth:
                cut.append(match.span())
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > max_depth:
                cut.append(match.span())
    if not cut:
        return html, False
    parts: list[str] = []
    position = 0
    for start, end in cut:
        parts.append(html[position:start])
        position = end
    parts.append(html[position:])
    return "".join(parts), True
