"""Byte sizes as people write and read them: ``10k``, ``20M``, "6.2 KB". K, M and G are
1024, 1024² and 1024³ bytes (as curl and wget read them)."""

from __future__ import annotations

import re

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?", re.IGNORECASE)


def parse_size(text: str) -> int:
    """``"20M"`` → 20971520; ``"10k"``, ``"10 KB"``, ``"10KiB"`` and ``"1.5M"`` work too.
    Raises ``ValueError`` for anything else."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a size (a number of bytes, or with k, M or G: 10k, 20M)")
    number, unit = match.groups()
    return int(float(number) * _UNITS[unit.lower()])


def format_size(n: int) -> str:
    """20971520 → "20 MB"; 1500 → "1500 bytes" (exact, so a limit reads as it was set)."""
    mib, kib = 1024 * 1024, 1024
    if n >= mib and n % mib == 0:
        return f"{n // mib} MB"
    if n >= kib and n % kib == 0:
        return f"{n // kib} KB"
    return f"{n} bytes"


def approximate_size(n: int) -> str:
    """6349 → "6.2 KB"; 31457280 → "30.0 MB"; 100 → "100 bytes" (for sizes found, not set)."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"
