"""Normalize a parsed Notice: ISO dates always; text repairs (with records) unless disabled.

Every change to text becomes a :class:`~noticecli.models.Repair` whose offsets point into
the text as parsed, so the original stays recoverable from the output.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import NamedTuple

from noticecli.dates import ParsedDate, parse_date
from noticecli.edits import TextEdit, apply_edits
from noticecli.fields import HIDDEN_ORIGINS, fill_top_level, published_candidates
from noticecli.labels import (
    DATE_KEYS,
    compact_label,
    full_label,
    key_for,
    resolve_truncated_label,
    value_shape,
)
from noticecli.models import Notice, Repair
from noticecli.repair.dates import DateContext, repair_dates

# Below this confidence a repair is reported as ambiguous and the text is left alone.
REPAIR_THRESHOLD = 0.9


class _TextSlot(NamedTuple):
    """One piece of text in the notice that repairs may change."""

    field: str | None
    block: int | None
    text: str
    store: Callable[[str], None]


def normalize(notice: Notice, *, repair: bool = True) -> Notice:
    """Add ISO dates and (unless ``repair`` is false) repair damaged dates in place."""
    _repair_truncated_labels(notice, repair=repair)
    dates = _Dates()
    context = DateContext(published=_publication_date(notice, dates))
    slots = _text_slots(notice)
    results = repair_dates([slot.text for slot in slots], context, threshold=REPAIR_THRESHOLD)
    for slot, (edits, ambiguities) in zip(slots, results, strict=True):
        where = _where(slot)
        for ambiguity in ambiguities:
            notice.warn("date_ambiguous", ambiguity.describe(where, repaired=repair))
        if not edits:
            continue
        if not repair:
            for edit in edits:
                notice.warn(
                    "repair_skipped",
                    f"{where}: {edit.before!r} looks like {edit.after!r} (--no-repair)",
                )
            continue
        slot.store(apply_edits(slot.text, edits))
        notice.repairs.extend(_record(slot, edit) for edit in edits)
    fill_top_level(notice)
    _structure_dates(notice, dates)
    return notice


def _repair_truncated_labels(notice: Notice, *, repair: bool) -> None:
    """Labels cut short by extraction (号 → 索引号), already keyed by the parser: restore the
    full label, recorded like every other change (the parser's warning says why)."""
    seen: set[str] = set()
    for index, field in enumerate(notice.header):
        if field.key is not None and key_for(field.label) is None and field.origin != "meta_tag":
            full = full_label(field.key, field.label)
            if full is not None and repair:
                _, confidence, candidates = resolve_truncated_label(
                    compact_label(field.label), field.value, seen
                )
                notice.repairs.append(
                    Repair(
                        field=f"header[{index}].label",
                        block=None,
                        start=0,
                        end=len(field.label),
                        before=field.label,
                        after=full,
                        rule="label.truncated",
                        confidence=round(confidence, 3),
                        alternatives=[
                            label
                            for key in candidates
                            if key != field.key and (label := full_label(key, field.label))
                        ],
                        evidence=_label_evidence(candidates, field.value, seen),
                    )
                )
                field.label = full
        if field.key is not None:
            seen.add(field.key)


def _label_evidence(candidates: tuple[str, ...], value: str | None, seen: set[str]) -> list[str]:
    """Why a label cut short was read as it was: the only label ending so, or labels the
    page already showed and the shape of the value (索引号 values look like index numbers)."""
    if len(candidates) <= 1:
        return ["one_label"]
    evidence = ["label_seen"] if any(key in seen for key in candidates) else []
    return [*evidence, f"value_shape:{value_shape(value)}"]


def _record(slot: _TextSlot, edit: TextEdit) -> Repair:
    return Repair(
        field=slot.field,
        block=slot.block,
        start=edit.start,
        end=edit.end,
        before=edit.before,
        after=edit.after,
        rule=edit.rule,
        confidence=round(edit.confidence, 3),
        alternatives=list(edit.alternatives),
        evidence=list(edit.evidence),
    )


def _where(slot: _TextSlot) -> str:
    return f"body[{slot.block}]" if slot.field is None else slot.field


def _may_hold_date(text: str) -> bool:
    """Whether the repair engine could touch ``text``: every repair, and every date it reads
    for context, sits in a run of digits ending in 年, 月, 日 or 号. Text without any of them
    is left out of the engine's input, which changes nothing but the time taken."""
    return "日" in text or "月" in text or "年" in text or "号" in text


def _text_slots(notice: Notice) -> list[_TextSlot]:
    """Header values, title, then body text in reading order (context runs forward)."""
    slots: list[_TextSlot] = []
    for index, field in enumerate(notice.header):
        if field.value and _may_hold_date(field.value):
            slots.append(
                _TextSlot(f"header[{index}].value", None, field.value, _setter(field, "value"))
            )
    if notice.title and _may_hold_date(notice.title):
        slots.append(_TextSlot("title", None, notice.title, _setter(notice, "title")))
    for index, block in enumerate(notice.body):
        if block.text and _may_hold_date(block.text):
            slots.append(_TextSlot(None, index, block.text, _setter(block, "text")))
        for row_index, row in enumerate(block.rows or []):
            for cell_index, cell in enumerate(row):
                if cell.text and _may_hold_date(cell.text):
                    slots.append(
                        _TextSlot(
                            f"rows[{row_index}][{cell_index}]",
                            index,
                            cell.text,
                            _setter(cell, "text"),
                        )
                    )
    return slots


def _setter(target: object, name: str) -> Callable[[str], None]:
    def store(value: str) -> None:
        setattr(target, name, value)

    return store


class _Dates(dict[str, ParsedDate | None]):
    """Header values read as dates, each value once: the publication date is looked for
    before the repairs, then every date field is structured and published_at chosen."""

    def parse(self, value: str) -> ParsedDate | None:
        if value in self:
            return self[value]
        parsed = self[value] = parse_date(value)
        return parsed


def _publication_date(notice: Notice, dates: _Dates) -> datetime.date | None:
    for field in published_candidates(notice.header):
        parsed = dates.parse(field.value or "")
        if parsed is not None:
            return parsed.date
    return None


def _structure_dates(notice: Notice, dates: _Dates) -> None:
    """ISO forms beside the date values as shown, and ``published_at`` as ISO."""
    for field in notice.header:
        if field.key not in DATE_KEYS or not field.value:
            field.iso = None
            continue
        parsed = dates.parse(field.value)
        field.iso = parsed.iso if parsed else None
        if parsed is None:
            notice.warn("date_unparsed", f"{field.label}: {field.value!r} is not a date")
    notice.published_at = _best_published(notice, dates)


def _best_published(notice: Notice, dates: _Dates) -> str | None:
    """The first labelled publication date; a later one with a time on the same day wins,
    unless only hidden metadata gives that time and it is midnight (a CMS's placeholder
    for "no time": ``PubDate`` 2022-01-28 00:00:00 under a shown 2022年01月28日)."""
    chosen: ParsedDate | None = None
    for field in published_candidates(notice.header):
        parsed = dates.parse(field.value or "")
        if parsed is None:
            continue
        same_day_with_time = (
            chosen is not None
            and not chosen.has_time
            and parsed.has_time
            and parsed.iso[:10] == chosen.iso[:10]
            and not (field.origin in HIDDEN_ORIGINS and parsed.iso[11:19] == "00:00:00")
        )
        if chosen is None or same_day_with_time:
            chosen = parsed
    return chosen.iso if chosen else None
