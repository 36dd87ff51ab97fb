"""Time as the crawl store writes it: ISO 8601 UTC text, from an injectable clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """``2026-11-29T15:00:00Z``: the form every timestamp in the store takes."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
