"""The table of site knowledge: what we know about the templates disclosure sites are built on.

Known selectors, class words, URL shapes and furniture words, in one place, so teaching the
parser a new template is one edit in this file. The parsers do not depend on any entry here
being present: each is a fast path or a filter in front of rules that read evidence in the
page (text density, label vocabulary, dates beside links), and a user whose site still comes
out wrong gives its own selectors in the sites file (:class:`noticecli.rules.SiteRules`).

Entries are data: CSS selectors, words, and regular-expression fragments that the modules
using them join and compile (on first use where compiling is slow). Who reads what:

=============================  =============================================================
``BODY_CONTAINERS``            :mod:`noticecli.parse.body_container` (container search) and
                               :mod:`noticecli.parse.article` (is this an article page?)
``LABEL_CELL_CLASS_WORDS``     :mod:`noticecli.parse.label_table`
``HIDDEN_*``                  :mod:`noticecli.parse.visibility`
``TITLE_SELECTORS`` …          :mod:`noticecli.parse.html` (listing titles),
                               :mod:`noticecli.parse.title` (``TITLE_CANDIDATES``, the
                               meta names, ``SITE_NAME_SUFFIXES``, ``TITLE_WORDS``)
``DOC_KIND_WORDS``,            :mod:`noticecli.parse.text_crumbs` (a column's name or a title's
``DOC_TITLE_KINDS``            part), :mod:`noticecli.parse.rendered` (a whole 关于… title)
``EVENT_LABELS``               :mod:`noticecli.parse.text_grid_title` (an event's time)
``ARTICLE_META_NAME`` …        :mod:`noticecli.parse.article`, :mod:`noticecli.parse.header_html`
``ATTACHMENT_EXTENSIONS``,     :mod:`noticecli.parse.attachments`
``REQUEST_VERBS``
``ISSUED_LABEL_PREFIXES``      :mod:`noticecli.fields` (公文生成日期 is issued_at)
``TAB_CAPTION_ENDS``           :mod:`noticecli.parse.text_end` (a tab strip's captions)
``CLOSING_LINES``,             :mod:`noticecli.parse.body_container`, :mod:`noticecli.parse.lines`,
``CREDIT_WORDS``,              :mod:`noticecli.labels`
``VALUE_PLACEHOLDERS``
``EDITORIAL_LABELS``           :mod:`noticecli.parse.text` (trailing credit lines)
``CJK``, ``WHERE_LABEL``       the text rules of :mod:`noticecli.parse` (lines, text renderings)
``SITE_GREETING_LINE`` …       :mod:`noticecli.parse.lines`, :mod:`noticecli.parse.text_furniture`
=============================  =============================================================

The listing half (nav words, link groups, URL shapes, pagers, list data and heads) is
:mod:`noticecli.knowledge_listings`; the page chrome words (widgets, top-bar toggles,
breadcrumbs, furniture lines, footer words) are :mod:`noticecli.chrome_words`.
"""

from __future__ import annotations

# The CJK Unified Ideographs block: the "Chinese character" of every pattern here and in the
# text readers (labels, names, headings). Extension A and the compatibility block stay out:
# labels and names are not written in them.
CJK = "\u4e00-\u9fff"
# The "where you are" label opening a breadcrumb: 当前位置：, 您的位置:, 您当前所在的位置：,
# 您现在所在的位置：. It starts with 您/当前/现在/所在, so a field such as 项目位置： is never one.
# Two labels name the trail itself, not a place: 位置导航：, 当前页面：/当前栏目：.
WHERE_LABEL = (
    rf"(?:(?:您|当前|现在|所在)[{CJK}]{{0,5}}位置(?:是|为)?|位置导航|当前(?:页面|栏目))\s*[:：]"
)
# A site's greeting (欢迎访问某某市人民政府网站!, 您好，欢迎进入本站): a verb of coming or
# using, then the site as its object: 本站/本网站, or a name ending as a site's name ends. A
# headline opening with 欢迎 (欢迎新兵入营, 欢迎来到人防宣传周) has no site object and is text.
GREETING_VERBS = r"(?:进入|访问|来到|光临|浏览|登录|使用)"
GREETING_SITE_ENDS = r"(?:门户网站|网站|政府网|信息网|政务网|门户|官网|平台|网)"
SITE_GREETING_LINE = (
    rf"(?:您好[,，!！]?\s*)?欢迎您?{GREETING_VERBS}"
    rf"(?:本网站|本站|[{CJK}A-Za-z0-9]{{0,24}}{GREETING_SITE_ENDS})[!！。~～]?"
)
# A label by its shape alone: 2 to 8 CJK characters (信息发布人, 发布时间), a colon after it.
LABEL_SHAPE = rf"[{CJK}]{{2,8}}"
# … and letter-spaced to its cell's width (索  引  号, 发 布 日 期): a CJK character, then up to
# nine more characters or spaces.
SPACED_LABEL_SHAPE = rf"[{CJK}][{CJK}\s]{{1,9}}"

# --- Article bodies ------------------------------------------------------------------------


class Container:
    """A CMS's article-body element.

    ``proves_article``: enough text in it (outside links) makes the page an article, so the
    listing extractor is not run; ``tag`` narrows that test to one element name (a class some
    templates also put on list wrappers).
    """

    # A plain slotted class: a NamedTuple or dataclass is built at import, which every
    # `noticecli parse` pays.
    __slots__ = ("proves_article", "selector", "tag")

    def __init__(self, selector: str, proves_article: bool = False, tag: str | None = None):
        self.selector = selector
        self.proves_article = proves_article
        self.tag = tag

    def __repr__(self) -> str:
        return f"Container({self.selector!r}, {self.proves_article!r}, {self.tag!r})"


# Most specific first: the container search takes the first selector that finds content
# (TRS_Editor sits inside .article-body; #zoom inside .con).
BODY_CONTAINERS: tuple[Container, ...] = (
    Container(".TRS_Editor", True, "div"),  # TRS
    Container(".TRS_UEDITOR", True, "div"),  # TRS with UEditor
    Container(".trs_editor_view"),  # TRS, newer templates
    Container("#UCAP-CONTENT", True),  # gov.cn (UCAP)
    Container("#zoom", True),  # Hanweb, many municipal templates
    Container("#Zoom"),
    Container(".article_content", True),
    Container("#detailContent", True),
    Container(".detailContent", True),
    Container(".pages_content", True),  # gov.cn policy pages
    Container(".main-txt"),
    Container(".article-body"),
    Container(".article-content", True),
    Container(".art_con"),
    Container(".wzcon"),
    Container("#content"),
    Container(".content_text"),
    Container("article"),
)

# class words of the label cells of a label table without colons (td.title 项目名称 beside
# its value). Regular-expression fragments, matched anywhere in the lower-cased class.
LABEL_CELL_CLASS_WORDS = ("tit", "label", "name", "left", "key", "lab", "bt", "head", "th")

# TRS and Hanweb stamp this <meta name> on article pages only.
ARTICLE_META_NAME = "ArticleTitle"
# 索引号 followed within a few hundred characters by one of these labels is a disclosure
# header grid: the page is a notice whatever else it links to.
INDEX_NUMBER_LABEL = "索引号"
NOTICE_GRID_LABELS = ("发布机构", "发文机关", "主题分类", "成文日期", "发文字号")

# --- Visibility ----------------------------------------------------------------------------

# Elements hidden whatever the page's CSS says: the hidden attribute, aria-hidden, and the
# cloaking of JS frameworks (AngularJS ng-hide/ng-cloak, Vue v-cloak, Alpine x-cloak), which
# their own stylesheet hides. CSS selectors; inline styles and the page's own <style> rules
# are read besides (noticecli.parse.visibility).
HIDDEN_SELECTORS = (
    "[hidden]",
    '[aria-hidden="true" i]',
    ".ng-hide",
    ".ng-cloak",
    "[ng-cloak]",
    "[v-cloak]",
    "[x-cloak]",
)
# Class and id words of hidden pop-ups (a dialog, a notice layer, a tooltip): a hidden element
# of article text marked so is never read as the page's article, however little else the page
# shows. Regular-expression fragments, matched against whole class/id tokens cut at - and _.
HIDDEN_POPUP_WORDS = ("modal", "dialog", "popup", "pop", "layer", "mask", "toast", "tips?", "alert")
# Words of a site statement (copyright, disclaimer, reprint terms, privacy): a hidden element
# whose sentences mostly hold one is the site's boilerplate, never the page's article.
HIDDEN_STATEMENT_WORDS = (
    "版权",
    "著作权",
    "免责",
    "转载",
    "未经授权",
    "未经许可",
    "法律责任",
    "隐私",
    "声明",
    "copyright",
    "all rights reserved",
    "disclaimer",
)

# --- Titles --------------------------------------------------------------------------------

# Elements holding the article's own title, tried in this order before the body.
TITLE_SELECTORS = (
    ".article_title",
    ".article-title",
    ".con-title",
    ".detail-title",
    ".xxgk_title",
    ".news_title",
    ".title",
    "#title",
    "h1",
    "h2",
)
# Every element that may hold the article's title, for the title vote (noticecli.parse.title):
# headings and anything whose class says title (the class selectors above all do).
TITLE_CANDIDATES = 'h1, h2, h3, h4, h5, #title, [class*="tit" i]'
# <meta name|property> (lower-cased) naming the article, the site, the column.
TITLE_META_NAMES = ("articletitle", "og:title", "title")
SITE_META_NAMES = ("sitename", "og:site_name", "site_name")
COLUMN_META_NAMES = ("columnname",)
# How the name of a site or a unit ends (…政府采购网, …门户网站); organisation endings (局,
# 中心, 办公室 …) are read by noticecli.parse.lines.
SITE_NAME_SUFFIXES = ("网", "网站", "官网", "门户", "平台", "信息网", "政务网")
# A site's greeting in <title> (某某人民防空办公室欢迎您, 欢迎访问某某网): a site's name, never a
# notice's title. A regular expression searched in the text without spaces.
SITE_GREETING = r"^欢迎(?:访问|光临|来到|登录|进入)|欢迎(?:您|你)[!！]?$"
# Words that end a column's (channel's) name in <title> (标题_新闻频道_某某网).
COLUMN_NAME_SUFFIXES = ("频道", "栏目", "专栏")
# Words that end a column's caption printed over a title in a text rendering (义务教育领域 /
# 岚溪县2024年…工作方案): the caption is not the title's first line.
COLUMN_CAPTION_ENDS = (
    "领域",
    "专栏",
    "专题",
    "专区",
    "栏目",
    "动态",
    "要闻",
    "新闻",
    "资讯",
    "快讯",
    "信息",
    "公开",
    "公告",
    "通知",
    "聚焦",
)
# … and the captions of a tab strip over a related-links box (政策文件 / 政策解读 / 相关链接):
# the column endings, and the kinds of document a disclosure column gathers.
TAB_CAPTION_ENDS = (*COLUMN_CAPTION_ENDS, "文件", "解读", "法规", "政策", "图解")
# A document type's word printed alone as a notice's title (通知, 通 告): a title only when a
# date, meta lines or a salutation follow it; a longer caption (通知公告) is a column's.
DOC_TYPE_WORDS = frozenset(
    {"通知", "公告", "通告", "公示", "启事", "通报", "决定", "意见", "函", "批复", "声明", "说明"}
)
# A document's kind as a title names it (关于…的通知, …实施方案): a column's name holding one
# is a title's part (防空警报试鸣公告). Regular-expression alternatives.
DOC_KIND_WORDS = (
    "通知",
    "通告",
    "公告",
    "公示",
    "启事",
    "通报",
    "决定",
    "意见",
    "批复",
    "报告",
    "办法",
    "方案",
    "规定",
    "预案",
    "细则",
    "条例",
    "函",
)
# The kinds a whole 关于… title ends in (关于…的批复, 关于…的办法（试行）): those above, and kinds
# seldom a column's word.
DOC_TITLE_KINDS = (*DOC_KIND_WORDS, "决议", "复函", "请示", "规划", "纪要", "公报")
# How a document's whole title ends: its kind (关于…的通知, 关于…的批复（试行）). A regular
# expression searched at a title's end.
DOC_TITLE_END = rf"(?:{'|'.join(DOC_TITLE_KINDS)})(?:[（(][^()（）]{{1,8}}[)）])?$"
# Words that make a text a notice's title, not a unit's name (关于…的通知, 召开…会议).
# Regular-expression fragments.
TITLE_WORDS = (
    "关于",
    "通知",
    "通告",
    "公告",
    "公示",
    "决定",
    "意见",
    "办法",
    "方案",
    "报告",
    "会议",
    "召开",
    "开展",
    "举行",
    "举办",
    "印发",
    "批复",
    "函",
    "规定",
    "预案",
    "活动",
    "工作",
    "指南",
    "条例",
    "细则",
    "清单",
    "通报",
    r"\d{4}年",
    "[〇○零一二三四五六七八九]{4}年",  # a year in Chinese numerals (二〇二四年度…预算公开说明)
)
# Words nearly every headline of a government or civil-defense site holds (its unit's, its
# field's and its verbs' words): a short line over the headline sharing only such words (or a
# place name) with it shows no phrase with it (人防工程 … 岚州市人防办召开…: a side menu's
# item, no kicker).
GENERIC_HEADLINE_WORDS = (
    "人民防空",
    "国防动员",
    "人民政府",
    "办公室",
    "工作",
    "人民",
    "人防",
    "防空",
    "国防",
    "动员",
    "国动",
    "政府",
    "管理",
    "开展",
    "召开",
    "举办",
    "举行",
    "会议",
    "全市",
    "全县",
    "全区",
    "关于",
)
# Characters of a place's level (岚州市, 岚川县): a word holding one is a place's name or
# glued to one (州市, 市人防), a word every headline of the site may hold.
PLACE_LEVEL_CHARS = "省市县区镇乡"

# How the title of a document delivered or held on a day ends (在…会议上的讲话, …会议纪要,
# 新年贺词（全文）): a date under such a title is that day's, not the publication's. A regular
# expression searched at a title's end.
EVENT_DATED_TITLE_END = r"(?:讲话|致辞|发言|贺词|纪要)(?:[（(][^()（）]{1,8}[)）])?$"
# What separates the article title from the site name in <title> (标题_某某市人民政府,
# 某某招标投标网 · 标题; a middle dot only between spaces, as it also joins foreign names).
# Read: \s*(?:[-_|｜—–]+|\s-\s|\s[·•・]\s)\s* — written here to begin with one character
# class (its first character, then the rest after a dash or after a space), with the same
# matches, so that the regex engine skips the title's other characters fast instead of
# trying the pattern at each of them.
TITLE_SITE_SEPARATOR = (
    r"[\s\-_|｜—–](?:(?<=[-_|｜—–])[-_|｜—–]*"
    r"|(?<=\s)(?:\s*(?:[-_|｜—–]+|\s-\s|\s[·•・]\s)|-\s|[·•・]\s))\s*"
)

# --- Header fields outside the visible grid -------------------------------------------------

# <meta name> (compared lower-cased) → canonical key. TRS and Hanweb publish the article's
# own fields this way; None: a name that is site-wide on most templates, not taken.
META_TAG_KEYS: dict[str, str | None] = {
    "articletitle": "title",
    "pubdate": "published_at",
    "contentsource": "source",
    "columnname": "column",
    "author": None,
}
# Hanweb <!--<$[label]>begin--> markers that wrap the body itself, not a field.
HANWEB_MARKER_SKIP = frozenset({"信息内容", "内容"})
# The words a page puts before an issued_at label of the vocabulary to name the document
# it shows (公文 in 公文生成日期, 文件发文日期): this document's date. Any other word names
# another document's or thing's (原发文日期, 上级发文日期, 来文发文日期, 数据生成日期).
ISSUED_LABEL_PREFIXES = frozenset(
    {"公文", "文件", "信息", "本件", "本文", "文档", "本文件", "本公文"}
)

# --- Attachments ------------------------------------------------------------------------------

# File extensions (lower case) that make a link or a line an attachment: documents, WPS and
# OFD, archives, images.
ATTACHMENT_EXTENSIONS = frozenset(
    {
        "pdf",
        "doc",
        "docx",
        "docm",
        "wps",
        "wpt",
        "xls",
        "xlsx",
        "xlsm",
        "et",
        "ett",
        "csv",
        "ofd",
        "ppt",
        "pptx",
        "dps",
        "zip",
        "rar",
        "7z",
        "tar",
        "gz",
        "ceb",
        "odt",
        "ods",
        "rtf",
        "txt",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "bmp",
        "tif",
        "tiff",
        "webp",
    }
)
# The image extensions among them: an image a frame shows is the body's, not a file offered.
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp"})
# Words opening a request to the reader (请填写…, 详见…, 点击下载…): a line opening with one
# that ends in a file's name is a sentence about the file, not the name. Regular-expression
# alternatives (请示 is a document's kind).
REQUEST_VERBS = ("请(?!示)", "详见", "参见", "点击", "下载", "填写", "查看", "扫码")

# --- Meta lines, closings and credits ------------------------------------------------------

# The particulars of an event (时间：9月20日上午9时  地点：…): a bare 时间 beside one of these
# labels is the event's time, not the notice's publication time. Label endings.
EVENT_LABELS = ("地点", "地址", "主办", "承办", "协办", "主讲", "报名", "对象", "会场")
# The keys a meta line (under the title, or printed as the body's first line) carries.
META_LINE_KEYS = frozenset(
    {"published_at", "issued_at", "source", "editor", "author", "views", "publisher"}
)
# Meta-line values that hold no date of their own (a name, a unit, a count): a date closing
# one (作者：张三 2024-05-01) is the line's. A source may hold one: 来源：岳阳日报 2012-10-29
# names the paper's issue.
DATELESS_META_KEYS = frozenset({"editor", "author", "views", "publisher"})
# The closing formula of a notice (特此通告, 此复): a paragraph of its own, never a heading.
# Regular-expression fragments, each matching the whole line.
CLOSING_LINES = (
    rf"特此[{CJK}]{{1,3}}[。！!]?",
    r"此复[。]?",
    rf"以上[{CJK}]{{0,4}}妥否.*",
)
# Words of an article's credit line (医技药剂党支部供稿 摄影/张艳 编辑/苏芳): two of them in a
# short line without a full stop make it a credit, not a paragraph.
CREDIT_WORDS = (
    "供稿",
    "供图",
    "摄影",
    "摄",
    "编辑",
    "责编",
    "审核",
    "审稿",
    "校对",
    "撰稿",
    "初审",
    "复审",
    "终审",
    "一审",
    "二审",
    "三审",
    "文字",
    "图片",
    "通讯员",
)
# Editorial credit labels: one alone on a line closing an article (终审:xxx) is a field.
EDITORIAL_LABELS = frozenset(
    {"终审", "审核", "审稿", "初审", "复审", "一审", "二审", "三审", "责编", "编辑", "校对"}
)

# What a field shows before a script fills it (浏览次数：0, 浏览次数：0次, 发布人：--): no value.
# A counter's unit alone (浏览：<span></span>次) is the same: the number never came.
VALUE_PLACEHOLDERS = frozenset(
    {"0", "0次", "0人", "0人次", "次", "人次", "-", "--", "—", "——", "－", "－－"}
)
