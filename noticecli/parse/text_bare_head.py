"""The publication time in a head printed without labels: the page opens with bare values
(the column, the title, an id number, the unit, a visit count, a date-time), then prints the
title again over the text. No label names any value, but a date-time stamped to the minute
is what a publishing system prints for the publication; when it is the only one in the head,
it is the publication time. Two of them (成文 and 发布) leave it unread: nothing shows which
is which."""

from __future__ import annotations

import re

from noticecli.dates import parse_date

__all__ = ["lone_date_time"]

_DATE_TIME_ALONE = re.compile(
    r"^\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}|年\d{1,2}月\d{1,2}日)"
    r"\s*\d{1,2}:\d{2}(?::\d{2})?$"
)


def lone_date_time(lines: list[str], start: int, end: int) -> int | None:
    """The index of the one line in ``lines[start:end]`` that is a date with a time alone
    (2024-09-15 10:22:31); None when there is none or more than one."""
    found = [
        index
        for index in range(start, end)
        if _DATE_TIME_ALONE.match(lines[index]) and parse_date(lines[index]) is not None
    ]
    return found[0] if len(found) == 1 else None
