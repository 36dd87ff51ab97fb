from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from noticecli.parse.header_html import (
    extract_comment_markers,
    extract_grid_fields,
    extract_meta_tags,
)


def grid(html: str) -> list[tuple[str | None, str, str | None, str]]:
    tree = LexborHTMLParser(html)
    assert tree.body is not None
    return [(f.key, f.label, f.value, f.origin) for f in extract_grid_fields(tree.body)]


def test_four_column_table_with_spaced_labels_and_empty_value() -> None:
    html = """<table class="bd1">
      <tr><td><b>索 引 号：</b></td><td>000014349/2018-00222</td>
          <td><b>主题分类：</b></td><td>国防</td></tr>
      <tr><td><b>标　　题：</b></td><td colspan="3">关于防空警报试鸣的通告</td></tr>
      <tr><td><b>主 题 词：</b></td><td></td><td><b>发布日期：</b></td><td>2024年09月14日</td></tr>
    </table>"""
    assert grid(html) == [
        ("index_no", "索 引 号", "000014349/2018-00222", "header"),
        ("subject", "主题分类", "国防", "header"),
        ("title", "标　　题", "关于防空警报试鸣的通告", "header"),
        ("keywords", "主 题 词", None, "header"),
        ("published_at", "发布日期", "2024年09月14日", "header"),
    ]


def test_p_strong_rows() -> None:
    html = """<div class="top-l"><p><strong>索引号</strong>：11130400/2024-001</p>
      <p><strong>发布机构</strong>：市人防办</p><p><strong>文号</strong>：</p>
      <p><strong>名称</strong>：关于人防工程检查的通知</p></div>"""
    assert grid(html) == [
        ("index_no", "索引号", "11130400/2024-001", "header"),
        ("publisher", "发布机构", "市人防办", "header"),
        ("doc_no", "文号", None, "header"),
        ("title", "名称", "关于人防工程检查的通知", "header"),
    ]


def test_ul_li_font_values_with_ensp_labels() -> None:
    html = """<ul class="trt-row">
      <li>索&ensp;引&ensp;号：<font>PZ001-2024-00001</font></li>
      <li>发文机关：<font>区国动办</font></li>
      <li>成文日期：<font>2024-03-01</font></li>
      <li>有&ensp;效&ensp;性：<em class="red_base">有效</em></li></ul>"""
    assert grid(html) == [
        ("index_no", "索\u2002引\u2002号", "PZ001-2024-00001", "header"),
        ("publisher", "发文机关", "区国动办", "header"),
        ("written_date", "成文日期", "2024-03-01", "header"),
        ("validity", "有\u2002效\u2002性", "有效", "header"),
    ]


def test_dl_dt_dd_keeps_unknown_label() -> None:
    html = """<dl><dt>索引号：</dt><dd>A-1</dd><dt>办理环节：</dt><dd>依申请</dd>
      <dt>发布机构：</dt><dd>市民防局</dd><dt>文号：</dt><dd>民防〔2024〕3号</dd></dl>"""
    assert grid(html) == [
        ("index_no", "索引号", "A-1", "header"),
        (None, "办理环节", "依申请", "header"),
        ("publisher", "发布机构", "市民防局", "header"),
        ("doc_no", "文号", "民防〔2024〕3号", "header"),
    ]


def test_meta_line_pairs_in_one_text_node() -> None:
    html = "<div class='info'><p>日期：2025-02-26 11:54 来源：</p></div>"
    assert grid(html) == [
        ("published_at", "日期", "2025-02-26 11:54", "meta_line"),
        ("source", "来源", None, "meta_line"),
    ]


def test_span_label_and_widgets_are_not_fields() -> None:
    html = """<div><span><i>时间：</i>2019-09-18 06:23</span><span><i>来源：</i> 市人防办 </span>
      <span class="zoom"><i>字体：</i><a href="#">大</a><a href="#">小</a></span></div>"""
    assert grid(html) == [
        ("published_at", "时间", "2019-09-18 06:23", "meta_line"),
        ("source", "来源", "市人防办", "meta_line"),
    ]


def test_lonely_unknown_label_is_not_a_field() -> None:
    assert grid("<div><p><b>联系电话：</b>12345</p></div>") == []


def test_links_are_never_labels() -> None:
    assert grid('<ul><li><a href="/x">发布机构：</a>nav</li></ul>') == []


def test_excluded_body_is_skipped() -> None:
    tree = LexborHTMLParser(
        "<div><p>发布日期：2024-01-02</p></div><div id='zoom'><p>发布时间：2023-05-06</p></div>"
    )
    assert tree.body is not None
    fields = extract_grid_fields(tree.body, exclude=tree.css_first("#zoom"))
    assert [(f.label, f.value) for f in fields] == [("发布日期", "2024-01-02")]


def test_meta_tags() -> None:
    tree = LexborHTMLParser(
        '<head><meta name="ArticleTitle" content="标题一">'
        '<meta name="PubDate" content="2024-01-02">'
        '<meta name="contentSource" content=" 市人防办 "><meta name="keywords" content="x"></head>'
    )
    assert [(f.key, f.label, f.value, f.origin) for f in extract_meta_tags(tree)] == [
        ("title", "ArticleTitle", "标题一", "meta_tag"),
        ("published_at", "PubDate", "2024-01-02", "meta_tag"),
        ("source", "contentSource", "市人防办", "meta_tag"),
    ]


def test_hanweb_comment_markers() -> None:
    html = (
        "<span>信息来源：<!--<$[信息来源]>begin-->市国动办&nbsp;<!--<$[信息来源]>end--></span>"
        "<!--<$[信息内容]>begin--><p>正文</p><!--<$[信息内容]>end-->"
    )
    assert [(f.key, f.value, f.origin) for f in extract_comment_markers(html)] == [
        ("source", "市国动办", "comment")
    ]
