"""``parse --jobs N``: the inputs of :mod:`noticecli.cli.parse_inputs` parsed by worker
processes, the results still in input order.

A bounded window of inputs is in flight (a few per worker), so that memory stays flat however
many inputs there are, and a result is written as soon as every input before it is done.
Standard input is read in this process, in its turn, never in a worker; a WARC archive is read
here too, and its responses are parsed in the workers. Workers ignore Ctrl-C (the terminal
sends it to the whole process group): this process stops them.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from noticecli.cli.parse_inputs import Outcome, Settings, Work, parse_work
from noticecli.models import Notice

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

IN_FLIGHT_PER_WORKER = 4  # enough to keep a worker busy while an earlier input is written


def parse_in_workers(
    items: Iterable[Work],
    settings: Settings,
    workers: int,
    *,
    as_json: bool = False,
    json_indent: int | None = None,
) -> Iterator[tuple[Work, Outcome | str]]:
    """As :func:`parse_here`, parsed by ``workers`` processes; results in input order.
    With ``as_json``, a worker gives each notice as the text of its JSON document
    (``to_json(indent=json_indent)``) instead: this process then only writes it."""
    pool = _Pool(workers, settings, as_json=as_json, json_indent=json_indent)
    window: deque[_Entry] = deque()
    pending = iter(items)

    def fill() -> None:
        while len(window) < workers * IN_FLIGHT_PER_WORKER:
            work = next(pending, None)
            if work is None:
                return
            here = work.kind in ("stdin", "failed")  # standard input is ours alone
            window.append(_Entry(work, None if here else pool.submit(work), pool.generation))

    try:
        fill()
        while window:
            entry = window.popleft()
            fill()
            yield entry.work, pool.outcome(entry)
    finally:
        pool.shutdown()


@dataclass(slots=True)
class _Entry:
    work: Work
    future: Future[Notice | str] | None  # None: parsed in this process
    generation: int  # of the pool it was given to


class _Pool:
    """A process pool that survives a worker's death. When a worker dies (killed, out of
    memory, a crash in C), the pool breaks and every input it had not finished is lost with
    it; later inputs go to a new pool, and each lost one is parsed again, in a pool of its
    own, when its turn to be written comes: the one whose worker dies again is the culprit
    and fails alone, and the others are parsed."""

    def __init__(
        self, workers: int, settings: Settings, *, as_json: bool, json_indent: int | None
    ) -> None:
        import multiprocessing

        # Imported before the workers start, which are forked where the system can: a
        # worker starts with the parser already imported.
        import noticecli.fetch.pages
        import noticecli.pipeline  # noqa: F401

        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._workers = workers
        self._task = (settings, as_json, json_indent)
        self._settings = settings
        self.generation = 0
        self._executor = self._start(workers)

    def _start(self, workers: int) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            workers, mp_context=self._context, initializer=_ignore_interrupts
        )

    def submit(self, work: Work) -> Future[Notice | str]:
        return _submit(self._executor, work, self._task)

    def outcome(self, entry: _Entry) -> Outcome | str:
        """The notice (or its JSON) or the error of ``entry``, whose turn it is."""
        from concurrent.futures import CancelledError
        from concurrent.futures.process import BrokenProcessPool

        if entry.future is None:
            return _outcome_here(entry.work, self._settings)
        try:
            return entry.future.result()
        except (BrokenProcessPool, CancelledError):  # lost with a pool that broke
            pass
        except Exception as error:
            return error
        if entry.generation == self.generation:  # the pool broke under it: a new one
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = self._start(self._workers)
            self.generation += 1
        return self._alone(entry.work)

    def _alone(self, work: Work) -> Outcome | str:
        """Parse ``work`` in a pool of its own: if its worker dies, it is the culprit."""
        from concurrent.futures.process import BrokenProcessPool

        executor = self._start(1)
        try:
            return _submit(executor, work, self._task).result()
        except BrokenProcessPool:
            return _worker_died(work)
        except Exception as error:
            return error
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def shutdown(self) -> None:
        # Done or interrupted: inputs not started are dropped; a page being parsed is
        # finished by its worker (milliseconds), which then exits. Waiting for that, not
        # leaving it to the interpreter's exit, where Python 3.11 may print a traceback
        # (a closed wake-up pipe).
        self._executor.shutdown(wait=True, cancel_futures=True)


def _submit(
    executor: ProcessPoolExecutor, work: Work, task: tuple[Settings, bool, int | None]
) -> Future[Notice | str]:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    try:
        return executor.submit(_parse_in_worker, work, *task)
    except BrokenProcessPool as broken:  # broken already: parsed again in its turn
        future: Future[Notice | str] = Future()
        future.set_exception(broken)
        return future


def _parse_in_worker(
    work: Work, settings: Settings, as_json: bool, json_indent: int | None
) -> Notice | str:
    notice = parse_work(work, settings)
    return notice.to_json(indent=json_indent) if as_json else notice


def _outcome_here(work: Work, settings: Settings) -> Outcome:
    try:
        return parse_work(work, settings)
    except Exception as error:
        return error


def _worker_died(work: Work) -> Exception:
    from noticecli.errors import NoticeError

    return NoticeError(
        "the process parsing it stopped unexpectedly (killed, out of memory, or a crash)",
        source=work.source,
    )


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the terminal's group, and a forked worker starts with
    # this process's handlers: the worker leaves interrupts to this process, and a SIGTERM
    # sent to the whole group (systemd, a cron timeout) simply ends it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
