"""The label finder of text dumps: where a line's ``label：value`` pairs start (known labels,
cut-short ones, unknown ones by shape), and the meta lines they make."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from noticecli.dates import parse_date
from noticecli.knowledge import CJK, META_LINE_KEYS
from noticecli.labels import (
    WIDGET_LABELS,
    compact_label,
    cut_trailing_widget,
    display_label,
    labels_by_length,
    shown_value,
    truncation_candidates,
    value_shape,
    vocabulary,
)
from noticecli.parse.text_chrome import INNER_WS, LABEL_GAP_MAX

_EDGE_NOISE = re.compile(r"^(?:\s|&nbsp;|\ufeff|\u200b)+|(?:\s|&nbsp;|\ufeff|\u200b)+$")


# A date in figures: year, month and day (2024-05-01, 2024/5/1, 2024年5月1).
DATE_FIGURES = r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}"
DATE_TIME_PREFIX = re.compile(rf"^{DATE_FIGURES}日?(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?")
# A date in Chinese numerals opening a line, alone or before a gap or a widget's bracket
# (二〇〇六年三月五日, 二OO六年…, 二〇二四年六月五日【打印】): the year written digit by digit.
CN_YEAR_MONTH = r"[〇○零ＯO一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月"
CN_DATE = rf"{CN_YEAR_MONTH}\s*[一二三四五六七八九十]{{1,3}}\s*日"
CN_DATE_PREFIX = re.compile(rf"^{CN_DATE}(?=\s|$|[【\[])")


# Whom a salutation addresses (各单位：, 尊敬的市民朋友：, 全市广大居民：): a label-only line that
# is a body's first line, never an empty field nor chrome.
ADDRESSEE = re.compile(
    r"^(?:各|尊敬|亲爱|全[市县区省镇乡])|(?:同志|朋友|们|单位|企业|公司|市民|居民|群众|家长|"
    r"同学|老师|先生|女士|用户|考生)$"
)

# A counter's word whose number a script had not filled (2010/1/6 16:43:13 次浏览): not text.
UNFILLED_COUNTER = re.compile(r"\s+次(?:浏览|阅读|点击|访问)$")


GRID_VALUES_MIN = 4


LabelKind = Literal["known", "unknown", "fragment"]


@cache
def _label_pattern() -> re.Pattern[str]:
    # A label padded to the width of the grid's longest one (文       号 beside 索  引 号).
    gap = f"[{INNER_WS}]{{0,{LABEL_GAP_MAX}}}"
    known = "|".join(gap.join(re.escape(ch) for ch in label) for label in labels_by_length())
    # Known labels match anywhere (cells are often glued: 发布机构:X成文日期:); other labels
    # only at the line start or after whitespace, so body-like text is not cut into labels:
    # a run of 1-8 CJK characters (备注/文号 too; one character, as a label cut short to 号: is,
    # where knowledge.LABEL_SHAPE wants two), or one letter-spaced evenly to a cell's width
    # (姓  名; 吴   霞    一  审 is a value and a label).
    return re.compile(
        rf"(?P<known>{known})[{INNER_WS}]*[:：]"
        rf"|(?<!\S)(?P<other>[{CJK}](?P<gap>[{INNER_WS}]{{1,4}})[{CJK}](?:(?P=gap)[{CJK}]){{0,2}}"
        rf"|[{CJK}]{{1,8}}(?:/[{CJK}]{{1,8}})?)[{INNER_WS}]*[:：]"
        # … or glued to a code's last digit (索引号:GS4770/2022-22396部门:…), see _after_code.
        rf"|(?<=[0-9])(?P<glued>[{CJK}]{{2,4}})[{INNER_WS}]*[:：]"
    )


@cache
def first_label() -> dict[str, str]:
    """Canonical key → its first (most usual) label, for messages."""
    names: dict[str, str] = {}
    for label, key in vocabulary().items():
        names.setdefault(key, label)
    return names


@dataclass(slots=True)
class TextLabel:
    start: int
    end: int  # just after the colon
    shown: str  # label as shown, colon and edge whitespace removed
    compact: str
    kind: LabelKind
    key: str | None


def find_labels(line: str) -> list[TextLabel]:
    found: list[TextLabel] = []
    pattern = _label_pattern()
    pos = 0
    bracketed = "(" in line or "（" in line
    while (match := pattern.search(line, pos)) is not None:
        if bracketed and in_value_bracket(line, match.start()):
            pos = match.end()  # 标题(来源:自创): the bracket and its words are the value's
            continue
        if match["known"] is not None:
            compact = compact_label(match["known"])
            found.append(
                TextLabel(
                    match.start(),
                    match.end(),
                    display_label(match["known"]),
                    compact,
                    "known",
                    vocabulary()[compact],
                )
            )
            pos = match.end()
            continue
        run = match["other"] or match["glued"]
        if match["glued"] is not None and not _after_code(line, match.start()):
            pos = match.start() + 1  # 2022年5月工作: a date in text, not a code and a label
            continue
        compact = compact_label(run)
        if compact in WIDGET_LABELS:  # 相关链接：, 当前位置：… are page furniture
            pos = match.end()
            continue
        if truncation_candidates(compact):
            kind: LabelKind = "fragment"
        elif len(compact) >= 2:
            kind = "unknown"
        else:  # one character that ends no label: "张:" is text, not a label
            pos = match.start() + 1
            continue
        found.append(TextLabel(match.start(), match.end(), run, compact, kind, None))
        pos = match.end()
    return found


_OPEN_BRACKETS = "(（"
_CLOSE_BRACKETS = ")）"


def in_value_bracket(line: str, start: int) -> bool:
    """Whether ``start`` lies inside a round bracket pair glued to a value's text
    (活动(来源:自创), 活动（来源：自创）): a label there is the value's words, not a cell. A
    bracket opening the line or after a gap or a colon ((供稿:…), 【…】) is left to the
    callers; past its closing bracket a label is a cell again."""
    depth = 0
    opened = -1
    for position in range(start):
        char = line[position]
        if char in _OPEN_BRACKETS:
            depth, opened = depth + 1, position if depth == 0 else opened
        elif char in _CLOSE_BRACKETS and depth:
            depth -= 1
    if depth == 0 or opened <= 0:
        return False
    before = line[opened - 1]
    closes = any(char in _CLOSE_BRACKETS for char in line[start:])
    return closes and not before.isspace() and before not in ":："


# The code a label may be glued to: letters, digits and the separators of an index number.
_CODE_END = re.compile(r"[A-Za-z0-9/._-]+$")


def _after_code(line: str, start: int) -> bool:
    """Whether the text before ``start`` ends in an index number (GS4770/2022-22396): a value
    whose last digit the next cell's label follows with no space."""
    code = _CODE_END.search(line, 0, start)
    return code is not None and value_shape(code.group()) == "index_no"


def has_label(line: str) -> bool:
    return bool(find_labels(line))


def is_label_line(line: str) -> bool:
    labels = find_labels(line)
    return bool(labels) and labels[0].start == 0


def clean_line(line: str) -> str:
    return _EDGE_NOISE.sub("", line)


def line_value(text: str) -> str | None:
    # A counter a script had not filled (浏览次数:0次) shows no value.
    return shown_value(cut_trailing_widget(clean_line(text)))


def is_meta_line(line: str) -> bool:
    """A label line under the title: it names when/where/who, not what (标题, 索引号 …)."""
    labels = find_labels(line)
    if not labels or labels[0].start != 0:
        return False
    known = [label.key for label in labels if label.key is not None]
    if not known:  # 更新时间：2023-06-28 alone: when the page was put up
        return _has_dated_time_label(line, labels)
    return all(key in META_LINE_KEYS for key in known)


def _has_dated_time_label(line: str, labels: list[TextLabel]) -> bool:
    for index, label in enumerate(labels):
        end = labels[index + 1].start if index + 1 < len(labels) else len(line)
        value = line_value(line[label.end : end])
        if label.compact.endswith(("时间", "日期")) and value and parse_date(value) is not None:
            return True
    return False
