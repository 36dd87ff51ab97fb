"""Where an ``<img>`` loads its picture from, lazy loading included."""

from __future__ import annotations

# Attributes a lazy-loading script reads the real address from while ``src`` holds a
# placeholder (a data: URI, a 1-pixel gif) or nothing.
_LAZY_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "data-url")


def image_source(attrs: dict[str, str | None]) -> str | None:
    """The image's address as written (not made absolute), or ``None`` without one."""
    src = (attrs.get("src") or "").strip()
    if src and not src.startswith("data:"):
        return src
    for name in _LAZY_ATTRIBUTES:
        lazy = (attrs.get(name) or "").strip()
        if lazy and not lazy.startswith("data:"):
            return lazy
    return None
