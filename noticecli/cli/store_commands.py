"""search and export: reading the crawl's store (never creating one)."""

from __future__ import annotations

import re
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from noticecli.cli.common import open_existing_store, store_option
from noticecli.cli.report import say

DEFAULT_FEED_ENTRIES = 50  # a feed's entries unless --limit says
_ABSOLUTE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")


@click.command()
@click.argument("query")
@store_option
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="At most this many results.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "jsonl"]),
    help="table: for people (default on a terminal): date, title, full URL and the text "
    "around the match; jsonl: one object per hit with every field in full (default "
    "otherwise).",
)
def search(query: str, db: Path | str | None, limit: int, output_format: str | None) -> None:
    """Full-text search over the titles and bodies of crawled notices (Chinese works:
    terms of three characters or more use the index, shorter ones a scan). No match is
    said on stderr; the exit code is 0 either way."""
    import json

    with open_existing_store(db) as store:
        hits = store.search(query, limit=limit)
    if not hits:
        say(f"search: no matches for {query!r}")
        return
    fmt = output_format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "jsonl":
        for hit in hits:
            record = {
                "notice_id": hit.notice_id,
                "url": hit.url,
                "title": hit.title,
                "published_at": hit.published_at,
                "snippet": hit.snippet,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    from noticecli.cli.search_table import print_hits

    print_hits(hits)


def _iso_since(value: str) -> str:
    """--since as the store compares it (ISO, UTC 'Z'); a date alone is its midnight."""
    import datetime

    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO date or time (2026-11-29, 2026-11-29T08:00:00+08:00)",
            param_hint="--since",
        ) from None
    if moment.tzinfo is None and len(value) <= 10:
        return value  # a plain date compares as a prefix of the stored times
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@click.command()
@store_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "csv", "atom"]),
    default="jsonl",
    show_default=True,
    help="jsonl: crawl records, as crawl prints them (noticecli schema --record crawl); "
    "csv: the main fields; atom: an Atom feed of one site's newest notices, for feed "
    "readers (needs --site).",
)
@click.option(
    "--bom",
    is_flag=True,
    help="csv: start with a UTF-8 byte order mark, so that Excel (Chinese Windows "
    "included) reads the file as UTF-8.",
)
@click.option("--since", metavar="DATE", help="Only notices new or changed since DATE (ISO).")
@click.option("--site", "site_name", metavar="NAME", help="Only this site's notices.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help="Only the newest N notices, by publication date (else first seen). "
    f"Default: all; for atom, {DEFAULT_FEED_ENTRIES}.",
)
@click.option(
    "--feed-url",
    metavar="URL",
    help="atom: the address the feed will be served from, written as its self link (feed "
    "readers and validators expect one; without this option there is none, as the file's "
    "own path would mislead a reader once the file is published).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to FILE (atomically: complete, or left as it was) instead of stdout.",
)
def export(
    db: Path | str | None,
    output_format: str,
    bom: bool,
    since: str | None,
    site_name: str | None,
    limit: int | None,
    feed_url: str | None,
    output: Path | None,
) -> None:
    """Export crawled notices from the store: the current revision of each, as JSON lines
    (the same records crawl prints), CSV, or an Atom feed of one site (newest first)."""
    from noticecli.errors import InputError, OutputError
    from noticecli.output import AtomicWriter

    if bom and output_format != "csv":
        raise click.UsageError("--bom is for --format csv (JSON lines never start with one)")
    if output_format == "atom" and site_name is None:
        raise click.UsageError("--format atom needs --site NAME: a feed holds one site's notices")
    if feed_url is not None and output_format != "atom":
        raise click.UsageError("--feed-url is for --format atom")
    if feed_url is not None and not _ABSOLUTE_URL.match(feed_url):
        raise click.BadParameter(
            f"{feed_url!r} is not an absolute URL (https://example.org/feeds/site.xml)",
            param_hint="--feed-url",
        )
    if since is not None:
        since = _iso_since(since)
    with open_existing_store(db) as store:
        if site_name is not None and site_name not in store.site_names():
            raise InputError(f"no site named {site_name!r} in the store", source=store.location)
        try:
            with ExitStack() as stack:
                handle = sys.stdout if output is None else stack.enter_context(AtomicWriter(output))
                if output_format == "atom":
                    assert site_name is not None
                    _write_feed(store, site_name, since, limit, feed_url, handle)
                else:
                    from noticecli.crawl.export import write_export

                    records = store.export(since=since, site=site_name, newest=limit)
                    write_export(records, output_format, handle, bom=bom)
        except BrokenPipeError:
            raise  # `| head`: ends quietly
        except OSError as error:
            name = str(output) if output is not None else "<stdout>"
            raise OutputError(f"cannot write: {error.strerror or error}", source=name) from None


def _write_feed(
    store: Any,
    site_name: str,
    since: str | None,
    limit: int | None,
    self_url: str | None,
    handle: Any,
) -> None:
    from noticecli.crawl.feed import feed_head, write_atom

    entries = limit or DEFAULT_FEED_ENTRIES
    facts, records = store.feed(site_name, newest=entries, since=since)
    write_atom(feed_head(facts, entries=entries, self_url=self_url), records, handle)
