"""A site's contact lines beside its footer (地址：… 邮编：…, 联系电话：… 邮箱：…).

A notice prints the same labels (a notice asking for applications ends with 地址：… 邮编：…
and 联系电话：… 邮箱：…), so a contact line is the site's only by where it stands: after a
line only a footer shows (版权所有, ICP备, 网站标识码 …: the footer has begun), or right over
one when the notice has visibly ended above it (its closing 特此通知, its signature or date)
or, in HTML, when the contact lines are all of the footer's element up to that line. A
contact block right under the notice's paragraphs is the notice's: when in doubt it stays.
Read the same way for the text renderings (:mod:`noticecli.parse.text_edges`) and for the
HTML body's blocks (:mod:`noticecli.parse.body`).
"""

from __future__ import annotations

import re

from noticecli.chrome_words import CONTACT_LABELS, SITE_FOOTER_WORDS
from noticecli.models import Block
from noticecli.parse.lines import is_closing, is_date_line, is_org_line

__all__ = [
    "drop_footer_contacts",
    "ends_the_notice",
    "is_contact_block",
    "is_contact_line",
    "is_organiser_line",
    "is_site_footer_text",
]

_CONTACT_LINE = re.compile(rf"^(?:{CONTACT_LABELS})\s*[:：][^。！？]{{1,60}}$")
_CONTACT_LABEL = re.compile(rf"(?:{CONTACT_LABELS})\s*[:：]")
_SITE_FOOTER = re.compile(SITE_FOOTER_WORDS)
# An organiser's credit line (主办:某市人民政府办公室, 承办单位:…): the site's in its footer,
# the notice's own when an event notice names who runs it.
_ORGANISER_LINE = re.compile(r"^(?:主办|承办|协办)(?:单位)?\s*[:：]\s*\S")
_CONTACT_BLOCK_LABELS = 2


def is_contact_line(line: str) -> bool:
    """A line opening with a contact label, no sentence in it (地址：某路1号 邮编：350100)."""
    return _CONTACT_LINE.match(line) is not None


def is_contact_block(line: str) -> bool:
    """A contact line of two labels or more, as a footer prints its contacts."""
    return is_contact_line(line) and len(_CONTACT_LABEL.findall(line)) >= _CONTACT_BLOCK_LABELS


def is_organiser_line(line: str) -> bool:
    """An organiser's credit line (主办：…, 承办单位：…)."""
    return _ORGANISER_LINE.match(line) is not None


def is_site_footer_text(text: str) -> bool:
    """Words only a site's footer shows (版权所有, ICP备, 技术支持 …)."""
    return _SITE_FOOTER.search(text) is not None


def ends_the_notice(line: str) -> bool:
    """A line the notice's text ends with: its closing (特此通知), signature or date."""
    return is_closing(line) or is_date_line(line) or is_org_line(line)


def drop_footer_contacts(blocks: list[Block], sources: list[int], marks: dict[int, int]) -> None:
    """Drop the contact and credit paragraphs beside a footer line the body left out.
    ``marks``: the positions in ``blocks`` where such a line stood (before the block of that
    index), each with the position where the element holding it began. After it, every
    contact or credit line up to the next other block; right over it, the contact blocks and
    credit lines up to the text's last other block, when they fill the footer's element up
    to the line, hold an organiser's credit, or the block over them ends the notice
    (特此通知, a signature, a date)."""
    drop: set[int] = set()
    for mark, element_start in marks.items():
        after = mark
        while after < len(blocks) and _is_footer_line(blocks[after], blocks_only=False):
            drop.add(after)
            after += 1
        before = mark - 1
        while before >= 0 and _is_footer_line(blocks[before], blocks_only=True):
            before -= 1
        run = range(before + 1, mark)
        if run and (
            run.start <= element_start < mark
            or any(is_organiser_line(blocks[index].text or "") for index in run)
            or (before >= 0 and blocks[before].type == "paragraph" and _ends(blocks[before]))
        ):
            drop.update(run)
    for index in sorted(drop, reverse=True):
        del blocks[index]
        del sources[index]


def _ends(block: Block) -> bool:
    return bool(block.text) and ends_the_notice(block.text or "")


def _is_footer_line(block: Block, *, blocks_only: bool) -> bool:
    if block.type != "paragraph" or not block.text:
        return False
    text = block.text
    if is_organiser_line(text):
        return True
    return is_contact_block(text) if blocks_only else is_contact_line(text)
