"""One HTTP exchange as the fetcher keeps it: the response read within the caps, and the
fetcher's errors for what went wrong on the way (httpx's exceptions mapped to one
``FetchError`` subclass each)."""

from __future__ import annotations

import http
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from ..errors import ConnectError, FetchError, FetchTimeout, TLSError, UnsupportedURL
from .address import is_refused
from .body import content_length


@dataclass(slots=True)
class Exchange:
    """One HTTP exchange, its body read (or deliberately not read) within the caps."""

    url: httpx.URL
    status: int
    reason: str
    headers: dict[str, str]  # lower-case names; Location as a browser reads it
    content: bytes
    request_headers: dict[str, str]
    http_version: str | None
    remote_address: str | None
    fetched_at: str
    elapsed_ms: int
    # Set-Cookie headers one by one (``headers`` joins them with commas, which a cookie's
    # own Expires date also holds): what a browser needs to keep each cookie.
    set_cookies: tuple[str, ...] = ()


_DRAIN_LIMIT = 64 * 1024


async def drain(response: httpx.Response) -> None:
    """Read a small unwanted body (a 304, a redirect, an error page) to its end, so the
    connection goes back to the pool instead of being dropped: on HTTPS that saves a TLS
    handshake per revalidated page. A large or unknown-length body is not worth waiting for."""
    if response.is_stream_consumed:
        return
    declared = content_length(response)
    if response.status_code not in (204, 304) and (declared is None or declared > _DRAIN_LIMIT):
        return
    received = 0
    async for chunk in response.aiter_raw():
        received += len(chunk)
        if received > _DRAIN_LIMIT:
            return


def secs(value: float) -> str:
    return f"{value:g} s"


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def phrase(status: int, given: str) -> str:
    if given:
        return given
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def status_line(status: int, reason: str) -> str:
    return f"HTTP {status} {reason}".rstrip()


def location(raw_headers: list[tuple[bytes, bytes]]) -> str | None:
    """The first Location header, read as a browser reads it: UTF-8 when its bytes are
    UTF-8 (servers send 政务公开 raw), otherwise (GBK bytes) with every non-ASCII byte
    percent-encoded as it is. httpx decodes the whole header block with one codec, which
    would turn either into latin-1 mojibake; duplicates it joins with commas."""
    value = next((value for name, value in raw_headers if name.lower() == b"location"), None)
    if value is None:
        return None
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(chr(byte) if byte < 0x80 else f"%{byte:02X}" for byte in value)


def _ssl_cause(exc: BaseException) -> BaseException | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def map_error(exc: httpx.HTTPError, *, connect_timeout: float, read_timeout: float) -> FetchError:
    """The fetcher's error for what httpx raised."""
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchTimeout(f"connect timed out after {secs(connect_timeout)}")
    if isinstance(exc, httpx.ReadTimeout):
        return FetchTimeout(f"no data for {secs(read_timeout)} (read timeout)")
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeout(f"timed out: {exc}")
    tls = _ssl_cause(exc)
    if tls is not None and isinstance(exc, httpx.ConnectError):
        detail = getattr(tls, "verify_message", None) or getattr(tls, "reason", None) or tls
        return TLSError(f"TLS failure: {detail}")
    if isinstance(exc, httpx.ConnectError):
        if is_refused(exc):
            return ConnectError("connection refused")
        return ConnectError(f"cannot connect: {exc or type(exc).__name__}")
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        return ConnectError(f"connection lost: {exc or 'reset by peer'}")
    if isinstance(exc, httpx.RemoteProtocolError):
        return ConnectError(f"connection closed early: {exc}")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return UnsupportedURL(str(exc))
    return FetchError(f"{type(exc).__name__}: {exc}")
