"""A notice's closing lines printed after its body container.

Density finds the container that holds the text and a table (a contact table, a list of
candidates); the signature and the date a template prints right after that container, as
its siblings, are still the notice's own. Only short, linkless lines in the shape of a
signature or a date, ending on a date, are taken: a footer, a menu or a related-links list
is never.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from noticecli.parse.dom import clean_text, visible_text
from noticecli.parse.lines import END_PUNCT, SIGNATURE_MAX, is_date_line, is_org_line

# Closing lines looked at after the container: a signature or two and the date.
_MAX_LINES = 4


def closing_scope(container: LexborNode) -> tuple[LexborNode, list[LexborNode]]:
    """The node whose blocks are the body, and the elements in it to leave out: the
    container alone, or, when signature and date lines follow it, its parent without its
    other children."""
    parent = container.parent
    closing = _closing_siblings(container)
    if parent is None or not closing:
        return container, []
    kept = {container.mem_id, *(node.mem_id for node in closing)}
    others: list[LexborNode] = []
    child = parent.child
    while child is not None:
        if child.mem_id not in kept:
            if child.tag == "-text" and (child.text_content or "").strip():
                return container, []  # loose text beside the container: not this shape
            others.append(child)
        child = child.next
    return parent, others


def _closing_siblings(container: LexborNode) -> list[LexborNode]:
    found: list[LexborNode] = []
    dated = 0  # lines up to and including the last date line
    node = container.next
    while node is not None and len(found) < _MAX_LINES:
        if node.tag == "-text":
            if (node.text_content or "").strip():
                break
        elif node.tag and not node.tag.startswith("-"):
            text = clean_text(visible_text(node))
            if text:
                if not _closing_line(node, text):
                    break
                found.append(node)
                if is_date_line(text):
                    dated = len(found)
        node = node.next
    return found[:dated]


def _closing_line(node: LexborNode, text: str) -> bool:
    if node.tag in ("table", "ul", "ol", "form") or node.css_first("a, img, table") is not None:
        return False
    if len(text) > SIGNATURE_MAX or text[-1] in END_PUNCT:
        return False
    if is_date_line(text) or is_org_line(text):
        return True
    style = (node.attributes.get("style") or "").replace(" ", "").lower()
    return "text-align:right" in style or (node.attributes.get("align") or "").lower() == "right"
