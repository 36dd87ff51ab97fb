"""Forms P and Q of the fifteenth held-out evaluation, on texts of our own.

P: a disclosure grid at the top of a text rendering whose pairs lost their colons (label,
space, value; a known label alone an empty cell) while one pair on a shared line kept its
colon (索引号 <code> 发布日期: <date>). Every pair is a header field; a sentence that opens
with a label word, a body line, a meta line read today and a lone label in the text are not.

Q: the title printed again over a few lines at the top of the text is one heading, and a
unit's name alone under it without a colon, over a sentence naming it again or in a reply,
is the salutation (the first paragraph); an issuer over a subtitle, a unit over a list
item, a heading between paragraphs and a signature are not."""

from __future__ import annotations

import pytest

from noticecli.parse.text_plain_grid import plain_grid_rows, with_plain_grid_colon
from tests.rendering import label_values as _pairs
from tests.rendering import paragraphs as _paragraphs
from tests.rendering import parse_lines as _parse
from tests.rendering import typed_blocks as _typed

HEADLINE = "岚丰镇召开清明节前夕人防安全工作部署会"
TEXT = "3月25日,岚丰镇召开清明节前夕人防安全工作部署会,镇国防动员办公室负责人出席会议。"
MORE = "会议要求,各村要对辖区人防工程开展一次全面检查。"
MIXED = "索引号 lxzf-GK-2025-0043 发布日期: 2025-03-26 14:34"


def test_mixed_grid_is_read_as_the_header() -> None:
    notice = _parse(MIXED, "来源 岚丰镇", "内容概述", "", HEADLINE, "", TEXT, MORE)
    assert _pairs(notice) == [
        ("索引号", "lxzf-GK-2025-0043"),
        ("发布日期", "2025-03-26 14:34"),
        ("来源", "岚丰镇"),
        ("内容概述", None),
    ]
    assert notice.title == HEADLINE
    assert notice.published_at is not None and notice.published_at.startswith("2025-03-26T14:34")
    assert _paragraphs(notice) == [TEXT, MORE]
    assert not any(warning.code == "no_header" for warning in notice.warnings)


def test_one_mixed_row_over_the_headline_is_enough() -> None:
    notice = _parse(MIXED, "", HEADLINE, TEXT)
    assert _pairs(notice) == [("索引号", "lxzf-GK-2025-0043"), ("发布日期", "2025-03-26 14:34")]
    assert notice.title == HEADLINE


def test_colon_pair_first_and_spaced_labels() -> None:
    notice = _parse("发布时间: 2025-04-02 09:15 文 号 岚防通〔2025〕5号", "", HEADLINE, TEXT)
    assert _pairs(notice) == [("发布时间", "2025-04-02 09:15"), ("文 号", "岚防通〔2025〕5号")]


def test_every_label_of_a_mixed_row_gets_its_colon() -> None:
    rows = plain_grid_rows(["索引号 A-1 发布日期: 2025-03-26 来源 岚丰镇", "", HEADLINE, TEXT])
    assert rows == {0: ("索引号", "发布日期", "来源")}
    assert (
        with_plain_grid_colon("索引号 A-1 发布日期: 2025-03-26 来源 岚丰镇", rows[0])
        == "索引号: A-1 发布日期: 2025-03-26 来源: 岚丰镇"
    )


def test_a_changed_line_is_left_as_it_is() -> None:
    for line in ("A-1 发布日期: 2025", "附 索引号 A-1 发布日期: 2025"):
        assert with_plain_grid_colon(line, ("索引号", "发布日期")) == line


@pytest.mark.parametrize(
    "lines",
    [
        # a sentence that opens with a label word, next to a colon pair
        ["来源于群众的意见 发布日期: 2024-01-02", "内容概述", "", TEXT],
        # a meta line read today: every pair kept its colon
        ["来源:岚溪日报 发布日期:2024-01-02", "发布日期前请各单位报送材料", "", TEXT],
        # … and a label alone under it
        ["来源:岚溪日报 发布日期:2024-01-02", "内容概述", "", TEXT],
        # letter-spaced labels that kept their colons: read today, not a mixed row
        ["索 引 号:A-2020-1 发布日期: 2024-01-02", "", HEADLINE, TEXT],
        # a value that is a sentence
        ["来源 群众反映的问题很多。 发布日期: 2024-01-02", "", TEXT],
        # the block with nothing under it
        [MIXED, "来源 岚丰镇"],
    ],
)
def test_what_is_no_mixed_grid(lines: list[str]) -> None:
    assert plain_grid_rows(lines) == {}


def test_meta_line_and_label_sentence_read_as_today() -> None:
    notice = _parse(
        "来源:岚溪日报 发布日期:2024-01-02", HEADLINE, "发布日期前请各单位报送材料。", TEXT
    )
    assert _pairs(notice) == [("来源", "岚溪日报"), ("发布日期", "2024-01-02")]
    assert _paragraphs(notice) == ["发布日期前请各单位报送材料。", TEXT]


def test_rows_in_the_text_are_the_body() -> None:
    lines = [HEADLINE, TEXT, MIXED, "来源 岚丰镇", "内容概述", MORE]
    assert plain_grid_rows(lines) == {}
    notice = _parse(*lines)
    assert notice.header == []
    assert any("内容概述" in (block.text or "") for block in notice.body)


def test_index_sentence_in_the_body_stays_text() -> None:
    notice = _parse(MIXED, "", HEADLINE, TEXT, "索引号为本文件的唯一编号,请妥善保存。")
    assert _paragraphs(notice)[-1] == "索引号为本文件的唯一编号,请妥善保存。"


# --- Q: an addressee line without its colon -----------------------------------------------

REPLY = "岚丰市人民防空办公室关于市政协十四届二次会议第20240123号提案答复的函"
REPEAT = ("关于市政协十四届二次会议", "第20240123号提案", "答复的函")
ADDRESSEE = "致公党岚丰市委员会"
ANSWER = f"{ADDRESSEE}向市政协十四届二次会议提交的《关于加强人防工程管理的提案》收悉。现答复如下:"
NOTICE_TITLE = "岚丰县人民防空办公室关于做好人防工程汛期安全检查工作的通知"
NOTICE_REPEAT = ("关于做好人防工程汛期", "安全检查工作的通知")
META15 = "发布日期: 2024-06-25 来源: 岚丰市人民防空办公室"


def test_reply_repeat_and_addressee() -> None:
    notice = _parse(REPLY, META15, "", *REPEAT, "", ADDRESSEE, "", ANSWER, "", MORE)
    assert _typed(notice)[:3] == [
        ("heading", "".join(REPEAT)),
        ("paragraph", ADDRESSEE),
        ("paragraph", ANSWER),
    ]


def test_addressee_list_in_a_reply_opening_otherwise() -> None:
    units = "市财政局、市住房和城乡建设局"
    notice = _parse(
        REPLY, META15, "", *REPEAT, "", units, "", "你们提交的提案收悉。现答复如下:", "", MORE
    )
    assert _paragraphs(notice)[0] == units


def test_addressee_named_again_outside_a_reply() -> None:
    title = "岚丰县人民防空办公室关于同意岚丰县教育局人防工程拆除的批复"
    text = "岚丰县教育局报来的请示收悉。经研究,同意拆除。"
    repeat = ("关于同意岚丰县教育局人防工程", "拆除的批复")
    notice = _parse(title, META15, "", *repeat, "", "岚丰县教育局", "", text, "", MORE)
    assert _paragraphs(notice)[:2] == ["岚丰县教育局", text]


@pytest.mark.parametrize(
    "lines",
    [
        # not a reply, and the text does not name the unit again: a heading as today
        ["岚丰县人民防空办公室", "", "各地要于6月底前完成自查。", "", MORE],
        # an issuer line over a title in the text
        ["岚丰县人民防空办公室", "", "关于做好人防工程汛期安全检查工作的通知", "", TEXT],
        # a unit's name between paragraphs: a heading of the body
        [TEXT, "", "岚丰县人民防空办公室", "", "岚丰县人民防空办公室将组织抽查。", "", MORE],
        # the unit over a list item
        ["岚丰县人民防空办公室", "", "1.岚丰县人民防空办公室负责技术指导,各单位配合。", "", MORE],
    ],
)
def test_what_is_no_addressee(lines: list[str]) -> None:
    notice = _parse(NOTICE_TITLE, META15, "", *NOTICE_REPEAT, "", *lines)
    headings = [text for kind, text in _typed(notice) if kind == "heading"]
    assert any(text.startswith("岚丰县人民防空办公室") for text in headings)
    assert ("paragraph", "岚丰县人民防空办公室") not in _typed(notice)


def test_signature_at_the_end_stays_one() -> None:
    notice = _parse(
        REPLY, META15, "", ADDRESSEE, "", ANSWER, "", "岚丰市人民防空办公室", "", "2024年6月20日"
    )
    assert _typed(notice)[-2:] == [("signature", "岚丰市人民防空办公室"), ("date", "2024年6月20日")]


@pytest.mark.parametrize(
    "repeat",
    [
        ("关于市政协十四届二次会议", "第20240124号提案", "答复的函"),  # not the title's words
        ("关于市政协十四届二次会议", "第20240123号提案答复的函。"),  # a sentence's end
        ("答复", "的函"),  # too little of the title to be its repeat
        ("关于市政协十四届二次会议", "第20240123号提案"),  # the title's words, not its end
    ],
)
def test_what_is_no_title_repeat(repeat: tuple[str, ...]) -> None:
    notice = _parse(REPLY, META15, "", *repeat, "", TEXT, "", MORE)
    assert ("heading", "".join(part for part in repeat if part)) not in _typed(notice)


@pytest.mark.parametrize(
    "under",
    [
        "关于加强人防工程管理提案的办理说明",  # a subtitle under the issuer, no sentence
        "1.岚丰市人民防空办公室负责人防工程的日常维护。",  # a list item
    ],
)
def test_what_is_no_addressee_in_a_reply(under: str) -> None:
    notice = _parse(REPLY, META15, "", *REPEAT, "", "岚丰市人民防空办公室", "", under, "", TEXT)
    assert ("paragraph", "岚丰市人民防空办公室") not in _typed(notice)
    assert any(text.startswith("岚丰市人民防空办公室") for _, text in _typed(notice))
