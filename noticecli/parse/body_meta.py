"""The meta line printed as the first lines of the body container.

Templates that put the whole article in one container (an Epoint ``div.infodetail``, a
portal's ``div.content``) print the meta line (【信息时间：… 来源：…】【我要打印】【关闭】,
发布时间：… 来源：…) as its first line. It is the page's meta line, not the first paragraph.
A line counts only when every label on it is a known meta-line label and a publication label
holds a date: ``时间：2024年5月6日 地点：…`` opening a meeting notice is text.
"""

from __future__ import annotations

from collections.abc import Iterable

from noticecli.dates import parse_date
from noticecli.fields import PUBLISHED_KEYS, names_put_up
from noticecli.knowledge import META_LINE_KEYS
from noticecli.labels import key_for, split_meta_pairs
from noticecli.models import Block
from noticecli.parse.bracket_groups import unbracket_meta

_LOOKED_AT = 3  # the meta line is among the body's first blocks
_BRACKETS = "【】[]（）() "


def leading_meta(
    blocks: list[Block], shown: Iterable[tuple[str | None, str | None]] = ()
) -> tuple[list[Block], list[tuple[str, str | None]]]:
    """The blocks without the meta lines that open them, and those lines' (label, value)
    pairs. ``shown``: the (key, value) pairs of the meta line read already. A line that
    repeats them is dropped; one naming a key shown already with another value is the
    text's (a second 时间：… is the meeting's)."""
    pairs: list[tuple[str, str | None]] = []
    seen = set(shown)
    start = 0
    while start < min(len(blocks), _LOOKED_AT):
        block = blocks[start]
        if block.type not in ("paragraph", "heading", "byline", "date") or not block.text:
            break
        found = _meta_pairs(block.text)
        read = {(key_for(label), value) for label, value in found}
        if not found or {key for key, _ in read} & {key for key, _ in seen - read}:
            break
        pairs.extend(
            (label, value) for label, value in found if (key_for(label), value) not in seen
        )
        seen |= read
        start += 1
    return blocks[start:], pairs


def _meta_pairs(text: str) -> list[tuple[str, str | None]]:
    line = unbracket_meta(text) or text.strip(_BRACKETS)
    found = split_meta_pairs(line)
    return found if is_meta_line(found) else []


def is_meta_line(found: list[tuple[str, str | None]]) -> bool:
    """Whether the (label, value) pairs of a line are a meta line: every label a known
    meta-line label, and a publication label holding a date. A time label of the page's own
    (更新时间) counts as a publication label beside a known one (作者：… 更新时间：…); alone it
    may name a training's or a visit's time, body text."""
    keys = [key_for(label) for label, _value in found]
    if not found or not any(key in META_LINE_KEYS for key in keys):
        return False
    keys = [
        "published_at" if key is None and names_put_up(label) else key
        for (label, _value), key in zip(found, keys, strict=True)
    ]
    if any(key not in META_LINE_KEYS for key in keys):
        return False
    dated = [
        value
        for (label, value), key in zip(found, keys, strict=True)
        if key in PUBLISHED_KEYS and value
    ]
    return bool(dated) and all(parse_date(value) is not None for value in dated)
