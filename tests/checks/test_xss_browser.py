"""The poisoned site (tests/helpers/poisoned_site.py) in real Chromium, under its policy: no dialog
opens on its pages or from its search, and no element carries an event handler. The pages are
visited without their search index (``WithoutSearchIndex``), the search on the site as built.

Each page's title gets a ``mouseover`` event and the first ten results of each search the
events of a pointer moving onto them (dispatched: the same handlers run as on a real hover,
without Playwright's wait for a stable element); the last search waits for its result, not for
a fixed time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

import browser as browser_helpers
from browser import QuietHandler, goto, serve
from poisoned_site import PoisonedSite, record_id

HANDLER_ATTRIBUTES = """() => [...document.querySelectorAll('*')].flatMap(el =>
  [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on'))
    .map(a => el.tagName + ' ' + a.name))"""
# the first ten results get the events a pointer moving onto them fires (dispatched, as on the
# pages' titles: the same handlers run, without Playwright's wait for a stable element)
HOVER_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].slice(0, 10)
  .forEach(item => ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove']
    .forEach(type => item.dispatchEvent(
      new MouseEvent(type, {bubbles: !type.endsWith('enter')}))))"""


@pytest.fixture(scope="module")
def served(poisoned: PoisonedSite) -> Iterator[str]:
    assert poisoned.result.returncode == 0, poisoned.result.output
    with serve(poisoned.result.site) as base_url:
        yield base_url


class WithoutSearchIndex(QuietHandler):
    """The site as built, but its search index is not found: the pages' scripts all run, and
    the search box has nothing to search (Material's search worker would index the poisoned
    site's index again on every page, a third of each page's work)."""

    def send_head(self):  # type: ignore[no-untyped-def]
        if self.path.split("?", 1)[0].endswith("/search/search_index.json"):
            self.send_error(404)
            return None
        return super().send_head()


@pytest.fixture(scope="module")
def served_unsearchable(poisoned: PoisonedSite) -> Iterator[str]:
    """The poisoned site for visiting its pages; their search is tested on ``served``."""
    with serve(poisoned.result.site, WithoutSearchIndex) as base_url:
        yield base_url


def _watch(page: Page) -> list[str]:
    dialogs: list[str] = []

    def dismiss(dialog) -> None:
        dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    return dialogs


def _search(page: Page, query: str) -> None:
    """``query`` in the search box, searched once: Material searches on the key released."""
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")


def _title_vector(poisoned: PoisonedSite, text: str) -> int:
    return next(k for k, (_, v) in enumerate(poisoned.corpus.vectors)
                if v == text and poisoned.corpus.accepted(k, "title"))


def test_poisoned_pages_and_search_open_no_dialog(poisoned: PoisonedSite, served: str,
                                                  served_unsearchable: str,
                                                  page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    dialogs = _watch(page)
    handlers: list[str] = []
    titled = [k for k in range(len(poisoned.corpus.vectors))
              if poisoned.corpus.accepted(k, "title")]
    pages = served_unsearchable
    urls = [f"{pages}programme/{record_id(k)}/" for k in titled]
    urls += [f"{pages}en/programme/{record_id(k)}/" for k in titled[::5]]
    urls += [pages + path for path in ("impressum/", "datenschutz/", "en/impressum/",
                                       "barrierefreiheit/", "programme/")]
    for url in urls:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, url
        page.dispatch_event("h1", "mouseover")
        handlers += page.evaluate(HANDLER_ATTRIBUTES)
    # the search box on a poisoned page, searching for the poisoned title
    k = _title_vector(poisoned, "Probe &lt;img src=x onerror=alert(1)&gt;")
    goto(page, f"{served}programme/{record_id(k)}/")
    page.click("input.md-search__input")
    for query in ("Probe", "onerror", "onmouseover", "script"):
        _search(page, "")  # the list emptied: the next results shown are the query's
        page.wait_for_selector(".md-search-result__item", state="detached", timeout=10_000)
        _search(page, query)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.evaluate(HOVER_RESULTS)
        handlers += page.evaluate(HANDLER_ATTRIBUTES)
    title = "Probe &lt;img src=x onerror=alert(1)&gt;"
    page.fill("input.md-search__input", "")
    page.keyboard.type("Probe")
    page.wait_for_function(  # the results for "Probe" shown; if never, the test fails here
        "t => document.querySelector('.md-search-result')?.innerText.includes(t)", arg=title,
        timeout=10_000)
    shown = page.inner_text(".md-search-result")
    assert title in shown  # the title, as text
    assert dialogs == []
    assert handlers == []
    # (conftest's page fixture fails the test if a request left localhost)
    print(f"\nChromium: {len(urls)} poisoned pages and 4 searches, dialogs: {len(dialogs)}")


def test_the_watchers_can_fail(served: str, page: Page) -> None:
    """A dialog is seen, and a script the policy refuses is reported as a violation."""
    dialogs = _watch(page)
    page.goto(served, wait_until="load")
    page.evaluate("() => alert('planted')")
    seen = len(browser_helpers.CSP_VIOLATIONS)
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.planted = 1'; document.body.append(s); }""")
    page.wait_for_timeout(300)
    planted = page.evaluate("window.planted")
    violations = browser_helpers.CSP_VIOLATIONS[seen:]
    del browser_helpers.CSP_VIOLATIONS[seen:]  # expected here; the autouse check stays quiet
    assert dialogs and "planted" in dialogs[0]
    assert planted is None  # the inline script did not run
    assert any("script-src" in v for v in violations), violations
