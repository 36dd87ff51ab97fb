"""docs/api.md documents every name in ``noticecli.__all__``, and its examples run.

As sqlite-utils checks its docs against its code: a name exported without a section (a
heading or a table row starting with `` `noticecli.NAME` ``) fails here, as does a section
for a name the package does not have, and every ``>>>`` example runs as a doctest from the
repository root, so the page cannot drift from what the code does.
"""

from __future__ import annotations

import doctest
import re
import subprocess
import sys

import pytest

import noticecli
import noticecli.errors
from tests.conftest import REPO

API = REPO / "docs" / "api.md"
_SECTION = re.compile(r"^(?:#{2,4} |\| )`noticecli\.(\w+)`", re.MULTILINE)


def documented() -> set[str]:
    return set(_SECTION.findall(API.read_text("utf-8")))


@pytest.mark.parametrize("name", sorted(noticecli.__all__))
def test_every_exported_name_is_documented(name: str) -> None:
    assert name in documented(), f"noticecli.{name} has no section in docs/api.md"


def test_every_documented_name_exists() -> None:
    for name in documented():
        # The error classes are documented before all of them are re-exported.
        assert hasattr(noticecli, name) or hasattr(noticecli.errors, name), name


def test_the_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # the examples read the fixture pages by relative path
    text = API.read_text("utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, "docs/api.md", str(API), 0)
    report: list[str] = []
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
    assert runner.tries >= 40, runner.tries  # the examples were found at all


def test_a_submodule_import_leaves_the_public_names_alone() -> None:
    """``import noticecli.repair.dates`` works, and ``noticecli.normalize`` is still the
    function afterwards (the subpackage once had its name). A fresh interpreter: this
    one has imported everything already."""
    script = (
        "import noticecli.repair.dates, noticecli.repair.document, noticecli\n"
        "assert noticecli.normalize is noticecli.repair.document.normalize\n"
        "from noticecli import normalize\n"
        "assert callable(normalize) and normalize.__module__ == 'noticecli.repair.document'\n"
        "assert sorted(set(noticecli.__all__) - set(dir(noticecli))) == []\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
