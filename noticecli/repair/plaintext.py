"""Repair damaged dates in plain text, with the same records as a parsed page gets. Each
line is a block, so the narrative context runs through the text.

Finding the publication date a text labels itself (发布日期：…) takes the text-dump parser;
:func:`noticecli.pipeline.normalize_text` does that and calls :func:`repair_text`.
"""

from __future__ import annotations

import datetime

from noticecli.edits import apply_edits
from noticecli.models import NormalizedText, NoticeWarning, Repair
from noticecli.repair.dates import DateContext, repair_dates
from noticecli.repair.document import REPAIR_THRESHOLD


def repair_text(
    text: str, *, published: datetime.date | None, repair: bool = True
) -> NormalizedText:
    """Repair ``text``, weighing dates against ``published`` (the document's publication
    date, when known); with ``repair`` false, report the repairs as warnings instead."""
    lines = text.split("\n")
    results = repair_dates(lines, DateContext(published), threshold=REPAIR_THRESHOLD)
    out = NormalizedText(
        text=text, original=text, published=published.isoformat() if published else None
    )
    line_start = 0  # where the line starts in the text
    for number, (line, (edits, ambiguities)) in enumerate(zip(lines, results, strict=True)):
        offset = line_start
        line_start += len(line) + 1
        if not edits and not ambiguities:
            continue
        for ambiguity in ambiguities:
            out.warnings.append(
                NoticeWarning(
                    "date_ambiguous", ambiguity.describe(f"line {number + 1}", repaired=repair)
                )
            )
        if not edits:
            continue
        if not repair:
            out.warnings.extend(
                NoticeWarning(
                    "repair_skipped",
                    f"line {number + 1}: {edit.before!r} looks like {edit.after!r} (--no-repair)",
                )
                for edit in edits
            )
            continue
        lines[number] = apply_edits(line, edits)
        # Positional, in Repair's field order (keywords cost twice as much here); the
        # engine's confidences already have three decimals.
        out.repairs.extend(
            Repair(
                "text",
                None,
                offset + edit.start,
                offset + edit.end,
                edit.before,
                edit.after,
                edit.rule,
                edit.confidence,
                list(edit.alternatives),
                list(edit.evidence),
            )
            for edit in edits
        )
    out.text = "\n".join(lines)
    return out
