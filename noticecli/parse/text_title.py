"""Where a text dump's title is: the lines above the meta line, a title run over several
lines (read by :mod:`text_title_run`), a title under bare grid values, the site's and the
column's names and breadcrumbs above it that are not part of it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from noticecli.knowledge import (
    CJK,
    DOC_TYPE_WORDS,
)
from noticecli.labels import WIDGET_LABELS, value_shape, vocabulary
from noticecli.models import HeaderField, Notice
from noticecli.parse.dom import compact
from noticecli.parse.lines import (
    END_PUNCT,
    is_org_line,
)
from noticecli.parse.text_body import HEADING_MAX, join_heading
from noticecli.parse.text_chrome import is_menu_line
from noticecli.parse.text_furniture import is_date_widget
from noticecli.parse.text_labels import (
    GRID_VALUES_MIN,
    find_labels,
    has_label,
    is_label_line,
    is_meta_line,
)
from noticecli.parse.text_title_line import (
    TITLE_MAX,
    TITLE_MIN,
    is_code_line,
    is_title_like,
    next_nonblank,
    starts_with_date,
    title_words,
)
from noticecli.parse.text_title_run import (
    TITLE_RUN_LINE_MAX,
    TITLE_RUN_MAX,
    is_column_caption,
    title_run,
)

# Names of the site and the column above a title: short lines, a few of them.
NAME_LINE_MAX = 16


_MAX_NAME_LINES = 12


_BARE_VALUES_MIN = 3  # a grid's values printed bare under the title, each this short


_BARE_VALUE_MAX = 30  # bare values of a grid before its title's repeat


# A title line that breaks off (…办公室2020, …关于, …的): the next line continues it.
_BROKEN_OFF = re.compile(rf"(?:(?<=[{CJK}])\d{{1,4}}|的|关于|和|与|及|、|《|（|\()$")


def repeats_header_code(notice: Notice, line: str) -> bool:
    """The line repeats a code-shaped header value read above it (the document's head under
    a grid: its registration code, its number): the field shows it, no title or body."""
    if not (is_code_line(line) or value_shape(line) in ("doc_no", "index_no")):
        return False
    shown = compact(line)
    return any(field.value and compact(field.value) == shown for field in notice.header)


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
    for _ in range(_MAX_NAME_LINES + TITLE_RUN_MAX):
        if index >= len(lines):
            return None
        line = lines[index]
        if len(line) > TITLE_MAX or line[-1] in END_PUNCT:
            return None
        shown = compact(line)
        if shown in seen and len(line) >= TITLE_MIN and title_words().search(line):
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
        len(line) <= TITLE_RUN_LINE_MAX
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
        if len(line) > TITLE_RUN_LINE_MAX or line[-1] in END_PUNCT or find_labels(line):
            return None
        shown.append(index)
        index = next_nonblank(lines, index + 1)
    else:
        return None
    if not shown or not is_title_like(lines[shown[-1]]):
        return None
    run = [lines[shown[-1]]]
    for upper in reversed(shown[:-1]):
        if len(run) == TITLE_RUN_MAX or not _BROKEN_OFF.search(lines[upper]):
            break
        run.insert(0, lines[upper])
    joined = run[0]
    for line in run[1:]:
        joined = join_heading(joined, line)
    if len(joined) < TITLE_MIN or not title_words().search(joined):
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
        if len(line) > TITLE_MAX or line[-1] in END_PUNCT:
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
        or starts_with_date(title)
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
    worded = len(line) >= TITLE_MIN and bool(title_words().search(line))
    if not worded and index > 0 and 0 < len(lines[index - 1]) <= NAME_LINE_MAX:
        return False  # the last item of a menu printed one item a line (… 互动交流 / 专题专栏)
    if len(line) < TITLE_MIN and not title_words().search(line):
        return False  # a column's or a box's caption (征集调查, 来信内容) above a form
    after = next_nonblank(lines, index + 1)
    following = lines[after] if after < len(lines) else ""
    if following and (
        is_label_line(following)
        or starts_with_date(following)
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
            and is_column_caption(line, [lines[after]])
            and (title_run(lines, after) is not None or opens_with_title(lines, after))
        ):
            return after  # 通知公告 / (a blank, chrome blanked) / 关于…的通知: the column's
        if len(line) > NAME_LINE_MAX or title_words().search(line) or line[-1] in END_PUNCT:
            return first
        index = after
    return first


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


def is_title_detail(line: str) -> bool:
    """A bare item under a title: the issuing unit, an index or document number."""
    return len(line) <= HEADING_MAX and (
        is_org_line(line) or value_shape(line) in ("index_no", "doc_no")
    )


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
        or not title_words().search(title_line)  # 某办意见征集: the unit's and column's names
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
    return None if title_words().search(labelled) else field
