"""The texts of the damaged-date evaluation (bench/date_repair_eval.py): real texts read
from the corpus folders, synthetic narratives and form documents, the observance days, and
the damage done to their dates (seeded), each date's truth kept beside it.

No scoring here: date_repair_eval.py repairs these texts and scores the repairs.
"""

from __future__ import annotations

import contextlib
import datetime
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from noticecli.decode import decode_bytes
from noticecli.repair import dates as repairer  # for the damage a real page already carries

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = (
    REPO / "bench" / "date_texts",
    REPO / "fixtures" / "pages",
    REPO.parent / "shared" / "corpus",
)
# Rules that change clean text by design (full-width digits, spaces); an edit by any
# other rule on clean text is a false change, whatever new rule ids the repairer grows.
NORMALIZING_RULES = frozenset({"date.fullwidth_digits", "date.space_inside"})

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
