"""Every built page in real Chromium: axe-core (WCAG 2.1 A/AA), privacy, keyboard, layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser import WCAG_AA_TAGS, add_axe, new_context
from sitebuild import html_pages


def _urls(site: Path, base_url: str) -> list[str]:
    urls = []
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        urls.append(base_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return urls


def _axe(page: Page) -> list[dict]:
    add_axe(page, page.url[: page.url.index("/", len("http://")) + 1])
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA_TAGS)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_and_stays_private(site: Path, served: str, browser: Browser,
                                                 scheme: str) -> None:
    """Zero axe violations, zero requests to other hosts, zero cookies, in every language and
    both colour schemes (the system's setting chooses, issue 19); nothing fails to load; the
    first Tab stop is a visible skip link."""
    context, log = new_context(browser, served, color_scheme=scheme)
    page = context.new_page()
    wrong_scheme: list[str] = []
    failed: list[str] = []
    page.on("console", lambda message: failed.append(f"{page.url}: {message.text}")
            if message.type == "error" else None)
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    violations: dict[str, list[dict]] = {}
    no_skip_link: list[str] = []
    urls = _urls(site, served)
    for lang in ("en", "tr", "ar", "uk"):  # every language of the site, right to left too
        assert any(f"/{lang}/" in u for u in urls), lang
    assert len(urls) >= 50
    for url in urls:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        if shown != {"light": "default", "dark": "slate"}[scheme]:
            wrong_scheme.append(f"{url}: {shown}")
        found = _axe(page)
        if found:
            violations[url[len(served):] or "/"] = found
        page.keyboard.press("Tab")
        first = _focused(page)
        if not ("md-skip" in first["cls"] and first["visible"] and first["outline"]):
            no_skip_link.append(url)
    cookies = context.cookies()
    cookie_script = page.evaluate("document.cookie")
    context.close()
    assert violations == {}, json.dumps(violations, indent=1)
    assert wrong_scheme == []  # the page follows the system's colour scheme
    assert log.foreign == []
    assert cookies == [] and cookie_script == ""
    assert no_skip_link == []  # the first Tab stop of every page is a visible skip link
    assert failed == []  # no console errors, no failed requests (e.g. Material's sitemap fetch)


def test_axe_finds_a_planted_violation(served: str, browser: Browser) -> None:
    """The check can fail: an image without alt text on a real page is reported."""
    context, _ = new_context(browser, served)
    page = context.new_page()
    page.goto(served, wait_until="networkidle")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                  "'<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">')")
    assert "image-alt" in {v["id"] for v in _axe(page)}
    context.close()


def test_foreign_requests_are_caught(served: str, browser: Browser) -> None:
    # the site's policy (connect-src 'self') would refuse the fetch before it is sent
    context, log = new_context(browser, served, bypass_csp=True)
    page = context.new_page()
    page.goto(served, wait_until="networkidle")
    page.evaluate("fetch('https://fonts.googleapis.com/css?family=Roboto').catch(() => null)")
    page.wait_for_timeout(200)
    context.close()
    assert any("fonts.googleapis.com" in url for url in log.foreign)


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
def test_skip_link_is_the_first_stop_and_visible(served: str, browser: Browser, path: str) -> None:
    context, _ = new_context(browser, served)
    page = context.new_page()
    page.goto(served + path, wait_until="networkidle")
    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["tag"] == "A" and "skip" in first["cls"], first
    assert first["visible"] and first["outline"], first
    target = first["href"]
    assert target.startswith("#") and page.locator(target).count() == 1
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    context.close()


def test_keyboard_reaches_the_language_switcher_and_footer(served: str, browser: Browser) -> None:
    """Tab order: skip link, then header (switcher) before content, legal links at the end;
    every stop shows a visible focus outline."""
    context, _ = new_context(browser, served)
    page = context.new_page()
    page.goto(served + "en/programme/lotse-beruf/", wait_until="networkidle")
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
    # Enter on the switcher follows the link to the German page
    page.goto(served + "en/programme/lotse-beruf/", wait_until="networkidle")
    page.locator("nav.ms-languages a[hreflang=de]").focus()
    href = page.evaluate("document.activeElement.href")
    assert href.endswith("/programme/lotse-beruf/") and "/en/" not in href
    context.close()


@pytest.mark.parametrize("path", ["programme/", "en/programme/gruendung-im-quartier/",
                                  "impressum/", "en/datenschutz/", "leichte-sprache/",
                                  "ar/programme/gruendung-im-quartier/", "uk/programme/"])
def test_no_horizontal_scrolling_at_320_px(served: str, browser: Browser, path: str) -> None:
    """Reflow (WCAG 1.4.10): nothing scrolls sideways; axe finds nothing in the narrow layout."""
    context, _ = new_context(browser, served, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(served + path, wait_until="networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    violations = _axe(page)
    context.close()
    assert width <= 320, (path, width)
    assert violations == [], violations


def test_keyboard_reaches_every_record_on_the_overview(served: str, browser: Browser) -> None:
    """Every card's link is a Tab stop, in the order the cards are shown."""
    context, _ = new_context(browser, served)
    page = context.new_page()
    page.goto(served + "en/programme/", wait_until="networkidle")
    cards = page.eval_on_selector_all("a.ms-card__link", "els => els.map(e => e.href)")
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.classList.contains('ms-card__link') "
                             "? document.activeElement.href : null")
        if href:
            reached.append(href)
    context.close()
    assert len(cards) == 6 and reached[: len(cards)] == cards


def test_search_finds_pages_in_the_current_language_only(served: str, browser: Browser) -> None:
    context, log = new_context(browser, served)
    page = context.new_page()
    # "Lotse Beruf" has pages in both languages: each search finds only its own language's
    for path, in_english in (("", False), ("en/", True)):
        page.goto(served + path, wait_until="networkidle")
        page.locator("input.md-search__input").click()
        page.keyboard.type("Lotse")
        page.wait_for_selector(".md-search-result__item a", timeout=10000)
        hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                          "els => els.map(e => e.href)")
        assert any("programme/lotse-beruf/" in h for h in hrefs), hrefs
        assert all(("/en/" in h) == in_english for h in hrefs), hrefs
    context.close()
    assert log.foreign == []


def test_print_shows_the_content_without_navigation(served: str, browser: Browser) -> None:
    context, _ = new_context(browser, served)
    page = context.new_page()
    page.goto(served + "programme/gruendung-im-quartier/", wait_until="networkidle")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(
      ['.md-header', '.md-sidebar--primary', '.ms-footer', '.ms-glance', 'h1.ms-record__title']
        .map(s => [s, getComputedStyle(document.querySelector(s)).display !== 'none']))""")
    context.close()
    assert shown == {".md-header": False, ".md-sidebar--primary": False, ".ms-footer": False,
                     ".ms-glance": True, "h1.ms-record__title": True}
