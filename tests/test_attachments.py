"""Attachments anywhere in the article, and file names a text dump shows (issue 9, item 7)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from noticecli.parse.attachments import extract_attachments, file_type_of, named_files
from noticecli.parse.text import parse_text_dump

BASE = "http://gdb.example.gov.cn/tzgg/202409/t1.html"


def _found(links: str) -> list[tuple[str, str | None, str | None]]:
    tree = LexborHTMLParser(f"<body><div>{links}</div></body>")
    assert tree.body is not None
    return [(a.name, a.url, a.file_type) for a in extract_attachments(tree.body, BASE)]


def test_documents_archives_and_images_by_href_in_any_case() -> None:
    assert _found(
        "<a href='./W01.JPG'>点位示意图</a><a href='/u/P02.PDF?v=2'>点击下载</a>"
        "<a href='/u/pack.rar'>资料包</a><a href='/about.html'>关于我们</a>"
    ) == [
        ("点位示意图", "http://gdb.example.gov.cn/tzgg/202409/W01.JPG", "jpg"),
        ("点击下载", "http://gdb.example.gov.cn/u/P02.PDF?v=2", "pdf"),
        ("资料包", "http://gdb.example.gov.cn/u/pack.rar", "rar"),
    ]


def test_an_extension_in_the_query_or_in_the_link_text() -> None:
    assert _found(
        "<a href='/download.jsp?filename=名录.xlsx'>名录</a>"
        "<a href='/attach/download.do?id=88121'>开放人防工程名录.xlsx</a>"
    ) == [
        ("名录", "http://gdb.example.gov.cn/download.jsp?filename=名录.xlsx", "xlsx"),
        ("开放人防工程名录.xlsx", "http://gdb.example.gov.cn/attach/download.do?id=88121", "xlsx"),
    ]


def test_script_links_undefined_hrefs_and_icons_are_not_attachments() -> None:
    assert (
        _found(
            "<a href='javascript:void(0)'>附件3.doc</a><a href='undefined'>附件4</a>"
            "<a href='/u/P03.pdf'><img src='/pdf.gif' alt=''></a>"
        )
        == []
    )


def test_a_file_name_whose_link_has_no_target_has_no_url() -> None:
    assert _found("<a href='' class='bizDownload'>招标文件.pdf</a><a href=''>附件</a>") == [
        ("招标文件.pdf", None, "pdf")
    ]


def test_file_type_of_reads_the_path_then_the_query() -> None:
    assert file_type_of("/a/b.DOCX") == "docx"
    assert file_type_of("/get?name=x.ofd&id=1") == "ofd"
    assert file_type_of("/a/b.html?x=1") is None


def test_lines_that_are_file_names_are_attachments_without_url() -> None:
    assert [
        (a.name, a.url, a.file_type)
        for a in named_files(
            ["附件：1.登记表.docx", "2.检查标准.pdf", "详见附件登记表.docx，请下载。", "正文一段。"]
        )
    ] == [("1.登记表.docx", None, "docx"), ("2.检查标准.pdf", None, "pdf")]


def test_a_text_dump_lists_its_named_files() -> None:
    notice = parse_text_dump(
        "关于人防工程平时使用登记的通知\n\n各单位：请按附件填报。\n附件：\n1.登记表.docx\n2.标准.wps\n"
    )
    assert [(a.name, a.url) for a in notice.attachments] == [
        ("1.登记表.docx", None),
        ("2.标准.wps", None),
    ]


def test_a_site_footers_file_link_without_a_file_name_is_no_attachment() -> None:
    page = (
        "<div class='article'><a href='/f/plan.pdf'>应急预案</a></div>"
        "<div class='youth-footer'><ul><li><a href='/download/rates.pdf'>品牌广告</a></li>"
        "<li><a href='/download/名录.xlsx'>名录.xlsx</a></li></ul></div>"
        "<footer><a href='/ad.pdf'>广告服务</a></footer>"
    )
    assert _found(page) == [
        ("应急预案", "http://gdb.example.gov.cn/f/plan.pdf", "pdf"),
        ("名录.xlsx", "http://gdb.example.gov.cn/download/名录.xlsx", "xlsx"),
    ]
