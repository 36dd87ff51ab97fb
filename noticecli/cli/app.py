"""The ``noticecli`` command group. Each command lives in its own module, imported only
when that command runs (or when help lists them), so `noticecli parse` does not pay for
defining fetch and crawl. The group is also where errors become exit codes: every command
runs inside :func:`noticecli.cli.report.run_guarded`."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import click

from noticecli._version import __version__
from noticecli.cli.report import run_guarded

# Command name → module defining it (as a click command of the same name).
COMMANDS = {
    "crawl": "noticecli.cli.crawl_commands",
    "emit": "noticecli.cli.queue_commands",
    "enqueue": "noticecli.cli.queue_commands",
    "export": "noticecli.cli.store_commands",
    "fetch": "noticecli.cli.fetch_command",
    "normalize": "noticecli.cli.parse_commands",
    "parse": "noticecli.cli.parse_commands",
    "reparse": "noticecli.cli.queue_commands",
    "schema": "noticecli.cli.parse_commands",
    "search": "noticecli.cli.store_commands",
    "sites": "noticecli.cli.sites_commands",
    "worker": "noticecli.cli.queue_commands",
}

DEBUG_HELP = "Show tracebacks instead of one-line errors."


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command = getattr(import_module(module), cmd_name.replace("-", "_"))
        assert isinstance(command, click.Command)
        _accept_debug(command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        return run_guarded(lambda: super(LazyGroup, self).invoke(ctx), debug=lambda: _debug(ctx))


def _debug(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug"))


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(dict)["debug"] = True  # the dict every context of the run shares


def _accept_debug(command: click.Command) -> None:
    """Give ``command`` (and its subcommands) a --debug of its own, so that it works in any
    position: ``noticecli parse --debug page.html`` as well as ``noticecli --debug parse``."""
    if not any(param.name == "debug" for param in command.params):
        command.params.append(
            click.Option(
                ["--debug"],
                is_flag=True,
                expose_value=False,
                is_eager=True,
                callback=_set_debug,
                help=DEBUG_HELP,
            )
        )
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _accept_debug(sub)


@click.group(
    name="noticecli",
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Exit codes: 0 all went well; 1 some input failed (each named on stderr) or an "
    "output cannot be written; 2 usage error; 75 another crawl holds the store; 78 the sites "
    "file is wrong; 130 interrupted (Ctrl-C); 143 terminated (SIGTERM).",
)
@click.version_option(__version__, "-V", "--version", prog_name="noticecli")
@click.option("--debug", is_flag=True, help=DEBUG_HELP[:-1] + " (here or after the command).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Parse and repair Chinese government information-disclosure pages (政府信息公开)."""
    ctx.ensure_object(dict)["debug"] = debug
