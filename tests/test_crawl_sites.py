"""The sites file: defaults, the documented example, and an error naming the line for each
kind of mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from noticecli.crawl.sites import (
    DEFAULT_DELAY,
    DEFAULT_MAX_PAGES,
    EXAMPLE,
    Site,
    default_sites_path,
    dump_sites,
    load_sites,
    load_sites_file,
    parse_sites,
    parse_sites_file,
)
from noticecli.errors import ConfigError
from noticecli.rules import SiteRules


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> ConfigError:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_sites(path)
    error = caught.value
    assert error.source is not None and error.source.startswith(str(path))
    return error


def test_example_loads(tmp_path: Path) -> None:
    loaded = load_sites(write(tmp_path, EXAMPLE))
    assert loaded == [
        Site(
            name="hefei-rfb",
            listing=("http://rfb.example.gov.cn/xxgk/tzgg/index.html",),
            max_pages=3,
            delay=2.0,
            items="table.gl_list tr",
            link="a",
            date="td.date",
            next_page="index_{n}.html",
            title="div.article-title h1",
            body="div.article-text",
            published_at="span.pubdate",
            header="table.xxgk-info",
        ),
        Site(
            name="anhui-rfb",
            listing=("https://rfb.example.gov.cn/tzgg/index.html",),
            max_pages=5,
            delay=1.0,
        ),
    ]


def test_dump_round_trip(tmp_path: Path) -> None:
    loaded = parse_sites(EXAMPLE)
    again = load_sites(write(tmp_path, dump_sites(loaded)))
    assert again == loaded
    tricky = [Site("x", ('http://a.gov.cn/?q="中文"\\',), 1, 0.0, items='a[title="x"]')]
    assert parse_sites(dump_sites(tricky)) == tricky


def test_builtin_defaults_and_defaults_table() -> None:
    [bare] = parse_sites('[[site]]\nname = "a"\nlisting = "http://a.gov.cn/"\n')
    assert (bare.max_pages, bare.delay, bare.items, bare.next_page) == (
        DEFAULT_MAX_PAGES,
        DEFAULT_DELAY,
        None,
        None,
    )
    assert bare.listing == ("http://a.gov.cn/",)
    text = (
        '[defaults]\ndelay = 3\nmax_pages = 2\nitems = "ul li"\n\n'
        '[[site]]\nname = "a"\nlisting = ["http://a.gov.cn/"]\n\n'
        '[[site]]\nname = "b"\nlisting = ["http://b.gov.cn/"]\nmax_pages = 9\n'
    )
    a, b = parse_sites(text)
    assert (a.delay, a.max_pages, a.items) == (3.0, 2, "ul li")
    assert isinstance(a.delay, float)
    assert (b.delay, b.max_pages, b.items) == (3.0, 9, "ul li")


def test_the_runs_settings_come_from_defaults(tmp_path: Path) -> None:
    bare = parse_sites_file(SITE)
    assert (bare.concurrency, bare.failing_after) == (16, 3)
    text = "[defaults]\nconcurrency = 64\nfailing_after = 0\ndelay = 2\n\n" + SITE
    loaded = load_sites_file(write(tmp_path, text))
    assert (loaded.concurrency, loaded.failing_after) == (64, 0)
    assert [(site.name, site.delay) for site in loaded.sites] == [("a", 2.0)]
    example = parse_sites_file(EXAMPLE)  # the example shows them, at their defaults
    assert (example.concurrency, example.failing_after) == (16, 3)


def test_page_url() -> None:
    [site] = parse_sites(EXAMPLE)[:1]
    assert site.page_url(site.listing[0], 2) == "http://rfb.example.gov.cn/xxgk/tzgg/index_2.html"


def test_default_path_is_in_the_config_folder() -> None:
    path = default_sites_path()
    assert path.name == "sites.toml"
    assert "noticecli" in path.parts


SITE = '[[site]]\nname = "a"\nlisting = ["http://a.gov.cn/"]\n'


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        # TOML syntax: tomllib's position, without its "(at line …)" tail
        ('[[site]]\nname = "a"\nlisting = [\n', 3, "TOML syntax"),
        ('[[site]]\nname = "a\n', 2, "TOML syntax"),
        # unknown keys and tables
        (SITE + "max_page = 3\n", 4, "unknown key 'max_page'"),
        ("[defaults]\ndelai = 1\n\n" + SITE, 2, "unknown key 'delai' in [defaults]"),
        ("[default]\ndelay = 1\n\n" + SITE, 1, "unknown key 'default'"),
        ('title = "x"\n' + SITE, 1, "unknown key 'title'"),
        # missing name / listing
        ('[[site]]\nlisting = ["http://a.gov.cn/"]\n', 1, "missing 'name'"),
        (SITE + '\n[[site]]\nname = "b"\ndelay = 1\n', 6, "site 'b': missing 'listing'"),
        # bad names, duplicates
        ('[[site]]\nname = "Hefei RFB"\nlisting = "http://a.gov.cn/"\n', 2, "lowercase"),
        ('[[site]]\nname = 5\nlisting = "http://a.gov.cn/"\n', 2, "must be a string"),
        (SITE + "\n" + SITE, 6, "duplicate site name 'a'"),
        # URLs
        ('[[site]]\nname = "a"\nlisting = ["ftp://a.gov.cn/"]\n', 3, "not an http or https"),
        (
            '[[site]]\nname = "a"\nlisting = [\n  "http://a.gov.cn/",\n  "a.gov.cn/x",\n]\n',
            5,
            "'a.gov.cn/x' is not an http",
        ),
        ('[[site]]\nname = "a"\nlisting = []\n', 3, "is empty"),
        ('[[site]]\nname = "a"\nlisting = 3\n', 3, "must be a URL or a list"),
        ('[[site]]\nname = "a"\nlisting = [3]\n', 3, "not a URL string"),
        # types and ranges
        (SITE + 'max_pages = "3"\n', 4, "'max_pages' must be a whole number, not a string"),
        (SITE + "max_pages = 2.5\n", 4, "must be a whole number"),
        (SITE + "max_pages = true\n", 4, "not true/false"),
        (SITE + "max_pages = 0\n", 4, "1 or more"),
        (SITE + "max_pages = -3\n", 4, "1 or more, not -3"),
        (SITE + "delay = -0.5\n", 4, "from 0 to 600 seconds, not -0.5"),
        (SITE + "delay = nan\n", 4, "from 0 to 600 seconds"),
        (SITE + "delay = inf\n", 4, "from 0 to 600 seconds"),
        (SITE + "delay = 100000\n", 4, "from 0 to 600 seconds, not 100000"),
        (SITE + 'delay = "1s"\n', 4, "number of seconds"),
        ("[defaults]\nmax_pages = -1\n\n" + SITE, 2, "in [defaults] must be 1 or more"),
        (SITE + "items = 3\n", 4, "'items' must be a string"),
        # selectors and the page template
        (SITE + 'items = "table.gl_list tr["\n', 4, "not a usable CSS selector"),
        (SITE + 'link = ""\n', 4, "not a usable CSS selector: empty"),
        (SITE + 'date = "td >> span"\n', 4, "'date'"),
        (SITE + 'next_page = "index_2.html"\n', 4, "no {n}"),
        # notice-page overrides
        (SITE + 'title = "h1["\n', 4, "site 'a': 'title' 'h1[' is not a usable CSS selector"),
        (SITE + 'published_at = ""\n', 4, "'published_at' '' is not a usable CSS selector"),
        (SITE + "header = 3\n", 4, "'header' must be a string, not a whole number"),
        ('[defaults]\nbody = "div >> p"\n\n' + SITE, 2, "'body' in [defaults]"),
        # [[site]] written as a plain table
        ('[site]\nname = "a"\n', 1, "array of tables"),
        # the run's settings: in [defaults] only, whole numbers in range
        (
            "[defaults]\nconcurrency = 0\n\n" + SITE,
            2,
            "'concurrency' in [defaults] must be from 1 to 256, not 0",
        ),
        ("[defaults]\nconcurrency = 1000\n\n" + SITE, 2, "from 1 to 256, not 1000"),
        ("[defaults]\nconcurrency = 4.5\n\n" + SITE, 2, "must be a whole number"),
        (
            "[defaults]\nfailing_after = -1\n\n" + SITE,
            2,
            "'failing_after' in [defaults] must be from 0 to 1000",
        ),
        (
            SITE + "concurrency = 4\n",
            4,
            "'concurrency' is a setting of the whole run: put it in [defaults]",
        ),
    ],
)
def test_each_error_names_the_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    error = error_for(tmp_path, text)
    assert error.line == line, str(error)
    assert words in error.message
    assert str(error).startswith(f"{tmp_path / 'sites.toml'}:{line}: ")
    assert "(at line" not in error.message


def test_second_site_errors_point_into_the_second_table(tmp_path: Path) -> None:
    text = SITE + '\n[[site]]\nname = "b"\nlisting = ["http://b.gov.cn/"]\ndelay = -1\n'
    assert error_for(tmp_path, text).line == 8


def test_comments_and_inline_table_headers(tmp_path: Path) -> None:
    text = (
        "# sites\n[[site]]   # first\n"
        'name = "a"  # the name\n'
        'listing = ["http://a.gov.cn/"]  # where\n'
        "oops = 1\n"
    )
    assert error_for(tmp_path, text).line == 5


def test_file_problems(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file") as caught:
        load_sites(tmp_path / "missing.toml")
    assert caught.value.line is None
    with pytest.raises(ConfigError, match="is a directory"):
        load_sites(tmp_path)
    path = tmp_path / "sites.toml"
    path.write_bytes(b'[[site]]\nname = "\xba\xcf\xb7\xca"\n')
    with pytest.raises(ConfigError, match="not UTF-8") as caught:
        load_sites(path)
    assert caught.value.line == 2


def test_no_sites_is_an_error(tmp_path: Path) -> None:
    error = error_for(tmp_path, "[defaults]\ndelay = 1\n")
    assert "no [[site]]" in error.message


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "sites.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SITE.encode())
    assert [site.name for site in load_sites(path)] == ["a"]


def test_overrides_reach_the_parser_split_by_page_kind() -> None:
    text = SITE + 'items = "ul.list li"\ntitle = "h1.t"\nheader = "table.info"\n'
    [site] = parse_sites(text)
    assert site.rules.for_listings() == SiteRules(items="ul.list li")
    assert site.rules.for_notices() == SiteRules(title="h1.t", header="table.info")
    [bare] = parse_sites(SITE)
    assert bare.rules.is_empty()
    assert bare.rules.for_listings() is None and bare.rules.for_notices() is None


def test_render_and_wait_for_are_read_checked_and_written_back(tmp_path: Path) -> None:
    text = (
        '[defaults]\nrender = "listings"\n\n[[site]]\nname = "a"\nlisting = "http://a.gov.cn/"\n'
        'wait_for = "ul.list li"\n\n[[site]]\nname = "b"\nlisting = "http://b.gov.cn/"\n'
        'render = true\nbody = "div.text"\n\n[[site]]\nname = "c"\nlisting = "http://c.gov.cn/"\n'
        "render = false\n"
    )
    a, b, c = parse_sites(text)
    assert (a.render, b.render, c.render) == ("listings", True, False)
    assert (a.renders("listing"), a.renders("notice"), b.renders("notice")) == (True, False, True)
    assert (a.ready_selector("listing"), b.ready_selector("notice")) == ("ul.list li", "div.text")
    assert parse_sites(dump_sites([a, b, c])) == [a, b, c]
    error = error_for(tmp_path, '[[site]]\nname = "a"\nlisting = "http://a/"\nrender = "yes"\n')
    assert (error.line, error.message) == (
        4,
        "site 'a': 'render' must be true, false or \"listings\", not 'yes'",
    )
    error = error_for(tmp_path, '[[site]]\nname = "a"\nlisting = "http://a/"\nwait_for = "ul["\n')
    assert error.line == 4 and "not a usable CSS selector" in error.message
