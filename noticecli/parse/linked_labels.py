"""Labels whose value is a link to another page: a ticker or a pointer, never a field.

A page's top bar may print ``通知公告：<a>关于…的通知</a> 2024-04-28`` and its foot
``上一篇：<a>…</a>``. The label is the caption of a headline that leads elsewhere, not a fact
of this notice; read as a field it would join the header and, counted beside the real meta
line, turn that line into a grid. A label the vocabulary knows keeps its linked value
(``来源：<a>新华网</a>`` names the source); a label of the page's own whose value is mostly
link text is dropped.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from noticecli.parse.dom import SKIP_TAGS, clean_text, visible_text


def value_is_link(label: LexborNode, labels: set[int]) -> bool:
    """Whether the value after ``label`` (its siblings up to the next label in ``labels``)
    is at least half link text."""
    total = 0
    linked = 0
    sibling = label.next
    while sibling is not None and sibling.mem_id not in labels:
        if sibling.tag == "-text":
            total += len(clean_text(sibling.text_content or ""))
        elif sibling.tag and not sibling.tag.startswith("-") and sibling.tag not in SKIP_TAGS:
            text = len(clean_text(visible_text(sibling)))
            total += text
            if sibling.tag == "a":
                linked += text
            else:
                linked += sum(len(clean_text(visible_text(link))) for link in sibling.css("a"))
        sibling = sibling.next
    return linked > 0 and linked * 2 >= total
