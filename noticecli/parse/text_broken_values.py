"""A label's date-time value broken across lines at each separator (发布日期: / 2024- / 02- /
23 / 11: / 41), as a rendering of narrow table cells prints it: the pieces joined back onto
the date label's line, with single spaces where the lines broke, so that the value reads as
shown.

Only pieces that are digits with at most one separator each are gathered, and only as far
as their join still reads as a date: a paragraph opening with a number, a list of years, or
a value shown whole on the next line stays as it is.
"""

from __future__ import annotations

import re

from noticecli.dates import parse_date
from noticecli.labels import DATE_KEYS
from noticecli.models import Notice
from noticecli.parse.text_labels import clean_line, find_labels

__all__ = ["with_broken_dates_joined"]

_PIECE = re.compile(r"^\d{1,4}[-/.:：]?$")
_PIECES_MIN = 3  # year, month and day at least
_DATE_WORDS = ("时间", "日期")  # an unknown label that names a date (办结时间)


def with_broken_dates_joined(lines: list[str], notice: Notice) -> list[str]:
    """``lines`` with each date-time broken one piece a line under a label that ends its
    line joined after the label (the pieces' lines left blank), and a warning naming it."""
    out = list(lines)
    for index, line in enumerate(lines):
        text = clean_line(line)
        if not text or text[-1] not in ":：" or not _ends_label(text):
            continue
        pieces: list[str] = []
        rows: list[int] = []
        probe = index + 1
        while probe < len(lines) and _PIECE.match(piece := clean_line(lines[probe])):
            pieces.append(piece)
            rows.append(probe)
            probe += 1
        # The longest run of pieces whose join reads as a date.
        while len(pieces) >= _PIECES_MIN and parse_date(" ".join(pieces)) is None:
            pieces.pop()
        if len(pieces) < _PIECES_MIN:
            continue
        value = " ".join(pieces)
        out[index] = f"{text}{value}"
        for row in rows[: len(pieces)]:
            out[row] = ""
        notice.warn(
            "broken_value_joined",
            f"the value of '{text}' was printed one piece a line; read as '{value}'",
        )
    return out


def _ends_label(text: str) -> bool:
    """The line ends with a date's label and its colon (发布日期:, 更新时间：)."""
    labels = find_labels(text)
    if not labels or labels[-1].end != len(text):
        return False
    label = labels[-1]
    return label.key in DATE_KEYS or label.compact.endswith(_DATE_WORDS)
