"""Forms of the eleventh held-out evaluation (report i9eval11b), each with what it must not
catch, on texts of our own: a stale date widget with the site's bookmark links as the first
line, a breadcrumb whose label ends in 是, a greeting worded 欢迎进入…网!."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.parse.lines import is_boilerplate
from noticecli.parse.text_furniture import is_date_widget

TITLE = "岚州市开展森林防火宣传进社区活动"
META = "发布时间:2019-07-12 来源:岚州市林业局"
TEXT = "为增强群众森林防火意识,岚州市林业局组织工作人员深入社区开展宣传活动,发放资料五百余份。"


def _read(*lines: str) -> tuple[str | None, str | None, list[str]]:
    notice = noticecli.parse_text("\n".join(lines) + "\n")
    return notice.title, notice.published_at, [block.text or "" for block in notice.body]


@pytest.mark.parametrize(
    "line",
    [
        "2011年11月14日 星期一 设为首页 | 加入收藏",
        "2024年5月1日 设为主页 ｜ 收藏本站",
        "2024年05月01日 星期三 加入收藏夹 / 设为首页",
    ],
)
def test_a_date_widget_with_bookmark_links_is_chrome(line: str) -> None:
    assert is_date_widget(line)
    title, published, body = _read(line, "", TITLE, META, "", TEXT)
    assert (title, published, body) == (TITLE, "2019-07-12", [TEXT])


@pytest.mark.parametrize(
    "line", ["2024-05-01 打印 关闭", "2019年全县防汛工作会议召开", "2024/05/01", "来源:收藏家协会"]
)
def test_a_date_line_or_a_name_with_a_bookmark_word_is_no_widget(line: str) -> None:
    assert not is_date_widget(line)


def test_a_breadcrumb_label_ending_in_shi_is_chrome() -> None:
    crumb = "您当前所在的位置是:岚州林业网>新闻中心>林业动态"
    assert is_boilerplate(crumb)
    assert not is_boilerplate("项目位置:岚州市东湖区人民路")  # a field's label, no crumb label
    title, published, body = _read(crumb, "", TITLE, META, "", TEXT)
    assert (title, published, body) == (TITLE, "2019-07-12", [TEXT])


def test_a_greeting_entering_the_site_is_chrome() -> None:
    greeting = "欢迎进入岚阳县人民政府网!"
    title, published, body = _read(greeting, TITLE, META, "", TEXT)
    assert (title, published, body) == (TITLE, "2019-07-12", [TEXT])


def test_a_headline_welcoming_people_stays_the_title() -> None:
    headline = "欢迎新兵光荣入伍!"
    title, _published, body = _read(headline, META, "", TEXT)
    assert title == headline
    assert body == [TEXT]
