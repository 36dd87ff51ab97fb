"""Does a page's own text read as one article's? Asked, after :func:`~noticecli.parse.article.
has_article_body`, of a page of a template we do not know, before the list search: a page
whose visible text is sentences, not dated link rows, is a notice without the search, and
the search (the costly part of the listing decision) is run only when this cannot settle it.

The text is the page's, one line per text node (Lexbor's own walk). It reads as an
article's when

* it holds sentences: :data:`SHORT_PROSE_CHARS` characters at least of lines with a sentence
  mark (see :func:`prose_chars`), two sentences of a short notice;
* no two lines with a date sit among them: the rows of a list with summaries under their
  titles interleave dates with sentences, an article's meta line and signature date stand
  before and after its sentences (one dated paragraph among them is allowed);
* the sentences outweigh the lines with a date (:data:`CHARS_PER_DATED_LINE` characters of
  sentences for each): a column's introduction above its list of dated rows is short beside
  the list;
* it shows no pager (下一页, 尾页, 共 3 页: a page of a sequence may be a list's last page,
  with two rows);
* and they outweigh the text of all the page's links (a listing's titles, its pager, its
  menus).

It is conservative: ``False`` means "not settled", and the listing decision runs in full.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from selectolax.lexbor import LexborNode

from noticecli.knowledge_listings import PAGER_LAST_TEXTS, PAGER_NEXT_TEXTS, PAGER_PREV_TEXTS

__all__ = [
    "CHARS_PER_DATED_LINE",
    "SHORT_PROSE_CHARS",
    "PageProse",
    "page_prose",
    "prose_chars",
    "reads_as_article",
]

# A line of sentences: this long at least, with one of these marks.
_LONG_LINE = 30
_SENTENCE_MARKS = ("。", "；")
# Two sentences of a short notice (a line of the current template and one more).
SHORT_PROSE_CHARS = 60
# A list row's date line stands for a row of this many characters of sentences: below that,
# the dated lines outweigh the sentences.
CHARS_PER_DATED_LINE = 30
# Dated lines among the sentences that make them a list's rows: the threshold of a list.
_INTERLEAVED_ROWS = 2
# A date's shape, whatever its form (2024-09-10, 2024年9月, 09-12, 9月12日, a date split over
# elements): a digit, a separator, a digit. Numbers such as 1.5 match too, which only makes
# the test settle fewer pages.
_DATE_SHAPE = re.compile(r"\d\s*[-./年月]\s*\d")
# A line holding a date is a dated line when it is short (a row's date, a meta line) or holds
# the date at one end (a row's text "[2024-09-10] 标题", "标题 2024-09-10"); a date in the
# middle of a long line is part of a sentence.
_SHORT_DATED_LINE = 40
_DATE_AT_END = 12
# A pager's words (its link texts written in Chinese) or its page count.
_PAGER = re.compile(
    "|".join(
        sorted(
            (
                re.escape(text)
                for text in PAGER_NEXT_TEXTS | PAGER_PREV_TEXTS | PAGER_LAST_TEXTS
                if text.isalpha() and not text.isascii()
            ),
            reverse=True,
        )
    )
    + r"|[共第]\s*\d+\s*页"
)
# How far before its 页 a pager word or page count starts (共 12 页 with spaces: a few more).
_PAGER_REACH = 12


class PageProse(NamedTuple):
    """The sentences of a text: its lines (one per text node) at least 30 characters long
    that hold 。 or ；."""

    text: str
    chars: int  # their characters
    first: int  # where the first of them starts (-1 when there is none)
    last: int  # where the last of them starts


def page_prose(root: LexborNode) -> PageProse:
    """The sentences of ``root``'s text, read once for the article test and the listing
    decision."""
    text = root.text(separator="\n")
    return PageProse(text, *_sentences(text))


def prose_chars(root: LexborNode) -> int:
    """Characters of the sentence lines of ``root``'s text (see :class:`PageProse`)."""
    return _sentences(root.text(separator="\n"))[0]


def reads_as_article(body: LexborNode, prose: PageProse | None = None) -> bool:
    """The page's text (``body``'s; ``prose``: its :func:`page_prose` when already read)
    reads as one article's: see the module docstring."""
    text, chars, first, last = prose if prose is not None else page_prose(body)
    if chars < SHORT_PROSE_CHARS or _shows_pager(text):
        return False
    dated = interleaved = 0
    seen = -2  # the start of the last dated line counted
    for match in _DATE_SHAPE.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        if start == seen:
            continue
        end = text.find("\n", match.start())
        if end < 0:
            end = len(text)
        line = text[start:end]
        stripped = line.strip()
        if len(stripped) > _SHORT_DATED_LINE:
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            if (
                match.start() - start - lead >= _DATE_AT_END
                and end - trail - match.end() >= _DATE_AT_END
            ):
                continue  # a date inside a sentence
        seen = start
        dated += 1
        if first <= start <= last:
            interleaved += 1
            if interleaved >= _INTERLEAVED_ROWS:
                return False
        if dated * CHARS_PER_DATED_LINE > chars:
            return False
    link_chars = 0
    for link in body.css("a"):
        link_chars += len("".join(link.text().split()))
        if link_chars > chars:
            return False
    return True


def _shows_pager(text: str) -> bool:
    # Every pager word and page count ends in 页: the pattern is tried just before each 页
    # (scanning the whole text with it costs more than the rest of the test).
    at = text.find("页")
    while at >= 0:
        if _PAGER.search(text, max(0, at - _PAGER_REACH), at + 1):
            return True
        at = text.find("页", at + 1)
    return False


def _sentences(text: str) -> tuple[int, int, int]:
    """Characters of the sentence lines of ``text`` (one line per text node), and where the
    first and the last of them start (-1, -1 when there is none)."""
    # The lines holding a mark, found from the marks with str.find (a pattern scanning every
    # character, or a loop over every line, costs far more on a long page).
    total = 0
    first = last = -1
    counted: set[int] = set()
    for mark in _SENTENCE_MARKS:
        at = text.find(mark)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            if end < 0:
                end = len(text)
            if start not in counted and end - start >= _LONG_LINE:
                counted.add(start)
                total += len(text[start:end].strip())
                first = start if first < 0 else min(first, start)
                last = max(last, start)
            at = text.find(mark, end)
    return total, first, last
