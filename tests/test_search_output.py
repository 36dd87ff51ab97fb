"""search for people (issue 14, item 10): the text around the match, the full URL and the
whole date at 80 to 160 columns; "no matches" said on stderr."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from noticecli.cli import main
from noticecli.cli.search_table import around_match
from tests.minisite import MiniSite
from tests.server import TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for pytest


@pytest.fixture
def db(http_server: TestServer, tmp_path: Path) -> tuple[str, MiniSite]:
    site = MiniSite(http_server, count=12)
    # A match deep in a long paragraph: the snippet must be cut around it, not before it.
    filler = "各区县人民防空办公室要按照全市统一部署认真组织开展本辖区防空警报设施维护保养工作" * 3
    site.edit_notice(7, "关于第7批人防工程检查情况的通报", "关于第7批人防工程检查情况的通报")
    body = site.bodies[7].decode("utf-8")
    at = body.index("<p", body.index("<body"))
    site._set_notice(
        7, (body[:at] + f"<p>{filler}地下掩蔽工程专项验收{filler}</p>" + body[at:]).encode()
    )
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(), "utf-8")
    path = str(tmp_path / "t.db")
    result = CliRunner().invoke(
        main, ["crawl", "--sites", str(sites), "--db", path, "--allow-private", "--delay", "0"]
    )
    assert result.exit_code == 0, result.stderr
    return path, site


@pytest.mark.parametrize("columns", [80, 120, 160])
def test_table_shows_the_match_the_full_url_and_the_date(
    db: tuple[str, MiniSite], columns: int
) -> None:
    path, site = db
    result = CliRunner().invoke(
        main,
        ["search", "--db", path, "--format", "table", "地下掩蔽工程专项验收"],
        env={"COLUMNS": str(columns)},
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= columns
    text = "\n".join(lines)
    assert site.notice_url(7) in text  # whole, on one line
    assert "[地下掩蔽工程专项验收]" in text  # the match itself, marked
    assert "关于第7批人防工程检查情况的通报" in text
    # The date whole, in its own column.
    assert any(line.startswith("│ 20") and len(line.split("│")[1].strip()) == 10 for line in lines)


def test_no_matches_is_said_on_stderr(db: tuple[str, MiniSite]) -> None:
    path, _ = db
    for fmt in ("table", "jsonl"):
        result = CliRunner().invoke(main, ["search", "--db", path, "--format", fmt, "无此内容之词"])
        assert (result.exit_code, result.stdout) == (0, "")
        assert result.stderr == "noticecli: search: no matches for '无此内容之词'\n"


def test_jsonl_has_every_field_in_full(db: tuple[str, MiniSite]) -> None:
    path, site = db
    result = CliRunner().invoke(main, ["search", "--db", path, "地下掩蔽工程专项验收"])
    [hit] = [json.loads(line) for line in result.stdout.splitlines()]
    assert hit["url"] == site.notice_url(7)
    assert "[地下掩蔽工程专项验收]" in hit["snippet"]


def test_around_match_keeps_the_match_in_view() -> None:
    snippet = "前" * 60 + "[人防工程]" + "后" * 60
    for cells in (20, 40, 80):
        cut = around_match(snippet, cells)
        assert "[人防工程]" in cut and cell_len(cut) <= cells + 2, (cells, cut)
        assert cut.startswith("…") and cut.endswith("…")
    assert around_match("短[词]", 40) == "短[词]"
    assert around_match("没有标记的很长文本" * 10, 20).endswith("…")


def test_table_without_a_snippet(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.console import Console

    from noticecli.cli.search_table import print_hits

    hit = SimpleNamespace(title=None, url="http://a.gov.cn/x.html", published_at=None, snippet="")
    print_hits([hit], Console(width=80, force_terminal=False))
    out = capsys.readouterr().out
    assert "(no title)" in out and "http://a.gov.cn/x.html" in out
