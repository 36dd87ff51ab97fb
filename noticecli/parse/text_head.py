"""The head of a text rendering: the header grid, the title line and the meta lines under
it, read from where the page's own text starts (its chrome already blanked) up to where the
body begins.

A title is found by evidence (a title over the site's chrome, a document type's word, a
``unit:headline`` line over the meta line, a title run or one title-like line, the line
above the meta line); the grid is the label lines from there, unless they read as the
salutation opening the body; under the title come meta lines, a bare publication date (with a
bracketed unit or a font-size widget beside it), a visit counter without its label, and a
grid's values without their labels. Fields are added through :class:`FieldBuilder`; the
caller, :func:`noticecli.parse.text.parse_text_dump`, reads the rest of the page.
"""

from __future__ import annotations

import re

from noticecli.dates import parse_date
from noticecli.knowledge import CJK, EVENT_DATED_TITLE_END
from noticecli.labels import key_for, split_value_labels, value_shape, vocabulary
from noticecli.models import HeaderField
from noticecli.parse.doc_head import is_doc_head_line, is_red_head
from noticecli.parse.dom import compact
from noticecli.parse.lines import END_PUNCT, is_boilerplate, is_date_line, is_org_line
from noticecli.parse.text_bare_head import lone_date_time
from noticecli.parse.text_bare_label import empty_label_cell
from noticecli.parse.text_caption_title import title_printed_twice, title_without_caption
from noticecli.parse.text_fields import FieldBuilder, field_value
from noticecli.parse.text_grid_menu import grid_under_menu
from noticecli.parse.text_grid_title import grid_over_dated_headline
from noticecli.parse.text_labels import (
    ADDRESSEE,
    CN_DATE_PREFIX,
    DATE_TIME_PREFIX,
    UNFILLED_COUNTER,
    TextLabel,
    find_labels,
    is_meta_line,
    line_value,
)
from noticecli.parse.text_meta_first import meta_line_over_title
from noticecli.parse.text_start import is_chrome_line
from noticecli.parse.text_subtitle import main_title_over
from noticecli.parse.text_title import (
    NAME_LINE_MAX,
    SHORT_HEADLINE_MIN,
    after_bare_values,
    after_names,
    after_repeats,
    is_doc_type_title,
    is_suffixed_repeat,
    is_title_detail,
    is_unit_headline,
    joined_to_broken_off_line,
    opens_with_title,
    repeats_header_code,
    title_above_meta_line,
    title_over_chrome,
    title_under_bare_values,
)
from noticecli.parse.text_title_line import is_title_like, next_nonblank
from noticecli.parse.text_title_run import title_run

__all__ = ["parse_head"]

# A title line closed by a date in brackets: 标题 ( 2024年01月15日 ), 标题（2024-01-15）.
_BRACKETED_DATE = re.compile(
    r"^(?P<title>.*?\S)\s*[(（\[【]\s*"
    r"(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
    r"\s*[)）\]】]$"
)

# … or a full date after a gap (标题 2022-09-14): a date that is part of the wording
# (关于2022年…的通知, …2022年工作总结) has no gap before it or is not a full date.
_SPACED_DATE = re.compile(
    r"^(?P<title>.*\S)[ \t\u3000\u00a0]+"
    r"(?P<date>\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}|年\d{1,2}月\d{1,2}日)"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)$"
)


# The title of a speech or of minutes: the date under it is the day delivered or held.
_EVENT_DATED_TITLE = re.compile(EVENT_DATED_TITLE_END)


def parse_head(lines: list[str], first: int, build: FieldBuilder) -> tuple[int, str | None]:
    """Header grid, title line and meta lines; returns (body start, title line if seen). A
    document's head opening the rendering (红头 ``<issuer>文件``, the number line under it)
    over the title opens the body, as it does under a grid: never the title, nor a field."""
    head_end = _opening_doc_head_end(lines, first)
    body_start, title_line = _parse_head(lines, head_end, build)
    if head_end > first and not build.doc_head:
        build.doc_head = [line for line in lines[first:head_end] if line]
    return body_start, title_line


def _opening_doc_head_end(lines: list[str], first: int) -> int:
    """The index after a red head (and the document number under it) at ``first`` when a
    title stands under them; ``first`` otherwise."""
    if first >= len(lines) or not is_red_head(lines[first]):
        return first
    end = first + 1
    while end < len(lines) and (not lines[end] or is_doc_head_line(lines[end])):
        end += 1
    return end if _heads_title(lines, first, None) else first


def _parse_head(lines: list[str], first: int, build: FieldBuilder) -> tuple[int, str | None]:
    title_line: str | None = None
    if (meta_over := meta_line_over_title(lines, first)) is not None:
        # 2024年06月12日 来源: 浏览次数: / <title>: the meta line printed above the title.
        meta, title = meta_over
        _dated_line(lines[meta], meta, build)
        return _parse_grid_and_meta(lines, first, title + 1, lines[title], build)
    if (grid := grid_over_dated_headline(lines, first)) is not None:
        # 江北省国防动员办公室 / grid / headline / 发布日期:…: the headline is the title.
        return _parse_grid_and_meta(lines, first, grid, None, build)
    if (grid := grid_under_menu(lines, first)) is not None:
        # 某市人民政府 / 政府信息公开指南 / … / grid / its 名称 printed again: the menu is chrome.
        return _parse_grid_and_meta(lines, first, grid, None, build)
    if (over := title_over_chrome(lines, first)) is not None:
        title_line, index = over
        return _parse_grid_and_meta(lines, first, index, title_line, build)
    index = after_names(lines, first)
    if (main := main_title_over(lines, first, index)) is not None:
        return _parse_grid_and_meta(lines, first, index, lines[main], build)  # subtitle: body
    for start in dict.fromkeys((first, index)):
        if start < len(lines) and is_doc_type_title(lines, start):
            # 通 知 over a date, meta lines or a salutation: a document type's word as title.
            return _parse_grid_and_meta(lines, first, start + 1, lines[start], build)
    if (headline := _unit_headline_under_chrome(lines, index)) is not None:
        title_line, index = headline
        return _parse_grid_and_meta(lines, first, index, title_line, build)
    # A title above the grid or the article: a title-like line (shown twice on some pages)
    # followed by label lines, a date line or the text; or one printed over a few lines.
    repeated = title_under_bare_values(lines, first)
    run = title_run(lines, index) if repeated is None else None
    if repeated is not None:
        title_line, index = lines[repeated], repeated + 1
        if (stamp := lone_date_time(lines, first, repeated)) is not None:
            # The head's values carry no label; its one date-time is the publication time.
            build.notice.header.append(
                HeaderField("published_at", build.where(stamp), lines[stamp], "unlabelled")
            )
    elif run is not None:
        title_line, after_run = run
        title_line = title_without_caption(lines, index, after_run, title_line)
        title_line, index = _title_without_date(title_line, after_run - 1, build), after_run
        index = after_repeats(lines, index, title_line)
    elif index < len(lines) and opens_with_title(lines, index):
        line = lines[index]
        bracketed = _BRACKETED_DATE.match(line)
        shown = bracketed["title"] if bracketed and parse_date(bracketed["date"]) else line
        title_line = _title_without_date(
            joined_to_broken_off_line(lines, first, index), index, build
        )
        index = after_repeats(lines, index + 1, shown)
    elif (above := title_above_meta_line(lines, index)) is not None:
        title_line, index = above
    elif (twice := title_printed_twice(lines, index)) is not None:
        title_line, index = (
            twice  # 人防工作 / <title> / meta lines / <title>: the caption is chrome
        )
    # Over a grid's bare values, a document number under the title is one of them, unlabelled.
    return _parse_grid_and_meta(lines, first, index, title_line, build, repeated is None)


def _unit_headline_title(lines: list[str], index: int) -> tuple[str, int] | None:
    """The title shaped ``<short unit>:<headline>`` right above the first meta or date line: not a
    field, since its left part is no known label and the meta line follows. Returns the
    title (colon kept) and the index of the line after it. A short headline part
    (岚州林业:筑牢“防火墙”) only when no grid row follows the meta lines: inside a run of
    label lines the line is a grid's row."""
    if index >= len(lines) or not is_unit_headline(lines[index], SHORT_HEADLINE_MIN):
        return None
    after = next_nonblank(lines, index + 1)
    if after >= len(lines) or not (
        is_meta_line(lines[after])
        or _is_empty_label_line(lines[after])
        or is_date_line(lines[after])
        or _is_dated_meta_line(lines[after])
    ):
        return None
    if not is_unit_headline(lines[index]) and _grid_follows(lines, after):
        return None
    return lines[index], after


def _unit_headline_under_chrome(lines: list[str], index: int) -> tuple[str, int] | None:
    """:func:`_unit_headline_title` at ``index``, or under a few lines shaped as the site's
    chrome (its name, a search prompt, a hotline, a date widget): the title is what stands
    over the meta line, the chrome no title above it."""
    for _ in range(_CHROME_OVER_HEADLINE_MAX + 1):
        if index >= len(lines):
            return None
        if (headline := _unit_headline_title(lines, index)) is not None:
            return headline
        if not is_chrome_line(lines[index]) or is_meta_line(lines[index]):
            return None
        index = next_nonblank(lines, index + 1)
    return None


_CHROME_OVER_HEADLINE_MAX = 3


def _grid_follows(lines: list[str], index: int) -> bool:
    """Past the meta lines from ``index``, a label line that is no meta line: the lines
    are a grid's rows (专题名称:森林防火 / 发布日期:… / 索引号:…), not a title over its meta."""
    while (index := next_nonblank(lines, index)) < len(lines) and is_meta_line(lines[index]):
        index += 1
    if index >= len(lines):
        return False
    labels = find_labels(lines[index])
    return bool(labels) and labels[0].start == 0


def _parse_grid_and_meta(
    lines: list[str],
    first: int,
    index: int,
    title_line: str | None,
    build: FieldBuilder,
    reads_doc_no: bool = True,
) -> tuple[int, str | None]:
    """The header grid from ``index``, then the meta lines under the title (a document
    number alone on its line is the doc_no when ``reads_doc_no``); returns (body start,
    title line if seen)."""
    grid: list[str] = []
    grid_rows: list[int] = []  # indices of the grid's lines
    grid_end = scan = index
    while scan < len(lines):
        line = lines[scan]
        scan += 1
        if not line:
            continue
        labels = find_labels(line)
        if not labels and grid and (cell := empty_label_cell(lines, scan - 1)) is not None:
            line, labels = cell, find_labels(cell)  # 内容摘要 under the rows: an empty cell
        if not labels or labels[0].start != 0:
            break
        # A line of unknown labels only after a blank line, or holding a sentence, or naming
        # addressees alone (各单位：) is the salutation that opens the body rather than a grid
        # row, unless it reads as a field: a short value (征集状态:已结束), or a label ending in
        # a known one (结果反馈日期:).
        if (
            grid
            and all(label.kind == "unknown" for label in labels)
            and (not lines[scan - 2] or _opens_text(line, labels))
            and not _reads_as_field(line, labels[0])
        ):
            break
        grid.append(line)
        grid_rows.append(scan - 1)
        grid_end = scan
    # Lines of unknown labels only ("各位同事：") are prose, not a header, unless a value has
    # a field's shape (公文生成日期:2020-04-28, 备注/文号:厦人防办〔2020〕20号).
    labels = [label for line in grid for label in find_labels(line)]
    if (
        any(label.kind != "unknown" for label in labels)
        or _has_field_values(grid)
        or (title_line is None and _fields_over_title(lines, grid, grid_end))
    ):
        for line, row in zip(grid, grid_rows, strict=True):
            # Under a title shown above the grid, a when/where/who line is the meta line.
            meta = title_line is not None and is_meta_line(line)
            build.add_line(line, "meta_line" if meta else "header", build.where(row))
        index = grid_end
    elif title_line is None:
        return first, None

    title = field_value(build.notice, "title") or title_line
    under_title = title is not None
    after_meta = index == grid_end and bool(grid) and is_meta_line(grid[-1])  # just read one
    # The grid ran up to a line without labels: a title (repeated, or the first one shown),
    # then meta lines under it; anything else starts the body. A document's head (red head,
    # document number) over the title or its repeat stays in the body, as shown.
    head_rows: list[int] = []
    while (index := next_nonblank(lines, index)) < len(lines):
        line = lines[index]
        if title is not None and (
            is_red_head(line) or (is_doc_head_line(line) and _heads_title(lines, index, title))
        ):
            # Under the title: the body starts with the head, the title repeated under it
            # passed over; no line of it is a field.
            return _after_repeated_title(lines, index, title, build), title_line
        if title is None and (
            is_red_head(line)
            or (
                is_doc_head_line(line)
                and (
                    head_rows
                    or (
                        _heads_title(lines, index, title)
                        and not repeats_header_code(build.notice, line)
                    )
                )
            )
        ):
            head_rows.append(index)  # never the title, nor a value: the body's, as shown
        elif title and compact(line) == compact(title):
            pass  # the title repeated above the article: not body
        elif title and title == title_line and is_suffixed_repeat(title, line):
            title = title_line = line  # shown first with the site's name glued on (标题-某县政府)
            under_title = True
        elif repeats_header_code(build.notice, line):
            pass  # the document number (a code) shown under the title: a header value, not body
        elif is_meta_line(line):
            build.add_line(line, "meta_line", build.where(index))
            after_meta = True
            index += 1
            continue
        elif after_meta and _is_summary_line(line):
            build.add_line(line, "meta_line", build.where(index))  # 核心提示:… under it
        elif after_meta and _COUNTER_VALUE.match(line):
            # 0001234 under the meta line: a visit counter printed without its label, kept
            # as a field labelled with where it was read (a section number 1 stays body).
            build.notice.header.append(HeaderField("views", build.where(index), line, "unlabelled"))
        elif under_title and _is_empty_label_line(line):
            build.add_line(line, "meta_line")  # 浏览量: a counter a script fills
        elif under_title and (
            _dated_line(line, index, build)
            or _unit_dated_line(line, index, build)
            or _numeral_dated_line(lines, index, build, title)
        ):
            pass  # 2023-09-14 10:42 阅读人数:1, [岚山县国动办]2024-05-12: the publication time
        elif under_title and _numeral_date_over_meta(lines, index):
            build.body_opening.append(line)  # a speech's date: the body's, as shown
        elif under_title and is_title_detail(line):
            # The issuer, index number or date shown as bare items under the title; a
            # document number alone on its line is the notice's doc_no.
            if (
                reads_doc_no
                and value_shape(line) == "doc_no"
                and field_value(build.notice, "doc_no") is None
            ):
                build.notice.header.append(
                    HeaderField("doc_no", build.where(index), line, "unlabelled")
                )
        elif under_title and (after := after_bare_values(lines, index)) is not None:
            index = after  # a grid's values without their labels: read as nothing
            continue
        elif title is None and is_chrome_line(line) and _title_under(lines, index):
            pass  # the site's chrome (a menu, a search prompt) between the grid and the title
        elif title is None and (run := title_run(lines, index)) is not None:
            # A title over 2-3 lines under the grid (issuer / 关于… / …的通知): joined.
            title, index = run
            title_line, under_title = title, True
            continue
        elif title is None and is_title_like(line):
            title = title_line = _title_without_date(line, index, build)
            under_title = True
        else:
            break
        after_meta = False
        index += 1
    build.doc_head = [lines[row] for row in head_rows]  # they open the body, as shown
    return index, title_line


def _title_under(lines: list[str], index: int) -> bool:
    """A title-like line under the line at ``index`` (past blank lines)."""
    after = next_nonblank(lines, index + 1)
    return after < len(lines) and not is_chrome_line(lines[after]) and is_title_like(lines[after])


def _heads_title(lines: list[str], index: int, title: str | None) -> bool:
    """The line at ``index`` opens a document's head (red head, document number) over the
    title: its repeat when ``title`` is known, else a title-like line."""
    after = index
    while after < len(lines) and (not lines[after] or is_doc_head_line(lines[after])):
        after += 1
    if after >= len(lines):
        return False
    line = lines[after]
    if title is not None:
        return compact(line) == compact(title)
    return title_run(lines, after) is not None or is_title_like(line)


def _after_repeated_title(lines: list[str], index: int, title: str, build: FieldBuilder) -> int:
    """The body's start at the document's head at ``index``, or when the title is repeated
    under the head (shown once, as the title), after the repeat, the head's lines kept to
    open the body."""
    row = index
    while row < len(lines) and (not lines[row] or is_doc_head_line(lines[row])):
        row += 1
    if row >= len(lines) or compact(lines[row]) != compact(title):
        return index
    head = [line for line in lines[index:row] if line]
    if not any(is_red_head(line) for line in head):
        # A number alone that repeats the grid's is its value shown again, not a head.
        head = [line for line in head if not repeats_header_code(build.notice, line)]
    build.doc_head = head
    return row + 1


# A visit counter's value alone on its line (0001234, 356), its label left out by the
# rendering; a shorter number (1, 12) may be a section's and stays text.
_COUNTER_VALUE = re.compile(r"^(?:0\d{1,8}|\d{3,9})$")  # zero-padded, or 3+ digits
# A date line under the title with a bracketed unit before the date and a widget after it
# ([岚山县国动办]2024-05-12字号: |): what is left once they go must be a date alone.
_UNIT_DATE = re.compile(
    rf"^[\[【(（](?P<unit>[{CJK}]{{2,20}})[\]】)）]\s*(?P<date>\d{{4}}[-/.年][^\s字]*"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*(?P<widget>(?:字[体号]|文字大小).*)?$"
)
# A date with a font-size widget glued on, or with widget words after a gap (打印 关闭,
# 【打印】【关闭】, 微信 微博): what follows the date must be widgets alone.
_DATE_WIDGET = re.compile(
    r"^(?P<date>\d{4}[-/.年][^\s字]*(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*"
    r"(?P<widget>(?:字[体号]|文字大小)\s*[:：].*|(?<=\s)\S.*)$"
)
_WIDGET_REST = re.compile(r"^(?:字[体号]|文字大小)\s*[:：]?[\s|｜大中小\[\]【】()（）]*$")


def _unit_dated_line(line: str, index: int, build: FieldBuilder) -> bool:
    """A line under the title that is a date with a bracketed unit name before it or
    widgets after it, and nothing else ([岚山县国动办]2024-05-12字号: |): the
    publication time without a label (the unit gives no field). Adds the date; returns
    whether the line was one."""
    match = _UNIT_DATE.match(line) or _DATE_WIDGET.match(line)
    if match is None:
        return False
    widget = match["widget"]
    if widget and not (_WIDGET_REST.match(widget) or is_boilerplate(widget)):
        return False
    date = match["date"].strip()
    if parse_date(date) is None:
        return False
    build.notice.header.append(HeaderField("published_at", build.where(index), date, "unlabelled"))
    return True


# A caption naming the text under it (信件内容:, 回复内容：): the body's, not a field.
_CAPTION = re.compile(r"(?:内容|正文|详情|如下)$")
_SENTENCE_MARKS = re.compile("[。；！？]")


def _opens_text(line: str, labels: list[TextLabel]) -> bool:
    """A line that opens the body though it starts with a label: a sentence after the
    salutation (各乡镇人民政府：根据…。), or the addressees alone (各单位：)."""
    if _SENTENCE_MARKS.search(line):
        return True
    alone = len(labels) == 1 and not line[labels[0].end :].strip()
    return alone and ADDRESSEE.search(labels[0].compact) is not None


def _is_summary_line(line: str) -> bool:
    """A line opening with a summary's label (摘要:, 核心提示:): right under the meta line it
    is the article's summary, a field, not its first paragraph."""
    labels = find_labels(line)
    return bool(labels) and labels[0].start == 0 and labels[0].key == "summary"


def _is_empty_label_line(line: str) -> bool:
    """A line under the title that is only a label with nothing after it (浏览量:, 访问人数：):
    a field a script fills, part of the meta block; a salutation (各单位：) is not one."""
    labels = find_labels(line)
    if len(labels) != 1 or labels[0].start != 0 or line[labels[0].end :].strip():
        return False
    label = labels[0].compact
    return not (is_org_line(label) or ADDRESSEE.search(label) or _CAPTION.search(label))


def _title_without_date(title: str, index: int, build: FieldBuilder) -> str:
    """The title line without the date closing it, bracketed (``标题 ( 2024年01月15日 )``) or
    after a gap (``标题 2022-09-14``): the publication time shown beside the title without a
    label, added as a field read from line ``index``."""
    match = _BRACKETED_DATE.match(title) or _SPACED_DATE.match(title)
    if match is None or parse_date(match["date"]) is None:
        return title
    build.notice.header.append(
        HeaderField("published_at", build.where(index), match["date"], "unlabelled")
    )
    return match["title"]


def _reads_as_field(line: str, label: TextLabel) -> bool:
    """A line opening with an unknown label that reads as a form's field, not as the
    salutation that opens a body: its value is short text, or its label ends in a known
    label (结果反馈日期 ends in 日期)."""
    value = line_value(line[label.end :])
    if value is not None:
        return len(value) <= NAME_LINE_MAX and not any(mark in value for mark in END_PUNCT)
    compact = label.compact
    return any(compact.endswith(known) for known in vocabulary() if len(known) >= 2)


def _fields_over_title(lines: list[str], grid: list[str], grid_end: int) -> bool:
    """Lines of unknown labels with short values (联系人：王明) right over a title that has a
    meta line under it: fields shown over the title, which is still read under them."""
    if not grid or not all(
        (labels := find_labels(line))
        and line_value(line[labels[-1].end :]) is not None
        and _reads_as_field(line, labels[0])
        for line in grid
    ):
        return False
    title = next_nonblank(lines, grid_end)
    if title >= len(lines) or not is_title_like(lines[title]) or find_labels(lines[title]):
        return False
    meta = next_nonblank(lines, title + 1)
    return meta < len(lines) and is_meta_line(lines[meta])


def _has_field_values(grid: list[str]) -> bool:
    """Some label of these lines has a date, a document number or an index number as its
    value: evidence of a header grid that labels alone do not give."""
    for line in grid:
        labels = find_labels(line)
        for index, label in enumerate(labels):
            end = labels[index + 1].start if index + 1 < len(labels) else len(line)
            if value_shape(line_value(line[label.end : end])) in ("date", "doc_no", "index_no"):
                return True
    return False


def _is_dated_meta_line(line: str) -> bool:
    """A line opening with a date-time and no label, then label pairs (2022-03-01 17:05:23
    编辑: 林小岚 审核人:陈汀): the meta line :func:`_dated_line` reads. A date opening a
    sentence (2022-03-01 10:00,县…召开…) has no label after it and is text."""
    if DATE_TIME_PREFIX.match(line) is None:
        return False
    head, pairs = split_value_labels(line)
    if not pairs or head is None:
        return False
    return parse_date(UNFILLED_COUNTER.sub("", head)) is not None


def _numeral_dated_line(
    lines: list[str], index: int, build: FieldBuilder, title: str | None
) -> bool:
    """A date in Chinese numerals under the title (二〇〇六年三月五日): the publication time,
    as a date in figures is, when no publication time was read above it and the page's own
    evidence says so: the article's widgets (打印, 关闭) on its line, or widget rows right
    under it (not under a speech's or minutes' title: :data:`_EVENT_DATED_TITLE`), or a meta
    line under it naming the publication time (which wins, as over a date in figures). Alone
    over the text, or over a meta line of other labels (来源), it may be the document's own
    date (a speech's, a meeting's, a rule's adoption) and stays in the body
    (:func:`_numeral_date_over_meta`). Adds the field; returns whether it was one."""
    line = lines[index]
    match = CN_DATE_PREFIX.match(line)
    if match is None or field_value(build.notice, "published_at") is not None:
        return False
    shown, rest = match.group(), line[match.end() :].strip()
    if rest and not is_boilerplate(rest):
        return False
    widgets = bool(rest) or (
        index + 1 in build.widget_rows and _EVENT_DATED_TITLE.search(compact(title or "")) is None
    )
    under = next_nonblank(lines, index + 1)
    labelled = under < len(lines) and _names_publication(lines[under])
    if not (widgets or labelled) or parse_date(shown) is None:
        return False
    build.notice.header.append(HeaderField("published_at", build.where(index), shown, "unlabelled"))
    return True


def _numeral_date_over_meta(lines: list[str], index: int) -> bool:
    """A date in Chinese numerals alone on its line right over a meta line that does not
    name the publication time (在…会议上的讲话 / 二〇二四年三月五日 / 来源:…): the document's
    own date, which opens the body as shown; the meta line under it is still read."""
    if CN_DATE_PREFIX.fullmatch(lines[index]) is None or index + 1 >= len(lines):
        return False
    return is_meta_line(lines[index + 1]) and not _names_publication(lines[index + 1])


def _names_publication(line: str) -> bool:
    """A meta line with a label of the publication time (发布时间, 发布日期)."""
    return is_meta_line(line) and any(label.key == "published_at" for label in find_labels(line))


def _dated_line(line: str, index: int, build: FieldBuilder) -> bool:
    """A line that opens with a date-time and no label: the publication time, with any
    label pairs after it read as the meta line. Adds the fields; returns whether it was one."""
    match = DATE_TIME_PREFIX.match(line)
    if match is None:
        return False
    head, pairs = split_value_labels(line)
    if head is not None:
        head = UNFILLED_COUNTER.sub("", head)
    if head is None or parse_date(head) is None:
        return False
    notice = build.notice
    # No label is shown: the field is labelled with where it was read.
    notice.header.append(HeaderField("published_at", build.where(index), head, "unlabelled"))
    for label, value in pairs:
        notice.header.append(HeaderField(key_for(label), label, value, "meta_line"))
    return True
