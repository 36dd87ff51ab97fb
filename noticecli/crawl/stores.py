"""Choosing the store: a ``postgresql://`` (or ``postgres://``) URL opens the PostgreSQL
store, anything else is the path of a SQLite store, exactly as before.

Where the location comes from (``--db``, else ``$NOTICECLI_DB``, else the SQLite file in the
user's data folder) is the command line's business; this module only tells the two kinds
apart, masks a URL's password for messages, and opens the right store. The PostgreSQL
driver is imported only when a PostgreSQL store is opened.
"""

from __future__ import annotations

import re
from pathlib import Path

from noticecli.crawl.clock import Clock
from noticecli.crawl.store_api import NoticeStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
ENV_VAR = "NOTICECLI_DB"

StoreLocation = Path | str  # a SQLite file, or a PostgreSQL URL


def is_postgres_url(location: StoreLocation | None) -> bool:
    """Whether ``location`` names a PostgreSQL store (a ``postgresql://`` URL)."""
    return isinstance(location, str) and location.lower().startswith(POSTGRES_SCHEMES)


_PASSWORD_IN_NETLOC = re.compile(r"^(?P<head>[A-Za-z]+://[^/?#@:]*:)[^/?#@]*(?P<at>@)")
_PASSWORD_IN_QUERY = re.compile(r"(?P<key>[?&]password=)[^&#]*", re.IGNORECASE)


def masked_url(url: str) -> str:
    """``url`` with its password (in the user part or a ``password=`` parameter) shown as
    ``***``: what messages and logs may print."""
    url = _PASSWORD_IN_NETLOC.sub(r"\g<head>***\g<at>", url)
    return _PASSWORD_IN_QUERY.sub(r"\g<key>***", url)


def one_line_error(error: Exception, url: str) -> str:
    """A driver's message about ``url`` on one line, without the URL's password: libpq
    quotes the whole URL when it cannot parse it, so a malformed one is masked too."""
    text = "; ".join(line.strip() for line in str(error).splitlines() if line.strip())
    text = text.replace(url, masked_url(url))
    password = _password(url)
    if password:
        text = text.replace(password, "***")
    return text or type(error).__name__


def _password(url: str) -> str | None:
    from urllib.parse import parse_qs, unquote, urlsplit

    try:
        parts = urlsplit(url)
        if parts.password:
            return unquote(parts.password)
        values = parse_qs(parts.query).get("password")
    except ValueError:  # a URL urlsplit refuses (libpq too): find the user part's by hand
        found = _PASSWORD_IN_NETLOC.match(url)
        return url[found.end("head") : found.start("at")] if found else None
    return values[0] if values else None


def as_location(value: str | Path) -> StoreLocation:
    """What ``--db`` or ``$NOTICECLI_DB`` names: a URL kept as text, anything else a path."""
    text = str(value)
    return text if is_postgres_url(text) else Path(text)


def open_store(
    location: StoreLocation, *, create: bool = True, clock: Clock | None = None
) -> NoticeStore:
    """Open the store at ``location`` and bring its schema up to date. ``create=False``
    refuses a store that does not exist yet (a SQLite file that is missing, a database
    without noticecli's tables) instead of making an empty one. Problems with the store
    raise :class:`~noticecli.errors.InputError` naming it (a URL's password masked);
    a PostgreSQL URL without the driver installed raises
    :class:`~noticecli.errors.StoreUnavailable`."""
    if is_postgres_url(location):
        from noticecli.crawl.pg_store import PostgresStore

        return PostgresStore.open(str(location), create=create, clock=clock)
    from noticecli.crawl.state import StateStore

    return StateStore.open(Path(location), create=create, clock=clock)
