"""Recognising a JavaScript challenge page: the answer a bot-protection service gives in
place of the page until a script has run in a browser and set a cookie.

Evidence, from the response alone (status, headers, the first bytes of the body):

* Ruishu (瑞数): HTTP 412 or 202 (sometimes 200) with an inline script assigning ``$_ts``
  and a page with no text of its own.
* jsl (加速乐): a ``__jsluid`` cookie or a script naming ``__jsl_clearance``, usually with
  HTTP 521.
* Cloudflare: ``cf-mitigated: challenge``, or its challenge script's options.
* any other cookie challenge: a page with next to no text whose script writes
  ``document.cookie`` and then reloads or moves on (yunsuo, safedog and home-made ones).

A page with text of its own is never a challenge: analytics scripts set cookies too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# Challenge pages are small; a longer body is a page (and is not scanned).
MAX_CHALLENGE_BYTES = 256 * 1024
# Error statuses whose body is read (up to MAX_CHALLENGE_BYTES) to look for a challenge.
CHALLENGE_STATUSES = frozenset({202, 403, 412, 429, 503, 521})
# Visible text (outside scripts, styles and tags) a challenge page may show: "please wait".
_MAX_TEXT = 300

_RUISHU = re.compile(rb"\$_ts\s*(?:=|\.\w+\s*=)|\[\s*['\"]\$_ts['\"]\s*\]")
_JSL = re.compile(rb"__jsl_clearance|__jsluid")
_CLOUDFLARE = re.compile(rb"_cf_chl_opt|/cdn-cgi/challenge-platform/")
_SETS_COOKIE = re.compile(rb"document\s*\.\s*cookie\s*=|document\[['\"]cookie['\"]\]\s*=")
_MOVES_ON = re.compile(
    rb"location\s*\.\s*(?:reload|replace|assign)\s*\("
    rb"|location(?:\s*\.\s*href)?\s*=[^=]"
    rb"|http-equiv\s*=\s*['\"]?refresh",
    re.IGNORECASE,
)
_SCRIPT = re.compile(rb"<script\b", re.IGNORECASE)
_HIDDEN = re.compile(
    rb"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(rb"<[^>]*>")
_SPACE = re.compile(rb"\s+|&nbsp;")


@dataclass(frozen=True, slots=True)
class Challenge:
    """A recognised challenge: ``kind`` for scripts, ``name`` for people."""

    kind: str  # "ruishu", "jsl", "cloudflare", "cookie"
    name: str

    def describe(self, status: int) -> str:
        return f"a {self.name} JavaScript challenge page (HTTP {status}), not the page"


RUISHU = Challenge("ruishu", "Ruishu (瑞数)")
JSL = Challenge("jsl", "jsl (加速乐)")
CLOUDFLARE = Challenge("cloudflare", "Cloudflare")
COOKIE = Challenge("cookie", "cookie-setting")


def visible_text_length(body: bytes) -> int:
    """Roughly how much text a page shows: bytes outside scripts, styles, comments and
    tags, whitespace left out (a Chinese character counts as three)."""
    return len(_SPACE.sub(b"", _TAG.sub(b"", _HIDDEN.sub(b"", body))))


def recognise(status: int, headers: Mapping[str, str], body: bytes) -> Challenge | None:
    """The challenge this response is, or None. ``headers``: lower-case names."""
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return CLOUDFLARE
    if len(body) > MAX_CHALLENGE_BYTES or not _SCRIPT.search(body):
        return None
    if visible_text_length(body) > _MAX_TEXT:
        return None
    if _RUISHU.search(body):
        return RUISHU
    if _JSL.search(body) or "__jsluid" in headers.get("set-cookie", ""):
        return JSL
    if _CLOUDFLARE.search(body):
        return CLOUDFLARE
    if _SETS_COOKIE.search(body) and (_MOVES_ON.search(body) or status == 521):
        return COOKIE
    return None
