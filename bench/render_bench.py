"""Rendering pages in Chromium (``--render``) against plain fetching of the same pages.

Serves N notice pages (our fixture templates, each with its own title) from H loopback
hosts (127.0.0.2 …), then fetches and parses all of them twice in one run, as ``noticecli
fetch`` does (``Batch``: hosts side by side, one page at a time per host, delay 0): once
plainly, once loaded in the browser. Reports pages/s of each and their ratio, and the peak
memory: this process's own (ru_maxrss), and the browser's whole process tree (Playwright's
driver and every Chromium process, summed PSS, sampled every 0.1 s) with its value after
the first 20 pages, so that growth over the run shows.

    python bench/render_bench.py               # 200 pages from 8 hosts
    python bench/render_bench.py --pages 50 --hosts 4

Linux only (reads /proc). Needs the render extra and a Chromium (see README).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import resource
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from noticecli.fetch.batch import Batch  # noqa: E402  (needs the repo on sys.path)
from noticecli.fetch.browser import render_available  # noqa: E402
from noticecli.fetch.client import Fetcher, FetchOptions  # noqa: E402
from noticecli.fetch.render import Renderer, RenderOptions  # noqa: E402
from tests.conftest import PAGES  # noqa: E402  (needs the repo on sys.path)
from tests.minisite import TEMPLATES  # noqa: E402
from tests.server import Reply, TestServer  # noqa: E402

HTML = {"Content-Type": "text/html; charset=utf-8"}
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def descendants(root: int) -> list[int]:
    """Every process below ``root`` (by parent pid), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def tree_rss(root: int) -> int:
    """Bytes resident in the processes below ``root`` (this process left out), as PSS:
    each shared page counted once across them (a plain sum of RSS counts Chromium's shared
    libraries once per process), or RSS where smaps_rollup is not readable."""
    total = 0
    for pid in descendants(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += next(
                int(line.split()[1]) * 1024
                for line in rollup.splitlines()
                if line.startswith("Pss:")
            )
        except (OSError, StopIteration):
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE_SIZE
            except OSError:
                continue
    return total


class Sampler:
    """Peak of :func:`tree_rss` over a run, sampled in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = tree_rss(os.getpid())
            self.peak = max(self.peak, rss)
            self.samples.append((time.monotonic(), rss))
            self._stop.wait(0.1)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()


def serve(pages: int, hosts: int) -> tuple[list[TestServer], list[str]]:
    servers = [TestServer(host=f"127.0.0.{2 + n}") for n in range(hosts)]
    urls = []
    for number in range(pages):
        server = servers[number % hosts]
        template, title = TEMPLATES[number % len(TEMPLATES)]
        html = (PAGES / template).read_text("utf-8").replace(title, f"第{number}号通知")
        path = f"/xxgk/tzgg/202411/t20241105_{300000 + number}.html"
        server.route(path, Reply(body=html.encode("utf-8"), headers=HTML))
        urls.append(server.url(path))
    return servers, urls


async def run(urls: list[str], options: FetchOptions, render: RenderOptions | None) -> dict:
    done: list[float] = []
    started = time.monotonic()
    async with Fetcher(options) as fetcher:
        renderer = Renderer(fetcher, render) if render is not None else None
        if renderer is not None:
            await renderer.__aenter__()
        launched = time.monotonic()
        try:
            batch = Batch(fetcher, renderer=renderer)
            failed = 0
            async for outcome in batch.run(urls):
                done.append(time.monotonic())
                if outcome.notice is None:
                    failed += 1
                    print(f"  failed: {outcome.url}: {outcome.error}", file=sys.stderr)
        finally:
            if renderer is not None:
                await renderer.__aexit__(None, None, None)
    return {
        "seconds": done[-1] - launched,
        "start_up": launched - started,
        "failed": failed,
        "after_20": done[min(19, len(done) - 1)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=8)
    args = parser.parse_args()
    executable = render_available()
    servers, urls = serve(args.pages, args.hosts)
    networks = tuple(ipaddress.ip_network(f"127.0.0.{2 + n}/32") for n in range(args.hosts))
    options = FetchOptions(allow_networks=networks, delay=0, retries=0)
    try:
        plain = asyncio.run(run(urls, options, None))
        plain_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        with Sampler() as sampler:
            rendered = asyncio.run(run(urls, options, RenderOptions(executable)))
        own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    finally:
        for server in servers:
            server.close()
    at_20 = max(
        (rss for moment, rss in sampler.samples if moment <= rendered["after_20"]), default=0
    )
    last = sampler.samples[-10:] if sampler.samples else [(0.0, 0)]
    mib = 1024 * 1024
    print(f"{args.pages} pages from {args.hosts} loopback hosts, delay 0, {executable}")
    for name, result in (("plain fetch", plain), ("rendered", rendered)):
        rate = args.pages / result["seconds"]
        print(
            f"  {name:12} {result['seconds']:7.2f} s  {rate:7.1f} pages/s"
            f"  (start-up {result['start_up']:.2f} s, {result['failed']} failed)"
        )
    ratio = (args.pages / plain["seconds"]) / (args.pages / rendered["seconds"])
    print(f"  plain fetching is {ratio:.0f}x faster than rendering")
    plain_mib, own_mib = plain_rss / mib, own_rss / mib
    print(f"  this process, peak RSS: {plain_mib:.0f} MiB plain, {own_mib:.0f} MiB after rendering")
    end = max(rss for _, rss in last)
    print(
        f"  browser process tree, peak PSS: {sampler.peak / mib:.0f} MiB"
        f" (after 20 pages: {at_20 / mib:.0f} MiB; near the end: {end / mib:.0f} MiB)"
    )


if __name__ == "__main__":
    main()
