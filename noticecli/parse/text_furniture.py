"""Lines of a text rendering that are furniture by their shape, not by a whole-line pattern.

A line of separator punctuation alone (``-``, ``—``, ``***``, a long rule): the empty bullet
of a list, or a rule between blocks; no text, so it counts as a blank line for the title,
meta-line and body readers.

An empty related-items caption (``关联稿件:``) between the meta lines and the text is the
caption of a box whose list did not render: chrome, not an empty field.

A chrome line may be several furniture pieces glued together: a portal's top bar prints
its greeting and its date widget side by side; a rendering may glue them into one line
(``欢迎访问某县人民政府网站!今天是:``, the date a script would fill left out).
Neither whole-line furniture pattern matches the pair, and its line-final colon makes it
look like a label line. Cut at the places a furniture piece starts; the line is chrome
when every piece is furniture. A sentence that opens with a greeting and goes on, or
mentions 今天是 in its course, leaves a piece that is text, and stays.

A template region's name alone on a line (``footer``, ``header``, ``通用导航``) is what a
rendering keeps of a CMS template's scaffolding: chrome where scaffolding stands, above the
title or after the text with only chrome under it. Between lines of the text it is the
text's own (a procurement table's cell naming the page header to build, a sign's English
name ``Banner``), and stays.

A date widget (``今天是:2024年5月6日 星期一 晴``: the date, time, weekday, lunar date and
weather a portal's top bar shows) is read here once, for such a piece and for a chrome
line above the article (:mod:`noticecli.parse.text_start`).
"""

from __future__ import annotations

import re

from noticecli.chrome_words import FURNITURE_CLASS_WORDS, SITE_TOGGLES, TOP_BAR_LINKS
from noticecli.knowledge import CJK, GREETING_VERBS, SITE_GREETING_LINE
from noticecli.knowledge_listings import NAV_CLASS_WORDS
from noticecli.parse.lines import is_boilerplate, is_date_line
from noticecli.parse.text_chrome import is_page_chrome
from noticecli.parse.text_labels import CN_DATE, is_meta_line

__all__ = [
    "SITE_STAMP",
    "is_date_widget",
    "is_empty_related_caption",
    "is_glued_furniture",
    "is_separator_line",
    "is_site_greeting",
    "is_site_stamp",
    "is_template_region",
    "keep_greeting_headlines",
    "template_region_chrome",
    "without_site_stamp",
]

# A related-items box's caption with its colon and nothing after it (关联稿件:, 相关文章：):
# the box's list did not render; neither a field nor text. With a value (相关文件:<name>.pdf)
# it is a list, and 关联 inside a longer label (关联单位:) is a field's.
_EMPTY_RELATED_CAPTION = re.compile(
    r"[【\[]?(?:相关|关联|延伸|推荐|拓展)"
    r"(?:稿件|文章|信息|链接|阅读|新闻|内容|报道|导读|专题)[】\]]?\s*[:：]"
)


def is_empty_related_caption(line: str) -> bool:
    """``关联稿件:`` alone on its line: a related-items caption whose list is not shown."""
    return _EMPTY_RELATED_CAPTION.fullmatch(line.strip()) is not None


# The names a CMS gives its template's regions, printed by a rendering where the region
# stood (footer, Footer, footer-nav, 通用导航): the class words of page furniture and
# navigation, whole, plus the two region names no class list holds. Words that name
# content as well (main, content, top) are in none of them.
_REGION_WORD = "|".join((*FURNITURE_CLASS_WORDS, *NAV_CLASS_WORDS, "navigation", "topbar"))
_TEMPLATE_REGION = re.compile(
    rf"(?i:(?:{_REGION_WORD})(?:[-_](?:{_REGION_WORD}))*)"
    r"|(?:通用|公共|顶部|头部|底部)(?:导航|头部|底部|页头|页脚)|页头|页脚"
)
# Title lines a region name may stand over, above the page's first meta line.
_TITLE_LINES_MAX = 3


def is_template_region(line: str) -> bool:
    """A template region's name alone on its line (``footer``, ``通用导航``)."""
    return _TEMPLATE_REGION.fullmatch(line.strip()) is not None


def template_region_chrome(lines: list[str], rows: list[int], end_rows: set[int]) -> list[int]:
    """The rows of ``rows`` (template region names, in order) that stand where a template's
    scaffolding does: above the article (only blanks and region names over it, or title
    lines and then the first meta line under it) or after the text (only blanks and region
    names under it down to the site's end, or under the site's end itself). ``lines`` holds
    the chrome already blanked; ``end_rows`` are the copyright lines and related-items
    captions after the text."""
    regions = set(rows)
    return [
        row
        for row in rows
        if all(not lines[above] or above in regions for above in range(row))
        or _over_first_meta_line(lines, row)
        or _after_text(lines, row, regions, end_rows)
    ]


def _over_first_meta_line(lines: list[str], row: int) -> bool:
    if any(is_meta_line(line) for line in lines[:row] if line):
        return False
    under = [line for line in lines[row + 1 :] if line][: _TITLE_LINES_MAX + 1]
    metas = [index for index, line in enumerate(under) if is_meta_line(line)]
    return bool(metas) and metas[0] > 0  # one to three title lines, then the meta line


def _after_text(lines: list[str], row: int, regions: set[int], end_rows: set[int]) -> bool:
    if any(end < row for end in end_rows):
        return True  # under a copyright line or a related-items caption: the site's
    for under in range(row + 1, len(lines)):
        if under in end_rows:
            return True
        if lines[under] and under not in regions:
            return False
    return True


# 1-3 separator marks (-, ——, ·), or a longer rule of one mark (------, ******). A lone | is
# a widget row (read as one elsewhere); ``=`` rules are the archiver's ``==== 正文 ====``.
_SEPARATOR_LINE = re.compile(r"[-—–_*·•=]{1,3}|([-—–_*·•])\1{3,}")


def is_separator_line(line: str) -> bool:
    """A line of separator punctuation only: no text (``- 2 -`` and ``- 一是…`` have some)."""
    return _SEPARATOR_LINE.fullmatch(line.strip()) is not None


# Where a furniture piece may start inside a line: a greeting, a date widget, the
# accessibility and bookmark links of a top bar, bracketed as links or not ([无障碍]), the
# site's mailbox or phone beside its greeting (欢迎光临某某网邮箱:xx@163.com).
_PIECE_START = re.compile(
    rf"(?:您好[,，!！]?\s*)?欢迎您?{GREETING_VERBS}|今天是"
    rf"|[【\[]?(?:{'|'.join(TOP_BAR_LINKS)})"
    r"|(?:电子)?邮箱|[Ee]-?mail|(?:联系|服务)?(?:电话|热线)"
)
# A site's contact pair, its value a mail address or a phone number: a top bar's piece only
# beside the site's greeting (a notice's own 邮箱：… line stays a field).
_CONTACT_PAIR = re.compile(
    r"(?:(?:电子)?邮箱|[Ee]-?mail|(?:联系|服务)?(?:电话|热线))\s*[:：]\s*"
    r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\d()（）-]{5,20})"
)
# … and where a greeting ends: a date widget glued after it (欢迎进入某市门户!2024.05.01 星期三)
# is a piece of its own.
_GREETING = re.compile(SITE_GREETING_LINE)
_LINE_MAX = 80


def is_glued_furniture(line: str) -> bool:
    """A line of two or more furniture pieces glued together or set apart by spaces
    (``欢迎访问某县人民政府网站!今天是:``), every piece furniture: chrome."""
    if len(line) > _LINE_MAX:
        return False
    starts = [match.start() for match in _PIECE_START.finditer(line)]
    if not starts:
        return False
    ends = [match.end() for match in _GREETING.finditer(line)]
    cuts = sorted({0, *starts, *ends} - {len(line)})
    segments = [
        segment.strip()
        for start, end in zip(cuts, [*cuts[1:], len(line)], strict=True)
        if (segment := line[start:end]).strip()
    ]
    # A segment is one piece (今天是:2024年5月6日 星期一) or pieces set apart by spaces.
    pieces = 0
    greeted = _GREETING.match(line) is not None
    for segment in segments:
        if (greeted and _CONTACT_PAIR.fullmatch(segment)) or _is_piece(segment):
            pieces += 1
        elif all(_is_piece(part) for part in segment.split()):
            pieces += len(segment.split())
        else:
            return False
    return pieces >= 2  # one piece: the whole-line patterns decide


# A date widget: today's date with its weekday (2024年05月01日 星期三), after 今天是 or not,
# with the time, the lunar date and the weather the widget may add. Its pieces, each ended
# by a gap or the next piece.
_TODAY = r"(?:今天是|今日是|今天|今日|当前日期|当前时间|现在是)"
# In Chinese numerals too (二〇二四年六月五日 星期三).
_DATE = (
    rf"\d{{4}}\s*(?:年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[-/.]\d{{1,2}}[-/.]\d{{1,2}})|{CN_DATE}"
)
_TIME = r"(?:上午|下午|早上|晚上)?\s*\d{1,2}:\d{2}(?::\d{2})?"
_WEEKDAY = r"(?:星期|周|礼拜)[一二三四五六日天]"
# The lunar date, after 农历 or a cyclic year (农历三月廿三, 甲辰年 三月廿三): the widget's by
# itself; any other 农历… piece (农历甲辰年龙年) only beside the widget's date.
_LUNAR_DAY = (
    r"[正一二三四五六七八九十冬腊]{1,2}月\s*"
    r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十|廿[一二三四五六七八九]|三十)"
)
_CYCLIC_YEAR = r"[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年"
_LUNAR_DATE = (
    rf"(?:农历\s*)?{_CYCLIC_YEAR}\s*(?:[{CJK}]年\s*)?(?:{_LUNAR_DAY})?|农历\s*{_LUNAR_DAY}"
)
_LUNAR = rf"农历[{CJK}]{{2,10}}"
_WEATHER = r"[晴阴多云转小中大暴雷阵雨雪雾霾风级东南西北微]{1,8}"
_TEMPERATURE = r"-?\d{1,2}\s*(?:℃|°C|度)?\s*(?:[~～\-—至/]\s*-?\d{1,2}\s*)?(?:℃|°C|度)"
# The site's toggles a top bar prints beside its date widget (2019年03月05日 星期二 繁体
# 网站支持IPV6 新媒体矩阵). Not the article's own widgets (打印, 分享): those may follow the
# article's date line under its title.
_SITE_TOGGLE = "|".join(SITE_TOGGLES)
# The site's accounts and contact links beside them (微信 微博 网站地图): links, but a share
# row under a title prints 微信 微博 too, so they never make a line a widget by themselves.
_SITE_LINK = r"微信|微博|网站地图|联系我们|RSS(?:订阅)?"
_WIDGET_PIECE = re.compile(
    rf"(?P<today>{_TODAY}\s*[:：]?)|(?P<date>{_DATE})|{_TIME}|(?P<weekday>{_WEEKDAY})"
    rf"|(?P<lunar>{_LUNAR_DATE})|{_LUNAR}|(?P<temperature>{_TEMPERATURE})|(?P<toggle>{_SITE_TOGGLE})"
    rf"|{_SITE_LINK}|(?P<weather>{_WEATHER})|[,，\s|｜·/]+"
)
_WIDGET_LINE_MAX = 60


def is_date_widget(line: str) -> bool:
    """A date widget's line: date, time, weekday, lunar date and weather pieces only, and
    the site's toggles beside them, with 今天是, a weekday or a toggle (a date alone may be
    the article's own date line)."""
    if len(line) > _WIDGET_LINE_MAX or not line or line[-1] in "。；":
        return False
    position = 0
    today = weekday = date = toggle = lunar = weather = temperature = False
    while position < len(line):
        match = _WIDGET_PIECE.match(line, position)
        if match is None or match.end() == position:
            return False
        today = today or match["today"] is not None
        weekday = weekday or match["weekday"] is not None
        date = date or match["date"] is not None
        toggle = toggle or match["toggle"] is not None
        lunar = lunar or match["lunar"] is not None
        weather = weather or match["weather"] is not None
        temperature = temperature or match["temperature"] is not None
        position = match.end()
    # The widget's own lines: a lunar date, or the weather with its temperature (晴 18~25℃),
    # is never an article's line by itself.
    return today or lunar or (weather and temperature) or (date and (weekday or toggle))


def _is_piece(piece: str) -> bool:
    if piece.startswith("今天是"):
        return is_date_widget(piece)  # 今天是植树节… is a sentence, not the widget
    # … or the top bar's links split by pipes (加入收藏|繁體版|广告服务|网站地图).
    return is_boilerplate(piece) or is_date_widget(piece) or is_page_chrome(piece)


# The site's identity a portal prints in its article's meta line, before the date: its name
# (某县人民政府门户网站, 某市政府网) and its host (www.example.gov.cn), glued or spaced.
_SITE = r"[\u4e00-\u9fff]{2,24}?(?:门户网站|网站|政府网|政务网)"
_HOST = (
    r"(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:cn|com|net|org)(?:/[\w./-]*)?"
)
SITE_STAMP = rf"(?:{_SITE}\s*(?:{_HOST})?|{_HOST})"
_SITE_STAMP_LINE = re.compile(rf"{_SITE}\s*{_HOST}")
# An unlabelled date (with its time) opening a meta line, and the when/where/who label glued
# to it: 2024-03-18来源: is the date, then the source.
_DATE_VALUE = (
    r"\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}|年\d{1,2}月\d{1,2}日)"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_META_LABEL = (
    r"(?:信息|文章|新闻)?来源|作者|发布[\u4e00-\u9fff]{0,3}"
    r"|(?:阅读|浏览|点击|访问)[\u4e00-\u9fff]{0,2}"
)
_STAMPED_META = re.compile(
    rf"^(?:{SITE_STAMP})?\s*(?P<date>{_DATE_VALUE})\s*(?P<rest>(?:{_META_LABEL})\s*[:：].*)$"
)


def is_site_stamp(line: str) -> bool:
    """The site's name and host alone on a line (某县人民政府门户网站www.example.gov.cn): the
    portal's stamp over the meta line, no field and no text."""
    return _SITE_STAMP_LINE.fullmatch(line) is not None


def without_site_stamp(line: str) -> str:
    """A meta line opening with the site's stamp and an unlabelled date glued to the next
    label (某县人民政府门户网站www.example.gov.cn2024-03-18来源: 某局) as the reader reads it:
    the stamp left out, the date set apart from the label (2024-03-18 来源: 某局). Any other
    line unchanged: a 来源: value naming a site, 来源于 in a sentence."""
    match = _STAMPED_META.match(line)
    if match is None:
        return line
    return f"{match['date']} {match['rest']}"


def is_site_greeting(line: str) -> bool:
    """A line that is a site's greeting whole (欢迎访问岚州市人民政府网站!)."""
    return line[:1] in "欢您" and _GREETING.fullmatch(line) is not None


def keep_greeting_headlines(lines: list[str], greetings: dict[int, str]) -> None:
    """Put back, in place, the greetings blanked at their rows (``greetings``: row → line)
    that stand right over a meta or date line: a headline announcing a platform
    (欢迎使用岚州市人防工程信息管理平台 over 发布时间：…) is the page's title, as a site's
    greeting never stands over the page's own dated line."""
    for row, line in greetings.items():
        under = next((shown for shown in lines[row + 1 :] if shown), "")
        if under and (is_meta_line(under) or is_date_line(under)):
            lines[row] = line


# A countdown banner over the article (今天距离全面完成脱贫攻坚任务仅剩, 距建党百年还有 30 天,
# 距离高考倒计时): its number is a script's, often lost; nothing follows the countdown words.
_COUNTDOWN = re.compile(
    rf"^(?:今天距离|距离|距)[{CJK}“”\"《》·]{{2,30}}?(?:仅剩|还有|剩|倒计时)(?:\s*\d{{1,5}}\s*天)?$"
)


def is_countdown(line: str) -> bool:
    """A countdown banner's line: site chrome, never a title."""
    return _COUNTDOWN.match(line) is not None
