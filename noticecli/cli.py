"""Command line: parses options, calls the library, renders, maps errors to exit codes.

Exit codes: 0 all inputs fine; 1 some input failed (each named on stderr); 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from noticecli._version import __version__
from noticecli.errors import NoticeError
from noticecli.models import Notice
from noticecli.output import AtomicWriter, render_records

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
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
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

    fmt = output_format or ("json" if len(inputs) == 1 else "jsonl")
    _emit(notices(), fmt, output, debug, single=len(inputs) == 1)
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
