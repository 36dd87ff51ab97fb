"""The parser's fast paths give exactly what the plain regexes they stand in for give."""

from __future__ import annotations

import random
import re
from pathlib import Path

from noticecli.labels import _pair_pattern, display_label, split_label_pairs, vocabulary
from noticecli.parse.dom import clean_text

REPO = Path(__file__).resolve().parents[1]
_CJK = "\u3001-\u303f\u3400-\u9fff\uff01-\uff60"
_CJK_LINE_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r]*\n[ \t\r\n]*(?=[{_CJK}])")
_SPACES = re.compile(r"[\s\u200b\ufeff]+")
_ALPHABET = (
    " \t\r\n\u3000\xa0:：,a1号索引发布机构中。（）、！Ａ\u3001\u303f\u3400\u9fff\uff01\uff60\uff61"
)


def _reference_clean_text(text: str) -> str:
    return _SPACES.sub(" ", _CJK_LINE_BREAK.sub("", text)).strip()


def _reference_pairs(text: str) -> bool:
    """Whether the full label pattern matches at the start of the stripped text."""
    stripped = text.strip()
    match = _pair_pattern().match(stripped)
    return match is not None


def _samples() -> list[str]:
    rng = random.Random(20261129)
    texts = ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 24))) for _ in range(4000)]
    labels = list(vocabulary())
    for _ in range(2000):
        label = rng.choice(labels)
        spaced = "".join(char + rng.choice(["", " ", "\u3000", "\n"]) for char in label)
        texts.append(
            spaced + rng.choice(["：", ":", " ：", "", "x"]) + rng.choice(["值", "", " 2020年"])
        )
    for folder in (REPO / "fixtures" / "pages", REPO.parent / "shared" / "corpus"):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    texts.extend(path.read_bytes().decode("utf-8", "replace").split("<"))
    return texts


def test_clean_text_matches_the_lookaround_regex() -> None:
    for text in _samples():
        assert clean_text(text) == _reference_clean_text(text), repr(text)


def test_label_pair_precheck_never_hides_a_match() -> None:
    for text in _samples():
        if _reference_pairs(text):
            pairs = split_label_pairs(text)
            assert pairs, repr(text)
            first = _pair_pattern().match(text.strip())
            assert first is not None and pairs[0][0] == display_label(first.group(1))
