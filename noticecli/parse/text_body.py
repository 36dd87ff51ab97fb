"""The body of a text dump read into blocks, one per non-empty line.

A short line (at most ``HEADING_MAX`` characters) without end punctuation that stands alone
between blank lines is a heading, and consecutive heading lines are joined into one heading (a
CJK title wrapped over two lines reads as one); ``(杨开斌)`` and a ``职务  姓名`` line right under
a heading are bylines; a date line is a date; an organisation name at the end of the body, or
right above a date line, is a signature, and one with its date beside it on one line a
signature and a date; a document's red head and number
(:mod:`noticecli.parse.doc_head`) are headings of their own, never joined; a 附注 right
under the closing (``(此件主动公开)``) is a note; file names ending the text are the page's
attachment list, not body lines (:func:`without_trailing_files`); the title printed again
over a few lines opening the text is one heading, and a unit's name alone under it, over a
sentence that names it again or in a reply, is the salutation (a paragraph).
:mod:`noticecli.parse.text` finds where the body starts and hands its lines here.
"""

from __future__ import annotations

import re

from noticecli.knowledge import CJK
from noticecli.models import Block, BlockType
from noticecli.parse.attachments import FILE_NAME, is_attachment_caption, is_file_line
from noticecli.parse.doc_head import is_doc_head_line
from noticecli.parse.dom import compact
from noticecli.parse.lines import (
    END_PUNCT,
    is_author_line,
    is_boilerplate,
    is_byline,
    is_credit_line,
    is_date_line,
    is_heading_like,
    is_numbered_heading,
    is_org_line,
    is_publication_note,
    is_unit_credit,
    under_closing,
)
from noticecli.parse.text_runon import is_bulletin_masthead

HEADING_MAX = 30
_JOINED_HEADING_MAX = 40
# A caption naming the text under it (信件内容:, 回复内容, 答复内容：).
_TEXT_CAPTION = re.compile(rf"^[{CJK}]{{0,6}}(?:内容|正文|详情)\s*[:：]?$")
# A heading that opens with its section number (二、警报试鸣范围, （三）公开时限) is whole: the
# short line under it is its content, not the rest of a wrapped title.
_SECTION_NUMBER = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)
# A signature's date the page or the store damaged (20249月9, 2025年9月15): digits, 月 and a
# day without 日, or a year run into its month. A date all the same (the normalizer repairs
# its text afterwards), so it closes the notice and is never joined into a heading.
_DAMAGED_DATE_LINE = re.compile(r"^\d{4}\s*年?\s*\d{1,2}\s*月\s*\d{1,2}\s*日?$")
# A short label, a colon and its value (联系人:张三, 联系电话：0871-…): a line of content,
# never a heading, however short and alone it stands. One character is label enough here
# (址：…, 电：…), a wider bound than knowledge.LABEL_SHAPE's: the value must follow it.
_LABELLED_VALUE = re.compile(rf"^[{CJK}]{{1,8}}\s*[:：]\s*\S")
# A signature and its date on one line (岚东街道办事处 2024年5月20日): a signature block and a
# date block, never a heading, never joined to the line under it.
_SIGNED_DATE = re.compile(r"^(?P<org>\S.*?\S)[ \t\u3000\u00a0]+(?P<date>\d{4}(?:\s*年|[-/.]).*)$")
# The addressees of a notice printed without their colon (各乡镇人民政府、各街道办事处,县直各单位):
# units opening with 各, joined by 、 or commas.
_ADDRESSEES = re.compile(rf"^各[{CJK}]{{1,20}}(?:[、,，][{CJK}]{{2,20}})*$")
_SENTENCE = re.compile("[。，,；]")
# An item of a list (1.…, 2、…, (一)…): what a heading, not a salutation, stands over.
_LIST_ITEM = re.compile(r"^(?:\d{1,2}\s*[.、．]|[(（]?[一二三四五六七八九十\d]{1,3}[)）、])")


def _is_salutation(text: str, following: str, blocks: list[Block]) -> bool:
    """A line of addressees without its colon, opening the text (no paragraph above it)
    right over a sentence: the salutation, a paragraph, never a heading."""
    return (
        _ADDRESSEES.match(text) is not None
        and len(following) > len(text)
        and _SENTENCE.search(following) is not None
        and not _LIST_ITEM.match(following)
        and all(block.type == "heading" for block in blocks)
    )


# A reply to a proposal or a letter (…提案答复的函, 办理意见, 复函): it opens by naming whom it
# answers, on a line of its own.
_REPLY = re.compile("答复|复函|办理意见|回复")
_REPEAT_LINES_MAX = 4
_REPEAT_MIN = 8  # the title's words a repeat without its issuer still holds


def _is_addressee(text: str, following: str, blocks: list[Block], title: str | None) -> bool:
    """A unit's name alone (致公党某市委员会, 市财政局、市住房和城乡建设局) opening the text
    (nothing but headings above it: the title's repeat, the document's number), right over a
    sentence that opens by naming it again, or in a reply: whom the text is addressed to, the
    salutation without its colon."""
    return (
        is_org_line(text)
        and all(block.type == "heading" for block in blocks)
        and len(following) > len(text)
        and _SENTENCE.search(following) is not None
        and not _LIST_ITEM.match(following)
        and (following.startswith(text) or (title is not None and bool(_REPLY.search(title))))
    )


def _title_repeat(entries: list[tuple[int, str]], title: str | None) -> range:
    """The entries that print the title again over 2-4 lines with no blank between them
    (关于…会议 / 第…号提案 / 答复的函), opening the body or under its document number: one
    heading, as the title printed on one line would be. The lines join to the title, or to
    its end when the issuer that opens it is left out."""
    if not title:
        return range(0)
    want = compact(title)
    start = 0
    while start < len(entries) and is_doc_head_line(entries[start][1]):
        start += 1
    joined = ""
    found = range(0)
    for position in range(start, min(len(entries), start + _REPEAT_LINES_MAX)):
        index, text = entries[position]
        if position > start and entries[position - 1][0] != index - 1:
            break  # a blank line ends the run
        if len(text) > HEADING_MAX or text[-1] in END_PUNCT:
            break
        joined += compact(text)
        if joined not in want:
            break
        if position > start and want.endswith(joined) and len(joined) >= _REPEAT_MIN:
            found = range(start, position + 1)
    return found


def join_heading(first: str, second: str) -> str:
    """Two lines of one heading or title as one line."""
    if first[-1:].isascii() and first[-1:].isalnum() and second[:1].isascii():
        return f"{first} {second}"
    return first + second  # a CJK heading wrapped over two lines reads as one


def _joins_across_blank(entries: list[tuple[int, str]], position: int) -> bool:
    """Whether a heading line after a blank line continues the heading above it (a title
    wrapped over a blank line): not when the line above opens with a bracket (a credit such
    as ``(西固区国动办 王能学``), and not for the body's last line (what closes a page)."""
    return position + 1 < len(entries) and entries[position - 1][1][:1] not in "（(【[<《"


def body_blocks(lines: list[str], *, headings: bool, title: str | None = None) -> list[Block]:
    """Blocks from body lines ("" marks a blank line); ``title``: the title line, which a
    bulletin's masthead opens with."""
    entries = [
        (index, line) for index, line in enumerate(lines) if line and not is_boilerplate(line)
    ]
    # Blank lines between text lines (not the ones a file ends with) tell paragraphs apart.
    has_blank = bool(entries) and len(entries) < entries[-1][0] - entries[0][0] + 1

    def standalone(index: int) -> bool:
        if not has_blank:
            return True
        before = index == 0 or not lines[index - 1]
        after = index == len(lines) - 1 or not lines[index + 1]
        return before and after

    # The closing run: signature/date/byline lines after the last paragraph, and the
    # 附注 under them ((此件主动公开)).
    tail_from = len(entries)
    while tail_from > 0:
        text = entries[tail_from - 1][1]
        if not (
            _is_date(text)
            or is_org_line(text)
            or is_byline(text)
            or is_unit_credit(text)
            or is_publication_note(text)
        ):
            break
        tail_from -= 1

    blocks: list[Block] = []
    last_heading_entry = -2
    repeat = _title_repeat(entries, title)
    for position, (index, text) in enumerate(entries):
        if position in repeat:
            if position == repeat.start:
                blocks.append(Block(type="heading", text=text))
            else:
                blocks[-1].text = join_heading(blocks[-1].text or "", text)
            continue  # the whole title: a heading line under it is not its rest
        if (signed := _signed_date(text)) is not None:
            blocks.extend(Block(type=kind, text=part) for kind, part in signed)
            continue
        following = entries[position + 1][1] if position + 1 < len(entries) else ""
        previous = blocks[-1].type if blocks else None
        # Without blank lines, a short line right under a numbered heading (一、试鸣时间 /
        # 5月12日上午10时至10时15分) is that section's content.
        # With blank lines too, when the heading opens with its section number (二、试鸣范围 /
        # 岚溪市城区): a short unnumbered line under it is the section's content.
        under_section = (
            previous == "heading"
            and (
                (not has_blank and is_numbered_heading(blocks[-1].text or ""))
                or bool(_SECTION_NUMBER.match(blocks[-1].text or ""))
            )
            and not is_numbered_heading(text)
            and not _SECTION_NUMBER.match(text)
        )
        kind: BlockType
        if is_publication_note(text) and under_closing([block.type for block in blocks]):
            kind = "note"
        elif (
            is_byline(text)
            or (previous == "heading" and is_author_line(text))
            or is_credit_line(text)
            or (position >= tail_from and is_unit_credit(text))  # (A市国动办 B县国动办)
        ):
            kind = "byline"
        elif _is_date(text):
            kind = "date"
        elif headings and (is_doc_head_line(text) or is_bulletin_masthead(text, title)):
            kind = "heading"  # a document's red head or number: apart, never the first paragraph
        elif headings and _TEXT_CAPTION.match(text):
            kind = "heading"  # 信件内容: / 回复内容 names the text below it; not a salutation
        elif is_org_line(text) and (position >= tail_from or _is_date(following)):
            kind = "signature"
        elif _is_salutation(text, following, blocks) or _is_addressee(
            text, following, blocks, title
        ):
            kind = "paragraph"
        elif (
            headings
            and not FILE_NAME.search(text)  # an attachment's name, not a heading
            and (
                (
                    standalone(index)
                    and is_heading_like(text, HEADING_MAX)
                    and not under_section
                    and not _LABELLED_VALUE.match(text)
                )
                or is_numbered_heading(text)
            )
        ):
            kind = "heading"
        else:
            kind = "paragraph"
        # A title wrapped over two lines reads as one; a numbered section title starts anew.
        if (
            kind == "heading"
            and last_heading_entry == position - 1
            and (entries[position - 1][0] == index - 1 or _joins_across_blank(entries, position))
            and blocks
            and not is_numbered_heading(text)
            and not _SECTION_NUMBER.match(blocks[-1].text or "")
            and not _TEXT_CAPTION.match(text)  # a caption starts anew (回复内容 / 回复内容:)
            and not is_doc_head_line(text)  # a red head and a document number stand apart
            and not is_doc_head_line(blocks[-1].text or "")
        ):
            joined = join_heading(blocks[-1].text or "", text)
            if len(joined) <= _JOINED_HEADING_MAX:
                blocks[-1].text = joined
                last_heading_entry = position
                continue
        blocks.append(Block(type=kind, text=text))
        if kind == "heading":
            last_heading_entry = position
    return blocks


def without_trailing_files(blocks: list[Block]) -> list[Block]:
    """The body less the file names that end it after the closing's signature or date (or
    the 附注 under them: 附件:<name>.pdf, 2.<name>.docx), with their lists' captions (附件:,
    相关文件：) among them: the page's attachment list, read as attachments, not text.
    File names inside the text, before its closing, are the document's own 附件 note and
    stay; so do file names ending a text with no closing shown (GB/T 9704 puts the 附件
    note after the text, before the signature the page may leave out)."""
    end = len(blocks)
    files = 0
    while end and blocks[end - 1].type != "heading":
        text = blocks[end - 1].text or ""
        if is_file_line(text):
            files += 1
        elif not is_attachment_caption(text):
            break
        end -= 1
    if not files:
        return blocks  # a caption alone: no list of files
    if not end or blocks[end - 1].type not in ("signature", "date", "note"):
        return blocks  # no closing over the names: the document's own 附件 note, or its text
    return blocks[:end]


def _signed_date(text: str) -> tuple[tuple[BlockType, str], tuple[BlockType, str]] | None:
    """A signature and its date on one line, as the signature and the date."""
    match = _SIGNED_DATE.match(text)
    if match is None or not is_org_line(match["org"]) or not _is_date(match["date"]):
        return None
    return ("signature", match["org"]), ("date", match["date"])


def _is_date(text: str) -> bool:
    return is_date_line(text) or (text[:1].isdecimal() and bool(_DAMAGED_DATE_LINE.match(text)))
