"""The publication time a page shows without a label: a date-time directly under the title
(``<div class="time">2024-05-20 09:30</div>``, ``<li>2023-12-01 14:43</li>``).

Read only between the title element and the body, and only when no labelled publication
date is shown. The field it gives has origin ``unlabelled``; for want of a shown label it is
labelled with the element it was read from (``div.time``), as a ``<meta>`` tag's field is
labelled with its name.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

from selectolax.lexbor import LexborNode

from noticecli.dates import parse_date
from noticecli.fields import PUBLISHED_KEYS, is_time_label
from noticecli.knowledge import DATELESS_META_KEYS, META_LINE_KEYS
from noticecli.labels import key_for, split_meta_pairs, split_value_labels
from noticecli.models import HeaderField
from noticecli.parse.dom import ancestors, clean_text, compact, is_inside, iter_visible
from noticecli.parse.lines import is_widget_row

# Nodes after the title looked at (siblings of the title and of two of its ancestors), and
# text nodes read inside each: a date line sits right under the title.
_MAX_SIBLINGS = 12
_MAX_TEXTS = 12
_LEVELS = 3
# Around a date: brackets, and the bar that parts it from the next item (2024年05月10日06:58 |).
_BRACKETS = "[]【】()（）〔〕 |｜"
_BRACKET_PAIRS = (("（", "）"), ("(", ")"), ("【", "】"), ("[", "]"), ("〔", "〕"))
# A date line is short and says no sentence.
_LINE_MAX_CHARS = 150
_SENTENCE = re.compile(r"[。；！？]")
_CLAUSE = re.compile(r"[。；！？，,;]")
# What follows an event's date, never a publication time's: a part of the day, a range.
_EVENT_TIME = re.compile(r"\s*(?:上午|下午|中午|晚上|凌晨|早上|全天|至|到|起|[-—~～])")
# A value closed by a date after a gap (张三 2024-05-01, 本站 2024-05-01 10:30).
_CLOSING_DATE = re.compile(
    r"^(?P<value>.*?\S)\s+"
    r"(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)$"
)
_Pairs = list[tuple[str, str | None]]
# A date (and a time) opening a line, a space after it.
_LEADING_DATE = re.compile(
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)\s"
)
_TIME_LABEL = re.compile(
    r"^[【\[]?(?P<label>[\u4e00-\u9fff]{1,6}(?:时间|日期))\s*[:：]\s*(?P<rest>.*)$"
)


class DateLine(NamedTuple):
    fields: list[HeaderField]  # the date field, then the labelled values after it
    element: LexborNode | None  # the element that is the date line, when it stands directly
    # under the title and holds nothing else (then it is no body text)


def unlabelled_date(
    title: LexborNode, container: LexborNode | None, passed: Collection[int] = ()
) -> DateLine:
    """The first date-time shown without a label after ``title`` and before ``container``
    (nothing when there is none), with the labelled values printed after it in the same line
    (2024-05-01 来源：本站; 更新时间：2025-09-15 10:20  来源：某某  作者：某某: the label scan of
    :mod:`.header_html` starts only at known labels and passes such a text over). Elements
    whose ids are in ``passed`` (a meta line read already) are no text between the title and
    the date line."""
    found = _first_date(title, container, passed)
    if found is None:
        return DateLine([], None)
    field, pairs, element = found
    return DateLine(
        [
            field,
            *(HeaderField(key_for(label), label, value, "meta_line") for label, value in pairs),
        ],
        element,
    )


def add_date_line(header: list[HeaderField], fields: list[HeaderField]) -> None:
    """Add a date line's ``fields`` (:attr:`DateLine.fields`) to the ``header`` read so far.
    The date's label may be read already (更新日期： beside known labels): the date is added
    unless shown with its value, the values after it only under labels not read. A meta-line
    value the label scan read with the date glued on (作者：张三 2024-05-01 read as
    张三 2024-05-01) keeps only its own part."""
    labels = {field.label for field in header}
    shown = {(field.label, field.value) for field in header}
    date, *after = fields
    own = {(field.label, compact(f"{field.value}{date.value}")): field.value for field in after}
    for field in header:
        if field.origin == "meta_line" and field.value is not None:
            field.value = own.get((field.label, compact(field.value)), field.value)
    header.extend(
        ([date] if (date.label, date.value) not in shown else [])
        + [field for field in after if field.label not in labels]
    )


def _first_date(
    title: LexborNode, container: LexborNode | None, passed: Collection[int]
) -> tuple[HeaderField, _Pairs, LexborNode | None] | None:
    body_line = (
        {container.mem_id, *(node.mem_id for node in ancestors(container))} if container else set()
    )
    last = title.last_child
    if last is not None and last.tag != "-text":
        # <h1>标题<small>2024-09-12</small></h1>: the date printed inside the heading, last.
        found = _date_in(last)
        if found is not None:
            field, pairs, _text = found
            return field, pairs, None  # the heading is no body line
    node: LexborNode | None = title
    seen = 0
    direct = True  # no text stands between the title and the sibling looked at
    # Under a title inside the body container, text after it is the body's: a date past it
    # (the signature's) is no date line.
    in_body = container is not None and is_inside(title, container.mem_id)
    for _level in range(_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return None
        sibling = node.next
        while sibling is not None:
            if sibling.mem_id in body_line or (in_body and not direct):
                return None  # the body starts: no date line between it and the title
            found = _date_in(sibling)
            if found is not None:
                field, pairs, text_node = found
                line = _line_element(text_node, sibling) if direct else None
                if line is None:
                    return field, pairs, None
                # The line's values may stand in other elements.
                element, pairs = line
                return field, pairs, element
            if sibling.mem_id not in passed and (sibling.tag == "-text" or sibling.is_element_node):
                # The article's toolbar (字号 打印 分享) between them is no text.
                shown = clean_text(sibling.text())
                direct = direct and (not shown or is_widget_row(shown))
            seen += 1
            if seen >= _MAX_SIBLINGS:
                return None
            sibling = sibling.next
        node = node.parent
    return None


def _line_element(text_node: LexborNode, sibling: LexborNode) -> tuple[LexborNode, _Pairs] | None:
    """The largest element from ``text_node``'s parent up to ``sibling`` that is the date
    line alone: a date line's shape (:func:`_date_line_pairs`), no sentence; and the
    labelled values it holds besides its date."""
    if text_node.mem_id == sibling.mem_id:
        return None
    line: tuple[LexborNode, _Pairs] | None = None
    node = text_node.parent
    while node is not None:
        text = clean_text(node.text())
        if len(text) > _LINE_MAX_CHARS or _SENTENCE.search(text):
            break
        pairs = _date_line_pairs(text)
        if pairs is not None:
            line = node, pairs
        if node.mem_id == sibling.mem_id:
            break
        node = node.parent
    return line


def _date_line_pairs(text: str) -> _Pairs | None:
    """The labelled values a date line holds besides its date; ``None`` when ``text`` is no
    date line. A date line: a date, or a time label holding one, then labelled values
    (2024-05-01 来源：本站); or meta-line values closed by a date (作者：张三 2024-05-01)."""
    trailing = _trailing_date(text)
    if trailing is not None:
        return trailing[0]
    match = _TIME_LABEL.match(text)
    head, pairs = split_value_labels(match["rest"] if match is not None else text)
    return pairs if parse_date(_unbracketed(head or "")) is not None else None


def _trailing_date(text: str) -> tuple[_Pairs, str] | None:
    """Meta-line values whose last one, a value without a date of its own, is closed by a
    date (作者：张三 2024-05-01): the pairs without the date, and the date. Every label must be
    a meta-line label and none a date's (a line of other labels, 时间：… 地点：…, is text)."""
    if not text or text[0].isdigit() or ("：" not in text and ":" not in text):
        return None
    pairs = split_meta_pairs(text)
    if not pairs or any(
        key_for(label) not in META_LINE_KEYS or key_for(label) in PUBLISHED_KEYS
        for label, _value in pairs
    ):
        return None
    label, value = pairs[-1]
    if key_for(label) not in DATELESS_META_KEYS:
        return None
    match = _CLOSING_DATE.match(value or "")
    if match is None or parse_date(match["date"]) is None:
        return None
    return [*pairs[:-1], (label, match["value"])], match["date"]


def _date_in(node: LexborNode) -> tuple[HeaderField, _Pairs, LexborNode] | None:
    """The date field in ``node``, the labelled values printed with it and the text node it
    was read from."""
    texts = [node] if node.tag == "-text" else _texts(node)
    for text_node in texts:
        text = clean_text(text_node.text_content or "")
        trailing = _trailing_date(text)
        if (text and text[-1] in "：:") or "时间" in text or "日期" in text:
            labelled = _time_label_in(text_node, text)
            if labelled is not None:
                field, pairs = labelled
                return field, trailing[0] if trailing is not None else pairs, text_node
        if trailing is not None:
            pairs, date = trailing
            field = HeaderField("published_at", _where(text_node.parent), date, "unlabelled")
            return field, pairs, text_node
        if not text or (not text[0].isdigit() and text[0] not in _BRACKETS):
            continue
        head, pairs = split_value_labels(text)
        value = _unbracketed(head or "")
        if (
            value
            and parse_date(value) is None
            and not _CLAUSE.search(value)  # 2024年9月18日 上午10时，全市…: a news lead
            and (leading := _LEADING_DATE.match(value))
            and not _EVENT_TIME.match(value[leading.end() :])  # 2024年9月20日 上午9:00: a meeting
        ):
            # 2024年09月12日 10:30  青川日报  记者 王敏: the date, then unlabelled credits.
            value = leading.group(1)
        if value and parse_date(value) is not None:
            holder = text_node.parent
            return (
                HeaderField("published_at", _where(holder), value, "unlabelled"),
                pairs,
                text_node,
            )
    return None


def _unbracketed(text: str) -> str:
    """A date without the brackets and bars around it; a bracket the value opens itself
    (2024年5月1日（星期三）) is kept closed."""
    value = text.strip(_BRACKETS)
    after = text[text.find(value) + len(value) :].lstrip()
    for opener, closer in _BRACKET_PAIRS:
        if value.count(opener) > value.count(closer) and after.startswith(closer):
            value += closer
    return value


def _time_label_in(text_node: LexborNode, text: str) -> tuple[HeaderField, _Pairs] | None:
    """A label of the page's own ending in 时间/日期 and the date it holds (更新时间：2024-09-10,
    or the label alone with its date in the next text): the meta line's publication time
    when no publication label is shown (:func:`noticecli.fields.is_time_label`); and the
    labelled values ``text`` prints after the date."""
    match = _TIME_LABEL.match(text)
    if match is None:
        return None
    rest = match["rest"]
    if rest:
        head, pairs = split_value_labels(rest)
    else:
        following = text_node.next or (text_node.parent.next if text_node.parent else None)
        head, _following_pairs = split_value_labels(
            clean_text(following.text() if following is not None else "")
        )
        pairs = []  # the label alone: its line holds no other values
    field = HeaderField(None, match["label"], head, "meta_line")
    return (field, pairs) if head and is_time_label(field) else None


def _texts(node: LexborNode) -> list[LexborNode]:
    found: list[LexborNode] = []
    for item in iter_visible(node, prune_tags=frozenset({"a"})):
        if item.tag == "-text" and (item.text_content or "").strip():
            found.append(item)
            if len(found) >= _MAX_TEXTS:
                break
    return found


def _where(node: LexborNode | None) -> str:
    """``tag.class`` (or ``tag#id``, or the tag) of the element a value was read from."""
    if node is None or not node.tag:
        return "text"
    attrs = node.attributes
    classes = (attrs.get("class") or "").split()
    if classes:
        return f"{node.tag}.{classes[0]}"
    identifier = (attrs.get("id") or "").strip()
    return f"{node.tag}#{identifier}" if identifier else node.tag
