"""A text rendering's line that holds a whole article: several paragraphs run on, each
parted from the next by one space after its sentence end (``…。 次段…。 末段…。``).

A table layout rendered cell by cell prints the article's cell as one line, its
paragraphs' breaks turned to spaces. The one-line page reader cuts such text when the
title and meta labels share its line; this cuts it when they stand on lines of their own.
The text is unchanged: only where it is cut, so nothing is recorded.

Only a line that carries the text does: long, with sentence ends, and either the only
line of sentences in the body or far longer than every other (a body whose paragraphs are
on lines of their own keeps a long paragraph whole); or, when the body holds several such
lines (a notice's text, then its attached plan's) and no other line of sentences but short
closings (特此通知。), each of them. A salutation opening a cut line, an addressee list and
its colon then one space (``各居民区、各科室: 现将…``), is the first paragraph of its own, even
when one sentence follows it;
a colon inside a sentence (``如下: ``, ``电话: ``, ``各区县人防办要高度重视，…要求: ``) or a
field's label is not. Inside quotes
or brackets a space after ``。`` is the quoted text's; a bracketed credit after it
``(记者 …)`` stays in the paragraph it closes.

A bulletin printed in table cells may run its masthead into that line: the title again, its
issue number (``2024第6期``), the issuers with the date, the alert level, then the salutation
(``<title> 2024第6期 <issuers>、<date> … <level> <addressees>: <text>``). The masthead is cut off
as a line of its own (:func:`is_bulletin_masthead` tells the body reader it is the bulletin's
head, as a red head is), up to the addressee list before the salutation's colon.
"""

from __future__ import annotations

import re

from noticecli.knowledge import CJK
from noticecli.labels import compact_label, vocabulary
from noticecli.parse.lines import SENTENCE_MARKS

__all__ = ["is_bulletin_masthead", "split_run_on_lines"]

_RUN_ON_MIN = 150  # characters: a line this long may hold a whole article
_LONGER_FACTOR = 10  # … and is the article when this many times longer than other lines
_SHORT_LINE_MAX = 20  # 特此通知。 and the like; a longer line of sentences is a paragraph
_SENTENCE_ENDS = SENTENCE_MARKS
# After the space: a paragraph's first character (CJK, a digit, an opening quote).
_PARAGRAPH_START = re.compile(f"[{CJK}0-9“‘「『]")
_OPENING = "“‘「『（(《〔【["
_CLOSING = "”’」』）)》〕】]"


def split_run_on_lines(lines: list[str], title: str | None = None) -> list[str]:
    """``lines`` (body lines, ``""`` for a blank line) with the line that holds the whole
    article cut into its paragraphs; a blank line between the parts when the body parts
    its paragraphs by blank lines. A bulletin's masthead opening the line (``title``, its
    issue number, issuers, date) is cut off as a line of its own."""
    texts = [line for line in lines if any(mark in line for mark in _SENTENCE_ENDS)]
    if not texts:
        return lines
    longest = max(texts, key=len)
    others = [len(line) for line in texts if line is not longest]
    if len(longest) >= _RUN_ON_MIN and not (others and len(longest) < _LONGER_FACTOR * max(others)):
        run_on = {id(longest)}
    else:
        # Several run-on lines (a notice's text, then its attached plan's) and no ordinary
        # paragraph line besides them: each is cut.
        long_lines = [line for line in texts if _is_run_on(line)]
        if not long_lines or any(
            len(line) > _SHORT_LINE_MAX for line in texts if not _is_run_on(line)
        ):
            return lines
        run_on = {id(line) for line in long_lines}
    filled = [position for position, line in enumerate(lines) if line]
    spaced = len(filled) < filled[-1] - filled[0] + 1  # blank lines between the text's lines
    out: list[str] = []
    for line in lines:
        pieces: list[str] = []
        if id(line) in run_on:
            head, rest = _masthead_split(line, title)
            parts = _paragraphs(rest)
            # A salutation is cut off even when one sentence follows it: the line is long
            # (a run-on line), so the colon and its space are no label's.
            pieces = [*head, *_salutation_split(parts[0]), *parts[1:]] if parts else head
        if len(pieces) < 2:
            out.append(line)
            continue
        for position, part in enumerate(pieces):
            if position and spaced:
                out.append("")
            out.append(part)
    return out


# A bulletin's issue number (2024第6期, 第6期, [2024]第6期, 〔2024〕第六期) right after its name.
_ISSUE = re.compile(
    r"\s+(?:\d{4}\s*年?|[\[［〔【(（]\d{4}[\]］〕】)）])?\s*第\s*[\d一二三四五六七八九十百]{1,4}\s*期"
)
_MASTHEAD_MAX = 200
_SPACES = re.compile(r"\s+")


def _issue_after_title(line: str, title: str | None) -> int | None:
    """Where the issue number after the title opening ``line`` ends (``<title> 2024第6期``),
    the title compared without its spaces; ``None`` when the line opens otherwise."""
    if not title:
        return None
    wanted = _SPACES.sub("", title)
    seen = 0
    for position, char in enumerate(line):
        if seen == len(wanted):
            issue = _ISSUE.match(line, position)
            return issue.end() if issue else None
        if char.isspace():
            continue
        if char != wanted[seen]:
            return None
        seen += 1
    return None


def is_bulletin_masthead(line: str, title: str | None) -> bool:
    """A bulletin's masthead alone on its line: the title, its issue number, then issuers,
    a date, a level (岚溪市森林高火险预警 2024第6期 岚溪市…办公室、2024年10月8日 …橙色预警); no
    sentence. It names the bulletin, as a document's red head does."""
    return (
        len(line) <= _MASTHEAD_MAX
        and _issue_after_title(line, title) is not None
        and not any(mark in line for mark in _SENTENCE_ENDS)
        and ":" not in line
        and "：" not in line
    )


# The salutation after a masthead: an addressee list, its colon and a space.
_SALUTATION_COLON = re.compile("[:：] (?=\\S)")


def _masthead_split(line: str, title: str | None) -> tuple[list[str], str]:
    """A run-on line opening with a bulletin's masthead (the title, an issue number …) up
    to its salutation: the masthead and the salutation as lines, and the text after them.
    The masthead runs up to the addressee list, the last piece before the colon."""
    if _issue_after_title(line, title) is None:
        return [], line
    colon = _SALUTATION_COLON.search(line)
    if colon is None:
        return [], line
    start = line.rfind(" ", 0, colon.start()) + 1
    masthead = line[:start].rstrip()
    addressees = line[start : colon.start()]
    if (
        not is_bulletin_masthead(masthead, title)
        or not _is_addressee_list(addressees)
        or compact_label(addressees) in vocabulary()
    ):
        return [], line
    return [masthead, line[start : colon.end() - 1]], line[colon.end() :]


def _is_run_on(line: str) -> bool:
    return len(line) >= _RUN_ON_MIN and len(_paragraphs(line)) >= 2


# A salutation run on into the text (各居民区、各科室: 现将…): whom the notice addresses, cut
# off as its own paragraph. Short, no sentence before its colon, an addressee list: names
# parted by 、 or commas (brackets aside: 各县（市、区）), each ending as a unit or people's
# name does or a short 各… (各镇, 各位), and no word of a sentence (要, 做好, 以下).
_SALUTATION = re.compile(r"^(?P<to>[^。；;！？!?:：]{2,60}[:：]) (?=\S)")
_BRACKETED = re.compile(r"[（(][^()（）]*[)）]")
_ITEM_SPLIT = re.compile("[、，,]")
_ADDRESSEE = re.compile(
    r"(?:单位|部门|科室|办|室|中心|委员会|管委会|委|局|厅|政府|机构|居民区|村|社区|街道|乡镇|处|企业|"
    r"公司|学校|院|所|站|队|同志|同志们|朋友们?|市民|居民|群众|家长|同学们?|老师们?)$"
    rf"|^各[{CJK}]{{1,2}}$"
)
_SENTENCE_WORDS = re.compile("要|做好|如下|以下|下列|现将|为了|根据|按照|请")


def _is_addressee_list(text: str) -> bool:
    """``text`` (before a salutation's colon) is a list of addressees (各居民区、街道各科室,
    各县（市、区）人民政府，市政府各部门), not a sentence (各区县人防办要高度重视，…)."""
    items = _ITEM_SPLIT.split(_BRACKETED.sub("", text))
    return _SENTENCE_WORDS.search(text) is None and all(
        _ADDRESSEE.search(item.strip()) is not None for item in items
    )


def _salutation_split(part: str) -> list[str]:
    """``part`` (a run-on line's first paragraph) with a salutation before it cut off."""
    match = _SALUTATION.match(part)
    if match is None:
        return [part]
    addressees = match["to"][:-1]
    if not _is_addressee_list(addressees) or compact_label(addressees) in vocabulary():
        return [part]  # 具体如下: …, 电话: …, 发布单位: …: a sentence's colon or a field's
    return [match["to"], part[match.end() :]]


def _paragraphs(line: str) -> list[str]:
    """The line cut after each sentence end followed by one space and a paragraph's first
    character, outside quotes (ASCII ones included) and brackets. A quotation over several
    paragraphs reopens its quote on each (“…。 “…。”) and closes only the last: a space
    before such a reopening quote parts paragraphs too."""
    parts: list[str] = []
    depth = 0
    quoted = False  # inside ASCII quotes, which open and close alike
    start = 0
    for position, char in enumerate(line):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
        elif char == '"':
            quoted = not quoted
        elif (
            char == " "
            and not quoted
            and (depth == 0 or (depth == 1 and _reopens_quote(line, position + 1)))
            and position > start
            and _ends_sentence(line, position)
            and _PARAGRAPH_START.match(line, position + 1)
        ):
            parts.append(line[start:position])
            start = position + 1
            depth = 0  # the quote left open is reopened on the next paragraph
    parts.append(line[start:])
    return [part for part in parts if part]


def _reopens_quote(line: str, position: int) -> bool:
    """``“`` at ``position`` with a ``“`` open before it and no ``”`` between: a quotation's
    next paragraph."""
    if not line.startswith("“", position):
        return False
    opened = line.rfind("“", 0, position)
    return opened >= 0 and line.rfind("”", 0, position) < opened


def _ends_sentence(line: str, position: int) -> bool:
    """A sentence end right before ``position``, or one closed by a quote (。”)."""
    before = line[position - 1]
    if before in "”’」』":
        return position >= 2 and line[position - 2] in _SENTENCE_ENDS
    return before in _SENTENCE_ENDS
