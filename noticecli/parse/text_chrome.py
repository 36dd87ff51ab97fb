"""What in a text rendering of a page is the site's chrome, not the notice: read by shape.

A rendering (a page stored as text) keeps what the browser showed around the article:
toolbars printed on one line, the file names of the site's pictures above the title, a
site menu after the widget that closes the article, a pop-up box after its close button,
and a table layout's cell marks. It also loses the colons of a grid whose labels are
letter-spaced to their cell's width. :mod:`noticecli.parse.text` asks these questions of
its lines; whether a line holds a label it answers itself and passes in (``has_label``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from noticecli.knowledge import CJK, LABEL_SHAPE, TITLE_WORDS
from noticecli.labels import value_shape, vocabulary
from noticecli.parse.attachments import FILE_NAME
from noticecli.parse.lines import END_PUNCT, is_date_line, is_org_line

__all__ = [
    "CLOSE_BUTTONS",
    "LABEL_GAP_MAX",
    "before_closing_menu",
    "before_empty_boxes",
    "blank_leading_images",
    "is_menu_line",
    "is_site_chrome",
    "is_toolbar_row",
    "with_plain_label_colons",
    "with_spaced_label_colons",
    "with_spaced_labels_joined",
    "with_stacked_label_values",
    "without_cell_mark",
]

HasLabel = Callable[[str], bool]

# Whitespace that may sit between the characters of a label (索 引 号, 索&ensp;引&ensp;号).
INNER_WS = " \t\u3000\u00a0\u2002\u2003"
# A label padded to the width of the grid's longest one (文       号 beside 索  引 号).
LABEL_GAP_MAX = 8
# A pop-up box's close button on a line of its own: the box follows it.
CLOSE_BUTTONS = frozenset({"x", "X", "×", "✕", "✖"})
_POPUP_LINE_MAX = 30
# A site menu under an article: at least this many items, each this short; a menu printed
# on one line has at least this many items.
_MENU_ITEMS_MIN = 2
_MENU_ITEM_MAX = 8
_MENU_LINE_ITEMS_MIN = 4
_IMAGE_NAME = re.compile(r"^[^\s/\\]{1,60}\.(?:png|jpe?g|gif|bmp|svg|webp)$", re.IGNORECASE)
_HAS_COLON = re.compile("[:：]")
_EVEN_GAP_MAX = 3
# A grid row without colons: at least this many known labels, the first opening the row.
_PLAIN_LABELS_MIN = 2
_ONE_PAIR_VALUE_MAX = 20  # the value of a grid's last row of one pair
_CELL_GAP = re.compile(f"([{INNER_WS}]+)")
_LABEL_WITH_COLON = re.compile(f"^{LABEL_SHAPE}[:：]")
# An attachment box's label with nothing after it (附件:, 相关附件, 文件下载:).
_EMPTY_BOX = re.compile(r"^[【\[]?(?:(?:相关)?附\s*件(?:下载)?|文件下载)\s*[:：]?[】\]]?$")


def without_cell_mark(line: str) -> str:
    """A table layout's cell end left on a line of text (…的通告 |): not part of the text.
    A label's (公文时效: |) marks its empty cell and stays."""
    if (
        line.endswith("|")
        and line.count("|") == 1
        and len(line) > 1
        and not _HAS_COLON.search(line)
    ):
        return line[:-1].rstrip()
    return line


def with_spaced_label_colons(line: str) -> str:
    """A grid row whose labels are letter-spaced to the cell's width and carry no colon
    (索   引   号 2019… 分        类 其他; …): the colons put back, so the row reads as one of
    ``label: value`` pairs. Only a row that opens with a known label spaced so counts; after
    it, a known label spaced so or a run of 3-5 characters spaced evenly (上 载 日 期) is one."""
    if len(line) < 3 or line[1] not in INNER_WS or ":" in line or "：" in line:
        return line  # the cheap test: a spaced label's first character is followed by a gap
    first = _spaced_label_at(line, 0, opening=True)
    if first is None:
        return line
    pieces: list[str] = []
    done = 0
    position = 0
    found: int | None = first
    while position < len(line):
        if found is None and (position == 0 or line[position - 1] in INNER_WS):
            found = _spaced_label_at(line, position, opening=False)
        if found is not None:
            pieces.append(line[done:found])
            pieces.append(":")
            done = position = found
            found = None
            continue
        position += 1
    pieces.append(line[done:])
    return "".join(pieces)


def with_plain_label_colons(line: str, *, after_row: bool = False) -> str:
    """A grid row printed without colons, label and value cells side by side (索引号
    11/2021-00034 发布机构 县政府办公室): the colons put back after each known label. Only a
    row that opens with a known label and holds at least two counts, so a sentence that
    starts with a label word stays text; right under such a row (``after_row``), a row of
    one pair with a short value (有效性 有效) counts too. A line with a sentence's full stop,
    or a label already followed by a colon, leaves the row as it is."""
    if "。" in line or _HAS_COLON.search(line.split(None, 1)[0] if line.strip() else ":"):
        return line
    cells = _CELL_GAP.split(line)
    known = vocabulary()
    if any(len(cells[index]) == 1 for index in range(0, len(cells), 2)):
        cells = with_spaced_labels_joined(cells, known)
    if _compact_cell(cells[0]) not in known:
        return line
    labels = [index for index in range(0, len(cells), 2) if _compact_cell(cells[index]) in known]
    one_pair = (
        after_row
        and len(cells) == 3  # label, gap, value
        and len(cells[2]) <= _ONE_PAIR_VALUE_MAX
        and not any(mark in cells[2] for mark in END_PUNCT)
    )
    if len(labels) < _PLAIN_LABELS_MIN and not one_pair:
        return line
    if any(_LABEL_WITH_COLON.match(cells[index]) for index in range(0, len(cells), 2)):
        return line
    for index in labels:
        cells[index] += ":"
    return "".join(cells)


def one_pair_row(line: str) -> str | None:
    """A colon-less row of ONE pair (索引号 11331000MB1234567X/2024-00045) with the colon put
    back, when its label is known and its value short or shaped like a field's; ``None``
    otherwise. The caller decides, from the rows around it, whether it is a grid row."""
    if not line or not _is_cjk(line[0]) or "。" in line or _HAS_COLON.search(line):
        return None
    cells = _CELL_GAP.split(line)
    if len(cells) != 3 or cells[0] not in vocabulary():
        return None
    value = cells[2]
    if any(mark in value for mark in END_PUNCT):
        return None
    if len(value) > _ONE_PAIR_VALUE_MAX and value_shape(value) not in _FIELD_SHAPES:
        return None
    return cells[0] + ":" + cells[1] + value


_FIELD_SHAPES = ("date", "doc_no", "index_no")


def with_spaced_labels_joined(cells: list[str], known: dict[str, str]) -> list[str]:
    """The cells of a colon-less row (tokens at even places, gaps at odd ones) with each run
    of one-character tokens whose characters join to a known label (文 号, 索 引 号) made one
    token, kept as shown: a label printed letter-spaced in a row of plain ones."""
    out: list[str] = []
    index = 0
    while index < len(cells):
        run_end = index
        while (
            run_end < len(cells)
            and len(cells[run_end]) == 1
            and _is_cjk(cells[run_end])
            and (run_end == index or len(cells[run_end - 1]) <= LABEL_GAP_MAX)
        ):
            run_end += 2
        joined = None
        for end in range(run_end, index + 2, -2):  # the longest known label first
            if "".join(cells[index:end:2]) in known:
                joined = end
                break
        if joined is None:
            out.append(cells[index])
            if index + 1 < len(cells):
                out.append(cells[index + 1])
            index += 2
            continue
        out.append("".join(cells[index : joined - 1]))
        if joined - 1 < len(cells):
            out.append(cells[joined - 1])
        index = joined
    return out


def _compact_cell(cell: str) -> str:
    return "".join(cell.split()) if len(cell) > 1 and cell[1] in INNER_WS else cell


def _spaced_label_at(line: str, start: int, *, opening: bool) -> int | None:
    """Where a letter-spaced label starting at ``start`` ends (its last character + 1), when
    a value follows it; ``None`` when there is none."""
    chars: list[str] = []
    ends: list[int] = []
    gaps: list[int] = []
    position = start
    while position < len(line) and _is_cjk(line[position]):
        chars.append(line[position])
        ends.append(position + 1)
        gap = position + 1
        while gap < len(line) and line[gap] in INNER_WS:
            gap += 1
        width = gap - position - 1
        if width == 0 or width > LABEL_GAP_MAX:
            break
        gaps.append(width)
        position = gap
    known = vocabulary()
    for size in range(len(chars), 1, -1):
        if "".join(chars[:size]) in known and _value_after(line, ends[size - 1]):
            return ends[size - 1]
    even = len(chars) in (3, 4, 5) and len(set(gaps[: len(chars) - 1])) == 1
    if not opening and even and gaps[0] <= _EVEN_GAP_MAX and _value_after(line, ends[-1]):
        return ends[-1]
    return None


def _value_after(line: str, end: int) -> bool:
    return end < len(line) and line[end] in INNER_WS and bool(line[end:].strip())


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"  # in CJK


# A logo's alt text printed as a line (…办公室网站logo, …政府门户网站标志).
_CHROME_HINT = re.compile(r"[>＞»›]|(?:logo|LOGO|Logo|标志|图标|标识)$")
_LOGO_LINE_MAX = 40
# A breadcrumb without a 当前位置 label: short items joined by arrows (杨巷镇>信息公开>工作动态).
_CRUMB_ARROWS = re.compile(r"\s*(?:>|&gt;|＞|»|›)\s*")
_CRUMB_ARROW_CHARS = (">", "＞", "»", "›")
_CRUMB_ITEM_MAX = 15
_CRUMB_LINE_MAX = 80
_CRUMB_ITEMS_MIN = 3


def is_site_chrome(line: str) -> bool:
    """A line that is the site's, never the notice's: a logo's alt text, or a breadcrumb of
    at least three short items joined by arrows (no sentence, no label in an item)."""
    if len(line) > _CRUMB_LINE_MAX or (hint := _CHROME_HINT.search(line)) is None:
        return False  # the cheap tests first: most lines hold neither
    if any(map(line.__contains__, END_PUNCT)):
        return False
    if hint.group() not in _CRUMB_ARROW_CHARS:
        return len(line) <= _LOGO_LINE_MAX  # …网站logo
    items = _CRUMB_ARROWS.split(line)
    least = _CRUMB_ITEMS_MIN
    if len(items) > 2 and not items[-1]:  # 某某办> 通知公告>: a trail closed by its arrow
        items.pop()
        least -= 1
    return len(items) >= least and all(
        0 < len(item) <= _CRUMB_ITEM_MAX and " " not in item for item in items
    )


_TOOLBAR_SPLIT = re.compile(r"[\s|｜]+")
_TOOLBAR_ITEM_MAX = 6


def is_toolbar_row(line: str, is_widget: Callable[[str], bool]) -> bool:
    """A toolbar printed on one line with its pictures' file names (top_icon2weixin.png 微信
    … 简体   |   繁体): image names, widget words (one at least) and short items, split by
    spaces or ``|``.
    Read as table cells it would derail the page; it is chrome. ``is_widget``: whether an
    item is a widget's text (微信, 繁体, 长者模式)."""
    if "." not in line:
        return False  # the cheap test: no file name
    items = [item for item in _TOOLBAR_SPLIT.split(line) if item]
    images = sum(1 for item in items if _IMAGE_NAME.match(item))
    if not images or _HAS_COLON.search(line) or not any(map(is_widget, items)):
        return False  # a picture's name beside its caption (揭牌.png 揭牌仪式) is content
    return all(
        _IMAGE_NAME.match(item)
        or is_widget(item)
        or (len(item) <= _TOOLBAR_ITEM_MAX and not any(m in item for m in END_PUNCT))
        for item in items
    )


def blank_leading_images(lines: list[str]) -> None:
    """Image file names opening a rendering (logo.png, buttonWhite1.jpg) are the page's
    pictures written out by the store: chrome above the title, not attachments. Blanked in
    place."""
    for index, line in enumerate(lines):
        if not line:
            continue
        if not _IMAGE_NAME.match(line):
            return
        lines[index] = ""


def is_menu_line(line: str, has_label: HasLabel) -> bool:
    """A toolbar or menu printed on one line (中国政府网 黑龙江省政府网 English …, 首 页 政 务
    公 开 …): several short items apart, no sentence, no label."""
    items = line.split()
    return (
        len(items) >= _MENU_LINE_ITEMS_MIN
        and all(len(item) <= _MENU_ITEM_MAX for item in items)
        and not any(mark in line for mark in END_PUNCT)
        and not has_label(line)
    )


def before_closing_menu(
    lines: list[str],
    start: int,
    end: int,
    widget_rows: list[int],
    close_rows: set[int],
    has_label: HasLabel,
) -> int:
    """Where the body ends when a widget line that closes an article (扫一扫…, 打印本页) is
    followed only by a site menu, one short item a line (部门街镇 / 公开信箱 / 服务地图), or
    a pop-up box's close button (x) by the box's short lines (影响营商环境建设问题线索征集).
    ``widget_rows``: the lines read as widgets (blank in ``lines``), in order. A menu cut
    off so reaches back over the widget lines and short items above it (关闭窗口 打印本页 /
    智能互动 手机版 / 微信 / 始兴发布)."""
    cut = end
    for row in reversed(widget_rows):
        if not start < row < cut:
            continue
        if not any(lines[start:row]):
            return cut  # no text above it: a widget over the article, not after it
        items = [line for line in lines[row + 1 : cut] if line]
        if not items:
            continue  # a footer line closing the page (版权所有…): look above it
        if cut < end and all(_is_menu_item(item, has_label) for item in items):
            cut = row  # a widget line above a menu already cut: the same closing block
            continue
        if row in close_rows:
            if items and all(_is_menu_item(item, has_label, _POPUP_LINE_MAX) for item in items):
                return row
        elif len(items) >= _MENU_ITEMS_MIN and all(_is_menu_item(i, has_label) for i in items):
            cut = row
            continue
        return cut
    return cut


def before_empty_boxes(lines: list[str], start: int, end: int) -> int:
    """Where the body ends when it closes with an attachment box's label and no file
    (附件下载:, 相关附件：): the box is the template's, empty on this page."""
    while end > start:
        line = lines[end - 1]
        if line and not _EMPTY_BOX.match(line):
            break
        end -= 1
    return end


def _is_menu_item(line: str, has_label: HasLabel, longest: int = _MENU_ITEM_MAX) -> bool:
    return (
        len(line) <= longest
        and line[-1] not in END_PUNCT
        and not is_date_line(line)
        and not is_org_line(line)
        and not FILE_NAME.search(line)
        and not has_label(line)
    )


# Links to the previous and the next article (上一页:…, 下一条：…): navigation.
_PREV_NEXT = re.compile(r"^[上下]一(?:页|篇|条|个)\s*[:：]")
# A font-size widget's bracket or label alone on its line, closed or not (【浏览字体:, 字号:).
_LONE_WIDGET = re.compile(rf"^[【\[]?\s*[{CJK}]{{0,4}}(?:字体|字号)(?:大小)?\s*[:：]?\s*[】\]]?$")
# A footer's row of links split by pipes (收藏本站| 设为首页| 网站地图 | 联系我们).
_FOOTER_ROW_WORDS = frozenset(
    {
        "收藏本站",
        "加入收藏",
        "设为首页",
        "网站地图",
        "联系我们",
        "帮助说明",
        "使用帮助",
        "网站声明",
        "关于我们",
        "隐私声明",
        "返回首页",
        "网站纠错",
    }
)
_FOOTER_ROW_ITEMS_MIN = 3
_CHROME_STARTS = frozenset("上下【[字")


# Widget words a toolbar prints (字体(  ), 字号:【大 中 小】, 打印, 关闭窗口) …
_WIDGET_WORD = (
    r"(?:(?:字体|字号|文字大小)\s*[:：]?\s*(?:[(（\[【][^)）\]】]{0,12}[)）\]】])?"
    r"|打印(?:本页|正文)?|关闭(?:窗口|本页)?|[大中小])"
)
# … a line of two or more of them, after a short caption (某某文件 字体(    )  打印).
_CAPTIONED_WIDGETS = re.compile(
    rf"^(?:[{CJK}]{{1,12}}[{INNER_WS}]+)?{_WIDGET_WORD}(?:[{INNER_WS}]*{_WIDGET_WORD})+$"
)
_CAPTIONED_WIDGETS_MAX = 40


# A site's greeting (欢迎访问岚山县人民政府!) and its account and reading-mode links
# (登录/注册 用户中心 无障碍 长者模式): the site's header, when above the breadcrumb.
_GREETING = re.compile(rf"^欢迎(?:访问|光临|来到|进入|您)[{CJK}A-Za-z0-9]{{0,24}}[!！。]?$")
_ACCOUNT_WORDS = frozenset(
    {
        "登录",
        "注册",
        "登录/注册",
        "登录|注册",
        "用户中心",
        "个人中心",
        "退出",
        "无障碍",
        "无障碍浏览",
        "长者模式",
        "关怀版",
        "适老化",
        "简体",
        "繁体",
        "简体|繁体",
        "简体版",
        "繁体版",
        "IPV6",
        "IPv6",
        "English",
        "手机版",
        "移动版",
    }
)
_ACCOUNT_WORDS_MIN = 2


def is_site_header_line(line: str) -> bool:
    """A greeting or a row of account and reading-mode links: the site's header. Only what
    stands above the breadcrumb counts (a speech may open with 欢迎…); the caller checks."""
    if _GREETING.match(line):
        return True
    words = _TOOLBAR_SPLIT.split(line.strip())
    return len(words) >= _ACCOUNT_WORDS_MIN and all(word in _ACCOUNT_WORDS for word in words)


_BLOCK_SCAN_MAX = 40  # the head of a page, where a meta block may be printed twice
_BLOCK_LINES_MAX = 12
_BLOCK_LABELS_MIN = 2


def blank_repeated_label_block(lines: list[str], is_label_line: Callable[[str], bool]) -> None:
    """Blank the second copy of a block of label and value lines printed twice in a row
    near the top (发布时间: / <date> / 信息来源: / <name>, then the same again): the same
    lines in the same order, holding at least two label lines. A block whose values differ
    is not a copy and stays."""
    filled = [index for index in range(min(len(lines), _BLOCK_SCAN_MAX)) if lines[index]]
    if len({lines[index] for index in filled}) == len(filled):
        return  # the cheap test: no line is printed twice
    for position, start in enumerate(filled):
        if not is_label_line(lines[start]):
            continue
        for size in range(_BLOCK_LABELS_MIN, _BLOCK_LINES_MAX + 1):
            if position + 2 * size > len(filled):
                break
            first = filled[position : position + size]
            second = filled[position + size : position + 2 * size]
            if [lines[index] for index in first] != [lines[index] for index in second]:
                continue
            if sum(is_label_line(lines[index]) for index in first) >= _BLOCK_LABELS_MIN:
                for index in second:
                    lines[index] = ""
                return


def is_captioned_widgets(line: str) -> bool:
    """A toolbar line of widget words, a short caption before them or not (国动办文件 字体(  )
    打印): chrome as a whole."""
    return (
        len(line) <= _CAPTIONED_WIDGETS_MAX
        and ("字" in line or "打印" in line)
        and _CAPTIONED_WIDGETS.match(line) is not None
    )


def is_page_chrome(line: str) -> bool:
    """A line of the page's furniture around the article: links to the previous and next
    article, a font-size widget's bracket left alone, the footer's row of links split by
    pipes (its credits need the footer beside them: text_edges.blank_site_credits)."""
    if line[:1] in _CHROME_STARTS and (_PREV_NEXT.match(line) or _LONE_WIDGET.match(line)):
        return True
    if "|" not in line and "｜" not in line:
        return False
    items = [item.strip() for item in re.split(r"[|｜]", line) if item.strip()]
    return (
        len(items) >= _FOOTER_ROW_ITEMS_MIN
        and sum(item in _FOOTER_ROW_WORDS for item in items) >= 2
        and all(len(item) <= _MENU_ITEM_MAX for item in items)
    )


# A grid printed one cell a line without colons (索引号 / LJ-2020-0031 / 发文机构 / …): at
# least this many known labels, each alone on its line (letter-spacing allowed), each over
# its value's line or over the next label (an empty value).
_STACKED_LABELS_MIN = 3
_STACKED_LABEL_MAX = 24  # a letter-spaced label's line, gaps included
_STACKED_VALUE_MAX = 40
_SENTENCE_MARKS = re.compile("[。；！？]")
_SPACES = re.compile(f"[{INNER_WS}]+")


def _stacked_label(line: str) -> str | None:
    """The known label a line is by itself (文      号 → 文号), or ``None``."""
    text = line.strip()
    if not 2 <= len(text) <= _STACKED_LABEL_MAX or text[-1] in ":：":
        return None
    compact = _SPACES.sub("", text)
    return compact if compact in vocabulary() else None


def with_stacked_label_values(lines: list[str]) -> list[str]:
    """``lines`` with each label/value pair of a grid printed one cell a line, without
    colons, joined on the label's line as ``label: value`` (the value's line left blank),
    so that the grid reads as one; a label right over another label gets an empty value.
    Nothing else changes."""
    out = list(lines)
    index = 0
    while index < len(lines):
        if _stacked_label(lines[index]) is None:
            index += 1
            continue
        pairs: list[tuple[int, int | None]] = []  # (label's line, value's line)
        probe = index
        while probe < len(lines) and (label := _stacked_label(lines[probe])) is not None:
            value = _next_filled(lines, probe + 1)
            if value is None or _stacked_label(lines[value]) is not None:
                pairs.append((probe, None))
                probe = value if value is not None else len(lines)
                continue
            text = lines[value].strip()
            if (
                len(text) > _STACKED_VALUE_MAX
                or _SENTENCE_MARKS.search(text)
                or (vocabulary()[label] != "title" and _is_worded_title(text))
            ):
                pairs.append((probe, None))  # the title or the text: the last label is empty
                probe = value
                break
            pairs.append((probe, value))
            probe = _next_filled(lines, value + 1) or len(lines)
        if len(pairs) >= _STACKED_LABELS_MIN:
            for label_row, value_row in pairs:
                label = lines[label_row].strip()  # as shown, letter-spacing kept
                shown = lines[value_row].strip() if value_row is not None else ""
                out[label_row] = f"{label}: {shown}".rstrip()
                if value_row is not None:
                    out[value_row] = ""
        index = max(probe, index + 1)
    return out


_TITLE_SHAPED_MIN = 12  # a grid's value worded like a title and this long is the title


def _is_worded_title(text: str) -> bool:
    return len(text) >= _TITLE_SHAPED_MIN and any(word in text for word in TITLE_WORDS)


def _next_filled(lines: list[str], start: int) -> int | None:
    while start < len(lines):
        if lines[start].strip():
            return start
        start += 1
    return None
