"""A site's own selectors for notice pages (:class:`~noticecli.rules.SiteRules` ``title``,
``body``, ``published_at``, ``header``): what each one matched, for the HTML parser to use
in place of its own finding.

A selector that matches takes its part from the page; one that matches nothing usable
leaves the automatic result in place and says so (warning ``site_rule_unmatched``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser, LexborNode

from noticecli.fields import PUBLISHED_KEYS
from noticecli.labels import key_for, split_label_pairs
from noticecli.models import HeaderField
from noticecli.parse.dom import ancestors, clean_text, visible_text
from noticecli.parse.header_html import extract_grid_fields

if TYPE_CHECKING:
    from noticecli.rules import SiteRules

UNMATCHED = "site_rule_unmatched"


@dataclass(slots=True)
class Overrides:
    """What the site's selectors found on one page; ``None``/empty: use the automatic result."""

    title: str | None = None
    body: LexborNode | None = None
    header_nodes: list[LexborNode] = field(default_factory=list)
    fields: list[HeaderField] = field(default_factory=list)  # origin "override"
    warnings: list[tuple[str, str]] = field(default_factory=list)
    published: HeaderField | None = None  # the published_at selector's field
    published_labelled: bool = True  # False: its element shows no label (labelled by selector)

    def merge(self, automatic: list[HeaderField]) -> list[HeaderField]:
        """The override fields, then the automatic ones, less the ``published_at`` element
        read a second time by the page's grid or meta line: a publication date there with
        the same value and either the same label, or beside an override element that shows
        the date alone (whose field then takes that label)."""
        published = self.published
        if published is None:
            return self.fields + automatic
        kept: list[HeaderField] = []
        for item in automatic:
            same = (
                item.key == "published_at"
                and item.value == published.value
                and item.origin in ("header", "meta_line")
            )
            if same and not self.published_labelled:
                published.label = item.label
                self.published_labelled = True
            elif not (same and item.label == published.label):
                kept.append(item)
        return self.fields + kept


def read_overrides(tree: LexborHTMLParser, rules: SiteRules) -> Overrides:
    """Apply each notice-page selector of ``rules`` that is set."""
    found = Overrides()
    if rules.header:
        _read_header(tree, rules.header, found)
    if rules.published_at:
        _read_published(tree, rules.published_at, found)
    if rules.title:
        found.title = next(filter(None, (_text(node) for node in tree.css(rules.title))), None)
        if found.title is None:
            _unmatched(found, "title", rules.title, "the title was found automatically")
    if rules.body:
        found.body = _largest(tree.css(rules.body))
        if found.body is None:
            _unmatched(found, "body", rules.body, "the body was found automatically")
    return found


def _read_header(tree: LexborHTMLParser, selector: str, found: Overrides) -> None:
    nodes = _outermost(tree.css(selector))
    fields = [item for node in nodes for item in extract_grid_fields(node)]
    if not fields:
        _unmatched(found, "header", selector, "the header was read automatically")
        return
    for item in fields:
        item.origin = "override"
    found.header_nodes = nodes
    found.fields.extend(fields)


def _read_published(tree: LexborHTMLParser, selector: str, found: Overrides) -> None:
    text = next(filter(None, (_text(node) for node in tree.css(selector))), None)
    if text is None:
        _unmatched(found, "published_at", selector, "published_at was read automatically")
        return
    label, value = _dated_pair(text)
    for item in found.fields:  # the header selector already read this very field
        if item.key == "published_at" and item.value == value:
            return
    published = HeaderField("published_at", label or selector, value, "override")
    found.fields.append(published)
    found.published = published
    found.published_labelled = label is not None


def _dated_pair(text: str) -> tuple[str | None, str]:
    """(label as shown, value) of a publication-date element's text: ``发布时间：2024-05-06
    浏览：12`` gives the publication label and its value; text without such a label is the
    value itself, and no label is shown (``None``).

    A field with no label shown is labelled with its selector, as a ``<meta>`` tag's field is
    labelled with its name: it says where the value was read, and invents no label."""
    pairs = split_label_pairs(text)
    for label, value in pairs:
        if value and key_for(label) in PUBLISHED_KEYS:
            return label, value
    if len(pairs) == 1 and pairs[0][1]:
        return pairs[0][0], pairs[0][1]
    return None, text


def _text(node: LexborNode) -> str:
    return clean_text(visible_text(node))


def _largest(nodes: list[LexborNode]) -> LexborNode | None:
    """The element with the most visible text (an image counts as some); ``None`` when all
    are empty."""
    best: LexborNode | None = None
    best_score = 0
    for node in nodes:
        score = len(_text(node)) or (1 if node.css_first("img") else 0)
        if score > best_score:
            best, best_score = node, score
    return best


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """Matches that are not inside another match (each field is read once)."""
    ids = {node.mem_id for node in nodes}
    return [node for node in nodes if not any(parent.mem_id in ids for parent in ancestors(node))]


def _unmatched(found: Overrides, name: str, selector: str, fallback: str) -> None:
    found.warnings.append(
        (UNMATCHED, f"the site's {name} selector {selector!r} matched nothing usable; {fallback}")
    )
