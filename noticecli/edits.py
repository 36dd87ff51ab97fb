"""Edits to a text, with offsets into the original: applied, and reverted exactly.

Every repair is one :class:`TextEdit`; because each holds the original span and text,
:func:`revert_edits` gives back the text as it was before :func:`apply_edits`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["TextEdit", "apply_edits", "revert_edits"]


class TextEdit(NamedTuple):
    """One change to a text; offsets are into the ORIGINAL text."""

    start: int
    end: int
    before: str  # original[start:end]
    after: str
    rule: str
    confidence: float
    alternatives: tuple[str, ...] = ()  # other candidate replacements considered
    evidence: tuple[str, ...] = ()  # why: what in the text decided the edit (rule-specific names)


def _span(edit: TextEdit) -> tuple[int, int]:
    return edit.start, edit.end


def _checked(edits: Sequence[TextEdit]) -> list[TextEdit]:
    ordered = sorted(edits, key=_span) if len(edits) > 1 else list(edits)
    last_end = 0
    for edit in ordered:
        if edit.start < last_end or edit.end < edit.start:
            raise ValueError(f"overlapping or inverted edit at {edit.start}")
        last_end = edit.end
    return ordered


def apply_edits(text: str, edits: Sequence[TextEdit]) -> str:
    """``text`` with ``edits`` (original offsets, non-overlapping) applied."""
    parts: list[str] = []
    pos = 0
    for edit in _checked(edits):
        if text[edit.start : edit.end] != edit.before:
            raise ValueError(f"edit at {edit.start} does not match the text: {edit.before!r}")
        parts.append(text[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def revert_edits(repaired: str, edits: Sequence[TextEdit]) -> str:
    """The original text back from ``repaired`` and the edits that produced it."""
    parts: list[str] = []
    pos = 0
    shift = 0  # how far the repaired text has moved relative to the original so far
    for edit in _checked(edits):
        at = edit.start + shift
        if repaired[at : at + len(edit.after)] != edit.after:
            raise ValueError(f"edit at {edit.start} does not match the repaired text")
        parts.append(repaired[pos:at])
        parts.append(edit.before)
        pos = at + len(edit.after)
        shift += len(edit.after) - (edit.end - edit.start)
    parts.append(repaired[pos:])
    return "".join(parts)
