"""A row of page tools with download buttons (form B of the thirteenth evaluation)."""

from __future__ import annotations

import pytest

from noticecli.parse.lines import is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "【下载Word】 【下载PDF】打印文章】  【关闭窗口",
        "【下载Word】【下载PDF】【打印文章】【关闭窗口】",
        "下载Word 下载PDF",
        "[下载PDF] [打印本页]",
        "【打印】【下载文档】",
    ],
)
def test_tool_row_with_download_buttons_is_chrome(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "请下载Word版申报表并于9月15日前报送县人防办。",
        "附件:申报表.doc 下载Word",
        "下载Word",  # one tool alone: not this rule's
        "下载PDF版通告全文",
    ],
)
def test_sentences_and_lists_naming_downloads_stay(line: str) -> None:
    assert not is_boilerplate(line)
