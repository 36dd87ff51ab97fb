"""The one header-row reader (noticecli.parse.header_tokens): labels and values whatever
separates them, and the evidence that keeps body text out of the header. Fixtures 322 to 331
hold the same layouts whole, each with an adversarial twin."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.parse.header_tokens import (
    column_pairs,
    header_pairs,
    may_open_row,
    read_header_row,
    with_broken_titles_joined,
    with_column_rows,
)
from tests.rendering import body_texts, label_values, parse_lines

TITLE = "岚山县人民防空办公室关于开展2024年防空警报试鸣的通告"
TEXT = "为检验防空警报设施性能，经研究决定，于2024年9月21日上午10时进行防空警报试鸣。"
CODE = "11/2024-00012"
UNIT = "岚山县人防办"
DAY = "2024-09-10"
GRID = [("索引号", CODE), ("发布机构", UNIT), ("发布日期", DAY)]


def _pairs(line: str) -> list[tuple[str, str | None]]:
    return [(pair.label, pair.value) for pair in header_pairs(line)]


# --- one row, any separator ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "row",
    [
        f"索引号：{CODE} 丨 发布机构：{UNIT} 丨 发布日期：{DAY}",  # pipes between colon pairs
        f"索引号丨{CODE}丨发布机构丨{UNIT}丨发布日期丨{DAY}",  # pipes only, no colon
        f"索引号 {CODE} ｜ 发布机构 {UNIT} ｜ 发布日期 {DAY}",  # full-width pipes, gaps
        f"索引号：{CODE}·发布机构：{UNIT}·发布日期：{DAY}",  # bullets glued to values
        f"索引号：{CODE} • 发布机构：{UNIT} • 发布日期：{DAY}",
        f"索引号：{CODE} / 发布机构：{UNIT} / 发布日期：{DAY}",  # slashes between gaps
        f"索引号\t{CODE}\t发布机构\t{UNIT}\t发布日期\t{DAY}",  # tabs
        f"【索引号】{CODE}【发布机构】{UNIT}【发布日期】{DAY}",  # lenticular brackets
        f"[索引号]：{CODE} [发布机构]：{UNIT} [发布日期]：{DAY}",  # brackets and a colon
        f"索引号：{CODE} 发布机构 {UNIT} 发布日期：{DAY}",  # colon and colon-less mixed
        f"索引号：{CODE}；发布机构：{UNIT}；发布日期：{DAY}",  # list marks glued to both
        f"索引号：{CODE}，发布机构：{UNIT}，发布日期：{DAY}",
        f"索引号：{CODE}/发布机构：{UNIT}/发布日期：{DAY}",  # a slash glued to both
        f"(索引号){CODE} (发布机构){UNIT} (发布日期){DAY}",  # labels in parentheses
        f"索引号：{CODE}    发布机构：{UNIT}    发布日期：{DAY}",  # gaps
    ],
)
def test_a_row_reads_as_its_labels_and_values_whatever_the_separator(row: str) -> None:
    assert _pairs(row) == GRID
    assert read_header_row(row) == f"索引号:{CODE}  发布机构:{UNIT}  发布日期:{DAY}"


def test_letter_spaced_labels_keep_their_spacing_and_an_empty_cell_is_null() -> None:
    assert _pairs(f"索　引　号：{CODE} 丨 文　　号：") == [("索　引　号", CODE), ("文　　号", None)]
    # A bracket pads its label to the cell's width: shown with single spaces.
    assert _pairs(f"[ 索  引  号 ] {CODE} [ 文       号 ] [ 发布机构 ] {UNIT}") == [
        ("索 引 号", CODE),
        ("文 号", None),
        ("发布机构", UNIT),
    ]


def test_a_value_keeps_the_dots_and_slashes_inside_it() -> None:
    assert _pairs("发布时间：2024/09/10 · 来源：县人防办/县财政局 · 作者：阿依古丽·买买提") == [
        ("发布时间", "2024/09/10"),
        ("来源", "县人防办/县财政局"),
        ("作者", "阿依古丽·买买提"),
    ]
    # A slash alone is what the page shows as the value (none), not a separator.
    assert _pairs("索引号： / 信息分类：信息公开年报") == [
        ("索引号", "/"),
        ("信息分类", "信息公开年报"),
    ]


def test_a_list_mark_after_a_gap_is_the_value_own() -> None:
    # 政府办, 发文日期:… : glued to the value only, the comma is shown as part of it.
    assert _pairs(f"发布机构:政府办, 发文日期:{DAY}") == [
        ("发布机构", "政府办,"),
        ("发文日期", DAY),
    ]


def test_a_label_word_closing_a_value_after_one_space_is_the_value_own() -> None:
    # After one space with nothing after it, 机构分类 is a word of the value; after a gap
    # (or with a value after it, see the mixed row above) it is a label of its own.
    assert _pairs(f"索引号：{CODE} 丨 分类：报告 机构分类") == [
        ("索引号", CODE),
        ("分类", "报告 机构分类"),
    ]
    assert _pairs(f"索引号：{CODE} 丨 分类：报告    机构分类") == [
        ("索引号", CODE),
        ("分类", "报告"),
        ("机构分类", None),
    ]


def test_widgets_closing_a_row_are_left_as_shown_after_its_pairs() -> None:
    assert read_header_row(f"发布时间：{DAY} 10:30:00 | 来源：县人防办 | 【打印】") == (
        f"发布时间:{DAY} 10:30:00  来源:县人防办  【打印】"
    )
    assert read_header_row(f"发布日期：{DAY} ｜ 来源：县人防办 ｜ 字号：大 中 小 ｜ 打印") == (
        f"发布日期:{DAY}  来源:县人防办  字号：大 中 小 ｜ 打印"
    )
    # A bracket glued to a value, a square bracket: left to the readers that know them.
    assert read_header_row(f"来源：本网字体: [大 中 小] 丨 发布日期：{DAY}") is None
    assert read_header_row(f"文号：聂府发[2006]5号 丨 发布日期：{DAY}") is None
    # Parentheses in a row of plain labels are a value's own.
    assert _pairs(f"信息来源：县政府（办公室） 丨 发布日期：{DAY}") == [
        ("信息来源", "县政府（办公室）"),
        ("发布日期", DAY),
    ]


def test_one_pair_parted_by_a_pipe_is_a_row_but_an_empty_cell_is_left_to_the_pipe_reader() -> None:
    assert read_header_row(f"发布日期 丨 {DAY}") == f"发布日期:{DAY}"
    assert read_header_row("公文时效: |") is None  # | 公文时效: | : the pipe row's empty cell
    assert read_header_row(f"发布日期 · {DAY}") is None  # a bullet is no cell's edge


def test_a_label_word_inside_a_value_is_not_a_label() -> None:
    assert _pairs(f"发布机构：岚山县发布机构改革办公室 丨 发布日期：{DAY}") == [
        ("发布机构", "岚山县发布机构改革办公室"),
        ("发布日期", DAY),
    ]
    assert _pairs(f"来源：县政府新闻发布机构 丨 发布日期：{DAY}") == [
        ("来源", "县政府新闻发布机构"),
        ("发布日期", DAY),
    ]


def test_the_pipe_character_is_never_part_of_a_label() -> None:
    # 丨 is a CJK character: a label by shape (2-8 CJK characters) must not swallow it.
    assert _pairs("来源：县应急局丨作者：张三") == [("来源", "县应急局"), ("作者", "张三")]


@pytest.mark.parametrize(
    "line",
    [
        "来源：县应急局丨作者：张三，本月将试鸣防空警报。",  # a sentence
        "来源：县应急局；本月将试鸣 丨 作者：张三",  # a value holding a clause
        "来源 · 县应急管理局的通报显示 · 本月将试鸣",  # one known label: a sentence's word
        "联系人 王明 丨 联系电话 0931-5512345",  # no known label
        f"发布时间：{DAY} 【字体：大 中 小】 来源：{UNIT}",  # brackets holding a widget
        "【不忘初心 牢记使命】我院举办技能大赛",  # a bracketed slogan opening a title
        "索引号    发布机构    发布日期",  # a column table's head: with_column_rows reads it
        f"索引号：{CODE} 丨 名称：{'很长的标题' * 13}",  # a value longer than a field's
        "首页 丨 政务公开 丨 通知公告",  # a navigation line
    ],
)
def test_text_that_is_no_header_row_is_not_read(line: str) -> None:
    assert read_header_row(line) is None


def test_one_bracketed_label_is_a_row_by_the_page_own_mark() -> None:
    assert read_header_row(f"【索引号】：{CODE}") == f"索引号:{CODE}"
    assert read_header_row(f"索引号 {CODE}") is None  # a plain label alone needs its grid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"索引号丨{CODE}", True),
        (f"【名　　称】：{TITLE}", True),
        (f"[索引号]{CODE}", True),
        ("首页 丨 政务公开", False),
        (TEXT, False),
    ],
)
def test_the_cheap_test_sees_a_first_label(text: str, expected: bool) -> None:
    assert may_open_row(text) is expected


# --- a row of labels over a row of values -------------------------------------------------------


def test_a_column_table_rendered_as_two_lines_pairs_each_label_with_the_value_under_it() -> None:
    assert column_pairs("索引号    发布机构    发布日期", f"{CODE}    {UNIT}    {DAY}") == GRID
    assert column_pairs("索引号\t发布机构", f"{CODE}\t{UNIT}") == GRID[:2]
    # Letter-spaced heads, and heads drawn as a pipe table's row.
    spaced = ["索 引 号    发布机构    发布日期", f"{CODE}    {UNIT}    {DAY}", TEXT]
    assert with_column_rows(spaced)[0] == f"索 引 号:{CODE}  发布机构:{UNIT}  发布日期:{DAY}"
    piped = ["| 索引号 | 发布机构 | 发布日期 |", f"| {CODE} | {UNIT} | {DAY} |", TEXT]
    assert with_column_rows(piped)[0] == f"索引号:{CODE}  发布机构:{UNIT}  发布日期:{DAY}"
    # Heads with their colons: the label as shown, without the colon.
    assert with_column_rows(["索引号：    发布日期：", f"{CODE}    {DAY}", TEXT])[0] == (
        f"索引号:{CODE}  发布日期:{DAY}"
    )
    lines = ["索引号    发布机构    发布日期", f"{CODE}    {UNIT}    {DAY}", "", TITLE, TEXT]
    assert with_column_rows(lines) == [
        f"索引号:{CODE}  发布机构:{UNIT}  发布日期:{DAY}",
        "",
        "",
        TITLE,
        TEXT,
    ]


@pytest.mark.parametrize(
    ("heads", "values"),
    [
        ("索引号    发布日期", f"{DAY}    {CODE}"),  # shapes swapped: no such grid
        ("索引号    发布机构    发布日期", f"{CODE}    {UNIT}"),  # a cell missing
        ("发布机构    来源", f"{UNIT}    县人防办"),  # no value whose shape proves it
        ("索引号    发布机构", f"{CODE}    发布日期"),  # a label among the values
        ("索引号    通知", f"{CODE}    {UNIT}"),  # a head that is no label
    ],
)
def test_two_lines_without_the_evidence_of_a_column_table_are_not_paired(
    heads: str, values: str
) -> None:
    assert column_pairs(heads, values) is None


def test_a_tab_table_keeps_its_empty_value_cell() -> None:
    assert column_pairs("索引号\t文号\t发布日期", f"{CODE}\t\t{DAY}") == [
        ("索引号", CODE),
        ("文号", ""),
        ("发布日期", DAY),
    ]


def test_a_data_table_and_rows_after_the_text_began_stay_text() -> None:
    table = ["名称    发布日期    文号", "试鸣一号    2024-10-20    岚人防发〔2024〕12号"]
    rows = [*table, "试鸣二号    2024-11-20    岚人防发〔2024〕13号"]
    assert with_column_rows(rows) == rows  # a third row of as many cells: a data table
    after_text = [TEXT, "索引号    发布日期", f"{CODE}    {DAY}"]
    assert with_column_rows(after_text) == after_text


# --- a title value broken over two lines ---------------------------------------------------------


def test_a_title_value_broken_over_two_lines_is_joined() -> None:
    lines = [
        f"索引号：{CODE}",
        "名称：岚山县人民防空办公室关于开展2024年防空警报试鸣",
        "的通告",
        f"发布日期：{DAY}",
    ]
    assert with_broken_titles_joined(lines) == [
        f"索引号：{CODE}",
        f"名称：{TITLE}",
        "",
        f"发布日期：{DAY}",
    ]


@pytest.mark.parametrize(
    "lines",
    [
        [f"名称：{TITLE}", "（第3号）", f"发布日期：{DAY}"],  # the value is whole already
        ["名称：岚山县第一中学", "的通知已转发各校", TEXT],  # no label row under it
        ["发布机构：岚山县人民防空", "办公室的通知", f"发布日期：{DAY}"],  # not a title's label
        ["名称：岚山县人民防空办公室关于", "发布机构 的通知", f"发布日期：{DAY}"],  # a label line
    ],
)
def test_lines_that_are_no_broken_title_stay_apart(lines: list[str]) -> None:
    assert with_broken_titles_joined(lines) == lines


# --- whole pages ---------------------------------------------------------------------------------


def test_a_text_page_reads_its_separated_grid_and_keeps_separated_text_lines_as_printed() -> None:
    notice = parse_lines(
        f"索引号丨{CODE}丨发布机构丨{UNIT}",
        "",
        TITLE,
        f"发布时间：{DAY} · 来源：县人防办 · 作者：阿依古丽·买买提",
        "",
        TEXT,
        "联系人 王明 丨 联系电话 0931-5512345",
        "来源 · 县人防办宣传科整理",
        "投稿截止时间为2024年10月31日。",
    )
    assert notice.title == TITLE
    assert label_values(notice) == [
        ("索引号", CODE),
        ("发布机构", UNIT),
        ("发布时间", DAY),
        ("来源", "县人防办"),
        ("作者", "阿依古丽·买买提"),
    ]
    body = "\n".join(body_texts(notice))  # the two short lines may make one heading
    assert body.startswith(TEXT)
    for line in ("联系人 王明 丨 联系电话 0931-5512345", "来源 · 县人防办宣传科整理"):
        assert line in body


def test_an_html_header_box_of_text_lines_is_read_and_the_article_is_not() -> None:
    html = (
        "<html><head><meta charset='utf-8'><title>t</title></head><body>"
        "<div class='nav'>首页 丨 政务公开 丨 通知公告</div>"
        "<div class='xxgk'><p>索引号&nbsp;&nbsp;&nbsp;发布机构</p>"
        f"<p>{CODE}&nbsp;&nbsp;&nbsp;{UNIT}</p>"
        f"<p>文号丨岚人防发〔2024〕3号丨发布日期丨{DAY}</p><p>[有效性]有效</p></div>"
        f"<h1>{TITLE}</h1><div class='article-content'><p>{TEXT}</p>"
        "<p>名称&nbsp;&nbsp;&nbsp;发布日期</p><p>报名表&nbsp;&nbsp;&nbsp;2024-09-25</p></div>"
        "</body></html>"
    )
    notice = noticecli.parse_html(html)
    assert label_values(notice) == [
        ("索引号", CODE),
        ("发布机构", UNIT),
        ("文号", "岚人防发〔2024〕3号"),
        ("发布日期", DAY),
        ("有效性", "有效"),
    ]
    assert TEXT in body_texts(notice)


def test_an_html_separator_before_a_label_in_its_own_text_node_is_no_part_of_it() -> None:
    html = (
        "<html><head><meta charset='utf-8'><title>t</title></head><body>"
        f"<div class='xxgk'>索引号：<span>{CODE}</span> 丨 发布机构：<span>{UNIT}</span>"
        f" 丨 发布日期：<span>{DAY}</span></div>"
        f"<h1>{TITLE}</h1><div class='article-content'><p>{TEXT}</p></div></body></html>"
    )
    assert label_values(noticecli.parse_html(html)) == GRID
    colonless = html.replace("索引号：", "<b>索引号</b> ").replace("发布机构：", "<b>发布机构</b> ")
    assert label_values(noticecli.parse_html(colonless))[:2] == GRID[:2]
