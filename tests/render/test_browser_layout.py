"""Layout in real Chromium (issue 11, points 4 and 8): the site title is not cut at 375 px;
record pages print without a blank page and with sender and address; the root 404.html passes
axe; the overview filters by audience by keyboard without JavaScript.

Print and filter run on a copy of the project whose records, audiences and facts the test sets
itself; the title and the 404 page are checked on the real site (true for any content). The
tests on each site share one browser context (a fresh page each, at its own window size)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page

from browser import (
    QuietHandler,
    axe_violations,
    goto,
    new_context,
    published_url,
    serve,
)
from projectcopy import copy_project
from sitebuild import build

PUBLISHER = "Beispielstadt Herausgeberin"
ADDRESS = "Musterweg 1\n30000 Beispielstadt"


# --- the real site: title and root 404 -------------------------------------------------------

def _title(page: Page) -> dict:
    return page.evaluate("""() => {
      const el = document.querySelector('.md-header__title .md-header__topic .md-ellipsis');
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {text: el.textContent.trim(), overflow: el.scrollWidth - el.clientWidth,
              right: box.right, height: box.height, ellipsis: style.textOverflow === 'ellipsis'
                && style.whiteSpace === 'nowrap' && style.overflow !== 'visible',
              opacity: getComputedStyle(el.closest('.md-header__topic')).opacity,
              page: document.documentElement.scrollWidth};
    }""")


@pytest.mark.parametrize("path", ["", "en/", "programme/", "en/programme/"])
def test_site_title_is_not_cut_at_375_px(served: str, page: Page, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 700})
    goto(page, served + path)
    record = page.eval_on_selector("a.ms-card__link", "a => a.href") if "programme" in path \
        else None
    results = [_title(page)]
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    results.append(_title(page))  # Material swaps in the page title on scrolling
    if record:
        goto(page, record)
        results.append(_title(page))
    config = yaml.safe_load((Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text())
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    english = next(lang["site_name"] for lang in i18n["languages"] if lang["locale"] == "en")
    expected = english if path.startswith("en/") else config["site_name"]
    for title in results:
        assert title["text"] == expected, title
        assert title["overflow"] <= 0 and not title["ellipsis"], title
        assert title["right"] <= 375 and title["page"] <= 375 and title["opacity"] == "1", title


def test_root_404_passes_axe(served: str, page: Page) -> None:
    """GitHub Pages serves the root 404.html for every missing address; the browser tests used
    to load only /404/. Opened from the server's root its stylesheet (an absolute address under
    the published path) is missing, which showed Material's search toggle as an unlabelled
    checkbox."""
    goto(page, served + "404.html")
    violations = axe_violations(page)
    assert violations == []


class _PagesHandler(QuietHandler):
    """Like GitHub Pages: the site under its path, the root 404.html for anything missing."""

    prefix = "/"

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / self.prefix.strip("/") / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def _serve_published(site: Path, tmp: Path) -> Iterator[str]:
    """``site`` at its published path (e.g. /arbeitsmarktintegration/) on localhost."""
    path = published_url().split("://", 1)[1].split("/", 1)[1]
    root = tmp / "pages"
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path.strip("/")).symlink_to(site, target_is_directory=True)
    handler = type("Handler", (_PagesHandler,), {"prefix": "/" + path})
    with serve(root, handler) as base:
        yield base + path


def test_a_missing_address_gets_the_root_404_styled_and_clean(
        site: Path, browser: Browser, tmp_path: Path) -> None:
    with _serve_published(site, tmp_path) as base:
        context, _ = new_context(browser, base)
        page = context.new_page()
        response = goto(page, base + "gibt-es-nicht/tief/")
        assert response is not None and response.status == 404
        # the theme's stylesheet loads at any depth: its grid has a width, its type a size
        width = page.evaluate("getComputedStyle(document.querySelector('.md-grid')).maxWidth")
        violations = axe_violations(page)
        context.close()
    assert width not in ("", "none")
    assert violations == []


# --- a copy: print and the audience filter ------------------------------------------------------

@dataclass
class Copy:
    site: Path
    long_id: str
    short_id: str
    audiences: dict[str, list[str]]  # record id → audiences


def _edit(records: list[dict]) -> None:
    for record in records:
        record.pop("audiences", None)
    long_record, short_record = records[0], records[1]
    paragraph = ("Ein Absatz, der nur die Seite füllt, damit sie über mehrere Blätter gedruckt "
                 "wird. ") * 6
    long_record["texts"]["de"]["description"] = "\n\n".join([paragraph] * 14)
    long_record.pop("translation", None)
    for key in list(short_record):
        if key not in ("id", "kind", "texts", "status", "sources"):  # a status needs a source
            short_record.pop(key)
    short_record["status"] = "running"
    for texts in short_record["texts"].values():
        for key in list(texts):
            if key not in ("title", "summary"):
                texts.pop(key)
    records[0]["audiences"] = ["employers"]
    records[1]["audiences"] = ["jobseekers", "employers"]
    records[2]["audiences"] = ["institutions"]


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Copy:
    root = tmp_path_factory.mktemp("layout")
    # its tests open German and English pages: the other languages are not built
    project = copy_project(root / "project", edit_records=_edit, languages=("de", "en"))
    facts_file = project / "data" / "site.yaml"
    facts = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    facts["operator"]["name"] = PUBLISHER
    facts["operator"]["address"] = ADDRESS
    facts_file.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    result = build(root / "site", project=project)
    assert result.returncode == 0, result.output
    records = yaml.safe_load((project / "data" / "projects.yaml").read_text())["records"]
    return Copy(result.site, records[0]["id"], records[1]["id"],
                {r["id"]: r.get("audiences", []) for r in records})


@pytest.fixture(scope="module")
def copy_served(copy: Copy) -> Iterator[str]:
    with serve(copy.site) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def copy_context(copy_served: str, browser: Browser) -> Iterator[BrowserContext]:
    """One context for the tests on the copy (each opens a page at its own window size)."""
    context, log = new_context(browser, copy_served)
    yield context
    context.close()
    assert log.foreign == []


def _pdf_pages(page: Page) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


@pytest.mark.parametrize("width", [375, 1280])
def test_record_pages_print_without_blank_pages_with_sender_and_address(
        copy: Copy, copy_served: str, copy_context: BrowserContext, width: int) -> None:
    page = copy_context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    printed = {}
    for record_id in (copy.long_id, copy.short_id):
        goto(page, copy_served + f"programme/{record_id}/")
        address = page.evaluate("document.querySelector('link[rel=canonical]').href")
        printed[record_id] = (_pdf_pages(page), address)
    page.close()
    long_pages, _ = printed[copy.long_id]
    short_pages, short_address = printed[copy.short_id]
    assert len(long_pages) >= 2 and all(text.strip() for text in long_pages), long_pages
    assert len(short_pages) == 1, short_pages
    for pages, address in printed.values():
        last = pages[-1]
        assert f"{PUBLISHER}, {ADDRESS.replace(chr(10), ', ')}" in last
        assert address.replace(" ", "") in last.replace(" ", "")
        assert "Zur Übersicht" not in " ".join(pages)  # navigation stays off paper
    assert short_address.endswith(f"programme/{copy.short_id}/")


def _visible_cards(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "li.ms-card", "els => els.filter(e => e.offsetParent !== null)"
        ".map(e => e.querySelector('a.ms-card__link').getAttribute('href')"
        ".replace(/\\/$/, '').split('/').pop())")


def test_overview_filter_by_audience_works_by_keyboard_without_javascript(
        copy: Copy, copy_served: str, browser: Browser, copy_context: BrowserContext) -> None:
    """Tab reaches the filter before the cards; arrow keys choose an audience; only its cards
    (and the groups holding them) stay visible; focus is visible; axe stays clean."""
    context, _ = new_context(browser, copy_served, java_script_enabled=False)
    page = context.new_page()
    goto(page, copy_served + "programme/")
    everything = sorted(_visible_cards(page))
    assert everything == sorted(copy.audiences)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ms-filter-all":
            break
    else:
        pytest.fail("the filter is not reachable by Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    options = page.eval_on_selector_all("fieldset.ms-filter input", "els => els.map(e => e.id)")
    # the vocabulary's order, only audiences that have records
    assert options == ["ms-filter-all", "ms-filter-jobseekers", "ms-filter-employers",
                       "ms-filter-institutions"]
    for option in options[1:]:
        page.keyboard.press("ArrowRight")
        assert page.evaluate("document.activeElement.id") == option
        audience = option[len("ms-filter-"):]
        wanted = sorted(rid for rid, auds in copy.audiences.items() if audience in auds)
        assert sorted(_visible_cards(page)) == wanted, audience
        groups = page.eval_on_selector_all(
            ".ms-overview__group", "els => els.filter(e => e.offsetParent !== null)"
            ".map(e => e.querySelectorAll('li.ms-card').length)")
        assert all(groups), audience  # no heading over an emptied group
    page.keyboard.press("Tab")  # next stop after the filter: the one visible card's link
    assert page.evaluate("document.activeElement.classList.contains('ms-card__link')")
    context.close()
    page = copy_context.new_page()
    goto(page, copy_served + "en/programme/")
    page.check("#ms-filter-jobseekers")
    assert _visible_cards(page) == [copy.short_id]
    assert axe_violations(page) == []
    page.close()
