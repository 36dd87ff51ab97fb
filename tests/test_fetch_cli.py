"""noticecli fetch end to end against a real server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import noticecli
from noticecli.cli import main
from tests.server import Reply, TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for pytest

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
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
