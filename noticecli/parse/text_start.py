"""Where the article starts in a text rendering, found by evidence, and the chrome above it.

A rendering opens with whatever the site prints over the article: a hotline or a column
caption with a colon (服务热线：12345, 专题专栏：), a date widget (2024年05月01日 星期三), the
site's name, a search prompt, a menu row, a lone bullet. Any one of them read as the first
line of the page derails the reader: taken as the title, glued to it, or (a label-shaped
line) taken as the first row of a header grid that never comes, so that nothing is read.

The article's start is read from the evidence of the lines under it, not from the first
line: a title-shaped line followed by a meta or date line, the salutation, the text or the
notice's number; or a header grid (several label/value pairs, known labels among them,
not only when/where/who labels). A run of chrome-shaped lines right above such a start is
the site's, neither title, field nor body: :func:`blank_chrome_above_start` blanks it. A
label-shaped line over a header grid is the grid's first row (the seed's and the 索引号
dumps' reading), and a label-shaped line under a grid row continues the grid: neither is
chrome. Where no line shows such evidence nothing is blanked, and the page reads as before.
"""

from __future__ import annotations

import re
from functools import cache

from noticecli.knowledge import (
    CJK,
    META_LINE_KEYS,
    SITE_NAME_SUFFIXES,
    TITLE_WORDS,
)
from noticecli.labels import value_shape
from noticecli.parse.attachments import FILE_NAME
from noticecli.parse.dom import compact
from noticecli.parse.lines import END_PUNCT, is_org_line
from noticecli.parse.rendered import label_row
from noticecli.parse.text_chrome import INNER_WS
from noticecli.parse.text_edges import is_search_box
from noticecli.parse.text_flat import FLAT_LINE_MIN, flat_title, without_widget_groups
from noticecli.parse.text_furniture import is_countdown, is_date_widget
from noticecli.parse.text_labels import ADDRESSEE, DATE_TIME_PREFIX, find_labels, is_meta_line
from noticecli.parse.text_labels import is_label_line as _is_label_text_line
from noticecli.parse.text_title import (
    caption_row,
    is_doc_type_title,
    is_exclaimed_headline,
    is_title_detail,
    is_unit_headline,
    widgets_under,
)
from noticecli.parse.text_title_line import TITLE_MIN, is_title_like, next_nonblank
from noticecli.parse.text_title_run import is_kicker, is_parallel, title_run

__all__ = ["blank_chrome_above_start", "is_chrome_line"]

_HEAD_LINES_MAX = 40  # nonblank lines the article's start is looked for in
_CHROME_RUN_MAX = 8  # chrome lines right above the start

# --- chrome shapes ------------------------------------------------------------------------------

# The site's name alone on its line (某某市人民政府门户网站, 岚溪县政务网).
_SITE_NAME_MAX = 30


@cache
def _site_name() -> re.Pattern[str]:
    suffixes = "|".join(sorted(SITE_NAME_SUFFIXES, key=len, reverse=True))
    return re.compile(rf"^[{CJK}A-Za-z0-9()（）·]{{2,{_SITE_NAME_MAX}}}?(?:{suffixes})$")


@cache
def _title_words() -> re.Pattern[str]:
    return re.compile("|".join(TITLE_WORDS))


def _is_site_name(line: str) -> bool:
    return _site_name().match(line) is not None and _title_words().search(line) is None


# A search box's prompt and button (请输入关键字 搜索, 输入关键词检索, 请输入搜索内容).
_SEARCH_PROMPT = re.compile(
    rf"^请?(?:输入|键入)[{CJK}]{{0,6}}?(?:关键[字词]|搜索(?:内容|词)?|检索(?:内容|词)?|查询内容)"
    rf"[.…。]*(?:[{INNER_WS}|｜]*(?:搜\s*索|检\s*索|查\s*询|搜|GO|Go|go|确定))?$"
)
_SEARCH_PROMPT_MAX = 24

# A menu or an access toolbar on one line: short items split by pipes or gaps (首页 |
# 机构概况 | 政务公开, 无障碍浏览 | 长者模式 | 繁体 | English).
_MENU_SPLIT = re.compile(rf"[{INNER_WS}|｜]+")
_MENU_ITEM_MAX = 8
_MENU_ITEM = re.compile(rf"^[{CJK}A-Za-z][{CJK}A-Za-z0-9]*$")
_PIPED_ITEMS_MIN = 3
_SPACED_ITEMS_MIN = 4

# A bullet or a separator left alone on its line (·, •, -, ——, *).
_LONE_MARK = re.compile(r"^(?:[·•・\-—–_*=~|｜]{1,3}|([-—_=*~])\1{3,})$")

# A label-shaped line: a caption or a label with a short value and no sentence (服务热线：
# 12345, 专题专栏：, 欢迎光临本网站！今天是：).
_LABEL_SHAPED_MAX = 30
_LABEL_VALUE_MAX = 20
_SENTENCE_MARKS = re.compile("[。；？]")


# A telephone number (0571-12345): a hotline's, though shaped like an index number.
_PHONE = re.compile(r"^0\d{2,3}-\d{5,8}$")
# A sentence that opens what follows (现将有关事项通知如下：): the text's, not a caption.
_OPENS_LIST = re.compile("(?:如下|以下|下列)$")


def _is_menu_row(line: str) -> bool:
    if line[0] in "|｜" or any(mark in line for mark in END_PUNCT) or find_labels(line):
        return False  # | 1 | 城东基地 | 3000 |: a table's row
    items = [item for item in _MENU_SPLIT.split(line) if item]
    if any(len(item) > _MENU_ITEM_MAX or not _MENU_ITEM.match(item) for item in items):
        return False  # [ 主题分类 ] 其他: a grid's bracketed labels
    words = sum(len(item) >= 2 for item in items)  # a letter-spaced word is no menu
    piped = "|" in line or "｜" in line
    return words >= (_PIPED_ITEMS_MIN if piped else _SPACED_ITEMS_MIN)


# A side menu printed one item a line (政府信息公开指南 / 政府信息公开制度 / 依申请公开): short
# items of words alone, no punctuation, no date, no colon. Such lines over a headline are
# the site's navigation only on a menu's evidence: three items or more, two parallel ones
# (a shared head or tail, or both ending as column names do: 工作动态 / 通知公告), or one
# worded as a title that the headline does not continue (政府信息公开指南). Two lines of
# ordinary words (a news kicker: 人防宣传周 / 防空知识进万家) may be the title's: kept.
_MENU_LINE_MAX = 12
_MENU_ITEMS_MIN = 3
_MENU_RUN_MIN = 2  # menu lines in a row that may be a menu (a pair, when parallel)


def _is_menu_line(line: str) -> bool:
    return (
        2 <= len(line) <= _MENU_LINE_MAX
        and _MENU_ITEM.match(line) is not None
        and not any(char.isdigit() for char in line)
    )


def _menu_run_end(lines: list[str], index: int) -> int:
    """The index of the first shown line after the menu lines from ``index`` on (blank lines
    between them allowed); ``index`` itself when no menu line stands there."""
    probe = index
    while probe < len(lines) and _is_menu_line(lines[probe]):
        probe = next_nonblank(lines, probe + 1)
    return probe


# A line ending in a connective (关于做好…的 / 通知) is a title's first half, never a menu's.
_CONNECTIVE_END = ("的", "和", "与", "及", "暨", "之", "对", "关于", "、")
# A menu's item worded with 关于 (the site's "about" page): no title's opening.
_ABOUT_SITE = ("关于我们", "关于本站", "关于本网", "关于网站")


def _title_lines_from(lines: list[str], run: list[int]) -> int:
    """Where the title's own lines begin in ``run`` (the lines over the headline; its
    length when none is the title's): a line opening with 关于 that the headline continues
    and what follows it, the lines breaking off mid-phrase right over them or over the
    headline (关于做好冬季 / 人防工程安全检查工作的通知), and the issuer's names over them."""
    start = next(
        (
            position
            for position, row in enumerate(run)
            if lines[row].startswith("关于") and lines[row] not in _ABOUT_SITE
        ),
        len(run),
    )
    while start and lines[run[start - 1]].endswith(_CONNECTIVE_END):
        start -= 1
    while start and is_org_line(lines[run[start - 1]]):
        start -= 1  # 岚州县应急管理局 / 2023年…年度报告: the issuer, the title's first line
    return start


def _menu_over_headline(lines: list[str], index: int) -> list[int]:
    """The rows of a side menu printed one item a line from ``index`` on, when a headline
    with its own meta or date line follows it (chrome lines, a breadcrumb, between them
    allowed), on a menu's evidence (see ``_MENU_LINE_MAX``). The title's own lines are
    never a menu's (关于做好…的 / 通知; the issuer's name over the headline)."""
    end = _menu_run_end(lines, index)
    run = [row for row in range(index, end) if lines[row]]
    if not run:
        return []
    after = end
    while after < len(lines) and is_chrome_line(lines[after]):
        after = next_nonblank(lines, after + 1)
    if not _is_dated_headline(lines, after):
        return []
    run = run[: _title_lines_from(lines, run)]
    # 人防宣传周 / 防空知识 / 进万家 right over the headline: its kicker, no menu's items.
    run = run[: len(run) - _kicker_rows(lines, run, after)]
    if len(run) >= _MENU_ITEMS_MIN:
        return run
    if len(run) == _MENU_RUN_MIN:
        return run if is_parallel(lines[run[0]], lines[run[1]]) else []
    if not run:
        return []
    # One line: only one that would be taken alone as the title (one joined to the
    # headline, 防汛工作方案 / 岚阳镇2024年汛期安排, may be its first half).
    last = lines[run[-1]]
    worded = _title_words().search(last) is not None
    alone = title_run(lines, run[0]) is None and not last.endswith(_CONNECTIVE_END)
    return run if worded and alone else []


def _kicker_rows(lines: list[str], run: list[int], headline: int) -> int:
    """How many of the last lines of a run of three or more short lines are the kicker of
    the headline at ``headline`` (:func:`is_kicker`), right over it with no blank line and
    set apart from the run's other lines by one; 0 when none is."""
    if len(run) < _MENU_ITEMS_MIN or headline >= len(lines):
        return 0
    for count in range(_MENU_ITEMS_MIN, _MENU_RUN_MIN - 1, -1):
        rows = run[-count:]
        # Lines of their own: right over the headline, a blank line over them (or none).
        unbroken = rows == list(range(headline - count, headline)) and rows[0] - 1 not in run
        if unbroken and is_kicker([lines[row] for row in rows], lines[headline]):
            return count
    return 0


def _is_label_shaped(line: str) -> bool:
    """A short line that is a caption with its colon, or unknown labels with a short value
    of no words (a number, a code: 服务热线：12345): no known label (a grid's
    row) and not a salutation's addressees."""
    if len(line) > _LABEL_SHAPED_MAX or _SENTENCE_MARKS.search(line):
        return False
    if line[-1] in ":：":
        caption = line[:-1].strip()
        labels = find_labels(line)
        if any(label.kind != "unknown" for label in labels):
            return False
        return (
            bool(caption)
            and ADDRESSEE.search(caption) is None
            and _OPENS_LIST.search(caption) is None
        )
    labels = find_labels(line)
    if not labels or labels[0].start != 0 or any(label.kind != "unknown" for label in labels):
        return False
    if ADDRESSEE.search(labels[0].compact):
        return False
    value = line[labels[-1].end :].strip()
    shape = value_shape(value)
    if shape in ("date", "doc_no") or (shape == "index_no" and not _PHONE.match(value)):
        return False  # 公文生成日期:2020-04-28: a value with a field's shape is a field
    if _CJK_CHAR.search(value):
        return False  # 签发人：张三, 紧急程度：特急: a field's value, kept as the page shows it
    return len(value) <= _LABEL_VALUE_MAX and not any(mark in value for mark in "。！？；，")


def is_chrome_line(line: str) -> bool:
    """Whether a line has a shape the site prints over an article: a date widget, a countdown
    banner, the site's name, a search prompt, a menu row, a lone bullet, or a label-shaped
    line. The shape only:
    :func:`blank_chrome_above_start` decides from where it stands."""
    return bool(line) and (
        _LONE_MARK.match(line) is not None
        or is_date_widget(line)
        or is_countdown(line)
        or (len(line) <= _SEARCH_PROMPT_MAX and _SEARCH_PROMPT.match(line) is not None)
        or is_search_box(line)
        or _is_site_name(line)
        or _is_menu_row(line)
        or _is_label_shaped(line)
    )


# --- the article's start ------------------------------------------------------------------------


def is_label_line(line: str) -> bool:
    """A label line, a grid's pipe row or a row of bracketed labels included (the reader
    rewrites those as label lines after this pass)."""
    return _is_label_text_line(line) or (line[:1] in "[【|｜" and label_row(line) is not None)


# A numbered section heading (一、…, 1. …, （一）…): inside the text, never the title.
_CN_NUMBER = "一二三四五六七八九十"
_SECTION_NUMBER = re.compile(
    rf"^(?:[{_CN_NUMBER}]{{1,3}}、|\d{{1,2}}[.、．]|[（(][{_CN_NUMBER}\d]{{1,3}}[)）])"
)
_CJK_CHAR = re.compile(f"[{CJK}]")  # a headline is words, a code (信件编码:LXZX2403…) is not
_TITLE_CJK_MIN = 4
_GAP = re.compile(f"[{INNER_WS}]")
_CUT_SHORT = re.compile(r"(?:\.{2,}|…+)$")  # an entry of a related list, cut short
_TEXT_LINE_MIN = 20  # a line of the text: a sentence this long
_TEXT_MARKS = re.compile("[。；！？，,]")
_DATE_LINE_MAX = 40  # a date line under a title, with a unit or a widget beside the date
_FULL_DATE = re.compile(
    r"\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}|年\d{1,2}月\d{1,2}日)"
)


def _is_text(line: str) -> bool:
    """A line of the text: long, with a full stop, or clauses (two marks, or one opening
    what follows: 现将有关事项公告如下:), no label opening it. A browser's advice (您的浏览器
    版本过低，建议…) is one clause."""
    if len(line) < _TEXT_LINE_MIN or is_label_line(line):
        return False
    return "。" in line or line[-1] in ":：" or len(_TEXT_MARKS.findall(line)) >= 2


def _is_date_line(line: str) -> bool:
    """A date line under a title: opening with a date, or short and holding a full date
    ([岚峰县国动办]2016-05-12字号: |); a date widget is not one."""
    if is_date_widget(line):
        return False
    if DATE_TIME_PREFIX.match(line) is not None:
        return True
    return len(line) <= _DATE_LINE_MAX and _FULL_DATE.search(line) is not None


def _title_end(lines: list[str], index: int) -> int | None:
    """The index after the title starting at ``index`` (one line, a run over 2-3, or a
    unit's short name and a headline), when the line is shaped like a title; ``None``
    otherwise."""
    line = lines[index]
    if is_unit_headline(line) and len(_CJK_CHAR.findall(line)) >= TITLE_MIN + 2:
        return index + 1  # 岚峰国动:岚峰县国动办开展…行动: a title despite its colon
    if caption_row(line) is not None:
        return index + 1  # | 权责清单(行政许可类) | ||||: the caption over a page that is a table
    if is_doc_type_title(lines, index):
        return index + 1  # 通 知 over a date line: a title despite its two characters
    if (
        is_chrome_line(line)
        or _SECTION_NUMBER.match(line)
        or line[0] in "|｜"  # | 3 | 城南基地 |: a table's row
        or is_label_line(line)  # [ 发布机构 ] 某办: a grid's row
        or (DATE_TIME_PREFIX.match(line) and not _is_dated_title(line))
        or len(_CJK_CHAR.findall(line)) < _TITLE_CJK_MIN  # buttonWhite1.jpg, a code
        or FILE_NAME.search(line)
    ):
        return None
    if (run := title_run(lines, index)) is not None:
        return run[1]
    if len(line) >= TITLE_MIN and is_title_like(line) and not is_org_line(line):
        return index + 1  # a unit's name alone is the site's or the issuer's, no title
    if is_exclaimed_headline(line):
        return index + 1  # …“莫松懈”!!!: a title only over a meta or date line (the caller)
    return None


def _is_dated_title(line: str) -> bool:
    """A title opening with the day it is about (2024年9月14日防空警报试鸣公告): after the
    date, a headline in a title's words, no label, no gap. 2023-09-14 10:42 阅读人数:1 is a
    date line, no title."""
    match = DATE_TIME_PREFIX.match(line)
    if match is None:
        return False
    rest = line[match.end() :]
    return (
        len(_CJK_CHAR.findall(rest)) >= _TITLE_CJK_MIN
        and _title_words().search(rest) is not None
        and not _GAP.search(rest)
        and not find_labels(rest)
        and rest[-1] not in END_PUNCT
        and _CUT_SHORT.search(rest) is None  # 2023-01-30岚州市…召开2023年度…: a list's entry
    )


def _is_title_start(lines: list[str], index: int) -> bool:
    """A title at ``index`` with evidence: worded as a title, or with a meta or label line,
    a date line (not a widget), the title repeated, the salutation, the text, or the
    issuer's name or the notice's number under it; never with a chrome line under it."""
    end = _title_end(lines, index)
    if end is None:
        return False
    title = compact("".join(lines[index:end]))
    widgets = widgets_under(lines, index) if is_doc_type_title(lines, index) else []
    after = next_nonblank(lines, widgets[-1] + 1 if widgets else end)
    if after >= len(lines):
        return False
    following = lines[after]
    if compact(following) == title or caption_row(lines[index]) is not None:
        return True  # printed twice: the title and its repeat; a table under its caption
    if is_chrome_line(following) and following[-1] not in ":：":
        return False  # 2024年05月01日 星期三, 服务热线：12345 under it (浏览量: is a meta line)
    if is_exclaimed_headline(lines[index]):
        return is_label_line(following) or _is_date_line(following)
    # 关于…的通知, …应急预案: worded as a title (a menu's items are spaced: 公开指南 政府信息).
    return (
        (_title_words().search(title) is not None and not _GAP.search(lines[index]))
        or is_label_line(following)
        or _is_date_line(following)
        or ADDRESSEE.search(following) is not None
        or _is_text(following)
        or is_title_detail(following)
    )


def _is_dated_headline(lines: list[str], index: int) -> bool:
    """A title-shaped line at ``index`` over a meta line (when/where/who labels, not a
    hotline's 服务热线：12345) or a date line."""
    if index >= len(lines) or (end := _title_end(lines, index)) is None:
        return False
    under = next_nonblank(lines, end)
    return under < len(lines) and (is_meta_line(lines[under]) or _is_date_line(lines[under]))


_HEADER_LABELS_MIN = 2


def _header_end(lines: list[str], index: int) -> int | None:
    """The index after a header grid starting at ``index``: label lines (blank lines between
    them allowed) holding at least two known labels, one of which names what the notice is
    (索引号, 发布机构, 文号 …), not only when/where/who as a meta line does."""
    known: list[str | None] = []
    end = index
    while end < len(lines) and (not lines[end] or is_label_line(lines[end])):
        row = label_row(lines[end]) or lines[end] if lines[end] else ""
        known.extend(label.key for label in find_labels(row) if label.kind == "known")
        end += 1
    keys = [key for key in known if key is not None]
    if len(keys) < _HEADER_LABELS_MIN or all(key in META_LINE_KEYS for key in keys):
        return None
    return end


_FORM_REACH = 4  # shown lines around a label-only line where a form's other labels stand
_FORM_LABELS_MIN = 2


def _is_grid_row(lines: list[str], index: int, start: int, reach: int) -> bool:
    """Whether a label-shaped line belongs to a grid: a grid row (a label line that is not
    label-shaped itself: known labels) among its ``reach`` nearest shown lines above it or
    under it before the article's ``start``, or a form's other labels around it, two at
    least (留言人: / 留言时间: / 办理状态:, or 姓名: / 李** / 信件编码: / …). Two
    label-shaped lines alone side by side (服务热线：…, 专题专栏：) make no grid."""
    above = _shown(lines, index, -1, 0)
    under = _shown(lines, index, 1, start)
    if any(
        is_label_line(lines[row]) and not _is_label_shaped(lines[row])
        for row in above[:reach] + under[:reach]
    ):
        return True
    around = above[:_FORM_REACH] + under[:_FORM_REACH]
    return sum(is_label_line(lines[row]) for row in around) >= _FORM_LABELS_MIN


def _shown(lines: list[str], index: int, step: int, stop: int) -> list[int]:
    """The rows of the shown lines from ``index`` (excluded) towards ``stop`` (excluded:
    the start of the lines going up, the article's start going down), nearest first."""
    rows: list[int] = []
    probe = index + step
    while (probe >= stop if step < 0 else probe < stop) and len(rows) < _FORM_REACH:
        if lines[probe]:
            rows.append(probe)
        probe += step
    return rows


def _chrome_rows(lines: list[str], first: int, start: int, *, over_title: bool) -> list[int]:
    """The chrome lines from ``first`` to the article's ``start`` (a title's, or a header
    grid's: ``over_title`` false). A label line that is label-shaped counts only away from
    the grid rows and forms around it (:func:`_is_grid_row`); one right over a header grid
    is not asked about, since the grid starts with it (:func:`_header_end`)."""
    rows: list[int] = []
    for index in range(first, start):
        line = lines[index]
        if not line or not is_chrome_line(line):
            continue
        if _is_label_shaped(line) and is_label_line(line):
            # A grid printed one cell a line puts the value between two labels (姓名: /
            # 李** / 信件编码:); over a header the grid's row is right over its next row.
            reach = 2 if over_title and line[-1] in ":：" else 1
            if _is_grid_row(lines, index, start, reach):
                continue  # a caption the grid reader cannot read (…！今天是：) is chrome
        rows.append(index)
    return rows


def _has_chrome(lines: list[str], first: int) -> bool:
    """Whether a chrome-shaped line, or a run of menu lines, stands among the first lines,
    before the text."""
    seen = 0
    menu = 0  # menu lines in a row
    for line in lines[first:]:
        if not line:
            continue
        if len(line) > FLAT_LINE_MIN or _is_text(line) or seen >= _HEAD_LINES_MAX:
            return False
        menu = menu + 1 if _is_menu_line(line) else 0
        if is_chrome_line(line) or menu >= _MENU_RUN_MIN or (menu and _title_words().search(line)):
            return True
        seen += 1
    return False


def blank_chrome_above_start(lines: list[str], first: int) -> list[int]:
    """Blank, in place, the chrome lines above the article's start (its title, or a header
    grid the title may follow) in the head of the page from ``first``; the head ends at the
    title or at the text. Returns the rows blanked, none when no line shows where the
    article starts."""
    if not _has_chrome(lines, first):
        return []  # the cheap test: no chrome-shaped line before the text
    blanked: list[int] = []
    region = first  # where the lines not read yet begin
    index = next_nonblank(lines, first)
    seen = 0
    while index < len(lines) and seen < _HEAD_LINES_MAX:
        line = lines[index]
        if len(line) > FLAT_LINE_MIN:  # a whole page on one line: its title opens it
            head, rest = flat_title(without_widget_groups(line))
            if head is not None and find_labels(rest):
                blanked.extend(_chrome_rows(lines, region, index, over_title=True))
            break
        if _is_text(line):
            break
        if menu := _menu_over_headline(lines, index):
            # 政府信息公开指南 / 政府信息公开制度 / … over the headline: the site's menu, even
            # worded as a title; the headline after it is the start.
            blanked.extend(_chrome_rows(lines, region, index, over_title=True) + menu)
            region = menu[-1] + 1
            index = next_nonblank(lines, region)
            seen += len(menu)
            continue
        if _is_title_start(lines, index):
            blanked.extend(_chrome_rows(lines, region, index, over_title=True))
            if is_doc_type_title(lines, index):
                blanked.extend(widgets_under(lines, index))  # 公 告 / 2024年05月01日 星期三
            break
        if is_label_line(line) and (end := _header_end(lines, index)) is not None:
            blanked.extend(_chrome_rows(lines, region, index, over_title=False))
            region = end
            index = next_nonblank(lines, end)
        else:
            index = next_nonblank(lines, index + 1)
        seen += 1
    for row in blanked:
        lines[row] = ""
    return blanked
