"""The site's toggles a portal's top bar prints (chrome_words.SITE_TOGGLES) are one list: a
widget row of them is chrome, and beside a date widget they make the widget's line, in
every form the list knows (长者专版, 无障碍模式, 移动版 as well as 长者版, 无障碍, 手机版)."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.parse.lines import is_boilerplate
from noticecli.parse.text_furniture import is_date_widget, is_glued_furniture

TITLE = "岚州市开展森林防火宣传进社区活动"
META = "发布时间:2019-07-12 来源:岚州市林业局"
TEXT = "为增强群众森林防火意识,岚州市林业局组织工作人员深入社区开展宣传活动,发放资料五百余份。"
# One wording of each entry of the list.
TOGGLES = [
    "无障碍模式",
    "网站无障碍",
    "关怀版",
    "设为首页",
    "加入收藏夹",
    "收藏本站",
    "添加到收藏夹",
    "适老模式",
    "长者专版",
    "繁體版",
    "简体",
    "移动版",
    "English",
    "本站支持IPv6",
    "新媒体矩阵",
    "登录",
    "注册",
]


@pytest.mark.parametrize("toggle", TOGGLES)
def test_a_toggle_is_a_widget_and_a_date_widgets_toggle(toggle: str) -> None:
    assert is_boilerplate(toggle)
    line = f"2024年05月01日 星期三 {toggle}"
    assert is_date_widget(line)
    notice = noticecli.parse_text("\n".join([line, "", TITLE, META, "", TEXT]) + "\n")
    assert (notice.title, notice.published_at) == (TITLE, "2019-07-12")
    assert [block.text for block in notice.body] == [TEXT]


@pytest.mark.parametrize(
    "line",
    [
        "2024年05月01日 长者专版上线",  # a sentence's words after the date
        "关于网站适老模式改造的通知",
        "移动版政务服务平台试运行公告",
    ],
)
def test_a_line_with_a_toggle_word_among_other_words_is_no_widget(line: str) -> None:
    assert not is_date_widget(line)
    assert not is_boilerplate(line)


def test_a_greeting_glued_to_a_toggle_is_chrome() -> None:
    assert is_glued_furniture("欢迎访问岚州市人民政府网站!无障碍模式 设为首页")
    assert not is_glued_furniture("欢迎访问岚州市人民政府网站!无障碍设施建设情况通报")
