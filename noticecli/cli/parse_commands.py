"""parse, normalize and schema: pages and text from files."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import click

from noticecli.cli.common import (
    encoding_option,
    max_bytes_option,
    output_options,
    page_options,
    read_stdin,
    sites_option,
)
from noticecli.cli.records import finish, keep_interrupted, open_records
from noticecli.cli.report import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    Interrupted,
    InterruptShield,
    report,
    say,
)
from noticecli.models import Notice

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

if TYPE_CHECKING:
    from noticecli.rules import SiteRules


@click.command()
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
@click.option(
    "--site",
    "site_name",
    metavar="NAME",
    help="Apply this site's selectors from the sites file: items/link/date on listing pages, "
    "title/body/published_at/header overrides on notice pages.",
)
@sites_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    metavar="N",
    help="Parse in N processes (0: one per CPU); the output keeps the order of the inputs.",
)
@encoding_option
@page_options
@output_options
@click.pass_context
def parse(
    ctx: click.Context,
    inputs: tuple[str, ...],
    warc_files: tuple[Path, ...],
    base_url: str | None,
    site_name: str | None,
    sites_path: Path | None,
    jobs: int,
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
    if not inputs and not warc_files:
        raise click.UsageError("Missing argument 'FILE...' (or --warc FILE)")
    if base_url and len(inputs) > 1:
        raise click.UsageError("--base-url applies to one input; give one FILE with it")
    if sites_path is not None and site_name is None:
        raise click.UsageError("--sites says where to find --site NAME; give --site too")
    for name in inputs:
        if _URL.match(name):
            raise click.UsageError(
                f"{name}: a URL, not a file: use `noticecli fetch {name}` to fetch and parse it"
            )
    rules = _site_rules(sites_path, site_name) if site_name is not None else None
    from noticecli.cli.parse_inputs import Settings, Work, parse_here, worker_count, works

    single = len(inputs) == 1 and not warc_files
    fmt = output_format or ("json" if single else "jsonl")
    settings = Settings(base_url, encoding, not no_repair, max_bytes, rules)
    workers = worker_count(jobs)
    results: Iterator[tuple[Work, Notice | str | Exception]]
    if workers > 1:
        from noticecli.cli.parse_pool import parse_in_workers
        from noticecli.cli.records import pretty
        from noticecli.output import RecordWriter

        # JSON is rendered in the workers too: this process only writes it.
        as_json = fmt in ("json", "jsonl")
        indent = RecordWriter.indent_for(fmt, pretty=pretty(output))
        items = works(inputs, warc_files)
        results = parse_in_workers(items, settings, workers, as_json=as_json, json_indent=indent)
    else:
        results = parse_here(works(inputs, warc_files), settings)
    failed = False

    def notices() -> Iterator[Notice | str]:
        nonlocal failed
        for work, outcome in results:
            if not isinstance(outcome, Exception):
                yield outcome
                continue
            if ctx.obj["debug"]:
                raise outcome
            failed = True  # one bad input must not stop the rest
            report(outcome, source=work.source)

    _emit(notices(), fmt, output, single=single)
    ctx.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _site_rules(sites_path: Path | None, name: str) -> SiteRules:
    """The selectors of site ``name``; a bad sites file or an unknown name is a ConfigError
    (exit 78, with the hint of where the file was looked for)."""
    from noticecli.cli.sites_commands import load_sites_for

    (site,) = load_sites_for(sites_path, (name,))
    rules: SiteRules = site.rules
    return rules


def _emit(
    notices: Iterator[Notice | str],
    fmt: str,
    output: Path | None,
    *,
    single: bool,
) -> None:
    """Write every notice (or its JSON, as a worker rendered it) to stdout or -o; an
    interrupt never cuts a document in half, and those complete are kept (see
    :func:`keep_interrupted`)."""
    from noticecli.errors import OutputError

    try:
        with ExitStack() as stack:
            records, file = open_records(stack, output, fmt, single=single)
            with InterruptShield() as shield:
                try:
                    for notice in notices:
                        with shield.held():
                            if isinstance(notice, str):  # rendered by a worker
                                records.write_json(notice)
                            else:
                                records.write(notice)
                except KeyboardInterrupt:
                    raise Interrupted(keep_interrupted(records, file, "document")) from None
            finish(records, file)
    except BrokenPipeError:
        raise  # `| head`: ends quietly
    except OSError as error:
        name = str(output) if output is not None else "<stdout>"
        raise OutputError(f"cannot write: {error.strerror or error}", source=name) from None


@click.command()
@click.option(
    "--record",
    type=click.Choice(["notice", "crawl"]),
    default="notice",
    show_default=True,
    help="notice: what parse and fetch print; crawl: what crawl and export print (a notice "
    "with its crawl object).",
)
def schema(record: str) -> None:
    """Print the JSON Schema (draft 2020-12) of the documents noticecli prints."""
    import json

    from noticecli.schema import crawl_record_schema, notice_schema

    document = notice_schema() if record == "notice" else crawl_record_schema()
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@click.command()
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
@encoding_option
@max_bytes_option
@click.pass_context
def normalize(
    ctx: click.Context,
    source: str,
    published: str | None,
    show_diff: bool,
    as_json: bool,
    encoding: str | None,
    max_bytes: int,
) -> None:
    """Repair damaged dates in plain text (327日 → 3月27日) and print the result.

    Reads FILE, or standard input when it is - or not given (on a terminal, with no FILE:
    this help instead of waiting). Every change is recorded (--json) and nothing is changed
    that the context cannot justify: ambiguous dates are left alone and reported on stderr.
    """
    import datetime
    import json

    from noticecli.decode import check_not_binary, decode_bytes
    from noticecli.pipeline import normalize_text, read_input

    if show_diff and as_json:
        raise click.UsageError("--diff and --json cannot be combined")
    given = ctx.get_parameter_source("source") is not click.core.ParameterSource.DEFAULT
    if not given and sys.stdin.isatty():  # nothing piped in: say how, instead of waiting
        click.echo(ctx.get_help(), err=True)
        ctx.exit(EXIT_USAGE)
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
        if source == "-":
            data = read_stdin(max_bytes)
        else:
            data = read_input(Path(source), max_bytes=max_bytes)
        check_not_binary(data, name)
        text = decode_bytes(data, override=encoding, source=name).text
    except Exception as error:  # one line, exit 1, as for parse
        if ctx.obj["debug"]:
            raise
        report(error, source=name)
        ctx.exit(EXIT_SOME_FAILED)
    result = normalize_text(text, published=published_date)
    for warning in result.warnings:
        say(f"{name}: {warning.message}")
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif show_diff:
        from noticecli.render import render_diff

        render_diff(result, sys.stdout, color=sys.stdout.isatty())
    else:
        sys.stdout.write(result.text)
