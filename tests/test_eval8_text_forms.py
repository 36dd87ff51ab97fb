"""The general forms of text renderings an eighth held-out evaluation of issue 9 found (its
report, forms A to I; H was a judgement call on the facts, no rule): each rule alone, on a
text of our own. Fixtures 210 to 223 hold the same forms whole."""

from __future__ import annotations

import pytest

from noticecli.labels import key_for
from noticecli.models import Notice
from noticecli.parse.text_body import body_blocks
from noticecli.parse.text_edges import (
    before_related_caption,
    is_search_box,
    split_glued_date_text,
)
from noticecli.parse.text_flat import one_line_page_start
from noticecli.parse.text_title import is_suffixed_repeat
from tests.rendering import label_values as _fields
from tests.rendering import parse_lines as _parse

TITLE = "清河县国动办开展防空警报试鸣演练"
FIRST = "9月18日上午,清河县国动办组织全县防空警报试鸣,检验警报设施运行状况。"
LAST = "演练期间全县群众生产生活秩序正常。"


def _paragraphs(notice: Notice) -> list[str | None]:
    return [block.text for block in notice.body if block.type == "paragraph"]


# --- A: a labelled date glued to the first paragraph ------------------------------------------

GLUED = "清河县国动办于9月18日上午组织全县防空警报试鸣,检验警报设施运行状况。"


@pytest.mark.parametrize(
    ("line", "head"),
    [
        (f"发布时间:2025-09-18{GLUED}", "发布时间:2025-09-18"),
        (f"发布日期: 2025年9月18日{GLUED}", "发布日期: 2025年9月18日"),
        (f"时间:2025-09-18 15:20{GLUED}", "时间:2025-09-18 15:20"),
    ],
)
def test_a_date_label_with_a_sentence_glued_on_is_cut_after_the_date(line: str, head: str) -> None:
    assert split_glued_date_text(line) == (head, GLUED)


@pytest.mark.parametrize(
    "line",
    [
        "发布时间:2025-09-18 09:30",  # a time, nothing glued
        "发布时间:2025-09-18访问次数:12",  # a label glued on: split at the label as before
        "发布时间:2025-09-18星期四,天气晴,气温二十五度左右,适宜户外活动。",  # a weekday
        f"文号:2025{GLUED}",  # not a date label
        f"索引号:2025-09-18{GLUED}",
        "发布时间:2025-09-18清河县国动办",  # short: the next value, not a sentence
        f"发布时间:2025-13-45{GLUED}",  # no calendar date
    ],
)
def test_no_cut_for_a_time_a_label_a_weekday_or_a_value_that_is_no_date(line: str) -> None:
    assert split_glued_date_text(line) is None


def test_the_glued_first_paragraph_is_read_and_the_cut_recorded() -> None:
    notice = _parse(TITLE, f"发布时间:2025-09-18{GLUED}", LAST)
    assert _fields(notice) == [("发布时间", "2025-09-18")]
    assert notice.published_at == "2025-09-18"
    assert _paragraphs(notice) == [GLUED, LAST]
    assert "glued_text_split" in [warning.code for warning in notice.warnings]


def test_a_labelled_date_line_inside_the_text_is_not_cut() -> None:
    inner = "时间:2025年10月10日下午,队员们进行了实操考核,全部考核合格。"
    notice = _parse(TITLE, "发布时间:2025-09-18", FIRST, inner, LAST)
    assert inner in _paragraphs(notice)


# --- B: a date-time after a labelled value on the meta line -----------------------------------


def test_a_timed_date_after_the_source_is_the_publication_time() -> None:
    notice = _parse(TITLE, "来源:清河县国动办 2025-06-12 09:30 浏览量:", FIRST, LAST)
    assert notice.published_at == "2025-06-12T09:30:00+08:00"
    assert ("来源", "清河县国动办") in _fields(notice)
    assert ("浏览量", None) in _fields(notice)


def test_a_day_after_the_source_is_its_issue_date() -> None:
    notice = _parse(TITLE, "来源:清河日报 2025-06-11 浏览量:", FIRST, LAST)
    assert ("来源", "清河日报 2025-06-11") in _fields(notice)
    assert notice.published_at is None


def test_a_timed_date_beside_a_labelled_publication_time_stays_in_the_value() -> None:
    notice = _parse(TITLE, "发布时间:2025-06-15 10:20 来源:清河日报 2025-06-14 09:00", FIRST)
    assert ("来源", "清河日报 2025-06-14 09:00") in _fields(notice)
    assert notice.published_at == "2025-06-15T10:20:00+08:00"


def test_a_date_glued_to_a_name_is_no_date_after_it() -> None:
    notice = _parse(TITLE, "来源:2025-06-12 09:30会议纪要 浏览量:", FIRST)
    assert notice.published_at is None


# --- C and D: search boxes and chrome over the title ------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["搜索", "检 索", "站内搜索", "站内检索: 搜索", "全文检索:", "信息检索:查询", "关键词: 搜索"],
)
def test_a_search_box_is_chrome(line: str) -> None:
    assert is_search_box(line)


@pytest.mark.parametrize(
    "line",
    ["关键词: 人防工程 维护管理", "关键词:", "访问量:", "来源:", "可在网站搜索栏查询相关信息。"],
)
def test_a_field_or_a_sentence_is_no_search_box(line: str) -> None:
    assert not is_search_box(line)


def test_a_search_box_over_the_title_does_not_stop_the_title() -> None:
    notice = _parse("站内检索: 搜索", TITLE, "访问量:", FIRST)
    assert notice.title == TITLE
    assert _fields(notice) == [("访问量", None)]
    assert _paragraphs(notice) == [FIRST]


ONE_LINE = (
    f"{TITLE}发布时间:2025-03-02 10:15 {FIRST} "
    + "会议要求,各股室要围绕中心工作,抓好人防工程建设、防空警报建设和人防宣传教育,推动各项工作提质增效。"
    + " 会议强调,要切实加强队伍建设,提升履职能力,严格落实安全生产责任,确保全年各项目标任务落到实处、见到实效。"
    + " 会后,各股室结合实际细化分解了年度任务,明确了责任人和完成时限。"
)


@pytest.mark.parametrize("above", [["首页"], ["欢迎访问清河县国动办"], ["首页", "无障碍"]])
def test_a_one_line_page_is_found_under_short_chrome_lines(above: list[str]) -> None:
    lines = [*above, "", ONE_LINE]
    assert one_line_page_start(lines, 0) == len(above) + 1
    notice = _parse(*lines)
    assert notice.title == TITLE
    assert notice.published_at == "2025-03-02T10:15:00+08:00"
    assert _paragraphs(notice)[0] == FIRST


@pytest.mark.parametrize(
    "above",
    [
        ["各单位:"],  # a label line
        ["近日召开了会议。"],  # a sentence
        ["清河县国动办关于召开年度工作会议有关事项的通知"],  # longer than chrome
    ],
)
def test_text_or_a_field_above_a_long_line_is_not_chrome(above: list[str]) -> None:
    assert one_line_page_start([*above, ONE_LINE], 0) == 0


def test_a_long_line_quoting_a_label_after_a_sentence_is_no_one_line_page() -> None:
    line = "近日,县国动办召开会议。" + "有关人员按发布时间:要求报送材料," * 12
    assert one_line_page_start(["首页", line], 0) == 0


# --- E: a site suffix on the title, shown again without it ------------------------------------


@pytest.mark.parametrize("sep", ["-", "_", "|", "——"])
def test_a_title_with_a_site_suffix_is_the_repeat_plus_a_name(sep: str) -> None:
    assert is_suffixed_repeat(f"{TITLE}{sep}清河县人民政府", TITLE)


@pytest.mark.parametrize(
    ("title", "line"),
    [
        (TITLE, TITLE),  # the same line
        ("凝心聚力 共谱新章——区国动办开展人防宣传", "凝心聚力 共谱新章"),  # a short repeat
        (f"{TITLE}-清河县人民政府发布的通知全文。", TITLE),  # a sentence, not a name
        ("清河县人防工程建设规划2021-2025年", "清河县人防工程建设规划2021"),  # a range
    ],
)
def test_a_dash_of_the_title_itself_is_no_site_suffix(title: str, line: str) -> None:
    assert not is_suffixed_repeat(title, line)


def test_the_repeat_ends_the_title_and_opens_the_meta_line() -> None:
    notice = _parse(
        f"{TITLE}-清河县人民政府",
        "• 索引号:11530000-2025-00012",
        TITLE,
        "来源:清河县国动办 发布时间:2025-04-11 16:20:00 字体大小:",
        FIRST,
    )
    assert notice.title == TITLE
    assert notice.published_at == "2025-04-11T16:20:00+08:00"
    assert ("来源", "清河县国动办") in _fields(notice)
    assert _paragraphs(notice) == [FIRST]


# --- F: review and sign-off status labels ------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("保密审查情况", "secrecy_review"),
        ("保密审核情况", "secrecy_review"),
        ("部门主要负责人审签情况", "head_signoff"),
        ("主要负责人审签", "head_signoff"),
    ],
)
def test_review_and_sign_off_labels_are_known(label: str, key: str) -> None:
    assert key_for(label) == key


def test_status_lines_under_the_title_are_fields() -> None:
    notice = _parse(TITLE, "保密审查情况:已审查", "部门主要负责人审签情况:已审签", "", FIRST)
    assert _fields(notice) == [("保密审查情况", "已审查"), ("部门主要负责人审签情况", "已审签")]
    assert _paragraphs(notice) == [FIRST]


# --- G: a salutation without its colon --------------------------------------------------------

SALUTATION = "各乡镇人民政府、各街道办事处,县直各单位"


def test_addressees_without_a_colon_over_the_first_sentence_are_a_paragraph() -> None:
    blocks = body_blocks([SALUTATION, FIRST, LAST], headings=True)
    assert [block.type for block in blocks] == ["paragraph"] * 3


@pytest.mark.parametrize(
    "lines",
    [
        ["各项工作要求", "1.各使用单位要落实维护管理责任,建立维护管理台账。"],  # over a list
        [FIRST, "", "各项工作要求", "", LAST],  # after the text has begun
        ["各单位", "一、工作要求"],  # over a section heading
    ],
)
def test_a_heading_opening_with_ge_stays_a_heading(lines: list[str]) -> None:
    blocks = body_blocks(lines, headings=True)
    assert any(block.type == "heading" and (block.text or "").startswith("各") for block in blocks)


# --- I: a related-articles caption after the text ---------------------------------------------


@pytest.mark.parametrize("caption", ["相关文章", "相关阅读", "【相关链接】", "推荐阅读:"])
def test_a_related_caption_after_the_text_ends_the_body(caption: str) -> None:
    lines = [FIRST, "", caption, "清河县国动办组织防空警报试鸣"]
    assert before_related_caption(lines, 0, len(lines)) == 2


@pytest.mark.parametrize(
    "lines",
    [
        ["相关文章", FIRST],  # nothing above it
        [FIRST, "相关工作要求", LAST],  # not a caption
        [FIRST, "请阅读相关文章。", LAST],  # in a sentence
    ],
)
def test_no_cut_without_text_above_or_for_other_wording(lines: list[str]) -> None:
    assert before_related_caption(lines, 0, len(lines)) == len(lines)


def test_the_related_box_is_not_body() -> None:
    notice = _parse(
        TITLE, "发布时间:2025-09-18", FIRST, "", "相关文章", "清河县国动办组织防空警报试鸣"
    )
    assert _paragraphs(notice) == [FIRST]
    assert all("相关文章" not in (block.text or "") for block in notice.body)
