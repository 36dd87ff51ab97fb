"""Fetch benchmark: noticecli's fetcher (+ parse) against plain httpx GETs, over loopback.

A server process serves N pages (the fixture pages, cycled) on H loopback addresses
(127.0.0.1 … 127.0.0.H, one "host" each, since the fetcher serves one request at a time per
host). Each mode then runs in its own child process, so its peak RSS is its own:

    httpx          plain httpx.AsyncClient GETs (response.content)
    httpx+parse    the same, then noticecli.parse_bytes on each page
    fetch          noticecli Fetcher (delay 0, robots off, allow_private): caps, checks, stats
    fetch+parse    the same, then noticecli.parse_bytes (what `noticecli fetch` does)

Every mode uses H workers pulling from one queue of URLs interleaved across hosts (the
same concurrency for all). Pages/s is the best of ``--rounds`` runs.

    python bench/fetch_bench.py [--pages 500] [--hosts 4] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

REPO = Path(__file__).resolve().parents[1]
PAGES = sorted((REPO / "fixtures" / "pages").glob("*.html"))
MODES = ("httpx", "httpx+parse", "fetch", "fetch+parse")


# server (its own process, so its threads do not share the client's GIL) ---------------------


def _serve(hosts: list[str], ready: multiprocessing.synchronize.Event, ports: list[int]) -> None:
    bodies = [p.read_bytes() for p in PAGES]
    charsets = ["GBK" if "gbk" in p.name else "UTF-8" for p in PAGES]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            try:
                i = int(self.path.rsplit("/", 1)[1].split(".")[0])
            except (IndexError, ValueError):
                self.send_error(404)
                return
            body = bodies[i % len(bodies)]
            head = (
                "HTTP/1.1 200 OK\r\n"
                f"Content-Type: text/html; charset={charsets[i % len(bodies)]}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            )
            # One write: headers and body in separate segments meet Nagle and delayed ACK
            # (a 40 ms stall per request) and the benchmark would measure only that.
            self.wfile.write(head.encode() + body)

    servers = [ThreadingHTTPServer((host, 0), Handler) for host in hosts]
    for i, server in enumerate(servers):
        server.daemon_threads = True
        ports[i] = server.server_address[1]
        Thread(target=server.serve_forever, daemon=True).start()
    ready.set()
    while True:
        time.sleep(3600)


# one mode, in a child process -------------------------------------------------------------


async def _pool(urls: list[str], workers: int, one: Callable[[str], Awaitable[bool]]) -> int:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    ok = 0

    async def worker() -> None:
        nonlocal ok
        while not queue.empty():
            if await one(queue.get_nowait()):
                ok += 1

    await asyncio.gather(*(worker() for _ in range(workers)))
    return ok


async def _run_mode(mode: str, urls: list[str], workers: int) -> int:
    import httpx

    import noticecli
    from noticecli.fetch.client import Fetcher, FetchOptions

    parse = "+parse" in mode
    if mode.startswith("httpx"):
        async with httpx.AsyncClient(trust_env=False) as client:

            async def plain(url: str) -> bool:
                response = await client.get(url)
                content = response.content
                if parse:
                    charset = response.charset_encoding
                    noticecli.parse_bytes(content, url=str(response.url), http_charset=charset)
                return response.status_code == 200

            return await _pool(urls, workers, plain)

    options = FetchOptions(delay=0.0, jitter=0.0, obey_robots=False, allow_private=True)
    async with Fetcher(options) as fetcher:

        async def ours(url: str) -> bool:
            result = await fetcher.fetch(url)
            if parse:
                noticecli.parse_bytes(
                    result.content, url=result.final_url, http_charset=result.charset
                )
            return result.status == 200

        return await _pool(urls, workers, ours)


def _child(mode: str, urls_file: str, workers: int) -> None:
    urls = json.loads(Path(urls_file).read_text())
    started = time.perf_counter()
    ok = asyncio.run(_run_mode(mode, urls, workers))
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"mode": mode, "ok": ok, "seconds": seconds, "peak_mb": peak_kb / 1024}))


# driver ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=4, help="loopback hosts = concurrency")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--child", nargs=3, metavar=("MODE", "URLS", "WORKERS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], args.child[1], int(args.child[2]))
        return

    hosts = [f"127.0.0.{i + 1}" for i in range(args.hosts)]
    ready = multiprocessing.Event()
    ports = multiprocessing.Array("i", len(hosts))
    server = multiprocessing.Process(target=_serve, args=(hosts, ready, ports), daemon=True)
    server.start()
    try:
        if not ready.wait(10):
            sys.exit("server did not start")
        urls = [
            f"http://{hosts[i % len(hosts)]}:{ports[i % len(hosts)]}/p/{i}.html"
            for i in range(args.pages)
        ]
        urls_file = REPO / "bench" / ".fetch_bench_urls.json"
        urls_file.write_text(json.dumps(urls))
        results: dict[str, list[dict[str, float]]] = {m: [] for m in MODES}
        for _ in range(args.rounds):
            for mode in MODES:  # interleaved, so drift affects every mode alike
                out = subprocess.run(
                    [sys.executable, __file__, "--child", mode, str(urls_file), str(len(hosts))],
                    check=True,
                    capture_output=True,
                    text=True,
                    timeout=600,
                )
                row = json.loads(out.stdout.strip().splitlines()[-1])
                if row["ok"] != args.pages:
                    sys.exit(f"{mode}: only {row['ok']} of {args.pages} pages fetched")
                results[mode].append(row)
        urls_file.unlink()
    finally:
        server.terminate()

    print(
        f"{args.pages} pages ({len(PAGES)} fixture pages cycled), {len(hosts)} loopback hosts, "
        f"concurrency {len(hosts)}, best of {args.rounds} rounds; Python {sys.version.split()[0]}"
    )
    print(f"{'mode':<17} {'pages/s':>8} {'median':>8} {'peak RSS MB':>12}")
    rate: dict[str, float] = {}
    for mode in MODES:
        rates = [args.pages / r["seconds"] for r in results[mode]]
        rate[mode] = max(rates)
        peak = max(r["peak_mb"] for r in results[mode])
        print(f"{mode:<17} {max(rates):>8.0f} {statistics.median(rates):>8.0f} {peak:>12.1f}")
    print(f"fetch / httpx                 {rate['fetch'] / rate['httpx']:.2f}x")
    print(f"fetch+parse / httpx+parse     {rate['fetch+parse'] / rate['httpx+parse']:.2f}x")
    print(f"fetch+parse / httpx           {rate['fetch+parse'] / rate['httpx']:.2f}x")


if __name__ == "__main__":
    main()
