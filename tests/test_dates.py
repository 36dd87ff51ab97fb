"""Damaged-date repair (noticecli.repair.dates) and header date parsing (noticecli.dates)."""

from __future__ import annotations

import datetime

import pytest

from noticecli.dates import ParsedDate, parse_date
from noticecli.edits import TextEdit, apply_edits, revert_edits
from noticecli.repair.dates import Ambiguity, DateContext, repair_dates

PUBLISHED = DateContext(datetime.date(2020, 5, 6))


def repair_one(
    text: str, context: DateContext = PUBLISHED, threshold: float = 0.9
) -> tuple[list[TextEdit], list[Ambiguity]]:
    ((edits, ambiguities),) = repair_dates([text], context, threshold=threshold)
    return edits, ambiguities


def repaired(text: str, context: DateContext = PUBLISHED) -> str:
    edits, _ = repair_one(text, context)
    return apply_edits(text, edits)


# --------------------------------------------------------------------------- repairs


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("327日，会议召开。", "3月27日，会议召开。", "date.month_day_missing_yue"),
        ("于1112日召开", "于11月12日召开", "date.month_day_missing_yue"),
        ("截至1231日，", "截至12月31日，", "date.month_day_missing_yue"),
        ("于20199月在济南", "于2019年9月在济南", "date.year_month_missing_nian"),
        ("于201912月召开", "于2019年12月召开", "date.year_month_missing_nian"),
        ("于20193月27日召开", "于2019年3月27日召开", "date.year_month_missing_nian"),
        ("于2019912日召开", "于2019年9月12日召开", "date.ymd_missing_nian_yue"),
        ("于20191112日召开", "于2019年11月12日召开", "date.ymd_missing_nian_yue"),
        ("2019年327日，", "2019年3月27日，", "date.month_day_missing_yue"),
        ("２０２０年３月２７日", "2020年3月27日", "date.fullwidth_digits"),
        ("2020年 5月", "2020年5月", "date.space_inside"),
        ("2020年\u30005月\u00a06日", "2020年5月6日", "date.space_inside"),
        # 号 is how the day was written: only what was lost comes back, the 号 stays.
        ("于327号召开", "于3月27号召开", "date.month_day_missing_yue"),
        ("2019年327号，", "2019年3月27号，", "date.month_day_missing_yue"),
        ("于20193月27号召开", "于2019年3月27号召开", "date.year_month_missing_nian"),
        ("于2019327号召开", "于2019年3月27号召开", "date.ymd_missing_nian_yue"),
        ("于２０１９年３２７号召开", "于2019年3月27号召开", "date.month_day_missing_yue"),
    ],
)
def test_repairs(text: str, expected: str, rule: str) -> None:
    edits, ambiguities = repair_one(text)
    assert apply_edits(text, edits) == expected
    assert {edit.rule for edit in edits} == {rule}
    assert ambiguities == []
    for edit in edits:
        assert text[edit.start : edit.end] == edit.before
        assert 0.9 <= edit.confidence <= 1.0


def test_edit_records_original_span() -> None:
    (edit,), _ = repair_one("活动。327日，会议")
    assert edit == TextEdit(
        3,
        7,
        "327日",
        "3月27日",
        "date.month_day_missing_yue",
        0.97,
        evidence=("one_reading", "publication_year"),
    )


def test_damaged_hao_date_gets_back_its_yue_and_keeps_its_hao() -> None:
    # One edit over the run, as for 327日; 号 is not turned into 日.
    edits, ambiguities = repair_one("于327号召开")
    assert [(e.start, e.end, e.before, e.after, e.rule) for e in edits] == [
        (1, 5, "327号", "3月27号", "date.month_day_missing_yue")
    ]
    assert ambiguities == []


@pytest.mark.parametrize(
    "text",
    [
        "于3月1号召开",
        "3月1号，会议召开。",
        "2024年3月27号，全市试鸣防空警报。",
        "会议3月12号召开",
        "本月27号前报送",
        "27号",
        "于2020年3月1号至3月5号举办",
        "3月27号（星期五）",
        "发布日期：2024年3月27号",
    ],
)
def test_clean_dates_written_with_hao_stay_as_printed(text: str) -> None:
    # 号 is an ordinary way to write the day, not damage: no edit, no report.
    assert repair_one(text) == ([], [])
    assert repair_one(text, DateContext()) == ([], [])


def test_ambiguous_hao_date_lists_its_readings_with_its_hao() -> None:
    edits, ambiguities = repair_one("2019年112号召开")
    assert edits == []
    assert [(a.text, a.candidates) for a in ambiguities] == [("112号", ("1月12号", "11月2号"))]


def test_dates_written_with_hao_still_order_the_narrative() -> None:
    # The clean 号 dates are read as days (10月5日, 11月20日) and left as printed.
    context = DateContext(datetime.date(2020, 12, 31))
    blocks = ["10月5号，启动检查。", "于112日召开总结会。", "11月20号，通报结果。"]
    results = repair_dates(blocks, context)
    assert results[0] == ([], [])
    assert apply_edits(blocks[1], results[1][0]) == "于11月2日召开总结会。"
    assert results[2] == ([], [])


def test_damaged_and_fullwidth_rewritten_in_one_edit() -> None:
    # Otherwise a second run would still find the full-width digits to convert.
    text = "于２０１９年３２７日召开"
    edits, _ = repair_one(text)
    assert apply_edits(text, edits) == "于2019年3月27日召开"
    assert [e.rule for e in edits] == ["date.month_day_missing_yue"]


@pytest.mark.parametrize(
    "text",
    [
        # durations and counts
        "30日内",
        "15个工作日",
        "历时327日",
        "共327日",
        "第327日",
        "327日以来",
        "327天",
        "为期112日",
        "最长可延长至112日",
        "第12日",
        "每月15日",
        "12日",
        # document, index, house numbers
        "〔2020〕327号",
        "[2020]327号",
        "327号文",
        "第327号",
        "12号楼",
        "于327号楼",
        "岚综管综〔2016〕266号",
        "（2019）912号",
        "003110598/202005-00043",
        "PZ00101-1700-2023-00059",
        # clean dates, ranges, times, other numbers
        "2020年1月1日至12月31日",
        "1-10月",
        "2020-05-06",
        "2016-10-26 17:06",
        "9:30",
        "2019年中国城市信用建设高峰论坛",
        "28个省110个城市413份",
        "第2位",
        "70周年",
        "电话0551-62601234",
        "增长12.5%",
        "327日元",
        "A327日",
        "v2.327日",
        "https://www.pingtan.gov.cn/zwgk/201610/t20161026_79826.htm",
        "3月27日",
        "2019年3月27日",
        "2019年9月",
        # implausible: no valid split, or no plausible year
        "于332日",
        "于230日",
        "2019年229日",
        "于12345月",
        "于1000912日",
    ],
)
def test_never_touched(text: str) -> None:
    edits, _ = repair_one(text)
    assert edits == []


@pytest.mark.parametrize(
    ("text", "expected", "ambiguous"),
    [
        ("327日", "3月27日", 0),
        ("于2019912日", "于2019年9月12日", 0),
        ("〔2020〕327号", "〔2020〕327号", 0),
        ("会议327日召开", "会议327日召开", 1),
    ],
)
def test_no_context_no_publication_date(text: str, expected: str, ambiguous: int) -> None:
    edits, ambiguities = repair_one(text, DateContext())
    assert apply_edits(text, edits) == expected
    assert len(ambiguities) == ambiguous


def test_weak_context_reported_not_repaired() -> None:
    edits, ambiguities = repair_one("会议327日召开")
    assert edits == []
    assert [(a.text, a.candidates, a.rule) for a in ambiguities] == [
        ("327日", ("3月27日",), "date.month_day_missing_yue")
    ]


# --------------------------------------------------------------------------- context


def test_two_splits_resolved_by_publication_date() -> None:
    # Published 2020-05-06: 11月2日 would lie after it in the same year.
    edits, _ = repair_one("于112日召开")
    assert [(e.after, e.alternatives) for e in edits] == [("1月12日", ("11月2日",))]


def test_two_splits_undecided_is_ambiguity() -> None:
    edits, ambiguities = repair_one("于112日召开", DateContext(datetime.date(2020, 12, 31)))
    assert edits == []
    (ambiguity,) = ambiguities
    assert ambiguity.text == "112日"
    assert set(ambiguity.candidates) == {"1月12日", "11月2日"}
    assert "readings" in ambiguity.reason


def test_two_splits_resolved_by_narrative_order_across_blocks() -> None:
    context = DateContext(datetime.date(2020, 12, 31))
    blocks = ["10月5日，启动检查。", "于112日召开总结会。", "11月20日，通报结果。"]
    results = repair_dates(blocks, context)
    assert results[0] == ([], [])
    assert apply_edits(blocks[1], results[1][0]) == "于11月2日召开总结会。"
    assert results[2] == ([], [])


def test_future_reading() -> None:
    # 11月12日 of the previous year still fits a date written without its year.
    edits, _ = repair_one("。1112日，会议召开")
    assert [e.after for e in edits] == ["11月12日"]
    # A year written in the run makes it a date even after publication (drills, deadlines).
    edits, _ = repair_one("2020年1112日，会议召开")
    assert [e.after for e in edits] == ["11月12日"]
    # ... unless the year lies far beyond publication.
    edits, ambiguities = repair_one("2030年1112日，会议召开")
    assert edits == []
    assert ambiguities[0].reason == "the reading falls after the publication date"
    # A year written nearby that lies after publication leaves only future readings.
    edits, ambiguities = repair_one("2021年工作总结。于1112日召开")
    assert edits == []
    assert ambiguities[0].candidates == ("11月12日",)


def test_future_deadline_is_expected() -> None:
    edits, _ = repair_one("请于2020年630日前报送")
    assert [e.after for e in edits] == ["6月30日"]


def test_leap_day_uses_year() -> None:
    assert repaired("2020年229日，") == "2020年2月29日，"
    assert repaired("2019年229日，") == "2019年229日，"
    # Year from the text around it.
    assert repaired("2019年工作总结。于229日召开", DateContext()) == "2019年工作总结。于229日召开"
    # No year known at all: 2月29日 is possible.
    assert repaired("于229日召开", DateContext()) == "于2月29日召开"


def test_threshold() -> None:
    text = "活动。327日，会议"
    assert repair_one(text, threshold=0.99)[0] == []
    assert repair_one(text, threshold=0.99)[1][0].candidates == ("3月27日",)
    assert len(repair_one(text, threshold=0.5)[0]) == 1


def test_results_per_block_and_offsets_per_block() -> None:
    blocks = ["没有日期。", "327日，召开会议。", "于20199月在济南"]
    results = repair_dates(blocks, PUBLISHED)
    assert len(results) == 3
    assert [apply_edits(b, r[0]) for b, r in zip(blocks, results, strict=True)] == [
        "没有日期。",
        "3月27日，召开会议。",
        "于2019年9月在济南",
    ]


def test_empty_input() -> None:
    assert repair_dates([]) == []
    assert repair_dates([""]) == [([], [])]


# --------------------------------------------------------------------------- the seed page


def test_seed_page_repairs_exactly_three_dates(seed_text: str) -> None:
    text = seed_text
    edits, ambiguities = repair_one(text)
    assert [(e.before, e.after) for e in edits] == [
        ("327日", "3月27日"),
        ("318日", "3月18日"),
        ("20199月", "2019年9月"),
    ]
    assert ambiguities == []
    fixed = apply_edits(text, edits)
    assert "3月27日,全省人防" in fixed
    assert "3月18日,省人防办党组" in fixed
    assert "于2019年9月在济南2019年中国城市" in fixed
    # Nothing else changed.
    assert (
        fixed.replace("3月27日", "327日", 1)
        .replace("3月18日", "318日", 1)
        .replace("2019年9月", "20199月", 1)
        == text
    )
    assert revert_edits(fixed, edits) == text
    assert repair_one(fixed) == ([], [])


def test_seed_page_as_blocks(seed_text: str) -> None:
    blocks = [b for b in seed_text.split("\n") if b.strip()]
    results = repair_dates(blocks, PUBLISHED)
    changed = [e.before for edits, _ in results for e in edits]
    assert changed == ["327日", "318日", "20199月"]


# --------------------------------------------------------------------------- edits


def test_idempotent_on_mixed_text() -> None:
    text = "2020年1月1日至1231日，于112日、327号召开，２０２０年３月２７日，20193月27日。"
    edits, _ = repair_one(text)
    once = apply_edits(text, edits)
    assert repair_one(once)[0] == []
    assert revert_edits(once, edits) == text


def test_revert_round_trip_with_length_changes() -> None:
    text = "于327日和20199月、２０２０年 ３月２７号召开"
    edits, _ = repair_one(text)
    assert len(edits) >= 3
    fixed = apply_edits(text, edits)
    assert fixed != text
    assert revert_edits(fixed, edits) == text
    assert revert_edits(fixed, list(reversed(edits))) == text


def test_apply_rejects_mismatch_and_overlap() -> None:
    with pytest.raises(ValueError, match="does not match"):
        apply_edits("abc", [TextEdit(0, 1, "x", "y", "r", 1.0)])
    overlapping = [TextEdit(0, 2, "ab", "", "r", 1.0), TextEdit(1, 3, "bc", "", "r", 1.0)]
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abc", overlapping)
    with pytest.raises(ValueError, match="does not match"):
        revert_edits("abc", [TextEdit(0, 1, "a", "zz", "r", 1.0)])


def test_apply_and_revert_no_edits() -> None:
    assert apply_edits("文本", []) == "文本"
    assert revert_edits("文本", []) == "文本"


# --------------------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("value", "iso", "has_time"),
    [
        ("2020-05-06", "2020-05-06", False),
        ("2020-05-06 09:33", "2020-05-06T09:33:00+08:00", True),
        ("2020-05-06 09:33:12", "2020-05-06T09:33:12+08:00", True),
        ("2020-05-06T09:33", "2020-05-06T09:33:00+08:00", True),
        ("2020年5月6日", "2020-05-06", False),
        ("2020年05月06日 09:33", "2020-05-06T09:33:00+08:00", True),
        ("2020年05月06日09时33分", "2020-05-06T09:33:00+08:00", True),
        ("二〇二〇年五月六日", "2020-05-06", False),
        ("二〇一九年十二月三十一日", "2019-12-31", False),
        ("二○二○年十月二十日", "2020-10-20", False),
        ("2020.05.06", "2020-05-06", False),
        ("2020/5/6", "2020-05-06", False),
        ("20200506", "2020-05-06", False),
        ("２０２０－０５－０６　０９：３３", "2020-05-06T09:33:00+08:00", True),
        ("２０２０年５月６日", "2020-05-06", False),
        ("  2020-05-06\u00a0", "2020-05-06", False),
        ("2016-10-26 17:06", "2016-10-26T17:06:00+08:00", True),
        ("2020年2月29日", "2020-02-29", False),
        ("2020年5月6号", "2020-05-06", False),  # 号: the day as many notices write it
        ("2020年05月06号 09:33", "2020-05-06T09:33:00+08:00", True),
    ],
)
def test_parse_date(value: str, iso: str, has_time: bool) -> None:
    assert parse_date(value) == ParsedDate(iso, has_time)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "2020-02-30",
        "2019年2月29日",
        "2020-13-01",
        "2020-05-06 25:00",
        "2020-05-06 09:61",
        "2020-05/06",
        "2020-05-06 至 2020-05-08",
        "2020年5月",
        "5月6日",
        "20201306",
        "2020050",
        "二〇二〇年十三月一日",
        "二〇二〇年二十二十月一日",
        "二零年五月六日",
        "2020-05-0609:33",
        "无",
        "327日",
        "岚综管综〔2016〕266号",
    ],
)
def test_parse_date_rejects(value: str) -> None:
    assert parse_date(value) is None


# --------------------------------------------------------------------------- tense, weekday, range


def test_emergency_bureau_is_not_an_instruction() -> None:
    # 应 in 应急管理局 is not 应于 (shall): the date is an ordinary past date, and 11月7日
    # would lie after publication.
    context = DateContext(datetime.date(2017, 1, 18))
    edits, _ = repair_one("区应急管理局于2017年117日召开会议", context)
    assert [e.after for e in edits] == ["1月17日"]


def test_future_cue_in_an_earlier_sentence_does_not_count() -> None:
    context = DateContext(datetime.date(2020, 5, 6))
    edits, _ = repair_one("请报送。于2020年112日召开", context)
    assert [e.after for e in edits] == ["1月12日"]


def test_as_of_with_done_is_not_future() -> None:
    # 截至…，…已…: a state reached by the date, so the date is not after publication.
    context = DateContext(datetime.date(2014, 1, 19))
    edits, _ = repair_one("截至2014118日，全市已完成验收。", context)
    assert [e.after for e in edits] == ["2014年1月18日"]
    edits, _ = repair_one("截至127日，累计完成12项。", DateContext(datetime.date(2016, 5, 24)))
    assert [e.after for e in edits] == ["1月27日"]


def test_as_of_without_done_stays_open() -> None:
    # 截至 alone may announce a deadline (申报截至…): both readings remain.
    context = DateContext(datetime.date(2014, 1, 19))
    edits, ambiguities = repair_one("截至2014118日，各单位要完成验收。", context)
    assert [(e.after, e.rule) for e in edits] == [("2014年", "date.ymd_year_certain")]
    assert set(ambiguities[0].candidates) == {"2014年1月18日", "2014年11月8日"}
    # 已 in the next sentence does not count.
    edits, _ = repair_one("截至2014118日。全市已完成验收。", context)
    assert [e.rule for e in edits] == ["date.ymd_year_certain"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # One reading already past when the notice went out.
        ("请各单位于2023118日前报送", datetime.date(2023, 10, 19), "2023年11月8日"),
        ("请于2016年129日前报送", datetime.date(2016, 11, 6), "12月9日"),
        # No year: 1月17日 is past this year and 186 days ahead next year.
        ("请各单位于117日前报送", datetime.date(2020, 7, 15), "11月7日"),
        # Both ahead: weeks, not most of a year.
        ("请各单位于2025年115日前将材料报送", datetime.date(2025, 1, 9), "1月15日"),
        ("须于2017111日前完成", datetime.date(2016, 12, 25), "2017年1月11日"),
    ],
)
def test_deadline(text: str, published: datetime.date, expected: str) -> None:
    edits, _ = repair_one(text, DateContext(published))
    assert [e.after for e in edits] == [expected]


def test_deadline_without_year_may_fall_in_next_year() -> None:
    # Published 1 December: 12月3日 this year and 1月23日 next year are both weeks ahead.
    edits, ambiguities = repair_one(
        "请各单位于123日前报送", DateContext(datetime.date(2021, 12, 1))
    )
    assert edits == []
    assert set(ambiguities[0].candidates) == {"1月23日", "12月3日"}


def test_deadline_needs_instruction_and_qian() -> None:
    published = DateContext(datetime.date(2016, 11, 6))
    # 于…前 without an instruction: an ordinary date (both readings past or neither cue).
    edits, _ = repair_one("会议于2016年129日前后召开", published)
    assert [e.after for e in edits] == []
    # An instruction without 前: a meeting date, not a deadline.
    edits, ambiguities = repair_one("请各单位于2016年129日参加", published)
    assert edits == []
    assert len(ambiguities) == 1


def test_deadline_single_reading_past_is_still_repaired() -> None:
    # The digits allow one date only: the notice may simply have gone out late.
    edits, _ = repair_one("请于2020年327日前报送", DateContext(datetime.date(2020, 5, 6)))
    assert [e.after for e in edits] == ["3月27日"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # 2020-01-12 was a Sunday, 2020-11-02 a Monday.
        ("于2020年112日（星期日）召开", datetime.date(2020, 12, 31), "1月12日"),
        ("于2020年112日(周一)召开", datetime.date(2020, 12, 31), "11月2日"),
        ("2020112日 星期一，", datetime.date(2020, 12, 31), "2020年11月2日"),
        # A space and a bracket before the weekday: the widest form the cue allows.
        ("于2020年112日 （星期日）召开", datetime.date(2020, 12, 31), "1月12日"),
        ("于2020年112日 (周一)召开", datetime.date(2020, 12, 31), "11月2日"),
        # No year written: the publication year; 2021-01-23 Saturday, 2021-12-03 Friday.
        ("于123日（星期五）召开", datetime.date(2021, 12, 31), "12月3日"),
        ("于123日（礼拜六）召开", datetime.date(2021, 12, 31), "1月23日"),
    ],
)
def test_weekday_decides(text: str, published: datetime.date, expected: str) -> None:
    edits, ambiguities = repair_one(text, DateContext(published))
    assert [e.after for e in edits] == [expected]
    assert ambiguities == []


def test_weekday_that_fits_both_or_neither_does_not_decide() -> None:
    published = DateContext(datetime.date(2019, 12, 31))
    # In a common year 1月13日 and 11月3日 fall on the same weekday (294 days apart).
    edits, ambiguities = repair_one("于2019年113日（星期日）召开", published)
    assert edits == []
    assert len(ambiguities[0].candidates) == 2
    # A weekday that fits neither reading (2019-01-12 Saturday, 2019-11-02 Saturday).
    edits, ambiguities = repair_one("于2019年112日（星期三）召开", published)
    assert edits == []
    assert len(ambiguities[0].candidates) == 2
    # A single reading is repaired whatever the weekday says.
    assert repaired("于2019年327日（星期一）召开", published) == "于2019年3月27日（星期一）召开"


@pytest.mark.parametrize(
    "text",
    [
        "于2020年112日周年庆典",  # 周年, not a weekday
        "于2020年112日周边",
        "第112日（星期日）",  # a count stays a count
        "〔2020〕112号（星期日）",
    ],
)
def test_weekday_negatives(text: str) -> None:
    edits, _ = repair_one(text, DateContext(datetime.date(2020, 12, 31)))
    assert edits == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # The range ends on the 15th of the same month: 1月18日 cannot start it.
        ("于2020年118日至15日举办", datetime.date(2020, 12, 31), "11月8日"),
        ("于118日—15日举办", datetime.date(2020, 12, 31), "11月8日"),
        ("于118日～15日举办", datetime.date(2020, 12, 31), "11月8日"),
        ("于118日~15日举办", datetime.date(2020, 12, 31), "11月8日"),
        ("于2020年118日-15日举办", datetime.date(2020, 12, 31), "11月8日"),
        ("于2020年125日到8号举办", datetime.date(2020, 12, 31), "12月5日"),
        ("于2020年125日至8号举办", datetime.date(2020, 12, 31), "12月5日"),
    ],
)
def test_range_end_decides(text: str, published: datetime.date, expected: str) -> None:
    edits, _ = repair_one(text, DateContext(published))
    assert [e.after for e in edits] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "于2020年112日至15日举办",  # 1月12日至15日 and 11月2日至15日 both fit
        "于2020年118日至15日内完成",  # 15日内 is a duration (within 15 days), not a day
        "于2020年118日至150日",  # not a day
        "于2020年118日至15个工作日",  # a count after 至, not a day
    ],
)
def test_range_end_negatives(text: str) -> None:
    edits, _ = repair_one(text, DateContext(datetime.date(2020, 12, 31)))
    assert edits == []


def test_a_header_date_followed_by_its_own_weekday_is_read_and_a_wrong_weekday_is_not() -> None:
    from noticecli.dates import parse_date

    assert parse_date("2024-05-01（星期三）") == parse_date("2024-05-01")
    assert parse_date("2024年5月5日 周日") == parse_date("2024年5月5日")
    assert parse_date("2024年5月5日 星期天") == parse_date("2024年5月5日")
    assert parse_date("2024-05-01 09:30（星期三）") == parse_date("2024-05-01 09:30")
    assert parse_date("2024-05-01（星期四）") is None  # the page contradicts itself: no guess
