"""The title of a text rendering around a flattened header grid, by the evidence under the
grid: the headline right over a meta line with a publication label is the title, and a line
above the grid shaped as the site's (the unit's or site's name, a column path) is not.

A line above the grid is the title when it is not shaped as chrome (a title's words: 关于
举办…的预告), or when no such headline stands under the grid: xxgk pages print the title
over the grid and the text right under it, with no second headline. An event's time and
place under a subheading (时间：9月20日上午9时  地点：…) is no publication meta line.
"""

from __future__ import annotations

import re

from noticecli.knowledge import EVENT_LABELS, META_LINE_KEYS, SITE_NAME_SUFFIXES, TITLE_WORDS
from noticecli.parse.dom import compact
from noticecli.parse.lines import is_org_line
from noticecli.parse.text_crumbs import is_breadcrumb, is_crumb_chain
from noticecli.parse.text_labels import find_labels, is_label_line, is_meta_line
from noticecli.parse.text_title import is_suffixed_repeat
from noticecli.parse.text_title_line import is_title_like, next_nonblank
from noticecli.parse.text_title_run import title_run

__all__ = ["grid_over_dated_headline"]

_ABOVE_MAX = 3  # shown lines above the grid (a unit's name, a column path)
_GRID_LABELS_MIN = 2
_PUBLISHED_KEY = "published_at"
_BARE_TIME = "时间"
_TITLE_WORDS = re.compile("|".join(TITLE_WORDS))


def _is_chrome_above(line: str, *, under_breadcrumb: bool) -> bool:
    """A line above the grid shaped as the site's: a unit's or the site's name, a column
    path, a breadcrumb; never one worded as a title (关于举办…的预告)."""
    if is_breadcrumb(line) or is_crumb_chain(line, under_breadcrumb=under_breadcrumb):
        return True
    site_name = line.endswith(SITE_NAME_SUFFIXES) and _TITLE_WORDS.search(line) is None
    return is_org_line(line) or site_name


def _grid_end(lines: list[str], index: int) -> int | None:
    """The index after a header grid from ``index``: label lines holding two or more known
    labels, one of which names what the notice is (索引号, 发布机构), not only when/where/who."""
    keys: list[str] = []
    end = index
    while end < len(lines) and (not lines[end] or is_label_line(lines[end])):
        keys.extend(label.key for label in find_labels(lines[end]) if label.key is not None)
        end += 1
    if len(keys) < _GRID_LABELS_MIN or all(key in META_LINE_KEYS for key in keys):
        return None
    return end


def _is_dated_meta_line(line: str) -> bool:
    """A meta line naming when the notice was published (发布日期:…, 时间:…); a bare 时间
    beside a place or a host (时间:… 地点:…) is an event's."""
    if not is_meta_line(line):
        return False
    labels = find_labels(line)
    dated = [label.compact for label in labels if label.key == _PUBLISHED_KEY]
    event = any(label.compact.endswith(EVENT_LABELS) for label in labels)
    return any(label != _BARE_TIME or not event for label in dated)


def grid_over_dated_headline(lines: list[str], first: int) -> int | None:
    """The first row of a header grid that a few short lines from ``first`` stand over and
    a headline with a dated meta line right under it follows; ``None`` when the page does
    not show that order (the title above the grid, then the text)."""
    above: list[str] = []
    index = next_nonblank(lines, first)
    for _ in range(_ABOVE_MAX):
        if index >= len(lines) or is_label_line(lines[index]):
            break
        if not is_title_like(lines[index]):
            return None  # a sentence: the text has begun
        under_breadcrumb = bool(above) and is_breadcrumb(above[-1])
        if not _is_chrome_above(lines[index], under_breadcrumb=under_breadcrumb):
            return None  # a title over the grid: the headline under it is a subheading
        above.append(lines[index])
        index = next_nonblank(lines, index + 1)
    if index == next_nonblank(lines, first) or index >= len(lines):
        return None  # nothing above the grid, or no grid
    if not is_label_line(lines[index]) or (end := _grid_end(lines, index)) is None:
        return None
    headline = next_nonblank(lines, end)
    if headline >= len(lines) or not is_title_like(lines[headline]):
        return None
    shown = compact(lines[headline])
    if any(compact(line) == shown or is_suffixed_repeat(line, shown) for line in above):
        return None  # the title over the grid, printed again under it: read as it is
    run = title_run(lines, headline)
    under = next_nonblank(lines, run[1] if run is not None else headline + 1)
    return index if under < len(lines) and _is_dated_meta_line(lines[under]) else None
