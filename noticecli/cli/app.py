"""The ``noticecli`` command group. Each command lives in its own module, imported only
when that command runs (or when help lists them), so `noticecli parse` does not pay for
defining fetch and crawl."""

from __future__ import annotations

from importlib import import_module

import click

from noticecli._version import __version__

# Command name → module defining it (as a click command of the same name).
COMMANDS = {
    "crawl": "noticecli.cli.crawl_commands",
    "export": "noticecli.cli.crawl_commands",
    "fetch": "noticecli.cli.fetch_command",
    "normalize": "noticecli.cli.parse_commands",
    "parse": "noticecli.cli.parse_commands",
    "schema": "noticecli.cli.parse_commands",
    "search": "noticecli.cli.crawl_commands",
    "sites": "noticecli.cli.crawl_commands",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command = getattr(import_module(module), cmd_name.replace("-", "_"))
        assert isinstance(command, click.Command)
        return command


@click.group(
    name="noticecli",
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "-V", "--version", prog_name="noticecli")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Parse and repair Chinese government information-disclosure pages (政府信息公开)."""
    ctx.obj = {"debug": debug}
