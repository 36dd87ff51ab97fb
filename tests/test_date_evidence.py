"""Issue 10's evidence: the readers of noticecli.repair.date_evidence, the observance days,
the evidence each repair records, and what the rules must never touch."""

from __future__ import annotations

import datetime
import json

import pytest
from click.testing import CliRunner

from noticecli.cli import main
from noticecli.edits import apply_edits
from noticecli.repair import date_evidence as evidence
from noticecli.repair.dates import DateContext, repair_dates
from noticecli.repair.observances import in_scope, named_near, observances


def repair_one(text: str, published: datetime.date | None = None) -> tuple[str, list[str]]:
    """The repaired text and the evidence of its repairs, in order."""
    ((edits, _),) = repair_dates([text], DateContext(published))
    return apply_edits(text, edits), [name for edit in edits for name in edit.evidence]


# --------------------------------------------------------------------------- readers


@pytest.mark.parametrize(
    ("text", "end", "found"),
    [
        ("915日14:30", 4, True),
        ("915日14：30", 4, True),
        ("915日 10∶00", 4, True),
        ("915日10时30分", 4, True),
        ("915日10时", 4, True),
        ("915日９点", 4, True),
        ("915日25:00", 4, False),  # no such hour
        ("915日14:61", 4, False),  # no such minute
        ("915日14:305", 4, False),  # a digit glued after the minutes
        ("915日1430", 4, False),  # digits, not a time
        ("915日，", 4, False),
    ],
)
def test_clock_after(text: str, end: int, found: bool) -> None:
    assert (evidence.clock_after(text, end) >= 0) is found


@pytest.mark.parametrize(
    ("text", "start", "found"),
    [
        ("（1.1998年", 3, True),
        ("\n12.1998年", 4, True),
        ("1.1998年", 2, True),  # the start of the text
        ("修正 2.2009年", 5, True),
        ("人均3.125日", 4, False),  # a decimal
        ("V1.327日", 3, False),  # a version
        ("（123.1998年", 5, False),  # three digits: not a list number
        ("（1、1998年", 3, False),  # 、 is a clause boundary of its own, not a dot
    ],
)
def test_list_marker_before(text: str, start: int, found: bool) -> None:
    assert evidence.list_marker_before(text, start) is found


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("今年51日", "今年"),
        ("去年1220日", "去年"),
        ("今年的918日", "今年"),
        ("同年1015日", "同年"),
        ("次年31日", "次年"),
        ("近年327日", None),
        ("2019年327日", None),
        ("本月12日", None),
    ],
)
def test_relative_year_before(text: str, word: str | None) -> None:
    start = next(i for i, ch in enumerate(text) if ch.isdigit() and text[i - 1] in "年的月")
    assert evidence.relative_year_before(text, start) == word


def test_range_marks_before_and_after() -> None:
    text = "2016年8月9日11:00—814日16:00"
    start = text.index("814")
    assert evidence.range_start_end(text, start) == text.index("11:00")
    text = "4月28日-51日"
    assert evidence.range_start_end(text, text.index("51")) == text.index("-")
    text = "915日14:30至9月20日"  # a time, then the mark
    end = text.index("日") + 1
    assert evidence.range_end_start(text, end, evidence.clock_after(text, end)) == 10
    assert evidence.range_end_start("915日14:30召开", 4, 9) == -1
    assert evidence.range_end_start("915日 至 9月20日", 4) == 7
    assert evidence.range_end_start("915日至今", 4) == -1
    assert evidence.range_start_end("第1-51日", 4) == -1  # a count, not a date, before
    assert evidence.range_start_end("编号A-51日", 4) == -1


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("（记者王某）612日", True),
        ("本报讯（记者 张三 通讯员 李四）612日", True),
        ("(记者 李四)1020日", True),
        ("（见附件）612日", False),
        ("（2019）612日", False),
    ],
)
def test_byline_before(text: str, byline: bool) -> None:
    start = max(text.rfind("）"), text.rfind(")")) + 1
    assert evidence.byline_before(text, start) is byline


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("哈尔滨918日电（记者", True),
        ("海口网1029日消息，", True),
        ("海口晚报网1024日讯 （记者", True),
        ("918日电费", False),
        ("918日电话", False),
    ],
)
def test_dateline_after(text: str, dateline: bool) -> None:
    assert evidence.dateline_after(text, text.index("日") + 1) is dateline


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2024年6月30", True),
        ("  2024年6月30  \n下一行", True),
        ("发布日期：2024年6月30", True),
        ("：2024年6月30", True),
        ("某某市人民政府2024年6月30", True),
        ("某某县应急管理局 2024年6月30", True),
        ("截至2024年6月30", False),  # mid-sentence
        ("2024年6月30余人", False),  # not the last token on its line
        ("2024年6月300", False),  # three digits are no day
        ("工程建设2024年6月30", False),
    ],
)
def test_date_line_day(text: str, found: bool) -> None:
    start = text.index("2024")
    assert (evidence.date_line_day(text, start, text.index("月") + 1) is not None) is found


# --------------------------------------------------------------------------- observances


def test_observances_fix_days_and_compute_the_third_saturday() -> None:
    rows = {row.names[0]: row for row in observances()}
    assert rows["全国防灾减灾日"].day_in(None) == 12
    education = rows["全民国防教育日"]
    assert education.day_in(None) is None
    assert [education.day_in(year) for year in (2011, 2020, 2024)] == [17, 19, 21]
    assert not any(row.names[0].startswith("安全生产月") for row in observances())  # a month


def test_named_near_reads_the_sentence_only() -> None:
    text = "全国消防日。119日开展活动"
    assert named_near(text, 6, 10) == ()  # the name is in the sentence before
    text = "119日消防日当天"
    assert [row.names[0] for row in named_near(text, 0, 4)] == ["全国消防日"]


def test_a_place_day_holds_where_the_place_is_named() -> None:
    rows = named_near("65日试鸣防空警报", 0, 3)
    assert {row.scope for row in rows} >= {"重庆", "江苏"}
    assert {row.scope for row in in_scope(rows, "重庆市人民防空办公室")} == {"重庆"}
    assert in_scope(rows, "武汉市人民防空办公室") == ()


# --------------------------------------------------------------------------- repairs


@pytest.mark.parametrize(
    ("text", "published", "expected", "names"),
    [
        ("（1.1998年1127日 通过）", "2019-06-01", "（1.1998年11月27日 通过）", ["list_marker"]),
        ("今年51日起施行", "2024-06-10", "今年5月1日起施行", ["relative_year"]),
        ("于2025年918日9:00试鸣", "2025-09-01", "于2025年9月18日9:00试鸣", ["time_after"]),
        (
            "会议定于111日（星期五）召开。",
            "2024-10-25",
            "会议定于11月1日（星期五）召开。",
            ["weekday"],
        ),
        ("7月30日至81日检查", "2023-07-20", "7月30日至8月1日检查", ["range"]),
        ("12月28日至112日值班", "2023-12-20", "12月28日至1月12日值班", ["range_order"]),
        ("119日消防日当天", "2023-11-01", "11月9日消防日当天", ["observance:全国消防日"]),
        (
            "某某市人民政府\n2024年6月30",
            "2024-07-01",
            "某某市人民政府\n2024年6月30日",
            ["date_line"],
        ),
        ("1983121日通过", None, "1983年121日通过", ["year_digits"]),
    ],
)
def test_each_form_names_its_evidence(
    text: str, published: str | None, expected: str, names: list[str]
) -> None:
    day = datetime.date.fromisoformat(published) if published else None
    repaired, found = repair_one(text, day)
    assert repaired == expected
    assert set(names) <= set(found)


def test_year_certain_restores_only_the_year_and_reports_the_rest() -> None:
    ((edits, ambiguities),) = repair_dates(["该条例于1983121日通过。"])
    assert [(e.before, e.after, e.rule) for e in edits] == [
        ("1983", "1983年", "date.ymd_year_certain")
    ]
    (ambiguity,) = ambiguities
    assert set(ambiguity.candidates) == {"1983年1月21日", "1983年12月1日"}
    assert ambiguity.year_restored
    assert ambiguity.describe("line 1").endswith("only its 年 restored")
    assert ambiguity.describe("line 1", repaired=False).endswith("left unchanged")
    # The second run finds the 年 there and reports the same readings, changing nothing.
    ((again, reported),) = repair_dates(["该条例于1983年121日通过。"])
    assert again == []
    assert set(reported[0].candidates) == {"1月21日", "12月1日"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A whole month and day after an early year: its 年 alone was lost.
        ("1937年的一天。193711月13日，日军空袭。", "1937年的一天。1937年11月13日，日军空袭。"),
        ("城市遭轰炸，193711月13日，日军空袭。", "城市遭轰炸，1937年11月13日，日军空袭。"),
        # Two early dates joined by a range.
        ("从19382月到194412月，轰炸不断。", "从1938年2月到1944年12月，轰炸不断。"),
        # The day of an observance named beside it (Chongqing's sirens recall 1941年6月5日).
        (
            "重庆每年试鸣防空警报，纪念194165日大隧道惨案。",
            "重庆每年试鸣防空警报，纪念1941年6月5日大隧道惨案。",
        ),
        # A year before 1949 written with its 年 elsewhere in the document.
        ("1941年，重庆。194165日，较场口。", "1941年，重庆。1941年6月5日，较场口。"),
        # Without any of these, a glued early year is left alone, and quietly.
        ("编号19382月", "编号19382月"),
        ("于194165日召开", "于194165日召开"),
    ],
)
def test_early_years_need_evidence(text: str, expected: str) -> None:
    ((edits, ambiguities),) = repair_dates([text], DateContext(datetime.date(2021, 6, 5)))
    assert apply_edits(text, edits) == expected
    if expected == text:
        assert ambiguities == []


@pytest.mark.parametrize(
    "text",
    [
        # identifiers, decimals, versions, document and index numbers, counts, durations
        "V1.327日志",
        "人均3.125日",
        "〔2020〕327号",
        "历时327日",
        "30日内",
        "型号V2.2019121日",
        "第1.2019年327日",
        "第327日10:00",
        "共915日14时",
        "历时915日14时完成",
        "编号A-51日",
        "第1-51日",
        "4月28日-51号",
        "3月1日-45日内",
        "（记者王某）612日内完成",
        "918日电费",
        # two digits without the evidence that makes them a date
        "有效期45日",
        "武汉市将于65日试鸣防空警报。",
        "本月12日起施行",
        # a year-month closing a line, a date label's digits that are no day
        "2024年6月",
        "发布日期：2024年6月31",
        "截至2024年6月30余人报名",
        "备注：2024年6月30",
        # early years without evidence
        "编号19382月",
        "共193711月13日",
    ],
)
def test_issue_10_rules_never_touch(text: str) -> None:
    ((edits, _),) = repair_dates([text], DateContext(datetime.date(2024, 7, 1)))
    assert edits == []


# --------------------------------------------------------------------------- the CLI


def test_normalize_json_and_diff_show_the_evidence() -> None:
    text = "发布日期：2024-10-25\n会议定于111日（星期五）上午召开。\n"
    result = CliRunner().invoke(main, ["normalize", "--json"], input=text.encode())
    assert result.exit_code == 0
    (record,) = json.loads(result.stdout)["repairs"]
    assert record["evidence"] == ["weekday", "publication_year"]
    result = CliRunner().invoke(main, ["normalize", "--diff"], input=text.encode())
    assert "111日 → 11月1日" in result.stdout
    assert "evidence weekday, publication_year" in result.stdout


def test_a_clean_date_after_jinnian_orders_the_narrative_in_that_year() -> None:
    # 今年6月4日 (published 2013) is a 2013 date, whether its 月 was lost and restored in the
    # first run or written in the text the second run reads: both runs order the other
    # dates alike, so the second changes nothing.
    text = (
        "报名时间：2014年1月9日9：30至20141月23日17：00。\n"
        "报名时间：2014年1月10日9:30至2014124日17:00。\n"
        "今年64日，工作专班组织完成竣工验收。\n"
        "926日-104日开展专项检查。\n特此公告。\n某某区国防动员办公室\n2013年1218日"
    )
    context = DateContext(datetime.date(2013, 12, 18))
    ((edits, ambiguities),) = repair_dates([text], context)
    fixed = apply_edits(text, edits)
    assert "今年6月4日" in fixed
    ((again, reported),) = repair_dates([fixed], context)
    assert again == []
    assert len(reported) == len(ambiguities)


def test_neighbours_decide_nothing_where_the_dates_go_back_and_forth() -> None:
    # Between 2月1日 and 11月20日, 112日 would be 11月2日 in a narrative; in a document whose
    # dates jump back and forth, two neighbours that happen to agree are no evidence.
    context = DateContext(datetime.date(2020, 12, 31))
    jumping = [
        "3月5日，甲。",
        "1月9日，乙。",
        "8月2日，丙。",
        "2月1日，丁。",
        "于112日召开。",
        "11月20日，戊。",
    ]
    results = repair_dates(jumping, context)
    assert results[4][0] == []
    assert set(results[4][1][0].candidates) == {"1月12日", "11月2日"}
    ordered = [
        "1月5日，甲。",
        "2月9日，乙。",
        "8月2日，丙。",
        "10月1日，丁。",
        "于112日召开。",
        "11月20日，戊。",
    ]
    ((edits, _),) = repair_dates(["".join(ordered)], context)
    assert [edit.after for edit in edits] == ["11月2日"]
