"""A small disclosure site served by tests/server.py: TRS-style listing pages and notice
pages made from our fixture templates, each with an ETag of its content, so that a crawler
sees exactly what it would on a real site and conditional requests are answered 304.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from tests.conftest import PAGES
from tests.server import Reply, TestServer

PER_PAGE = 10
# Notice templates: our fixture pages, each with its title and first paragraph swapped.
TEMPLATES = (
    (
        "02_handan-style_p-strong-header.html",
        "滏川市人民防空办公室关于2024年全市防空警报试鸣的通告",
    ),
    (
        "03_pingtan-style_ul-li-font-header.html",
        "澜岛综合实验区国防动员办公室关于印发《澜岛综合实验区人民防空工程平时使用管理办法》的通知",
    ),
    (
        "04_govcn-style_bd1-table.html",
        "江澜省人民防空办公室关于公布2024年度人防工程防护设备生产安装企业名单的公告",
    ),
    ("09_no-header-block.html", "市民防局开展人防工程安全隐患排查专项行动"),
    ("13_span-pairs-header.html", "沧澜市民防局关于2024年上半年人防专业队伍建设考核情况的通报"),
)


@dataclass
class MiniSite:
    server: TestServer
    count: int = 32
    latency: float = 0.0  # seconds each page takes to answer
    titles: dict[int, str] = field(default_factory=dict)
    bodies: dict[int, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for number in range(1, self.count + 1):
            self._set_notice(number, self._make_notice(number))
        self.publish_listings()

    # --- what a test changes ---

    def edit_notice(self, number: int, old: str, new: str) -> None:
        """Change a notice's text (its ETag changes with it)."""
        self._set_notice(number, self.bodies[number].replace(old.encode(), new.encode()))

    def add_notice(self) -> int:
        """A new notice at the top of listing page 1."""
        self.count += 1
        self._set_notice(self.count, self._make_notice(self.count))
        self.publish_listings()
        return self.count

    def break_listing(self, page: int) -> None:
        self.server.route(self.listing_path(page), Reply(status=500))

    # --- URLs ---

    def listing_url(self) -> str:
        return self.server.url(self.listing_path(0))

    @staticmethod
    def listing_path(page: int) -> str:
        return "/xxgk/tzgg/index.html" if page == 0 else f"/xxgk/tzgg/index_{page}.html"

    @staticmethod
    def notice_path(number: int) -> str:
        return f"/xxgk/tzgg/202411/t20241105_{100000 + number}.html"

    def notice_url(self, number: int) -> str:
        return self.server.url(self.notice_path(number))

    def sites_toml(self, name: str = "minisite", *, delay: float = 0, **extra: object) -> str:
        lines = [
            "[[site]]",
            f'name = "{name}"',
            f'listing = ["{self.listing_url()}"]',
            "max_pages = 10",
            f"delay = {delay:g}",
        ]
        lines += [f"{key} = {value!r}".replace("'", '"') for key, value in extra.items()]
        return "\n".join(lines) + "\n"

    # --- building pages ---

    def _make_notice(self, number: int) -> bytes:
        template, title = TEMPLATES[number % len(TEMPLATES)]
        html = (PAGES / template).read_text("utf-8")
        own_title = f"关于第{number}批人防工程检查情况的通报"
        self.titles[number] = own_title
        html = html.replace(title, own_title)
        return html.encode("utf-8")

    def _set_notice(self, number: int, body: bytes) -> None:
        self.bodies[number] = body
        self.server.route(self.notice_path(number), _page(body, self.latency))

    def publish_listings(self) -> None:
        numbers = list(range(self.count, 0, -1))  # newest first
        pages = [numbers[i : i + PER_PAGE] for i in range(0, len(numbers), PER_PAGE)]
        for index, chunk in enumerate(pages):
            rows = "\n".join(
                f'<tr><td><a href="./202411/t20241105_{100000 + n}.html" title="{self.titles[n]}">'
                f"{self.titles[n]}</a></td><td>2024-11-{1 + n % 28:02d}</td></tr>"
                for n in chunk
            )
            html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>通知公告_市人民防空办公室</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/xxgk/">信息公开</a></div>
<table class="gl_list">{rows}</table>
<div class="page"><script>
var currentPage = {index};
var countPage = {len(pages)};
createPageHTML(countPage, currentPage, "index", "html");
</script></div>
<div class="footer">网站标识码：3401000001 皖ICP备00000000号</div>
</body></html>"""
            self.server.route(self.listing_path(index), _page(html.encode("utf-8"), self.latency))


def _page(body: bytes, latency: float = 0.0) -> Reply:
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    return Reply(
        body=body,
        headers={"Content-Type": "text/html; charset=utf-8"},
        etag=etag,
        delay=latency,
    )
