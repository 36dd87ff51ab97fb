"""The accuracy gate: no change may lower noticecli's accuracy on any field.

tests/accuracy_baseline.json records, per suite (the fixture pages; the real pages of
../shared/corpus) and per report field, the hits and facts of noticecli when the floor was
last raised (outcomes: its facts plus anything it reported that the facts do not list). Each (suite, field) is one test: it fails when today's accuracy is below the
recorded one. After a change that raises a number, record the new floor with

    python bench/accuracy_eval.py fixtures/pages --no-peers --write-baseline tests/accuracy_baseline.json --suite fixtures
    python bench/accuracy_eval.py ../shared/corpus --facts tests/corpus_facts --no-peers --write-baseline tests/accuracy_baseline.json --suite corpus

The corpus suite is skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import noticecli
from tests.accuracy import FIELDS, Outcome, by_field, from_notice, score
from tests.conftest import CORPUS
from tests.facts import CORPUS_FACTS, FIXTURE_FACTS, FIXTURE_PAGES, pages_with_facts

BASELINE = Path(__file__).with_name("accuracy_baseline.json")
SUITES = {"fixtures": (FIXTURE_PAGES, FIXTURE_FACTS), "corpus": (CORPUS, CORPUS_FACTS)}


def recorded() -> dict[str, dict[str, dict[str, Any]]]:
    data: dict[str, dict[str, dict[str, Any]]] = json.loads(BASELINE.read_text("utf-8"))
    return data


@cache
def outcomes(suite: str) -> list[Outcome]:
    pages, facts = SUITES[suite]
    found: list[Outcome] = []
    for page, page_facts in pages_with_facts(pages.iterdir(), facts):
        found += score(page_facts, from_notice(noticecli.parse_file(page)))
    return found


def _skip_without(suite: str) -> None:
    if not SUITES[suite][0].is_dir():
        pytest.skip(f"{SUITES[suite][0]} is not present")


def test_baseline_names_every_suite_and_known_fields() -> None:
    baseline = recorded()
    assert sorted(baseline) == sorted(SUITES)
    for fields in baseline.values():
        assert set(fields) <= set(FIELDS)
        for entry in fields.values():
            assert entry["accuracy"] == round(entry["hits"] / entry["outcomes"], 4)


@pytest.mark.parametrize("suite", sorted(SUITES))
def test_every_scored_field_has_a_floor(suite: str) -> None:
    _skip_without(suite)
    assert sorted(by_field(outcomes(suite))) == sorted(recorded()[suite])


@pytest.mark.parametrize(
    ("suite", "field"),
    [(suite, field) for suite, fields in sorted(recorded().items()) for field in fields],
)
def test_accuracy_does_not_drop(suite: str, field: str) -> None:
    _skip_without(suite)
    floor = recorded()[suite][field]
    now = by_field(outcomes(suite))[field]
    misses = [
        f"{o.page}: expected {o.expected!r}, got {o.got!r}"
        for o in outcomes(suite)
        if o.field == field and not o.hit
    ]
    assert round((now.accuracy or 0.0), 4) >= floor["accuracy"], (
        f"{suite} {field}: {now.hits}/{now.total} below the floor "
        f"{floor['hits']}/{floor['outcomes']}; misses now:\n" + "\n".join(misses)
    )
