"""The README's examples run as written (issue 14, item 5 and "Done when"): the crawl quick
start, every command block and every transcript, against a loopback copy of a site.

Two things differ from a user's machine, and only these: URLs of the made-up host
rfb.example.gov.cn point at the loopback server instead, and the commands that fetch get
--allow-private, without which loopback is refused (as it should be). The user folders
(XDG_CONFIG_HOME, XDG_DATA_HOME) are temporary. Transcripts are compared line by line with
what varies from run to run (ports, times, sizes, ids) set aside.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import noticecli
from tests.conftest import PAGES, REPO, SEED
from tests.minisite import MiniSite
from tests.server import Reply, TestServer, http_server

__all__ = ["http_server"]  # the fixture, imported for pytest

README = (REPO / "README.md").read_text("utf-8")
EXAMPLE_HOST = "http://rfb.example.gov.cn"


@dataclass
class Block:
    lang: str
    lines: list[str]


def blocks() -> list[Block]:
    found = []
    for match in re.finditer(r"^```(\w*)\n(.*?)^```$", README, re.M | re.S):
        found.append(Block(match[1], match[2].splitlines()))
    return found


def block_with(needle: str, lang: str | None = None) -> Block:
    [block] = [b for b in blocks() if needle in "\n".join(b.lines) and lang in (None, b.lang)]
    return block


def commands(block: Block) -> list[str]:
    """The block's commands: comment lines dropped, continued lines joined."""
    joined: list[str] = []
    for line in block.lines:
        if joined and joined[-1].endswith("\\"):
            joined[-1] = joined[-1][:-1] + line.strip()
        elif line.strip() and not line.lstrip().startswith("#"):
            joined.append(line)
    return joined


def loopback(command: str, server: TestServer) -> str:
    command = command.replace(EXAMPLE_HOST, server.url("").rstrip("/"))
    for fetching in ("noticecli fetch", "noticecli crawl", "noticecli sites check"):
        if fetching in command and "--allow-private" not in command:
            command = command.replace(fetching, f"{fetching} --allow-private")
    return command


def shell(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)  # where pip put the noticecli command
    if not (Path(bin_dir) / "noticecli").exists():
        pytest.skip("the noticecli command is not installed beside this Python")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    environment.update(
        PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    return environment


def test_the_crawl_quick_start_runs_as_written(
    http_server: TestServer, tmp_path: Path, env: dict[str, str]
) -> None:
    block = block_with('noticecli sites example > "$(noticecli sites path)"', "sh")
    steps = commands(block)
    assert [step.split()[:2] for step in steps] == [
        ["noticecli", "sites"],
        ["noticecli", "sites"],
        ["noticecli", "crawl"],
        ["noticecli", "search"],
        ["noticecli", "export"],
        ["noticecli", "export"],
        ["noticecli", "sites"],
    ]
    site = MiniSite(http_server, count=12)
    work = tmp_path / "work"
    work.mkdir()
    results = []
    for step in steps:
        done = shell(loopback(step, http_server), work, env)
        assert done.returncode == 0, (step, done.stderr)
        results.append(done)
        if step.startswith("noticecli sites example"):
            written = tmp_path / "config" / "noticecli" / "sites.toml"
            from noticecli.crawl.sites import load_sites

            assert [s.name for s in load_sites(written)] == ["hefei-rfb", "anhui-rfb"]
            # "… edit it": the user's own site (here: the loopback copy), named as in the README
            written.write_text(site.sites_toml("hefei-rfb"), "utf-8")
    notices = [json.loads(line) for line in (work / "notices.jsonl").read_text().splitlines()]
    assert len(notices) == 12
    hits = [json.loads(line) for line in results[3].stdout.splitlines()]
    assert hits and all("人防工程" in hit["title"] + hit["snippet"] for hit in hits)
    rows = results[4].stdout.splitlines()
    assert rows[0].startswith("notice_id,site,revision,url,title") and len(rows) == 13
    assert all(",hefei-rfb,1," in row for row in rows[1:])
    import xml.etree.ElementTree as ET

    feed = ET.parse(work / "feed.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 12
    [status] = [json.loads(line) for line in results[6].stdout.splitlines()]
    assert (status["site"], status["last_status"], status["notices"]) == ("hefei-rfb", "ok", 12)


_VARIES = [
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"),
    (re.compile(r"\b\d+ ms\b"), "N ms"),
    (re.compile(r"\b\d+\.\d s\b"), "N s"),
    (re.compile(r"\b\d+ KB\b"), "N KB"),
]


def comparable(line: str) -> object:
    """A transcript line with what varies set aside; a JSON line by its keys."""
    if line.startswith("{"):
        return sorted(json.loads(line))
    for pattern, placeholder in _VARIES:
        line = pattern.sub(placeholder, line)
    return line


def transcript(block: Block) -> list[tuple[str, list[str]]]:
    """``$ command`` lines (continued with a backslash) and the output that follows each."""
    steps: list[tuple[str, list[str]]] = []
    lines = iter(block.lines)
    for line in lines:
        if line.startswith("$ "):
            command = line[2:]
            while command.endswith("\\"):
                command = command[:-1] + next(lines).strip()
            steps.append((command, []))
        else:
            steps[-1][1].append(line)
    return steps


@pytest.mark.parametrize(
    "needle", ["noticecli fetch --allow-private", "noticecli crawl --sites demo.toml"]
)
def test_transcripts_are_what_the_commands_print(
    http_server: TestServer, tmp_path: Path, env: dict[str, str], needle: str
) -> None:
    block = block_with(f"$ {needle}")
    site = MiniSite(http_server, count=3)
    (tmp_path / "demo.toml").write_text(site.sites_toml("demo-rfb"), "utf-8")
    for command, expected in transcript(block):
        if "jq" in command and shutil.which("jq") is None:
            continue
        command = command.replace(":8766/", f":{http_server.port}/")
        done = shell(command, tmp_path, env)
        shown = (done.stdout + done.stderr).splitlines()
        assert [comparable(line) for line in shown] == [comparable(line) for line in expected], (
            command
        )


def test_the_parse_examples_run(tmp_path: Path, env: dict[str, str]) -> None:
    block = block_with("noticecli parse page.html", "sh")
    for name, fixture in [
        ("page.html", "01_anhui-rfb_xxgk-detail_spaced-labels.html"),
        ("a.html", "02_handan-style_p-strong-header.html"),
        ("b.shtml", "03_pingtan-style_ul-li-font-header.html"),
        ("dump.txt", "14_text-dump.txt"),
    ]:
        shutil.copy(PAGES / fixture, tmp_path / name)
    assert shell("noticecli sites example > sites.toml", tmp_path, env).returncode == 0
    for command in commands(block):
        done = shell(command, tmp_path, env)
        assert done.returncode == 0, (command, done.stderr)
        assert done.stderr == "", command
    written = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["file"] for line in written] == ["a.html", "page.html"]


def test_the_first_command_runs(env: dict[str, str]) -> None:
    [line] = commands(block_with(".venv/bin/pip install -e . &&", "sh"))
    parse = line.split(" && ")[-1].replace(".venv/bin/", "")
    done = shell(parse, REPO, env)
    assert done.returncode == 0, done.stderr
    assert "倪玉平" in done.stdout


def test_the_fetch_examples_run(
    http_server: TestServer, tmp_path: Path, env: dict[str, str]
) -> None:
    block = block_with("noticecli fetch -i urls.txt", "sh")
    page = (PAGES / "09_no-header-block.html").read_bytes()
    html = {"Content-Type": "text/html; charset=utf-8"}
    http_server.route("/xxgk/tzgg/202405/t20240506_1234567.html", Reply(body=page, headers=html))
    http_server.route("/xxgk/tzgg/202405/t20240507_1234568.html", Reply(body=page, headers=html))
    (tmp_path / "urls.txt").write_text(
        "".join(
            http_server.url(f"/xxgk/tzgg/202405/{name}.html") + "\n"
            for name in ("t20240506_1234567", "t20240507_1234568")
        )
    )
    outputs = []
    for command in commands(block):
        done = shell(
            loopback(command, http_server) + " --delay 0" * ("fetch" in command), tmp_path, env
        )
        assert done.returncode == 0, (command, done.stderr)
        outputs.append(done.stdout)
    fetched = (tmp_path / "notices.jsonl").read_text("utf-8")
    assert outputs[-1] == fetched  # parse --warc: the same JSON again, offline
    assert (tmp_path / "pages" / "index.jsonl").exists()


def test_the_parse_output_shown_is_the_real_one() -> None:
    block = block_with('"schema_version": "1.0"', "json")
    shown = json.loads("\n".join(block.lines))
    page = PAGES / "01_anhui-rfb_xxgk-detail_spaced-labels.html"
    real = noticecli.parse_file(page).to_dict()
    assert list(shown) == list(real)
    for key, value in shown.items():
        if (isinstance(value, str | int | float) and key != "file") or value is None:
            assert real[key] == value, key


def test_the_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    block = block_with("import noticecli", "python")
    shutil.copy(PAGES / "01_anhui-rfb_xxgk-detail_spaced-labels.html", tmp_path / "page.html")
    shutil.copy(PAGES / "14_text-dump.txt", tmp_path / "dump.txt")
    monkeypatch.chdir(tmp_path)
    exec(compile("\n".join(block.lines), "README.md", "exec"), {})


def test_the_normalize_example_runs(env: dict[str, str]) -> None:
    if not SEED.is_file():
        pytest.skip("../shared/seed is not present")
    block = block_with("$ noticecli normalize --diff")
    [(command, expected)] = transcript(block)
    done = shell(command, REPO, env)
    assert done.returncode == 0, done.stderr
    for line in expected:
        if "→" in line:  # the repair lines are shown whole; the text lines are shortened
            assert line.strip() in done.stdout
