"""Properties of date repair over generated narratives damaged the way extraction damages them.

A narrative is written the way disclosure pages are: events in forward order before the
publication date (the repairer's assumption; idempotence and clean text are also checked on
narratives in any order), a year written whenever it differs from the one the reader assumes (the
last year written, else the publication year), an optional deadline after publication
announced with 请于…前, and numbers that are not dates around them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from noticecli.edits import apply_edits, revert_edits
from noticecli.repair.dates import DateContext, repair_dates

EVENTS = ("召开专题会议", "启动专项检查", "印发实施方案", "完成验收", "开展应急演练")
SUBJECTS = ("省人防办", "市民防局", "工作专班", "领导小组")
FILLERS = (
    "全国共有28个省110个城市413份信用承诺书参选。",
    "申请人应在15个工作日内提交材料。",
    "项目历时45日完成，共327日未发生事故。",
    "依据岚综管综〔2016〕266号文件执行。",
    "索引号：003110598/202005-00043。",
    "咨询电话：0551-62601234，上午9:30开放。",
    "资金同比增长12.5%，居第2位。",
    "向中国人民防空创立70周年献礼。",
    "详见https://www.example.gov.cn/t20161026_79826.htm。",
    "每月15日前报送，第12日公示。",
)


@dataclass(frozen=True)
class Piece:
    original: str
    damaged: str  # equal to original for text that is not a damaged date


def plain(text: str) -> Piece:
    return Piece(text, text)


def _render(date: datetime.date, with_year: bool, month_only: bool) -> str:
    year = f"{date.year}年" if with_year else ""
    return f"{year}{date.month}月" if month_only else f"{year}{date.month}月{date.day}日"


def _damages(
    date: datetime.date, with_year: bool, month_only: bool, *, after_word: bool = False
) -> list[str]:
    """Every damaged form extraction can leave that still holds enough to be repaired."""
    y, m, d = date.year, date.month, date.day
    if month_only:
        return [f"{y}{m}月"] if with_year else []
    if with_year:
        return [f"{y}年{m}{d}日", f"{y}{m}月{d}日", f"{y}{m}{d}日"]
    # Without a year, 3月5日 → 35日 is indistinguishable from a day: not recoverable, except
    # right after 今年 / 去年, where a day of the month alone is not written.
    return [f"{m}{d}日"] if len(f"{m}{d}") >= 3 or after_word else []


@st.composite
def narratives(draw: st.DrawFn, in_order: bool = True) -> tuple[datetime.date, list[list[Piece]]]:
    published = draw(st.dates(datetime.date(2005, 1, 1), datetime.date(2030, 12, 31)))
    offsets = draw(st.lists(st.integers(0, 500), min_size=1, max_size=5))
    if in_order:
        offsets.sort(reverse=True)
    events = [published - datetime.timedelta(days=o) for o in offsets]
    pieces: list[Piece] = []
    assumed_year: int | None = None  # the last year written
    for date in events:
        if draw(st.booleans()):
            pieces.append(plain(draw(st.sampled_from(FILLERS))))
        must_write_year = date.year != (assumed_year or published.year)
        template = draw(st.integers(0, 5))
        # 今年 / 去年 fix the year of the date after them (issue 10's relative years).
        relative = {published.year: "今年", published.year - 1: "去年"}.get(date.year)
        if template == 5 and relative is None:
            template = 0
        if template == 5:
            with_year = month_only = False
        else:
            # A list number (1.) frees only a run that opens with its year.
            with_year = must_write_year or template == 4 or draw(st.booleans())
            month_only = with_year and template != 3 and draw(st.integers(0, 5)) == 0
        original = _render(date, with_year, month_only)
        options = _damages(date, with_year, month_only, after_word=template == 5)
        damaged = (
            draw(st.sampled_from(options)) if bool(options) and draw(st.booleans()) else original
        )
        if with_year:
            assumed_year = date.year
        subject, event = draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(EVENTS))
        if template == 0:
            pieces += [Piece(original, damaged), plain(f"，{subject}{event}。")]
        elif template == 1:
            pieces += [plain(f"{subject}于"), Piece(original, damaged), plain(f"{event}。")]
        elif template == 2:
            pieces += [plain("截至"), Piece(original, damaged), plain(f"，{event}。")]
        elif template == 3:  # a clock time right after 日 (issue 10: time_after)
            clock = f"{draw(st.integers(0, 23))}{draw(st.sampled_from(':：∶'))}30"
            pieces += [plain("于"), Piece(original, damaged), plain(f"{clock}{event}。")]
        elif template == 4:  # a numbered item (issue 10: list_number)
            number = draw(st.integers(1, 12))
            pieces += [plain(f"（{number}."), Piece(original, damaged), plain(f" {event}）。")]
        else:
            pieces += [plain(relative or ""), Piece(original, damaged), plain(f"，{event}。")]
    if draw(st.booleans()):
        deadline = published + datetime.timedelta(days=draw(st.integers(1, 60)))
        with_year = deadline.year != (assumed_year or published.year) or draw(st.booleans())
        original = _render(deadline, with_year, False)
        options = _damages(deadline, with_year, False)
        damaged = (
            draw(st.sampled_from(options)) if bool(options) and draw(st.booleans()) else original
        )
        pieces += [plain("请于"), Piece(original, damaged), plain("前报送。")]
    # Cut into blocks (paragraphs) at piece boundaries after a full stop.
    blocks: list[list[Piece]] = [[]]
    for piece in pieces:
        blocks[-1].append(piece)
        if piece.original.endswith("。") and draw(st.integers(0, 2)) == 0:
            blocks.append([])
    return published, [b for b in blocks if b]


def _texts(blocks: list[list[Piece]], damaged: bool) -> list[str]:
    return ["".join(p.damaged if damaged else p.original for p in b) for b in blocks]


@settings(max_examples=300, deadline=None)
@given(narratives())
def test_repair_restores_or_reports(case: tuple[datetime.date, list[list[Piece]]]) -> None:
    published, blocks = case
    texts = _texts(blocks, damaged=True)
    results = repair_dates(texts, DateContext(published))
    for block, text, (edits, ambiguities) in zip(blocks, texts, results, strict=True):
        expected: list[str] = []
        pos = 0
        for piece in block:
            start, end = pos, pos + len(piece.damaged)
            pos = end
            inside = [e for e in edits if start <= e.start and e.end <= end]
            if piece.damaged == piece.original:
                expected.append(piece.original)
                continue
            if inside and all(e.rule == "date.ymd_year_certain" for e in inside):
                # Only the certain 年 restored: the rest is reported, not guessed.
                assert any(a.start < end and start < a.end for a in ambiguities), text
                expected.append(f"{piece.damaged[:4]}年{piece.damaged[4:]}")
            elif inside:
                expected.append(piece.original)  # repaired: must be exactly the original
            else:
                assert any(a.start < end and start < a.end for a in ambiguities), (
                    f"damaged {piece.damaged!r} neither repaired nor reported in {text!r}"
                )
                expected.append(piece.damaged)
        # Edits only inside damaged dates, and each restores its date exactly.
        assert apply_edits(text, edits) == "".join(expected), text
        for edit in edits:
            assert edit.confidence >= 0.9


@settings(max_examples=150, deadline=None)
@given(narratives(in_order=False))
def test_clean_text_is_never_changed(case: tuple[datetime.date, list[list[Piece]]]) -> None:
    published, blocks = case
    texts = _texts(blocks, damaged=False)
    for edits, ambiguities in repair_dates(texts, DateContext(published)):
        assert edits == []
        assert ambiguities == []


@settings(max_examples=200, deadline=None)
@given(narratives(in_order=False), st.booleans())
def test_idempotent_and_revertible(
    case: tuple[datetime.date, list[list[Piece]]], know_published: bool
) -> None:
    published, blocks = case
    context = DateContext(published if know_published else None)
    texts = _texts(blocks, damaged=True)
    results = repair_dates(texts, context)
    fixed = [apply_edits(t, r[0]) for t, r in zip(texts, results, strict=True)]
    again = repair_dates(fixed, context)
    assert [edits for edits, _ in again] == [[] for _ in texts]
    assert [len(a) for _, a in again] == [len(a) for _, a in results]
    for text, fixed_text, (edits, _) in zip(texts, fixed, results, strict=True):
        assert revert_edits(fixed_text, edits) == text
        # Confidences come with three decimals: the repair records take them as they are.
        assert all(edit.confidence == round(edit.confidence, 3) for edit in edits)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789０３年月日号于至第共〔〕-/: ，。\u3000", max_size=40))
def test_arbitrary_text_round_trips(text: str) -> None:
    ((edits, _),) = repair_dates([text], DateContext(datetime.date(2020, 5, 6)))
    fixed = apply_edits(text, edits)
    assert revert_edits(fixed, edits) == text
    ((again, _),) = repair_dates([fixed], DateContext(datetime.date(2020, 5, 6)))
    assert again == []
