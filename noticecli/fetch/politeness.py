"""Per-host politeness: one request at a time per host, and a pause between requests.

Hosts are keyed by host name (lower case, without port or scheme): two ports or http and
https on one machine are one server to be polite to. ``127.0.0.1`` and ``localhost`` are
two keys even though they reach the same machine — keying by name keeps DNS out of the
queue, and crawls address a site by one name.

:class:`HostPoliteness` is the whole interface the fetcher needs; :class:`HostSlots` keeps
the turns in this process. A store shared by several processes can keep them instead
(the host's lock and its next allowed time), and every process stays polite together.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Protocol

# The longest pause between two requests to one host that anything may ask for: --delay, a
# site's delay, robots.txt's Crawl-delay (capped to it). Longer would stall an unattended
# run for what is almost certainly a typo.
MAX_DELAY = 600.0
# Pauses this long are logged (-v): the default delay's are not, a --delay 30 run's are.
NOTABLE_WAIT = 2.0


class HostPoliteness(Protocol):
    """Whose turn it is on each host."""

    def turn(
        self,
        host: str,
        gap: Callable[[], float],
        on_wait: Callable[[float], None] | None = None,
    ) -> AbstractAsyncContextManager[None]:
        """Hold ``host`` for one request (nobody else's request to it runs meanwhile),
        starting no sooner than ``gap()`` seconds after the end of its previous request
        and not before any back-off; ``on_wait(seconds)`` hears of a notable pause."""
        ...

    async def back_off(self, host: str, seconds: float) -> None:
        """Keep every request to ``host`` waiting at least ``seconds`` from now."""
        ...


@dataclass(slots=True)
class _Slot:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_end: float | None = None  # monotonic time the last request to the host finished
    not_before: float = 0.0  # backoff: no request may start before this monotonic time


class HostSlots:
    """:class:`HostPoliteness` in one process: a FIFO lock per host, the end time of its
    last request, and any backoff."""

    def __init__(self, *, jitter: float, rng: random.Random | None = None) -> None:
        self.jitter = jitter
        self._rng = rng or random.Random()
        self._slots: dict[str, _Slot] = {}

    def _slot(self, host: str) -> _Slot:
        slot = self._slots.get(host)
        if slot is None:
            slot = self._slots[host] = _Slot()
        return slot

    @asynccontextmanager
    async def turn(
        self,
        host: str,
        gap: Callable[[], float],
        on_wait: Callable[[float], None] | None = None,
    ) -> AsyncIterator[None]:
        """Hold ``host`` for one request, starting ``gap()`` (+ jitter) seconds after the end
        of the previous one. ``gap`` is asked once the turn has come, so a Crawl-delay learnt
        meanwhile (the robots.txt request just before) already applies. ``on_wait(seconds)``
        hears of every pause of ``NOTABLE_WAIT`` seconds or more before it starts."""
        slot = self._slot(host)
        async with slot.lock:
            start = slot.not_before
            if slot.last_end is not None:
                pause = gap()
                if pause > 0:
                    pause += self._rng.uniform(0.0, self.jitter * pause)
                start = max(start, slot.last_end + pause)
            wait = start - time.monotonic()
            if wait > 0:
                if on_wait is not None and wait >= NOTABLE_WAIT:
                    on_wait(wait)
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                slot.last_end = time.monotonic()

    async def back_off(self, host: str, seconds: float) -> None:
        """Keep every request to ``host`` waiting at least ``seconds`` (Retry-After, backoff)."""
        slot = self._slot(host)
        slot.not_before = max(slot.not_before, time.monotonic() + seconds)
