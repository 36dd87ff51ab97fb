"""A meta line printed above the title in a text rendering (``2024年06月12日 来源: 浏览次数:``
/ <title> / the text): the page opens with a bare publication date followed by meta labels
(their values often empty, filled by a script), and the title stands on the next line. The
labels after the date are the evidence: a date opening a sentence (2024年6月12日，县…) or a
dated headline (2024年06月12日 县国动办开展…) carries none, and stays as shown."""

from __future__ import annotations

from noticecli.dates import parse_date
from noticecli.labels import split_value_labels
from noticecli.parse.lines import CLAUSE_END
from noticecli.parse.text_labels import DATE_TIME_PREFIX, UNFILLED_COUNTER, find_labels
from noticecli.parse.text_start import is_chrome_line
from noticecli.parse.text_title_line import is_title_like, next_nonblank

__all__ = ["meta_line_over_title"]

_META_VALUE_MAX = 30  # a source's or an editor's name, a count; longer is a sentence's
_CHROME_OVER_MAX = 3  # lines of the site's chrome (its name, a menu) over the meta line


def meta_line_over_title(lines: list[str], first: int) -> tuple[int, int] | None:
    """(the meta line's index, the title's index) when the first line from ``first`` is a
    date then known meta labels only (values short, no sentence's end) and the next line is
    title-like with text under it; None otherwise."""
    meta = next_nonblank(lines, first)
    for _ in range(_CHROME_OVER_MAX):  # the site's chrome or a label line over it
        if meta >= len(lines) or _is_dated_label_line(lines[meta]):
            break
        labels = find_labels(lines[meta])
        if not (is_chrome_line(lines[meta]) or (labels and labels[0].start == 0)):
            return None
        meta = next_nonblank(lines, meta + 1)
    if meta >= len(lines) or not _is_dated_label_line(lines[meta]):
        return None
    title = next_nonblank(lines, meta + 1)
    if title >= len(lines) or not is_title_like(lines[title]) or find_labels(lines[title]):
        return None
    if next_nonblank(lines, title + 1) >= len(lines):
        return None  # nothing under it: no title over a text
    return meta, title


def _is_dated_label_line(line: str) -> bool:
    if DATE_TIME_PREFIX.match(line) is None:
        return False
    head, pairs = split_value_labels(line)
    if not pairs or head is None or parse_date(UNFILLED_COUNTER.sub("", head)) is None:
        return False
    labels = find_labels(line)
    if not labels or any(label.kind != "known" for label in labels):
        return False
    return all(
        value is None or (len(value) <= _META_VALUE_MAX and not CLAUSE_END.search(value))
        for _, value in pairs
    )
