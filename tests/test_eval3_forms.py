"""The general forms a held-out evaluation of issue 9 found (its report, sections B to J):
each rule alone, on a page or text of our own. Fixtures 94-99 hold the same forms whole."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.labels import cut_trailing_widget
from noticecli.models import Notice
from noticecli.parse.bracket_groups import unbracket_meta
from noticecli.parse.lines import is_boilerplate
from noticecli.parse.text import parse_text_dump
from tests.rendering import header_grid_values as _header
from tests.rendering import meta_line_values as _meta
from tests.rendering import paragraphs as _paragraphs

TITLE = "岚溪市国防动员办公室关于开展防空警报试鸣的通告"
FIRST = "为检验防空警报设施的完好率，定于2024年9月18日上午10时进行防空警报试鸣。"
LAST = "试鸣期间，请广大市民保持正常的工作和生活秩序。"


def _text(*head: str, tail: tuple[str, ...] = ()) -> Notice:
    lines = ["岚溪市人民政府", "", TITLE, *head, "", FIRST, "", LAST, "", *tail]
    return noticecli.parse_text("\n".join(lines) + "\n")


def _html(body: str, head: str = "", opening: str = "") -> Notice:
    """A page: ``body`` before the article's container, ``opening`` inside it first."""
    page = (
        f"<html><head><meta charset='utf-8'>{head}</head><body>{body}"
        f"<div class='article-content'>{opening}<p>{FIRST}</p><p>{LAST}</p></div></body></html>"
    )
    return noticecli.parse_html(page)


# --- B: 【…】 meta lines, 信息时间 and other time labels -----------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("【信息时间：2023-06-28 来源：】【我要打印】【关闭】", "信息时间：2023-06-28 来源："),
        ("【发布时间：2023-06-28】【字体：大 中 小】【收藏】", "发布时间：2023-06-28"),
        ("【上级政策解读】安徽省人防办主任解读人防工作", None),  # a title's bracket
        ("【不忘初心 牢记使命】", None),
        ("【打印】【关闭】", None),  # widgets only: no meta line
    ],
)
def test_bracket_groups_are_read_as_a_meta_line(line: str, expected: str | None) -> None:
    assert unbracket_meta(line) == expected


def test_a_bracketed_meta_line_in_a_text_is_the_meta_line_not_the_first_paragraph() -> None:
    notice = _text("【信息时间：2023-06-28 来源：岚溪市国动办】【我要打印】【关闭】")
    assert _meta(notice) == [("信息时间", "2023-06-28"), ("来源", "岚溪市国动办")]
    assert notice.published_at == "2023-06-28"
    assert _paragraphs(notice)[0] == FIRST


def test_a_bracketed_meta_line_broken_over_lines_is_read_as_one() -> None:
    notice = _text("【信息时间：", "2023-06-28", "阅读次数：", "】【我要打印】【关闭】")
    assert _meta(notice) == [("信息时间", "2023-06-28"), ("阅读次数", None)]
    assert _paragraphs(notice)[0] == FIRST


def test_a_bracket_left_open_in_the_text_stays_text() -> None:
    notice = _text("", "【附件：岚溪市人防工程名录", "请各单位对照执行】")
    assert any("【附件" in text for text in _paragraphs(notice))


def test_a_value_ends_at_the_bracket_group_it_closes() -> None:
    assert cut_trailing_widget("】【 我要打印】【 关闭】") == ""
    assert cut_trailing_widget("12】【我要打印】") == "12"
    assert cut_trailing_widget("【责任编辑：王頔】") == "【责任编辑：王頔】"  # opened first
    notice = _html(
        f"<h1>{TITLE}</h1><div class='info'>【信息时间：2023-06-28 阅读次数："
        "<script>document.write(count())</script>】【<a href='#'>我要打印</a>】"
        "【<a href='#'>关闭</a>】</div>"
    )
    assert _meta(notice) == [("信息时间", "2023-06-28"), ("阅读次数", None)]
    assert notice.published_at == "2023-06-28"


@pytest.mark.parametrize("label", ["更新时间", "上传日期", "信息日期"])
def test_a_time_label_of_its_own_under_the_title_is_the_publication_time(label: str) -> None:
    notice = _text(f"{label}：2024-09-10 来源：岚溪市国动办")
    assert notice.published_at == "2024-09-10"
    assert (label, "2024-09-10") in _meta(notice)


@pytest.mark.parametrize("label", ["截止时间", "开标时间", "报名日期", "留言时间"])
def test_a_deadline_or_an_event_time_is_not_the_publication_time(label: str) -> None:
    assert _text(f"{label}：2024-09-10 来源：岚溪市国动办").published_at is None


@pytest.mark.parametrize(
    "meta",
    ["更新时间：2024-09-10 来源：岚溪市国动办", "<span>更新时间：</span><span>2024-09-10</span>"],
)
def test_a_time_label_of_its_own_under_an_html_title_is_the_publication_time(meta: str) -> None:
    notice = _html(f"<h1>{TITLE}</h1><div class='info'>{meta}</div>")
    assert notice.published_at == "2024-09-10"
    assert ("更新时间", "2024-09-10") in _meta(notice)


def test_an_html_deadline_under_the_title_is_not_the_publication_time() -> None:
    notice = _html(f"<h1>{TITLE}</h1><div class='info'>截止时间：2024-09-10</div>")
    assert notice.published_at is None


def test_a_publication_label_beats_a_time_label_of_its_own() -> None:
    notice = _text("更新时间：2024-09-12 发布时间：2024-09-10")
    assert notice.published_at == "2024-09-10"


def test_a_meta_line_in_the_body_container_is_the_meta_line() -> None:
    notice = _html(
        f"<h1>{TITLE}</h1>",
        opening="<p>【信息时间：2023-06-28 来源：岚溪市国动办】【我要打印】【关闭】</p>",
    )
    assert notice.published_at == "2023-06-28"
    assert ("来源", "岚溪市国动办") in _meta(notice)
    assert _paragraphs(notice)[0] == FIRST


def test_a_meeting_notice_opening_with_its_time_keeps_it_as_text() -> None:
    notice = _html(
        f"<h1>{TITLE}</h1>", opening="<p>时间：2024年9月18日上午9时 地点：市国动办三楼会议室</p>"
    )
    assert _paragraphs(notice)[0].startswith("时间：2024年9月18日")


# --- D: titles ------------------------------------------------------------------------------


def test_a_breadcrumbs_continuation_line_is_not_the_title() -> None:
    assert is_boilerplate(">工作动态>图片新闻")
    assert is_boilerplate("» 工作动态 » 图片新闻")
    notice = parse_text_dump(f"您的位置:首页\n>工作动态>图片新闻\n\n{TITLE}\n\n{FIRST}\n")
    assert notice.title == TITLE


def test_a_column_caption_over_the_title_is_not_joined_onto_it() -> None:
    title = "岚溪县2024年义务教育阶段学校招生入学工作方案"
    notice = parse_text_dump(f"义务教育领域\n{title}\n发布时间：2024-05-20\n\n{FIRST}\n")
    assert notice.title == title


def test_an_issuer_over_the_title_is_still_joined() -> None:
    notice = parse_text_dump(
        "岚溪县国防动员办公室\n关于开展防空警报试鸣的通告\n发布时间：2024-05-20\n\n" + FIRST
    )
    assert notice.title == "岚溪县国防动员办公室关于开展防空警报试鸣的通告"


@pytest.mark.parametrize("bracketed", ["( 2024年01月15日 )", "（2024-01-15）", "[2024-01-15]"])
def test_a_bracketed_date_closing_the_title_line_is_the_publication_date(
    bracketed: str,
) -> None:
    notice = noticecli.parse_text(f"{TITLE} {bracketed}\n\n{FIRST}\n")
    assert notice.title == TITLE
    assert notice.published_at == "2024-01-15"
    assert [(f.label, f.origin) for f in notice.header] == [("line 1", "unlabelled")]


@pytest.mark.parametrize("separator", [" · ", " • "])
def test_a_middle_dot_between_spaces_parts_site_and_title(separator: str) -> None:
    notice = _html(
        f"<div>{TITLE}</div>", head=f"<title>岚溪市公共资源交易网{separator}{TITLE}</title>"
    )
    assert notice.title == TITLE


def test_a_meta_title_holding_markup_is_read_as_its_text() -> None:
    head = (
        "<title>岚溪市人民政府</title><meta name='ArticleTitle' "
        "content='岚溪市国动办凝聚奋进力量<div>——人防指挥所建成启用侧记</div>'>"
    )
    notice = _html("<p class='x'>岚溪市国动办凝聚奋进力量</p>", head=head)
    assert notice.title == "岚溪市国动办凝聚奋进力量——人防指挥所建成启用侧记"
    assert notice.fields["title"] == notice.title  # the meta tag's field, cleaned too


def test_a_cells_lone_bold_text_is_a_title_candidate() -> None:
    notice = _html(
        f"<table><tr><td id='tdTitle'><font style='font-size:22px'><b>{TITLE}</b></font></td>"
        "</tr><tr><td>发布时间：2024-09-10</td></tr></table>",
        head="<title>岚溪市公共资源交易网</title>",
    )
    assert notice.title == TITLE


def test_a_bold_label_cell_is_not_a_title_candidate() -> None:
    notice = _html(
        "<table><tr><td><b>项目名称：</b></td><td>岚溪市人防指挥所设备采购</td></tr></table>",
        head="<title>岚溪市公共资源交易网 · 岚溪市人防指挥所设备采购成交公示</title>",
    )
    assert notice.title == "岚溪市人防指挥所设备采购成交公示"


# --- E: pipe cells --------------------------------------------------------------------------


def test_pipe_cells_are_read_as_lines() -> None:
    notice = parse_text_dump(
        f"岚溪区人民政府 |\n|\n|||\n{TITLE} | |||\n发布时间:2024-03-05 | 浏览量:1 | | | |\n|\n"
        f"{FIRST} |\n{LAST} |\n|||\n"
    )
    assert notice.title == TITLE
    assert _meta(notice) == [("发布时间", "2024-03-05"), ("浏览量", "1")]
    assert _paragraphs(notice) == [FIRST, LAST]


def test_a_line_whose_pipes_stand_between_words_is_left_as_it_is() -> None:
    line = "请各单位于9月20日前报送总结 | 逾期不再受理。"
    notice = parse_text_dump(f"{TITLE}\n\n{FIRST}\n\n{line}\n")
    assert _paragraphs(notice)[-1] == line


# --- F: a date after a value's gap ----------------------------------------------------------


def test_a_date_after_a_values_gap_is_the_unlabelled_publication_time() -> None:
    notice = _text("来源:岳阳日报   2012-10-29 09:30")
    assert notice.source == "岳阳日报"
    assert notice.published_at == "2012-10-29T09:30:00+08:00"
    assert [(f.label, f.origin) for f in notice.header if f.origin == "unlabelled"] == [
        ("line 4", "unlabelled")
    ]


def test_a_date_one_space_after_a_value_stays_in_it() -> None:
    notice = _text("来源:岳阳日报 2012-10-29")
    assert notice.source == "岳阳日报 2012-10-29"


# --- G and H: empty labels and widgets in the meta block ------------------------------------


def test_an_empty_label_under_the_title_is_a_null_field_not_the_first_paragraph() -> None:
    notice = _text("来源：岚溪市国动办", "", "访问人次：")
    assert ("访问人次", None) in _meta(notice)
    assert _paragraphs(notice)[0] == FIRST


def test_a_salutation_under_the_title_stays_the_first_paragraph() -> None:
    notice = _text("来源：岚溪市国动办", "", "各乡镇人民政府：")
    assert _paragraphs(notice)[0] == "各乡镇人民政府："


@pytest.mark.parametrize(
    "line", ["选择阅读字号:[ 大 中 小 ]", "阅读字号：【大】【中】【小】", "字体大小：大 中 小"]
)
def test_a_font_size_widget_is_never_a_field(line: str) -> None:
    notice = _text("来源：岚溪市国动办", line)
    assert _meta(notice) == [("来源", "岚溪市国动办")]
    assert not any("大 中 小" in text or "【大】" in text for text in _paragraphs(notice))


def test_a_font_size_label_is_never_a_field_whatever_its_value() -> None:
    notice = _text("来源：岚溪市国动办", "", "选择字号：")
    assert _meta(notice) == [("来源", "岚溪市国动办")]


def test_a_counter_over_a_numbered_line_does_not_take_it_as_its_value() -> None:
    item = "一、项目编号：LXCG-2023-0618"
    notice = _text("来源：岚溪市国动办", "浏览量:", "", item)
    assert ("浏览量", None) in _meta(notice)
    assert any(block.text == item for block in notice.body)


def test_a_font_size_label_in_an_html_meta_line_ends_the_value() -> None:
    notice = _html(
        f"<h1>{TITLE}</h1><div class='info'>来源：岚溪市国动办 选择阅读字号:[ 大 中 小 ]</div>"
    )
    assert _meta(notice) == [("来源", "岚溪市国动办")]


def test_a_font_size_label_in_a_meta_line_ends_the_value() -> None:
    notice = _text("来源：岚溪市国动办 选择阅读字号：大 中 小")
    assert _meta(notice) == [("来源", "岚溪市国动办")]


# --- I: vendor credits and blank lines ------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Produced By 大汉网络 大汉版通发布系统",
        "Powered by SiteServer CMS",
        "技术支持：岚溪某某网络科技有限公司",
    ],
)
def test_a_vendor_credit_is_site_footer(line: str) -> None:
    assert is_boilerplate(line)
    notice = _text("来源：岚溪市国动办", tail=("(岚溪市国动办 王晓明", "", line))
    assert all(line not in (block.text or "") for block in notice.body)
    assert notice.body[-1].text == "(岚溪市国动办 王晓明"


def test_a_sentence_about_a_release_system_is_text() -> None:
    assert not is_boilerplate("关于启用政务信息发布系统的通知")


def test_a_bracketed_credit_is_not_joined_across_a_blank_line() -> None:
    notice = _text(
        "来源：岚溪市国动办", tail=("(岚溪市国动办 王晓明", "", "岚溪市国动办宣传科", "", LAST)
    )
    texts = [block.text for block in notice.body]
    assert "(岚溪市国动办 王晓明" in texts


# --- J: a placeholder midnight --------------------------------------------------------------


def test_a_hidden_midnight_does_not_add_a_time_to_a_shown_date() -> None:
    head = "<meta name='PubDate' content='2024-09-10 00:00:00'>"
    notice = _html(f"<h1>{TITLE}</h1><div class='info'>发布日期：2024-09-10</div>", head=head)
    assert notice.published_at == "2024-09-10"


def test_a_hidden_time_of_day_still_refines_a_shown_date() -> None:
    head = "<meta name='PubDate' content='2024-09-10 09:30:00'>"
    notice = _html(f"<h1>{TITLE}</h1><div class='info'>发布日期：2024-09-10</div>", head=head)
    assert notice.published_at == "2024-09-10T09:30:00+08:00"


# --- C: a colon-labelled grid inside the body container -------------------------------------

_GRID_4 = (
    "<table class='k1'><tr><td class='a7'>索 &nbsp;引 &nbsp;号：</td><td class='b7'>"
    "000014349/2024-00041</td><td class='a7'>发布机构：</td><td class='b7'>岚溪市国动办</td></tr>"
    "<tr><td class='a7'>成文日期：</td><td class='b7'>2024-09-08</td>"
    "<td class='a7'>公开方式：</td><td class='b7'>主动公开</td></tr></table>"
)
_GRID_2 = (
    "<table class='k2'><tr><td class='c1'>索 &nbsp;引 &nbsp;号：</td><td>000014349/2024-00041</td>"
    "</tr><tr><td class='c1'>发布机构：</td><td>岚溪市国动办</td></tr><tr><td class='c1'>成文日期："
    "</td><td>2024-09-08</td></tr><tr><td class='c1'>公开方式：</td><td>主动公开</td></tr></table>"
)
_GRID_FIELDS = [
    ("索 引 号", "000014349/2024-00041"),
    ("发布机构", "岚溪市国动办"),
    ("成文日期", "2024-09-08"),
    ("公开方式", "主动公开"),
]


def _body_text(notice: Notice) -> str:
    parts = []
    for block in notice.body:
        parts.append(block.text or "")
        parts.extend(cell.text for row in block.rows or [] for cell in row)
    return " ".join(parts)


@pytest.mark.parametrize("grids", [_GRID_4, _GRID_2, _GRID_4 + _GRID_2])
def test_a_colon_grid_opening_the_body_is_the_header_read_once(grids: str) -> None:
    notice = _html(f"<h1>{TITLE}</h1>", opening=grids)
    assert _header(notice) == _GRID_FIELDS
    assert "000014349" not in _body_text(notice)
    assert _paragraphs(notice)[0] == FIRST


def test_a_colon_table_after_the_text_stays_in_the_body() -> None:
    page = (
        f"<html><body><h1>{TITLE}</h1><div class='article-content'><p>{FIRST}</p>"
        "<table><tr><td>联系人：</td><td>王伟</td></tr><tr><td>联系电话：</td><td>0871-6612345"
        "</td></tr></table></div></body></html>"
    )
    notice = noticecli.parse_html(page)
    assert "王伟" in _body_text(notice)
    assert not _header(notice)


def test_a_row_of_attachment_links_is_not_a_paragraph() -> None:
    links = "<p><a href='/f/a.pdf'>pdf下载</a>&nbsp;&nbsp;<a href='/f/a.doc'>word下载</a></p>"
    notice = _html(f"<h1>{TITLE}</h1>", opening=f"<p>{FIRST}</p>{links}")
    assert [a.name for a in notice.attachments] == ["pdf下载", "word下载"]
    assert "pdf下载" not in _body_text(notice)


def test_a_line_of_one_attachment_link_stays_text() -> None:
    link = "<p><a href='/f/a.pdf'>《岚溪市人防工程维护管理办法》</a></p>"
    notice = _html(f"<h1>{TITLE}</h1>", opening=f"<p>{FIRST}</p>{link}")
    assert "《岚溪市人防工程维护管理办法》" in _paragraphs(notice)


@pytest.mark.parametrize("button", ["【我要纠错】", "【打印正文】", "【返回顶部】", "【关闭窗口】"])
def test_a_bracketed_meta_line_keeps_its_pairs_beside_any_button_group(button: str) -> None:
    # The button groups a one-line page drops are widgets here too (the two readers share
    # bracket_groups.is_widget_group).
    line = f"【发布时间：2023-06-28 来源：某局】{button}"
    assert unbracket_meta(line) == "发布时间：2023-06-28 来源：某局"


def test_a_title_in_brackets_beside_a_meta_group_is_no_meta_line() -> None:
    assert unbracket_meta("【发布时间：2023-06-28】【不忘初心 牢记使命】") is None
