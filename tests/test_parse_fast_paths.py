"""The parser's fast paths give exactly what the plain regexes they stand in for give."""

from __future__ import annotations

import random
import re
from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.labels import (
    before_group_close,
    cut_trailing_widget,
    display_label,
    labels_by_length,
    split_label_pairs,
    vocabulary,
)
from noticecli.parse.dom import clean_text, comes_before, iter_visible, visible_path
from noticecli.parse.header_html import _MAY_DROP
from tests.conftest import REPO

_CJK = "\u3001-\u303f\u3400-\u9fff\uff01-\uff60"
_CJK_LINE_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r]*\n[ \t\r\n]*(?=[{_CJK}])")
_SPACES = re.compile(r"[\s\u200b\ufeff]+")
_ALPHABET = (
    " \t\r\n\u3000\xa0:：,a1号索引发布机构中。（）、！Ａ\u3001\u303f\u3400\u9fff\uff01\uff60\uff61"
)


@cache
def _pair_pattern() -> re.Pattern[str]:
    """The specification the label scanner in noticecli.labels implements: known labels
    (longest first, spaces allowed between characters), at the start or after whitespace
    or punctuation, followed by a colon."""
    alternatives = "|".join(
        r"[\s\u3000]*".join(re.escape(char) for char in label) for label in labels_by_length()
    )
    return re.compile(rf"(?:^|(?<=[\s\u3000,，;；|]))({alternatives})[\s\u3000]*[:：]")


def _reference_split(text: str) -> list[tuple[str, str | None]]:
    stripped = text.strip()
    matches = list(_pair_pattern().finditer(stripped))
    if not matches or matches[0].start() != 0:
        return []
    pairs: list[tuple[str, str | None]] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(stripped)
        value = cut_trailing_widget(stripped[match.end() : end].strip("\u3000\xa0 \t\n"))
        pairs.append((display_label(match.group(1)), value or None))
    return pairs


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


def test_label_pair_scanner_matches_the_regex_specification() -> None:
    rng = random.Random(7)
    labels = list(vocabulary())
    texts = _samples()
    for _ in range(3000):  # several pairs per line, odd spacing and separators
        parts = []
        for _ in range(rng.randint(1, 4)):
            label = rng.choice(labels)
            spaced = "".join(char + rng.choice(["", "", " ", "\u3000"]) for char in label)
            parts.append(
                spaced
                + rng.choice(["：", ":", " ：", "", "\u3000:"])
                + rng.choice(["", " 值", "2020-05-06 09:33", "无", " 市人防办 "])
            )
        texts.append(rng.choice([" ", "", "，", "|", ";"]).join(parts))
    for text in texts:
        assert split_label_pairs(text) == _reference_split(text), repr(text)


_ORDER_PAGE = """<html><body><div id=a><p id=b>x</p><div style="display:none"><h1 id=c>t</h1></div>
<section><h2 id=d>t</h2><script>s</script><div id=e><p id=f>y</p></div></section></div>
<p id=g hidden>z</p><div id=h><span id=i>w</span></div></body></html>"""


def _order_pages() -> list[str]:
    pages = [_ORDER_PAGE]
    folder = REPO / "fixtures" / "pages"
    pages.extend(
        path.read_bytes().decode("utf-8", "replace") for path in sorted(folder.glob("*.html"))
    )
    return pages


def test_visible_path_order_matches_a_numbered_walk() -> None:
    """comes_before() on two visible_path()s agrees with numbering every element that
    iter_visible() yields (the walk the title search used before), hidden ones included."""
    rng = random.Random(7)
    for html in _order_pages():
        tree = LexborHTMLParser(html)
        body = tree.body
        assert body is not None
        numbered = {node.mem_id: n for n, node in enumerate(iter_visible(body, include_text=False))}
        elements = [node for node in body.traverse() if node.is_element_node]
        for node in elements:
            path = visible_path(node, body)
            assert (path is not None) == (node.mem_id in numbered)
        visible = [(node, visible_path(node, body)) for node in elements]
        shown = [(node, path) for node, path in visible if path]
        pairs = [(a, b) for a in shown for b in shown]
        for (first, first_path), (second, second_path) in rng.sample(pairs, min(len(pairs), 3000)):
            assert first_path is not None and second_path is not None
            expected = numbered[first.mem_id] <= numbered[second.mem_id]
            assert comes_before(first_path, second_path) == expected


def test_label_climb_drops_every_character_compact_label_may_drop() -> None:
    """The climb's early exit counts characters compact_label() keeps; counting one it
    drops (any whitespace \\s matches, colons, brackets) would end the climb too soon."""
    droppable = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    droppable += list(":：\u200b\ufeff【】[]〔〕()（）<>《》")
    assert [char for char in droppable if char.translate(_MAY_DROP)] == []
    assert "索".translate(_MAY_DROP) == "索"


def _line_samples() -> list[str]:
    """Page texts cut into lines, plus lines built to hit every lazily compiled pattern."""
    lines = [line.strip() for text in _samples() for line in text.split("\n")]
    lines += [
        "打印本页 关闭窗口",
        "【打印】【关闭】",
        "字体：【大】【中】【小】",
        "分享到：微信 微博",
        "您当前的位置：首页 > 信息公开",
        "网站标识码3401000001 皖ICP备05001234号",
        "版权所有：某某市人民政府",
        "网站地图 | 联系我们 | 网站声明",
        "2020年5月6日",
        "二〇二〇年五月六日",
        "２０２０年5月6日",
        "2020-05-06",
        "〇年",
        "李喆 【字体：大 中 小】",
        "李喆 微信 微博 QQ空间",
        "某某市人防办 打印 关闭窗口",
        "某某市人民防空办公室",
        "某某县人民政府（代章）",
        "国家统计局\n",
    ]
    return lines


def test_lazy_line_patterns_answer_as_the_patterns_themselves() -> None:
    """The word and first-character tests in front of the lazily compiled patterns only
    skip texts the patterns cannot match."""
    from noticecli.labels import _TRAILING_WIDGET
    from noticecli.parse import lines

    boilerplate = re.compile(lines._BOILERPLATE)
    date_line = re.compile(lines._DATE_LINE)
    widget = re.compile(_TRAILING_WIDGET)
    org = re.compile(lines._ORG_SUFFIX)
    hits = {"boilerplate": 0, "date": 0, "widget": 0, "org": 0}
    for line in _line_samples():
        expected = bool(boilerplate.match(line))
        assert lines.is_boilerplate(line) == expected, line
        hits["boilerplate"] += expected
        expected = bool(date_line.match(line))
        assert lines.is_date_line(line) == expected, line
        hits["date"] += expected
        expected_value = widget.split(before_group_close(line), maxsplit=1)[0].strip()
        assert cut_trailing_widget(line) == expected_value, line
        hits["widget"] += expected_value != line
        if 2 <= len(line) <= lines.SIGNATURE_MAX and line[-1] not in lines.END_PUNCT:
            expected = "。" not in line and bool(org.search(line))
            assert lines.is_org_line(line) == expected, line
            hits["org"] += expected
    assert min(hits.values()) >= 3, hits  # each pattern was really exercised


def test_lazy_date_patterns_answer_as_the_patterns_themselves() -> None:
    """The window and first-character tests in front of the weekday and range-end patterns
    only skip positions the patterns cannot match."""
    from noticecli import dates
    from noticecli.repair import date_context

    weekday = re.compile(date_context._WEEKDAY_AFTER)
    range_end = re.compile(date_context._RANGE_END_DAY)
    cn_date = re.compile(dates._DATE_CN)
    tails = ["（星期三）", " 星期五", "(周二)", "礼拜天", " （礼拜六）", " (周日)", "　周一"]
    tails += ["至15日", "到3号", "-20日", "~5日", "～5日", "—15日", "至1日内", "。", ""]
    texts = [f"3月27日{tail}" for tail in tails]
    texts += [line for line in _line_samples() if any(c in line for c in "星礼周至到-~～—")][:2000]
    hits = {"weekday": 0, "range": 0}
    for text in texts:
        for end in range(len(text) + 1):
            found_weekday, found_range_end = date_context.neighbours(text, end)
            match = weekday.match(text, end)
            assert found_weekday == (date_context._WEEKDAY[match.group(1)] if match else None), text
            hits["weekday"] += match is not None
            if match is None:
                found = range_end.match(text, end)
                if found is None or text.startswith(date_context._BLOCK_AFTER_RI, found.end()):
                    assert found_range_end is None, text
                else:
                    assert found_range_end == int(found.group(1)), text
                    hits["range"] += 1
    assert min(hits.values()) >= 6, hits  # every tail form was really exercised
    assert cn_date.fullmatch("二〇二〇年五月六日")
    assert dates.parse_date("二〇二〇年五月六日") == dates.parse_date("2020年5月6日")
    assert dates.parse_date("二〇二〇年 五月 六日") == dates.parse_date("2020-05-06")
    assert dates.parse_date("关于二〇二〇年") is None


def test_a_body_with_a_title_class_is_not_the_title() -> None:
    """The body is not among the elements the title search numbered before: a
    ``<body class="title">`` must not make the whole page text the title."""
    import noticecli

    html = (
        '<html><body class="title"><h2>关于做好防汛工作的通知</h2>'
        '<div class="TRS_Editor"><p>各乡镇：请认真做好防汛工作。</p></div></body></html>'
    )
    assert noticecli.parse_html(html).title == "关于做好防汛工作的通知"


def test_lower_cased_ascii_tests_answer_as_ignorecase() -> None:
    """Class words and hiding styles matched in the lower-cased ASCII text give what the
    IGNORECASE patterns give, non-ASCII text (Kelvin sign, long s, dotless i) included."""
    from noticecli.parse.body_container import (
        _NOT_ARTICLE,
        _WIDGET_CLASS,
        _is_furniture_marker,
        _is_widget_marker,
    )
    from noticecli.parse.dom import _HIDDEN_STYLE, _hides

    pieces = [
        "Share", "PRINT", "font-Size", "FontSize", "nav", "FOOTER", "Link", "page-Nav",
        "display", "DISPLAY", "visibility", "None", "HIDDEN", ":", " : ", ";", " ", "\t",
        "宋体", "ſhare", "\u212aey", "hıdden", "İnfo", "-", "_", "x", "1",
    ]  # fmt: skip
    generator = random.Random(9)
    for _ in range(3000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 6)))
        assert _hides(text) == bool(_HIDDEN_STYLE.search(text)), text
        assert _is_widget_marker(text) == (text != " " and bool(_WIDGET_CLASS.search(text)))
        assert _is_furniture_marker(text) == bool(_NOT_ARTICLE.search(text)), text


def test_small_subtrees_walked_find_what_the_query_finds() -> None:
    """Tags found by walking a subtree are those the CSS query finds (the subtree's root
    included), in page order, on either side of the walking bound."""
    from noticecli.parse.body_container import _links_and_code
    from noticecli.parse.dom import _WALK_MAX_ELEMENTS, find_tags, first_tag

    generator = random.Random(10)
    parts = ["<span>文字", "</span>", '<a href="x">链接</a>', "<b>粗</b>", "<script>s</script>",
             "<template><a>t</a></template>", "<style>p{}</style>", "<noscript>n</noscript>",
             "<a>无址</a>", "。", "<br>", "<strong>强</strong>", "<img src=i>", "<h2>题</h2>",
             "<svg><a>矢</a></svg>", "<!-- c -->"]  # fmt: skip
    queries = ["a", "b, strong", "br, script, style", "h1, h2, h3, h4, strong, b", "img"]
    for _ in range(300):
        count = generator.randint(0, 2 * _WALK_MAX_ELEMENTS)
        inner = "".join(generator.choice(parts) for _ in range(count))
        outer = generator.choice(["p", "b", "a", "td"])
        tree = LexborHTMLParser(f"<body><table><tr><{outer}>开头{inner}</{outer}></table></body>")
        root = tree.css_first(outer)
        assert root is not None
        walked = [node.mem_id for node in _links_and_code(root)]
        queried = root.css("a, script, style, noscript, template")
        assert walked == [node.mem_id for node in queried], inner
        for query in queries:
            tags = frozenset(query.split(", "))
            found = [node.mem_id for node in find_tags(root, tags, query)]
            assert found == [node.mem_id for node in root.css(query)], (query, inner)
            first = first_tag(root, tags, query)
            expected = root.css_first(query)
            assert (first and first.mem_id) == (expected and expected.mem_id), (query, inner)


def test_head_tags_are_the_queries_answers() -> None:
    """The one query for <meta> and <title> answers as the queries it stands in for."""
    from noticecli.parse.head_tags import head_tags

    generator = random.Random(11)
    parts = ['<meta name="a" content="1">', '<meta property="og:title" content="2">',
             '<meta charset="utf-8">', "<title>题</title>", "<div>文</div>",
             '<meta name="" content="3">', "<svg><title>矢</title></svg>"]  # fmt: skip
    for _ in range(200):
        head = "".join(generator.choice(parts) for _ in range(generator.randint(0, 4)))
        body = "".join(generator.choice(parts) for _ in range(generator.randint(0, 4)))
        tree = LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>")
        tags = head_tags(tree)
        assert tree.head is not None

        def ids(nodes: list[LexborNode]) -> list[int]:
            return [node.mem_id for node in nodes]

        assert ids(tags.named_metas()) == ids(tree.css("meta[name]")), (head, body)
        assert ids(tags.metas) == ids(tree.css("meta")), (head, body)
        assert ids(tags.head_metas) == ids(tree.head.css("meta")), (head, body)
        assert ids(tags.titles) == ids(tree.css("title")), (head, body)
        assert ids(tags.head_titles) == ids(tree.head.css("title")), (head, body)


def test_base_url_of_pages_with_and_without_an_address() -> None:
    from noticecli.parse.dom import document_base_url

    def base(head: str, url: str | None = None) -> str | None:
        return document_base_url(LexborHTMLParser(f"<html><head>{head}</head><body/></html>"), url)

    assert base("") is None
    assert base("", "https://a.example/x") == "https://a.example/x"
    assert base('<link rel="canonical" href="https://a.example/c">') == "https://a.example/c"
    assert base('<meta property="og:url" content="https://a.example/o">') == "https://a.example/o"
    assert base('<meta name="url" content="/relative">') is None
    assert base('<base href="https://b.example/d/">') == "https://b.example/d/"
    assert base('<base href="d/">', "https://a.example/x/y") == "https://a.example/x/d/"
