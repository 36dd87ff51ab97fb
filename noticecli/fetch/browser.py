"""The system's Chromium, driven through Playwright: finding it, starting it once per run,
and leaving it no network of its own.

Playwright (``pip install 'noticecli[render]'``) is imported only here and only when a page
is to be rendered; it drives the Chromium already on the machine (Debian's ``chromium``
package, Google Chrome …) by its executable path, so nothing is downloaded at install time.
:func:`find_chromium` looks at ``--chromium``, then ``$NOTICECLI_CHROMIUM``, then the usual
names on ``PATH`` and the usual install folders of macOS and Windows.

Every request a page makes is answered by noticecli's own fetcher (:mod:`.render`); the
browser itself is given a proxy that is a closed port on loopback, with loopback not
bypassed, so anything it would open by itself (a preconnect, a WebSocket, a request routing
missed) fails there instead of reaching the network, and WebRTC may not use UDP of its own.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from noticecli.errors import RenderUnavailable

if TYPE_CHECKING:
    from playwright.async_api import Browser, Playwright

ENV_CHROMIUM = "NOTICECLI_CHROMIUM"
INSTALL_EXTRA = "pip install 'noticecli[render]'"
INSTALL_CHROMIUM = (
    "Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium (or Google "
    "Chrome); Windows: install Google Chrome or Edge"
)
_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
    "chrome",
    "microsoft-edge",
    "msedge",
)
_FOLDERS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Chromium\Application\chrome.exe",
)
# Chromium's own connections (updates, sync, safe browsing …) have no business in a crawl,
# and fail on a closed network anyway; QUIC would bypass the proxy below.
LAUNCH_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
)


def find_chromium(given: str | None = None) -> str:
    """The Chromium (or Chrome, or Edge) executable to run: ``given``, else
    ``$NOTICECLI_CHROMIUM``, else the first found on ``PATH`` or in the usual folders.
    :class:`RenderUnavailable` (exit 2) says how to get one when there is none."""
    for chosen, where in ((given, "--chromium"), (os.environ.get(ENV_CHROMIUM), ENV_CHROMIUM)):
        if chosen:
            found = shutil.which(chosen)
            if found is None:
                raise RenderUnavailable(f"{where} {chosen}: no such executable")
            return found
    for name in _NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    for folder in _FOLDERS:
        if Path(folder).is_file():
            return folder
    raise RenderUnavailable(
        "rendering needs Chromium (or Google Chrome), and none was found on PATH; install it "
        f"({INSTALL_CHROMIUM}), or give its path with --chromium PATH or ${ENV_CHROMIUM}"
    )


def check_playwright() -> None:
    """:class:`RenderUnavailable` (exit 2), saying how to install it, unless the render
    extra (the ``playwright`` package) can be imported."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        raise RenderUnavailable(
            f"rendering needs the render extra: {INSTALL_EXTRA} (the browser itself is the "
            f"system's Chromium: {INSTALL_CHROMIUM})"
        ) from None


def render_available(given: str | None = None) -> str:
    """The executable to render with, once the extra and a Chromium are both there."""
    check_playwright()
    return find_chromium(given)


class ChromiumProcess:
    """One headless Chromium for a whole run, with a dead-end proxy and a fresh temporary
    profile (``--user-data-dir``: Playwright makes one per launch and removes it at close);
    :meth:`browser` starts it (again after a crash), :meth:`close` stops it."""

    def __init__(self, executable: str, *, log: Callable[[str], None] | None = None) -> None:
        self.executable = executable
        self._log = log or (lambda _message: None)
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._dead_end: socket.socket | None = None

    async def browser(self) -> Browser:
        """The running browser, started (or started again after a crash) when needed."""
        if self._browser is not None and self._browser.is_connected():
            return self._browser
        if self._browser is not None:
            self._log("the browser stopped; starting it again")
            await self._stop_browser()
        self._browser = await self._launch()
        return self._browser

    async def _launch(self) -> Browser:
        from playwright.async_api import Error, async_playwright

        if self._playwright is None:
            self._playwright = await async_playwright().start()
        # Bound, never listening: a connection to it is refused at once, and no other
        # program can take the port while the browser runs.
        self._dead_end = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._dead_end.bind(("127.0.0.1", 0))
        port = self._dead_end.getsockname()[1]
        args = [
            *LAUNCH_FLAGS,
            f"--proxy-server=http://127.0.0.1:{port}",
            "--proxy-bypass-list=<-loopback>",
        ]
        try:
            return await self._playwright.chromium.launch(
                executable_path=self.executable,
                headless=True,
                args=args,
                handle_sigint=False,
                handle_sigterm=False,
                handle_sighup=False,
            )
        except Error as error:
            first = str(error.message).strip().splitlines()[0] if error.message else "failed"
            raise RenderUnavailable(f"cannot start {self.executable}: {first}") from None

    async def _stop_browser(self) -> None:
        browser, self._browser = self._browser, None
        if browser is not None:
            try:
                await browser.close()
            except Exception as error:  # already gone: nothing to close
                self._log(f"closing the browser: {error}")
        if self._dead_end is not None:
            self._dead_end.close()
            self._dead_end = None

    async def close(self) -> None:
        await self._stop_browser()
        if self._playwright is not None:
            playwright, self._playwright = self._playwright, None
            await playwright.stop()
