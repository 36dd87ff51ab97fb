"""Every fixture page parses to exactly its expected JSON (fixtures/expected/).

After a deliberate change in output, run ``python scripts/update_expected.py`` and review the
diff of fixtures/expected/ before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from noticecli.schema import notice_schema
from tests.golden import expected_path, fixture_pages, golden_output

GOLDEN_PAGES = fixture_pages()


def test_there_are_enough_fixture_pages() -> None:
    assert len(GOLDEN_PAGES) >= 12
    assert all(expected_path(page).is_file() for page in GOLDEN_PAGES), (
        "run scripts/update_expected.py"
    )


@pytest.mark.parametrize("page", GOLDEN_PAGES, ids=[page.name for page in GOLDEN_PAGES])
def test_fixture_matches_expected(page: Path) -> None:
    expected = json.loads(expected_path(page).read_text("utf-8"))
    assert golden_output(page) == expected


@pytest.mark.parametrize("page", GOLDEN_PAGES, ids=[page.name for page in GOLDEN_PAGES])
def test_fixture_output_validates_against_schema(page: Path) -> None:
    jsonschema.validate(golden_output(page), notice_schema())
