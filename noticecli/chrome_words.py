"""Page chrome words: what a site prints around an article that is never the article.

The widgets inside an article (share, print, font size, QR code, read-aloud, search box),
a portal top bar's links and toggles, breadcrumbs, a column box's link to more, whole
furniture lines (page tools, copyright, registration codes, vendor credits), the site
footer's contact labels and link rows, and the widget words a header value's row may carry.
Data like :mod:`noticecli.knowledge` (words, regular-expression fragments), split from it
as one family. Who reads what:

=================================  =========================================================
``WIDGET_*``, ``FURNITURE_*``,     :mod:`noticecli.parse.body_container`,
``VALUE_WIDGET_*``                 :mod:`noticecli.parse.lines`, :mod:`noticecli.labels`
``MORE_LINK*``                     :mod:`noticecli.parse.listing`,
                                   :mod:`noticecli.parse.related_links`
``SITE_TOGGLES``,                  :mod:`noticecli.parse.lines` (in ``WIDGET_TEXTS``),
``TOP_BAR_LINKS``                  :mod:`noticecli.parse.text_furniture` (a date widget's
                                   toggles, where a glued top-bar piece starts)
``CONTACT_LABELS``,                :mod:`noticecli.parse.footer_contacts`,
``SITE_FOOTER_WORDS``              :mod:`noticecli.parse.text_edges`
=================================  =========================================================
"""

from __future__ import annotations

from noticecli.knowledge import CJK, LABEL_SHAPE, SITE_GREETING_LINE, WHERE_LABEL

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
    r"[【\[]?(?:我要)?打印(?:本页|此页|本文|此文|文章|正文|文本)?[】\]]?",
    r"[【\[]?关闭(?:窗口|本页|此页)?[】\]]?",
    QR_WIDGET_LINE,
    r"[【\[]?收藏(?:本页|文章)?[】\]]?",
    # The error-report button (我要纠错, 【纠错】); a sentence about 纠错 is text.
    r"[【\[]?(?:我要)?纠错[】\]]?",
    # The copy-link button (复制链接, 【复制链接】, its bracket unclosed when cut by the rendering).
    r"[【\[]?复制(?:本页)?(?:链接|网址)[】\]]?",
    # Navigation back from the article (返回, 返回列表, 【返回上一页】); 返回乡创业… is text.
    r"[【\[]?返回(?:顶部|列表|上页|上一页|栏目|首页)?[】\]]?",
    r"[【\[]?附件下载[】\]]?",
    "文件下载",
    # A download button's word alone (下载, 下 载 letter-spaced to its cell): never text.
    r"[【\[]?下\s?载[】\]]?",
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
    rf"(?:{_DOWNLOAD_TOOL}|[【\[]?\s*(?:(?:我要)?打印(?:本页|此页|本文|此文|文章|正文|文本)?"
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

# What a breadcrumb shows outside its links: a "where you are" label and the separators
# (当前位置：<a>首页</a> >> <a>通知公告</a>). A regular expression matching the whole text.
# Between a breadcrumb's links the label may be any short word before 位置 (位置：, 所处位置：), a
# wider bound than WHERE_LABEL's on purpose: the links already make the element a breadcrumb.
BREADCRUMB_TEXT = rf"(?:[{CJK}]{{0,6}}位置\s*[:：])?[\s>＞»›/／|｜\-–—]*"

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
