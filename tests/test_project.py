"""The project's own promises: public API, documented commands, lint and types."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

import noticecli
from noticecli.cli import main
from tests.conftest import REPO

sys.path.insert(0, str(REPO))

from scripts.cli_docs import cli_markdown


def test_all_names_exist_and_are_exported() -> None:
    assert sorted(noticecli.__all__) == sorted(set(noticecli.__all__))
    for name in noticecli.__all__:
        assert hasattr(noticecli, name), name
    public = {
        name
        for name, value in vars(noticecli).items()
        if not name.startswith("_")
        and callable(value)
        and getattr(value, "__module__", "").startswith("noticecli")
    }
    assert public <= set(noticecli.__all__)


def test_every_command_has_help() -> None:
    assert isinstance(main, click.Group)
    context = click.Context(main)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None, name
        assert command.help, name
        for parameter in command.params:
            if isinstance(parameter, click.Option):
                assert parameter.help, f"{name} {parameter.name}"


def test_cli_docs_are_current() -> None:
    documented = (REPO / "docs" / "cli.md").read_text("utf-8")
    assert documented == cli_markdown(), "run: python scripts/cli_docs.py > docs/cli.md"


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert isinstance(main, click.Group)
    for name in main.list_commands(click.Context(main)):
        assert f"noticecli {name}" in readme, name


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(Path(sys.executable).parent))
    if path is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return path


def test_ruff_is_clean() -> None:
    completed = subprocess.run(
        [_tool("ruff"), "check", "."], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_ruff_format_is_clean() -> None:
    completed = subprocess.run(
        [_tool("ruff"), "format", "--check", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_mypy_strict_is_clean() -> None:
    completed = subprocess.run(
        [_tool("mypy")], cwd=REPO, capture_output=True, text=True, timeout=600
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


SHARED_PATHS = {"REPO", "FIXTURES", "PAGES", "EXPECTED", "SHARED", "CORPUS", "SEED"}


def test_shared_paths_are_defined_only_in_conftest() -> None:
    """One place says where the repository, fixtures and ../shared are; a test module
    that works them out again drifts when a folder moves."""
    redefined = []
    for module in sorted((REPO / "tests").glob("*.py")):
        if module.name == "conftest.py":
            continue
        for statement in ast.parse(module.read_text("utf-8")).body:
            targets = (
                statement.targets
                if isinstance(statement, ast.Assign)
                else [statement.target]
                if isinstance(statement, ast.AnnAssign)
                else []
            )
            redefined += [
                f"{module.name}: {target.id}"
                for target in targets
                if isinstance(target, ast.Name) and target.id in SHARED_PATHS
            ]
    assert redefined == [], "import these from tests.conftest"
