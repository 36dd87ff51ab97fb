"""When to retry, and how long to wait: exponential backoff with jitter, Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from ..errors import ConnectError, FetchError, FetchTimeout
from .address import TransientDNSError

# Statuses that say "try again later" rather than "this will never work".
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def is_retryable(exc: FetchError) -> bool:
    """Connect errors (refused, reset, mid-body reset), timeouts and "try again" DNS answers."""
    if isinstance(exc, ConnectError | FetchTimeout | TransientDNSError):
        return True
    return exc.status in RETRY_STATUSES


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date); None if unusable.

    A date in the past means "now" (0). Garbage is None, so the caller falls back to backoff.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)  # not in the RFC, but seen in the wild ("1.5")
    except ValueError:
        pass
    else:
        return max(seconds, 0.0) if seconds == seconds and seconds != float("inf") else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP-dates are GMT by definition
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max((when - now).total_seconds(), 0.0)


def backoff_delay(
    retry: int, *, base: float, cap: float, rng: random.Random | None = None
) -> float:
    """Wait before retry number ``retry`` (0 for the first): base·2^retry plus up to 50 % jitter.

    Always within [min(cap, base·2^retry), cap]: jitter spreads retries from many clients
    without ever shortening the wait below the exponential floor.
    """
    floor = min(cap, base * 2.0 ** min(retry, 30))
    uniform = rng.uniform if rng is not None else random.uniform
    jitter = uniform(0.0, 0.5) * floor
    return min(cap, floor + jitter)
