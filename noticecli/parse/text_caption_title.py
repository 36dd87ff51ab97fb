"""A column's caption over the title in a text rendering (人防工作 / <title> / 来源:… /
发布日期:… / <title>): read together they look like a title printed over two lines, but the
page prints the title again under its meta lines, and that repeat is the title alone. The
line printed twice is the title; the caption over it is the column's, not the title's."""

from __future__ import annotations

from noticecli.parse.dom import compact
from noticecli.parse.lines import END_PUNCT, is_org_line
from noticecli.parse.text_labels import find_labels, is_meta_line

__all__ = ["title_printed_twice", "title_without_caption"]

_HEAD_LINES_MAX = 4  # a masthead, a column caption, the title


def title_without_caption(lines: list[str], start: int, end: int, title: str) -> str:
    """``title`` (read from the lines ``start:end``) less its first lines when the first line
    under the meta lines after ``end`` repeats only its last lines; an issuer's name over the
    title (岚山县国防动员办公室 / 关于…的通知) stays, being part of the title, repeated or not."""
    run = [line for line in lines[start:end] if line]
    after = end
    while after < len(lines) and (not lines[after] or is_meta_line(lines[after])):
        after += 1
    if len(run) < 2 or after == end or after >= len(lines):
        return title  # no meta line between: a repeat right under is no evidence of a caption
    repeat = compact(lines[after])
    for cut in range(1, len(run)):
        if compact("".join(run[cut:])) == repeat:
            return title if is_org_line(run[cut - 1]) else lines[after]
    return title


def title_printed_twice(lines: list[str], start: int) -> tuple[str, int] | None:
    """(the title, the index of the first meta line) when from ``start`` a few short lines
    without labels stand over the meta lines and the last of them is printed again right
    under the meta lines (人防工作 / <title> / 来源:… / 发布日期:… / <title>, blank lines
    between them or not); the lines over it are the column's caption and the site's name.
    None otherwise, and when an issuer's name stands right over it (part of the title)."""
    index = start
    shown: list[int] = []
    while index < len(lines) and not is_meta_line(lines[index]):
        line = lines[index]
        index += 1
        if not line:
            continue
        if line[-1] in END_PUNCT or find_labels(line) or len(shown) == _HEAD_LINES_MAX:
            return None
        shown.append(index - 1)
    if not shown or index >= len(lines):
        return None
    meta = index
    while index < len(lines) and (not lines[index] or is_meta_line(lines[index])):
        index += 1
    title = lines[shown[-1]]
    if index >= len(lines) or compact(lines[index]) != compact(title):
        return None
    if len(shown) > 1 and is_org_line(lines[shown[-2]]):
        return None
    return title, meta
