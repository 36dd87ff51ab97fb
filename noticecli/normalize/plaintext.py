"""Repair damaged dates in plain text (``noticecli normalize``), with the same records as a
parsed page gets. Each line is a block, so the narrative context runs through the text."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from noticecli.models import NoticeWarning, Repair
from noticecli.normalize.dates import DateContext, apply_edits, parse_date, repair_dates
from noticecli.normalize.document import REPAIR_THRESHOLD


@dataclass(slots=True)
class NormalizedText:
    """The text after repair, every repair (offsets into the original), and what was left."""

    text: str
    original: str
    repairs: list[Repair] = field(default_factory=list)
    warnings: list[NoticeWarning] = field(default_factory=list)
    published: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "published": self.published,
            "repairs": [repair.to_dict() for repair in self.repairs],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }


def normalize_text(
    text: str, *, published: datetime.date | None = None, repair: bool = True
) -> NormalizedText:
    """Repair ``text``; ``published`` is the document's publication date, when known.

    Without it, a labelled 发布日期/发表时间/发文日期 in the text itself supplies it.
    """
    if published is None:
        published = _labelled_publication_date(text)
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
                    "date_ambiguous",
                    f"line {number + 1}: {ambiguity.text!r} may be "
                    f"{' or '.join(ambiguity.candidates)}; left unchanged",
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
            )
            for edit in edits
        )
    out.text = "\n".join(repaired_lines)
    return out


def _labelled_publication_date(text: str) -> datetime.date | None:
    from noticecli.parse.fields import published_candidates
    from noticecli.parse.text import parse_text_dump

    for candidate in published_candidates(parse_text_dump(text).header):
        parsed = parse_date(candidate.value or "")
        if parsed is not None:
            return datetime.date.fromisoformat(parsed.iso[:10])
    return None
