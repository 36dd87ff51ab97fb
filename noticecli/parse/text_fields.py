"""The header fields a text dump's label lines give, in page order: the builder the text
parser and its flattened-page reader share (a grid printed twice read once, a meta label
shown twice kept once, cut-short labels resolved, a date after a value's gap)."""

from __future__ import annotations

import re

from noticecli.dates import parse_date
from noticecli.knowledge import DATELESS_META_KEYS
from noticecli.labels import (
    DATE_KEYS,
    Shape,
    compact_label,
    cut_line_end_widget,
    display_label,
    fits_shape,
    is_font_size_widget,
    is_share_widget,
    resolve_truncated_label,
    value_shape,
    vocabulary,
)
from noticecli.models import FieldOrigin, HeaderField, Notice
from noticecli.parse.text_labels import TextLabel, find_labels, first_label, line_value

__all__ = ["FieldBuilder", "field_value"]

# A value, a cell's gap, and a date(-time) closing the line (岳阳日报   2012-10-29 00:00).
_DATE_AT_END = r"(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*$"
_GAPPED_DATE = re.compile(r"^(?P<value>.*?\S)[ \t\u3000\xa0]{2,}" + _DATE_AT_END)
# The same after one space: the date closing a name on a line without a date label.
_CLOSING_DATE = re.compile(r"^(?P<value>.*?\S)[ \t\u3000\xa0]+" + _DATE_AT_END)
# … and a date with its time of day after one space, wherever the value ends (来源:某县人防办
# 2025-06-12 09:30 浏览量:): a publication time, never a source's issue date (a day only).
_TIMED_DATE = re.compile(
    r"^(?P<value>.*?\S)[ \t\u3000\xa0]+"
    r"(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}:\d{2}(?::\d{2})?)\s*$"
)

# A value, a cell's gap, and one word closing the line: a known label there is an empty cell.
_GAPPED_LABEL = re.compile(r"^(?P<value>.*?\S)[ \t\u3000\xa0]{2,}(?P<label>[^\s:：]{2,8})\s*$")

# A value, a space, and a label with its date in brackets closing the line (阅读次数:188
# 加入时间(2013-11-27)): a second pair whose value the brackets hold, not the first value's.
_BRACKETED_PAIR = re.compile(
    r"^(?P<value>.*?\S)[ \t\u3000\xa0]+(?P<label>[\u4e00-\u9fff]{2,6})"
    r"[(（]\s*(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
    r"\s*[)）]\s*$"
)

_SHAPE_WORDS: dict[Shape, str] = {
    "empty": "empty",
    "date": "date",
    "doc_no": "document number",
    "index_no": "index number",
    "number": "number",
    "text": "text",
}


# --- labels -----------------------------------------------------------------------------------


# --- building fields --------------------------------------------------------------------------


class FieldBuilder:
    """Collects header fields and warnings in page order."""

    def __init__(self, notice: Notice) -> None:
        self.notice = notice
        self.seen: set[str] = set()
        self.shown: set[tuple[str, str | None, FieldOrigin]] = set()
        self.repeated = False  # a filled field was shown twice: the grid is printed twice
        self.rows: list[int] = []  # line index → the index of the page's line it comes from
        self.doc_head: list[str] = []  # a document's head read over the title: the body's
        self.body_opening: list[str] = []  # lines under the title that open the body, read past
        self.widget_rows: frozenset[int] = frozenset()  # lines blanked as widgets (打印, 关闭)

    def where(self, index: int) -> str:
        """How a value read from line ``index`` without a label is labelled: the page's line
        number (1-based), counted before table cells were split into lines."""
        row = self.rows[index] if index < len(self.rows) else index
        return f"line {row + 1}"

    def add(self, label: TextLabel, value: str | None, origin: FieldOrigin) -> HeaderField | None:
        if label.kind != "known" and (
            is_font_size_widget(label.compact, value) or is_share_widget(label.compact, value)
        ):
            return None  # 选择阅读字号:[ 大 中 小 ], 转发: a widget, not a field
        # A grid printed twice (a page's desktop and mobile copies) is read once.
        shown = (label.compact, value, origin)
        if shown in self.shown:
            if value is not None:
                self.repeated = True
                return None
            if self.repeated:
                return None  # the empty 文号 of the second copy too
        self.shown.add(shown)
        if origin == "meta_line" and self._shown_again(label, value):
            return None
        key = label.key
        if label.kind == "fragment":
            key = self._resolve(label, value)
        elif key is None and label.compact.endswith("标题"):
            key = "title"  # 信件标题, 文章标题: the title under a label of its own
        field = HeaderField(key=key, label=label.shown, value=value, origin=origin)
        self.notice.header.append(field)
        if key is not None:
            self.seen.add(key)
        return field

    def _shown_again(self, label: TextLabel, value: str | None) -> bool:
        """A meta-line label shown again with no other value (访问量: at the line's end, then
        访问量: on the next line): one field, and a warning."""
        for field in self.notice.header:
            if field.origin != "meta_line" or compact_label(field.label) != label.compact:
                continue
            if value is not None and value != field.value:
                return False
            self.notice.warn(
                "label_repeated",
                f"{label.shown} appears more than once on the meta lines; fields keeps the "
                f"first value ({field.value})",
            )
            return True
        return False

    def _resolve(self, label: TextLabel, value: str | None) -> str | None:
        seen_before = set(self.seen)
        key, _confidence, candidates = resolve_truncated_label(label.compact, value, seen_before)
        names = first_label()
        if key is None:
            shape = value_shape(value)
            if len(label.compact) > 1 and not any(fits_shape(c, shape) for c in candidates):
                return None  # 字号：大 中 小 is a label of its own, not a cut-short 发文字号
            shown = "/".join(names[c] for c in candidates)
            self.notice.warn(
                "truncated_label_ambiguous",
                f"label '{label.shown}' could be {shown}; kept as shown",
            )
            return None
        reasons = [f"value shape: {_SHAPE_WORDS[value_shape(value)]}"]
        already = [names[c] for c in candidates if c in seen_before and c != key]
        if already:
            reasons.append(f"{'/'.join(already)} already seen")
        self.notice.warn(
            "truncated_label",
            f"label '{label.shown}' read as {names[key]} ({'; '.join(reasons)})",
        )
        return key

    def add_line(
        self, line: str, origin: FieldOrigin, where: str = "meta line"
    ) -> list[HeaderField]:
        """The fields of a label line; on a meta line, a date a wide gap after a value
        (来源:岳阳日报   2012-10-29 00:00) is the unlabelled publication time, read from
        ``where``."""
        labels = find_labels(line)
        added = []
        # A line without a date label may close its last value, one holding no date of its
        # own, with the date after one space (作者：张三 2024-05-01).
        undated = not any(label.key in DATE_KEYS for label in labels)
        for index, label in enumerate(labels):
            end = labels[index + 1].start if index + 1 < len(labels) else len(line)
            raw = line[label.end : end]
            dated = None
            if origin == "meta_line" and label.key not in DATE_KEYS:
                closing = undated and end == len(line) and label.key in DATELESS_META_KEYS
                raw, dated = _split_trailing_date(raw, closing)
                if (
                    dated is None
                    and undated
                    and label.kind == "known"
                    and field_value(self.notice, "published_at") is None
                ):
                    raw, dated = _split_timed_date(raw)
            if end == len(line) and (index or origin == "meta_line"):
                # A meta line's last value, on a line of its own too (作者：王明 关闭 under
                # 发布时间：…): see cut_line_end_widget.
                raw = cut_line_end_widget(raw)
            bracketed: tuple[TextLabel, str] | None = None
            if end == len(line) and origin == "meta_line":
                raw, bracketed = _split_bracketed_pair(raw)
            empty = None
            if end == len(line) and index and origin == "header":
                raw, empty = _split_empty_label(raw)
            field = self.add(label, line_value(raw), origin)
            if field is not None:
                added.append(field)
            if empty is not None and (field := self.add(empty, None, origin)) is not None:
                added.append(field)
            if bracketed is not None and (field := self.add(*bracketed, origin)) is not None:
                added.append(field)
            if dated is not None:
                self.notice.header.append(HeaderField("published_at", where, dated, "unlabelled"))
        return added


def _split_empty_label(raw: str) -> tuple[str, TextLabel | None]:
    """A pair line's last value and the known label without a colon a wide gap sets after it
    (分类: 报告    机构分类): that label's cell, empty; a value never ends in a lone label."""
    match = _GAPPED_LABEL.match(raw)
    if match is None:
        return raw, None
    compact = compact_label(match["label"])
    key = vocabulary().get(compact)
    if key is None:
        return raw, None
    shown = display_label(match["label"])
    return match["value"], TextLabel(0, 0, shown, compact, "known", key)


def _split_bracketed_pair(raw: str) -> tuple[str, tuple[TextLabel, str] | None]:
    """A meta line's last value and the pair closing it whose date stands in brackets after
    its label (188 加入时间(2013-11-27) → 188, 加入时间 = 2013-11-27), if any."""
    match = _BRACKETED_PAIR.match(raw)
    if match is None or parse_date(match["date"]) is None:
        return raw, None
    compact = compact_label(match["label"])
    key = vocabulary().get(compact)
    label = TextLabel(0, 0, match["label"], compact, "unknown" if key is None else "known", key)
    return match["value"], (label, match["date"])


def _split_trailing_date(raw: str, closing: bool = False) -> tuple[str, str | None]:
    """A value and the date-time a gap of two or more spaces sets after it (one space when
    ``closing``: the last value of a line without a date label), if any."""
    match = (_CLOSING_DATE if closing else _GAPPED_DATE).match(raw)
    if match is None or parse_date(match["date"]) is None:
        return raw, None
    return match["value"], match["date"]


def _split_timed_date(raw: str) -> tuple[str, str | None]:
    """A value and the date with a time of day one space after it, if any."""
    match = _TIMED_DATE.match(raw)
    if match is None or parse_date(match["date"]) is None:
        return raw, None
    return match["value"], match["date"]


def field_value(notice: Notice, key: str) -> str | None:
    """The first filled value of ``key`` among the notice's fields so far."""
    for field in notice.header:
        if field.key == key and field.value is not None:
            return field.value
    return None
