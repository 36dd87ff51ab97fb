"""The parser against real pages in ../shared/corpus (skipped when the folder is absent).

Each expectation was read off the page itself, not off our output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import noticecli
from noticecli.models import Notice

DETAIL_PAGES: dict[str, dict[str, Any]] = {
    "02_handan_xxgk-detail_p-strong-header.html": {
        "title": "邯郸市教育局关于印发《全市教育系统安全专项整治三年行动实施方案》的通知",
        "published_at": "2020-08-02",
        "index_no": "000014348/2020-35147",
        "publisher": "邯郸市教育局",
        "doc_no": "无",
        "source": "邯郸市教育局",
        # The saved page had its article body removed (SOURCES.md).
        "first": None,
        "last": None,
        "attachments": [],
    },
    "05_gansu-fzgg_xxgk-detail_detailContent.html": {
        "title": "甘肃省发展和改革委员会等部门关于印发《甘肃省关于加力支持工业企业设备更新的若干措施》的通知",
        # The labelled 日期 line, not the PubDate meta (2025-03-27) of a later edit.
        "published_at": "2025-02-26T11:54:00+08:00",
        "index_no": None,
        "publisher": None,
        "source": "产业处",
        "first": "各市、自治州人民政府、兰州新区管委会，省直有关单位，中央在甘有关单位：",
        "last": "《甘肃省关于加力支持工业企业设备更新的若干措施》",
        "attachments": ["《甘肃省关于加力支持工业企业设备更新的若干措施》"],
    },
    "08_deqing_hanweb-article_zoom.html": {
        "title": "1-10月德清县固定资产投资结构趋稳趋优",
        "published_at": "2016-11-22T09:53:00+08:00",
        "index_no": None,
        "publisher": None,
        "source": "省发改委",
        "first": "1-10月，全县固定资产投资完成246.79亿元",
        "last": "1-10月，全县固定资产投资完成246.79亿元",
        "attachments": [],
    },
    "09_shanxi-gov_trs-article_TRS_Editor.html": {
        "title": "山西品牌丝路行（南美站）正式启动",
        "published_at": "2019-09-18T06:23:00+08:00",
        "index_no": None,
        "publisher": None,
        "source": "山西日报",
        "first": "图为山西品牌丝路行（南美站）启动仪式。（刘通摄）",
        "last": "山西品牌丝路行主题为“走丝绸之路，促合作共赢”。南美站活动将先后在巴西、乌拉圭、阿根廷举行。（张巨峰）",
        "attachments": [],
    },
    "10_govcn_gongbao-article.html": {
        "title": "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议",
        # No labelled date on the page: firstpublishedtime is not a label, so nothing is invented.
        "published_at": None,
        "index_no": None,
        "publisher": None,
        "source": None,
        "first": "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）",
        "last": "第十届全国人民代表大会常务委员会第二十八次会议，听取了财政部部长金人庆",
        "attachments": [],
    },
    "11_govcn_policy_bd1-table_fragment.html": {
        "title": "国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定",
        # 发布日期, not the 成文日期 2018-12-21 that general extractors take.
        "published_at": "2018-12-29",
        "index_no": "000014349/2018-00222",
        "publisher": "国务院",
        "doc_no": "国发〔2018〕43号",
        "source": None,
        "first": "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        # （此件公开发布） under the date is the closing's note, not a paragraph.
        "last": "为进一步支持海南省试点发展国际医疗旅游相关产业",
        "attachments": [],
    },
    "12_pingtan_xxgk-detail_ul-li-font-header_EXCERPT.html": {
        "title": "平潭综合实验区管委会关于废止部分规范性文件的通知",
        "published_at": "2016-10-26T17:06:00+08:00",
        "index_no": "PZ00101-1700-2023-00059",
        "publisher": "平潭综合实验区管委会办公室",
        "doc_no": "岚综管综〔2016〕266号",
        "source": "平潭综合实验区管委会办公室",
        "first": "各片区项目建设指挥部、区直各单位，各乡镇人民政府，区属各公司：",
        # The excerpt stops after the 4th body paragraph.
        "last": "附件：废止规范性文件目录",
        "attachments": [],
    },
    "13_pingtan_xxgk-detail_archiver-textdump.txt": {
        "title": "平潭综合实验区管委会关于废止部分规范性文件的通知",
        "published_at": "2016-10-26T17:06:00+08:00",
        "index_no": "PZ00101-1700-2023-00059",
        "publisher": "平潭综合实验区管委会办公室",
        "doc_no": "岚综管综〔2016〕266号",
        "first": "各片区项目建设指挥部、区直各单位，各乡镇人民政府，区属各公司：",
        "attachments": [],
    },
}


def parse(corpus: Path, name: str) -> Notice:
    return noticecli.parse_file(corpus / name)


@pytest.mark.parametrize("name", sorted(DETAIL_PAGES))
def test_detail_page_fields(corpus: Path, name: str) -> None:
    expected = DETAIL_PAGES[name]
    notice = parse(corpus, name)
    assert notice.kind == "notice"
    for field in ("title", "published_at", "index_no", "publisher", "doc_no", "source"):
        if field in expected:
            assert getattr(notice, field) == expected[field], field
    paragraphs = [block.text or "" for block in notice.body if block.type == "paragraph"]
    if "first" in expected:
        if expected["first"] is None:
            assert paragraphs == []
        else:
            assert paragraphs[0].startswith(expected["first"])
    if expected.get("last"):
        assert paragraphs[-1].startswith(expected["last"])
    assert [a.name for a in notice.attachments] == expected["attachments"]


def test_written_date_is_never_published_at(corpus: Path) -> None:
    notice = parse(corpus, "11_govcn_policy_bd1-table_fragment.html")
    assert notice.fields["written_date"] == "2018年12月21日"
    assert notice.published_at == "2018-12-29"


def test_header_grid_keeps_labels_as_shown(corpus: Path) -> None:
    notice = parse(corpus, "12_pingtan_xxgk-detail_ul-li-font-header_EXCERPT.html")
    grid = [(f.label, f.key, f.value) for f in notice.header if f.origin == "header"]
    assert grid == [
        ("索\u2002引\u2002号", "index_no", "PZ00101-1700-2023-00059"),
        ("主题分类", "subject", "无"),
        ("发文机关", "publisher", "平潭综合实验区管委会办公室"),
        ("成文日期", "written_date", "2016-10-26"),
        (
            "标\u2002\u2002\u2002\u2002题",
            "title",
            "平潭综合实验区管委会关于废止部分规范性文件的通知",
        ),
        ("发文字号", "doc_no", "岚综管综〔2016〕266号"),
        ("发布日期", "published_at", "2016-10-26"),
        ("有\u2002效\u2002性", "validity", "有效"),
    ]


def test_govcn_table_header_with_empty_value(corpus: Path) -> None:
    notice = parse(corpus, "11_govcn_policy_bd1-table_fragment.html")
    assert notice.fields["keywords"] is None
    assert notice.fields["subject"] == "卫生、体育\\医药管理"
    signature = [b.text for b in notice.body if b.type in ("signature", "date")]
    assert signature == ["国务院", "2018年12月21日"]


def test_hanweb_comment_marker_source(corpus: Path) -> None:
    notice = parse(corpus, "08_deqing_hanweb-article_zoom.html")
    assert notice.source == "省发改委"
    assert notice.views is None  # 浏览次数 is filled by a script on the live page


def test_word_pasted_body_has_no_style_text(corpus: Path) -> None:
    notice = parse(corpus, "12_pingtan_xxgk-detail_ul-li-font-header_EXCERPT.html")
    text = notice.body_text()
    assert "font-family" not in text
    assert "@font-face" not in text


@pytest.mark.parametrize(
    ("name", "count", "first"),
    [
        (
            "01_ordos-egb_xxgk-list_trs-pagination.html",
            10,
            ("鄂尔多斯市2019年政府信息公开工作年度报告", "2020-09-03"),
        ),
        (
            "03_handan_xxgk-list_table-trs-pagination.html",
            1,
            ("邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知", "2020-08-05"),
        ),
        (
            "07_jiangxi-sthjt_list_js-articleList.html",
            50,
            ("《江西省生态环境分类执法监管办法》政策解读", "2025-07-29"),
        ),
    ],
)
def test_listing_pages(corpus: Path, name: str, count: int, first: tuple[str, str]) -> None:
    notice = parse(corpus, name)
    assert notice.kind == "listing"
    assert len(notice.items) == count
    assert (notice.items[0].title, notice.items[0].date) == first
    assert notice.body == []


def test_listing_kept_in_a_comment_is_read(corpus: Path) -> None:
    # The live list is filled by xxgkPage.js; the server-rendered rows kept inside an HTML
    # comment are the column's items (issue 9 item 10), with a warning saying so.
    notice = parse(corpus, "06_gansu-jyt_xxgk-list_commented-li.html")
    assert notice.kind == "listing"
    assert len(notice.items) == 20
    assert (notice.items[-1].title, notice.items[-1].date) == (
        "关于做好甘肃省第十八届哲学社会科学优秀成果奖申报有关工作的通知",
        "2025-06-09",
    )
    codes = [w.code for w in notice.warnings]
    assert "listing_items_in_comment" in codes
    assert "listing_js_rendered" not in codes


def test_guide_portal_is_not_a_listing(corpus: Path) -> None:
    assert parse(corpus, "04_handan_xxgk-guide-portal.html").kind == "notice"
