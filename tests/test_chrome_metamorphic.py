"""A metamorphic test of the text-rendering reader (issue 9): one line of chrome of our own
added to a page it reads right changes nothing a reader cares about. Over every text fixture
that parses with a title, a chrome line put on top of the page (and, for the end's chrome,
after the text) leaves the title, the publication time, the header and meta fields and the
first and last paragraph as they were.

A label-shaped line (服务热线：…, 专题专栏：) right over a header grid is the grid's first row by
the reader's rule (a header-first dump), so it is put only over pages without a header grid.
"""

from __future__ import annotations

from typing import Any

import pytest

import noticecli
from noticecli.models import Notice
from tests.conftest import PAGES

# Chrome over the article: a label-shaped line, a date widget, the site's name, a search
# prompt, a menu row, a lone bullet.
LABEL_SHAPED = ("服务热线：12345", "专题专栏：")
TOP = (
    "2024年05月01日 星期三",
    "某某市人民政府门户网站",
    "请输入关键字 搜索",
    "首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流",
    "·",
    # A stale date widget with the site's toggles beside it, and the toggles alone (issue 9,
    # the tenth evaluation's form A); the site's name and host alone (form C).
    "2019年03月05日 星期二 繁体 网站支持IPV6 新媒体矩阵",
    "繁体 网站支持IPV6 新媒体矩阵",
    "某某市人民政府门户网站www.example.gov.cn",
)
# Chrome after the text: a copyright line, a related-links box.
END = (
    ("Copyright © 2024 某某市人民政府 All Rights Reserved",),
    ("相关链接：", "关于做好防汛工作的通知", "关于开展安全检查的通知"),
    ("打印", "分享", "返回列表"),  # widget lines closing the article (form F)
)


def _summary(notice: Notice) -> dict[str, Any]:
    paragraphs = [block.text for block in notice.body if block.type == "paragraph"]
    return {
        "title": notice.title,
        "published_at": notice.published_at,
        "fields": [
            (field.label, field.value)
            for field in notice.header
            if field.origin in ("header", "meta_line")
        ],
        "first": paragraphs[:1],
        "last": paragraphs[-1:],
    }


Page = tuple[str, str, dict[str, Any], bool]  # name, text, its summary, has a header grid


@pytest.fixture(scope="module")
def titled_pages() -> list[Page]:
    """The text fixtures that parse with a title."""
    pages = []
    for path in sorted(PAGES.glob("*.txt")):
        text = path.read_text("utf-8")
        notice = noticecli.parse_text(text)
        if notice.title:
            grid = any(field.origin == "header" for field in notice.header)
            pages.append((path.name, text, _summary(notice), grid))
    assert len(pages) >= 100  # the fixtures this test stands on
    return pages


def _changed(pages: list[Page], perturb: Any, *, grids: bool) -> list[str]:
    return [
        name
        for name, text, summary, grid in pages
        if (grids or not grid) and _summary(noticecli.parse_text(perturb(text))) != summary
    ]


@pytest.mark.parametrize("line", TOP)
def test_a_chrome_line_on_top_changes_nothing(titled_pages: list[Page], line: str) -> None:
    assert _changed(titled_pages, lambda text: f"{line}\n{text}", grids=True) == []


@pytest.mark.parametrize("line", LABEL_SHAPED)
def test_a_label_shaped_line_on_top_changes_nothing_without_a_grid(
    titled_pages: list[Page], line: str
) -> None:
    assert _changed(titled_pages, lambda text: f"{line}\n{text}", grids=False) == []


@pytest.mark.parametrize("lines", END, ids=["copyright", "related-links", "back-to-list"])
def test_chrome_after_the_text_changes_nothing(
    titled_pages: list[Page], lines: tuple[str, ...]
) -> None:
    tail = "\n".join(lines)
    assert _changed(titled_pages, lambda text: f"{text.rstrip()}\n{tail}\n", grids=True) == []
