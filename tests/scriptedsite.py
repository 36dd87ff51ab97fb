"""A disclosure site that needs a browser, served by tests/server.py on a loopback address:
its column list is filled by a script from a JSON endpoint on the same server, and its
notice pages stand behind a cookie-setting challenge (a script sets the cookie and reloads;
without it the server answers 412). Used by the render tests and bench/render_bench.py.

The list page also asks for things a crawler must not fetch: a script on a private address
(``10.0.0.1``, refused by its literal before any connection), one on another loopback
address (``other``: a second server whose log must stay empty), and a JSON file robots.txt
disallows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from tests.conftest import PAGES
from tests.minisite import TEMPLATES
from tests.server import Reply, TestServer

HTML = {"Content-Type": "text/html; charset=utf-8"}
COOKIE = "zwgk_verify=passed"
LIST_PATH = "/xxgk/tzgg/index.html"
DATA_PATH = "/xxgk/tzgg/list.json"
SCRIPT_PATH = "/js/column-list.js"
CHALLENGE = (
    b"<!DOCTYPE html><html><head><meta charset='utf-8'><script>"
    b"document.cookie='" + COOKIE.encode() + b"; path=/';location.reload();"
    b"</script></head><body></body></html>"
)
LIST_SCRIPT = b"""
fetch('/xxgk/tzgg/list.json').then(function (r) { return r.json(); }).then(function (data) {
  var list = document.getElementById('list');
  data.articles.forEach(function (a) {
    var li = document.createElement('li');
    li.innerHTML = '<a href="' + a.url + '">' + a.title + '</a><span>' + a.date + '</span>';
    list.appendChild(li);
  });
});
fetch('/private/stats.json').catch(function () {});
"""


@dataclass
class ScriptedSite:
    server: TestServer
    other: TestServer | None = None  # another loopback host the page must not reach
    count: int = 5
    titles: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n"))
        for number in range(1, self.count + 1):
            self.server.route_gated(
                self.notice_path(number),
                COOKIE,
                Reply(body=self._notice(number), headers=HTML),
                Reply(status=412, body=CHALLENGE, headers=HTML),
            )
        articles = [
            {
                "title": self.titles[n],
                "url": self.notice_path(n),
                "date": f"2024-11-{n % 28 + 1:02d}",
            }
            for n in range(self.count, 0, -1)
        ]
        data = json.dumps({"articles": articles}, ensure_ascii=False).encode("utf-8")
        self.server.route(DATA_PATH, Reply(body=data, headers={"Content-Type": "application/json"}))
        self.server.route(
            SCRIPT_PATH, Reply(body=LIST_SCRIPT, headers={"Content-Type": "text/javascript"})
        )
        elsewhere = self.other.url("/counter.js") if self.other is not None else ""
        listing = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>通知公告_市人民防空办公室</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/xxgk/">信息公开</a></div>
<ul class="list" id="list"></ul>
<script src="http://10.0.0.1/track.js"></script>
{f'<script src="{elsewhere}"></script>' if elsewhere else ""}
<script src="{SCRIPT_PATH}"></script>
<div class="footer">网站标识码：3401000001</div>
</body></html>""".encode()
        etag = '"' + hashlib.sha256(listing).hexdigest()[:16] + '"'
        self.server.route(LIST_PATH, Reply(body=listing, headers=HTML, etag=etag))

    @staticmethod
    def notice_path(number: int) -> str:
        return f"/xxgk/tzgg/202411/t20241105_{200000 + number}.html"

    def listing_url(self) -> str:
        return self.server.url(LIST_PATH)

    def notice_url(self, number: int) -> str:
        return self.server.url(self.notice_path(number))

    def challenges_served(self) -> int:
        """Requests for notice pages that came without the cookie (each got the challenge)."""
        return sum(
            1
            for request in self.server.requests
            if request.path.startswith("/xxgk/tzgg/2024")
            and COOKIE not in request.headers.get("cookie", "")
        )

    def _notice(self, number: int) -> bytes:
        template, title = TEMPLATES[number % len(TEMPLATES)]
        html = (PAGES / template).read_text("utf-8")
        own = f"关于第{number}批人防工程维护管理情况的通报"
        self.titles[number] = own
        return html.replace(title, own).encode("utf-8")
