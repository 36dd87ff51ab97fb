"""A text dump whose header and body were flattened onto one long line (the archiver's
``page.txt``, a portal page printed on one line): header values cut at whitespace, the
title the segment before the first meta label (a colon inside it included), the bracketed
widget groups removed whole, and the text after the last header label split into
paragraphs at whitespace."""

from __future__ import annotations

import re

from noticecli.knowledge import WHERE_LABEL
from noticecli.models import FieldOrigin
from noticecli.parse.bracket_groups import is_widget_group
from noticecli.parse.dom import compact
from noticecli.parse.lines import END_PUNCT, is_date_line, is_org_line
from noticecli.parse.text_fields import FieldBuilder, field_value
from noticecli.parse.text_labels import (
    DATE_TIME_PREFIX,
    clean_line,
    find_labels,
    line_value,
)
from noticecli.parse.text_title_line import TITLE_MIN, is_title_like

__all__ = [
    "FLAT_LINE_MIN",
    "flat_title",
    "parse_flattened",
    "split_salutation",
    "without_breadcrumb",
    "without_trail",
]

FLAT_LINE_MIN = 200  # a header line this long holds the whole page
_FLAT_GAP_MAX = 80  # labels further apart than this have left the header grid
_FLAT_VALUE_MAX = 50
_SALUTATION_MAX = 80  # the addressees of a notice fit in this many characters
_TITLE_MAX = 100
_BREADCRUMB = re.compile(f"^{WHERE_LABEL}")
# A breadcrumb before the title on the one line: 当前位置: 首页 > 通知公告 (its last item too).
_BREADCRUMB_TRAIL = re.compile(rf"^{WHERE_LABEL}\s*(?:[^\s>＞»]+\s*[>＞»]\s*)+[^\s>＞»]+\s+")
# A bracketed widget group: 【字体:小 大】, 【打印正文】, 【关闭窗口】, 【我要纠错】.
_BRACKET_GROUP = re.compile(r"【([^【】]{1,12})】")
# A list's heading closing a one-line page (… 相关信息): the related list the store cut off.
_CLOSING_LIST = re.compile(r"\s+(?:相关信息|相关链接|相关文章|相关阅读|相关新闻)$")


def without_widget_groups(line: str) -> str:
    """The one-line page without its widget groups, each removed whole, and without the
    related list's heading closing it."""
    if "【" in line:
        line = _BRACKET_GROUP.sub(
            lambda group: " " if is_widget_group(group[1].strip()) else group.group(), line
        )
    return _CLOSING_LIST.sub("", line)


def flat_title(line: str) -> tuple[str | None, str]:
    """The title of a one-line page, and the line from its first meta label: the segment
    before the first known label (after a breadcrumb), even when it holds a colon of its
    own (某某提示:元宵节勿忘某事 来源: 发布时间:…); ``(None, line)`` when no such segment
    is worded like a title."""
    rest = _BREADCRUMB_TRAIL.sub("", line, count=1)
    if _BREADCRUMB.match(rest):
        return None, line  # a breadcrumb whose items run together: where it ends is unknown
    first_known = next((label for label in find_labels(rest) if label.kind == "known"), None)
    if first_known is None:
        return None, line
    end = first_known.start
    # A label opening the segment is the title's own colon; any other before the first known
    # one (阅读: 人次) is the meta line's already.
    inner = [label for label in find_labels(rest[:end]) if label.start > 0]
    if inner:
        end = inner[0].start
    head = rest[:end].strip()
    if (
        not TITLE_MIN <= len(head) <= _TITLE_MAX
        or head[-1] in END_PUNCT
        or is_org_line(head)
        or is_date_line(head)
        or re.search("[。；！？]", head)
        or any(label.kind == "known" for label in find_labels(head))
    ):
        return None, line
    return head, rest[end:]


def _cut_value(raw: str) -> tuple[str | None, str]:
    """First value-sized piece of ``raw`` (a date keeps its time), and the rest."""
    text = clean_line(raw)
    if not text:
        return None, ""
    match = DATE_TIME_PREFIX.match(text)
    if match:
        return match.group(), clean_line(text[match.end() :])
    parts = text.split(maxsplit=1)
    head, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    return head, rest


def _plausible_value(value: str) -> bool:
    return len(value) <= _FLAT_VALUE_MAX and not re.search("[。；！？]", value)


def parse_flattened(
    line: str, build: FieldBuilder, origin: FieldOrigin = "header"
) -> tuple[str | None, str]:
    """Header grid of a one-line page (its labels' ``origin`` until the title is passed);
    returns (title if newly found, the text after it)."""
    labels = find_labels(line)
    last = 0
    while last + 1 < len(labels) and labels[last + 1].start - labels[last].end <= _FLAT_GAP_MAX:
        last += 1
    found_title: str | None = None
    rest = ""
    dropped = False
    for index in range(last + 1):
        label = labels[index]
        end = labels[index + 1].start if index < last else len(line)
        raw = line[label.end : end]
        value, residue = _cut_value(raw)
        if index == last and value is not None and not _plausible_value(value):
            value, residue = None, clean_line(raw)  # the body starts right after this label
        build.add(label, line_value(value) if value is not None else None, origin)
        if index == last:
            rest = residue
            continue
        if residue:
            dropped = True
            known_title = field_value(build.notice, "title") or found_title
            if known_title and compact(known_title) in compact(residue):
                origin = "meta_line"  # labels after the title line are its meta line
            elif known_title is None:
                head = residue.split()[0]
                if is_title_like(head) and len(head) >= 6:
                    found_title, origin = head, "meta_line"
    build.notice.warn(
        "flattened_text",
        "header and body share one line; header values cut at whitespace"
        + ("; page chrome between them dropped" if dropped else ""),
    )
    return found_title, rest


def split_salutation(piece: str) -> list[str]:
    """A flattened paragraph that opens with the notice's addressees (各…单位：…): the
    salutation is a paragraph of its own, as on the page."""
    colon = piece.find("：")
    if colon < 2 or colon > _SALUTATION_MAX or colon == len(piece) - 1:
        return [piece]
    head = piece[: colon + 1]
    if not head.startswith("各") or any(mark in head for mark in "。；！？"):
        return [piece]
    return [head, piece[colon + 1 :]]


# A where-label and its trail alone (当前位置：首页 > 通知公告), nothing else before a label.
_TRAIL_ALONE = re.compile(rf"^{WHERE_LABEL}\s*[^\s>＞»]*(?:\s*[>＞»]\s*[^\s>＞»]+)*\s*[>＞»]?\s*$")


def without_trail(line: str) -> str:
    """A meta line a where-label and its trail open (当前位置：首页 > 通知公告  发布时间：…)
    from its first label: the trail is the site's, the labels after it the page's. A line
    with more than the trail before its first label (a title, a whole flattened page) is
    left whole."""
    if not _BREADCRUMB.match(line):
        return line
    labels = find_labels(line)
    if not labels or labels[0].start == 0 or not _TRAIL_ALONE.match(line[: labels[0].start]):
        return line
    return line[labels[0].start :]


def without_breadcrumb(line: str) -> str:
    """A flattened page that starts with its breadcrumb (当前位置： 首页 …) from its first label."""
    if not _BREADCRUMB.match(line):
        return line
    labels = find_labels(line)
    return line[labels[0].start :] if labels else line


_CHROME_OVER_FLAT_MAX = 3  # short lines a one-line page's chrome leaves above it
_CHROME_LINE_MAX = 20


def one_line_page_start(lines: list[str], first: int) -> int:
    """Where a one-line page starts when up to three short lines (a widget word, 首页, a
    greeting) stand above it: the first long line whose opening is a title running into a
    known meta label; ``first`` when there is none."""
    index, shorts = first, 0
    while index < len(lines) and shorts <= _CHROME_OVER_FLAT_MAX:
        line = lines[index]
        if len(line) > FLAT_LINE_MIN:
            if shorts == 0:
                return first
            head, rest = flat_title(without_widget_groups(line))
            return index if head is not None and find_labels(rest) else first
        if line:
            if len(line) > _CHROME_LINE_MAX or line[-1] in END_PUNCT or find_labels(line):
                return first  # text or a field above: not chrome
            shorts += 1
        index += 1
    return first
