"""Running noticecli on a real pseudo-terminal (Python's ``pty``), as a person at a terminal
would: stdin and stderr are the terminal, stdout the terminal too or a pipe or a file.

    run = run_on_terminal(["crawl", ...], stdout="pipe", columns=80)
    run.code, run.stdout (bytes sent to the pipe or file), run.screen (bytes the terminal got)

The child gets TERM=xterm-256color and a window of ``columns`` × 24; NO_COLOR, COLUMNS and
LINES are removed so that rich behaves as on a real terminal. The run is bounded by
``timeout`` seconds (the child is killed after it, and the test fails).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tests.conftest import REPO

# What the terminal acts on: CSI sequences (colours, cursor moves, erase), OSC sequences
# (hyperlinks, titles), carriage return, line feed; and the text between them.
_TOKEN = re.compile(
    r"\x1b\[(?P<args>[0-9;?]*)[ -/]*(?P<op>[@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|(?P<cr>\r)|(?P<lf>\n)|(?P<text>[^\x1b\r\n]+)"
)


@dataclass
class TerminalRun:
    code: int
    stdout: bytes  # what reached the pipe or file ("pipe", "file"); b"" when it was the terminal
    screen: bytes  # everything the terminal received (stdout too, when it was the terminal)

    def lines(self) -> list[str]:
        """The lines a person ends up seeing (with the scrollback): the terminal's output
        played on a small emulator that knows carriage return, line feed, cursor up and
        erase in line, so what a progress display drew and then erased is gone. Columns
        count characters, not cells: enough for lines that are erased whole."""
        rows: list[str] = [""]
        row = col = 0
        for token in _TOKEN.finditer(self.screen.decode("utf-8", "replace")):
            if token["text"] is not None:
                line = rows[row].ljust(col)
                rows[row] = line[:col] + token["text"] + line[col + len(token["text"]) :]
                col += len(token["text"])
            elif token["cr"] is not None:
                col = 0
            elif token["lf"] is not None:
                row += 1
                col = 0  # the terminal's onlcr: a line feed arrives as CR LF
                if row == len(rows):
                    rows.append("")
            elif token["op"] == "A":
                row = max(0, row - int(token["args"] or 1))
            elif token["op"] == "K":
                mode = token["args"] or "0"
                rows[row] = "" if mode == "2" else rows[row][:col] if mode == "0" else rows[row]
        return [line.rstrip() for line in rows]


def run_on_terminal(
    args: list[str],
    *,
    stdout: Literal["terminal", "pipe", "file"],
    columns: int = 80,
    timeout: float = 60,
    cwd: Path = REPO,
    file: Path | None = None,
) -> TerminalRun:
    """Run ``python -m noticecli ARGS`` with stdin and stderr on a new pseudo-terminal."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    out_handle = None
    if stdout == "terminal":
        out: int = terminal
    elif stdout == "pipe":
        out = subprocess.PIPE
    else:
        assert file is not None
        out_handle = file.open("wb")
        out = out_handle.fileno()
    screen = bytearray()

    def read_terminal() -> None:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: every copy of the terminal's other end is closed
                return
            if not chunk:
                return
            screen.extend(chunk)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "noticecli", *args],
            cwd=cwd,
            env=env,
            stdin=terminal,
            stdout=out,
            stderr=terminal,
            start_new_session=True,  # the terminal becomes the child's controlling terminal
        )
        os.close(terminal)
        try:
            piped, _ = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            raise
        reader.join(timeout=10)
    finally:
        if out_handle is not None:
            out_handle.close()
        os.close(controller)
    if stdout == "file":
        assert file is not None
        piped = file.read_bytes()
    return TerminalRun(child.returncode, piped or b"", bytes(screen))
