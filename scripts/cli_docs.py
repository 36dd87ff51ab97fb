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
    commands: list[list[str]] = [[]]
    group = main
    assert isinstance(group, click.Group)
    commands += [[name] for name in group.list_commands(click.Context(group))]
    for command in commands:
        title = " ".join(["noticecli", *command])
        result = runner.invoke(main, [*command, "--help"], terminal_width=100)
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(cli_markdown(), end="")
