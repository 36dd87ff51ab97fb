"""Cost of date repair in CPU instructions (valgrind), for comparing two trees on a noisy machine.

    python bench/date_instructions.py [--tree DIR] [--passes N] [--n N] [--forms N]
    python bench/date_instructions.py --cpu ROUNDS --passes 15 [--tree DIR] ...

Wall-clock timings on a shared VM vary by tens of percent from one minute to the next; the
number of instructions a pass executes does not. This runs ``normalize`` (what `noticecli
normalize` runs) over the damaged texts of ``bench/date_repair_eval.py`` (its real corpus,
synthetic narratives and form documents, same seed and damage) in a child Python under
``valgrind --tool=callgrind``. The child generates the texts and makes one pass to warm up
(patterns compiled on first use), then runs ``--passes`` passes inside ``breakpoint()``:
callgrind counts only inside that call (``--toggle-collect=builtin_breakpoint``), so start-up,
imports and generating the texts are left out. Each pass starts with the run-shape cache
empty, as the evaluation times it; hashing is seeded (``PYTHONHASHSEED=0``), so a count
repeats to the instruction. It prints millions of instructions per pass of each set.
``--tree DIR`` runs another checkout's ``noticecli`` (a ``git archive`` of main, say) on the
same texts, so two trees compare in one run.

``--cpu ROUNDS`` times the same passes without valgrind instead: the trees in turn, ROUNDS
times, each the best CPU time (``time.process_time``) of one pass over ``--passes`` passes;
the best of all per tree, and each other tree's time over this one's (its throughput ratio).

Instructions are not time; use the ratio to see whether a change made repair cheaper, and
``date_repair_eval.py``'s timings to see what a user waits. Needs valgrind (``apt install
valgrind``) and a CPython whose symbols valgrind can read; a minute or two per set and tree.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETS = ("real", "narratives", "forms")

CHILD = """
import os, random, sys
sys.path.insert(0, sys.argv[1])
import date_repair_eval as ev
from noticecli.pipeline import normalize_text

bench, which, passes, count, seed, folders = (
    sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6:]
)
observances = ev.load_observances()
tally = ev.Tally()
if which == "real":
    from pathlib import Path

    rng, found, texts = random.Random(seed), [], []
    for folder in map(Path, folders):
        published = ev._sources_published(folder)
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".html", ".htm", ".txt"):
                texts.append(ev.real_text(path, published.get(path.name), found))
    docs = [ev.damaged_doc(n, t, p, rng, 0.7, tally, observances) for n, t, p in texts]
elif which == "narratives":
    rng = random.Random(f"{seed}/narratives")
    docs = [ev.synthetic_doc(i, rng, 0.7, tally, 0.3) for i in range(count)]
else:
    rng, docs = random.Random(f"{seed}/forms"), []
    for i in range(count):
        text, published = ev.form_text(rng, observances)
        docs.append(ev.damaged_doc(f"forms-{i}", text, published, rng, 0.7, tally, observances))
work = [(doc.text(damaged=True), doc.published) for doc in docs]
shapes = getattr(ev.date_scan, "_SHAPES", {})


def run(passes):
    for _ in range(passes):
        shapes.clear()  # cold, as date_repair_eval.py times it
        for text, published in work:
            normalize_text(text, published=published)


run(1)  # warm-up: patterns compiled on first use
if os.environ.get("DATE_BENCH_CPU"):  # --cpu: the best CPU time of one pass
    import time

    best = float("inf")
    for _ in range(passes):
        started = time.process_time()
        run(1)
        best = min(best, time.process_time() - started)
    print(best)
else:
    sys.breakpointhook = lambda: run(passes)
    breakpoint()  # callgrind counts inside this call only
"""


def instructions(
    tree: Path, which: str, passes: int, count: int, seed: int, folders: list[str]
) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        "--toggle-collect=builtin_breakpoint",
        sys.executable,
        "-c",
        CHILD,
        str(REPO / "bench"),
        which,
        str(passes),
        str(count),
        str(seed),
        *folders,
    ]
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tree, env=env)
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None or match.group(1) == "0":
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(match.group(1))


def cpu_seconds(
    tree: Path, which: str, passes: int, count: int, seed: int, folders: list[str]
) -> float:
    """The best CPU time of one pass over ``passes`` passes, without valgrind."""
    command = [sys.executable, "-c", CHILD, str(REPO / "bench"), which, str(passes)]
    command += [str(count), str(seed), *folders]
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0", "DATE_BENCH_CPU": "1"}
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tree, env=env)
    return float(done.stdout.split()[-1])


def compare_cpu(
    args: argparse.Namespace, trees: list[Path], counts: dict[str, int], folders: list[str]
) -> None:
    """--cpu: the trees in turn, ``--cpu`` rounds, each the best of ``--passes`` passes."""
    print(f"normalize over the damaged texts, CPU seconds per pass (best of {args.passes})")
    for which in args.sets or SETS:
        best = dict.fromkeys(trees, float("inf"))
        for _ in range(args.cpu):
            for tree in trees:
                seconds = cpu_seconds(tree, which, args.passes, counts[which], args.seed, folders)
                best[tree] = min(best[tree], seconds)
        for tree in trees:
            print(f"  {which:10s} {tree!s:40s} {best[tree] * 1000:8.1f} ms per pass")
        for tree in trees[1:]:
            ratio = best[tree] / best[trees[0]]
            print(f"  {which:10s} throughput, this tree / {tree.name}: {ratio:.2f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, action="append", help="another checkout")
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--n", type=int, default=500, help="synthetic narratives")
    parser.add_argument("--forms", type=int, default=300, help="synthetic form documents")
    parser.add_argument("--seed", type=int, default=20200506)
    parser.add_argument("--corpus", type=Path, action="append", help="folder of .html/.txt")
    parser.add_argument("--set", choices=SETS, action="append", dest="sets")
    parser.add_argument(
        "--cpu", type=int, metavar="ROUNDS", help="CPU time instead (no valgrind), ROUNDS rounds"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "bench"))
    from date_repair_eval import DEFAULT_CORPORA

    folders = [str(path.resolve()) for path in (args.corpus or DEFAULT_CORPORA) if path.is_dir()]
    trees = [REPO, *(tree.resolve() for tree in args.tree or [])]
    counts = {"real": 0, "narratives": args.n, "forms": args.forms}
    if args.cpu:
        compare_cpu(args, trees, counts, folders)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 1
    print(f"normalize over the damaged texts, {args.passes} passes, valgrind callgrind")
    for which in args.sets or SETS:
        results = []
        for tree in trees:
            count = instructions(tree, which, args.passes, counts[which], args.seed, folders)
            results.append(count / args.passes / 1e6)
            print(f"  {which:10s} {tree!s:40s} {results[-1]:8.1f} M instructions per pass")
        for tree, result in zip(trees[1:], results[1:], strict=True):
            print(f"  {which:10s} this tree / {tree.name}: {results[0] / result:.2f}x instructions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
