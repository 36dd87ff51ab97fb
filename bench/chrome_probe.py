"""Metamorphic probe: does one piece of site chrome of our own change what noticecli reads?

    python bench/chrome_probe.py DIR [DIR ...] [--show N]

For every page of each DIR that parses with a title (text renderings ``.txt``; HTML pages
``.html``/``.htm``/``.shtml`` that are not listings), each perturbation adds one chrome line
(text) or block (HTML) the page did not have: above the title or at the page's top, under
the title, or after the text / before ``</body>``. The page's reading (title, published_at,
the shown header and meta-line fields, first and last paragraph, attachments count, kind) is
compared with the reading of the page as it is; a perturbation "fails" on a page when any
of them changes. Printed: the failures of each perturbation, and with ``--show`` the first
pages of each with what changed.

A report, not a test (tests/test_chrome_metamorphic.py holds the text perturbations the
parser must survive). Some failures are right by design: a label line put over a real
header grid is read as the grid's first row.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import noticecli  # noqa: E402

Reading = dict[str, Any]
TextEdit = Callable[[list[str], int], list[str]]

TEXT_TOP = {
    "menu": "首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流",
    "access": "无障碍浏览 | 长者模式 | 繁体 | English",
    "search": "请输入关键字 搜索",
    "login": "登录 | 注册",
    "weather": "今天是2024年5月1日 星期三 晴 18~25℃",
    "greeting-colon": "欢迎光临本网站！今天是：",
    "breadcrumb": "您现在所在的位置：首页 > 新闻中心 > 通知公告",
    "bullet": "·",
    "hotline": "服务热线：12345",
    "site-name": "某某市人民政府门户网站",
    "font-size": "字体：[ 大 中 小 ]",
    "unknown-label": "专题专栏：",
    "date-widget": "2024年05月01日 星期三",
}
TEXT_UNDER_TITLE = {
    "dash": "-",
    "em-dash": "——",
    "dot": "·",
    "star": "*",
    "share": "分享到：",
    "font-widgets": "【字体：大 中 小】【打印】【关闭】",
}
TEXT_AFTER = {
    "footer": [
        "联系我们 | 网站地图 | 隐私声明",
        "主办单位：某某市人民政府办公室  承办：某某市大数据中心",
        "地址：某某市人民路1号 邮编：100000",
        "网站标识码：1234000001 京ICP备12345678号",
    ],
    "copyright": ["Copyright © 2024 某某市人民政府 All Rights Reserved"],
    "related": ["相关链接：", "关于做好防汛工作的通知", "关于开展安全检查的通知"],
    "prev-next": ["上一篇：关于做好防汛工作的通知", "下一篇：没有了"],
    "print": ["【打印本页】 【关闭窗口】"],
    "qr": ["扫一扫在手机打开当前页"],
}
HTML_TOP = {
    "greeting": '<div class="top"><span>欢迎访问某某市人民政府网站！今天是：</span>'
    '<span id="date"></span></div>',
    "hotline": '<div class="hd"><p>服务热线：12345</p></div>',
    "date-widget": '<div class="today">2024年05月01日 星期三</div>',
    "menu": '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
    '<li><a href="/hd/">互动交流</a></li><li><a href="/fw/">政务服务</a></li></ul>',
    "big-nav": "<div>" + "".join(f'<a href="/c{i}/">栏目{i}</a> ' for i in range(30)) + "</div>",
    "site-name-h1": "<h1>某某市人民政府</h1>",
    "search": '<form action="/search"><input name="q" placeholder="请输入关键字">'
    "<button>搜索</button></form>",
    "ticker": '<div class="gg"><span>通知公告：</span><a href="/a/1.html">'
    "关于做好2024年防汛工作的通知</a> <span>2024-04-28</span></div>",
}
HTML_END = {
    "footer": '<div class="footer"><p>主办单位：某某市人民政府办公室 承办单位：某某市大数据中心</p>'
    "<p>地址：某某市人民路1号 邮编：100000 电话：0123-1234567</p><p>网站标识码：1234000001 "
    '<a href="https://beian.miit.gov.cn">京ICP备12345678号</a></p></div>',
    "copyright": '<div class="ft">Copyright © 2024 某某市人民政府 All Rights Reserved</div>',
    "related": '<div class="xg"><h3>相关链接</h3><ul>'
    '<li><a href="/a/2.html">关于开展安全检查的通知</a><span>2024-03-01</span></li>'
    '<li><a href="/a/3.html">关于做好防汛工作的通知</a><span>2024-02-11</span></li>'
    '<li><a href="/a/4.html">关于组织人防宣传的通知</a><span>2024-01-21</span></li></ul></div>',
    "share": '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>'
    "<div>【打印本页】【关闭窗口】</div>",
    "qr": '<div><img src="/qr.png" alt="二维码"><p>扫一扫在手机打开当前页</p></div>',
}
_BODY_OPEN = re.compile(r"<body[^>]*>", re.IGNORECASE)


def reading(data: dict[str, Any]) -> Reading:
    paragraphs = [block["text"] for block in data["body"] if block["type"] == "paragraph"]
    return {
        "kind": data["kind"],
        "title": data["title"],
        "published_at": data["published_at"],
        "fields": sorted(
            (field["label"], str(field["value"]))
            for field in data["header"]
            if field["origin"] in ("header", "meta_line")
        ),
        "first": paragraphs[0] if paragraphs else None,
        "last": paragraphs[-1] if paragraphs else None,
        "attachments": len(data["attachments"]),
    }


def _title_line(lines: list[str], title: str) -> int | None:
    for index, line in enumerate(lines):
        shown = line.strip()
        if shown == title or (title in shown and len(shown) < len(title) + 6):
            return index
    return None


def _on_top(line: str) -> TextEdit:
    return lambda lines, _title: [line, *lines]


def _over_title(line: str) -> TextEdit:
    return lambda lines, title: [*lines[:title], "", line, "", *lines[title:]]


def _under_title(line: str) -> TextEdit:
    return lambda lines, title: [*lines[: title + 1], line, *lines[title + 1 :]]


def _after_text(added: list[str]) -> TextEdit:
    return lambda lines, _title: [*lines, *added]


def text_edits() -> dict[str, TextEdit]:
    edits: dict[str, TextEdit] = {}
    for name, line in TEXT_TOP.items():
        edits[f"top {name}"] = _on_top(line)
        edits[f"over title {name}"] = _over_title(line)
    edits.update({f"under title {n}": _under_title(line) for n, line in TEXT_UNDER_TITLE.items()})
    edits.update({f"after text {n}": _after_text(added) for n, added in TEXT_AFTER.items()})
    return edits


def html_edits() -> dict[str, Callable[[str], str]]:
    def top(block: str) -> Callable[[str], str]:
        def edit(html: str) -> str:
            match = _BODY_OPEN.search(html)
            return html[: match.end()] + block + html[match.end() :] if match else block + html

        return edit

    def end(block: str) -> Callable[[str], str]:
        def edit(html: str) -> str:
            at = html.lower().rfind("</body>")
            return html[:at] + block + html[at:] if at >= 0 else html + block

        return edit

    edits = {f"top {name}": top(block) for name, block in HTML_TOP.items()}
    edits.update({f"end {name}": end(block) for name, block in HTML_END.items()})
    return edits


def _read(path: Path) -> str | None:
    raw = path.read_bytes()
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def probe(paths: list[Path]) -> tuple[int, dict[str, list[tuple[str, Reading, Reading]]]]:
    failures: dict[str, list[tuple[str, Reading, Reading]]] = {}
    for name in [*(f"text: {e}" for e in text_edits()), *(f"html: {e}" for e in html_edits())]:
        failures[name] = []
    pages = 0
    for path in paths:
        source = _read(path)
        if source is None:
            continue
        if path.suffix == ".txt":
            base = reading(noticecli.parse_text(source).to_dict())
            lines = source.split("\n")
            title = _title_line(lines, base["title"]) if base["title"] else None
            if title is None:
                continue
            pages += 1
            for name, text_edit in text_edits().items():
                changed = reading(
                    noticecli.parse_text("\n".join(text_edit(lines, title))).to_dict()
                )
                if changed != base:
                    failures[f"text: {name}"].append((path.name, base, changed))
        else:
            base = reading(noticecli.parse_html(source).to_dict())
            if not base["title"] or base["kind"] == "listing":
                continue
            pages += 1
            for name, html_edit in html_edits().items():
                changed = reading(noticecli.parse_html(html_edit(source)).to_dict())
                if changed != base:
                    failures[f"html: {name}"].append((path.name, base, changed))
    return pages, failures


PAGE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".shtml"})


def pages_parser(description: str) -> argparse.ArgumentParser:
    """The command line of a chrome bench: the folders of pages, then its own options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("dirs", nargs="+", type=Path)
    return parser


def page_paths(prog: str, dirs: list[Path]) -> list[Path] | None:
    """The pages (text renderings and HTML) in each folder, in name order; ``None`` after a
    one-line error when one is not a folder."""
    paths: list[Path] = []
    for folder in dirs:
        if not folder.is_dir():
            print(f"{prog}: {folder}: not a folder", file=sys.stderr)
            return None
        paths += sorted(p for p in folder.iterdir() if p.suffix in PAGE_SUFFIXES and p.is_file())
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = pages_parser(__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="pages shown per perturbation")
    args = parser.parse_args(argv)
    paths = page_paths("chrome_probe", args.dirs)
    if paths is None:
        return 1
    pages, failures = probe(paths)
    print(f"{pages} pages with a title")
    for name, failed in failures.items():
        print(f"{len(failed):4d}  {name}")
        for page, base, changed in failed[: args.show]:
            keys = [key for key in base if base[key] != changed[key]]
            shown = "; ".join(
                f"{k}: {str(base[k])[:40]!r} -> {str(changed[k])[:40]!r}" for k in keys
            )
            print(f"        {page[:50]}  {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
