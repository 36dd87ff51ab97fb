"""A title printed over several lines of a text dump, read as one: an issuer's name over
关于… over the document's kind, issuers' names filling more lines, a kicker (引题) over its
headline; a column's caption or the site's name over a title is not part of it."""

from __future__ import annotations

import re
from itertools import combinations

from noticecli.knowledge import (
    CJK,
    COLUMN_CAPTION_ENDS,
    DOC_TITLE_END,
    GENERIC_HEADLINE_WORDS,
    PLACE_LEVEL_CHARS,
)
from noticecli.labels import value_shape
from noticecli.parse.dom import compact
from noticecli.parse.lines import END_PUNCT, is_date_line, is_org_line
from noticecli.parse.text_body import join_heading
from noticecli.parse.text_labels import find_labels, is_label_line
from noticecli.parse.text_title_line import (
    TITLE_MAX,
    TITLE_MIN,
    is_title_like,
    next_nonblank,
    starts_with_date,
    title_words,
)

# A title printed over several lines (issuer / 关于… / 通 告): at most this many, each short.
TITLE_RUN_MAX = 3


TITLE_RUN_LINE_MAX = 40

# Issuers' names over a 关于… title, one a line (a joint notice's): at most this many.
_ISSUER_LINES_MAX = 3
_DOC_TITLE_END = re.compile(DOC_TITLE_END)
# A kicker (引题) over a headline, one short line of words a line: at most this many lines.
_KICKER_LINES_MAX = 3
_KICKER_LINE_MIN = 2
_KICKER_LINE_MAX = 12
_KICKER_LINE = re.compile(f"^[{CJK}]+$")
_SHARED_RUN_MIN = 3  # characters a kicker's line shares with its headline, common words too
_CJK_WORDS = {size: re.compile(f"^[{CJK}]{{{size}}}$") for size in (2, _SHARED_RUN_MIN)}
_RUN_MIN = 2  # lines of a kicker, or items of a menu, that make a run
_PARALLEL_CHARS = 2  # characters two parallel menu items share at their head or tail


_CAPTION_MAX = 8  # a column's caption over a title: 义务教育领域, 通知公告


_PLACE_CHARS = 3  # a place name's usual length (岚溪县, 青林镇): a name and a title share it


def title_run(lines: list[str], index: int) -> tuple[str, int] | None:
    """A title printed over 2-3 consecutive lines (秦安县国防动员办公室 / 关于…的 / 通 告, or
    a heading wrapped mid-word), read as one: its lines are short and title-like, together
    they are worded like a title, and what follows is not another short line (a menu) but a
    label line, a date, the title repeated or the text; or over more lines when its issuers
    fill them (:func:`_issuers_title_run`) or its kicker stands over it
    (:func:`_kicker_title_run`). Returns the title and the index after its last line."""
    return (
        _lines_title_run(lines, index)
        or _issuers_title_run(lines, index)
        or _kicker_title_run(lines, index)
    )


def _lines_title_run(lines: list[str], index: int) -> tuple[str, int] | None:
    run: list[str] = []
    probe = index
    while probe < len(lines) and lines[probe] and len(run) <= TITLE_RUN_MAX:
        line = lines[probe]
        # Lines after the first may be short: the last one can be the notice's kind alone
        # (通 告), letter-spaced.
        shaped = is_title_like(line) if not run else len(line) >= 2 and line[-1] not in END_PUNCT
        if (
            len(line) > TITLE_RUN_LINE_MAX
            or not shaped
            or is_date_line(line)
            or starts_with_date(line)  # 2023-09-14 10:42 阅读人数:1 under the title
            or find_labels(line)
            or (run and compact(line) == compact(run[-1]))  # printed twice
            or (len(run) >= 2 and compact(line) == compact(run[0]))  # … all lines
            or (run and value_shape(line) == "doc_no")  # 岚政告〔2016〕14号 under the title
        ):
            break
        run.append(line)
        probe += 1
    # A column's caption above a title that opens on its own line (通知公告 / 关于…的通知)
    # is not part of it; an issuer's name (秦安县国防动员办公室 / 关于…) is, under a caption
    # too (工作动态 / 岚州市应急管理局 / 关于…).
    opening = next((n for n, line in enumerate(run) if n and line.startswith("关于")), None)
    captioned = opening is not None and not all(is_org_line(line) for line in run[:opening])
    if opening is not None and captioned:
        while is_org_line(run[opening - 1]):
            opening -= 1
        run = run[opening:]
    elif len(run) >= 2 and (
        is_column_caption(run[0], run[1:])
        or (len(run) == 2 and _is_site_name_over_title(run[0], run[1]))
    ):  # a column's caption or the site's name over a whole title
        run, captioned = run[1:], True
    if not (1 if captioned else 2) <= len(run) <= TITLE_RUN_MAX:
        return None
    joined = run[0]
    for line in run[1:]:
        joined = join_heading(joined, line)
    if len(joined) > TITLE_MAX or not title_words().search(joined):
        return None
    after = next_nonblank(lines, probe)
    if len(run) >= 2 and (repeat_end := _run_repeated(lines, after, run)) is not None:
        return joined, repeat_end  # the issuer / 关于… lines printed again over the text
    return (joined, probe) if _closes_title(lines, after, joined) else None


def _closes_title(lines: list[str], after: int, title: str) -> bool:
    """What stands at ``after`` ends a title read over lines: a label line, a date, the
    title repeated, the text, the notice's number, or nothing; not another short line."""
    if after >= len(lines):
        return True
    following = lines[after]
    return (
        is_label_line(following)
        or starts_with_date(following)
        or compact(following) == compact(title)
        or not is_title_like(following)
        or len(following) > TITLE_RUN_LINE_MAX
        or value_shape(following) == "doc_no"  # the notice's number under its title
    )


def _issuers_title_run(lines: list[str], index: int) -> tuple[str, int] | None:
    """A title whose issuers fill more lines than a run holds (岚州市人民防空办公室 /
    岚州市应急管理局 / 关于联合开展…检查 / 工作的通知): two issuers' names or more, each
    alone on its line, right over a ``关于…`` title that ends in its document's kind (the
    evidence that the lines are one title, not a signature over a heading)."""
    probe = index
    while (
        probe < len(lines)
        and probe - index < _ISSUER_LINES_MAX
        and is_org_line(lines[probe])
        and not lines[probe].startswith("关于")
    ):
        probe += 1
    if probe - index < 2 or probe >= len(lines) or not lines[probe].startswith("关于"):
        return None
    if (rest := title_run(lines, probe)) is None:
        single = lines[probe]
        if not is_title_like(single) or not _closes_title(
            lines, next_nonblank(lines, probe + 1), single
        ):
            return None
        rest = single, probe + 1
    if _DOC_TITLE_END.search(rest[0]) is None:
        return None
    joined = "".join(lines[index:probe]) + rest[0]
    return (joined, rest[1]) if len(joined) <= TITLE_MAX else None


def is_parallel(first: str, second: str) -> bool:
    """Two items of one menu: a shared head or tail (政府信息公开指南 / 政府信息公开年报), or
    both ending as column names do (工作动态 / 通知公告)."""
    head = first[:_PARALLEL_CHARS] == second[:_PARALLEL_CHARS]
    tail = first[-_PARALLEL_CHARS:] == second[-_PARALLEL_CHARS:]
    columns = first.endswith(COLUMN_CAPTION_ENDS) and second.endswith(COLUMN_CAPTION_ENDS)
    return head or tail or columns


def is_kicker(kicker: list[str], headline: str) -> bool:
    """Short lines right over a headline that are its kicker (引题: 人防宣传周 / 防空知识 /
    进万家), not a side menu's items: two or three, not all of one length (a menu's items
    are: 人防工程 / 宣传教育 / 指挥通信), none ending as a column's name does (领导信息,
    通知公告), no two parallel, and one phrase with the headline: a line shares a word with
    it (人防宣传周 … 岚州市开展人防宣传周主题活动; :func:`_shares_word`)."""
    if not _RUN_MIN <= len(kicker) <= _KICKER_LINES_MAX:
        return False
    if len({len(compact(line)) for line in kicker}) == 1:
        return False  # menu-shaped
    if any(
        line.endswith(COLUMN_CAPTION_ENDS) or compact(line) == compact(headline) for line in kicker
    ):
        return False  # a column's name, or the headline printed twice
    if any(is_parallel(first, second) for first, second in combinations(kicker, 2)):
        return False
    return any(_shares_word(line, headline) for line in kicker)


def _shares_word(line: str, headline: str) -> bool:
    """The line and the headline share words within the line (never across two lines of a
    kicker), beyond the words any headline of the site holds and its place names: a run of
    three characters or more, one of them outside those words (人防宣传周: 人防宣), or a
    two-character word outside them (宣传); not 人防 alone (人防工程 over …市人防办召开…)."""
    common = _common_chars(line)
    for at in range(len(line) - 1):
        for size, outside_min in ((_SHARED_RUN_MIN, 1), (2, 2)):
            run = line[at : at + size]
            outside = sum(index not in common for index in range(at, at + size))
            if _CJK_WORDS[size].match(run) and outside >= outside_min and run in headline:
                return True
    return False


def _common_chars(line: str) -> set[int]:
    """Where the line holds a word any headline of the site holds, or a place's level
    (岚州市): the indexes of those characters."""
    common = {at for at, char in enumerate(line) if char in PLACE_LEVEL_CHARS}
    for word in GENERIC_HEADLINE_WORDS:
        for match in re.finditer(re.escape(word), line):
            common.update(range(match.start(), match.end()))
    return common


def _kicker_title_run(lines: list[str], index: int) -> tuple[str, int] | None:
    """A headline under its kicker printed over two or three short lines (:func:`is_kicker`),
    no blank line between them, the headline a title by itself over its meta or date line:
    read as one title, as a two-line kicker over the headline is."""
    for count in range(_KICKER_LINES_MAX, _RUN_MIN - 1, -1):
        headline_row = index + count
        kicker = lines[index:headline_row]
        if headline_row >= len(lines) or not all(map(_is_kicker_line, kicker)):
            continue
        headline = lines[headline_row]
        if not (
            len(headline) >= TITLE_MIN
            and len(headline) <= TITLE_RUN_LINE_MAX
            and is_title_like(headline)
            and title_words().search(headline)
            and is_kicker(kicker, headline)
        ):
            continue
        after = next_nonblank(lines, headline_row + 1)
        if after < len(lines) and (is_label_line(lines[after]) or starts_with_date(lines[after])):
            return "".join(kicker) + headline, headline_row + 1
    return None


def _is_kicker_line(line: str) -> bool:
    fits = _KICKER_LINE_MIN <= len(line) <= _KICKER_LINE_MAX
    return fits and _KICKER_LINE.match(line) is not None


def _run_repeated(lines: list[str], start: int, run: list[str]) -> int | None:
    """Where the lines of ``run`` printed again from ``start`` end (the index after the
    last), when each nonblank line from there repeats the run's in order; ``None`` if not."""
    index = start
    for line in run:
        if index >= len(lines) or compact(lines[index]) != compact(line):
            return None
        index = next_nonblank(lines, index + 1)
    return index


def _is_site_name_over_title(line: str, title: str) -> bool:
    """The site's name over a whole title (岚溪县人民政府 / 岚溪县举办…颁奖仪式): an
    organisation's name whose place the title names again, over a line that is a title by
    itself and does not continue the name (an issuer's name runs on into 关于…)."""
    if not is_org_line(line) or title.startswith("关于") or len(title) < TITLE_MIN:
        return False
    place = line[:_PLACE_CHARS]
    return title.startswith(place) and bool(title_words().search(title))


def is_column_caption(line: str, rest: list[str]) -> bool:
    """A column's caption over a title (义务教育领域 / 岚溪县2024年…工作方案): a short name
    ending as column names do, over lines that are a title by themselves."""
    if len(line) > _CAPTION_MAX or not line.endswith(COLUMN_CAPTION_ENDS) or is_org_line(line):
        return False
    joined = "".join(rest)
    return len(joined) >= TITLE_MIN and bool(title_words().search(joined))
