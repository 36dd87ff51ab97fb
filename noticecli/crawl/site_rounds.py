"""A site's round on workers: its jobs (listing walks, notice fetches, re-checks) end on
any worker in any order; the outcome of each is merged into ``site_rounds``
(:mod:`~noticecli.crawl.queue_setup`), and the one
that ends last records the site's health (``finish_site``) as a single-machine crawl of the
site would: ``failed`` (a listing could not be read, or none of its new notices could),
``partial`` (some pages failed) or ``ok``.

Which job is last: each job, on ending, takes the site's lock (a transaction-level
advisory lock), adds its id to the round's ``jobs_done`` and looks for a job of the site
still waiting or running that is not among them. Two jobs ending at once take turns on the
lock, and the second sees the first among the done. A job run again (its worker killed
after it ended here, before procrastinate marked it done) is merged once: its id is
already in ``jobs_done``. That holds for the job that ended the round too: the round's end
resets the row's outcome but keeps in ``jobs_done`` the ids procrastinate still has
waiting or running.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from noticecli.crawl.queue_setup import QUEUE
from noticecli.crawl.run import SiteResult, SiteRun
from noticecli.crawl.store_api import SiteRunStatus

if TYPE_CHECKING:
    from psycopg_pool import AsyncConnectionPool

# The first key of every site's round lock (the second: hashtext of the site's name).
ROUND_SPACE = 0x6E746332  # "ntc2"


@dataclass(frozen=True, slots=True)
class RoundEnd:
    """How a site's round ended: its status and first failure."""

    site: str
    status: SiteRunStatus
    first_error: str | None


async def end_job(
    pool: AsyncConnectionPool, site_text: str, job_id: int, run: SiteRun
) -> RoundEnd | None:
    """Merge one ended job's ``run`` into its site's round; the round's end when no other
    job of the site (named by its text, as its jobs carry it) waits or runs."""
    name = run.site.name
    async with pool.connection() as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (ROUND_SPACE, name))
        await conn.execute(
            "INSERT INTO site_rounds (site) VALUES (%s) ON CONFLICT (site) DO NOTHING", (name,)
        )
        row = await (
            await conn.execute(
                "UPDATE site_rounds SET"
                " listing_failed = listing_failed OR %(listing_failed)s,"
                " failures = failures + %(failures)s,"
                " new_tried = new_tried + %(new_tried)s,"
                " new_failed = new_failed + %(new_failed)s,"
                " first_error = coalesce(first_error, %(error)s),"
                " jobs_done = jobs_done || %(job)s::bigint"
                " WHERE site = %(site)s AND NOT %(job)s::bigint = ANY(jobs_done)"
                " RETURNING 1",
                {
                    "listing_failed": run.listing_failed,
                    "failures": run.result.failures,
                    "new_tried": run.new_tried,
                    "new_failed": run.new_failed,
                    "error": run.result.first_error,
                    "job": job_id,
                    "site": name,
                },
            )
        ).fetchone()
        if row is None:
            return None  # merged before: this job ran again after its worker was killed
        others = await (
            await conn.execute(
                "SELECT EXISTS (SELECT 1 FROM procrastinate_jobs j, site_rounds r"
                " WHERE r.site = %s AND j.queue_name = %s AND j.args ->> 'site' = %s"
                " AND j.status IN ('todo', 'doing') AND NOT j.id = ANY(r.jobs_done))",
                (name, QUEUE, site_text),
            )
        ).fetchone()
        if others is not None and others[0]:
            return None
        ended = await (
            await conn.execute(
                "SELECT listing_failed, failures, new_tried, new_failed, first_error"
                " FROM site_rounds WHERE site = %s",
                (name,),
            )
        ).fetchone()
        # A new round starts from nothing, but remembers the jobs done that procrastinate
        # has not yet marked done (this one, at least): run again, they merge nothing.
        await conn.execute(
            "UPDATE site_rounds SET listing_failed = false, failures = 0, new_tried = 0,"
            " new_failed = 0, first_error = NULL, jobs_done = ARRAY(SELECT j.id"
            " FROM procrastinate_jobs j WHERE j.id = ANY(jobs_done)"
            " AND j.status IN ('todo', 'doing')) WHERE site = %s",
            (name,),
        )
    assert ended is not None
    listing_failed, failures, new_tried, new_failed, first_error = ended
    # The round as one run of the site: SiteRun says what that run's status is.
    whole = SiteRun(
        run.site,
        SiteResult(name, "ok", first_error, failures=failures),
        listing_failed=listing_failed,
        new_tried=new_tried,
        new_failed=new_failed,
    )
    return RoundEnd(name, whole.status(), first_error)
