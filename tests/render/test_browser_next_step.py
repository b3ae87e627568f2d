"""Issue 19 in real Chromium: the home page's first screen on a phone, the way to Leichte
Sprache in the phone menu, its larger type, and search finding "Hilfe und Kontakt" by the
words readers type, in the page's language. The tests share one browser context (conftest's
``page``: a fresh page each, at its own window size)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from browser import goto

PHONE = {"width": 375, "height": 812}  # iPhone X … 13 mini: 375 px wide


def _box(page: Page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


@pytest.mark.parametrize("path", ["", "en/"])
def test_first_screen_on_a_phone_says_what_is_offered_whom_and_leads_to_leichte_sprache(
        site: Path, served: str, page: Page, path: str) -> None:
    page.set_viewport_size(PHONE)
    goto(page, served + path)
    height = PHONE["height"]
    offers = page.locator(".ms-offers li.ms-offer")
    assert offers.count() >= 1
    for i in range(offers.count()):
        box = offers.nth(i).bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (i, box)
    for selector in (".ms-header-links a.ms-easy-read", ".ms-offers__ways a.ms-easy-read"):
        box = _box(page, selector)
        assert page.locator(selector).first.is_visible()
        assert box["y"] + box["height"] <= height, selector
    # quotes and background come after what the site offers
    background = _box(page, ".ms-home__background")
    last = offers.nth(offers.count() - 1).bounding_box()
    assert last is not None and background["y"] >= last["y"] + last["height"]


def test_phone_menu_starts_with_leichte_sprache(served: str, page: Page) -> None:
    page.set_viewport_size(PHONE)
    goto(page, served + "en/programme/")
    menu_link = page.locator(".md-nav--primary .ms-nav-easy-read a")
    closed = menu_link.bounding_box()
    assert closed is not None and closed["x"] + closed["width"] <= 0  # off screen: closed
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.wait_for_function("""() => document.querySelector('.ms-nav-easy-read a')
        .getBoundingClientRect().left >= 0""", timeout=5000)
    opened = menu_link.bounding_box()
    assert opened is not None and 0 <= opened["x"] < PHONE["width"]
    first = page.locator(".md-nav--primary > ul > li").first
    assert "ms-nav-easy-read" in (first.get_attribute("class") or "")
    assert menu_link.get_attribute("href", timeout=1000).endswith("/leichte-sprache/")


def test_leichte_sprache_has_larger_type_and_line_spacing(served: str, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})

    def metrics(path: str) -> tuple[float, float]:
        goto(page, served + path)
        return page.evaluate("""() => {
            const style = getComputedStyle(document.querySelector('article p'));
            return [parseFloat(style.fontSize), parseFloat(style.lineHeight)];
        }""")

    size, line = metrics("leichte-sprache/")
    normal_size, _ = metrics("einwanderungsstadt/")
    assert size >= 19 and size >= normal_size * 1.2  # about 14 pt and more than usual
    assert line >= 1.5 * size


@pytest.mark.parametrize(("path", "words"), [("", ["Kontakt", "Hilfe"]),
                                             ("en/", ["contact", "help"])])
def test_search_finds_help_and_contact_in_the_page_language(
        served: str, page: Page, path: str, words: list[str]) -> None:
    for word in words:
        goto(page, served + path)
        page.locator("input.md-search__input").click()
        page.keyboard.type(word)
        page.wait_for_selector(".md-search-result__item a", timeout=10000)
        hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                          "els => els.map(e => e.href)")
        assert hrefs[0].endswith(f"/{path}hilfe/"), (word, hrefs)
        assert all(("/en/" in h) == (path == "en/") for h in hrefs), hrefs
