"""robots.txt files shared by every worker through PostgreSQL (``robots_files``): a host's
file is read once by one worker and obeyed by all, instead of once per worker process,
and read again after :data:`~noticecli.fetch.robots.MAX_AGE` (24 hours). Only files that
were read are shared (2xx, or 4xx: no file); a robots.txt that could not be read (5xx,
429, no answer) is each worker's own finding, tried again later."""

from __future__ import annotations

from typing import TYPE_CHECKING

from noticecli.fetch import robots

if TYPE_CHECKING:
    from psycopg_pool import AsyncConnectionPool


class PostgresRobots:
    """:class:`~noticecli.fetch.robots.RobotsCache` in the store."""

    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool

    async def get(self, origin: str) -> tuple[int, bytes] | None:
        async with self._pool.connection() as conn:
            row = await (
                await conn.execute(
                    "SELECT status, body FROM robots_files WHERE origin = %s"
                    " AND fetched_at > clock_timestamp() - make_interval(secs => %s)",
                    (origin, robots.MAX_AGE),
                )
            ).fetchone()
        return None if row is None else (int(row[0]), bytes(row[1]))

    async def put(self, origin: str, status: int, body: bytes) -> None:
        async with self._pool.connection() as conn:
            await conn.execute(
                "INSERT INTO robots_files (origin, status, body, fetched_at)"
                " VALUES (%s, %s, %s, clock_timestamp()) ON CONFLICT (origin) DO UPDATE SET"
                " status = excluded.status, body = excluded.body,"
                " fetched_at = excluded.fetched_at",
                (origin, status, body),
            )
