"""Recognising a fetched page whose content a script fills: what a browser would show but
the HTML as served does not hold.

Two cases, each decided by evidence in the page, and only when the parse found nothing:

* a list filled by JavaScript: the listing extractor's own finding (``listing_js_rendered``:
  the items in an HTML comment, a client-side template, an empty list container with a
  list-loading script);
* an app shell: a page with no article body and no labelled fields whose markup is an
  AngularJS or Vue app (``ng-app``, ``ng-controller``, ``v-cloak`` …), shows template
  placeholders (``{{ item.title }}``) as its text, or is an empty mount point
  (``<div id="app"></div>``) with scripts.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from noticecli.errors import NeedsRenderError
from noticecli.fetch.result import FetchResult
from noticecli.models import Notice
from noticecli.parse.dom import visible_text

_ANGULAR = (
    "[ng-app], [data-ng-app], [ng-controller], [data-ng-controller], [ng-view], "
    "[data-ng-view], [ng-repeat], [data-ng-repeat], [ng-bind], [ng-bind-html], [ng-include]"
)
_VUE = "[v-cloak], [v-if], [v-for], [v-html], [v-text], [v-show], [v-bind], [v-model]"
_MOUNT_POINTS = "#app, #root, #__nuxt, #__next, #vue-app, #main-app"
_PLACEHOLDER = re.compile(r"\{\{[^{}]{1,200}\}\}")


def app_shell(markup: bytes) -> str | None:
    """What kind of app shell the page is ("an AngularJS app shell"), or None."""
    tree = LexborHTMLParser(markup.decode("utf-8", errors="replace"))
    body = tree.body
    if body is None:
        return None
    if tree.css_first(_ANGULAR) is not None:
        return "an AngularJS app shell"
    if tree.css_first(_VUE) is not None:
        return "a Vue app shell"
    text = visible_text(body)
    if _PLACEHOLDER.search(text):
        return "a client-side template"
    if tree.css_first("script") is not None:
        for mount in tree.css(_MOUNT_POINTS):
            if not visible_text(mount).strip():
                return f"an app shell with an empty #{mount.attributes.get('id')}"
    return None


def script_filled(result: FetchResult, notice: Notice) -> str | None:
    """Why ``notice``, parsed from ``result``, lacks what a browser would show, or None."""
    if notice.kind == "listing":
        return next((w.message for w in notice.warnings if w.code == "listing_js_rendered"), None)
    if notice.body or notice.header:
        return None
    shell = app_shell(result.markup()[0])
    if shell is None:
        return None
    return f"the page is {shell} and no content of its own: a script fills it"


def require_content(result: FetchResult, notice: Notice, *, hint: str | None = None) -> None:
    """Raise :class:`NeedsRenderError` when ``notice`` is a page a script fills (its
    ``hint`` the way out: by default ``--render``; for a page already rendered, waiting
    for the content)."""
    why = script_filled(result, notice)
    if why is None:
        return
    if result.rendered is not None:
        raise NeedsRenderError(
            f"{why}, even in the browser",
            hint=hint or "wait for the content to appear: --wait-for SELECTOR",
            status=result.status,
        )
    raise NeedsRenderError(why, status=result.status, **({"hint": hint} if hint else {}))
