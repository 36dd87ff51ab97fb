"""A row of attachment links in the body (``pdf下载 word下载``): attachments, not text.

A body block whose whole text is the names of two or more attachment links (the download
row under an xxgk article: pdf下载 word下载) says nothing the attachments do not: it is
dropped from the paragraphs once the links are read as attachments. A block with any other
text (附件：…, a sentence holding a link) stays, and so does a line of one link, which the
body's text names as a document of its own (《…若干措施》).
"""

from __future__ import annotations

import re

from noticecli.models import Attachment, Block

_SEPARATORS = re.compile(r"[\s|｜/、，,;；]+")
_MIN_LINKS = 2


def without_link_rows(blocks: list[Block], attachments: list[Attachment]) -> list[Block]:
    """``blocks`` less the paragraphs made only of two or more attachment names."""
    names = sorted({a.name for a in attachments if a.name}, key=len, reverse=True)
    if not names:
        return blocks
    return [block for block in blocks if not _only_names(block, names)]


def _only_names(block: Block, names: list[str]) -> bool:
    if block.type != "paragraph" or not block.text:
        return False
    rest = block.text
    found = 0
    for name in names:
        if name in rest:
            found += rest.count(name)
            rest = rest.replace(name, " ")
    return found >= _MIN_LINKS and not _SEPARATORS.sub("", rest)
