"""Errors raised by the library. The library never prints or exits; the CLI maps these to
one line on stderr and an exit code.

    NoticeError                 anything noticecli refuses or cannot do
    ├── InputError              the input itself: missing, a directory, empty, binary, too large
    ├── DecodeError             bytes that no candidate encoding turns into text
    ├── ParseError              text from which no document can be built
    └── UsageError              a bad argument given to the library (an unknown encoding name …)
"""

from __future__ import annotations


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
    """An argument the library cannot use, such as an unknown encoding name."""
