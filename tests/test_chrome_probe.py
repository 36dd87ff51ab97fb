"""bench/chrome_probe.py: its error path and that it reports a page whose reading changes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO


def _probe() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "chrome_probe", REPO / "bench" / "chrome_probe.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_missing_folder_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    assert _probe().main([str(missing)]) == 1
    assert capsys.readouterr().err == f"chrome_probe: {missing}: not a folder\n"


def test_the_probe_counts_the_page_a_perturbation_changes(tmp_path: Path) -> None:
    page = "\n".join(
        [
            "岚溪县人防办组织开展防空警报试鸣",
            "发布时间:2024-09-14 来源:岚溪县人防办",
            "",
            "为增强市民国防观念,县人防办于9月14日组织防空警报试鸣,全县范围统一鸣放。",
        ]
    )
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    probe = _probe()
    pages, failures = probe.probe([tmp_path / "page.txt"])
    assert pages == 1
    assert set(failures) >= {"text: top date-widget", "text: after text footer"}
    # A perturbation no reader survives shows: a new line taken for the title.
    probe.TEXT_TOP["plain-title"] = "岚溪县人防办关于开展人防宣传月活动的通知"
    pages, failures = probe.probe([tmp_path / "page.txt"])
    assert [name for name, failed in failures.items() if failed] == [
        "text: top plain-title",
        "text: over title plain-title",
    ]
