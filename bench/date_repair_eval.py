"""Evaluate damaged-date repair: precision, recall, ambiguity, false changes, throughput.

Real text comes from the corpus folders (HTML stripped of tags, .txt as is); synthetic
narratives are generated so that the numbers rest on thousands of dates rather than the few
dozen real ones. Dates found in the clean text are damaged the way extraction damages them
(drop 月, 年, or both; seeded), then repaired and compared with the originals.

    python bench/date_repair_eval.py [--corpus DIR ...] [--seed N] [--n N]

A benchmark, not a test: it prints numbers and never fails on them. jionlp and dateparser
are run on the same damaged spans as references when they are importable.
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from noticecli.dates import parse_date
from noticecli.decode import decode_bytes
from noticecli.edits import apply_edits
from noticecli.repair import date_scan as dates_module
from noticecli.repair.dates import DateContext, repair_dates

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = (REPO / "fixtures" / "pages", REPO.parent / "shared" / "corpus")
DAMAGE_RULES = {
    "date.month_day_missing_yue",
    "date.year_month_missing_nian",
    "date.ymd_missing_nian_yue",
}

# A clean date as written in running text: Y年M月D日, M月D日, Y年M月.
_DATE = re.compile(r"(?<![0-9A-Za-z０-９])(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?(?![0-9０-９])")
_PUBLISHED = re.compile(
    r"(?:发布日期|发布时间|发表时间|发文日期|成文日期|时间)\s*[:：]?\s*"
    r"(\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日))"
)


@dataclass
class Piece:
    original: str
    damaged: str
    truth: datetime.date | None = None  # the date a damaged piece stands for


@dataclass
class Doc:
    name: str
    published: datetime.date | None
    pieces: list[Piece]
    synthetic: bool

    def text(self, damaged: bool) -> str:
        return "".join(p.damaged if damaged else p.original for p in self.pieces)


@dataclass
class Tally:
    damaged: int = 0
    correct: int = 0
    wrong: int = 0
    ambiguous: int = 0
    missed: int = 0
    stray_edits: int = 0  # edits outside any damaged date
    unrecoverable: int = 0  # dates whose damage cannot be undone by design (3月5日 → 35日)
    by_mode: Counter[str] = field(default_factory=Counter)
    missed_examples: list[str] = field(default_factory=list)
    ambiguous_examples: list[str] = field(default_factory=list)
    wrong_examples: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- input


def _visible_text(path: Path) -> str:
    decoded = decode_bytes(path.read_bytes(), source=str(path)).text
    if path.suffix.lower() not in (".html", ".htm"):
        return decoded
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(decoded)
    for node in tree.css("script, style, noscript"):
        node.decompose()
    body = tree.body
    return body.text(separator="\n") if body is not None else ""


def _published(text: str) -> datetime.date | None:
    match = _PUBLISHED.search(text)
    parsed = parse_date(match.group(1)) if match else None
    return datetime.date.fromisoformat(parsed.iso[:10]) if parsed else None


def _damage(match: re.Match[str], rng: random.Random) -> tuple[str, str] | None:
    """A damaged form of a clean date and the damage's name; None if it cannot be undone."""
    year, month, day = match.group(1), match.group(2), match.group(3)
    modes: list[tuple[str, str]] = []
    if year and day:
        modes = [
            ("drop 月", f"{year}年{month}{day}日"),
            ("drop 年", f"{year}{month}月{day}日"),
            ("drop both", f"{year}{month}{day}日"),
        ]
    elif year:
        modes = [("drop 年", f"{year}{month}月")]
    elif day and len(month + day) >= 3:
        modes = [("drop 月", f"{month}{day}日")]
    if not modes:
        return None
    mode, damaged = rng.choice(modes)
    return damaged, mode


def _truth(match: re.Match[str], published: datetime.date | None) -> datetime.date | None:
    year = int(match.group(1)) if match.group(1) else (published.year if published else 2000)
    try:
        return datetime.date(year, int(match.group(2)), int(match.group(3) or 1))
    except ValueError:
        return None


def real_doc(path: Path, rng: random.Random, rate: float, tally: Tally, found: list[str]) -> Doc:
    text = _visible_text(path)
    published = _published(text)
    # Damage already in the page (a fixture modeled on the seed page carries its 327日):
    # list it for review and start from the repaired text, so it is not scored twice.
    ((edits, _),) = repair_dates([text], DateContext(published))
    found += [f"{path.name}: {e.before!r} → {e.after!r} ({e.rule}, {e.confidence})" for e in edits]
    text = apply_edits(text, edits)
    pieces: list[Piece] = []
    pos = 0
    for match in _DATE.finditer(text):
        truth = _truth(match, published)
        if truth is None:
            continue
        pieces.append(Piece(text[pos : match.start()], text[pos : match.start()]))
        pos = match.end()
        original = match.group(0)
        damage = _damage(match, rng) if rng.random() < rate else None
        if damage is None and rng.random() < rate and not match.group(1):
            tally.unrecoverable += 1
        damaged, mode = damage if damage else (original, "")
        pieces.append(Piece(original, damaged, truth if damage else None))
        if damage:
            tally.by_mode[mode] += 1
    pieces.append(Piece(text[pos:], text[pos:]))
    return Doc(path.name, published, pieces, synthetic=False)


# --------------------------------------------------------------------------- synthetic

_SUBJECTS = ("省人防办", "市民防局", "工作专班", "领导小组", "市政府办公室", "区应急管理局")
_EVENTS = (
    "召开专题会议，传达学习上级精神",
    "启动专项检查，覆盖全部在建项目",
    "印发实施方案，明确责任分工",
    "组织完成竣工验收",
    "开展防空警报试鸣和应急演练",
    "召开党风廉政建设专题会议",
)
_FILLERS = (
    "全国共有28个省110个城市413份信用承诺书参选，入围32份样本。",
    "申请人应在15个工作日内提交材料，逾期不予受理。",
    "项目历时45日完成，累计327日未发生安全事故。",
    "依据岚综管综〔2016〕266号和国发〔2016〕41号文件执行。",
    "索引号：003110598/202005-00043，PZ00101-1700-2023-00059。",
    "咨询电话：0551-62601234，工作日上午9:30至11:30开放。",
    "资金同比增长12.5%，在18个参评单位中居第2位。",
    "向中国人民防空创立70周年献礼。",
    "原文链接：https://www.pingtan.gov.cn/zwgk/201610/t20161026_79826.htm。",
    "每月15日前报送上月数据，第12日公示。",
    "位于科技园12号楼3层，共设置327个车位。",
    "有效期为30日内，最长不超过90天。",
)


def synthetic_doc(
    index: int, rng: random.Random, rate: float, tally: Tally, disorder: float
) -> Doc:
    """A narrative the way disclosure pages write one: events before publication, the year
    written when it differs from the one the reader assumes, an optional deadline after
    publication (请于…前), and numbers that are not dates around them. Most narratives run
    forward; a share ``disorder`` of them run newest first or in no order at all, which is
    where the repairer's assumption that narratives run forward is wrong."""
    published = datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(0, 14 * 365))
    n_events = rng.randint(2, 8)
    offsets = sorted((rng.randrange(0, 540) for _ in range(n_events)), reverse=True)
    dates = [published - datetime.timedelta(days=o) for o in offsets]
    if rng.random() < disorder:
        if rng.random() < 0.5:
            dates.reverse()
        else:
            rng.shuffle(dates)
    deadline = None
    if rng.random() < 0.3:
        deadline = published + datetime.timedelta(days=rng.randint(1, 60))
    pieces: list[Piece] = []
    assumed: int | None = None

    def add_date(date: datetime.date, intro: str, outro: str) -> None:
        nonlocal assumed
        with_year = date.year != (assumed or published.year) or rng.random() < 0.4
        month_only = with_year and rng.random() < 0.1
        if with_year:
            assumed = date.year
        original = f"{date.year}年" if with_year else ""
        original += f"{date.month}月" + ("" if month_only else f"{date.day}日")
        match = _DATE.fullmatch(original)
        assert match is not None
        damage = _damage(match, rng) if rng.random() < rate else None
        if damage is None and not with_year and rng.random() < rate:
            tally.unrecoverable += 1
        damaged, mode = damage if damage else (original, "")
        if damage:
            tally.by_mode[mode] += 1
        pieces.append(Piece(intro, intro))
        pieces.append(Piece(original, damaged, date if damage else None))
        pieces.append(Piece(outro, outro))

    for date in dates:
        if rng.random() < 0.5:
            filler = rng.choice(_FILLERS)
            pieces.append(Piece(filler, filler))
        subject, event = rng.choice(_SUBJECTS), rng.choice(_EVENTS)
        template = rng.randrange(4)
        if template == 0:
            add_date(date, "\n    ", f"，{subject}{event}。")
        elif template == 1:
            add_date(date, f"{subject}于", f"{event}。")
        elif template == 2:
            add_date(date, "截至", f"，{subject}已{event}。")
        else:
            add_date(date, f"{subject}在", f"{event}。")
    if deadline is not None:
        add_date(deadline, "请各单位于", "前将材料报送至市人防办。")
    return Doc(f"synthetic-{index}", published, pieces, synthetic=True)


# --------------------------------------------------------------------------- scoring


def score(doc: Doc, tally: Tally, threshold: float) -> None:
    text = doc.text(damaged=True)
    ((edits, ambiguities),) = repair_dates([text], DateContext(doc.published), threshold=threshold)
    pos = 0
    used: set[int] = set()
    for piece in doc.pieces:
        start, end = pos, pos + len(piece.damaged)
        pos = end
        if piece.truth is None:
            continue
        tally.damaged += 1
        inside = [i for i, e in enumerate(edits) if start <= e.start and e.end <= end]
        used.update(inside)
        shown = f"{doc.name}: {text[max(0, start - 8) : end + 6]!r}"
        if inside:
            local = [edits[i] for i in inside]
            shifted = [
                type(e)(e.start - start, e.end - start, e.before, e.after, e.rule, e.confidence)
                for e in local
            ]
            if apply_edits(piece.damaged, shifted) == piece.original:
                tally.correct += 1
            else:
                tally.wrong += 1
                tally.wrong_examples.append(f"{shown} → {[e.after for e in local]}")
        elif overlapping := [a for a in ambiguities if a.start < end and start < a.end]:
            tally.ambiguous += 1
            first = overlapping[0]
            tally.ambiguous_examples.append(
                f"{shown} (published {doc.published}, truth {piece.truth}) → "
                f"{list(first.candidates)}: {first.reason}"
            )
        else:
            tally.missed += 1
            tally.missed_examples.append(shown)
    stray = [e for i, e in enumerate(edits) if i not in used]
    tally.stray_edits += len(stray)
    tally.wrong_examples += [f"{doc.name}: stray {e.before!r} → {e.after!r}" for e in stray]


def false_changes(docs: Sequence[Doc]) -> tuple[int, int, Counter[str]]:
    """Edits made on the clean originals: (damage-rule edits, characters, all rules)."""
    chars = 0
    wrong = 0
    rules: Counter[str] = Counter()
    for doc in docs:
        text = doc.text(damaged=False)
        chars += len(text)
        ((edits, _),) = repair_dates([text], DateContext(doc.published))
        for edit in edits:
            rules[edit.rule] += 1
            wrong += edit.rule in DAMAGE_RULES
    return wrong, chars, rules


def throughput(texts: Sequence[str], target_bytes: int = 8_000_000) -> tuple[float, float]:
    """MB/s of UTF-8 text: cold (each text once, the run-shape cache emptied first) and warm
    (the texts repeated to ``target_bytes``, as in a long crawl where dates recur)."""
    blob = "\n".join(texts)
    size = len(blob.encode("utf-8"))
    cold = float("inf")
    for _ in range(5):
        dates_module._SHAPES.clear()
        started = time.perf_counter()
        repair_dates([blob])
        cold = min(cold, time.perf_counter() - started)
    big = "\n".join([blob] * max(1, target_bytes // max(1, size)))
    big_size = len(big.encode("utf-8"))
    warm = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        repair_dates([big])
        warm = min(warm, time.perf_counter() - started)
    return size / cold / 1e6, big_size / warm / 1e6


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
        (p.damaged, p.truth, d.published, "日" in p.original)
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


# --------------------------------------------------------------------------- main


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f} %" if whole else "n/a"


def report(label: str, tally: Tally, show: int = 5) -> None:
    edits = tally.correct + tally.wrong + tally.stray_edits
    print(f"{label}:")
    print(f"  damaged dates          {tally.damaged}  ({dict(tally.by_mode)})")
    print(f"  repaired correctly     {tally.correct}")
    print(f"  repaired wrongly       {tally.wrong}   stray edits: {tally.stray_edits}")
    print(f"  left alone, ambiguous  {tally.ambiguous}")
    print(f"  left alone, silent     {tally.missed}")
    print(f"  precision              {_pct(tally.correct, edits)}")
    print(f"  recall                 {_pct(tally.correct, tally.damaged)}")
    print(f"  ambiguous-left-alone   {_pct(tally.ambiguous, tally.damaged)}")
    print(f"  not damaged: unrecoverable by design (M月D日 → 2 digits): {tally.unrecoverable}")
    for example in tally.wrong_examples[:show]:
        print(f"    wrong: {example}")
    for example in tally.missed_examples[:show]:
        print(f"    missed: {example}")
    for example in tally.ambiguous_examples[:show]:
        print(f"    ambiguous: {example}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", type=Path, help="folder of .html/.txt")
    parser.add_argument("--seed", type=int, default=20200506)
    parser.add_argument("--n", type=int, default=2000, help="synthetic narratives")
    parser.add_argument("--rate", type=float, default=0.7, help="share of dates damaged")
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument(
        "--disorder", type=float, default=0.3, help="share of narratives not in forward order"
    )
    parser.add_argument(
        "--show-misses",
        type=int,
        default=5,
        metavar="N",
        help="print up to N wrong, silently missed and ambiguous dates per section",
    )
    args = parser.parse_args(argv)
    corpora = args.corpus or list(DEFAULT_CORPORA)
    rng = random.Random(args.seed)

    real_tally, synth_tally = Tally(), Tally()
    files = sorted(
        p
        for folder in corpora
        if folder.is_dir()
        for p in folder.iterdir()
        if p.suffix.lower() in (".html", ".htm", ".txt") and p.name != "SOURCES.md"
    )
    found: list[str] = []
    real = [real_doc(p, rng, args.rate, real_tally, found) for p in files]
    synthetic = [
        synthetic_doc(i, rng, args.rate, synth_tally, args.disorder) for i in range(args.n)
    ]
    print(f"corpora: {', '.join(str(c) for c in corpora)}")
    print(f"real files: {len(real)}, synthetic narratives: {len(synthetic)}, seed {args.seed}")
    print(f"edits on the real text as found (damage already there; check by eye): {len(found)}")
    for line in found:
        print(f"  {line}")
    for doc in real:
        score(doc, real_tally, args.threshold)
    for doc in synthetic:
        score(doc, synth_tally, args.threshold)
    total = Tally()
    for part in (real_tally, synth_tally):
        for name in ("damaged", "correct", "wrong", "ambiguous", "missed", "stray_edits"):
            setattr(total, name, getattr(total, name) + getattr(part, name))
        total.unrecoverable += part.unrecoverable
        total.by_mode.update(part.by_mode)
    report("real corpus text", real_tally, args.show_misses)
    report("synthetic narratives", synth_tally, args.show_misses)
    report("all", total, 0)

    wrong, chars, rules = false_changes(real + synthetic)
    print("clean originals (real text after the review above, synthetic as generated):")
    print(f"  characters             {chars}")
    print(f"  false changes          {wrong} ({1e5 * wrong / max(1, chars):.3f} per 100 000 chars)")
    print(f"  edits by rule          {dict(rules) or '{}'}")
    real_texts = [d.text(damaged=False) for d in real]
    synthetic_texts = [d.text(damaged=False) for d in synthetic]
    print("throughput on clean text (MB/s of UTF-8, all documents as one block; cold / warm):")
    for label, texts in (
        ("real pages", real_texts),
        ("synthetic, a date every ~80 B", synthetic_texts),
    ):
        cold, warm = throughput(texts)
        print(f"  {label:32s} {cold:6.1f} / {warm:6.1f}")
    print("references on the same damaged spans:")
    references(real + synthetic)


if __name__ == "__main__":
    main()
