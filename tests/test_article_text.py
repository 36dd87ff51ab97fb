"""The article test before the list search (issue 9, speed): a page of an unknown template
whose own text reads as an article's is a notice without the list search; a page it cannot
settle (a list with sentence summaries, a column's introduction above its list, a short
column page whose links outweigh its sentences, a short article beside a long related list)
goes through the full listing decision, which decides as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

import noticecli
from noticecli.decode import decode_bytes
from noticecli.knowledge_listings import PAGER_LAST_TEXTS, PAGER_NEXT_TEXTS, PAGER_PREV_TEXTS
from noticecli.parse import article_text, listing
from noticecli.parse.article import has_article_body
from noticecli.parse.article_text import reads_as_article
from tests.conftest import CORPUS, PAGES

NAV = (
    '<div class="nav"><a href="/">首页</a><a href="/gk/">信息公开</a>'
    '<a href="/tz/">通知公告</a><a href="/dt/">工作动态</a></div>'
)
MENU_WORDS = (
    "机构职能",
    "政策法规",
    "规划计划",
    "通知公告",
    "工作动态",
    "人防工程",
    "宣传教育",
    "办事服务",
    "互动交流",
    "专题专栏",
)
PAGER = (
    '<div class="page"><a href="list_1.html">首页</a><a href="list_1.html">上一页</a>'
    '<a href="list_3.html">下一页</a><a href="list_9.html">尾页</a></div>'
)
SUMMARIES = (
    "本次会议传达学习了上级关于人民防空工作的部署要求，研究部署了今年的重点工作任务。",
    "各乡镇按照方案要求组织开展了防空警报试鸣和群众疏散演练，参演群众三千余人。",
    "检查组对全县人防工程的维护管理情况进行了全面检查，并对发现的问题提出整改意见。",
    "培训班邀请专家围绕人防专业队伍建设和应急救援技能开展授课，学员反响良好。",
)
TITLES = (
    "县人防办召开人民防空工作会议",
    "全县组织开展防空警报试鸣演练",
    "县人防办开展人防工程安全检查",
    "县人防办举办人防专业队伍培训班",
)
DAYS = ("2024-05-22", "2024-05-16", "2024-04-18", "2024-03-28")

ARTICLE = (
    f"<html><head><title>关于开展人防工程安全检查的通知</title></head><body>{NAV}"
    '<div class="main"><div class="tt">关于开展人防工程安全检查的通知</div>'
    '<div class="info">发布时间：2024-05-22 来源：县人防办</div>'
    "<div class='txt'><p>各乡镇人民政府，县直各有关单位：</p>"
    "<p>为加强人防工程的维护管理，消除安全隐患，经研究，决定在全县范围内开展人防工程安全检查。"
    "现将有关事项通知如下。</p>"
    "<p>一、检查范围为全县已建成的人防工程，包括单建和结建的各类工程，重点检查平时使用情况。</p>"
    "<p>二、各单位要高度重视，认真组织自查，于六月底前将自查情况报县人防办。</p>"
    "<p>县人民防空办公室</p><p>2024年5月22日</p></div></div></body></html>"
)


def _column(rows: str, intro: str = "", extra: str = "") -> str:
    return (
        f"<html><head><title>通知公告</title></head><body>{NAV}<h2>通知公告</h2>{intro}"
        f"<ul class='list'>{rows}</ul>{extra}</body></html>"
    )


def _summary_rows(count: int, glued: bool = False) -> str:
    rows = []
    for n in range(count):
        link = f'<a href="/tz/2024/t{n + 1}.html">{TITLES[n]}</a>'
        if glued:  # the date printed in the summary's own text node
            rows.append(f"<li>{link}<p>{DAYS[n]} {SUMMARIES[n]}</p></li>")
        else:
            rows.append(f"<li>{link}<span>{DAYS[n]}</span><p>{SUMMARIES[n]}</p></li>")
    return "".join(rows)


def _reads_as_article(html: str) -> bool:
    body = LexborHTMLParser(html).body
    assert body is not None
    return reads_as_article(body)


def test_an_article_of_an_unknown_template_is_settled_before_the_list_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not has_article_body(LexborHTMLParser(ARTICLE))  # no known container: asked
    assert _reads_as_article(ARTICLE)

    def no_search(*args: object, **kwargs: object) -> None:
        raise AssertionError("the list search ran")

    monkeypatch.setattr(listing, "extract_listing", no_search)
    notice = noticecli.parse_html(ARTICLE)
    assert notice.kind == "notice"
    assert notice.title == "关于开展人防工程安全检查的通知"
    assert notice.published_at == "2024-05-22"


@pytest.mark.parametrize("glued", [False, True], ids=["date-beside", "date-in-summary"])
def test_a_listing_with_sentence_summaries_stays_a_listing(glued: bool) -> None:
    html = _column(_summary_rows(4, glued))
    assert not _reads_as_article(html)
    notice = noticecli.parse_html(html)
    assert notice.kind == "listing"
    assert [item.date for item in notice.items] == list(DAYS)


def test_a_column_introduction_above_its_list_stays_a_listing() -> None:
    rows = "".join(
        f'<li><a href="/tz/2024/t{n}.html">{title}</a><span>{day}</span></li>'
        for n, (title, day) in enumerate(zip(TITLES * 2, DAYS * 2, strict=True))
    )
    intro = (
        "<p>本栏目发布县人民防空办公室的通知公告、工作动态和政策解读，供社会公众查阅。</p>"
        "<p>如需了解更多信息，请在工作日与县人防办办公室联系，联系方式见本站首页。</p>"
        "<p>本栏目信息按发布时间排列，最新发布的通知公告和工作动态显示在列表的最前面。</p>"
        "<p>栏目中的政策解读材料仅供参考，具体内容以正式印发的文件和有关部门的解释为准。</p>"
    )
    html = _column(rows, intro)
    # Its sentences outweigh the links; the eight dated rows outweigh the sentences.
    assert not _reads_as_article(html)
    notice = noticecli.parse_html(html)
    assert notice.kind == "listing"
    assert len(notice.items) == 8


def test_a_short_column_page_whose_links_outweigh_its_sentences_stays_a_listing() -> None:
    # Two rows with summaries and a pager: dated lines and sentences alone would read as an
    # article's; the titles, the pager and the menu outweigh the sentences.
    html = _column(_summary_rows(2), extra=PAGER)
    assert not _reads_as_article(html)
    notice = noticecli.parse_html(html)
    assert notice.kind == "listing"
    assert [item.date for item in notice.items] == list(DAYS[:2])


def test_a_short_table_listing_whose_links_outweigh_its_sentences_stays_a_listing() -> None:
    # Two rows under a 标题/发布日期 head, each with a summary, in a site's menu: the
    # dated lines and sentences alone would read as an article's; its links outweigh them.
    menu = "".join(f'<a href="/m{n}/">{word}</a>' for n, word in enumerate(MENU_WORDS))
    rows = "".join(
        f'<tr><td><a href="/tz/2024/t{n + 1}.html">{TITLES[n]}</a></td>'
        f"<td>{SUMMARIES[n][:31]}。</td><td>{DAYS[n]}</td></tr>"
        for n in range(2)
    )
    html = (
        f"<html><body><div class='menu'>{menu}</div><table>"
        f"<tr><th>标题</th><th>摘要</th><th>发布日期</th></tr>{rows}</table></body></html>"
    )
    assert not _reads_as_article(html)
    notice = noticecli.parse_html(html)
    assert notice.kind == "listing"
    assert [item.date for item in notice.items] == list(DAYS[:2])


def test_a_short_article_beside_a_long_related_list_is_decided_in_full() -> None:
    related = "".join(
        f'<li><a href="/tz/2023/r{n}.html">{title}</a><span>{day.replace("2024", "2023")}</span>'
        "</li>"
        for n, (title, day) in enumerate(zip(TITLES * 3, DAYS * 3, strict=True))
    )
    html = ARTICLE.replace(
        "</div></body>", f"<div class='xg'><h3>相关文章</h3><ul>{related}</ul></div></div></body>"
    )
    # Twelve dated rows outweigh the article's sentences: not settled here ...
    assert not _reads_as_article(html)
    # ... and the full decision keeps the article (its title over a meta line, its sentences).
    notice = noticecli.parse_html(html)
    assert notice.kind == "notice"
    assert notice.title == "关于开展人防工程安全检查的通知"


def _pages() -> list[Path]:
    folders = [PAGES, CORPUS]
    return [
        path
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.iterdir())
        if path.suffix in {".html", ".htm", ".shtml"}
    ]


@pytest.mark.parametrize("path", _pages(), ids=lambda path: path.name[:40])
def test_the_full_decision_agrees_on_every_page_the_test_settles(path: Path) -> None:
    tree = LexborHTMLParser(decode_bytes(path.read_bytes()).text)
    body = tree.body
    if body is None or has_article_body(tree) or not reads_as_article(body):
        return
    found = listing.extract_listing(tree, None, article=False, deciding=True, base_url=None)
    assert not listing.is_listing(tree, found, article=False)


def test_every_pager_word_ends_in_ye() -> None:
    # The pager search looks just before each 页 (article_text._shows_pager).
    words = PAGER_NEXT_TEXTS | PAGER_PREV_TEXTS | PAGER_LAST_TEXTS
    assert all(word.endswith("页") for word in words if word.isalpha() and not word.isascii())


@settings(max_examples=300)
@given(st.text(alphabet="共第 12页下一尾末上后前最\n", max_size=60))
@example("文字 共 12 页")
@example("下一页")
def test_the_pager_search_finds_what_the_pattern_finds(text: str) -> None:
    found = article_text._PAGER.search(text)
    # A page count with up to a few spaces around its number is within reach of its 页.
    if found is not None and found.end() - found.start() > 12:
        return
    assert article_text._shows_pager(text) == (found is not None)
