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
``WIDGET_*``, ``FURNITURE_*``  :mod:`noticecli.parse.body_container`, :mod:`noticecli.parse.lines`,
``CLOSING_LINES``,             :mod:`noticecli.labels`
``CREDIT_WORDS``,
``VALUE_PLACEHOLDERS``
``EDITORIAL_LABELS``           :mod:`noticecli.parse.text` (trailing credit lines)
``MORE_LINK*``                 :mod:`noticecli.parse.listing`, :mod:`noticecli.parse.related_links`
``CJK``, ``WHERE_LABEL``       the text rules of :mod:`noticecli.parse` (lines, text renderings)
``SITE_GREETING_LINE`` …       :mod:`noticecli.parse.lines`, :mod:`noticecli.parse.text_furniture`
``SITE_TOGGLES``,              :mod:`noticecli.parse.lines` (in ``WIDGET_TEXTS``),
``TOP_BAR_LINKS``              :mod:`noticecli.parse.text_furniture` (a date widget's toggles,
                               where a glued top-bar piece starts)
``CONTACT_LABELS``,            :mod:`noticecli.parse.footer_contacts`,
``SITE_FOOTER_WORDS``          :mod:`noticecli.parse.text_edges`
=============================  =============================================================

The listing half (nav words, link groups, URL shapes, pagers, list data and heads) is
:mod:`noticecli.knowledge_listings`.
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

# --- Widgets and page furniture --------------------------------------------------------------

# class/id words of widgets inside an article (share, print, font size, related links,
# breadcrumbs, pagers): never body text. Regular-expression fragments, matched anywhere in
# the attribute, case-insensitive.
WIDGET_CLASS_WORDS = (
    "share",
    "print",
    "font-?size",
    "fontsize",
    "toolbar",
    "bdsharebutton",
    "qrcode",
    "xglj",  # 相关链接
    "related",
    "breadcrumb",
    "crumb",
    "footer",
    "pagination",
    "page-?nav",
)
# class/id words of page furniture that the text-density fallback must not take for an
# article (footers, navigation, banners, link lists).
FURNITURE_CLASS_WORDS = ("foot", "bottom", "copyright", "nav", "menu", "header", "banner", "link")

# The QR-code widget's words and sentence in any wording: (用)手机 + 扫一扫/扫码/扫描二维码,
# then (在手机上) + a verb + the page (扫一扫在手机打开当前页, 手机扫一扫打开网页, 扫码阅读本文):
# a whole line, or a whole value glued to an empty label (责任编辑:扫一扫在手机打开当前页),
# never text. A sentence about scanning (群众可扫一扫二维码进行预约。) holds more words.
QR_WIDGET_WORDS = ("扫一扫", "扫码", "扫描二维码")
_QR_LEAD = rf"(?:用?手机)?(?:{'|'.join(QR_WIDGET_WORDS)})(?:在?手机上?)?"
_QR_VERB = "(?:打开|查看|浏览|阅读|访问|分享)"
_QR_PAGE = "(?:当前页面?|本页面?|此页面?|网页|页面|本文|全文|原文|文章)"
# The sentence: a verb or the page after the scan word (a bare 扫码 value may be a field's).
QR_WIDGET_TEXT = rf"{_QR_LEAD}(?:{_QR_VERB}{_QR_PAGE}?|{_QR_PAGE})"
# The widget's line: its sentence, or a scan word alone (扫一扫, 手机扫码).
QR_WIDGET_LINE = rf"{_QR_LEAD}{_QR_VERB}?{_QR_PAGE}?"
# A share widget: 分享/转发/转载, to (到/至) a platform or not, then the platforms' names.
SHARE_WIDGET_WORD = "(?:分享|转发|转载)(?:到|至)?"
SHARE_PLATFORMS = (
    "微信好友",
    "微信",
    "朋友圈",
    "新浪微博",
    "腾讯微博",
    "微博",
    "QQ空间",
    "QQ好友",
    "QQ",
    "抖音",
    "今日头条",
    "人人网",
    "豆瓣",
)
# A portal top bar's links to the site's other versions and to bookmark it (无障碍, 关怀版,
# 设为首页, 加入收藏): where a top-bar piece may start inside a line its greeting is glued to.
TOP_BAR_LINKS = (
    "(?:网站)?无障碍(?:版|浏览|阅读|模式)?",
    "关怀版",
    "设为(?:首页|主页)",
    "加入收藏夹?",
    "收藏本站",
)
# The site's toggles a top bar prints (those links, elderly modes, language, mobile version,
# IPv6, new-media matrix, account): links, never an article's words; beside a date widget
# they are the widget's line (2019年03月05日 星期二 繁体 网站支持IPV6).
SITE_TOGGLES = (
    *TOP_BAR_LINKS,
    "添加到收藏夹",
    "适老(?:版|化|模式)",
    "长者(?:专版|版|模式)",
    "繁[体體](?:版)?",
    "简体(?:版)?",
    "(?:手机|移动)版",
    "English",
    "(?:网站|本站)?支持IP[Vv]6",
    "新媒体矩阵",
    "登录",
    "注册",
)
# Widget text (打印本页, 关闭窗口, 扫一扫…): a line made only of these is never article text.
# Regular-expression fragments.
WIDGET_TEXTS = (
    r"[【\[]?(?:我要)?打印(?:本页|此页|本文|此文|文章|正文)?[】\]]?",
    r"[【\[]?关闭(?:窗口|本页|此页)?[】\]]?",
    QR_WIDGET_LINE,
    r"[【\[]?收藏(?:本页|文章)?[】\]]?",
    # Navigation back from the article (返回, 返回列表, 【返回上一页】); 返回乡创业… is text.
    r"[【\[]?返回(?:顶部|列表|上页|上一页|栏目|首页)?[】\]]?",
    r"[【\[]?附件下载[】\]]?",
    "文件下载",
    "全真版",
    "文字版",
    # The share platforms' names (微信 微博 QQ空间 朋友圈) beside the share prompt.
    *SHARE_PLATFORMS,
    # Portal toolbars: accessibility and elderly modes, language, account, bookmarks.
    *SITE_TOGGLES,
    "退出长者模式",
    "个人中心",
    "RSS(?:订阅)?",
    "网站地图",
    "联系我们",
    # The article's own toolbar: a font-size group (字号：大 中 小, 【字体：A+ A A-】), the
    # share prompt and its QR code's word, each a widget beside the others on one line.
    r"[【\[]?\s*(?:文字大小|字体大小|字[体号])\s*[:：]?\s*[\[【(（]?"
    r"(?:\s*(?:[大中小]|[Aa][+＋\-－]?|T)\s*){3}[\]】)）]?\s*[】\]]?",
    # The share prompt: 分享到：, 分享至, 转发至:, 转载 (its platforms are widgets above).
    rf"{SHARE_WIDGET_WORD}(?:\s*[:：])?",
    # A search box's words (站内搜索, 高级检索, 请输入关键词 搜索): never the article's.
    r"请输入(?:关键[字词]|搜索内容|检索内容)?",
    r"(?:站内|高级|全文|全站)?(?:搜\s*索|检\s*索)",
    r"(?:账号|手机号?|用户名|邮箱)\+?密码登录",
    r"(?:短信)?验证码登录",
    "用户登录",
    "立即注册",
    r"还没有账号[?？]?",
    r"忘记密码[?？]?",
    # A read-aloud widget (语音播报 / 语音合成中，请耐心等待... / 进入播报模式).
    "语音播报",
    r"语音合成中[,，]?\s*请耐心等待[.。…]*",
    "(?:进入|退出)播报模式",
    "朗读",
    # A counter's word whose number the rendering lost (浏览 above a header grid).
    "浏览",
    # A detail page's tab bar (详细信息 / 公开具体内容) and closing widgets.
    "详细信息",
    "公开具体内容",
    "文件预览",
    "公众评价",
    "[|｜]",
)
# A column's caption printed before the breadcrumb on its line (工作动态 当前位置：首页>…,
# 通知公告 | 首页 > 通知公告): a short name, then a gap or a pipe.
CRUMB_CAPTION = rf"[{CJK}]{{1,8}}(?:\s+[|｜]?|[|｜])\s*"
# How a breadcrumb opens: a "where you are" label, or the home page and a step. One
# alternative each, so that each holds a literal (noticecli.parse.pattern_guard).
_CRUMB_STEP = r"(?:\s*(?:>|&gt;|＞|»|›|→|/|／)|\s+[-–—]+\s)"
CRUMB_OPENINGS = (
    rf"(?:您|当前|现在|所在)[{CJK}]{{0,5}}位置(?:是|为)?\s*[:：]",
    r"位置导航\s*[:：]",
    r"当前(?:页面|栏目)\s*[:：]",
    rf"(?:网站)?首页{_CRUMB_STEP}",
    rf"(?:网站)?主页{_CRUMB_STEP}",
)
# A link to more of a column (更多>>, +更多, MORE, more»): a column box's, beside its
# caption. Its words as printed, and the fragment matching the whole link text.
MORE_LINK_WORDS = ("更多", "MORE", "More", "more")
MORE_LINK = rf"[+＋]?\s*(?:{'|'.join(MORE_LINK_WORDS)})\s*[>＞»+＋]{{0,2}}"
# Whole lines of page furniture: font-size and share widgets, previous/next links,
# breadcrumbs, and footer lines (site codes, ICP and police registration, copyright).
# Regular-expression fragments, each matching the whole line.
# The longest footer line ending a sentence (版权所有 © 2024 某某市人民政府 保留所有权利。).
FOOTER_SENTENCE_MAX = 32
# The article's download buttons (下载Word, 【下载PDF】): a tool only beside another page
# tool on its line (请下载Word版申报表… is a sentence; 附件:… a list). Brackets as the page
# left them: lost or unbalanced (打印文章】, 【关闭窗口).
_DOWNLOAD_TOOL = r"[【\[]?\s*下载\s*(?:Word|WORD|word|PDF|pdf|Pdf|WPS|wps|文档|原文|全文)\s*[】\]]?"
_PAGE_TOOL = (
    rf"(?:{_DOWNLOAD_TOOL}|[【\[]?\s*(?:(?:我要)?打印(?:本页|此页|本文|此文|文章|正文)?"
    r"|关闭(?:窗口|本页|此页)?)\s*[】\]]?)"
)
FURNITURE_LINES = (
    # A row of page tools with a download button among them (【下载Word】 【下载PDF】打印文章】).
    rf"(?:{_PAGE_TOOL}\s*)+{_DOWNLOAD_TOOL}(?:\s*{_PAGE_TOOL})*",
    rf"{_DOWNLOAD_TOOL}(?:\s*{_PAGE_TOOL})+",
    # A rating widget's counter sentence (0位公众参与评价,0位公众认为信息有帮助。).
    r"\d+\s*位公众参与评价.*",
    r"字[体号][:：]?\s*【?[大中小]】?.*",
    r"[【\[]\s*字[体号][:：].*",
    # A font-size widget group, closed or cut by the store (【文字大小:, [选择阅读字号:大 中 小]).
    r"[【\[]\s*(?:文字大小|(?:选择)?阅读字[体号]|字体大小)\s*[:：].*",
    r"字[体号]\s*[:：]\s*[\[【(（].*",
    # The share prompt and whatever its icons left (分享到：新浪微博 人人网); 分享人：, 分享会 are
    # a field's and the text's.
    r"分享[到至]?(?:\s*[:：].*)?",
    # Widget labels whose controls left no text (字号: 分享:).
    r"(?:(?:字体大小|文字大小|字[体号]|打印|收藏)\s*[:：]\s*)+(?:分享到?[:：]?)?",
    SITE_GREETING_LINE,
    # A column box's caption and its link to more (通知公告 更多>>, 更多+): the box's, not text.
    # One alternative a word: each holds its word as a literal (noticecli.parse.pattern_guard).
    *(rf"(?:[{CJK}]{{2,10}}\s*)?[+＋]?\s*{word}\s*[>＞»+＋]{{0,2}}" for word in MORE_LINK_WORDS),
    r"上一篇[:：].*",
    r"下一篇[:：].*",
    r"相关链接[:：]?.*",
    r"友情链接[:：]?.*",
    # Any "where you are" label and what follows it, and a breadcrumb trail that starts at the
    # home page (首页 > 政务公开 > …, 首页 /政民互动 /…, 首页», 首页 - 新闻动态).
    # A where-label over other labels (当前栏目：通知公告  发布时间：…) opens a meta line: the
    # trail ends at the next label and the line is read as the page's meta line.
    rf"{WHERE_LABEL}(?:(?!\s{LABEL_SHAPE}\s*[:：]).)*",
    rf"(?:网站)?(?:首页|主页){_CRUMB_STEP}.*",
    # … and the same after a column's caption (工作动态 当前位置：首页>工作动态): no sentence.
    *(rf"{CRUMB_CAPTION}{opening}[^。！？；]*" for opening in CRUMB_OPENINGS),
    r".*网站标识码.*",
    r".*ICP备.*",
    r".*公网安备.*",
    # A copyright or sponsor line: a footer's, unless a sentence longer than a footer line
    # (版权所有人应当于…提交作品登记表，逾期不予受理。: the text's).
    rf"版权所有(?:[^。！？]*|.{{0,{FOOTER_SENTENCE_MAX - 4}}})",
    # The copyright line of a footer (Copyright © 2024 某某市人民政府 All Rights Reserved).
    r"(?:[Cc]opyright|COPYRIGHT|©)\s*(?:[©(]|\(C\)|\d{4}|[\u4e00-\u9fff]).*",
    rf"主办单位[:：](?:[^。！？]*|.{{0,{FOOTER_SENTENCE_MAX - 5}}})",
    r"今天是[:：]?.*",
    # A clock widget's label whose script left no time (当前时间:): never a field.
    r"(?:当前|现在)(?:时间|日期)\s*[:：]?",
    r"搜索热词[:：].*",
    r"视力保护色[:：]?.*",
    r"\d{1,2}px",
    # A font-size widget under any label (选择阅读字号:[ 大 中 小 ]).
    rf"[{CJK}]{{0,6}}字(?:[体号](?:大小)?|大小)\s*[:：]?\s*"
    r"(?:[\[【(（]?\s*[大中小]\s*[\]】)）]?\s*){3}[\]】]?",
    # A breadcrumb's continuation line (>工作动态>图片新闻 under 您的位置:首页).
    r"(?:>|&gt;|＞|»|›)\s*[^\s>＞»›]{1,20}(?:\s*(?:>|&gt;|＞|»|›)\s*[^\s>＞»›]{1,20})*\s*[>＞»›]?",
    # A vendor's credit closing a page (Produced By 大汉网络 大汉版通发布系统, Powered by …).
    r"(?i:(?:produced|powered|designed|developed)\s+by)\b.*",
    rf"[{CJK}A-Za-z]{{2,12}}(?:网络|科技|软件|信息|技术)\s+[{CJK}A-Za-z]{{0,16}}发布系统.*",
    r"(?:技术支持|网站建设|网站制作)\s*[:：].{0,30}(?:公司|网络|科技)",
    # The footer's support line and browser advice (技术支持电话:…, 网站支持IPV6 推荐使用1366*768
    # 或以上分辨率,… 浏览器): never a sentence, so no sentence end.
    r"技术支持(?:电话|热线)\s*[:：][^。！？]{0,40}",
    r"(?:网站|本站)支持IP[Vv]6[^。！？]{0,80}",
    r"(?:推荐|建议)(?:您)?使用[^。！？]{0,40}(?:分辨率|浏览器)[^。！？]{0,40}",
    # A letters page's rating form and captcha (满意度评价 / 满意度: 非常满意 满意 一般 不满意).
    r"满意度(?:评价)?[:：]?",
    r"(?:满意度[:：]?)?(?:\s*(?:非常满意|基本满意|满意|一般|不满意|非常不满意)){3,}",
    r"验证码[:：]?",
    # A pager inside the article (1 2 3 4 下一页, |<< 上一页 … >>|).
    r"(?=.*(?:上一页|下一页))(?:(?:首页|上一页|下一页|尾页|末页|\d{1,3}|[|<>«»]+)\s*){3,}",
)
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
# What a breadcrumb shows outside its links: a "where you are" label and the separators
# (当前位置：<a>首页</a> >> <a>通知公告</a>). A regular expression matching the whole text.
# Between a breadcrumb's links the label may be any short word before 位置 (位置：, 所处位置：), a
# wider bound than WHERE_LABEL's on purpose: the links already make the element a breadcrumb.
BREADCRUMB_TEXT = rf"(?:[{CJK}]{{0,6}}位置\s*[:：])?[\s>＞»›/／|｜\-–—]*"
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
# The labels of a site's contact lines in its footer (地址：… 邮编：…, 联系电话：… 邮箱：…). A
# notice prints them too: only beside the footer's own lines are they the site's.
CONTACT_LABELS = (
    r"(?:联系|通讯)?地址|联系电话|电话|邮编|邮政编码|(?:电子)?邮箱|传真"
    r"|[Ee]-?[Mm]ail|EMAIL|中文域名"  # a portal's footer: Email:…  中文域名:….政务
)
# What only a site's footer says (its credits, codes and copyright). Regular expression.
SITE_FOOTER_WORDS = r"技术支持|运维|ICP备|网站标识码|版权所有|公网安备|Copyright|©"
# Footer link rows (网站地图 | 联系我们 | …): a line made only of these words and separators.
FOOTER_LINK_WORDS = ("网站地图", "联系我们", "网站声明", "返回首页", "帮助")
FOOTER_LINK_WORDS_AFTER_FIRST = ("隐私声明", "English")  # seen after the first word only

# Labels that are widgets or link lists (字体：大 中 小, 附件：…), never header fields
# (compared as compact labels: no spaces or colons).
WIDGET_LABELS = frozenset(
    {
        "字体",
        "字号",
        "字体大小",
        "文字大小",
        "分享",
        "分享到",
        "分享至",
        "转发到",
        "转发至",
        "转载到",
        "转载至",
        "打印",
        "收藏",
        "扫一扫",
        "当前位置",
        "您当前的位置",
        "您的位置",
        "位置",
        "相关链接",
        "上一篇",
        "下一篇",
        "附件",
        "相关附件",
        "附件下载",
    }
)
# A widget sharing a value's row (李喆 【字体：大 中 小】): one of these words opened by a
# bracket or followed by a colon ends the value …
VALUE_WIDGET_LEADS = (
    "字体大小",
    "文字大小",
    "字体",
    "字号",
    "打印",
    "关闭窗口",
    "分享[到至]?",
    "转发到",
    "转发至",
    "转载到",
    "转载至",
    "收藏",
)
# … and so does a trailing run of two or more of these (微信 微博 QQ空间). Regular-expression
# fragments.
VALUE_WIDGET_WORDS = (
    "微信",
    "微博",
    "QQ空间",
    "打印",
    "全真版",
    "文字版",
    "文件下载",
    "分享",
    "收藏",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "相关链接[:：]?",
)
# … and so does one of these alone after a gap, or any run of widget words that is the whole
# value (作者:  语音阅读正文: the author not filled, the read-aloud button beside it).
VALUE_WIDGET_ALONE = (
    "关闭本页",
    "关闭窗口",
    "打印本页",
    "打印正文",
    QR_WIDGET_TEXT,
    # A share prompt closing the line without its colon (来源:某局 分享至).
    "分享[到至]?",
    "转发[到至]?",
    "转载[到至]?",
    "语音阅读正文",
    "语音播报",
    "语音朗读",
    "举报",
    "我要纠错",
    "纠错",
)

# … and so does one of these right after a value's last digit (时间:2024-09-20 收藏): a
# number or a date never goes on with a widget's word.
VALUE_WIDGET_AFTER_DATE = ("收藏", "打印", "分享", "关闭", "返回")
# … and so does one of these glued to a counter's or a date's value, or to the placeholder a
# counter shows before its script fills it (访问量:-字体, 浏览:123字体): the font widget's
# word. Never after a name's character: 来源:宋体字体 keeps it.
VALUE_WIDGET_AFTER_COUNTER = ("字体", "字号")
# … and so does one of these after a gap at the end of a meta line (浏览:0次  打印, 作者:王明
# 关闭): the line's last value, whatever it ends with, never goes on with a lone widget word.
VALUE_WIDGET_LINE_END = (*VALUE_WIDGET_AFTER_DATE, "顶部")

# … and so does a link offering more after the value (已结束 查看征集结果, 点击查看详情): a
# regular-expression fragment for the link's text.
VALUE_LINK_ACTION = rf"(?:点击)?查看[{CJK}]{{0,6}}"

# What a field shows before a script fills it (浏览次数：0, 浏览次数：0次, 发布人：--): no value.
# A counter's unit alone (浏览：<span></span>次) is the same: the number never came.
VALUE_PLACEHOLDERS = frozenset(
    {"0", "0次", "0人", "0人次", "次", "人次", "-", "--", "—", "——", "－", "－－"}
)
