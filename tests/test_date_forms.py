"""Issue 10's damaged-date forms: one test per case in bench/date_cases/forms.tsv.

Each case is run through ``normalize`` (what `noticecli normalize` runs) with its
publication date: the text must come out as the case expects, a ``date_ambiguous``
warning must list the readings the case names (and no such warning may appear otherwise),
and the repairs' evidence must name what the case says decides it.
Cases the repairer does not handle yet are strict xfails: when a form is done its cases
pass, the strict xfail fails the suite, and the ids come off KNOWN_MISSES.
"""

from __future__ import annotations

import pytest

from bench.date_cases import Case, load_cases
from noticecli.pipeline import normalize_text

CASES = load_cases()
ISSUE_10_FORMS = {
    "list_number",
    "relative_year",
    "year_certain",
    "no_ri",
    "time_after",
    "no_year",
    "weekday",
    "range",
    "observance",
}
# Forms beside issue 10's: a day written with 号, kept as printed.
OTHER_FORMS = {"hao"}
# What the repairer misses today, by form (issue 10): an id here is a strict xfail.
KNOWN_MISSES: dict[str, str] = {}


def _param(case: Case) -> object:
    reason = KNOWN_MISSES.get(case.id)
    marks = [pytest.mark.xfail(strict=True, reason=f"issue 10: {reason}")] if reason else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_form(case: Case) -> None:
    result = normalize_text(case.text, published=case.published)
    ambiguous = [w.message for w in result.warnings if w.code == "date_ambiguous"]
    assert result.text == case.expected
    if case.readings:
        assert any(all(r in message for r in case.readings) for message in ambiguous), ambiguous
    else:
        assert ambiguous == []
    for repair in result.repairs:  # every change is recorded against the original text
        assert case.text[repair.start : repair.end] == repair.before
    # ... and says why: each piece of evidence the case names is in some repair's record.
    assert set(case.evidence) <= {name for repair in result.repairs for name in repair.evidence}


def test_every_form_has_cases_and_a_clean_counterpart() -> None:
    forms = {case.form for case in CASES}
    assert forms == ISSUE_10_FORMS | OTHER_FORMS
    for form in forms:
        cases = [case for case in CASES if case.form == form]
        assert any(case.expected != case.text for case in cases), f"{form}: nothing to repair"
        if form not in ("year_certain", "weekday"):  # their clean counterparts are elsewhere
            assert any("-neg-" in case.id for case in cases), f"{form}: no clean text case"


def test_known_misses_are_cases() -> None:
    assert set(KNOWN_MISSES) <= {case.id for case in CASES}


def test_clean_counterparts_stay_unchanged_and_quiet() -> None:
    # The negative cases are what a rule for the form must not touch; they pass today and
    # must keep passing (they are not in KNOWN_MISSES).
    negatives = [case for case in CASES if "-neg-" in case.id]
    assert len(negatives) >= 8
    assert not {case.id for case in negatives} & set(KNOWN_MISSES)
    for case in negatives:
        assert case.expected == case.text and not case.readings
