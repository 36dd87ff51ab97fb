"""export --format atom (issue 11): an Atom feed of a site's newest notices, read back the way
a feed reader reads it (feedparser) and as plain XML (xml.etree)."""

from __future__ import annotations

import dataclasses
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner

from noticecli.cli import main
from noticecli.crawl.feed import FeedHead, notice_urn, rfc3339, write_atom, xml_text
from noticecli.crawl.state import StateStore
from tests.minisite import MiniSite
from tests.server import TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for pytest

ATOM = "{http://www.w3.org/2005/Atom}"
HEAD = FeedHead(
    id="urn:uuid:00000000-0000-5000-8000-000000000000",
    title="滏川市人民防空办公室",
    subtitle="fuchuan: the newest 50 notices, as crawled by noticecli",
    updated="2026-11-29T15:00:00Z",
    author="滏川市人民防空办公室",
    self_url="https://example.org/feeds/fuchuan.xml?a=1&b=2",
    home_url="http://rfb.example.gov.cn/xxgk/",
)


def record(number: int, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "url": f"http://rfb.example.gov.cn/xxgk/t{number}.html?id={number}&x=<1>",
        "title": f"关于第{number}批人防工程检查情况的通报",
        "published_at": "2024-05-06",
        "publisher": "滏川市人民防空办公室",
        "source": None,
        "body": [
            {"type": "paragraph", "text": "各区县人民防空办公室：现将检查情况通报如下。"},
            {"type": "table", "rows": [[{"text": "序号"}, {"text": "单位"}]]},
        ],
        "attachments": [
            {
                "name": "附件1：名单.pdf",
                "url": "http://rfb.example.gov.cn/f/1.pdf",
                "file_type": "pdf",
            },
            {"name": "附件2.ofd", "url": "http://rfb.example.gov.cn/f/2.ofd", "file_type": "ofd"},
            {"name": "", "url": "http://rfb.example.gov.cn/f/3", "file_type": None},
        ],
        "crawl": {
            "notice_id": f"{number:016x}",
            "site": "fuchuan",
            "revision": 1,
            "change": "new",
            "changed_fields": [],
            "recorded_at": "2026-11-29T15:00:00Z",
        },
    }
    base.update(fields)
    return base


def written(records: list[dict[str, Any]], head: FeedHead = HEAD) -> str:
    stream = io.StringIO()
    assert write_atom(head, records, stream) == len(records)
    return stream.getvalue()


def test_a_feed_reader_reads_every_field() -> None:
    text = written([record(2, published_at="2024-05-07T10:05:00+08:00"), record(1)])
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id == HEAD.id
    assert feed.feed.title == "滏川市人民防空办公室"
    assert feed.feed.updated == "2026-11-29T15:00:00Z"
    assert feed.feed.author == "滏川市人民防空办公室"
    links = {link.rel: link for link in feed.feed.links}
    assert links["self"].href == "https://example.org/feeds/fuchuan.xml?a=1&b=2"
    assert links["self"].type == "application/atom+xml"
    assert links["alternate"].href == "http://rfb.example.gov.cn/xxgk/"
    first, second = feed.entries
    assert first.id == notice_urn(f"{2:016x}") and second.id == notice_urn(f"{1:016x}")
    assert first.title == "关于第2批人防工程检查情况的通报"
    assert first.link == "http://rfb.example.gov.cn/xxgk/t2.html?id=2&x=<1>"
    assert first.published == "2024-05-07T10:05:00+08:00"
    assert second.published == "2024-05-06T00:00:00+08:00"  # a date: midnight in China
    assert first.updated == "2026-11-29T15:00:00Z"
    assert first.author == "滏川市人民防空办公室"
    assert first.summary == "各区县人民防空办公室：现将检查情况通报如下。\n序号 | 单位"
    assert [(e.href, e.type, e.get("title")) for e in first.enclosures] == [
        ("http://rfb.example.gov.cn/f/1.pdf", "application/pdf", "附件1：名单.pdf"),
        ("http://rfb.example.gov.cn/f/2.ofd", "application/ofd", "附件2.ofd"),
        ("http://rfb.example.gov.cn/f/3", "application/octet-stream", None),
    ]
    assert all("length" not in e for e in first.enclosures)  # never known: not downloaded


def test_the_feed_is_well_formed_xml_with_chinese_intact() -> None:
    text = written([record(1)])
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    assert "关于第1批人防工程检查情况的通报" in text  # characters, not &#...; references
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "关于第1批人防工程检查情况的通报"
    # RFC 4287: a feed has an id, a title and updated; each entry too.
    for element in (root, entry):
        for name in ("id", "title", "updated"):
            assert element.findtext(f"{ATOM}{name}"), name


def test_characters_xml_cannot_hold_are_left_out_and_the_rest_escaped() -> None:
    nasty = "A&B <c> \"d\" 'e' ]]> \x00\x01\x08|\x0b\x0c\x1f|\ufffe\uffff\ud800 f\tg"
    text = written(
        [record(1, title=nasty, publisher=nasty, body=[{"type": "paragraph", "text": nasty}])],
        dataclasses.replace(HEAD, title=nasty),
    )
    root = ET.fromstring(text.encode("utf-8"))  # well-formed: no forbidden character left
    assert root.findtext(f"{ATOM}title") == "A&B <c> \"d\" 'e' ]]> || f\tg"
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    # Entry titles and summaries are the notice's text with whitespace folded, as search has it.
    assert entry.findtext(f"{ATOM}title") == "A&B <c> \"d\" 'e' ]]> | | f g"
    assert entry.findtext(f"{ATOM}summary") == "A&B <c> \"d\" 'e' ]]> | | f g"
    assert not feedparser.parse(text).bozo
    assert xml_text("\x7f\x85\u2028好") == "\x7f\x85\u2028好"  # allowed by XML 1.0


def test_times_as_atom_writes_them() -> None:
    assert rfc3339("2024-05-06") == "2024-05-06T00:00:00+08:00"
    assert rfc3339("2024-05-06T10:05") == "2024-05-06T10:05:00+08:00"
    assert rfc3339("2024-05-06T02:05:00+00:00") == "2024-05-06T02:05:00Z"
    assert rfc3339("2026-11-29T15:00:00Z") == "2026-11-29T15:00:00Z"
    assert rfc3339("五月六日") is None and rfc3339(None) is None


def test_an_entry_without_title_date_or_body_is_still_valid() -> None:
    bare = record(3, title=None, published_at=None, publisher=None, body=[], attachments=[])
    feed = feedparser.parse(written([bare]))
    assert not feed.bozo
    [entry] = feed.entries
    assert entry.title == bare["url"]  # Atom needs a title: the page's address
    assert "published" not in entry and "summary" not in entry
    assert entry.updated == "2026-11-29T15:00:00Z"


# --- through the CLI, on a store filled by a real crawl -----------------------------------

ATTACHMENT = '<p><a href="/files/附件1.pdf">附件1：检查名单.pdf</a></p>'


@pytest.fixture
def crawled(http_server: TestServer, tmp_path: Path) -> tuple[MiniSite, Path, Path]:
    site = MiniSite(http_server, count=12)
    body = site.bodies[12].decode("utf-8")
    at = body.index("</p>", body.index("<body")) + len("</p>")
    site._set_notice(12, (body[:at] + ATTACHMENT + body[at:]).encode("utf-8"))
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(), "utf-8")
    db = tmp_path / "state.db"
    crawl(sites, db)
    return site, sites, db


def crawl(sites: Path, db: Path, *extra: str) -> None:
    args = ["crawl", "--sites", str(sites), "--db", str(db), "--allow-private", "--delay", "0"]
    args += extra
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


def export(db: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["export", "--db", str(db), *args], catch_exceptions=False)


def test_export_atom_of_a_crawled_site(
    crawled: tuple[MiniSite, Path, Path], tmp_path: Path
) -> None:
    site, sites, db = crawled
    out = tmp_path / "feed.xml"
    result = export(db, "--format", "atom", "--site", "minisite", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    feed = feedparser.parse(out.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 12  # fewer than the default of 50
    with StateStore.open(db) as store:
        newest_first = list(store.export(site="minisite"))[::-1]
    assert [e.id for e in feed.entries] == [
        notice_urn(r["crawl"]["notice_id"]) for r in newest_first
    ]
    assert [e.link for e in feed.entries] == [r["url"] for r in newest_first]
    assert {e.title for e in feed.entries} == set(site.titles.values())
    assert [e.published for e in feed.entries] == sorted(
        (e.published for e in feed.entries), reverse=True
    )
    assert feed.feed.title  # the publisher the notices name
    assert all(link.rel != "self" for link in feed.feed.links)  # no --feed-url, no address
    assert any(
        link.rel == "alternate" and link.href == site.listing_url() for link in feed.feed.links
    )
    [with_attachment] = [e for e in feed.entries if e.title == site.titles[12]]
    [enclosure] = with_attachment.enclosures
    assert enclosure.type == "application/pdf"
    assert enclosure.href == site.server.url("/files/附件1.pdf")
    assert ET.fromstring(out.read_bytes()).tag == f"{ATOM}feed"

    # The newest N; the same feed again, byte for byte, while nothing changed.
    again = tmp_path / "again.xml"
    result = export(
        db, "--format", "atom", "--site", "minisite", "--limit", "5", "-o", str(again),
        "--feed-url", "https://example.org/minisite.xml",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    five = feedparser.parse(again.read_bytes())
    assert [e.id for e in five.entries] == [e.id for e in feed.entries[:5]]
    assert five.feed.id == feed.feed.id
    assert next(link.href for link in five.feed.links if link.rel == "self") == (
        "https://example.org/minisite.xml"
    )
    first_bytes = out.read_bytes()
    assert export(db, "--format", "atom", "--site", "minisite", "-o", str(out)).exit_code == 0
    assert out.read_bytes() == first_bytes
    to_stdout = export(db, "--format", "atom", "--site", "minisite").stdout
    assert to_stdout.encode("utf-8") == first_bytes

    # A corrected notice: the same entry id, a later updated, and the feed's updated with it.
    site.edit_notice(3, "关于第3批", "关于第3批（更正）")
    crawl(sites, db, "--revalidate", "all")
    assert export(db, "--format", "atom", "--site", "minisite", "-o", str(out)).exit_code == 0
    revised = feedparser.parse(out.read_bytes())
    before = {e.id: e for e in feed.entries}
    [changed] = [e for e in revised.entries if e.title != before[e.id].title]
    assert changed.title == "关于第3批（更正）人防工程检查情况的通报"
    with StateStore.open(db) as store:
        [revision] = [r for r in store.export(site="minisite") if r["crawl"]["revision"] == 2]
    assert changed.id == notice_urn(revision["crawl"]["notice_id"])
    assert changed.updated == revision["crawl"]["recorded_at"] >= before[changed.id].updated
    assert revised.feed.updated == changed.updated


def test_export_atom_usage_errors(crawled: tuple[MiniSite, Path, Path], tmp_path: Path) -> None:
    _, _, db = crawled
    result = export(db, "--format", "atom")
    assert result.exit_code == 2
    assert "--format atom needs --site NAME" in result.stderr
    result = export(db, "--feed-url", "https://example.org/f.xml")
    assert result.exit_code == 2 and "--feed-url is for --format atom" in result.stderr
    result = export(db, "--format", "atom", "--site", "minisite", "--feed-url", "feeds/f.xml")
    assert result.exit_code == 2 and "not an absolute URL" in result.stderr
    result = export(db, "--format", "atom", "--site", "nosuch")
    assert result.exit_code == 1
    assert result.stderr == f"noticecli: {db}: no site named 'nosuch' in the store\n"
    result = export(db, "--format", "atom", "--site", "minisite", "--limit", "0")
    assert result.exit_code == 2


def test_export_atom_is_written_atomically(
    crawled: tuple[MiniSite, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, db = crawled
    out = tmp_path / "feed.xml"
    out.write_text("the feed readers have now\n")
    from noticecli.crawl import feed as feed_module

    real = feed_module._entry
    calls = []

    def failing(entry_record: dict[str, Any]) -> ET.Element:
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(entry_record)

    monkeypatch.setattr(feed_module, "_entry", failing)
    result = export(db, "--format", "atom", "--site", "minisite", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"noticecli: {out}: cannot write: No space left on device\n"
    assert out.read_text() == "the feed readers have now\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "feed" in p.name) == ["feed.xml"]


def test_export_limit_keeps_the_newest_oldest_first(crawled: tuple[MiniSite, Path, Path]) -> None:
    _, _, db = crawled
    everything = [json.loads(line) for line in export(db).stdout.splitlines()]
    result = export(db, "--limit", "4")
    assert [json.loads(line) for line in result.stdout.splitlines()] == everything[-4:]
    rows = export(db, "--format", "csv", "--limit", "2").stdout.splitlines()
    assert len(rows) == 3


def test_a_site_without_notices_gives_an_empty_valid_feed(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with StateStore.open(db) as store:
        store.record_failure("quiet", "http://x.gov.cn/list.html", "http", "500", kind="listing")
        first_seen = store.connection.execute("SELECT first_seen FROM sites").fetchone()[0]
    result = export(db, "--format", "atom", "--site", "quiet")
    assert result.exit_code == 0, result.stderr
    feed = feedparser.parse(result.stdout)
    assert not feed.bozo and feed.entries == []
    assert feed.feed.title == "quiet" and feed.feed.updated == first_seen
