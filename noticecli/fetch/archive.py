"""Keeping what was fetched: raw pages by content hash, and WARC files.

A page loaded in a browser (``--render``) is kept as what was parsed: its page file is the
rendered DOM; in a WARC file, the main document's response as the server sent it is marked
``WARC-Noticecli-Rendered: chromium`` and followed by a ``conversion`` record holding the
DOM (``WARC-Refers-To`` the response), which :func:`read_warc` gives back as ``rendered``.

Both write atomically (``output.AtomicWriter``): a page file appears complete or not at
all; a WARC file is written under a temporary name and renamed when the run closes it, so a
killed run never leaves a truncated archive behind under the final name. A failure to write
either is an ``ArchiveError`` naming the file.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterator
from contextlib import ExitStack
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from noticecli.errors import ArchiveError, InputError
from noticecli.fetch.result import FetchResult, mime_and_charset
from noticecli.output import AtomicWriter

# Our own WARC headers carry what the standard ones do not, so that re-parsing an archive
# gives the same JSON as the fetch that wrote it.
_REQUESTED = "WARC-Noticecli-Requested-URI"
_FETCHED_AT = "WARC-Noticecli-Fetched-At"
_ELAPSED = "WARC-Noticecli-Elapsed-Ms"
_ATTEMPTS = "WARC-Noticecli-Attempts"
_SHA256 = "WARC-Noticecli-Sha256"
# A page loaded in a browser: its response record says so, and a conversion record that
# refers to it holds the DOM the browser built (what was parsed).
_RENDERED = "WARC-Noticecli-Rendered"
_RENDERED_TYPE = "text/html; charset=utf-8"
# Headers that describe the wire form, not the (already decoded) payload we store.
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_EXTENSIONS = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}


def archive_error(error: OSError, path: Path) -> ArchiveError:
    return ArchiveError(f"cannot write: {error.strerror or error}", source=str(path))


class PageStore:
    """Raw bytes saved as ``DIR/ab/<sha256>.html``, never under a name taken from the URL, so
    nothing can escape DIR; ``DIR/index.jsonl`` gets one line per saved page.

    The directory is created (with its parents) and checked for writing when the store is
    made, so a run can refuse a bad DIR before it fetches anything."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        try:
            directory.mkdir(parents=True, exist_ok=True)
            probe = AtomicWriter(directory / "index.jsonl")  # can files be made in DIR?
            with probe:
                probe.discard()
        except OSError as error:
            raise archive_error(error, directory) from None

    def save(self, result: FetchResult) -> Path | None:
        try:
            return self._save(result)
        except OSError as error:
            raise archive_error(error, self.directory) from None

    def _save(self, result: FetchResult) -> Path | None:
        if result.not_modified or result.sha256 is None:
            return None
        content, _ = result.markup()  # a rendered page: its DOM, which is what was parsed
        rendered = result.rendered is not None
        sha256 = hashlib.sha256(content).hexdigest() if rendered else result.sha256
        extension = ".html" if rendered else _EXTENSIONS.get(result.content_type or "", ".bin")
        target = self.directory / sha256[:2] / f"{sha256}{extension}"
        if not target.exists():
            target.parent.mkdir(exist_ok=True)
            with AtomicWriter(target, binary=True) as handle:
                handle.write(content)
        line: dict[str, object] = {
            "sha256": sha256,
            "path": target.relative_to(self.directory).as_posix(),
            "url": result.url,
            "final_url": result.final_url,
            "status": result.status,
            "fetched_at": result.fetched_at,
            "content_type": "text/html" if rendered else result.content_type,
        }
        if rendered:
            line["rendered"] = True
        _append_line(self.directory / "index.jsonl", json.dumps(line, ensure_ascii=False))
        return target


def _append_line(path: Path, line: str) -> None:
    """One whole line, flushed and fsynced: a crash leaves whole lines only."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


class WarcArchive:
    """A gzipped WARC file of request and response records, one pair per fetch.

    Entering creates the (temporary) file, so a bad path fails before any fetching; the
    file appears under its name when the block ends without an exception. After
    ``keep_partial()`` (an interrupted run) the records written so far, each one whole, are
    kept as ``NAME.partial`` instead; ``responses`` counts them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.responses = 0
        self._stack = ExitStack()
        self._writer: WARCWriter | None = None
        self._file = AtomicWriter(path, binary=True)

    def keep_partial(self) -> Path:
        """Keep the records written so far as ``NAME.partial`` (see AtomicWriter)."""
        return self._file.keep_partial()

    def __enter__(self) -> WarcArchive:
        with ExitStack() as stack:
            try:
                handle = stack.enter_context(self._file)
                self._writer = WARCWriter(handle, gzip=True, warc_version="1.1")
                self._writer.write_record(
                    self._writer.create_warcinfo_record(
                        self.path.name, {"software": "noticecli", "format": "WARC File Format 1.1"}
                    )
                )
            except OSError as error:
                raise archive_error(error, self.path) from None
            self._stack = stack.pop_all()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self._stack.__exit__(exc_type, exc, traceback)
        except OSError as error:  # the final flush, fsync or rename
            raise archive_error(error, self.path) from None

    def add(self, result: FetchResult) -> None:
        """Write the request and the response of one fetch (a 304 has no payload)."""
        try:
            self._add(result)
        except OSError as error:
            raise archive_error(error, self.path) from None

    def _add(self, result: FetchResult) -> None:
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
        if result.rendered is not None:
            extra[_RENDERED] = "chromium"
        response = writer.create_warc_record(
            target,
            "response",
            payload=io.BytesIO(result.content),
            length=len(result.content),
            http_headers=StatusAndHeaders(status_line, headers, protocol="HTTP/1.1"),
            warc_headers_dict=extra,
        )
        writer.write_request_response_pair(request, response)
        if result.rendered is not None:
            dom = result.rendered.encode("utf-8")
            writer.write_record(
                writer.create_warc_record(
                    target,
                    "conversion",
                    payload=io.BytesIO(dom),
                    length=len(dom),
                    warc_content_type=_RENDERED_TYPE,
                    warc_headers_dict={
                        "WARC-Refers-To": response.rec_headers.get_header("WARC-Record-ID"),
                        _RENDERED: "chromium",
                    },
                )
            )
        self.responses += 1


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
            # Digests are checked (a damaged payload raises), and _result_of refuses a
            # record cut short: a truncated archive must not read as complete pages.
            pending: tuple[str, FetchResult] | None = None  # a response, its record id
            for record in ArchiveIterator(stream, check_digests="raise"):
                if record.rec_type == "response":
                    if pending is not None:
                        yield pending[1]
                    record_id = record.rec_headers.get_header("WARC-Record-ID")
                    pending = (record_id, _result_of(record))
                elif record.rec_type == "conversion" and pending is not None:
                    refers_to = record.rec_headers.get_header("WARC-Refers-To")
                    if refers_to == pending[0] and record.rec_headers.get_header(_RENDERED):
                        dom = _whole(record)
                        pending[1].rendered = dom.decode("utf-8", errors="replace")
            if pending is not None:
                yield pending[1]
        except Exception as error:  # warcio raises plain exceptions on damaged archives
            raise InputError(f"not a readable WARC file: {error}", source=str(path)) from None


def _whole(record: Any) -> bytes:
    """A record's payload, refused when it is cut short."""
    content: bytes = record.content_stream().read()
    if record.raw_stream.limit:  # bytes the record's Content-Length promised but never came
        target = record.rec_headers.get_header("WARC-Target-URI")
        raise ValueError(f"the record of {target} is cut short")
    return content


def _result_of(record: Any) -> FetchResult:
    warc = record.rec_headers
    http = record.http_headers
    target = warc.get_header("WARC-Target-URI")
    content = _whole(record)
    headers = {name.lower(): value for name, value in http.headers} if http else {}
    content_type, charset = mime_and_charset(headers.get("content-type"))
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
        content_type=content_type,
        charset=charset,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        sha256=warc.get_header(_SHA256) or hashlib.sha256(content).hexdigest(),
    )
