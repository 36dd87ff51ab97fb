"""The store interface's contract, each test on SQLite and on PostgreSQL: URL identity,
revisions, conditional metadata, failures, runs, search and export. What only the SQLite
store has (migrations, plain-SQLite reading, crash safety, the lock) is
tests/test_sqlite_store.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import noticecli
from noticecli.crawl.state import (
    StateStore,
    canonical_url,
    notice_id,
)
from noticecli.errors import NoticeError
from noticecli.models import Notice
from tests.stores import (
    PARAGRAPHS,
    STORE_KINDS,
    URL,
    HandClock,
    fill_for_search,
    is_sqlite,
    notice,
    open_test_store,
    store_rows,
    store_value,
)


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path, clock: HandClock) -> Iterator[Any]:
    """The store interface's contract: each test runs on SQLite and on PostgreSQL."""
    with open_test_store(request.param, request, tmp_path, clock) as opened:
        yield opened


# --- URLs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Rfb.Example.GOV.cn:80/a/B.html#top", "http://rfb.example.gov.cn/a/B.html"),
        ("https://x.gov.cn:443/?id=3&b=A", "https://x.gov.cn/?id=3&b=A"),
        ("https://x.gov.cn:8443/a", "https://x.gov.cn:8443/a"),
        ("http://x.gov.cn", "http://x.gov.cn/"),
        ("http://x.gov.cn/a?", "http://x.gov.cn/a"),
        ("  http://x.gov.cn/a  ", "http://x.gov.cn/a"),
        ("http://[::1]:80/a", "http://[::1]/a"),
        ("http://user@X.gov.cn:81/a", "http://user@x.gov.cn:81/a"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
    assert canonical_url(expected) == expected


def test_notice_id_is_short_stable_and_canonical() -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", notice_id(URL))
    assert notice_id(URL) == notice_id(
        URL.replace("http://rfb.example", "HTTP://RFB.Example") + "#x"
    )
    assert notice_id("http://x.gov.cn/a?id=1") != notice_id("http://x.gov.cn/a?id=2")
    assert notice_id("http://x.gov.cn/a?id=1") == "3cad1a884e83d0dd"  # fixed forever


# --- revisions ------------------------------------------------------------------------------


def test_new_changed_unchanged_sequence(store: StateStore, clock: HandClock) -> None:
    first = store.record_notice("hefei", URL, notice(), raw_sha256="r1", etag='"e1"')
    assert (first.kind, first.revision, first.changed_fields) == ("new", 1, ())
    assert first.notice_id == notice_id(URL)

    # Only noise differs: visit counter, banner, footer stamp. Bytes differ; the notice not.
    clock.advance(hours=1)
    noisy = notice(views=99, banner="今日推荐：新闻一")
    same = store.record_notice("hefei", URL, noisy, raw_sha256="r2", etag='"e2"')
    assert (same.kind, same.revision) == ("unchanged", 1)

    clock.advance(hours=1)
    edited = notice(paragraphs=(*PARAGRAPHS, "二、请于六月底前报送检查结果。"))
    changed = store.record_notice("hefei", URL, edited, raw_sha256="r3")
    assert (changed.kind, changed.revision, changed.changed_fields) == ("changed", 2, ("body",))

    clock.advance(hours=1)
    retitled = notice(
        title="关于开展2024年安全生产大检查的通知",
        date="2024-05-07",
        paragraphs=(*PARAGRAPHS, "二、请于六月底前报送检查结果。"),
        attachment="附件1（更正）.pdf",
        publisher="合肥市应急管理局",
    )
    third = store.record_notice("hefei", URL, retitled, raw_sha256="r4")
    assert third.kind == "changed" and third.revision == 3
    assert third.changed_fields == ("title", "published_at", "attachments", "header")

    again = store.record_notice("hefei", URL, retitled, raw_sha256="r4")
    assert (again.kind, again.revision, again.changed_fields) == ("unchanged", 3, ())

    history = store.revisions(first.notice_id)
    assert [(r["revision"], r["changed_fields"]) for r in history] == [
        (1, []),
        (2, ["body"]),
        (3, ["title", "published_at", "attachments", "header"]),
    ]
    assert [r["recorded_at"] for r in history] == [
        "2026-11-29T15:00:00Z",
        "2026-11-29T17:00:00Z",
        "2026-11-29T18:00:00Z",
    ]
    assert history[0]["notice"]["title"] == "关于开展2024年安全生产检查的通知"

    [row] = store_rows(store, "SELECT * FROM notices")
    assert row["revision"] == 3
    assert row["title"] == "关于开展2024年安全生产大检查的通知"
    assert row["published_at"] == "2024-05-07"
    assert row["publisher"] == "合肥市应急管理局"
    assert row["first_seen"] == "2026-11-29T15:00:00Z"
    assert row["updated_at"] == "2026-11-29T18:00:00Z"
    [current] = store_rows(store, "SELECT json FROM notices_json")
    # Text on SQLite (as Datasette shows it), jsonb on PostgreSQL.
    shown = current["json"]
    assert (json.loads(shown) if isinstance(shown, str) else shown) == retitled.to_dict()
    assert store.notice(first.notice_id) == retitled.to_dict()

    state = store.page(URL)
    assert state is not None
    assert state.raw_sha256 == "r4" and state.text_sha256 == row["text_sha256"]
    assert state.last_seen == "2026-11-29T18:00:00Z" and state.first_seen == "2026-11-29T15:00:00Z"


def test_listing_pages_are_refused_by_record_notice(store: StateStore) -> None:
    # A programming mistake, not a user error: outside the NoticeError tree, so that a
    # caller catching NoticeError does not hide it.
    listing = Notice(kind="listing", url=URL)
    with pytest.raises(ValueError, match="takes a notice") as raised:
        store.record_notice("hefei", URL, listing, raw_sha256=None)
    assert not isinstance(raised.value, NoticeError)
    with pytest.raises(ValueError, match="no revision 7"):
        store.emission("0123456789abcdef", 7)


def test_same_notice_under_another_spelling_of_its_url(store: StateStore) -> None:
    store.record_notice("hefei", URL, notice(), raw_sha256="r1")
    spelled = URL.replace("http://rfb.example", "HTTP://RFB.EXAMPLE").replace(".cn/", ".cn:80/")
    assert store.record_notice("hefei", spelled + "#x", notice(), raw_sha256="r1").kind == (
        "unchanged"
    )
    assert store_value(store, "SELECT count(*) FROM pages") == 1
    assert store.is_known(spelled)
    assert store.known_urls("hefei") == {URL}
    assert store.known_urls("other") == set()


# --- conditional metadata and failures ------------------------------------------------------


def test_conditional_metadata_is_kept(store: StateStore, clock: HandClock) -> None:
    lm = "Mon, 06 May 2024 08:00:00 GMT"
    store.record_notice("hefei", URL, notice(), raw_sha256="r1", etag='"abc"', last_modified=lm)
    clock.advance(hours=1)
    assert store.record_not_modified(URL)
    state = store.page(URL)
    assert state is not None
    assert (state.etag, state.last_modified, state.raw_sha256) == ('"abc"', lm, "r1")
    assert (state.last_status, state.last_seen) == (304, "2026-11-29T16:00:00Z")
    assert not store.record_not_modified("http://x.gov.cn/never-seen.html")

    clock.advance(hours=1)
    store.record_failure("hefei", URL, "timeout", "read timed out")
    state = store.page(URL)
    assert state is not None
    assert (state.etag, state.last_modified, state.last_seen) == (
        '"abc"',
        lm,
        "2026-11-29T16:00:00Z",
    )


def test_failures_are_counted_backed_off_and_reset(store: StateStore, clock: HandClock) -> None:
    url = "http://x.gov.cn/broken.html"
    assert store.record_failure("hefei", url, "http", "HTTP 503", status=503) == 1
    state = store.page(url)
    assert state is not None
    assert (state.kind, state.failures, state.last_status) == ("notice", 1, 503)
    assert state.last_error == "http: HTTP 503"
    assert state.last_seen is None
    assert state.next_due == "2026-11-29T16:00:00Z"
    assert not state.due("2026-11-29T15:30:00Z") and state.due("2026-11-29T16:00:00Z")
    assert not store.is_known(url)

    assert store.record_failure("hefei", url, "dns", "no such host") == 2
    assert store.record_failure("hefei", url, "dns", "no such host") == 3
    state = store.page(url)
    assert state is not None
    assert (state.failures, state.last_error, state.last_status) == (3, "dns: no such host", None)
    assert state.next_due == "2026-11-29T19:00:00Z"  # 4 hours after the third failure

    for _ in range(20):
        store.record_failure("hefei", url, "dns", "no such host")
    state = store.page(url)
    assert state is not None and state.next_due == "2026-12-06T15:00:00Z"  # capped at a week

    store.record_notice("hefei", url, notice(url), raw_sha256="ok")
    state = store.page(url)
    assert state is not None
    assert (state.failures, state.last_error, state.next_due) == (0, None, None)
    assert state.due("2000-01-01T00:00:00Z")

    listing = "http://x.gov.cn/list/index.html"
    store.record_failure("hefei", listing, "connect", "refused", kind="listing")
    state = store.page(listing)
    assert state is not None and state.kind == "listing"


def test_listings(store: StateStore) -> None:
    listing = "http://x.gov.cn/list/index.html"
    assert store.record_listing("hefei", listing, etag='"l1"', raw_sha256="a")
    assert not store.record_listing("hefei", listing, etag='"l1"', raw_sha256="a")
    assert store.record_listing("hefei", listing, etag='"l2"', raw_sha256="b")
    state = store.page(listing)
    assert state is not None
    assert (state.kind, state.etag, state.raw_sha256, state.text_sha256) == (
        "listing",
        '"l2"',
        "b",
        None,
    )
    assert store.known_urls("hefei") == set()  # listings are not notices


def test_runs(store: StateStore, clock: HandClock) -> None:
    crashed = store.begin_run()
    clock.advance(minutes=5)
    run = store.begin_run()
    assert run != crashed
    clock.advance(minutes=5)
    store.finish_run(run, "ok", pages_fetched=7, notices_new=2, requests=9, sites=["hefei"])
    rows = {r["id"]: r for r in store_rows(store, "SELECT * FROM runs")}
    assert rows[crashed]["status"] == "interrupted"
    finished = rows[run]
    assert finished["status"] == "ok"
    assert (finished["pages_fetched"], finished["notices_new"], finished["requests"]) == (7, 2, 9)
    assert (finished["started_at"], finished["finished_at"]) == (
        "2026-11-29T15:05:00Z",
        "2026-11-29T15:10:00Z",
    )
    assert isinstance(finished["pid"], int) and finished["host"]
    [site] = store_rows(store, "SELECT * FROM sites WHERE name = 'hefei'")
    assert site["last_run_at"] == "2026-11-29T15:10:00Z"


# --- search ---------------------------------------------------------------------------------


def test_search_chinese_substrings(store: StateStore) -> None:
    ids = fill_for_search(store)
    [hit] = store.search("危险化学品")  # in the body
    assert hit.notice_id == ids["safety"]
    assert hit.title == "关于开展2024年安全生产检查的通知"
    assert hit.url == "http://x.gov.cn/safety.html"
    assert hit.published_at == "2024-05-06"
    assert "[危险化学品]" in hit.snippet
    assert [h.notice_id for h in store.search("防汛抗旱")] == [ids["water"]]  # in the title
    assert {h.notice_id for h in store.search("2024年")} == {ids["safety"], ids["budget"]}
    assert [h.notice_id for h in store.search("2024年 预算公开")] == [ids["budget"]]
    assert store.search("不存在的词语") == []
    assert store.search("   ") == []
    assert store.search('"引号" OR *') == []  # FTS syntax in the query is taken literally


def test_search_short_terms_scan_every_notice(store: StateStore) -> None:
    ids = fill_for_search(store)
    assert {h.notice_id for h in store.search("安全")} == {ids["safety"], ids["water"]}
    [hit] = store.search("防汛")
    assert hit.notice_id == ids["water"]
    assert hit.snippet == "请各单位加强值班值守，确保安全度汛。"  # 防汛 is in the title only
    [hit] = store.search("度汛")
    assert hit.notice_id == ids["water"]
    assert hit.snippet == "…班值守，确保安全[度汛]。"  # the body's match, marked
    assert [h.notice_id for h in store.search("安全 度汛")] == [ids["water"]]  # all terms
    assert [h.notice_id for h in store.search("预算 收支总表")] == [ids["budget"]]  # mixed
    assert store.search("%") == [] and store.search("_") == []  # LIKE wildcards are literal
    assert len(store.search("通知", limit=1)) == 1


def test_search_checks_the_terms_not_only_their_trigrams(store: StateStore) -> None:
    # The index gives every notice holding the trigrams 安全生 and 全生产; only those holding
    # 安全生产 itself are hits, in the title or the body, never across the two.
    texts = {
        "both": ("关于安全生产的通知", ("正文。",)),
        "apart": ("安全生活指南", ("全生产线检修。",)),
        "across": ("标题以安全生", ("产开头的正文。",)),
    }
    ids = {}
    for key, (title, paragraphs) in texts.items():
        url = f"http://x.gov.cn/{key}.html"
        ids[key] = store.record_notice(
            "hefei", url, notice(url, title=title, paragraphs=paragraphs), raw_sha256=key
        ).notice_id
    assert [h.notice_id for h in store.search("安全生产")] == [ids["both"]]
    assert [h.notice_id for h in store.search("全生产线")] == [ids["apart"]]


def test_search_order_title_matches_first_then_newest(store: StateStore) -> None:
    docs = [
        ("old-title", "人防工程检查的通知", "2024-01-01", "正文。"),
        ("new-body", "关于检查的通知", "2024-06-01", "检查人防工程。"),
        ("newer-body", "关于验收的通知", "2024-07-01", "验收人防工程。"),
    ]
    ids = {}
    for key, title, date, text in docs:
        url = f"http://x.gov.cn/{key}.html"
        ids[key] = store.record_notice(
            "hefei", url, notice(url, title=title, date=date, paragraphs=(text,)), raw_sha256=key
        ).notice_id
    order = [ids["old-title"], ids["newer-body"], ids["new-body"]]
    assert [h.notice_id for h in store.search("人防工程")] == order
    assert [h.notice_id for h in store.search("人防")] == order  # the scan, same order
    assert [h.notice_id for h in store.search("人防工程", limit=2)] == order[:2]


def test_search_folds_case_and_finds_quotes(store: StateStore) -> None:
    url = "http://x.gov.cn/ascii.html"
    paragraphs = ('按照GB 50038标准，"平战结合"的要求。', "路径C:\\rf\\a。")
    nid = store.record_notice(
        "hefei",
        url,
        notice(url, title="Civil Defence 通知", paragraphs=paragraphs),
        raw_sha256="a",
    ).notice_id
    assert [h.notice_id for h in store.search("civil defence")] == [nid]
    assert [h.notice_id for h in store.search("gb")] == [nid]  # short: the scan
    for term in ('"平战结合"', '"平', "\\rf", "C:"):  # characters JSON writes escaped
        assert [h.notice_id for h in store.search(term)] == [nid], term
    [hit] = store.search('"平')
    assert '["平]战结合"' in hit.snippet


def test_search_finds_table_cells_and_shows_the_row(store: StateStore) -> None:
    url = "http://x.gov.cn/table.html"
    html = (
        '<html><body><div class="article"><h1>关于公布人防工程名单的通知</h1>'
        '<p>发布时间：2024-05-06</p><div class="TRS_Editor"><p>现将名单公布如下。</p>'
        "<table><tr><td>序号</td><td>工程名称</td></tr>"
        "<tr><td>1</td><td>滨湖地下掩蔽工程</td></tr></table></div></div></body></html>"
    )
    nid = store.record_notice(
        "hefei", url, noticecli.parse_html(html, url=url), raw_sha256="t"
    ).notice_id
    [hit] = store.search("地下掩蔽")
    assert hit.notice_id == nid
    assert hit.snippet == "…称\n1 | 滨湖[地下掩蔽]工程"
    [text] = store_rows(store, "SELECT body FROM notices_text")
    assert text["body"] == "现将名单公布如下。\n序号 | 工程名称\n1 | 滨湖地下掩蔽工程"


def test_search_follows_revisions(store: StateStore) -> None:
    store.record_notice("hefei", URL, notice(), raw_sha256="1")
    assert store.search("危险化学品")
    store.record_notice(
        "hefei", URL, notice(paragraphs=("内容已更新为烟花爆竹。",)), raw_sha256="2"
    )
    assert store.search("危险化学品") == []
    assert [h.url for h in store.search("烟花爆竹")] == [URL]
    assert store_value(store, "SELECT count(*) FROM notices_text") == 1
    if is_sqlite(store):  # an index of its own, which must lose the old text
        assert store_value(store, "SELECT count(*) FROM notices_fts") == 1


# --- export ---------------------------------------------------------------------------------


def test_export_order_and_filters(store: StateStore, clock: HandClock) -> None:
    a = store.record_notice(
        "hefei",
        "http://x.gov.cn/a.html",
        notice("http://x.gov.cn/a.html", date="2024-05-09"),
        raw_sha256="a",
    )
    clock.advance(days=1)
    b = store.record_notice(
        "anhui",
        "http://y.gov.cn/b.html",
        notice("http://y.gov.cn/b.html", date="2024-05-01"),
        raw_sha256="b",
    )
    clock.advance(days=1)
    c = store.record_notice(
        "hefei",
        "http://x.gov.cn/c.html",
        notice("http://x.gov.cn/c.html", date="2024-05-03"),
        raw_sha256="c",
    )
    everything = list(store.export())

    def ids(records: Any) -> list[str]:
        return [record["crawl"]["notice_id"] for record in records]

    assert ids(everything) == [b.notice_id, c.notice_id, a.notice_id]
    first = everything[0]
    # The shape of crawl output: the notice, then its crawl object.
    assert first == store.emission(b.notice_id, 1)
    assert list(first)[-1] == "crawl"
    assert first["crawl"]["site"] == "anhui" and first["crawl"]["revision"] == 1
    assert first["title"] == "关于开展2024年安全生产检查的通知"

    assert ids(store.export(site="hefei")) == [c.notice_id, a.notice_id]
    assert ids(store.export(since="2026-11-30")) == [b.notice_id, c.notice_id]
    assert ids(store.export(since="2026-12-01T00:00:00Z")) == [c.notice_id]
    assert list(store.export(since="2026-11-30", site="nowhere")) == []

    # A change brings an old notice back into a "since" export.
    clock.advance(days=1)
    edited = notice("http://x.gov.cn/a.html", date="2024-05-09", paragraphs=("已更正。",))
    store.record_notice("hefei", "http://x.gov.cn/a.html", edited, raw_sha256="a2")
    [back] = store.export(since="2026-12-02")
    assert (back["crawl"]["notice_id"], back["crawl"]["revision"]) == (a.notice_id, 2)
    assert back["crawl"]["change"] == "changed" and back["crawl"]["changed_fields"]
    assert back == store.emission(a.notice_id, 2)


def test_a_failed_write_leaves_nothing_behind(
    store: StateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("disk on fire")

    # After the page and the notice rows are written, before the revision.
    late = "_write_revision" if is_sqlite(store) else "_upsert_notice"
    monkeypatch.setattr(store, late, broken)
    with pytest.raises(RuntimeError):
        store.record_notice("hefei", URL, notice(), raw_sha256="r1")
    conn = store.connection
    if is_sqlite(store):
        assert not conn.in_transaction
    else:
        from psycopg.pq import TransactionStatus

        assert conn.info.transaction_status == TransactionStatus.IDLE
    tables = ["sites", "pages", "notices", "notice_revisions", "notices_text"]
    for table in [*tables, "notices_fts"] if is_sqlite(store) else tables:
        assert store_value(store, f"SELECT count(*) FROM {table}") == 0, table
    monkeypatch.undo()
    assert store.record_notice("hefei", URL, notice(), raw_sha256="r1").kind == "new"


def test_export_in_batches_while_writing(store: StateStore) -> None:
    import dataclasses

    base = notice()
    for i in range(450):
        url = f"http://x.gov.cn/{i:04d}.html"
        store.record_notice("hefei", url, dataclasses.replace(base, url=url), raw_sha256=str(i))
    seen = []
    for item in store.export():
        seen.append(item["url"])
        if len(seen) % 100 == 0:  # writing during the iteration is allowed
            store.record_failure("hefei", "http://x.gov.cn/bad.html", "dns", "nope")
    # Same date and first_seen everywhere: the notice id breaks the tie.
    assert sorted(seen) == [f"http://x.gov.cn/{i:04d}.html" for i in range(450)]
    assert [notice_id(url) for url in seen] == sorted(notice_id(url) for url in seen)
