"""One table from errors to exit codes, applied in one place (the command group), one function
that reports an error, every error class exported and documented (issue 13, the CLI part)."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import noticecli
from noticecli import errors
from noticecli.cli import main
from noticecli.cli.report import EXIT_CODES, exit_code_for

REPO = Path(__file__).resolve().parents[1]
ERROR_CLASSES = [
    value
    for value in vars(errors).values()
    if inspect.isclass(value) and issubclass(value, errors.NoticeError)
]


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (errors.LockedError("held"), 75),
        (errors.ConfigError("bad", line=3), 78),
        (errors.UsageError("unknown encoding 'x'"), 2),
        (errors.InputError("no such file"), 1),
        (errors.DecodeError("undecodable"), 1),
        (errors.ParseError("nothing"), 1),
        (errors.OutputError("cannot write"), 1),
        (errors.ArchiveError("cannot write"), 1),
        (errors.HTTPStatusError("HTTP 404"), 1),
        (errors.NoticeError("other"), 1),
        (PermissionError(13, "Permission denied"), 1),
        (KeyboardInterrupt(), 130),
        (ValueError("a bug"), 1),
    ],
)
def test_the_table(error: BaseException, code: int) -> None:
    assert exit_code_for(error) == code


def test_every_error_class_has_a_code_from_the_table() -> None:
    codes = {code for _, code in EXIT_CODES}
    assert codes <= {1, 2, 75, 78}
    for cls in ERROR_CLASSES:
        assert any(issubclass(cls, kind) for kind, _ in EXIT_CODES), cls


@pytest.mark.parametrize(
    ("raised", "code", "line"),
    [
        (errors.UsageError("unknown encoding 'x'"), 2, "noticecli: unknown encoding 'x'\n"),
        (
            errors.LockedError("held by pid 7", source="t.db"),
            75,
            "noticecli: t.db: held by pid 7\n",
        ),
        (
            RuntimeError("boom"),
            1,
            "noticecli: internal error: RuntimeError: boom (run with --debug for a traceback)\n",
        ),
    ],
)
def test_the_group_maps_what_reaches_it(
    monkeypatch: pytest.MonkeyPatch, raised: Exception, code: int, line: str
) -> None:
    def fail(db: object) -> None:
        raise raised

    monkeypatch.setattr("noticecli.cli.store_commands.open_existing_store", fail)
    result = CliRunner().invoke(main, ["export"])
    assert (result.exit_code, result.stderr) == (code, line)
    debugged = CliRunner().invoke(main, ["export", "--debug"])
    assert debugged.exception is raised  # --debug: the traceback instead


def test_only_the_reporter_writes_messages() -> None:
    # report()/say() in cli/report.py are the one way a message reaches stderr.
    for path in sorted((REPO / "noticecli").rglob("*.py")):
        if path.name == "report.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for argument in node.args:
                first = argument.values[0] if isinstance(argument, ast.JoinedStr) else argument
                text = first.value if isinstance(first, ast.Constant) else None
                assert not (isinstance(text, str) and text.startswith("noticecli: ")), (
                    f"{path}:{node.lineno}: use report() or say()"
                )
            assert not any(k.arg == "err" for k in node.keywords) or path.name in (
                "parse_commands.py"  # normalize's usage, shown instead of waiting
            ), f"{path}:{node.lineno}: use report() or say()"


def test_every_error_is_exported_and_drawn_in_the_tree() -> None:
    tree = errors.__doc__ or ""
    for cls in ERROR_CLASSES:
        assert cls.__name__ in noticecli.__all__, cls
        assert getattr(noticecli, cls.__name__) is cls
        assert re.search(rf"[─└├] {cls.__name__}\b|^\s+{cls.__name__}\b", tree, re.M), cls


def test_programmer_errors_are_outside_the_user_error_tree(tmp_path: Path) -> None:
    from noticecli.crawl.state import StateStore
    from noticecli.models import Notice

    with StateStore.open(tmp_path / "t.db") as store, pytest.raises(ValueError) as raised:
        store.record_notice("a", "http://a.gov.cn/x.html", Notice(kind="listing"), raw_sha256="x")
    assert not isinstance(raised.value, errors.NoticeError)


def test_the_exit_codes_are_documented() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    table = readme[readme.index("## Exit codes") :]
    for code in (0, 1, 2, 75, 78, 130, 143):
        assert f"\n| {code} |" in table, code
    cli_doc = " ".join((REPO / "docs" / "cli.md").read_text("utf-8").split())
    assert "130 interrupted (Ctrl-C); 143 terminated (SIGTERM)" in cli_doc
    architecture = (REPO / "docs" / "architecture.md").read_text("utf-8")
    for code in ("130", "143", "75", "78"):
        assert f"| {code} |" in architecture, code
