"""A site's own selectors: what a user gives when the built-in reading gets a site wrong.

They come from the sites file (one ``[[site]]`` table each, see :mod:`noticecli.crawl.sites`)
or from code, and go to the parser with the page (``parse_html(..., rules=SiteRules(...))``).

Listing pages: ``items`` selects the item rows and replaces listing detection; ``link`` and
``date`` are looked up inside each row (``link`` defaults to the row's first ``a[href]``).

Notice (detail) pages: ``title``, ``body``, ``published_at`` and ``header`` each override
one part of the automatic result. A selector that matches takes its part from the
element(s) it matches; one that matches nothing (or only empty elements) leaves the
automatic result in place and adds a warning (``site_rule_unmatched``), so a template change
on the site shows up in the output instead of silently emptying a field.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from noticecli.errors import ConfigError

LISTING_KEYS = ("items", "link", "date")
NOTICE_KEYS = ("title", "body", "published_at", "header")


@dataclass(frozen=True, slots=True)
class SiteRules:
    """CSS selectors for one site; every one is optional (``None``: the parser decides).

    ``items``, ``link``, ``date``: listing pages (see the module docstring).
    ``title``: the element whose text is the title.
    ``body``: the article's container (several matches: the one with the most text).
    ``published_at``: the element showing the publication date (``发布时间：2024-05-06`` or
    just the date); its field has ``origin`` ``"override"``.
    ``header``: the element(s) holding the labelled fields; fields read there have
    ``origin`` ``"override"``, and the element is left out of the body.

    A selector Lexbor cannot parse raises :class:`~noticecli.errors.ConfigError`.
    """

    items: str | None = None
    link: str | None = None
    date: str | None = None
    title: str | None = None
    body: str | None = None
    published_at: str | None = None
    header: str | None = None

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise ConfigError(f"{item.name}: a CSS selector must be a string, not {value!r}")
            problem = selector_problem(value)
            if problem is not None:
                raise ConfigError(f"{item.name}: {value!r} is not a usable CSS selector: {problem}")

    def is_empty(self) -> bool:
        """No selector is set."""
        return all(getattr(self, item.name) is None for item in fields(self))

    def for_listings(self) -> SiteRules | None:
        """Only the listing selectors (``None`` when there are none)."""
        return _only(self, LISTING_KEYS)

    def for_notices(self) -> SiteRules | None:
        """Only the notice-page selectors (``None`` when there are none)."""
        return _only(self, NOTICE_KEYS)


def _only(rules: SiteRules, keys: tuple[str, ...]) -> SiteRules | None:
    if all(getattr(rules, key) is None for key in keys):
        return None
    cleared = {item.name: None for item in fields(rules) if item.name not in keys}
    return replace(rules, **cleared)


def selector_problem(selector: str) -> str | None:
    """Why Lexbor cannot use ``selector``, or ``None`` when it can."""
    if not selector.strip():
        return "empty"
    from selectolax.lexbor import LexborHTMLParser

    try:
        LexborHTMLParser("<p></p>").css(selector)
    except Exception as exc:  # selectolax raises its own error type for a bad selector
        return str(exc) or type(exc).__name__
    return None
