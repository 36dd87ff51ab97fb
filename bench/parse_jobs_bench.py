"""parse --jobs benchmark: ``noticecli parse --jobs N`` against ``--jobs 1`` on the corpus.

The inputs are the pages of ../shared/corpus and fixtures/pages (the folders given with
``--corpus``), each listed ``--copies`` times (the same files again: they stay in the page
cache, so the runs measure parsing, not the disk). Each run is a child process,
``python -m noticecli parse --jobs N FILE… > /dev/null``, timed from start to exit (wall
clock) with its CPU time (its own and its workers', from ``getrusage``). The job counts
alternate within each round, so that a busy moment of the machine hurts each alike; each
run's output is hashed, and every ``--jobs`` must give the same bytes as ``--jobs 1``.
The peer, for each N > 1, is what the machine gives without any pool: N plain ``--jobs 1``
processes at once, each on every N-th input (shown as ``N × 1``).

    python bench/parse_jobs_bench.py [--jobs 1 2] [--rounds 7] [--copies 40]
                                     [--corpus DIR ...] [--json]

Prints, per job count: the median and best wall time, the median CPU time, and the speed-up
over ``--jobs 1`` (median over median, and best over best); the load average before and
after (other processes on the machine take CPUs from the runs). Target: ``--jobs 2`` at
least 1.7× faster than ``--jobs 1`` on 2 CPUs. A single pass over the inputs
(``--copies 1``) is timed too: with so few pages the start-up of the process and its
workers weighs more.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = (REPO.parent / "shared" / "corpus", REPO / "fixtures" / "pages")
SUFFIXES = {".html", ".htm", ".shtml", ".txt"}
TARGET = 1.7


@dataclass
class Runs:
    jobs: int
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    digests: set[str] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def best(self) -> float:
        return min(self.wall)


def pages(corpora: list[Path]) -> list[Path]:
    found = []
    for folder in corpora:
        if not folder.is_dir():
            print(f"# {folder}: not present, skipped", file=sys.stderr)
            continue
        found += sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)
    return found


def run_once(jobs: int, inputs: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (the process and its workers) and the output's digest."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "noticecli", "parse", "--jobs", str(jobs), *inputs],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, hashlib.sha256(done.stdout).hexdigest()


def run_split(parts: int, inputs: list[str]) -> tuple[float, float, str]:
    """The peer: ``parts`` plain ``--jobs 1`` processes at once, each on its share of the
    inputs (as ``xargs -P`` would run them): what the machine gives without any pool."""
    shares = [inputs[i::parts] for i in range(parts)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "noticecli", "parse", *share],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for share in shares
    ]
    for child in children:
        child.wait()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, "split"


def bench(job_counts: list[int], inputs: list[str], rounds: int) -> list[Runs]:
    """Each job count, and (as job count -N) N plain processes on shares of the inputs."""
    kinds = [*job_counts, *(-jobs for jobs in job_counts if jobs > 1)]
    runs = {kind: Runs(kind) for kind in kinds}
    for number in range(rounds):
        for kind in kinds if number % 2 == 0 else kinds[::-1]:
            if kind > 0:
                wall, cpu, digest = run_once(kind, inputs)
            else:
                wall, cpu, digest = run_split(-kind, inputs)
            runs[kind].wall.append(wall)
            runs[kind].cpu.append(cpu)
            runs[kind].digests.add(digest)
    return [runs[kind] for kind in kinds]


def report(title: str, results: list[Runs]) -> list[str]:
    base = results[0]
    lines = [
        title,
        f"  {'--jobs':>6} {'median s':>9} {'best s':>7} {'cpu s':>6} {'speed-up':>9} "
        f"{'(best)':>7}  output",
    ]
    for runs in results:
        if runs.jobs < 0:
            same, name = "(not compared)", f"{-runs.jobs} × 1"
        else:
            one = runs.digests == base.digests and len(runs.digests) == 1
            same, name = ("same" if one else "DIFFERS"), str(runs.jobs)
        lines.append(
            f"  {name:>6} {runs.median:>9.2f} {runs.best:>7.2f} "
            f"{statistics.median(runs.cpu):>6.2f} {base.median / runs.median:>8.2f}× "
            f"{base.best / runs.best:>6.2f}×  {same}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], metavar="N")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--copies", type=int, default=40, help="each page listed N times [40]")
    parser.add_argument("--corpus", type=Path, nargs="+", metavar="DIR")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.jobs[0] != 1:
        args.jobs.insert(0, 1)  # the baseline
    found = pages(args.corpus or list(DEFAULT_CORPORA))
    if not found:
        parser.error("no pages found")
    load_before = os.getloadavg()
    single = bench(args.jobs, [str(p) for p in found], args.rounds)
    many_inputs = [str(p) for p in found] * args.copies
    many = bench(args.jobs, many_inputs, args.rounds)
    load_after = os.getloadavg()
    size = sum(p.stat().st_size for p in found)
    if args.json:
        payload = {
            "pages": len(found),
            "bytes": size,
            "copies": args.copies,
            "cpus": os.cpu_count(),
            "load_before": load_before,
            "load_after": load_after,
            "single_pass": [asdict(r) | {"digests": len(r.digests)} for r in single],
            "copies_pass": [asdict(r) | {"digests": len(r.digests)} for r in many],
        }
        print(json.dumps(payload, indent=2))
        return
    lines = [
        f"{len(found)} pages ({size / 1024:.0f} KiB), {os.cpu_count()} CPUs, "
        f"{args.rounds} rounds; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after",
        "",
        *report(f"one pass ({len(found)} inputs)", single),
        "",
        *report(f"{args.copies} copies ({len(many_inputs)} inputs)", many),
    ]
    two = next((r for r in many if r.jobs == 2), None)
    split = next((r for r in many if r.jobs == -2), None)
    if two is not None and split is not None:
        ratio = many[0].median / two.median
        verdict = "met" if ratio >= TARGET else "MISSED"
        lines += [
            f"  target --jobs 2 ≥ {TARGET}× --jobs 1 (medians): {ratio:.2f}×: {verdict}",
            f"  --jobs 2 against two plain processes on halves (medians): "
            f"{split.median / two.median:.2f}×",
        ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
