"""noticecli: parse and repair Chinese government information-disclosure pages.

>>> import noticecli
>>> notice = noticecli.parse_file("fixtures/pages/01_anhui-rfb_xxgk-detail_spaced-labels.html")
>>> notice.index_no
'003110598/202005-00043'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from noticecli._version import __version__

if TYPE_CHECKING:
    from noticecli.errors import (
        ArchiveError,
        BlockedAddressError,
        ChallengeError,
        ConfigError,
        ConnectError,
        DecodeError,
        DNSError,
        FetchError,
        FetchTimeout,
        HTTPStatusError,
        InputError,
        LockedError,
        NeedsRenderError,
        NoticeError,
        OutputError,
        ParseError,
        RedirectError,
        RenderError,
        RenderUnavailable,
        RobotsDisallowed,
        StoreUnavailable,
        TLSError,
        TooLargeError,
        UnsupportedURL,
        UsageError,
    )
    from noticecli.models import (
        SCHEMA_VERSION,
        Attachment,
        Block,
        CrawlInfo,
        FetchInfo,
        HeaderField,
        ListingItem,
        Notice,
        NoticeWarning,
        Repair,
        TableCell,
    )
    from noticecli.pipeline import parse_bytes, parse_file, parse_html, parse_text
    from noticecli.repair.document import normalize
    from noticecli.rules import SiteRules

__all__ = [
    "SCHEMA_VERSION",
    "ArchiveError",
    "Attachment",
    "Block",
    "BlockedAddressError",
    "ChallengeError",
    "ConfigError",
    "ConnectError",
    "CrawlInfo",
    "DNSError",
    "DecodeError",
    "FetchError",
    "FetchInfo",
    "FetchTimeout",
    "HTTPStatusError",
    "HeaderField",
    "InputError",
    "ListingItem",
    "LockedError",
    "NeedsRenderError",
    "Notice",
    "NoticeError",
    "NoticeWarning",
    "OutputError",
    "ParseError",
    "RedirectError",
    "RenderError",
    "RenderUnavailable",
    "Repair",
    "RobotsDisallowed",
    "SiteRules",
    "StoreUnavailable",
    "TLSError",
    "TableCell",
    "TooLargeError",
    "UnsupportedURL",
    "UsageError",
    "__version__",
    "normalize",
    "parse_bytes",
    "parse_file",
    "parse_html",
    "parse_text",
]

# Public name → defining module. Imported on first use (PEP 562): `python -m noticecli`
# imports this package first, and most commands need only part of the library.
_LAZY = {
    "ArchiveError": "noticecli.errors",
    "BlockedAddressError": "noticecli.errors",
    "ChallengeError": "noticecli.errors",
    "ConfigError": "noticecli.errors",
    "ConnectError": "noticecli.errors",
    "DNSError": "noticecli.errors",
    "DecodeError": "noticecli.errors",
    "FetchError": "noticecli.errors",
    "FetchTimeout": "noticecli.errors",
    "HTTPStatusError": "noticecli.errors",
    "InputError": "noticecli.errors",
    "LockedError": "noticecli.errors",
    "NeedsRenderError": "noticecli.errors",
    "NoticeError": "noticecli.errors",
    "OutputError": "noticecli.errors",
    "ParseError": "noticecli.errors",
    "RedirectError": "noticecli.errors",
    "RenderError": "noticecli.errors",
    "RenderUnavailable": "noticecli.errors",
    "StoreUnavailable": "noticecli.errors",
    "RobotsDisallowed": "noticecli.errors",
    "TLSError": "noticecli.errors",
    "TooLargeError": "noticecli.errors",
    "UnsupportedURL": "noticecli.errors",
    "UsageError": "noticecli.errors",
    "SCHEMA_VERSION": "noticecli.models",
    "Attachment": "noticecli.models",
    "Block": "noticecli.models",
    "CrawlInfo": "noticecli.models",
    "FetchInfo": "noticecli.models",
    "HeaderField": "noticecli.models",
    "ListingItem": "noticecli.models",
    "Notice": "noticecli.models",
    "NoticeWarning": "noticecli.models",
    "Repair": "noticecli.models",
    "TableCell": "noticecli.models",
    "normalize": "noticecli.repair.document",
    "parse_bytes": "noticecli.pipeline",
    "parse_file": "noticecli.pipeline",
    "parse_html": "noticecli.pipeline",
    "parse_text": "noticecli.pipeline",
    "SiteRules": "noticecli.rules",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'noticecli' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
