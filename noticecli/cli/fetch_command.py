"""fetch: pages from the network."""

from __future__ import annotations

from contextlib import AsyncExitStack, ExitStack
from pathlib import Path
from typing import IO, Any

import click

from noticecli.cli.common import (
    output_options,
    page_options,
    stderr_logger,
    verbose_option,
)
from noticecli.cli.network import (
    NetworkSettings,
    RenderSettings,
    fetch_options,
    render_options,
)
from noticecli.cli.records import finish, keep_interrupted, open_records
from noticecli.cli.report import EXIT_OK, EXIT_SOME_FAILED, Interrupted, report, say
from noticecli.cli.url_args import read_url_list, url_argument, with_scheme
from noticecli.output import RecordWriter


@click.command()
@click.argument("urls", nargs=-1, metavar="URL...")
@click.option(
    "-i",
    "--input",
    "input_file",
    type=click.File("rb"),
    help="Read URLs from FILE, one per line (- for stdin): UTF-8, or UTF-16/32 with a byte "
    "order mark; blank lines, # comment lines and ' # comment' after a URL skipped. Text in "
    "no encoding we can tell is a usage error (exit 2).",
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
    help="Write request and response records to FILE, a gzipped WARC whatever its name "
    "(run.warc.gz is the usual one), atomically when the run ends; interrupted, the records "
    "complete by then are kept in FILE.partial. A FILE that cannot be created fails the "
    "command (exit 1) before any request.",
)
@verbose_option
@fetch_options
@render_options(flag=True)
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
    rendering: RenderSettings,
    no_repair: bool,
    max_bytes: int,
    output_format: str | None,
    output: Path | None,
) -> None:
    """Fetch disclosure pages and print the same JSON as parse, plus how each arrived.

    A URL without a scheme is taken as http:// (said on stderr). Polite by default:
    robots.txt obeyed, one request at a time per host with a delay, retries with backoff.
    Every URL that fails is named on stderr with the reason (url, dns, connect, timeout,
    tls, http, too-large, redirect, private-address, robots, challenge, needs-render,
    render, parse, internal) and the exit code is 1. A JavaScript challenge page (Ruishu,
    jsl …), a list a script fills or an app shell with no content is such a failure, with
    --render as the way out: each page then loads in a headless Chromium (one page at a
    time per host, every request it makes checked and capped as ours are) and its DOM is
    parsed. Notices are written as they arrive; memory stays bounded by the window of URLs
    in flight, however long the list. Ctrl-C or SIGTERM stops the run: what was complete is
    kept (see -o and --warc), one line says what, and the exit code is 130 or 143.
    """
    import asyncio

    from noticecli.errors import OutputError
    from noticecli.fetch.archive import PageStore, WarcArchive
    from noticecli.fetch.batch import Batch
    from noticecli.fetch.client import Fetcher

    debug: bool = ctx.obj["debug"]
    targets = [url_argument(url) for url in urls]
    for given, target in zip(urls, targets, strict=True):
        if given != target:
            say(f"{given}: no scheme given, using {target}")
    if input_file is not None:
        listed = read_url_list(input_file)
        targets += [with_scheme(url) for url in listed]
        bare = sum(1 for url in listed if with_scheme(url) != url)
        if bare:
            name = "<stdin>" if input_file.name in ("-", "<stdin>") else input_file.name
            say(f"{name}: {bare} URL(s) without a scheme, taken as http://")
    if not targets:
        raise click.UsageError("give at least one URL (or -i FILE)")
    rendering.check()
    # Before any output is opened: no render extra or no Chromium is a usage error (exit 2).
    render_opts = rendering.render_options() if rendering.render else None
    log = stderr_logger(verbose)
    fmt = output_format or ("json" if len(targets) == 1 else "jsonl")
    failed = False
    done = 0  # URLs whose outcome was written or reported

    async def run(
        records: RecordWriter, pages: PageStore | None, archive: WarcArchive | None
    ) -> None:
        from noticecli.cli.progress import FetchProgress

        nonlocal failed, done
        progress = FetchProgress(len(targets))

        def take(outcome: Any) -> None:
            nonlocal failed, done
            done += 1
            if outcome.error is not None:
                failed = True
                report(outcome.error, source=outcome.url)
            elif outcome.notice is not None:
                if output is None:
                    progress.clear_for_stdout()
                records.write(outcome.notice)  # written, not kept

        async with AsyncExitStack() as stack:
            fetcher = await stack.enter_async_context(Fetcher(options, log=log))
            renderer = None
            if render_opts is not None:
                from noticecli.fetch.render import Renderer

                renderer = await stack.enter_async_context(Renderer(fetcher, render_opts, log=log))
            batch = Batch(
                fetcher,
                repair=not no_repair,
                pages=pages,
                warc=archive,
                on_done=progress.advance,
                debug=debug,
                renderer=renderer,
                wait_for=rendering.wait_for,
            )
            try:
                async for outcome in batch.run(targets):
                    take(outcome)
            except asyncio.CancelledError:  # interrupted: keep what was complete
                for outcome in batch.finished_early:
                    take(outcome)
                raise
            finally:
                progress.close()
            for host, summary in sorted(batch.hosts.items()):
                say(summary.line(host))

    # Every output is opened (and so checked) before the first request; on any exception,
    # the stack removes what was begun, so nothing is left half-written.
    try:
        with ExitStack() as stack:
            records, file = open_records(stack, output, fmt, single=len(targets) == 1)
            archive = stack.enter_context(WarcArchive(warc)) if warc else None
            pages = PageStore(save_html) if save_html else None
            network.announce()
            options = network.fetch_options(max_bytes=max_bytes)
            try:
                asyncio.run(run(records, pages, archive))
            except KeyboardInterrupt:
                kept = [keep_interrupted(records, file, "notice")]
                if archive is not None and archive.responses:
                    kept.append(f"{archive.responses} responses in {archive.keep_partial()}")
                if save_html is not None:
                    kept.append(f"pages saved in {save_html}")
                left = f"{len(targets) - done} of {len(targets)} URLs not done"
                raise Interrupted(f"{', '.join(kept)}; {left}") from None
            finish(records, file)
    except BrokenPipeError:
        raise  # `| head`: ends quietly
    except OSError as error:  # -o cannot be created, or writing it failed (a full disk …)
        name = str(output) if output is not None else "<stdout>"
        raise OutputError(f"cannot write: {error.strerror or error}", source=name) from None
    ctx.exit(EXIT_SOME_FAILED if failed else EXIT_OK)
