"""A site's own selectors for notice pages (SiteRules title/body/published_at/header): each
one that matches replaces the automatic result; each one that matches nothing leaves it and
says so. Also ``noticecli parse --site NAME --sites FILE``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import noticecli
from noticecli.cli import main
from noticecli.errors import ConfigError
from noticecli.rules import SiteRules

TITLE = "关于开展2024年人防工程安全检查的通知"
# A template the parser does not know: no title element (so <title> less the site's name,
# the column 通知公告, is taken), no known container (so the denser sidebar wins), a date with no label, and the
# header grid inside the article.
PAGE = f"""<html><head><meta charset="utf-8"><title>通知公告_滏川市人民防空办公室</title>
<meta name="PubDate" content="2023-01-01"></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xxgk/">信息公开</a></div>
<div class="headline"><span class="big">{TITLE}</span></div>
<div class="info">发布于 <span class="when">2024-05-06</span> 浏览次数：35</div>
<div class="wenzhang">
<table class="xxgk-info"><tr><td>索引号：</td><td>11340100/2024-00012</td>
<td>发文字号：</td><td>滏人防〔2024〕5号</td></tr></table>
<p>各县（市、区）人防办：</p>
<p>为做好人防工程安全管理工作，现就开展2024年人防工程安全检查有关事项通知如下。</p>
<p>滏川市人民防空办公室</p>
<p>2024年5月6日</p>
</div>
<div class="side"><p>本站是滏川市人民防空办公室的官方网站，提供人防政策、人防工程、防空警报、
宣传教育等方面的信息服务，欢迎广大市民访问并提出宝贵意见和建议，我们将认真研究并及时答复。</p>
<p>联系电话：0000-12345678，联系地址：滏川市人民路1号市政务中心五楼，邮编000000，
工作时间为工作日上午九点至下午五点。</p></div>
</body></html>"""
RULES = SiteRules(
    title=".headline .big",
    body=".wenzhang",
    published_at=".info .when",
    header="table.xxgk-info",
)
BODY = [
    "各县（市、区）人防办：",
    "为做好人防工程安全管理工作，现就开展2024年人防工程安全检查有关事项通知如下。",
    "滏川市人民防空办公室",
    "2024年5月6日",
]


def test_the_automatic_reading_of_this_template_is_wrong() -> None:
    notice = noticecli.parse_html(PAGE)
    assert notice.title == "通知公告"
    assert notice.published_at == "2023-01-01"  # from the site-wide <meta>
    assert notice.body[0].text is not None and notice.body[0].text.startswith("本站是")


def test_overrides_fix_each_part() -> None:
    notice = noticecli.parse_html(PAGE, rules=RULES)
    assert notice.title == TITLE
    assert [block.text for block in notice.body] == BODY  # the header table is not body
    assert notice.published_at == "2024-05-06"
    assert [(f.key, f.label, f.value, f.origin) for f in notice.header] == [
        ("index_no", "索引号", "11340100/2024-00012", "override"),
        ("doc_no", "发文字号", "滏人防〔2024〕5号", "override"),
        # No label shown beside the date: the field is labelled with where it was read.
        ("published_at", ".info .when", "2024-05-06", "override"),
        ("views", "浏览次数", "35", "meta_line"),
        ("published_at", "PubDate", "2023-01-01", "meta_tag"),
    ]
    assert notice.fields["published_at"] == "2024-05-06"
    assert notice.index_no == "11340100/2024-00012"
    # The date the page shows beats the site-wide <meta>, which says another day.
    assert [w.code for w in notice.warnings] == ["published_mismatch"]
    assert notice.repairs == []
    import jsonschema  # the output still validates against the schema

    from noticecli.schema import notice_schema

    jsonschema.validate(notice.to_dict(), notice_schema())


def test_each_override_alone_changes_only_its_part() -> None:
    automatic = noticecli.parse_html(PAGE).to_dict()
    for name, changed in [
        ("title", {"title"}),
        # The grid sits inside the chosen body: it is body text, as in a known container
        # (the header selector takes it out), and its fields are not header fields.
        ("body", {"body", "header", "fields", "index_no", "doc_no", "warnings"}),
        ("published_at", {"published_at", "header", "fields", "warnings"}),
        ("header", {"header", "fields", "index_no", "doc_no", "body", "warnings"}),
    ]:
        one = SiteRules(**{name: getattr(RULES, name)})
        result = noticecli.parse_html(PAGE, rules=one).to_dict()
        differ = {key for key in automatic if automatic[key] != result[key]}
        assert differ <= changed, name
        assert differ, name


def test_selectors_that_match_nothing_keep_the_automatic_result_and_warn() -> None:
    automatic = noticecli.parse_html(PAGE)
    stale = SiteRules(title="h1.gone", body="#gone", published_at=".gone", header="table.gone")
    notice = noticecli.parse_html(PAGE, rules=stale)
    assert [w.code for w in notice.warnings] == ["site_rule_unmatched"] * 4
    messages = " | ".join(w.message for w in notice.warnings)
    for selector in ("'h1.gone'", "'#gone'", "'.gone'", "'table.gone'"):
        assert selector in messages
    assert "the title was found automatically" in messages
    notice.warnings = automatic.warnings
    assert notice == automatic


def test_an_element_that_matches_but_is_empty_counts_as_no_match() -> None:
    page = PAGE.replace('<div class="nav">', '<h1 class="empty"> </h1><div class="nav">')
    notice = noticecli.parse_html(page, rules=SiteRules(title="h1.empty"))
    assert notice.title == "通知公告"
    assert [w.code for w in notice.warnings] == ["site_rule_unmatched"]


def test_a_publication_date_with_its_own_label() -> None:
    page = PAGE.replace(
        '<div class="info">发布于 <span class="when">2024-05-06</span> 浏览次数：35</div>',
        '<div class="info"><span class="t">发布时间：2024-05-06 10:20 浏览次数：35</span></div>',
    )
    notice = noticecli.parse_html(page, rules=SiteRules(published_at=".info .t"))
    override = notice.header[0]
    assert (override.key, override.label, override.value, override.origin) == (
        "published_at",
        "发布时间",
        "2024-05-06 10:20",
        "override",
    )
    assert notice.published_at == "2024-05-06T10:20:00+08:00"
    # The automatic meta-line reading of the same element is not kept beside it ...
    assert [(f.label, f.origin) for f in notice.header if f.key == "published_at"] == [
        ("发布时间", "override"),
        ("PubDate", "meta_tag"),
    ]
    # ... but a date the page shows under another label elsewhere is.
    elsewhere = page.replace("<p>各县", "<p>发布日期：2024-05-06 10:20</p><p>各县")
    notice = noticecli.parse_html(elsewhere, rules=SiteRules(published_at=".info .t"))
    assert [(f.label, f.origin) for f in notice.header if f.key == "published_at"] == [
        ("发布时间", "override"),
        ("发布日期", "meta_line"),
        ("PubDate", "meta_tag"),
    ]


def test_a_date_the_grid_also_shows_is_one_field_with_the_grids_label() -> None:
    grid = (
        '<table class="g"><tr><td>索引号：</td><td>1134/2024-1</td><td>发文字号：</td><td>x</td>'
        '<td>发布日期：</td><td class="pub">2024-05-07</td><td>主题分类：</td><td>人防</td>'
        "</tr></table>"
    )
    page = PAGE.replace('<div class="wenzhang">', f'{grid}<div class="wenzhang">')
    notice = noticecli.parse_html(page, rules=SiteRules(published_at="td.pub"))
    dated = [f for f in notice.header if f.key == "published_at"]
    assert [(f.label, f.value, f.origin) for f in dated] == [
        ("发布日期", "2024-05-07", "override"),
        ("PubDate", "2023-01-01", "meta_tag"),
    ]
    assert notice.published_at == "2024-05-07"


def test_a_header_selector_matching_nested_elements_reads_each_field_once() -> None:
    notice = noticecli.parse_html(PAGE, rules=SiteRules(header="table.xxgk-info, table tr"))
    assert [f.key for f in notice.header if f.origin == "override"] == ["index_no", "doc_no"]


def test_several_body_matches_take_the_one_with_most_text() -> None:
    notice = noticecli.parse_html(PAGE, rules=SiteRules(body=".wenzhang, .headline"))
    assert BODY[1] in [block.text for block in notice.body]


def test_notice_overrides_leave_listing_pages_alone() -> None:
    rows = "".join(
        f'<li><a href="/a/t2024110{n}_{n}.html">通知{n}</a><span>2024-11-0{n}</span></li>'
        for n in range(1, 5)
    )
    html = f"<html><body><h1>通知公告</h1><ul>{rows}</ul></body></html>"
    plain = noticecli.parse_html(html)
    with_rules = noticecli.parse_html(html, rules=RULES)
    assert with_rules.kind == "listing"
    assert with_rules == plain


def test_text_dumps_say_the_selectors_were_not_used() -> None:
    text = f"{TITLE}\n发布时间：2024-05-06\n\n正文第一段。\n".encode()
    notice = noticecli.parse_bytes(text, text_dump=True, rules=RULES)
    assert [w.code for w in notice.warnings if w.code == "site_rule_unmatched"] == [
        "site_rule_unmatched"
    ]
    assert noticecli.parse_bytes(text, text_dump=True, rules=SiteRules()).warnings == (
        noticecli.parse_bytes(text, text_dump=True).warnings
    )


def test_site_rules_check_their_selectors() -> None:
    with pytest.raises(ConfigError, match="title: 'h1\\[' is not a usable CSS selector"):
        SiteRules(title="h1[")
    with pytest.raises(ConfigError, match="body: ' ' is not a usable CSS selector: empty"):
        SiteRules(body=" ")
    rules = SiteRules(items="ul li", date="span", title="h1", header="table")
    assert rules.for_listings() == SiteRules(items="ul li", date="span")
    assert rules.for_notices() == SiteRules(title="h1", header="table")
    assert SiteRules().is_empty() and SiteRules().for_notices() is None


# --- noticecli parse --site NAME --sites FILE ---------------------------------------------


@pytest.fixture
def saved(tmp_path: Path) -> dict[str, Path]:
    page = tmp_path / "notice.html"
    page.write_text(PAGE, "utf-8")
    sites = tmp_path / "sites.toml"
    sites.write_text(
        '[[site]]\nname = "fuchuan-rfb"\nlisting = ["http://rfb.example.gov.cn/tzgg/"]\n'
        'title = ".headline .big"\nbody = ".wenzhang"\npublished_at = ".info .when"\n'
        'header = "table.xxgk-info"\n\n'
        '[[site]]\nname = "other"\nlisting = "http://other.example.gov.cn/"\n',
        "utf-8",
    )
    return {"page": page, "sites": sites}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_parse_with_a_sites_overrides(saved: dict[str, Path]) -> None:
    args = ("parse", "--sites", str(saved["sites"]), str(saved["page"]))
    code, out, err = run(*args[:1], "--site", "fuchuan-rfb", *args[1:])
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document == noticecli.parse_file(saved["page"], rules=RULES).to_dict()
    assert document["title"] == TITLE
    code, out, _ = run(*args[:1], "--site", "other", *args[1:])
    assert code == 0
    assert json.loads(out)["title"] == "通知公告"


def test_parse_site_errors(saved: dict[str, Path], tmp_path: Path) -> None:
    code, out, err = run("parse", "--site", "nope", "--sites", str(saved["sites"]), "x.html")
    assert (code, out) == (78, "")
    assert err == f"noticecli: {saved['sites']}: no site named nope\n"
    broken = tmp_path / "broken.toml"
    broken.write_text('[[site]]\nname = "a"\nlisting = "http://a.gov.cn/"\ntitle = "h1["\n')
    code, out, err = run("parse", "--site", "a", "--sites", str(broken), str(saved["page"]))
    assert (code, out) == (78, "")
    assert err.startswith(f"noticecli: {broken}:4: site 'a': 'title' 'h1[' is not a usable")
    code, _, err = run("parse", "--sites", str(saved["sites"]), str(saved["page"]))
    assert code == 2
    assert "--sites says where to find --site NAME" in err
