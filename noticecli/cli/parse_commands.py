"""parse, normalize and schema: pages and text from files."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from noticecli.cli.common import (
    EXIT_CONFIG,
    EXIT_OK,
    EXIT_SOME_FAILED,
    encoding_option,
    exit_with,
    fail,
    max_bytes_option,
    output_options,
    page_options,
    read_stdin,
    report_failure,
    sites_option,
)
from noticecli.models import Notice
from noticecli.output import AtomicWriter, render_records

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
    if sites_path is not None and site_name is None:
        raise click.UsageError("--sites says where to find --site NAME; give --site too")
    rules = _site_rules(ctx, sites_path, site_name) if site_name is not None else None
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
                    yield parse_bytes(
                        read_stdin(max_bytes),
                        source="<stdin>",
                        url=base_url,
                        encoding=encoding,
                        repair=not no_repair,
                        rules=rules,
                    )
                else:
                    yield parse_file(
                        name,
                        url=base_url,
                        encoding=encoding,
                        repair=not no_repair,
                        max_bytes=max_bytes,
                        rules=rules,
                    )
            except Exception as error:  # one bad input must not stop the rest
                failed = True
                report_failure("<stdin>" if name == "-" else name, error, debug)
        for archive in warc_files:
            try:
                for result in read_warc(archive):
                    if result.not_modified:
                        continue
                    try:
                        yield notice_from_fetch(result, repair=not no_repair, rules=rules)
                    except Exception as error:
                        failed = True
                        report_failure(f"{archive}: {result.final_url}", error, debug)
            except Exception as error:  # an unreadable archive
                failed = True
                report_failure(str(archive), error, debug)

    single = len(inputs) == 1 and not warc_files
    fmt = output_format or ("json" if single else "jsonl")
    _emit(notices(), fmt, output, debug, single=single)
    ctx.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _site_rules(ctx: click.Context, sites_path: Path | None, name: str) -> SiteRules:
    """The selectors of site ``name``; a bad sites file or an unknown name exits 78."""
    from noticecli.crawl.sites import default_sites_path, load_sites
    from noticecli.errors import ConfigError

    path = sites_path or default_sites_path()
    try:
        sites = load_sites(path)
    except ConfigError as error:
        exit_with(ctx, error, EXIT_CONFIG, ctx.obj["debug"])
    for site in sites:
        if site.name == name:
            return site.rules
    missing = ConfigError(f"no site named {name}", source=str(path))
    exit_with(ctx, missing, EXIT_CONFIG, ctx.obj["debug"])


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
        fail(error, debug, source=str(output))


@click.command()
def schema() -> None:
    """Print the JSON Schema that every emitted document validates against."""
    import json

    from noticecli.schema import notice_schema

    click.echo(json.dumps(notice_schema(), ensure_ascii=False, indent=2))


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

    Every change is recorded (--json) and nothing is changed that the context cannot justify:
    ambiguous dates are left alone and reported on stderr.
    """
    import datetime
    import json

    from noticecli.decode import check_not_binary, decode_bytes
    from noticecli.pipeline import normalize_text, read_input

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
        if source == "-":
            data = read_stdin(max_bytes)
        else:
            data = read_input(Path(source), max_bytes=max_bytes)
        check_not_binary(data, name)
        text = decode_bytes(data, override=encoding, source=name).text
    except Exception as error:  # one line, exit 1, as for parse
        report_failure(name, error, ctx.obj["debug"])
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
