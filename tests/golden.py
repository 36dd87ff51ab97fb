"""Shared by the golden test and scripts/update_expected.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import noticecli
from tests.conftest import EXPECTED, PAGES, REPO


def expected_path(page: Path) -> Path:
    return EXPECTED / f"{page.name}.json"


def golden_output(page: Path) -> dict[str, Any]:
    """The parse output of a fixture page, with its path made relative to the repository."""
    output = noticecli.parse_file(page).to_dict()
    output["file"] = page.relative_to(REPO).as_posix()
    return output


def fixture_pages() -> list[Path]:
    return sorted(
        page for page in PAGES.iterdir() if not page.name.startswith(".") and page.is_file()
    )
