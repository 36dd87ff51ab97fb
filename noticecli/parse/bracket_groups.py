"""A meta line printed as bracketed groups: ``【信息时间：2023-06-28 来源：】【我要打印】【关闭】``.

Portal CMSs (Epoint trading sites, many county portals) print the publication time, the
source and the counter inside ``【…】`` next to widget groups of the same shape. Read as one
line, the widgets become values and the line matches no label at its start. Split into its
groups, the line is what it means: the groups holding ``label：value`` pairs, joined, and the
widget groups (打印, 关闭, 收藏, 字体：大 中 小 …) dropped. A text rendering may break the
line inside a group (``【信息时间：`` / ``2023-06-28`` / ``阅读次数：`` / ``】【我要打印】``): the
lines up to the group's close are read as one.
"""

from __future__ import annotations

import re

from noticecli.knowledge import SPACED_LABEL_SHAPE
from noticecli.labels import compact_label, key_for, split_value_labels
from noticecli.parse.lines import is_boilerplate

_GROUP = re.compile(r"【([^【】]*)】")
_LABELLED = re.compile(f"^{SPACED_LABEL_SHAPE}[:：]")
# Words of a widget group's button (【打印正文】, 【我要纠错】, 【返回顶部】).
_WIDGET_WORDS = re.compile(r"字体|字号|打印|关闭|返回顶部|纠错|收藏|分享")


def is_widget_group(inner: str) -> bool:
    """Whether the text inside a ``【…】`` group is a widget's: a button word, or chrome."""
    return bool(_WIDGET_WORDS.search(inner)) or is_boilerplate(inner)


def unbracket_meta(line: str) -> str | None:
    """The ``label：value`` text of a line made only of ``【…】`` groups, at least one of them
    opening with a known label and every other one with a label or a widget; ``None`` for
    any other line."""
    if not line.startswith("【") or "】" not in line:
        return None
    groups = list(_GROUP.finditer(line))
    if not groups or _GROUP.sub("", line).strip():
        return None  # text outside the groups: a title or a sentence in brackets
    kept: list[str] = []
    known = False
    for match in groups:
        inner = match.group(1).strip()
        if not inner or is_boilerplate(inner) or is_boilerplate(match.group()):
            continue
        if not _LABELLED.match(inner):
            if is_widget_group(inner):
                continue  # 【我要纠错】, 【打印正文】: a button beside the meta groups
            return None  # 【不忘初心 牢记使命】: a title's bracket, not a meta line
        kept.append(inner)
        known = known or _names_meta(inner)
    # A known label (信息时间, 来源, 阅读次数 …) or a time label makes it a meta line;
    # 【附件：…】 alone is text.
    return " ".join(kept) if kept and known else None


def _names_meta(inner: str) -> bool:
    _head, pairs = split_value_labels(f" {inner}")
    return any(
        key_for(label) is not None or compact_label(label).endswith(("时间", "日期"))
        for label, _value in pairs
    )


# Lines a group broken over lines may span.
_GROUP_LINES = 6


def join_broken_groups(lines: list[str]) -> list[str]:
    """``lines`` with a bracketed meta line broken inside its groups read as one line, on
    the line where it starts (the lines it took become blank, so line numbers stay)."""
    out = list(lines)
    for index, line in enumerate(lines):
        if not line.startswith("【") or line.count("【") <= line.count("】"):
            continue
        parts = [line]
        end = index + 1
        while end < len(lines) and end - index < _GROUP_LINES and lines[end]:
            parts.append(lines[end])
            end += 1
            joined = " ".join(parts)
            if joined.count("【") <= joined.count("】"):
                meta = unbracket_meta(joined)
                if meta is not None:
                    out[index] = meta
                    out[index + 1 : end] = [""] * (end - index - 1)
                break
    return out
