"""Errors raised by the library. The library never prints or exits; the CLI maps these to
one line on stderr and an exit code (the table is ``EXIT_CODES`` in noticecli/cli/report.py).

Everything below ``NoticeError`` is about the user's input, files, sites or network: a
caller catches ``NoticeError`` to handle them all. A mistake in the calling code itself (a
listing passed where a notice is needed, a revision that was never recorded) raises a plain
``ValueError`` or ``TypeError`` instead, as httpx keeps ``InvalidURL`` apart, so that
catching ``NoticeError`` never hides a bug.

    NoticeError                 anything noticecli refuses or cannot do       (exit 1 unless said)
    ├── InputError              the input itself: missing, a directory, empty, binary, too large
    ├── DecodeError             bytes that no candidate encoding turns into text
    ├── ParseError              text from which no document can be built
    ├── UsageError              a bad value the user gave (an unknown encoding name …)  (exit 2)
    │   ├── RenderUnavailable   --render without the render extra or a Chromium to run  (exit 2)
    │   └── StoreUnavailable    a PostgreSQL store without the postgres extra           (exit 2)
    ├── ConfigError             a bad sites file                                      (exit 78)
    ├── LockedError             another crawl holds the store's lock                  (exit 75)
    ├── OutputError             an output (-o, --out) cannot be written
    │   └── ArchiveError        a page file, page index or WARC file cannot be written
    └── FetchError              a URL that could not be fetched; ``reason`` is a stable word
        ├── DNSError            the host name does not resolve               (reason "dns")
        ├── ConnectError        refused, reset, unreachable                  ("connect")
        ├── FetchTimeout        connect/read timeout or the total deadline   ("timeout")
        ├── TLSError            certificate or handshake failure             ("tls")
        ├── HTTPStatusError     a final status that is an error (404, 500 …) ("http")
        ├── TooLargeError       body over the raw or decoded byte cap        ("too-large")
        ├── RedirectError       loop, too many hops, non-http(s) target      ("redirect")
        ├── BlockedAddressError host resolves to a private/loopback/… address ("private-address")
        ├── RobotsDisallowed    robots.txt forbids the URL                   ("robots")
        ├── UnsupportedURL      not an http(s) URL                           ("url")
        ├── NeedsRenderError    a page a script fills: a JS list, an app shell ("needs-render")
        │   └── ChallengeError  a JavaScript challenge page: Ruishu, jsl …   ("challenge")
        └── RenderError         the browser failed on the page               ("render")
"""

from __future__ import annotations

import copy


class NoticeError(Exception):
    """Base of every error noticecli raises on purpose."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class InputError(NoticeError):
    """The input cannot be read as a page: missing, a directory, empty, binary or too large."""


class DecodeError(NoticeError):
    """The bytes cannot be decoded as text in any plausible encoding."""


class ParseError(NoticeError):
    """Text was decoded, but no document can be built from it."""


class UsageError(NoticeError):
    """A value the user gave that cannot be used, such as an unknown encoding name (not a
    programming mistake: those raise ``ValueError`` or ``TypeError``)."""


class ConfigError(NoticeError):
    """A configuration file that cannot be used; ``line`` names where, when known."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        super().__init__(message, source=f"{source}:{line}" if source and line else source)
        self.line = line


class LockedError(NoticeError):
    """Another process holds the lock (another crawl is running on the same store)."""


class FetchError(NoticeError):
    """A URL that could not be fetched. ``reason`` is one stable word for scripts and logs."""

    reason = "fetch"

    def __init__(
        self, message: str, *, source: str | None = None, status: int | None = None
    ) -> None:
        super().__init__(message, source=source)
        self.status = status


class DNSError(FetchError):
    reason = "dns"


class ConnectError(FetchError):
    reason = "connect"


class FetchTimeout(FetchError):
    reason = "timeout"


class TLSError(FetchError):
    reason = "tls"


class HTTPStatusError(FetchError):
    reason = "http"


class TooLargeError(FetchError):
    reason = "too-large"


class RedirectError(FetchError):
    reason = "redirect"


class BlockedAddressError(FetchError):
    reason = "private-address"


class RobotsDisallowed(FetchError):
    reason = "robots"


class UnsupportedURL(FetchError):
    reason = "url"


class NeedsRenderError(FetchError):
    """A page whose content only a browser can see: its list or its text is filled by a
    script (``needs-render``). ``what`` says what was seen, ``hint`` the way out (the
    message is both, joined)."""

    reason = "needs-render"

    def __init__(
        self,
        what: str,
        *,
        hint: str = "it needs a browser: use --render",
        source: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(f"{what}; {hint}" if hint else what, source=source, status=status)
        self.what = what
        self.hint = hint

    def with_hint(self, hint: str) -> NeedsRenderError:
        """The same error with another way out (crawl names the sites file's setting)."""
        error = copy.copy(self)
        error.hint = hint
        error.message = f"{self.what}; {hint}" if hint else self.what
        error.args = (error.message,)
        return error


class ChallengeError(NeedsRenderError):
    """A JavaScript challenge page stands where the page should be (``challenge``): a script
    must run and set a cookie before the server answers. ``kind`` names it: ``ruishu``
    (瑞数), ``jsl`` (加速乐), ``cookie`` (another cookie-setting script)."""

    reason = "challenge"

    def __init__(
        self,
        what: str,
        *,
        kind: str = "cookie",
        hint: str = "it needs a browser: use --render",
        source: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(what, hint=hint, source=source, status=status)
        self.kind = kind


class RenderError(FetchError):
    """The browser failed on a page: it crashed, or could not load it (``render``)."""

    reason = "render"


class RenderUnavailable(UsageError):
    """``--render`` (or ``render = true``) cannot be used here: the render extra is not
    installed, or no Chromium can be found or started. The message says how to get it."""


class StoreUnavailable(UsageError):
    """A PostgreSQL store (``--db postgresql://…``) without its driver: the postgres extra
    is not installed. The message says how to get it."""


class OutputError(NoticeError):
    """An output file cannot be written (``source``: the path): a missing folder, no
    permission, a full disk."""


class ArchiveError(OutputError):
    """A page file, the page index or a WARC file cannot be written (``source``: the path).
    Fatal for a run: what it promised to keep would be incomplete."""
