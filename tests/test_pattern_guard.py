"""The guarded boilerplate test answers as the whole pattern does, on real and random lines;
the guard itself answers as ``re`` on random patterns of the shapes it reads."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from noticecli.decode import decode_bytes
from noticecli.parse import lines
from noticecli.parse.pattern_guard import guarded_match, split_alternatives
from tests.conftest import CORPUS, PAGES

_HTML = (".html", ".htm", ".shtml")
_BOILERPLATE = re.compile(lines._BOILERPLATE)
_WIDGET_ROW = re.compile(lines._WIDGET_ROW_LINE)


def _real_lines() -> list[str]:
    """Every text node, and every line of the text, of the fixture and corpus pages."""
    folders = [PAGES] + ([CORPUS] if CORPUS.is_dir() else [])
    found: set[str] = set()
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix not in _HTML and path.suffix != ".txt":
                continue
            text = decode_bytes(path.read_bytes()).text
            if path.suffix == ".txt":
                found.update(text.splitlines())
                continue
            root = LexborHTMLParser(text).root
            if root is None:
                continue
            for node in root.traverse(include_text=True):
                if node.tag == "-text" and node.text_content:
                    content = node.text_content
                    found.update((content, content.strip(), " ".join(content.split())))
    return sorted(found)


def test_the_boilerplate_guard_is_what_the_alternatives_say() -> None:
    """lines.py writes out the characters and literals pattern_guard reads from the
    boilerplate alternatives (reading them at start-up would parse the pattern)."""
    parts = split_alternatives(lines._BOILERPLATE_ALTERNATIVES)
    assert not parts.always
    assert parts.start.digit and parts.start.space
    assert parts.start.chars == lines._BOILERPLATE_STARTS, "".join(sorted(parts.start.chars))
    assert parts.literals == lines._BOILERPLATE_LITERALS


def test_the_widget_row_guard_is_what_the_pattern_says() -> None:
    parts = split_alternatives([lines._WIDGET_ROW])
    assert not parts.always
    assert parts.start.space and not parts.start.digit and not parts.start.nullable
    assert parts.start.chars == lines._WIDGET_ROW_STARTS, "".join(sorted(parts.start.chars))


def test_is_widget_row_answers_as_the_pattern_on_every_real_line() -> None:
    # Every text node and line of the pages, and every link's title as the list search asks.
    samples = _real_lines()
    titles = set()
    for folder in [PAGES] + ([CORPUS] if CORPUS.is_dir() else []):
        for path in sorted(folder.iterdir()):
            if path.suffix in _HTML:
                tree = LexborHTMLParser(decode_bytes(path.read_bytes()).text)
                titles.update(" ".join(a.text().split()) for a in tree.css("a"))
    hits = 0
    for line in [*samples, *sorted(titles)]:
        expected = _WIDGET_ROW.match(line) is not None
        assert lines.is_widget_row(line) == expected, line
        hits += expected
    assert hits >= 20  # matches and misses both exercised


def test_the_guard_splits_the_boilerplate_alternatives_as_expected() -> None:
    parts = split_alternatives(lines._BOILERPLATE_ALTERNATIVES)
    # Most alternatives are told by their first character (the case-insensitive vendor
    # credit by p/P and d/D); the footer codes by a literal; none is always tried.
    assert len(parts.by_start) >= 25
    assert {"ICP备", "网站标识码", "发布系统"} <= set(parts.literals)
    assert not parts.always
    assert {"打", "首", "【", "字", "p", "P", "d", "D"} <= parts.start.chars
    assert parts.start.digit


def test_an_ascii_letter_ignoring_case_matches_its_two_cases_only() -> None:
    """What the guard assumes of the engine, checked on every code point: ignoring case, an
    ASCII letter other than i, k and s matches exactly its lower and upper case."""
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    for letter in "abcdefghjlmnopqrtuvwxyz":
        assert set(re.findall(f"(?i:{letter})", every)) == {letter, letter.upper()}
    for letter in "iks":  # more than two: the guard gives no first characters for them
        assert len(set(re.findall(f"(?i:{letter})", every))) > 2


def test_is_boilerplate_answers_as_the_pattern_on_every_real_line() -> None:
    samples = _real_lines()
    assert len(samples) > 3000
    hits = 0
    for line in samples:
        expected = _BOILERPLATE.match(line) is not None
        assert lines.is_boilerplate(line) == expected, line
        hits += expected
    assert hits >= 30  # matches and misses both exercised


# Pieces of boilerplate and of article text: random lines made of them reach every kind of
# alternative (first character, literal, always tried) and the lines around them.
_PIECES = [
    "打印",
    "【打印】",
    "关闭",
    "首页",
    " > ",
    "»",
    "网站标识码",
    "ICP备",
    "05001234号",
    "公网安备",
    "字体",
    "字号",
    "：",
    ":",
    "大",
    "中",
    "小",
    "[",
    "]",
    "分享到",
    "上一页",
    "下一页",
    "1",
    "23",
    "px",
    "Produced",
    "POWERED",
    " by ",
    "大汉网络",
    "发布系统",
    "满意",
    "一般",
    "不满意",
    "版权所有",
    "您的位置",
    "欢迎访问",
    "网站",
    "关于做好",
    "人民防空",
    "工作的通知",
    "。",
    "，",
    " ",
    "\u3000",
    "\n",
    "技术支持",
    "公司",
    "验证码",
    "|",
    "微信",
    "微博",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
@example("网站标识码3401000001 皖ICP备05001234号")
@example("Produced By 大汉网络 大汉版通发布系统")
@example("选择阅读字号:[ 大 中 小 ]")
@example("  ")
@example("")
def test_is_boilerplate_answers_as_the_pattern_on_random_lines(line: str) -> None:
    assert lines.is_boilerplate(line) == (_BOILERPLATE.match(line) is not None)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join))
@example("【打印】 【关闭】")
@example(" 打印")
@example("\u3000分享到：微信 微博")
@example("English / 联系我们")
@example("")
def test_is_widget_row_answers_as_the_pattern_on_random_lines(line: str) -> None:
    assert lines.is_widget_row(line) == (_WIDGET_ROW.match(line) is not None)


# --- The guard on random patterns -------------------------------------------------------

_ALPHABET = "abAB字体 1\nkK\u212asſ"
_ATOMS = [
    "a",
    "b",
    "字",
    "体",
    "[ab]",
    "[a-c]",
    "[^a]",
    r"\d",
    r"\s",
    r"\w",
    ".",
    "(?:a|字)",
    "(?:ab|)",
    "(?i:a)",
    "(?i:k)",
    "(?i:s)",
    "(?i:ab)",
    "(?i:[ab])",
    "(?-i:b)",
    "(?=a)",
    "(?!b)",
    r"\b",
    "[\u4e00-\u9fff]",
]
_QUANTIFIERS = ["", "", "?", "*", "+", "{0,2}", "{2}", "*?"]


def _alternative() -> st.SearchStrategy[str]:
    atom = st.tuples(st.sampled_from(_ATOMS), st.sampled_from(_QUANTIFIERS)).map(
        lambda pair: pair[0] + pair[1] if not pair[0].startswith(("(?=", "(?!", r"\b")) else pair[0]
    )
    return st.lists(atom, min_size=0, max_size=4).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_alternative(), min_size=1, max_size=4),
    st.lists(st.text(alphabet=_ALPHABET, max_size=6), min_size=1, max_size=20),
)
@example([".*字体.*", "a+", "(?i:b)c"], ["字体", "aa", "Bc", "bc", "x"])
@example(["(?:a)?b", r"\d+", r"\s*a"], ["b", "ab", "12", " a", "\na", "a"])
@example(["(?i:s)b", "(?i:k)", "(?i:pa)"], ["\u017fb", "Sb", "\u212a", "PA", "pA"])
def test_the_guard_answers_as_re_on_random_patterns(
    alternatives: list[str], texts: list[str]
) -> None:
    whole = re.compile("^(?:" + "|".join(alternatives) + ")$")
    guarded = guarded_match(alternatives)
    for text in texts:
        assert guarded(text) == (whole.match(text) is not None), (alternatives, text)


def test_the_corpus_lines_include_boilerplate_of_every_kind() -> None:
    """The real lines reach each guarded part (so the real-line test tests each)."""
    parts = split_alternatives(lines._BOILERPLATE_ALTERNATIVES)
    by_start = re.compile("^(?:" + "|".join(parts.by_start) + ")$")
    by_literal = re.compile("^(?:" + "|".join(parts.by_literal) + ")$")
    samples = _real_lines()
    assert any(by_start.match(line) for line in samples)
    assert any(by_literal.match(line) for line in samples)


def test_the_pages_folder_is_read() -> None:
    assert Path(PAGES).is_dir()
