"""Keeping what was fetched: raw pages by content hash, and WARC files.

Both write atomically: a page file appears complete or not at all; a WARC file is written
under a temporary name and renamed when the run closes it, so a killed run never leaves a
truncated archive behind under the final name.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from noticecli.errors import InputError
from noticecli.fetch.result import FetchResult

# Our own WARC headers carry what the standard ones do not, so that re-parsing an archive
# gives the same JSON as the fetch that wrote it.
_REQUESTED = "WARC-Noticecli-Requested-URI"
_FETCHED_AT = "WARC-Noticecli-Fetched-At"
_ELAPSED = "WARC-Noticecli-Elapsed-Ms"
_ATTEMPTS = "WARC-Noticecli-Attempts"
_SHA256 = "WARC-Noticecli-Sha256"
# Headers that describe the wire form, not the (already decoded) payload we store.
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_EXTENSIONS = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}


class PageStore:
    """Raw bytes saved as ``DIR/ab/<sha256>.html``, never under a name taken from the URL, so
    nothing can escape DIR; ``DIR/index.jsonl`` gets one line per saved page."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def save(self, result: FetchResult) -> Path | None:
        if result.not_modified or result.sha256 is None:
            return None
        extension = _EXTENSIONS.get(result.content_type or "", ".bin")
        target = self.directory / result.sha256[:2] / f"{result.sha256}{extension}"
        if not target.exists():
            target.parent.mkdir(exist_ok=True)
            _write_atomically(target, result.content)
        line = {
            "sha256": result.sha256,
            "path": target.relative_to(self.directory).as_posix(),
            "url": result.url,
            "final_url": result.final_url,
            "status": result.status,
            "fetched_at": result.fetched_at,
            "content_type": result.content_type,
        }
        _append_line(self.directory / "index.jsonl", json.dumps(line, ensure_ascii=False))
        return target


def _write_atomically(target: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _append_line(path: Path, line: str) -> None:
    """One whole line, flushed and fsynced: a crash leaves whole lines only."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


class WarcArchive:
    """A gzipped WARC file of request and response records, one pair per fetch."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None
        self._temp: Path | None = None
        self._writer: WARCWriter | None = None

    def __enter__(self) -> WarcArchive:
        fd, temp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent or Path()
        )
        self._temp = Path(temp)
        self._handle = os.fdopen(fd, "wb")
        self._writer = WARCWriter(self._handle, gzip=True, warc_version="1.1")
        self._writer.write_record(
            self._writer.create_warcinfo_record(
                self.path.name, {"software": "noticecli", "format": "WARC File Format 1.1"}
            )
        )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._handle is not None and self._temp is not None
        try:
            if exc_type is None:
                self._handle.flush()
                os.fsync(self._handle.fileno())
            self._handle.close()
            if exc_type is None:
                self._temp.replace(self.path)
        finally:
            self._temp.unlink(missing_ok=True)

    def add(self, result: FetchResult) -> None:
        """Write the request and the response of one fetch (a 304 has no payload)."""
        assert self._writer is not None
        writer = self._writer
        target = result.final_url
        request_line = f"GET {_path_of(target)} HTTP/1.1"
        request = writer.create_warc_record(
            target,
            "request",
            payload=io.BytesIO(b""),
            length=0,  # a known length keeps warcio from buffering into unclosed temp files
            http_headers=StatusAndHeaders(
                request_line, list(result.request_headers.items()), is_http_request=True
            ),
        )
        headers = [
            (name, value) for name, value in result.headers.items() if name not in _WIRE_HEADERS
        ]
        headers.append(("content-length", str(len(result.content))))
        status_line = f"{result.status} {_reason(result.status)}"
        extra = {
            _REQUESTED: result.url,
            _FETCHED_AT: result.fetched_at,
            _ELAPSED: str(result.elapsed_ms),
            _ATTEMPTS: str(result.attempts),
        }
        if result.sha256:
            extra[_SHA256] = result.sha256
        if result.remote_address:
            extra["WARC-IP-Address"] = result.remote_address.rsplit(":", 1)[0].strip("[]")
        response = writer.create_warc_record(
            target,
            "response",
            payload=io.BytesIO(result.content),
            length=len(result.content),
            http_headers=StatusAndHeaders(status_line, headers, protocol="HTTP/1.1"),
            warc_headers_dict=extra,
        )
        writer.write_request_response_pair(request, response)


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def read_warc(path: Path) -> Iterator[FetchResult]:
    """The response records of a WARC file as FetchResults (as noticecli wrote them, or as
    any standard tool did: our own headers are used when present)."""
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        raise InputError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory", source=str(path)) from None
    with stream:
        head = stream.read(5)
        stream.seek(0)
        if not (head.startswith(b"\x1f\x8b") or head == b"WARC/"):
            raise InputError("not a readable WARC file: no WARC header", source=str(path))
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                yield _result_of(record)
        except Exception as error:  # warcio raises plain exceptions on damaged archives
            if isinstance(error, InputError):
                raise
            raise InputError(f"not a readable WARC file: {error}", source=str(path)) from None


def _result_of(record: Any) -> FetchResult:
    warc = record.rec_headers
    http = record.http_headers
    target = warc.get_header("WARC-Target-URI")
    content = record.content_stream().read()
    headers = {name.lower(): value for name, value in http.headers} if http else {}
    content_type_header = headers.get("content-type", "")
    mime, _, params = content_type_header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip("\"'")
    status = int(http.get_statuscode()) if http else 200
    return FetchResult(
        url=warc.get_header(_REQUESTED) or target,
        final_url=target,
        status=status,
        content=content,
        headers=headers,
        fetched_at=warc.get_header(_FETCHED_AT) or warc.get_header("WARC-Date"),
        elapsed_ms=int(warc.get_header(_ELAPSED) or 0),
        attempts=int(warc.get_header(_ATTEMPTS) or 1),
        content_type=mime.strip().lower() or None,
        charset=charset,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        sha256=warc.get_header(_SHA256) or hashlib.sha256(content).hexdigest(),
    )
