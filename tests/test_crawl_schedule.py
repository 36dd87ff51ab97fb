"""Which sites are crawled together, the delay of each host, and the pool of workers."""

from __future__ import annotations

import asyncio

import pytest

from noticecli.crawl.schedule import group_by_host, host_delays, run_workers, site_hosts
from noticecli.crawl.sites import Site


def site(name: str, *listing: str, delay: float = 1.0) -> Site:
    return Site(name=name, listing=listing, delay=delay)


def test_sites_sharing_a_host_are_one_group_in_file_order() -> None:
    a = site("a", "http://rfb.a.gov.cn/x/")
    b = site("b", "http://b.gov.cn/")
    c = site("c", "https://RFB.A.gov.cn:8443/y/")  # one host to be polite to: a's
    d = site("d", "http://d.gov.cn/", "http://b.gov.cn/z/")  # joins b's host to its own
    e = site("e", "http://d.gov.cn/other/")
    f = site("f", "http://f.gov.cn/")
    assert site_hosts(d) == ["d.gov.cn", "b.gov.cn"]
    groups = group_by_host([a, b, c, d, e, f])
    # The largest group first (it takes longest); otherwise in the order of the file.
    assert [[s.name for s in group] for group in groups] == [["b", "d", "e"], ["a", "c"], ["f"]]


def test_a_hosts_delay_is_the_longest_of_its_sites_unless_given() -> None:
    sites = [
        site("a", "http://a.gov.cn/1/", delay=0.5),
        site("b", "http://a.gov.cn/2/", delay=2.0),
        site("c", "http://c.gov.cn/", "http://a.gov.cn/3/", delay=1.0),
        site("d", "http://中文.gov.cn/", delay=3.0),
    ]
    assert host_delays(sites) == {"a.gov.cn": 2.0, "c.gov.cn": 1.0, "中文.gov.cn": 3.0}
    assert set(host_delays(sites, 0.0).values()) == {0.0}


def test_workers_run_at_most_n_at_once_and_everything_once() -> None:
    busy = most = 0
    done: list[int] = []

    async def work(item: int) -> None:
        nonlocal busy, most
        busy += 1
        most = max(most, busy)
        await asyncio.sleep(0.01 * (item % 3))
        busy -= 1
        done.append(item)

    asyncio.run(run_workers(list(range(20)), 4, work))
    assert most == 4 and sorted(done) == list(range(20))
    asyncio.run(run_workers([], 4, work))


def test_the_first_error_stops_the_other_workers() -> None:
    cancelled: list[int] = []

    async def work(item: int) -> None:
        if item == 1:
            raise OSError("disk full")
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cancelled.append(item)
            raise

    with pytest.raises(OSError, match="disk full"):
        asyncio.run(asyncio.wait_for(run_workers([0, 1, 2], 3, work), timeout=5))
    assert sorted(cancelled) == [0, 2]
