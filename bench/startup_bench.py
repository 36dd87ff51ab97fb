"""CLI start-up: `noticecli parse` on a small page against the floor of its two C-backed deps.

    python bench/startup_bench.py [--repeat N] [--page FILE] [--json]

Times, as the median wall clock of ``--repeat`` subprocess runs each (interleaved, one
warm-up each, output to /dev/null):

* ``python -m noticecli parse fixtures/pages/09_no-header-block.html`` (the CLI, default
  JSON output);
* ``python -c "import click, selectolax.lexbor"`` (the floor: what any click + selectolax
  CLI has to import; target: noticecli at most 1.5x of it);
* ``python -c pass`` (the bare interpreter, for reference).

Both with bytecode caching (``cached``: a private PYTHONPYCACHEPREFIX filled by the
warm-up, which is what an installed package gets) and without (``source``:
PYTHONDONTWRITEBYTECODE=1, which this dev environment sets, so the editable noticecli is
compiled from source on every start while pip-installed click/selectolax keep their .pyc).

Then, in a fresh interpreter, runs the parse through ``noticecli.cli.main(...,
standalone_mode=False)`` and reports whether httpx, rich or other heavy modules ended up in
``sys.modules``; and runs the CLI under ``python -X importtime`` to list the slowest imports
and, for every heavy one, the chain of modules that pulled it in.

A benchmark, not a test: it prints numbers and never fails on them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAGE = REPO / "fixtures" / "pages" / "09_no-header-block.html"
TARGET = 1.5  # noticecli start-up / floor must be at most this
# Modules `parse` with JSON output should not need; each is checked in sys.modules.
MODES = ("cached", "source")
MODE_NOTES = {
    "cached": "a private PYTHONPYCACHEPREFIX, .pyc written by the warm-up, as installed",
    "source": "PYTHONDONTWRITEBYTECODE=1, as in this dev env: editable noticecli recompiled",
}
UNWANTED = ("httpx", "rich", "charset_normalizer", "cn2an", "jsonschema", "anyio", "h11")

CHECK_SCRIPT = """
import time
t0 = time.perf_counter()
import io, json, sys, contextlib
import noticecli.cli
t1 = time.perf_counter()
buffer = io.StringIO()
with contextlib.redirect_stdout(buffer):
    code = noticecli.cli.main(["parse", sys.argv[1]], standalone_mode=False)
t2 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    noticecli.cli.main(["parse", sys.argv[1]], standalone_mode=False)
t3 = time.perf_counter()
wanted = json.loads(sys.argv[2])
top = sorted({name.split(".")[0] for name in sys.modules})
print(json.dumps({
    "exit": code,
    "output_chars": len(buffer.getvalue()),
    "import_cli_ms": (t1 - t0) * 1e3,
    "first_parse_ms": (t2 - t1) * 1e3,
    "second_parse_ms": (t3 - t2) * 1e3,
    "loaded": {name: name in sys.modules for name in wanted},
    "top_level_modules": top,
}))
"""


@dataclass
class ImportLine:
    self_us: int
    cumulative_us: int
    depth: int
    module: str


def bytecode_env(mode: str, prefix: Path) -> dict[str, str]:
    """Environment for the child interpreters.

    ``cached``: bytecode is written to and read from a private PYTHONPYCACHEPREFIX (the
    warm-up fills it), as for any installed package. ``source``: PYTHONDONTWRITEBYTECODE=1
    and no prefix, so modules without a .pyc next to them (an editable noticecli) are
    compiled from source on every start, while pip-installed click/selectolax keep theirs.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPYCACHEPREFIX",)}
    if mode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(prefix)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_quiet(command: Sequence[str], env: dict[str, str]) -> int:
    """Wall time of one subprocess run in ns; output goes to /dev/null."""
    start = time.perf_counter_ns()
    completed = subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter_ns() - start
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {completed.returncode}")
    return elapsed


def time_commands(
    commands: dict[str, list[str]], repeat: int, env: dict[str, str]
) -> dict[str, list[int]]:
    for command in commands.values():  # warm-up: page cache, .pyc files
        run_quiet(command, env)
    samples: dict[str, list[int]] = {name: [] for name in commands}
    names = list(commands)
    for r in range(repeat):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(run_quiet(commands[name], env))
    return samples


def check_modules(page: Path, env: dict[str, str]) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-c", CHECK_SCRIPT, str(page), json.dumps(list(UNWANTED))],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=True,
    )
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def import_times(page: Path, env: dict[str, str]) -> list[ImportLine]:
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "noticecli", "parse", str(page)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
        check=True,
    )
    lines: list[ImportLine] = []
    for raw in completed.stderr.splitlines():
        if not raw.startswith("import time:") or "[us]" in raw:
            continue
        self_part, cumulative_part, name_part = raw[len("import time:") :].split("|", 2)
        stripped = name_part.lstrip(" ")
        # one leading space, then two per nesting level
        depth = (len(name_part) - len(stripped) - 1) // 2
        lines.append(ImportLine(int(self_part), int(cumulative_part), depth, stripped.rstrip()))
    return lines


def import_chain(lines: Sequence[ImportLine], index: int) -> list[str]:
    """The modules that imported lines[index], outermost first.

    -X importtime prints a module after everything it imported, so the importer of a line is
    the first later line one level shallower.
    """
    chain = [lines[index].module]
    depth = lines[index].depth
    for line in lines[index + 1 :]:
        if line.depth < depth:
            chain.append(line.module)
            depth = line.depth
            if depth == 0:
                break
    return list(reversed(chain))


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per command")
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE, help="page to parse")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    page: Path = args.page if args.page.is_absolute() else REPO / args.page

    commands = {
        "noticecli parse": [sys.executable, "-m", "noticecli", "parse", str(page)],
        "floor (click+selectolax)": [sys.executable, "-c", "import click, selectolax.lexbor"],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    timings: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="noticecli-pycache-") as prefix:
        for mode in MODES:
            env = bytecode_env(mode, Path(prefix))
            samples = time_commands(commands, args.repeat, env)
            medians = {name: statistics.median(v) / 1e6 for name, v in samples.items()}
            ratio = medians["noticecli parse"] / medians["floor (click+selectolax)"]
            timings[mode] = {
                "median_ms": medians,
                "min_ms": {name: min(v) / 1e6 for name, v in samples.items()},
                "ratio": ratio,
                "target_met": ratio <= TARGET,
            }
        cached_env = bytecode_env("cached", Path(prefix))
        modules = check_modules(page, cached_env)
        lines = import_times(page, cached_env)

    slowest = sorted(range(len(lines)), key=lambda i: lines[i].cumulative_us, reverse=True)[:10]
    slowest_self = sorted(range(len(lines)), key=lambda i: lines[i].self_us, reverse=True)[:10]
    heavy_chains = {
        line.module: import_chain(lines, i)
        for i, line in enumerate(lines)
        if line.module.split(".")[0] in UNWANTED and "." not in line.module
    }
    total_import_us = sum(line.cumulative_us for line in lines if line.depth == 0)
    noticecli_us = sum(
        line.cumulative_us
        for line in lines
        if line.depth == 0 and line.module.split(".")[0] == "noticecli"
    )

    report: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "nproc": os.cpu_count(),
            "versions": {
                d: _version(d) for d in ("noticecli", "click", "selectolax", "httpx", "rich")
            },
        },
        "repeat": args.repeat,
        "page": str(page.relative_to(REPO) if page.is_relative_to(REPO) else page),
        "target": TARGET,
        "timings": timings,
        "modules": modules,
        "importtime_total_top_level_us": total_import_us,
        "importtime_noticecli_us": noticecli_us,
        "slowest_cumulative": [
            {
                "module": lines[i].module,
                "cumulative_us": lines[i].cumulative_us,
                "self_us": lines[i].self_us,
                "chain": import_chain(lines, i),
            }
            for i in slowest
        ],
        "slowest_self": [
            {
                "module": lines[i].module,
                "self_us": lines[i].self_us,
                "chain": import_chain(lines, i),
            }
            for i in slowest_self
        ],
        "heavy_import_chains": heavy_chains,
    }
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
        return 0

    facts = report["machine"]
    print(
        f"Python {facts['python']} on {facts['platform']}, nproc {facts['nproc']}; "
        + ", ".join(f"{k} {v}" for k, v in facts["versions"].items())
    )
    print(f"page {report['page']}, {args.repeat} runs each, interleaved, one warm-up")
    for mode in MODES:
        result = timings[mode]
        medians = result["median_ms"]
        print()
        print(f"bytecode: {mode} ({MODE_NOTES[mode]})")
        print(f"  {'command':<28} {'median ms':>10} {'min ms':>8} {'over bare python ms':>20}")
        for name in commands:
            extra = medians[name] - medians["python -c pass"]
            print(
                f"  {name:<28} {medians[name]:>10.1f} {result['min_ms'][name]:>8.1f} "
                f"{'' if name == 'python -c pass' else f'{extra:.1f}':>20}"
            )
        verdict = "MET" if result["target_met"] else "MISSED"
        print(
            f"  noticecli parse / floor = {result['ratio']:.2f}x (target <= {TARGET:g}x): {verdict}"
        )
    print()
    print(
        f"in-process parse via noticecli.cli.main: exit {modules['exit']}, "
        f"{modules['output_chars']} chars of JSON; import noticecli.cli "
        f"{modules['import_cli_ms']:.1f} ms, first parse {modules['first_parse_ms']:.1f} ms, "
        f"second parse {modules['second_parse_ms']:.1f} ms"
    )
    for name, loaded in modules["loaded"].items():
        print(f"  {name:<20} {'IMPORTED' if loaded else 'not imported'}")
    print()
    print(
        f"-X importtime (bytecode cached): {total_import_us / 1000:.1f} ms of top-level "
        f"imports, of which noticecli {noticecli_us / 1000:.1f} ms"
    )
    print("top 10 by cumulative time (us), with the importing chain:")
    for entry in report["slowest_cumulative"]:
        via = " <- ".join(reversed(entry["chain"][:-1])) or "(top level)"
        print(f"  {entry['cumulative_us']:>8} {entry['module']:<36} {via}")
    print("top 10 by self time (us):")
    for entry in report["slowest_self"]:
        via = " <- ".join(reversed(entry["chain"][:-1])) or "(top level)"
        print(f"  {entry['self_us']:>8} {entry['module']:<36} {via}")
    if heavy_chains:
        print("unwanted modules imported, and by whom (outermost first):")
        for name, chain in heavy_chains.items():
            print(f"  {name}: {' -> '.join(chain)}")
    else:
        print("none of " + ", ".join(UNWANTED) + " imported by `parse`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
