"""Parse speed and memory: noticecli against the selectolax floor, trafilatura and GNE.

    python bench/parse_bench.py [--repeat N] [--corpus DIR ...] [--json]

Every .html/.htm/.shtml page under the corpus folders (default ``fixtures/pages`` and
``../shared/corpus``; missing folders are skipped) is decoded to ``str`` once, outside the
timing. Then, page by page, each tool is warmed up once and timed ``--repeat`` times with
the tools interleaved (the order rotates every repeat), so machine noise hits all of them
alike. Reported per page: the median milliseconds per tool. Overall: the median of those
per-page medians, their sum, and the ratios against the targets (noticecli within 3x of the
floor; trafilatura at least 10x slower than noticecli).

Memory, in separate untimed passes: the tracemalloc peak of one call per page (the largest
over the pages), and the max RSS of a forked child that runs the tool over every page once
(``ru_maxrss``; the child starts as a copy of this process, so the growth over its starting
RSS is what the tool itself adds).

A benchmark, not a test: it prints numbers and never fails on them. The peers come from the
``[bench]`` extra (``pip install trafilatura gne``); a peer that cannot be imported is left
out, and a peer that raises on a page is counted and skipped for that page.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

import noticecli
from noticecli.decode import decode_bytes

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = (REPO / "fixtures" / "pages", REPO.parent / "shared" / "corpus")
SUFFIXES = {".html", ".htm", ".shtml"}
FLOOR_TARGET = 3.0  # noticecli / floor must be at most this
TRAFILATURA_TARGET = 10.0  # trafilatura / noticecli must be at least this

Tool = Callable[[str], object]


def floor(html: str) -> object:
    """The least any selectolax-based parser has to do: build the tree, take its text."""
    tree = LexborHTMLParser(html)
    node = tree.body if tree.body is not None else tree.root
    return node.text() if node is not None else ""


def noticecli_parse(html: str) -> object:
    return noticecli.parse_html(html)


def load_tools() -> tuple[dict[str, Tool], dict[str, str]]:
    """The tools to run, in order, and why any peer is missing."""
    tools: dict[str, Tool] = {"floor": floor, "noticecli": noticecli_parse}
    missing: dict[str, str] = {}
    try:
        from trafilatura import bare_extraction

        # trafilatura and its helpers log a warning for every page they find thin.
        for name in ("trafilatura", "htmldate", "courlan", "justext"):
            logging.getLogger(name).setLevel(logging.CRITICAL)

        def trafilatura_parse(html: str) -> object:
            return bare_extraction(html, with_metadata=True)

        tools["trafilatura"] = trafilatura_parse
    except Exception as error:  # ImportError, or a broken dependency chain
        missing["trafilatura"] = f"{type(error).__name__}: {error}"
    try:
        from gne import GeneralNewsExtractor  # type: ignore[import-untyped]

        extractor = GeneralNewsExtractor()

        def gne_parse(html: str) -> object:
            return extractor.extract(html)

        tools["gne"] = gne_parse
    except Exception as error:
        missing["gne"] = f"{type(error).__name__}: {error}"
    return tools, missing


def is_empty(output: object) -> bool:
    """True when a tool ran but found no text (trafilatura None, GNE empty content)."""
    if output is None:
        return True
    if isinstance(output, dict):
        return not str(output.get("content") or "").strip()
    if isinstance(output, str):
        return not output.strip()
    text = getattr(output, "text", "x")  # trafilatura Document
    return not (text or "").strip() if isinstance(text, str | None) else False


@dataclass
class Page:
    path: Path
    html: str
    size: int  # bytes on disk


@dataclass
class PageResult:
    name: str
    size: int
    median_ms: dict[str, float | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    empty: list[str] = field(default_factory=list)  # tools that returned nothing useful


def collect_pages(corpora: Sequence[Path]) -> tuple[list[Page], list[str]]:
    pages: list[Page] = []
    skipped: list[str] = []
    for folder in corpora:
        if not folder.is_dir():
            skipped.append(str(folder))
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in SUFFIXES and path.is_file():
                data = path.read_bytes()
                pages.append(Page(path, decode_bytes(data).text, len(data)))
    return pages, skipped


def time_page(page: Page, tools: dict[str, Tool], repeat: int) -> PageResult:
    result = PageResult(page.path.name, page.size)
    alive: list[str] = []
    for name, tool in tools.items():  # warm-up, and weed out tools that fail on this page
        try:
            output = tool(page.html)
            alive.append(name)
            if is_empty(output):
                result.empty.append(name)
        except Exception as error:
            result.errors[name] = f"{type(error).__name__}: {error}"[:200]
            result.median_ms[name] = None
    samples: dict[str, list[int]] = {name: [] for name in alive}
    for r in range(repeat):
        shift = r % len(alive) if alive else 0
        for name in alive[shift:] + alive[:shift]:
            if name in result.errors:
                continue
            start = time.perf_counter_ns()
            try:
                tools[name](page.html)
            except Exception as error:
                result.errors[name] = f"{type(error).__name__}: {error}"[:200]
                continue
            samples[name].append(time.perf_counter_ns() - start)
    for name in alive:
        ok = name not in result.errors and samples[name]
        result.median_ms[name] = statistics.median(samples[name]) / 1e6 if ok else None
    return result


def tracemalloc_peaks(pages: Sequence[Page], tools: dict[str, Tool]) -> dict[str, int]:
    """The largest tracemalloc peak (bytes) of a single call, over the pages."""
    peaks: dict[str, int] = {}
    for name, tool in tools.items():
        tracemalloc.start()
        worst = 0
        for page in pages:
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            try:
                result = tool(page.html)
            except Exception:
                continue
            worst = max(worst, tracemalloc.get_traced_memory()[1] - base)
            del result
        tracemalloc.stop()
        peaks[name] = worst
    return peaks


def _current_rss_kib() -> int:
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def forked_rss(pages: Sequence[Page], tool: Tool) -> tuple[int, int] | None:
    """(RSS at fork, max RSS after one pass over the pages) in KiB, from a forked child."""
    if not hasattr(os, "fork"):
        return None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        start = _current_rss_kib()
        for page in pages:
            with contextlib.suppress(Exception):
                tool(page.html)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        os.write(write_end, json.dumps([start, peak]).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        payload = reader.read()
    os.waitpid(pid, 0)
    start, peak = json.loads(payload)
    return int(start), int(peak)


def profile_slowest(
    pages: Sequence[Page], results: Sequence[PageResult], count: int, repeat: int
) -> None:
    """cProfile noticecli.parse_html, ``repeat`` calls on each of the worst pages."""
    import cProfile
    import pstats

    def cost(result: PageResult) -> float:
        return result.median_ms.get("noticecli") or 0.0

    ranked = sorted(zip(pages, results, strict=True), key=lambda pr: cost(pr[1]), reverse=True)
    chosen = [page for page, _ in ranked[:count]]
    profiler = cProfile.Profile()
    profiler.enable()
    for page in chosen:
        for _ in range(repeat):
            noticecli.parse_html(page.html)
    profiler.disable()
    print()
    print(f"cProfile of noticecli.parse_html, {repeat} calls on each of:")
    for page in chosen:
        print(f"  {page.path.name}")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(15)
    stats.sort_stats("tottime").print_stats(15)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def machine_facts() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "nproc": os.cpu_count(),
        "versions": {
            dist: _version(dist)
            for dist in ("noticecli", "selectolax", "trafilatura", "gne", "lxml", "htmldate")
        },
    }


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def summarize(results: Sequence[PageResult], tools: Sequence[str]) -> dict[str, Any]:
    """Median of per-page medians, their sum, and the ratios on the pages both tools did."""
    summary: dict[str, Any] = {
        "median_ms": {},
        "total_ms": {},
        "errors": {},
        "empty": {},
        "ratios": {},
    }
    for name in tools:
        values = [v for r in results if (v := r.median_ms.get(name)) is not None]
        summary["median_ms"][name] = statistics.median(values) if values else None
        summary["total_ms"][name] = sum(values) if values else None
        summary["errors"][name] = sum(1 for r in results if name in r.errors)
        summary["empty"][name] = sum(1 for r in results if name in r.empty)
    pairs = (("noticecli", "floor"), ("trafilatura", "noticecli"), ("gne", "noticecli"))
    for top, bottom in pairs:
        if top not in tools or bottom not in tools:
            continue
        both = [
            (r.median_ms[top], r.median_ms[bottom])
            for r in results
            if r.median_ms.get(top) is not None and r.median_ms.get(bottom) is not None
        ]
        per_page = [a / b for a, b in both if a is not None and b]
        summary["ratios"][f"{top}/{bottom}"] = {
            "pages": len(both),
            "of_totals": _ratio(sum(a for a, _ in both if a), sum(b for _, b in both if b)),
            "median_per_page": statistics.median(per_page) if per_page else None,
            "worst_per_page": (
                (max(per_page) if top == "noticecli" else min(per_page)) if per_page else None
            ),
        }
    return summary


def _fmt(value: float | None, digits: int = 2) -> str:
    return "err" if value is None else f"{value:.{digits}f}"


def print_report(report: dict[str, Any], tools: Sequence[str]) -> None:
    facts = report["machine"]
    print(
        f"Python {facts['python']} on {facts['platform']}, nproc {facts['nproc']}; "
        + ", ".join(f"{k} {v}" for k, v in facts["versions"].items())
    )
    print(f"repeat {report['repeat']}, {len(report['pages'])} pages")
    for name, why in report["missing"].items():
        print(f"  {name} left out: {why}")
    for folder in report["skipped_corpora"]:
        print(f"  corpus folder missing, skipped: {folder}")
    print()
    header = f"{'page':<56} {'KB':>6} " + " ".join(f"{t:>11}" for t in tools)
    header += "  nc/floor  traf/nc  gne/nc"
    print(header)
    for page in report["pages"]:
        ms = page["median_ms"]
        cells = " ".join(f"{_fmt(ms.get(t)):>11}" for t in tools)
        ratios = (
            f"{_fmt(_ratio(ms.get('noticecli'), ms.get('floor'))):>9} "
            f"{_fmt(_ratio(ms.get('trafilatura'), ms.get('noticecli')), 1):>8} "
            f"{_fmt(_ratio(ms.get('gne'), ms.get('noticecli')), 1):>7}"
        )
        print(f"{page['name'][:56]:<56} {page['size'] / 1024:>6.1f} {cells} {ratios}")
    summary = report["summary"]
    print()
    print(
        f"{'tool':<12} {'median ms/page':>15} {'total ms':>10} {'errors':>7} {'empty':>6} "
        f"{'tracemalloc peak MiB':>21} {'child max RSS MiB (+growth)':>28}"
    )
    for name in tools:
        rss = report["max_rss_kib"].get(name)
        rss_text = f"{rss[1] / 1024:.1f} (+{(rss[1] - rss[0]) / 1024:.1f})" if rss else "-"
        print(
            f"{name:<12} {_fmt(summary['median_ms'][name], 3):>15} "
            f"{_fmt(summary['total_ms'][name], 1):>10} {summary['errors'][name]:>7} "
            f"{summary['empty'][name]:>6} "
            f"{report['tracemalloc_peak_bytes'][name] / 2**20:>21.2f} {rss_text:>28}"
        )
    print(f"this process max RSS: {report['process_max_rss_kib'] / 1024:.1f} MiB")
    print()
    for key, ratio in summary["ratios"].items():
        print(
            f"{key:<22} of totals {_fmt(ratio['of_totals'])}x, "
            f"median per page {_fmt(ratio['median_per_page'])}x, "
            f"worst page {_fmt(ratio['worst_per_page'])}x  ({ratio['pages']} pages)"
        )
    print()
    floor_ratio = summary["ratios"].get("noticecli/floor", {})
    traf_ratio = summary["ratios"].get("trafilatura/noticecli", {})
    for label, value, target, ok_if_below in (
        ("noticecli/floor", floor_ratio.get("of_totals"), FLOOR_TARGET, True),
        ("trafilatura/noticecli", traf_ratio.get("of_totals"), TRAFILATURA_TARGET, False),
    ):
        if value is None:
            print(f"target {label}: not measured")
            continue
        met = value <= target if ok_if_below else value >= target
        sign = "<=" if ok_if_below else ">="
        print(f"target {label} {sign} {target:g}x: {value:.2f}x -> {'MET' if met else 'MISSED'}")
    empties = [f"{p['name']} ({', '.join(p['empty'])})" for p in report["pages"] if p["empty"]]
    if empties:
        print()
        print("ran but returned no text (still timed):")
        for line in empties:
            print(f"  {line}")
    errors = {p["name"]: p["errors"] for p in report["pages"] if p["errors"]}
    if errors:
        print()
        print("exceptions (tool skipped on that page):")
        for page_name, page_errors in errors.items():
            for tool, message in page_errors.items():
                print(f"  {page_name}: {tool}: {message}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per page per tool")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="folder of pages (repeatable); default fixtures/pages and ../shared/corpus",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also cProfile noticecli.parse_html on the N slowest pages (by noticecli ms)"
        " and print the top 15 functions by cumulative time",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    warnings.simplefilter("ignore")

    corpora = [p if p.is_absolute() else REPO / p for p in args.corpus or []] or list(
        DEFAULT_CORPORA
    )
    pages, skipped = collect_pages(corpora)
    if not pages:
        parser.error("no .html/.htm/.shtml pages found in " + ", ".join(map(str, corpora)))
    tools, missing = load_tools()
    names = list(tools)

    results = [time_page(page, tools, args.repeat) for page in pages]
    peaks = tracemalloc_peaks(pages, tools)
    rss: dict[str, tuple[int, int] | None] = {
        name: forked_rss(pages, t) for name, t in tools.items()
    }
    report: dict[str, Any] = {
        "machine": machine_facts(),
        "repeat": args.repeat,
        "corpora": [str(c) for c in corpora],
        "skipped_corpora": skipped,
        "missing": missing,
        "tools": names,
        "pages": [
            {
                "name": r.name,
                "path": str(p.path),
                "size": r.size,
                "median_ms": r.median_ms,
                "errors": r.errors,
                "empty": r.empty,
            }
            for r, p in zip(results, pages, strict=True)
        ],
        "summary": summarize(results, names),
        "tracemalloc_peak_bytes": peaks,
        "max_rss_kib": rss,
        "process_max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "targets": {
            "noticecli/floor max": FLOOR_TARGET,
            "trafilatura/noticecli min": TRAFILATURA_TARGET,
        },
    }
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_report(report, names)
    if args.profile > 0:
        profile_slowest(pages, results, args.profile, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
