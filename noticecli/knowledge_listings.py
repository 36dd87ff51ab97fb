"""The table of listing knowledge: what we know about the lists, pagers and list data of
disclosure sites (the listing half of :mod:`noticecli.knowledge`, kept apart so each table
stays one screenful of one subject).

Entries are data, as in :mod:`noticecli.knowledge`: words, names and regular-expression
fragments that :mod:`noticecli.parse.listing` and its helpers join and compile. None is
needed for a list to be found: each is a fast path or a filter in front of the rules that
read evidence in the page (repeated link rows, dates beside links, pager links).
"""

from __future__ import annotations

# Elements whose lists are navigation or page furniture, never items.
NAV_TAGS = frozenset({"nav", "header", "footer", "aside"})
# class/id words of navigation, menus, headers, footers, sidebars and link groups: a list
# inside them is not a list of notices. Regular-expression fragments, matched as a whole
# word of the attribute (between -, _, a digit or the ends), case-insensitive.
NAV_CLASS_WORDS = (
    "navs?",
    "navbar",
    "(?:sub|left|top|main|side|site)nav",
    "menus?",
    "foot",
    "footer",
    "header",
    "breadcrumbs?",
    "crumbs?",
    "daohang",  # 导航
    "sidebar",
    "yqlj",  # 友情链接
    "friend(?:ly)?-?links?",
    "flinks?",
)
# Headings of link groups that are never items (a 友情链接 table under the list).
LINK_GROUP_HEADINGS = (
    "友情链接",
    "相关链接",
    "相关网站",
    "网站导航",
    "快速导航",
    "站点导航",
    "部门网站",
    "政府网站",
    "县区网站",
)
# Captions of a list of links to other articles printed under a notice (相关文章：, 推荐阅读):
# the caption and its list are no body text.
RELATED_LINK_HEADINGS = (
    *LINK_GROUP_HEADINGS,
    "相关文章",
    "相关阅读",
    "相关新闻",
    "相关信息",
    "相关推荐",
    "推荐阅读",
    "延伸阅读",
    "热点推荐",
    "往期回顾",
)
# URL shapes of article pages on the common CMSes: TRS t20200805_1, Hanweb art_1_2,
# content_1, a YYYYMM or YYYY-MM folder, a long numeric file name. Regular-expression
# fragments, case-insensitive.
ARTICLE_URL_SHAPES = (
    r"t\d{8}_\d+",
    r"art_\d+_\d+",
    r"content_\d+",
    r"/20\d{2}[01]\d/",
    r"/20\d{2}-\d{2}/",
    r"/\d{6,}\.s?html?\b",
)
# Link texts that lead to more of a list or to a file, not to a notice of that title.
MORE_LINK_TEXTS = frozenset(
    {"更多", "更多>>", "more", "详细", "详情", "查看", "查看详情", ">>", "»", "下载", "更多+"}
)
# Pager link texts (compared lower-cased).
PAGER_NEXT_TEXTS = frozenset(
    {"下一页", "下页", "后一页", "next", "next page", ">", "›", "»", "下一页>", "下一页>>"}
)
PAGER_LAST_TEXTS = frozenset({"尾页", "末页", "最后一页", "最末页", "last", "尾页>>", ">|"})
PAGER_FIRST_TEXTS = frozenset({"首页", "第一页", "first", "<<首页", "|<"})
PAGER_PREV_TEXTS = frozenset({"上一页", "上页", "前一页", "prev", "previous", "<", "‹", "«"})
# A page count as pagers print it: 共 3 页, 共28条 3页, 共28条记录 每页10条 共3页, 第1页/共3页,
# 页次：1/3, 1/3页, [1/3]. Regular expressions; the named groups are the page count
# ``count`` and, when printed, the current page ``page``.
PAGE_COUNT_TEXTS = (
    r"第\s*(?P<page>\d+)\s*页\s*[/／,，]?\s*共\s*(?P<count>\d+)\s*页",
    r"共\s*(?:计|有)?\s*(?P<count>\d+)\s*页",
    r"共\s*\d+\s*条(?:记录|信息|数据)?[^\d页]{0,12}?(?P<count>\d+)\s*页",
    r"(?:页次|页码|当前页)?[:：]?\s*[\[【]?\s*(?P<page>\d+)\s*[/／]\s*(?P<count>\d+)\s*页?\s*[\]】]?",
)
# Pager scripts. Names (compared lower-cased) of script variables and object properties
# that hold the page count, the current page, the record count and the page size.
PAGER_COUNT_NAMES = (
    "countpage",
    "pagecount",
    "totalpage",
    "totalpages",
    "pagetotal",
    "pagesum",
    "maxpage",
    "page_count",
    "totalpagenum",
    "allpage",
)
PAGER_CURRENT_NAMES = ("currentpage", "curpage", "nowpage", "pageindex", "pageno", "curr")
PAGER_RECORD_NAMES = (
    "totalrecord",
    "totalrecords",
    "totalcount",
    "recordcount",
    "totalnum",
    "totaldata",
    "totalnumber",
)
PAGER_SIZE_NAMES = ("perpage", "pagesize", "page_size", "perpagenum", "limit", "showdata")
# Pager scripts whose current page counts from 0 (TRS WCM writes index.html, index_1.html
# for page 2 …): a comment or name of theirs in the script. Regular-expression fragments.
PAGER_ZERO_BASED = (r"从0开始", r"\bcountPage\b", r"\bcreatePageHTML\b")
# The pages of a TRS column after index.html, when its pager script does not spell them.
TRS_PAGE_NAMING = "index_{n}.html"
# Hidden inputs (id or name, lower-cased) that list-loading scripts page with.
PAGER_INPUT_NAMES = frozenset({"page", "pagesize", "pageno", "pagenum", "currentpage", "pageindex"})
# Script file names that load a list (xxgkPage.js, page_list.js), not any pager helper:
# article pages load trs_common_pages.js too. Regular-expression fragments.
LIST_SCRIPT_NAMES = ("list", "xxgkpage")
# Calls in inline scripts that fill a list from the server. Regular-expression fragments.
LIST_LOADER_CALLS = (
    r"\bloadPageData\s*\(",
    r"\.jpage\s*\(",
    r"\$\.(?:ajax|getJSON|post)\s*\(",
)
# Lists of articles in script data (JSON or JavaScript object literals): the keys of an
# entry's title, address and date, tried in this order (compared lower-cased).
LIST_DATA_TITLE_KEYS = ("title", "doctitle", "name", "bt", "biaoti", "subject")
LIST_DATA_URL_KEYS = ("url", "link", "href", "docurl", "docpuburl", "pcurl", "linkurl", "path")
LIST_DATA_DATE_KEYS = (
    "pubdate",
    "publishdate",
    "publishtime",
    "pubtime",
    "docreltime",
    "docpubtime",
    "releasedate",
    "createtime",
    "date",
    "time",
    "docdate",
    "fbrq",  # 发布日期
)
# Labels a list row may print before its date (发布日期：2024-09-10, 发稿：…). A regular
# expression: the label without its colon.
LIST_DATE_LABEL = r"(?:发布|更新|成文|发文|生成|公开|印发)?(?:日期|时间)|发稿|发表|发布于|更新于"
# Heads of a list table (名称 … 发布日期). Regular expressions: the title head matches a
# whole cell, the date head any part of one; the publication-date head picks the column
# of a row that shows several dates.
LIST_HEAD_TITLE = r"^(?:名\s*称|标\s*题|文件名称|信息名称|主题)$"
LIST_HEAD_DATE = r"日\s*期|时\s*间"
PUBLISHED_HEAD = r"发\s*布|公\s*开\s*日|上\s*网"
