"""How the command line ends: the one table from errors to exit codes, the one function that
reports an error, and interrupts (SIGINT, SIGTERM) turned into a clean stop.

Commands raise; :func:`run_guarded` (wrapped around every command by the command group)
reports what reached it in one line and exits with the code :data:`EXIT_CODES` gives it.
A command that goes on after a failure (one bad input among many) calls :func:`report`
itself and exits 1 at the end.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, TypeVar

import click

from noticecli.errors import ConfigError, LockedError, NoticeError, UsageError
from noticecli.names import shown_name

T = TypeVar("T")

EXIT_OK = 0
EXIT_SOME_FAILED = 1  # some input failed (each named on stderr), or an output cannot be written
EXIT_USAGE = 2  # a usage error (click's own code for them)
EXIT_LOCKED = 75  # EX_TEMPFAIL: another crawl holds the store
EXIT_CONFIG = 78  # EX_CONFIG: the sites file is wrong
EXIT_INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM: kill, systemd, a cron timeout

# The first class an error is an instance of decides; anything else that reaches the group
# is a bug, reported as an internal error with exit 1.
EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (LockedError, EXIT_LOCKED),
    (ConfigError, EXIT_CONFIG),
    (UsageError, EXIT_USAGE),
    (NoticeError, EXIT_SOME_FAILED),
    (OSError, EXIT_SOME_FAILED),
)


def exit_code_for(error: BaseException) -> int:
    if isinstance(error, KeyboardInterrupt):
        return EXIT_TERMINATED if _terminated else EXIT_INTERRUPTED
    for kind, code in EXIT_CODES:
        if isinstance(error, kind):
            return code
    return EXIT_SOME_FAILED


def say(message: str) -> None:
    """One line on stderr, ``noticecli: MESSAGE``: every message the CLI prints goes here."""
    click.echo(f"noticecli: {shown_name(message)}", err=True)


def report(error: BaseException, *, source: str | None = None) -> None:
    """The one way an error reaches the user: one line naming what failed and why.

    ``source`` names the input when the error does not (a NoticeError usually does); an
    error that is not ours is a bug, said as such with a pointer to --debug."""
    if isinstance(error, NoticeError):
        message = str(error) if error.source or source is None else f"{source}: {error}"
    elif isinstance(error, OSError):
        name = source or error.filename
        detail = error.strerror or str(error)
        message = f"{name}: {detail}" if name else detail
    elif _lost_database(error):
        detail = "; ".join(line.strip() for line in str(error).splitlines() if line.strip())
        message = f"the PostgreSQL store failed: {detail or type(error).__name__}"
    else:
        message = (
            f"internal error: {type(error).__name__}: {error} (run with --debug for a traceback)"
        )
        if source:
            message = f"{source}: {message}"
    say(message)


def _lost_database(error: BaseException) -> bool:
    """A PostgreSQL server gone or unreachable in the middle of a command (psycopg's
    OperationalError and InterfaceError): the store's problem, not a bug. Told apart by
    name, so that the driver is not imported here."""
    return any(
        kind.__module__.split(".")[0] == "psycopg"
        and kind.__name__ in ("OperationalError", "InterfaceError")
        for kind in type(error).__mro__
    )


class Interrupted(KeyboardInterrupt):
    """An interrupt that a command has already handled: ``kept`` says what it kept (the
    group prints it and exits 130 or 143)."""

    def __init__(self, kept: str) -> None:
        super().__init__(kept)
        self.kept = kept


def run_guarded(function: Callable[[], T], *, debug: Callable[[], bool]) -> T:
    """Run a command: SIGTERM stops it the way Ctrl-C does, and whatever it raises ends as
    one line and the exit code of :data:`EXIT_CODES` (with ``debug()``: the traceback)."""
    with _sigterm_as_interrupt():
        try:
            return function()
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            raise  # click's own; a closed pipe (`| head`) ends quietly, as click does it
        except KeyboardInterrupt as error:
            if debug():
                import traceback

                traceback.print_exc()
            kept = error.kept if isinstance(error, Interrupted) else None
            name = "terminated" if _terminated else "interrupted"
            say(f"{name}: {kept}" if kept else name)
            raise click.exceptions.Exit(exit_code_for(error)) from None
        except Exception as error:
            if debug():
                raise
            report(error)
            raise click.exceptions.Exit(exit_code_for(error)) from None


_terminated = False


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM does what SIGINT does (inside ``asyncio.run``: cancel the main task, so that
    every ``finally`` runs and files are completed or cleaned up), and is remembered so the
    exit code says which signal it was."""
    global _terminated
    _terminated = False
    try:
        previous: Any = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread (a test runner's worker): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    global _terminated
    _terminated = True
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler) and handler is not signal.default_int_handler:
        handler(signal.SIGINT, frame)  # asyncio.run's own: cancels the running task
        return
    raise KeyboardInterrupt


class InterruptShield:
    """Within ``with InterruptShield() as shield:`` an interrupt (Ctrl-C, or SIGTERM through
    :func:`run_guarded`) raises ``KeyboardInterrupt`` as usual, even in a blocking read,
    except inside ``with shield.held():``, where it waits for the block to end: a record
    being written is never cut in half. A second interrupt stops at once."""

    def __init__(self) -> None:
        self._depth = 0
        self._requested = False
        self._previous: Any = None

    def __enter__(self) -> InterruptShield:
        try:
            self._previous = signal.signal(signal.SIGINT, self._on_interrupt)
        except ValueError:  # not the main thread: interrupts cannot reach us anyway
            self._previous = None
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _on_interrupt(self, signum: int, frame: FrameType | None) -> None:
        if self._depth == 0 or self._requested:
            raise KeyboardInterrupt
        self._requested = True

    @contextmanager
    def held(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if self._requested and self._depth == 0:
            raise KeyboardInterrupt
