"""The one label vocabulary: header label text → canonical key, and what labels tell.

Labels are compared after removing every kind of whitespace (spaces, ``&ensp;``, ``&emsp;``,
U+3000, nbsp) and colons, so ``索&ensp;引&ensp;号：`` and ``索 引 号:`` both match 索引号.
Beside the vocabulary: splitting ``label：value`` text, the shapes a value can have, and
reading a label that extraction cut short (``号`` → 索引号 or 文号) from the value's shape.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from noticecli.chrome_words import (
    QR_WIDGET_WORDS,
    SHARE_WIDGET_WORD,
    VALUE_LINK_ACTION,
    VALUE_WIDGET_AFTER_COUNTER,
    VALUE_WIDGET_AFTER_DATE,
    VALUE_WIDGET_ALONE,
    VALUE_WIDGET_LEADS,
    VALUE_WIDGET_LINE_END,
    VALUE_WIDGET_WORDS,
)
from noticecli.chrome_words import WIDGET_LABELS as WIDGET_LABELS  # the parsers import it from here
from noticecli.knowledge import LABEL_SHAPE, VALUE_PLACEHOLDERS

# \s covers U+3000, U+2002 (ensp), U+2003 (emsp), U+00A0 (nbsp) in Python's re.
_LABEL_NOISE = re.compile(r"[\s:：\u200b\ufeff]+")
_EDGE_PUNCT = "【】[]〔〕()（）<>《》"

_WIDGET_WORDS = "(?:" + "|".join(VALUE_WIDGET_WORDS + VALUE_WIDGET_ALONE) + ")"
# Compiled on first use: every alternative holds one of _TRAILING_WIDGET_WORDS, and most
# values hold none of them.
_TRAILING_WIDGET = (
    # 选择阅读字号： and 调整字体： name the same widget as 字号：.
    r"\s*[【\[]?\s*(?:选择|阅读|调整|设置){0,2}(?:"
    + "|".join(VALUE_WIDGET_LEADS)
    + r")\s*[:：】\]]"
    rf"|\s+{_WIDGET_WORDS}(?:\s+{_WIDGET_WORDS})+\s*$"
    rf"|\s+{VALUE_LINK_ACTION}\s*$"
    rf"|\s+(?:{'|'.join(VALUE_WIDGET_ALONE)})\s*$"
    # After a date's last digit (2024-09-20 收藏, 2024-09-20收藏): a widget, whatever follows.
    rf"|(?<=\d)\s*(?:{'|'.join(VALUE_WIDGET_AFTER_DATE)})(?:\s+{_WIDGET_WORDS})*\s*$"
    rf"|^{_WIDGET_WORDS}(?:\s+{_WIDGET_WORDS})*\s*$"
    # After a number's last digit or a counter's placeholder (123字体, -字体): the font widget.
    rf"|(?:(?<=\d)|(?<=^[-－—])|(?<=^[-－—]{{2}}))\s*(?:{'|'.join(VALUE_WIDGET_AFTER_COUNTER)})"
    rf"(?:\s*{_WIDGET_WORDS})*\s*$"
)
# The words of those alternatives without their optional parts (分享到? → 分享).
# Brackets a widget's script had not filled (2026-02-23 08:00:00   [ ]), after a value's gap:
# they end the value and are never part of it.
_EMPTY_BRACKETS = re.compile(r"(?:(?:^|\s+)[\[【［]\s*[\]】］])+\s*$")
_TRAILING_WIDGET_WORDS = tuple(
    dict.fromkeys(
        [
            re.sub(r"\[[^]]*\]\?|.\?", "", word)
            for word in VALUE_WIDGET_LEADS
            + VALUE_WIDGET_WORDS
            + VALUE_WIDGET_ALONE
            + VALUE_WIDGET_AFTER_DATE
        ]
        + ["查看", *QR_WIDGET_WORDS]  # 查看: the link action; 扫一扫…: the QR sentence's words
    )
)

DATE_KEYS = frozenset(
    {"written_date", "effective_date", "repeal_date", "issued_at", "published_at"}
)


# A value that is only the font-size widget: 大 中 小, [ 大 中 小 ], 【大】【中】【小】.
_FONT_SIZE_VALUE = re.compile(r"^(?:[\[【(（]?\s*[大中小]\s*[\]】)）]?\s*){3}$")


# A reading aid's label (保护视力色:, 背景颜色:, 字体颜色:, 护眼模式:): an eye-care colour
# picker or a reading mode, whose options (绿, 恢复默认) are controls. 作者:, 来源: never match.
_READING_AID_LABEL = re.compile(
    r"(?:保护视力|视力保护|护眼)(?:颜色|色|模式)?|(?:背景|字体|文字|页面)(?:颜色|色)"
    r"|(?:阅读|夜间|护眼)模式|颜色"
)


def is_font_size_widget(label: str, value: str | None) -> bool:
    """A label naming the font-size widget (选择阅读字号, 阅读字体; not 发文字号, a known label,
    nor 字号 alone, which may be one cut short) or another reading aid (保护视力色, 背景颜色),
    or a value that is only the widget's 大 中 小: never a field."""
    compact = compact_label(label)
    if _READING_AID_LABEL.fullmatch(compact) is not None and compact not in vocabulary():
        return True
    if (
        ("字号" in compact or "字体" in compact)
        and compact not in vocabulary()
        and not truncation_candidates(compact)  # 字号: may be 发文字号 cut short
    ):
        return True
    return bool(value) and _FONT_SIZE_VALUE.match(value or "") is not None


# The share widget's label (分享至:, 转发:, 转载到:) with nothing after it: its icons left no
# text. 分享人:, 转载:<a source> are a field's.
_SHARE_WIDGET_LABEL = re.compile(SHARE_WIDGET_WORD)


def is_share_widget(label: str, value: str | None) -> bool:
    """An empty share widget's label (分享至:, 转发:): never a field."""
    return not value and _SHARE_WIDGET_LABEL.fullmatch(compact_label(label)) is not None


def compact_label(text: str) -> str:
    """The label with whitespace and colons removed: the form we match on."""
    return _LABEL_NOISE.sub("", text).strip(_EDGE_PUNCT)


def cut_trailing_widget(value: str) -> str:
    """A value without the widget that shares its row (李喆 【字体：大 中 小】 → 李喆; an
    empty ``[ ]`` after a gap), and
    without what follows the bracket group it closes (see :func:`before_group_close`)."""
    value = before_group_close(value)
    if value.rstrip().endswith(("]", "】", "］")):
        value = _EMPTY_BRACKETS.sub("", value)
    if not any(map(value.__contains__, _TRAILING_WIDGET_WORDS)):
        return value.strip()
    return _trailing_widget().split(value, maxsplit=1)[0].strip()


# A lone widget word, bracketed or not, after a gap at a line's end (0次  打印, 王明 【关闭】).
_LINE_END_WIDGET = re.compile(
    rf"\s+(?P<open>[【\[])?(?:{'|'.join(VALUE_WIDGET_LINE_END)})(?P<close>[】\]])?\s*$"
)
_SENTENCE_MARKS = frozenset("。！？；!?;")
# A value complete without a word after it: a counter, a number, a date or time (0次, 120,
# 2024-05-01 10:30), or one word (a name, a unit: 王明, 岚州市人防办).
_CLOSED_VALUE = re.compile(r"(?:.*[\d０-９]\s*(?:次|人次|日|号|时|分|秒)?|\S+)")


def cut_line_end_widget(value: str) -> str:
    """The last value of a meta line (a line of two or more labels) without the widget words
    after a gap at its end (浏览:0次  打印 → 0次; 作者:王明 关闭 → 王明), when they are
    widgets by evidence: bracketed (【关闭】), two or more (打印 关闭), or after a value that is
    complete without them (a counter, a date, one word). A list of words keeps its last
    (关键词：人防工程 临时 关闭), a sentence keeps its words, and so does a word glued to the
    value (县委打印室)."""
    cut, words, bracketed = value, 0, False
    while (match := _LINE_END_WIDGET.search(cut)) is not None:
        bracketed = bracketed or bool(match["open"] or match["close"])
        cut, words = cut[: match.start()], words + 1
    if cut == value or not cut.strip() or _SENTENCE_MARKS.intersection(cut):
        return value
    cut = cut.rstrip()
    if bracketed or words > 1 or _CLOSED_VALUE.fullmatch(cut.strip()):
        return cut
    return value


def before_group_close(value: str) -> str:
    """A value inside a 【…】 group ends where the group closes: ``阅读次数：】【我要打印】``
    (the value a script writes, then the widget groups) → empty; a value that opens a
    group of its own (【责任编辑：王頔】) is left whole."""
    close = value.find("】")
    if close >= 0 and "【" not in value[:close]:
        return value[:close]
    return value


@cache
def _trailing_widget() -> re.Pattern[str]:
    return re.compile(_TRAILING_WIDGET)


def display_label(text: str) -> str:
    """The label as shown, minus the trailing colon and surrounding whitespace."""
    return text.strip().rstrip(":：").strip().replace("\xa0", " ")


@cache
def vocabulary() -> dict[str, str]:
    """Compact label → canonical key, from the shipped header-labels.tsv."""
    table: dict[str, str] = {}
    # A path beside the module, not importlib.resources (which imports zipfile, tempfile and
    # shutil at start-up); the package ships as plain files.
    text = (Path(__file__).parent / "data" / "header-labels.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, labels, *_ = line.split("\t")
        for label in labels.split():
            table.setdefault(label, key)
    return table


# Pages of a site, and sites, show the same few hundred labels again and again.
@lru_cache(maxsize=4096)
def key_for(label: str) -> str | None:
    """The canonical key of a label as shown, or ``None`` when the label is not known."""
    return vocabulary().get(compact_label(label))


def full_label(key: str, fragment: str) -> str | None:
    """The vocabulary label of ``key`` that a cut-short ``fragment`` is the end of."""
    tail = compact_label(fragment)
    return next(
        (
            label
            for label, label_key in vocabulary().items()
            if label_key == key and label.endswith(tail)
        ),
        None,
    )


@cache
def labels_by_length() -> tuple[str, ...]:
    """Known compact labels, longest first (for scanning text for labels)."""
    return tuple(sorted(vocabulary(), key=len, reverse=True))


_HAS_COLON = re.compile("[:：]")


@cache
def label_initials() -> frozenset[str]:
    """The first characters of every known label."""
    return frozenset(label[0] for label in vocabulary())


# A label starts the text or follows one of these (whitespace is tested with str.isspace).
_PAIR_BOUNDARY = frozenset(",，;；|")
# Where a label may start: the text's first non-space character, or one after whitespace or
# a pair boundary (re's \s is str.isspace).
_LABEL_START = re.compile(r"(?<![^\s,，;；|])\S")


def _label_matches(text: str) -> list[tuple[int, int, int]]:
    """(start, label end, colon end) of every known label followed by a colon, scanning from
    the left without overlaps, as a regex ``finditer`` would. Pages pad labels with spaces
    between the characters (索 引 号, 标　　题), and spaces may stand before the colon.

    Labels hold neither a colon nor a space: a label starting at a place is the text from
    there to the next colon, once spaces are removed, or there is none. That is one lookup
    per place, with the character-by-character work done by re and str in C."""
    matches: list[tuple[int, int, int]] = []
    initials = label_initials()
    known = vocabulary()
    resume = 0  # the scan goes on after the last label's colon
    for place in _LABEL_START.finditer(text):
        start = place.start()
        if start < resume or text[start] not in initials:
            continue
        colon = _HAS_COLON.search(text, start)
        if colon is None:
            break  # no colon further on: no more labels
        name = text[start : colon.start()]
        if "".join(name.split()) in known:
            matches.append((start, start + len(name.rstrip()), colon.end()))
            resume = colon.end()
    return matches


def split_label_pairs(text: str) -> list[tuple[str, str | None]]:
    """``label：value label：value`` text → [(label as shown, value or None)].

    Only known labels split the text, so a colon inside a value does not. Returns [] when the
    text does not start with a known label followed by a colon.
    """
    stripped = text.strip()
    # Most text on a page is not a label line: two set lookups settle it before the scan.
    if not stripped or stripped[0] not in label_initials():
        return []
    colon = _HAS_COLON.search(stripped)
    # The first match must start the text, and labels hold no colon or space: it matches
    # exactly when the text before the first colon is a known label once spaces are removed
    # (str.split and re's \s agree on whitespace). This spares most text the label scan.
    if colon is None or "".join(stripped[: colon.start()].split()) not in vocabulary():
        return []
    matches = _label_matches(stripped)
    if not matches or matches[0][0] != 0:
        return []
    pairs: list[tuple[str, str | None]] = []
    for index, (start, label_end, colon_end) in enumerate(matches):
        end = matches[index + 1][0] if index + 1 < len(matches) else len(stripped)
        value = cut_trailing_widget(stripped[colon_end:end].strip("\u3000\xa0 \t\n"))
        pairs.append((display_label(stripped[start:label_end]), value or None))
    return pairs


# A label found by its shape: 2 to 8 CJK characters after whitespace, then a colon (信息发布人：),
# or glued to the clock time before it (发布时间：2020-07-16 18:25浏览：次, the spans between
# them empty). Compiled on first use (a CJK range is slow to compile); only values holding a
# colon need it.
_SHAPE_LABEL = rf"(?:(?<=\s)|(?<=\d[:：]\d\d))({LABEL_SHAPE})[ \t\u3000\xa0]*[:：]"
_CLOCK_END = re.compile(r"\d[:：]\d\d$")


@cache
def _shape_label() -> re.Pattern[str]:
    return re.compile(_SHAPE_LABEL)


def shown_value(value: str | None) -> str | None:
    """A value as shown, or ``None`` when the page shows none: empty, or the placeholder a
    script replaces once the page loads (浏览次数：0, 发布人：--)."""
    if value is None:
        return None
    value = value.strip()
    return None if not value or value in VALUE_PLACEHOLDERS else value


# The separator a meta line prints between its pairs (发布时间：2024-05-01 | 点击数：12): after
# a gap, before the next label; not part of the value.
_PAIR_SEPARATOR_END = re.compile(r"(?:\s+[|｜丨/／·•])+\s*$")
_SEPARATOR_CHARS = frozenset("|｜丨/／·•")


def _without_pair_separator(value: str | None) -> str | None:
    if not value or value[-1] not in _SEPARATOR_CHARS:
        return value
    return _PAIR_SEPARATOR_END.sub("", value) or None


def split_value_labels(value: str | None) -> tuple[str | None, list[tuple[str, str | None]]]:
    """A value that runs on into further ``label：value`` pairs, split at every label: known
    ones and any 2-8 CJK characters after whitespace before a colon (``2023-09-12
    信息发布人：办公室`` → ``2023-09-12`` and 信息发布人 = 办公室). A widget label (字号：大 中 小)
    ends the value and what follows it. Returns the value's own part and the pairs after it,
    placeholders read as ``None``."""
    if value is None or ("：" not in value and ":" not in value):
        return shown_value(_without_pair_separator(value)), []
    starts: list[tuple[int, int, str]] = []
    for match in _shape_label().finditer(value):
        starts.append((match.start(), match.end(), match.group(1)))
    known = _label_matches(value)
    for start, label_end, colon_end in known:
        if start and (
            value[start - 1].isspace()
            or value[start - 1] in _PAIR_BOUNDARY
            or (start >= 4 and _CLOCK_END.match(value, start - 4, start))
        ):
            starts.append((start, colon_end, value[start:label_end]))
    if not starts:
        return shown_value(value), []
    # Known labels win where both readings start at the same place; keep page order.
    by_start: dict[int, tuple[int, int, str]] = {}
    for found in starts:
        current = by_start.get(found[0])
        if current is None or found[1] > current[1]:
            by_start[found[0]] = found
    ordered = sorted(by_start.values())
    head = shown_value(_PAIR_SEPARATOR_END.sub("", value[: ordered[0][0]]))
    pairs: list[tuple[str, str | None]] = []
    for index, (_start, colon_end, label) in enumerate(ordered):
        if compact_label(label) in WIDGET_LABELS or is_font_size_widget(label, None):
            break
        end = ordered[index + 1][0] if index + 1 < len(ordered) else len(value)
        shown = cut_trailing_widget(value[colon_end:end])
        if index + 1 < len(ordered):
            shown = _PAIR_SEPARATOR_END.sub("", shown)
        if is_share_widget(label, shown_value(shown)):
            continue  # 转发: with nothing after it, the pairs after it read on
        pairs.append((display_label(label), shown_value(shown)))
    return head, pairs


def split_meta_pairs(text: str) -> list[tuple[str, str | None]]:
    """:func:`split_label_pairs`, then each value split at the labels that follow it by shape
    (:func:`split_value_labels`): the reading of a meta line (发布时间：… 信息发布人：…)."""
    pairs: list[tuple[str, str | None]] = []
    for label, value in split_label_pairs(text):
        head, more = split_value_labels(value)
        pairs.append((label, _without_pair_separator(head)))
        pairs.extend(more)
    if len(pairs) >= 2 and pairs[-1][1]:
        label, value = pairs[-1]
        pairs[-1] = (label, shown_value(cut_line_end_widget(value or "")))
    return pairs


# --- value shapes and cut-short labels ---------------------------------------------------

Shape = Literal["empty", "date", "doc_no", "index_no", "number", "text"]
_NIL_VALUES = frozenset({"无", "暂无", "-", "—", "/", "／", "空"})


@cache
def _shape_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Date, document-number and index-number shapes; compiled on first use (only values
    under a cut-short label need them)."""
    date = re.compile(
        r"^\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?)?"
        r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$"
    )
    doc_no = re.compile(r"[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\s*\d+\s*号$")
    index_no = re.compile(r"^[A-Za-z0-9]+(?:[/\-—_.][A-Za-z0-9]+)+$")
    return date, doc_no, index_no


def value_shape(value: str | None) -> Shape:
    """What a header value looks like: the evidence for reading a cut-short label."""
    text = (value or "").strip()
    if not text or text in _NIL_VALUES:
        return "empty"
    date, doc_no, index_no = _shape_patterns()
    if date.match(text):
        return "date"
    if doc_no.search(text):
        return "doc_no"
    if index_no.match(text):
        return "index_no"
    if text.isdigit():
        return "number"
    return "text"


def fits_shape(key: str, shape: Shape) -> bool:
    """Whether a value of ``shape`` can stand under a label with canonical ``key``."""
    if key == "index_no":  # an index number is always filled in and always code-shaped
        return shape == "index_no"
    if key == "doc_no":  # many notices have no 文号, so an empty value points here
        return shape in {"doc_no", "empty"}
    if key in DATE_KEYS:
        return shape in {"date", "empty"}
    if key == "validity_period":
        return shape in {"date", "empty", "text"}
    if key == "views":
        return shape in {"number", "empty"}
    return shape in {"text", "empty"}


@cache
def truncation_candidates(fragment: str) -> tuple[str, ...]:
    """Keys of the vocabulary labels that end with ``fragment`` (compact) and are longer."""
    keys = [
        key
        for label, key in vocabulary().items()
        if len(label) > len(fragment) and label.endswith(fragment)
    ]
    return tuple(dict.fromkeys(keys))


def resolve_truncated_label(
    fragment: str, value: str | None, seen_keys: set[str]
) -> tuple[str | None, float, tuple[str, ...]]:
    """Read a label cut short to its last character(s), e.g. ``号`` → 索引号 or 文号.

    Candidates are the vocabulary labels ending with ``fragment``. Keys already seen on the page
    are dropped (a page shows 索引号 once), then keys whose values never look like ``value``.
    Returns ``(key, confidence, candidate keys)``; ``key`` is ``None`` (confidence 0.0) when no
    candidate or more than one remains.
    """
    candidates = truncation_candidates(compact_label(fragment))
    if not candidates:
        return None, 0.0, ()
    unseen = [key for key in candidates if key not in seen_keys] or list(candidates)
    shape = value_shape(value)
    fitting = [key for key in unseen if fits_shape(key, shape)]
    if len(fitting) != 1:
        return None, 0.0, candidates
    if len(candidates) == 1:
        confidence = 0.9
    elif shape in {"index_no", "doc_no", "date", "number"}:
        confidence = 0.85  # a distinctive value shape decided it
    else:
        confidence = 0.7  # decided by an empty/plain value and what was already seen
    return fitting[0], confidence, candidates
