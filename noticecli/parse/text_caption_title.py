"""A column's caption over the title in a text rendering (人防工作 / <title> / 来源:… /
发布日期:… / <title>): read together they look like a title printed over two lines, but the
page prints the title again under its meta lines, and that repeat is the title alone. The
line printed twice is the title; the caption over it is the column's, not the title's."""

from __future__ import annotations

from noticecli.parse.dom import compact
from noticecli.parse.lines import is_org_line
from noticecli.parse.text_labels import is_meta_line

__all__ = ["title_without_caption"]


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
            head = run[:cut]
            return title if any(is_org_line(line) for line in head) else lines[after]
    return title
