"""What one fetch produced: the bytes and everything known about how they arrived."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class FetchResult:
    """One completed fetch.

    ``status`` 304 (``not_modified``) is a result, not an error: ``content`` is then empty.
    ``charset`` is the charset named by the Content-Type header, if any (a hint for the
    decoder). ``redirects`` lists every URL before ``final_url``, in order.

    A page loaded in a browser (``--render``) keeps its main document as the server sent
    it in ``content`` (and its headers, status and validators) and the DOM the browser
    built in ``rendered``: that is what is parsed (:meth:`markup`).
    """

    url: str
    final_url: str
    status: int
    content: bytes
    headers: dict[str, str]
    fetched_at: str  # ISO 8601 UTC, e.g. 2026-11-29T15:30:00Z
    elapsed_ms: int
    attempts: int
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None  # of the raw body as received (after transfer decoding)
    redirects: list[str] = field(default_factory=list)
    remote_address: str | None = None
    http_version: str | None = None
    request_headers: dict[str, str] = field(default_factory=dict)
    rendered: str | None = None  # the DOM after scripts ran, when loaded in a browser

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def markup(self) -> tuple[bytes, str | None]:
        """The bytes to parse and the charset they are in, as far as HTTP says: the
        rendered DOM (UTF-8) for a page loaded in a browser, else the body as received."""
        if self.rendered is not None:
            return self.rendered.encode("utf-8"), "utf-8"
        return self.content, self.charset


def mime_and_charset(value: str | None) -> tuple[str | None, str | None]:
    """The MIME type (lower case) and the charset parameter of a Content-Type value; the
    fetcher and the WARC reader both read it here, so a page re-read from an archive gets
    the charset its fetch got."""
    if not value:
        return None, None
    mime, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").strip() or None
    return mime.strip().lower() or None, charset
