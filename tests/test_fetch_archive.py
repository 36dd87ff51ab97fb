"""Archives of fetched pages: content-addressed files and WARC round trips."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from noticecli.cli import main
from noticecli.errors import InputError
from noticecli.fetch.archive import ArchiveError, PageStore, WarcArchive, read_warc
from noticecli.fetch.pages import notice_from_fetch
from noticecli.fetch.result import FetchResult
from noticecli.output import AtomicWriter
from tests.conftest import PAGES


def result_for(page: str, url: str, **overrides: object) -> FetchResult:
    content = (PAGES / page).read_bytes()
    values: dict[str, object] = {
        "url": url,
        "final_url": url,
        "status": 200,
        "content": content,
        "headers": {"content-type": "text/html; charset=utf-8", "etag": '"abc"', "server": "test"},
        "fetched_at": "2026-11-29T15:30:00Z",
        "elapsed_ms": 12,
        "attempts": 1,
        "content_type": "text/html",
        "charset": "utf-8",
        "etag": '"abc"',
        "last_modified": None,
        "sha256": hashlib.sha256(content).hexdigest(),
        "request_headers": {"host": "rfb.example.gov.cn", "user-agent": "noticecli/test"},
    }
    values.update(overrides)
    return FetchResult(**values)  # type: ignore[arg-type]


def test_warc_round_trip_gives_identical_json(tmp_path: Path) -> None:
    first = result_for("06_trs-editor_attachments.html", "http://rfb.example.gov.cn/a.html")
    redirected = result_for(
        "07_gbk-encoded.html",
        "http://rfb.example.gov.cn/old",
        final_url="http://rfb.example.gov.cn/new.html",
        headers={"content-type": "text/html; charset=gbk"},
        charset="gbk",
        etag=None,
        attempts=3,
    )
    path = tmp_path / "run.warc.gz"
    with WarcArchive(path) as archive:
        archive.add(first)
        archive.add(redirected)
    restored = list(read_warc(path))
    assert [r.final_url for r in restored] == [first.final_url, redirected.final_url]
    for original, back in zip([first, redirected], restored, strict=True):
        assert back.content == original.content
        assert notice_from_fetch(back).to_dict() == notice_from_fetch(original).to_dict()


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [("text/html; charset = GBK ", "GBK"), ('text/html;charset=""', None), ("TEXT/HTML", None)],
)
def test_warc_reads_content_type_as_the_fetch_did(
    tmp_path: Path, content_type: str, charset: str | None
) -> None:
    original = result_for(
        "07_gbk-encoded.html",
        "http://rfb.example.gov.cn/a.html",
        headers={"content-type": content_type},
        content_type="text/html",
        charset=charset,
    )
    path = tmp_path / "run.warc.gz"
    with WarcArchive(path) as archive:
        archive.add(original)
    (back,) = read_warc(path)
    assert (back.content_type, back.charset) == ("text/html", charset)


def test_warc_is_standard_gzip_with_request_and_response_records(tmp_path: Path) -> None:
    path = tmp_path / "run.warc.gz"
    with WarcArchive(path) as archive:
        archive.add(result_for("09_no-header-block.html", "http://rfb.example.gov.cn/x.html"))
    text = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    assert text.startswith("WARC/1.1")
    assert text.count("WARC-Type: request") == 1
    assert text.count("WARC-Type: response") == 1
    assert "WARC-Type: warcinfo" in text


def test_interrupted_warc_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "run.warc.gz"
    with pytest.raises(KeyboardInterrupt), WarcArchive(path) as archive:
        archive.add(result_for("09_no-header-block.html", "http://rfb.example.gov.cn/x.html"))
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_unreadable_warc(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"this is not a warc file at all\n" * 3)
    with pytest.raises(InputError, match="not a readable WARC file"):
        list(read_warc(bad))
    with pytest.raises(InputError, match="no such file"):
        list(read_warc(tmp_path / "missing.warc.gz"))


def test_a_warc_cut_short_is_an_error_not_a_shorter_page(tmp_path: Path) -> None:
    path = tmp_path / "run.warc.gz"
    page = result_for("06_trs-editor_attachments.html", "http://rfb.example.gov.cn/a.html")
    with WarcArchive(path) as archive:
        archive.add(page)
        archive.add(page)
    whole = path.read_bytes()
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(whole[: len(whole) * 9 // 10])  # cut inside the second response
    records = read_warc(damaged)
    assert next(records).content == page.content  # what is whole is still read
    with pytest.raises(InputError, match="not a readable WARC file: the record of ") as caught:
        next(records)
    assert "is cut short" in str(caught.value)
    assert caught.value.source == str(damaged)


def test_parse_warc_command(tmp_path: Path) -> None:
    path = tmp_path / "run.warc.gz"
    original = result_for("09_no-header-block.html", "http://rfb.example.gov.cn/x.html")
    with WarcArchive(path) as archive:
        archive.add(original)
    result = CliRunner().invoke(main, ["parse", "--warc", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == [notice_from_fetch(original).to_dict()]


def test_page_store_uses_content_hash_names_and_an_index(tmp_path: Path) -> None:
    store = PageStore(tmp_path / "pages")
    hostile = result_for("09_no-header-block.html", "http://x.example/../../etc/passwd")
    path = store.save(hostile)
    assert path is not None
    assert path.parent.parent == tmp_path / "pages"
    assert path.name == f"{hostile.sha256}.html"
    assert path.read_bytes() == hostile.content
    store.save(hostile)  # the same bytes again: one file, two index lines
    index = (tmp_path / "pages" / "index.jsonl").read_text("utf-8").splitlines()
    assert len(index) == 2
    assert json.loads(index[0])["url"] == "http://x.example/../../etc/passwd"
    files = [p for p in (tmp_path / "pages").rglob("*") if p.is_file()]
    assert sorted(p.name for p in files) == sorted([path.name, "index.jsonl"])


def test_not_modified_is_not_saved(tmp_path: Path) -> None:
    store = PageStore(tmp_path)
    assert (
        store.save(
            result_for("09_no-header-block.html", "http://a/", status=304, content=b"", sha256=None)
        )
        is None
    )


# the one atomic writer (output.AtomicWriter) -------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_atomic_files_get_the_umask_mode_like_any_new_file(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        with AtomicWriter(tmp_path / "a.txt") as text:
            text.write("text\n")
        with AtomicWriter(tmp_path / "b.bin", binary=True) as data:
            data.write(b"\x00bytes")
        with WarcArchive(tmp_path / "run.warc.gz") as archive:
            archive.add(result_for("09_no-header-block.html", "http://rfb.example.gov.cn/x"))
        saved = PageStore(tmp_path / "pages").save(
            result_for("09_no-header-block.html", "http://rfb.example.gov.cn/x")
        )
        (tmp_path / "plain.txt").write_text("opened the ordinary way")
    finally:
        os.umask(old)
    assert saved is not None
    modes = {
        path.name: stat.S_IMODE(path.stat().st_mode)
        for path in [tmp_path / "a.txt", tmp_path / "b.bin", tmp_path / "run.warc.gz", saved]
    }
    expected = stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode)
    assert expected == 0o666 & ~umask
    assert modes == dict.fromkeys(modes, expected)


def test_atomic_writer_text_and_binary(tmp_path: Path) -> None:
    with AtomicWriter(tmp_path / "t.txt") as text:
        text.write("人防\n")
        assert not (tmp_path / "t.txt").exists()  # appears only when complete
    with AtomicWriter(tmp_path / "b.bin", binary=True) as data:
        data.write(b"\xff\x00")
    assert (tmp_path / "t.txt").read_bytes() == "人防\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\xff\x00"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.bin", "t.txt"]


def test_atomic_writer_discard_and_exception_leave_the_target_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n")
    writer = AtomicWriter(target)
    with writer as handle:
        handle.write("new\n")
        writer.discard()
    with pytest.raises(RuntimeError), AtomicWriter(target, binary=True) as data:
        data.write(b"half")
        raise RuntimeError
    assert target.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_atomic_writer_in_a_missing_directory_fails_on_entry(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), AtomicWriter(tmp_path / "no" / "x.txt"):
        pass
    with pytest.raises(ArchiveError, match="cannot write"), WarcArchive(tmp_path / "no" / "x.gz"):
        pass
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ArchiveError, match="cannot write"):
        PageStore(blocker / "pages")
