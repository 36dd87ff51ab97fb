"""One schema family (issue 14, item 3): the notice (parse, fetch) and the crawl record
(crawl, export), each validating what the commands print, and export giving the records
crawl gave."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from noticecli.cli import main
from noticecli.schema import crawl_record_schema, notice_schema
from tests.conftest import PAGES, REPO
from tests.minisite import MiniSite
from tests.server import TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for pytest

DATA = REPO / "noticecli" / "data"


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("args", "checked_in"),
    [([], "notice.schema.json"), (["--record", "crawl"], "crawl-record.schema.json")],
)
def test_schema_command_prints_the_checked_in_schemas(args: list[str], checked_in: str) -> None:
    printed = json.loads(invoke("schema", *args))
    assert printed == json.loads((DATA / checked_in).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(printed)


def test_every_command_output_validates_against_its_schema(
    http_server: TestServer, tmp_path: Path
) -> None:
    notices = jsonschema.Draft202012Validator(notice_schema())
    crawl_records = jsonschema.Draft202012Validator(crawl_record_schema())
    # parse and fetch print notices
    parsed = [json.loads(line) for line in invoke("parse", *map(str, PAGES.iterdir())).splitlines()]
    assert len(parsed) == len(list(PAGES.iterdir()))
    site = MiniSite(http_server, count=12)
    fetched = [
        json.loads(line)
        for line in invoke(
            "fetch", "--allow-private", "--delay", "0", site.listing_url(), site.notice_url(3)
        ).splitlines()
    ]
    for document in parsed + fetched:
        notices.validate(document)
    # crawl and export print crawl records, of one shape
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(), "utf-8")
    db = str(tmp_path / "t.db")
    crawled = [
        json.loads(line)
        for line in invoke(
            "crawl", "--sites", str(sites), "--db", db, "--allow-private", "--delay", "0"
        ).splitlines()
    ]
    exported = [json.loads(line) for line in invoke("export", "--db", db).splitlines()]
    assert len(crawled) == len(exported) == 12
    for record in crawled + exported:
        crawl_records.validate(record)
    by_id = {record["crawl"]["notice_id"]: record for record in crawled}
    for record in exported:
        assert record == by_id[record["crawl"]["notice_id"]]  # .crawl.revision included
    # and the two are told apart
    assert not notices.is_valid(crawled[0])
    assert not crawl_records.is_valid(fetched[1])


def test_export_csv_takes_its_crawl_columns_from_the_crawl_object(
    http_server: TestServer, tmp_path: Path
) -> None:
    site = MiniSite(http_server, count=6)
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(), "utf-8")
    db = str(tmp_path / "t.db")
    invoke("crawl", "--sites", str(sites), "--db", db, "--allow-private", "--delay", "0")
    rows = invoke("export", "--db", db, "--format", "csv").splitlines()
    assert (
        rows[0]
        == "notice_id,site,revision,url,title,published_at,publisher,source,index_no,doc_no,attachments"
    )
    assert all(row.split(",")[1:3] == ["minisite", "1"] for row in rows[1:])
