"""Must-not cases from the review of the one header-row reader (parse/header_tokens.py):
tables and lines of the text that look like header rows stay the text's, as the page shows
them, and no field is read from them."""

from __future__ import annotations

import noticecli
from noticecli.parse.header_tokens import column_pairs
from tests.rendering import body_texts, field_map, label_values, parse_lines

GRID = (
    "索引号：11623400MB0123456X/2024-00051",
    "发布机构：岚溪县人民防空办公室",
    "发布日期：2024-05-06",
    "",
)
UNIT = "岚溪县人民防空办公室"


# --- a label row over one value row after the text's lead-in is the text's table -------------


def test_one_row_table_after_a_lead_in_stays_as_shown() -> None:
    """现将…如下： opens the text; the schedule under it (时间 主题 over one row) is a table of
    the text, printed as the page shows it, never rewritten as 时间:… 主题:…"""
    notice = parse_lines(
        *GRID,
        f"{UNIT}关于防空警报试鸣的通告",
        "",
        "根据工作安排，现将防空警报试鸣有关事项通告如下：",
        "时间    主题",
        "2024-09-21    防空警报试鸣",
        "届时请广大市民不要惊慌。",
    )
    text = "\n".join(body_texts(notice))
    assert "时间    主题" in text
    assert "2024-09-21    防空警报试鸣" in text
    assert "时间:" not in text
    assert notice.published_at == "2024-05-06"


def test_repealed_documents_table_after_a_lead_in_stays_as_shown() -> None:
    notice = parse_lines(
        *GRID,
        "岚溪县人民政府关于废止部分规范性文件的决定",
        "",
        "经清理，县政府决定废止以下规范性文件：",
        "文件名称    文号    发布日期",
        "岚溪县人民防空工程管理办法    岚政发〔2010〕5号    2010-03-01",
        "本决定自公布之日起施行。",
    )
    assert "岚溪县人民防空工程管理办法    岚政发〔2010〕5号    2010-03-01" in body_texts(notice)
    assert notice.doc_no is None


def test_table_closing_the_text_gives_no_meta_fields() -> None:
    """A 日期 来源 table that ends the text is no meta line: no publication date from it."""
    notice = parse_lines(
        "岚溪县人防办召开专题会议",
        "",
        "5月6日，县人防办召开专题会议，会议材料清单如下：",
        "日期    来源",
        "2024-04-30    县人防办",
    )
    assert notice.published_at is None
    assert label_values(notice) == []
    assert "2024-04-30    县人防办" in " ".join(body_texts(notice))


def test_column_rows_over_the_title_still_read() -> None:
    """The header's own label row over its value row, above the text, is still read."""
    notice = parse_lines(
        "索引号    发布机构    发布日期",
        f"11623400MB0123456X/2024-00054    {UNIT}    2024-05-06",
        "",
        "关于开展人防宣传月活动的通知",
        "",
        "各乡镇：",
        "现就开展宣传月活动通知如下。",
    )
    assert field_map(notice)["发布机构"] == UNIT
    assert notice.title == "关于开展人防宣传月活动的通知"


def test_label_closing_a_line_does_not_open_the_text() -> None:
    """发布单位： with its value on the next line is a header row, not the addressees (…单位：)
    opening the text: the column rows under it are still read."""
    notice = parse_lines(
        "发布单位：",
        UNIT,
        "索引号    发布日期",
        "11623400MB0123456X/2024-00054    2024-05-06",
        "",
        "关于开展人防宣传月活动的通知",
        "",
        "各乡镇：",
        "现就开展宣传月活动通知如下。",
    )
    assert field_map(notice)["索引号"] == "11623400MB0123456X/2024-00054"
    assert notice.published_at == "2024-05-06"


def test_empty_counter_closing_a_row_does_not_open_the_text() -> None:
    """来源：… 浏览次数： (a counter a script had not filled) is a row of pairs, not a lead-in."""
    notice = parse_lines(
        "来源：县人防办  浏览次数：",
        "索引号    发布日期",
        "11623400MB0123456X/2024-00054    2024-05-06",
        "",
        "关于开展人防宣传月活动的通知",
        "",
        "各乡镇：",
        "现就开展宣传月活动通知如下。",
    )
    assert field_map(notice)["索引号"] == "11623400MB0123456X/2024-00054"
    assert notice.published_at == "2024-05-06"


def test_column_rows_left_in_the_body_keep_the_page_lines() -> None:
    """Column rows the header did not take (here under a row whose last label waits for
    its value) stay in the body as the page prints them, never as 索引号:… 发布日期:…"""
    notice = parse_lines(
        f"发布机构：{UNIT}  文号：",
        "岚人防发〔2024〕8号",
        "索引号    发布日期",
        "11623400MB0123456X/2024-00054    2024-05-06",
        "",
        "关于开展人防宣传月活动的通知",
        "",
        "各乡镇：",
        "现就开展宣传月活动通知如下。",
    )
    body = body_texts(notice)
    assert "索引号    发布日期" in body
    assert "11623400MB0123456X/2024-00054    2024-05-06" in body
    assert not any("索引号:" in text for text in body)


# --- a heading under a label row is no value row ---------------------------------------------


def test_heading_under_a_label_row_is_no_value() -> None:
    assert column_pairs("发布机构    发布日期", f"{UNIT}关于人防宣传的通知    2024-05-06") is None
    assert column_pairs("发布机构    发布日期", f"{UNIT}    2024-05-06") == [
        ("发布机构", UNIT),
        ("发布日期", "2024-05-06"),
    ]


def test_html_heading_under_a_label_paragraph_is_no_publisher() -> None:
    html = (
        '<html><head><meta charset="utf-8"><title>人防宣传</title></head><body><div class="zw">'
        "<p>发布机构&nbsp;&nbsp;&nbsp;发布日期</p>"
        f"<p>{UNIT}关于人防宣传的通知&nbsp;&nbsp;&nbsp;2024-05-06</p>"
        "<p>各乡镇：</p><p>请做好人防宣传。</p></div></body></html>"
    )
    notice = noticecli.parse_html(html)
    assert all("通知" not in (field.value or "") for field in notice.header)


# --- a title value is joined only with its own end ------------------------------------------


def test_title_value_not_joined_with_a_column_name() -> None:
    """通知公告 under 名称: a column's name (two document kinds), never the title's end."""
    notice = parse_lines(
        f"名称：{UNIT}2024年工作要点",
        "通知公告",
        "发布日期：2024-03-01",
        "",
        "一、加强人防工程建设。",
    )
    assert notice.title == f"{UNIT}2024年工作要点"


def test_title_value_broken_before_its_kind_still_joined() -> None:
    notice = parse_lines(
        f"名称：{UNIT}关于开展2024年防空警报试鸣",
        "的通告",
        "发布日期：2024-09-01",
        "",
        "全县各单位：",
        "定于9月21日试鸣。",
    )
    assert notice.title == f"{UNIT}关于开展2024年防空警报试鸣的通告"


def test_form_lines_after_the_salutation_not_joined() -> None:
    """Under 各单位： the text has begun: a 名称 line and the short line under it are the
    text's, never joined into one."""
    notice = parse_lines(
        *GRID,
        f"{UNIT}关于报送人防工程信息的通知",
        "",
        "各单位：",
        "请按以下格式填报",
        "名称：某某小区地下人防工程",
        "的通知",
        "发布日期：填写报送日期",
        "以上。",
    )
    body = body_texts(notice)
    assert "名称：某某小区地下人防工程" in body
    assert "的通知" in body


# --- a slash between gaps parts a label from its value on both sides ---------------------------


def test_slash_between_label_and_value_is_no_part_of_the_value() -> None:
    notice = parse_lines(
        f"索引号 / 11623400MB0123456X/2024-00058 / 发布机构 / {UNIT}",
        "文号 / 岚人防发〔2024〕10号 / 发布日期 / 2024-05-06",
        "",
        f"{UNIT}关于人防工程维护的通知",
        "",
        "各单位：",
        "请做好维护。",
    )
    assert label_values(notice)[:4] == [
        ("索引号", "11623400MB0123456X/2024-00058"),
        ("发布机构", UNIT),
        ("文号", "岚人防发〔2024〕10号"),
        ("发布日期", "2024-05-06"),
    ]
    assert notice.published_at == "2024-05-06"


def test_slash_alone_before_a_separator_stays_the_value() -> None:
    """索引号：/ shows there is none: the slash is the value, even before a pipe."""
    notice = parse_lines(
        f"索引号：/ 丨 发布机构：{UNIT}",
        "发布日期：2024-05-06",
        "",
        f"{UNIT}关于人防工程维护的通知",
        "",
        "各单位：",
        "请做好维护。",
    )
    assert field_map(notice)["索引号"] == "/"
