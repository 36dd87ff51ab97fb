"""Parse the text dump of a disclosure page (a naive text extraction) into a :class:`Notice`.

The dump has no markup, so structure comes from the text alone:

* an optional archiver preamble (``标题: …`` lines up to a ``==== 正文 ====`` separator);
* the header grid: the leading lines that start with a ``label: value`` pair;
* the title line and the meta line (``发表时间: … 信息来源: … 责任编辑: …``) under it;
* the body, one block per non-empty line, and trailing ``信息来源:`` style lines.

Only the header region, the meta lines and the trailing meta lines are label-parsed: body
sentences often contain colons (``附件：…``, ``各单位：``) and must stay text. Values are kept as
shown (edge whitespace trimmed); dates are not repaired here.

A page whose header and body were flattened onto one long line (the archiver's ``page.txt``) is
read in "flattened" mode: header values are cut at whitespace and the text after the last
header label is split into paragraphs at whitespace.

The head (header grid, title line, meta lines under it) is read by
:mod:`noticecli.parse.text_head`, the body blocks (headings, bylines, dates, signatures) by
:mod:`noticecli.parse.text_body`.
"""

from __future__ import annotations

import re

from noticecli.fields import fill_top_level, warn_published_mismatch
from noticecli.knowledge import CJK, EDITORIAL_LABELS, IMAGE_EXTENSIONS
from noticecli.labels import WIDGET_LABELS, compact_label, key_for
from noticecli.models import Block, HeaderField, Notice
from noticecli.parse.attachments import FILE_NAME, glued_file_names, named_files
from noticecli.parse.bracket_groups import join_broken_groups, unbracket_meta
from noticecli.parse.dom import compact
from noticecli.parse.header_tokens import (
    column_rows_as_shown,
    may_open_row,
    read_header_row,
    with_broken_titles_joined,
    with_column_rows,
)
from noticecli.parse.lines import END_PUNCT, is_boilerplate, is_byline, is_credit_line
from noticecli.parse.pipe_cells import pipe_cell_lines
from noticecli.parse.rendered import rendered_cells, strip_bullet
from noticecli.parse.text_body import body_blocks, without_trailing_files
from noticecli.parse.text_broken_values import with_broken_dates_joined
from noticecli.parse.text_chrome import (
    CLOSE_BUTTONS,
    before_closing_menu,
    before_empty_boxes,
    blank_leading_images,
    blank_repeated_label_block,
    is_captioned_widgets,
    is_page_chrome,
    is_site_chrome,
    is_site_header_line,
    is_toolbar_row,
    one_pair_row,
    with_plain_label_colons,
    with_spaced_label_colons,
    with_stacked_label_values,
    without_cell_mark,
)
from noticecli.parse.text_crumbs import blank_crumb_chains, is_breadcrumb, is_crumb_chain
from noticecli.parse.text_edges import (
    before_related_caption,
    blank_site_credits,
    is_footer_evidence,
    is_search_box,
    split_glued_date_text,
)
from noticecli.parse.text_end import before_site_end, is_copyright_line, is_related_caption
from noticecli.parse.text_fields import FieldBuilder, field_value
from noticecli.parse.text_flat import (
    FLAT_LINE_MIN,
    flat_title,
    one_line_page_start,
    parse_flattened,
    split_salutation,
    without_breadcrumb,
    without_trail,
    without_widget_groups,
)
from noticecli.parse.text_footer import (
    blank_footer_tail,
    is_registration_line,
    is_site_footer_line,
)
from noticecli.parse.text_furniture import (
    is_empty_related_caption,
    is_glued_furniture,
    is_separator_line,
    is_site_greeting,
    is_site_stamp,
    is_template_region,
    keep_greeting_headlines,
    template_region_chrome,
    without_site_stamp,
)
from noticecli.parse.text_head import parse_head
from noticecli.parse.text_labels import clean_line, find_labels, has_label, is_label_line
from noticecli.parse.text_plain_grid import plain_grid_rows, with_plain_grid_colon
from noticecli.parse.text_runon import split_run_on_lines
from noticecli.parse.text_site_links import before_site_links
from noticecli.parse.text_start import blank_chrome_above_start, is_chrome_line
from noticecli.parse.text_title import caption_row, subject_under_title
from noticecli.parse.text_title_line import TITLE_MIN, is_title_like, next_nonblank

__all__ = ["parse_text_dump"]

# CSS rules and comment markers left by tag stripping (the pingtan dump has a <style> block).
_CSS_RULE = re.compile(r"(?:@[A-Za-z-]+|[A-Za-z][A-Za-z0-9_.#:>-]*)\s*\{[^{}]*\}")
_COMMENT_MARK = re.compile(r"<!--|-->")
# A tag's remainder opening a line, where the renderer cut a tag inside its attributes:
# a stray quote, quoted attribute pairs, the closing > (' style='font-size:10.5pt;'> 附件下载).
_TAG_REMAINDER = re.compile(
    r"""^\s*['"]?(?:\s*[A-Za-z][\w:-]*\s*=\s*(?:'[^'<>]*'|"[^"<>]*"))+\s*/?>\s*"""
)
_SEPARATOR = re.compile(r"^={4,}[^=]*={4,}$")
# What may part a row's pairs: a pipe, a bullet, a bracket, a slash, a list mark (；，).
_SEPARATED = re.compile(r"[|｜丨·•【\[［(（；;，,/／]")

_TRAILING_KEYS = frozenset({"published_at", "source", "editor", "author", "views"})


_BOILERPLATE_LINE_MAX = 120
_SITE_HEADER_LINES_MAX = 8  # lines above the breadcrumb a site's header may take
_CREDIT_LINE_MAX = 40  # 终审:xxx, a credit line of one label


def _is_trailing_meta(line: str) -> bool:
    labels = find_labels(line)
    if not labels or labels[0].start != 0:
        return False
    if is_credit_line(line):
        return True  # 编  辑:吴 霞  一  审:田 勇: the review credits closing a page
    if (
        len(labels) == 1
        and labels[0].compact in EDITORIAL_LABELS
        and len(line) <= _CREDIT_LINE_MAX
        and not any(mark in line[labels[0].end :] for mark in END_PUNCT)
    ):
        return True  # 终审:xxx alone after the signature: an editorial credit, not text
    if any(label.kind != "known" or label.key not in _TRAILING_KEYS for label in labels):
        return False
    return len(line) <= 60


# --- lines and shapes -------------------------------------------------------------------------


def _strip_markup(line: str) -> str:
    return _without_tag_remainder(_without_css(line))


def _without_css(line: str) -> str:
    return _COMMENT_MARK.sub(" ", _CSS_RULE.sub(" ", line))


def _without_tag_remainder(line: str) -> str:
    """``line`` less a tag's remainder at its start (its text after the ``>`` is kept: an
    empty ``[附件下载]`` is then a widget, ``附件:名称.pdf`` an attachment)."""
    return _TAG_REMAINDER.sub("", line, count=1) if "=" in line else line


# --- the parser -------------------------------------------------------------------------------


def _after_separator(lines: list[str]) -> int:
    separator = _find_separator(lines)
    return 0 if separator is None else separator + 1


def _find_separator(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:40]):
        if _SEPARATOR.match(line):
            before = [item for item in lines[:index] if item]
            if before and any(is_label_line(item) for item in before):
                return index
            return None
    return None


def parse_text_dump(text: str) -> Notice:
    """Parse the text dump of one disclosure page into a Notice (``kind == "notice"``)."""
    notice, body_lines, headings, title_line = _read_header(text)
    if headings:  # a line holding the whole article: its paragraphs (a flat page is cut already)
        body_lines = split_run_on_lines(body_lines, title_line)
    body_lines, glued = _split_glued_names(body_lines)
    # The title as shown, or as its label gives it (名称:…): a repeat of it opens the body.
    title = title_line or field_value(notice, "title")
    notice.body = body_blocks(body_lines, headings=headings, title=title)
    # No links survive in a dump: a line that is a file name is an attachment without a URL.
    notice.attachments = named_files(
        [block.text for block in notice.body if block.text and block.type != "heading"]
    )
    notice.body = without_trailing_files(notice.body)  # the page's attachment list
    if glued:  # names glued on one line are attachments only, never paragraphs
        notice.body = [block for block in notice.body if block.text not in glued]
    notice.body = _without_photo_names(notice)
    _fill_top_level(notice, title_line)
    if not any(field.origin in {"header", "meta_line"} for field in notice.header):
        notice.warn("no_header", "no label/value header found; text kept as body paragraphs")
    return notice


# An attachment list's caption (附件:, 相关附件：): the names under it are its items.
_ATTACHMENT_CAPTION = re.compile(r"^(?:相关)?附\s*件")


def _without_photo_names(notice: Notice) -> list[Block]:
    """The body less the lines that are a photo's file name alone (202409141030.jpg): a
    picture stood there, no text a reader sees; the name is an attachment. Under an
    attachment list's caption (附件:) a name is the list's item and stays, as a document's
    name does."""
    photos = {item.name for item in notice.attachments if item.file_type in IMAGE_EXTENSIONS}
    if not photos:
        return notice.body
    kept: list[Block] = []
    listed = False
    for block in notice.body:
        text = block.text or ""
        listed = listed or _ATTACHMENT_CAPTION.match(text) is not None
        if listed or block.type == "heading" or text not in photos:
            kept.append(block)
    return kept


def _split_glued_names(lines: list[str]) -> tuple[list[str], set[str]]:
    """The body's lines with each line of file names glued together (IMG_0539.jpgmm01.jpg)
    split into one line a name, and the names so split."""
    glued: set[str] = set()
    out: list[str] = []
    for line in lines:
        names = glued_file_names(line) if "." in line else []
        out.extend(names or [line])
        glued.update(names)
    return out, glued


def text_dump_header(text: str) -> list[HeaderField]:
    """The header fields :func:`parse_text_dump` reads from ``text``, in the same order,
    without building the body (what a caller needing one field pays)."""
    return _read_header(text)[0].header


def _read_header(text: str) -> tuple[Notice, list[str], bool, str | None]:
    """The notice with its header fields, the body's lines, whether they keep headings, and
    the title line if seen."""
    notice = Notice(kind="notice")
    build = FieldBuilder(notice)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    column_rows: dict[str, tuple[str, str]] = {}  # rows written from a column table, as shown
    raw_lines = with_column_rows(with_stacked_label_values(raw_lines), column_rows)
    raw_lines = with_broken_titles_joined(raw_lines)
    raw_lines = _with_glued_text_split(raw_lines, notice)
    raw_lines = with_broken_dates_joined(raw_lines, notice)
    lines: list[str] = []
    widget_rows: list[int] = []
    close_rows: set[int] = set()
    footer_rows: set[int] = set()  # lines blanked as the site's footer (ICP备, 上一篇:…)
    site_footer_rows: set[int] = set()  # … of them, the footer's own (主办单位:…, 版权所有)
    registered_rows: set[int] = set()  # … of them, a registration code's (ICP备, 网站标识码)
    end_rows: set[int] = set()  # copyright lines, related-items captions
    colonless: dict[str, str] = {}
    bulleted_rows: set[int] = set()
    pending: tuple[int, str, str] | None = None  # a one-pair row waiting for the row under it
    after_plain_row = False
    crumb_rows: list[int] = []  # column paths (- 某某网 - 新闻中心 - 新闻快讯)
    after_breadcrumb = False  # the last line shown was a breadcrumb (当前位置:首页)
    greetings: dict[int, str] = {}  # the greeting lines blanked, by row
    region_rows: list[int] = []  # template region names (footer, 通用导航): chrome by place
    chrome_rows: set[int] = set()  # widget, navigation and furniture lines blanked
    # 索引号 <code> / 文号 / 发布日期 <date>: a grid one pair a line without colons.
    grid_rows = plain_grid_rows(
        [without_cell_mark(strip_bullet(clean_line(_strip_markup(raw)))) for raw in raw_lines]
    )
    for raw in raw_lines:
        stripped = _without_css(raw)
        if stripped != raw:
            notice.warn("markup_removed", "CSS rules or comment markers removed from the text")
        if (untagged := _without_tag_remainder(stripped)) != stripped:
            stripped = untagged
            notice.warn("markup_removed", "an HTML tag's leftover attributes removed from the text")
        cleaned = clean_line(stripped)
        line = without_cell_mark(strip_bullet(cleaned))
        if line != without_cell_mark(cleaned):
            bulleted_rows.add(len(lines))  # a list item: its label takes no value under it
        related = is_related_caption(line)  # read before an empty caption is blanked below
        line = without_site_stamp(line)  # 某县门户网站www.….cn2024-03-18来源: → 2024-03-18 来源:
        line = without_trail(line)  # 当前位置：首页 > 通知公告 发布时间：… → 发布时间：…
        if is_separator_line(line) or is_empty_related_caption(line) or is_site_stamp(line):
            line = ""  # a lone - or ——, or 关联稿件: with no list: no text, no field
        shown = line
        if line:
            if is_crumb_chain(line, under_breadcrumb=after_breadcrumb):
                crumb_rows.append(len(lines))
            after_breadcrumb = is_breadcrumb(line)
        spaced = with_spaced_label_colons(line)
        line = with_plain_label_colons(shown, after_row=after_plain_row)
        if spaced != shown:  # 索 引 号 <code> 发文时间 <date>: the row's plain labels count too
            line = line if line.count(":") > spaced.count(":") else spaced
        if len(lines) in grid_rows:
            line = with_plain_grid_colon(line, grid_rows[len(lines)])
        if _SEPARATED.search(line) and may_open_row(line):
            # 索引号丨<code>丨发布机构丨<unit>, 发布时间：<date> · 来源：<unit>: the one reader of
            # rows whose separators the readers above do not know.
            line = read_header_row(line) or line
        if line:  # a grid's last row may hold one pair (有效性 有效) right under the others
            after_plain_row = line != spaced
            if pending is not None:  # … and its first row one pair right over them
                row, was, pair = pending
                if line != shown and lines[row] == was:
                    colonless[pair] = lines[row]
                    lines[row] = pair
                pending = None
            if line == shown and (one_pair := one_pair_row(line)) is not None:
                pending = (len(lines), line, one_pair)
        if line != shown:
            colonless[line] = shown  # the row as the page prints it, for the body
        line = unbracket_meta(line) or line  # 【信息时间：…】【我要打印】【关闭】
        # Widget and navigation lines (当前位置：…, 扫一扫…) count as blank; a long line may be a
        # whole flattened page that merely starts with a breadcrumb.
        copyright_line = is_copyright_line(line)
        if related or copyright_line:
            end_rows.add(len(lines))  # the site's end after the text: the body may stop here
            if copyright_line:
                footer_rows.add(len(lines))
                line = ""  # Copyright © 2024 …: the footer's wherever it stands
        if line in CLOSE_BUTTONS:
            close_rows.add(len(lines))  # a pop-up box's close button: the box follows
        widget = line in CLOSE_BUTTONS or (
            len(line) <= _BOILERPLATE_LINE_MAX and is_boilerplate(line)
        )
        if widget:
            widget_rows.append(len(lines))
        if widget or (
            is_site_chrome(line)
            or is_toolbar_row(line, is_boilerplate)
            or is_page_chrome(line)
            or is_captioned_widgets(line)
            or is_search_box(line)
            or is_glued_furniture(line)
        ):
            # 杨巷镇>政府信息公开>工作动态, …网站logo, a.png 微信 简体 | 繁体; the footer's own
            # lines among them are remembered for the footer rules below.
            if is_footer_evidence(line):
                footer_rows.add(len(lines))
            if is_site_footer_line(line):
                site_footer_rows.add(len(lines))
            if is_registration_line(line):
                registered_rows.add(len(lines))
            if is_site_greeting(line):
                greetings[len(lines)] = line  # … unless it is a headline over its meta line
            chrome_rows.add(len(lines))
            line = ""
        if is_template_region(line):
            region_rows.append(len(lines))
        lines.append(line)
    for row in template_region_chrome(lines, region_rows, end_rows):
        chrome_rows.add(row)
        lines[row] = ""
    blank_site_credits(lines, footer_rows)
    blank_footer_tail(lines, site_footer_rows, registered_rows)
    blank_crumb_chains(lines, crumb_rows)
    # 服务热线：…, 2024年05月01日 星期三 over the title (the archiver's record is no chrome)
    blank_chrome_above_start(lines, _after_separator(lines))
    blank_leading_images(lines)
    blank_repeated_label_block(lines, is_label_line)
    if widget_rows:  # a greeting and account links over the breadcrumb: the site's header
        # … up to the last widget row of the head (a toggle row may stand over the greeting).
        top = [row for row in widget_rows if row < _SITE_HEADER_LINES_MAX] or widget_rows[:1]
        for index in range(min(top[-1], _SITE_HEADER_LINES_MAX)):
            if lines[index] and is_label_line(lines[index]) and not is_chrome_line(lines[index]):
                break  # the meta line: the article has begun, a greeting now is its text
            if lines[index] and is_site_header_line(lines[index]):
                lines[index] = ""
    keep_greeting_headlines(lines, greetings)
    grouped = join_broken_groups(lines)
    rendered, rendered_rows = rendered_cells(grouped, frozenset(bulleted_rows))
    if len(rendered) == len(grouped):
        for before, after in zip(grouped, rendered, strict=True):
            if before != after and "|" not in before and ("[" in before or "【" in before):
                # [ 索  引  号 ] <code>: a bracketed grid row, colons put in only to read it.
                colonless[after] = colonless.get(before, before)
    lines, cells, build.rows = pipe_cell_lines(rendered, rendered_rows)
    end_rows = {index for index, row in enumerate(build.rows) if row in end_rows}
    chrome_rows = {index for index, row in enumerate(build.rows) if row in chrome_rows}
    if len(build.rows) != len(set(build.rows)):
        # Table cells split into lines: the widget and close-button rows follow their lines.
        widgets = set(widget_rows)
        widget_rows = [index for index, row in enumerate(build.rows) if row in widgets]
        close_rows = {
            index
            for index, row in enumerate(build.rows)
            if row in close_rows and (index == 0 or build.rows[index - 1] != row)
        }

    start = 0
    separator = _find_separator(lines)
    if separator is not None:
        # The archiver's own record of the page: metadata, not part of the page's grid.
        for line in lines[:separator]:
            if is_label_line(line):
                build.add_line(line, "meta_tag")
        start = separator + 1

    title_line: str | None = None
    body_lines: list[str] = []
    headings = True
    first = one_line_page_start(lines, next_nonblank(lines, start))
    flat_line: str | None = None
    flat_head: str | None = None
    if first < len(lines) and len(lines[first]) > FLAT_LINE_MIN:
        # A whole page on one line: its widget groups go whole, its title is what comes
        # before the first meta label.
        flat_line = without_widget_groups(lines[first])
        flat_head, titled = flat_title(flat_line)
        flat_line = titled if flat_head is not None else without_breadcrumb(flat_line)
    elif first < len(lines):
        lines[first] = without_breadcrumb(lines[first])
    if flat_line is not None and is_label_line(flat_line):
        found, rest = parse_flattened(flat_line, build, "meta_line" if flat_head else "header")
        title_line = flat_head or found
        # 相关链接： under it
        site_end = before_site_end(lines, first, len(lines), end_rows, chrome_rows)
        body_lines = [part for piece in rest.split() for part in split_salutation(piece)]
        body_lines += lines[first + 1 : site_end]
        headings = False  # line structure is gone: no evidence for headings
    else:
        if flat_line is not None:
            lines[first] = without_breadcrumb(lines[first])
        caption = caption_row(lines[first]) if first < len(lines) else None
        if caption is not None:
            title_line, body_start = caption, first + 1
        else:
            build.widget_rows = frozenset(widget_rows)  # evidence under a title's date line
            body_start, title_line = parse_head(lines, first, build)
        # Past a copyright line or a related-items box after the text, only the site's.
        site_end = before_site_end(lines, body_start, len(lines), end_rows, chrome_rows)
        body_end = _parse_trailing(lines[:site_end], body_start, build)
        body_end = before_closing_menu(
            lines, body_start, body_end, widget_rows, close_rows, has_label
        )
        body_end = before_empty_boxes(lines, body_start, body_end)
        body_end = before_related_caption(lines, body_start, body_end)
        body_end = before_site_links(lines, body_start, body_end)
        body_lines = _without_form_cells(lines, body_start, body_end, cells, build)
        # 岚州市人民政府文件 over the title; a speech's date under it, over the meta line.
        body_lines = [*build.doc_head, *build.body_opening, *body_lines]
    if colonless:
        # Colons were put back only to read a grid row: a row left in the body keeps the
        # line as the page prints it, never characters the page does not have.
        body_lines = [colonless.get(line, line) for line in body_lines]
    if column_rows:
        body_lines = column_rows_as_shown(body_lines, column_rows)
    return notice, body_lines, headings, title_line


def _with_glued_text_split(lines: list[str], notice: Notice) -> list[str]:
    """The lines with a date label's line cut after its date when the first paragraph runs
    straight on from it (发布时间:2025-09-18清河县…。): two lines, and a warning naming the cut.
    Only above the text: once a sentence has ended, a labelled line is the text's own."""
    out: list[str] = []
    for position, line in enumerate(lines):
        split = split_glued_date_text(line.strip()) if ":" in line or "：" in line else None
        if split is None:
            out.append(line)
            if "。" in line:
                return out + lines[position + 1 :]
            continue
        out.extend(split)
        notice.warn(
            "glued_text_split",
            f"text glued to the date of '{split[0]}' read as the body's first paragraph",
        )
        return out + lines[position + 1 :]
    return out


def _without_form_cells(
    lines: list[str], start: int, end: int, cells: frozenset[int], build: FieldBuilder
) -> list[str]:
    """The body's lines, less the form cells printed among them (a letters page's reply box:
    回复时间: / 2024-03-08), which are header fields."""
    body = lines[start:end]
    for index in range(start, end):
        line = lines[index]
        if index not in cells or not is_label_line(line) or FILE_NAME.search(line):
            continue
        labels = find_labels(line)
        if any(label.compact in WIDGET_LABELS for label in labels):
            continue
        build.add_line(line, "header")
        body[index - start] = ""
    return body


# A credit in brackets after the text: (供稿:岚昌县人防办), （来源：…）, (岚昌县人防办供稿).
_CREDIT_WORDS = "供稿|供图|撰稿|来源|稿件来源|通讯员|摄影"
_BRACKETED_CREDIT = re.compile(
    rf"^[(（]\s*(?:(?P<label>{_CREDIT_WORDS})\s*[:：]\s*(?P<value>[^()（）:：]{{1,30}}?)"
    rf"|(?P<by>[^()（）:：\s]{{2,30}}?)\s*(?P<word>供稿|供图|撰稿))\s*[)）]$"
)


def _is_bracketed_credit(line: str) -> bool:
    """A bracketed credit closing the text; a person's byline ((李青 供稿)) stays a byline."""
    return _BRACKETED_CREDIT.match(line) is not None and not is_byline(line)


def _parse_trailing(lines: list[str], body_start: int, build: FieldBuilder) -> int:
    """Trailing ``信息来源:`` style lines after the body, and a bracketed credit
    ``(供稿:…)``; returns where the body ends."""
    end = len(lines)
    trailing: list[str] = []
    index = end - 1
    while index >= body_start:
        line = lines[index]
        if line and not _is_trailing_meta(line) and not _is_bracketed_credit(line):
            break
        if line:
            trailing.append(line)
            end = index
        index -= 1
    for line in reversed(trailing):
        credit = _BRACKETED_CREDIT.match(line)
        if credit is None:
            build.add_line(line, "meta_line")
            continue
        label = credit["label"] or credit["word"]
        value = (credit["value"] or credit["by"]).strip()
        build.notice.header.append(HeaderField(key_for(label), label, value, "meta_line"))
    return end


def _fill_top_level(notice: Notice, title_line: str | None) -> None:
    if (subject := subject_under_title(notice, title_line)) is not None:
        subject.key = None  # 主题:<a theme> under the title line: its own field, not the title
    fill_top_level(notice)
    warn_published_mismatch(notice)
    notice.title = notice.title or _without_doc_no(notice, _without_caption(title_line))
    for field in notice.header:
        # The archiver preamble's 原文链接 is the page's address.
        value = field.value or ""
        if compact_label(field.label) == "原文链接" and value.startswith(("http://", "https://")):
            notice.url = value
            break


# A column's caption and a pipe before the title on its line (区县动态 || 标题).
_CAPTION_PIPE = re.compile(rf"^[{CJK}]{{2,8}}\s*(?:[|｜]{{1,2}})\s*(?P<title>[^|｜]+)$")


def _without_caption(title: str | None) -> str | None:
    """The title line without the column caption a pipe sets before it, when what follows
    is a title by itself."""
    match = _CAPTION_PIPE.match(title) if title and ("|" in title or "｜" in title) else None
    if match is None:
        return title
    rest = match["title"].strip()
    return rest if len(rest) >= TITLE_MIN and is_title_like(rest) else title


def _without_doc_no(notice: Notice, title: str | None) -> str | None:
    """The title line without the document number glued before it (筑府办函〔2020〕78号市人民
    政府办公厅关于…), when the grid shows that number as a field of its own."""
    doc_no = field_value(notice, "doc_no")
    if title is None or doc_no is None:
        return title
    doc_no = compact(doc_no)
    shown = compact(title)
    if not shown.startswith(doc_no) or len(shown) - len(doc_no) < TITLE_MIN:
        return title
    # Cut after as many characters of the title as the number has (spaces skipped).
    seen = 0
    for position, char in enumerate(title):
        if not char.isspace():
            seen += 1
        if seen == len(doc_no):
            return title[position + 1 :].strip()
    return title
