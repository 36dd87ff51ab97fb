"""Attachments: links to files (documents, archives, images), wherever the page puts them,
and file names a text dump shows without a link.

A link is an attachment when its href names a file (in its path or its query string, any
letter case), when its visible text is a file name (``…名录.xlsx`` on a ``download.do?id=``
link), when its text says 附件, or when a 附件 label before it introduces it (and it goes to
no web page). Links without visible text (an icon), ``javascript:`` and ``undefined`` hrefs
are not; a file name whose link has no target at all (``href=""``, the site downloads by
script) is an attachment without a URL. Documents a page shows in a viewer frame are
attachments too.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from selectolax.lexbor import LexborNode

from noticecli.knowledge import ATTACHMENT_EXTENSIONS, IMAGE_EXTENSIONS, REQUEST_VERBS
from noticecli.models import Attachment
from noticecli.parse.dom import absolute_url, ancestors, clean_text, iter_visible, page_tags

_FOOTER_WORD = re.compile(r"(?:^|[\s_-])(?:site-?)?foot(?:er)?(?:$|[\s_\d-])", re.IGNORECASE)
_ATTACHMENT_TEXT = re.compile(r"^\s*附\s*件\s*\d*\s*[:：.、]?")
# … and a related-files list's label with its colon (相关附件:, 相关文件：), in a text dump.
_RELATED_FILES_TEXT = re.compile(r"^\s*相关(?:附\s*件|文\s*件)\s*\d*\s*[:：]")
# A line of text that names a file is short and is not a sentence.
_MAX_NAME = 120
_SENTENCE = re.compile(r"[。；，,;]")
_NOT_LINKS = ("javascript:", "mailto:", "tel:", "vbscript:", "data:")
# A href that stands for no address (a template variable the page never filled).
_NO_ADDRESS = ("undefined", "null", "none")
# The words of an attachment list's caption: 附件, 附件2, 相关附件; 相关文件.
_ANNEX_WORD = r"(?:相关)?附\s*件\s*\d*"
_RELATED_FILES_WORD = r"相关文\s*件"
# An 附件 caption alone (附件:, 附件1：, 相关附件, 附件下载).
_ANNEX_CAPTION = rf"{_ANNEX_WORD}\s*(?:下载)?\s*[:：]?"
_ATTACHMENT_LABEL_ONLY = re.compile(_ANNEX_CAPTION)
# Elements after a 附件 label whose links it introduces, and the levels looked up from a
# link (the link, its item, its list).
_INTRODUCED_SIBLINGS = 10
_INTRODUCED_LEVELS = 3
_PAGE_ENDINGS = (".html", ".htm", ".shtml", ".xhtml")
# What may stand beside a listed file's link: its number, brackets, a size.
_LIST_DECORATION = re.compile(r"(?:附件|下载|点击下载|[\s\d.、:：()（）\[\]【】,，;；|KMBkmb])*")
_LINK_TAGS = frozenset({"a"})
# Elements that show a document in the page: a PDF viewer frame, an embedded file.
_EMBED_TAGS = ("iframe", "embed", "object")
_EMBEDS = "iframe[src], embed[src], object[data]"
_EXTENSIONS = "|".join(sorted(ATTACHMENT_EXTENSIONS, key=len, reverse=True))
_FILE_IN_HREF = re.compile(rf"\.({_EXTENSIONS})(?=$|[?#&;/=])", re.IGNORECASE)
# A name that ends in a file extension (the text of a link, a line of a text dump).
FILE_NAME = re.compile(rf"\S\.({_EXTENSIONS})$", re.IGNORECASE)


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


def extract_attachments(
    root: LexborNode, base_url: str | None, markup: str = ""
) -> list[Attachment]:
    """File links under ``root`` in page order, one per URL (or per name, without one), then
    documents the page shows in a viewer frame; ``markup``: the page's source, which tells
    whether it says 附件 at all."""
    # Only a page that says 附件 somewhere can have a link a 附件 label introduces.
    found = _linked_files(root, base_url, "附件" in markup if markup else True)
    # Lexbor's tag lookup tells whether the page has any frame at all (most have none).
    if any(root.parser.tags(tag) for tag in _EMBED_TAGS):
        for attachment in _embedded_files(root, base_url):
            found.setdefault(attachment.url or attachment.name, attachment)
    return list(found.values())


def _embedded_files(root: LexborNode, base_url: str | None) -> list[Attachment]:
    """Documents a page shows in a frame (``<iframe src=…/viewer.html?file=/u/通知.pdf>``,
    ``<embed src=….pdf>``, ``<object data=….pdf>``): the file itself, named by the frame's
    title or the file's name. Images are the body's, not attachments."""
    found: list[Attachment] = []
    for node in root.css(_EMBEDS):
        attrs = node.attributes
        source = (attrs.get("data") if node.tag == "object" else attrs.get("src")) or ""
        target = _framed_file(source.strip())
        if target is None:
            continue
        file_type = file_type_of(target)
        if file_type is None or file_type in IMAGE_EXTENSIONS:
            continue
        file_name = unquote(target.partition("?")[0].rsplit("/", 1)[-1])
        name = clean_text(attrs.get("title") or "") or file_name
        found.append(Attachment(name=name, url=absolute_url(target, base_url), file_type=file_type))
    return found


def _framed_file(source: str) -> str | None:
    """The file a frame shows: its source when that names a file, else the file a viewer's
    query names (``viewer.html?file=/u/a.pdf``)."""
    if not source or source.lower().startswith(_NOT_LINKS):
        return None
    path, _, query = source.partition("?")
    if "." in path.rsplit("/", 1)[-1] and file_type_of(path) is not None:
        return source
    for _key, value in parse_qsl(query.partition("#")[0]):
        if file_type_of(value) is not None:
            return value
    return None


def _introduced(link: LexborNode) -> bool:
    """Whether a 附件 label introduces ``link``: a ``附件：`` text before it in its element
    (``<p>附件：<a href="download.do?id=3">自查表</a></p>``), or an element of its own a few
    siblings before the link's (``<p>附件：</p><p><a …>1. 自查表</a></p>``), looked for up to
    the link's list or block."""
    node: LexborNode | None = link
    for _level in range(_INTRODUCED_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return False
        sibling = node.prev
        steps = 0
        while sibling is not None and steps <= _INTRODUCED_SIBLINGS:
            if sibling.tag == "-text":
                text = (sibling.text_content or "").strip()
                if _ATTACHMENT_LABEL_ONLY.fullmatch(text):
                    return True
                if _LIST_DECORATION.fullmatch(text) is None:
                    return False  # 上一篇： before the link: words of another kind
            elif sibling.tag and not sibling.tag.startswith("-"):
                if _holds_attachment_label(sibling):
                    return True
                if _says_more_than_links(sibling):
                    return False  # a 相关文章 heading, a 上一篇 line: the label's list ended
                steps += 1
            sibling = sibling.prev
        node = node.parent
    return False


def _says_more_than_links(node: LexborNode) -> bool:
    """An element with words of its own outside its links (上一篇：, 相关文章), not a listed
    file's number, brackets or size."""
    own = "".join(
        item.text_content or ""
        for item in iter_visible(node, prune_tags=_LINK_TAGS)
        if item.tag == "-text"
    )
    return _LIST_DECORATION.fullmatch(own.strip()) is None


def _holds_attachment_label(node: LexborNode) -> bool:
    """An element whose own text is a 附件 label, alone or before its links (附件：, 附件1：)."""
    own = "".join(
        (child.text_content or "") for child in node.iter(include_text=True) if child.tag == "-text"
    )
    return _ATTACHMENT_LABEL_ONLY.fullmatch(own.strip()) is not None


def _linked_files(root: LexborNode, base_url: str | None, labelled: bool) -> dict[str, Attachment]:
    found: dict[str, Attachment] = {}
    for node in page_tags(root, "a"):
        attributes = node.attributes
        if "href" not in attributes:
            continue  # an anchor (<a name>), no link
        href = (attributes.get("href") or "").strip()
        lowered = href.lower()
        if lowered.startswith(_NOT_LINKS) or lowered.rsplit("/", 1)[-1] in _NO_ADDRESS:
            continue
        # Cheap string tests first: a page has hundreds of navigation links.
        href_type = file_type_of(href) if "." in href else None
        # A link neither its href nor its text names a file: one a 附件 label introduces.
        introduced = (
            href_type is None and labelled and not _names_a_page(href) and _introduced(node)
        )
        if href_type is None and not introduced and not _text_may_name_file(node):
            continue
        text = clean_text(node.text())
        if not text:
            continue  # an icon: nothing a reader can name
        name_match = FILE_NAME.search(text)
        text_type = name_match.group(1).lower() if name_match else None
        if (
            href_type is None
            and text_type is None
            and not _ATTACHMENT_TEXT.match(text)
            and not introduced
        ):
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
    return found


def _text_may_name_file(link: LexborNode) -> bool:
    """Whether the link's text may say 附件 (附 anywhere in it) or end in a file extension
    (a dot in its own text, not a child element's): the navigation links of a page are
    settled by the one text read."""
    text = link.text()
    if "附" in text:
        return True
    if "." not in text:
        return False
    child = link.child
    while child is not None:
        if child.tag == "-text" and "." in (child.text_content or ""):
            return True
        child = child.next
    return False


def _names_a_page(href: str) -> bool:
    """A href to a web page (an article, a column), not to a download: ``….html``, a
    fragment, or nothing after the host."""
    path = urlsplit(href).path
    if not path or path.endswith("/") or href.startswith("#"):
        return True
    return path.rsplit("/", 1)[-1].lower().endswith(_PAGE_ENDINGS)


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
        name = _labelled_name(line) if line.startswith(("附", "相关")) else line.strip()
        match = FILE_NAME.search(name)
        if match is None or len(name) > _MAX_NAME or name in found or _SENTENCE.search(name):
            continue
        found[name] = Attachment(name=name, url=None, file_type=match.group(1).lower())
    return list(found.values())


# What a line naming a file alone may open with before the name: an 附件 caption (附件:,
# 附件2.), a related-files label (相关文件:), a list number (1. 2、 (3) （4）).
_FILE_LINE_OPENER = re.compile(
    rf"(?:{_ANNEX_WORD}\s*[:：.、]?|{_RELATED_FILES_WORD}\s*[:：]|\d{{1,3}}\s*[.．、]|[(（]\d{{1,3}}[)）])?\s*"
)
# What stands before a file's name in a sentence, never in the name: a label pair's colon
# (联系人:王明 电话:… 登记表.docx, 报送材料:<name>), a phone number, an 附件 caption further
# in (请填写附件1.<name>), a request to the reader opening it (请…, 详见…, 点击下载…).
_NOT_A_NAME = re.compile(
    rf"[:：]|\d{{3,4}}-\d{{7,8}}|(?<!\d)1[3-9]\d{{9}}(?!\d)|附\s*件\s*\d"
    rf"|^(?:{'|'.join(REQUEST_VERBS)})"
)


def is_file_line(line: str) -> bool:
    """A line that only names a file: a name ending in a file extension, perhaps after a
    附件 caption or a list number (附件:通告.pdf, 2.检查标准.docx); no sentence, and nothing
    before the name (a label pair, a phone number, a request: 请填写附件1.<name>.docx)."""
    if not named_files([line]):
        return False
    opener = _FILE_LINE_OPENER.match(line.strip())
    return opener is not None and _NOT_A_NAME.search(line.strip()[opener.end() :]) is None


# An attachment list's caption alone on its line: 附件:, 附件1：, 相关附件, 相关文件：.
_FILES_CAPTION = re.compile(rf"{_ANNEX_CAPTION}|{_RELATED_FILES_WORD}\s*[:：]?")


def is_attachment_caption(line: str) -> bool:
    """An attachment list's caption alone on its line (附件:, 附件1：, 相关文件：)."""
    return _FILES_CAPTION.fullmatch(line.strip()) is not None


# Opening brackets and their partners: one right after a 附件 label with no partner in the
# name (附件【自查表.xlsx) belongs to the label, not to the name.
_BRACKET_PAIRS = {"【": "】", "[": "]", "［": "］", "(": ")", "（": "）", "《": "》", "〔": "〕"}


def _labelled_name(line: str) -> str:
    """The name after a 附件 (or 相关文件:) label, less an opening bracket the name never
    closes."""
    label = _ATTACHMENT_TEXT.match(line) or _RELATED_FILES_TEXT.match(line)
    name = line[label.end() if label else 0 :].strip()
    if label and name[:1] in _BRACKET_PAIRS and _BRACKET_PAIRS[name[0]] not in name:
        return name[1:].strip()
    return name


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
