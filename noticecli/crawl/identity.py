"""Identity in the crawl store: which URLs are the same page, and which two fetches of a
notice are the same revision.

A URL is stored in its canonical form (:func:`canonical_url`) and a notice's id is derived
from it (:func:`notice_id`). A notice is *changed* when its :func:`fingerprint` changes:
``text_sha256`` hashes the fingerprint of the parsed notice, never the raw bytes, so a page
whose only change is a rotating banner, a visit counter or a "generated at" stamp outside
the article does not make a revision. The fingerprint covers, after collapsing whitespace:

- ``title``
- ``published_at``
- ``body``: the text of every text block and every table cell (images left out)
- ``attachments``: name and canonical URL of each
- ``header``: key, label and value of each field, except volatile ones (``views``)

:func:`changed_fields` names which of these five differ between two revisions. Fields that
describe the parse or the fetch rather than the notice (``warnings``, ``repairs``,
``encoding``, ``file``, ``fetch``) do not count; neither do ``views`` and the fields derived
from the header (``publisher``, ``index_no`` …: a change to them shows as ``header``).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from noticecli.models import Notice

TRACKED_FIELDS = ("title", "published_at", "body", "attachments", "header")
VOLATILE_HEADER_KEYS = frozenset({"views"})

_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """The form a URL is stored under: scheme and host lowercased, default port, fragment and
    surrounding space dropped, an empty path written ``/``; path and query kept as they are.
    ``canonical_url(canonical_url(u)) == canonical_url(u)``.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    netloc = parts.netloc
    if parts.hostname is not None:
        host = parts.hostname  # lowercased by urllib
        if ":" in host:
            host = f"[{host}]"
        try:
            port = parts.port
        except ValueError:
            port = None
            host = parts.netloc.rpartition("@")[2].lower()
        if port is not None and port != _DEFAULT_PORTS.get(scheme):
            host = f"{host}:{port}"
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{host}" if userinfo else host
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def notice_id(url: str) -> str:
    """The stable id of the notice at ``url``: 16 hex digits of SHA-256 of its canonical form."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def norm_text(text: object) -> str:
    """``text`` with invisible characters dropped and whitespace collapsed."""
    if text is None:
        return ""
    return _SPACE.sub(" ", _INVISIBLE.sub("", str(text))).strip()


def _block_texts(notice: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for block in notice.get("body") or []:
        if block.get("type") == "table":
            for row in block.get("rows") or []:
                texts.append(" | ".join(norm_text(cell.get("text")) for cell in row))
        elif block.get("text"):
            texts.append(norm_text(block["text"]))
    return texts


def body_text(notice: dict[str, Any]) -> str:
    """The text of a notice's body (its ``to_dict()`` form), one line per block or table row:
    what the full-text index holds."""
    return "\n".join(_block_texts(notice))


def fingerprint(notice: dict[str, Any]) -> dict[str, Any]:
    """The parts of a notice (its ``to_dict()`` form) whose change makes a new revision."""
    return {
        "title": norm_text(notice.get("title")),
        "published_at": notice.get("published_at"),
        "body": _block_texts(notice),
        "attachments": [
            [norm_text(item.get("name")), canonical_url(item.get("url") or "")]
            for item in notice.get("attachments") or []
        ],
        "header": [
            [item.get("key"), norm_text(item.get("label")), norm_text(item.get("value"))]
            for item in notice.get("header") or []
            if item.get("key") not in VOLATILE_HEADER_KEYS
        ],
    }


def _sha256_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_sha256(notice: Notice | dict[str, Any]) -> str:
    """SHA-256 of the notice's :func:`fingerprint`."""
    data = notice.to_dict() if isinstance(notice, Notice) else notice
    return _sha256_json(fingerprint(data))


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    """Which of :data:`TRACKED_FIELDS` differ between two notices (``to_dict()`` forms)."""
    before, after = fingerprint(old), fingerprint(new)
    return tuple(name for name in TRACKED_FIELDS if before[name] != after[name])
