"""A news site's top bar (greeting, mailbox, site links on one line) and a unit headline
over a meta line opened by a bare date-time (forms D and E of the thirteenth evaluation)."""

from __future__ import annotations

import pytest

from noticecli.parse.text import parse_text_dump
from noticecli.parse.text_furniture import is_glued_furniture


@pytest.mark.parametrize(
    "line",
    [
        "欢迎光临岚溪新闻网邮箱:lxxw@163.com 加入收藏|繁體版|广告服务|网站地图",
        "欢迎访问汀北市人民政府网 电子邮箱：tb@example.gov.cn",
        "欢迎光临岚溪新闻网 联系电话:0591-12345678 设为首页 | 加入收藏",
        "欢迎访问岚溪县信息网 加入收藏|网站地图|联系我们",
    ],
)
def test_greeting_with_contact_or_site_links_is_chrome(line: str) -> None:
    assert is_glued_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        # A sentence that welcomes, with a mailbox: no greeting of a site, text.
        "欢迎广大市民踊跃参加，咨询邮箱:lxrf@163.com",
        # A mailbox beside site links without the greeting: not this rule's.
        "邮箱:lxxw@163.com 岚溪县人防办",
        # A greeting followed by text.
        "欢迎光临岚溪新闻网邮箱:lxxw@163.com 本网将持续报道演练情况",
    ],
)
def test_welcome_sentences_and_bare_contacts_stay(line: str) -> None:
    assert not is_glued_furniture(line)


def _page(meta: str) -> str:
    return (
        "欢迎光临岚溪新闻网邮箱:lxxw@163.com 加入收藏|繁體版|广告服务|网站地图\n"
        "当前位置:网站首页 / 部门动态\n"
        "岚溪县人防办:开展防空警报试鸣演练\n"
        f"{meta}\n"
        "3月1日上午，岚溪县人防办组织开展防空警报试鸣演练。\n"
    )


def test_top_bar_drops_out_and_unit_headline_titles_dated_meta() -> None:
    notice = parse_text_dump(_page("2022-03-01 17:05:23 编辑: 林小岚 审核人:陈汀 阅读次数:312"))
    assert notice.title == "岚溪县人防办:开展防空警报试鸣演练"
    assert (notice.published_at or "").startswith("2022-03-01")
    shown = [(field.label, field.value) for field in notice.header]
    assert ("编辑", "林小岚") in shown and ("审核人", "陈汀") in shown
    assert ("岚溪县人防办", "开展防空警报试鸣演练") not in shown
    texts = [block.text or "" for block in notice.body]
    assert texts[0].startswith("3月1日上午")
    assert not any("欢迎" in text or "@" in text for text in texts)


def test_date_opening_a_sentence_under_the_title_is_no_meta_line() -> None:
    notice = parse_text_dump(_page("2022-03-01 10:00，县人防办召开演练部署会。"))
    assert not any(field.origin == "unlabelled" for field in notice.header)
    texts = [block.text or "" for block in notice.body]
    assert "2022-03-01 10:00，县人防办召开演练部署会。" in texts
