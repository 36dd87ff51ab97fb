"""noticecli fetch end to end against a real server on 127.0.0.1."""

from __future__ import annotations

import errno
import gc
import json
import os
import stat
import weakref
from pathlib import Path

import pytest
from click.testing import CliRunner

import noticecli
from noticecli.cli import main
from noticecli.fetch.archive import WarcArchive
from noticecli.models import Notice
from noticecli.output import RecordWriter
from tests.conftest import PAGES
from tests.server import Reply, TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for pytest

HTML = {"Content-Type": "text/html; charset=utf-8"}


def fetch(*args: str) -> tuple[int, str, str]:
    base = ["fetch", "--allow-private", "--delay", "0", "--retries", "0", "--timeout", "5"]
    result = CliRunner().invoke(main, [*base, *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_fetch_prints_parse_json_plus_fetch_facts(http_server: TestServer) -> None:
    page = (PAGES / "06_trs-editor_attachments.html").read_bytes()
    http_server.route("/old", Reply.redirect("/xxgk/a.html", status=301))
    http_server.route("/xxgk/a.html", Reply(body=page, headers=HTML, etag='"v1"'))
    code, out, err = fetch(http_server.url("/old"))
    assert code == 0, err
    document = json.loads(out)
    assert document["url"] == http_server.url("/old")
    assert document["fetch"]["final_url"] == http_server.url("/xxgk/a.html")
    assert document["fetch"]["status"] == 200
    assert document["fetch"]["etag"] == '"v1"'
    assert document["fetch"]["attempts"] == 1
    assert document["title"] == noticecli.parse_html(page).title
    # Links resolve against where the redirects ended (the page's canonical link wins).
    assert all(a["url"].startswith("http") for a in document["attachments"])
    assert f"{http_server.host}:{http_server.port}: 1 ok, 0 failed" in err


def test_gbk_page_over_http(http_server: TestServer) -> None:
    page = (PAGES / "07_gbk-encoded.html").read_bytes()
    http_server.route(
        "/gbk.html", Reply(body=page, headers={"Content-Type": "text/html; charset=GBK"})
    )
    code, out, _ = fetch(http_server.url("/gbk.html"))
    assert code == 0
    document = json.loads(out)
    assert document["encoding"] == "gb18030"
    assert document["author"] == "周昇"


def test_failures_are_named_with_their_reason_and_exit_1(
    http_server: TestServer, tmp_path: Path
) -> None:
    http_server.route(
        "/ok.html", Reply(body=(PAGES / "09_no-header-block.html").read_bytes(), headers=HTML)
    )
    http_server.route("/gone.html", Reply(status=404))
    target = tmp_path / "out.jsonl"
    code, out, err = fetch(
        http_server.url("/ok.html"), http_server.url("/gone.html"), "-o", str(target)
    )
    assert (code, out) == (1, "")
    assert f"noticecli: {http_server.url('/gone.html')}: HTTP 404" in err
    lines = target.read_text("utf-8").splitlines()
    assert [json.loads(line)["fetch"]["status"] for line in lines] == [200]
    assert "1 ok, 1 failed (1 http)" in err
    assert http_server.hits("/gone.html") == 1  # a 404 is not retried


def test_a_page_that_fetches_but_does_not_parse_is_a_parse_failure(
    http_server: TestServer,
) -> None:
    http_server.route("/ok.html", Reply(body=(PAGES / "09_no-header-block.html").read_bytes()))
    http_server.route("/logo.html", Reply(body=b"\x89PNG\r\n\x1a\n" + b"\0" * 64, headers=HTML))
    code, out, err = fetch(http_server.url("/ok.html"), http_server.url("/logo.html"))
    assert code == 1
    assert [json.loads(line)["fetch"]["status"] for line in out.splitlines()] == [200]
    assert f"noticecli: {http_server.url('/logo.html')}: not a text page: looks like a PNG" in err
    assert "1 ok, 1 failed (1 parse)" in err


def test_private_address_refused_without_flag(http_server: TestServer, tmp_path: Path) -> None:
    http_server.route("/a.html", Reply(body=b"<p>x</p>", headers=HTML))
    target = tmp_path / "out.json"
    result = CliRunner().invoke(
        main, ["fetch", "--delay", "0", "-o", str(target), http_server.url("/a.html")]
    )
    assert result.exit_code == 1
    assert "loopback" in result.stderr and "--allow-private" in result.stderr
    assert http_server.requests == []
    assert not target.exists()  # nothing half-written


def test_urls_from_a_file_and_save_html(http_server: TestServer, tmp_path: Path) -> None:
    body = (PAGES / "09_no-header-block.html").read_bytes()
    http_server.route("/a.html", Reply(body=body, headers=HTML))
    http_server.route("/b.html", Reply(body=body, headers=HTML))
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# watch list\n{http_server.url('/a.html')}\n\n{http_server.url('/b.html')}\n")
    saved = tmp_path / "pages"
    code, out, _ = fetch("-i", str(urls), "--save-html", str(saved))
    assert code == 0
    assert len(out.splitlines()) == 2
    files = sorted(p.name for p in saved.rglob("*.html"))
    assert len(files) == 1  # the same bytes twice: one content-addressed file
    assert len((saved / "index.jsonl").read_text("utf-8").splitlines()) == 2


def test_fetch_warc_then_parse_warc_gives_identical_json(
    http_server: TestServer, tmp_path: Path
) -> None:
    http_server.route(
        "/a.html", Reply(body=(PAGES / "04_govcn-style_bd1-table.html").read_bytes(), headers=HTML)
    )
    http_server.route(
        "/b.html",
        Reply(
            body=(PAGES / "07_gbk-encoded.html").read_bytes(), headers={"Content-Type": "text/html"}
        ),
    )
    archive = tmp_path / "run.warc.gz"
    code, fetched, _ = fetch(
        http_server.url("/a.html"), http_server.url("/b.html"), "--warc", str(archive)
    )
    assert code == 0
    result = CliRunner().invoke(main, ["parse", "--warc", str(archive)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == fetched


def test_fetch_needs_a_url() -> None:
    result = CliRunner().invoke(main, ["fetch"])
    assert result.exit_code == 2
    assert "give at least one URL" in result.stderr


def test_a_malformed_url_fails_alone(http_server: TestServer) -> None:
    http_server.route("/ok.html", Reply(body=b"<p>fine</p>", headers=HTML))
    code, out, err = fetch("http://[::1", http_server.url("/ok.html"))
    assert code == 1
    assert [json.loads(line)["url"] for line in out.splitlines()] == [http_server.url("/ok.html")]
    assert "noticecli: http://[::1: not a valid URL: Invalid port: ':1'\n" in err
    assert "http://[::1: 0 ok, 1 failed (1 url)" in err
    assert "Traceback" not in err and "internal error" not in err


# the URL list ------------------------------------------------------------------------------


def test_url_list_that_is_not_utf8_is_a_usage_error(
    http_server: TestServer, tmp_path: Path
) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_bytes(http_server.url("/a.html").encode() + b"\n\xff\xfe\x00\n")
    code, out, err = fetch("-i", str(urls))
    assert (code, out) == (2, "")
    assert f"{urls}: not UTF-8 text (byte 0xff at offset " in err
    assert "Traceback" not in err
    assert http_server.requests == []


def test_url_list_bom_comments_and_fragments(http_server: TestServer, tmp_path: Path) -> None:
    for path in ("/a.html", "/b.html", "/c.html"):
        http_server.route(path, Reply(body=b"<p>fine</p>", headers=HTML))
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "\ufeff# watch list\n"
        f"{http_server.url('/a.html')}  # the first\n"
        "   \n"
        "   # an indented comment\n"
        f"{http_server.url('/b.html')}#top\n"  # a fragment, not a comment
        f"{http_server.url('/c.html')}\t# a tab before the comment\n",
        encoding="utf-8",
    )
    code, out, err = fetch("-i", str(urls))
    assert code == 0, err
    assert [json.loads(line)["url"] for line in out.splitlines()] == [
        http_server.url("/a.html"),
        http_server.url("/b.html") + "#top",
        http_server.url("/c.html"),
    ]
    pages = [r.path for r in http_server.requests if r.path != "/robots.txt"]
    assert pages == ["/a.html", "/b.html", "/c.html"]


def test_fetch_has_no_encoding_option() -> None:
    result = CliRunner().invoke(main, ["fetch", "--encoding", "gbk", "http://127.0.0.1:9/"])
    assert result.exit_code == 2
    assert "No such option '--encoding'" in result.stderr


# outputs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option", [["-o", "{bad}/out.jsonl"], ["--warc", "{bad}/run.warc.gz"], ["--save-html", "{bad}"]]
)
def test_an_output_that_cannot_be_created_fails_before_any_request(
    http_server: TestServer, tmp_path: Path, option: list[str]
) -> None:
    http_server.route("/a.html", Reply(body=b"<p>fine</p>", headers=HTML))
    blocker = tmp_path / "file"  # a file where a directory would have to be
    blocker.write_text("x")
    bad = str(blocker / "sub")
    flag, value = option[0], option[1].format(bad=bad)
    good = tmp_path / "out.jsonl"
    extra = ["-o", str(good)] if flag != "-o" else []
    code, out, err = fetch(http_server.url("/a.html"), flag, value, *extra)
    assert (code, out) == (1, "")
    assert err.startswith(f"noticecli: {value}: cannot write: ")
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert http_server.requests == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]  # nothing begun is left


@pytest.mark.parametrize("archive", ["--warc", "--save-html"])
def test_an_archive_write_failure_during_the_run_is_one_line(
    http_server: TestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, archive: str
) -> None:
    http_server.route("/a.html", Reply(body=b"<p>fine</p>", headers=HTML))

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(WarcArchive, "_add", disk_full)
    monkeypatch.setattr("noticecli.fetch.archive._append_line", disk_full)
    target = tmp_path / ("run.warc.gz" if archive == "--warc" else "pages")
    out_file = tmp_path / "out.jsonl"
    code, out, err = fetch(http_server.url("/a.html"), archive, str(target), "-o", str(out_file))
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == f"noticecli: {target}: cannot write: No space left on device"
    assert "Traceback" not in err
    assert not out_file.exists()
    assert not list(tmp_path.glob(".*.tmp"))
    if archive == "--warc":
        assert not target.exists()


def test_written_files_get_the_umask_mode(http_server: TestServer, tmp_path: Path) -> None:
    http_server.route("/a.html", Reply(body=b"<p>fine</p>", headers=HTML))
    old = os.umask(0o027)
    try:
        code, _, err = fetch(
            http_server.url("/a.html"),
            "-o",
            str(tmp_path / "out.json"),
            "--warc",
            str(tmp_path / "run.warc.gz"),
            "--save-html",
            str(tmp_path / "pages"),
        )
    finally:
        os.umask(old)
    assert code == 0, err
    written = [tmp_path / "out.json", tmp_path / "run.warc.gz", tmp_path / "pages/index.jsonl"]
    written += (tmp_path / "pages").glob("*/*.html")
    assert len(written) == 4
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in written} == {
        path.name: 0o640 for path in written
    }


def test_notices_are_written_not_kept(
    http_server: TestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays bounded by the Batch window: a notice is garbage once written."""
    for n in range(12):
        http_server.route(f"/{n}.html", Reply(body=b"<p>fine</p>", headers=HTML))
    written: list[weakref.ref[Notice]] = []
    most_alive = 0

    class Watching(RecordWriter):
        def write(self, record: Notice) -> None:
            nonlocal most_alive
            super().write(record)
            written.append(weakref.ref(record))
            gc.collect()
            most_alive = max(most_alive, sum(ref() is not None for ref in written))

    monkeypatch.setattr("noticecli.cli.records.RecordWriter", Watching)
    code, out, err = fetch(*(http_server.url(f"/{n}.html") for n in range(12)))
    assert code == 0, err
    assert len(written) == len(out.splitlines()) == 12
    assert most_alive <= 2  # the one being written (and at most the one before)
