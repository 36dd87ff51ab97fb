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
