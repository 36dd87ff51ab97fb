"""From the labelled fields of a page to the flat map and the top-level fields."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from noticecli.dates import parse_date
from noticecli.knowledge import ISSUED_LABEL_PREFIXES
from noticecli.labels import compact_label, vocabulary
from noticecli.models import FieldOrigin, HeaderField, Notice

# Where a value comes from decides which one wins when a page shows a key twice: the site's
# own selectors (the user's word) first.
ORIGIN_RANK: dict[FieldOrigin, int] = {
    "override": 0,
    "header": 1,
    "meta_line": 2,
    "unlabelled": 3,
    "comment": 4,
    "meta_tag": 5,
}
_TOP_LEVEL = ("publisher", "source", "editor", "author", "index_no", "doc_no")
# Origins a reader sees: only they may name the title (an ArticleTitle meta may hold a label
# or the site's name; the parsers weigh it among the other candidates).
SHOWN_ORIGINS: frozenset[FieldOrigin] = frozenset({"override", "header", "meta_line"})
# Origins of values no reader sees: metadata, CMS comments.
HIDDEN_ORIGINS: frozenset[FieldOrigin] = frozenset({"meta_tag", "comment"})
# published_at comes from these keys only, best first; never from written_date (成文日期).
PUBLISHED_KEYS = ("published_at", "issued_at")
# A label of its own ending in 时间/日期 (信息时间, 更新时间, 上传日期) names when the page was
# put up, unless it names a deadline, an event or a document's own date.
_TIME_LABEL_ENDS = ("时间", "日期")
_NOT_PUBLICATION_WORDS = (
    "截止",
    "截至",
    "开标",
    "报名",
    "开始",
    "结束",
    "起止",
    "有效",
    "失效",
    "生效",
    "废止",
    "成文",
    "印发",
    "会议",
    "活动",
    "回复",
    "答复",
    "办结",
    "受理",
    "来信",
    "留言",
    "提问",
    "咨询",
    "提交",
    "投诉",
    "出生",
    "考试",
    "开放",
    "办理",
    # Events a notice announces: an alarm test, a drill, a training, a contest, works.
    "试鸣",
    "鸣放",
    "演练",
    "演习",
    "培训",
    "比赛",
    "竞赛",
    "举办",
    "举行",
    "召开",
    "施工",
    "停电",
    "停水",
    "集合",
    "报到",
)
_DIGITS = re.compile(r"\d+")
_KEYWORD_SEPARATORS = re.compile(r"[\s,，、;；]+")


def field_name(field: HeaderField) -> str:
    """The flat-map name of a field: its canonical key, or its label without spaces."""
    return field.key or compact_label(field.label)


def ranked(fields: list[HeaderField]) -> list[HeaderField]:
    """Fields in order of trust (overrides, then the header grid …), page order kept within
    an origin."""
    return sorted(fields, key=lambda field: ORIGIN_RANK[field.origin])


def fill_top_level(notice: Notice) -> None:
    """Fill ``fields`` and the top-level fields from ``header`` (first trusted value wins).
    A label the vocabulary lacks that spells one of its issued_at labels with a word before
    it (公文生成日期) takes that key first, so it stands in for a publication label."""
    for field in notice.header:
        field.key = _date_key(field)
    flat: dict[str, str | None] = {}
    by_trust = ranked(notice.header)
    for field in by_trust:
        name = field_name(field)
        if flat.get(name) is None:
            flat[name] = field.value
    notice.fields = {name: flat[name] for name in map(field_name, notice.header)}
    for key in _TOP_LEVEL:
        value = flat.get(key)
        if value is not None:
            setattr(notice, key, value)
    title = next(
        (
            field.value
            for field in by_trust
            if field.key == "title" and field.value and field.origin in SHOWN_ORIGINS
        ),
        None,
    )
    if title is not None:
        notice.title = title
    notice.published_at = published_text(notice.header)
    keywords = flat.get("keywords")
    notice.keywords = [word for word in _KEYWORD_SEPARATORS.split(keywords or "") if word]
    views = flat.get("views")
    match = _DIGITS.search(views) if views else None
    notice.views = int(match.group()) if match else None


def published_candidates(fields: list[HeaderField]) -> list[HeaderField]:
    """Fields that may give published_at, best first: a date the page shows beats one only
    in its metadata (a publication label, then an unlabelled date under the title, then
    发文日期); among hidden ones, the same order."""
    # Sorting is stable: the fields that can give a date, sorted, keep the order they have
    # among all the fields sorted (asked several times a page).
    by_trust = ranked(
        [
            field
            for field in fields
            if field.value and (_date_key(field) in PUBLISHED_KEYS or is_time_label(field))
        ]
    )
    labelled: dict[str | None, list[HeaderField]] = {key: [] for key in PUBLISHED_KEYS}
    unlabelled: list[HeaderField] = []
    time_labelled: list[HeaderField] = []
    hidden: dict[str | None, list[HeaderField]] = {key: [] for key in PUBLISHED_KEYS}
    for field in by_trust:
        key = _date_key(field)
        if key not in PUBLISHED_KEYS:
            time_labelled.append(field)  # shown on the meta line, under a label of its own
        elif field.origin in HIDDEN_ORIGINS:
            hidden[key].append(field)
        elif field.origin != "unlabelled":
            labelled[key].append(field)
        elif key == PUBLISHED_KEYS[0]:
            unlabelled.append(field)
    return (
        labelled[PUBLISHED_KEYS[0]]
        + unlabelled
        + time_labelled
        + [field for key in PUBLISHED_KEYS[1:] for field in labelled[key]]
        + [field for key in PUBLISHED_KEYS for field in hidden[key]]
    )


def is_time_label(field: HeaderField) -> bool:
    """A meta-line field (near the title) under a label the vocabulary does not know that
    ends in 时间/日期 and holds a date (更新时间：2023-06-28): the publication time when no
    publication label is shown, ahead of 发文日期."""
    if field.key is not None or field.origin != "meta_line" or not names_put_up(field.label):
        return False
    return parse_date(field.value or "") is not None


def _date_key(field: HeaderField) -> str | None:
    """A field's key, or issued_at for a label spelling an issued_at label with a word before
    it (a caller may ask before :func:`fill_top_level` has keyed it)."""
    if field.key is None and is_issued_label(field.label):
        return "issued_at"
    return field.key


@lru_cache(maxsize=1024)
def is_issued_label(label: str) -> bool:
    """Whether a label the vocabulary does not know is one of its issued_at labels with a
    word before it naming this document (公文生成日期, 文件发文日期), not another one
    (原发文日期, 上级发文日期, 数据生成日期), nor a deadline or an event."""
    compact = compact_label(label)
    if compact in vocabulary() or any(word in compact for word in _NOT_PUBLICATION_WORDS):
        return False
    return any(
        compact.endswith(known) and compact[: -len(known)] in ISSUED_LABEL_PREFIXES
        for known in _issued_labels()
    )


@cache
def _issued_labels() -> tuple[str, ...]:
    return tuple(label for label, key in vocabulary().items() if key == "issued_at")


def names_put_up(label: str) -> bool:
    """Whether a label the vocabulary does not know (更新时间, 上传日期) reads as when the page
    was put up: it ends in 时间/日期 and names no deadline, event or document date."""
    label = compact_label(label)
    return label.endswith(_TIME_LABEL_ENDS) and not any(
        word in label for word in _NOT_PUBLICATION_WORDS
    )


def warn_published_mismatch(notice: Notice) -> None:
    """The warning ``published_mismatch`` when the date the page shows and the one in its
    hidden metadata disagree (the parsers call it once they have every field)."""
    mismatch = published_mismatch(notice.header)
    if mismatch is not None:
        notice.warn("published_mismatch", mismatch)


def published_mismatch(fields: list[HeaderField]) -> str | None:
    """What to say when the publication date the page shows and the one in its hidden
    metadata (a PubDate ``<meta>``) are different days or times; ``None`` when they agree."""
    if not any(field.origin in HIDDEN_ORIGINS and field.key in PUBLISHED_KEYS for field in fields):
        return None
    candidates = published_candidates(fields)
    shown = next((field for field in candidates if field.origin not in HIDDEN_ORIGINS), None)
    if shown is None:
        return None
    shown_date = parse_date(shown.value or "")
    if shown_date is None:
        return None
    shown_key = shown.key or PUBLISHED_KEYS[0]  # 信息时间 stands for a publication label
    for field in candidates:
        if field.origin not in HIDDEN_ORIGINS or field.key != shown_key:
            continue
        hidden_date = parse_date(field.value or "")
        if hidden_date is None:
            continue
        same_day = hidden_date.date == shown_date.date
        if same_day and not (hidden_date.has_time and shown_date.has_time):
            continue
        if same_day and hidden_date.iso[:16] == shown_date.iso[:16]:
            continue
        return (
            f"the page shows {shown.label} {shown.value}; the hidden {field.label} says "
            f"{field.value} (kept as a field); published_at is the shown date"
        )
    return None


def published_text(fields: list[HeaderField]) -> str | None:
    candidates = published_candidates(fields)
    return candidates[0].value if candidates else None
