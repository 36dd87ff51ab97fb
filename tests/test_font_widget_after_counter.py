"""The font widget's word glued to a counter's or date's value (form F of the thirteenth
evaluation): cut, then the placeholder rule applies."""

from __future__ import annotations

import pytest

from noticecli.parse.text import parse_text_dump


def _fields(meta: str) -> dict[str, str | None]:
    notice = parse_text_dump(
        f"岚溪县人防办关于人防工程专项检查的通知\n{meta}\n各乡镇人民政府：\n现将有关事项通知如下。\n"
    )
    return {field.label: field.value for field in notice.header}


@pytest.mark.parametrize(
    ("meta", "label", "value"),
    [
        ("发布时间:2024-05-06 10:20来源:县人防办访问量:-字体", "访问量", None),
        ("发布时间:2024-05-06 10:20来源:县人防办访问量:123字体", "访问量", "123"),
        ("发布时间:2024-05-06 10:20来源:县人防办浏览次数:--字号", "浏览次数", None),
        ("来源:县人防办 发布时间:2024-05-06字体", "发布时间", "2024-05-06"),
    ],
)
def test_font_widget_after_counter_or_date_is_cut(meta: str, label: str, value: str | None) -> None:
    assert _fields(meta)[label] == value


@pytest.mark.parametrize(
    ("meta", "value"),
    [
        ("发布时间:2024-05-06 10:20来源:方正字体", "方正字体"),
        ("发布时间:2024-05-06 10:20来源:宋体字体研究所访问量:-字体", "宋体字体研究所"),
    ],
)
def test_name_ending_in_widget_word_keeps_it(meta: str, value: str) -> None:
    assert _fields(meta)["来源"] == value
