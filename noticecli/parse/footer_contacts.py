"""A site's contact lines beside its footer (地址：… 邮编：…, 联系电话：… 邮箱：…).

A notice prints the same labels (联系电话：… closing an invitation), so a contact line is the
site's only by where it stands: after a line only a footer shows (版权所有, ICP备, 网站标识码 …:
the footer has begun), or right over one when the line is a contact block of two labels or
more (地址：… 邮编：…), as a footer prints them and a notice's single phone line is not. Read
the same way for the text renderings (:mod:`noticecli.parse.text_edges`) and for the HTML
body's blocks (:mod:`noticecli.parse.body`).
"""

from __future__ import annotations

import re

from noticecli.knowledge import CONTACT_LABELS, SITE_FOOTER_WORDS
from noticecli.models import Block

__all__ = ["drop_footer_contacts", "is_contact_block", "is_contact_line", "is_site_footer_text"]

_CONTACT_LINE = re.compile(rf"^(?:{CONTACT_LABELS})\s*[:：][^。！？]{{1,60}}$")
_CONTACT_LABEL = re.compile(rf"(?:{CONTACT_LABELS})\s*[:：]")
_SITE_FOOTER = re.compile(SITE_FOOTER_WORDS)
# The site's credit lines (主办：…, 承办单位：…) in the same run.
_CREDIT_LINE = re.compile(r"^(?:主办|承办|协办)(?:单位)?\s*[:：]\s*\S")
_CONTACT_BLOCK_LABELS = 2


def is_contact_line(line: str) -> bool:
    """A line opening with a contact label, no sentence in it (地址：某路1号 邮编：350100)."""
    return _CONTACT_LINE.match(line) is not None


def is_contact_block(line: str) -> bool:
    """A contact line of two labels or more, as a footer prints its contacts."""
    return is_contact_line(line) and len(_CONTACT_LABEL.findall(line)) >= _CONTACT_BLOCK_LABELS


def is_site_footer_text(text: str) -> bool:
    """Words only a site's footer shows (版权所有, ICP备, 技术支持 …)."""
    return _SITE_FOOTER.search(text) is not None


def drop_footer_contacts(blocks: list[Block], sources: list[int], marks: set[int]) -> None:
    """Drop the contact and credit paragraphs beside a footer line the body left out.
    ``marks``: the positions in ``blocks`` where such a line stood (before the block of that
    index). After it, every contact or credit line up to the next other block; right over
    it, the contact blocks and credit lines up to the text's last other block."""
    drop: set[int] = set()
    for mark in marks:
        after = mark
        while after < len(blocks) and _is_footer_line(blocks[after], blocks_only=False):
            drop.add(after)
            after += 1
        before = mark - 1
        while before >= 0 and _is_footer_line(blocks[before], blocks_only=True):
            drop.add(before)
            before -= 1
    for index in sorted(drop, reverse=True):
        del blocks[index]
        del sources[index]


def _is_footer_line(block: Block, *, blocks_only: bool) -> bool:
    if block.type != "paragraph" or not block.text:
        return False
    text = block.text
    if _CREDIT_LINE.match(text):
        return True
    return is_contact_block(text) if blocks_only else is_contact_line(text)
