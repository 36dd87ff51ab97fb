from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import noticecli
from noticecli.cli import main
from tests.conftest import PAGES

SEED_PAGE = PAGES / "01_anhui-rfb_xxgk-detail_spaced-labels.html"
NO_HEADER_PAGE = PAGES / "09_no-header-block.html"


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_parse_one_file_prints_one_json_document() -> None:
    code, out, err = run("parse", str(SEED_PAGE))
    assert (code, err) == (0, "")
    assert json.loads(out) == noticecli.parse_file(str(SEED_PAGE)).to_dict()
    assert out.count("\n") == 1  # compact when stdout is not a terminal
    assert "倪玉平解读人防" in out and "\\u" not in out  # Chinese kept as characters


def test_parse_several_files_prints_json_lines() -> None:
    code, out, err = run("parse", str(SEED_PAGE), str(NO_HEADER_PAGE))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [json.loads(line)["file"] for line in lines] == [str(SEED_PAGE), str(NO_HEADER_PAGE)]


def test_format_json_with_several_files_is_an_array() -> None:
    code, out, _ = run("parse", "--format", "json", str(SEED_PAGE), str(NO_HEADER_PAGE))
    assert code == 0
    assert [item["file"] for item in json.loads(out)] == [str(SEED_PAGE), str(NO_HEADER_PAGE)]


def test_table_format_shows_fields_for_people() -> None:
    code, out, _ = run("parse", "--format", "table", str(NO_HEADER_PAGE))
    assert code == 0
    assert "市民防局开展人防工程安全隐患排查专项行动" in out
    assert "warning no_header" in out


def test_stdin() -> None:
    code, out, err = run("parse", "-", input=NO_HEADER_PAGE.read_bytes())
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["file"] == "<stdin>"
    assert document["title"] == "市民防局开展人防工程安全隐患排查专项行动"


def test_base_url_makes_links_absolute() -> None:
    page = PAGES / "12_dl-dt-dd-header.html"
    code, out, _ = run("parse", "--base-url", "http://rfb.example.gov.cn/xxgk/a.html", str(page))
    assert code == 0
    attachments = json.loads(out)["attachments"]
    assert attachments and all(
        a["url"].startswith("http://rfb.example.gov.cn/") for a in attachments
    )


def test_no_repair_leaves_text_and_reports() -> None:
    code, out, _ = run("parse", "--no-repair", str(SEED_PAGE))
    assert code == 0
    document = json.loads(out)
    assert document["repairs"] == []
    assert any("327日" in block.get("text", "") for block in document["body"])
    assert "repair_skipped" in {warning["code"] for warning in document["warnings"]}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.html", "no such file"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: _write(tmp / "empty.html", b""), "empty input"),
        (
            lambda tmp: _write(tmp / "logo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            "not a text page: looks like a PNG image",
        ),
    ],
    ids=["missing", "directory", "empty", "png"],
)
def test_bad_input_gives_one_line_and_exit_1(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    code, out, err = run("parse", str(path))
    assert code == 1
    assert out == ""
    assert err == f"noticecli: {path}: {message}\n"


def test_bad_inputs_do_not_stop_good_ones(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    code, out, err = run("parse", str(missing), str(NO_HEADER_PAGE))
    assert code == 1
    assert err == f"noticecli: {missing}: no such file\n"
    assert json.loads(out)["title"] == "市民防局开展人防工程安全隐患排查专项行动"


def test_over_the_size_limit(tmp_path: Path) -> None:
    big = _write(tmp_path / "big.html", b"<p>" + "人防".encode() * 1000 + b"</p>")
    code, out, err = run("parse", "--max-bytes", "1000", str(big))
    assert (code, out) == (1, "")
    # The sizes in the units that say something: not "0.0 MB, over the 0 MB limit".
    assert err == f"noticecli: {big}: file is 5.9 KB, over the 1000 bytes limit (--max-bytes)\n"


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, out, _ = run("parse", "-o", str(target), "--format", "jsonl", str(SEED_PAGE))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text("utf-8"))["index_no"] == "003110598/202005-00043"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left


def test_output_file_is_left_alone_when_every_input_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("previous run\n", "utf-8")
    code, _, _ = run("parse", "-o", str(target), str(tmp_path / "missing.html"))
    assert code == 1
    assert target.read_text("utf-8") == "previous run\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["parse"], "Missing argument 'FILE...'"),
        (["parse", "--encoding", "klingon", "x.html"], "unknown encoding 'klingon'"),
        (["parse", "--base-url", "http://a/", "a.html", "b.html"], "--base-url applies to one"),
        (["parse", "--format", "xml", "a.html"], "'xml' is not one of"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_internal_error_is_one_line_without_debug_and_raises_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("noticecli.pipeline.parse_file", explode)
    code, out, err = run("parse", str(SEED_PAGE))
    assert (code, out) == (1, "")
    assert err == (
        f"noticecli: {SEED_PAGE}: internal error: RuntimeError: boom "
        "(run with --debug for a traceback)\n"
    )
    result = CliRunner().invoke(main, ["--debug", "parse", str(SEED_PAGE)])
    assert isinstance(result.exception, RuntimeError)


def test_version() -> None:
    code, out, _ = run("--version")
    assert (code, out) == (0, f"noticecli, version {noticecli.__version__}\n")


def test_python_dash_m_entry_point() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "noticecli", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0
    assert completed.stdout.strip() == f"noticecli, version {noticecli.__version__}"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- noticecli normalize ----------------------------------------------------------------------

DAMAGED = "关于防空警报试鸣的通知\n发布日期：2020-05-06\n\n327日，全省人防会议召开。于20199月在济南。30日内完成。\n"


def test_normalize_prints_the_repaired_text() -> None:
    code, out, err = run("normalize", input=DAMAGED.encode())
    assert (code, err) == (0, "")
    assert out == DAMAGED.replace("327日", "3月27日").replace("20199月", "2019年9月")


def test_normalize_json_has_records_with_offsets_into_the_original(tmp_path: Path) -> None:
    path = _write(tmp_path / "notice.txt", DAMAGED.encode())
    code, out, _ = run("normalize", "--json", str(path))
    assert code == 0
    result = json.loads(out)
    assert result["published"] == "2020-05-06"
    records = [(r["before"], r["after"], r["rule"]) for r in result["repairs"]]
    assert records == [
        ("327日", "3月27日", "date.month_day_missing_yue"),
        ("20199月", "2019年9月", "date.year_month_missing_nian"),
    ]
    for record in result["repairs"]:
        assert DAMAGED[record["start"] : record["end"]] == record["before"]


def test_normalize_diff_names_each_change() -> None:
    code, out, _ = run("normalize", "--diff", input=DAMAGED.encode())
    assert code == 0
    assert "327日 → 3月27日" in out
    assert "20199月 → 2019年9月" in out
    assert "30日内" in out  # shown as context, not changed


def test_normalize_ambiguous_date_is_left_and_reported() -> None:
    text = "2012年116日召开会议。\n"
    code, out, err = run("normalize", input=text.encode())
    assert (code, out) == (0, text)
    assert "may be" in err and "left unchanged" in err


def test_normalize_seed_repairs_exactly_three_dates(seed_text: str) -> None:
    code, out, _ = run("normalize", "--json", "-", input=seed_text.encode())
    assert code == 0
    result = json.loads(out)
    assert [(r["before"], r["after"]) for r in result["repairs"]] == [
        ("327日", "3月27日"),
        ("318日", "3月18日"),
        ("20199月", "2019年9月"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["normalize", "--published", "May 6"], "is not a date"),
        (["normalize", "--diff", "--json"], "cannot be combined"),
        (["normalize", "--encoding", "klingon"], "unknown encoding 'klingon'"),
    ],
)
def test_normalize_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args, input=b"x")
    assert result.exit_code == 2
    assert message in result.stderr


def test_normalize_missing_file() -> None:
    code, out, err = run("normalize", "no-such-file.txt")
    assert (code, out) == (1, "")
    assert err == "noticecli: no-such-file.txt: no such file\n"


def test_normalize_max_bytes_applies_to_files_and_stdin(tmp_path: Path) -> None:
    text = _write(tmp_path / "t.txt", DAMAGED.encode())
    size = len(DAMAGED.encode())
    code, out, err = run("normalize", "--max-bytes", str(size - 1), str(text))
    assert (code, out) == (1, "")
    assert err.startswith(f"noticecli: {text}: file is ") and err.endswith("(--max-bytes)\n")
    code, out, err = run("normalize", "--max-bytes", str(size - 1), input=DAMAGED.encode())
    assert (code, out) == (1, "")
    assert err == f"noticecli: <stdin>: input is over the {size - 1} bytes limit (--max-bytes)\n"
    code, out, _ = run("normalize", "--max-bytes", str(size), input=DAMAGED.encode())
    assert code == 0 and "3月27日" in out


def test_parse_output_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.jsonl"
    code, out, err = run("parse", "-o", str(target), str(NO_HEADER_PAGE))
    assert (code, out) == (1, "")
    assert err == f"noticecli: {target}: cannot write: No such file or directory\n"


def test_prose_without_structure_is_parsed_with_a_warning(tmp_path: Path) -> None:
    prose = _write(
        tmp_path / "prose.txt", "今天天气很好。我们去公园散步。\n\n晚上回家吃饭。\n".encode()
    )
    code, out, err = run("parse", str(prose))
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert [b["text"] for b in document["body"]] == [
        "今天天气很好。我们去公园散步。",
        "晚上回家吃饭。",
    ]
    assert "no_header" in {w["code"] for w in document["warnings"]}


def test_bytes_invalid_in_the_declared_charset_give_a_warning(tmp_path: Path) -> None:
    page = '<meta charset="gbk"><div id="zoom"><p>人防工程检查。</p></div>'.encode("gbk")
    broken = _write(tmp_path / "broken.html", page.replace("检查".encode("gbk"), b"\xff\xfe"))
    code, out, err = run("parse", str(broken))
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert "invalid_bytes" in {w["code"] for w in document["warnings"]}
    assert document["body"][0]["text"].startswith("人防工程")


def test_parse_does_not_import_network_queue_or_rendering_libraries() -> None:
    code = (
        "import sys\n"
        "from noticecli.cli import main\n"
        f"try:\n    main(['parse', {str(NO_HEADER_PAGE)!r}], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('httpx', 'rich', 'psycopg', 'procrastinate', 'playwright', 'tempfile')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert completed.stderr.strip().splitlines()[-1] == "[]"
