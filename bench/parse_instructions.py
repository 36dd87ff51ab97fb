"""Parse cost in CPU instructions (valgrind), for comparing two trees on a noisy machine.

    python bench/parse_instructions.py [--passes N] [--corpus DIR ...] [--tool NAME ...]

Wall-clock timings on a shared VM vary by tens of percent from one minute to the next; the
number of instructions a pass over the corpus executes does not. This runs a child Python
under ``valgrind --tool=callgrind`` twice per tool, once parsing every page ``--passes``
times and once parsing none (start-up, imports and the warm-up pass cancel out), and prints
the difference per corpus pass, in millions of instructions:

* ``floor``: ``LexborHTMLParser(html).body.text()``, the bare selectolax floor of
  ``parse_bench.py``;
* ``noticecli``: ``noticecli.parse_html(html)`` with normalization;
* ``oracle``: the same, told for free which pages are no listing: on those the listing
  decision (the list search, the script and comment lists, the JS-list hints) is skipped
  and only the article test runs. Not a parser anyone can have; it measures the most an
  exact, cheap test in front of the list search could save.

Instructions are not time (Python's interpreter loop runs fewer instructions per cycle than
Lexbor's C), so the ratio here is not the ratio ``parse_bench.py`` reports; use it to see
whether a change made the parser cheaper, then confirm with ``parse_bench.py``. Needs
valgrind (``apt install valgrind``); about 10 s of valgrind per pass and tool.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = (REPO / "fixtures" / "pages", REPO.parent / "shared" / "corpus")

CHILD = """
import sys
from pathlib import Path
from noticecli.decode import decode_bytes
tool, passes, folders = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
pages = [
    decode_bytes(path.read_bytes()).text
    for folder in folders
    for path in sorted(Path(folder).iterdir())
    if path.suffix in {".html", ".htm", ".shtml"}
]
if tool == "floor":
    from selectolax.lexbor import LexborHTMLParser

    def run(html):
        return LexborHTMLParser(html).body.text()
else:
    import noticecli

    run = noticecli.parse_html
if tool == "oracle":
    from noticecli.parse import html as html_parser
    from noticecli.parse.article import has_article_body

    listings = {html for html in pages if noticecli.parse_html(html).kind == "listing"}
    full_decision = html_parser._listing
    current = [""]

    def told(tree, url, base_url, select, rules, kind):
        if kind is None and current[0] not in listings:
            has_article_body(tree, select)
            return None
        return full_decision(tree, url, base_url, select, rules, kind)

    html_parser._listing = told

    def run(html):
        current[0] = html
        return noticecli.parse_html(html)
for html in pages:
    run(html)
for _ in range(passes):
    for html in pages:
        run(html)
"""


def instructions(tool: str, passes: int, folders: list[str]) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-c",
        CHILD,
        tool,
        str(passes),
        *folders,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(match.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--tool", choices=("floor", "noticecli", "oracle"), action="append")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 1
    folders = [str(path) for path in (args.corpus or DEFAULT_CORPORA) if path.is_dir()]
    pages = sum(
        1
        for folder in folders
        for path in Path(folder).iterdir()
        if path.suffix in {".html", ".htm", ".shtml"}
    )
    print(f"{pages} pages, {args.passes} passes, valgrind callgrind")
    counts: dict[str, float] = {}
    for tool in args.tool or ["floor", "noticecli"]:
        idle = instructions(tool, 0, folders)
        busy = instructions(tool, args.passes, folders)
        counts[tool] = (busy - idle) / args.passes / 1e6
        print(f"  {tool:10s} {counts[tool]:8.1f} M instructions per corpus pass")
    if "floor" in counts and "noticecli" in counts:
        print(f"  noticecli / floor = {counts['noticecli'] / counts['floor']:.2f}x (instructions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
