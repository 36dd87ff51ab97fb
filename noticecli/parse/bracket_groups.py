"""A meta line printed as bracketed groups: ``【信息时间：2023-06-28 来源：】【我要打印】【关闭】``.

Portal CMSs (Epoint trading sites, many county portals) print the publication time, the
source and the counter inside ``【…】`` next to widget groups of the same shape. Read as one
line, the widgets become values and the line matches no label at its start. Split into its
groups, the line is what it means: the groups holding ``label：value`` pairs, joined, and the
widget groups (打印, 关闭, 收藏, 字体：大 中 小 …) dropped.
"""

from __future__ import annotations

import re

from noticecli.parse.lines import is_boilerplate

_GROUP = re.compile(r"【([^【】]*)】")
_LABELLED = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff\s\u3000\xa0]{1,9}[:：]")


def unbracket_meta(line: str) -> str | None:
    """The ``label：value`` text of a line made only of ``【…】`` groups, at least one of them
    opening with a label and every other one a widget; ``None`` for any other line."""
    if not line.startswith("【") or "】" not in line:
        return None
    groups = list(_GROUP.finditer(line))
    if not groups or _GROUP.sub("", line).strip():
        return None  # text outside the groups: a title or a sentence in brackets
    kept: list[str] = []
    for match in groups:
        inner = match.group(1).strip()
        if not inner or is_boilerplate(inner) or is_boilerplate(match.group()):
            continue
        if not _LABELLED.match(inner):
            return None  # 【不忘初心 牢记使命】: a title's bracket, not a meta line
        kept.append(inner)
    return " ".join(kept) if kept else None
