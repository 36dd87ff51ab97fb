"""robots.txt rules per origin (scheme + host + port), as Google reads them (RFC 9309).

2xx → the file's rules; 4xx (but 429) → no rules, everything allowed; 5xx, 429 or an
unreachable server → everything disallowed for this run, because a server that cannot
serve robots.txt may be in trouble and a crawler cannot know what it meant to forbid.
A fetcher that lives long (a worker) reads a robots.txt again after :data:`MAX_AGE`, one
it could not read after :data:`UNAVAILABLE_AGE`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import httpx
from protego import Protego

from noticecli.fetch.politeness import MAX_DELAY

# Google reads the first 500 KiB of a robots.txt and ignores the rest.
MAX_ROBOTS_BYTES = 500 * 1024
# Google follows at most five redirects for robots.txt.
MAX_ROBOTS_REDIRECTS = 5
# A Crawl-delay above this would stall an unattended run; it is capped (and logged).
MAX_CRAWL_DELAY = MAX_DELAY
# RFC 9309: a cached robots.txt should not be used for more than 24 hours.
MAX_AGE = 24 * 3600.0
# A robots.txt that could not be read (everything disallowed) is asked for again this soon.
UNAVAILABLE_AGE = 3600.0


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one origin's robots.txt allows. ``blocked`` set: everything is disallowed."""

    parser: Any = None  # a Protego, or None for "no rules"
    blocked: str | None = None

    def allowed(self, url: str, agent: str) -> bool:
        if self.blocked is not None:
            return False
        return self.parser is None or bool(self.parser.can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None

    def refusal(self) -> str:
        """The one-line message for a URL these rules refuse."""
        if self.blocked is not None:
            return f"disallowed: robots.txt unavailable ({self.blocked}), host skipped this run"
        return "disallowed by robots.txt"


ALLOW_ALL = RobotsRules()


class RobotsCache(Protocol):
    """robots.txt files shared by fetchers (workers on many machines read each host's file
    once): the final status and body of a robots.txt response, by origin."""

    async def get(self, origin: str) -> tuple[int, bytes] | None:
        """The file read for ``origin`` less than :data:`MAX_AGE` ago, or ``None``."""
        ...

    async def put(self, origin: str, status: int, body: bytes) -> None:
        """Keep the file just read for ``origin``."""
        ...


def from_response(status: int, body: bytes) -> RobotsRules:
    """Rules from the final response to a robots.txt request."""
    if 200 <= status < 300:
        # RFC 9309 says UTF-8; a stray GBK comment must not break the whole file.
        return RobotsRules(parser=Protego.parse(body.decode("utf-8", errors="replace")))
    if status == 429 or status >= 500:
        return RobotsRules(blocked=f"HTTP {status}")
    return ALLOW_ALL  # 3xx left over, 4xx: no usable file means no restrictions


def origin_of(url: httpx.URL) -> str:
    """``https://example.gov.cn:8443`` — the key robots.txt applies to."""
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{url.host}{port}"


def robots_url(url: httpx.URL) -> str:
    return origin_of(url) + "/robots.txt"


def product_token(user_agent: str) -> str:
    """The name robots.txt groups are matched against: ``noticecli`` of ``noticecli/0.1.0 (…)``."""
    token = user_agent.split("/", 1)[0].split(None, 1)
    return token[0] if token else user_agent
