"""``parse --jobs N``: the inputs of :mod:`noticecli.cli.parse_inputs` parsed by worker
processes, the results still in input order.

Inputs go to the workers a few at a time (a batch: the pool's own cost is per task, and
here it is about the cost of parsing a small page), and a bounded window of batches is in
flight, so that memory stays flat however many inputs there are; a result is written as
soon as every input before it is done. Standard input is read in this process, in its turn,
never in a worker; a WARC archive is read here too, and its responses are parsed in the
workers. Workers ignore Ctrl-C (the terminal sends it to the whole process group): this
process stops them.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from noticecli.cli.parse_inputs import Settings, Work, parse_here, parse_work
from noticecli.models import Notice

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

BATCH = 8  # inputs per task
IN_FLIGHT_PER_WORKER = 2  # batches: one being parsed, one waiting, while results are written
_HERE = ("stdin", "failed")  # read in this process: standard input is ours alone

Result = Notice | str | Exception  # a notice, its JSON text, or why it failed


def parse_in_workers(
    items: Iterable[Work],
    settings: Settings,
    workers: int,
    *,
    as_json: bool = False,
    json_indent: int | None = None,
) -> Iterator[tuple[Work, Result]]:
    """As :func:`~noticecli.cli.parse_inputs.parse_here`, parsed by ``workers`` processes;
    results in input order. With ``as_json``, a worker gives each notice as the text of its
    JSON document (``to_json(indent=json_indent)``) instead: this process only writes it."""
    pool = _Pool(workers, (settings, as_json, json_indent))
    window: deque[_Batch] = deque()
    batches = _batches(items)

    def fill() -> None:
        while len(window) < workers * IN_FLIGHT_PER_WORKER:
            works = next(batches, None)
            if works is None:
                return
            here = works[0].kind in _HERE
            window.append(_Batch(works, None if here else pool.submit(works), pool.generation))

    try:
        fill()
        while window:
            batch = window.popleft()
            fill()
            yield from zip(batch.works, pool.results(batch), strict=True)
    finally:
        pool.shutdown()


def _batches(items: Iterable[Work]) -> Iterator[list[Work]]:
    """Consecutive inputs, up to :data:`BATCH` at a time; one read here is a batch alone."""
    batch: list[Work] = []
    for work in items:
        if work.kind in _HERE:
            if batch:
                yield batch
                batch = []
            yield [work]
            continue
        batch.append(work)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(slots=True)
class _Batch:
    works: list[Work]
    future: Future[list[Result]] | None  # None: parsed in this process
    generation: int  # of the pool it was given to


Task = tuple[Settings, bool, int | None]  # settings, as_json, json_indent


class _Pool:
    """A process pool that survives a worker's death. When a worker dies (killed, out of
    memory, a crash in C), the pool breaks and every input it had not finished is lost with
    it; later inputs go to a new pool, and each lost one is parsed again, in a pool of its
    own, when its turn to be written comes: the one whose worker dies again is the culprit
    and fails alone, and the others are parsed."""

    def __init__(self, workers: int, task: Task) -> None:
        import multiprocessing

        # Imported before the workers start, which are forked where the system can: a
        # worker starts with the parser already imported.
        import noticecli.fetch.pages
        import noticecli.pipeline  # noqa: F401

        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._workers = workers
        self._task = task
        self.generation = 0
        self._executor = self._start(workers)

    def _start(self, workers: int) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        context = self._context
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)

    def submit(self, works: list[Work]) -> Future[list[Result]]:
        return _submit(self._executor, works, self._task)

    def results(self, batch: _Batch) -> list[Result]:
        """The result of each input of ``batch``, whose turn it is."""
        from concurrent.futures import CancelledError
        from concurrent.futures.process import BrokenProcessPool

        if batch.future is None:
            return [result for _, result in parse_here(batch.works, self._task[0])]
        try:
            return batch.future.result()
        except (BrokenProcessPool, CancelledError):  # lost with a pool that broke
            pass
        if batch.generation == self.generation:  # the pool broke under it: a new one
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = self._start(self._workers)
            self.generation += 1
        return [self._alone(work) for work in batch.works]

    def _alone(self, work: Work) -> Result:
        """Parse ``work`` in a pool of its own: if its worker dies, it is the culprit."""
        from concurrent.futures.process import BrokenProcessPool

        from noticecli.errors import NoticeError

        executor = self._start(1)
        try:
            [result] = _submit(executor, [work], self._task).result()
            return result
        except BrokenProcessPool:
            return NoticeError(
                "the process parsing it stopped unexpectedly (killed, out of memory, or a crash)",
                source=work.source,
            )
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def shutdown(self) -> None:
        # Done or interrupted: inputs not started are dropped; a page being parsed is
        # finished by its worker (milliseconds), which then exits. Waiting for that, not
        # leaving it to the interpreter's exit, where Python 3.11 may print a traceback
        # (a closed wake-up pipe).
        self._executor.shutdown(wait=True, cancel_futures=True)


def _submit(executor: ProcessPoolExecutor, works: list[Work], task: Task) -> Future[list[Result]]:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    try:
        return executor.submit(_parse_batch, works, task)
    except BrokenProcessPool as broken:  # broken already: parsed again in its turn
        future: Future[list[Result]] = Future()
        future.set_exception(broken)
        return future


def _parse_batch(works: list[Work], task: Task) -> list[Result]:
    """In a worker: each input's result, failures included (one does not stop the rest)."""
    return [_parse(work, task) for work in works]


def _parse(work: Work, task: Task) -> Result:
    settings, as_json, json_indent = task
    try:
        notice = parse_work(work, settings)
    except Exception as error:
        return _sendable(error)
    return notice.to_json(indent=json_indent) if as_json else notice


def _sendable(error: Exception) -> Exception:
    """``error`` with the worker's traceback as a note (shown by --debug), as something
    that can cross to the main process (an error that cannot be pickled is described)."""
    import pickle
    import traceback

    error.add_note("".join(traceback.format_exception(error)).rstrip())
    try:
        pickle.dumps(error)
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the terminal's group, and a forked worker starts with
    # this process's handlers: the worker leaves interrupts to this process, and a SIGTERM
    # sent to the whole group (systemd, a cron timeout) simply ends it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
