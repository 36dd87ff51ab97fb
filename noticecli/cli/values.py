"""Option values checked before any work: sizes (``10k``, ``20M``) and finite, bounded
numbers of seconds or hours (``nan`` and ``inf`` are refused, exit 2)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from noticecli.sizes import parse_size

if TYPE_CHECKING:  # click 8.5 types ParamType by its value; older releases are not generic
    _IntParam = click.ParamType[int]
    _FloatParam = click.ParamType[float]
    _StoreParam = click.ParamType[Path | str]
else:
    _IntParam = _FloatParam = _StoreParam = click.ParamType


class ByteSize(_IntParam):
    """A number of bytes, or with k, M or G (1024, 1024², 1024³): ``10k``, ``20M``."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            size = parse_size(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)
        if size < 1:
            self.fail(f"{value!r} is less than one byte", param, ctx)
        return size


class Bounded(_FloatParam):
    """A finite number from ``low`` to ``high`` (inclusive), in ``unit`` (the metavar)."""

    def __init__(self, low: float, high: float, unit: str = "seconds") -> None:
        self.low = low
        self.high = high
        self.name = unit

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of {self.name}", param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number of {self.name}", param, ctx)
        if not self.low <= number <= self.high:
            self.fail(
                f"{value} is out of range: {self.name} from {self.low:g} to {self.high:g}",
                param,
                ctx,
            )
        return number


# What --db and $NOTICECLI_DB take; said here rather than imported from
# noticecli.crawl.stores, which `parse` must not import.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
STORE_ENV_VAR = "NOTICECLI_DB"


class StoreLocation(_StoreParam):
    """A SQLite store's path, or a PostgreSQL URL (kept as text)."""

    name = "PATH|URL"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Path | str:
        if isinstance(value, Path):
            return value
        text = str(value)
        if text.lower().startswith(POSTGRES_SCHEMES):
            return text
        if not text.strip():
            self.fail("empty: give a file path or a postgresql:// URL", param, ctx)
        path = Path(text)
        if path.is_dir():
            self.fail(f"{text!r} is a directory, not a store file", param, ctx)
        return path
