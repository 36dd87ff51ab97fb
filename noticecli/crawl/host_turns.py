"""Per-host politeness kept in PostgreSQL: every worker on every machine takes its turn on a
host from the same place, so a host sees one request at a time and its delay between them
however many workers run.

:class:`PostgresTurns` is the fetcher's :class:`~noticecli.fetch.politeness.HostPoliteness`
(the fetcher is unchanged). A turn on a host is a session advisory lock on one pooled
connection (two keys: :data:`LOCK_SPACE` and ``hashtext(host)``), held for the request;
the table ``host_turns`` (:mod:`~noticecli.crawl.queue_setup`) holds, per host:

``last_end_at``      when its last request ended
``next_allowed_at``  no request starts before this: the pause after the last request's
                     start, and any back-off (Retry-After, 429, 503)
``in_flight_since``  set while a request runs: found set by the next holder, the request's
                     worker died in it (its lock went with its connection), and the pause
                     counts from the moment the lock came free
``delay``            the longest delay asked for the host: by the sites ``enqueue`` queued
                     (written there), raised by any worker asking more; every worker
                     keeps it, so two sites on one host are paced by the slower one
                     whichever worker runs which site's jobs, as in one process

Times are the database server's (``clock_timestamp()``), so machines whose clocks disagree
still keep one pace. A worker killed mid-request releases the lock with its connection; a
cancelled turn's connection is returned to the pool with every advisory lock released.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from noticecli.fetch.politeness import NOTABLE_WAIT

if TYPE_CHECKING:
    from psycopg import AsyncConnection, Connection
    from psycopg_pool import AsyncConnectionPool

# The first key of every host lock: keeps them apart from other users of advisory locks in
# the same database (procrastinate, the emit lock).
LOCK_SPACE = 0x6E746331  # "ntc1"


class PostgresTurns:
    """:class:`~noticecli.fetch.politeness.HostPoliteness` shared through PostgreSQL."""

    def __init__(
        self, pool: AsyncConnectionPool, *, jitter: float, rng: random.Random | None = None
    ) -> None:
        self._pool = pool
        self.jitter = jitter
        self._rng = rng or random.Random()

    @asynccontextmanager
    async def turn(
        self,
        host: str,
        gap: Callable[[], float],
        on_wait: Callable[[float], None] | None = None,
    ) -> AsyncIterator[None]:
        """Hold ``host`` for one request across every worker, starting ``gap()`` (+ jitter)
        seconds after the end of its previous request and not before any back-off."""
        async with self._pool.connection() as conn:
            await conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (LOCK_SPACE, host))
            try:
                await self._wait_turn(conn, host, gap, on_wait)
                try:
                    yield
                finally:
                    await asyncio.shield(self._end_turn(conn, host))
            finally:
                await asyncio.shield(_unlock(conn, host))

    async def _wait_turn(
        self,
        conn: AsyncConnection,
        host: str,
        gap: Callable[[], float],
        on_wait: Callable[[float], None] | None,
    ) -> None:
        row = await (
            await conn.execute(
                "INSERT INTO host_turns AS t (host) VALUES (%s)"
                " ON CONFLICT (host) DO UPDATE SET host = t.host"
                " RETURNING last_end_at, next_allowed_at, in_flight_since, clock_timestamp(),"
                " delay",
                (host,),
            )
        ).fetchone()
        assert row is not None
        last_end, next_allowed, in_flight, now, host_delay = row
        if in_flight is not None:
            last_end = now  # its worker died mid-request: the request ended at the latest now
        asked = gap()
        pause = max(asked, host_delay)
        if pause > 0:
            pause += self._rng.uniform(0.0, self.jitter * pause)
        start: datetime | None = next_allowed
        if last_end is not None:
            after_last = last_end.timestamp() + pause
            start_seconds = max(after_last, start.timestamp() if start else after_last)
        else:
            start_seconds = start.timestamp() if start else now.timestamp()
        wait = start_seconds - now.timestamp()
        if wait > 0:
            if on_wait is not None and wait >= NOTABLE_WAIT:
                on_wait(wait)
            await asyncio.sleep(wait)
        # Committed before the request: a request cut off by a kill still leaves the pause.
        await conn.execute(
            "UPDATE host_turns SET in_flight_since = clock_timestamp(),"
            " next_allowed_at = greatest(next_allowed_at,"
            "   clock_timestamp() + make_interval(secs => %s)),"
            " delay = greatest(delay, %s)"
            " WHERE host = %s",
            (pause, asked, host),
        )

    async def _end_turn(self, conn: AsyncConnection, host: str) -> None:
        await conn.execute(
            "UPDATE host_turns SET last_end_at = clock_timestamp(), in_flight_since = NULL"
            " WHERE host = %s",
            (host,),
        )

    async def back_off(self, host: str, seconds: float) -> None:
        """Keep every request to ``host``, from any worker, waiting ``seconds`` from now."""
        async with self._pool.connection() as conn:
            await conn.execute(
                "INSERT INTO host_turns AS t (host, next_allowed_at)"
                " VALUES (%s, clock_timestamp() + make_interval(secs => %s))"
                " ON CONFLICT (host) DO UPDATE SET next_allowed_at ="
                "   greatest(t.next_allowed_at, excluded.next_allowed_at)",
                (host, seconds),
            )


def set_host_delays(conn: Connection[Any], delays: dict[str, float]) -> None:
    """Each host's delay as a round of sites asks it (the longest of its sites): written by
    ``enqueue``, so that a sites file's delays also go down when it is changed."""
    for host, seconds in delays.items():
        conn.execute(
            "INSERT INTO host_turns AS t (host, delay) VALUES (%s, %s)"
            " ON CONFLICT (host) DO UPDATE SET delay = excluded.delay",
            (host, seconds),
        )


async def _unlock(conn: AsyncConnection, host: str) -> None:
    await conn.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", (LOCK_SPACE, host))


async def release_locks(conn: AsyncConnection) -> None:
    """The pool's reset: a connection goes back with no advisory lock held (a turn cut off
    between taking its lock and its ``finally``)."""
    await conn.execute("SELECT pg_advisory_unlock_all()")
