"""The ``noticecli`` command group; commands register themselves on it."""

from __future__ import annotations

import click

from noticecli._version import __version__


@click.group(name="noticecli", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="noticecli")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Parse and repair Chinese government information-disclosure pages (政府信息公开)."""
    ctx.obj = {"debug": debug}
