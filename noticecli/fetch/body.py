"""Reading a response body within caps: raw bytes on the wire and decoded bytes.

Content-Encoding is decoded here, not by httpx, so decompression is bounded: zlib is asked
for at most ``_PIECE`` bytes at a time, and a gzip bomb (a few KB expanding to GB) is cut
at the cap with at most one piece over it in memory — httpx's decoder would inflate a whole
network chunk at once, which for a 64 KB chunk of a bomb is already ~64 MB.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Callable, Iterable, Iterator

import httpx

from ..errors import FetchError, TooLargeError
from ..sizes import format_size

_PIECE = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class _Inflater:
    """One gzip or deflate layer that never returns more than ``_PIECE`` bytes at once."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._z = zlib.decompressobj(self._wbits())
        self._raw_deflate = False

    def _wbits(self) -> int:
        return zlib.MAX_WBITS | 16 if self.coding == "gzip" else zlib.MAX_WBITS

    def feed(self, data: bytes) -> Iterator[bytes]:
        while True:
            if self._z.eof:
                # Concatenated gzip members are one body (RFC 1952); other trailing bytes
                # after the end of the stream are junk and dropped.
                data = self._z.unused_data + data
                if self.coding != "gzip" or not data.startswith(_GZIP_MAGIC):
                    return
                self._z = zlib.decompressobj(self._wbits())
            try:
                out = self._z.decompress(data, _PIECE)
            except zlib.error:
                # deflate is meant to be zlib-wrapped, but some servers send raw deflate.
                if self.coding == "deflate" and not self._raw_deflate:
                    self._raw_deflate = True
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise
            self._raw_deflate = True  # the first block decoded: the framing is settled
            data = self._z.unconsumed_tail
            if out:
                yield out
            # A full piece may leave output pending inside zlib even with no input left.
            if not data and (len(out) < _PIECE or self._z.eof):
                return

    def pipe(self, pieces: Iterable[bytes]) -> Iterator[bytes]:
        for piece in pieces:
            yield from self.feed(piece)

    def flush(self) -> Iterator[bytes]:
        yield from self.feed(b"")


def codings(header: str | None) -> list[str]:
    """Content-Encoding layers in the order to undo them. Only gzip and deflate are asked
    for (Accept-Encoding); an unknown coding is passed through as bytes, as httpx does."""
    names = [c.strip().lower() for c in (header or "").split(",") if c.strip()]
    names = ["gzip" if c == "x-gzip" else c for c in names]
    return [c for c in reversed(names) if c in ("gzip", "deflate")]


class BodyReader:
    """Accumulates a streamed body, decoding it and enforcing both caps as it goes."""

    def __init__(
        self,
        content_encoding: str | None,
        max_bytes: int,
        *,
        truncate: bool = False,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        self.truncate = truncate  # robots.txt: keep the first max_bytes, like Google
        self.raw_bytes = 0
        self.full = False  # truncate mode: the cap is reached, the rest is ignored
        self._layers = [_Inflater(c) for c in codings(content_encoding)]
        self._parts: list[bytes] = []
        self._size = 0
        # Raw chunks kept until the first decoded byte, to fall back if "gzip" is not gzip.
        self._raw_until_decoded: list[bytes] | None = [] if self._layers else None
        self._log = log

    def _over(self, what: str) -> TooLargeError:
        return TooLargeError(f"{what} over the {format_size(self.max_bytes)} limit")

    def _keep(self, piece: bytes) -> None:
        room = self.max_bytes - self._size
        if len(piece) > room:
            if not self.truncate:
                raise self._over("decoded body" if self._layers else "body")
            piece = piece[:room]
            self.full = True
        self._parts.append(piece)
        self._size += len(piece)

    def _drain(self, pieces: Iterator[bytes]) -> None:
        try:
            for out in pieces:
                self._raw_until_decoded = None
                self._keep(out)
                if self.full:
                    return
        except zlib.error as exc:
            raw = self._raw_until_decoded
            if raw is None:
                names = "+".join(layer.coding for layer in self._layers)
                raise FetchError(f"corrupt {names} body: {exc}") from exc
            # Content-Encoding: gzip on a body that is not gzip (misconfigured old servers):
            # a browser gives up; a crawler that keeps the bytes as sent loses nothing.
            if self._log is not None:
                self._log("body labelled as compressed is not; kept as sent")
            self._layers, self._raw_until_decoded = [], None
            for chunk in raw:
                self._keep(chunk)

    def feed(self, chunk: bytes) -> None:
        """One raw chunk from the wire (after chunked transfer decoding)."""
        self.raw_bytes += len(chunk)
        over_raw = self.raw_bytes > self.max_bytes
        if over_raw and not self.truncate:
            raise self._over("body")
        if self.full or not chunk:
            return
        if not self._layers:
            self._keep(chunk)
        else:
            if self._raw_until_decoded is not None:
                self._raw_until_decoded.append(chunk)
            pieces: Iterator[bytes] = iter((chunk,))
            for layer in self._layers:
                pieces = layer.pipe(pieces)
            self._drain(pieces)
        if over_raw:  # truncate mode: raw bytes are capped too (junk that decodes to nothing)
            self.full = True

    def finish(self) -> bytes:
        """The decoded body, after draining the decompressors."""
        if self._layers and not self.full:
            pieces: Iterator[bytes] = iter(())
            for layer in self._layers:
                pieces = itertools.chain(layer.pipe(pieces), layer.flush())
            self._drain(pieces)
        return b"".join(self._parts)


def content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    if value is None:
        return None
    try:
        return int(value.split(",")[0].strip())
    except ValueError:
        return None
