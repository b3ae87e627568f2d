"""Legal pages, site facts, metadata, JSON-LD, sitemap, robots.txt and search, on the built site."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import yaml

from microsite.render.facts import SiteFacts, UnknownFact, fill_facts, load_facts
from sitebuild import REPO, build, html_pages, page_for_url, run_by_server, soup

LANGS = {"de": "", "en": "en/"}
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

OG_LOCALES = {"de": "de_DE", "en": "en_GB", "tr": "tr_TR", "ar": "ar_EG", "uk": "uk_UA"}


def site_facts() -> dict:
    return yaml.safe_load((REPO / "data" / "site.yaml").read_text(encoding="utf-8"))


# --- legal pages and facts -------------------------------------------------------------------

def _empty_facts(page: str) -> set[str]:
    """The facts a legal page names (by placeholder) that data/site.yaml leaves empty."""
    facts = site_facts()
    named = set(re.findall(r"site\.([a-z_]+\.[a-z_]+)", page))
    return {key for key in named
            if (facts.get(key.split(".")[0]) or {}).get(key.split(".")[1]) is None}


LEGAL_TERMS = {
    "de": {"datenschutz": ["IP-Adresse", "Art. 6 Abs. 1 Buchst. e DSGVO", "Art. 15", "Art. 21",
                           "Landesbeauftragten für den Datenschutz Niedersachsen", "USA",
                           "keine Cookies"],
           "barrierefreiheit": ["NBGG", "EN 301 549", "(WCAG) 2.1", "Schlichtungsstelle",
                                "Landesbeauftragten für Menschen mit Behinderungen Niedersachsen"],
           "impressum": ["§ 5", "§ 18 Abs. 2 MStV"]},
    "en": {"datenschutz": ["IP address", "Art. 6(1)(e) GDPR", "Art. 15", "Art. 21",
                           "Landesbeauftragte für den Datenschutz Niedersachsen", "USA",
                           "no cookies"],
           "barrierefreiheit": ["NBGG", "EN 301 549", "(WCAG) 2.1", "Schlichtungsstelle",
                                "Landesbeauftragte für Menschen mit Behinderungen Niedersachsen"],
           "impressum": ["section 5", "section 18(2)"]},
}


def test_legal_pages_take_facts_from_the_facts_file(site: Path) -> None:
    facts = site_facts()
    for lang, prefix in LANGS.items():
        for slug, terms in LEGAL_TERMS[lang].items():
            source = (REPO / "docs" / lang / f"{slug}.md").read_text(encoding="utf-8")
            article = soup(site / prefix / slug / "index.html").select_one("article")
            text = " ".join(article.get_text(" ").split())
            for term in terms:
                assert term in text, (lang, slug, term)
            # every fact the file leaves empty is a visible marker (besides the legend that
            # explains the marker), and no fact that is given
            empty = _empty_facts(source)
            expected = sum(1 for key in re.findall(r"\{\{\s*site\.([a-z_]+\.[a-z_]+)", source)
                           if key in empty)
            legend = source.count('<mark class="ms-missing">')
            assert len(article.select("mark.ms-missing")) == expected + legend, (lang, slug)
        impressum = soup(site / prefix / "impressum" / "index.html").get_text(" ")
        assert facts["operator"]["name"][lang] in impressum
        assert facts["operator"]["representative"][lang] in impressum
        privacy = soup(site / prefix / "datenschutz" / "index.html").get_text(" ")
        assert facts["hosting"]["provider"] in privacy


def test_a_given_fact_replaces_its_marker(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text("format: 1\noperator:\n  email: presse@example.org\n  address: ~\n",
                    encoding="utf-8")
    facts, problems = load_facts(path, "data/site.yaml")
    assert not [p for p in problems if not p.warning]
    html = fill_facts("E-Mail: {{ site.operator.email }} / {{ site.operator.address }}", facts,
                      "de", "de", lambda key: f"label {key}", "Angabe fehlt")
    assert '<a href="mailto:presse@example.org">presse@example.org</a>' in html
    assert '<mark class="ms-missing">Angabe fehlt: label operator.address</mark>' in html
    missing = {p.field: p.line for p in problems if p.code == "fact_missing"}
    assert missing["operator.address"] == 4
    with pytest.raises(UnknownFact):
        fill_facts("{{ site.operator.adress }}", SiteFacts(), "de", "de", str, "x")


def test_bad_facts_file_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text("format: 1\noperator:\n  adress: Trammplatz\n  email: keine-adresse\n"
                    "  name: <b>Stadt</b>\naccessibility:\n  conciliation_url: javascript:x()\n",
                    encoding="utf-8")
    _, problems = load_facts(path, "data/site.yaml")
    errors = {p.code: p for p in problems if not p.warning}
    assert errors["unknown_key"].line == 3
    assert "meinten Sie „address“" in errors["unknown_key"].message("de")
    assert errors["bad_email"].line == 4
    assert errors["markup_in_plain"].line == 5
    assert errors["bad_url"].line == 7
    assert errors["bad_url"].field == "accessibility.conciliation_url"
    assert "data/site.yaml, Zeile 4" in errors["bad_email"].message("de")


def test_check_lists_the_missing_facts() -> None:
    proc = run_by_server("microsite.cli", ["check", "--lang", "en", "--facts"], cwd=REPO,
                         env=dict(os.environ), timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "data/site.yaml, line" in line]
    assert any("operator.address" in line and "line " in line for line in lines), proc.stderr
    assert len(lines) == sum(1 for group in site_facts().values() if isinstance(group, dict)
                             for value in group.values() if value is None)


def test_easy_read_page_exists_and_every_page_links_to_it(site: Path, site_url: str) -> None:
    page = soup(site / "leichte-sprache" / "index.html")
    assert page.html["lang"] == "de"
    headings = [h.get_text() for h in page.select("article h2")]
    # the essentials of the accessibility statement (Leichte Sprache writes „barriere-frei“)
    assert any("barrierefrei" in h.replace("-", "").casefold() for h in headings)
    assert any("zurecht" in h for h in headings)  # navigation hints (BITV 2.0 § 4)
    for path in (site / "index.html", site / "en" / "programme" / "lotse-beruf" / "index.html"):
        link = soup(path).select_one("footer a[href$='leichte-sprache/']")
        assert link["href"] == f"{site_url}leichte-sprache/" and link["lang"] == "de"


# --- metadata --------------------------------------------------------------------------------

def test_every_page_has_canonical_description_and_open_graph(site: Path, site_url: str) -> None:
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        if rel.endswith("404/index.html") or rel == "404.html":
            continue
        page = soup(path)
        canonical = page.select_one("link[rel=canonical]")["href"]
        assert page_for_url(site, site_url, canonical) == path, rel
        description = page.select_one("meta[name=description]")["content"]
        assert len(description) > 20, rel
        og = {m["property"]: m["content"] for m in page.select("meta[property^='og:']")
              if m["property"] != "og:locale:alternate"}
        assert og["og:url"] == canonical and og["og:description"] == description, rel
        assert og["og:locale"] == OG_LOCALES[page.html["lang"]], rel
        alternates = [m["content"] for m in page.select("meta[property='og:locale:alternate']")]
        hreflangs = {a["hreflang"] for a in page.select("link[rel=alternate][hreflang]")}
        expected = set(OG_LOCALES) & hreflangs - {page.html["lang"]}
        assert sorted(alternates) == sorted(OG_LOCALES[c] for c in expected), rel


def test_record_description_is_its_summary(site: Path, records: list[dict]) -> None:
    for record in records:
        for lang, prefix in LANGS.items():
            page = soup(site / prefix / "programme" / record["id"] / "index.html")
            summary = " ".join(record["texts"][lang]["summary"].split())
            assert page.select_one("meta[name=description]")["content"] == summary


EXPECTED_TYPES = {"programme": "EducationalOccupationalProgram", "service": "GovernmentService",
                  "project": "Project", "event": "Event", "strategy": "Project"}


def _json_ld(path: Path) -> dict:
    scripts = soup(path).select("script[type='application/ld+json']")
    assert len(scripts) == 1, path
    return json.loads(scripts[0].string)


def test_json_ld_fits_each_kind(site: Path, records: list[dict], site_url: str) -> None:
    for record in records:
        for lang, prefix in LANGS.items():
            path = site / prefix / "programme" / record["id"] / "index.html"
            data = _json_ld(path)
            assert data["@context"] == "https://schema.org"
            assert data["@type"] == EXPECTED_TYPES[record["kind"]]
            assert data["url"] == f"{site_url}{prefix}programme/{record['id']}/"
            assert data["name"] == record["texts"][lang]["title"].strip()
    project = _json_ld(site / "en" / "programme" / "gruendung-im-quartier"
                       / "index.html")
    assert project["funder"][0]["name"] == "City of Hannover"
    assert project["funding"]["@type"] == "MonetaryGrant"
    assert project["funding"]["amount"] == {"@type": "MonetaryAmount", "value": 50000,
                                            "currency": "EUR"}
    programme = _json_ld(site / "programme" / "lotse-beruf" / "index.html")
    assert programme["provider"]["name"] == "Landeshauptstadt Hannover"
    # schema.org defines no funder, audience or dates we do not know for this type
    assert not {"funder", "audience", "startDate", "endDate"} & set(programme)
    event = _json_ld(site / "programme" / "fachtag-europa" / "index.html")
    assert {o["name"] for o in event["organizer"]} >= {"Eurocities"}
    assert event["inLanguage"] == ["en"]
    service = _json_ld(site / "programme" / "servicestelle-anerkennung"
                       / "index.html")
    assert service["provider"]["name"].startswith("Servicestelle")
    for record in records:  # a service's audience is its target group, where the data has one
        if record["kind"] == "service":
            data = _json_ld(site / "programme" / record["id"] / "index.html")
            target = record["texts"]["de"].get("target_group")
            assert (data["audience"]["audienceType"] if "audience" in data else None) == (
                target.strip() if target else None)
    assert "serviceType" not in service


def test_json_ld_cannot_break_out_of_its_script() -> None:
    from microsite.render.structured_data import to_script

    text = to_script({"name": "</script><script>alert(1)</script>"})
    assert "<" not in text and json.loads(text)["name"].startswith("</script>")


# --- sitemap, robots.txt, search -------------------------------------------------------------

def test_sitemap_lists_every_page_with_reciprocal_alternates(site: Path, site_url: str) -> None:
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    urls = {}
    for url in root.findall(f"{SM}url"):
        loc = url.find(f"{SM}loc").text
        urls[loc] = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
    pages = {p for p in html_pages(site) if "404" not in p.relative_to(site).as_posix()}
    assert {page_for_url(site, site_url, loc) for loc in urls} == pages
    german_only = {f"{site_url}leichte-sprache/"}
    for loc, alternates in urls.items():
        if loc in german_only:
            continue
        assert alternates, f"{loc} has no hreflang alternates in the sitemap"
        own = next((code for code in ("en", "tr", "ar", "uk") if f"/{code}/" in loc), "de")
        if own not in alternates:  # a record without a text in this language: German shown
            assert "/programme/" in loc and own in ("tr", "ar", "uk"), loc
            continue
        assert alternates[own] == loc
        # German and English everywhere; Turkish, Arabic, Ukrainian where translated
        assert {"de", "en", "x-default"} <= set(alternates) <= {*OG_LOCALES, "x-default"}
        assert alternates["x-default"] == alternates["de"]
        for code in set(alternates) - {"x-default"}:
            assert urls[alternates[code]] == alternates, loc
    # the Leichte Sprache page exists only in German: no alternates
    assert urls[f"{site_url}leichte-sprache/"] == {}


def test_no_robots_txt_where_no_crawler_reads_it(site: Path, site_url: str) -> None:
    """Under a path, robots.txt is never read (test_robots.py: written at a host's root)."""
    assert urlsplit(site_url).path not in ("", "/")
    assert not (site / "robots.txt").exists()


def test_search_index_per_language(site: Path) -> None:
    german = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    english = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert german["config"]["lang"] == ["de"] and english["config"]["lang"] == ["en"]
    assert german["docs"] and not any(d["location"].startswith("en/") for d in german["docs"])
    assert any(d["location"] == "programme/lotse-beruf/" for d in english["docs"])
    assert any("self-employed" in d["text"] for d in english["docs"])
    assert not any("self-employed" in d["text"] for d in german["docs"])


def test_german_programme_name_on_english_pages_carries_lang(site: Path) -> None:
    """“Lotse Beruf” is the programme's German name (``title_lang: de`` in the data)."""
    page = soup(site / "en" / "programme" / "lotse-beruf" / "index.html")
    assert page.select_one("h1.ms-record__title")["lang"] == "de"
    card = soup(site / "en" / "programme" / "index.html").select_one(
        "a.ms-card__link[href$='lotse-beruf/']")
    assert card["lang"] == "de"
    german = soup(site / "programme" / "lotse-beruf" / "index.html")
    assert "lang" not in german.select_one("h1.ms-record__title").attrs
    english_title = soup(site / "en" / "programme" / "leitbild-teilhabe" / "index.html")
    assert "lang" not in english_title.select_one("h1.ms-record__title").attrs


def _project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("data", "docs", "overrides"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    return project


def test_a_fact_given_in_the_file_reaches_both_languages(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    facts = project / "data" / "site.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "  address: ~                    # ladungsfähige",
        "  address: Musterstraße 1, 30159 Hannover  # ladungsfähige", 1), encoding="utf-8")
    result = build(tmp_path / "out", project=project)
    assert result.returncode == 0, result.output
    for prefix in LANGS.values():
        publisher = soup(result.site / prefix / "impressum" / "index.html").select("article p")
        text = " ".join(p.get_text(" ") for p in publisher)
        assert "Musterstraße 1, 30159 Hannover" in text
        assert "ladungsfähige Anschrift" not in text and "address for service" not in text


def test_a_page_naming_an_unknown_fact_stops_the_build(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    page = project / "docs" / "en" / "impressum.md"
    text = page.read_text(encoding="utf-8") + "\n{{ site.operator.adress }}\n"
    page.write_text(text, encoding="utf-8")
    result = build(tmp_path / "out", project=project)
    assert result.returncode != 0
    assert (f"docs/en/impressum.md, Zeile {text.count(chr(10))}, Spalte 1: unbekannte "
            "Angabe „{{ site.operator.adress }}“") in result.output
    assert "Traceback" not in result.output


def test_error_pages_are_not_indexed_nor_searchable(site: Path) -> None:
    for path in (site / "404.html", site / "404" / "index.html",
                 site / "en" / "404" / "index.html"):
        page = soup(path)
        assert page.select_one('meta[name="robots"]')["content"] == "noindex", path
        assert page.select_one('link[rel="canonical"]') is None, path
    for index in (site / "search" / "search_index.json",
                  site / "en" / "search" / "search_index.json"):
        locations = [doc["location"] for doc in json.loads(index.read_text())["docs"]]
        assert locations and not [loc for loc in locations if "404" in loc], index
    # other pages keep their canonical address (their noindex, while the site is a preview,
    # comes from the legal gate: tests/render/test_release_gate.py)
    assert soup(site / "impressum" / "index.html").select_one('link[rel="canonical"]')


def test_sitemap_lastmod_is_when_the_facts_changed_not_the_build_date(
        site: Path, site_url: str) -> None:
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    lastmods = {url.find(f"{SM}loc").text: url.find(f"{SM}lastmod") for url in root}
    record = lastmods[f"{site_url}programme/lotse-beruf/"]
    assert record is not None and record.text == "2024-09-20"  # the press release's date
    assert lastmods[f"{site_url}impressum/"] is None  # unknown: left out, not today's date


def test_shared_pages_show_a_self_hosted_preview_image(site: Path, site_url: str) -> None:
    for path in (site / "index.html", site / "en" / "programme" / "lotse-beruf" / "index.html"):
        page = soup(path)
        image = page.select_one('meta[property="og:image"]')["content"]
        assert image.startswith(site_url)  # our own host, no third party
        data = page_for_url(site, site_url, image).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (1200, 630)
        assert page.select_one('meta[property="og:image:alt"]')["content"].strip()
