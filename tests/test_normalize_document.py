"""normalize() on whole notices: repair records, --no-repair, recoverability, labels."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

import noticecli
from noticecli.models import Notice, Repair
from noticecli.repair.document import normalize
from tests.conftest import PAGES

SEED_PAGE = PAGES / "01_anhui-rfb_xxgk-detail_spaced-labels.html"
PRE_DUMP = PAGES / "15_pre-textdump.html"


def _text_at(notice: Notice, repair: Repair) -> str:
    if repair.block is not None:
        block = notice.body[repair.block]
        if repair.field is None:
            return block.text or ""
        row, cell = map(int, re.findall(r"\d+", repair.field))
        return (block.rows or [])[row][cell].text
    if repair.field == "title":
        return notice.title or ""
    index = int(re.findall(r"\d+", repair.field or "")[0])
    field = notice.header[index]
    return field.label if (repair.field or "").endswith(".label") else field.value or ""


def _undo(notice: Notice) -> Notice:
    """Apply the repair records in reverse: what the parser produced comes back."""
    restored = copy.deepcopy(notice)
    for repair in reversed(restored.repairs):
        current = _text_at(restored, repair)
        shift = sum(
            len(other.after) - len(other.before)
            for other in restored.repairs
            if other is not repair
            and (other.field, other.block) == (repair.field, repair.block)
            and other.start < repair.start
        )
        start = repair.start + shift
        assert current[start : start + len(repair.after)] == repair.after
        _store(
            restored, repair, current[:start] + repair.before + current[start + len(repair.after) :]
        )
    return restored


def _store(notice: Notice, repair: Repair, text: str) -> None:
    if repair.block is not None:
        block = notice.body[repair.block]
        if repair.field is None:
            block.text = text
        else:
            row, cell = map(int, re.findall(r"\d+", repair.field))
            (block.rows or [])[row][cell].text = text
    elif repair.field == "title":
        notice.title = text
    else:
        index = int(re.findall(r"\d+", repair.field or "")[0])
        if (repair.field or "").endswith(".label"):
            notice.header[index].label = text
        else:
            notice.header[index].value = text


def test_seed_page_repairs_exactly_the_three_damaged_dates() -> None:
    notice = noticecli.parse_file(SEED_PAGE)
    assert [(r.before, r.after, r.rule) for r in notice.repairs] == [
        ("327日", "3月27日", "date.month_day_missing_yue"),
        ("318日", "3月18日", "date.month_day_missing_yue"),
        ("20199月", "2019年9月", "date.year_month_missing_nian"),
    ]
    assert all(r.block is not None and r.field is None for r in notice.repairs)
    assert "3月27日，全省人防" in notice.body_text()
    assert "于2019年9月在济南" in notice.body_text()


@pytest.mark.parametrize("page", [SEED_PAGE, PRE_DUMP], ids=["html", "pre-dump"])
def test_original_text_is_recoverable_from_the_records(page: Path) -> None:
    repaired = noticecli.parse_file(page)
    unrepaired = noticecli.parse_file(page, repair=False)
    assert repaired.repairs
    restored = _undo(repaired)
    assert [b.text for b in restored.body] == [b.text for b in unrepaired.body]
    assert [(f.label, f.value) for f in restored.header] == [
        (f.label, f.value) for f in unrepaired.header
    ]
    assert restored.title == unrepaired.title


def test_no_repair_changes_nothing_and_warns() -> None:
    notice = noticecli.parse_file(SEED_PAGE, repair=False)
    assert notice.repairs == []
    assert "327日，全省人防" in notice.body_text()
    skipped = [w.message for w in notice.warnings if w.code == "repair_skipped"]
    assert len(skipped) == 3
    assert "'327日' looks like '3月27日'" in skipped[0]


def test_normalize_is_idempotent() -> None:
    notice = noticecli.parse_file(SEED_PAGE)
    before = notice.to_dict()
    again = normalize(copy.deepcopy(notice))
    assert again.to_dict()["body"] == before["body"]
    assert len(again.repairs) == len(notice.repairs)  # nothing new was found


def test_truncated_labels_are_restored_with_records() -> None:
    notice = noticecli.parse_file(PRE_DUMP)
    labels = [(r.before, r.after, r.rule) for r in notice.repairs if r.rule == "label.truncated"]
    assert labels == [
        ("号", "索引号", "label.truncated"),
        ("号", "文号", "label.truncated"),
        ("词", "关键词", "label.truncated"),
        ("称", "名称", "label.truncated"),
    ]
    assert notice.fields["index_no"] == "003110598/202409-00071"
    assert notice.fields["doc_no"] == "淮人防〔2024〕18号"


def test_truncated_labels_stay_as_shown_without_repair() -> None:
    notice = noticecli.parse_file(PRE_DUMP, repair=False)
    assert [f.label for f in notice.header if f.key == "index_no"] == ["号"]
    assert "truncated_label" in {w.code for w in notice.warnings}


def test_header_dates_get_iso_forms_and_bad_dates_a_warning() -> None:
    html = """<table><tr><td>索引号：</td><td>X-1</td><td>成文日期：</td><td>二〇二〇年五月六日</td></tr>
      <tr><td>发布日期：</td><td>2020.05.06</td><td>生效日期：</td><td>另行通知</td></tr></table>
      <div id="zoom"><p>正文。</p></div>"""
    notice = noticecli.parse_html(html)
    iso = {f.key: f.iso for f in notice.header}
    assert iso["written_date"] == "2020-05-06"
    assert iso["published_at"] == "2020-05-06"
    assert iso["effective_date"] is None
    assert notice.published_at == "2020-05-06"
    assert any(w.code == "date_unparsed" and "另行通知" in w.message for w in notice.warnings)


def test_published_at_takes_the_time_from_the_same_day() -> None:
    html = """<table><tr><td>索引号：</td><td>X-1</td><td>发布日期：</td><td>2024-04-16</td></tr>
      <tr><td>主题分类：</td><td>国防</td><td>文号：</td><td>无</td></tr></table>
      <p><span>时间：2024-04-16 10:05</span></p><div id="zoom"><p>正文。</p></div>"""
    assert noticecli.parse_html(html).published_at == "2024-04-16T10:05:00+08:00"


def test_hao_dates_are_read_and_left_as_printed_a_damaged_one_keeps_its_hao() -> None:
    html = """<table><tr><td>索引号：</td><td>X-1</td><td>发布日期：</td><td>2024年3月27号</td></tr>
      <tr><td>主题分类：</td><td>国防</td><td>文号：</td><td>无</td></tr></table>
      <div id="zoom"><p>我办于3月1号召开专题会议。</p><p>于315号开展专项检查。</p></div>"""
    notice = noticecli.parse_html(html)
    (published,) = [f for f in notice.header if f.key == "published_at"]
    assert (published.value, published.iso) == ("2024年3月27号", "2024-03-27")
    assert notice.published_at == "2024-03-27"
    texts = [block.text for block in notice.body]
    assert "我办于3月1号召开专题会议。" in texts
    assert "于3月15号开展专项检查。" in texts
    assert [(r.before, r.after, r.rule) for r in notice.repairs] == [
        ("315号", "3月15号", "date.month_day_missing_yue")
    ]
    assert not [w for w in notice.warnings if w.code == "date_ambiguous"]


def test_written_date_alone_never_becomes_published_at() -> None:
    html = """<table><tr><td>索引号：</td><td>X-1</td><td>成文日期：</td><td>2024-04-12</td></tr>
      <tr><td>主题分类：</td><td>国防</td><td>文号：</td><td>无</td></tr></table>
      <div id="zoom"><p>正文。</p></div>"""
    assert noticecli.parse_html(html).published_at is None


def test_texts_without_date_units_are_never_changed_by_the_engine() -> None:
    """The pre-filter in normalize() is exact: the engine leaves such texts alone anyway."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from noticecli.repair.dates import DateContext, repair_dates

    alphabet = st.sampled_from(list("0123456789０１２３ 　\xa0至于在第共-/.:：人防办通知"))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.text(alphabet, max_size=40), min_size=1, max_size=5))
    def check(texts: list[str]) -> None:
        for edits, ambiguities in repair_dates(texts, DateContext()):
            assert edits == [] and ambiguities == []

    check()
