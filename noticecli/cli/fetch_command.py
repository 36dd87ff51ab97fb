"""fetch: pages from the network."""

from __future__ import annotations

import re
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import click

from noticecli.cli.common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    fail,
    output_options,
    page_options,
    report_failure,
    stderr_logger,
    verbose_option,
)
from noticecli.cli.network import NetworkSettings, fetch_options
from noticecli.output import AtomicWriter, RecordWriter


@click.command()
@click.argument("urls", nargs=-1, metavar="URL...")
@click.option(
    "-i",
    "--input",
    "input_file",
    type=click.File("rb"),
    help="Read URLs from FILE, one per line (- for stdin): UTF-8, a BOM allowed; blank lines, "
    "# comment lines and ' # comment' after a URL skipped. Text that is not UTF-8 is a usage "
    "error (exit 2).",
)
@click.option(
    "--save-html",
    type=click.Path(file_okay=False, path_type=Path),
    help="Save raw pages in DIR under content-addressed names, with DIR/index.jsonl. DIR is "
    "created if missing; if it cannot be, the command fails (exit 1) before any request.",
)
@click.option(
    "--warc",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write request and response records to FILE.warc.gz (atomically, when the run "
    "ends). A FILE that cannot be created fails the command (exit 1) before any request.",
)
@verbose_option
@fetch_options
@page_options
@output_options
@click.pass_context
def fetch(
    ctx: click.Context,
    urls: tuple[str, ...],
    input_file: IO[bytes] | None,
    save_html: Path | None,
    warc: Path | None,
    verbose: bool,
    network: NetworkSettings,
    no_repair: bool,
    max_bytes: int,
    output_format: str | None,
    output: Path | None,
) -> None:
    """Fetch disclosure pages and print the same JSON as parse, plus how each arrived.

    Polite by default: robots.txt obeyed, one request at a time per host with a delay,
    retries with backoff. Every URL that fails is named on stderr with the reason (url, dns,
    connect, timeout, tls, http, too-large, redirect, private-address, robots, parse,
    internal) and the exit code is 1. Notices are written as they arrive; memory stays
    bounded by the window of URLs in flight, however long the list.
    """
    import asyncio

    from noticecli.errors import ArchiveError
    from noticecli.fetch.archive import PageStore, WarcArchive
    from noticecli.fetch.batch import Batch
    from noticecli.fetch.client import Fetcher

    debug: bool = ctx.obj["debug"]
    targets = list(urls)
    if input_file is not None:
        targets += read_url_list(input_file)
    if not targets:
        raise click.UsageError("give at least one URL (or -i FILE)")
    log = stderr_logger(verbose)
    fmt = output_format or ("json" if len(targets) == 1 else "jsonl")
    failed = False

    async def run(
        records: RecordWriter, pages: PageStore | None, archive: WarcArchive | None
    ) -> None:
        nonlocal failed
        progress = _Progress(len(targets))
        async with Fetcher(options, log=log) as fetcher:
            batch = Batch(
                fetcher,
                repair=not no_repair,
                pages=pages,
                warc=archive,
                on_done=progress.advance,
                debug=debug,
            )
            try:
                async for outcome in batch.run(targets):
                    if outcome.error is not None:
                        failed = True
                        report_failure(outcome.url, outcome.error, debug)
                    elif outcome.notice is not None:
                        records.write(outcome.notice)  # written, not kept
            finally:
                progress.close()
            for host, summary in sorted(batch.hosts.items()):
                click.echo(f"noticecli: {summary.line(host)}", err=True)

    # Every output is opened (and so checked) before the first request; on any exception,
    # the stack removes what was begun, so nothing is left half-written.
    try:
        with ExitStack() as stack:
            writer: AtomicWriter[str] | None = None
            stream: IO[str] = sys.stdout
            if output is not None:
                writer = AtomicWriter(output)
                try:
                    stream = stack.enter_context(writer)
                except OSError as error:
                    fail(error, debug, source=str(output))
            archive = stack.enter_context(WarcArchive(warc)) if warc else None
            pages = PageStore(save_html) if save_html else None
            network.announce()
            options = network.fetch_options(max_bytes=max_bytes)
            pretty = output is None and sys.stdout.isatty()
            records = RecordWriter(stream, fmt, pretty=pretty, single=len(targets) == 1)
            asyncio.run(run(records, pages, archive))
            records.close()
            if writer is not None and records.count == 0:
                writer.discard()  # every URL failed: leave an existing file as it was
    except ArchiveError as error:
        fail(error, debug)
    except OSError as error:  # writing -o (the disk filled up, …)
        fail(error, debug, source=str(output) if output is not None else "<stdout>")
    ctx.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def read_url_list(source: IO[bytes]) -> list[str]:
    """URLs from a list file: UTF-8 (a BOM is dropped), one per line; blank lines, lines
    starting with # and a ' # comment' after a URL are skipped. Not UTF-8: a usage error."""
    name = getattr(source, "name", "-")
    name = "<stdin>" if name in ("-", "<stdin>") else str(name)
    data = source.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.BadParameter(
            f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})",
            param_hint="'-i' / '--input'",
        ) from None
    urls = []
    for line in text.splitlines():
        url = _INLINE_COMMENT.split(line, maxsplit=1)[0].strip()
        if url and not url.startswith("#"):
            urls.append(url)
    return urls


# A comment after a URL needs the space before its #: "http://a/b#frag" is a fragment.
_INLINE_COMMENT = re.compile(r"\s#")


class _Progress:
    """A rich progress bar when stderr is a terminal; otherwise one plain line per URL."""

    def __init__(self, total: int) -> None:
        self._bar: Any = None
        if sys.stderr.isatty() and total > 1:
            from rich.progress import Progress

            self._bar = Progress(transient=True)
            self._task = self._bar.add_task("fetching", total=total)
            self._bar.start()

    def advance(self, outcome: Any) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)
        elif outcome.notice is not None and outcome.notice.fetch is not None:
            info = outcome.notice.fetch
            click.echo(
                f"noticecli: fetched {outcome.url} {info.status} {info.elapsed_ms} ms",
                err=True,
            )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
