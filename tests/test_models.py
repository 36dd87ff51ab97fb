"""The models' shared __repr__/__eq__ behave as the ones dataclass would write."""

from __future__ import annotations

import copy
import dataclasses
import weakref

import pytest

from noticecli.models import Attachment, Block, HeaderField, ListingItem, Notice, Repair, TableCell


def test_repr_lists_every_field_in_order() -> None:
    field = HeaderField("index_no", "索引号", "003110598/202005-00043")
    assert repr(field) == (
        "HeaderField(key='index_no', label='索引号', value='003110598/202005-00043', "
        "origin='header', iso=None)"
    )


def test_equality_compares_fields_and_class() -> None:
    assert Block("paragraph", "正文") == Block("paragraph", "正文")
    assert Block("paragraph", "正文") != Block("paragraph", "正文。")
    assert Block("table", rows=[[TableCell("a")]]) == Block("table", rows=[[TableCell("a")]])
    assert Block("table", rows=[[TableCell("a")]]) != Block("table", rows=[[TableCell("b")]])
    assert HeaderField("k", "l", None) != ("k", "l", None)
    assert Attachment("a", "u", None) != ListingItem("a", "u", None)  # same values, other class
    assert Notice(title="x") == Notice(title="x")
    assert Notice(title="x") != Notice(title="y")


def test_models_are_unhashable_slotted_dataclasses() -> None:
    notice = Notice()
    with pytest.raises(TypeError):
        hash(notice)
    with pytest.raises(AttributeError):
        notice.nonexistent = 1  # type: ignore[attr-defined]
    assert dataclasses.is_dataclass(notice)
    assert weakref.ref(notice)() is notice


def test_equality_and_repr_keep_dataclass_corner_cases() -> None:
    nan = float("nan")
    repair = Repair(None, 0, 0, 4, "327日", "3月27日", "date.month_day_missing_yue", nan)
    assert repair == copy.copy(repair)  # the same NaN object equals itself, as in a tuple
    looped = Notice()
    looped.keywords = [looped]  # type: ignore[list-item]
    assert "..." in repr(looped)
