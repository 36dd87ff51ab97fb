"""A formal document's head in a text rendering: the red-head line and the document number.

A document printed in the official layout opens with its issuer's red head
(``岚州市岚东街道办事处文件``, often letter-spaced ``岚 州 市 人 民 政 府 文 件``, sometimes with
the document number on the same line) and the document number on a line of its own
(``岚东办〔2024〕3号``), then the title. These lines name the document; they are never its
title, never a header field's value, and they stay in the body as shown.
"""

from __future__ import annotations

import re

from noticecli.knowledge import CJK
from noticecli.labels import value_shape
from noticecli.parse.lines import is_org_line

__all__ = ["is_doc_head_line", "is_doc_number_line", "is_red_head"]

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
# An issuer's name and 文件, a document number after it on the same line allowed.
_RED_HEAD = re.compile(rf"^(?P<issuer>[{CJK}（）()]{{3,40}}?)文件(?P<number>.*)$")
# A title ending in 文件 (关于转发<x>文件的通知, <x>的文件): an issuer's name has none of these.
_NOT_ISSUER = ("关于", "转发", "印发", "的", "和", "及")


def _compact(line: str) -> str:
    return _SPACES.sub("", line)


def is_red_head(line: str) -> bool:
    """An issuer's name followed by ``文件`` and nothing else but, perhaps, the document
    number (letter-spacing ignored): the red head over a formal document."""
    match = _RED_HEAD.match(_compact(line))
    if match is None:
        return False
    issuer, number = match["issuer"], match["number"]
    if number and value_shape(number) != "doc_no":
        return False
    return is_org_line(issuer) and not any(word in issuer for word in _NOT_ISSUER)


def is_doc_number_line(line: str) -> bool:
    """A line that is a document number alone (岚东办〔2024〕3号)."""
    return bool(line) and len(line) <= 30 and value_shape(line.strip()) == "doc_no"


def is_doc_head_line(line: str) -> bool:
    """A red head or a document number alone on its line."""
    return is_red_head(line) or is_doc_number_line(line)
