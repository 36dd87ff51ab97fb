"""The facts format (tests/facts.py), the scoring (tests/accuracy.py) and the report's CLI."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from noticecli import parse_text
from tests.accuracy import (
    FIELD_OF_FACT,
    Extraction,
    by_field,
    facts_count,
    from_notice,
    score,
    texts_as_shown,
)
from tests.conftest import REPO
from tests.facts import (
    CORPUS_FACTS,
    FIXTURE_FACTS,
    READER_FACTS,
    FactsError,
    PageFacts,
    dump,
    label_key,
    load,
    load_folder,
    validate,
)

ALL_FILES = sorted([*FIXTURE_FACTS.glob("*.json"), *CORPUS_FACTS.glob("*.json")])


@pytest.mark.parametrize("path", ALL_FILES, ids=[p.name for p in ALL_FILES])
def test_facts_file_is_valid_and_in_canonical_form(path: Path) -> None:
    text = path.read_text("utf-8")
    validate(json.loads(text), path)
    # One fact per line keeps a diff of a facts file readable.
    assert text == dump(json.loads(text)), f"rewrite {path.name} with tests.facts.dump"


def test_unknown_fact_is_named_with_its_file(tmp_path: Path) -> None:
    bad = tmp_path / "page.html.json"
    bad.write_text('{"titel": "x"}', "utf-8")
    with pytest.raises(FactsError, match=r"page\.html\.json: unknown fact 'titel'"):
        load(bad)


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"published_at": "2024/05/06"}, "published_at"),
        ({"header": [["索引号"]]}, "header"),
        ({"attachments": [{"name": "a.pdf"}]}, "attachments"),
        ({"items": [{"title": "t", "url": "u", "date": None, "extra": 1}]}, "items"),
        ({"kind": "page"}, "kind"),
        ({"page_count": True}, "page_count"),
        ({"family": 3}, "family"),
    ],
)
def test_malformed_facts_are_refused(facts: dict[str, object], message: str) -> None:
    with pytest.raises(FactsError, match=message):
        validate(facts, Path("x.json"))


def test_unreadable_facts_file(tmp_path: Path) -> None:
    bad = tmp_path / "page.html.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(FactsError, match="cannot read facts"):
        load(bad)


def test_load_folder_keys_by_page_name() -> None:
    assert "01_anhui-rfb_xxgk-detail_spaced-labels.html" in load_folder(FIXTURE_FACTS)


def test_label_key_ignores_inner_spacing_and_colon() -> None:
    assert label_key("索\u2002引\u2002号：") == label_key("索 引 号") == "索引号"


def _facts(**facts: object) -> PageFacts:
    return PageFacts(page="p.html", path=Path("p.html.json"), facts=dict(facts))


def test_extras_are_misses_and_labels_match_without_spacing() -> None:
    facts = _facts(header=[["索 引 号", "A-1"]], meta_line=[["来源", "办公室"]])
    got = Extraction(
        produces=frozenset({"header"}),
        fields=[("索\u2003引\u2003号", "A-1"), ("来源", "办公室"), ("字号", "大 中 小")],
    )
    outcomes = score(facts, got)
    assert [(o.hit, o.extra) for o in outcomes] == [(True, False), (True, False), (False, True)]
    assert facts_count(outcomes) == 2
    assert by_field(outcomes)["header"].accuracy == pytest.approx(2 / 3)


def test_a_missing_entry_is_a_miss_and_null_values_match() -> None:
    facts = _facts(header=[["文号", None], ["索引号", "A-1"]])
    got = Extraction(produces=frozenset({"header"}), fields=[("文号", None)])
    assert [o.hit for o in score(facts, got)] == [True, False]


def test_fields_a_tool_does_not_produce_are_misses() -> None:
    facts = _facts(title="标题", attachments=[{"name": "a.pdf", "url": "/a.pdf"}])
    got = Extraction(produces=frozenset({"title"}), title="标题")
    outcomes = score(facts, got)
    assert [(o.field, o.hit, o.got) for o in outcomes] == [
        ("title", True, "标题"),
        ("attachments", False, "(n/a)"),
    ]


def test_published_at_by_day_only_for_tools_that_give_days() -> None:
    facts = _facts(published_at="2024-05-06T09:30")
    exact = Extraction(produces=frozenset({"published_at"}), published_at="2024-05-06")
    by_day = Extraction(
        produces=frozenset({"published_at"}), published_at="2024-05-06", day_only=True
    )
    assert [o.hit for o in score(facts, exact)] == [False]
    assert [o.hit for o in score(facts, by_day)] == [True]


def test_paragraphs_in_order_or_anywhere() -> None:
    facts = _facts(first_paragraph="第一段。", last_paragraph="末段。")
    ordered = Extraction(
        produces=frozenset({"first_paragraph", "last_paragraph"}),
        paragraphs=["导航", "第一段。", "末段。"],
    )
    anywhere = Extraction(
        produces=frozenset({"first_paragraph", "last_paragraph"}),
        paragraphs=["导航", "第一段。", "末段。"],
        paragraphs_ordered=False,
    )
    assert [o.hit for o in score(facts, ordered)] == [False, True]
    assert [o.hit for o in score(facts, anywhere)] == [True, True]


def test_no_paragraph_is_right_when_the_facts_say_none() -> None:
    facts = _facts(first_paragraph=None)
    assert [o.hit for o in score(facts, Extraction(produces=frozenset({"first_paragraph"})))] == [
        True
    ]


SAMPLE_VALUES: dict[str, object] = {
    "kind": "notice",
    "title": "标题",
    "published_at": "2024-05-06",
    "header": [["索引号", "A-1"]],
    "meta_line": [["来源", "办公室"]],
    "first_paragraph": "第一段。",
    "last_paragraph": "末段。",
    "body_contains": ["第一段"],
    "body_excludes": ["版权所有"],
    "attachments": [{"name": "a.pdf", "url": "/a.pdf"}],
    "items": [{"title": "t", "url": "/t.html", "date": None}],
    "next_pages": ["index_1.html"],
    "page_count": 2,
}


@pytest.mark.parametrize("fact", READER_FACTS)
def test_every_reader_fact_is_scored_under_its_field(fact: str) -> None:
    validate({fact: SAMPLE_VALUES[fact]}, Path("x.json"))
    outcomes = score(_facts(**{fact: SAMPLE_VALUES[fact]}), Extraction(produces=frozenset()))
    assert outcomes and {o.field for o in outcomes} == {FIELD_OF_FACT[fact]}


# -- bench/accuracy_eval.py ------------------------------------------------------------------


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "accuracy_eval", REPO / "bench" / "accuracy_eval.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy_eval"] = module
    spec.loader.exec_module(module)
    return module


PAGE = (
    "<html><head><title>关于开展检查的通知-某市人民政府</title></head><body>"
    "<h1>关于开展检查的通知</h1><div>发布时间：2024-05-06</div>"
    "<div id='zoom'><p>第一段正文，内容足够长以便识别为正文段落。</p><p>末段正文。</p></div>"
    "</body></html>"
)


def test_report_reads_facts_beside_pages_and_lists_misses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(PAGE, "utf-8")
    (pages / "b.html").write_text(PAGE, "utf-8")  # no facts: skipped and counted
    facts = {"kind": "notice", "title": "关于开展检查的通知", "published_at": "2024-05-07"}
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "a.html.json").write_text(json.dumps(facts), "utf-8")
    assert _eval_module().main([str(pages), "--no-peers"]) == 0
    out, err = capsys.readouterr()
    assert "Accuracy on 1 pages" in out
    assert "a.html\tpublished_at\texpected 2024-05-07\tgot 2024-05-06" in out
    assert "1 file(s) without a facts file skipped" in err


def test_report_json_and_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.html").write_text(PAGE, "utf-8")
    (tmp_path / "a.html.json").write_text('{"title": "关于开展检查的通知"}', "utf-8")
    baseline = tmp_path / "baseline.json"
    module = _eval_module()
    args = [str(tmp_path), "--no-peers", "--json", "--write-baseline", str(baseline)]
    assert module.main([*args, "--suite", "s"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["tools"]["noticecli"]["fields"]["title"]["hits"] == 1
    assert json.loads(baseline.read_text("utf-8")) == {
        "s": {"title": {"hits": 1, "outcomes": 1, "accuracy": 1.0}}
    }


def test_report_refuses_a_malformed_facts_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.html").write_text(PAGE, "utf-8")
    (tmp_path / "a.html.json").write_text('{"titel": "x"}', "utf-8")
    assert _eval_module().main([str(tmp_path), "--no-peers"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown fact 'titel'" in err


def test_report_refuses_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _eval_module().main([str(tmp_path / "nope"), "--no-peers"]) == 1
    assert "not a folder" in capsys.readouterr().err


def test_a_fact_quoting_the_page_matches_the_body_before_its_recorded_repairs() -> None:
    # The page lost a character of each date; the reader quotes it as shown, noticecli
    # repairs and records the change: both texts count as the page's, nothing else does.
    text = "关于开展检查的通知\n\n各单位：\n\n检查自2024327日至2024412日，请做好准备。\n"
    notice = parse_text(text)
    assert [r.before for r in notice.repairs] == ["2024327日", "2024412日"]
    got = from_notice(notice)
    shown = "检查自2024327日至2024412日，请做好准备。"
    facts = _facts(
        body_contains=[shown, "检查自2024年3月27日至2024年4月12日"], last_paragraph=shown
    )
    assert [(o.field, o.hit) for o in score(facts, got)] == [
        ("last_paragraph", True),
        ("body_contains", True),
        ("body_contains", True),
    ]
    never = _facts(
        body_contains=["检查自2024年3月27日至2024412日"], body_excludes=["2024年3月27日"]
    )
    assert [o.hit for o in score(never, got)] == [False, False]


def test_a_repair_record_that_does_not_match_its_text_is_not_undone() -> None:
    notice = parse_text("关于开展检查的通知\n\n检查自2024327日开始。\n")
    for repair in notice.repairs:
        repair.after = "不在此处"
    assert texts_as_shown(notice) == [block.text for block in notice.body]
