"""Where a text dump's title is: the lines above the meta line, a title run over several
lines, a title under bare grid values, the site's and the column's names and breadcrumbs
above it that are not part of it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import combinations

from noticecli.knowledge import (
    CJK,
    COLUMN_CAPTION_ENDS,
    DOC_TITLE_END,
    DOC_TYPE_WORDS,
    GENERIC_HEADLINE_WORDS,
    PLACE_LEVEL_CHARS,
    TITLE_WORDS,
)
from noticecli.labels import WIDGET_LABELS, value_shape, vocabulary
from noticecli.models import HeaderField, Notice
from noticecli.parse.dom import compact
from noticecli.parse.lines import (
    END_PUNCT,
    is_date_line,
    is_org_line,
)
from noticecli.parse.text_body import HEADING_MAX, join_heading
from noticecli.parse.text_chrome import is_menu_line
from noticecli.parse.text_furniture import is_date_widget
from noticecli.parse.text_labels import (
    CN_DATE_PREFIX,
    DATE_TIME_PREFIX,
    GRID_VALUES_MIN,
    find_labels,
    has_label,
    is_label_line,
    is_meta_line,
)

# A line opening a page is its title when worded like one and at least this long.
TITLE_MIN = 8


# Names of the site and the column above a title: short lines, a few of them.
NAME_LINE_MAX = 16


_MAX_NAME_LINES = 12


# A title printed over several lines (issuer / 关于… / 通 告): at most this many, each short.
_TITLE_RUN_MAX = 3


_TITLE_RUN_LINE_MAX = 40


_TITLE_MAX = 100
# Issuers' names over a 关于… title, one a line (a joint notice's): at most this many.
_ISSUER_LINES_MAX = 3
_DOC_TITLE_END = re.compile(DOC_TITLE_END)
# A kicker (引题) over a headline, one short line of words a line: at most this many lines.
_KICKER_LINES_MAX = 3
_KICKER_LINE_MIN = 2
_KICKER_LINE_MAX = 12
_KICKER_LINE = re.compile(f"^[{CJK}]+$")
_SHARED_RUN_MIN = 3  # characters a kicker's line shares with its headline, common words too
_CJK_WORDS = {size: re.compile(f"^[{CJK}]{{{size}}}$") for size in (2, _SHARED_RUN_MIN)}
_RUN_MIN = 2  # lines of a kicker, or items of a menu, that make a run
_PARALLEL_CHARS = 2  # characters two parallel menu items share at their head or tail


_CAPTION_MAX = 8  # a column's caption over a title: 义务教育领域, 通知公告


_PLACE_CHARS = 3  # a place name's usual length (岚溪县, 青林镇): a name and a title share it


_BARE_VALUES_MIN = 3  # a grid's values printed bare under the title, each this short


_BARE_VALUE_MAX = 30  # bare values of a grid before its title's repeat


# A title line that breaks off (…办公室2020, …关于, …的): the next line continues it.
_BROKEN_OFF = re.compile(rf"(?:(?<=[{CJK}])\d{{1,4}}|的|关于|和|与|及|、|《|（|\()$")


# A code alone (LSDR-2024-00017, 431122000/2024-01234): a registration or index number
# repeated under a grid, never a headline; an English title has words set apart by spaces.
_CODE_ONLY = re.compile(r"[A-Za-z0-9/._\-〔〕\[\]()（）]*\d{2}[A-Za-z0-9/._\-〔〕\[\]()（）]*")


def is_code_line(line: str) -> bool:
    """A line that is only a code: letters, digits and a code's separators, a digit run."""
    return _CODE_ONLY.fullmatch(line) is not None


def repeats_header_code(notice: Notice, line: str) -> bool:
    """The line repeats a code-shaped header value read above it (the document's head under
    a grid: its registration code, its number): the field shows it, no title or body."""
    if not (is_code_line(line) or value_shape(line) in ("doc_no", "index_no")):
        return False
    shown = compact(line)
    return any(field.value and compact(field.value) == shown for field in notice.header)


def is_title_like(line: str) -> bool:
    return (
        4 <= len(line) <= 100
        and line[-1] not in END_PUNCT
        and not is_date_line(line)
        and not is_label_line(line)
        and not is_code_line(line)
    )


# A headline closed by exclamation or question marks (…“莫松懈”!!!, 您了解人防吗?): short,
# no sentence before its marks. A title when a meta or date line follows (the caller checks).
_EXCLAIMED = re.compile(r"^(?P<head>.*?[^!！?？])[!！?？]+$")
_CLAUSE_MARKS = re.compile("[。；;，,：:]")
_EXCLAIMED_MAX = 40


def is_exclaimed_headline(line: str) -> bool:
    """A short line ending in ``!``/``?`` marks whose words have no sentence shape (no
    full stop, semicolon, comma or colon): an exclamation or question headline."""
    match = _EXCLAIMED.match(line)
    return (
        match is not None
        and len(line) <= _EXCLAIMED_MAX
        and _CLAUSE_MARKS.search(line) is None
        and is_title_like(match["head"])
    )


# A title led by a unit's short name or a topic and a colon (岚山国动:岚山县国动办开展…行动).
# Its headline part is 8 characters or more; shorter (岚州林业:筑牢“防火墙”) only when the
# line stands alone over the meta line (the caller checks, SHORT_HEADLINE_MIN).
_UNIT_HEADLINE = re.compile(rf"^(?P<unit>[{CJK}]{{2,8}})[:：](?P<headline>[^:：]{{4,}})$")
_HEADLINE_MIN = 8
SHORT_HEADLINE_MIN = 4
_SHORT_CJK_MIN = 3
_CJK_RUN = re.compile(f"[{CJK}]")
_SENTENCE_MARKS = re.compile("[。；;]")


def is_unit_headline(line: str, headline_min: int = _HEADLINE_MIN) -> bool:
    """A line shaped ``<short unit>:<headline>``: its left part no known label nor a
    widget's, its right part a headline of ``headline_min`` characters or more (no
    sentence; ``!``/``?`` allowed), no other label in it. A title when the meta line follows
    (the caller checks)."""
    if (match := _UNIT_HEADLINE.match(line)) is None:
        return False
    headline = match["headline"]
    if len(headline) < headline_min or (
        len(headline) < _HEADLINE_MIN  # a short one is words set close: 留言人:　王** is a field
        and (headline != headline.strip() or len(_CJK_RUN.findall(headline)) < _SHORT_CJK_MIN)
    ):
        return False
    unit = match["unit"]
    if unit in vocabulary() or unit in WIDGET_LABELS or _SENTENCE_MARKS.search(headline):
        return False
    labels = find_labels(line)
    return len(labels) == 1 and labels[0].kind == "unknown"  # not a cut label (号:)


def next_nonblank(lines: list[str], start: int) -> int:
    while start < len(lines) and not lines[start]:
        start += 1
    return start


def caption_row(line: str) -> str | None:
    """The one filled cell of a table's first row (| 权责清单(行政处罚类) | ||||): the caption
    over a page that is a table, worded like a title."""
    if "|" not in line:
        return None
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    filled = [cell for cell in cells if cell]
    if len(cells) < 2 or len(filled) != 1:
        return None
    caption = filled[0]
    return caption if len(caption) >= TITLE_MIN and is_title_like(caption) else None


def title_under_bare_values(lines: list[str], first: int) -> int | None:
    """Where the title is repeated under a grid whose labels were lost (pictures, or cells
    the rendering dropped): the page opens with short bare values, one a line (an index
    number, the issuer, a date, the title, 有效 …), and a line repeats one of them. The
    repeat is the title; the values before it are left unread (no label shows what they
    are), neither title nor body. Returns the repeat's index."""
    seen: dict[str, str] = {}  # compact text → the line
    index = next_nonblank(lines, first)
    for _ in range(_MAX_NAME_LINES + _TITLE_RUN_MAX):
        if index >= len(lines):
            return None
        line = lines[index]
        if len(line) > _TITLE_MAX or line[-1] in END_PUNCT:
            return None
        shown = compact(line)
        if shown in seen and len(line) >= TITLE_MIN and _title_words().search(line):
            # The title's repeat (a repeated date, 成文 and 发布, is still a value); a value
            # with a field's shape is the evidence of a grid.
            return index if len(seen) >= GRID_VALUES_MIN and _has_shaped(seen.values()) else None
        if (":" in line or "：" in line) and find_labels(line):
            return None
        seen[shown] = line
        index = next_nonblank(lines, index + 1)
    return None


def _has_shaped(values: Iterable[str]) -> bool:
    """Whether some value has a field's shape: a date, a document or an index number."""
    return any(value_shape(value) in ("index_no", "doc_no", "date") for value in values)


def after_bare_values(lines: list[str], start: int) -> int | None:
    """Past a grid printed as values without labels under the title (综合政务;应急管理 /
    2017-09-04 / 有效 / 无 / 岚政发〔2017〕12号): at least a few short lines in a row, no
    blank line between them, one with a field's shape (a date, a document or index number),
    and the text after them. Returns the index after the values, or ``None``."""
    index = start
    while index < len(lines) and lines[index]:
        line = lines[index]
        if (
            len(line) > _BARE_VALUE_MAX
            or line[-1] in END_PUNCT
            or ((":" in line or "：" in line) and find_labels(line))
        ):
            break
        index += 1
    if index - start < _BARE_VALUES_MIN:
        return None
    after = next_nonblank(lines, index)
    following = lines[after] if after < len(lines) else ""
    if following and len(following) <= _BARE_VALUE_MAX and following[-1] not in END_PUNCT:
        return None  # another short line (a heading, a name) after them: not the text yet
    return after if _has_shaped(lines[start:index]) else None


def joined_to_broken_off_line(lines: list[str], first: int, index: int) -> str:
    """The title line, after the line above it when that one breaks off (…办公室2023 /
    政府信息公开工作年度报告: one title over two lines, a blank line between them)."""
    title = lines[index]
    above = index - 1
    while above >= first and not lines[above]:
        above -= 1
    if above < first or above == index - 1:
        return title  # no line above, or right above: title_run's case
    line = lines[above]
    if (
        len(line) <= _TITLE_RUN_LINE_MAX
        and _BROKEN_OFF.search(line)
        and "|" not in line
        and is_title_like(line)
    ):
        return join_heading(line, title)
    return title


def title_above_meta_line(lines: list[str], start: int) -> tuple[str, int] | None:
    """The title when a meta line (发布时间:…) comes after a few short lines, each on its own
    (北京市西城区人民政府 / 政府信息公开年报 / …办公室2020 / 政府信息公开工作年度报告): the
    line right above it, joined with the lines above that it continues (one that breaks off
    after a number, 的, 关于 … is not whole). The lines above the title are the site's and the
    column's names. Returns the title and the meta line's index."""
    shown: list[int] = []
    index = next_nonblank(lines, start)
    while index < len(lines) and len(shown) < _MAX_NAME_LINES:
        line = lines[index]
        if is_meta_line(line):
            break
        if len(line) > _TITLE_RUN_LINE_MAX or line[-1] in END_PUNCT or find_labels(line):
            return None
        shown.append(index)
        index = next_nonblank(lines, index + 1)
    else:
        return None
    if not shown or not is_title_like(lines[shown[-1]]):
        return None
    run = [lines[shown[-1]]]
    for upper in reversed(shown[:-1]):
        if len(run) == _TITLE_RUN_MAX or not _BROKEN_OFF.search(lines[upper]):
            break
        run.insert(0, lines[upper])
    joined = run[0]
    for line in run[1:]:
        joined = join_heading(joined, line)
    if len(joined) < TITLE_MIN or not _title_words().search(joined):
        return None
    return joined, index


# Site chrome above a title: a related-list entry (- 2023-02-15关于征求…意...), a date glued
# to a headline cut short, or a line of menu words (公开指南 政府信息).
_RELATED_ENTRY = re.compile(r"^(?:[-•·*>]\s*)?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*\S.*?(?:\.{2,}|…+)?$")
_CUT_SHORT = re.compile(r"(?:\.{2,}|…+)$")
_MENU_WORD = re.compile(rf"^[{CJK}A-Za-z]{{2,8}}$")
_CHROME_SCAN_MAX = 40  # lines of chrome a page may print above its title
_CHROME_LINES_MIN = 3


def _is_menu_words(line: str) -> bool:
    return all(_MENU_WORD.match(item) for item in line.split())


def _is_related_entry(line: str) -> bool:
    return _RELATED_ENTRY.match(line) is not None


def title_over_chrome(lines: list[str], start: int) -> tuple[str, int] | None:
    """The title when the page prints site chrome above it (a menu of short words, several a
    line and repeated; a list of dated related items cut short with ...) and a meta line of
    two or more known labels under it: the line right above the first such meta line, found
    without choosing a title first. Returns the title and the meta line's index; ``None``
    unless every line above the title is chrome and the chrome shows itself (several words on
    a line, a repeated line, or a related-list entry)."""
    shown: list[int] = []
    index = next_nonblank(lines, start)
    while index < len(lines) and len(shown) < _CHROME_SCAN_MAX:
        line = lines[index]
        if labels := find_labels(line):
            if sum(label.kind == "known" for label in labels) >= 2 and is_meta_line(line):
                break  # a meta line may be long and end in an empty label's colon
            return None
        if len(line) > _TITLE_MAX or line[-1] in END_PUNCT:
            return None
        shown.append(index)
        index = next_nonblank(lines, index + 1)
    else:
        return None
    if len(shown) <= _CHROME_LINES_MIN:
        return None
    title, chrome = lines[shown[-1]], [lines[row] for row in shown[:-1]]
    if (
        len(title) < TITLE_MIN
        or not is_title_like(title)
        or _CUT_SHORT.search(title)
        or _starts_with_date(title)
    ):
        return None
    if not all(_is_menu_words(line) or _is_related_entry(line) for line in chrome):
        return None
    shows_itself = (
        any(len(line.split()) >= 2 for line in chrome)
        or len(set(chrome)) < len(chrome)
        or any(_is_related_entry(line) for line in chrome)
    )
    return (title, index) if shows_itself else None


def opens_with_title(lines: list[str], index: int) -> bool:
    """The line is the page's title: title-like, and either worded like one (关于…通知)
    or followed by label lines, a date line or itself repeated."""
    line = lines[index]
    exclaimed = not is_title_like(line) and is_exclaimed_headline(line)
    if is_label_line(line) or not (exclaimed or is_title_like(line)):
        return False
    worded = len(line) >= TITLE_MIN and bool(_title_words().search(line))
    if not worded and index > 0 and 0 < len(lines[index - 1]) <= NAME_LINE_MAX:
        return False  # the last item of a menu printed one item a line (… 互动交流 / 专题专栏)
    if len(line) < TITLE_MIN and not _title_words().search(line):
        return False  # a column's or a box's caption (征集调查, 来信内容) above a form
    after = next_nonblank(lines, index + 1)
    following = lines[after] if after < len(lines) else ""
    if following and (
        is_label_line(following)
        or _starts_with_date(following)
        or compact(following) == compact(line)
    ):
        return True
    if exclaimed:
        return False  # …万岁! over the text: a slogan line, not the title
    # The page's first line, over a paragraph of sentences (chrome above it already gone):
    # its title, however it is worded (…政府信息公开目录).
    if (
        not worded
        and following
        and not any(lines[:index])
        and not is_org_line(line)
        and len(line) >= TITLE_MIN
        and len(following) >= 2 * len(line)
        and "。" in following
    ):
        return True
    return worded


def after_names(lines: list[str], first: int) -> int:
    """Past what opens a rendering above its title or grid: the site's and the column's
    names (遂宁市水利局 / 征集调查), toolbar and menu items (省政府 市政府 …, 移动门户, 首页),
    when a title or a label line follows them; ``first`` otherwise."""
    index = first
    for _ in range(_MAX_NAME_LINES):
        if index >= len(lines):
            return first
        line = lines[index]
        if is_menu_line(line, has_label):
            index = next_nonblank(lines, index + 1)
            continue
        if (
            is_label_line(line)
            or title_run(lines, index) is not None
            or opens_with_title(lines, index)
        ):
            return index
        after = next_nonblank(lines, index + 1)
        if (
            after > index + 1
            and after < len(lines)
            and _is_column_caption(line, [lines[after]])
            and (title_run(lines, after) is not None or opens_with_title(lines, after))
        ):
            return after  # 通知公告 / (a blank, chrome blanked) / 关于…的通知: the column's
        if len(line) > NAME_LINE_MAX or _title_words().search(line) or line[-1] in END_PUNCT:
            return first
        index = after
    return first


def title_run(lines: list[str], index: int) -> tuple[str, int] | None:
    """A title printed over 2-3 consecutive lines (秦安县国防动员办公室 / 关于…的 / 通 告, or
    a heading wrapped mid-word), read as one: its lines are short and title-like, together
    they are worded like a title, and what follows is not another short line (a menu) but a
    label line, a date, the title repeated or the text; or over more lines when its issuers
    fill them (:func:`_issuers_title_run`) or its kicker stands over it
    (:func:`_kicker_title_run`). Returns the title and the index after its last line."""
    return (
        _lines_title_run(lines, index)
        or _issuers_title_run(lines, index)
        or _kicker_title_run(lines, index)
    )


def _lines_title_run(lines: list[str], index: int) -> tuple[str, int] | None:
    run: list[str] = []
    probe = index
    while probe < len(lines) and lines[probe] and len(run) <= _TITLE_RUN_MAX:
        line = lines[probe]
        # Lines after the first may be short: the last one can be the notice's kind alone
        # (通 告), letter-spaced.
        shaped = is_title_like(line) if not run else len(line) >= 2 and line[-1] not in END_PUNCT
        if (
            len(line) > _TITLE_RUN_LINE_MAX
            or not shaped
            or is_date_line(line)
            or _starts_with_date(line)  # 2023-09-14 10:42 阅读人数:1 under the title
            or find_labels(line)
            or (run and compact(line) == compact(run[-1]))  # printed twice
            or (len(run) >= 2 and compact(line) == compact(run[0]))  # … all lines
            or (run and value_shape(line) == "doc_no")  # 岚政告〔2016〕14号 under the title
        ):
            break
        run.append(line)
        probe += 1
    # A column's caption above a title that opens on its own line (通知公告 / 关于…的通知)
    # is not part of it; an issuer's name (秦安县国防动员办公室 / 关于…) is, under a caption
    # too (工作动态 / 岚州市应急管理局 / 关于…).
    opening = next((n for n, line in enumerate(run) if n and line.startswith("关于")), None)
    captioned = opening is not None and not all(is_org_line(line) for line in run[:opening])
    if opening is not None and captioned:
        while is_org_line(run[opening - 1]):
            opening -= 1
        run = run[opening:]
    elif len(run) >= 2 and (
        _is_column_caption(run[0], run[1:])
        or (len(run) == 2 and _is_site_name_over_title(run[0], run[1]))
    ):  # a column's caption or the site's name over a whole title
        run, captioned = run[1:], True
    if not (1 if captioned else 2) <= len(run) <= _TITLE_RUN_MAX:
        return None
    joined = run[0]
    for line in run[1:]:
        joined = join_heading(joined, line)
    if len(joined) > _TITLE_MAX or not _title_words().search(joined):
        return None
    after = next_nonblank(lines, probe)
    if len(run) >= 2 and (repeat_end := _run_repeated(lines, after, run)) is not None:
        return joined, repeat_end  # the issuer / 关于… lines printed again over the text
    return (joined, probe) if _closes_title(lines, after, joined) else None


def _closes_title(lines: list[str], after: int, title: str) -> bool:
    """What stands at ``after`` ends a title read over lines: a label line, a date, the
    title repeated, the text, the notice's number, or nothing; not another short line."""
    if after >= len(lines):
        return True
    following = lines[after]
    return (
        is_label_line(following)
        or _starts_with_date(following)
        or compact(following) == compact(title)
        or not is_title_like(following)
        or len(following) > _TITLE_RUN_LINE_MAX
        or value_shape(following) == "doc_no"  # the notice's number under its title
    )


def _issuers_title_run(lines: list[str], index: int) -> tuple[str, int] | None:
    """A title whose issuers fill more lines than a run holds (岚州市人民防空办公室 /
    岚州市应急管理局 / 关于联合开展…检查 / 工作的通知): two issuers' names or more, each
    alone on its line, right over a ``关于…`` title that ends in its document's kind (the
    evidence that the lines are one title, not a signature over a heading)."""
    probe = index
    while (
        probe < len(lines)
        and probe - index < _ISSUER_LINES_MAX
        and is_org_line(lines[probe])
        and not lines[probe].startswith("关于")
    ):
        probe += 1
    if probe - index < 2 or probe >= len(lines) or not lines[probe].startswith("关于"):
        return None
    if (rest := title_run(lines, probe)) is None:
        single = lines[probe]
        if not is_title_like(single) or not _closes_title(
            lines, next_nonblank(lines, probe + 1), single
        ):
            return None
        rest = single, probe + 1
    if _DOC_TITLE_END.search(rest[0]) is None:
        return None
    joined = "".join(lines[index:probe]) + rest[0]
    return (joined, rest[1]) if len(joined) <= _TITLE_MAX else None


def is_parallel(first: str, second: str) -> bool:
    """Two items of one menu: a shared head or tail (政府信息公开指南 / 政府信息公开年报), or
    both ending as column names do (工作动态 / 通知公告)."""
    head = first[:_PARALLEL_CHARS] == second[:_PARALLEL_CHARS]
    tail = first[-_PARALLEL_CHARS:] == second[-_PARALLEL_CHARS:]
    columns = first.endswith(COLUMN_CAPTION_ENDS) and second.endswith(COLUMN_CAPTION_ENDS)
    return head or tail or columns


def is_kicker(kicker: list[str], headline: str) -> bool:
    """Short lines right over a headline that are its kicker (引题: 人防宣传周 / 防空知识 /
    进万家), not a side menu's items: two or three, not all of one length (a menu's items
    are: 人防工程 / 宣传教育 / 指挥通信), none ending as a column's name does (领导信息,
    通知公告), no two parallel, and one phrase with the headline: a line shares a word with
    it (人防宣传周 … 岚州市开展人防宣传周主题活动; :func:`_shares_word`)."""
    if not _RUN_MIN <= len(kicker) <= _KICKER_LINES_MAX:
        return False
    if len({len(compact(line)) for line in kicker}) == 1:
        return False  # menu-shaped
    if any(
        line.endswith(COLUMN_CAPTION_ENDS) or compact(line) == compact(headline) for line in kicker
    ):
        return False  # a column's name, or the headline printed twice
    if any(is_parallel(first, second) for first, second in combinations(kicker, 2)):
        return False
    return any(_shares_word(line, headline) for line in kicker)


def _shares_word(line: str, headline: str) -> bool:
    """The line and the headline share words within the line (never across two lines of a
    kicker), beyond the words any headline of the site holds and its place names: a run of
    three characters or more, one of them outside those words (人防宣传周: 人防宣), or a
    two-character word outside them (宣传); not 人防 alone (人防工程 over …市人防办召开…)."""
    common = _common_chars(line)
    for at in range(len(line) - 1):
        for size, outside_min in ((_SHARED_RUN_MIN, 1), (2, 2)):
            run = line[at : at + size]
            outside = sum(index not in common for index in range(at, at + size))
            if _CJK_WORDS[size].match(run) and outside >= outside_min and run in headline:
                return True
    return False


def _common_chars(line: str) -> set[int]:
    """Where the line holds a word any headline of the site holds, or a place's level
    (岚州市): the indexes of those characters."""
    common = {at for at, char in enumerate(line) if char in PLACE_LEVEL_CHARS}
    for word in GENERIC_HEADLINE_WORDS:
        for match in re.finditer(re.escape(word), line):
            common.update(range(match.start(), match.end()))
    return common


def _kicker_title_run(lines: list[str], index: int) -> tuple[str, int] | None:
    """A headline under its kicker printed over two or three short lines (:func:`is_kicker`),
    no blank line between them, the headline a title by itself over its meta or date line:
    read as one title, as a two-line kicker over the headline is."""
    for count in range(_KICKER_LINES_MAX, _RUN_MIN - 1, -1):
        headline_row = index + count
        kicker = lines[index:headline_row]
        if headline_row >= len(lines) or not all(map(_is_kicker_line, kicker)):
            continue
        headline = lines[headline_row]
        if not (
            len(headline) >= TITLE_MIN
            and len(headline) <= _TITLE_RUN_LINE_MAX
            and is_title_like(headline)
            and _title_words().search(headline)
            and is_kicker(kicker, headline)
        ):
            continue
        after = next_nonblank(lines, headline_row + 1)
        if after < len(lines) and (is_label_line(lines[after]) or _starts_with_date(lines[after])):
            return "".join(kicker) + headline, headline_row + 1
    return None


def _is_kicker_line(line: str) -> bool:
    fits = _KICKER_LINE_MIN <= len(line) <= _KICKER_LINE_MAX
    return fits and _KICKER_LINE.match(line) is not None


def _run_repeated(lines: list[str], start: int, run: list[str]) -> int | None:
    """Where the lines of ``run`` printed again from ``start`` end (the index after the
    last), when each nonblank line from there repeats the run's in order; ``None`` if not."""
    index = start
    for line in run:
        if index >= len(lines) or compact(lines[index]) != compact(line):
            return None
        index = next_nonblank(lines, index + 1)
    return index


def _is_site_name_over_title(line: str, title: str) -> bool:
    """The site's name over a whole title (岚溪县人民政府 / 岚溪县举办…颁奖仪式): an
    organisation's name whose place the title names again, over a line that is a title by
    itself and does not continue the name (an issuer's name runs on into 关于…)."""
    if not is_org_line(line) or title.startswith("关于") or len(title) < TITLE_MIN:
        return False
    place = line[:_PLACE_CHARS]
    return title.startswith(place) and bool(_title_words().search(title))


def _is_column_caption(line: str, rest: list[str]) -> bool:
    """A column's caption over a title (义务教育领域 / 岚溪县2024年…工作方案): a short name
    ending as column names do, over lines that are a title by themselves."""
    if len(line) > _CAPTION_MAX or not line.endswith(COLUMN_CAPTION_ENDS) or is_org_line(line):
        return False
    joined = "".join(rest)
    return len(joined) >= TITLE_MIN and bool(_title_words().search(joined))


def after_repeats(lines: list[str], start: int, title: str) -> int:
    index = next_nonblank(lines, start)
    while index < len(lines) and compact(lines[index]) == compact(title):
        index = next_nonblank(lines, index + 1)
    return index


# A document type's word alone on its line, its characters letter-spaced or not (通 知).
_DOC_TYPE_LINE = re.compile(rf"^[{CJK}](?:[ \t\u3000\u00a0]{{0,3}}[{CJK}]){{0,2}}$")
_SALUTATION_MAX = 60
# What stands under such a title: a date or a date-time alone on its line.
_DATE_ALONE = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")


def is_doc_type_title(lines: list[str], index: int) -> bool:
    """The line is a document type's word alone (通知, 通 告: joined to match, kept as shown)
    with a date line, a meta line or a salutation under it (a date widget between them is
    the site's, passed over): the notice's title. The same
    word over list items or over another title is a column's caption."""
    line = lines[index]
    if _DOC_TYPE_LINE.match(line) is None or compact(line) not in DOC_TYPE_WORDS:
        return False
    widgets = widgets_under(lines, index)
    after = next_nonblank(lines, (widgets[-1] if widgets else index) + 1)
    if after >= len(lines):
        return False
    following = lines[after]
    if _DATE_ALONE.match(following):
        return not _titled_meta_block(lines, next_nonblank(lines, after + 1))
    return bool(
        is_meta_line(following)
        or (following[-1] in ":：" and len(following) <= _SALUTATION_MAX)  # 各单位:
    )


def widgets_under(lines: list[str], index: int) -> list[int]:
    """The rows of the date widgets (2024年05月01日 星期三) right under the line at ``index``:
    the site's chrome, passed over to see what stands under a document type's word."""
    rows: list[int] = []
    after = next_nonblank(lines, index + 1)
    while after < len(lines) and is_date_widget(lines[after]):
        rows.append(after)
        after = next_nonblank(lines, after + 1)
    return rows


def _titled_meta_block(lines: list[str], index: int) -> bool:
    """A title-like line with a meta line under it at ``index``: the article's own title,
    under which the word over the date is a column's caption (通知 / 2024-08-28 / <title>)."""
    if index >= len(lines) or not is_title_like(lines[index]):
        return False
    after = next_nonblank(lines, index + 1)
    return after < len(lines) and is_meta_line(lines[after])


def _starts_with_date(line: str) -> bool:
    return bool(DATE_TIME_PREFIX.match(line) or CN_DATE_PREFIX.match(line))


def is_title_detail(line: str) -> bool:
    """A bare item under a title: the issuing unit, an index or document number."""
    return len(line) <= HEADING_MAX and (
        is_org_line(line) or value_shape(line) in ("index_no", "doc_no")
    )


@cache
def _title_words() -> re.Pattern[str]:
    return re.compile("|".join(TITLE_WORDS))


# What a page's <title> glues after the title: a separator and the site's or unit's name
# (-岚山县人民政府, _岚山县国动办, | 某某网).
_SITE_SUFFIX = re.compile(
    rf"^(?:-|_|\||｜|——|—)[{CJK}A-Za-z0-9()（）]{{0,28}}"
    r"(?:人民政府|政府|网站|网|门户|开发区|管委会|委员会|办公室|办|局|中心|厅|委)$"
)


def is_suffixed_repeat(title: str, line: str) -> bool:
    """Whether ``title`` is ``line`` with a site suffix glued on (``<line>-<site name>``):
    the page's title printed again without it shows where the title ends."""
    shown, repeat = compact(title), compact(line)
    if len(repeat) < TITLE_MIN or not shown.startswith(repeat) or shown == repeat:
        return False
    return _SITE_SUFFIX.match(shown[len(repeat) :]) is not None


# Labels whose value may name a theme rather than the title (主题:人民防空为人民).
_SUBJECT_LABELS = frozenset({"主题", "标题"})


def subject_under_title(notice: Notice, title_line: str | None) -> HeaderField | None:
    """The 主题/标题 field whose value says something else than the title line the page shows
    above it (主题:人民防空为人民 under 关于开展人防宣传周活动的通知): a theme, not the title;
    the line, worded as a title, is the title. A value holding the line or held by it (the
    title cut short, the site's name glued on) agrees, and a value worded as a title is
    one: ``None`` for both."""
    if (
        title_line is None
        or len(title_line) < TITLE_MIN
        or not is_title_like(title_line)
        or not _title_words().search(title_line)  # 某办意见征集: the unit's and column's names
    ):
        return None
    field = next(
        (item for item in notice.header if item.key == "title" and item.value is not None),
        None,
    )
    if field is None or compact(field.label).rstrip(":：") not in _SUBJECT_LABELS:
        return None
    shown, labelled = compact(title_line), compact(field.value or "")
    if shown in labelled or labelled in shown:
        return None
    # A value worded as a title (…管理办法公开征求意见) is the title the line (某办意见征集,
    # a unit's and a column's names) is not; a theme is worded otherwise.
    return None if _title_words().search(labelled) else field
