"""The PostgreSQL store against a real, throwaway PostgreSQL (tests/postgres.py): the CLI
reads it as it reads a SQLite store (the same bytes out of export, search and sites
status), its migrations, writers in several processes at once, the trigram index, and
the one-line errors for a bad URL, a server that is down and a missing driver.

The store's contract (revisions, search, export, failures, runs …) is tested on both
stores in tests/test_crawl_state.py."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import queue
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import noticecli
from noticecli.cli import main
from noticecli.crawl import pg_schema
from noticecli.crawl.pg_store import PostgresStore
from noticecli.crawl.store_api import NoticeStore
from noticecli.crawl.stores import as_location, masked_url, open_store
from noticecli.errors import InputError, NoticeError
from noticecli.models import Notice
from tests.minisite import MiniSite
from tests.postgres import PostgresServer
from tests.server import TestServer, http_server
from tests.stores import HandClock

psycopg = pytest.importorskip("psycopg")

__all__ = ["http_server"]  # the fixture, imported for pytest


def page(title: str, date: str, paragraphs: tuple[str, ...], publisher: str = "") -> str:
    byline = f"<p>发布机构：{publisher}</p>" if publisher else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body>"
        f'<div class="article"><h1>{title}</h1><p>发布时间：{date}</p>{byline}'
        f'<div class="TRS_Editor">{body}</div>'
        '<p><a href="/files/a.pdf">附件1.pdf</a></p></div></body></html>'
    )


def notice(url: str, title: str, date: str, *paragraphs: str, publisher: str = "") -> Notice:
    return noticecli.parse_html(page(title, date, paragraphs, publisher), url=url)


def fill(store: NoticeStore, clock: HandClock) -> None:
    """Two sites, a changed notice, a failure, a run: what the CLI then reads."""
    run = store.begin_run()
    store.record_listing("hefei", "http://x.gov.cn/list/index.html", raw_sha256="l1")
    store.record_notice(
        "hefei",
        "http://x.gov.cn/a.html",
        notice(
            "http://x.gov.cn/a.html",
            "关于开展2024年安全生产检查的通知",
            "2024-05-06",
            "各县（市、区）人民政府：现将有关事项通知如下。",
            "一、检查范围包括全市所有危险化学品企业。",
            publisher="合肥市人民防空办公室",
        ),
        raw_sha256="a",
    )
    clock.advance(hours=1)
    store.record_notice(
        "hefei",
        "http://x.gov.cn/b.html",
        notice(
            "http://x.gov.cn/b.html",
            "关于做好防汛抗旱工作的通知",
            "2024-06-01",
            "请各单位加强值班值守，确保安全度汛。",
            publisher="合肥市人民防空办公室",
        ),
        raw_sha256="b",
    )
    store.record_notice(
        "anhui",
        "http://y.gov.cn/c.html",
        notice("http://y.gov.cn/c.html", "2024年部门预算公开", "2024-03-01", "预算收支总表。"),
        raw_sha256="c",
    )
    store.record_failure("anhui", "http://y.gov.cn/d.html", "http", "HTTP 503", status=503)
    clock.advance(hours=1)
    store.record_notice(
        "hefei",
        "http://x.gov.cn/a.html",
        notice(
            "http://x.gov.cn/a.html",
            "关于开展2024年安全生产检查的通知",
            "2024-05-06",
            "各县（市、区）人民政府：现将有关事项通知如下。",
            "一、检查范围包括全市所有危险化学品和烟花爆竹企业。",
            publisher="合肥市人民防空办公室",
        ),
        raw_sha256="a2",
    )
    store.finish_site("hefei", "ok")
    store.finish_site("anhui", "partial", error="http://y.gov.cn/d.html: HTTP 503")
    store.finish_run(run, "failed", pages_fetched=5, notices_new=3, notices_changed=1)


@pytest.fixture
def filled(postgres_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The same history in a SQLite file and in a PostgreSQL database: (path, URL)."""
    sqlite_path = str(tmp_path / "same.db")
    for location in (sqlite_path, postgres_url):
        clock = HandClock()
        with open_store(Path(location) if location == sqlite_path else location, clock=clock) as s:
            fill(s, clock)
    yield sqlite_path, postgres_url


COMMANDS = [
    ["export"],
    ["export", "--format", "csv"],
    ["export", "--format", "atom", "--site", "hefei"],
    ["export", "--site", "anhui", "--since", "2026-11-29T15:30:00Z"],
    ["export", "--limit", "1"],
    ["search", "危险化学品"],
    ["search", "通知"],
    ["search", "安全 度汛"],
    ["search", "不存在"],
    ["sites", "status"],
    ["sites", "status", "anhui"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_cli_reads_either_store_alike(filled: tuple[str, str], command: list[str]) -> None:
    sqlite_path, url = filled
    on_sqlite = CliRunner().invoke(main, [*command, "--db", sqlite_path])
    on_postgres = CliRunner().invoke(main, [*command, "--db", url])
    assert on_sqlite.exit_code == 0, on_sqlite.stderr
    assert on_postgres.exit_code == 0, on_postgres.stderr
    assert on_postgres.stdout == on_sqlite.stdout
    assert on_postgres.stderr == on_sqlite.stderr
    if command == ["search", "不存在"]:
        assert on_postgres.stdout == ""  # no hit on either store
    else:
        assert on_postgres.stdout  # something was compared


def test_the_store_is_chosen_by_noticecli_db_too(filled: tuple[str, str]) -> None:
    _, url = filled
    result = CliRunner().invoke(main, ["search", "烟花爆竹"], env={"NOTICECLI_DB": url})
    assert result.exit_code == 0, result.stderr
    [hit] = [json.loads(line) for line in result.stdout.splitlines()]
    assert hit["url"] == "http://x.gov.cn/a.html"
    assert "[烟花爆竹]" in hit["snippet"]
    # --db wins over the environment.
    result = CliRunner().invoke(
        main, ["search", "烟花爆竹", "--db", filled[0]], env={"NOTICECLI_DB": "postgresql://x@/y"}
    )
    assert result.exit_code == 0 and result.stdout


def test_an_unknown_site_names_the_url_without_its_password(filled: tuple[str, str]) -> None:
    _, url = filled
    result = CliRunner().invoke(main, ["sites", "status", "nowhere", "--db", url])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"noticecli: {url}: no site named 'nowhere' in the store"


@pytest.mark.parametrize("setup", ["store", "queue"])
def test_a_url_libpq_cannot_parse_is_named_in_its_error_without_its_password(
    setup: str,
) -> None:
    # libpq quotes the whole URL when it cannot parse it, and urlsplit refuses it too.
    from noticecli.crawl.pg_store import connect
    from noticecli.crawl.queue_setup import prepare_queue

    url = "postgresql://reader:sekret@[::1/notices"
    with pytest.raises(InputError) as caught:
        connect(url) if setup == "store" else prepare_queue(url, location=masked_url(url))
    assert "sekret" not in str(caught.value)
    assert "postgresql://reader:***@[::1/notices" in str(caught.value)


def test_workers_whose_clocks_disagree_date_revisions_in_the_order_they_were_recorded(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from noticecli.crawl import clock

    url = "http://x.gov.cn/a.html"
    with PostgresStore.open(postgres_url) as first:
        first.record_notice(
            "s",
            url,
            notice(url, "关于开展安全检查的通知", "2024-05-06", "第一版。"),
            raw_sha256="1",
        )
        before = first.export()
        (one,) = before
        since = one["crawl"]["recorded_at"]

    class Behind(datetime):
        """A second machine, whose clock is 30 s behind the first's."""

        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return datetime.now(tz) - timedelta(seconds=30)

    monkeypatch.setattr(clock, "datetime", Behind)
    with PostgresStore.open(postgres_url) as second:
        second.record_notice(
            "s",
            url,
            notice(url, "关于开展安全检查的通知", "2024-05-06", "第二版。"),
            raw_sha256="2",
        )
        pending = [record["crawl"]["revision"] for record in second.pending_emissions()]
        assert pending == [1, 2], "emit writes revision 2 before revision 1"
        assert [r["crawl"]["revision"] for r in second.export(since)] == [2]


# --- migrations -----------------------------------------------------------------------------


def versions(url: str) -> list[tuple[int, Any]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT version, applied_at FROM noticecli_schema ORDER BY version"
        ).fetchall()


def test_an_empty_database_is_set_up_and_reopened_unchanged(postgres_url: str) -> None:
    with PostgresStore.open(postgres_url) as store:
        assert store.site_names() == []
    applied = versions(postgres_url)
    assert [version for version, _ in applied] == list(range(1, pg_schema.SCHEMA_VERSION + 1))
    with psycopg.connect(postgres_url) as conn:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        }
        extensions = {row[0] for row in conn.execute("SELECT extname FROM pg_extension")}
    assert {
        "sites",
        "pages",
        "notices",
        "notice_revisions",
        "listing_walks",
        "runs",
        "notices_text",
        "notices_json",
        "noticecli_schema",
    } <= tables
    assert "pg_trgm" in extensions
    with PostgresStore.open(postgres_url), PostgresStore.open(postgres_url, create=False):
        pass
    assert versions(postgres_url) == applied  # nothing applied twice


def test_a_database_without_the_store_is_not_created_by_readers(postgres_url: str) -> None:
    with pytest.raises(InputError, match="no noticecli store in this database"):
        PostgresStore.open(postgres_url, create=False)
    result = CliRunner().invoke(main, ["export", "--db", postgres_url])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"noticecli: {postgres_url}: no noticecli store")
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT to_regclass('noticecli_schema')").fetchone() == (None,)


def test_a_newer_schema_is_refused(postgres_url: str) -> None:
    PostgresStore.open(postgres_url).close()
    with psycopg.connect(postgres_url) as conn:
        conn.execute("INSERT INTO noticecli_schema(version) VALUES (99)")
    with pytest.raises(NoticeError, match=r"schema version 99.*upgrade noticecli"):
        PostgresStore.open(postgres_url)


def _open_and_record(url: str, start: Any, worker: int, results: Any) -> None:
    """In a process of its own: wait for the others, open the store (setting up the
    database if nobody has yet) and record the same notices."""
    base = notice("http://x.gov.cn/0.html", "关于人防工程检查的通知", "2024-05-06", "正文。")
    start.wait(timeout=60)
    changes = []
    with PostgresStore.open(url) as store:
        for i in range(40):
            url_i = f"http://x.gov.cn/{i}.html"
            change = store.record_notice(
                "hefei", url_i, dataclasses.replace(base, url=url_i), raw_sha256=f"w{worker}"
            )
            changes.append((change.notice_id, change.kind, change.revision))
        # One notice changing through the same versions in every process, at once.
        for version in range(8):
            edited = dataclasses.replace(
                base,
                url="http://x.gov.cn/moving.html",
                title=f"关于人防工程检查的通知（第{version}版）",
            )
            change = store.record_notice(
                "hefei", "http://x.gov.cn/moving.html", edited, raw_sha256=str(version)
            )
            changes.append((change.notice_id, change.kind, change.revision))
    results.put(changes)


def test_writers_in_several_processes_record_each_notice_once(postgres_url: str) -> None:
    """Three processes set up one new database and record the same notices at the same
    moment: each notice once, each revision once, numbered without a gap, and what the
    processes were told adds up to exactly that."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(3)
    results = context.Queue()
    workers = [
        context.Process(target=_open_and_record, args=(postgres_url, start, n, results))
        for n in range(3)
    ]
    for worker in workers:
        worker.start()
    told: list[tuple[str, str, int]] = []
    for _ in workers:
        while True:  # a process that failed is reported at once, not after a time-out
            try:
                told += results.get(timeout=1)
                break
            except queue.Empty:
                failed = [w.exitcode for w in workers if w.exitcode not in (None, 0)]
                assert not failed, f"a writer failed: exit codes {failed}"
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    with psycopg.connect(postgres_url) as conn:
        revisions = conn.execute(
            "SELECT notice_id, revision FROM notice_revisions ORDER BY notice_id, revision"
        ).fetchall()
        notices = conn.execute("SELECT id, revision FROM notices").fetchall()
        pages = conn.execute("SELECT count(*) FROM pages").fetchone()
    assert len(notices) == 41 and pages == (41,)
    # Each of the 40 unchanged notices: one revision, told "new" to exactly one process.
    recorded = {(nid, rev) for nid, rev in revisions}
    written = [(nid, rev) for nid, kind, rev in told if kind != "unchanged"]
    assert sorted(written) == sorted(recorded)  # each revision reported once, none lost
    current = dict(notices)
    for nid, top in current.items():
        numbers = [rev for n, rev in revisions if n == nid]
        assert numbers == list(range(1, top + 1)), nid
    assert sum(1 for _, kind, _ in told if kind == "new") == 41
    # The new database was set up once, by whichever process came first.
    assert [v for v, _ in versions(postgres_url)] == list(range(1, pg_schema.SCHEMA_VERSION + 1))


# --- the trigram index ----------------------------------------------------------------------


def test_search_uses_the_trigram_index(postgres_url: str) -> None:
    clock = HandClock()
    with PostgresStore.open(postgres_url, clock=clock) as store:
        fill(store, clock)
        conn = store.connection
        with conn.transaction():
            conn.execute("SET LOCAL enable_seqscan = off")
            plan = "\n".join(
                row["QUERY PLAN"]
                for row in conn.execute(
                    "EXPLAIN SELECT notice_id FROM notice_revisions"
                    f" WHERE {pg_schema.SEARCH_TEXT_FUNCTION}(json) ILIKE %s",
                    ("%危险化学品%",),
                )
            )
        assert "notice_revisions_search" in plan
        # pg_trgm reads Chinese in this database (a UTF-8 LC_CTYPE): the term has trigrams.
        row = conn.execute("SELECT array_length(show_trgm('危险化学品'), 1) AS n").fetchone()
        assert row is not None and row["n"] and row["n"] >= 3
        text = conn.execute(
            "SELECT body FROM notices_text WHERE notice_id = %s",
            (store.search("烟花爆竹")[0].notice_id,),
        ).fetchone()
        assert text is not None and "烟花爆竹" in text["body"]


# --- errors ---------------------------------------------------------------------------------


def test_masked_url() -> None:
    assert masked_url("postgresql://crawler:s3cret@db.example/notices") == (
        "postgresql://crawler:***@db.example/notices"
    )
    assert masked_url("postgres://db.example/notices?user=a&password=s3cret&sslmode=require") == (
        "postgres://db.example/notices?user=a&password=***&sslmode=require"
    )
    assert masked_url("postgresql://crawler@/notices?host=/run/x") == (
        "postgresql://crawler@/notices?host=/run/x"
    )


@pytest.mark.parametrize("command", [["export"], ["search", "通知"], ["sites", "status"]])
def test_a_server_that_is_down_is_one_line_naming_the_url(
    tmp_path: Path, command: list[str]
) -> None:
    # A socket folder where no server listens: refused at once, nothing waited for.
    url = f"postgresql://crawler:s3cret@/notices?host={tmp_path}"
    result = CliRunner().invoke(main, [*command, "--db", url])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    masked = f"postgresql://crawler:***@/notices?host={tmp_path}"
    assert line.startswith(f"noticecli: {masked}: cannot connect to the store:")
    assert "s3cret" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://localhost:notaport/notices",
        "postgresql://postgres@/notices?host=/tmp&no_such_option=1",
    ],
)
def test_a_bad_url_is_one_line(url: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", url])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"noticecli: {url}: cannot connect to the store:"), line


def test_a_database_that_does_not_exist(postgres_server: PostgresServer) -> None:
    url = postgres_server.url("no_such_database")
    result = CliRunner().invoke(main, ["search", "通知", "--db", url])
    assert result.exit_code == 1
    assert 'database "no_such_database" does not exist' in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_without_the_driver_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg → ImportError
    monkeypatch.setitem(sys.modules, "psycopg.rows", None)
    result = CliRunner().invoke(main, ["export", "--db", "postgresql://u:pw@db.example/n"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "noticecli: postgresql://u:***@db.example/n: a PostgreSQL store needs the postgres "
        "extra: pip install 'noticecli[postgres]'"
    )


def test_crawl_into_an_unreachable_postgres_is_one_line(tmp_path: Path) -> None:
    # (crawl on a PostgreSQL store is enqueue + a worker: tests/test_queue_workers.py)
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "a"\nlisting = ["http://127.0.0.2/"]\n', "utf-8")
    result = CliRunner().invoke(
        main, ["crawl", "--sites", str(sites), "--db", f"postgresql://u:pw@/n?host={tmp_path}"]
    )
    assert result.exit_code == 1
    assert "pw" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


# --- a crawl into PostgreSQL (the crawl's code over the store interface) --------------------


def _crawl_into(store: NoticeStore, sites_file: Path, out: Path) -> list[dict[str, Any]]:
    """One run of the crawl's own code (session, run, emission) into ``store``; returns
    what it emitted. (``noticecli crawl --db postgresql://…`` itself is enqueue + worker.)"""
    from noticecli.crawl.output import CrawlOutput
    from noticecli.crawl.run import RunCounts
    from noticecli.crawl.session import CrawlSettings, _Run
    from noticecli.crawl.sites import load_sites
    from noticecli.fetch.client import FetchOptions

    sites = load_sites(sites_file)
    options = FetchOptions(allow_private=True, retries=0, timeout=10, delay=0)
    settings = CrawlSettings(revalidate="all", delay=0)
    before = out.read_text("utf-8") if out.exists() else ""
    with CrawlOutput(out) as output:
        _Run(store, output, sites, options, settings, None, None, RunCounts()).run(None)
    added = out.read_text("utf-8")[len(before) :]
    return [json.loads(line) for line in added.splitlines()]


def test_a_crawl_into_postgres_equals_one_into_sqlite(
    http_server: TestServer, postgres_url: str, tmp_path: Path
) -> None:
    """The same two runs of the mini-site (a notice edited between them) into each store:
    the same records emitted, and the same notices and revisions exported."""
    site = MiniSite(http_server, count=6)
    sites_file = tmp_path / "sites.toml"
    sites_file.write_text(site.sites_toml(), "utf-8")
    stores = {"sqlite": str(tmp_path / "c.db"), "postgresql": postgres_url}
    emitted: dict[str, list[list[dict[str, Any]]]] = {kind: [] for kind in stores}
    for run in range(2):
        if run == 1:
            site.edit_notice(3, "关于", "关于更正")
        for kind, location in stores.items():
            with open_store(as_location(location)) as store:
                out = tmp_path / f"{kind}.jsonl"
                emitted[kind].append(_crawl_into(store, sites_file, out))

    def comparable(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for record in records:
            record["crawl"].pop("recorded_at")
            record.pop("fetch", None)  # when it was fetched
        return sorted(records, key=lambda r: (r["crawl"]["notice_id"], r["crawl"]["revision"]))

    first, second = emitted["postgresql"]
    assert len(first) == 6 and [r["crawl"]["revision"] for r in second] == [2]
    for sqlite_run, postgres_run in zip(emitted["sqlite"], emitted["postgresql"], strict=True):
        assert comparable(postgres_run) == comparable(sqlite_run)
    exported = {}
    for kind, location in stores.items():
        with open_store(as_location(location)) as store:
            exported[kind] = comparable(list(store.export()))
            assert not list(store.pending_emissions())
    assert exported["postgresql"] == exported["sqlite"]


def test_a_server_lost_in_the_middle_is_one_line(postgres_url: str) -> None:
    from noticecli.cli.report import report

    store = PostgresStore.open(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = 'noticecli' AND pid <> pg_backend_pid()"
        )
    with pytest.raises(psycopg.OperationalError) as raised:
        store.search("通知")
    store.close()
    runner = CliRunner()
    with runner.isolation() as streams:
        report(raised.value)
    [line] = streams[1].getvalue().decode().splitlines()
    assert line.startswith("noticecli: the PostgreSQL store failed: "), line
    assert "internal error" not in line
