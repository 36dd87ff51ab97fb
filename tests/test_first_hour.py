"""What a new user meets in the first hour (issue 14, items 5, 7 and 11): first-run help for
the sites file, hints for likely mistakes, and the smaller edges."""

from __future__ import annotations

import codecs
import itertools
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from noticecli.cli import main
from noticecli.errors import InputError
from tests.conftest import REPO
from tests.minisite import MiniSite
from tests.server import Reply, TestServer, http_server
from tests.terminal import run_on_terminal

__all__ = ["http_server"]  # the fixture, imported for pytest

PAGE = REPO / "fixtures" / "pages" / "09_no-header-block.html"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def invoke(*args: str, env: dict[str, str] | None = None, input: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, input=input)


# --- item 5: first-run help for the sites file ----------------------------------------------


def test_sites_path_prints_the_default_and_makes_its_folder(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = invoke("sites", "path", env=env)
    assert result.exit_code == 0
    assert result.stdout == f"{tmp_path}/config/noticecli/sites.toml\n"
    assert (tmp_path / "config" / "noticecli").is_dir()  # so `sites example > …` works


@pytest.mark.parametrize("command", [["crawl"], ["sites", "check"]])
def test_a_missing_default_sites_file_says_where_and_how(
    tmp_path: Path, command: list[str]
) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = invoke(*command, env=env)
    assert result.exit_code == 78
    assert result.stderr == (
        f"noticecli: {tmp_path}/noticecli/sites.toml: no sites file in the default place; "
        'create one there with `noticecli sites example > "$(noticecli sites path)"` and edit '
        "it, or give --sites FILE\n"
    )
    assert not (tmp_path / "data").exists()  # no store made for nothing


def test_a_missing_given_sites_file_says_how_to_make_it(tmp_path: Path) -> None:
    missing = tmp_path / "sites.toml"
    result = invoke("crawl", "--sites", str(missing))
    assert result.exit_code == 78
    assert result.stderr == (
        f"noticecli: {missing}: no such file; `noticecli sites example > {missing}` writes one "
        "to start from\n"
    )


# --- item 7: hints for likely mistakes ------------------------------------------------------


def test_parse_given_a_url_points_to_fetch() -> None:
    result = invoke("parse", "http://rfb.example.gov.cn/x.html")
    assert result.exit_code == 2
    assert (
        "http://rfb.example.gov.cn/x.html: a URL, not a file: use "
        "`noticecli fetch http://rfb.example.gov.cn/x.html` to fetch and parse it"
    ) in result.stderr
    assert "http:/rfb" not in result.stderr  # not a file path with a slash dropped


def test_fetch_given_a_file_points_to_parse_or_input(
    http_server: TestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("page.html").write_bytes(PAGE.read_bytes())
    result = invoke("fetch", "page.html")
    assert result.exit_code == 2
    assert (
        "page.html: a file, not a URL: use `noticecli parse page.html` to parse a saved page, "
        "or `noticecli fetch -i page.html` to read URLs from it"
    ) in result.stderr
    missing = invoke("fetch", "urls.txt")
    assert missing.exit_code == 2
    assert "urls.txt: not a URL (no http:// or https://) and no such file" in missing.stderr
    assert "-i FILE" in missing.stderr
    assert "0 ok" not in result.stderr + missing.stderr  # no per-host summary naming a file
    assert http_server.requests == []


def test_fetch_takes_a_url_without_scheme_as_http(http_server: TestServer) -> None:
    http_server.route("/a.html", Reply(body=PAGE.read_bytes(), headers=HTML))
    bare = f"127.0.0.1:{http_server.port}/a.html"
    result = invoke("fetch", "--allow-private", "--delay", "0", bare)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["url"] == f"http://{bare}"
    assert f"noticecli: {bare}: no scheme given, using http://{bare}\n" in result.stderr


# --- item 11: the smaller edges -------------------------------------------------------------


def test_base_url_with_stdin_keeps_file_stdin() -> None:
    result = invoke("parse", "--base-url", "http://x.gov.cn/a.html", "-", input=PAGE.read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["file"] == "<stdin>"


def test_max_bytes_takes_sizes_with_units() -> None:
    size = PAGE.stat().st_size  # about 6 KB
    assert invoke("parse", "--max-bytes", "10k", str(PAGE)).exit_code == 0
    assert invoke("parse", "--max-bytes", "20M", str(PAGE)).exit_code == 0
    small = invoke("parse", "--max-bytes", "1k", str(PAGE))
    assert small.exit_code == 1
    assert small.stderr == (
        f"noticecli: {PAGE}: file is {size / 1024:.1f} KB, over the 1 KB limit (--max-bytes)\n"
    )
    bad = invoke("parse", "--max-bytes", "10 apples", str(PAGE))
    assert bad.exit_code == 2
    assert "is not a size" in bad.stderr


def test_debug_works_after_the_command_too(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.html")
    plain = invoke("parse", missing)
    assert (plain.exit_code, plain.exception) == (1, plain.exception)
    assert plain.stderr == f"noticecli: {missing}: no such file\n"
    for args in (["--debug", "parse", missing], ["parse", "--debug", missing]):
        result = invoke(*args)
        assert isinstance(result.exception, InputError), args  # raised: a traceback
    checked = invoke("sites", "check", "--debug", "--sites", missing)
    assert checked.exception is not None and checked.exit_code != 78


def test_export_csv_with_a_byte_order_mark_for_excel(
    http_server: TestServer, tmp_path: Path
) -> None:
    site = MiniSite(http_server, count=6)
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(), "utf-8")
    db = str(tmp_path / "t.db")
    assert invoke("crawl", "--sites", str(sites), "--db", db, "--allow-private").exit_code == 0
    target = tmp_path / "notices.csv"
    done = invoke("export", "--db", db, "--format", "csv", "--bom", "-o", str(target))
    assert done.exit_code == 0, done.stderr
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + b"notice_id,site,revision,")
    assert "关于第6批人防工程检查情况的通报" in data.decode("utf-8-sig")
    plain = invoke("export", "--db", db, "--format", "csv")
    assert plain.stdout.startswith("notice_id,")
    refused = invoke("export", "--db", db, "--bom")
    assert refused.exit_code == 2
    assert "--bom is for --format csv" in refused.stderr


def test_a_new_store_is_announced(http_server: TestServer, tmp_path: Path) -> None:
    # A mistyped --db would otherwise silently start afresh and emit every notice as new.
    site = MiniSite(http_server, count=6)
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(), "utf-8")
    db = tmp_path / "typo" / "t.db"
    args = ["crawl", "--sites", str(sites), "--db", str(db), "--allow-private", "--quiet"]
    first = invoke(*args)
    assert first.exit_code == 0
    assert first.stderr == f"noticecli: creating a new store: {db}\n"  # even with --quiet
    again = invoke(*args)
    assert (again.exit_code, again.stderr) == (0, "")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_url_lists_with_a_byte_order_mark(
    http_server: TestServer, tmp_path: Path, codec: str
) -> None:
    for name in ("a", "b"):
        http_server.route(f"/{name}.html", Reply(body=b"<p>fine</p>", headers=HTML))
    urls = [http_server.url("/a.html"), http_server.url("/b.html")]
    listed = tmp_path / "urls.txt"
    text = "# 网址\n" + "\n".join(urls) + "\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    listed.write_bytes(data)
    result = invoke("fetch", "--allow-private", "--delay", "0", "-i", str(listed))
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["url"] for line in result.stdout.splitlines()] == urls


def test_a_url_list_in_utf16_without_a_mark_gets_a_hint(tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_bytes("http://a.gov.cn/\n".encode("utf-16-le"))
    result = invoke("fetch", "-i", str(listed))
    assert result.exit_code == 2
    assert "UTF-16 without a byte order mark? save it as UTF-8" in result.stderr


def test_sites_check_honours_the_sites_delay(http_server: TestServer, tmp_path: Path) -> None:
    # Two listing pages of one site on one host: spaced by the site's delay (0.4 s, plus at
    # most half of it in jitter), not by --delay's default of 1 s; --delay given wins.
    site = MiniSite(http_server, count=12)
    sites = tmp_path / "sites.toml"
    second = site.server.url(site.listing_path(1))
    both = f'listing = ["{site.listing_url()}", "{second}"]'
    text = site.sites_toml().replace("delay = 0", "delay = 0.4")
    sites.write_text(text.replace(f'listing = ["{site.listing_url()}"]', both), "utf-8")

    def gaps(*extra: str) -> list[float]:
        before = len(http_server.requests)
        result = invoke("sites", "check", "--sites", str(sites), "--allow-private", *extra)
        assert result.exit_code == 0, result.stderr
        times = [r.at for r in http_server.requests[before:] if r.path != "/robots.txt"]
        assert len(times) == 2
        return [b - a for a, b in itertools.pairwise(times)]

    assert all(0.38 <= gap < 0.9 for gap in gaps()), "the site's delay"
    assert all(gap < 0.3 for gap in gaps("--delay", "0")), "--delay given"


def test_help_texts_say_what_the_options_do(tmp_path: Path, http_server: TestServer) -> None:
    crawl_help = invoke("crawl", "--help").stdout
    fetch_help = invoke("fetch", "--help").stdout
    assert "FILE.jsonl" not in crawl_help and "FILE.warc.gz" not in fetch_help
    assert "FILE.partial" in " ".join(fetch_help.split())
    # --warc writes a gzipped WARC under exactly the name given, as its help says.
    http_server.route("/a.html", Reply(body=b"<p>fine</p>", headers=HTML))
    warc = tmp_path / "run.warc"
    args = ["fetch", "--allow-private", "--warc", str(warc), http_server.url("/a.html")]
    assert invoke(*args).exit_code == 0
    assert warc.read_bytes()[:2] == b"\x1f\x8b"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs pseudo-terminals")
def test_normalize_on_a_terminal_without_input_prints_its_usage() -> None:
    run = run_on_terminal(["normalize"], stdout="terminal", timeout=20)
    assert run.code == 2
    shown = "\n".join(run.lines())
    assert "Usage: python -m noticecli normalize [OPTIONS] [FILE|-]" in shown
    assert "327日 → 3月27日" in shown
