"""The work queue's part of a PostgreSQL store: procrastinate's own schema, and two tables of
ours beside the store's.

``host_turns``  each host's politeness shared by all workers (:mod:`~noticecli.crawl.host_turns`)
``raw_pages``   the last page fetched in full for each notice URL, compressed (``zlib``), with
                what the fetch said of it (``fetch_facts``: status, headers, final URL, times …)
                and the site as the job had it (``site_rules``: its sites-file text, whose
                selectors the parse used), so that ``reparse`` parses what the fetch parsed
``robots_files`` robots.txt files read by one worker, obeyed by all
                (:mod:`~noticecli.crawl.shared_robots`)
``site_rounds`` each site's round of jobs under way: their outcomes merged, and the jobs
                done (:mod:`~noticecli.crawl.site_rounds`)

:func:`prepare_queue` applies whatever is missing, once (under an advisory lock, so workers
starting together do not race), every time a queue command opens the store; procrastinate's
schema is applied only to a database that has none. After upgrading procrastinate, apply
its migrations as its documentation says (docs/running-at-scale.md).
"""

from __future__ import annotations

from noticecli.crawl.stores import one_line_error
from noticecli.errors import InputError, StoreUnavailable

QUEUE = "noticecli"  # the procrastinate queue of the crawl's jobs (walks, notice fetches)
REPARSE_QUEUE = "noticecli-reparse"  # re-parse jobs: no network, kept apart
QUEUES = (QUEUE, REPARSE_QUEUE)
_SETUP_LOCK = 0x6E7463717565  # pg_advisory_xact_lock key for "the queue is being set up"

_TABLES = (
    """CREATE TABLE IF NOT EXISTS host_turns (
        host text PRIMARY KEY,
        last_end_at timestamptz,
        next_allowed_at timestamptz,
        in_flight_since timestamptz
    )""",
    # Added after the first release of the queue tables: the longest delay of the host's
    # sites, which every worker keeps whichever of the sites its jobs named.
    "ALTER TABLE host_turns ADD COLUMN IF NOT EXISTS delay double precision NOT NULL DEFAULT 0",
    """CREATE TABLE IF NOT EXISTS raw_pages (
        url text PRIMARY KEY,
        site text NOT NULL,
        site_rules text NOT NULL,
        fetched_at text COLLATE "C" NOT NULL,
        sha256 text,
        fetch_facts jsonb NOT NULL,
        content bytea NOT NULL,
        rendered bytea
    )""",
    "CREATE INDEX IF NOT EXISTS raw_pages_fetched_at ON raw_pages (fetched_at)",
    """CREATE TABLE IF NOT EXISTS robots_files (
        origin text PRIMARY KEY,
        status integer NOT NULL,
        body bytea NOT NULL,
        fetched_at timestamptz NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS site_rounds (
        site text PRIMARY KEY,
        listing_failed boolean NOT NULL DEFAULT false,
        failures integer NOT NULL DEFAULT 0,
        new_tried integer NOT NULL DEFAULT 0,
        new_failed integer NOT NULL DEFAULT 0,
        first_error text,
        jobs_done bigint[] NOT NULL DEFAULT '{}'
    )""",
)


INSTALL_EXTRA = "pip install 'noticecli[postgres]'"


def require_driver(location: str) -> None:
    """Raise :class:`StoreUnavailable`, saying what to install, unless psycopg and
    procrastinate (the postgres extra) can be imported."""
    try:
        import procrastinate  # noqa: F401
        import psycopg  # noqa: F401
    except ImportError:
        raise StoreUnavailable(
            f"the work queue needs the postgres extra: {INSTALL_EXTRA}", source=location
        ) from None


def prepare_queue(url: str, *, location: str) -> None:
    """Make sure the database at ``url`` holds procrastinate's schema and our queue tables.
    ``location`` names the store in messages (the URL without its password)."""
    require_driver(location)
    import psycopg
    from procrastinate.schema import SchemaManager

    try:
        with psycopg.connect(url, connect_timeout=10) as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SETUP_LOCK,))
            present = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
            if present is None or present[0] is None:
                conn.execute(SchemaManager.get_schema().encode("utf-8"))
            for statement in _TABLES:
                conn.execute(statement.encode("utf-8"))
    except psycopg.Error as error:
        message = one_line_error(error, url)
        raise InputError(f"cannot set up the work queue: {message}", source=location) from None
