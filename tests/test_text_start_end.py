"""Where a text rendering's article starts and ends (issue 9, the chrome probe): the start by
evidence over the first lines, the chrome above it blanked; the end at a copyright line or a
related-links box after the text. Each rule on a text of our own, with what it must not
catch; fixtures 248 to 255 hold the same forms whole."""

from __future__ import annotations

import pytest

from noticecli.parse.text_end import before_site_end, is_copyright_line, is_related_caption
from noticecli.parse.text_furniture import is_date_widget, is_glued_furniture
from noticecli.parse.text_start import blank_chrome_above_start, is_chrome_line
from tests.rendering import body_texts
from tests.rendering import label_values as _fields
from tests.rendering import parse_lines as _parse

TITLE = "岚川县国动办关于开展2024年防空警报试鸣的通告"
META = "发布时间：2024-08-28 09:30 来源：岚川县国动办"
FIRST = "为增强全民国防观念和防空意识，县国动办定于2024年9月14日上午10时组织防空警报试鸣。"
LAST = "试鸣期间请广大群众保持正常生产生活秩序。"
GRID = (
    "索引号：11330000MB0000000X/2024-00031",
    "发布机构：岚川县国动办",
    "发文日期：2024-08-28",
    "文号：岚国动〔2024〕5号",
)


def _paragraphs(*lines: str) -> list[str | None]:
    return [block.text for block in _parse(*lines).body if block.type == "paragraph"]


# --- the shapes of chrome -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "服务热线：12345",  # an unknown label and a short value
        "咨询电话：0571-7654321",  # a telephone number, though shaped like an index number
        "专题专栏：",  # a caption with its colon
        "欢迎光临本网站！今天是：",  # a caption the label finder cannot read
        "2024年05月01日 星期三",  # a date widget: date and weekday
        "今天是：2024年5月1日 星期三 晴 18~25℃",
        "今天是2024/5/1",
        "某某市人民政府门户网站",  # the site's name
        "岚川县政务网",
        "请输入关键字 搜索",  # a search prompt and its button
        "输入关键词检索",
        "首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流",  # a menu row
        "无障碍浏览 | 长者模式 | 繁体 | English",  # an access toolbar
        "省政府 市政府 市人大 市政协",
        "·",  # a lone bullet
        "——",
    ],
)
def test_chrome_shapes(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        TITLE,
        "岚峰国动:岚峰县国动办开展人防工程安全隐患排查整治行动",  # a title with a colon
        "各单位：",  # a salutation
        "各社区居委会：",
        "尊敬的市民朋友：",
        "2024-05-12",  # a date line: the article's own
        "2024年5月12日",
        "发布时间：2024-08-28",  # a known label
        "公文生成日期:2020-04-28",  # a value with a field's shape
        "备注/文号:厦人防办〔2020〕20号",
        "通 知 公 告",  # a letter-spaced word, no menu
        "| 1 | 城东疏散基地 | 东山镇东风路12号 | 3000 |",  # a table's row
        "[ 主题分类 ] 其他 [ 体裁分类 ] 行政规范性文件",  # a grid's bracketed labels
        "关于启用岚川县人民政府门户网站的通知",  # worded as a title
        "现将有关事项通知如下：",  # a sentence opening a list
    ],
)
def test_not_chrome(line: str) -> None:
    assert not is_chrome_line(line)


def test_a_date_widget_needs_its_weekday_or_today() -> None:
    assert is_date_widget("2024年05月01日 星期三")
    assert is_date_widget("今天是:2025年12月06日")
    assert not is_date_widget("2024年05月01日")  # the article's own date
    assert not is_date_widget("2024年05月01日上午，县国动办组织防空警报试鸣。")


@pytest.mark.parametrize(
    "line",
    [
        "欢迎访问岚溪县人民政府网站!今天是:2024年5月6日 星期一 晴 12℃",
        "欢迎访问岚溪县人民政府网站!今天是 2024年5月6日 农历四月初一 星期一",
        "欢迎访问岚溪县人民政府网站!今天是:2024年5月6日 礼拜一 10:30",
    ],
)
def test_the_date_widget_glued_to_a_greeting_is_read_as_over_the_title(line: str) -> None:
    # One date-widget reader for a chrome line and a glued furniture piece: the weather,
    # the lunar date and the time it adds are the widget's wherever it stands.
    assert is_date_widget(line[line.index("今天是") :])
    assert is_glued_furniture(line)


# --- the article's start ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "服务热线：12345",
        "专题专栏：",
        "欢迎光临本网站！今天是：",
        "2024年05月01日 星期三",
        "某某市人民政府门户网站",
        "请输入关键字 搜索",
        "首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流",
        "·",
    ],
)
def test_a_chrome_line_over_the_title_is_neither_title_field_nor_body(chrome: str) -> None:
    notice = _parse(chrome, TITLE, META, FIRST, LAST)
    assert notice.title == TITLE
    assert notice.published_at == "2024-08-28T09:30:00+08:00"
    assert _fields(notice) == [("发布时间", "2024-08-28 09:30"), ("来源", "岚川县国动办")]
    assert body_texts(notice) == [FIRST, LAST]
    assert not any(warning.code == "no_header" for warning in notice.warnings)


def test_several_chrome_lines_over_the_breadcrumb_and_the_title() -> None:
    lines = [
        "服务热线：12345",
        "2024年05月01日 星期三",
        "某某市人民政府门户网站",
        "请输入关键字 搜索",
        "当前位置：首页 > 通知公告",
        TITLE,
        META,
        FIRST,
    ]
    assert blank_chrome_above_start(list(lines), 0) == [0, 1, 2, 3]
    assert _parse(*lines).title == TITLE


@pytest.mark.parametrize(
    "evidence",
    [
        [META, FIRST],  # the meta line
        ["2024-08-28 09:30 阅读人数:1", FIRST],  # a date line without a label
        ["[岚川县国动办]2024-08-28字号: |", FIRST],  # a date with a unit beside it
        ["各有关单位：", FIRST],  # the salutation
        [FIRST],  # the text
        ["岚国动〔2024〕5号", FIRST],  # the notice's number
    ],
)
def test_the_start_is_a_title_with_evidence_under_it(evidence: list[str]) -> None:
    lines = [
        "服务热线：12345",
        "首页 | 机构概况 | 政务公开 | 政务服务",
        "岚川县国动办开展人防宣传进社区活动",
    ]
    assert blank_chrome_above_start([*lines, *evidence], 0) == [0, 1]


def test_a_title_worded_as_one_needs_no_evidence_under_it() -> None:
    lines = ["2024年05月01日 星期三", "岚川县非煤矿山生产安全事故应急预案", "32px", "22px", FIRST]
    assert blank_chrome_above_start(lines, 0) == [0]


def test_no_evidence_no_change() -> None:
    # No line under a title-shaped line shows where the article starts: nothing is blanked.
    lines = ["服务热线：12345", "岚川县国动办人防宣传", "32px", "22px"]
    assert blank_chrome_above_start(list(lines), 0) == []
    # … nor when chrome stands under the title-shaped line instead of evidence.
    lines = ["某某市人民政府门户网站", "岚川县国动办开展人防宣传活动", "2024年05月01日 星期三"]
    assert blank_chrome_above_start(list(lines), 0) == []


def test_a_label_line_over_a_header_grid_is_its_first_row() -> None:
    # A header-first dump: the label-shaped first line is a field, as read before.
    notice = _parse("服务热线：0571-12345", *GRID, TITLE, FIRST)
    assert _fields(notice)[0] == ("服务热线", "0571-12345")
    assert notice.title == TITLE
    assert blank_chrome_above_start(["服务热线：0571-12345", *GRID, TITLE, FIRST], 0) == []


def test_chrome_over_a_header_grid_and_between_it_and_the_title() -> None:
    lines = ["2024年05月01日 星期三", *GRID, "", "某某市人民政府门户网站", "", TITLE, FIRST]
    assert blank_chrome_above_start(list(lines), 0) == [0, 6]
    notice = _parse(*lines)
    assert notice.title == TITLE
    assert [label for label, _ in _fields(notice)] == ["索引号", "发布机构", "发文日期", "文号"]


def test_a_label_line_under_a_grid_row_is_another_row() -> None:
    lines = [*GRID, "咨询电话：0571-7654321", "", TITLE, FIRST]
    assert blank_chrome_above_start(list(lines), 0) == []
    assert ("咨询电话", "0571-7654321") in _fields(_parse(*lines))


def test_a_form_printed_one_cell_a_line_keeps_its_labels() -> None:
    lines = ["来信内容", "姓  名:", "李**", "信件编码:", "LX2403", "来信时间:", "2024-03-05"]
    lines += [
        "信件标题:",
        "小区人防工程能否作为停车场",
        "信件内容:",
        "你好!我们小区地下有一处人防工程。",
    ]
    assert blank_chrome_above_start(list(lines), 0) == []
    lines = ["留言人:\u3000王**", "留言时间:\u30002024-04-10", "办理状态:\u3000已回复"]
    lines += ["留言标题:\u3000人防车位能否出售", "留言内容:", "请问小区的人防车位开发商可以出售吗?"]
    assert blank_chrome_above_start(list(lines), 0) == []


def test_two_label_lines_alone_make_no_grid() -> None:
    lines = ["服务热线：12345", "专题专栏：", TITLE, META, FIRST]
    assert blank_chrome_above_start(list(lines), 0) == [0, 1]


def test_a_title_with_a_colon_is_the_title() -> None:
    headline = "岚峰国动:岚峰县国动办开展人防工程安全隐患排查整治行动"
    lines = ["某某市人民政府门户网站", headline, "时间:2024-06-18 来源:岚峰县国动办", FIRST]
    assert blank_chrome_above_start(list(lines), 0) == [0]
    assert _parse(*lines).title == headline
    assert blank_chrome_above_start([headline, *lines[2:]], 0) == []


def test_a_salutation_under_the_title_stays_the_first_paragraph() -> None:
    lines = ["首页 | 机构概况 | 政务公开 | 政务服务", TITLE, "各有关单位：", FIRST]
    assert blank_chrome_above_start(list(lines), 0) == [0]
    assert _paragraphs(*lines)[0] == "各有关单位："
    # Without a title the salutation opens the page: no line shows where a title is.
    assert blank_chrome_above_start(["各单位：", "一、关于防空警报试鸣的安排", FIRST], 0) == []


@pytest.mark.parametrize("date", ["2024-05-12", "2024年5月12日"])
def test_a_date_line_of_the_article_is_no_chrome(date: str) -> None:
    lines = [date, "岚川县国动办开展防空警报试鸣活动", FIRST, LAST]
    before = _parse(*lines).to_dict()
    assert blank_chrome_above_start(list(lines), 0) == []
    assert _parse(*lines).to_dict() == before


def test_the_text_ends_the_search_for_the_start() -> None:
    # Lines after the first sentence are the article's: a caption there is no chrome.
    lines = [FIRST, "专题专栏：", TITLE, META]
    assert blank_chrome_above_start(list(lines), 0) == []


# --- the article's end --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Copyright © 2024 某某市人民政府 All Rights Reserved",
        "© 2024 岚川县国动办 版权所有",
        "版权所有：岚川县人民政府 技术支持：岚川县大数据中心",
        "copyright(c) 2024 岚川县人民政府",
    ],
)
def test_copyright_lines(line: str) -> None:
    assert is_copyright_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "宣传资料的版权所有人同意免费印发。",  # a sentence of the text
        "关于保护著作权的通知",
    ],
)
def test_not_copyright_lines(line: str) -> None:
    assert not is_copyright_line(line)


def test_a_copyright_line_and_the_footer_after_the_text_are_no_body() -> None:
    notice = _parse(TITLE, META, FIRST, LAST, "Copyright © 2024 岚川县人民政府", "地址：人民路1号")
    assert body_texts(notice) == [FIRST, LAST]


def test_a_sentence_after_a_copyright_line_keeps_the_body_going() -> None:
    notice = _parse(TITLE, META, FIRST, "Copyright © 2024 岚川县人民政府", LAST)
    assert body_texts(notice) == [FIRST, LAST]  # the line goes, the text after it stays


def test_a_related_links_box_after_the_text_is_no_body() -> None:
    box = ["相关链接：", "关于做好防汛工作的通知", "关于开展安全检查的通知"]
    assert body_texts(_parse(TITLE, META, FIRST, LAST, *box)) == [FIRST, LAST]
    assert is_related_caption("相关链接：")
    assert is_related_caption("【相关文章】")
    assert not is_related_caption("相关链接：http://www.example.gov.cn")


def test_a_related_caption_over_a_sentence_does_not_end_the_text() -> None:
    more = "活动期间如有疑问，请致电县国动办。"
    assert body_texts(_parse(TITLE, META, FIRST, "相关链接：", more)) == [FIRST, more]


def test_the_end_needs_text_before_it() -> None:
    lines = ["", "关于做好防汛工作的通知", FIRST]
    assert before_site_end(lines, 0, 3, {0}) == 3  # nothing shown before the mark
    lines = [FIRST, "", "关于做好防汛工作的通知"]
    assert before_site_end(lines, 0, 3, {1}) == 1
    assert before_site_end([FIRST, "", LAST], 0, 3, {1}) == 3  # a sentence after the mark


def test_a_spaced_menu_line_worded_like_a_title_starts_nothing() -> None:
    # 公开指南 政府信息 holds a title word (指南) but its items are spaced: a menu, no title.
    menu = [
        "公开指南 政府信息",
        "公开目录",
        "依申请公开",
        "政策解读",
        "首页 政务公开",
        "公开指南 政府信息",
    ]
    lines = [*menu, "机构职能", "", "服务热线：12345", "", TITLE, META, FIRST]
    assert blank_chrome_above_start(list(lines), 0) == [8]
    assert _parse(*lines).title == TITLE


def test_a_grid_of_bracketed_labels_is_a_grid_not_a_title() -> None:
    lines = [
        "[ 索引号 ] 115000000000000000/2020-00160 [ 发文字号 ] 岚府办发〔2017〕132号",
        "[ 发布机构 ] 岚川县人民政府办公室",
        "[ 成文日期 ] 2020-10-28 [ 发布日期 ] 2020-10-28",
        "",
        "首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流",
        "",
        TITLE,
        FIRST,
    ]
    assert blank_chrome_above_start(list(lines), 0) == [4]
    assert _parse(*lines).title == TITLE


def test_a_date_line_is_no_title() -> None:
    # A date line with a counter after it is title-like by length, but it starts no title.
    lines = ["某某市人民政府门户网站", "2023-09-14 10:42 阅读人数:1", FIRST]
    assert blank_chrome_above_start(list(lines), 0) == []


def test_an_attachment_caption_is_no_related_box() -> None:
    # 相关文件： over file names lists the notice's attachments: they stay.
    notice = _parse(TITLE, META, FIRST, LAST, "相关文件：", "岚川县防空警报试鸣方案.pdf")
    assert [item.name for item in notice.attachments] == ["岚川县防空警报试鸣方案.pdf"]
    assert not is_related_caption("相关文件：")
