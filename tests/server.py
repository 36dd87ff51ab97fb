"""A real HTTP server on 127.0.0.1 for fetch and crawl tests, with programmable routes.

Use the ``http_server`` fixture (import it into a test module: ``from tests.server import
http_server``)::

    def test_x(http_server: TestServer) -> None:
        http_server.route("/a", Reply(body=b"hello", headers={"Content-Type": "text/html"}))
        http_server.route("/flaky", Reply(status=503), Reply(body=b"ok"))  # then 200 forever
        http_server.route("/old", Reply.redirect("/a", status=301))
        url = http_server.url("/a")             # http://127.0.0.1:PORT/a
        ...
        assert http_server.hits("/flaky") == 2
        assert http_server.requests[0].headers["user-agent"].startswith("noticecli/")

A route answers its replies in order, repeating the last. An unknown path is a 404.
``route_gated(path, cookie, page, challenge)`` answers ``page`` to requests that carry the
cookie ``cookie`` (``name=value``) and ``challenge`` to the others, as a challenge-protected
site does.
``Reply`` shapes the answer: status, headers, body, a delay before the headers, a drip
(body sent a few bytes at a time with a pause between), a connection reset after some
body bytes, chunked transfer without Content-Length, and validators (``etag`` /
``last_modified``) that turn a matching conditional request into a 304.
``TestServer(ssl_context)`` serves HTTPS instead; ``TestServer(host="127.0.0.2")`` listens on
another loopback address (any of 127.0.0.0/8), so that a test has several hosts.
Every request is logged (``requests``) before its reply is sent, and again with the moment
its reply began to go out (``answered``): the client cannot have had the reply before it, so
the time from one request's ``answered`` to the next one's ``at`` is at most the pause the
client made between them. The server is threaded,
each connection has a 5 s idle timeout, and ``close()`` (fixture teardown) stops it and
drops open connections, so nothing outlives the test.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass(frozen=True, slots=True)
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0  # seconds before the status line is sent
    drip: float | None = None  # if set: seconds between body pieces of ``drip_size`` bytes
    drip_size: int = 1
    reset_after: int | None = None  # send this many body bytes, then reset (RST) the socket
    chunked: bool = False  # Transfer-Encoding: chunked, no Content-Length
    etag: str | None = None  # sent as ETag; If-None-Match equal to it → 304
    last_modified: str | None = None  # sent; If-Modified-Since equal to it → 304

    @staticmethod
    def redirect(location: str, status: int = 302) -> Reply:
        return Reply(status=status, headers={"Location": location})


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str  # with the query string
    headers: dict[str, str]  # lower-case names
    at: float  # time.monotonic() when the request line was read
    client_port: int = 0  # the client's port: equal for requests on one kept-alive connection


class TestServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 (or ``host``, a loopback address), on an
    ephemeral port."""

    __test__ = False  # not a test class, despite the name

    def __init__(self, ssl_context: ssl.SSLContext | None = None, host: str = "127.0.0.1") -> None:
        if not host.startswith("127."):
            raise ValueError(f"tests listen on loopback only, not {host}")
        self._lock = threading.Lock()
        self._routes: dict[str, list[Reply]] = {}
        self._gates: dict[str, tuple[str, Reply, Reply]] = {}
        self._served: dict[str, int] = {}
        self.requests: list[Request] = []
        # Each request with the time.monotonic() its reply began to go out.
        self.answered: list[tuple[Request, float]] = []
        self._conns: set[socket.socket] = set()
        self._httpd = ThreadingHTTPServer((host, 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self.scheme = "http"
        if ssl_context is not None:  # HTTPS: the handshake happens on accept
            self._httpd.socket = ssl_context.wrap_socket(self._httpd.socket, server_side=True)
            self.scheme = "https"
        self.host, self.port = host, self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def url(self, path: str = "/", host: str | None = None) -> str:
        """``http://127.0.0.1:PORT/path``; ``host="localhost"`` gives another host name."""
        return f"{self.scheme}://{host or self.host}:{self.port}{path}"

    def route(self, path: str, *replies: Reply) -> None:
        """Answer ``path`` (query string included, if any) with ``replies`` in order."""
        with self._lock:
            self._routes[path] = list(replies) or [Reply()]
            self._served[path] = 0

    def route_gated(self, path: str, cookie: str, page: Reply, challenge: Reply) -> None:
        """Answer ``path`` with ``page`` when the request carries ``cookie``, else ``challenge``."""
        with self._lock:
            self._gates[path] = (cookie, page, challenge)

    def hits(self, path: str) -> int:
        """How many requests for ``path`` arrived (the query string is part of the path)."""
        with self._lock:
            return sum(1 for r in self.requests if r.path == path)

    def close(self) -> None:
        self._httpd.shutdown()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _next_reply(self, path: str, cookies: str = "") -> Reply | None:
        with self._lock:
            gate = self._gates.get(path)
            if gate is not None:
                cookie, page, challenge = gate
                sent = {part.strip() for part in cookies.split(";")}
                return page if cookie in sent else challenge
            replies = self._routes.get(path)
            if replies is None:
                return None
            n = self._served[path]
            self._served[path] = n + 1
            return replies[min(n, len(replies) - 1)]

    def _log(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def _log_answered(self, request: Request, moment: float) -> None:
        with self._lock:
            self.answered.append((request, moment))

    def _track(self, conn: socket.socket, alive: bool) -> None:
        with self._lock:
            if alive:
                self._conns.add(conn)
            else:
                self._conns.discard(conn)


def _handler_for(server: TestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 5  # idle keep-alive connections end by themselves

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in separate writes; without NODELAY, Nagle and the
            # client's delayed ACK add ~40 ms to every response.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            server._track(self.connection, True)

        def finish(self) -> None:
            try:
                super().finish()
            finally:
                server._track(self.connection, False)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            request = Request(
                method=self.command,
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                at=time.monotonic(),
                client_port=self.client_address[1],
            )
            server._log(request)
            reply = server._next_reply(self.path, request.headers.get("cookie", ""))
            if reply is None:
                reply = Reply(status=404, body=b"not found")
            try:
                self._answer(reply, request)
            except OSError:
                # The client went away (a timeout test, a closed fetcher) or the test ended
                # and closed the socket: nothing to answer, and no traceback to leak into
                # whichever later test is capturing stderr.
                self.close_connection = True

        def _answer(self, reply: Reply, request: Request) -> None:
            if reply.delay:
                time.sleep(reply.delay)
            server._log_answered(request, time.monotonic())
            status, body = reply.status, reply.body
            if self._not_modified(reply):
                status, body = 304, b""
            self.send_response(status)
            headers = dict(reply.headers)
            if reply.etag is not None:
                headers.setdefault("ETag", reply.etag)
            if reply.last_modified is not None:
                headers.setdefault("Last-Modified", reply.last_modified)
            for name, value in headers.items():
                self.send_header(name, value)
            if reply.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            elif "content-length" not in {k.lower() for k in headers} and status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self._send_body(reply, body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def _not_modified(self, reply: Reply) -> bool:
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if reply.etag is not None and inm is not None:
                return inm == reply.etag
            return reply.last_modified is not None and ims == reply.last_modified

        def _send_body(self, reply: Reply, body: bytes) -> None:
            if reply.reset_after is not None:
                self.wfile.write(body[: reply.reset_after])
                self.wfile.flush()
                # SO_LINGER 0: close sends RST instead of FIN — a reset mid-body.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                self.connection.close()
                return
            step = reply.drip_size if reply.drip is not None else max(len(body), 1)
            for start in range(0, len(body), step):
                piece = body[start : start + step]
                if reply.chunked:
                    piece = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
                self.wfile.write(piece)
                self.wfile.flush()
                if reply.drip is not None:
                    time.sleep(reply.drip)
            if reply.chunked:
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()

    return Handler


@pytest.fixture
def http_server() -> Iterator[TestServer]:
    """A fresh server per test, stopped at teardown."""
    server = TestServer()
    try:
        yield server
    finally:
        server.close()
