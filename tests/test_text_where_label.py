"""The "where you are" label before a breadcrumb (当前位置：, 您现在所在的位置：): one pattern
(``knowledge.WHERE_LABEL``) for the whole-line furniture, the breadcrumb text of an HTML
page and the breadcrumb opening a page printed on one line."""

from __future__ import annotations

import re

import pytest

from noticecli.knowledge import WHERE_LABEL
from noticecli.parse.lines import is_boilerplate
from tests.rendering import body_texts, label_values, parse_lines

TITLE = "岚溪区人防办关于开展防空警报试鸣的通告"
TEXT = (
    "为增强群众国防观念，岚溪区人防办定于9月20日上午10时试鸣防空警报。"
    "试鸣期间请广大群众保持正常生产生活秩序。 特此通告。"
)


def _one_line_page(label: str) -> str:
    # Long enough to be read as a whole page on one line (FLAT_LINE_MIN characters).
    return (
        f"{label}首页 > 通知公告 > 正文 {TITLE} 发布时间:2024-09-12 来源:岚溪区人防办 "
        f"阅读次数:12 {TEXT * 3}"
    )


@pytest.mark.parametrize(
    "label", ["您现在所在的位置：", "您当前所在位置:", "当前所在的位置：", "现在的位置："]
)
def test_a_one_line_page_under_any_where_label_reads_as_under_current_position(
    label: str,
) -> None:
    shown = parse_lines(_one_line_page(label))
    known = parse_lines(_one_line_page("当前位置："))
    assert shown.title == known.title == TITLE
    assert label_values(shown) == label_values(known)
    assert body_texts(shown) == body_texts(known)
    assert not any("位置" in text for text in body_texts(shown))


@pytest.mark.parametrize(
    "label",
    [
        "当前位置：",
        "当前位置:",
        "您的位置：",
        "您当前的位置：",
        "您所在的位置:",
        "您现在所在的位置：",
    ],
)
def test_the_where_labels_are_one_pattern(label: str) -> None:
    assert re.match(WHERE_LABEL, label)
    assert is_boilerplate(f"{label}首页 > 通知公告")


def test_a_field_ending_in_position_is_no_where_label() -> None:
    # 项目位置：城南路12号 is the notice's own field, never a breadcrumb.
    assert re.match(WHERE_LABEL, "项目位置：") is None
    assert not is_boilerplate("项目位置：城南路12号")
