"""Writing out what workers recorded: every new notice or revision not yet emitted, once, to
``--out`` or stdout (``noticecli emit``, and ``crawl`` on a PostgreSQL store after its
worker is done).

Workers never write records themselves: with workers on many machines, each writing its
own file, a record of a killed worker would be written again by another. Instead a worker
records each revision (one transaction with its notice) and leaves it pending; one emitter
at a time (a PostgreSQL advisory lock: a second one is refused, exit 75) writes the pending
ones with the same :class:`~noticecli.crawl.emission.Emitter` as a single-machine crawl:
lines fsynced in batches, then marked, a killed emitter's lines found in the file's tail
and not written twice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from noticecli.crawl.emission import Emitter
from noticecli.crawl.output import CrawlOutput
from noticecli.crawl.store_api import NoticeStore
from noticecli.crawl.stores import masked_url
from noticecli.errors import LockedError

_EMIT_LOCK = 0x6E74636F7574  # pg_try_advisory_lock key for "one emitter at a time"


def emit_pending(
    store: NoticeStore,
    url: str,
    out_path: Path | None,
    *,
    before_stdout: Callable[[], None] | None = None,
) -> int:
    """Write every pending record of the store at ``url`` to ``out_path`` (stdout when
    None), each once; returns how many were written. Raises LockedError while another
    emitter runs on the same store."""
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as lock_conn:
        row = lock_conn.execute("SELECT pg_try_advisory_lock(%s)", (_EMIT_LOCK,)).fetchone()
        if row is None or not row[0]:
            raise LockedError(
                "another noticecli is writing out this store's new notices (emit or crawl); "
                "try again when it is done",
                source=masked_url(url),
            )
        with (
            CrawlOutput(out_path, before_stdout=before_stdout) as out,
            Emitter(store, out) as emitter,
        ):
            return emitter.emit_pending()
