"""The text-dump parser: header labels (cut short, spaced, glued), meta lines, body blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from noticecli.labels import resolve_truncated_label, value_shape
from noticecli.models import Block, Notice
from noticecli.parse.text import parse_text_dump
from tests.conftest import SEED, SHARED

# ../shared beside the repository (the CI clone has it too).
PINGTAN = SHARED / "corpus" / "13_pingtan_xxgk-detail_archiver-textdump.txt"
SEED_TITLE = "【上级政策解读】安徽省人防办党组书记、主任倪玉平解读人防“攻坚行动”"


def _read(path: Path) -> str:
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed() -> Notice:
    return parse_text_dump(_read(SEED))


@pytest.fixture(scope="module")
def pingtan() -> Notice:
    return parse_text_dump(_read(PINGTAN))


def _texts(blocks: list[Block], kind: str) -> list[str]:
    return [block.text or "" for block in blocks if block.type == kind]


# --- the seed page ----------------------------------------------------------------------------


def test_seed_header_grid_field_by_field(seed: Notice) -> None:
    grid = [(f.key, f.label, f.value) for f in seed.header if f.origin == "header"]
    assert grid == [
        ("index_no", "号", "003110598/202005-00043"),
        ("category", "信息分类", "上级政策解读"),
        ("doc_no", "号", None),
        ("validity", "是否有效", "有效"),
        ("publisher", "发布机构", "市人防办(市民防局)"),
        ("written_date", "成文日期", None),
        ("effective_date", "生效日期", None),
        ("repeal_date", "废止日期", None),
        ("subject", "主题分类", "国防"),
        ("genre", "体裁分类", "其他"),
        ("audience", "服务对象", None),
        ("lifecycle", "生命周期", None),
        ("keywords", "词", None),
        ("issued_at", "发文日期", "2020-05-06 09:33"),
        ("title", "称", SEED_TITLE),
    ]


def test_seed_flat_fields(seed: Notice) -> None:
    assert seed.fields == {
        "index_no": "003110598/202005-00043",
        "category": "上级政策解读",
        "doc_no": None,
        "validity": "有效",
        "publisher": "市人防办(市民防局)",
        "written_date": None,
        "effective_date": None,
        "repeal_date": None,
        "subject": "国防",
        "genre": "其他",
        "audience": None,
        "lifecycle": None,
        "keywords": None,
        "issued_at": "2020-05-06 09:33",
        "title": SEED_TITLE,
        "published_at": "2020-05-06 09:33",
        # The meta line's source, not the trailing 信息来源 (first occurrence wins).
        "source": "市人防办(市民防局)",
        "editor": "张",
    }


def test_seed_top_level(seed: Notice) -> None:
    assert seed.kind == "notice"
    assert seed.title == SEED_TITLE
    assert seed.published_at == "2020-05-06 09:33"
    assert seed.source == "市人防办(市民防局)"
    assert seed.editor == "张"
    assert seed.publisher == "市人防办(市民防局)"
    assert seed.index_no == "003110598/202005-00043"
    assert seed.doc_no is None
    assert seed.author is None
    assert seed.views is None


def test_seed_meta_line_and_trailing_source(seed: Notice) -> None:
    meta = [(f.key, f.label, f.value) for f in seed.header if f.origin == "meta_line"]
    assert meta == [
        ("published_at", "发表时间", "2020-05-06 09:33"),
        ("source", "信息来源", "市人防办(市民防局)"),
        ("editor", "责任编辑", "张"),
        ("source", "信息来源", "省人防综合处"),
    ]
    assert not any("省人防综合处" in (block.text or "") for block in seed.body)


def test_seed_truncated_labels_are_recorded(seed: Notice) -> None:
    messages = [w.message for w in seed.warnings if w.code == "truncated_label"]
    assert messages == [
        "label '号' read as 索引号 (value shape: index number)",
        "label '号' read as 文号 (value shape: empty; 索引号 already seen)",
        "label '词' read as 关键词 (value shape: empty)",
        "label '称' read as 名称 (value shape: text)",
    ]
    assert not any(w.code in {"truncated_label_ambiguous", "no_header"} for w in seed.warnings)


def test_seed_body_paragraphs(seed: Notice) -> None:
    paragraphs = _texts(seed.body, "paragraph")
    assert paragraphs[0].startswith("没有重点就没有突破。2020年,省人防办公室党组")
    assert paragraphs[-1].startswith("房地产项目配建的防空地下室因现行法律尚不完善")
    assert paragraphs[-1] == paragraphs[-1].strip()
    assert len(paragraphs) == 21
    # The title repeated under the header is not body text.
    assert all(SEED_TITLE not in (block.text or "") for block in seed.body)
    assert all(block.text and block.text.strip() for block in seed.body)


def test_seed_headings_and_bylines_in_order(seed: Notice) -> None:
    outline = [(b.type, b.text) for b in seed.body if b.type != "paragraph"]
    assert outline == [
        ("heading", "以攻坚行动推进人防高质量发展"),
        ("byline", "安徽省人防办党组书记、主任\xa0 倪玉平"),
        ("heading", "强力备战 扎实开展“四项攻坚”行动"),
        ("byline", "(杨开斌)"),
        ("heading", "压实责任 纵深推进党风廉政建设"),
        ("byline", "(张美银)"),
        # A heading wrapped over two lines is joined into one.
        ("heading", "安徽省人防办案例获评“全国信用承诺书示范样本”"),
        ("byline", "(周义昆)"),
    ]
    assert seed.body[0].type == "heading"
    assert seed.body[-1] == Block(type="byline", text="(周义昆)")


def test_seed_dates_are_not_repaired(seed: Notice) -> None:
    assert any(text.startswith("318日,") for text in _texts(seed.body, "paragraph"))


# --- the pingtan archiver dump ----------------------------------------------------------------


def test_pingtan_flattened_header(pingtan: Notice) -> None:
    assert pingtan.index_no == "PZ00101-1700-2023-00059"
    assert pingtan.doc_no == "岚综管综〔2016〕266号"
    assert pingtan.fields["validity"] == "有效"
    assert pingtan.title == "平潭综合实验区管委会关于废止部分规范性文件的通知"
    # The grid's 发布日期 as shown; normalize() refines it with the same day's time.
    assert pingtan.published_at == "2016-10-26"
    assert pingtan.publisher == "平潭综合实验区管委会办公室"
    assert pingtan.url is not None and pingtan.url.startswith("https://www.pingtan.gov.cn/")
    labels = {f.label: f.value for f in pingtan.header if f.origin == "header"}
    assert labels["索 引 号"] == "PZ00101-1700-2023-00059"
    assert labels["有 效 性"] == "有效"
    assert labels["成文日期"] == "2016-10-26"
    assert any(w.code == "flattened_text" for w in pingtan.warnings)


def test_pingtan_body(pingtan: Notice) -> None:
    text = pingtan.body_text()
    assert pingtan.body[0].text is not None
    assert pingtan.body[0].text.startswith("各片区项目建设指挥部、区直各单位")
    assert "font-family" not in text and "微信" not in text
    assert ("signature", "平潭综合实验区管委会") in [(b.type, b.text) for b in pingtan.body]
    assert ("date", "2016年10月26日") in [(b.type, b.text) for b in pingtan.body]


# --- resolve_truncated_label ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "value", "seen", "expected"),
    [
        ("号", "003110598/202005-00043", set(), "index_no"),
        ("号", "PZ00101-1700-2023-00059", set(), "index_no"),
        ("号", "皖人防〔2020〕12号", set(), "doc_no"),
        ("号", None, set(), "doc_no"),
        ("号", None, {"index_no"}, "doc_no"),
        ("号", "无", {"index_no"}, "doc_no"),
        ("词", None, set(), "keywords"),
        ("词", "人防 攻坚", set(), "keywords"),
        ("称", SEED_TITLE, set(), "title"),
        ("效性", "有效", set(), "validity"),
    ],
)
def test_resolve_truncated_label(
    fragment: str, value: str | None, seen: set[str], expected: str
) -> None:
    key, confidence, candidates = resolve_truncated_label(fragment, value, seen)
    assert key == expected
    assert 0.5 <= confidence < 1.0
    assert expected in candidates


def test_resolve_truncated_label_candidates() -> None:
    assert resolve_truncated_label("号", None, set())[2] == ("index_no", "doc_no")
    assert resolve_truncated_label("张", "x", set()) == (None, 0.0, ())


@pytest.mark.parametrize("value", ["2020-05-06", None])
def test_resolve_truncated_label_ambiguous_date(value: str | None) -> None:
    key, confidence, candidates = resolve_truncated_label("期", value, set())
    assert key is None
    assert confidence == 0.0
    assert {"written_date", "effective_date", "published_at"} <= set(candidates)


def test_resolve_truncated_label_shape_contradicts_position() -> None:
    # 索引号 already seen and the value is index-shaped: no answer is left.
    assert resolve_truncated_label("号", "003110598/202005-00043", {"index_no"})[0] is None


def test_resolve_truncated_label_seen_keys_decide() -> None:
    seen = {"written_date", "effective_date", "repeal_date", "issued_at", "validity_period"}
    assert resolve_truncated_label("期", "2020-05-06", seen)[0] == "published_at"


@pytest.mark.parametrize(
    ("value", "shape"),
    [
        (None, "empty"),
        ("  ", "empty"),
        ("无", "empty"),
        ("2020-05-06 09:33", "date"),
        ("2020年5月6日", "date"),
        ("皖人防〔2020〕12号", "doc_no"),
        ("000014349/2018-00222", "index_no"),
        ("123", "number"),
        ("上级政策解读", "text"),
    ],
)
def test_value_shape(value: str | None, shape: str) -> None:
    assert value_shape(value) == shape


# --- label/value lines ------------------------------------------------------------------------


def test_several_pairs_on_one_line_and_colons() -> None:
    notice = parse_text_dump(
        "索引号：11340000/2020-00001 文号: 皖人防〔2020〕12号 发布机构：市人防办\n"
        "主题分类:国防体裁分类:其他\n\n关于开展检查的通知\n\n正文第一段。\n"
    )
    assert [(f.key, f.value) for f in notice.header] == [
        ("index_no", "11340000/2020-00001"),
        ("doc_no", "皖人防〔2020〕12号"),
        ("publisher", "市人防办"),
        ("subject", "国防"),  # glued cells: a known label ends the previous value
        ("genre", "其他"),
    ]
    assert notice.title == "关于开展检查的通知"
    assert _texts(notice.body, "paragraph") == ["正文第一段。"]


def test_spaced_labels_keep_their_spaces() -> None:
    notice = parse_text_dump("索 引 号： PZ00101-1700-2023-00059 有 效 性： 有效\n\n正文。")
    assert [(f.key, f.label, f.value) for f in notice.header] == [
        ("index_no", "索 引 号", "PZ00101-1700-2023-00059"),
        ("validity", "有 效 性", "有效"),
    ]


def test_empty_values_are_none() -> None:
    notice = parse_text_dump("成文日期:\n号: 是否有效: 有效\n发布机构： 成文日期：\n\n正文。")
    assert [(f.key, f.value) for f in notice.header] == [
        ("written_date", None),
        ("doc_no", None),
        ("validity", "有效"),
        ("publisher", None),
        ("written_date", None),
    ]
    assert "" not in notice.fields.values()


def test_unknown_labels_are_kept() -> None:
    notice = parse_text_dump(
        "索引号：1/2020-1 所属部门： 办公室\n更新时间：2020-01-01 字号：大 中 小\n\n正文。"
    )
    unknown = [(f.key, f.label, f.value) for f in notice.header if f.key is None]
    assert unknown == [
        (None, "所属部门", "办公室"),
        (None, "更新时间", "2020-01-01"),
    ]  # 字号：大 中 小 is the font-size widget: neither a field nor a cut-short 发文字号
    assert notice.fields["所属部门"] == "办公室"
    assert notice.published_at is None
    assert notice.warnings == []


def test_ambiguous_fragment_is_kept_and_warned() -> None:
    notice = parse_text_dump("索引号：1/2020-1\n期: 2020-05-06\n\n正文。")
    field = notice.header[1]
    assert (field.key, field.label, field.value) == (None, "期", "2020-05-06")
    assert notice.fields["期"] == "2020-05-06"
    assert [w.code for w in notice.warnings] == ["truncated_label_ambiguous"]
    assert notice.published_at is None


def test_published_at_prefers_published_over_issued_and_never_written() -> None:
    notice = parse_text_dump("成文日期：2020-05-01 发文日期：2020-05-05\n发布日期：2020-05-06\n\nx")
    assert notice.published_at == "2020-05-06"
    only_written = parse_text_dump("成文日期：2020-05-01 索引号：1/2020-1\n\n正文。")
    assert only_written.published_at is None
    issued = parse_text_dump("成文日期：2020-05-01 发文日期：2020-05-05\n\n正文。")
    assert issued.published_at == "2020-05-05"


def test_meta_line_under_title_without_grid() -> None:
    notice = parse_text_dump(
        "关于开展检查的通知\n\n发布时间：2020-05-06 来源：市政府 浏览次数：123次\n\n"
        "各单位：\n\n现将有关事项通知如下。\n"
    )
    assert notice.title == "关于开展检查的通知"
    assert [(f.key, f.origin) for f in notice.header] == [
        ("published_at", "meta_line"),
        ("source", "meta_line"),
        ("views", "meta_line"),
    ]
    assert notice.views == 123
    # Body lines with colons are text, not labels.
    assert _texts(notice.body, "paragraph") == ["各单位：", "现将有关事项通知如下。"]


# --- body -------------------------------------------------------------------------------------


def test_signature_and_date_at_the_end() -> None:
    notice = parse_text_dump(
        "索引号：1/2020-1\n\n关于开展检查的通知\n\n各单位：\n\n"
        "\u3000\u3000现将有关事项通知如下。\n\n&nbsp;\n\n安徽省人民防空办公室\n\n2020年5月6日\n"
    )
    assert [(b.type, b.text) for b in notice.body] == [
        ("paragraph", "各单位："),
        ("paragraph", "现将有关事项通知如下。"),
        ("signature", "安徽省人民防空办公室"),
        ("date", "2020年5月6日"),
    ]


def test_full_width_paren_byline() -> None:
    notice = parse_text_dump("索引号：1/2020-1\n\n标题在此处\n\n正文一段。\n\n（杨开斌）\n")
    assert notice.body[-1] == Block(type="byline", text="（杨开斌）")


def test_prose_without_structure() -> None:
    notice = parse_text_dump("今天我们召开会议。\n\n会议讨论了三件事：一是预算，二是人事。\n")
    assert notice.header == []
    assert notice.fields == {}
    assert notice.title is None
    assert _texts(notice.body, "paragraph") == [
        "今天我们召开会议。",
        "会议讨论了三件事：一是预算，二是人事。",
    ]
    assert [w.code for w in notice.warnings] == ["no_header"]


def test_salutation_is_not_a_header() -> None:
    notice = parse_text_dump("各位同事：\n\n  今天开会。\n")
    assert notice.header == []
    assert [w.code for w in notice.warnings] == ["no_header"]
    assert _texts(notice.body, "paragraph") == ["各位同事：", "今天开会。"]


def test_a_pre_wrapped_dump_keeps_its_own_address() -> None:
    """The same dump as a .txt file or as an HTML page that is one <pre>: both take the
    page's address from the dump's 原文链接 line when no URL is given."""
    from html import escape

    from noticecli import parse_bytes, parse_html

    dump = (
        Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "14_text-dump.txt"
    ).read_text(encoding="utf-8")
    address = "https://www.yunling.gov.cn/zwgk/zfxxgk/gdb/czzj/202412/t20241210_981234.htm"
    assert parse_bytes(dump.encode("utf-8"), text_dump=True).url == address
    wrapped = f"<html><body><pre>{escape(dump)}</pre></body></html>"
    assert parse_html(wrapped).url == address
    assert (
        parse_html(wrapped, url="http://example.gov.cn/a.html").url
        == "http://example.gov.cn/a.html"
    )


def test_a_salutation_line_after_the_meta_line_opens_the_body() -> None:
    # 各乡镇人民政府：… right under the meta line is the body's first paragraph, not a field.
    notice = parse_text_dump(
        "关于开展2024年防空警报试鸣工作的通告\n"
        "发布日期：2024-09-01 来源：本站\n"
        "各乡镇人民政府：根据有关规定，定于9月18日试鸣防空警报。特此通告。\n"
        "岚溪市人民防空办公室\n"
        "2024年9月1日\n"
    )
    assert (
        notice.body[0].text == "各乡镇人民政府：根据有关规定，定于9月18日试鸣防空警报。特此通告。"
    )
    assert not [field for field in notice.header if field.label == "各乡镇人民政府"]


def test_a_grid_row_of_labels_of_the_page_own_after_the_grid_stays_in_the_grid() -> None:
    # Unknown labels in a row of the grid (no sentence, no blank line before) are fields.
    notice = parse_text_dump(
        "索引号: 000014349/2024-00041  发布机构: 岚溪县应急管理局\n"
        "政策咨询机关: 县应急局  政策咨询电话: 0552-1234567\n"
        "关于做好2024年汛期安全防范工作的通知\n"
        "\n"
        "各乡镇人民政府，县直有关单位：\n"
        "为切实做好汛期安全防范工作，现将有关事项通知如下。\n"
    )
    shown = {field.label: field.value for field in notice.header}
    assert shown["政策咨询机关"] == "县应急局"
    assert shown["政策咨询电话"] == "0552-1234567"
    assert "政策咨询" not in "".join(block.text or "" for block in notice.body)


@pytest.mark.parametrize(
    "date_line", ["二〇〇六年三月五日", "二OO六年三月五日", "二ＯＯ六年三月五日"]
)
def test_a_chinese_numeral_date_with_letter_o_zeros_is_a_date_line_not_title_text(
    date_line: str,
) -> None:
    """A year's zero typed as the letter O (二OO六年) is still a date: the line under the
    title is never joined to it."""
    notice = parse_text_dump(
        f"关于做好防汛工作的通知\n{date_line}\n\n各单位：\n现将有关事项通知如下。\n"
    )
    assert notice.title == "关于做好防汛工作的通知"
    assert date_line in [block.text for block in notice.body]


@pytest.mark.parametrize(
    ("date_line", "published"),
    [
        ("2024年06月04日 打印 关闭", "2024年06月04日"),
        ("2024-06-04 10:30 打印 关闭", "2024-06-04 10:30"),
        ("2024年06月04日 【打印】【关闭】", "2024年06月04日"),
        ("2024-05-01 微信 微博", "2024-05-01"),
    ],
)
def test_a_date_with_widget_words_after_it_under_the_title_is_the_publication_time(
    date_line: str, published: str
) -> None:
    notice = parse_text_dump(
        f"关于做好防汛工作的通知\n{date_line}\n\n各单位：\n现将有关事项通知如下。\n"
    )
    assert notice.title == "关于做好防汛工作的通知"
    assert notice.published_at == published
    assert [block.text for block in notice.body] == ["各单位：", "现将有关事项通知如下。"]


def test_a_date_with_text_after_it_under_the_title_is_no_widget_line() -> None:
    notice = parse_text_dump(
        "关于做好防汛工作的通知\n2024年06月04日 全市召开防汛会议\n\n各单位：\n现将有关事项通知如下。\n"
    )
    assert notice.published_at is None
    assert "2024年06月04日 全市召开防汛会议" in [block.text for block in notice.body]
