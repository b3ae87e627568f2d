"""The real site, built into a temporary folder: pages, formatting, status, languages."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from projectcopy import sample_project
from shared_builds import shared_build
from sitebuild import build, html_pages, page_for_url, soup

LANGS = {"de": "", "en": "en/"}


def record_page(site: Path, lang: str, record_id: str) -> Path:
    return site / LANGS[lang] / "programme" / record_id / "index.html"


def test_every_record_has_a_page_in_both_languages(site: Path, records: list[dict]) -> None:
    for record in records:
        for lang in LANGS:
            page = soup(record_page(site, lang, record["id"]))
            assert page.html["lang"] == lang
            title = page.select_one("h1.ms-record__title").get_text(strip=True)
            assert title == record["texts"][lang]["title"].strip()


def test_amounts_are_formatted_per_language(site: Path) -> None:
    de = soup(record_page(site, "de", "gruendung-im-quartier"))
    en = soup(record_page(site, "en", "gruendung-im-quartier"))
    assert de.select_one(".ms-facts__row--funding dd").get_text() == "50.000\u00a0€"
    assert en.select_one(".ms-facts__row--funding dd").get_text() == "€50,000"


def test_periods_and_dates_are_formatted_per_language(site: Path) -> None:
    de = soup(record_page(site, "de", "gruendung-im-quartier"))
    en = soup(record_page(site, "en", "gruendung-im-quartier"))
    assert de.select_one(".ms-facts__row--period dd").get_text() == "September 2024 – August 2025"
    assert en.select_one(".ms-facts__row--period dd").get_text() == "September 2024 – August 2025"
    # each language's source date, on a copy's own source: tests/render/test_source_attribution.py


@pytest.mark.parametrize(
    ("day", "de_label", "en_label"),
    [
        (dt.date(2024, 8, 31), "geplant", "planned"),
        (dt.date(2024, 11, 15), "läuft", "running"),  # test_dated_statuses.py's 2024 site
        (dt.date(2026, 11, 25), "abgeschlossen", "completed"),  # the site fixture
    ],
)
def test_status_is_derived_from_the_dates(shared_sites: Path, day: dt.date, de_label: str,
                                          en_label: str) -> None:
    """The build shows the status its date gives, in each language. The days either side of
    each boundary: tests/data/test_loading.py::test_status_from_month_precise_dates."""
    result = shared_build(shared_sites, sample_project(), build_date=day)
    assert result.returncode == 0, result.output
    de = soup(record_page(result.site, "de", "gruendung-im-quartier"))
    en = soup(record_page(result.site, "en", "gruendung-im-quartier"))
    assert de.select_one(".ms-record__kind .ms-tag").get_text() == de_label
    assert en.select_one(".ms-record__kind .ms-tag").get_text() == en_label


@functools.cache
def _head(page: Path) -> tuple[str, dict[str, str]]:
    """A built page's language and alternates, read once (built sites are not changed)."""
    parsed = soup(page)
    links = parsed.select('head link[rel="alternate"][hreflang]')
    return parsed.html["lang"], {link["hreflang"]: link["href"] for link in links}


def _alternates(page: Path) -> dict[str, str]:
    return dict(_head(page)[1])


def fallbacks(pages: list[Path]) -> int:
    """Record pages in a language the record has no text in (they show the German text)."""
    return sum(1 for page in pages if (alternates := _alternates(page))
               and _head(page)[0] not in alternates)


def test_alternates_are_reciprocal_on_every_page(site: Path, site_url: str) -> None:
    pages = [p for p in html_pages(site) if p.parent != site or p.name == "index.html"]
    checked = 0
    single_language = set()
    for page in pages:
        alternates = _alternates(page)
        if not alternates:
            single_language.add(page.relative_to(site).as_posix())
            continue
        lang = _head(page)[0]
        if lang not in alternates:  # no text in this language: the German one, no alternate
            assert "/programme/" in page.as_posix() and lang in ("tr", "ar", "uk"), page
            continue
        own = alternates[lang]
        assert page_for_url(site, site_url, own) == page, (page, own)
        # German and English everywhere; Turkish, Arabic, Ukrainian where translated
        assert {"de", "en", "x-default"} <= set(alternates) <= {
            "de", "en", "tr", "ar", "uk", "x-default"}, page
        assert alternates["x-default"] == alternates["de"]
        for other_lang, href in alternates.items():
            target = page_for_url(site, site_url, href)
            assert target.is_file(), (page, href)
            assert _alternates(target)[lang] == own, (page, other_lang)
        checked += 1
    # every page but the root 404 has alternates, the generated record pages included; only
    # the Leichte Sprache page exists in German alone
    assert single_language == {"leichte-sprache/index.html"}
    assert checked + fallbacks(pages) == len(pages) - 1
    generated = [p for p in pages if "/programme/" in p.as_posix()]
    assert len(generated) >= 12


def test_language_switcher_points_to_the_same_page(site: Path, site_url: str) -> None:
    page = soup(record_page(site, "en", "lotse-beruf"))
    links = {a["hreflang"]: a for a in page.select("nav.ms-languages a")}
    assert links["de"]["href"] == f"{site_url}programme/lotse-beruf/"
    assert links["de"].get_text(strip=True) == "Deutsch"
    assert links["de"]["lang"] == "de"
    assert links["en"]["aria-current"] == "true"
    assert "aria-current" not in links["de"].attrs


def test_html_lang_is_right_on_every_page(site: Path) -> None:
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        first = rel.split("/")[0]
        expected = first if first in ("en", "tr", "ar", "uk") else "de"
        assert soup(page).html["lang"] == expected, rel


def test_overview_lists_every_record(site: Path, records: list[dict], site_url: str) -> None:
    for lang, prefix in LANGS.items():
        overview = site / prefix / "programme" / "index.html"
        cards = soup(overview).select("li.ms-card")
        titles = {c.select_one(".ms-card__title").get_text(strip=True) for c in cards}
        assert titles == {r["texts"][lang]["title"].strip() for r in records}
        for card in cards:
            target = (overview.parent / card.select_one("a")["href"]).resolve()
            assert (target / "index.html").is_file(), card


def test_overview_groups_by_status(site: Path) -> None:
    """Groups in a fixed order (running, planned, completed, none), each holding only cards of
    its own status; checked on whatever the data holds."""
    page = soup(site / "programme" / "index.html")
    order = ["running", "planned", "as-of", "completed", "none"]
    keys = [g.select_one("h2")["id"].removeprefix("ms-group-")
            for g in page.select(".ms-overview__group")]
    keys = ["as-of" if k.startswith("as-of-") else k for k in keys]
    assert keys == sorted(keys, key=order.index) and len(keys) == len(set(keys))
    for group, key in zip(page.select(".ms-overview__group"), keys, strict=True):
        for card in group.select("li.ms-card"):
            tag = card.select_one(".ms-tag")
            if key == "as-of":  # a stated status, as of its source: neutral once it is old
                assert "Stand" in tag.get_text(), card
                continue
            if key == "completed" and "fand" in tag.get_text():  # a past event
                continue
            assert (tag is None) if key == "none" else f"ms-tag--{key}" in tag["class"], card


def test_nav_does_not_list_records(site: Path) -> None:
    page = soup(record_page(site, "de", "lotse-beruf"))
    nav_links = page.select("nav.md-nav--primary a.md-nav__link")
    assert not any("/programme/lotse" in (a.get("href") or "") for a in nav_links)
    assert 0 < len(nav_links) <= 6


def test_missing_facts_are_not_shown(site: Path) -> None:
    page = soup(record_page(site, "de", "leitbild-teilhabe"))
    assert page.select_one(".ms-facts__row--funding") is None
    assert page.select_one(".ms-facts__row--period") is None
    assert page.select_one(".ms-contact") is None
    assert page.select_one(".ms-links") is None


def test_german_names_on_english_pages_carry_lang(site: Path) -> None:
    page = soup(record_page(site, "en", "gruendung-im-quartier"))
    provider = page.select_one(".ms-facts__row--providers dd span[lang]")
    assert provider["lang"] == "de"
    assert provider.get_text() == "Unter einem Dach"


def test_hand_written_pages_exist_in_both_languages(site: Path) -> None:
    for slug in ("", "einwanderungsstadt/", "impressum/", "datenschutz/", "barrierefreiheit/",
                 "404/"):
        for prefix in LANGS.values():
            assert (site / prefix / slug / "index.html").is_file(), prefix + slug
    assert (site / "404.html").is_file()
    assert soup(site / "404.html").html["lang"] == "de"


def test_legal_pages_show_markers_instead_of_invented_facts(site: Path) -> None:
    for prefix in LANGS.values():
        page = soup(site / prefix / "impressum" / "index.html")
        assert page.select("mark.ms-missing"), prefix


def test_a_third_language_is_configuration_and_translations(tmp_path: Path) -> None:
    project = Path(__file__).parents[1] / "fixtures" / "third-locale"
    result = build(tmp_path / "out", project=project, build_date=dt.date(2025, 1, 10))
    assert result.returncode == 0, result.output
    site = result.site
    page = soup(site / "tr" / "programme" / "beispiel-projekt" / "index.html")
    assert page.html["lang"] == "tr"
    assert page.select_one("h1").get_text(strip=True) == "Örnek proje"
    assert page.select_one(".ms-tag").get_text() == "devam ediyor"
    assert page.select_one(".ms-facts__row--funding dd").get_text() == "€50.000"
    assert page.select_one(".ms-facts__row--period dd").get_text() == "Eylül 2024 – Ağustos 2025"
    alternates = _alternates(site / "tr" / "programme" / "beispiel-projekt" / "index.html")
    assert alternates == {
        "de": "https://example.org/sub/programme/beispiel-projekt/",
        "en": "https://example.org/sub/en/programme/beispiel-projekt/",
        "tr": "https://example.org/sub/tr/programme/beispiel-projekt/",
        "x-default": "https://example.org/sub/programme/beispiel-projekt/",
    }
    switcher = {a["lang"]: a.get_text(strip=True) for a in page.select("nav.ms-languages a")}
    assert switcher == {"de": "Deutsch", "en": "English", "tr": "Türkçe"}
    for lang in ("de", "en"):
        prefix = "" if lang == "de" else f"{lang}/"
        other = _alternates(site / prefix / "programme" / "beispiel-projekt" / "index.html")
        assert other["tr"] == alternates["tr"]
    overview = soup(site / "tr" / "programme" / "index.html")
    assert {c.get_text(strip=True) for c in overview.select(".ms-card__title")} == {
        "Örnek proje", "Örnek etkinlik"}


def _names_kept_in_german(record: dict) -> set[str]:
    """Names a record gives in one form only (a proper name), and a title kept in German."""
    orgs = [*record.get("providers", []), *record.get("partners", []),
            *(record.get("funding") or {}).get("funders", [])]
    names = {org["name"] for org in orgs if isinstance(org["name"], str)}
    english = record["texts"]["en"]
    if english.get("title_lang") == "de":
        names.add(english["title"])
    return names


def test_german_names_in_english_prose_carry_lang(site: Path, records: list[dict]) -> None:
    marked = 0
    for record in records:
        names = _names_kept_in_german(record)
        page = soup(record_page(site, "en", record["id"]))
        description = page.select_one(".ms-record__description")
        if description is None:
            continue
        spans = description.select("span[lang=de]")
        assert {s.get_text() for s in spans} <= names, record["id"]
        for name in names:  # every mention is marked: none stays outside a span
            outside = description.get_text().count(name) - sum(
                s.get_text().count(name) for s in spans)
            assert outside == 0, (record["id"], name)
        marked += len(spans)
        german = soup(record_page(site, "de", record["id"]))
        assert german.select(".ms-record__description span[lang]") == []
    assert marked > 0


def test_marking_names_touches_text_only() -> None:
    from markupsafe import Markup

    from microsite.render.markup import mark_languages

    html = Markup('<p>See <a href="https://x.org/Unter einem Dach">Unter einem Dach</a> &amp; '
                  'Unter einem Dach.</p>')
    marked = mark_languages(html, {"Unter einem Dach": "de"})
    assert marked == ('<p>See <a href="https://x.org/Unter einem Dach"><span lang="de">Unter '
                      'einem Dach</span></a> &amp; <span lang="de">Unter einem Dach</span>.</p>')


@pytest.mark.parametrize("name", ["amp", "39", "x27", "quot"])
def test_a_name_is_never_marked_inside_a_character_reference(name: str) -> None:
    from markupsafe import Markup

    from microsite.render.markup import mark_languages

    html = Markup("<p>A &amp; B, &#39;C&#39;, &#x27;D&#x27;, &quot;E&quot; and amp 39 quot</p>")
    marked = mark_languages(html, {name: "de"})
    assert marked.count(f'<span lang="de">{name}</span>') == (0 if name == "x27" else 1)
    assert str(marked).replace(f'<span lang="de">{name}</span>', name) == html


def test_a_names_language_is_written_as_an_attribute_value_only() -> None:
    from markupsafe import Markup

    from microsite.render.markup import mark_languages

    marked = mark_languages(Markup("<p>WIR 2.0</p>"), {"WIR 2.0": 'de" onclick="alert(1)'})
    assert marked == '<p><span lang="de&#34; onclick=&#34;alert(1)">WIR 2.0</span></p>'


def test_how_to_take_part_contact_and_links_show_where_the_data_has_them(
        tmp_path: Path, shared_sites: Path) -> None:
    """On ``contact_details``' project (the shared build tests/render/test_languages.py reads)."""
    from contact_details import details_project

    result = shared_build(shared_sites, details_project(tmp_path / "project"))
    assert result.returncode == 0, result.output
    de = soup(record_page(result.site, "de", "lotse-beruf"))
    steps = de.select(".ms-steps ol li")
    assert [s.get_text() for s in steps] == ["Bewerbung schicken", "Zum Gespräch kommen"]
    assert steps[1].select_one("em").get_text() == "Gespräch"
    contact = de.select_one(".ms-contact address")
    assert "Team Lotse" in contact.get_text()
    assert contact.select_one('a[href="mailto:lotse@example.org"]') is not None
    assert contact.select_one('a[href="tel:+49511000000"]') is not None
    link = de.select_one(".ms-links a")
    assert (link["href"], link.get_text()) == ("https://example.org/lotse", "Mehr erfahren")
    en = soup(record_page(result.site, "en", "lotse-beruf"))
    assert en.select_one(".ms-steps h2").get_text() == "How to take part"
    assert en.select_one(".ms-links a").get_text() == "Find out more"
    assert "Lotse team" in en.select_one(".ms-contact").get_text()
