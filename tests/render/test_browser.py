"""The sample site in real Chromium: keyboard, reflow, search and print; that the axe and privacy
watchers can fail. Every page's axe and privacy check: test_every_page.py.

The tests share one browser context (conftest's ``page``: a fresh page each, at its own window
size); no test here depends on what a context keeps between pages (no cookies are set; the
storage holds Material's palette choice)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page

from browser import (
    WCAG_AA_TAGS,
    add_axe,
    axe_violations,
    goto,
    new_context,
    published_url,
)


def test_axe_finds_a_planted_violation(served: str, page: Page) -> None:
    """The check can fail: an image without alt text on a real page is reported."""
    goto(page, served)
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                  "'<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">')")
    assert "image-alt" in {v["id"] for v in axe_violations(page)}


def test_the_scans_preload_what_their_rules_need(served: str, page: Page) -> None:
    """axe loads only media before a scan (``browser.AXE_PRELOAD``): of the rules the scans run
    (WCAG 2.1 A/AA, experimental rules are off), only ``no-autoplay-audio`` loads anything
    (media); the style sheets rule, ``css-orientation-lock``, is experimental."""
    goto(page, served)
    add_axe(page, served)
    preloading = page.evaluate("""tags => axe._audit.rules
      .filter(rule => rule.preload && rule.tags.some(tag => tags.includes(tag)))
      .map(rule => [rule.id, rule.tags.includes('experimental')])""", WCAG_AA_TAGS)
    assert sorted(preloading) == [["css-orientation-lock", True], ["no-autoplay-audio", False]]


def test_foreign_requests_are_caught_and_the_published_address_is_the_local_copy(
        site: Path, served: str, browser: Browser) -> None:
    """Every request leaving localhost is recorded and refused (tests/helpers/outside.py); the
    published address (site_url) is answered from the served copy, a missing file with 404 as
    GitHub Pages would, and the same host outside the site is refused."""
    # the site's policy (connect-src 'self' and the published origin) would refuse the foreign
    # fetches before they are sent
    context, log = new_context(browser, served, bypass_csp=True)
    page = context.new_page()
    goto(page, served)
    assert log.foreign == []
    fetch = "url => fetch(url).then(r => r.text().then(t => [r.status, t]), () => 'refused')"
    assert page.evaluate(fetch, "https://fonts.googleapis.com/css?family=Roboto") == "refused"
    assert page.evaluate(fetch, "http://tracker.example.org/pixel") == "refused"
    published = published_url()
    assert page.evaluate(fetch, published + "sitemap.xml") == [
        200, (site / "sitemap.xml").read_text(encoding="utf-8")]
    assert page.evaluate(fetch, published + "gibt-es-nicht.xml")[0] == 404
    elsewhere = urljoin(published, "/anderes/")  # the published host, not the site
    assert page.evaluate(fetch, elsewhere)[0] == 403
    context.close()
    assert any("fonts.googleapis.com" in url for url in log.foreign), log.foreign
    assert "http://tracker.example.org/pixel" in log.foreign
    assert elsewhere in log.foreign
    assert not any(url.startswith(published) for url in log.foreign), log.foreign


def _focused(page: Page) -> dict:
    return page.evaluate("""() => {
      const el = document.activeElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {tag: el.tagName, cls: el.className, text: el.textContent.trim(),
              href: el.getAttribute('href'), lang: el.getAttribute('lang'),
              visible: box.width > 0 && box.height > 0 && box.top >= 0
                       && box.top < window.innerHeight,
              outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
    }""")


@pytest.mark.parametrize("path", ["", "programme/lotse-beruf/", "en/programme/", "impressum/"])
def test_skip_link_is_the_first_stop_and_visible(served: str, page: Page, path: str) -> None:
    goto(page, served + path)
    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["tag"] == "A" and "skip" in first["cls"], first
    assert first["visible"] and first["outline"], first
    target = first["href"]
    assert target.startswith("#") and page.locator(target).count() == 1
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target


def test_keyboard_reaches_the_language_switcher_and_footer(served: str, page: Page) -> None:
    """Tab order: skip link, then header (switcher) before content, legal links at the end;
    every stop shows a visible focus outline."""
    goto(page, served + "en/programme/lotse-beruf/")
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if stops and focused == stops[0]:
            break
        stops.append(focused)
    texts = [s["text"] for s in stops]
    assert "Deutsch" in texts and "English" in texts
    german = stops[texts.index("Deutsch")]
    assert german["lang"] == "de"
    back = texts.index("Back to all programmes")
    assert texts.index("Deutsch") < back < texts.index("Accessibility")
    hidden = [s for s in stops if s["tag"] == "A" and not s["outline"]]
    assert hidden == []
    # Enter on the switcher follows the link to the German page (the same page: focus moves
    # from wherever the Tabs left it)
    page.locator("nav.ms-languages a[hreflang=de]").focus()
    href = page.evaluate("document.activeElement.href")
    assert href.endswith("/programme/lotse-beruf/") and "/en/" not in href


@pytest.mark.parametrize("path", ["programme/", "en/programme/gruendung-im-quartier/",
                                  "impressum/", "en/datenschutz/", "leichte-sprache/",
                                  "ar/programme/gruendung-im-quartier/", "uk/programme/"])
def test_no_horizontal_scrolling_at_320_px(served: str, page: Page, path: str) -> None:
    """Reflow (WCAG 1.4.10): nothing scrolls sideways; axe finds nothing in the narrow layout."""
    page.set_viewport_size({"width": 320, "height": 640})
    goto(page, served + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    violations = axe_violations(page)
    assert width <= 320, (path, width)
    assert violations == [], violations


def test_keyboard_reaches_every_record_on_the_overview(served: str, page: Page) -> None:
    """Every card's link is a Tab stop, in the order the cards are shown."""
    goto(page, served + "en/programme/")
    cards = page.eval_on_selector_all("a.ms-card__link", "els => els.map(e => e.href)")
    reached = []
    for _ in range(80):  # until as many card links are reached as there are cards
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.classList.contains('ms-card__link') "
                             "? document.activeElement.href : null")
        if href:
            reached.append(href)
            if len(reached) == len(cards):
                break
    assert len(cards) == 6 and reached == cards


def test_search_finds_pages_in_the_current_language_only(served: str, page: Page) -> None:
    # "Lotse Beruf" has pages in both languages: each search finds only its own language's
    for path, in_english in (("", False), ("en/", True)):
        goto(page, served + path)
        page.locator("input.md-search__input").click()
        page.keyboard.type("Lotse")
        page.wait_for_selector(".md-search-result__item a", timeout=10000)
        hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                          "els => els.map(e => e.href)")
        assert any("programme/lotse-beruf/" in h for h in hrefs), hrefs
        assert all(("/en/" in h) == in_english for h in hrefs), hrefs


def test_print_shows_the_content_without_navigation(served: str, page: Page) -> None:
    goto(page, served + "programme/gruendung-im-quartier/")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(
      ['.md-header', '.md-sidebar--primary', '.ms-footer', '.ms-glance', 'h1.ms-record__title']
        .map(s => [s, getComputedStyle(document.querySelector(s)).display !== 'none']))""")
    assert shown == {".md-header": False, ".md-sidebar--primary": False, ".ms-footer": False,
                     ".ms-glance": True, "h1.ms-record__title": True}
