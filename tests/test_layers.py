"""Imports only point down the layers that docs/architecture.md writes down.

The table under "Layers" in docs/architecture.md is the one statement of the order: this
test reads it, puts every module of the package in its layer, and reads every import of
every module (at the top, inside functions, under ``TYPE_CHECKING``, relative ones) from
its syntax tree. A module may import from its own layer and below, never above.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "noticecli"
ARCHITECTURE = REPO / "docs" / "architecture.md"
_ROW = re.compile(r"^\|\s*(\d+)\s*\|([^|]+)\|([^|]+)\|")


@dataclass(frozen=True)
class Layer:
    number: int  # 1 is the bottom
    name: str
    patterns: tuple[str, ...]  # `models`, `parse.*` (the package and everything in it)

    def holds(self, module: str) -> bool:
        name = module.removeprefix("noticecli.") if module != "noticecli" else "__init__"
        for pattern in self.patterns:
            if pattern.endswith(".*"):
                package = pattern[:-2]
                if name == package or name.startswith(package + "."):
                    return True
            elif name == pattern:
                return True
        return False


def read_layers(markdown: str) -> list[Layer]:
    """The layer table: rows ``| n | name | `module`, `package.*` |`` under "## Layers"."""
    section = markdown.split("\n## Layers", 1)[1].split("\n## ", 1)[0]
    layers = []
    for line in section.splitlines():
        row = _ROW.match(line)
        if row is not None:
            patterns = tuple(re.findall(r"`([^`]+)`", row.group(3)))
            layers.append(Layer(int(row.group(1)), row.group(2).strip(), patterns))
    return layers


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) of every import of a ``noticecli`` module in ``source``; ``from a
    import b`` names ``a.b`` when that is a module of the package, else ``a``."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.append((node.lineno, candidate if _is_module(candidate) else base))
    return [(line, name) for line, name in found if name.split(".")[0] == "noticecli"]


def _is_module(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def layer_of(module: str, layers: list[Layer]) -> Layer | None:
    return next((layer for layer in layers if layer.holds(module)), None)


def upward_imports(layers: list[Layer], sources: dict[str, tuple[str, bool]]) -> list[str]:
    """One line per import that runs up the layers, in ``sources`` (module → source text,
    whether it is a package's ``__init__``)."""
    problems = []
    for module, (source, is_package) in sorted(sources.items()):
        own = layer_of(module, layers)
        assert own is not None, f"{module} is in no layer of docs/architecture.md"
        for line, target in imported_modules(source, module, is_package):
            theirs = layer_of(target, layers)
            assert theirs is not None, f"{target} (imported by {module}) is in no layer"
            if theirs.number > own.number:
                problems.append(
                    f"{module}:{line} imports {target}: layer {theirs.number} ({theirs.name}) "
                    f"is above layer {own.number} ({own.name})"
                )
    return problems


@pytest.fixture(scope="module")
def layers() -> list[Layer]:
    found = read_layers(ARCHITECTURE.read_text("utf-8"))
    assert [layer.number for layer in found] == list(range(1, len(found) + 1)), found
    return found


def _package_sources() -> dict[str, tuple[str, bool]]:
    return {
        module_name(path): (path.read_text("utf-8"), path.name == "__init__.py")
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_every_module_is_in_exactly_one_layer(layers: list[Layer]) -> None:
    for module in _package_sources():
        holding = [layer.name for layer in layers if layer.holds(module)]
        assert len(holding) == 1, f"{module}: {holding or 'no layer'} in docs/architecture.md"


def test_the_layer_table_names_only_modules_that_exist(layers: list[Layer]) -> None:
    modules = set(_package_sources())
    for layer in layers:
        for pattern in layer.patterns:
            assert any(Layer(0, "", (pattern,)).holds(module) for module in modules), pattern


def test_imports_only_point_down(layers: list[Layer]) -> None:
    problems = upward_imports(layers, _package_sources())
    assert not problems, "imports that run up the layers:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from noticecli.parse.dom import clean_text", "noticecli.parse.dom"),
        ("def f():\n    import noticecli.cli.app", "noticecli.cli.app"),
        ("if TYPE_CHECKING:\n    from noticecli.repair import dates", "noticecli.repair.dates"),
        ("from .parse import listing", "noticecli.parse.listing"),
        ("from . import pipeline", "noticecli.pipeline"),
        ("from noticecli import parse_html", "noticecli"),
    ],
)
def test_an_upward_import_is_found(layers: list[Layer], source: str, expected: str) -> None:
    """The check itself: each way of writing an import that runs up is reported."""
    problems = upward_imports(layers, {"noticecli.dates": (source, False)})
    assert len(problems) == 1, problems
    assert f"imports {expected}:" in problems[0]
    # The same import from the top layer is allowed.
    assert not upward_imports(layers, {"noticecli.__main__": (source, False)})
