"""The sites file: which listing pages ``noticecli crawl`` watches, and how.

The file is TOML, by default ``sites.toml`` in the user's configuration folder
(:func:`default_sites_path`, e.g. ``~/.config/noticecli/sites.toml`` on Linux). A full,
commented example is :data:`EXAMPLE` below; ``noticecli sites example`` prints it.

Keys of a ``[[site]]`` table: ``name`` and ``listing`` are required; ``max_pages``, ``delay``,
``items``, ``link``, ``date``, ``next_page``, ``title``, ``body``, ``published_at``,
``header``, ``render`` and ``wait_for`` are optional, and ``[defaults]`` may set any of these
optional keys. Built-in
defaults: ``delay = 1.0``, ``max_pages = 5``. ``listing`` may also be a single string.

``[defaults]`` also holds the settings of a whole run (:data:`RUN_KEYS`, only there):
``concurrency``, the hosts crawled at once (default 16, 1 to 256), and ``failing_after``, the
failed runs in a row after which a site is reported on every run (default 3; 0: never).
``crawl --concurrency`` and ``--failing-after`` override them. :func:`load_sites_file`
gives them with the sites.

Listing pages: a selector or ``next_page`` left unset is ``None``: the crawler then relies on
the parser's own listing detection and the pagination links it finds. With ``items``, the
rows it selects are the items (``link`` and ``date`` are looked up inside each row), and a
first page where it matches nothing is reported. With ``next_page``, a following page that
is missing (404, 410) or holds no items ends the listing.

Notice pages: ``title``, ``body``, ``published_at`` and ``header`` are CSS selectors that
override the parser's own finding of that part (see :mod:`noticecli.rules`): a selector
that matches takes its part from the page (header fields it yields have ``origin``
``"override"``); one that matches nothing leaves the automatic result and adds a warning.
``noticecli parse --site NAME --sites FILE`` applies them to saved pages.

Pages that need a browser: ``render = true`` loads every page of the site in a headless
Chromium (:mod:`noticecli.fetch.render`), ``render = "listings"`` only its listing pages (a
list a script fills, articles served as HTML). A rendered listing page is ready when the
network is idle, or when ``wait_for`` (a CSS selector) matches; a rendered notice page
waits for the ``body`` selector when the site has one.

Every problem is a :class:`~noticecli.errors.ConfigError` that names the file and, when it can
be found, the line: TOML syntax, unknown keys or tables, a missing ``name`` or ``listing``, a
name used twice, a wrong type, a negative or zero count, a URL that is not http(s), a CSS
selector that does not parse, a ``next_page`` without ``{n}``.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from noticecli.errors import ConfigError
from noticecli.fetch.politeness import MAX_DELAY
from noticecli.rules import SiteRules, selector_problem

DEFAULT_DELAY = 1.0
DEFAULT_MAX_PAGES = 5
DEFAULT_CONCURRENCY = 16
MAX_CONCURRENCY = 256  # a connection each: well inside the usual limit of 1024 open files
DEFAULT_FAILING_AFTER = 3
MAX_FAILING_AFTER = 1000

REQUIRED_KEYS = ("name", "listing")
OPTIONAL_KEYS = (
    "max_pages",
    "delay",
    "items",
    "link",
    "date",
    "next_page",
    "title",
    "body",
    "published_at",
    "header",
    "render",
    "wait_for",
)
RUN_KEYS = ("concurrency", "failing_after")  # [defaults] only: settings of the whole run
SELECTOR_KEYS = ("items", "link", "date", "title", "body", "published_at", "header")
_NAME = re.compile(r"[a-z0-9_-]+")

EXAMPLE = """\
# noticecli sites file
[defaults]                  # optional; applies to every site that does not say otherwise
delay = 1.0                 # seconds between requests to the same site (0 to 600)
max_pages = 5               # listing pages read per run, the first included (>= 1)
concurrency = 16            # hosts crawled at once, each still one request at a time (1 to 256)
failing_after = 3           # report a site on every run once it failed this many in a row

[[site]]
name = "hefei-rfb"          # unique; lowercase letters, digits, "_" and "-"
listing = [                 # one or more listing URLs (http or https)
    "http://rfb.example.gov.cn/xxgk/tzgg/index.html",
]
max_pages = 3               # optional overrides of [defaults]
delay = 2.0
items = "table.gl_list tr"  # CSS selector for the item rows of a listing page
link = "a"                  # CSS selector, inside an item, for the notice link
date = "td.date"            # CSS selector, inside an item, for the date
next_page = "index_{n}.html"  # next listing pages, relative to the listing URL; n = 1, 2, …
# When a notice page comes out wrong, name the element that holds each part (CSS selectors;
# one that matches nothing leaves the automatic result and adds a warning):
title = "div.article-title h1"  # the title
body = "div.article-text"       # the article's text
published_at = "span.pubdate"   # the publication date (发布时间：2024-05-06, or the date alone)
header = "table.xxgk-info"      # the labelled fields (索引号, 发文字号 …)
# Pages that need a browser (a list a script fills, a JavaScript challenge page): load them
# in a headless Chromium (pip install 'noticecli[render]'); "listings" for listing pages only.
# render = true
# wait_for = "ul.list li"       # a rendered listing page is ready when this matches

[[site]]
name = "anhui-rfb"
listing = ["https://rfb.example.gov.cn/tzgg/index.html"]
"""


@dataclass(frozen=True)
class Site:
    """One watched site, with every default already applied."""

    name: str
    listing: tuple[str, ...]
    max_pages: int = DEFAULT_MAX_PAGES
    delay: float = DEFAULT_DELAY
    items: str | None = None
    link: str | None = None
    date: str | None = None
    next_page: str | None = None
    title: str | None = None
    body: str | None = None
    published_at: str | None = None
    header: str | None = None
    render: bool | Literal["listings"] = False
    wait_for: str | None = None

    def renders(self, kind: Literal["listing", "notice"]) -> bool:
        """Whether this site's pages of ``kind`` are loaded in the browser."""
        return self.render is True or (self.render == "listings" and kind == "listing")

    def ready_selector(self, kind: Literal["listing", "notice"]) -> str | None:
        """What a rendered page of ``kind`` waits for (None: the network going idle)."""
        return self.wait_for if kind == "listing" else self.body

    @cached_property
    def rules(self) -> SiteRules:
        """The site's selectors, as the parser takes them."""
        return SiteRules(**{key: getattr(self, key) for key in SELECTOR_KEYS})

    @cached_property
    def listing_rules(self) -> SiteRules | None:
        """The selectors for its listing pages (``None``: listing detection decides)."""
        return self.rules.for_listings()

    @cached_property
    def notice_rules(self) -> SiteRules | None:
        """The overrides for its notice pages (``None``: none)."""
        return self.rules.for_notices()

    def page_url(self, listing_url: str, n: int) -> str:
        """The URL of following page ``n`` (1, 2, …) of ``listing_url`` (needs ``next_page``)."""
        if self.next_page is None:
            raise ValueError(f"site {self.name!r} has no next_page template")
        return urljoin(listing_url, self.next_page.replace("{n}", str(n)))


@dataclass(frozen=True)
class SitesFile:
    """A whole sites file: its sites, and the run settings of its ``[defaults]``."""

    sites: list[Site]
    concurrency: int = DEFAULT_CONCURRENCY
    failing_after: int = DEFAULT_FAILING_AFTER


def default_sites_path() -> Path:
    """``sites.toml`` in the user's configuration folder for noticecli."""
    import platformdirs

    return platformdirs.user_config_path("noticecli") / "sites.toml"


def load_sites(path: Path) -> list[Site]:
    """Read and check a sites file; raise :class:`ConfigError` naming the file and line."""
    return load_sites_file(path).sites


def load_sites_file(path: Path) -> SitesFile:
    """:func:`load_sites`, with the run settings."""
    source = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("no such file", source=source) from None
    except IsADirectoryError:
        raise ConfigError("is a directory, not a sites file", source=source) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", source=source) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError("not UTF-8 text", source=source, line=line) from None
    return parse_sites_file(text, source=source)


def parse_sites(text: str, *, source: str = "<sites>") -> list[Site]:
    """Check the text of a sites file (see :func:`load_sites`)."""
    return parse_sites_file(text, source=source).sites


def parse_sites_file(text: str, *, source: str = "<sites>") -> SitesFile:
    """:func:`parse_sites`, with the run settings."""
    text = text.removeprefix("\ufeff")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = _toml_error(str(exc), text)
        raise ConfigError(f"TOML syntax: {message}", source=source, line=line) from None
    return _Checker(text, source).check(document)


def dump_sites(sites: Iterable[Site]) -> str:
    """TOML text that :func:`parse_sites` reads back as the same sites (every key written)."""
    chunks: list[str] = []
    for site in sites:
        lines = ["[[site]]", f"name = {_toml_str(site.name)}"]
        lines.append("listing = [" + ", ".join(_toml_str(url) for url in site.listing) + "]")
        lines.append(f"max_pages = {site.max_pages}")
        lines.append(f"delay = {float(site.delay)!r}")
        for key in OPTIONAL_KEYS:
            value = getattr(site, key)
            if key in ("max_pages", "delay"):
                continue  # written above
            if key == "render":
                if value is not False:
                    lines.append(f"render = {'true' if value is True else _toml_str(value)}")
            elif value is not None:
                lines.append(f"{key} = {_toml_str(value)}")
        chunks.append("\n".join(lines) + "\n")
    return "\n".join(chunks)


def _toml_str(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes).
    return json.dumps(value, ensure_ascii=False)


_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\s*$")


def _toml_error(message: str, text: str) -> tuple[str, int | None]:
    """tomllib (3.11) puts the position in the message: "... (at line 3, column 7)"."""
    match = _TOML_POSITION.search(message)
    if match is None:
        return message, None
    line = int(match.group(1)) if match.group(1) else max(1, text.count("\n"))
    return message[: match.start()], line


# --- finding lines ------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]\[#]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")


@dataclass
class _Section:
    name: str  # "" for the top level
    array: bool
    line: int | None
    first: int  # first line number of the section's body
    last: int  # last line number of the section's body
    keys: dict[str, int]


def _sections(text: str) -> list[_Section]:
    """Tables and their keys with line numbers, by a line scan (tomllib gives no positions).

    Good enough for the files people write: a key is found where a line starts with it.
    """
    lines = text.splitlines()
    sections = [_Section("", False, None, 1, len(lines), {})]
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            sections[-1].last = number - 1
            name = header.group(2).strip().strip("\"'")
            sections.append(_Section(name, header.group(1) == "[[", number, number + 1, 0, {}))
            continue
        key = _KEY.match(line)
        if key:
            name = next(group for group in key.groups() if group)
            sections[-1].keys.setdefault(name, number)
    sections[-1].last = len(lines)
    return sections


class _Checker:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = text.splitlines()
        self.sections = _sections(text)
        self.site_sections = [s for s in self.sections if s.name == "site" and s.array]
        self.names: list[object] = []

    def fail(self, message: str, line: int | None) -> ConfigError:
        return ConfigError(message, source=self.source, line=line)

    def section(self, table: str, index: int = 0) -> _Section | None:
        if table == "site":
            return self.site_sections[index] if index < len(self.site_sections) else None
        return next((s for s in self.sections if s.name == table), None)

    def key_line(self, table: str, key: str, index: int = 0) -> int | None:
        section = self.section(table, index)
        if section is not None and key in section.keys:
            return section.keys[key]
        if section is not None:
            return section.line
        return self.grep(key)

    def grep(self, needle: str, first: int = 1, last: int | None = None) -> int | None:
        stop = len(self.lines) if last is None else last
        for number in range(first, stop + 1):
            if needle in self.lines[number - 1]:
                return number
        return None

    def value_line(self, table: str, key: str, index: int, value: str) -> int | None:
        """The line that shows ``value`` (a list item may sit below its key)."""
        start = self.key_line(table, key, index)
        section = self.section(table, index)
        if start is not None:
            end = section.last if section is not None else None
            found = self.grep(value, start, end)
            if found is not None:
                return found
        return start

    # --- the document ---------------------------------------------------------------------

    def check(self, document: dict[str, Any]) -> SitesFile:
        for key in document:
            if key not in ("defaults", "site"):
                line = self.key_line("", key) if key in self.sections[0].keys else None
                line = line or self.section_line(key)
                raise self.fail(f"unknown key {key!r} (expected [defaults] or [[site]])", line)
        defaults = self.check_defaults(document.get("defaults", {}))
        run = {key: defaults.pop(key) for key in RUN_KEYS if key in defaults}
        raw_sites = document.get("site")
        if isinstance(raw_sites, list):
            self.names = [s.get("name") if isinstance(s, dict) else None for s in raw_sites]
        if raw_sites is None:
            raise self.fail("no [[site]] tables: nothing to crawl", None)
        if not isinstance(raw_sites, list) or not all(isinstance(s, dict) for s in raw_sites):
            line = self.key_line("", "site") or self.section_line("site")
            raise self.fail("'site' must be an array of tables, written [[site]]", line)
        sites: list[Site] = []
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_sites):
            site = self.check_site(raw, index, defaults)
            if site.name in seen:
                first = seen[site.name]
                raise self.fail(
                    f"duplicate site name {site.name!r} (first used by site {first + 1})",
                    self.key_line("site", "name", index),
                )
            seen[site.name] = index
            sites.append(site)
        return SitesFile(sites, **run)

    def site_name(self, index: int) -> str:
        name = self.names[index] if index < len(self.names) else None
        return repr(name) if isinstance(name, str) else str(index + 1)

    def section_line(self, name: str) -> int | None:
        found = next((s for s in self.sections if s.name.split(".")[0] == name), None)
        return found.line if found is not None else self.grep(name)

    def check_defaults(self, raw: object) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail("'defaults' must be a table, written [defaults]", self.grep("defaults"))
        for key in raw:
            if key not in OPTIONAL_KEYS and key not in RUN_KEYS:
                allowed = ", ".join(OPTIONAL_KEYS + RUN_KEYS)
                raise self.fail(
                    f"unknown key {key!r} in [defaults] (allowed: {allowed})",
                    self.key_line("defaults", key),
                )
        return {key: self.check_option(key, raw[key], "defaults", 0) for key in raw}

    def check_site(self, raw: dict[str, Any], index: int, defaults: dict[str, Any]) -> Site:
        where = f"site {index + 1}"
        for key in raw:
            if key in RUN_KEYS:
                raise self.fail(
                    f"'{key}' is a setting of the whole run: put it in [defaults]",
                    self.key_line("site", key, index),
                )
            if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
                allowed = ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS)
                raise self.fail(
                    f"unknown key {key!r} in [[site]] (allowed: {allowed})",
                    self.key_line("site", key, index),
                )
        header_line = self.key_line("site", "name", index)
        if "name" not in raw:
            raise self.fail(f"{where}: missing 'name'", header_line)
        name = raw["name"]
        if not isinstance(name, str):
            raise self.fail(f"{where}: 'name' must be a string, not {_kind(name)}", header_line)
        if not _NAME.fullmatch(name):
            raise self.fail(
                f"site name {name!r}: use only lowercase letters, digits, '_' and '-'",
                header_line,
            )
        where = f"site {name!r}"
        if "listing" not in raw:
            raise self.fail(f"{where}: missing 'listing'", self.key_line("site", "name", index))
        listing = self.check_listing(raw["listing"], index, where)
        options = dict(defaults)
        for key in OPTIONAL_KEYS:
            if key in raw:
                options[key] = self.check_option(key, raw[key], "site", index)
        return Site(name=name, listing=listing, **options)

    def check_listing(self, value: object, index: int, where: str) -> tuple[str, ...]:
        line = self.key_line("site", "listing", index)
        if isinstance(value, str):
            urls: list[object] = [value]
        elif isinstance(value, list):
            urls = value
        else:
            raise self.fail(
                f"{where}: 'listing' must be a URL or a list of URLs, not {_kind(value)}", line
            )
        if not urls:
            raise self.fail(f"{where}: 'listing' is empty; give at least one URL", line)
        for url in urls:
            if not isinstance(url, str):
                raise self.fail(f"{where}: 'listing' holds {_kind(url)}, not a URL string", line)
            parts = urlsplit(url.strip())
            if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
                raise self.fail(
                    f"{where}: listing URL {url!r} is not an http or https URL",
                    self.value_line("site", "listing", index, url),
                )
        return tuple(str(url).strip() for url in urls)

    def check_option(self, key: str, value: object, table: str, index: int) -> Any:
        line = self.key_line(table, key, index)
        if table == "defaults":
            label = f"'{key}' in [defaults]"
        else:
            label = f"site {self.site_name(index)}: '{key}'"
        if key in _WHOLE_NUMBERS:
            low, high = _WHOLE_NUMBERS[key]
            if not isinstance(value, int) or isinstance(value, bool):
                raise self.fail(f"{label} must be a whole number, not {_kind(value)}", line)
            if high is not None and not low <= value <= high:
                raise self.fail(f"{label} must be from {low} to {high}, not {value}", line)
            if value < low:
                raise self.fail(f"{label} must be {low} or more, not {value}", line)
            return value
        if key == "delay":
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise self.fail(f"{label} must be a number of seconds, not {_kind(value)}", line)
            if not math.isfinite(value) or not 0 <= value <= MAX_DELAY:
                raise self.fail(
                    f"{label} must be from 0 to {MAX_DELAY:g} seconds, not {value}", line
                )
            return float(value)
        if key == "render":
            if isinstance(value, bool) or value == "listings":
                return value
            raise self.fail(
                f'{label} must be true, false or "listings", not {value!r}'
                if isinstance(value, str)
                else f'{label} must be true, false or "listings", not {_kind(value)}',
                line,
            )
        if not isinstance(value, str):
            raise self.fail(f"{label} must be a string, not {_kind(value)}", line)
        if key == "next_page":
            if "{n}" not in value:
                raise self.fail(f"{label} {value!r} has no {{n}} where the page number goes", line)
            return value
        problem = selector_problem(value)
        if problem:
            raise self.fail(f"{label} {value!r} is not a usable CSS selector: {problem}", line)
        return value


# Whole-number keys: the smallest and largest value allowed (None: no limit).
_WHOLE_NUMBERS: dict[str, tuple[int, int | None]] = {
    "max_pages": (1, None),
    "concurrency": (1, MAX_CONCURRENCY),
    "failing_after": (0, MAX_FAILING_AFTER),
}


def _kind(value: object) -> str:
    names = {
        bool: "true/false",
        int: "a whole number",
        float: "a decimal number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)
