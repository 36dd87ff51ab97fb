"""Rules from the third round of unseen templates (issue 9): each form as a small page.

Status badges after a title, labels glued to a clock time, a counter's unit alone, a 查看…
link after a value; in text renderings: padded labels, leading image names, a site menu
after the closing widget, a table's caption row, a grid printed twice, a first line over a
paragraph, whole section headings, a damaged signature date and a unit's credit.
"""

from __future__ import annotations

import pytest

import noticecli
from noticecli.labels import cut_trailing_widget, shown_value, split_value_labels
from noticecli.models import Notice
from noticecli.parse.text import parse_text_dump

TITLE = "岚溪市人防指挥所设备维护服务项目竞争性磋商公告"
BODY = "<div class='article-content'><p>岚溪市公共资源交易中心受委托，对本项目进行竞争性磋商，欢迎合格的供应商参加。</p></div>"


def _html_title(head: str, heading: str) -> str | None:
    page = f"<html><head>{head}</head><body>{heading}{BODY}</body></html>"
    return noticecli.parse_html(page).title


# --- a status badge after the title ---------------------------------------------------------


def test_a_coloured_badge_in_the_heading_is_not_title_text() -> None:
    heading = f"<h3>{TITLE}<font color='#2ac36e'>[正在报名]</font></h3>"
    assert _html_title("", heading) == TITLE


def test_a_badge_written_into_title_as_markup_is_dropped_with_its_tags() -> None:
    head = f"<title>{TITLE}<font color='#2ac36e'>[正在报名]</font></title>"
    assert _html_title(head, "") == TITLE


def test_a_classed_span_badge_in_lenticular_brackets_is_dropped() -> None:
    heading = f"<h2 class='detail-title'>{TITLE}<span class='status'>【已结束】</span></h2>"
    assert _html_title("", heading) == TITLE


@pytest.mark.parametrize(
    "heading",
    [
        f"<h3>{TITLE}<span style='color:#999'>（第二次）</span></h3>",  # round brackets: title text
        f"<h3>{TITLE}<span>[正在报名]</span></h3>",  # no colour, no class: not set apart
        f"<h3>{TITLE}<font color='red'>[正在报名]</font>（延期）</h3>",  # text after it
    ],
)
def test_brackets_without_badge_markup_stay_in_the_title(heading: str) -> None:
    title = _html_title("", heading)
    assert title is not None and title.startswith(TITLE) and len(title) > len(TITLE)


def test_a_bracket_opening_the_title_stays() -> None:
    heading = f"<h3>【岚溪市中心】{TITLE}<font color='#2ac36e'>[正在报名]</font></h3>"
    assert _html_title("", heading) == f"【岚溪市中心】{TITLE}"


# --- meta-line values -----------------------------------------------------------------------


def test_a_label_glued_to_the_clock_time_is_split_off() -> None:
    assert split_value_labels("2020-07-16 18:25浏览：次") == ("2020-07-16 18:25", [("浏览", None)])
    assert split_value_labels("2024-07-15 16:20阅读量：12") == (
        "2024-07-15 16:20",
        [("阅读量", "12")],
    )


def test_cjk_after_a_bare_number_is_no_label() -> None:
    # Only a clock time ends a value this way; 8号会议室： inside a value stays text.
    assert split_value_labels("槐柏树街8号会议室：二楼") == ("槐柏树街8号会议室：二楼", [])


def test_a_counter_unit_alone_is_no_value() -> None:
    assert shown_value("次") is None
    assert shown_value("人次") is None
    assert shown_value("12次") == "12次"


def test_a_link_offering_more_after_a_value_is_cut() -> None:
    assert cut_trailing_widget("已结束 查看征集结果") == "已结束"
    assert cut_trailing_widget("已结束 点击查看详情") == "已结束"
    assert cut_trailing_widget("查看") == "查看"  # nothing before it: the value itself


def test_the_meta_line_of_a_trading_centre_page() -> None:
    page = (
        f"<html><body><div class='news-article'><h3>{TITLE}</h3>"
        "<div class='ewb-article-sources'><span></span>发布时间：2024-06-03 09:30<span></span>"
        "浏览：<span id='infoViewCount'></span>次</div>"
        f"<div id='infoContentM'><p>岚溪市公共资源交易中心受委托，对本项目进行竞争性磋商，欢迎合格的供应商参加。</p></div>"
        "</div></body></html>"
    )
    notice = noticecli.parse_html(page)
    fields = [(field.label, field.value) for field in notice.header]
    assert fields == [("发布时间", "2024-06-03 09:30"), ("浏览", None)]


# --- text renderings ------------------------------------------------------------------------


def _fields(notice: Notice) -> list[tuple[str, str | None]]:
    return [("".join(field.label.split()), field.value) for field in notice.header]


def test_labels_padded_to_the_grid_width_are_labels() -> None:
    text = (
        "索  引 号: LX-1 信息分类: 年报\n"
        "文       号: 发文日期: 2024-01-26\n"
        "名       称: 岚溪市国防动员办公室2023年度报告 浏览次数: 3\n"
        "\n岚溪市国防动员办公室2023年度报告\n\n根据条例规定,现公布本办年度报告。\n"
    )
    notice = parse_text_dump(text)
    assert _fields(notice) == [
        ("索引号", "LX-1"),
        ("信息分类", "年报"),
        ("文号", None),
        ("发文日期", "2024-01-26"),
        ("名称", "岚溪市国防动员办公室2023年度报告"),
        ("浏览次数", "3"),
    ]
    assert notice.title == "岚溪市国防动员办公室2023年度报告"


def test_image_names_opening_a_rendering_are_chrome() -> None:
    text = (
        "logo.png\n站名.png\nbutton1.jpg\n\n岚溪市国防动员办公室政府信息公开目录\n\n"
        "本目录是本机关主动公开的政府信息的索引,公民可以据此查阅本机关的政府信息。\n"
    )
    notice = parse_text_dump(text)
    assert notice.attachments == []
    assert notice.title == "岚溪市国防动员办公室政府信息公开目录"
    assert all(".png" not in (block.text or "") for block in notice.body)


def test_image_names_after_the_text_stay_attachments() -> None:
    text = "关于人防工程登记表样式的公告\n\n现将登记表样式公布如下,请自行下载。\n\n附件:\n1.登记表样式.jpg\n"
    notice = parse_text_dump(text)
    assert [attachment.name for attachment in notice.attachments] == ["1.登记表样式.jpg"]


def test_a_site_menu_after_the_closing_widget_is_not_body() -> None:
    text = (
        "岚溪区开展防空警报试鸣活动\n日期:2024-06-05\n\n"
        "6月5日上午10时,岚溪区组织辖区防空警报参加全市试鸣活动。\n\n"
        "扫一扫在手机打开当前页\n\n部门街镇\n\n政务新媒体\n矩阵\n\n公开信箱\n"
    )
    notice = parse_text_dump(text)
    assert [block.text for block in notice.body] == [
        "6月5日上午10时,岚溪区组织辖区防空警报参加全市试鸣活动。"
    ]


def test_text_after_the_closing_widget_that_is_no_menu_stays() -> None:
    text = (
        "岚溪区开展防空警报试鸣活动\n日期:2024-06-05\n\n"
        "6月5日上午10时,岚溪区组织辖区防空警报参加全市试鸣活动。\n\n"
        "扫一扫在手机打开当前页\n\n"
        "各街道同步开展人防知识宣传,发放宣传资料1200余份。\n"
    )
    notice = parse_text_dump(text)
    assert notice.body[-1].text == "各街道同步开展人防知识宣传,发放宣传资料1200余份。"


def test_read_aloud_and_welcome_widgets_are_not_body() -> None:
    text = (
        "欢迎访问岚溪市人民政府网站!\n岚溪区开展防空警报试鸣活动\n日期:2024-06-05\n"
        "语音播报\n语音合成中,请耐心等待...\n进入播报模式\n退出播报模式\n字号: 分享:\n\n"
        "6月5日上午10时,岚溪区组织辖区防空警报参加全市试鸣活动。\n"
    )
    notice = parse_text_dump(text)
    assert notice.title == "岚溪区开展防空警报试鸣活动"
    assert [block.text for block in notice.body] == [
        "6月5日上午10时,岚溪区组织辖区防空警报参加全市试鸣活动。"
    ]


def test_a_table_caption_row_is_the_title() -> None:
    text = "| 权责清单(行政许可类) | |||\n| 序号 | 事项名称 | 权力类型 |\n| 1 | 易地建设审批 | 行政许可 |\n"
    assert parse_text_dump(text).title == "权责清单(行政许可类)"
    assert (
        parse_text_dump("| 序号 | 事项名称 | 权力类型 |\n| 1 | 易地建设审批 | 行政许可 |\n").title
        is None
    )


def test_a_grid_printed_twice_gives_each_field_once_empty_ones_too() -> None:
    grid = "索引号: LX-2\n文号:\n发布日期: 2024-03-12\n"
    text = grid + grid + "关于人防工程专项检查的通知\n\n为加强人防工程维护管理,本办开展专项检查。\n"
    assert _fields(parse_text_dump(text)) == [
        ("索引号", "LX-2"),
        ("文号", None),
        ("发布日期", "2024-03-12"),
    ]


def test_an_empty_label_shown_twice_in_one_grid_is_kept_twice() -> None:
    text = (
        "索引号: LX-3 备注:\n发布日期: 2024-03-20 备注:\n"
        "关于人防宣传周活动的通知\n\n本办定于3月下旬开展人防宣传周活动。\n"
    )
    labels = [label for label, _value in _fields(parse_text_dump(text))]
    assert labels == ["索引号", "备注", "发布日期", "备注"]


def test_a_section_heading_is_whole_and_its_short_line_is_content() -> None:
    text = (
        "关于组织防空警报试鸣的公告\n\n现将有关事项公告如下:\n\n"
        "二、警报试鸣范围\n\n岚溪县城区\n\n(三)警报试鸣信号\n\n预先警报、空袭警报、解除警报各一次。\n"
    )
    blocks = [(block.type, block.text) for block in parse_text_dump(text).body]
    assert ("heading", "二、警报试鸣范围") in blocks
    assert ("paragraph", "岚溪县城区") in blocks
    assert ("heading", "(三)警报试鸣信号") in blocks


@pytest.mark.parametrize("damaged", ["20246月1", "2024年6月1"])
def test_a_damaged_signature_date_closes_the_notice_as_a_date(damaged: str) -> None:
    text = f"关于组织防空警报试鸣的公告\n\n现将有关事项公告如下。\n\n特此公告\n\n岚溪县人民政府\n\n{damaged}\n"
    blocks = parse_text_dump(text).body
    assert [(block.type, block.text) for block in blocks[-2:]] == [
        ("signature", "岚溪县人民政府"),
        ("date", damaged),
    ]


def test_a_units_credit_closing_an_article_is_a_byline() -> None:
    text = (
        "岚溪人防办开展人防工程普查工作\n发布时间:2024年05月14日\n\n"
        "普查范围包括各类单建式人防工程和防空地下室。\n\n(岚溪市人防办:李青 供稿)\n\n【附件下载】\n"
    )
    blocks = [(block.type, block.text) for block in parse_text_dump(text).body]
    assert blocks == [
        ("paragraph", "普查范围包括各类单建式人防工程和防空地下室。"),
        ("byline", "(岚溪市人防办:李青 供稿)"),
    ]


# --- forms the held-out part showed ---------------------------------------------------------


def test_letter_spaced_labels_without_colons_read_as_a_grid() -> None:
    text = (
        "中国政府网 省政府网 English 市人大 市政协\n"
        "索   引   号 20240412-1 分        类 通知公告;\n"
        "文        号 岚国动发〔2024〕6号   上 载 日 期 2024-04-12\n"
        "岚溪市国防动员办公室关于开展检查的通知\n\n各单位:请做好自查。\n"
    )
    notice = parse_text_dump(text)
    assert _fields(notice) == [
        ("索引号", "20240412-1"),
        ("分类", "通知公告;"),
        ("文号", "岚国动发〔2024〕6号"),
        ("上载日期", "2024-04-12"),
    ]
    assert notice.published_at == "2024-04-12"
    assert notice.title == "岚溪市国防动员办公室关于开展检查的通知"


def test_letter_spaced_words_that_open_no_known_label_stay_text() -> None:
    text = "关于开展检查的通知\n\n各单位:请做好自查。\n\n检 查 内 容 人防工程的维护、使用和安全管理情况。\n"
    notice = parse_text_dump(text)
    assert notice.header == []
    assert notice.body[-1].text == "检 查 内 容 人防工程的维护、使用和安全管理情况。"


def test_a_title_over_blank_lines_above_its_meta_line() -> None:
    text = (
        "岚溪市岚东区人民政府\n\n政府信息公开年报\n\n岚东区人民防空办公室2023\n\n"
        "政府信息公开工作年度报告\n\n\n发布时间:2024-01-22\n\n本报告由本办编制。\n"
    )
    notice = parse_text_dump(text)
    assert notice.title == "岚东区人民防空办公室2023政府信息公开工作年度报告"
    assert notice.published_at == "2024-01-22"
    assert [block.text for block in notice.body] == ["本报告由本办编制。"]


def test_a_whole_title_above_its_meta_line_takes_no_column_name() -> None:
    text = "通知公告\n\n岚东区人民防空办公室关于人防宣传月活动的通知\n\n发布时间:2024-03-01\n\n请各街道组织好宣传工作。\n"
    assert parse_text_dump(text).title == "岚东区人民防空办公室关于人防宣传月活动的通知"


def test_a_cell_mark_after_a_line_of_text_is_dropped_a_labels_stays() -> None:
    notice = parse_text_dump(
        "关于在全县试鸣防空警报的通告 |\n|\n县政府决定在全县进行防空警报试鸣。\n"
    )
    assert notice.title == "关于在全县试鸣防空警报的通告"
    grid = parse_text_dump(
        "索引号: | LX-9 |\n公文时效: |\n关于在全县试鸣防空警报的通告\n\n县政府决定试鸣。\n"
    )
    assert ("公文时效", None) in _fields(grid)


def test_a_pop_up_box_after_a_close_button_is_not_body() -> None:
    text = (
        "关于试鸣防空警报的通告\n发布时间:2024-07-01\n\n县政府决定进行防空警报试鸣。\n\n"
        "特此通告。\n\nx\n影响营商环境建设问题线索征集\n"
    )
    assert [block.text for block in parse_text_dump(text).body] == [
        "县政府决定进行防空警报试鸣。",
        "特此通告。",
    ]
