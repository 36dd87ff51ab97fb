"""Helpers the text-rendering form tests share: parse lines as a text dump, read what came out."""

from __future__ import annotations

import noticecli
from noticecli.models import Notice


def parse_lines(*lines: str) -> Notice:
    """``lines`` parsed as one text dump, a newline after each."""
    return noticecli.parse_text("\n".join(lines) + "\n")


def body_texts(notice: Notice) -> list[str]:
    return [block.text or "" for block in notice.body]


def label_values(notice: Notice) -> list[tuple[str, str | None]]:
    return [(field.label, field.value) for field in notice.header]


def typed_blocks(notice: Notice) -> list[tuple[str, str]]:
    """Each body block as its type and its text."""
    return [(block.type, block.text or "") for block in notice.body]


def paragraphs(notice: Notice) -> list[str]:
    return [block.text or "" for block in notice.body if block.type == "paragraph"]


def field_map(notice: Notice) -> dict[str, str | None]:
    """The header's values by their labels (a label shown twice: its last value)."""
    return {field.label: field.value for field in notice.header}


def origin_values(notice: Notice, origin: str) -> list[tuple[str, str | None]]:
    """The labels and values of the header fields read from one place (``origin``)."""
    return [(field.label, field.value) for field in notice.header if field.origin == origin]


def meta_line_values(notice: Notice) -> list[tuple[str, str | None]]:
    return origin_values(notice, "meta_line")


def header_grid_values(notice: Notice) -> list[tuple[str, str | None]]:
    return origin_values(notice, "header")
