"""Every byte written is valid UTF-8 (issue 14, item 4): a file name that is not (a GBK name
on a UTF-8 system) is shown escaped, its bytes kept in ``file_bytes``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import noticecli
from noticecli.names import name_bytes, shown_name
from noticecli.schema import notice_schema
from tests.conftest import REPO

PAGE = REPO / "fixtures" / "pages" / "09_no-header-block.html"
GBK_NAME = "测试".encode("gbk") + b".html"  # b"\xb2\xe2\xca\xd4.html": not UTF-8

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or os.fsencode("é") != "é".encode(),
    reason="needs a POSIX file system with UTF-8 names",
)


def test_parse_star_in_a_folder_with_a_gbk_name(tmp_path: Path) -> None:
    # What `noticecli parse *` gives the command: the name as the shell has it, raw bytes.
    raw = os.fsencode(tmp_path) + b"/" + GBK_NAME
    Path(os.fsdecode(raw)).write_bytes(PAGE.read_bytes())
    (tmp_path / "ok.html").write_bytes(PAGE.read_bytes())
    completed = subprocess.run(
        [
            sys.executable.encode(),
            b"-m",
            b"noticecli",
            b"parse",
            raw,
            os.fsencode(tmp_path / "ok.html"),
        ],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.decode("utf-8").splitlines()  # strict: raises on invalid UTF-8
    first, second = (json.loads(line) for line in lines)
    assert first["file"] == f"{tmp_path}/\\xb2\\xe2\\xca\\xd4.html"
    assert bytes.fromhex(first["file_bytes"]) == raw  # the exact name, to find the file
    assert "file_bytes" not in second  # only when the name is not UTF-8
    jsonschema.validate(first, notice_schema())


def test_messages_about_such_a_file_are_valid_utf8_too(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/" + GBK_NAME
    completed = subprocess.run(
        [sys.executable.encode(), b"-m", b"noticecli", b"parse", raw],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr.decode("utf-8") == (
        f"noticecli: {tmp_path}/\\xb2\\xe2\\xca\\xd4.html: no such file\n"
    )


def test_the_library_gives_the_same() -> None:
    name = os.fsdecode(GBK_NAME)
    assert shown_name(name) == "\\xb2\\xe2\\xca\\xd4.html"
    assert name_bytes(name) == GBK_NAME
    assert (shown_name("人防.html"), name_bytes("人防.html")) == ("人防.html", None)
    assert shown_name("\ud800") == "\\xed\\xa0\\x80"  # a lone surrogate, not an escaped byte


def test_parse_file_sets_file_bytes(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/" + GBK_NAME
    Path(os.fsdecode(raw)).write_bytes(PAGE.read_bytes())
    notice = noticecli.parse_file(os.fsdecode(raw))
    assert notice.file_bytes == raw.hex()
    notice.to_json().encode("utf-8")  # no surrogate left in the JSON
