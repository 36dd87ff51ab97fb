"""Forms of the eleventh held-out evaluation (report i9eval11b), each with what it must not
catch, on texts of our own: a stale date widget with the site's bookmark links as the first
line, a breadcrumb whose label ends in 是, a greeting worded 欢迎进入…网! (A, B, D); a
``<topic>:<short headline>`` title (C); an empty last list item over a document's head (E); a
red head and document number over the title (F) or over its repeat (G); a salutation run on
into the text (J)."""

from __future__ import annotations

import pytest

import noticecli
from noticecli.parse.doc_head import is_red_head
from noticecli.parse.lines import is_boilerplate
from noticecli.parse.text_furniture import is_date_widget
from noticecli.parse.text_runon import split_run_on_lines
from noticecli.parse.text_title import SHORT_HEADLINE_MIN, is_unit_headline
from tests.conftest import REPO

TITLE = "岚州市开展森林防火宣传进社区活动"
META = "发布时间:2019-07-12 来源:岚州市林业局"
TEXT = "为增强群众森林防火意识,岚州市林业局组织工作人员深入社区开展宣传活动,发放资料五百余份。"


def _read(*lines: str) -> tuple[str | None, str | None, list[str]]:
    notice = noticecli.parse_text("\n".join(lines) + "\n")
    return notice.title, notice.published_at, [block.text or "" for block in notice.body]


@pytest.mark.parametrize(
    "line",
    [
        "2011年11月14日 星期一 设为首页 | 加入收藏",
        "2024年5月1日 设为主页 ｜ 收藏本站",
        "2024年05月01日 星期三 加入收藏夹 / 设为首页",
    ],
)
def test_a_date_widget_with_bookmark_links_is_chrome(line: str) -> None:
    assert is_date_widget(line)
    title, published, body = _read(line, "", TITLE, META, "", TEXT)
    assert (title, published, body) == (TITLE, "2019-07-12", [TEXT])


@pytest.mark.parametrize(
    "line", ["2024-05-01 打印 关闭", "2019年全县防汛工作会议召开", "2024/05/01", "来源:收藏家协会"]
)
def test_a_date_line_or_a_name_with_a_bookmark_word_is_no_widget(line: str) -> None:
    assert not is_date_widget(line)


def test_a_breadcrumb_label_ending_in_shi_is_chrome() -> None:
    crumb = "您当前所在的位置是:岚州林业网>新闻中心>林业动态"
    assert is_boilerplate(crumb)
    assert not is_boilerplate("项目位置:岚州市东湖区人民路")  # a field's label, no crumb label
    title, published, body = _read(crumb, "", TITLE, META, "", TEXT)
    assert (title, published, body) == (TITLE, "2019-07-12", [TEXT])


def test_a_greeting_entering_the_site_is_chrome() -> None:
    greeting = "欢迎进入岚阳县人民政府网!"
    title, published, body = _read(greeting, TITLE, META, "", TEXT)
    assert (title, published, body) == (TITLE, "2019-07-12", [TEXT])


def test_a_headline_welcoming_people_stays_the_title() -> None:
    headline = "欢迎新兵光荣入伍!"
    title, _published, body = _read(headline, META, "", TEXT)
    assert title == headline
    assert body == [TEXT]


# -- C: a <topic>:<short headline> title -------------------------------------------------

SHORT_TITLE = "岚州林业:筑牢“防火墙”"


@pytest.mark.parametrize(
    "above",
    [
        (),
        ("您现在的位置:首页>新闻中心>林业动态", ""),
        ("岚州林业网", "请输入关键字 搜索"),
        ("服务热线：12345", "2024年05月01日 星期三"),
    ],
    ids=["first", "under-crumb", "under-site-name-search", "under-hotline-date-widget"],
)
@pytest.mark.parametrize("under", [META, "2019-07-12"], ids=["meta-line", "date-line"])
def test_c_a_topic_and_short_headline_alone_over_the_meta_line_is_the_title(
    above: tuple[str, ...], under: str
) -> None:
    notice = noticecli.parse_text("\n".join([*above, SHORT_TITLE, under, "", TEXT]) + "\n")
    assert notice.title == SHORT_TITLE
    assert notice.published_at == "2019-07-12"
    assert "岚州林业" not in [field.label for field in notice.header]


@pytest.mark.parametrize("line", ["来源:本网", "作者:张三", "日期:2019-07-12", "留言人:　王**"])
def test_c_a_known_label_or_a_short_value_is_no_headline(line: str) -> None:
    assert not is_unit_headline(line, SHORT_HEADLINE_MIN)


@pytest.mark.parametrize(
    "lines",
    [
        ["索引号:000014349/2024-00037", "专题名称:森林防火", META],
        ["专题名称:森林防火", "发布日期:2019-07-12", "索引号:000014349/2024-00037"],
    ],
    ids=["under-a-row", "over-the-rows"],
)
def test_c_an_unknown_label_inside_a_run_of_label_lines_stays_a_field(lines: list[str]) -> None:
    notice = noticecli.parse_text("\n".join([*lines, "", TEXT]) + "\n")
    assert notice.title is None
    assert ("专题名称", "森林防火") in [(field.label, field.value) for field in notice.header]


# -- E: an empty last item of a list header takes no line under it -------------------------

LIST = ["- 索引号:11410300MB0000000X/2024-00031", "- 发布机构:岚州市岚东街道办事处", "- 有效性:"]
RED_HEAD = "岚州市岚东街道办事处文件"
NUMBER = "岚东办〔2024〕3号"
DOC_TITLE = "关于印发《岚东街道人防工程安全检查工作方案》的通知"
SALUTATION = "各社区居民委员会、街道各科室:"


@pytest.mark.parametrize(
    "under",
    [RED_HEAD, NUMBER, "岚州市岚东街道办事处", ""],
    ids=["red-head", "number", "issuer", "blank-then-issuer"],
)
def test_e_an_empty_last_list_item_takes_no_line_under_it(under: str) -> None:
    lines = [*LIST, "- 文件状态:", under] + (["岚州市岚东街道办事处"] if not under else [])
    notice = noticecli.parse_text("\n".join([*lines, DOC_TITLE, SALUTATION, TEXT]) + "\n")
    fields = {field.label: field.value for field in notice.header}
    assert fields["文件状态"] is None


def test_e_an_empty_last_label_of_a_grid_takes_no_red_head() -> None:
    lines = ["索引号:11410300MB0000000X/2024-00031", "发布机构:岚州市岚东街道办事处", "有效性:"]
    notice = noticecli.parse_text("\n".join([*lines, RED_HEAD, DOC_TITLE, SALUTATION, TEXT]) + "\n")
    fields = {field.label: field.value for field in notice.header}
    assert fields["有效性"] is None


def test_e_an_empty_last_label_of_one_line_fields_takes_nothing_across_a_blank() -> None:
    lines = ["索引号:11410300MB0000000X/2024-00031", "发布机构:岚州市岚东街道办事处", "有效性:"]
    notice = noticecli.parse_text("\n".join([*lines, "", "岚东街道", DOC_TITLE, TEXT]) + "\n")
    fields = {field.label: field.value for field in notice.header}
    assert fields["有效性"] is None


def test_e_a_grid_of_labels_over_their_values_keeps_its_last_value() -> None:
    lines = ["索引号:", "11410300MB0000000X/2024-00045", "发文字号:", NUMBER, "文件状态:", "有效"]
    notice = noticecli.parse_text("\n".join([*lines, DOC_TITLE, SALUTATION, TEXT]) + "\n")
    fields = {field.label: field.value for field in notice.header}
    assert (fields["文件状态"], fields["发文字号"]) == ("有效", NUMBER)


# -- F: a red head and the document number over the title ---------------------------------


@pytest.mark.parametrize(
    "head",
    [
        (RED_HEAD, NUMBER),
        ("岚 州 市 岚 东 街 道 办 事 处 文 件", NUMBER),
        (f"{RED_HEAD} {NUMBER}",),
    ],
    ids=["two-lines", "letter-spaced", "one-line"],
)
def test_f_a_document_head_over_the_title_is_no_title(head: tuple[str, ...]) -> None:
    lines = [*LIST, "- 文件状态:", *head, DOC_TITLE, SALUTATION, TEXT]
    notice = noticecli.parse_text("\n".join(lines) + "\n")
    assert notice.title == DOC_TITLE
    assert [(block.type, block.text) for block in notice.body[: len(head) + 1]] == [
        *[("heading", line) for line in head],
        ("paragraph", SALUTATION),
    ]


@pytest.mark.parametrize(
    "line",
    ["关于转发省人防办文件的通知", "岚州市人民政府的文件", "岚州市人民政府文件汇编"],
)
def test_f_a_title_ending_in_file_is_no_red_head(line: str) -> None:
    assert not is_red_head(line)


# -- G: the title repeated under a document head ------------------------------------------


def _document(*head: str) -> list[tuple[str, str | None]]:
    lines = [TITLE, META, *LIST, *head, SALUTATION, TEXT]
    return [(block.type, block.text) for block in noticecli.parse_text("\n".join(lines)).body]


def test_g_the_title_repeated_under_a_document_head_is_passed_over() -> None:
    body = _document(RED_HEAD, NUMBER, TITLE)
    assert body[:3] == [("heading", RED_HEAD), ("heading", NUMBER), ("paragraph", SALUTATION)]


def test_g_a_number_over_the_repeat_is_no_field() -> None:
    notice = noticecli.parse_text("\n".join([TITLE, META, NUMBER, TITLE, SALUTATION, TEXT]))
    assert notice.doc_no is None
    assert notice.body[0].text == NUMBER


def test_g_a_document_head_over_another_headline_is_kept_whole() -> None:
    other = "关于做好森林防火宣传工作的通知"
    body = _document(RED_HEAD, NUMBER, other)
    assert body[:4] == [
        ("heading", RED_HEAD),
        ("heading", NUMBER),
        ("heading", other),
        ("paragraph", SALUTATION),
    ]


def test_g_a_line_holding_the_title_is_no_repeat() -> None:
    holding = f"为配合{TITLE}的实施,请各单位做好宣传工作。"
    body = _document(RED_HEAD, NUMBER, holding)
    assert ("paragraph", holding) in body


# -- J: a salutation run on into the text --------------------------------------------------

RUN_ON = (
    "现将《岚东街道2024年夏季消防安全检查方案》印发给你们,请各单位结合辖区实际,认真组织实施,"
    "确保检查工作取得实效。检查中发现的重大隐患请及时报街道平安办,由街道统一协调整改,对拒不整改的"
    "依法移交相关部门处理,并在辖区内予以通报。 各居民区须于6月30日前将检查情况书面报送街道平安办。"
    " 特此通知。"
)
PLAN = (
    "一、检查范围 辖区内居民小区、沿街商铺、人防工程及出租房屋。 二、检查内容 1.消防通道是否畅通,"
    "有无占用、堵塞情况。 2.消防设施是否完好有效,灭火器是否在有效期内。 3.人防工程内是否堆放易燃易爆"
    "物品。 三、工作要求 各居民区要高度重视,明确责任人,逐户逐点开展检查,建立问题台账,做到发现一处、"
    "整改一处、销号一处。"
)


def test_j_each_run_on_line_is_cut_when_no_other_paragraph_line_stands() -> None:
    lines = [f"{SALUTATION} {RUN_ON}", "岚东街道办事处 2024年5月20日", "检查方案", PLAN]
    assert split_run_on_lines(lines) == [
        SALUTATION,
        RUN_ON.split(" ")[0],
        "各居民区须于6月30日前将检查情况书面报送街道平安办。",
        "特此通知。",
        "岚东街道办事处 2024年5月20日",
        "检查方案",
        "一、检查范围 辖区内居民小区、沿街商铺、人防工程及出租房屋。",
        "二、检查内容 1.消防通道是否畅通,有无占用、堵塞情况。",
        "2.消防设施是否完好有效,灭火器是否在有效期内。",
        "3.人防工程内是否堆放易燃易爆物品。",
        "三、工作要求 各居民区要高度重视,明确责任人,逐户逐点开展检查,建立问题台账,"
        "做到发现一处、整改一处、销号一处。",
    ]


def test_j_a_paragraph_line_of_its_own_keeps_run_on_lines_whole() -> None:
    paragraph = "试鸣期间,街道干部职工分赴各警报点现场值守,逐点记录鸣响情况。"
    lines = [f"{SALUTATION} {RUN_ON}", paragraph, PLAN]
    assert split_run_on_lines(lines) == lines


@pytest.mark.parametrize("opening", ["具体安排如下:", "电话:", "发布单位:", "联系人:"], ids=str)
def test_j_a_colon_in_a_sentence_or_a_label_is_no_salutation(opening: str) -> None:
    line = f"{opening} {RUN_ON}"
    assert split_run_on_lines([line])[0].startswith(f"{opening} 现将")


@pytest.mark.parametrize(
    "between",
    ["首页 | 机构概况 | 政务公开 | 政务服务", "请输入关键字 搜索"],
    ids=["menu", "search"],
)
def test_f_site_chrome_between_the_head_and_the_title_is_passed_over(between: str) -> None:
    # … and between a grid and its title (the chrome probe's line over the title)
    lines = [*LIST, "- 文件状态:", RED_HEAD, NUMBER, "", between, "", DOC_TITLE, SALUTATION, TEXT]
    notice = noticecli.parse_text("\n".join(lines) + "\n")
    assert notice.title == DOC_TITLE
    assert [block.text for block in notice.body[:3]] == [RED_HEAD, NUMBER, SALUTATION]


def test_f_a_red_head_with_no_title_under_it_stays_in_the_body() -> None:
    lines = [*LIST, "- 文件状态:", RED_HEAD, NUMBER, SALUTATION, TEXT]
    notice = noticecli.parse_text("\n".join(lines) + "\n")
    assert notice.title is None
    assert [block.text for block in notice.body[:3]] == [RED_HEAD, NUMBER, SALUTATION]


def test_site_chrome_between_a_grid_and_its_title_is_passed_over() -> None:
    # Fixture 273's page with the chrome probe's menu line over its title.
    page = (
        REPO / "fixtures/pages/273_rendering_two-line-grid-last-value_title-ending-in-file_twin.txt"
    )
    lines = page.read_text(encoding="utf-8").split("\n")
    title = "关于转发省人防办文件的通知"
    at = lines.index(title)
    menu = ["", "首页 | 机构概况 | 政务公开 | 政务服务", ""]
    assert noticecli.parse_text("\n".join([*lines[:at], *menu, *lines[at:]])).title == title
