"""Review of issue 12: a re-parse job must not record a page older than what a worker
recorded meanwhile (reparse reads its batch of raw pages first, then records them one by
one, while workers go on fetching)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import zlib
from dataclasses import asdict
from types import SimpleNamespace
from typing import Any

import pytest

from noticecli.crawl import reparse_job
from noticecli.crawl.identity import notice_id
from noticecli.crawl.pg_store import PostgresStore
from noticecli.crawl.queue_setup import prepare_queue
from noticecli.crawl.run import RunCounts
from noticecli.fetch.pages import notice_from_fetch
from noticecli.fetch.result import FetchResult
from tests.conftest import PAGES
from tests.minisite import TEMPLATES

pytest.importorskip("procrastinate")

URL = "http://127.0.0.2:8000/xxgk/tzgg/202411/t20241105_100001.html"


def page(title: str) -> FetchResult:
    template, old_title = TEMPLATES[0]
    body = (PAGES / template).read_text("utf-8").replace(old_title, title).encode("utf-8")
    return FetchResult(
        url=URL,
        final_url=URL,
        status=200,
        content=body,
        headers={"content-type": "text/html; charset=utf-8"},
        fetched_at="2026-12-01T00:00:00Z",
        elapsed_ms=1,
        attempts=1,
        content_type="text/html",
        charset="utf-8",
        sha256=hashlib.sha256(body).hexdigest(),
    )


def keep(conn: Any, result: FetchResult) -> None:
    facts = {k: v for k, v in asdict(result).items() if k not in ("content", "rendered")}
    conn.execute(
        "INSERT INTO raw_pages (url, site, site_rules, fetched_at, sha256, fetch_facts, content)"
        " VALUES (%s, 's0', '', %s, %s, %s, %s) ON CONFLICT (url) DO UPDATE SET"
        " fetched_at = excluded.fetched_at, sha256 = excluded.sha256,"
        " fetch_facts = excluded.fetch_facts, content = excluded.content",
        (URL, result.fetched_at, result.sha256, json.dumps(facts), zlib.compress(result.content)),
    )


def test_a_reparse_does_not_put_back_an_older_page_than_a_worker_recorded(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_queue(postgres_url, location="test")
    old, new = (
        page("关于第1批人防工程检查情况的通报"),
        page("关于第1批人防工程检查情况的通报（更正）"),
    )
    with PostgresStore.open(postgres_url) as store:
        keep(store.connection, old)
        store.record_notice("s0", URL, notice_from_fetch(old), raw_sha256=old.sha256)

        def worker_fetches_meanwhile(result: FetchResult, **kwargs: Any) -> Any:
            # While the re-parse job works through its batch, a worker fetches the page
            # again: the site corrected the title. It keeps the page and records it.
            keep(store.connection, new)
            store.record_notice("s0", URL, notice_from_fetch(new), raw_sha256=new.sha256)
            return notice_from_fetch(result, **kwargs)

        monkeypatch.setattr(reparse_job, "notice_from_fetch", worker_fetches_meanwhile)

        async def run() -> None:
            from psycopg_pool import AsyncConnectionPool

            async with AsyncConnectionPool(
                postgres_url, min_size=1, max_size=2, kwargs={"autocommit": True}
            ) as pool:
                runtime = SimpleNamespace(
                    store=store,
                    pool=pool,
                    crawler=SimpleNamespace(counts=RunCounts()),
                    site=lambda text: SimpleNamespace(notice_rules=None),
                )
                context = SimpleNamespace(additional_context={"noticecli": runtime})
                monkeypatch.setattr(
                    reparse_job, "runtime_of", lambda c: c.additional_context["noticecli"]
                )
                await reparse_job.reparse_pages(context, [URL], {}, True)  # type: ignore[arg-type]

        asyncio.run(run())
        current = store.notice(notice_id(URL))
        assert current is not None
        # The worker's newer fetch must stay the notice's current state.
        revisions = store.revisions(notice_id(URL))
        assert current["title"] == "关于第1批人防工程检查情况的通报（更正）", len(revisions)
        assert len(revisions) == 2, "the old page recorded again as a third revision"


def test_a_malformed_url_s_error_does_not_show_its_password() -> None:
    from noticecli.crawl.pg_store import connect
    from noticecli.errors import InputError

    with pytest.raises(InputError) as caught:
        connect("postgresql://reader:sekret@[::1/notices")
    assert "sekret" not in str(caught.value)
