"""What both stores' drivers give for a row (sqlite3.Row, psycopg's dict rows): its
columns by name. Its own module so that the lowest store modules can take rows too."""

from __future__ import annotations

from typing import Any, Protocol


class Row(Protocol):
    """A row as both stores' drivers give it: its columns by name."""

    def __getitem__(self, key: str, /) -> Any: ...
