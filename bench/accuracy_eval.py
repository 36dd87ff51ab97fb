"""Accuracy of noticecli (and trafilatura, GNE) against hand-read facts, per field and page.

    python bench/accuracy_eval.py DIR [DIR ...] [--facts FACTS_DIR ...] [--markdown]

Every file of each DIR that has a facts file (tests/facts.py, fixtures/README.md) is parsed
by every tool and scored fact by fact (tests/accuracy.py). A page's facts file is
``<page file name>.json`` in the first of: each ``--facts`` folder, DIR itself, and a
``facts`` folder beside DIR (so ``fixtures/pages`` finds ``fixtures/facts``). Pages without
one are skipped and counted.

Printed: accuracy per field for each tool, the core total (every field but kind and
body_excludes) and the all-facts total, per template family when the facts name one,
per page, and the misses of noticecli (page, field, expected, got). trafilatura and GNE come
from the ``[bench]`` extra; they are scored on the fields they produce (title, published_at
by day, body text: first and last paragraph looked up anywhere in it, must-contain and
must-not-contain strings) and their other facts count as misses in the all-facts line. A
peer that is not installed is left out with a note.

A report, not a test: it exits 0 whatever the numbers are (1 for a missing folder or a
malformed facts file, 2 for bad options). The accuracy gate is tests/test_accuracy_gate.py;
``--write-baseline FILE --suite NAME`` records noticecli's per-field numbers for it.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import noticecli  # noqa: E402
from noticecli.decode import decode_bytes  # noqa: E402
from tests.accuracy import (  # noqa: E402
    CORE_FIELDS,
    FIELDS,
    Extraction,
    Outcome,
    Tally,
    by_field,
    facts_count,
    from_notice,
    score,
    tally,
)
from tests.facts import FactsError, PageFacts, dump, facts_path, load, norm  # noqa: E402

PEER_FIELDS = frozenset(
    {"title", "published_at", "first_paragraph", "last_paragraph", "body_contains", "body_excludes"}
)
_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")

Tool = Callable[[Path, bytes], Extraction]


def run_noticecli(path: Path, data: bytes) -> Extraction:
    return from_notice(noticecli.parse_file(path))


def _day(value: str | None) -> str | None:
    match = _YMD.search(value or "")
    if match is None:
        return None
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _text_extraction(title: str | None, date: str | None, text: str | None) -> Extraction:
    lines = [norm(line) or "" for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    return Extraction(
        produces=PEER_FIELDS,
        title=norm(title) or None,
        published_at=_day(date),
        paragraphs=lines,
        body_text="\n".join(lines),
        paragraphs_ordered=False,
        day_only=True,
    )


def load_peers() -> tuple[dict[str, Tool], dict[str, str]]:
    """The peers that can run here, and why the others cannot."""
    peers: dict[str, Tool] = {}
    missing: dict[str, str] = {}
    try:
        from trafilatura import bare_extraction

        for name in ("trafilatura", "htmldate", "courlan", "justext"):
            logging.getLogger(name).setLevel(logging.CRITICAL)

        def run_trafilatura(path: Path, data: bytes) -> Extraction:
            document = bare_extraction(
                decode_bytes(data).text, with_metadata=True, include_tables=True
            )
            if document is None:
                return _text_extraction(None, None, None)
            return _text_extraction(document.title, document.date, document.text)

        peers["trafilatura"] = run_trafilatura
    except Exception as error:  # ImportError, or a broken dependency chain
        missing["trafilatura"] = f"{type(error).__name__}: {error}"
    try:
        from gne import GeneralNewsExtractor  # type: ignore[import-untyped]

        extractor = GeneralNewsExtractor()

        def run_gne(path: Path, data: bytes) -> Extraction:
            result = extractor.extract(decode_bytes(data).text)
            return _text_extraction(
                result.get("title"), result.get("publish_time"), result.get("content")
            )

        peers["gne"] = run_gne
    except Exception as error:
        missing["gne"] = f"{type(error).__name__}: {error}"
    return peers, missing


@dataclass
class Result:
    tools: list[str]
    pages: list[PageFacts] = field(default_factory=list)
    outcomes: dict[str, list[Outcome]] = field(default_factory=dict)  # by tool
    errors: dict[str, list[str]] = field(default_factory=dict)  # by tool: "page: error"
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # files without facts


def find_pages(folders: Sequence[Path], facts_folders: Sequence[Path]) -> Result:
    result = Result(tools=[])
    for folder in folders:
        if not folder.is_dir():
            raise FactsError(f"{folder}: not a folder")
        candidates = [*facts_folders, folder, folder.parent / "facts"]
        for page in sorted(folder.iterdir()):
            if not page.is_file() or page.suffix in (".json", ".md") or page.name.startswith("."):
                continue
            found = next(
                (p for p in (facts_path(c, page.name) for c in candidates) if p.is_file()), None
            )
            if found is None:
                result.skipped.append(str(page))
                continue
            loaded = load(found)
            result.pages.append(
                PageFacts(page=str(page), path=found, facts=loaded.facts, family=loaded.family)
            )
    return result


def evaluate(result: Result, tools: dict[str, Tool]) -> Result:
    result.tools = list(tools)
    for name in tools:
        result.outcomes[name] = []
        result.errors[name] = []
        result.seconds[name] = 0.0
    for page in result.pages:
        path = Path(page.page)
        data = path.read_bytes()
        shown = PageFacts(page=path.name, path=page.path, facts=page.facts, family=page.family)
        for name, tool in tools.items():
            started = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    extraction = tool(path, data)
            except Exception as error:  # a peer that crashes on a page answers nothing
                result.errors[name].append(f"{path.name}: {type(error).__name__}: {error}")
                extraction = Extraction(produces=frozenset())
            result.seconds[name] += time.perf_counter() - started
            result.outcomes[name] += score(shown, extraction)
    return result


# -- printing --------------------------------------------------------------------------------


def percent(t: Tally | None) -> str:
    if t is None or t.accuracy is None:
        return "—"
    return f"{100 * t.accuracy:.1f}%"


class Table:
    def __init__(self, header: list[str], markdown: bool) -> None:
        self.header = header
        self.rows: list[list[str]] = []
        self.markdown = markdown

    def add(self, row: list[str]) -> None:
        self.rows.append(row)

    def render(self) -> str:
        if self.markdown:
            lines = ["| " + " | ".join(self.header) + " |"]
            lines.append("|" + "|".join(["---"] + ["---:"] * (len(self.header) - 1)) + "|")
            lines += ["| " + " | ".join(row) + " |" for row in self.rows]
            return "\n".join(lines)
        widths = [
            max(_width(row[i]) for row in [self.header, *self.rows])
            for i in range(len(self.header))
        ]
        out = []
        for row in [self.header, *self.rows]:
            cells = [row[0] + " " * (widths[0] - _width(row[0]))]
            cells += [" " * (w - _width(c)) + c for c, w in zip(row[1:], widths[1:], strict=True)]
            out.append("  ".join(cells).rstrip())
        return "\n".join(out)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def field_table(result: Result, markdown: bool) -> str:
    table = Table(["field", "facts", *result.tools], markdown)
    tallies = {tool: by_field(result.outcomes[tool]) for tool in result.tools}
    reference = result.outcomes[result.tools[0]]
    for name in FIELDS:
        if name not in tallies[result.tools[0]]:
            continue
        row = [name, str(facts_count(o for o in reference if o.field == name))]
        for tool in result.tools:
            produced = tool == "noticecli" or name in PEER_FIELDS
            row.append(percent(tallies[tool][name]) if produced else "—")
        table.add(row)
    core = {t: tally(o for o in result.outcomes[t] if o.field in CORE_FIELDS) for t in result.tools}
    core_facts = facts_count(o for o in reference if o.field in CORE_FIELDS)
    table.add(["core facts", str(core_facts), *map(percent, core.values())])
    table.add(
        [
            "all facts",
            str(facts_count(reference)),
            *(percent(tally(result.outcomes[t])) for t in result.tools),
        ]
    )
    if len(result.tools) > 1:
        produced = facts_count(o for o in reference if o.field in PEER_FIELDS)
        row = ["fields peers produce", str(produced)]
        for tool in result.tools:
            row.append(percent(tally(o for o in result.outcomes[tool] if o.field in PEER_FIELDS)))
        table.add(row)
    return table.render()


def family_table(result: Result, markdown: bool) -> str | None:
    families = {Path(p.page).name: p.family for p in result.pages if p.family}
    if not families:
        return None
    names = sorted(set(families.values()))
    table = Table(["family", "pages", "core facts", *result.tools], markdown)
    for family in names:
        pages = {page for page, f in families.items() if f == family}
        row = [family, str(len(pages))]
        for index, tool in enumerate(result.tools):
            chosen = [
                o for o in result.outcomes[tool] if o.page in pages and o.field in CORE_FIELDS
            ]
            if index == 0:
                row.append(str(facts_count(chosen)))
            row.append(percent(tally(chosen)))
        table.add(row)
    return table.render()


def page_table(result: Result, markdown: bool) -> str:
    table = Table(["page", "core facts", *result.tools], markdown)
    for page in result.pages:
        name = Path(page.page).name
        row = [name]
        for index, tool in enumerate(result.tools):
            chosen = [o for o in result.outcomes[tool] if o.page == name and o.field in CORE_FIELDS]
            if index == 0:
                row.append(str(facts_count(chosen)))
            row.append(percent(tally(chosen)))
        table.add(row)
    return table.render()


def _short(value: Any, limit: int = 90) -> str:
    if value is None:
        return "null"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def misses(result: Result, tool: str) -> list[str]:
    return [
        f"{o.page}\t{o.field}\texpected {_short(o.expected)}\tgot {_short(o.got)}"
        for o in result.outcomes[tool]
        if not o.hit
    ]


def as_json(result: Result) -> dict[str, Any]:
    def plain(t: Tally) -> dict[str, Any]:
        return {"hits": t.hits, "outcomes": t.total, "accuracy": t.accuracy}

    return {
        "pages": [Path(p.page).name for p in result.pages],
        "skipped": result.skipped,
        "tools": {
            tool: {
                "fields": {k: plain(v) for k, v in by_field(result.outcomes[tool]).items()},
                "core": plain(tally(o for o in result.outcomes[tool] if o.field in CORE_FIELDS)),
                "all": plain(tally(result.outcomes[tool])),
                "seconds": round(result.seconds[tool], 3),
                "errors": result.errors[tool],
                "misses": [
                    {
                        "page": o.page,
                        "field": o.field,
                        "expected": o.expected,
                        "got": o.got,
                        "extra": o.extra,
                    }
                    for o in result.outcomes[tool]
                    if not o.hit
                ],
            }
            for tool in result.tools
        },
    }


def write_baseline(path: Path, suite: str, result: Result) -> None:
    """Record noticecli's per-field hits and facts under ``suite`` (other suites kept)."""
    recorded = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    fields = by_field(result.outcomes["noticecli"])
    recorded[suite] = {
        name: {"hits": t.hits, "outcomes": t.total, "accuracy": round(t.accuracy or 0.0, 4)}
        for name, t in fields.items()
    }
    path.write_text(dump(recorded), "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, metavar="DIR", help="folders of pages")
    parser.add_argument(
        "--facts",
        action="append",
        type=Path,
        default=[],
        metavar="FACTS_DIR",
        help="a folder of facts files, looked in first (repeatable)",
    )
    parser.add_argument("--no-peers", action="store_true", help="run noticecli only")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead")
    parser.add_argument(
        "--misses",
        default="noticecli",
        metavar="TOOL",
        help="list the misses of this tool (noticecli, trafilatura, gne, or none)",
    )
    parser.add_argument("--write-baseline", type=Path, metavar="FILE", help="record the floor")
    parser.add_argument("--suite", help="the suite name under which --write-baseline records")
    args = parser.parse_args(argv)
    if args.write_baseline and not args.suite:
        parser.error("--write-baseline needs --suite")

    try:
        result = find_pages(args.folders, args.facts)
    except FactsError as error:
        print(f"accuracy_eval: {error}", file=sys.stderr)
        return 1
    tools: dict[str, Tool] = {"noticecli": run_noticecli}
    missing: dict[str, str] = {}
    if not args.no_peers:
        peers, missing = load_peers()
        tools.update(peers)
    evaluate(result, tools)
    for name, why in missing.items():
        print(f"note: {name} left out ({why}); pip install -e '.[bench]'", file=sys.stderr)
    if result.skipped:
        print(f"note: {len(result.skipped)} file(s) without a facts file skipped", file=sys.stderr)
    for tool, errors in result.errors.items():
        for error in errors:
            print(f"note: {tool} failed on {error}", file=sys.stderr)
    if args.write_baseline:
        write_baseline(args.write_baseline, args.suite, result)
        print(f"recorded {args.suite} in {args.write_baseline}", file=sys.stderr)

    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        return 0
    folders = ", ".join(str(f) for f in args.folders)
    print(f"Accuracy on {len(result.pages)} pages ({folders})\n")
    print(field_table(result, args.markdown))
    families = family_table(result, args.markdown)
    if families:
        print("\nPer template family (core facts)\n")
        print(families)
    print("\nPer page (core facts)\n")
    print(page_table(result, args.markdown))
    if args.misses != "none" and args.misses in result.outcomes:
        listed = misses(result, args.misses)
        print(f"\nMisses of {args.misses} ({len(listed)}): page, field, expected, got\n")
        print("\n".join(listed) if listed else "(none)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader (head, less) stopped early
        sys.stderr.close()
        sys.exit(0)
