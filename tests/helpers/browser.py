"""Real headless Chromium (Debian's package) on the built site, served from localhost.

Shared by the browser tests and the screenshot script. Every request leaving localhost is
recorded and refused (``tests/helpers/outside.py``), so a page that tries to reach another host
fails the test instead of waiting for the network. Every Content-Security-Policy violation in
any context is recorded in ``CSP_VIOLATIONS``; ``tests/conftest.py`` fails any test during
which one occurred.
"""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    Response,
    sync_playwright,
)

from outside import Outside

HEADLESS_SHELL = Path("/usr/lib/chromium/chromium-headless-shell")
"""Debian's ``chromium-headless-shell``: the same Blink and V8 as ``chromium``, without the
desktop browser around them. It takes about a fifth less CPU per page, and the suite's time
is its CPU (./dev test installs it; ``MICROSITE_CHROMIUM=/usr/bin/chromium`` runs the tests in
the full browser)."""
CHROMIUM = os.environ.get("MICROSITE_CHROMIUM") or (
    str(HEADLESS_SHELL) if HEADLESS_SHELL.exists() else "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Chromium asks Google's autofill server about the forms of a page (the search box); the
    # contexts' proxy would record that as the page's request. Sent to a closed local port.
    "--autofill-server-url=http://127.0.0.1:9/",
    # the compositor (software: --disable-gpu) as a thread of the browser process instead of a
    # process of its own: a twentieth less of Chromium's CPU per page, measured
    "--in-process-gpu",
]
AXE = Path(__file__).resolve().parents[1] / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe-core is loaded from the site's own origin (an inline copy would break the policy)
AXE_PATH = "__tests__/axe.min.js"
# every CSP violation seen by any context: "<page url>: <directive> <blocked uri> …"
CSP_VIOLATIONS: list[str] = []
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => {
  window.__micrositeCspViolation(`${event.violatedDirective} blocked ${event.blockedURI} `
    + `(${event.sourceFile}:${event.lineNumber}) ${event.sample}`);
});
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """The site's files, and axe-core at ``AXE_PATH`` under any folder (the site stays as
    built: axe comes from tests/browser/node_modules)."""

    def translate_path(self, path: str) -> str:
        if path.split("?", 1)[0].endswith("/" + AXE_PATH):
            return str(AXE)
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
          ) -> Iterator[str]:
    """Serve ``root`` on a free localhost port; yields the base URL ending in ``/``."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    # a short poll: shutdown() waits for the loop to notice (half a second by default)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class RequestLog(Outside):
    """Every request a context made to a host other than localhost, recorded and refused by the
    context's proxy (``tests/helpers/outside.py``).

    Absolute links to the published address (``site_url``, e.g. in ``<link rel=alternate>``)
    are the same site once published; they are answered from the local copy.
    """


_PLAYWRIGHT: Playwright | None = None
_SHARED: Browser | None = None


def playwright() -> Playwright:
    """The process's one Playwright driver (the sync API allows one per thread), started on
    first use and stopped when the process ends."""
    global _PLAYWRIGHT
    if _PLAYWRIGHT is None:
        _PLAYWRIGHT = sync_playwright().start()
        atexit.register(_PLAYWRIGHT.stop)
    return _PLAYWRIGHT


def shared_browser() -> Browser:
    """One Chromium for the whole test process: every test opens its own context in it (no
    cookies, storage or cache carry over), instead of starting a browser of its own."""
    global _SHARED
    if _SHARED is None or not _SHARED.is_connected():
        _SHARED = playwright().chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        atexit.register(_SHARED.close)  # runs before the driver stops (last in, first out)
    return _SHARED


@contextmanager
def chromium(*extra_flags: str) -> Iterator[tuple[Playwright, Browser]]:
    """A Chromium of its own (for scripts, or flags the shared one lacks), closed afterwards."""
    pw = playwright()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, *extra_flags])
    try:
        yield pw, browser
    finally:
        browser.close()


def published_url() -> str:
    """``site_url`` from mkdocs.yml: the address the site is published under."""
    import yaml

    config = Path(__file__).resolve().parents[2] / "mkdocs.yml"
    return yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["site_url"]


def new_context(browser: Browser, base_url: str,
                **options: object) -> tuple[BrowserContext, RequestLog]:
    """A fresh context (no cookies, no storage) whose foreign requests are logged and refused,
    and whose Content-Security-Policy violations are recorded in ``CSP_VIOLATIONS`` (reported
    by the page's ``securitypolicyviolation`` event and by Chromium's console)."""
    log = RequestLog(base_url, published_url())
    # 127.0.0.1 directly; everything else through the proxy, which records and refuses it
    # (the published address's certificate is the proxy's own: ignore_https_errors)
    context = browser.new_context(proxy={"server": log.address, "bypass": "127.0.0.1"},
                                  ignore_https_errors=True, **options)
    context.on("close", lambda _: log.close())
    context.expose_binding("__micrositeCspViolation", lambda source, text: CSP_VIOLATIONS.append(
        f"{source['page'].url}: {text}"))
    context.add_init_script(_REPORT_VIOLATIONS)
    context.on("console", lambda message: CSP_VIOLATIONS.append(
        f"{message.page.url if message.page else '?'}: {message.text}")
        if "Content Security Policy" in message.text or message.text.startswith("Refused to")
        else None)
    return context, log


def add_axe(page: Page, base_url: str) -> None:
    """axe-core into ``page``, as a script from the page's own origin."""
    page.add_script_tag(url=base_url + AXE_PATH)


COLOUR_RULES = ("color-contrast", "link-in-text-block")
"""The WCAG 2.1 A/AA rules of axe-core whose result depends on the colours: all that a switch
of scheme can change on the site's pages, apart from the palette switch itself in the header
(Material shows the other scheme's button; docs/assets/microsite.css changes only colours)."""
AXE_PRELOAD = ["media"]
"""What axe loads before a scan: the media for ``no-autoplay-audio``. Left to itself, axe also
collects every rule of every style sheet (about a tenth of a second per scan) for
``css-orientation-lock``, which it does not run: that rule is experimental
(tests/render/test_browser.py checks that no rule the scans run needs more)."""
# resultTypes: axe details only the violations (passes and the rest are not read here); axe
# runs one scan at a time, so the header's follows the page's
_AXE_RUN = """async ([tags, rules, assets]) => {
  const only = {resultTypes: ['violations'], preload: {assets}};
  if (!rules.length)
    return (await axe.run(document, {...only, runOnly: {type: 'tag', values: tags}})).violations;
  const colours = await axe.run(document, {...only, runOnly: {type: 'rule', values: rules}});
  const header = await axe.run('.md-header', {...only, runOnly: {type: 'tag', values: tags}});
  return [...colours.violations, ...header.violations];
}"""


def axe_violations(page: Page, rules: tuple[str, ...] = ()) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the loaded page (axe added from the page's own
    origin, once per page): each rule's id, help and first nodes. With ``rules`` (e.g.
    ``COLOUR_RULES``), only those rules on the page, and every rule on its header."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        add_axe(page, page.url[: page.url.index("/", len("http://")) + 1])
    return [{"id": v["id"], "help": v["help"],
             "nodes": [(n["target"], n["html"][:120]) for n in v["nodes"]][:5]}
            for v in page.evaluate(_AXE_RUN, [WCAG_AA_TAGS, list(rules), AXE_PRELOAD])]


QUIET_SECONDS = 0.15
"""How long a page must have no request in flight to count as settled. A page of the site makes
its late requests (the search index and its language's stemmer, Material's sitemap fetch, the
icon) within a few milliseconds of each other; Playwright's ``networkidle`` waits a fixed
half second after the last, on every page."""


class RequestWatch:
    """The requests a page has in flight and when the last one started or ended, from the
    moment it is made until ``stop``."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.in_flight: set[Request] = set()
        self.last = time.monotonic()
        self._events = {"request": self._started, "requestfinished": self._ended,
                        "requestfailed": self._ended}
        for event, handler in self._events.items():
            page.on(event, handler)

    def _started(self, request: Request) -> None:
        self.in_flight.add(request)
        self.last = time.monotonic()

    def _ended(self, request: Request) -> None:
        self.in_flight.discard(request)
        self.last = time.monotonic()

    def settle(self, *, timeout: float = 30) -> None:
        """Wait until the page has made no request for ``QUIET_SECONDS`` with none in flight
        (at once if that is already so: a test that works on the loaded page meanwhile waits
        only for what is left)."""
        deadline = time.monotonic() + timeout
        while self.in_flight or (quiet := time.monotonic() - self.last) < QUIET_SECONDS:
            assert time.monotonic() < deadline, (self.page.url,
                                                 [r.url for r in self.in_flight])
            # events arrive while Playwright waits; sleep to when the page would be quiet
            left = 0.02 if self.in_flight else QUIET_SECONDS - quiet
            self.page.wait_for_timeout(max(left, 0.005) * 1000)

    def stop(self) -> None:
        for event, handler in self._events.items():
            self.page.remove_listener(event, handler)


def goto(page: Page, url: str, *, timeout: float = 30) -> Response | None:
    """``page.goto(url)``, returning once the page has loaded and then made no request for
    ``QUIET_SECONDS`` with none in flight: what ``wait_until="networkidle"`` waits for, without
    its fixed half second."""
    watch = RequestWatch(page)
    try:
        response = page.goto(url, wait_until="load")
        watch.settle(timeout=timeout)
        return response
    finally:
        watch.stop()
