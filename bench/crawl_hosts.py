"""Crawl benchmark over many hosts: ``bench/crawl_bench.py --hosts H --delay D``.

Serves H copies of the crawl_bench.py disclosure site, one per loopback address (127.0.0.2,
127.0.0.3 …, each its own host to be polite to), with ``--notices`` notices each, and
crawls all of them in one run from a child process with a site delay of D seconds. The
servers log every request's start and end, so the run's politeness is checked from their
side: the most requests in flight to one host (must be 1), the shortest gap between two
requests to one host (must be ≥ D), and the most hosts in flight at once.

The politeness bound is the least time the busiest host allows: its requests (robots.txt
included) × D; with N hosts at a time for more than N hosts, all requests × D / N when that
is longer (a serial run's bound is every host's requests × D). Runs, each on an empty
store:

    serial (base)   with --baseline DIR: ``python -m noticecli crawl`` of another checkout
                    (the serial crawler before issue 11), run from DIR
    concurrency 1   this checkout, one host at a time
    concurrency N   this checkout, ``--concurrency N`` (default: the crawl's default, 16)

Wall time (process start to exit) against the bound (goal: ≤ 1.2× for the concurrent run),
also without the process's start-up and ending (first request to last reply), and against
the serial runs; peak RSS (``/usr/bin/time -f %M``); records written.

    python bench/crawl_bench.py --hosts 8 --delay 0.5 [--notices 20] [--baseline DIR]
                                [--concurrency N ...] [--no-serial] [--json]

Only loopback traffic; the servers stop when the script ends.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from crawl_bench import GNU_TIME, LAST_MODIFIED, REPO, Site, _count_lines, _etag

MAX_RATIO = 1.2


class HostServer:
    """One :class:`Site` on one loopback address, logging (start, end) of each request."""

    def __init__(self, site: Site, address: str) -> None:
        self.site = site
        self.address = address
        self.spans: list[tuple[float, float]] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((address, 0), self._handler())
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str) -> str:
        return f"http://{self.address}:{self.port}{path}"

    def take_spans(self) -> list[tuple[float, float]]:
        with self._lock:
            spans, self.spans = self.spans, []
        return sorted(spans)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 30

            def setup(self) -> None:
                super().setup()
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                started = time.monotonic()
                path = self.path.split("?", 1)[0]
                listing = server.site.listings.get(path)
                body = listing[0] if listing else server.site.notice(path)
                if body is None:
                    head, payload = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n", b"-"
                else:
                    head = (
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        f"ETag: {_etag(body)}\r\nLast-Modified: {LAST_MODIFIED}\r\n"
                    )
                    payload = body
                # The end of the span: the reply is about to go out (the client cannot have
                # it before), taken before the write, whose return may wait for the GIL.
                with server._lock:
                    server.spans.append((started, time.monotonic()))
                self.wfile.write(f"{head}Content-Length: {len(payload)}\r\n\r\n".encode() + payload)

        return Handler


@dataclass
class Politeness:
    """What the servers saw during one run."""

    requests: dict[str, int]
    most_in_flight_per_host: int
    shortest_gap: float  # seconds from one request's end to the next one's start, one host
    most_hosts_at_once: int  # hosts being crawled at one moment

    @staticmethod
    def of(spans: dict[str, list[tuple[float, float]]]) -> Politeness:
        per_host = 0
        gap = float("inf")
        for host_spans in spans.values():
            per_host = max(per_host, _most_at_once([host_spans]))
            for (_, end), (start, _) in itertools.pairwise(host_spans):
                gap = min(gap, start - end)
        return Politeness(
            requests={host: len(s) for host, s in spans.items()},
            most_in_flight_per_host=per_host,
            shortest_gap=gap,
            # A host is being crawled from its first request to its last reply.
            most_hosts_at_once=_most_at_once([[(s[0][0], s[-1][1])] for s in spans.values() if s]),
        )


def _most_at_once(span_lists: list[list[tuple[float, float]]]) -> int:
    events = sorted(
        (moment, change)
        for spans in span_lists
        for start, end in spans
        for moment, change in ((start, 1), (end, -1))
    )
    busy = most = 0
    for _, change in events:
        busy += change
        most = max(most, busy)
    return most


@dataclass
class HostsRun:
    name: str
    command: list[str]
    seconds: float
    peak_rss_mb: float
    exit_code: int
    records: int
    politeness: Politeness
    concurrency: int  # hosts crawled at once (1: serial)
    # The politeness bound at that concurrency: the busiest host's requests × delay, or all
    # requests × delay / concurrency when hosts must wait for a free worker.
    bound_seconds: float
    first_request_after: float  # seconds from the process's start to the first request
    after_last_request: float  # seconds from the last request's reply to the process's end
    stderr: str = ""

    @property
    def ratio(self) -> float:
        return self.seconds / self.bound_seconds if self.bound_seconds else float("inf")

    @property
    def crawl_seconds(self) -> float:
        """From the first request to the last reply: the wall time less the process's
        start-up (imports, the store) and ending."""
        return self.seconds - self.first_request_after - self.after_last_request


@dataclass
class HostsResult:
    hosts: int
    delay: float
    notices_per_host: int
    runs: list[HostsRun] = field(default_factory=list)


def _run(
    name: str,
    concurrency: int,
    code: Path,
    servers: list[HostServer],
    delay: float,
    extra: list[str],
    work: Path,
) -> HostsRun:
    run_dir = work / name.replace(" ", "-").replace("(", "").replace(")", "")
    run_dir.mkdir()
    sites = "\n".join(
        "[[site]]\n"
        f'name = "host{number}"\n'
        f'listing = ["{server.url(server.site.listing_path(0))}"]\n'
        f"max_pages = {server.site.listing_pages + 1}\n"
        f"delay = {delay}\n"
        for number, server in enumerate(servers)
    )
    (run_dir / "sites.toml").write_text(sites, "utf-8")
    out = run_dir / "out.jsonl"
    command = [sys.executable, "-m", "noticecli", "crawl", "--sites", str(run_dir / "sites.toml")]
    command += ["--db", str(run_dir / "state.db"), "--out", str(out), "--allow-private"]
    command += ["--retries", "0", "--quiet", *extra]
    rss_path = run_dir / "rss.txt"
    timer = ["/usr/bin/time", "-o", str(rss_path), "-f", "%M"] if GNU_TIME else []
    env = _child_env(code)
    for server in servers:
        server.take_spans()
    started = time.monotonic()
    with (run_dir / "stderr.txt").open("wb") as stderr:
        child = subprocess.Popen(
            [*timer, *command], cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )
        _, status, usage = os.wait4(child.pid, 0)
    ended = time.monotonic()
    seconds = ended - started
    peak_kib = int(rss_path.read_text().split()[-1]) if GNU_TIME else usage.ru_maxrss
    spans = {server.address: server.take_spans() for server in servers}
    politeness = Politeness.of(spans)
    moments = [moment for host_spans in spans.values() for span in host_spans for moment in span]
    busiest = max(politeness.requests.values())
    return HostsRun(
        name=name,
        command=command,
        seconds=seconds,
        peak_rss_mb=peak_kib / 1024,
        exit_code=os.waitstatus_to_exitcode(status),
        records=_count_lines(out),
        politeness=politeness,
        concurrency=concurrency,
        bound_seconds=max(busiest, sum(politeness.requests.values()) / concurrency) * delay,
        first_request_after=min(moments, default=ended) - started,
        after_last_request=ended - max(moments, default=started),
        stderr=(run_dir / "stderr.txt").read_text("utf-8", "replace").strip(),
    )


def _child_env(code: Path) -> dict[str, str]:
    """The crawl's environment: ``code`` first on the path, and compiled modules cached as
    on a user's machine (a session that sets PYTHONDONTWRITEBYTECODE would otherwise
    compile every module on every start)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(code)
    return env


def _warm_up(code: Path) -> None:
    """Import what a crawl imports once, so that its compiled modules are cached."""
    subprocess.run(
        [sys.executable, "-c", "import noticecli.cli.crawl_commands, noticecli.crawl.session"],
        cwd=code,
        env=_child_env(code),
        check=True,
    )


def bench_hosts(
    hosts: int,
    delay: float,
    notices: int,
    per_page: int,
    concurrency: list[int | None],
    baseline: Path | None,
    serial: bool,
    log: bool,
) -> HostsResult:
    result = HostsResult(hosts, delay, notices)
    servers = [HostServer(Site(notices, per_page), f"127.0.0.{2 + n}") for n in range(hosts)]
    plan: list[tuple[str, int, Path, list[str]]] = []
    if baseline is not None and serial:
        plan.append(("serial (base)", 1, baseline, []))
    if serial:
        plan.append(("concurrency 1", 1, REPO, ["--concurrency", "1"]))
    for value in concurrency:
        extra = [] if value is None else ["--concurrency", str(value)]
        plan.append((f"concurrency {value or 16}", value or 16, REPO, extra))
    for code in {code for _, _, code, _ in plan}:
        _warm_up(code)
    try:
        with tempfile.TemporaryDirectory(prefix="crawl-hosts-") as name:
            for run_name, workers, code, extra in plan:
                if log:
                    print(f"# {hosts} hosts: {run_name} …", file=sys.stderr, flush=True)
                run = _run(run_name, workers, code, servers, delay, extra, Path(name))
                result.runs.append(run)
                if log:
                    print(f"#   {run.seconds:.1f} s, exit {run.exit_code}", file=sys.stderr)
    finally:
        for server in servers:
            server.close()
    return result


def report_hosts(result: HostsResult) -> list[str]:
    lines = [
        f"{result.hosts} hosts on 127.0.0.2…, {result.notices_per_host} notices each, "
        f"site delay {result.delay:g} s",
        f"  {'run':<20} {'wall s':>7} {'bound s':>7} {'×bound':>6} {'crawl s':>7} {'×bound':>6} "
        f"{'RSS MB':>7} "
        f"{'requests':>8} {'records':>7} {'1 host':>6} {'min gap':>7} {'hosts':>5} "
        f"{'start':>5} {'end':>5} exit",
    ]
    for run in result.runs:
        p = run.politeness
        lines.append(
            f"  {run.name:<20} {run.seconds:>7.2f} {run.bound_seconds:>7.2f} {run.ratio:>6.2f} "
            f"{run.crawl_seconds:>7.2f} {run.crawl_seconds / run.bound_seconds:>6.2f} "
            f"{run.peak_rss_mb:>7.1f} {sum(p.requests.values()):>8} {run.records:>7} "
            f"{p.most_in_flight_per_host:>6} {p.shortest_gap:>7.3f} {p.most_hosts_at_once:>5} "
            f"{run.first_request_after:>5.2f} {run.after_last_request:>5.2f} {run.exit_code:>4}"
        )
    lines.append(
        "  (bound: the politeness bound at the run's concurrency N, the busiest host's "
        "requests × delay, or all requests × delay / N when hosts wait for one of N workers; "
        "1 host: most requests in flight to "
        "one host; min gap: shortest gap on one host, from a reply to the next request; "
        "hosts: most hosts being crawled at once; crawl s: the first request to the last "
        "reply; start: process start to the first request; end: the last reply to the "
        "process's end)"
    )
    expected = result.hosts * result.notices_per_host
    for run in result.runs:
        polite = (
            run.politeness.most_in_flight_per_host == 1
            and run.politeness.shortest_gap >= result.delay
        )
        lines.append(
            f"  {run.name}: {run.ratio:.2f}× its bound ({run.crawl_seconds / run.bound_seconds:.2f}"
            f"× without start-up and ending); polite: {'yes' if polite else 'NO'}; records "
            f"{run.records} == {expected}: {'yes' if run.records == expected else 'NO'}"
        )
    concurrent = [r for r in result.runs if r.concurrency > 1]
    for run in concurrent:
        if run.concurrency >= result.hosts:
            lines.append(
                f"  {run.name}: {run.ratio:.2f}× the bound, goal ≤ {MAX_RATIO}: "
                f"{'met' if run.ratio <= MAX_RATIO else 'MISSED'}"
            )
        for serial in (r for r in result.runs if r not in concurrent):
            lines.append(
                f"  {run.name}: {serial.seconds / run.seconds:.1f}× faster than {serial.name} "
                f"({serial.seconds:.1f} s)"
            )
    for run in result.runs:
        if run.exit_code != 0 and run.stderr:
            lines.append(f"  {run.name} stderr: {run.stderr[:300]}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="crawl over many loopback hosts")
    parser.add_argument("--hosts", type=int, nargs="+", required=True, metavar="H")
    parser.add_argument("--delay", type=float, default=0.5, help="each site's delay [0.5]")
    parser.add_argument("--notices", type=int, default=20, help="notices per host [20]")
    parser.add_argument("--per-page", type=int, default=20, help="links per listing page")
    parser.add_argument(
        "--concurrency",
        type=int,
        nargs="+",
        default=[None],
        help="the concurrent runs' --concurrency values (default: the crawl's default)",
    )
    parser.add_argument(
        "--baseline", type=Path, metavar="DIR", help="a checkout to run as the serial baseline"
    )
    parser.add_argument("--no-serial", action="store_true", help="only the concurrent runs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if min(args.hosts) < 1 or max(args.hosts) > 250:
        parser.error("--hosts must be from 1 to 250 (127.0.0.2 … 127.0.0.251)")
    results = [
        bench_hosts(
            hosts,
            args.delay,
            args.notices,
            args.per_page,
            args.concurrency,
            args.baseline,
            serial=not args.no_serial,
            log=not args.json,
        )
        for hosts in args.hosts
    ]
    if args.json:
        payload = [
            {**asdict(r), "runs": [{**asdict(run), "ratio": run.ratio} for run in r.runs]}
            for r in results
        ]
        print(json.dumps(payload, indent=2))
        return
    for result in results:
        print("\n".join(report_hosts(result)))
        print()
