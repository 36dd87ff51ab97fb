"""One reader for a text header row, whatever separates its labels and values.

A header row is a sequence of labels, each followed by its value. Pages set them apart with
a colon, a gap of spaces or tabs, a pipe (``|``, ``｜``, ``丨``), a bullet (``·``, ``•``), a
slash between gaps, brackets or parentheses round the label (``【索引号】``, ``[索引号]``,
``(索引号)``), a slash or list mark glued between a value and the next label (``…；发布机构：``),
or nothing but the label's own end. The reader finds the labels (the vocabulary's,
letter-spaced too, any 2-8 CJK characters before a colon, any bracketed 2-8 CJK characters),
and a value is the text between one label and the next with the separators at its edges
dropped: never text the page does not show after its label; a label followed by nothing is
an empty cell.

A row is read only on evidence that it is a header row, not a sentence: it opens with a
label and shows at least two of the vocabulary's labels (one, when it opens with a label set
in brackets or is one pair parted by a pipe), no value holds a sentence's mark (``。；！？``)
or runs longer than a field, and no bracket holds a widget. The rows are written back in the
one form the text parser reads (``label:value  label:value``); the caller keeps the row as
shown for the body.

A column table rendered as two lines (a row of labels over a row of their values) is read by
:func:`with_column_rows` under the same evidence plus the values' shapes, and a title value
broken over two lines by :func:`with_broken_titles_joined`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from noticecli.knowledge import CJK, DOC_TITLE_END, DOC_TITLE_KINDS, LABEL_SHAPE
from noticecli.labels import (
    WIDGET_LABELS,
    compact_label,
    display_label,
    fits_shape,
    labels_by_length,
    value_shape,
    vocabulary,
)
from noticecli.parse.text_chrome import INNER_WS, LABEL_GAP_MAX
from noticecli.parse.text_labels import ADDRESSEE

__all__ = [
    "HeaderPair",
    "column_pairs",
    "column_rows_as_shown",
    "header_pairs",
    "may_open_row",
    "read_header_row",
    "with_broken_titles_joined",
    "with_column_rows",
]

# Characters that separate one pair from the next (a slash only between gaps: 11/2024 is a
# value's own).
_SEPARATORS = "|｜丨·•"
_PIPES = "|｜丨"
# … and the punctuation a row may put between a value and the next label (…；发布机构：).
_LIST_MARKS = "；;，,、"
_EDGE = rf"[{INNER_WS}:：{_SEPARATORS}]"
# A slash before a gap and the value opens it as the separator after the label (索引号 / <code>);
# a slash with nothing after it but a separator is the value (索引号：/ 丨 …).
_EDGE_START = re.compile(rf"^(?:{_EDGE}|[/／](?=[{INNER_WS}]+[^{INNER_WS}{_SEPARATORS}]))+")
# A slash after a value's gap separates it from the next pair; alone, it is the value (索引号:
# / shows that there is none).
_EDGE_END = re.compile(rf"(?:{_EDGE}|[{INNER_WS}][/／])+$")
# A slash or a list mark between a value and the next label, glued to both, separates them
# too (来源：县人防办/发布时间：…, 索引号：…；发布机构：…); after a gap it is the value's own.
_GLUED_MARK = re.compile(rf"(?<=\S)[/／{_LIST_MARKS}]$")
_SENTENCE_MARKS = re.compile("[。；！？]")
_COLON = re.compile("[:：]")
_VALUE_MAX = 60  # a field's value; a longer run is text
_KNOWN_MIN = 2  # known labels a row shows before it is read as a header row
_OPEN_CHARS = "【[［(（"
_OPENERS = re.escape(_OPEN_CHARS)  # … escaped for a character class
_CLOSERS = re.escape("】]］)）")


@dataclass(frozen=True, slots=True)
class HeaderPair:
    label: str  # as shown, letter-spacing kept, colon and brackets dropped
    value: str | None  # as shown between this label and the next, separators dropped
    known: bool  # a vocabulary label (not one read by its shape before a colon)
    bracketed: bool  # set in brackets (【索引号】): a label by the page's own mark
    piped: bool  # a pipe right after it (发布日期 丨 <date>): a cell's edge, the page's mark


# A label's character: CJK, but not 丨 (U+4E28, a CJK character pages print as a pipe).
_LABEL_CHAR = f"(?:(?!丨)[{CJK}])"


@cache
def _label_pattern() -> re.Pattern[str]:
    gap = f"[{INNER_WS}]{{0,{LABEL_GAP_MAX}}}"
    known = "|".join(gap.join(re.escape(char) for char in label) for label in labels_by_length())
    # Where a label may start: the row's start, a gap, a separator, a bracket, a colon.
    before = rf"(?:^|(?<=[{INNER_WS}{_SEPARATORS}{_CLOSERS}:：/／{_LIST_MARKS}]))"
    # A known label without a colon stands where a cell starts (the row's start, a separator,
    # a bracket, a tab, a gap of two spaces) or after one space with a value after it, and
    # ends where a cell ends, so that a label word inside a value (发布机构办公室, 报告 机构分类
    # closing a line) is not cut out of it.
    marks = rf"{_SEPARATORS}{_CLOSERS}:：/／{_LIST_MARKS}\t\u3000"
    cell_start = rf"(?:^|(?<=[{marks}])|(?<=[{marks}][{INNER_WS}])|(?<=[{INNER_WS}]{{2}}))"
    cell_end = rf"(?=[{INNER_WS}{_SEPARATORS}{_OPENERS}]|$)"
    bare = (
        rf"{cell_start}(?P<bare>{known}){cell_end}"
        rf"|(?<=[^{INNER_WS}][{INNER_WS}])(?P<spaced>{known})(?=[{INNER_WS}]+[^{INNER_WS}])"
    )
    return re.compile(
        # 【索引号】, [ 文   号 ]: a label by the page's own mark, known or not.
        rf"[{_OPENERS}][{INNER_WS}]*(?P<bracketed>(?:{_LABEL_CHAR}[{INNER_WS}]*){{2,8}})"
        rf"[{_CLOSERS}][{INNER_WS}]*[:：]?"
        rf"|{before}(?:(?P<known>{known})(?=[{INNER_WS}]*[:：])"
        rf"|{bare}"
        rf"|(?P<shape>{_LABEL_CHAR}{{2,8}})(?=[{INNER_WS}]*[:：]))"
        rf"[{INNER_WS}]*[:：]?"
    )


def header_pairs(line: str) -> list[HeaderPair]:
    """The row's labels and their values in page order; an empty list when the row does not
    open with a label."""
    text = line.strip()
    matches = list(_label_pattern().finditer(text))
    if not matches or matches[0].start() != 0:
        return []
    if matches[0]["bracketed"] is None:
        # In a row of plain labels a bracket holds a value's own words (县政府（办公室）).
        matches = [match for match in matches if match["bracketed"] is None]
    pairs: list[HeaderPair] = []
    for index, match in enumerate(matches):
        last = index + 1 == len(matches)
        end = len(text) if last else matches[index + 1].start()
        raw = text[match.end() : end]
        if not last:
            raw = _GLUED_MARK.sub("", raw)
        value = _EDGE_END.sub("", _EDGE_START.sub("", raw))
        piped = raw.lstrip(INNER_WS)[:1] in _PIPES if raw else False
        if match["bracketed"] is not None:
            # Brackets pad a label to their width (文       号): shown with single spaces.
            label = " ".join(match["bracketed"].split())
            known = compact_label(label) in vocabulary()
            pairs.append(HeaderPair(label, value or None, known, True, piped))
            continue
        word = match["known"] or match["bare"] or match["spaced"]
        label = display_label(word or match["shape"])
        pairs.append(HeaderPair(label, value or None, word is not None, False, piped))
    return pairs


# What may stand between a row's first label and what follows it: a gap, a separator, a
# bracket, a colon; a letter-spaced label (名　　称：) runs up to its colon or bracket.
_FIRST_CELL_END = re.compile(rf"[{INNER_WS}{_SEPARATORS}{_OPENERS}{_CLOSERS}:：]+")
_SPACED_CELL_END = re.compile(rf"[{_SEPARATORS}{_CLOSERS}:：]")
_BLANKS = re.compile(rf"[{INNER_WS}]+")


def may_open_row(text: str) -> bool:
    """The cheap test before :func:`header_pairs`: the text's first cell is a vocabulary
    label, plain (索引号 <code>, 索引号丨…) or letter-spaced (【名　　称】：…)."""
    text = text.strip().lstrip(_OPEN_CHARS + INNER_WS)
    known = vocabulary()
    if _FIRST_CELL_END.split(text, maxsplit=1)[0] in known:
        return True
    return _BLANKS.sub("", _SPACED_CELL_END.split(text, maxsplit=1)[0]) in known


def read_header_row(line: str) -> str | None:
    """The row written as ``label:value  label:value`` when it reads as a header row (see
    the module's doc), else ``None``. Widgets closing the row (``| 【打印】``, ``字号：大 中 小``)
    are not read: they follow the pairs as shown, for the field rules that know them."""
    text = line.strip()
    cut = _widget_start(text)
    pairs = header_pairs(text[:cut]) if cut > 0 else []
    if not pairs:
        return None
    known = sum(pair.known for pair in pairs)
    # A row opening with a label the page sets in brackets needs one known label (【不忘初心
    # 牢记使命】 opens a title), and so does one pair whose cells a pipe parts (发布日期 丨
    # <date>); others need two.
    marked = bool(pairs) and (
        pairs[0].bracketed or (len(pairs) == 1 and pairs[0].piped and pairs[0].value is not None)
    )
    if known < (1 if marked else _KNOWN_MIN):
        return None
    if any(pair.value is not None and _SENTENCE_MARKS.search(pair.value) for pair in pairs):
        return None  # a value that is a sentence: the row is text
    if any(pair.value is not None and len(pair.value) > _VALUE_MAX for pair in pairs):
        return None
    if (
        not pairs[0].bracketed
        and all(pair.value is None for pair in pairs)
        and not (_COLON.search(line))
    ):
        return None  # 索引号  发布机构  发布日期: a column table's head, see with_column_rows
    row = "  ".join(f"{pair.label}:{pair.value or ''}" for pair in pairs).rstrip()
    rest = _EDGE_START.sub("", text[cut:])
    return f"{row}  {rest}" if rest else row


def _widget_start(text: str) -> int:
    """Where the widgets closing a row of plain labels start: a 【 group after a gap or a
    separator (【打印】, 【字体：…】) or a widget's label (字号：, 当前位置：); the row's end
    when it has none. ``-1`` when a square bracket or a glued 【 stands in it: a widget group
    (本网字体: [大 中 小]) or a value's own bracket (聂府发[2006]5号) the row's other readers
    know. A row opening with a bracketed label has no widgets here."""
    if text[:1] in _OPEN_CHARS:
        return len(text)
    cut = text.find("【")
    if cut == -1:
        cut = len(text)
    elif text[cut - 1] not in INNER_WS + _SEPARATORS:
        return -1
    if "[" in text[:cut] or "［" in text[:cut]:
        return -1
    for match in _label_pattern().finditer(text, 0, cut):
        shown = match["known"] or match["bare"] or match["spaced"] or match["shape"]
        if shown and compact_label(shown) in WIDGET_LABELS:
            return match.start()
    return cut


# --- a row of labels over a row of their values ------------------------------------------------

_CELL_SPLIT = re.compile(rf"[{INNER_WS}]*[{_SEPARATORS}][{INNER_WS}]*|\t+|[{INNER_WS}]{{2,}}")
_SHAPED_KEYS = frozenset({"index_no", "doc_no", "published_at", "written_date", "issued_at"})


def _cells(line: str) -> list[str]:
    return [cell for cell in _CELL_SPLIT.split(line.strip()) if cell]


def _tab_cells(line: str, count: int) -> list[str]:
    """The cells of a row parted by single tabs, empty ones kept (a value cell left blank),
    when the row has ``count`` of them (empty cells past the row's end dropped)."""
    cells = [cell.strip(INNER_WS) for cell in line.strip("\r\n").split("\t")]
    while len(cells) > count and not cells[-1]:
        cells.pop()
    return cells if len(cells) == count and cells[0] else []


def column_pairs(labels_line: str, values_line: str) -> list[tuple[str, str]] | None:
    """The pairs of a column table rendered as two lines: every cell of ``labels_line`` a
    vocabulary label (two or more), ``values_line`` as many cells, none a label nor a
    sentence nor a document's title under another label, and every value shaped as its label
    wants (a date under 发布日期, a code under 索引号), at least one of them such a shaped
    value. ``None`` otherwise."""
    heads = _cells(labels_line)
    known = vocabulary()
    if len(heads) < _KNOWN_MIN or any(compact_label(head) not in known for head in heads):
        return None
    values = _cells(values_line)
    if len(values) != len(heads) and "\t" in labels_line and "\t" in values_line:
        values = _tab_cells(values_line, len(heads))  # a tab table keeps its empty cells
    if len(values) != len(heads) or _SENTENCE_MARKS.search(values_line):
        return None
    if any(compact_label(value) in known or len(value) > _VALUE_MAX for value in values):
        return None
    keys = [known[compact_label(head)] for head in heads]
    if any(
        key != "title" and _reads_as_title(value) for key, value in zip(keys, values, strict=True)
    ):
        return None  # 发布机构 over 关于…的通知: the row under the labels is a heading
    shaped = [(key, value) for key, value in zip(keys, values, strict=True) if key in _SHAPED_KEYS]
    if not shaped or not all(fits_shape(key, value_shape(value)) for key, value in shaped):
        return None
    return list(zip(heads, values, strict=True))


def with_column_rows(
    lines: list[str], shown: dict[str, tuple[str, str]] | None = None
) -> list[str]:
    """``lines`` with each column table rendered as two lines (索引号  发布机构  发布日期 over
    the three values) written as one header row ``label:value  label:value`` on the labels'
    line, the values' line left blank. Only above the text (before a line with a sentence's
    full stop, a salutation or a lead-in such as …如下：), and not when a third line of as
    many cells follows: that is a data table's head and rows, not a header. ``shown`` gets
    each written row's two lines as the page prints them, for a row left in the body."""
    out = list(lines)
    for index, line in enumerate(lines):
        if _opens_text(line):
            break
        below = _next_filled(lines, index + 1)
        if below is None:
            break
        pairs = column_pairs(line, lines[below])
        if pairs is None:
            continue
        after = _next_filled(lines, below + 1)
        if after is not None and len(_cells(lines[after])) == len(pairs):
            continue
        out[index] = "  ".join(f"{display_label(head)}:{value}" for head, value in pairs)
        out[below] = ""
        if shown is not None:
            shown[out[index]] = (line, lines[below])
    return out


def column_rows_as_shown(lines: list[str], shown: dict[str, tuple[str, str]]) -> list[str]:
    """``lines`` (the body's) with each row :func:`with_column_rows` wrote back as the page's
    two lines, the values' line in the blank left for it: the body never shows colons the
    page does not have."""
    out: list[str] = []
    values: str | None = None  # a written row's values line, waiting for its blank
    for line in lines:
        if values is not None and not line.strip():
            out.append(values)
            values = None
            continue
        if values is not None:
            out.append(values)
            values = None
        if line in shown:
            line, values = shown[line]
        out.append(line)
    if values is not None:
        out.append(values)
    return out


# --- a value broken over two lines --------------------------------------------------------

_BROKEN_TAIL_MAX = 20  # the part of a title a narrow cell pushed onto the next line


@cache
def _title_end() -> re.Pattern[str]:
    return re.compile(DOC_TITLE_END)


def with_broken_titles_joined(lines: list[str]) -> list[str]:
    """``lines`` with a grid's title value broken over two lines joined back (名称：…关于开展
    试鸣 / 的通告 / 发布日期：…): the line under a 名称/标题 row is its value's end when it holds
    no label, no gap and no sentence, the joined value ends as a document's title does (…的通
    告) while the row's own value does not, and a label row follows it. Only above the text."""
    out = list(lines)
    for index, line in enumerate(lines[:-2]):
        if _opens_text(line):
            break
        tail = lines[index + 1].strip()
        if not tail or len(tail) > _BROKEN_TAIL_MAX or _SENTENCE_MARKS.search(tail):
            continue
        if _kinds_only().fullmatch(tail):
            continue  # 通知公告: a column's name; a title ends with one document kind
        if _COLON.search(tail) or _CELL_SPLIT.search(tail) or may_open_row(tail):
            continue
        pairs = header_pairs(line) if may_open_row(line.strip()) else []
        if not pairs or not pairs[-1].value or _title_key(pairs[-1].label) != "title":
            continue
        value = pairs[-1].value
        if _title_end().search(value) or not _title_end().search(value + tail):
            continue
        below = _next_filled(lines, index + 2)
        if below is None or not may_open_row(lines[below].strip()):
            continue
        out[index] = line.rstrip() + tail
        out[index + 1] = ""
    return out


@cache
def _kinds_only() -> re.Pattern[str]:
    return re.compile(f"(?:{'|'.join(DOC_TITLE_KINDS)}){{2,}}")


def _reads_as_title(value: str) -> bool:
    """A document's title (关于…的通知), which no unit, date or code cell holds."""
    return "关于" in value and _title_end().search(value) is not None


def _opens_text(line: str) -> bool:
    """A line where the text has begun: a sentence's full stop, or a colon closing more than
    a label (各单位：, 现将有关事项通知如下：), the salutation or the lead-in to a list or table.
    The rows above it may be the header's; a row of labels below it is the text's own."""
    text = line.strip()
    if "。" in text:
        return True
    if not text or text[-1] not in ":：" or _COLON.search(text[:-1]):
        return False  # a row whose last label waits for its value on the next line
    head = compact_label(text[:-1])
    if head in vocabulary():
        return False
    return re.fullmatch(LABEL_SHAPE, head) is None or ADDRESSEE.search(head) is not None


def _title_key(label: str) -> str | None:
    return vocabulary().get(compact_label(label))


def _next_filled(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return None
