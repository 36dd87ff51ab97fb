"""The facts of fixtures/README.md, checked against ``noticecli.parse_file``.

``FACTS`` below is written by hand from the README ("Facts per page" and the conventions
section). It is an independent specification, not a snapshot of the parser's output: where a
fact disagrees with the parser, the parser is wrong unless a comment here says the README
was wrong (after checking the page source).

Each (page, fact) pair is one test. Facts that reveal a parser bug are listed in
``PARSER_BUGS`` and run as strict xfails, so the suite stays green while the bug stays visible
(and the xfail turns into a failure the day the bug is fixed, so it can be removed).

Conventions (README "Conventions for the facts below"):

* Texts (titles, values, body blocks, names) are compared after trimming and collapsing every
  run of whitespace (ASCII space, tab, newline, NBSP, ensp, emsp, U+3000) to one space.
* Header *labels* are compared exactly: they keep their inner spaces, U+3000, ensp, emsp and
  NBSP as the page shows them (entities decoded).
* ``published_at`` is written here as in the README (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``);
  the parser gives ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:00+08:00``.
* "header" means the entries of origin ``header`` (the label/value grid), in page order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import noticecli
from noticecli import Notice

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"

_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u3000]+")


def norm(text: str | None) -> str | None:
    """README text comparison: trim, collapse whitespace runs to one ASCII space."""
    if text is None:
        return None
    return _WS.sub(" ", text).strip()


# Strings that are never article text (widgets, CSS, comments); checked on every notice page.
BODY_NOISE = (
    "扫一扫在手机打开当前页",
    "关闭窗口",
    "字体：",
    "<!--",
    "-->",
    "{",
    "}",
    "font-family",
    "$[",
)

# --------------------------------------------------------------------------------------------
# The facts, page by page (fixtures/README.md "Facts per page").
# --------------------------------------------------------------------------------------------

T01 = "【上级政策解读】安徽省人防办党组书记、主任倪玉平解读人防“攻坚行动”"
T02 = "滏川市人民防空办公室关于2024年全市防空警报试鸣的通告"
T03 = "澜岛综合实验区国防动员办公室关于印发《澜岛综合实验区人民防空工程平时使用管理办法》的通知"
T04 = "江澜省人民防空办公室关于公布2024年度人防工程防护设备生产安装企业名单的公告"
T05 = "县国动办开展“5·12”防灾减灾日人防宣传进社区活动"
T06 = "临江市人民防空办公室关于2023年度人防工程维护管理检查情况的通报"
T07 = "北岭区民防局召开2024年人民防空工作会议"
T08 = "东港区国防动员办公室关于做好2024年汛期人防工程安全管理工作的通知"
T09 = "市民防局开展人防工程安全隐患排查专项行动"
T12 = "湘滨市人民防空办公室关于印发《湘滨市人民防空警报设施管理规定》的通知"
T13 = "沧澜市民防局关于2024年上半年人防专业队伍建设考核情况的通报"
T14 = "云岭县国防动员办公室关于2024年度人防工程易地建设费征收情况的公示"
T15 = "关于2024年9月21日组织防空警报试鸣的通告"
T16 = "白河市人民防空办公室关于注销部分人防工程平时使用证的公告"

P, H, B, S, D, TB, IMG = "paragraph", "heading", "byline", "signature", "date", "table", "image"

LINJIANG = "http://rfb.linjiang.gov.cn/xxgk/tzgg/202403/"
BAIHE = "http://www.baihe.gov.cn/zwgk/zfxxgk/rfb/tzgg/202407/"

FACTS: dict[str, dict[str, Any]] = {
    "01_anhui-rfb_xxgk-detail_spaced-labels.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T01,
        # 发文日期 and 发表时间 both 2020-05-06 09:33.
        "published_at": "2020-05-06T09:33",
        "header": [
            ("索 引 号", "003110598/202005-00043"),
            ("信息分类", "上级政策解读"),
            ("文\u3000\u3000号", None),
            ("是否有效", "有效"),
            ("发布机构", "市人防办(市民防局)"),
            ("成文日期", None),
            ("生效日期", None),
            ("废止日期", None),  # the cell holds only &nbsp;
            ("主题分类", "国防"),
            ("体裁分类", "其他"),
            ("服务对象", None),
            ("生命周期", None),
            ("关 键 词", None),
            ("发文日期", "2020-05-06 09:33"),
            ("名\u3000\u3000称", T01),
        ],
        "index_no": "003110598/202005-00043",
        "publisher": "市人防办(市民防局)",
        # The meta line; 信息来源：省人防综合处 after the body is a credit and must not override.
        "source": "市人防办(市民防局)",
        "editor": "张",
        "doc_no": None,
        "author": None,
        "views": None,
        "written_date": None,
        # The author line under the first heading is a byline (a decision of ours; the
        # fixture README counted it as a paragraph).
        "body_counts": {P: 21, H: 5, B: 4},
        "first_block": (H, "以攻坚行动推进人防高质量发展"),
        "blocks_at": {1: (B, "安徽省人防办党组书记、主任 倪玉平")},
        "last_block": (B, "（周义昆）"),
        "headings": [
            "以攻坚行动推进人防高质量发展",
            "强力备战 扎实开展“四项攻坚”行动",
            "压实责任 纵深推进党风廉政建设",
            "安徽省人防办案例",
            "获评“全国信用承诺书示范样本”",
        ],
        "bylines": ["安徽省人防办党组书记、主任 倪玉平", "（杨开斌）", "（张美银）", "（周义昆）"],
        "first_paragraph": (
            "没有重点就没有突破。2020年，省人防办公室党组谋划部署在全省人防系统开展“四项攻坚”"
            "行动、“三个年”活动，深入贯彻习近平新时代中国特色社会主义思想和关于人民防空的重要"
            "论述批示，以攻坚的决心和姿态，推动人民防空高质量发展，为“十三五”收官交好卷，"
            "向中国人民防空创立70周年献礼！"
        ),
        "last_paragraph": (
            "房地产项目配建的防空地下室因现行法律尚不完善，维护管理不力问题长期为社会关注。"
            "安徽省人防办针对难题短板，创新做法，制定《房地产项目配建的防空地下室信用承诺书》，"
            "通过信用之手段，弥补法律之未有，推动人防工程维护管理责任落地落实，"
            "为推广可复制的信用承诺书模板提供了实践基础。"
        ),
        # Damaged dates: the README gives both forms, so the body holds the repaired text and
        # each change has a repair record.
        "body_contains": ["3月27日，全省人防", "3月18日，省人防办党组", "于2019年9月在济南"],
        "body_excludes": ["327日", "318日", "20199月", "省人防综合处", *BODY_NOISE],
        "repairs": [("327日", "3月27日"), ("318日", "3月18日"), ("20199月", "2019年9月")],
        "attachments": [],
        "items": [],
    },
    "02_handan-style_p-strong-header.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T02,
        "published_at": "2024-09-10",
        # The commented-out 主题词 / 成文日期 / 有效期 rows must not appear.
        "header": [
            ("索引号", "000014348/2024-21873"),
            ("发布机构", "滏川市人民防空办公室"),
            ("名称", T02),
            ("文号", "滏人防通〔2024〕3号"),
            ("主题分类", "国防"),
            ("发布日期", "2024年09月10日"),
        ],
        "index_no": "000014348/2024-21873",
        "publisher": "滏川市人民防空办公室",
        "source": "滏川市人民防空办公室",  # meta ContentSource only
        "editor": None,
        "doc_no": "滏人防通〔2024〕3号",
        "written_date": None,
        "body_counts": {P: 9, H: 4, S: 1, D: 1},
        "headings": ["一、试鸣时间", "二、试鸣范围", "三、试鸣信号", "四、有关要求"],
        "signatures": ["滏川市人民防空办公室"],
        "dates": ["2024年9月10日"],
        "last_block": (D, "2024年9月10日"),
        "first_paragraph": (
            "为增强广大市民的国防观念和防空意识，检验全市防空警报设施的完好率和鸣响率，根据"
            "《中华人民共和国人民防空法》和《河北省实施〈中华人民共和国人民防空法〉办法》"
            "有关规定，经市政府同意，定于2024年9月18日在全市范围内组织防空警报试鸣。"
            "现将有关事项通告如下："
        ),
        "last_paragraph": "特此通告。",
        "body_excludes": ["TRS_Editor", "margin", *BODY_NOISE],
        "attachments": [],
    },
    "03_pingtan-style_ul-li-font-header.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T03,
        # header 发布日期 2024-04-16 + 时间：2024-04-16 10:05 (same day) → the date-time.
        "published_at": "2024-04-16T10:05",
        # Labels are written with &ensp; (U+2002).
        "header": [
            ("索\u2002引\u2002号", "LD00105-2100-2024-00012"),
            ("主题分类", "国防"),
            ("发文机关", "澜岛综合实验区国防动员办公室"),
            ("成文日期", "2024-04-12"),
            ("标\u2002\u2002\u2002\u2002题", T03),
            ("发文字号", "澜动办〔2024〕7号"),
            ("发布日期", "2024-04-16"),
            ("有\u2002效\u2002性", "有效"),
        ],
        "index_no": "LD00105-2100-2024-00012",
        "publisher": "澜岛综合实验区国防动员办公室",
        "source": "澜岛综合实验区国防动员办公室",
        "editor": None,
        "doc_no": "澜动办〔2024〕7号",
        "written_date": "2024-04-12",
        "body_types": [P, P, H, P, P, P, P, P, S, D],
        "headings": ["澜岛综合实验区人民防空工程平时使用管理办法"],
        "signatures": ["澜岛综合实验区国防动员办公室"],
        # split over several spans: must join without spaces
        "dates": ["2024年4月12日"],
        "first_paragraph": "各片区人民防空工作机构，区直有关单位，各人防工程使用管理单位：",
        "last_paragraph": "第五条 本办法自2024年5月1日起施行，有效期5年。",
        "body_excludes": ["@font-face", "mso-", *BODY_NOISE],
        "attachments": [],
    },
    "04_govcn-style_bd1-table.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T04,
        "published_at": "2024-03-20",  # not 成文日期 2024年3月18日
        "header": [
            ("索 引 号", "11330000MB1699031X/2024-00031"),
            ("主题分类", "国防\\人民防空"),
            ("发文机关", "江澜省人民防空办公室"),
            ("成文日期", "2024年3月18日"),
            ("标\u3000\u3000题", T04),
            ("发文字号", "江人防〔2024〕9号"),
            ("发布日期", "2024年3月20日"),
            ("主 题 词", None),
        ],
        "index_no": "11330000MB1699031X/2024-00031",
        "publisher": "江澜省人民防空办公室",
        "source": None,
        "editor": None,
        "doc_no": "江人防〔2024〕9号",
        "written_date": "2024-03-18",
        "body_types": [P, P, P, TB, P, S, D],
        "table": [
            ["序号", "企业名称", "产品类别", "证书有效期至"],
            ["1", "江澜省安盾人防设备有限公司", "防护密闭门、密闭门", "2026年12月31日"],
            ["2", "临海市恒固防护工程有限公司", "防爆波活门", "2025年10月15日"],
            ["3", "澄州民安防化设备厂", "过滤吸收器、油网滤尘器", "2026年6月30日"],
            ["4", "江澜卫民人防工程科技有限公司", "防护密闭门、封堵板", "2027年3月1日"],
        ],
        "signatures": ["江澜省人民防空办公室"],
        "dates": ["2024年3月18日"],
        "first_paragraph": (
            "根据《人民防空工程防护设备产品质量检测与监督管理规定》和省人防办年度质量检查工作"
            "安排，经企业自查、材料审核和现场核查，现将2024年度在我省从事人防工程防护设备生产"
            "安装的企业名单予以公布。"
        ),
        "last_paragraph": "特此公告。",
        # The table cells do not appear as paragraphs (checked by body_types).
        "body_excludes": list(BODY_NOISE),
        "attachments": [],
    },
    "05_hanweb-style_zoom_comment-markers.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T05,
        "published_at": "2023-05-15T16:22",
        "header": [],
        "warnings_include": ["no_header"],
        "index_no": None,
        "publisher": None,
        "source": "清溪县国动办",
        "editor": None,
        "doc_no": None,
        "views": 1286,
        "body_counts": {P: 4},
        "first_paragraph": (
            "5月12日是我国第15个全国防灾减灾日。为进一步增强群众防空防灾意识，提高自救互救能力，"
            "县国动办联合县应急管理局、城关街道，在城南社区文化广场开展“人人讲安全、个个会应急”"
            "主题宣传活动。"
        ),
        "last_paragraph": (
            "据统计，本次活动共发放宣传手册1200余份、宣传品600余份，现场接受咨询300余人次。"
            "下一步，县国动办将持续推进人防宣传教育进社区、进学校、进企业、进机关、进家庭，"
            "不断提升全民国防意识和防护技能。"
        ),
        "body_excludes": ["ZJEG_RSS", "ContentStart", *BODY_NOISE],
        "attachments": [],  # the 相关文章 links are not attachments
    },
    "06_trs-editor_attachments.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T06,
        # <i>时间：</i>2024-03-18 15:40; the in-body 2024年3月15日 is the signature date.
        "published_at": "2024-03-18T15:40",
        "header": [],
        "warnings_include": ["no_header"],
        "index_no": None,
        "publisher": None,
        "source": "临江市人民防空办公室",
        "editor": None,
        "doc_no": None,
        "body_types": [P, P, H, P, IMG, P, H, P, H, P, S, D],
        "headings": ["一、总体情况", "二、存在问题", "三、整改要求"],
        "images": [(LINJIANG + "W020240318512345678900.jpg", "检查组在工程现场核查防护密闭门")],
        "blocks_at": {5: (P, "检查组在工程现场核查防护密闭门")},
        "signatures": ["临江市人民防空办公室"],
        "dates": ["2024年3月15日"],
        "first_paragraph": "各县（市、区）人防办，市直有关单位：",
        "last_paragraph": (
            "各县（市、区）人防办要督促使用管理单位于2024年5月31日前完成整改，并按附件2格式"
            "报送整改报告。政策依据可参阅《临江市人民防空工程维护管理办法》解读。"
        ),
        "body_excludes": list(BODY_NOISE),
        # Resolved against <link rel="canonical">; the in-body .shtml link and the 相关阅读
        # links are not attachments.
        "attachments": [
            (
                "附件1：2023年度人防工程维护管理检查问题清单",
                LINJIANG + "P020240318512345678901.pdf",
                "pdf",
            ),
            (
                "附件2：人防工程维护管理整改报告（格式）",
                LINJIANG + "P020240318512345678902.docx",
                "docx",
            ),
            (
                "附件3：各县（市、区）检查情况统计表",
                LINJIANG + "P020240318512345678903.xls",
                "xls",
            ),
            (
                "附件4：人防工程维护管理责任书（样本）",
                LINJIANG + "P020240318512345678904.wps",
                "wps",
            ),
            (
                "附件5：临江市人民防空工程维护管理办法",
                LINJIANG + "P020240318512345678905.ofd",
                "ofd",
            ),
            ("附件6：检查现场照片", LINJIANG + "P020240318512345678906.zip", "zip"),
        ],
    },
    "07_gbk-encoded.html": {
        # README was wrong (imprecise): it says `gbk`, but `encoding` names the codec used, and
        # noticecli.decode documents that gb2312/gbk are decoded as gb18030, their superset.
        # The text checks below (周昇, 李喆, 王镕, 孙堃) prove the GBK bytes decode correctly.
        "encoding": "gb18030",
        "warnings_exclude": ["invalid_bytes", "charset_conflict"],
        "kind": "notice",
        "title": T07,
        "published_at": "2024-02-27",
        "header": [
            ("索引号", "BL00312-0203-2024-00008"),
            ("信息分类", "工作动态"),
            ("发布机构", "北岭区民防局"),
            ("发布日期", "2024-02-27"),
            ("名\u3000称", T07),
        ],
        "index_no": "BL00312-0203-2024-00008",
        "publisher": "北岭区民防局",
        "source": "北岭区民防局",
        "author": "周昇",
        "editor": "李喆",
        "doc_no": None,
        "body_counts": {P: 4},
        "first_paragraph": (
            "2月26日，北岭区民防局召开2024年人民防空工作会议，总结2023年工作，部署2024年"
            "重点任务。区委常委、常务副区长王镕出席会议并讲话，区民防局党组书记、局长孙堃作"
            "工作报告。"
        ),
        "last_paragraph": (
            "会议对2023年度人防工作先进单位和先进个人进行了表彰。各街道、乡镇分管负责同志，"
            "区民防局全体干部参加会议。"
        ),
        "body_excludes": list(BODY_NOISE),
        "attachments": [],
    },
    "08_meta-lies-gb2312-utf8.html": {
        "encoding": "utf-8",
        # The meta says gb2312, the bytes are UTF-8: the conflict is reported, nothing replaced.
        "warnings_include": ["charset_conflict"],
        "warnings_exclude": ["invalid_bytes"],
        "kind": "notice",
        "title": T08,
        # header 发布日期 2024-06-03; meta line and PubDate 2024-06-03 08:45 (same day).
        "published_at": "2024-06-03T08:45",
        "header": [
            ("索引号", "DG-GDB-2024-000021"),
            ("发布机构", "东港区国防动员办公室"),
            ("公开方式", "主动公开"),
            ("文号", "东动办发〔2024〕11号"),
            ("发布日期", "2024-06-03"),
        ],
        "index_no": "DG-GDB-2024-000021",
        "publisher": "东港区国防动员办公室",
        "source": "东港区国防动员办公室",
        "editor": None,
        "doc_no": "东动办发〔2024〕11号",
        "body_types": [P, P, P, P, P, P, S, D],
        "signatures": ["东港区国防动员办公室"],
        "dates": ["2024年6月3日"],
        "first_paragraph": "各街道办事处，区直有关单位，各人防工程使用管理单位：",
        "last_paragraph": "请各单位于6月20日前将排查整改情况报区国动办工程科。",
        "body_excludes": list(BODY_NOISE),
        "attachments": [],
    },
    "09_no-header-block.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T09,  # the <h1>; the <title> adds -金城市民防局
        "published_at": "2024-11-05T10:20",
        "header": [],
        "warnings_include": ["no_header"],
        "index_no": None,
        "publisher": None,
        "source": "市民防局",
        "editor": None,
        "doc_no": None,
        "body_counts": {P: 4},
        "first_paragraph": (
            "为切实消除人防工程安全隐患，确保人防工程安全稳定运行，10月下旬以来，市民防局抽调"
            "业务骨干组成4个检查组，对全市城区已建人防工程开展了为期两周的安全隐患排查专项行动。"
        ),
        "last_paragraph": (
            "下一步，市民防局将建立隐患问题台账，实行销号管理，对逾期未整改的使用单位依法依规"
            "进行处理，切实筑牢人防工程安全防线。"
        ),
        "body_excludes": ["$_ts", *BODY_NOISE],
        "attachments": [],  # the links in the hidden div.xxgk_xglj are not attachments
    },
    "10_listing_table-trs-pagination.html": {
        "encoding": "utf-8",
        "kind": "listing",
        # Titles from the title attribute (items 8 and 9 have link texts cut with …);
        # hrefs as written (no base, no canonical). Pager and left nav are not items.
        "items": [
            (
                "市人防办关于2024年全市防空警报试鸣的通告",
                "./202405/t20240506_1234567.html",
                "2024-05-06",
            ),
            (
                "市人防办2024年人防工程易地建设费收费标准公示",
                "./202404/t20240428_1233190.html",
                "2024-04-28",
            ),
            (
                "关于公布人防工程防护设备质量检测机构名单的通知",
                "./202404/t20240419_1232011.html",
                "2024-04-19",
            ),
            (
                "市人防办关于开展人防工程平时使用安全检查的通知",
                "./202404/t20240410_1230876.html",
                "2024-04-10",
            ),
            (
                "市人防办2023年政府信息公开工作年度报告",
                "./202403/t20240329_1229543.html",
                "2024-03-29",
            ),
            (
                "关于2023年度人防工程维护管理检查情况的通报",
                "./202403/t20240318_1228102.html",
                "2024-03-18",
            ),
            (
                "市人防办2024年度重点工作任务分解方案",
                "./202403/t20240305_1226650.html",
                "2024-03-05",
            ),
            (
                "关于做好2024年春节期间人防工程安全管理工作的通知",
                "./202402/t20240226_1225318.html",
                "2024-02-26",
            ),
            (
                "市人防办关于印发《人防工程竣工验收备案工作规程》的通知",
                "./202402/t20240201_1223977.html",
                "2024-02-01",
            ),
            ("市人防办召开2024年全市人防工作会议", "./202401/t20240118_1222415.html", "2024-01-18"),
            (
                "《人民防空工程维护管理办法》政策解读",
                "./202401/t20240109_1221238.html",
                "2024-01-09",
            ),
            (
                "市人防办关于调整人防行政审批窗口办公时间的公告",
                "./202312/t20231227_1219906.html",
                "2023-12-27",
            ),
        ],
        "attachments": [],
    },
    "11_listing_ul-li.html": {
        "encoding": "utf-8",
        "kind": "listing",
        # Titles equal the link texts; root-relative hrefs as written. Not items: the 3
        # ul.hot sidebar links, the nav and the pager.
        "items": [
            (
                "关于2024年9月18日组织防空警报试鸣的通告",
                "/gdb/tzgg/202409/t20240912_8812301.html",
                "2024-09-12",
            ),
            (
                "市国动办关于开展全民国防教育日宣传活动的通知",
                "/gdb/tzgg/202409/t20240903_8810177.html",
                "2024-09-03",
            ),
            (
                "人防工程防护设备安装质量专项检查结果公示",
                "/gdb/tzgg/202408/t20240826_8806524.html",
                "2024-08-26",
            ),
            (
                "市国动办2024年上半年工作总结",
                "/gdb/tzgg/202408/t20240815_8803390.html",
                "2024-08-15",
            ),
            (
                "关于征集人防宣传教育优秀作品的公告",
                "/gdb/tzgg/202408/t20240802_8799812.html",
                "2024-08-02",
            ),
            (
                "市国动办关于人防工程平时使用备案有关事项的通知",
                "/gdb/tzgg/202407/t20240722_8796045.html",
                "2024-07-22",
            ),
            (
                "2024年人防专业队伍集训工作方案",
                "/gdb/tzgg/202407/t20240709_8792271.html",
                "2024-07-09",
            ),
            (
                "关于做好汛期人防工程安全管理工作的通知",
                "/gdb/tzgg/202406/t20240628_8788653.html",
                "2024-06-28",
            ),
            (
                "市国动办行政许可事项清单（2024年版）",
                "/gdb/tzgg/202406/t20240614_8784120.html",
                "2024-06-14",
            ),
            (
                "人防工程质量监督站2024年度抽检计划",
                "/gdb/tzgg/202405/t20240530_8779906.html",
                "2024-05-30",
            ),
            (
                "关于公布第一批人防疏散基地名单的公告",
                "/gdb/tzgg/202405/t20240516_8775418.html",
                "2024-05-16",
            ),
            (
                "市国动办召开防空防灾应急演练部署会",
                "/gdb/tzgg/202405/t20240508_8772364.html",
                "2024-05-08",
            ),
            (
                "关于开展人防系统安全生产月活动的通知",
                "/gdb/tzgg/202404/t20240424_8767733.html",
                "2024-04-24",
            ),
            (
                "市国动办2024年政府信息公开工作要点",
                "/gdb/tzgg/202404/t20240411_8763090.html",
                "2024-04-11",
            ),
            (
                "关于人防工程易地建设费减免政策的解读",
                "/gdb/tzgg/202403/t20240327_8758214.html",
                "2024-03-27",
            ),
        ],
        "attachments": [],
    },
    "12_dl-dt-dd-header.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T12,
        "published_at": "2023-11-20",  # not 成文日期 2023年11月16日
        # Labels as in the page source: 索&ensp;引&ensp;号 (the README writes `索 引 号`),
        # 文&emsp;&emsp;号, 名&emsp;&emsp;称.
        "header": [
            ("索\u2002引\u2002号", "43019900-3/2023-1120001"),
            ("信息类别", "部门文件"),
            ("发文单位", "湘滨市人民防空办公室"),
            ("文\u2003\u2003号", "湘滨人防发〔2023〕15号"),
            ("成文日期", "2023年11月16日"),
            ("发布日期", "2023年11月20日"),
            ("公开方式", "主动公开"),
            ("公开程序", "依申请"),
            ("效力状态", "有效"),
            ("责任部门", "指挥通信科"),
            ("名\u2003\u2003称", T12),
        ],
        "unknown_labels": ["公开程序"],  # kept, with key null
        "index_no": "43019900-3/2023-1120001",
        "publisher": "湘滨市人民防空办公室",
        "source": None,
        "editor": None,
        "doc_no": "湘滨人防发〔2023〕15号",
        "written_date": "2023-11-16",
        "body_types": [P, P, H, P, P, P, P, P],
        "headings": ["湘滨市人民防空警报设施管理规定"],
        "first_paragraph": "各区县（市）人防办，市直有关单位：",
        "last_paragraph": "第五条 本规定自2024年1月1日起施行。",
        "body_excludes": ["附件", *BODY_NOISE],
        # In div.xxgk-fj right after the body; root-relative, no base: kept as written.
        "attachments": [
            (
                "湘滨市人民防空警报设施管理规定（全文）",
                "/xxgk/bm/rfb/bmwj/202311/P020231120301122334455.pdf",
                "pdf",
            )
        ],
    },
    "13_span-pairs-header.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T13,
        # 成文日期 2024-08-20 and the signature date are not it; no meta tags, no time of day.
        "published_at": "2024-08-28",
        # Labels: the page writes 索&nbsp;引&nbsp;号, 有&nbsp;效&nbsp;性, 关&nbsp;键&nbsp;词; an
        # NBSP shows as a plain space and the README writes `索 引 号` (labels.display_label
        # turns NBSP into a space on purpose). 文&emsp;&emsp;号 keeps its two emsp.
        "header": [
            ("索 引 号", "CL-MFJ-2024-0000137"),
            ("主题分类", "国防"),
            ("发布机构", "沧澜市民防局"),
            ("文\u2003\u2003号", "沧民防通〔2024〕21号"),
            ("成文日期", "2024-08-20"),
            ("发布日期", "2024-08-28"),
            ("有 效 性", "有效"),
            ("关 键 词", "人防专业队伍；考核；通报"),
        ],
        # README was wrong: it says "no meta tags at all", but the page has
        # <meta name="ColumnName" content="通知通报"> (and SiteName/SiteDomain). What it means
        # holds: no ArticleTitle/PubDate/ContentSource, so nothing but ColumnName as meta_tag.
        "meta_tags": [("ColumnName", "通知通报")],
        "index_no": "CL-MFJ-2024-0000137",
        "publisher": "沧澜市民防局",
        "source": "沧澜市民防局",
        "editor": None,
        "doc_no": "沧民防通〔2024〕21号",
        "written_date": "2024-08-20",
        "body_types": [P, P, H, P, H, P, H, P, S, D],
        "headings": ["一、考核基本情况", "二、存在的主要问题", "三、下一步工作要求"],
        "signatures": ["沧澜市民防局"],
        "dates": ["2024年8月20日"],
        "first_paragraph": "各区民防局，市人防专业队伍各组建单位：",
        "last_paragraph": (
            "各组建单位要对照考核反馈意见逐项整改，于2024年9月30日前将整改情况书面报送"
            "市民防局指挥通信处。"
        ),
        "body_excludes": list(BODY_NOISE),
        "attachments": [],
    },
    "14_text-dump.txt": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T14,
        "published_at": "2024-12-10T16:30",
        "url": "https://www.yunling.gov.cn/zwgk/zfxxgk/gdb/czzj/202412/t20241210_981234.htm",
        "header": [
            ("索 引 号", "YL00208-0900-2024-00042"),
            ("主题分类", "财政、金融、审计"),
            ("发文机关", "云岭县国防动员办公室"),
            ("成文日期", "2024-12-06"),
            ("标 题", T14),
            ("发文字号", "云动办〔2024〕42号"),
            ("发布日期", "2024-12-10"),
            ("有 效 性", "有效"),
        ],
        "index_no": "YL00208-0900-2024-00042",
        "publisher": "云岭县国防动员办公室",
        "source": "云岭县国防动员办公室",
        "editor": None,
        "doc_no": "云动办〔2024〕42号",
        "written_date": "2024-12-06",
        "column": "财政资金",
        "body_types": [P, P, P, P, P, P, P, S, D],
        "signatures": ["云岭县国防动员办公室"],
        "dates": ["2024年12月6日"],
        "first_paragraph": (
            "根据《中华人民共和国人民防空法》和省有关人防工程易地建设费征收管理的规定，现将"
            "2024年1月至11月全县人防工程易地建设费征收情况公示如下："
        ),
        "last_paragraph": (
            "公示期为2024年12月10日至2024年12月16日。如有异议，请在公示期内向县国动办反映。"
        ),
        "body_excludes": ["附件下载", "微信", "QQ空间", "网站地图", "当前位置", *BODY_NOISE],
        "attachments": [],
    },
    "15_pre-textdump.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T15,
        # 发表时间:2024-09-05 10:12 and 发文日期 the same; not 成文日期 2024-09-02.
        "published_at": "2024-09-05T10:12",
        # Labels cut short keep the label as shown (号 twice: 索引号 then 文号; 词; 称).
        # Labels cut short (号, 词, 称) come out restored; each restoration is a repair record
        # (before "号", after "索引号"), checked in tests/test_normalize_document.py.
        "header": [
            ("索引号", "003110598/202409-00071"),
            ("信息分类", "通知公告"),
            ("文号", "淮人防〔2024〕18号"),
            ("是否有效", "有效"),
            ("发布机构", "市人防办(市民防局)"),
            ("成文日期", "2024-09-02"),
            ("生效日期", None),
            ("废止日期", None),
            ("主题分类", "国防"),
            ("体裁分类", "通告"),
            ("服务对象", None),
            ("生命周期", None),
            ("关键词", "防空警报 试鸣"),
            ("发文日期", "2024-09-05 10:12"),
            ("名称", T15),
        ],
        "header_keys": [
            "index_no",
            "category",
            "doc_no",
            "validity",
            "publisher",
            "written_date",
            "effective_date",
            "repeal_date",
            "subject",
            "genre",
            "audience",
            "lifecycle",
            "keywords",
            "issued_at",
            "title",
        ],
        "index_no": "003110598/202409-00071",
        "publisher": "市人防办(市民防局)",
        # The meta line; the trailing 信息来源:市人防办指挥通信科 is a credit line.
        "source": "市人防办(市民防局)",
        "editor": "王",
        "doc_no": "淮人防〔2024〕18号",
        "written_date": "2024-09-02",
        "headings": ["一、试鸣范围", "二、试鸣时间及信号", "三、有关要求", "四、警报信号识别"],
        "signatures": ["市人防办(市民防局)"],
        "dates": ["2024年9月5日"],
        "last_blocks": [(S, "市人防办(市民防局)"), (D, "2024年9月5日")],
        "first_paragraph": (
            "为纪念“九一八”事变93周年，增强全民国防观念和防空意识，检验城市防空警报设施效能，"
            "根据《中华人民共和国人民防空法》和《安徽省实施〈中华人民共和国人民防空法〉办法》"
            "有关规定，经市政府同意，定于2024年9月21日（星期六）上午10:00至10:23在全市范围内"
            "组织防空警报试鸣。现将有关事项通告如下："
        ),
        "last_paragraph": "特此通告。",
        # The (一)…(三) items are paragraphs.
        "paragraphs_containing": [
            "10:00至10:03，鸣放预先警报",
            "10:10至10:13，鸣放空袭警报",
            "10:20至10:23，鸣放解除警报",
        ],
        "body_excludes": ["指挥通信科", "发表时间", "责任编辑", *BODY_NOISE],
        "attachments": [],
    },
    "16_image-only-body_base-href.html": {
        "encoding": "utf-8",
        "kind": "notice",
        "title": T16,
        "published_at": "2024-07-22T09:00",
        "header": [
            ("索引号", "BH-RFB-2024-00019"),
            ("公开类别", "通知公告"),
            ("发布机构", "白河市人民防空办公室"),
            ("发布日期", "2024-07-22"),
            ("文号", "白人防告〔2024〕2号"),
            ("有效性", "有效"),
            ("标题", T16),
        ],
        "index_no": "BH-RFB-2024-00019",
        "publisher": "白河市人民防空办公室",
        "source": "白河市人民防空办公室",
        "editor": None,
        "doc_no": "白人防告〔2024〕2号",
        # Exactly 2 image blocks, no text; src resolved via <base href>.
        "body_types": [IMG, IMG],
        "images": [
            (BAIHE + "W020240722358861104522.jpg", "公告第1页"),
            (BAIHE + "W020240722358861205874.png", "公告第2页"),
        ],
        "attachments": [],
    },
}


# --------------------------------------------------------------------------------------------
# Parser bugs: facts that are right (checked against the page source) but the parser gets
# wrong today. Each runs as a strict xfail.
# --------------------------------------------------------------------------------------------

PARSER_BUGS: dict[tuple[str, str], str] = {}


# --------------------------------------------------------------------------------------------
# Checks: one function per fact name.
# --------------------------------------------------------------------------------------------


@cache
def parsed(page: str) -> Notice:
    return noticecli.parse_file(PAGES / page)


def _grid(notice: Notice) -> list[Any]:
    return [field for field in notice.header if field.origin == "header"]


def _blocks(notice: Notice, kind: str) -> list[str | None]:
    return [norm(block.text) for block in notice.body if block.type == kind]


def _body_text(notice: Notice) -> str:
    return "\n".join(norm(block.text) or "" for block in notice.body)


def _expected_published(value: str) -> str:
    # README writes 2020-05-06T09:33; the parser gives 2020-05-06T09:33:00+08:00.
    return f"{value}:00+08:00" if "T" in value else value


def check_published_at(notice: Notice, expected: str) -> None:
    assert notice.published_at == _expected_published(expected)


def check_header(notice: Notice, expected: list[tuple[str, str | None]]) -> None:
    got = [(field.label, norm(field.value)) for field in _grid(notice)]
    assert got == expected


def check_header_keys(notice: Notice, expected: list[str | None]) -> None:
    assert [field.key for field in _grid(notice)] == expected


def check_unknown_labels(notice: Notice, expected: list[str]) -> None:
    for label in expected:
        matches = [field for field in _grid(notice) if field.label == label]
        assert matches, f"label {label!r} dropped"
        assert all(field.key is None for field in matches)


def check_written_date(notice: Notice, expected: str | None) -> None:
    fields = [field for field in notice.header if field.key == "written_date"]
    if expected is None:
        assert all(field.value is None for field in fields)
        assert notice.fields.get("written_date") is None
    else:
        assert [field.iso for field in fields] == [expected]
    # 成文日期 is never published_at.
    if expected is not None and notice.published_at:
        assert not notice.published_at.startswith(expected)


def check_column(notice: Notice, expected: str) -> None:
    assert norm(notice.fields.get("column")) == expected


def check_meta_tags(notice: Notice, expected: list[tuple[str, str]]) -> None:
    assert [(f.label, norm(f.value)) for f in notice.header if f.origin == "meta_tag"] == expected


def check_body_types(notice: Notice, expected: list[str]) -> None:
    assert [block.type for block in notice.body] == expected


def check_body_counts(notice: Notice, expected: dict[str, int]) -> None:
    assert dict(Counter(block.type for block in notice.body)) == expected


def check_first_paragraph(notice: Notice, expected: str) -> None:
    paragraphs = _blocks(notice, "paragraph")
    assert paragraphs and paragraphs[0] == expected


def check_last_paragraph(notice: Notice, expected: str) -> None:
    paragraphs = _blocks(notice, "paragraph")
    assert paragraphs and paragraphs[-1] == expected


def _pair(notice: Notice, index: int) -> tuple[str, str | None]:
    block = notice.body[index]
    return (block.type, norm(block.text))


def check_first_block(notice: Notice, expected: tuple[str, str]) -> None:
    assert notice.body and _pair(notice, 0) == expected


def check_last_block(notice: Notice, expected: tuple[str, str]) -> None:
    assert notice.body and _pair(notice, -1) == expected


def check_last_blocks(notice: Notice, expected: list[tuple[str, str]]) -> None:
    got = [_pair(notice, i) for i in range(-len(expected), 0)] if notice.body else []
    assert got == expected


def check_blocks_at(notice: Notice, expected: dict[int, tuple[str, str]]) -> None:
    got = {i: _pair(notice, i) for i in expected if i < len(notice.body)}
    assert got == expected


def check_table(notice: Notice, expected: list[list[str]]) -> None:
    tables = [block for block in notice.body if block.type == "table"]
    assert len(tables) == 1
    assert [[norm(cell.text) for cell in row] for row in tables[0].rows or []] == expected


def check_images(notice: Notice, expected: list[tuple[str, str]]) -> None:
    got = [(block.src, block.alt) for block in notice.body if block.type == "image"]
    assert got == expected


def check_body_contains(notice: Notice, expected: list[str]) -> None:
    text = _body_text(notice)
    assert [s for s in expected if s not in text] == []


def check_body_excludes(notice: Notice, expected: list[str]) -> None:
    text = _body_text(notice)
    assert [s for s in expected if s in text] == []


def check_paragraphs_containing(notice: Notice, expected: list[str]) -> None:
    paragraphs = _blocks(notice, "paragraph")
    missing = [s for s in expected if not any(s in (p or "") for p in paragraphs)]
    assert missing == []


def check_repairs(notice: Notice, expected: list[tuple[str, str]]) -> None:
    got = {(repair.before, repair.after) for repair in notice.repairs}
    assert [pair for pair in expected if pair not in got] == []
    # Each record points at the body block that now holds the repaired text.
    for repair in notice.repairs:
        if repair.block is not None:
            assert repair.after in (notice.body[repair.block].text or "")


def check_attachments(notice: Notice, expected: list[tuple[str, str, str]]) -> None:
    got = [(norm(a.name), a.url, a.file_type) for a in notice.attachments]
    assert got == expected


def check_items(notice: Notice, expected: list[tuple[str, str, str]]) -> None:
    got = [(norm(item.title), item.url, item.date) for item in notice.items]
    assert got == expected


def check_warnings_include(notice: Notice, expected: list[str]) -> None:
    codes = {warning.code for warning in notice.warnings}
    assert [code for code in expected if code not in codes] == []


def check_warnings_exclude(notice: Notice, expected: list[str]) -> None:
    codes = {warning.code for warning in notice.warnings}
    assert [code for code in expected if code in codes] == []


def _attribute(name: str) -> Callable[[Notice, Any], None]:
    def check(notice: Notice, expected: Any) -> None:
        value = getattr(notice, name)
        assert (norm(value) if isinstance(value, str) else value) == expected

    return check


def _texts(kind: str) -> Callable[[Notice, list[str]], None]:
    def check(notice: Notice, expected: list[str]) -> None:
        assert _blocks(notice, kind) == expected

    return check


CHECKS: dict[str, Callable[[Notice, Any], None]] = {
    **{
        name: _attribute(name)
        for name in (
            "encoding",
            "kind",
            "title",
            "url",
            "index_no",
            "publisher",
            "source",
            "editor",
            "author",
            "doc_no",
            "views",
        )
    },
    "published_at": check_published_at,
    "header": check_header,
    "header_keys": check_header_keys,
    "unknown_labels": check_unknown_labels,
    "written_date": check_written_date,
    "column": check_column,
    "meta_tags": check_meta_tags,
    "body_types": check_body_types,
    "body_counts": check_body_counts,
    "first_paragraph": check_first_paragraph,
    "last_paragraph": check_last_paragraph,
    "first_block": check_first_block,
    "last_block": check_last_block,
    "last_blocks": check_last_blocks,
    "blocks_at": check_blocks_at,
    "headings": _texts("heading"),
    "bylines": _texts("byline"),
    "signatures": _texts("signature"),
    "dates": _texts("date"),
    "table": check_table,
    "images": check_images,
    "body_contains": check_body_contains,
    "body_excludes": check_body_excludes,
    "paragraphs_containing": check_paragraphs_containing,
    "repairs": check_repairs,
    "attachments": check_attachments,
    "items": check_items,
    "warnings_include": check_warnings_include,
    "warnings_exclude": check_warnings_exclude,
}


def _params() -> list[Any]:
    params = []
    for page, facts in FACTS.items():
        for fact, expected in facts.items():
            marks = []
            if (page, fact) in PARSER_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=PARSER_BUGS[(page, fact)]))
            params.append(pytest.param(page, fact, expected, marks=marks, id=f"{page[:2]}-{fact}"))
    return params


def test_every_page_has_facts() -> None:
    assert sorted(FACTS) == sorted(p.name for p in PAGES.iterdir() if p.is_file())


def test_bug_list_names_real_facts() -> None:
    assert [key for key in PARSER_BUGS if key[1] not in FACTS.get(key[0], {})] == []


@pytest.mark.parametrize(("page", "fact", "expected"), _params())
def test_fact(page: str, fact: str, expected: Any) -> None:
    CHECKS[fact](parsed(page), expected)
