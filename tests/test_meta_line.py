"""Meta lines under the title and the publication date (issue 9, items 2 and 5)."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.labels import split_meta_pairs, split_value_labels

BODY = (
    "<div class='article-content'><p>各县（市、区）人防办：为做好人防工程安全管理工作，"
    "现就有关事项通知如下，请认真贯彻执行。</p></div>"
)


def _page(meta_line: str, head: str = "") -> str:
    return (
        f"<html><head><title>t</title>{head}</head><body>"
        f"<h1>区应急管理局开展地下空间防汛应急演练</h1>{meta_line}{BODY}</body></html>"
    )


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "发布时间：2023-09-12 信息发布人：办公室",
            [("发布时间", "2023-09-12"), ("信息发布人", "办公室")],
        ),
        (
            "来源：区应急局  发布日期：2024-03-05  作者：  浏览次数：0",
            [
                ("来源", "区应急局"),
                ("发布日期", "2024-03-05"),
                ("作者", None),
                ("浏览次数", None),
            ],
        ),
        ("发布日期：2024-03-05 字号：大 中 小 打印", [("发布日期", "2024-03-05")]),
        ("日期：2025-02-26 11:54 来源：", [("日期", "2025-02-26 11:54"), ("来源", None)]),
        ("来源：市政府--", [("来源", "市政府--")]),
    ],
)
def test_a_line_is_split_at_every_label_by_vocabulary_and_shape(
    text: str, pairs: list[tuple[str, str | None]]
) -> None:
    assert split_meta_pairs(text) == pairs


def test_placeholders_a_script_fills_are_no_value() -> None:
    assert split_value_labels("--") == (None, [])
    assert split_value_labels("0") == (None, [])
    assert split_value_labels("办公室 点击：0") == ("办公室", [("点击", None)])


def test_a_several_label_meta_line_gives_one_field_each() -> None:
    notice = noticecli.parse_html(
        _page("<div class='info'>发布时间：2023-09-12 信息发布人：办公室</div>")
    )
    assert [(f.label, f.value, f.origin) for f in notice.header] == [
        ("发布时间", "2023-09-12", "meta_line"),
        ("信息发布人", "办公室", "meta_line"),
    ]
    assert notice.published_at == "2023-09-12"


def test_the_last_label_of_a_text_takes_the_value_of_the_element_after_it() -> None:
    line = "<div>时间：2019年10月31日 23:00 浏览：<script>count()</script><span>33</span></div>"
    notice = noticecli.parse_html(_page(line))
    assert [(f.label, f.value) for f in notice.header] == [
        ("时间", "2019年10月31日 23:00"),
        ("浏览", "33"),
    ]


def test_a_shown_date_beats_a_hidden_pubdate_of_another_day_and_warns() -> None:
    notice = noticecli.parse_html(
        _page(
            "<div>发布时间：2023-09-12</div>",
            head="<meta name='PubDate' content='2023-09-11 17:42'>",
        )
    )
    assert notice.published_at == "2023-09-12"
    assert [w.code for w in notice.warnings if w.code == "published_mismatch"] == [
        "published_mismatch"
    ]
    assert ("PubDate", "2023-09-11 17:42", "meta_tag") in [
        (f.label, f.value, f.origin) for f in notice.header
    ]


def test_a_hidden_date_of_the_same_day_refines_the_shown_one_without_warning() -> None:
    notice = noticecli.parse_html(
        _page(
            "<div>发布日期：2023-09-12</div>",
            head="<meta name='PubDate' content='2023-09-12 09:30'>",
        )
    )
    assert notice.published_at == "2023-09-12T09:30:00+08:00"
    assert "published_mismatch" not in {w.code for w in notice.warnings}


def test_an_unlabelled_date_under_the_title_is_the_publication_time() -> None:
    notice = noticecli.parse_html(
        _page(
            "<div class='time'>2024-05-20 09:30</div>",
            head="<meta name='PubDate' content='2024-05-21'>",
        )
    )
    assert notice.published_at == "2024-05-20T09:30:00+08:00"
    unlabelled = [f for f in notice.header if f.origin == "unlabelled"]
    assert [(f.key, f.label, f.value) for f in unlabelled] == [
        ("published_at", "div.time", "2024-05-20 09:30")
    ]
    assert "published_mismatch" in {w.code for w in notice.warnings}


def test_a_date_after_the_body_or_with_a_label_is_not_unlabelled() -> None:
    after = noticecli.parse_html(_page("").replace("</body>", "<div>2024-05-20</div></body>"))
    assert after.published_at is None
    labelled = noticecli.parse_html(_page("<div>发布日期：2024-05-19</div><div>2024-05-20</div>"))
    assert labelled.published_at == "2024-05-19"
    assert all(f.origin != "unlabelled" for f in labelled.header)


def test_a_labelled_credit_closing_the_body_is_a_meta_line_field() -> None:
    page = _page("").replace("</div></body>", "<p>（责任编辑：系统管理员）</p></div></body>")
    notice = noticecli.parse_html(page)
    assert ("责任编辑", "系统管理员", "meta_line") in [
        (f.label, f.value, f.origin) for f in notice.header
    ]
    assert "系统管理员" not in notice.body_text()


def test_a_list_item_label_with_nothing_after_it_has_no_value() -> None:
    meta = "<ul class='meta'><li>来源：新华社</li><li>作者：</li><li>2023-12-01 14:43</li></ul>"
    notice = noticecli.parse_html(_page(meta))
    assert [(f.label, f.value, f.origin) for f in notice.header] == [
        ("来源", "新华社", "meta_line"),
        ("作者", None, "meta_line"),
        ("li", "2023-12-01 14:43", "unlabelled"),
    ]
    assert notice.published_at == "2023-12-01T14:43:00+08:00"


def test_labels_after_a_bare_date_and_a_bracketed_credit_line_are_read() -> None:
    channel = "<div class='channel'>2024年05月10日06:58 | 来源：<a href='/p'>岚溪日报</a></div>"
    credit = "<div id='articleEdit'><span class='editor'>【责任编辑:王小明】</span></div>"
    notice = noticecli.parse_html(_page(channel).replace("</body>", f"{credit}</body>"))
    shown = [(f.label, f.value) for f in notice.header if f.origin == "meta_line"]
    assert shown == [("来源", "岚溪日报"), ("责任编辑", "王小明")]
    assert notice.published_at is not None
    assert notice.published_at[:16] == "2024-05-10T06:58"


def test_a_meta_line_printed_twice_is_read_once_and_fagao_is_a_publication_label() -> None:
    line = "<p class='pwz'>发稿时间：2024-05-13 06:03:00 来源：<a href='/x'>中国青年报</a></p>"
    mobile = "<div class='domMobile'>2024-05-13 06:03 <span>来源：中国青年报</span></div>"
    notice = noticecli.parse_html(_page(line + mobile))
    shown = [(f.label, f.value) for f in notice.header if f.origin == "meta_line"]
    assert shown == [("发稿时间", "2024-05-13 06:03:00"), ("来源", "中国青年报")]
    assert notice.published_at is not None
    assert notice.published_at[:16] == "2024-05-13T06:03"
