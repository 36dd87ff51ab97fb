"""One crawl at a time per store: :func:`crawl_lock` holds ``<db>.lock`` (filelock,
non-blocking) and writes who holds it to ``<db>.lock.info``."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from noticecli.crawl.clock import Clock, iso, utcnow
from noticecli.errors import LockedError
from noticecli.output import AtomicWriter


@dataclass(frozen=True, slots=True)
class LockHolder:
    pid: int
    host: str
    started_at: str


def lock_paths(db_path: Path) -> tuple[Path, Path]:
    """The lock file and its ``.info`` sidecar for a store."""
    # <name>.db.lock, not <name>.lock: x.db and x.sqlite in one folder are two stores.
    lock = db_path.with_name(db_path.name + ".lock")
    return lock, lock.with_name(lock.name + ".info")


@contextmanager
def crawl_lock(db_path: Path, *, clock: Clock | None = None) -> Iterator[LockHolder]:
    """Hold the store's crawl lock for the ``with`` block, or raise :class:`LockedError`
    at once, naming the process that holds it."""
    from filelock import FileLock, Timeout

    lock_path, info_path = lock_paths(db_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(_busy_message(info_path), source=str(lock_path)) from None
    try:
        holder = LockHolder(os.getpid(), socket.gethostname(), iso((clock or utcnow)()))
        with AtomicWriter(info_path) as handle:
            handle.write(json.dumps(_holder_dict(holder)) + "\n")
        yield holder
    finally:
        info_path.unlink(missing_ok=True)
        lock.release()


def _holder_dict(holder: LockHolder) -> dict[str, object]:
    return {"pid": holder.pid, "host": holder.host, "started_at": holder.started_at}


def read_lock_holder(db_path: Path) -> LockHolder | None:
    """Who the ``.info`` sidecar says holds the lock (it may be stale if nobody does)."""
    return _read_holder(lock_paths(db_path)[1])


def _read_holder(info_path: Path) -> LockHolder | None:
    try:
        data = json.loads(info_path.read_text(encoding="utf-8"))
        return LockHolder(int(data["pid"]), str(data["host"]), str(data["started_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _busy_message(info_path: Path) -> str:
    holder = _read_holder(info_path)
    if holder is None:
        return "another crawl is running (holder unknown)"
    return (
        f"another crawl is running (pid {holder.pid} on host {holder.host},"
        f" since {holder.started_at})"
    )
