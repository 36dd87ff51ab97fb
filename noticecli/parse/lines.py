"""What a line of body text is, by its text alone: shared by the HTML and text-dump parsers.

The HTML parser adds what markup tells (bold, alignment); the text-dump parser adds what
blank lines tell. Both ask these functions the same questions, so a byline or a signature
means the same thing whichever parser found it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from noticecli.chrome_words import (
    FOOTER_LINK_WORDS,
    FOOTER_LINK_WORDS_AFTER_FIRST,
    FURNITURE_LINES,
    WIDGET_TEXTS,
)
from noticecli.knowledge import CJK, CLOSING_LINES, CREDIT_WORDS

_CN_DIGIT = "〇○零一二三四五六七八九十"
# A year's zero is also typed as a Latin or full-width letter O (二OO六年).
_CN_YEAR_DIGIT = "〇○零ＯO一二三四五六七八九"

_WIDGET = "(?:" + "|".join(WIDGET_TEXTS) + ")"
_FOOTER_LINKS = (
    "(?:"
    + "|".join(FOOTER_LINK_WORDS)
    + r")(?:\s*[|｜]?\s*(?:"
    + "|".join(FOOTER_LINK_WORDS + FOOTER_LINK_WORDS_AFTER_FIRST)
    + r"))*\s*[|｜]?"
)
# Widgets, navigation and footer lines that are never article text: a line is boilerplate
# when one of these matches all of it. Compiled on first use (its CJK alternatives take a
# millisecond): a page with no body text never needs it.
# Widgets side by side, apart by gaps, or by the dots and slashes of a top bar (长者模式·设为首页,
# English / 联系我们; a pipe is a widget of its own).
# A widget word may be bracketed as a link ([登录] [注册], 【English】).
_WIDGET_ITEM = rf"(?:[【\[]\s*)?{_WIDGET}(?:\s*[】\]])?"
_WIDGET_ROW = rf"{_WIDGET_ITEM}(?:\s*[·•/／]?\s*{_WIDGET_ITEM})*"
# Built once: the pattern cache is keyed by the source, hashed and compared on every call.
_WIDGET_ROW_LINE = f"^(?:{_WIDGET_ROW})$"
# What a widget row can start with besides whitespace, as noticecli.parse.pattern_guard reads
# it from the pattern (tests/test_pattern_guard.py checks the two agree): a link title or line
# starting with any other character is settled without trying the pattern's alternatives.
_WIDGET_ROW_STARTS = frozenset(
    "EQR[|【下个人今全公关分加复字微忘我手打扫抖搜支收文新无朋朗本检注浏添用登短移立站简繁纠网联腾设详语请豆账转返还进退适邮长附验高｜"
)
_BOILERPLATE_ALTERNATIVES = (
    _WIDGET_ROW,
    *FURNITURE_LINES,
    _FOOTER_LINKS,
)
_BOILERPLATE = "^(?:" + "|".join(_BOILERPLATE_ALTERNATIVES) + ")$"
# What a boilerplate line can start with (also any digit or space), and the literals one
# of the other alternatives needs (the footer codes, a font widget under any label, a
# vendor's release system): read from the alternatives by noticecli.parse.pattern_guard.
# Written out rather than read at start-up (reading them parses the whole pattern); a
# test checks they are what the alternatives say, so an added alternative is not missed.
_BOILERPLATE_STARTS = frozenset(
    "&<>CDEPQR[cdp|©«»›【一上下不个主人今位全公关分加友基复字尾帮建当微忘您我所"
    "手打扫技抖推搜支收文新无朋朗末本检欢注浏添满版现用登相短移立站简繁纠网联腾视设详语请豆账转返还进退适邮长附非首验高＞｜"
)
_BOILERPLATE_LITERALS = (
    "更多",
    "MORE",
    "More",
    "more",
    "位置",
    "位置导航",
    "当前",
    "首页",
    "主页",
    "网站标识码",
    "ICP备",
    "公网安备",
    "字",
    "发布系统",
)
# （杨开斌）, （记者 张三 李四）, （刘通摄）: 2-4 character names; longer text is an aside; a unit
# may open it (（鞍山市人防办:李刚 供稿）).
# Patterns with CJK ranges are slow to compile (sre fills a table for every code point of
# a range): compiled on first use, and the cheap tests in front of them spare most lines
# (and most runs) the compilation.
_BYLINE_PATTERN = (
    rf"^[（(]\s*(?:[{CJK}]{{2,16}}[:：]\s*)?(?:(?:记者|通讯员|作者|供稿|撰稿|文|图)[:：/\s]*)?"
    rf"[{CJK}·]{{2,4}}(?:[\s、，,/][{CJK}·]{{2,4}})*\s*(?:摄|报道|供图|供稿|撰稿)?\s*[)）]$"
)
# 新华社发（刘满仓摄）: an agency's photo credit.
_PHOTO_CREDIT_PATTERN = (
    rf"^[{CJK}]{{2,8}}发\s*[（(]\s*[{CJK}·]{{2,4}}(?:[\s、，,][{CJK}·]{{2,4}})*\s*摄\s*[)）]$"
)
# 安徽省人防办党组书记、主任  倪玉平: an author line under a heading.
_AUTHOR_LINE_PATTERN = (
    rf"^[{CJK}、（）()·]{{2,30}}(?:书记|主任|局长|厅长|处长|部长|主席|委员|记者|通讯员|"
    rf"市长|县长|区长|院长|司令员|政委)\s+[{CJK}·]{{2,4}}$"
)
# A date line starts with a digit (\d: str.isdecimal) or a Chinese numeral: tested before
# the pattern is compiled.
_DATE_LINE = (
    rf"^(?:\d{{4}}|[{_CN_YEAR_DIGIT}]{{4}})\s*年\s*[\d{_CN_DIGIT}]{{1,3}}\s*月\s*"
    rf"[\d{_CN_DIGIT}]{{1,3}}\s*日$|^\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}$"
)
# Compiled on first use: a line can only match when it ends with the last character of a
# suffix, or with the closing bracket of a (区划) after one.
_ORG_SUFFIX = (
    r"(?:办公室|办公厅|人民政府|政府|委员会|管委会|局|厅|办|中心|部|院|委|会|处|科|所|站|队|"
    r"指挥部|公司|集团|社|署|馆)(?:\s*[（(][^()（）]{2,20}[)）])?$"
)
_ORG_SUFFIX_ENDS = frozenset("室厅府会局办心部院委处科所站队司团社署馆)）")
_CLOSING = "^(?:" + "|".join(CLOSING_LINES) + ")$"
_CREDIT = "|".join(CREDIT_WORDS)
_CREDIT_MAX = 60
END_PUNCT = "。！？；：，、…!?;:,"
# A sentence's end, Chinese or Latin: the text readers' one definition (text_end, text_footer,
# text_runon). A Latin full stop ends a sentence only after a letter and before a gap or the
# line's end: www.gov.cn, 1.5 and 附件.pdf hold none.
SENTENCE_MARKS = "。！？"
SENTENCE_END = re.compile(rf"[{SENTENCE_MARKS}!?]|(?<=[A-Za-z])\.(?=\s|$)")
# … or a clause's (；): what no caption, title or footer line holds.
CLAUSE_END = re.compile(rf"[{SENTENCE_MARKS}；!?;]|(?<=[A-Za-z])\.(?=\s|$)")
_NUMBERED_HEADING_MAX = 20
_NUMBERED_HEADING = (
    rf"^(?:\d{{1,2}}(?:\.\d{{1,2}}){{0,3}}\s+|[{_CN_DIGIT}]{{1,3}}、|"
    rf"第[{_CN_DIGIT}百]{{1,4}}[章节部分编]\s*)[{CJK}]"
)
HEADING_MAX = 60
SIGNATURE_MAX = 40
# A 公文's 附注 under the closing date (GB/T 9704): how the document is published
# ((此件主动公开), （此件公开发布）, (此件依申请公开), (此件删减后公开)) or that the page holds no
# text ((此页无正文)). Wholly bracketed, short, no punctuation: (此件由县应急管理局负责解释。) is
# a sentence of the text.
_PUBLICATION_NOTE = re.compile(
    r"^[（(]\s*(?:此件[^\s()（）。！？；，、,.:：;!?]{2,14}|此页无正文)\s*[)）]$"
)


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def is_boilerplate(text: str) -> bool:
    # The pattern's alternatives are tried one by one on every line it is asked about; a
    # line that starts with no character an alternative can start with and holds none of
    # the literals the others need is settled without it.
    first = text[:1]
    if not (first in _BOILERPLATE_STARTS or first.isdecimal() or first.isspace()):
        for literal in _BOILERPLATE_LITERALS:
            if literal in text:
                break
        else:
            return False
    return bool(_pattern(_BOILERPLATE).match(text))


def is_widget_row(text: str) -> bool:
    """A row of widget words only (【字体：大 中 小】【打印】【关闭】, 分享到：微信 微博): the
    article's toolbar or the site's top bar, never navigation to elsewhere nor a footer."""
    first = text[:1]
    if first not in _WIDGET_ROW_STARTS and not first.isspace():
        return False
    return _pattern(_WIDGET_ROW_LINE).match(text) is not None


def is_byline(text: str) -> bool:
    # ^[（(] … [)）]$ ($ also before a final newline): only a bracketed line can match.
    if not text.endswith((")", "）", ")\n", "）\n")):
        return False
    if text[:1] in ("（", "("):
        return bool(_pattern(_BYLINE_PATTERN).match(text))
    return "摄" in text and bool(_pattern(_PHOTO_CREDIT_PATTERN).match(text))


def is_publication_note(text: str) -> bool:
    """A 附注 such as (此件主动公开) or (此页无正文) alone on its line; where it stands (right
    under the closing) the body builders decide."""
    return text[:1] in "（(" and _PUBLICATION_NOTE.match(text) is not None


# A 附注 stands on the first or second line under the closing's signature or date.
_NOTE_UNDER_CLOSING = 2


def under_closing(types: Sequence[str]) -> bool:
    """Whether a line after text blocks of these ``types`` (in reading order) stands right
    under the closing: a signature or a date among the last two. A 附注 there is the
    closing's; anywhere else it is a line of the text."""
    return any(kind in ("signature", "date") for kind in types[-_NOTE_UNDER_CLOSING:])


def is_author_line(text: str) -> bool:
    return bool(_pattern(_AUTHOR_LINE_PATTERN).match(text))


def is_date_line(text: str) -> bool:
    first = text[:1]
    if not (first.isdecimal() or (first and first in _CN_DIGIT)):
        return False
    return bool(_pattern(_DATE_LINE).match(text))


def is_org_line(text: str) -> bool:
    """An organisation's name alone: the shape of a signature."""
    return (
        2 <= len(text) <= SIGNATURE_MAX
        and text[-1] not in END_PUNCT
        and "。" not in text
        and text.rstrip("\n")[-1:] in _ORG_SUFFIX_ENDS
        and bool(_pattern(_ORG_SUFFIX).search(text))
    )


# Unit names in a credit line: parted by spaces, 、 or commas.
_UNIT_NAMES_SPLIT = re.compile(r"[\s、，,]+")
_UNIT_CREDIT_NAMES_MAX = 6


def is_unit_credit(text: str) -> bool:
    """(岚山市国动办 岚山县国动办): a bracketed line of unit names only, the units a report
    comes from; a credit as a person's name in brackets is, wherever it closes the text."""
    if len(text) < 4 or text[0] not in "（(" or text[-1] not in ")）":
        return False
    names = [name for name in _UNIT_NAMES_SPLIT.split(text[1:-1]) if name]
    return 1 <= len(names) <= _UNIT_CREDIT_NAMES_MAX and all(is_org_line(n) for n in names)


def is_closing(text: str) -> bool:
    """特此通告 and its kind: the line that closes a notice's text."""
    return text[:1] in "特此以" and bool(_pattern(_CLOSING).match(text))


def is_credit_line(text: str) -> bool:
    """An article's credit (供稿 / 摄影 / 编辑 …): two credit words, short, no full stop."""
    # Letter-spaced credits (编  辑:吴   霞    一  审:田   勇) are read without their spaces.
    compact = "".join(text.split())
    return (
        len(text) <= _CREDIT_MAX
        and "。" not in text
        and len(_pattern(_CREDIT).findall(compact)) >= 2
    )


def is_numbered_heading(text: str) -> bool:
    """A short numbered section title (1 总则, 1.1 编制目的, 三、试鸣步骤, 第一章 总则): a heading
    wherever it stands."""
    first = text[:1]
    if not (first.isdecimal() or first in _CN_DIGIT or first == "第"):
        return False
    return (
        len(text) <= _NUMBERED_HEADING_MAX
        and is_heading_like(text)
        and bool(_pattern(_NUMBERED_HEADING).match(text))
    )


def is_heading_like(text: str, max_length: int = HEADING_MAX) -> bool:
    return (
        not is_closing(text)
        and len(text) <= max_length
        and text[-1] not in END_PUNCT
        and "。" not in text  # a sentence, or a photo caption (图为…。)
        and not (text[0] in "（(" and text[-1] in ")）")  # an aside such as （此件公开发布）
    )
