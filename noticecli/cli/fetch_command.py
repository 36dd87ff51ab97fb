"""fetch: pages from the network."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click

from noticecli.cli.app import main
from noticecli.cli.common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    NetworkSettings,
    fetch_options,
    input_options,
    output_options,
    report_failure,
    stderr_logger,
)
from noticecli.models import Notice
from noticecli.output import AtomicWriter, RecordWriter


@main.command()
@click.argument("urls", nargs=-1, metavar="URL...")
@click.option(
    "-i",
    "--input",
    "input_file",
    type=click.File("r", encoding="utf-8"),
    help="Read URLs from FILE, one per line (- for stdin; # comments and blank lines skipped).",
)
@click.option(
    "--save-html",
    type=click.Path(file_okay=False, path_type=Path),
    help="Save raw pages in DIR under content-addressed names, with DIR/index.jsonl.",
)
@click.option(
    "--warc",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write request and response records to FILE.warc.gz.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log retries and robots decisions on stderr.")
@fetch_options
@input_options
@output_options
@click.pass_context
def fetch(
    ctx: click.Context,
    urls: tuple[str, ...],
    input_file: IO[str] | None,
    save_html: Path | None,
    warc: Path | None,
    verbose: bool,
    network: NetworkSettings,
    encoding: str | None,
    no_repair: bool,
    max_bytes: int,
    output_format: str | None,
    output: Path | None,
) -> None:
    """Fetch disclosure pages and print the same JSON as parse, plus how each arrived.

    Polite by default: robots.txt obeyed, one request at a time per host with a delay,
    retries with backoff. Every URL that fails is named on stderr with the reason (dns,
    connect, timeout, http, too-large, robots, private-address …) and the exit code is 1.
    """
    import asyncio

    from noticecli.fetch.batch import Batch, Outcome
    from noticecli.fetch.client import Fetcher

    debug: bool = ctx.obj["debug"]
    targets = list(urls)
    if input_file is not None:
        targets += [
            line.strip()
            for line in input_file
            if line.strip() and not line.lstrip().startswith("#")
        ]
    if not targets:
        raise click.UsageError("give at least one URL (or -i FILE)")
    if encoding:
        raise click.UsageError("--encoding applies to parse; fetch uses the HTTP charset")
    log = stderr_logger(verbose)
    network.announce(quiet=False)
    options = network.fetch_options(max_bytes=max_bytes)
    failed = False
    progress = _Progress(len(targets))

    def done(outcome: Outcome) -> None:
        progress.advance(outcome)

    async def run() -> list[Notice]:
        nonlocal failed
        from contextlib import AsyncExitStack

        from noticecli.fetch.archive import PageStore, WarcArchive

        collected: list[Notice] = []
        async with AsyncExitStack() as stack:
            fetcher = await stack.enter_async_context(Fetcher(options, log=log))
            archive = stack.enter_context(WarcArchive(warc)) if warc else None
            batch = Batch(
                fetcher,
                repair=not no_repair,
                pages=PageStore(save_html) if save_html else None,
                warc=archive,
                on_done=done,
                debug=debug,
            )
            async for outcome in batch.run(targets):
                if outcome.error is not None:
                    failed = True
                    progress.report_error(outcome.url, outcome.error, debug)
                elif outcome.notice is not None:
                    collected.append(outcome.notice)
                    sink.send(outcome.notice)
            progress.close()
            for host, summary in sorted(batch.hosts.items()):
                click.echo(f"noticecli: {summary.line(host)}", err=True)
        return collected

    fmt = output_format or ("json" if len(targets) == 1 else "jsonl")
    sink = _Sink(fmt, output, single=len(targets) == 1)
    try:
        asyncio.run(run())
    except BaseException:
        sink.abort()  # interrupted: no partial output file
        raise
    sink.close()
    ctx.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


class _Sink:
    """Streams records to stdout or, atomically, to -o FILE as they arrive."""

    def __init__(self, fmt: str, output: Path | None, *, single: bool) -> None:
        self._file: AtomicWriter | None = None
        if output is not None:
            self._file = AtomicWriter(output)
            stream: IO[str] = self._file.__enter__()
        else:
            stream = sys.stdout
        pretty = output is None and sys.stdout.isatty()
        self._records = RecordWriter(stream, fmt, pretty=pretty, single=single)

    def send(self, notice: Notice) -> None:
        self._records.write(notice)

    def close(self) -> None:
        self._records.close()
        if self._file is not None:
            if self._records.count == 0:
                self._file.discard()  # every input failed: leave an existing file as it was
            self._file.__exit__(None, None, None)

    def abort(self) -> None:
        if self._file is not None:
            self._file.discard()
            self._file.__exit__(None, None, None)


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

    def report_error(self, url: str, error: BaseException, debug: bool) -> None:
        report_failure(url, error, debug)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
