"""Workers benchmark: pages per second with 1, 2 and 4 ``noticecli worker`` processes on a
PostgreSQL store, against one ``noticecli crawl`` process on SQLite.

Serves H copies of the crawl_bench.py disclosure site, one per loopback address (127.0.0.2,
127.0.0.3 …, each its own host to be polite to), ``--notices`` notices each, every site
asking for ``--delay`` seconds between requests. A throwaway PostgreSQL cluster
(tests/postgres.py: Debian's server, a temporary folder, a unix socket) holds the stores.
Runs, each on an empty store:

    sqlite       ``noticecli crawl --concurrency C`` into a SQLite file (one process)
    workers W    ``noticecli enqueue``, then W × ``noticecli worker --until-idle
                 --concurrency C`` started together (W = 1, 2, 4 by default)

Timed from the start of the crawl (or of the workers; ``enqueue`` is timed apart) to the
end of the last process, and from the first request to the last reply (the processes'
start-up and ending left out). Pages are the listing and notice pages the servers answered
(robots.txt apart: each worker process reads a host's robots.txt once). The servers log
every request, so politeness is checked from their side across all workers: the most
requests in flight to one host (must be 1) and the shortest gap between two (must be
≥ the delay).

Goals: workers scale, W workers giving ≥ 0.8 × W the pages/s of one until the politeness
bound (every host busy: H / delay pages/s); one worker on PostgreSQL takes ≤ 1.3× the time
of the SQLite crawl at the same concurrency.

    python bench/worker_bench.py [--hosts 16] [--delay 0.5] [--notices 8]
                                 [--concurrency 2] [--workers 1 2 4] [--json]

Only loopback traffic; the servers and the cluster stop when the script ends.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from crawl_bench import REPO, Site, _count_lines
from crawl_hosts import HostServer, Politeness, _child_env, _warm_up

from tests.postgres import start_server  # crawl_bench put the repository on the path

MIN_SCALING = 0.8
MAX_OVERHEAD = 1.3


@dataclass
class Run:
    name: str
    processes: int
    seconds: float  # first process start to last process end
    crawl_seconds: float  # first request to last reply
    enqueue_seconds: float
    pages: int  # listing and notice pages answered
    robots: int
    records: int
    exit_codes: list[int]
    politeness: Politeness

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def crawl_pages_per_second(self) -> float:
        return self.pages / self.crawl_seconds if self.crawl_seconds else 0.0


class CountingServer(HostServer):
    """A :class:`HostServer` that also counts robots.txt requests (answered 404)."""

    def __init__(self, site: Site, address: str) -> None:
        super().__init__(site, address)
        self.robots = 0
        handler = self._httpd.RequestHandlerClass
        server = self
        original = handler.do_GET  # type: ignore[attr-defined]

        def do_get(request: object) -> None:
            if getattr(request, "path", "").startswith("/robots.txt"):
                server.robots += 1
            original(request)

        handler.do_GET = do_get  # type: ignore[attr-defined]

    def robots_taken(self) -> int:
        taken, self.robots = self.robots, 0
        return taken


def _sites(servers: list[CountingServer], delay: float) -> str:
    return "\n".join(
        "[[site]]\n"
        f'name = "host{number}"\n'
        f'listing = ["{server.url(server.site.listing_path(0))}"]\n'
        f"max_pages = {server.site.listing_pages + 1}\n"
        f"delay = {delay}\n"
        for number, server in enumerate(servers)
    )


def _noticecli(*args: str) -> list[str]:
    return [sys.executable, "-m", "noticecli", *args]


def _measure(
    name: str,
    servers: list[CountingServer],
    commands: list[list[str]],
    *,
    enqueue: list[str] | None,
    emit: list[str] | None,
    out: Path,
    env: dict[str, str],
) -> Run:
    for server in servers:
        server.take_spans()
    enqueue_seconds = 0.0
    if enqueue is not None:
        began = time.monotonic()
        subprocess.run(enqueue, cwd=REPO, env=env, check=True, capture_output=True)
        enqueue_seconds = time.monotonic() - began
    started = time.monotonic()
    children = [
        subprocess.Popen(c, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for c in commands
    ]
    codes = []
    for child in children:
        _, err = child.communicate(timeout=3600)
        codes.append(child.returncode)
        if child.returncode != 0:
            print(err.decode("utf-8", "replace"), file=sys.stderr)
    seconds = time.monotonic() - started
    if emit is not None:
        with out.open("wb") as handle:
            subprocess.run(emit, cwd=REPO, env=env, check=True, stdout=handle)
    spans = {server.address: server.take_spans() for server in servers}
    moments = [moment for host_spans in spans.values() for span in host_spans for moment in span]
    total = sum(len(host_spans) for host_spans in spans.values())
    robots = sum(server.robots_taken() for server in servers)
    return Run(
        name=name,
        processes=len(commands),
        seconds=seconds,
        crawl_seconds=max(moments) - min(moments) if moments else 0.0,
        enqueue_seconds=enqueue_seconds,
        pages=total - robots,
        robots=robots,
        records=_count_lines(out),
        exit_codes=codes,
        politeness=Politeness.of(spans),
    )


def bench(
    hosts: int, delay: float, notices: int, concurrency: int, workers: list[int], log: bool
) -> list[Run]:
    servers = [CountingServer(Site(notices, 20), f"127.0.0.{2 + n}") for n in range(hosts)]
    cluster = start_server()
    env = _child_env(REPO)
    _warm_up(REPO)
    runs: list[Run] = []
    try:
        with tempfile.TemporaryDirectory(prefix="worker-bench-") as name:
            work = Path(name)
            sites = work / "sites.toml"
            sites.write_text(_sites(servers, delay), "utf-8")
            common = ["--allow-private", "--retries", "0", "-q"]
            plan: list[tuple[str, int]] = [("sqlite", 0)] + [(f"workers {w}", w) for w in workers]
            for run_name, count in plan:
                if log:
                    print(f"# {run_name} …", file=sys.stderr, flush=True)
                out = work / f"{run_name.replace(' ', '-')}.jsonl"
                if count == 0:
                    crawl = _noticecli("crawl", "--sites", str(sites), "--db", str(work / "t.db"))
                    crawl += ["--out", str(out), "--concurrency", str(concurrency), *common]
                    run = _measure(
                        run_name, servers, [crawl], enqueue=None, emit=None, out=out, env=env
                    )
                else:
                    url = cluster.create_database("bench")
                    worker = _noticecli("worker", "--db", url, "--until-idle", *common)
                    worker += ["--concurrency", str(concurrency)]
                    run = _measure(
                        run_name,
                        servers,
                        [worker] * count,
                        enqueue=_noticecli("enqueue", "--sites", str(sites), "--db", url, "-q"),
                        emit=_noticecli("emit", "--db", url, "-q"),
                        out=out,
                        env=env,
                    )
                runs.append(run)
                if log:
                    print(f"#   {run.seconds:.1f} s, exit {run.exit_codes}", file=sys.stderr)
    finally:
        cluster.stop()
        for server in servers:
            server.close()
    return runs


def report(runs: list[Run], hosts: int, delay: float, notices: int, concurrency: int) -> list[str]:
    bound = hosts / delay
    lines = [
        f"{hosts} hosts on 127.0.0.2…, {notices} notices each, site delay {delay:g} s, "
        f"--concurrency {concurrency} per process; politeness bound {bound:.1f} pages/s",
        f"  {'run':<11} {'wall s':>7} {'pages/s':>8} {'crawl s':>8} {'pages/s':>8} "
        f"{'enqueue s':>9} {'pages':>5} {'robots':>6} {'records':>7} {'per host':>8} "
        f"{'min gap s':>9}",
    ]
    for run in runs:
        p = run.politeness
        lines.append(
            f"  {run.name:<11} {run.seconds:>7.2f} {run.pages_per_second:>8.2f} "
            f"{run.crawl_seconds:>8.2f} {run.crawl_pages_per_second:>8.2f} "
            f"{run.enqueue_seconds:>9.2f} {run.pages:>5} {run.robots:>6} {run.records:>7} "
            f"{p.most_in_flight_per_host:>8} {p.shortest_gap:>9.3f}"
        )
    one = next((r for r in runs if r.name == "workers 1"), None)
    sqlite = next((r for r in runs if r.name == "sqlite"), None)
    if one is not None:
        for run in runs:
            if run.name.startswith("workers ") and run is not one:
                wanted = min(run.processes, bound / one.pages_per_second) * MIN_SCALING
                ratio = run.pages_per_second / one.pages_per_second
                mark = "ok" if ratio >= wanted else "MISSED"
                lines.append(
                    f"  scaling {run.name}: {ratio:.2f}× one worker's pages/s "
                    f"(goal ≥ {wanted:.2f}): {mark}"
                )
        if sqlite is not None:
            overhead = one.seconds / sqlite.seconds
            mark = "ok" if overhead <= MAX_OVERHEAD else "MISSED"
            lines.append(
                f"  overhead: one worker on PostgreSQL {overhead:.2f}× the SQLite crawl's "
                f"time (goal ≤ {MAX_OVERHEAD}): {mark}"
            )
            crawl_overhead = one.crawl_seconds / sqlite.crawl_seconds
            lines.append(
                f"  overhead, first request to last reply: {crawl_overhead:.2f}× "
                f"(start-up and ending left out)"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=16)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--notices", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    runs = bench(args.hosts, args.delay, args.notices, args.concurrency, args.workers, True)
    if args.json:
        print(json.dumps([asdict(run) for run in runs], indent=2, default=str))
    else:
        print("\n".join(report(runs, args.hosts, args.delay, args.notices, args.concurrency)))


if __name__ == "__main__":
    main()
