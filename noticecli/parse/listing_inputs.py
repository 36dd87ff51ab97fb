"""What the listing readers take from a page, read from the tree once: its links and scripts.

The row finder (:mod:`noticecli.parse.listing_rows`), the pager reader
(:mod:`noticecli.parse.listing_pager`) and the script-data reader
(:mod:`noticecli.parse.listing_data`) all walk the same links and scripts.
"""

from __future__ import annotations

from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Link texts cut short by the template: the title attribute then holds the whole title.
_TRUNCATED = ("…", "...", "。。。", "..")
# List bullets some templates print inside the link, before the title.
_BULLETS = "·•●○■□◆◇▪▫►▶ "


class PageLink(NamedTuple):
    """An ``<a href>`` as the listing readers need it."""

    node: LexborNode
    attrs: dict[str, str | None]
    href: str  # stripped
    text: str  # collapsed


class PageScript(NamedTuple):
    """A ``<script>`` element."""

    node: LexborNode
    src: str | None
    type: str  # stripped, lower-cased
    text: str
    lowered: str  # the text lower-cased, for the readers' cheap "is it worth a look" tests


def page_links(root: LexborHTMLParser | LexborNode) -> list[PageLink]:
    """Every ``<a href>`` under ``root``, in document order."""
    return [page_link(anchor) for anchor in root.css("a[href]")]


def page_link(anchor: LexborNode) -> PageLink:
    attrs = anchor.attributes
    href = (attrs.get("href") or "").strip()
    return PageLink(anchor, attrs, href, collapse(anchor.text(separator=" ")))


def page_scripts(tree: LexborHTMLParser) -> list[PageScript]:
    """Every ``<script>`` once: several readers look at them all."""
    scripts = []
    for node in tree.css("script"):
        attrs = node.attributes
        kind = (attrs.get("type") or "").strip().lower()
        text = node.text()
        scripts.append(PageScript(node, attrs.get("src"), kind, text, text.lower()))
    return scripts


def collapse(text: str | None) -> str:
    """Runs of whitespace as one space, trimmed (``str.split`` splits on what ``\\s`` does)."""
    return " ".join((text or "").split())


def skip_href(href: str) -> bool:
    """Hrefs that lead nowhere a reader can follow: empty, scripts, anchors, mail, phone."""
    lowered = href.lower()
    return (
        not href
        or lowered.startswith(("javascript:", "#", "mailto:", "tel:", "about:", "data:"))
        or lowered in ("undefined", "null")
    )


def link_title(text: str, attrs: dict[str, str | None]) -> tuple[str, str]:
    """(shown title, best title) of a link with collapsed text ``text``: the best title is the
    ``title`` attribute when the shown text is cut short or missing. Only the attribute's
    first line counts (some templates append 点击量 / 发布时间 lines to it), and only when it
    begins as the shown text does."""
    shown = text.lstrip(_BULLETS) if text[:1] in _BULLETS else text
    raw = attrs.get("title")
    if not raw or (shown and not shown.endswith(_TRUNCATED)):
        return shown, shown
    attr = collapse(raw.replace("\r", "\n").split("\n", 1)[0])
    if not attr:
        return shown, shown
    if not shown:
        return attr, attr
    if shown.endswith(_TRUNCATED):
        stem = shown.rstrip("….。").strip()
        if len(attr) >= len(stem) and attr.replace(" ", "").startswith(stem.replace(" ", "")):
            return shown, attr
    return shown, shown
