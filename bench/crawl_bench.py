"""Crawl benchmark: ``noticecli crawl`` against a loopback site of N notices.

The script serves, from a thread of its own process on 127.0.0.1, a TRS-style disclosure
site: listing pages ``index.html``, ``index_1.html`` … (``--per-page`` links each, newest
first, paged by ``createPageHTML(countPage, currentPage, "index", "html")`` as in
tests/minisite.py) and N notice pages made from the tests/minisite.py fixture templates,
each with a unique title. Every page has an ETag (SHA-256 of its bytes) and a Last-Modified;
a request whose If-None-Match (or else If-Modified-Since) matches is answered 304. The
server counts requests, conditional requests and 304s on its side.

The crawl itself runs as a child process (``python -m noticecli crawl … --allow-private
--delay 0 --quiet``), three times against the same store:

    first        empty store: every listing page and every notice is fetched and recorded
    unchanged    the site as it was, default ``--revalidate due`` (nothing is due yet)
    all          the site as it was, ``--revalidate all``: every notice re-checked (304s)

For each: wall time (process start to exit), CPU time and peak RSS of the crawl process
(``/usr/bin/time -f %M`` when present, else ``os.wait4``), requests seen by the server,
records written to --out, and the store's size afterwards. Targets printed against: peak
RSS ≤ 150 MB at 20 000 notices and flat in N; the unchanged re-run sends only conditional
page requests and is ≥ 20× faster than the first run.

    python bench/crawl_bench.py [--notices 2000 20000] [--per-page 20] [--keep DIR] [--json]
                                [--profile DIR]

With ``--hosts H`` the benchmark is the one of bench/crawl_hosts.py instead: H sites on H
loopback hosts crawled in one run, against the politeness bound and a serial run.

Only loopback traffic; the server stops when the script ends.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import PAGES  # noqa: E402  (needs the repo on sys.path)
from tests.minisite import TEMPLATES  # noqa: E402

LAST_MODIFIED = "Tue, 05 Nov 2024 08:00:00 GMT"
LISTING_DIR = "/xxgk/tzgg/"
MAX_RSS_MB = 150.0
MIN_SPEEDUP = 20.0
FLAT_GROWTH = 0.10
GNU_TIME = Path(
    "/usr/bin/time"
).exists()  # peak RSS may grow at most this fraction from the smallest to largest N


# --- the site -------------------------------------------------------------------------------


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


class Site:
    """The pages of the site: listings pre-built, notices made on request (cheap: the template
    split at its title, joined with the notice's own)."""

    def __init__(self, count: int, per_page: int) -> None:
        self.count = count
        self.per_page = per_page
        self._pieces: list[list[bytes]] = []
        for template, title in TEMPLATES:
            html = (PAGES / template).read_bytes()
            self._pieces.append(html.split(title.encode("utf-8")))
        numbers = list(range(count, 0, -1))  # newest first
        chunks = [numbers[i : i + per_page] for i in range(0, len(numbers), per_page)]
        self.listing_pages = len(chunks)
        self.listings: dict[str, tuple[bytes, str]] = {}
        for index, chunk in enumerate(chunks):
            body = self._listing(index, chunk).encode("utf-8")
            self.listings[self.listing_path(index)] = (body, _etag(body))

    @staticmethod
    def title(number: int) -> str:
        return f"关于第{number}批人防工程检查情况的通报"

    @staticmethod
    def listing_path(page: int) -> str:
        return f"{LISTING_DIR}index.html" if page == 0 else f"{LISTING_DIR}index_{page}.html"

    @staticmethod
    def notice_path(number: int) -> str:
        return f"{LISTING_DIR}202411/t20241105_{100000 + number}.html"

    def notice(self, path: str) -> bytes | None:
        prefix = f"{LISTING_DIR}202411/t20241105_"
        if not (path.startswith(prefix) and path.endswith(".html")):
            return None
        try:
            number = int(path[len(prefix) : -len(".html")]) - 100000
        except ValueError:
            return None
        if not 1 <= number <= self.count:
            return None
        pieces = self._pieces[number % len(self._pieces)]
        return self.title(number).encode("utf-8").join(pieces)

    def _listing(self, index: int, chunk: list[int]) -> str:
        rows = "\n".join(
            f'<tr><td><a href="./202411/t20241105_{100000 + n}.html" title="{self.title(n)}">'
            f"{self.title(n)}</a></td><td>2024-11-{1 + n % 28:02d}</td></tr>"
            for n in chunk
        )
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>通知公告_市人民防空办公室</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/xxgk/">信息公开</a></div>
<table class="gl_list">{rows}</table>
<div class="page"><script>
var currentPage = {index};
var countPage = {self.listing_pages};
createPageHTML(countPage, currentPage, "index", "html");
</script></div>
<div class="footer">网站标识码：3401000001 皖ICP备00000000号</div>
</body></html>"""


@dataclass
class Tally:
    """What the server saw (a snapshot; subtract two for one run)."""

    requests: int = 0
    conditional: int = 0
    not_modified: int = 0
    listing: int = 0
    notice: int = 0
    robots: int = 0
    other: int = 0
    bytes_sent: int = 0

    def __sub__(self, other: Tally) -> Tally:
        mine, theirs = asdict(self), asdict(other)
        return Tally(**{key: mine[key] - theirs[key] for key in mine})

    @property
    def unconditional_pages(self) -> int:
        """Listing and notice requests sent without a validator."""
        return self.listing + self.notice - self.conditional


class SiteServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 for one :class:`Site`; a context manager."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._lock = threading.Lock()
        self._tally = Tally()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def tally(self) -> Tally:
        with self._lock:
            return Tally(**asdict(self._tally))

    def _count(self, kind: str, conditional: bool, status: int, sent: int) -> None:
        with self._lock:
            tally = self._tally
            tally.requests += 1
            tally.conditional += conditional
            tally.not_modified += status == 304
            setattr(tally, kind, getattr(tally, kind) + 1)
            tally.bytes_sent += sent

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 30  # an idle keep-alive connection ends by itself

            def setup(self) -> None:
                super().setup()
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                body: bytes | None
                if path in server.site.listings:
                    kind = "listing"
                    body, etag = server.site.listings[path]
                else:
                    body = server.site.notice(path)
                    kind = "notice" if body is not None else "other"
                    etag = _etag(body) if body is not None else ""
                if path == "/robots.txt":
                    kind = "robots"
                inm = self.headers.get("If-None-Match")
                ims = self.headers.get("If-Modified-Since")
                conditional = inm is not None or ims is not None
                if body is None:
                    status, head, payload = 404, "Content-Type: text/plain\r\n", b"not found"
                elif (inm == etag) if inm is not None else (ims == LAST_MODIFIED):
                    status, head, payload = 304, f"ETag: {etag}\r\n", b""
                else:
                    status, payload = 200, body
                    head = (
                        "Content-Type: text/html; charset=utf-8\r\n"
                        f"ETag: {etag}\r\nLast-Modified: {LAST_MODIFIED}\r\n"
                    )
                reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}[status]
                length = "" if status == 304 else f"Content-Length: {len(payload)}\r\n"
                # One write: headers and body in separate segments would meet Nagle and
                # delayed ACK.
                self.wfile.write(
                    f"HTTP/1.1 {status} {reason}\r\n{head}{length}\r\n".encode() + payload
                )
                server._count(kind, conditional, status, len(payload))

        return Handler


# --- one crawl run --------------------------------------------------------------------------


@dataclass
class Run:
    name: str
    command: list[str]
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    exit_code: int
    records: int
    db_mb: float
    server: Tally
    crawler_requests: int | None = None  # as the store's runs table counts them
    stderr: str = ""

    @property
    def pages_per_second(self) -> float:
        return (self.server.listing + self.server.notice) / self.seconds if self.seconds else 0.0


def _crawl(
    name: str,
    server: SiteServer,
    work: Path,
    extra: list[str],
    *,
    number: int,
    profile: Path | None = None,
) -> Run:
    out = work / f"out-{number}-{name}.jsonl"
    profiler: list[str] = []
    if profile is not None:
        profiler = ["-m", "cProfile", "-o", str(profile / f"crawl-{number}-{name}.prof")]
    command = [
        sys.executable,
        *profiler,
        "-m",
        "noticecli",
        "crawl",
        "--sites",
        str(work / "sites.toml"),
        "--db",
        str(work / "state.db"),
        "--out",
        str(out),
        "--allow-private",
        "--delay",
        "0",
        "--quiet",
        *extra,
    ]
    stderr_path = work / f"stderr-{number}-{name}.txt"
    # Peak RSS: a child's ru_maxrss also counts the memory of the process it was forked
    # from (Linux records the old image's high-water mark at exec, and posix_spawn/vfork
    # children borrow ours), so this script's own peak would leak into it. GNU time is a
    # small process of its own: its child's figure is the crawl's alone.
    rss_path = work / f"rss-{number}-{name}.txt"
    timer = ["/usr/bin/time", "-o", str(rss_path), "-f", "%M"] if GNU_TIME else []
    before = server.tally()
    started = time.perf_counter()
    with stderr_path.open("wb") as stderr:
        child = subprocess.Popen(
            [*timer, *command], cwd=REPO, stdout=subprocess.DEVNULL, stderr=stderr
        )
        try:
            _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage
        except BaseException:
            child.kill()
            child.wait()
            raise
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    peak_kib = usage.ru_maxrss  # KiB on Linux
    if GNU_TIME:
        peak_kib = int(rss_path.read_text().split()[-1])
    return Run(
        name=name,
        command=command,
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=peak_kib / 1024,
        exit_code=child.returncode,
        records=_count_lines(out),
        db_mb=_db_bytes(work / "state.db") / 2**20,
        server=server.tally() - before,
        crawler_requests=_last_run_requests(work / "state.db"),
        stderr=stderr_path.read_text("utf-8", "replace").strip(),
    )


def _count_lines(path: Path) -> int:
    """Lines in ``path``, read in pieces (the first run's output is ~80 MB at N=20000)."""
    if not path.exists():
        return 0
    lines = 0
    with path.open("rb") as handle:
        while piece := handle.read(1 << 20):
            lines += piece.count(b"\n")
    return lines


def _db_bytes(db: Path) -> int:
    """The store and whatever WAL it left."""
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


def _last_run_requests(db: Path) -> int | None:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT requests FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    return None if row is None else int(row[0])


def _startup_seconds(repeat: int = 3) -> float:
    """The floor of any run: ``python -m noticecli --version`` (best of ``repeat``)."""
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "noticecli", "--version"],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        best = min(best, time.perf_counter() - started)
    return best


@dataclass
class Result:
    notices: int
    per_page: int
    listing_pages: int
    max_pages: int
    runs: list[Run] = field(default_factory=list)

    def run(self, name: str) -> Run:
        return next(r for r in self.runs if r.name == name)


@contextlib.contextmanager
def _workdir(keep: Path | None, notices: int) -> Iterator[Path]:
    if keep is not None:
        path = keep / f"n{notices}"
        path.mkdir(parents=True, exist_ok=True)
        for old in path.iterdir():
            if old.is_file():
                old.unlink()
        yield path
    else:
        with tempfile.TemporaryDirectory(prefix="crawl-bench-") as name:
            yield Path(name)


def bench(
    notices: int, per_page: int, keep: Path | None, log: bool, profile: Path | None = None
) -> Result:
    site = Site(notices, per_page)
    max_pages = site.listing_pages + 1  # enough to reach every notice on the first run
    result = Result(notices, per_page, site.listing_pages, max_pages)
    with _workdir(keep, notices) as work, SiteServer(site) as server:
        (work / "sites.toml").write_text(
            "[[site]]\n"
            'name = "bench"\n'
            f'listing = ["{server.url(site.listing_path(0))}"]\n'
            f"max_pages = {max_pages}\n"
            "delay = 0\n",
            "utf-8",
        )
        for name, extra in (
            ("first", []),
            ("unchanged", []),
            ("all", ["--revalidate", "all"]),
        ):
            if log:
                print(f"# N={notices}: {name} run …", file=sys.stderr, flush=True)
            run = _crawl(name, server, work, extra, number=notices, profile=profile)
            result.runs.append(run)
            if log:
                print(
                    f"#   {run.seconds:.1f} s, {run.records} records, exit {run.exit_code}",
                    file=sys.stderr,
                    flush=True,
                )
    return result


# --- report ---------------------------------------------------------------------------------


def _mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(results: list[Result], startup: float) -> list[str]:
    lines = [f"start-up floor (python -m noticecli --version, best of 3): {startup:.2f} s", ""]
    for res in results:
        lines.append(
            f"N={res.notices} notices, {res.per_page} per listing page, "
            f"{res.listing_pages} listing pages, max_pages={res.max_pages}"
        )
        lines.append(
            f"  {'run':<10} {'wall s':>8} {'cpu s':>7} {'pages/s':>8} {'RSS MB':>7} "
            f"{'requests':>8} {'cond.':>6} {'304':>6} {'records':>7} {'db MB':>7} exit"
        )
        for run in res.runs:
            tally = run.server
            lines.append(
                f"  {run.name:<10} {run.seconds:>8.2f} {run.cpu_seconds:>7.2f} "
                f"{run.pages_per_second:>8.1f} {run.peak_rss_mb:>7.1f} {tally.requests:>8} "
                f"{tally.conditional:>6} {tally.not_modified:>6} {run.records:>7} "
                f"{run.db_mb:>7.1f} {run.exit_code:>4}"
            )
        first, again = res.run("first"), res.run("unchanged")
        speedup = first.seconds / again.seconds if again.seconds else math.inf
        lines += [
            "  (requests as the server saw them: listing + notice + robots.txt; "
            "pages/s = listing and notice requests / wall s)",
            f"  first run: records {first.records} == N: {_mark(first.records == res.notices)};"
            f" peak RSS {first.peak_rss_mb:.1f} MB ≤ {MAX_RSS_MB:.0f}: "
            f"{_mark(first.peak_rss_mb <= MAX_RSS_MB)}",
            f"  unchanged re-run: records {again.records} == 0: {_mark(again.records == 0)}; "
            f"page requests {again.server.listing + again.server.notice}, unconditional "
            f"{again.server.unconditional_pages} (+{again.server.robots} robots.txt): "
            f"{_mark(again.server.unconditional_pages == 0)}; "
            f"speed-up {speedup:.1f}× ≥ {MIN_SPEEDUP:.0f}: {_mark(speedup >= MIN_SPEEDUP)}",
        ]
        for run in res.runs:
            if run.exit_code != 0 or (run.stderr and run.name == "first"):
                lines.append(f"  {run.name} stderr: {run.stderr[:500]}")
        lines.append("")
    if len(results) > 1:
        small = min(results, key=lambda r: r.notices)
        large = max(results, key=lambda r: r.notices)
        a, b = small.run("first").peak_rss_mb, large.run("first").peak_rss_mb
        growth = (b - a) / a if a else math.inf
        per_k = (b - a) / ((large.notices - small.notices) / 1000)
        lines.append(
            f"memory flat in N: first-run peak RSS {a:.1f} MB at N={small.notices} → "
            f"{b:.1f} MB at N={large.notices} ({growth:+.0%}, {per_k:+.2f} MB per 1000 "
            f"notices), growth ≤ {FLAT_GROWTH:.0%}: {_mark(growth <= FLAT_GROWTH)}"
        )
    return lines


def main() -> None:
    if "--hosts" in sys.argv[1:]:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from crawl_hosts import main as hosts_main

        hosts_main(sys.argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--notices",
        type=int,
        nargs="+",
        default=[20000],
        metavar="N",
        help="notices on the site (several: one site each, to compare memory) [20000]",
    )
    parser.add_argument("--per-page", type=int, default=20, help="links per listing page [20]")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the store etc. in DIR/nN")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="run each crawl under cProfile, writing DIR/crawl-N-RUN.prof (slower; "
        "timings then include the profiler)",
    )
    args = parser.parse_args()
    if min(args.notices) < 1 or args.per_page < 1:
        parser.error("--notices and --per-page must be at least 1")
    startup = _startup_seconds()
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    results = [
        bench(n, args.per_page, args.keep, log=not args.json, profile=args.profile)
        for n in args.notices
    ]
    if args.json:
        payload = {
            "startup_seconds": startup,
            "results": [
                {
                    **{k: v for k, v in asdict(res).items() if k != "runs"},
                    "runs": [
                        {
                            **{k: v for k, v in asdict(run).items() if k != "stderr"},
                            "pages_per_second": run.pages_per_second,
                        }
                        for run in res.runs
                    ],
                }
                for res in results
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print("\n".join(report(results, startup)))


if __name__ == "__main__":
    main()
