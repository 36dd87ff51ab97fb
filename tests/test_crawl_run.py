"""noticecli crawl against a real mini-site on 127.0.0.1, with real SQLite files."""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from noticecli.cli import main
from noticecli.crawl.state import StateStore, crawl_lock
from tests.conftest import REPO
from tests.minisite import MiniSite
from tests.server import TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for pytest


@pytest.fixture
def site(http_server: TestServer) -> MiniSite:
    return MiniSite(http_server)


@pytest.fixture
def paths(tmp_path: Path, site: MiniSite) -> dict[str, Path]:
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(), "utf-8")
    return {"sites": sites, "db": tmp_path / "state.db", "out": tmp_path / "out.jsonl"}


def crawl(
    paths: dict[str, Path], *extra: str, delay: str | None = "0"
) -> tuple[int, list[dict[str, Any]], str]:
    """One crawl run through the CLI; returns exit code, emitted records, stderr."""
    args = ["crawl", "--sites", str(paths["sites"]), "--db", str(paths["db"])]
    args += ["--allow-private", "--retries", "0", "--timeout", "10", *extra]
    if delay is not None:
        args += ["--delay", delay]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, records, result.stderr


def test_first_run_emits_every_notice_then_nothing(
    site: MiniSite, paths: dict[str, Path], http_server: TestServer
) -> None:
    code, records, err = crawl(paths)
    assert code == 0, err
    assert len(records) == site.count
    assert {r["crawl"]["change"] for r in records} == {"new"}
    assert {r["title"] for r in records} == set(site.titles.values())
    assert len({r["crawl"]["notice_id"] for r in records}) == site.count
    assert all(r["crawl"]["site"] == "minisite" and r["crawl"]["revision"] == 1 for r in records)
    assert "32 new, 0 changed" in err

    before = len(http_server.requests)
    code, records, err = crawl(paths, "--revalidate", "all")
    assert (code, records) == (0, [])
    second = [r for r in http_server.requests[before:] if r.path != "/robots.txt"]
    assert second, "the second run revalidates"
    assert all("if-none-match" in r.headers for r in second), "conditional requests only"
    assert "0 new, 0 changed" in err


def test_site_selectors_and_page_template_choose_the_items(
    site: MiniSite, tmp_path: Path, http_server: TestServer
) -> None:
    # The site's own selectors replace listing detection: only the first three rows of each
    # page are items, and pages follow the next_page template instead of the page's pager.
    sites = tmp_path / "sites.toml"
    sites.write_text(
        site.sites_toml(
            items="table.gl_list tr:nth-child(-n+3)",
            link="td a",
            date="td:nth-child(2)",
            next_page="index_{n}.html",
        ),
        "utf-8",
    )
    code, records, err = crawl({"sites": sites, "db": tmp_path / "state.db"})
    assert code == 0, err
    newest_first = list(range(site.count, 0, -1))
    chosen = [n for page in range(0, site.count, 10) for n in newest_first[page : page + 3]]
    assert sorted(r["url"] for r in records) == sorted(site.notice_url(n) for n in chosen)
    # Four pages, then the template's fifth, which 404s: the end of the listing, no failure.
    listing_paths = [r.path for r in http_server.requests if "/index" in r.path]
    assert listing_paths == [site.listing_path(page) for page in range(5)]
    assert re.search(r", 0 failed in \d+\.\d s\n$", err), err
    code, records, err = crawl(
        {"sites": sites, "db": tmp_path / "state.db"}, "--revalidate", "none"
    )
    assert (code, records) == (0, []), err


def test_site_selectors_that_match_nothing_are_reported(site: MiniSite, tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(items="table.no-such-list tr"), "utf-8")
    code, records, err = crawl({"sites": sites, "db": tmp_path / "state.db"})
    assert (code, records) == (1, [])
    assert f"{site.listing_url()}: the site's items selector matched nothing" in err


def test_an_items_selector_without_a_page_template_follows_the_pages_pager(
    site: MiniSite, tmp_path: Path
) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(items="table.gl_list tr", date="td:nth-child(2)"), "utf-8")
    code, records, err = crawl({"sites": sites, "db": tmp_path / "state.db"})
    assert code == 0, err
    assert len(records) == site.count  # all four listing pages, by the page's own pager


def test_a_listing_page_that_is_not_a_page_fails_as_a_parse_even_with_selectors(
    site: MiniSite, tmp_path: Path, http_server: TestServer
) -> None:
    # The selector path reads pages through the pipeline: its binary check names the
    # problem, instead of a selector that "matched nothing".
    from tests.server import Reply

    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    http_server.route(site.listing_path(0), Reply(body=png, headers={"Content-Type": "image/png"}))
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(items="table.gl_list tr"), "utf-8")
    code, records, err = crawl({"sites": sites, "db": tmp_path / "state.db"})
    assert (code, records) == (1, [])
    assert f"{site.listing_url()}: not a text page: looks like a PNG image\n" in err
    assert "matched nothing" not in err


def test_notice_overrides_in_the_sites_file_fix_what_the_parser_gets_wrong(
    http_server: TestServer, tmp_path: Path
) -> None:
    # Notice pages of a template the parser reads wrongly (see tests/test_overrides.py): the
    # title comes out as the site name until the sites file names the title element.
    from tests.server import Reply
    from tests.test_overrides import PAGE, TITLE

    site = MiniSite(http_server, count=3)
    for number in range(1, site.count + 1):
        body = PAGE.replace(TITLE, site.titles[number]).encode("utf-8")
        http_server.route(
            site.notice_path(number),
            Reply(body=body, headers={"Content-Type": "text/html; charset=utf-8"}),
        )
    plain = tmp_path / "plain.toml"
    plain.write_text(site.sites_toml(), "utf-8")
    _, records, _ = crawl({"sites": plain, "db": tmp_path / "plain.db"})
    assert {r["title"] for r in records} == {"通知公告"}

    fixed = tmp_path / "fixed.toml"
    fixed.write_text(
        site.sites_toml(
            title=".headline .big",
            body=".wenzhang",
            published_at=".info .when",
            header="table.xxgk-info",
        ),
        "utf-8",
    )
    code, records, err = crawl({"sites": fixed, "db": tmp_path / "fixed.db"})
    assert code == 0, err
    assert {r["title"] for r in records} == set(site.titles.values())
    for record in records:
        assert record["published_at"] == "2024-05-06"
        assert record["fields"]["index_no"] == "11340100/2024-00012"
        assert {f["origin"] for f in record["header"][:3]} == {"override"}
        assert record["body"][0]["text"] == "各县（市、区）人防办："
        # The shown date beats the site-wide PubDate <meta>, which says another day.
        assert [w["code"] for w in record["warnings"]] == ["published_mismatch"]

    # A selector the site's pages no longer fit: the automatic result, with a warning.
    stale = tmp_path / "stale.toml"
    stale.write_text(site.sites_toml(title="h1.article-title"), "utf-8")
    code, records, _ = crawl({"sites": stale, "db": tmp_path / "stale.db"})
    assert code == 0
    assert {r["title"] for r in records} == {"通知公告"}
    assert all([w["code"] for w in r["warnings"]] == ["site_rule_unmatched"] for r in records)


def test_unchanged_rerun_with_default_revalidation_fetches_one_listing_page(
    paths: dict[str, Path], http_server: TestServer
) -> None:
    crawl(paths)
    before = len(http_server.requests)
    code, records, _ = crawl(paths)
    assert (code, records) == (0, [])
    second = [r.path for r in http_server.requests[before:] if r.path != "/robots.txt"]
    assert second == ["/xxgk/tzgg/index.html"]  # answered 304: nothing on the site changed


def test_edited_page_gives_one_revision(site: MiniSite, paths: dict[str, Path]) -> None:
    crawl(paths)
    site.edit_notice(7, "关于第7批", "关于第七批")
    code, records, _ = crawl(paths, "--revalidate", "all")
    assert code == 0
    assert len(records) == 1
    (record,) = records
    assert record["crawl"]["change"] == "changed"
    assert record["crawl"]["revision"] == 2
    # The title shows in the header grid (名称) and the body's heading too.
    assert "title" in record["crawl"]["changed_fields"]
    assert set(record["crawl"]["changed_fields"]) <= {"title", "body", "header"}
    assert record["title"] == "关于第七批人防工程检查情况的通报"


def test_new_notice_on_listing_page_one_is_emitted_alone(
    site: MiniSite, paths: dict[str, Path]
) -> None:
    crawl(paths)
    number = site.add_notice()
    code, records, _ = crawl(paths)
    assert code == 0
    assert [r["title"] for r in records] == [site.titles[number]]
    assert records[0]["crawl"]["change"] == "new"


def test_failing_listing_page_is_reported_and_nothing_else_is_lost(
    site: MiniSite, paths: dict[str, Path]
) -> None:
    site.break_listing(1)
    code, records, err = crawl(paths)
    assert code == 1
    assert len(records) == 10  # page 0 still crawled
    assert "/xxgk/tzgg/index_1.html: HTTP 500" in err
    with StateStore.open(paths["db"]) as store:
        page = store.page(site.server.url("/xxgk/tzgg/index_1.html"))
    assert page is not None and page.failures == 1


def test_output_file_gets_whole_lines(site: MiniSite, paths: dict[str, Path]) -> None:
    code, records, _ = crawl(paths, "--out", str(paths["out"]), "--quiet")
    assert (code, records) == (0, [])
    lines = paths["out"].read_text("utf-8").splitlines()
    assert len(lines) == site.count
    assert all(json.loads(line)["crawl"]["change"] == "new" for line in lines)


def test_second_concurrent_run_exits_75(paths: dict[str, Path]) -> None:
    with crawl_lock(paths["db"]):
        result = CliRunner().invoke(
            main, ["crawl", "--sites", str(paths["sites"]), "--db", str(paths["db"])]
        )
    assert result.exit_code == 75
    assert "another crawl is running (pid" in result.stderr
    assert result.stdout == ""


def test_bad_sites_file_exits_78_naming_the_line(paths: dict[str, Path]) -> None:
    paths["sites"].write_text('[[site]]\nname = "x"\nlisting = ["ftp://a/"]\n', "utf-8")
    result = CliRunner().invoke(
        main, ["crawl", "--sites", str(paths["sites"]), "--db", str(paths["db"])]
    )
    assert result.exit_code == 78
    assert f"{paths['sites']}:3:" in result.stderr
    assert not paths["db"].exists()


def test_export_and_search(site: MiniSite, paths: dict[str, Path]) -> None:
    crawl(paths)
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--db", str(paths["db"])], catch_exceptions=False)
    exported = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert {r["title"] for r in exported} == set(site.titles.values())

    result = runner.invoke(
        main, ["export", "--db", str(paths["db"]), "--format", "csv"], catch_exceptions=False
    )
    rows = result.stdout.splitlines()
    assert rows[0].startswith("notice_id,site,revision,url,title")
    assert len(rows) == site.count + 1

    result = runner.invoke(
        main, ["search", "--db", str(paths["db"]), "第12批人防"], catch_exceptions=False
    )
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [h["title"] for h in hits] == ["关于第12批人防工程检查情况的通报"]

    table = runner.invoke(
        main,
        ["search", "--db", str(paths["db"]), "--format", "table", "第12批人防"],
        env={"COLUMNS": "240"},  # rich wraps at the terminal width
    )
    assert table.exit_code == 0
    assert "关于第12批人防工程检查情况的通报" in table.stdout and "published" in table.stdout


def test_sites_check_shows_the_first_listing_page(paths: dict[str, Path]) -> None:
    result = CliRunner().invoke(
        main,
        ["sites", "check", "--sites", str(paths["sites"]), "--allow-private"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "10 items" in result.stdout
    assert "关于第32批人防工程检查情况的通报" in result.stdout
    assert "index_1.html" in result.stdout


def test_sites_check_fails_on_a_listing_it_cannot_read(
    site: MiniSite, paths: dict[str, Path]
) -> None:
    site.break_listing(0)
    result = CliRunner().invoke(
        main,
        ["sites", "check", "--sites", str(paths["sites"]), "--allow-private", "--retries", "0"],
    )
    assert result.exit_code == 1
    # The problem goes to stderr, as every failure does, in one line with our prefix.
    assert f"noticecli: minisite: {site.listing_url()}: HTTP 500" in result.stderr
    assert "HTTP 500" not in result.stdout


def test_crawl_of_a_site_not_in_the_file_is_a_config_error(paths: dict[str, Path]) -> None:
    code, records, err = crawl(paths, "nosuchsite")
    assert (code, records) == (78, [])
    assert err == f"noticecli: {paths['sites']}: no site named nosuchsite\n"
    assert not paths["db"].exists()


@pytest.mark.parametrize("kill_after", [5, 14], ids=["early", "past-the-first-page"])
def test_sigkill_mid_run_then_resume_emits_each_notice_once(
    site: MiniSite, paths: dict[str, Path], http_server: TestServer, kill_after: int
) -> None:
    # Slow the notice pages down so the kill lands in the middle of the run.
    from tests.server import Reply

    for number in range(1, site.count + 1):
        body = site.bodies[number]
        http_server.route(
            site.notice_path(number),
            Reply(body=body, headers={"Content-Type": "text/html; charset=utf-8"}, delay=0.05),
        )
    command = [
        sys.executable,
        "-m",
        "noticecli",
        "crawl",
        "--sites",
        str(paths["sites"]),
        "--db",
        str(paths["db"]),
        "--out",
        str(paths["out"]),
        "--allow-private",
        "--delay",
        "0",
        "--retries",
        "0",
        "--quiet",
    ]
    child = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        written = paths["out"].read_text("utf-8").count("\n") if paths["out"].exists() else 0
        if written >= kill_after:
            break
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    first = paths["out"].read_text("utf-8").count("\n")
    assert 0 < first < site.count, "the kill should land mid-run"

    # The lock died with the process: the next run resumes.
    completed = subprocess.run(command, cwd=REPO, capture_output=True, timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr.decode()
    lines = paths["out"].read_text("utf-8").splitlines()
    ids = Counter(json.loads(line)["crawl"]["notice_id"] for line in lines)
    assert len(ids) == site.count
    assert set(ids.values()) == {1}, "no notice emitted twice across the two runs"
    with StateStore.open(paths["db"]) as store:
        conn = store.connection
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM notices").fetchone()[0] == site.count
        pending = conn.execute(
            "SELECT count(*) FROM notice_revisions WHERE emitted_at IS NULL"
        ).fetchone()[0]
        assert pending == 0


def test_record_written_before_a_kill_is_not_written_again(
    site: MiniSite, paths: dict[str, Path]
) -> None:
    code, _, _ = crawl(paths, "--out", str(paths["out"]))
    assert code == 0
    lines = paths["out"].read_text("utf-8").splitlines()
    last = json.loads(lines[-1])["crawl"]
    # As if killed after writing the last line but before marking it emitted, and while
    # writing one more line (half of it reached the disk).
    with StateStore.open(paths["db"]) as store:
        store.connection.execute(
            "UPDATE notice_revisions SET emitted_at = NULL WHERE notice_id = ?",
            (last["notice_id"],),
        )
        store.connection.commit()
    with paths["out"].open("a", encoding="utf-8") as handle:
        handle.write('{"title": "half a li')
    code, records, _ = crawl(paths, "--out", str(paths["out"]))
    assert (code, records) == (0, [])
    after = paths["out"].read_text("utf-8")
    assert after.endswith("\n")
    assert after.splitlines() == lines


def test_recorded_but_unwritten_record_is_written_by_the_next_run(
    site: MiniSite, paths: dict[str, Path]
) -> None:
    crawl(paths, "--out", str(paths["out"]))
    lines = paths["out"].read_text("utf-8").splitlines()
    dropped = json.loads(lines[-1])["crawl"]
    paths["out"].write_text("\n".join(lines[:-1]) + "\n", "utf-8")  # the line never made it
    with StateStore.open(paths["db"]) as store:
        store.connection.execute(
            "UPDATE notice_revisions SET emitted_at = NULL WHERE notice_id = ?",
            (dropped["notice_id"],),
        )
        store.connection.commit()
    crawl(paths, "--out", str(paths["out"]))
    again = paths["out"].read_text("utf-8").splitlines()
    assert len(again) == len(lines)
    assert json.loads(again[-1])["crawl"]["notice_id"] == dropped["notice_id"]


def test_crawl_and_fetch_output_validate_against_the_schema(paths: dict[str, Path]) -> None:
    import jsonschema

    from noticecli.schema import crawl_record_schema

    _, records, _ = crawl(paths)
    schema = crawl_record_schema()
    for record in records[:5]:
        jsonschema.validate(record, schema)
        assert record["fetch"]["status"] == 200


def test_listing_page_that_failed_is_walked_again_once_it_works(
    site: MiniSite, paths: dict[str, Path]
) -> None:
    site.break_listing(1)
    code, first, _ = crawl(paths)
    assert (code, len(first)) == (1, 10)
    site.publish_listings()  # page 1 answers again; page 0 is unchanged (a 304 if asked)
    code, second, err = crawl(paths)
    assert code == 0, err
    assert len(second) == site.count - 10
    assert {r["title"] for r in first + second} == set(site.titles.values())
    code, third, _ = crawl(paths)
    assert (code, third) == (0, [])


def test_a_sites_own_delay_spaces_requests_unless_the_command_line_says(
    http_server: TestServer, tmp_path: Path
) -> None:
    site = MiniSite(http_server, count=3)
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml().replace("delay = 0", "delay = 0.3"), "utf-8")
    code, records, _ = crawl({"sites": sites, "db": tmp_path / "a.db"}, delay=None)
    assert (code, len(records)) == (0, 3)
    times = [r.at for r in http_server.requests if r.path != "/robots.txt"]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert gaps and min(gaps) >= 0.28
    before = len(http_server.requests)
    crawl({"sites": sites, "db": tmp_path / "b.db"}, delay="0")
    times = [r.at for r in http_server.requests[before:] if r.path != "/robots.txt"]
    assert times[-1] - times[0] < 0.3 * (len(times) - 1)


@pytest.mark.parametrize("command", [["search", "人防工程"], ["export"]])
def test_read_only_commands_refuse_a_missing_store(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(main, [*command, "--db", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"noticecli: {missing}: no such store")
    assert not missing.exists()


def test_export_checks_since_and_site(paths: dict[str, Path]) -> None:
    crawl(paths)
    runner = CliRunner()
    bad = runner.invoke(main, ["export", "--db", str(paths["db"]), "--since", "last week"])
    assert bad.exit_code == 2
    assert "is not an ISO date" in bad.stderr
    unknown = runner.invoke(main, ["export", "--db", str(paths["db"]), "--site", "nope"])
    assert unknown.exit_code == 1
    assert "no site named 'nope' in the store" in unknown.stderr
    recent = runner.invoke(
        main, ["export", "--db", str(paths["db"]), "--since", "2000-01-01T08:00:00+08:00"]
    )
    assert len(recent.stdout.splitlines()) == 32
    future = runner.invoke(main, ["export", "--db", str(paths["db"]), "--since", "2999-01-01"])
    assert future.stdout == ""


def test_export_to_a_file(paths: dict[str, Path], tmp_path: Path) -> None:
    crawl(paths)
    runner = CliRunner()
    target = tmp_path / "notices.csv"
    done = runner.invoke(
        main, ["export", "--db", str(paths["db"]), "--format", "csv", "-o", str(target)]
    )
    assert done.exit_code == 0 and done.stdout == ""
    assert len(target.read_text(encoding="utf-8").splitlines()) == 33  # header + 32 notices
    missing = tmp_path / "no-such-dir" / "out.jsonl"
    failed = runner.invoke(main, ["export", "--db", str(paths["db"]), "-o", str(missing)])
    assert failed.exit_code == 1
    assert failed.stderr.startswith(f"noticecli: {missing}: cannot write: ")
    assert "Traceback" not in failed.stderr and not missing.parent.exists()


def test_unusable_store_or_output_is_one_line(paths: dict[str, Path], tmp_path: Path) -> None:
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("these are my notes, not a database\n" * 100)
    code, records, err = crawl({**paths, "db": not_sqlite})
    assert (code, records) == (1, [])
    assert err.startswith(f"noticecli: {not_sqlite}: not a noticecli store")
    assert "Traceback" not in err
    code, _, err = crawl(paths, "--out", str(tmp_path / "no-such-dir" / "out.jsonl"))
    assert code == 1
    assert "cannot write the output" in err and "Traceback" not in err


def test_sites_example_prints_a_file_that_loads(tmp_path: Path) -> None:
    from noticecli.crawl.sites import load_sites

    result = CliRunner().invoke(main, ["sites", "example"], catch_exceptions=False)
    assert result.exit_code == 0
    path = tmp_path / "sites.toml"
    path.write_text(result.stdout, "utf-8")
    assert [site.name for site in load_sites(path)] == ["hefei-rfb", "anhui-rfb"]


def test_a_store_folder_that_cannot_be_made_is_one_line(
    paths: dict[str, Path], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    code, records, err = crawl({**paths, "db": blocker / "state.db"})
    assert (code, records) == (1, [])
    assert err == f"noticecli: {blocker}: cannot use it for the store: File exists\n"
