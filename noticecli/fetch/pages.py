"""Fetched bytes → Notice: the parse pipeline with the HTTP facts attached."""

from __future__ import annotations

from typing import TYPE_CHECKING

from noticecli.fetch.result import FetchResult
from noticecli.models import FetchInfo, Notice
from noticecli.pipeline import parse_bytes

if TYPE_CHECKING:
    from noticecli.rules import SiteRules


def fetch_info(result: FetchResult) -> FetchInfo:
    return FetchInfo(
        final_url=result.final_url,
        status=result.status,
        fetched_at=result.fetched_at,
        content_type=result.content_type,
        etag=result.etag,
        last_modified=result.last_modified,
        sha256=result.sha256,
        elapsed_ms=result.elapsed_ms,
        attempts=result.attempts,
        rendered=result.rendered is not None,
    )


def notice_from_fetch(
    result: FetchResult, *, repair: bool = True, rules: SiteRules | None = None
) -> Notice:
    """Parse a fetched page (the rendered DOM of one loaded in a browser); links resolve
    against where redirects ended. ``rules``: the site's own selectors (see
    :func:`noticecli.parse_html`)."""
    text_dump = True if result.content_type == "text/plain" and result.rendered is None else None
    content, charset = result.markup()
    notice = parse_bytes(
        content,
        source=result.final_url,
        url=result.final_url,
        http_charset=charset,
        text_dump=text_dump,
        repair=repair,
        rules=rules,
    )
    notice.url = result.url
    notice.fetch = fetch_info(result)
    return notice
