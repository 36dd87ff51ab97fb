"""Attachments: links to files (documents, archives, images), wherever the page puts them,
and file names a text dump shows without a link.

A link is an attachment when its href names a file (in its path or its query string, any
letter case), when its visible text is a file name (``…名录.xlsx`` on a ``download.do?id=``
link), or when its text says 附件. Links without visible text (an icon), ``javascript:``
and ``undefined`` hrefs are not; a file name whose link has no target at all (``href=""``,
the site downloads by script) is an attachment without a URL.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from selectolax.lexbor import LexborNode

from noticecli.knowledge import ATTACHMENT_EXTENSIONS
from noticecli.models import Attachment
from noticecli.parse.dom import absolute_url, ancestors, clean_text

_FOOTER_WORD = re.compile(r"(?:^|[\s_-])(?:site-?)?foot(?:er)?(?:$|[\s_\d-])", re.IGNORECASE)
_ATTACHMENT_TEXT = re.compile(r"^\s*附\s*件\s*\d*\s*[:：.、]?")
# A line of text that names a file is short and is not a sentence.
_MAX_NAME = 120
_SENTENCE = re.compile(r"[。；，,;]")
_NOT_LINKS = ("javascript:", "mailto:", "tel:", "vbscript:", "data:")
# A href that stands for no address (a template variable the page never filled).
_NO_ADDRESS = ("undefined", "null", "none")
_EXTENSIONS = "|".join(sorted(ATTACHMENT_EXTENSIONS, key=len, reverse=True))
_FILE_IN_HREF = re.compile(rf"\.({_EXTENSIONS})(?=$|[?#&;/=])", re.IGNORECASE)
# A name that ends in a file extension (the text of a link, a line of a text dump).
FILE_NAME = re.compile(rf"\S\.({_EXTENSIONS})$", re.IGNORECASE)
# Links whose text may say 附件 or end in an extension, found by Lexbor in C:
# ``:lexbor-contains`` reads an element's own text, so ``:has`` covers child elements (for
# 附件; a file name is the link's own text). The hundreds of navigation links are settled by
# their href alone.
_READ_TEXT_LINKS = (
    'a[href]:lexbor-contains("附"), a[href]:has(:lexbor-contains("附")), '
    'a[href]:lexbor-contains(".")'
)


def file_type_of(url: str) -> str | None:
    """The file extension a URL names, lower-cased: in its path, else in its query
    (``download.jsp?filename=名录.xlsx``); ``None`` when it names no file we count."""
    path, _, query = url.partition("?")
    name = path.partition("#")[0].rsplit("/", 1)[-1]
    if "." in name:
        extension = name.rsplit(".", 1)[-1].lower()
        if extension in ATTACHMENT_EXTENSIONS:
            return extension
    if not query or "." not in query:
        return None
    match = _FILE_IN_HREF.search(unquote(query))
    return match.group(1).lower() if match else None


def extract_attachments(root: LexborNode, base_url: str | None) -> list[Attachment]:
    """File links under ``root`` in page order, one per URL (or per name, without one)."""
    found: dict[str, Attachment] = {}
    readable = {node.mem_id for node in root.css(_READ_TEXT_LINKS)}
    for node in root.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        lowered = href.lower()
        if lowered.startswith(_NOT_LINKS) or lowered.rsplit("/", 1)[-1] in _NO_ADDRESS:
            continue
        # Cheap string tests first: a page has hundreds of navigation links.
        href_type = file_type_of(href) if "." in href else None
        if href_type is None and node.mem_id not in readable:
            continue
        text = clean_text(node.text())
        if not text:
            continue  # an icon: nothing a reader can name
        name_match = FILE_NAME.search(text)
        text_type = name_match.group(1).lower() if name_match else None
        if href_type is None and text_type is None and not _ATTACHMENT_TEXT.match(text):
            continue
        if text_type is None and _in_site_footer(node):
            continue  # 品牌广告 → a rate card PDF among the footer's 关于我们 links
        target = href if href and href != "#" else None
        if target is None and text_type is None:
            continue  # 附件 with nowhere to go and no file name
        url = absolute_url(target, base_url) if target else None
        key = url or f"name:{text}"
        if key in found:
            continue
        found[key] = Attachment(name=text, url=url, file_type=href_type or text_type)
    return list(found.values())


def _in_site_footer(node: LexborNode) -> bool:
    """Under the site's footer: a ``<footer>`` or an element whose class or id is a footer
    word (footer, foot, youth-footer …)."""
    for parent in ancestors(node):
        if parent.tag in ("body", "html"):
            return False
        if parent.tag == "footer":
            return True
        attrs = parent.attributes
        marker = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if "foot" in marker.lower() and _FOOTER_WORD.search(marker):
            return True
    return False


def named_files(lines: list[str]) -> list[Attachment]:
    """File names standing alone on lines of text (a text dump's attachment list): each is
    an attachment without a URL, once."""
    found: dict[str, Attachment] = {}
    for line in lines:
        name = _ATTACHMENT_TEXT.sub("", line).strip() if line.startswith("附") else line.strip()
        match = FILE_NAME.search(name)
        if match is None or len(name) > _MAX_NAME or name in found or _SENTENCE.search(name):
            continue
        found[name] = Attachment(name=name, url=None, file_type=match.group(1).lower())
    return list(found.values())


# Where one file name ends and the next begins when a text dump glues them
# (IMG_0539.jpgmmexport1664.jpg): an extension followed by a name's character.
_GLUED_NAME_END = re.compile(rf"\.(?:{_EXTENSIONS})(?=[A-Za-z0-9_\u4e00-\u9fff])", re.IGNORECASE)


def glued_file_names(line: str) -> list[str]:
    """The file names a line holds glued together with no space (two photo names in a row),
    each ending in a file extension; ``[]`` when the line is not two or more such names."""
    if len(line) > _MAX_NAME or not FILE_NAME.search(line) or any(c.isspace() for c in line):
        return []
    names: list[str] = []
    start = 0
    for match in _GLUED_NAME_END.finditer(line):
        names.append(line[start : match.end()])
        start = match.end()
    if not names:
        return []
    names.append(line[start:])
    if _SENTENCE.search(line) or not all(FILE_NAME.search(name) for name in names):
        return []
    return names
