"""Every built page: the cheap checks on all of them, Chromium and axe-core (WCAG 2.1 A/AA) on
one page per template and language, each scanned whole in one colour scheme and for what a
scheme changes in the other (tests/helpers/page_checks.py says why and how the pages are
chosen)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from playwright.sync_api import Browser, Page

from browser import COLOUR_RULES, RequestWatch, axe_violations, new_context
from microsite.render.project import read_project_settings
from page_checks import TEMPLATES, SitePage, assets, classify, representatives, static_problems
from sitebuild import REPO, html_pages, soup

LANGUAGES = tuple(read_project_settings(REPO / "mkdocs.yml")[0].languages.codes)
SCHEMES = ("light", "dark")


def _pages(site: Path) -> list[SitePage]:
    return [classify(site, path, LANGUAGES) for path in html_pages(site)]


def test_every_page_passes_the_static_checks(site: Path, site_url: str) -> None:
    """Skip link first, nothing from other hosts, nothing missing, names and references: on
    every page of every language."""
    pages = _pages(site)
    assert len(pages) >= 50
    problems = {page.rel or "/": found for page in pages
                if (found := static_problems(site, page.path, site_url, page.language))}
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


def test_every_page_runs_what_the_pages_in_chromium_run(site: Path, site_url: str) -> None:
    """The same scripts and style sheets on every page: what Chromium proves on one page of a
    template (colour scheme, no console error, no cookie, no request elsewhere) holds for its
    other pages."""
    runs = {assets(site, page.path, site_url, soup(page.path)) for page in _pages(site)}
    assert len(runs) == 1, runs
    (scripts_and_styles,) = runs
    assert any(url.endswith(".js") for url in scripts_and_styles), scripts_and_styles


def test_chromium_sees_every_template_in_every_language_and_scheme(site: Path) -> None:
    """Every chosen page is scanned in every scheme (the axe test below scans each whole in one
    of ``SCHEMES`` and for its colours in the other), so every template × language × scheme is
    scanned when every template × language is chosen."""
    pages = _pages(site)
    chosen = representatives(pages)
    seen = {(page.template, page.language) for page in chosen}
    assert seen == {(page.template, page.language) for page in pages}
    assert {language for _, language in seen} == set(LANGUAGES)
    assert {page.template for page in pages} == set(TEMPLATES)
    # every record page and every hand-written page is scanned in some language
    scanned = {(page.template, page.variant) for page in chosen}
    assert scanned == {(page.template, page.variant) for page in pages}
    assert len(set(chosen)) == len(chosen)  # no page loaded twice
    assert len(scanned) < len(pages) / 2  # the point: far fewer pages than the site has


SCHEME_IMAGES = ("#only-light", "#only-dark", "#gh-light-mode-only", "#gh-dark-mode-only")
"""Image addresses Material's stylesheet shows in one colour scheme only."""


def test_no_image_is_shown_in_one_colour_scheme_only(site: Path) -> None:
    """The second scheme's scan checks only what a scheme changes (``COLOUR_RULES``, the
    header): an image shown in one scheme only would need every rule in both."""
    shown_in_one = {page.rel: img["src"] for page in _pages(site)
                    for img in soup(page.path).select("img[src]")
                    if img["src"].endswith(SCHEME_IMAGES)}
    assert shown_in_one == {}


def test_the_static_checks_find_planted_mistakes(site: Path, site_url: str,
                                                 tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "en" / "programme" / "lotse-beruf" / "index.html"
    html = page.read_text(encoding="utf-8")
    body = html.index("<body")
    body_end = html.index(">", body) + 1
    planted = (html[:body_end] + '<button>x</button><img src="../../../assets/gibt-es-nicht.png">'
               '<a href="../"></a><input type="text" id="dup"><span id="dup"></span>'
               '<div aria-labelledby="fehlt"></div>'
               '<script src="https://cdn.example.org/x.js"></script>' + html[body_end:])
    page.write_text(planted.replace('lang="en"', 'lang="de"', 1), encoding="utf-8")
    found = "\n".join(static_problems(copy, page, site_url, "en"))
    for expected in ("<html lang> ist nicht 'en'", "der erste Tab-Halt ist nicht der Sprunglink",
                     "lädt von einem anderen Host: https://cdn.example.org/x.js",
                     "lädt, was es nicht gibt: ../../../assets/gibt-es-nicht.png",
                     "Bild ohne alt", "Link ohne Namen: ../", "id 'dup' kommt 2-mal vor",
                     "aria-labelledby='fehlt' zeigt ins Leere", "Formularfeld ohne Beschriftung"):
        assert expected in found, found


_FOCUSED = """() => {
  const el = document.activeElement, box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {cls: String(el.className),
          visible: box.width > 0 && box.height > 0 && box.top >= 0
                   && box.top < window.innerHeight,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""
SHOWN = {"light": "default", "dark": "slate"}
"""Material's name of each scheme (``data-md-color-scheme``)."""


def _switch_scheme(page: Page, scheme: str) -> None:
    """The loaded page in ``scheme``: the system's setting changes, and the site's palette
    switch (Material's radio button for that setting) is clicked, as a visitor does. Material
    keeps the chosen palette for the next pages of the context."""
    page.emulate_media(color_scheme=scheme)
    # any change of colour it starts has ended before axe reads the colours (the focused skip
    # link's slide-in is not one: it stays as after a Tab, as in the first scheme)
    page.evaluate("""media => {
      document.querySelector(`input.md-option[data-md-color-media="${media}"]`).click();
      return Promise.all(document.getAnimations()
        .filter(a => a.effect?.target !== document.activeElement).map(a => a.finished));
    }""", f"(prefers-color-scheme: {scheme})")


def _skip_link_problem(page: Page) -> dict | None:
    """The focused element, unless it is a visible skip link with a focus outline."""
    focused = page.evaluate(_FOCUSED)
    return None if "md-skip" in focused["cls"] and focused["visible"] and focused[
        "outline"] else focused


def _scan(page: Page, scheme: str, violations: dict[str, list[dict]],
          wrong_scheme: list[str], rules: tuple[str, ...] = ()) -> None:
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if shown != SHOWN[scheme]:
        wrong_scheme.append(f"{page.url} ({scheme}): {shown}")
    found = axe_violations(page, rules)
    if found:
        violations[f"{page.url} ({scheme})"] = found


def test_one_page_per_template_and_language_passes_axe_and_stays_private(
        site: Path, served: str, browser: Browser) -> None:
    """Zero axe violations, zero requests to other hosts, zero cookies, in every language and
    both colour schemes (the system's setting chooses, issue 19); nothing fails to load; the
    first Tab stop is a visible skip link.

    Half the pages are opened with the system in light mode, half in dark mode: the first page
    of each shows the system's scheme, the next ones the palette Material kept. Each page is
    scanned whole in its scheme, switched to the other and scanned there for what a scheme
    changes (``COLOUR_RULES`` and the header), and switched back."""
    chosen = representatives(_pages(site))
    violations: dict[str, list[dict]] = {}
    wrong_scheme: list[str] = []
    no_skip_link: list[str] = []
    failed: list[str] = []
    light, dark = SCHEMES
    for first, second, part in ((light, dark, chosen[::2]), (dark, light, chosen[1::2])):
        context, log = new_context(browser, served, color_scheme=first)
        page = context.new_page()
        page.on("console", lambda message, page=page: failed.append(
            f"{page.url}: {message.text}") if message.type == "error" else None)
        page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)
        # each page is left only once it has made no request for a while (none can go
        # elsewhere unseen); the scans run meanwhile, so that wait is mostly over already
        watch = RequestWatch(page)
        for representative in part:
            watch.settle()
            url = served + representative.rel
            response = page.goto(url, wait_until="load")
            assert response is not None and response.ok, url
            _scan(page, first, violations, wrong_scheme)
            _switch_scheme(page, second)
            _scan(page, second, violations, wrong_scheme, COLOUR_RULES)
            page.keyboard.press("Tab")  # the first Tab stop, in both schemes: it stays
            if problem := _skip_link_problem(page):  # focused while the scheme switches
                no_skip_link.append(f"{url} ({second}): {problem}")
            _switch_scheme(page, first)
            if problem := _skip_link_problem(page):
                no_skip_link.append(f"{url} ({first}): {problem}")
        watch.settle()
        watch.stop()
        cookies = context.cookies()
        cookie_script = page.evaluate("document.cookie")
        context.close()
        assert log.foreign == []
        assert cookies == [] and cookie_script == ""
    assert violations == {}, json.dumps(violations, indent=1)
    assert wrong_scheme == []  # the page follows the system's colour scheme
    assert no_skip_link == []  # the first Tab stop of every page is a visible skip link
    assert failed == []  # no console errors, no failed requests (e.g. Material's sitemap fetch)


def test_the_scan_in_the_second_scheme_finds_contrast_and_header_faults(served: str,
                                                                       page: Page) -> None:
    """The second scheme's scan can fail: faint text anywhere and an image without alt text in
    the header are found; what only the first scheme's whole scan finds is left to it."""
    page.goto(served + "programme/", wait_until="load")
    # (styles set through the DOM: the site's policy refuses style attributes in markup)
    page.evaluate("""() => {
      const faint = document.createElement('p');
      faint.textContent = 'kaum lesbar';
      Object.assign(faint.style, {color: '#8a8a8a', background: '#999999'});
      document.querySelector('main').append(faint);
      const image = id => Object.assign(document.createElement('img'),
        {id, src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw='});
      document.querySelector('main').append(image('im-inhalt'));
      document.querySelector('.md-header').append(image('im-kopf'));
    }""")
    found = {(v["id"], str([target for target, _ in v["nodes"]]))
             for v in axe_violations(page, COLOUR_RULES)}
    assert any(rule == "color-contrast" for rule, _ in found), found
    assert [nodes for rule, nodes in found if rule == "image-alt"] == ["[['#im-kopf']]"], found
