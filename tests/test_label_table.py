"""Label tables without colons near the top of the article (issue 9, item 3)."""

from __future__ import annotations

import noticecli

INTRO = "<p>岚溪市国防动员办公室人防工程维护管理服务项目的潜在投标人应在网站获取招标文件，并按时递交投标文件。</p>"


def _page(table: str, before: str = "") -> str:
    return (
        "<html><head><title>t</title></head><body><h3>岚溪市人防工程维护管理服务项目公开招标公告</h3>"
        f"<div class='con_text'>{before}{table}{INTRO}</div></body></html>"
    )


def test_two_column_table_with_class_marked_labels() -> None:
    table = (
        "<table><tr><td class='title' colspan='2'>公告概要</td></tr>"
        "<tr><td class='title'>项目编号</td><td>LXGDB-2024-ZB-007</td></tr>"
        "<tr><td class='title'>采购方式</td><td>公开招标</td></tr>"
        "<tr><td class='title'>预算金额</td><td>86.00万元</td></tr></table>"
    )
    notice = noticecli.parse_html(_page(table))
    assert [(f.label, f.value, f.origin) for f in notice.header] == [
        ("项目编号", "LXGDB-2024-ZB-007", "header"),
        ("采购方式", "公开招标", "header"),
        ("预算金额", "86.00万元", "header"),
    ]
    assert "公告概要" not in notice.body_text()  # the table and its caption are not body
    assert notice.body[0].text is not None and notice.body[0].text.startswith("岚溪市")


def test_four_columns_shaded_labels_merged_cells_and_a_repeated_label() -> None:
    shade = "style='background-color:#F2F6FB'"
    table = (
        f"<table><tr><td {shade}>项目名称</td><td colspan='3'>人防工程维护</td></tr>"
        f"<tr><td {shade} rowspan='2'>采购人</td><td rowspan='2'>岚溪市国动办</td>"
        f"<td {shade}>联系人</td><td>吴海燕</td></tr>"
        f"<tr><td {shade}>联系电话</td><td>0000-0000010</td></tr>"
        f"<tr><td {shade}>代理机构</td><td>交易中心</td><td {shade}>联系人</td><td>周敏</td></tr>"
        f"<tr><td {shade}>备注</td><td colspan='3'>&nbsp;</td></tr></table>"
    )
    notice = noticecli.parse_html(_page(table))
    assert [(f.label, f.value) for f in notice.header] == [
        ("项目名称", "人防工程维护"),
        ("采购人", "岚溪市国动办"),
        ("联系人", "吴海燕"),
        ("联系电话", "0000-0000010"),
        ("代理机构", "交易中心"),
        ("联系人", "周敏"),
        ("备注", None),
    ]
    assert notice.fields["联系人"] == "吴海燕"  # the first value
    assert "label_repeated" in {w.code for w in notice.warnings}


def test_a_word_table_of_sentences_stays_body() -> None:
    table = (
        "<table border=1><tr><td>案件名称</td><td>某公司擅自拆除人防工程防护设备案</td></tr>"
        "<tr><td>主要违法事实</td><td>经查，当事人未经批准擅自拆除防护密闭门，影响防空效能。</td></tr>"
        "<tr><td>处罚内容</td><td>责令限期恢复原状，处以罚款。</td></tr></table>"
    )
    notice = noticecli.parse_html(_page(table))
    assert notice.header == []
    tables = [block for block in notice.body if block.type == "table"]
    assert len(tables) == 1 and tables[0].rows is not None
    assert [cell.text for cell in tables[0].rows[1]] == [
        "主要违法事实",
        "经查，当事人未经批准擅自拆除防护密闭门，影响防空效能。",
    ]


def test_a_label_table_deep_in_the_text_is_body() -> None:
    marked = (
        "<table><tr><th>序号</th><td>1</td></tr><tr><th>名单</th><td>张三</td></tr>"
        "<tr><th>单位</th><td>某单位</td></tr></table>"
    )
    notice = noticecli.parse_html(_page(marked, before=INTRO * 6))
    assert notice.header == []


def test_attachment_rows_are_attachments_not_fields() -> None:
    table = (
        "<table><tr><td class='title'>采购人</td><td>中国科学技术馆</td></tr>"
        "<tr><td class='title'>代理机构名称</td><td>中机国际招标有限公司</td></tr>"
        "<tr><td class='title'>附件1</td><td><a href='' class='bizDownload'>招标文件.pdf</a></td></tr>"
        "</table>"
    )
    notice = noticecli.parse_html(_page(table))
    assert [f.label for f in notice.header] == ["采购人", "代理机构名称"]
    assert [(a.name, a.url, a.file_type) for a in notice.attachments] == [
        ("招标文件.pdf", None, "pdf")
    ]
