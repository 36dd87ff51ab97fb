"""Command line: parses options, calls the library, renders, maps errors to exit codes.

Exit codes: 0 all inputs fine; 1 some input failed (each named on stderr); 2 usage error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from noticecli._version import __version__
from noticecli.errors import NoticeError
from noticecli.models import Notice
from noticecli.output import AtomicWriter, RecordWriter, render_records

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

F = TypeVar("F", bound=Callable[..., Any])


class Failure(Exception):
    """One input failed; the command goes on with the others and exits 1."""


def _report(source: str, error: BaseException, debug: bool) -> None:
    if debug:
        raise error
    if isinstance(error, NoticeError):
        message = str(error) if error.source else f"{source}: {error}"
    else:
        message = (
            f"{source}: internal error: {type(error).__name__}: {error} "
            "(run with --debug for a traceback)"
        )
    click.echo(f"noticecli: {message}", err=True)


def input_options(function: F) -> F:
    """Options every command that reads pages spells the same way."""
    function = click.option(
        "--encoding",
        metavar="NAME",
        help="Decode input with this encoding instead of detecting it (gbk is read as gb18030).",
    )(function)
    function = click.option(
        "--no-repair",
        is_flag=True,
        help="Leave the text exactly as parsed; possible repairs become warnings.",
    )(function)
    function = click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=20 * 1024 * 1024,
        show_default=True,
        help="Refuse inputs larger than this many bytes.",
    )(function)
    return function


def output_options(function: F) -> F:
    function = click.option(
        "--format",
        "output_format",
        type=click.Choice(["json", "jsonl", "table"]),
        help="json: one document (an array for several inputs; pretty on a terminal); "
        "jsonl: one line per input (default for several inputs); table: for people.",
    )(function)
    function = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        help="Write to FILE (atomically: complete or not at all) instead of stdout.",
    )(function)
    return function


@click.group(name="noticecli", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="noticecli")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Parse and repair Chinese government information-disclosure pages (政府信息公开)."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("inputs", nargs=-1, metavar="FILE...")
@click.option(
    "--warc",
    "warc_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Re-parse the responses archived in a WARC file (from fetch --warc); repeatable.",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="The page's URL, for absolute attachment and image links (one input only).",
)
@input_options
@output_options
@click.pass_context
def parse(
    ctx: click.Context,
    inputs: tuple[str, ...],
    warc_files: tuple[Path, ...],
    base_url: str | None,
    encoding: str | None,
    no_repair: bool,
    max_bytes: int,
    output_format: str | None,
    output: Path | None,
) -> None:
    """Parse saved pages (.html, .htm, .shtml) or text dumps (.txt) into JSON.

    FILE may be - for standard input. Every input that fails is named on stderr with the
    reason; the others are still parsed and written, and the exit code is 1.
    """
    debug: bool = ctx.obj["debug"]
    if not inputs and not warc_files:
        raise click.UsageError("Missing argument 'FILE...' (or --warc FILE)")
    if base_url and len(inputs) > 1:
        raise click.UsageError("--base-url applies to one input; give one FILE with it")
    if encoding:
        from noticecli.decode import canonical_encoding

        try:
            canonical_encoding(encoding)
        except NoticeError as error:
            raise click.BadParameter(str(error), param_hint="--encoding") from None
    from noticecli.errors import InputError
    from noticecli.pipeline import parse_bytes, parse_file

    if warc_files:
        from noticecli.fetch.archive import read_warc
        from noticecli.fetch.pages import notice_from_fetch

    failed = False

    def notices() -> Iterator[Notice]:
        nonlocal failed
        for name in inputs:
            try:
                if name == "-":
                    data = sys.stdin.buffer.read(max_bytes + 1)
                    if len(data) > max_bytes:
                        raise InputError(
                            f"input is over the {max_bytes} byte limit (--max-bytes)",
                            source="<stdin>",
                        )
                    yield parse_bytes(
                        data,
                        source="<stdin>",
                        url=base_url,
                        encoding=encoding,
                        repair=not no_repair,
                    )
                else:
                    yield parse_file(
                        name,
                        url=base_url,
                        encoding=encoding,
                        repair=not no_repair,
                        max_bytes=max_bytes,
                    )
            except Exception as error:  # one bad input must not stop the rest
                failed = True
                _report("<stdin>" if name == "-" else name, error, debug)
        for archive in warc_files:
            try:
                for result in read_warc(archive):
                    if result.not_modified:
                        continue
                    try:
                        yield notice_from_fetch(result, repair=not no_repair)
                    except Exception as error:
                        failed = True
                        _report(f"{archive}: {result.final_url}", error, debug)
            except Exception as error:  # an unreadable archive
                failed = True
                _report(str(archive), error, debug)

    single = len(inputs) == 1 and not warc_files
    fmt = output_format or ("json" if single else "jsonl")
    _emit(notices(), fmt, output, debug, single=single)
    ctx.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _emit(
    records: Iterator[Notice], fmt: str, output: Path | None, debug: bool, *, single: bool
) -> None:
    if output is None:
        stream: IO[str] = sys.stdout
        render_records(records, fmt, stream, pretty=stream.isatty(), single=single)
        return
    try:
        writer = AtomicWriter(output)
        with writer as handle:
            if render_records(records, fmt, handle, pretty=False, single=single) == 0:
                writer.discard()  # every input failed: leave an existing file as it was
    except OSError as error:
        if debug:
            raise
        raise click.ClickException(f"{output}: cannot write: {error.strerror or error}") from None


@main.command()
def schema() -> None:
    """Print the JSON Schema that every emitted document validates against."""
    import json

    from noticecli.schema import notice_schema

    click.echo(json.dumps(notice_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="The text's publication date, the context that decides ambiguous repairs "
    "(default: a 发布日期/发表时间 label in the text).",
)
@click.option("--diff", "show_diff", is_flag=True, help="Show the changed lines, before and after.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the text and the repair records as JSON."
)
@click.option("--encoding", metavar="NAME", help="Decode input with this encoding.")
@click.pass_context
def normalize(
    ctx: click.Context,
    source: str,
    published: str | None,
    show_diff: bool,
    as_json: bool,
    encoding: str | None,
) -> None:
    """Repair damaged dates in plain text (327日 → 3月27日) and print the result.

    Every change is recorded (--json) and nothing is changed that the context cannot justify:
    ambiguous dates are left alone and reported on stderr.
    """
    import datetime
    import json

    from noticecli.decode import check_not_binary, decode_bytes
    from noticecli.normalize.plaintext import normalize_text
    from noticecli.pipeline import read_input

    if show_diff and as_json:
        raise click.UsageError("--diff and --json cannot be combined")
    published_date = None
    if published:
        try:
            published_date = datetime.date.fromisoformat(published)
        except ValueError:
            raise click.BadParameter(
                f"{published!r} is not a date (YYYY-MM-DD)", param_hint="--published"
            ) from None
    name = "<stdin>" if source == "-" else source
    try:
        data = sys.stdin.buffer.read() if source == "-" else read_input(Path(source))
        check_not_binary(data, name)
        text = decode_bytes(data, override=encoding, source=name).text
    except Exception as error:  # one line, exit 1, as for parse
        _report(name, error, ctx.obj["debug"])
        ctx.exit(EXIT_SOME_FAILED)
    result = normalize_text(text, published=published_date)
    for warning in result.warnings:
        click.echo(f"noticecli: {name}: {warning.message}", err=True)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif show_diff:
        from noticecli.render import render_diff

        render_diff(result, sys.stdout, color=sys.stdout.isatty())
    else:
        sys.stdout.write(result.text)


def fetch_options(function: F) -> F:
    """Network options shared by fetch and crawl."""
    options = [
        click.option("--user-agent", metavar="TEXT", help="User-Agent to send instead of ours."),
        click.option(
            "--contact",
            metavar="URL|EMAIL",
            help="Contact added to our User-Agent: noticecli/VERSION (+CONTACT).",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0.1),
            default=30.0,
            show_default=True,
            help="Total seconds allowed for one request, headers and body.",
        ),
        click.option(
            "--delay",
            type=click.FloatRange(min=0),
            default=1.0,
            show_default=True,
            help="Seconds between requests to one host (plus jitter; Crawl-delay wins if longer).",
        ),
        click.option(
            "--retries",
            type=click.IntRange(min=0, max=20),
            default=3,
            show_default=True,
            help="Extra attempts on timeouts, connection errors, 408, 429 and 5xx.",
        ),
        click.option(
            "--max-retry-wait",
            type=click.FloatRange(min=0),
            default=60.0,
            show_default=True,
            help="Longest wait before a retry, Retry-After included.",
        ),
        click.option(
            "--allow-private",
            is_flag=True,
            help="Allow hosts on loopback, private and link-local addresses (intranets, tests).",
        ),
        click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt (logged)."),
        click.option(
            "--insecure", is_flag=True, help="Do not verify TLS certificates (said on stderr)."
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


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
    user_agent: str | None,
    contact: str | None,
    timeout: float,
    delay: float,
    retries: int,
    max_retry_wait: float,
    allow_private: bool,
    ignore_robots: bool,
    insecure: bool,
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
    from noticecli.fetch.client import Fetcher, FetchOptions

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
    log = _stderr_logger(verbose)
    if insecure:
        click.echo("noticecli: warning: TLS certificates are not verified (--insecure)", err=True)
    if ignore_robots:
        click.echo("noticecli: robots.txt is ignored (--ignore-robots)", err=True)
    options = FetchOptions(
        user_agent=user_agent,
        contact=contact,
        timeout=timeout,
        max_bytes=max_bytes,
        allow_private=allow_private,
        obey_robots=not ignore_robots,
        delay=delay,
        retries=retries,
        max_retry_wait=max_retry_wait,
        verify_tls=not insecure,
    )
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
        _report(url, error, debug)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _stderr_logger(verbose: bool) -> Callable[[str], None] | None:
    if not verbose:
        return None

    def log(message: str) -> None:
        click.echo(f"noticecli: {message}", err=True)

    return log


EXIT_LOCKED = 75  # EX_TEMPFAIL: another crawl holds the store
EXIT_CONFIG = 78  # EX_CONFIG: the sites file is wrong


def _exit_with(ctx: click.Context, error: NoticeError, code: int, debug: bool) -> None:
    if debug:
        raise error
    click.echo(f"noticecli: {error}", err=True)
    ctx.exit(code)


def store_option(function: F) -> F:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The SQLite state store (default: noticecli.db in the user data folder).",
    )(function)


def sites_option(function: F) -> F:
    return click.option(
        "--sites",
        "sites_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The sites file (default: sites.toml in the user config folder).",
    )(function)


def _load_sites(ctx: click.Context, sites_path: Path | None, names: tuple[str, ...]) -> list[Any]:
    from noticecli.crawl.sites import default_sites_path, load_sites
    from noticecli.errors import ConfigError

    path = sites_path or default_sites_path()
    try:
        sites = load_sites(path)
    except ConfigError as error:
        _exit_with(ctx, error, EXIT_CONFIG, ctx.obj["debug"])
    unknown = [name for name in names if name not in {site.name for site in sites}]
    if unknown:
        _exit_with(
            ctx,
            ConfigError(f"no site named {', '.join(unknown)}", source=str(path)),
            EXIT_CONFIG,
            ctx.obj["debug"],
        )
    return [site for site in sites if not names or site.name in names]


@main.command()
@click.argument("site_names", nargs=-1, metavar="[SITE]...")
@sites_option
@store_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append new notices and revisions to FILE.jsonl (whole lines, fsynced) "
    "instead of printing them.",
)
@click.option(
    "--revalidate",
    type=click.Choice(["due", "all", "none"]),
    default="due",
    show_default=True,
    help="Which known notices to re-check with conditional requests: those not checked "
    "for --revalidate-after hours, all of them, or none.",
)
@click.option(
    "--revalidate-after",
    type=click.FloatRange(min=0),
    default=24.0,
    show_default=True,
    help="Hours after which a known notice is due for a re-check.",
)
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on success (for cron).")
@click.option("-v", "--verbose", is_flag=True, help="Log retries and robots decisions on stderr.")
@click.option("--no-repair", is_flag=True, help="Leave text exactly as parsed.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=20 * 1024 * 1024,
    show_default=True,
    help="Refuse pages larger than this many bytes.",
)
@fetch_options
@click.pass_context
def crawl(
    ctx: click.Context,
    site_names: tuple[str, ...],
    sites_path: Path | None,
    db: Path | None,
    out: Path | None,
    revalidate: str,
    revalidate_after: float,
    quiet: bool,
    verbose: bool,
    no_repair: bool,
    max_bytes: int,
    user_agent: str | None,
    contact: str | None,
    timeout: float,
    delay: float,
    retries: int,
    max_retry_wait: float,
    allow_private: bool,
    ignore_robots: bool,
    insecure: bool,
) -> None:
    """Watch the sites in the sites file and emit only what is new or changed (for cron).

    Each new notice is printed (or appended to --out) once, as parse JSON plus a "crawl"
    object (notice_id, site, revision, change, changed_fields); a changed notice comes out
    again as its next revision. Exit codes: 0 ok, 1 some pages failed, 75 another crawl
    holds the store, 78 bad sites file.
    """
    import asyncio
    import datetime
    import json

    from noticecli.crawl.run import Crawler, RunCounts
    from noticecli.crawl.state import StateStore, crawl_lock, default_db_path
    from noticecli.errors import LockedError
    from noticecli.fetch.client import Fetcher, FetchOptions

    debug: bool = ctx.obj["debug"]
    sites = _load_sites(ctx, sites_path, site_names)
    db_path = db or default_db_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if insecure:
        click.echo("noticecli: warning: TLS certificates are not verified (--insecure)", err=True)
    if ignore_robots and not quiet:
        click.echo("noticecli: robots.txt is ignored (--ignore-robots)", err=True)

    def write_line(record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        if out_handle is None:
            sys.stdout.write(line)
            sys.stdout.flush()
        else:
            out_handle.write(line)
            out_handle.flush()
            os.fsync(out_handle.fileno())

    options = FetchOptions(
        user_agent=user_agent,
        contact=contact,
        timeout=timeout,
        max_bytes=max_bytes,
        allow_private=allow_private,
        obey_robots=not ignore_robots,
        retries=retries,
        max_retry_wait=max_retry_wait,
        verify_tls=not insecure,
        delay=delay,
    )
    counts = RunCounts()
    out_handle: IO[str] | None = None
    try:
        with crawl_lock(db_path), StateStore.open(db_path) as store:
            written: set[tuple[str, int]] = set()
            if out is not None:
                written = _prepare_output(out)
                out_handle = out.open("a", encoding="utf-8")
            run_id = store.begin_run()

            async def run() -> None:
                async with Fetcher(options, log=_stderr_logger(verbose)) as fetcher:
                    crawler = Crawler(
                        store,
                        fetcher,
                        write_line,
                        repair=not no_repair,
                        revalidate=revalidate,
                        revalidate_after=datetime.timedelta(hours=revalidate_after),
                        counts=counts,
                    )
                    crawler.flush_pending(lambda nid, rev: (nid, rev) in written)
                    for site in sites:
                        await crawler.crawl_site(site)

            status = "interrupted"
            try:
                asyncio.run(run())
                status = "failed" if counts.failures else "ok"
            finally:
                store.finish_run(
                    run_id,
                    status,
                    pages_fetched=counts.pages_fetched,
                    notices_new=counts.notices_new,
                    notices_changed=counts.notices_changed,
                    failures=counts.failures,
                    requests=counts.requests,
                    sites=[site.name for site in sites],
                )
    except LockedError as error:
        _exit_with(ctx, error, EXIT_LOCKED, debug)
    finally:
        if out_handle is not None:
            out_handle.close()
    for line in counts.failed:
        click.echo(f"noticecli: {line}", err=True)
    if not quiet or counts.failures:
        click.echo(f"noticecli: crawl: {counts.summary()}", err=True)
    ctx.exit(EXIT_SOME_FAILED if counts.failures else EXIT_OK)


_OUTPUT_TAIL = 1 << 20


def _prepare_output(path: Path) -> set[tuple[str, int]]:
    """Make --out end with a whole line and say which records its tail holds.

    A run killed while writing can leave half a line: it is cut off (the store still has the
    record as not yet emitted, so this run writes it again whole). A run killed after
    writing a line but before marking it emitted left a record that the tail shows, so it
    is not written twice.
    """
    import json

    if not path.exists():
        return set()
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        start = max(0, size - _OUTPUT_TAIL)
        handle.seek(start)
        tail = handle.read()
        if tail and not tail.endswith(b"\n"):
            cut = tail.rfind(b"\n") + 1
            handle.truncate(start + cut)
            tail = tail[:cut]
    written: set[tuple[str, int]] = set()
    for line in tail.splitlines():
        try:
            crawl_info = json.loads(line).get("crawl") or {}
            written.add((crawl_info["notice_id"], int(crawl_info["revision"])))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # the first line of the tail may be cut, or not ours
    return written


@main.group()
def sites() -> None:
    """The sites file: what crawl watches."""


@sites.command("check")
@click.argument("site_names", nargs=-1, metavar="[SITE]...")
@sites_option
@click.option("--allow-private", is_flag=True, help="Allow hosts on private addresses.")
@click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Total seconds allowed for one request.",
)
@click.pass_context
def sites_check(
    ctx: click.Context,
    site_names: tuple[str, ...],
    sites_path: Path | None,
    allow_private: bool,
    ignore_robots: bool,
    timeout: float,
) -> None:
    """Check the sites file, then fetch each site's first listing page and show its items."""
    import asyncio

    from noticecli.crawl.check import check_sites

    selected = _load_sites(ctx, sites_path, site_names)
    ok = asyncio.run(
        check_sites(
            selected,
            allow_private=allow_private,
            obey_robots=not ignore_robots,
            timeout=timeout,
            stream=sys.stdout,
        )
    )
    ctx.exit(EXIT_OK if ok else EXIT_SOME_FAILED)


@main.command()
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
    help="table (default on a terminal) or jsonl (default otherwise).",
)
def search(query: str, db: Path | None, limit: int, output_format: str | None) -> None:
    """Full-text search over the titles and bodies of crawled notices (Chinese works:
    terms of three characters or more use the index, shorter ones a scan)."""
    import json

    from noticecli.crawl.state import StateStore, default_db_path

    with StateStore.open(db or default_db_path()) as store:
        hits = store.search(query, limit=limit)
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
    from rich.console import Console
    from rich.table import Table

    table = Table("published_at", "title", "snippet", "url")
    for hit in hits:
        table.add_row(hit.published_at or "", hit.title or "", hit.snippet, hit.url)
    Console().print(table)


@main.command()
@store_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the full notices; csv: the main fields.",
)
@click.option("--since", metavar="DATE", help="Only notices new or changed since DATE (ISO).")
@click.option("--site", "site_name", metavar="NAME", help="Only this site's notices.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to FILE (atomically) instead of stdout.",
)
def export(
    db: Path | None,
    output_format: str,
    since: str | None,
    site_name: str | None,
    output: Path | None,
) -> None:
    """Export crawled notices from the store as JSON lines or CSV."""
    from noticecli.crawl.export import write_export
    from noticecli.crawl.state import StateStore, default_db_path

    with StateStore.open(db or default_db_path()) as store:
        records = store.export(since=since, site=site_name)
        if output is None:
            write_export(records, output_format, sys.stdout)
        else:
            with AtomicWriter(output) as handle:
                write_export(records, output_format, handle)
