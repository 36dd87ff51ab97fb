"""Which sites are crawled together: sites that share a host form one group, crawled one
after another (they share that host's turn anyway); groups run side by side, at most
``concurrency`` at once. A host is known by its name (:func:`~noticecli.fetch.client.host_key`),
as politeness knows it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TypeVar

from noticecli.crawl.sites import Site
from noticecli.fetch.client import host_key

T = TypeVar("T")


def site_hosts(site: Site) -> list[str]:
    """The hosts of a site's listing URLs, in order, each once."""
    hosts = (host_key(url) for url in site.listing)
    return list(dict.fromkeys(host for host in hosts if host))


def group_by_host(sites: Sequence[Site]) -> list[list[Site]]:
    """Sites joined into groups by the hosts of their listings (a site with listings on two
    hosts joins both hosts' groups into one). Sites keep their order within a group; the
    groups with most sites come first (they take longest), otherwise in file order."""
    parent = list(range(len(sites)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_on_host: dict[str, int] = {}
    for index, site in enumerate(sites):
        for host in site_hosts(site):
            other = first_on_host.setdefault(host, index)
            a, b = root(index), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Site]] = {}
    for index, site in enumerate(sites):
        groups.setdefault(root(index), []).append(site)
    return sorted(groups.values(), key=len, reverse=True)


def host_delays(sites: Iterable[Site], delay: float | None = None) -> dict[str, float]:
    """The seconds between requests to each listing host: ``delay`` when given (the command
    line's), else the longest delay of the sites on that host."""
    delays: dict[str, float] = {}
    for site in sites:
        for host in site_hosts(site):
            wanted = site.delay if delay is None else delay
            delays[host] = max(delays.get(host, wanted), wanted)
    return delays


async def run_workers(
    items: Sequence[T], concurrency: int, work: Callable[[T], Awaitable[None]]
) -> None:
    """``work(item)`` for each item in order, at most ``concurrency`` at once. The first
    exception stops the others (cancelled) and is raised; cancelled, the same."""
    remaining = iter(items)

    async def worker() -> None:
        for item in remaining:  # shared: each worker takes the next item when it is free
            await work(item)

    tasks = [asyncio.create_task(worker()) for _ in range(min(concurrency, len(items)))]
    if not tasks:
        return
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    for task in tasks:
        if task in done and not task.cancelled() and task.exception() is not None:
            error = task.exception()
            assert error is not None
            raise error
