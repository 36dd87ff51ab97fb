"""Evaluate damaged-date repair: recall on unambiguous sites, honesty on ambiguous ones,
precision, changes to clean text, the issue-10 forms, throughput.

Real text comes from the corpus folders (HTML stripped of tags, .txt as is); synthetic
narratives are generated so that the numbers rest on thousands of dates rather than the few
hundred real ones, and synthetic *form* documents put dates in the contexts issue 10 lists
(list numbers, 今年/去年, times, signatures, bylines, weekdays, ranges, observance days).
Dates found in the clean text are damaged the way extraction damages them (drop 月, 年, both,
or a closing 日; seeded), then repaired and compared with the originals. A damaged site is
*ambiguous* when its digits admit two calendar dates (121日: 1月21日 or 12月1日).

    python bench/date_repair_eval.py [--corpus DIR ...] [--seed N] [--n N] [--forms N]

A benchmark, not a test: it prints numbers and never fails on them. jionlp and dateparser
are run on the same damaged spans as references when they are importable.
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from date_cases import FORMS_TSV, Case, load_cases
from date_eval_texts import (
    _BYLINE_BEFORE,
    _LIST_MARKER,
    _RANGE_MARKS,
    _READING,
    _RELATIVE_YEARS,
    _TIME_AFTER,
    _WEEKDAY_AFTER,
    _YEAR_WRITTEN,
    DEFAULT_CORPORA,
    FORMS,
    NORMALIZING_RULES,
    Doc,
    Observance,
    Piece,
    Tally,
    _apply,
    _names_observance,
    _sentence_around,
    _sources_published,
    damaged_doc,
    form_text,
    load_observances,
    real_text,
    synthetic_doc,
)

# The repairer under test, named in these lines.
from noticecli.pipeline import normalize_text

from noticecli.repair import date_scan, dates as repairer  # isort: skip

# --------------------------------------------------------------------------- scoring


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def _lists_truth(candidates: Sequence[str], truth: datetime.date, has_day: bool) -> bool:
    """Whether one of the readings reported is the true date."""
    for candidate in candidates:
        match = _READING.search(candidate)
        if match is None or (match[1] and int(match[1]) != truth.year):
            continue
        if int(match[2]) == truth.month and (not has_day or int(match[3] or 0) == truth.day):
            return True
    return False


def site_forms(
    text: str, start: int, end: int, piece: Piece, observances: Sequence[Observance]
) -> list[str]:
    """The issue-10 forms a damaged site's context shows (several may apply)."""
    assert piece.truth is not None
    before, after = text[max(0, start - 40) : start], text[end : end + 12]
    has_year = re.match(r"\d{4}", piece.original) is not None
    forms = []
    if _LIST_MARKER.search(before):
        forms.append("list_number")
    if before.endswith(_RELATIVE_YEARS):
        forms.append("relative_year")
    if has_year and piece.ambiguous:
        forms.append("year_certain")
    if "日" in piece.mode:
        forms.append("no_ri")
    if _TIME_AFTER.match(after):
        forms.append("time_after")
    if not has_year and not _YEAR_WRITTEN.search(text, 0, start):
        forms.append("no_year")
    if _BYLINE_BEFORE.search(before):
        forms.append("byline")
    if _WEEKDAY_AFTER.match(after):
        forms.append("weekday")
    if (before and before[-1] in _RANGE_MARKS) or (after and after[0] in _RANGE_MARKS):
        forms.append("range")
    if _names_observance(_sentence_around(text, start, end), piece.truth, observances):
        forms.append("observance")
    if has_year and piece.truth.year < 1949:  # history: 1931年9月18日, 1941年6月5日
        forms.append("early_year")
    return forms or ["plain"]


def score(doc: Doc, tally: Tally, threshold: float, observances: Sequence[Observance]) -> None:
    text = doc.text(damaged=True)
    ((edits, ambiguities),) = repairer.repair_dates(
        [text], repairer.DateContext(doc.published), threshold=threshold
    )
    pos = 0
    used: set[int] = set()
    for piece in doc.pieces:
        start, end = pos, pos + len(piece.damaged)
        pos = end
        if piece.truth is None:
            continue
        inside = [i for i, e in enumerate(edits) if start <= e.start and e.end <= end]
        used.update(inside)
        forms = site_forms(text, start, end, piece, observances)
        shown = f"{doc.name}: {text[max(0, start - 10) : end + 8]!r} (truth {piece.truth})"
        reports = [a for a in ambiguities if a.start < end and start < a.end]
        listed = any(_lists_truth(a.candidates, piece.truth, piece.has_day) for a in reports)
        if reports:
            shown += f" reported {[c for a in reports for c in a.candidates]}"
        if inside:
            local = [edits[i] for i in inside]
            grown = sum(len(e.after) - (e.end - e.start) for e in local)
            repaired = _apply(text, local)[start : end + grown]
            if repaired == piece.original:
                outcome = "correct"
            elif _is_subsequence(piece.damaged, repaired) and _is_subsequence(
                repaired, piece.original
            ):
                outcome = "partial_reported" if listed else "partial_silent"
            else:
                outcome = "wrong"
            shown += f" → {repaired!r} {list(getattr(local[0], 'evidence', ()))}"
            if piece.ambiguous and outcome in ("correct", "wrong"):
                counts = tally.decided_by.setdefault(_deciding(local[0]), [0, 0])
                counts[outcome == "wrong"] += 1
        elif reports:
            outcome = "reported" if listed else "reported_wrong"
        else:
            outcome = "missed"
        tally.record(piece, outcome, forms, shown)
    stray = [e for i, e in enumerate(edits) if i not in used and e.rule not in NORMALIZING_RULES]
    tally.stray_edits += len(stray)
    tally.examples.setdefault("stray", []).extend(
        f"{doc.name}: stray {e.before!r} → {e.after!r} ({e.rule})" for e in stray
    )


# Evidence that chose between readings (the rest says the run is a date, or its year).
_CHOOSING = (
    "weekday",
    "range_order",
    "observance:",
    "publication_date",
    "deadline",
    "narrative_order",
    "digit_padding",
    "news_date",
)


def _deciding(edit: Any) -> str:
    """The evidence in an edit's record that chose its reading, as one label."""
    names = [n for n in getattr(edit, "evidence", ()) if n.startswith(_CHOOSING)]
    return "+".join(sorted(n.split(":")[0] for n in names)) or "(none recorded)"


def false_changes(docs: Sequence[Doc]) -> tuple[int, int, Counter[str], list[str]]:
    """Edits made on the clean originals: (edits by rules other than the normalizing ones,
    characters, edits by rule, examples)."""
    chars = 0
    wrong = 0
    rules: Counter[str] = Counter()
    examples: list[str] = []
    for doc in docs:
        text = doc.text(damaged=False)
        chars += len(text)
        ((edits, _),) = repairer.repair_dates([text], repairer.DateContext(doc.published))
        for edit in edits:
            rules[edit.rule] += 1
            if edit.rule not in NORMALIZING_RULES:
                wrong += 1
                examples.append(f"{doc.name}: {edit.before!r} → {edit.after!r} ({edit.rule})")
    return wrong, chars, rules, examples


# --------------------------------------------------------------------------- timing


def _forget_run_shapes() -> bool:
    """Empty the repairer's cache of run shapes so that a cold run pays for them; False when
    the repairer has no such cache (then "cold" is only the first pass over each text)."""
    shapes = getattr(date_scan, "_SHAPES", None)
    if shapes is None:
        return False
    shapes.clear()
    return True


def throughput(texts: Sequence[str], target_bytes: int = 8_000_000) -> tuple[float, float]:
    """MB/s of UTF-8 text through repair_dates: cold (each text once, the run-shape cache
    emptied first) and warm (the texts repeated to ``target_bytes``, as in a long crawl
    where dates recur)."""
    blob = "\n".join(texts)
    size = len(blob.encode("utf-8"))
    cold = float("inf")
    for _ in range(5):
        _forget_run_shapes()
        started = time.perf_counter()
        repairer.repair_dates([blob])
        cold = min(cold, time.perf_counter() - started)
    big = "\n".join([blob] * max(1, target_bytes // max(1, size)))
    big_size = len(big.encode("utf-8"))
    warm = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        repairer.repair_dates([big])
        warm = min(warm, time.perf_counter() - started)
    return size / cold / 1e6, big_size / warm / 1e6


def normalize_throughput(docs: Sequence[Doc], rounds: int = 5) -> tuple[float, float, int, int]:
    """``normalize`` (what `noticecli normalize` runs) over each damaged text, file by file
    as a user runs it: (dates/s, chars/s) of the best of ``rounds``, and the totals."""
    texts = [(d.text(damaged=True), d.published) for d in docs]
    chars = sum(len(t) for t, _ in texts)
    dates = sum(d.dates for d in docs)
    best = float("inf")
    for _ in range(rounds):
        _forget_run_shapes()
        started = time.perf_counter()
        for text, published in texts:
            normalize_text(text, published=published)
        best = min(best, time.perf_counter() - started)
    return dates / best, chars / best, dates, chars


# --------------------------------------------------------------------------- cases


def run_cases(cases: Sequence[Case]) -> list[tuple[Case, bool, str]]:
    """Each case through ``normalize``: (case, passed, what came out when it did not)."""
    out = []
    for case in cases:
        result = normalize_text(case.text, published=case.published)
        warnings = [w.message for w in result.warnings if w.code == "date_ambiguous"]
        text_ok = result.text == case.expected
        if case.readings:
            readings_ok = any(all(r in m for r in case.readings) for m in warnings)
        else:
            readings_ok = not warnings
        got = "" if text_ok else f"text {result.text!r}"
        if not readings_ok:
            got += f" warnings {warnings}"
        out.append((case, text_ok and readings_ok, got.strip()))
    return out


def report_cases(path: Path, results: Sequence[tuple[Case, bool, str]], show: int) -> None:
    by_form: dict[str, list[tuple[Case, bool, str]]] = {}
    for result in results:
        by_form.setdefault(result[0].form, []).append(result)
    passed = sum(ok for _, ok, _ in results)
    print(f"form cases ({path}): {passed}/{len(results)} pass")
    for form, rows in by_form.items():
        ok_count = sum(ok for _, ok, _ in rows)
        failing = ", ".join(c.id for c, ok, _ in rows if not ok) or "-"
        print(f"  {form:14s} {ok_count:2d}/{len(rows):<2d}  failing: {failing}")
    for case, _, got in [r for r in results if not r[1]][:show]:
        want = repr(case.expected) + (f" + readings {list(case.readings)}" if case.readings else "")
        print(f"    {case.id}: {case.text!r} → want {want}; got {got}")


# --------------------------------------------------------------------------- references


def _reference_parsers() -> list[tuple[str, Callable[[str, datetime.date | None], object] | None]]:
    out: list[tuple[str, Callable[[str, datetime.date | None], object] | None]] = []
    try:
        import jionlp  # type: ignore[import-not-found]

        def run_jionlp(span: str, published: datetime.date | None) -> object:
            base = datetime.datetime.combine(published or datetime.date.today(), datetime.time())
            result = jionlp.parse_time(span, time_base=base)
            return str(result.get("time", [""])[0])[:10]

        out.append(("jionlp", run_jionlp))
    except ImportError:
        out.append(("jionlp", None))
    try:
        import dateparser  # type: ignore[import-not-found,import-untyped,unused-ignore]

        def run_dateparser(span: str, published: datetime.date | None) -> object:
            base = datetime.datetime.combine(published or datetime.date.today(), datetime.time())
            settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
            parsed = dateparser.parse(span, languages=["zh"], settings=settings)
            return parsed.date().isoformat() if parsed else ""

        out.append(("dateparser", run_dateparser))
    except ImportError:
        out.append(("dateparser", None))
    return out


def references(docs: Sequence[Doc], limit: int = 2000) -> None:
    spans = [
        (p.damaged, p.truth, d.published, p.has_day)
        for d in docs
        for p in d.pieces
        if p.truth is not None
    ][:limit]
    for name, run in _reference_parsers():
        if run is None:
            print(f"  {name}: not installed")
            continue
        right = 0
        for span, truth, published, has_day in spans:
            assert truth is not None
            want = truth.isoformat() if has_day else truth.isoformat()[:7]
            try:
                got = str(run(span, published))
            except Exception:  # a reference parser's failure is a miss, not a crash
                got = ""
            right += got.startswith(want)
        print(f"  {name}: {right}/{len(spans)} damaged spans read as the right date")


# --------------------------------------------------------------------------- report


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f} %" if whole else "n/a"


def precision_counts(tally: Tally) -> tuple[int, int]:
    """(edits consistent with the truth, all edits), counted per damaged site plus strays;
    restoring only the certain part (年) of an ambiguous site is consistent."""
    good = bad = 0
    for part in (tally.unambiguous, tally.ambiguous):
        good += part.correct + part.partial_reported + part.partial_silent
        bad += part.wrong
    return good, good + bad + tally.stray_edits


_EXAMPLE_KINDS = (
    "wrong",
    "ambiguous wrong",
    "stray",
    "missed",
    "reported",
    "reported_wrong",
    "ambiguous missed",
    "ambiguous reported_wrong",
    "ambiguous partial_silent",
    "ambiguous reported",
)


def report(label: str, tally: Tally, show: int = 5) -> None:
    unamb, amb = tally.unambiguous, tally.ambiguous
    good, edits = precision_counts(tally)
    print(f"{label}:")
    print(f"  damaged sites          {unamb.sites + amb.sites}  ({dict(tally.by_mode)})")
    print(
        f"  unambiguous            {unamb.sites}: repaired {unamb.correct}, wrongly {unamb.wrong}, "
        f"left reported {unamb.reported + unamb.reported_wrong}, "
        f"part restored {unamb.partial_reported + unamb.partial_silent}, "
        f"left silently {unamb.missed}"
    )
    print(f"  RECALL (unambiguous)   {_pct(unamb.correct, unamb.sites)}")
    print(
        f"  ambiguous              {amb.sites}: decided right {amb.correct}, wrongly {amb.wrong}; "
        f"reported with the truth {amb.reported} (+{amb.partial_reported} with 年 restored), "
        f"without it {amb.reported_wrong}; 年 restored unreported {amb.partial_silent}; "
        f"left silently {amb.missed}"
    )
    print(
        f"  AMBIGUOUS REPORTED     {_pct(amb.reported_any, amb.sites)}"
        f"   (reported or decided right: {_pct(amb.honest, amb.sites)})"
    )
    strays = tally.stray_edits
    print(f"  PRECISION              {_pct(good, edits)}   ({edits} edits, {strays} stray)")
    print(f"  recall, all sites      {_pct(unamb.correct + amb.correct, unamb.sites + amb.sites)}")
    print(f"  not damaged: unrecoverable by design (M月D日 → 2 digits): {tally.unrecoverable}")
    if tally.by_form:
        print(
            "  by form (a site can show several)   unambiguous: repaired/sites, left silently,"
            " left reported, wrong | ambiguous: reported or decided right/sites"
        )
        for form in FORMS:
            if form not in tally.by_form:
                continue
            u, a = tally.by_form[form]
            print(
                f"    {form:14s} {u.correct:5d}/{u.sites:<5d} {_pct(u.correct, u.sites):>9s}"
                f"  {u.missed:4d}  {u.reported + u.reported_wrong:4d}  {u.wrong:3d}"
                f" | {a.honest:4d}/{a.sites:<4d} {_pct(a.honest, a.sites):>9s}"
            )
    if tally.decided_by:
        print("  ambiguous sites decided, by the evidence that chose (right/wrong):")
        ranked = sorted(tally.decided_by.items(), key=lambda item: -sum(item[1]))
        print("    " + "; ".join(f"{name} {right}/{wrong}" for name, (right, wrong) in ranked))
    for kind in _EXAMPLE_KINDS:
        for example in tally.examples.get(kind, [])[:show]:
            print(f"    {kind}: {example}")


def _distinct(docs: Sequence[Doc]) -> list[Doc]:
    """One document per name (the first round's damage of each real text)."""
    seen: dict[str, Doc] = {}
    for doc in docs:
        seen.setdefault(doc.name, doc)
    return list(seen.values())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", type=Path, help="folder of .html/.txt")
    parser.add_argument("--seed", type=int, default=20200506)
    parser.add_argument("--n", type=int, default=2000, help="synthetic narratives")
    parser.add_argument("--forms", type=int, default=1000, help="synthetic form documents")
    parser.add_argument("--rate", type=float, default=0.7, help="share of dates damaged")
    parser.add_argument(
        "--rounds",
        type=int,
        default=10,
        help="damage each real text this many times (independent draws), for steadier numbers",
    )
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument(
        "--disorder", type=float, default=0.3, help="share of narratives not in forward order"
    )
    parser.add_argument("--cases", type=Path, default=FORMS_TSV, help="form cases (TSV)")
    parser.add_argument(
        "--show-misses",
        type=int,
        default=5,
        metavar="N",
        help="print up to N examples of each kind of miss per section",
    )
    parser.add_argument("--no-throughput", action="store_true", help="skip the timings")
    args = parser.parse_args(argv)
    corpora = args.corpus or list(DEFAULT_CORPORA)
    observances = load_observances()
    # One generator per section, so that adding a real text leaves the synthetic draws alone.
    real_rng = random.Random(args.seed)
    narratives_rng = random.Random(f"{args.seed}/narratives")
    forms_rng = random.Random(f"{args.seed}/forms")

    real_tally, synth_tally, forms_tally = Tally(), Tally(), Tally()
    found: list[str] = []
    texts: list[tuple[str, str, datetime.date | None]] = []
    for folder in corpora:
        if not folder.is_dir():
            print(f"corpus {folder}: not present, skipped", file=sys.stderr)
            continue
        published = _sources_published(folder)
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".html", ".htm", ".txt"):
                texts.append(real_text(path, published.get(path.name), found))
    real = [
        damaged_doc(name, text, published_on, real_rng, args.rate, real_tally, observances)
        for _ in range(args.rounds)
        for name, text, published_on in texts
    ]
    synthetic = [
        synthetic_doc(i, narratives_rng, args.rate, synth_tally, args.disorder)
        for i in range(args.n)
    ]
    form_docs = []
    for i in range(args.forms):
        text, published_on = form_text(forms_rng, observances)
        form_docs.append(
            damaged_doc(
                f"forms-{i}", text, published_on, forms_rng, args.rate, forms_tally, observances
            )
        )
    distinct = _distinct(real)
    print(f"corpora: {', '.join(str(c) for c in corpora)}")
    print(
        f"real files: {len(distinct)} × {args.rounds} rounds "
        f"({sum(d.published is not None for d in distinct)} with a publication date; "
        f"{sum(d.dates for d in distinct)} dates in "
        f"{sum(len(d.text(False)) for d in distinct)} chars); synthetic narratives: "
        f"{len(synthetic)}; form documents: {len(form_docs)}; seed {args.seed}"
    )
    print(f"edits on the real text as found (damage already there; check by eye): {len(found)}")
    for line in found:
        print(f"  {line}")
    for docs, tally in ((real, real_tally), (synthetic, synth_tally), (form_docs, forms_tally)):
        for doc in docs:
            score(doc, tally, args.threshold, observances)
    total = Tally()
    for part in (real_tally, synth_tally, forms_tally):
        total.merge(part)
    report("real corpus text", real_tally, args.show_misses)
    if synthetic:
        report("synthetic narratives", synth_tally, args.show_misses)
    if form_docs:
        report("synthetic form documents", forms_tally, args.show_misses)
    report("all", total, 0)
    report_cases(args.cases, run_cases(load_cases(args.cases)), args.show_misses)

    wrong, chars, rules, examples = false_changes(distinct + synthetic + form_docs)
    print("clean originals (real text after the review above, synthetic as generated):")
    print(f"  characters             {chars}")
    print(f"  false changes          {wrong} ({1e5 * wrong / max(1, chars):.3f} per 100 000 chars)")
    print(f"  edits by rule          {dict(rules) or '{}'}")
    for example in examples[: args.show_misses]:
        print(f"    false change: {example}")
    if not args.no_throughput:
        if not _forget_run_shapes():
            print("(the repairer has no run-shape cache to empty: cold = a first pass only)")
        print("throughput of repair_dates on clean text (MB/s of UTF-8, one block; cold / warm):")
        for label, docs in (("real pages", real), ("synthetic, a date every ~80 B", synthetic)):
            if docs:
                cold, warm = throughput([d.text(damaged=False) for d in _distinct(docs)])
                print(f"  {label:32s} {cold:6.1f} / {warm:6.1f}")
        print("throughput of normalize on the damaged texts, file by file (best of 5):")
        for label, docs in (
            ("real corpus", real),
            ("synthetic narratives", synthetic),
            ("form documents", form_docs),
        ):
            if docs:
                per_date, per_char, dates, chars = normalize_throughput(_distinct(docs))
                print(
                    f"  {label:22s} {per_date:10,.0f} dates/s {per_char:12,.0f} chars/s"
                    f"  ({dates} dates, {chars} chars)"
                )
    print("references on the same damaged spans:")
    references(real + synthetic + form_docs)


if __name__ == "__main__":
    main()
