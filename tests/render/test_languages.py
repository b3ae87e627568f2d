"""Turkish, Arabic (right to left) and Ukrainian beside German and English (issue 20).

The sample project runs with the real configuration, so it is built in all five languages: one
record (``gruendung-im-quartier``) is translated into every language and has a contact, the
others have no tr/ar/uk texts (optional languages) and show the German text. One build per
module; the review test builds a second copy after ``microsite review``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from browser import goto
from contact_details import EMAIL, PHONE, TRANSLATED, details_project, with_contact
from projectcopy import check_in_process, copy_project
from shared_builds import shared_build
from sitebuild import build, html_pages, run_by_server, soup

LANGUAGES = ("de", "en", "tr", "ar", "uk")
OWN_NAMES = {"de": "Deutsch", "en": "English", "tr": "Türkçe", "ar": "العربية",
             "uk": "Українська"}
RECORD = TRANSLATED  # translated into every language in the sample
PENDING = "leitbild-teilhabe"  # no tr/ar/uk texts in the sample: shows the German text
REPO = Path(__file__).resolve().parents[2]
UI = {lang: yaml.safe_load((REPO / "data" / "ui" / f"{lang}.yaml").read_text(encoding="utf-8"))
      for lang in LANGUAGES}
BUILD_DATE = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a contact on ``RECORD`` (``contact_details``: the same shared build as
    tests/render/test_site_build.py's contact and links test)."""
    return details_project(tmp_path_factory.mktemp("languages") / "project")


@pytest.fixture(scope="module")
def site(project: Path, shared_sites: Path) -> Path:
    result = shared_build(shared_sites, project, build_date=BUILD_DATE)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="module")
def site_url(project: Path) -> str:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"),
                     Loader=yaml.BaseLoader)["site_url"]


def _lang_of(site: Path, page: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in LANGUAGES[1:] else "de"


def _page(site: Path, lang: str, rel: str) -> Path:
    return site / ("" if lang == "de" else lang) / rel / "index.html"


def _url(site_url: str, lang: str, rel: str) -> str:
    return site_url + ("" if lang == "de" else f"{lang}/") + rel


def test_the_real_site_speaks_five_languages_each_by_its_own_name() -> None:
    """Invariants of the real configuration (a record may still lack an optional language)."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert {lang["locale"]: lang["name"] for lang in i18n["languages"]} == OWN_NAMES
    for lang in ("tr", "ar", "uk"):
        assert (REPO / "docs" / lang / "index.md").is_file()
        assert not (REPO / "docs" / lang / "impressum.md").exists()  # legal pages: de, en


def test_every_language_has_start_overview_and_every_record(site: Path, records: list[dict]
                                                             ) -> None:
    for lang in LANGUAGES:
        for rel in ("", "programme/", *(f"programme/{r['id']}/" for r in records)):
            assert _page(site, lang, rel).is_file(), (lang, rel)


def test_dir_and_lang_on_every_page(site: Path) -> None:
    seen = set()
    for path in html_pages(site):
        if path.parent == site and path.name == "404.html":
            continue
        page = soup(path)
        lang = _lang_of(site, path)
        if page.html.get("lang") is None:  # redirect pages of former ids
            continue
        seen.add(lang)
        assert page.html["lang"] == lang, path
        expected = "rtl" if lang == "ar" else "ltr"
        assert page.body["dir"] == expected, path
        assert page.html.get("dir", "ltr") == expected, path
    assert seen == set(LANGUAGES)


def test_other_direction_is_marked_inside_pages(site: Path) -> None:
    arabic = soup(_page(site, "ar", f"programme/{RECORD}/"))
    marked = [element for element in arabic.select("body [lang]") if element["lang"] != "ar"]
    assert len(marked) >= 5, "no foreign text marked"
    for element in marked:  # German names, the other languages in the switcher
        assert element.get("dir") == "ltr", element
    provider = arabic.select_one(".ms-facts__row--providers [lang]")
    assert provider.get_text() == "Unter einem Dach" and provider["lang"] == "de"
    for href in (f"mailto:{EMAIL}", f"tel:{PHONE.replace(' ', '')}"):
        assert arabic.select_one(f'a[href="{href}"]')["dir"] == "ltr"
    # the Arabic name in the switcher of a German page runs right to left
    german = soup(_page(site, "de", f"programme/{RECORD}/"))
    assert german.select_one('nav.ms-languages a[lang="ar"]')["dir"] == "rtl"
    assert german.html.get("dir") is None


def test_names_stay_as_they_are_marked_with_their_language(site: Path) -> None:
    for lang in ("tr", "ar", "uk"):
        page = soup(_page(site, lang, f"programme/{RECORD}/"))
        description = page.select_one(".ms-record__description")
        names = {(s.get_text(), s["lang"]) for s in description.select("[lang]")}
        assert ("Unter einem Dach", "de") in names, (lang, names)


def test_pending_translation_shows_german_marked_under_a_notice(site: Path) -> None:
    for lang in ("tr", "ar", "uk"):
        page = soup(_page(site, lang, f"programme/{PENDING}/"))
        notice = page.select_one(".ms-notice--translation")
        assert notice.get_text(strip=True) == UI[lang]["translation.pending"]
        german = page.select_one(".ms-record__description")
        assert german["lang"] == "de"
        if lang == "ar":
            assert german["dir"] == "ltr"


def test_switcher_names_every_language_in_itself_and_leads_to_the_same_page(
        site: Path, site_url: str) -> None:
    for lang in LANGUAGES:
        page = soup(_page(site, lang, f"programme/{RECORD}/"))
        links = page.select("nav.ms-languages a")
        assert {a["lang"]: a.get_text(strip=True) for a in links} == OWN_NAMES
        assert {a["hreflang"]: a["href"] for a in links} == {
            code: _url(site_url, code, f"programme/{RECORD}/") for code in LANGUAGES}
        current = [a["lang"] for a in links if a.get("aria-current") == "true"]
        assert current == [lang]


def _head_alternates(path: Path) -> dict[str, str]:
    return {link["hreflang"]: link["href"]
            for link in soup(path).select('link[rel="alternate"][hreflang]')}


def _sitemap_alternates(site: Path) -> dict[str, dict[str, str]]:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    root = soup_xml(text)
    return {url.find("loc").get_text(): {link["hreflang"]: link["href"]
                                         for link in url.find_all("xhtml:link")}
            for url in root.find_all("url")}


def soup_xml(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "xml")


@pytest.mark.parametrize("rel", ["", "programme/", f"programme/{RECORD}/", "einwanderungsstadt/"])
def test_hreflang_covers_every_pair_in_head_and_sitemap(site: Path, site_url: str,
                                                        rel: str) -> None:
    expected = {code: _url(site_url, code, rel) for code in LANGUAGES}
    expected["x-default"] = _url(site_url, "de", rel)
    in_sitemap = _sitemap_alternates(site)
    for lang in LANGUAGES:
        assert _head_alternates(_page(site, lang, rel)) == expected, (lang, rel)
        assert in_sitemap[_url(site_url, lang, rel)] == expected, (lang, rel)


def test_formats_follow_each_locale(site: Path) -> None:
    def fact(lang: str, key: str) -> str:
        page = soup(_page(site, lang, f"programme/{RECORD}/"))
        return page.select_one(f".ms-facts__row--{key} dd").get_text(strip=True)

    assert fact("de", "funding") == "50.000\u00a0€"
    assert fact("tr", "funding") == "€50.000"
    assert fact("uk", "funding") == "50\u00a0000\u00a0EUR"
    # Arabic pages use Latin digits (README "Languages"), with Babel's Arabic pattern
    assert fact("ar", "funding") == "\u200f50,000\u00a0€"
    assert fact("tr", "period") == "Eylül 2024 – Ağustos 2025"
    assert fact("ar", "period") == "سبتمبر 2024 – أغسطس 2025"
    assert fact("uk", "period") == "вересень 2024 – серпень 2025"


def test_unchecked_notice_on_every_translated_page(site: Path) -> None:
    for lang in ("tr", "ar", "uk"):
        for rel in (f"programme/{RECORD}/", "programme/", "", "einwanderungsstadt/"):
            notice = soup(_page(site, lang, rel)).select_one(".ms-notice--unchecked")
            assert notice is not None, (lang, rel)
            assert notice.get_text(strip=True) == UI[lang]["translation.unchecked"]
    # English is checked (the sample records its review); German is the original
    for lang in ("de", "en"):
        assert soup(_page(site, lang, f"programme/{RECORD}/")).select(
            ".ms-notice--unchecked") == []
    # a page showing the German text is not a translation: it says so instead
    assert soup(_page(site, "ar", f"programme/{PENDING}/")).select(".ms-notice--unchecked") == []


def test_unchecked_notice_goes_after_review(project: Path, tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "project", edit_records=with_contact)
    done = run_by_server("microsite.cli", ["review", RECORD, "--lang", "ar"], cwd=copy,
                         env=dict(os.environ), timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    result = build(tmp_path / "out", project=copy, build_date=BUILD_DATE)
    assert result.returncode == 0, result.output
    assert soup(_page(result.site, "ar", f"programme/{RECORD}/")).select(
        ".ms-notice--unchecked") == []
    assert soup(_page(result.site, "tr", f"programme/{RECORD}/")).select(
        ".ms-notice--unchecked") != []


def test_legal_pages_stay_german_and_english(site: Path, site_url: str) -> None:
    for lang in ("tr", "ar", "uk"):
        assert not _page(site, lang, "impressum/").exists()
        footer = soup(_page(site, lang, "")).select_one("footer.ms-footer")
        hrefs = {a["href"]: a.get("hreflang") for a in footer.select("a")}
        for slug in ("impressum", "datenschutz", "barrierefreiheit"):
            assert hrefs[f"{site_url}{slug}/"] == "de", (lang, hrefs)
        assert footer.select_one(".ms-footer__note").get_text(strip=True) == \
            UI[lang]["nav.legal_note"]
    english = soup(_page(site, "en", "")).select_one("footer.ms-footer")
    assert f"{site_url}en/impressum/" in {a["href"] for a in english.select("a")}
    assert english.select(".ms-footer__note") == []


def test_search_index_per_language(site: Path) -> None:
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    for lang, search_lang in (("tr", "tr"), ("ar", "ar"), ("uk", "en")):
        index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
        # Ukrainian: lunr has no support; "en" adds only English stop words, no stemmer
        assert index["config"]["lang"] == [search_lang]
        assert search_lang == "en" or (lunr / f"lunr.{search_lang}.min.js").is_file()
        titles = {doc["title"] for doc in index["docs"]}
        own = soup(_page(site, lang, f"programme/{RECORD}/")).select_one("h1").get_text()
        assert own in titles
        assert not any(doc["location"].startswith(("en/", "tr/", "ar/", "uk/"))
                       for doc in index["docs"])


# --- in Chromium -------------------------------------------------------------------------

_CHAR_CENTRES = """([selector, text]) => {
  for (const el of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const start = node.data.indexOf(text);
      if (start < 0) continue;
      const xs = [];
      for (let k = start; k < start + text.length; k++) {
        if (node.data[k] === ' ') continue;
        const range = document.createRange();
        range.setStart(node, k); range.setEnd(node, k + 1);
        const box = range.getBoundingClientRect();
        xs.push(box.left + box.width / 2);
      }
      return xs;
    }
  }
  return null;
}"""


def test_numbers_and_phone_numbers_run_left_to_right_in_arabic(served: str, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    goto(page, served + f"ar/programme/{RECORD}/")
    for selector, text in ((".ms-contact a", PHONE), (".ms-contact a", EMAIL),
                           (".ms-facts__row--funding dd", "50,000"),
                           (".ms-facts__row--period dd", "2024"),
                           (".ms-facts__row--providers dd", "Unter einem Dach")):
        xs = page.evaluate(_CHAR_CENTRES, [selector, text])
        assert xs, (selector, text)
        assert xs == sorted(xs), (text, xs)  # each character to the right of the one before
    # the layout is mirrored: the page starts on the right
    boxes = page.evaluate("""() => Object.fromEntries(
      ['.ms-record__title', '.ms-glance', '.md-header__title', '.md-search']
        .map(s => { const b = document.querySelector(s).getBoundingClientRect();
                    return [s, [b.left, b.right]]; }))""")
    border = page.evaluate("""() => { const s = getComputedStyle(document.querySelector(
      '.ms-glance')); return [s.borderLeftWidth, s.borderRightWidth]; }""")
    assert boxes[".md-header__title"][0] > boxes[".md-search"][1]  # title right, search left
    assert border[0] == "0px" and border[1] != "0px"  # the accent line on the right


def test_search_in_each_language_finds_its_own_pages(served: str, page: Page) -> None:
    for lang, word in (("tr", "girişimcilik"), ("ar", "استشارات"), ("uk", "консультації"),
                       ("en", "counselling")):
        goto(page, served + f"{lang}/")
        page.locator("input.md-search__input").click()
        page.keyboard.type(word)
        page.keyboard.press("End")  # a key event: Chromium types Arabic and Cyrillic without one
        page.wait_for_selector(".md-search-result__item a", timeout=10000)
        hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                          "els => els.map(e => e.href)")
        assert any(f"/{lang}/programme/{RECORD}/" in h for h in hrefs), (lang, hrefs)
        assert all(f"/{lang}/" in h for h in hrefs), (lang, hrefs)
    # (conftest's page fixture fails the test if a request left localhost)


def test_arabic_pages_print_right_to_left(served: str, page: Page) -> None:
    import io

    import pypdf

    page.set_viewport_size({"width": 1280, "height": 900})
    goto(page, served + f"ar/programme/{RECORD}/")
    page.emulate_media(media="print")
    lines = page.evaluate("""() => {
      const content = document.querySelector('.md-content__inner').getBoundingClientRect();
      return ['.ms-record__title', '.ms-record__summary', '.ms-glance__heading']
        .map(s => content.right - document.querySelector(s).getBoundingClientRect().right);
    }""")
    address = page.evaluate("document.querySelector('link[rel=canonical]').href")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    # every block starts at the right edge of the content, as in Arabic print
    assert all(abs(gap) < 40 for gap in lines), lines
    texts = [" ".join(p.extract_text().split()) for p in pdf.pages]
    assert all(text.strip() for text in texts), texts  # no blank page
    assert address in texts[-1].replace(" ", ""), texts[-1]  # ends with the page's address


# --- check: missing and stale translations per language ----------------------------------

def _break_translations(records: list[dict]) -> None:
    record = next(r for r in records if r["id"] == RECORD)
    del record["texts"]["uk"]  # missing (an optional language: a hint, not an error)
    record["translation"]["ar"] = {"reviewed": {"title": "00000000"}}  # checked against old text


def test_check_names_missing_and_stale_translations_per_language(tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "project", edit_records=_break_translations)
    result = check_in_process(copy)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out  # hints: the pages show the German text meanwhile
    assert re.search(r"Hinweis: .*gruendung-im-quartier.*der Text auf Ukrainisch fehlt noch",
                     out), out
    assert re.search(r"gruendung-im-quartier.*Feld „texts\.de\.title“: der Text wurde geändert, "
                     r"seit die Übersetzung \(Arabisch\)", out), out
