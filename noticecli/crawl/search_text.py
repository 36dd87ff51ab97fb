"""What a search hit is and how it is checked, the same for every store: a notice is a hit
when each term of the query is in its title or its body text (case folded), and its
snippet is the body text around the first match with every match in it marked.

A store's index only narrows the candidates (SQLite: FTS5 trigrams; PostgreSQL: pg_trgm);
:func:`hit_in` decides on the text itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence

from noticecli.crawl.identity import body_text, norm_text
from noticecli.crawl.store_api import Row, SearchHit

MIN_MATCH_CHARS = 3  # a trigram index finds terms of three characters or more
SNIPPET_MARKS = ("[", "]")
_SNIPPET_CONTEXT = 24  # characters around a match, as many as FTS5's snippet() gave before


def like_pattern(term: str) -> str:
    """``%term%`` for a ``LIKE``/``ILIKE`` whose escape character is the backslash."""
    return "%" + re.sub(r"([%_\\])", r"\\\1", term) + "%"


def first_hits(
    candidates: Sequence[str],
    current: Callable[[Sequence[str]], Iterable[Row]],
    terms: Sequence[str],
    limit: int,
    batch: int,
) -> list[SearchHit]:
    """The first ``limit`` hits (:func:`hit_in`) among ``candidates``, notice ids in the
    order the hits are wanted; ``current`` reads their rows, ``batch`` ids at a time."""
    hits: list[SearchHit] = []
    for start in range(0, len(candidates), batch):
        for row in current(candidates[start : start + batch]):
            hit = hit_in(row, terms)
            if hit is not None:
                hits.append(hit)
                if len(hits) == limit:
                    return hits
    return hits


def hit_in(row: Row, terms: Sequence[str]) -> SearchHit | None:
    """A hit when every term is in the notice's title or body text (case folded as the
    index folds it), else ``None``."""
    title = norm_text(row["title"])
    body = body_text(json.loads(row["json"]))
    title_folded, body_folded = title.lower(), body.lower()
    for term in terms:
        folded = term.lower()
        if folded not in title_folded and folded not in body_folded:
            return None
    return SearchHit(
        row["id"], row["url"], row["title"], row["published_at"], snippet(body or title, terms)
    )


def snippet(text: str, terms: Sequence[str]) -> str:
    """The text around the first match of any term, every match in it marked: about as much
    as a line shows (a third before the match, the rest after), or the text's start when no
    term is in it (the match was in the title)."""
    open_, close = SNIPPET_MARKS
    folded = text.lower()
    found = [(at, len(term)) for term in terms if (at := folded.find(term.lower())) >= 0]
    if not found:
        return text[:_SNIPPET_CONTEXT] + ("…" if len(text) > _SNIPPET_CONTEXT else "")
    at, length = min(found, key=_first_longest)
    start = max(0, at - _SNIPPET_CONTEXT // 3)
    end = min(len(text), at + length + _SNIPPET_CONTEXT - (at - start))
    pieces = ["…" if start else ""]
    position = start
    while position < end:
        matches = [
            (hit, len(term))
            for term in terms
            if 0 <= (hit := folded.find(term.lower(), position, end)) < end
        ]
        if not matches:
            break
        hit, length = min(matches, key=_first_longest)
        pieces += [text[position:hit], open_, text[hit : hit + length], close]
        position = hit + length
    pieces += [text[position:end], "…" if end < len(text) else ""]
    return "".join(pieces)


def _first_longest(match: tuple[int, int]) -> tuple[int, int]:
    at, length = match
    return at, -length
