"""What the text rules of the evening session must not catch (review s4, F1-F4, F11, F12), on
pages of our own: a rule acts on evidence that a line is chrome, a document's head or a
salutation, and the page's own evidence that the line is the notice's wins.

- F1: lines over a dated headline are a side menu only when they look like one (three
  items or more, or two parallel ones); an issuer's name, a title broken over lines and a
  news kicker stay the title's.
- F2: a crumb chain's later crumbs are column names (short, no digit, no document word),
  and a chain with a date or meta line under it, or with no other title under it, is
  the title.
- F3: over a header grid, a title-worded line stays the title; an event's 时间/地点 line
  under a subheading is no publication meta line.
- F4: a label alone takes a 关于… value unless that is a whole document title standing
  where a title stands.
- F11: a run-on line opens with a salutation only when an addressee list stands before
  the colon, not a sentence.
- F12: a signature and its date on one line are a signature and a date, never joined into
  the heading under them.
"""

from __future__ import annotations

import pytest

from noticecli.models import Notice
from noticecli.parse.text_crumbs import is_crumb_chain
from noticecli.parse.text_runon import split_run_on_lines
from tests.rendering import field_map as _fields
from tests.rendering import parse_lines as _parse
from tests.rendering import typed_blocks as _blocks


def _shown(notice: Notice) -> str:
    """Everything the reading shows: the title, the header's values, the body's text."""
    values = [field.value or "" for field in notice.header]
    return "\n".join([notice.title or "", *values, *(text for _, text in _blocks(notice))])


META = "发布时间：2024-11-20 来源：岚州市人防办"
TEXT = "为切实做好冬季人防工程安全管理工作，现就有关事项通知如下。"

# --- F1: a title broken over lines, or a kicker, over the dated headline is no side menu ---


def test_f1_the_issuer_and_a_title_broken_mid_phrase_stay_the_title() -> None:
    notice = _parse(
        "岚州市人民防空办公室",
        "关于做好冬季",
        "人防工程安全检查工作的通知",
        META,
        "",
        "各区县人防办：",
        TEXT,
        "特此通知。",
    )
    assert notice.title == "岚州市人民防空办公室关于做好冬季人防工程安全检查工作的通知"
    assert notice.published_at == "2024-11-20"


@pytest.mark.parametrize(
    ("top", "title"),
    [
        (("关于做好冬季",), "关于做好冬季"),  # 关于… continued on the headline's line
        (("工作动态", "岚州市应急管理局", "关于联合开展冬季"), "岚州市应急管理局关于联合开展冬季"),
        (("关于做好冬季人防工程", "安全检查和"), "关于做好冬季人防工程安全检查和"),  # mid-phrase
    ],
    ids=["guanyu", "caption-issuer-guanyu", "connective"],
)
def test_f1_lines_a_title_joins_are_never_a_menu(top: tuple[str, ...], title: str) -> None:
    notice = _parse(*top, "人防工程安全检查工作的通知", META, "", TEXT)
    assert notice.title == f"{title}人防工程安全检查工作的通知"


def test_f1_a_two_line_kicker_over_the_headline_is_kept() -> None:
    kicker = ("人防宣传周", "防空知识进万家")
    headline = "岚州市开展人防宣传周主题活动"
    notice = _parse(
        *kicker,
        headline,
        "发布时间：2024-09-20 来源：岚州市人防办",
        "",
        "9月16日至20日，岚州市人防办在全市开展人防宣传周活动，发放宣传资料五千余份。",
    )
    assert notice.published_at == "2024-09-20"
    assert notice.title is not None and notice.title.endswith(headline)
    assert all(line in _shown(notice) for line in kicker)


# --- F2: a title with a spaced dash or bar is no crumb chain ----------------------------


def test_f2_a_unit_dash_title_with_no_meta_line_is_the_title() -> None:
    title = "岚州市人民防空办公室 - 2024年度政府信息公开工作年度报告"
    notice = _parse(
        title,
        "",
        "一、总体情况",
        "2024年，岚州市人民防空办公室认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "全面推进政务公开工作。",
    )
    assert notice.title == title


@pytest.mark.parametrize(
    "title",
    ["岚州市人防办 - 2024年防空警报试鸣公告", "岚州市人防办 - 防空警报试鸣公告"],
    ids=["digits", "document-word"],
)
def test_f2_a_unit_dash_title_over_a_date_line_is_the_title(title: str) -> None:
    notice = _parse(
        title,
        "2024-09-18",
        "",
        "根据《岚州市防空警报试鸣规定》，定于2024年9月21日上午10时在全市范围内试鸣防空警报。",
    )
    assert notice.title == title
    assert notice.published_at == "2024-09-18"


def test_f2_a_title_with_a_bar_under_a_breadcrumb_is_kept() -> None:
    line = "防空警报试鸣 | 9月21日上午全市试鸣"
    notice = _parse(
        "当前位置：首页 > 通知公告",
        line,
        "[2024-09-18]",
        "",
        "根据《岚州市防空警报试鸣规定》，定于2024年9月21日上午10时在全市范围内试鸣防空警报。",
    )
    assert line in _shown(notice)


def test_f2_a_column_chain_alone_over_the_text_is_the_title() -> None:
    notice = _parse(
        "岚州市人民防空办公室 - 通知公告",
        "",
        "根据《岚州市防空警报试鸣规定》，定于2024年9月21日上午10时在全市范围内试鸣防空警报。",
    )
    assert notice.title == "岚州市人民防空办公室 - 通知公告"


@pytest.mark.parametrize(
    ("line", "under_breadcrumb"),
    [
        ("岚州市人民防空办公室 - 2024年度政府信息公开工作年度报告", False),
        ("岚州市人防办 - 防空警报试鸣公告", False),  # a document word: a title's
        ("防空警报试鸣 | 9月21日上午全市试鸣", True),  # a digit
        ("岚州市人防办 - 关于开展防空警报试鸣的通告", True),
    ],
)
def test_f2_a_chain_whose_later_crumbs_are_no_column_names_is_no_chain(
    line: str, under_breadcrumb: bool
) -> None:
    assert not is_crumb_chain(line, under_breadcrumb=under_breadcrumb)


# --- F3: the title over the grid; an event's time and place under a subheading ------------

GRID = (
    "索 引 号：11350100MB0417256Q/2024-00031  公开方式：主动公开",
    "发布机构：岚州市人民防空办公室  发布日期：2024-09-10",
)
LECTURE = "为普及防空防灾知识，市人防办将举办防空防灾知识专题讲座，欢迎市民参加。"


def test_f3_a_title_over_the_grid_beats_a_subheading_over_an_event_line() -> None:
    title = "岚州市人民防空办公室关于举办防空防灾知识讲座的预告"
    event = "时间：2024年9月20日上午9时  地点：岚州市图书馆报告厅"
    notice = _parse(title, *GRID, "防空防灾知识专题讲座", event, LECTURE)
    assert notice.title == title
    assert notice.published_at == "2024-09-10"
    assert "地点" not in _fields(notice)
    assert "防空防灾知识专题讲座" in _shown(notice)
    assert "岚州市图书馆报告厅" in _shown(notice)


def test_f3_a_title_worded_line_over_the_grid_is_never_chrome() -> None:
    title = "岚州市人民防空办公室关于举办防空防灾知识讲座的预告"
    notice = _parse(title, *GRID, "防空防灾知识专题讲座", "发布时间：2024-09-10", LECTURE)
    assert notice.title == title
    assert "防空防灾知识专题讲座" in _shown(notice)


@pytest.mark.parametrize(
    "event",
    ["时间：2024年9月20日上午9时  地点：岚州市图书馆报告厅", "时间：2024-09-20 主办：岚州市人防办"],
    ids=["place", "host"],
)
def test_f3_an_event_line_gives_no_headline_under_the_grid(event: str) -> None:
    notice = _parse("岚州市人民防空办公室", *GRID, "防空防灾知识专题讲座", event, LECTURE)
    assert notice.title != "防空防灾知识专题讲座"


# --- F4: a 关于… value in a run of labels stays the label's --------------------------------


def test_f4_a_summary_starting_with_guanyu_stays_its_labels_value() -> None:
    title = "岚州市人民防空办公室关于进一步做好人防工程平时开发利用管理工作的通知"
    notice = _parse(
        "索引号：",
        "11350100MB0417256Q/2024-00031",
        "发布机构：",
        "岚州市人民防空办公室",
        "生成日期：",
        "2024-09-10",
        "内容概述：",
        "关于进一步做好人防工程平时开发利用管理工作",
        "文号：",
        "岚人防〔2024〕31号",
        title,
        "各区县人防办：",
        "为规范人防工程平时开发利用，现就有关事项通知如下。",
        "特此通知。",
    )
    fields = _fields(notice)
    assert notice.title == title
    assert fields["内容概述"] == "关于进一步做好人防工程平时开发利用管理工作"
    assert fields["文号"] == "岚人防〔2024〕31号"


def test_f4_a_request_starting_with_guanyu_stays_its_labels_value() -> None:
    notice = _parse(
        "政府信息公开申请答复书",
        "发布时间：2024-05-08 来源：岚州市人防办",
        "",
        "申请人：",
        "张某某",
        "申请日期：",
        "2024-04-20",
        "申请内容：",
        "关于岚州市2023年人防工程建设情况的信息",
        "答复内容：",
        "经查，您申请公开的信息属于主动公开范围，已在本机关门户网站公开。",
    )
    assert _fields(notice)["申请内容"] == "关于岚州市2023年人防工程建设情况的信息"


# --- F11: a sentence before a colon in a run-on line is no salutation ---------------------

RUN_ON_REST = (
    "一是全面排查辖区内人防工程的防汛设施，对排水泵、防护密闭门逐一检查，发现问题立即整改，"
    "确保汛期安全运行。二是落实值班值守制度，严格执行领导带班和24小时值班制度，遇有险情及时"
    "报告。三是加强宣传教育，利用多种渠道向群众宣传防汛知识。 各地须于6月30日前将排查情况报"
    "市人防办。 特此通知。"
)


@pytest.mark.parametrize(
    "opening",
    ["各区县人防办要高度重视，认真落实以下要求:", "各地在汛期要重点做好以下工作:"],
    ids=["clauses", "verb"],
)
def test_f11_a_sentence_opening_with_ge_is_no_salutation(opening: str) -> None:
    parts = split_run_on_lines([f"{opening} {RUN_ON_REST}"])
    assert parts[0].startswith(f"{opening} 一是")


@pytest.mark.parametrize(
    "salutation",
    [
        "各县（市、区）人民政府，市政府各部门:",
        "各区县人防办，市直各有关单位:",
        "各镇（街道）、县直各单位:",
    ],
)
def test_f11_an_addressee_list_with_commas_is_still_the_salutation(salutation: str) -> None:
    assert split_run_on_lines([f"{salutation} {RUN_ON_REST}"])[0] == salutation


def test_f11_the_sentence_stays_one_paragraph_of_the_page() -> None:
    opening = "各区县人防办要高度重视，认真落实以下要求:"
    notice = _parse(
        "关于做好2024年汛期人防工程安全管理工作的通知",
        "发布时间：2024-05-20 来源：岚州市人防办",
        f"{opening} {RUN_ON_REST}",
    )
    assert all(text != opening for _, text in _blocks(notice))


# --- F12: a signature and its date on one line over the attached plan's title --------------


def test_f12_a_signature_and_date_line_is_never_joined_to_the_heading_under_it() -> None:
    notice = _parse(
        "岚东街道办事处关于印发《岚东街道2024年夏季消防安全检查方案》的通知",
        "发布时间:2024-05-20 来源:岚东街道办事处",
        "各居民区、街道各科室: 现将《岚东街道2024年夏季消防安全检查方案》印发给你们,请各单位结合"
        "辖区实际,认真组织实施,确保检查工作取得实效。检查中发现的重大隐患请及时报街道平安办,由街道"
        "统一协调整改,对拒不整改的依法移交相关部门处理,并在辖区内予以通报。 各居民区须于6月30日前"
        "将检查情况书面报送街道平安办。 特此通知。",
        "岚东街道办事处 2024年5月20日",
        "岚东街道2024年夏季消防安全检查方案",
        "一、检查范围 辖区内居民小区、沿街商铺、人防工程及出租房屋。 二、检查内容 1.消防通道是否"
        "畅通,有无占用、堵塞情况。 2.消防设施是否完好有效,灭火器是否在有效期内。 3.人防工程内是否"
        "堆放易燃易爆物品。 三、工作要求 各居民区要高度重视,明确责任人,逐户逐点开展检查,建立问题"
        "台账,做到发现一处、整改一处、销号一处。",
    )
    blocks = _blocks(notice)
    assert ("heading", "岚东街道2024年夏季消防安全检查方案") in blocks
    at = blocks.index(("heading", "岚东街道2024年夏季消防安全检查方案"))
    assert blocks[at - 2 : at] == [("signature", "岚东街道办事处"), ("date", "2024年5月20日")]


def test_f2_a_chain_shaped_title_over_its_date_line_is_the_title() -> None:
    title = "国防教育 - 全民参与"
    notice = _parse(
        "当前位置：首页 > 新闻中心",
        title,
        "2024-09-18",
        "",
        "全民国防教育日主题活动掠影",
        "",
        "9月21日，岚州市人防办在市民广场开展全民国防教育日宣传活动，发放资料三千余份。",
    )
    assert notice.title == title
    assert notice.published_at == "2024-09-18"


def test_f4_a_whole_title_inside_a_run_of_labels_stays_its_labels_value() -> None:
    notice = _parse(
        "索引号：",
        "11350100MB0417256Q/2024-00031",
        "内容概述：",
        "关于进一步做好人防工程平时开发利用管理工作的通知",
        "文号：",
        "岚人防〔2024〕31号",
        "岚州市人民防空办公室关于进一步做好人防工程平时开发利用管理工作的通知",
        "各区县人防办：",
        "为规范人防工程平时开发利用，现就有关事项通知如下。",
    )
    fields = _fields(notice)
    assert fields["内容概述"] == "关于进一步做好人防工程平时开发利用管理工作的通知"
    assert fields["文号"] == "岚人防〔2024〕31号"
