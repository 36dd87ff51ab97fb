"""dom's helpers: iter_below, the one walk over a subtree (each of its skip rules against a
plain reading of the same rule over every node Lexbor lists, on a page built to hit each
rule and on the fixture pages), and compact."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.parse.dom import SKIP_TAGS, compact, is_hidden, iter_below
from tests.conftest import REPO

_PAGE = """<html><body><div id=a><p id=b>x<!-- c --></p><div style="display:none"><h1>t</h1>
</div><section id=s><h2>t</h2><script>s</script><noscript><i>n</i></noscript><div id=e>
<a href=#><span>y</span></a><p hidden>z</p></div><style>p{}</style></section></div></body></html>"""


def _pages() -> list[str]:
    folder = REPO / "fixtures" / "pages"
    return [_PAGE] + [
        path.read_bytes().decode("utf-8", "replace") for path in sorted(folder.glob("*.html"))
    ]


def _reference(
    root: LexborNode,
    *,
    include_text: bool,
    skip_tags: frozenset[str],
    prune_tags: frozenset[str],
    skip_hidden: bool,
    skip_id: int | None,
) -> list[int]:
    """Every node below ``root`` that is kept, and whose ancestors below ``root`` are all
    elements kept: the walk's rule, read node by node."""

    def kept(node: LexborNode) -> bool:
        tag = node.tag
        return not (
            tag is None
            or tag.startswith("-")
            or tag in skip_tags
            or tag in prune_tags
            or (skip_hidden and is_hidden(node))
            or node.mem_id == skip_id
        )

    found = []
    for node in root.traverse(include_text=True):
        if node.mem_id == root.mem_id or (node.tag == "-text" and not include_text):
            continue
        if node.tag != "-text" and not kept(node):
            continue
        parent = node.parent
        while parent is not None and parent.mem_id != root.mem_id and kept(parent):
            parent = parent.parent
        if parent is not None and parent.mem_id == root.mem_id:
            found.append(node.mem_id)
    return found


_RULES = [
    {},
    {"include_text": True},
    {"prune_tags": frozenset({"a"})},
    {"skip_tags": frozenset({"script", "style"}), "skip_hidden": False},
    {"skip_tags": frozenset({"script", "style"}), "skip_hidden": False, "skip_id": "e"},
    {"include_text": True, "skip_id": "s"},
]


@pytest.mark.parametrize("rules", _RULES)
def test_the_walk_keeps_what_each_rule_keeps(rules: dict[str, object]) -> None:
    options = {
        "include_text": False,
        "skip_tags": SKIP_TAGS,
        "prune_tags": frozenset(),
        "skip_hidden": True,
        "skip_id": None,
        **rules,
    }
    for html in _pages():
        tree = LexborHTMLParser(html)
        body = tree.body
        assert body is not None
        if isinstance(options["skip_id"], str):
            skipped = tree.css_first(f"#{options['skip_id']}")
            options = {**options, "skip_id": skipped.mem_id if skipped is not None else None}
        walked = [node.mem_id for node in iter_below(body, **options)]  # type: ignore[arg-type]
        assert walked == _reference(body, **options)  # type: ignore[arg-type]


def test_the_rules_are_seen_on_the_built_page() -> None:
    """The built page has something for each rule to leave out."""
    tree = LexborHTMLParser(_PAGE)
    body = tree.body
    assert body is not None
    tags = [node.tag for node in iter_below(body)]
    assert "h1" not in tags and "script" not in tags and "i" not in tags and "span" in tags
    assert "p" in tags and tags.count("p") == 1  # the hidden <p> is left out
    every = [node.tag for node in iter_below(body, skip_tags=frozenset(), skip_hidden=False)]
    assert {"h1", "script", "noscript", "i", "style"} <= set(every) and every.count("p") == 2
    inside = tree.css_first("#e")
    assert inside is not None
    without = [node.tag for node in iter_below(body, skip_id=inside.mem_id)]
    assert "span" not in without and "h2" in without


def test_compact_drops_every_whitespace_character_and_only_those() -> None:
    """dom.compact is what the text readers compared by with ``re.sub(r"\\s+", "", …)``:
    the same on every character (str.split and \\s both split on str.isspace)."""
    text = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    assert compact(text) == re.sub(r"\s+", "", text)
    assert compact(" 索\u3000引\xa0号\n") == "索引号"
