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
import contextlib
import datetime
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from date_cases import FORMS_TSV, Case, load_cases

from noticecli.decode import decode_bytes

# The repairer under test, named in these lines.
from noticecli.pipeline import normalize_text

from noticecli.repair import date_scan, dates as repairer  # isort: skip

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = (
    REPO / "bench" / "date_texts",
    REPO / "fixtures" / "pages",
    REPO.parent / "shared" / "corpus",
)
# Rules that change clean text by design (full-width digits, spaces, 号 → 日); an edit by any
# other rule on clean text is a false change, whatever new rule ids the repairer grows.
NORMALIZING_RULES = frozenset({"date.fullwidth_digits", "date.space_inside", "date.hao_for_ri"})

# A clean date as written in running text: Y年M月D日, M月D日, Y年M月. A time may follow 日
# directly (9月15日14:30); a digit right after 月 means the month is not complete.
_DATE = re.compile(r"(?<![0-9A-Za-z０-９])(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日|(?![0-9０-９]))")
_PUBLISHED = re.compile(
    r"(?:发布日期|发布时间|发表时间|发文日期|成文日期|公开日期|时间)\s*[:：]?\s*"
    r"(\d{4})(?:-(\d{1,2})-(\d{1,2})|年(\d{1,2})月(\d{1,2})日)"
)
_RELATIVE_YEARS = ("今年", "去年", "明年", "同年", "当年", "次年", "上年")
_RANGE_MARKS = "至到-—～~－"
_LINE_END = re.compile(r"[ \u3000\t]*(?:\n|$)")
_LIST_MARKER = re.compile(r"(?:^|[\s（(【])\d{1,2}[.．、]\s?$")
_TIME_AFTER = re.compile(r"[ \u3000]?(?:\d{1,2}[ \u3000]?[:：∶]\d{2}|\d{1,2}[时点])")
_WEEKDAY_AFTER = re.compile(r"[ \u3000]?[（(]?(?:星期|礼拜|周)[一二三四五六日天]")
_BYLINE_BEFORE = re.compile(r"[（(][^（()）]{0,20}(?:记者|通讯员|讯)[^（()）]{0,20}[）)]\s?$")
_YEAR_WRITTEN = re.compile(r"\d{4}年")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_READING = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?")
_MAX_DAY = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
FORMS = (
    "list_number",
    "relative_year",
    "year_certain",
    "no_ri",
    "time_after",
    "no_year",
    "byline",
    "weekday",
    "range",
    "observance",
    "early_year",
    "plain",
)


# --------------------------------------------------------------------------- data


@dataclass
class Piece:
    original: str
    damaged: str
    truth: datetime.date | None = None  # the date a damaged piece stands for
    mode: str = ""
    readings: tuple[str, ...] = ()  # the originals the damaged digits admit (truth included)
    has_day: bool = True

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1


@dataclass
class Doc:
    name: str
    published: datetime.date | None
    pieces: list[Piece]

    def text(self, damaged: bool) -> str:
        return "".join(p.damaged if damaged else p.original for p in self.pieces)

    @property
    def dates(self) -> int:
        return sum(1 for p in self.pieces if p.truth is not None or _DATE.fullmatch(p.original))


@dataclass
class Outcomes:
    """What happened to a set of damaged sites."""

    sites: int = 0
    correct: int = 0
    partial_reported: int = 0  # a certain part restored (年), the rest reported with the truth
    partial_silent: int = 0  # a certain part restored, the rest left without a report
    reported: int = 0  # left alone, the truth among the readings reported
    reported_wrong: int = 0  # left alone, reported, but the truth not among the readings
    wrong: int = 0
    missed: int = 0

    def add(self, outcome: str) -> None:
        self.sites += 1
        setattr(self, outcome, getattr(self, outcome) + 1)

    def merge(self, other: Outcomes) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def reported_any(self) -> int:
        return self.partial_reported + self.reported

    @property
    def honest(self) -> int:
        """Decided right, or reported with the truth among the readings."""
        return self.correct + self.reported_any


@dataclass
class Tally:
    unambiguous: Outcomes = field(default_factory=Outcomes)
    ambiguous: Outcomes = field(default_factory=Outcomes)
    stray_edits: int = 0  # edits outside any damaged date
    unrecoverable: int = 0  # dates whose damage cannot be undone by design (3月5日 → 35日)
    by_mode: Counter[str] = field(default_factory=Counter)
    by_form: dict[str, tuple[Outcomes, Outcomes]] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    # Ambiguous sites decided, by the evidence that chose the reading (right, wrong).
    decided_by: dict[str, list[int]] = field(default_factory=dict)

    def record(self, piece: Piece, outcome: str, forms: Sequence[str], shown: str) -> None:
        (self.ambiguous if piece.ambiguous else self.unambiguous).add(outcome)
        for form in forms:
            unambiguous, ambiguous = self.by_form.setdefault(form, (Outcomes(), Outcomes()))
            (ambiguous if piece.ambiguous else unambiguous).add(outcome)
        if outcome != "correct":
            kind = ("ambiguous " if piece.ambiguous else "") + outcome
            self.examples.setdefault(kind, []).append(f"[{','.join(forms)}] {shown}")

    def merge(self, other: Tally) -> None:
        self.unambiguous.merge(other.unambiguous)
        self.ambiguous.merge(other.ambiguous)
        self.stray_edits += other.stray_edits
        self.unrecoverable += other.unrecoverable
        self.by_mode.update(other.by_mode)
        for name, (right, wrong) in other.decided_by.items():
            mine = self.decided_by.setdefault(name, [0, 0])
            mine[0] += right
            mine[1] += wrong
        for form, (unambiguous, ambiguous) in other.by_form.items():
            mine = self.by_form.setdefault(form, (Outcomes(), Outcomes()))
            mine[0].merge(unambiguous)
            mine[1].merge(ambiguous)


@dataclass(frozen=True)
class Observance:
    names: tuple[str, ...]
    month: int
    day: str  # a day number, 3rd-sat, month or varies


def load_observances() -> list[Observance]:
    # this tree's file, not the imported package's: the texts stay the same whichever
    # tree's noticecli is measured (bench/date_instructions.py --tree)
    source = REPO / "noticecli" / "data" / "observances.tsv"
    rows = [
        line.split("\t")
        for line in source.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [Observance(tuple(r[0].split("|")), int(r[1]), r[2]) for r in rows[1:]]


def _third_saturday(year: int, month: int) -> int:
    first = datetime.date(year, month, 1).weekday()
    return 1 + (5 - first) % 7 + 14


def _observed_on(observance: Observance, date: datetime.date) -> bool:
    if observance.month != date.month:
        return False
    if observance.day == "3rd-sat":
        return date.day == _third_saturday(date.year, date.month)
    return observance.day.isdigit() and int(observance.day) == date.day


def _names_observance(window: str, truth: datetime.date, observances: Sequence[Observance]) -> bool:
    return any(
        _observed_on(o, truth) and any(name in window for name in o.names) for o in observances
    )


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
    if match is None:
        return None
    year, month, day = match[1], match[2] or match[4], match[3] or match[5]
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _sources_published(folder: Path) -> dict[str, datetime.date]:
    """Publication dates from a ``SOURCES.md`` table with ``file`` and ``published`` columns."""
    sources = folder / "SOURCES.md"
    if not sources.is_file():
        return {}
    out: dict[str, datetime.date] = {}
    columns: list[str] = []
    for line in sources.read_text("utf-8").splitlines():
        if not line.startswith("|"):
            columns = []
            continue
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if not columns:
            columns = cells
            continue
        if "file" in columns and "published" in columns and len(cells) == len(columns):
            row = dict(zip(columns, cells, strict=True))
            # Not a full date: the text's own label, if any, is used.
            with contextlib.suppress(ValueError):
                out[row["file"]] = datetime.date.fromisoformat(row["published"])
    return out


def _apply(text: str, edits: Iterable[Any]) -> str:
    """``text`` with the edits (original offsets, non-overlapping) applied."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        parts.append(text[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


# --------------------------------------------------------------------------- damage


def _valid(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= _MAX_DAY[month]):
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return not (month == 2 and day == 29 and not leap)


def _splits(digits: str, year: int, prefix: str) -> tuple[str, ...]:
    """Every original M月D日 (after ``prefix``) whose month and day digits make ``digits``."""
    out = []
    for cut in (1, 2):
        month, day = digits[:cut], digits[cut:]
        if 1 <= len(day) <= 2 and _valid(year, int(month), int(day)):
            out.append(f"{prefix}{month}月{day}日")
    return tuple(out)


def _sentence_around(text: str, start: int, end: int, reach: int = 20) -> str:
    left = text[max(0, start - reach) : start]
    right = text[end : end + reach]
    cut = [m.end() for m in _SENTENCE_END.finditer(left)]
    if cut:
        left = left[cut[-1] :]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[: stop.start()]
    return left + right


def _two_digit_context(
    text: str, start: int, end: int, truth: datetime.date, observances: Sequence[Observance]
) -> bool:
    """Whether a yearless M月D日 that damage would leave as two digits that cannot be a day
    (51日) is still a date by its context, as issue 10 says: after 今年/去年…, as a range
    end, next to the name of that day's observance."""
    before = text[max(0, start - 2) : start]
    if before.endswith(_RELATIVE_YEARS) or (before and before[-1] in _RANGE_MARKS):
        return True
    return _names_observance(_sentence_around(text, start, end), truth, observances)


def _damage(
    match: re.Match[str],
    truth: datetime.date,
    rng: random.Random,
    *,
    at_line_end: bool = False,
    two_digits_ok: bool = False,
) -> tuple[str, str, tuple[str, ...]] | None:
    """A damaged form of a clean date, the damage's name and the readings its digits admit;
    None if the damage cannot be undone by design. ``at_line_end``: the date closes its line
    (a signature), so its 日 may be lost too; ``two_digits_ok``: a yearless date whose two
    digits cannot be a day is still a date by its context (see _two_digit_context)."""
    year, month, day = match.group(1), match.group(2), match.group(3)
    original = match.group(0)
    modes: list[tuple[str, str, tuple[str, ...]]] = []
    if year and day:
        both = _splits(month + day, truth.year, f"{year}年")
        modes = [
            (f"{year}年{month}{day}日", "drop 月", both),
            (f"{year}{month}月{day}日", "drop 年", (original,)),
            (f"{year}{month}{day}日", "drop both", both),
        ]
        if at_line_end:
            modes += [
                (f"{year}年{month}月{day}", "drop 日", (original,)),
                (f"{year}{month}月{day}", "drop 年日", (original,)),
            ]
    elif year:
        modes = [(f"{year}{month}月", "drop 年", (original,))]
    elif day and (len(month + day) >= 3 or (two_digits_ok and int(month + day) > 31)):
        modes = [(f"{month}{day}日", "drop 月", _splits(month + day, truth.year, ""))]
    if not modes:
        return None
    return rng.choice(modes)


def _truth(match: re.Match[str], year_hint: int) -> datetime.date | None:
    year = int(match.group(1)) if match.group(1) else year_hint
    try:
        return datetime.date(year, int(match.group(2)), int(match.group(3) or 1))
    except ValueError:
        return None


def damaged_doc(
    name: str,
    text: str,
    published: datetime.date | None,
    rng: random.Random,
    rate: float,
    tally: Tally,
    observances: Sequence[Observance],
) -> Doc:
    """Split a clean text into pieces, damaging each date with probability ``rate``."""
    pieces: list[Piece] = []
    pos = 0
    # A date without its year is in the last year written before it, else the publication
    # year, else the first year the text writes (only the calendar checks need it).
    first_year = _YEAR_WRITTEN.search(text)
    year_hint = published.year if published else int(first_year[0][:4]) if first_year else 2000
    for match in _DATE.finditer(text):
        if match.group(1):
            year_hint = int(match.group(1))
        truth = _truth(match, year_hint)
        if truth is None:
            continue
        pieces.append(Piece(text[pos : match.start()], text[pos : match.start()]))
        pos = match.end()
        original = match.group(0)
        damage = None
        if rng.random() < rate:
            damage = _damage(
                match,
                truth,
                rng,
                at_line_end=_LINE_END.match(text, match.end()) is not None,
                two_digits_ok=_two_digit_context(
                    text, match.start(), match.end(), truth, observances
                ),
            )
        if damage is None:
            if not match.group(1) and rng.random() < rate:
                tally.unrecoverable += 1
            pieces.append(Piece(original, original))
            continue
        damaged, mode, readings = damage
        tally.by_mode[mode] += 1
        pieces.append(Piece(original, damaged, truth, mode, readings, bool(match.group(3))))
    pieces.append(Piece(text[pos:], text[pos:]))
    return Doc(name, published, pieces)


def real_text(
    path: Path, published: datetime.date | None, found: list[str]
) -> tuple[str, str, datetime.date | None]:
    """A real file's clean text: (name, text, publication date)."""
    text = _visible_text(path)
    published = published or _published(text)
    # Damage already in the page (a fixture modeled on the seed page carries its 327日; some
    # real pages lost 年/月 themselves): list it for review and start from the repaired
    # text, so it is not scored twice.
    ((edits, _),) = repairer.repair_dates([text], repairer.DateContext(published))
    found += [f"{path.name}: {e.before!r} → {e.after!r} ({e.rule}, {e.confidence})" for e in edits]
    return f"{path.parent.name}/{path.name}", _apply(text, edits), published


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
        damage = _damage(match, date, rng) if rng.random() < rate else None
        if damage is None and not with_year and rng.random() < rate:
            tally.unrecoverable += 1
        pieces.append(Piece(intro, intro))
        if damage:
            damaged, mode, readings = damage
            tally.by_mode[mode] += 1
            pieces.append(Piece(original, damaged, date, mode, readings, not month_only))
        else:
            pieces.append(Piece(original, original))
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
    return Doc(f"synthetic-{index}", published, pieces)


_WEEKDAYS = "一二三四五六日"
_ORGS = ("某某市人民防空办公室", "某某县应急管理局", "某某区国防动员办公室", "某某市人民政府")
_REPORTERS = ("记者 王某", "记者王某 通讯员李某", "记者 张某 实习生 刘某")


def _written(date: datetime.date, year: bool = True) -> str:
    return (f"{date.year}年" if year else "") + f"{date.month}月{date.day}日"


def form_text(rng: random.Random, observances: Sequence[Observance]) -> tuple[str, datetime.date]:
    """A clean notice that puts dates in the contexts issue 10 lists, and its publication
    date: a numbered 修正 history, 今年/去年 and 同年, a period with times, a byline, a
    weekday, a range across a month end, an observance day, and a signature date."""
    published = datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(0, 14 * 365))
    year = published.year
    one_day = datetime.timedelta(days=1)
    fixed = [o for o in observances if o.day.isdigit()]
    parts: list[str] = []
    for _ in range(rng.randint(2, 4)):
        past = published - rng.randrange(3, 300) * one_day
        soon = published + rng.randrange(2, 40) * one_day
        event = f"{rng.choice(_SUBJECTS)}{rng.choice(_EVENTS)}"
        template = rng.randrange(9)
        if template == 0:  # a 修正 history, numbered
            first = past - rng.randrange(1000, 8000) * one_day
            second = past
            parts.append(
                f"（1.{_written(first)} 第九届人民代表大会常务委员会第六次会议通过 "
                f"2.{_written(second)} 第十一届人民代表大会常务委员会第十次会议修正）\n"
            )
        elif template == 1:  # 今年 / 去年
            word = "今年" if past.year == year else "去年"
            parts.append(f"{word}{_written(past, year=False)}，{event}。\n")
        elif template == 2:  # a period with times (报名 / 受理)
            end = soon + rng.randrange(3, 20) * one_day
            colon = rng.choice("：:")
            parts.append(
                f"报名时间：{_written(soon)}{rng.randint(8, 9)}{colon}{rng.choice(('00', '30'))}"
                f"至{_written(end)}17{colon}00。\n"
            )
        elif template == 3:  # a news byline
            parts.append(
                f"本报讯（{rng.choice(_REPORTERS)}）{_written(past, year=False)}，{event}。\n"
            )
        elif template == 4:  # a weekday, checked against the calendar
            parts.append(
                f"会议定于{_written(soon, year=rng.random() < 0.5)}"
                f"（星期{_WEEKDAYS[soon.weekday()]}）上午9时召开。\n"
            )
        elif template == 5:  # a range across a month end (4月28日-5月1日)
            start = datetime.date(year, rng.randint(1, 11), rng.randint(24, 28))
            end = start + rng.randrange(3, 9) * one_day
            mark = rng.choice(("至", "-"))
            parts.append(f"{_written(start, False)}{mark}{_written(end, False)}开展专项检查。\n")
        elif template == 6:  # an observance day next to its name
            observance = rng.choice(fixed)
            when = datetime.date(year, observance.month, int(observance.day))
            parts.append(f"{_written(when, False)}{observance.names[0]}当天，{event}。\n")
        elif template == 7:  # 同年 after a written year
            later = past + rng.randrange(10, 60) * one_day
            if later.year == past.year:
                parts.append(
                    f"工程于{_written(past)}开工，同年{_written(later, False)}通过竣工验收。\n"
                )
        else:  # a plain sentence
            parts.append(f"{_written(past, year=rng.random() < 0.5)}，{event}。\n")
    parts.append(f"特此公告。\n{rng.choice(_ORGS)}\n{_written(published)}")
    return "".join(parts), published


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
