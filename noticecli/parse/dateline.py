"""The publication time a page shows without a label: a date-time directly under the title
(``<div class="time">2024-05-20 09:30</div>``, ``<li>2023-12-01 14:43</li>``).

Read only between the title element and the body, and only when no labelled publication
date is shown. The field it gives has origin ``unlabelled``; for want of a shown label it is
labelled with the element it was read from (``div.time``), as a ``<meta>`` tag's field is
labelled with its name.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from noticecli.dates import parse_date
from noticecli.fields import is_time_label
from noticecli.labels import key_for, split_value_labels
from noticecli.models import HeaderField
from noticecli.parse.dom import ancestors, clean_text, iter_visible

# Nodes after the title looked at (siblings of the title and of two of its ancestors), and
# text nodes read inside each: a date line sits right under the title.
_MAX_SIBLINGS = 12
_MAX_TEXTS = 12
_LEVELS = 3
# Around a date: brackets, and the bar that parts it from the next item (2024年05月10日06:58 |).
_BRACKETS = "[]【】()（）〔〕 |｜"
# A date (and a time) opening a line, a space after it.
_LEADING_DATE = re.compile(
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)\s"
)
_TIME_LABEL = re.compile(
    r"^[【\[]?(?P<label>[\u4e00-\u9fff]{1,6}(?:时间|日期))\s*[:：]\s*(?P<rest>.*)$"
)


def unlabelled_date(title: LexborNode, container: LexborNode | None) -> list[HeaderField]:
    """The first date-time shown without a label after ``title`` and before ``container``
    (nothing when there is none), with the labelled values printed after a time label of the
    page's own in the same text (更新时间：2025-09-15 10:20  来源：某某  作者：某某): the label
    scan of :mod:`.header_html` starts only at known labels and passes such a text over."""
    found = _first_date(title, container)
    if found is None:
        return []
    field, rest = found
    if field.origin != "meta_line" or not rest:
        return [field]
    _head, pairs = split_value_labels(rest)
    return [
        field,
        *(HeaderField(key_for(label), label, value, "meta_line") for label, value in pairs),
    ]


def _first_date(title: LexborNode, container: LexborNode | None) -> tuple[HeaderField, str] | None:
    body_line = (
        {container.mem_id, *(node.mem_id for node in ancestors(container))} if container else set()
    )
    last = title.last_child
    if last is not None and last.tag != "-text":
        # <h1>标题<small>2024-09-12</small></h1>: the date printed inside the heading, last.
        found = _date_in(last)
        if found is not None:
            return found
    node: LexborNode | None = title
    seen = 0
    for _level in range(_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return None
        sibling = node.next
        while sibling is not None:
            if sibling.mem_id in body_line:
                return None  # the body starts: no date line between it and the title
            found = _date_in(sibling)
            if found is not None:
                return found
            seen += 1
            if seen >= _MAX_SIBLINGS:
                return None
            sibling = sibling.next
        node = node.parent
    return None


def _date_in(node: LexborNode) -> tuple[HeaderField, str] | None:
    """The date field in ``node``, and the rest of a time label's text after the date's
    label (empty for an unlabelled date)."""
    texts = [node] if node.tag == "-text" else _texts(node)
    for text_node in texts:
        text = clean_text(text_node.text_content or "")
        if (text and text[-1] in "：:") or "时间" in text or "日期" in text:
            labelled = _time_label_in(text_node, text)
            if labelled is not None:
                match = _TIME_LABEL.match(text)
                return labelled, match["rest"] if match is not None else ""
        if not text or (not text[0].isdigit() and text[0] not in _BRACKETS):
            continue
        head, _pairs = split_value_labels(text)
        value = (head or "").strip(_BRACKETS)
        if value and parse_date(value) is None and (leading := _LEADING_DATE.match(value)):
            # 2024年09月12日 10:30  青川日报  记者 王敏: the date, then unlabelled credits.
            value = leading.group(1)
        if value and parse_date(value) is not None:
            holder = text_node.parent
            return HeaderField("published_at", _where(holder), value, "unlabelled"), ""
    return None


def _time_label_in(text_node: LexborNode, text: str) -> HeaderField | None:
    """A label of the page's own ending in 时间/日期 and the date it holds (更新时间：2024-09-10,
    or the label alone with its date in the next text): the meta line's publication time
    when no publication label is shown (:func:`noticecli.fields.is_time_label`)."""
    match = _TIME_LABEL.match(text)
    if match is None:
        return None
    rest = match["rest"]
    if not rest:
        following = text_node.next or (text_node.parent.next if text_node.parent else None)
        rest = clean_text(following.text() if following is not None else "")
    head, _pairs = split_value_labels(rest)
    field = HeaderField(None, match["label"], head, "meta_line")
    return field if head and is_time_label(field) else None


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
