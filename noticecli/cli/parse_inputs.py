"""What ``parse`` works through, one input (or one archived response) at a time, and how
each is parsed: here in this process (``--jobs 1``, the default), or by the worker processes
of :mod:`noticecli.cli.parse_pool` (``--jobs N``), which is imported only then.

The values are named tuples, not dataclasses: this module is part of every ``parse``
start-up, and a named tuple costs a fraction of a dataclass to define.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from noticecli.models import Notice

if TYPE_CHECKING:
    from noticecli.fetch.result import FetchResult
    from noticecli.rules import SiteRules

WorkKind = Literal["file", "stdin", "response", "failed"]


class Settings(NamedTuple):
    """How every input is parsed (the parse command's options)."""

    url: str | None
    encoding: str | None
    repair: bool
    max_bytes: int
    rules: SiteRules | None


class Work(NamedTuple):
    """One input: a file, standard input, a response read from a WARC archive, or an
    archive that could not be read (``failed``: ``error`` says why). ``source`` names it
    in an error message."""

    kind: WorkKind
    source: str
    name: str = ""
    response: FetchResult | None = None
    error: Exception | None = None


Outcome = Notice | Exception


def works(inputs: Iterable[str], warc_files: Iterable[Path]) -> Iterator[Work]:
    """The inputs in order: each FILE (``-``: standard input), then the responses of each
    archive, read as they are needed."""
    for name in inputs:
        if name == "-":
            yield Work("stdin", "<stdin>")
        else:
            yield Work("file", name, name=name)
    for archive in warc_files:
        try:
            from noticecli.fetch.archive import read_warc

            for result in read_warc(archive):
                if not result.not_modified:
                    yield Work("response", f"{archive}: {result.final_url}", response=result)
        except Exception as error:  # an unreadable archive: said in its turn
            yield Work("failed", str(archive), error=error)


def parse_work(work: Work, settings: Settings) -> Notice:
    """Parse one input (raises what parsing raises)."""
    from noticecli.pipeline import parse_bytes, parse_file

    if work.kind == "file":
        return parse_file(
            work.name,
            url=settings.url,
            encoding=settings.encoding,
            repair=settings.repair,
            max_bytes=settings.max_bytes,
            rules=settings.rules,
        )
    if work.kind == "stdin":
        from noticecli.cli.common import read_stdin

        notice = parse_bytes(
            read_stdin(settings.max_bytes),
            source="<stdin>",
            url=settings.url,
            encoding=settings.encoding,
            repair=settings.repair,
            rules=settings.rules,
        )
        notice.file = "<stdin>"  # with --base-url too
        return notice
    if work.kind == "response":
        from noticecli.fetch.pages import notice_from_fetch

        assert work.response is not None
        return notice_from_fetch(work.response, repair=settings.repair, rules=settings.rules)
    assert work.error is not None
    raise work.error


def parse_here(items: Iterable[Work], settings: Settings) -> Iterator[tuple[Work, Outcome]]:
    """Each input with its notice, or the error that stopped it, parsed in this process."""
    for work in items:
        try:
            yield work, parse_work(work, settings)
        except Exception as error:  # one bad input must not stop the rest
            yield work, error


def worker_count(jobs: int) -> int:
    """``--jobs``: 0 is every CPU this process may run on."""
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
