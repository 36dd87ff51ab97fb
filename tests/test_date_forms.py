"""Issue 10's damaged-date forms: one test per case in bench/date_cases/forms.tsv.

Each case is run through ``normalize`` (what `noticecli normalize` runs) with its
publication date: the text must come out as the case expects, and a ``date_ambiguous``
warning must list the readings the case names (and no such warning may appear otherwise).
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
# What the repairer misses today, by form (issue 10).
KNOWN_MISSES = {
    "ln-1": "a date right after a list number (1.) is left alone",
    "ln-2": "a date right after a list number (2.) is left alone",
    "ln-3": "a date right after a list number (3.) is left alone",
    "ry-1": "two digits after 今年 are not read as a month and a day",
    "ry-2": "after 去年 the date is only reported",
    "ry-3": "after 同年 the date is only reported",
    "ry-4": "two digits after 明年 are not read as a month and a day",
    "yc-1": "the certain 年 of an ambiguous run is not restored",
    "nr-1": "a signature date without 日 is left alone",
    "nr-2": "a signature date without 年 and 日 is left alone",
    "nr-3": "a signature date without 日 is left alone",
    "ta-1": "a time right after 日 (full-width colon) blocks the repair",
    "ta-2": "a time right after 日 (half-width colon) blocks the repair",
    "ta-3": "a time right after 日 blocks the repair of both range ends",
    "ta-4": "a time in 时/分 right after 日 blocks the repair",
    "ta-5": "a time with ∶ right after 日 blocks the repair",
    "ta-6": "a time right after 日 blocks the repair",
    "ny-1": "after a （记者…） byline the one reading is only reported",
    "ny-2": "after a （记者…） byline the one reading is only reported",
    "ny-3": "after a (记者…) byline the one reading is only reported",
    "wd-3": "a one-reading date the weekday confirms is only reported",
    "wd-6": "a one-reading date the weekday confirms is only reported",
    "rg-1": "a two-digit range end (51日) is not read as a month and a day",
    "rg-2": "a two-digit range end (81日) is not read as a month and a day",
    "rg-4": "a range end that must follow its start (into the next year) is only reported",
    "rg-5": "a range start that must precede its end is only reported",
    "ob-1": "the observance day's name does not decide 119日",
    "ob-2": "the observance day's name does not confirm 512日",
    "ob-3": "the observance day's name does not confirm 1213日",
    "ob-4": "the observance day's name does not confirm 415日",
    "ob-5": "the observance day's name does not confirm 1013日",
    "ob-6": "a city's siren day does not make 65日 a date",
    "ob-7": "今年 and the observance day's name do not decide 119日",
}


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


def test_every_form_of_issue_10_has_cases_and_a_clean_counterpart() -> None:
    forms = {case.form for case in CASES}
    assert forms == ISSUE_10_FORMS
    for form in ISSUE_10_FORMS:
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
