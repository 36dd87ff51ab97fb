"""A grammar of site chrome: does any WORDING of a chrome line change what noticecli reads?

    python bench/chrome_grammar.py DIR [DIR ...] [--per-family N] [--pages K] [--seed S]
                                   [--show N]

bench/chrome_probe.py puts one fixed wording of each kind of chrome into every page; a
site whose greeting says 欢迎进入 where the probe says 欢迎访问 is not tried. Here each kind
of chrome is a small grammar built from the vocabulary families real portals use
(greetings, breadcrumbs, top rows of furniture, date widgets, font/print/share widgets,
column boxes, hotlines, search prompts, footers), rendered as a text line and as an HTML
block. A bounded, seeded sample of each family's variants (``--per-family``) is put into
``--pages`` pages drawn (seeded) from the folders, each where that chrome stands on real
pages (above the title, under it, after the text); a variant fails when the reading of any
of its pages changes (bench/chrome_probe.py's reading). Printed per family: the variants
sampled, those that failed, and with ``--show`` the failing variants with a page and what
changed.

A report, not a test: tests/test_chrome_grammar.py runs a smaller sample over a few
fixtures. Label-shaped chrome (服务热线：12345) right over a header grid is read as the
grid's first row by design (a header-first dump), so the hotline family is tried only on
pages without one.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import chrome_probe

import noticecli

Rng = random.Random

# --- Vocabulary families --------------------------------------------------------------------

PLACES = (
    "岚溪县",
    "汀北市",
    "某某市人民政府",
    "岚山区人民防空办公室",
    "中国汀州",
    "岚溪县国防动员",
)
SITE_ENDINGS = ("网", "网站", "门户", "门户网站", "政府网", "信息网", "平台", "官网")
GREETING_OPENERS = ("欢迎", "欢迎您", "您好，欢迎", "您好!欢迎")
GREETING_VERBS = ("进入", "访问", "来到", "光临", "浏览", "登录", "使用")
EXCLAIMS = ("!", "！", "。", "~", "")
# Account and reading-mode links a greeting's line carries, bracketed or split by pipes.
ACCOUNT_LINKS = (
    " [登录]",
    " [登录] [注册]",
    "[登录][注册]",
    " 【登录】",
    " [无障碍]",
    " [English]",
    " [繁体]",
    " | 登录 | 注册",
)
# An empty clock widget's label under the greeting (its script left no time).
CLOCK_LABELS = ("当前时间:", "当前时间：", "今天是:", "当前日期：")
WEEKDAYS = ("星期三", "周三", "礼拜三")
LUNAR = ("农历甲辰年三月廿三", "农历三月廿三", "甲辰年 三月廿三")
WEATHER = ("晴 18~25℃", "多云转阴 15℃~22℃", "小雨 12-18℃", "晴")
WHERE_PREFIXES = (
    "当前位置",
    "您的位置",
    "您现在的位置",
    "您当前所在的位置是",
    "您当前所在的位置为",
    "您现在所在位置",
    "所在位置",
    "位置导航",
    "当前页面",
)
CRUMB_SEPARATORS = (">", "»", "/", "→", "-", "＞", "›", ">>")
COLUMNS = ("新闻中心", "通知公告", "政务公开", "工作动态", "人防动态", "信息公开", "部门动态")
TOP_ROW_WORDS = (
    "设为首页",
    "设为主页",
    "加入收藏",
    "收藏本站",
    "无障碍",
    "无障碍浏览",
    "长者模式",
    "关怀版",
    "繁体",
    "繁體",
    "简体",
    "English",
    "手机版",
    "微信",
    "微博",
    "登录",
    "注册",
    "网站地图",
    "联系我们",
    "RSS订阅",
)
ROW_JOINERS = (" ", "  ", " | ", "|", " ｜ ", " · ", "·", " / ")
FONT_WIDGETS = (
    "字号：大 中 小",
    "【字体：大 中 小】",
    "字体：[ 大 中 小 ]",
    "【字号 大 中 小】",
    "文字大小：大 中 小",
    "字号：T T T",
)
PAGE_WIDGETS = (
    "【打印】",
    "【关闭】",
    "【打印本页】",
    "【关闭窗口】",
    "[打印]",
    "[关闭]",
    "打印",
    "关闭",
    "分享到：",
    "分享到：微信 微博",
    "扫一扫",
    "扫一扫在手机打开当前页",
    "扫一扫在手机打开网页",
    "手机扫一扫打开网页",
    "扫码阅读本文",
    "扫描二维码查看本页",
    "收藏",
    "【收藏】",
    "分享至：",
    "分享至：微信 朋友圈 QQ空间",
    "转发到：",
    "转载",
)
MORE_LINKS = ("更多>", "更多>>", "更多+", "更多 >>", "more>>", "+更多", "MORE")
HOTLINES = (
    "服务热线：12345",
    "政务服务热线：12345",
    "值班电话：0591-12345678",
    "咨询电话：0591-12345678",
    "人防热线：96119",
    "服务热线:12345 传真:0591-12345679",
)
SEARCH_PROMPTS = (
    "请输入关键字",
    "请输入关键词",
    "请输入搜索内容",
    "站内搜索",
    "搜索",
    "高级搜索",
    "全文检索",
)
FOOTER_LINES = (
    "主办单位：岚溪县人民政府办公室 承办单位：岚溪县大数据中心",
    "主办：岚溪县人民政府办公室 承办：岚溪县大数据中心",
    "版权所有：岚溪县人民政府",
    "版权所有 © 2024 岚溪县人民政府 保留所有权利",
    "网站标识码：3501230001",
    "闽ICP备12345678号-1",
    "闽公网安备 35012302000123号",
    "技术支持：岚溪县信息科技有限公司",
    "联系我们 | 网站地图 | 隐私声明",
    "地址：岚溪县人民路1号 邮编：350100",
    "联系电话：0591-12345678 邮箱：lx@example.gov.cn",
    "建议使用1366*768以上分辨率浏览本网站",
)


@dataclass(frozen=True)
class Variant:
    """One wording of one family's chrome: its text lines, its HTML block, where it stands."""

    family: str
    lines: tuple[str, ...]
    html: str
    place: str  # "top" (over the article), "under" (under the title), "end" (after the text)


def _date(rng: Rng) -> str:
    return rng.choice(("2024年5月1日", "2024年05月01日", "2024-05-01", "2024/5/1", "2024.05.01"))


def date_widget(rng: Rng) -> str:
    """A date widget of a portal's top bar: a date, its weekday, maybe lunar and weather."""
    parts = [_date(rng), rng.choice(WEEKDAYS)]
    if rng.random() < 0.3:
        parts.append(rng.choice(LUNAR))
    if rng.random() < 0.3:
        parts.append(rng.choice(WEATHER))
    widget = " ".join(parts)
    return rng.choice(("", "今天是", "今天是：", "今天是:")) + widget


def site_name(rng: Rng) -> str:
    return rng.choice(PLACES) + rng.choice(SITE_ENDINGS)


def greeting(rng: Rng) -> Variant:
    opener = rng.choice(GREETING_OPENERS)
    site = rng.choice((site_name(rng), "本网站", "本站"))
    line = opener + rng.choice(GREETING_VERBS) + site + rng.choice(EXCLAIMS)
    glue = rng.random()
    if glue < 0.25:
        line += date_widget(rng)
    elif glue < 0.5:
        line += " " + rng.choice(("今天是", "今天是：")) + _date(rng) + " " + rng.choice(WEEKDAYS)
    elif glue < 0.6:
        line += "今天是："
    elif glue < 0.8:
        line += rng.choice(ACCOUNT_LINKS)
    lines = (line, rng.choice(CLOCK_LABELS)) if rng.random() < 0.3 else (line,)
    html = "".join(f'<div class="top"><span>{one}</span></div>' for one in lines)
    return Variant("greeting", lines, html, "top")


def breadcrumb(rng: Rng) -> Variant:
    prefix = rng.choice(WHERE_PREFIXES) + rng.choice(("：", ":", "： "))
    separator = rng.choice(CRUMB_SEPARATORS)
    joiner = rng.choice((separator, f" {separator} "))
    trail = rng.sample(COLUMNS, rng.randint(1, 3))
    if rng.random() < 0.7:
        trail.insert(0, "首页")
    line = prefix + joiner.join(trail)
    # The column's caption before the breadcrumb on its line (工作动态 当前位置：首页>…).
    caption = rng.choice(COLUMNS) + rng.choice((" ", "  ", " | ")) if rng.random() < 0.3 else ""
    line = caption + line
    html_separator = joiner.replace(">", "&gt;")
    links = html_separator.join(f'<a href="/c{i}/">{word}</a>' for i, word in enumerate(trail))
    where = rng.choice(("wz", "position", "dqwz", "loc"))
    html = f'<div class="{where}">{caption}{prefix}{links}</div>'
    return Variant("breadcrumb", (line,), html, "top")


def top_row(rng: Rng) -> Variant:
    words = rng.sample(TOP_ROW_WORDS, rng.randint(2, 6))
    joiner = rng.choice(ROW_JOINERS)
    line = joiner.join(words)
    html_links = joiner.join(f'<a href="/x{i}/">{word}</a>' for i, word in enumerate(words))
    if rng.random() < 0.4:
        widget = date_widget(rng)
        line = widget + rng.choice((" ", "  ", "")) + line
        html_links = f"<span>{widget}</span> " + html_links
    return Variant("top-row", (line,), f'<div class="topbar">{html_links}</div>', "top")


def date_line(rng: Rng) -> Variant:
    line = date_widget(rng)
    lines = [line]
    if rng.random() < 0.3:
        lines.append(rng.choice(LUNAR))
    if rng.random() < 0.3:
        # On a line of its own, the weather with its temperature: a lone 晴 is no evidence.
        lines.append(rng.choice([weather for weather in WEATHER if "℃" in weather]))
    html = "".join(f'<div class="date">{one}</div>' for one in lines)
    return Variant("date-widget", tuple(lines), html, "top")


def page_widgets(rng: Rng) -> Variant:
    pieces = rng.sample(PAGE_WIDGETS, rng.randint(1, 3))
    if rng.random() < 0.5:
        pieces.insert(0, rng.choice(FONT_WIDGETS))
    line = rng.choice((" ", "  ", "")).join(pieces)
    place = rng.choice(("under", "end"))
    html = f'<div class="tools">{" ".join(f"<span>{p}</span>" for p in pieces)}</div>'
    return Variant("widgets", (line,), html, place)


# Three dated items, as a column box or a short list shows them.
DATED_ITEMS = "".join(
    f'<li><a href="/a/{i}.html">关于做好第{i}批人防工程检查的通知</a>'
    f"<span>2024-0{i}-1{i}</span></li>"
    for i in range(1, 4)
)


def column_box_html(column: str, more: str) -> str:
    """A column's box: its caption and link to more (``more``) over its dated items."""
    return (
        f'<div class="box"><div class="hd"><span>{column}</span><a href="/more/">{more}</a>'
        f"</div><ul>{DATED_ITEMS}</ul></div>"
    )


def column_box(rng: Rng) -> Variant:
    column = rng.choice(COLUMNS)
    more = rng.choice(MORE_LINKS)
    line = column + rng.choice((" ", "  ", "")) + more
    html = column_box_html(column, more)
    return Variant("column-box", (line,), html, rng.choice(("top", "end")))


def hotline(rng: Rng) -> Variant:
    line = rng.choice(HOTLINES)
    return Variant("hotline", (line,), f'<div class="hd"><p>{line}</p></div>', "top")


def search_prompt(rng: Rng) -> Variant:
    prompt = rng.choice(SEARCH_PROMPTS)
    words = [prompt]
    if prompt.startswith("请输入"):
        words.append(rng.choice(("搜索", "搜 索", "检索", "")))
    if rng.random() < 0.3:
        words.append("高级搜索")
    line = " ".join(word for word in words if word)
    html = (
        f'<form action="/search"><input name="q" placeholder="{prompt}">'
        f"<button>{words[1] if len(words) > 1 and words[1] else '搜索'}</button></form>"
    )
    return Variant("search", (line,), html, "top")


# What only a site's footer shows: a footer has one at least. Contact and sponsor lines alone
# after the text may be the notice's own (联系电话：…, an event's 主办：…) and are not chrome.
FOOTER_ANCHORS = ("版权所有", "网站标识码", "ICP备", "公网安备", "技术支持")
CONTACT_STARTS = ("地址", "联系电话")


def footer(rng: Rng) -> Variant:
    anchors = [line for line in FOOTER_LINES if any(word in line for word in FOOTER_ANCHORS)]
    others = [line for line in FOOTER_LINES if line not in anchors]
    chosen = [rng.choice(anchors), *rng.sample(others, rng.randint(0, 3))]
    rng.shuffle(chosen)
    html = '<div class="ft">' + "".join(f"<p>{line}</p>" for line in chosen) + "</div>"
    # A text rendering shows no element: contact lines right under a text that has not
    # ended (no 特此通知, signature or date) may be the notice's own and stay, so there the
    # footer's contact lines follow its first anchor line.
    first = next(i for i, line in enumerate(chosen) if line in anchors)
    leading = [line for line in chosen[:first] if line.startswith(CONTACT_STARTS)]
    rest = [line for line in chosen if line not in leading]
    at = rest.index(chosen[first]) + 1
    return Variant("footer", (*rest[:at], *leading, *rest[at:]), html, "end")


FAMILIES: dict[str, Callable[[Rng], Variant]] = {
    "greeting": greeting,
    "breadcrumb": breadcrumb,
    "top-row": top_row,
    "date-widget": date_line,
    "widgets": page_widgets,
    "column-box": column_box,
    "hotline": hotline,
    "search": search_prompt,
    "footer": footer,
}
LABEL_SHAPED = frozenset({"hotline"})


def sample(per_family: int, seed: int) -> Iterator[Variant]:
    """``per_family`` distinct variants of each family, the same for the same seed."""
    rng = random.Random(seed)
    for make in FAMILIES.values():
        seen: set[tuple[tuple[str, ...], str]] = set()
        for _attempt in range(per_family * 20):
            variant = make(rng)
            if (variant.lines, variant.place) in seen:
                continue
            seen.add((variant.lines, variant.place))
            yield variant
            if len(seen) == per_family:
                break


# --- Putting a variant into a page ----------------------------------------------------------


_HEADING_END = re.compile(r"</h[12]\s*>", re.IGNORECASE)


def in_text(variant: Variant, lines: list[str], title: int) -> list[str]:
    added = list(variant.lines)
    if variant.place == "top":
        return [*added, *lines]
    if variant.place == "under":
        return [*lines[: title + 1], *added, *lines[title + 1 :]]
    return [*lines, *added]


def in_html(variant: Variant, html: str) -> str:
    if variant.place == "top":
        match = chrome_probe._BODY_OPEN.search(html)
        at = match.end() if match else 0
        return html[:at] + variant.html + html[at:]
    at = html.lower().rfind("</body>")
    at = at if at >= 0 else len(html)
    heading = _HEADING_END.search(html)
    if variant.place == "under" and heading:  # after the first heading (the title's, mostly)
        at = heading.end()
    return html[:at] + variant.html + html[at:]


@dataclass
class Page:
    name: str
    source: str
    is_text: bool
    base: chrome_probe.Reading
    title_line: int
    has_grid: bool


def load_pages(paths: list[Path]) -> list[Page]:
    pages = []
    for path in paths:
        source = chrome_probe._read(path)
        if source is None:
            continue
        if path.suffix == ".txt":
            data = noticecli.parse_text(source).to_dict()
            base = chrome_probe.reading(data)
            title = chrome_probe._title_line(source.split("\n"), base["title"] or "\0")
            if title is None:
                continue
            pages.append(Page(path.name, source, True, base, title, _has_grid(data)))
        else:
            data = noticecli.parse_html(source).to_dict()
            base = chrome_probe.reading(data)
            if not base["title"] or base["kind"] == "listing":
                continue
            pages.append(Page(path.name, source, False, base, 0, _has_grid(data)))
    return pages


def _has_grid(data: dict[str, object]) -> bool:
    header = data["header"]
    assert isinstance(header, list)
    return any(field["origin"] == "header" for field in header)


def read_with(variant: Variant, page: Page) -> chrome_probe.Reading:
    if page.is_text:
        lines = in_text(variant, page.source.split("\n"), page.title_line)
        return chrome_probe.reading(noticecli.parse_text("\n".join(lines)).to_dict())
    return chrome_probe.reading(noticecli.parse_html(in_html(variant, page.source)).to_dict())


Failure = tuple[Variant, str, chrome_probe.Reading, chrome_probe.Reading]


def run(
    pages: list[Page], per_family: int, per_variant: int, seed: int
) -> tuple[dict[str, int], list[Failure]]:
    """Each sampled variant on ``per_variant`` pages (text and HTML alike, drawn seeded);
    returns the variants sampled per family and the first failing page of each variant."""
    rng = random.Random(seed + 1)
    counts: dict[str, int] = dict.fromkeys(FAMILIES, 0)
    failures: list[Failure] = []
    for variant in sample(per_family, seed):
        counts[variant.family] += 1
        pool = [page for page in pages if not (variant.family in LABEL_SHAPED and page.has_grid)]
        for page in rng.sample(pool, min(per_variant, len(pool))):
            changed = read_with(variant, page)
            if changed != page.base:
                failures.append((variant, page.name, page.base, changed))
                break
    return counts, failures


def main(argv: list[str] | None = None) -> int:
    parser = chrome_probe.pages_parser(__doc__.split("\n")[0])
    parser.add_argument("--per-family", type=int, default=40, help="variants per family")
    parser.add_argument("--pages", type=int, default=12, help="pages each variant is put in")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--show", type=int, default=0, help="failing variants shown per family")
    args = parser.parse_args(argv)
    paths = chrome_probe.page_paths("chrome_grammar", args.dirs)
    if paths is None:
        return 1
    pages = load_pages(paths)
    counts, failures = run(pages, args.per_family, args.pages, args.seed)
    print(f"{len(pages)} pages with a title; {sum(counts.values())} variants, seed {args.seed}")
    for family, count in counts.items():
        failed = [failure for failure in failures if failure[0].family == family]
        print(f"{len(failed):4d} / {count:3d}  {family}")
        for variant, page, base, changed in failed[: args.show]:
            keys = [key for key in base if base[key] != changed[key]]
            shown = "; ".join(
                f"{k}: {str(base[k])[:30]!r} -> {str(changed[k])[:30]!r}" for k in keys
            )
            where = "html" if page.endswith(("html", "htm")) else "text"
            print(f"        [{variant.place} {where}] {' / '.join(variant.lines)[:70]}")
            print(f"            {page[:48]}  {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
