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
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    results = repair_dates(lines, DateContext(published=published), threshold=REPAIR_THRESHOLD)
    out = NormalizedText(
        text=text, original=text, published=published.isoformat() if published else None
    )
    repaired_lines: list[str] = []
    for number, (line, (edits, ambiguities)) in enumerate(zip(lines, results, strict=True)):
        for ambiguity in ambiguities:
            out.warnings.append(
                NoticeWarning(
                    "date_ambiguous", ambiguity.describe(f"line {number + 1}", repaired=repair)
                )
            )
        if edits and not repair:
            out.warnings.extend(
                NoticeWarning(
                    "repair_skipped",
                    f"line {number + 1}: {edit.before!r} looks like {edit.after!r} (--no-repair)",
                )
                for edit in edits
            )
        if not edits or not repair:
            repaired_lines.append(line)
            continue
        repaired_lines.append(apply_edits(line, edits))
        out.repairs.extend(
            Repair(
                field="text",
                block=None,
                start=starts[number] + edit.start,
                end=starts[number] + edit.end,
                before=edit.before,
                after=edit.after,
                rule=edit.rule,
                confidence=round(edit.confidence, 3),
                alternatives=list(edit.alternatives),
                evidence=list(edit.evidence),
            )
            for edit in edits
        )
    out.text = "\n".join(repaired_lines)
    return out
