"""Where parse and fetch write their documents: stdout, or ``-o FILE`` written atomically;
and what an interrupted run keeps of them."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from noticecli.output import AtomicWriter, RecordWriter


def open_records(
    stack: ExitStack, output: Path | None, fmt: str, *, single: bool
) -> tuple[RecordWriter, AtomicWriter[str] | None]:
    """A writer to ``output`` (entered on ``stack``: created now, so a bad path fails before
    any work; ``OSError``) or to stdout (pretty JSON on a terminal)."""
    if output is None:
        stream: IO[str] = sys.stdout
        return RecordWriter(stream, fmt, pretty=pretty(output), single=single), None
    file = AtomicWriter(output)
    handle = stack.enter_context(file)
    return RecordWriter(handle, fmt, pretty=pretty(output), single=single), file


def pretty(output: Path | None) -> bool:
    """Whether documents are indented: on a terminal only."""
    return output is None and sys.stdout.isatty()


def keep_interrupted(records: RecordWriter, file: AtomicWriter[str] | None, noun: str) -> str:
    """Finish the document (a JSON array gets its ``]``) and keep what was complete: in
    ``FILE.partial`` for -o, the target left as it was. Says what was kept."""
    records.close()
    what = f"{records.count} {noun}{'' if records.count == 1 else 's'}"
    if file is None:
        return f"{what} written"
    left = f"{file.path} left as it was" if file.path.exists() else f"no {file.path} written"
    if records.count == 0:
        return f"no {noun}s complete, {left}"
    return f"{what} kept in {file.keep_partial()} ({left})"


def finish(records: RecordWriter, file: AtomicWriter[str] | None) -> None:
    """Close the document; an -o file that got no document is not written (an existing one
    is left as it was)."""
    records.close()
    if file is not None and records.count == 0:
        file.discard()
