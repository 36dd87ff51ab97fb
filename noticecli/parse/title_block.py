"""Evidence that a block of a content fragment is its title, without a heading element.

Procurement and trading-centre fragments (an Epoint ``div.ewb-info``, CMS article boxes)
print the title in a ``div`` or ``p`` whose class names a title (``title3``,
``article-title``, ``tit``, ``bt`` for 标题) or as a short centred line, and no h1–h3.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from noticecli.models import Block

# A class or id word that names a title: title, title3, article-title, tit, bt (标题), biaoti.
_TITLE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:[a-z]*title\d*|tit\d*|bt\d*|biaoti\d*)(?:$|[\s_-])", re.I
)
# Sub-title or section boxes: title4 under title3 is a section title, subtitle a deck.
_NOT_MAIN = re.compile(r"sub|small|section|little|list", re.I)
# A whole text in one pair of brackets: (项目编号：…), 【征求意见稿】.
_BRACKETED = re.compile(r"[(（【\[［][^()（）【】\[\]［］]*[)）】\]］]")


def names_title(node: LexborNode) -> bool:
    """Whether ``node``'s class or id names a (main) title."""
    marker = _marker(node.attributes)
    return bool(_TITLE_CLASS.search(marker)) and not _NOT_MAIN.search(marker)


def bracketed(text: str) -> bool:
    """Whether ``text`` is all inside one pair of brackets (a project number under a title,
    an edition note): never a title itself."""
    return bool(_BRACKETED.fullmatch(text.strip()))


# A section number that opens a line: 一、 二、 … (the notice's own outline).
_SECTION_NUMBER = re.compile(r"[一二三四五六七八九十]{1,3}、")


def names_title_block(attrs: dict[str, str | None]) -> bool:
    """Whether an element's class or id names a title of any rank (title3, title4, subtitle):
    inside a body, a section title."""
    return bool(_TITLE_CLASS.search(_marker(attrs)))


def _marker(attrs: dict[str, str | None]) -> str:
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"


def numbered_section(text: str) -> bool:
    """Whether ``text`` opens with a section number (一、项目概况)."""
    return bool(_SECTION_NUMBER.match(text))


# A deck under the title is one short line: （项目编号：CLZB-2026-0312）.
_DECK_MAX_CHARS = 60


def mark_title_deck(blocks: list[Block]) -> list[Block]:
    """A body that opens with a bracketed ``label：value`` line right under the title (the
    project number of a procurement notice) opens with the title's deck, not a paragraph:
    the line stays in the body as a byline."""
    if blocks and blocks[0].type == "paragraph" and blocks[0].text:
        text = blocks[0].text
        if len(text) <= _DECK_MAX_CHARS and bracketed(text) and _LABELLED.search(text):
            blocks[0].type = "byline"
    return blocks


_LABELLED = re.compile(r"[\u4e00-\u9fff]{2,8}\s*[:：]\s*\S")


# A title line is short and says no sentence.
_LINE_MAX_CHARS = 80
_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)


def centred_line(node: LexborNode) -> bool:
    """Whether ``node`` is a short centred line of text (``<p style="text-align:center">``,
    ``<div align="center">``) without a sentence: how a fragment without headings may print
    its title."""
    attrs = node.attributes
    if not (_CENTRED.search(attrs.get("style") or "") or (attrs.get("align") or "") == "center"):
        return False
    text = node.text(deep=True).strip()
    return 0 < len(text) <= _LINE_MAX_CHARS and "。" not in text
