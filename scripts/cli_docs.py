"""Generate docs/cli.md from the commands' --help (a test checks it is current).

python scripts/cli_docs.py > docs/cli.md
"""

from __future__ import annotations

import click
from click.testing import CliRunner

from noticecli.cli import main


def cli_markdown() -> str:
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` by `python scripts/cli_docs.py > docs/cli.md`; "
        "a test fails when it is out of date.\n",
    ]
    runner = CliRunner()
    for command in _command_paths(main, []):
        title = " ".join(["noticecli", *command])
        result = runner.invoke(main, [*command, "--help"], terminal_width=100)
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def _command_paths(command: click.Command, path: list[str]) -> list[list[str]]:
    """Every command's name path, groups before their subcommands (``sites`` then
    ``sites check``)."""
    paths = [path]
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, name
            paths += _command_paths(sub, [*path, name])
    return paths


if __name__ == "__main__":
    print(cli_markdown(), end="")
