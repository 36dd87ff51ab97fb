"""Date-repair cases by form (forms.tsv), read by bench/date_repair_eval.py and
tests/test_date_forms.py: one place that says what each damaged form must become."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

FORMS_TSV = Path(__file__).with_name("forms.tsv")
COLUMNS = ("id", "form", "published", "text", "expected", "readings", "evidence", "note")


@dataclass(frozen=True)
class Case:
    id: str
    form: str
    published: datetime.date | None
    text: str  # the text as extraction left it
    expected: str  # the text after repair
    readings: tuple[str, ...]  # readings a date_ambiguous warning must list; () = none
    evidence: tuple[str, ...]  # the evidence that decides it (what issue 10 names)
    note: str


def _unescape(field: str) -> str:
    return field.replace("\\n", "\n").replace("\\t", "\t")


def load_cases(path: Path = FORMS_TSV) -> list[Case]:
    """The cases in ``path``: a header row, then one case per row; ``#`` starts a comment
    line; ``\\n`` in a field is a line break; an empty ``expected`` means unchanged."""
    cases: list[Case] = []
    rows = [
        line.split("\t")
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header, *body = rows
    if tuple(header) != COLUMNS:
        raise ValueError(f"{path}: header must be {'|'.join(COLUMNS)}, not {'|'.join(header)}")
    seen: set[str] = set()
    for number, row in enumerate(body, start=2):
        if len(row) != len(COLUMNS):
            raise ValueError(f"{path}: row {number} has {len(row)} fields, not {len(COLUMNS)}")
        fields = dict(zip(COLUMNS, (_unescape(f) for f in row), strict=True))
        if fields["id"] in seen:
            raise ValueError(f"{path}: case id {fields['id']!r} appears twice")
        seen.add(fields["id"])
        published = fields["published"]
        cases.append(
            Case(
                id=fields["id"],
                form=fields["form"],
                published=datetime.date.fromisoformat(published) if published else None,
                text=fields["text"],
                expected=fields["expected"] or fields["text"],
                readings=tuple(r for r in fields["readings"].split("|") if r),
                evidence=tuple(e for e in fields["evidence"].split(",") if e),
                note=fields["note"],
            )
        )
    return cases
