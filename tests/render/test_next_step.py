"""Issue 19: every reader finds a next step.

On a copy of the sample project with one audience per sample record, 55 more records for
institutions (so the overview needs a second page and the home page must count instead of
list), a contact in ``data/site.yaml`` and a source with an address: "Hilfe und Kontakt" on
every record page and as a page per language, the home page's first screen without repeats, the
overview in pages. The sample site itself (no contact given) shows how missing facts are said;
``check`` refuses an organisation address that is not a home page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from projectcopy import check_in_process, copy_project
from sitebuild import build, html_pages, soup

LANGS = {"de": "", "en": "en/"}
AUDIENCES = ["jobseekers", "self-employed", "skilled-workers-abroad", "employers", "institutions"]
EXTRA = 55
EMAIL = "hilfe@example.org"
SOURCE_URL = "https://www.example.org/presse/2024-09-20"


@dataclass
class Built:
    project: Path
    site: Path
    records: list[dict]
    ui: dict[str, dict[str, str]]


def _edit(records: list[dict]) -> None:
    for record, audience in zip(records, AUDIENCES, strict=False):
        record["audiences"] = [audience]
    template = records[1]
    for i in range(EXTRA):
        extra = yaml.safe_load(yaml.safe_dump(template))
        extra.pop("translation", None)
        extra["id"] = f"weiteres-angebot-{i:02d}"
        extra["audiences"] = ["institutions"]
        for lang, texts in extra["texts"].items():
            texts["title"] = f"Weiteres Angebot {i:02d} ({lang})"
        records.append(extra)


def _given(project: Path) -> None:
    facts = project / "data" / "site.yaml"
    text = facts.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  email: ~", f"  email: {EMAIL}", text, count=1)
    text = re.sub(r"(?m)^  phone: ~", "  phone: +49 511 000000", text, count=1)
    facts.write_text(text, encoding="utf-8")
    data_file = project / "data" / "projects.yaml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    data["source"] = {"type": {"de": "Pressemitteilung", "en": "press release"},
                      "publisher": {"de": "Landeshauptstadt Hannover", "en": "City of Hannover"},
                      "title": "Beispieltitel", "date": dt.date(2024, 9, 20), "url": SOURCE_URL}
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                         encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    root = tmp_path_factory.mktemp("next-step")
    project = copy_project(root / "project", edit_records=_edit, languages=tuple(LANGS))
    _given(project)
    result = build(root / "site", project=project)
    assert result.returncode == 0, result.output
    records = yaml.safe_load((project / "data" / "projects.yaml").read_text())["records"]
    ui = {lang: yaml.safe_load((project / "data" / "ui" / f"{lang}.yaml").read_text())
          for lang in LANGS}
    yield Built(project, result.site, records, ui)


def _org_urls(record: dict) -> set[str]:
    orgs = [*record.get("providers", []), *record.get("partners", []),
            *(record.get("funding") or {}).get("funders", [])]
    return {org["url"] for org in orgs if org.get("url")}


def _is_home_page(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme == "https" and parts.path in ("", "/") and not parts.query
            and not parts.fragment and "@" not in parts.netloc)


# --- Hilfe und Kontakt ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_record_page_has_help_and_contact(built: Built, lang: str, site_url: str) -> None:
    ui = built.ui[lang]
    for record in built.records[:5]:
        page = soup(built.site / LANGS[lang] / "programme" / record["id"] / "index.html")
        section = page.select_one("section.ms-help")
        assert section is not None, record["id"]
        assert section.select_one("h2#ms-help-heading").get_text(strip=True) == ui["help.title"]
        links = {a["href"] for a in section.select(".ms-help__institutions a")}
        assert links == _org_urls(record) and all(_is_home_page(u) for u in links)
        assert section.select_one(f'a[href="mailto:{EMAIL}"]') is not None
        assert section.select_one(".ms-help__more a")["href"] == f"{site_url}{LANGS[lang]}hilfe/"
        # "Auf einen Blick" leads to it, whatever the record publishes
        assert page.select_one('.ms-glance .ms-next__help a[href="#ms-help-heading"]')


@pytest.mark.parametrize("lang", LANGS)
def test_help_page_names_every_institution_the_contact_and_the_linked_source(
        built: Built, lang: str) -> None:
    ui = built.ui[lang]
    page = soup(built.site / LANGS[lang] / "hilfe" / "index.html")
    assert page.select_one("h1").get_text(strip=True) == ui["help.title"]
    help_section = page.select_one("section.ms-help--page")
    links = [a["href"] for a in help_section.select(".ms-help__institutions a")]
    assert sorted(links) == sorted(set().union(*(_org_urls(r) for r in built.records)))
    assert len(links) == len(set(links)) == 4
    assert help_section.select_one(f'a[href="mailto:{EMAIL}"]').get_text() == EMAIL
    assert help_section.select_one('a[href^="tel:"]')["href"] == "tel:+49511000000"
    source = help_section.select_one(".ms-source")
    assert source.select_one("a")["href"] == SOURCE_URL
    assert page.select_one(".ms-help__no-contact") is None
    # in the navigation (and so in the phone menu) and in the footer of every page
    home = soup(built.site / LANGS[lang] / "index.html")
    assert home.select_one('.md-nav--primary a[href$="hilfe/"]') is not None  # relative
    assert home.select_one(f'footer a[href$="{LANGS[lang]}hilfe/"]') is not None


def test_without_a_contact_the_help_section_says_so_plainly(site: Path) -> None:
    """The sample site: the city has given no contact yet, and no editors' marker shows."""
    ui = yaml.safe_load((Path(__file__).parents[2] / "data" / "ui" / "de.yaml").read_text())
    page = soup(site / "hilfe" / "index.html")
    section = page.select_one("section.ms-help")
    assert section.select_one(".ms-help__no-contact").get_text(strip=True) == ui["help.no_contact"]
    assert section.select("mark") == [] and section.select('a[href^="mailto:"]') == []
    institutions = [a["href"] for a in section.select(".ms-help__institutions a")]
    assert "https://www.arbeitsagentur.de/" in institutions


def test_every_link_that_leaves_the_site_has_a_valid_form(site: Path, site_url: str) -> None:
    """Web addresses only (https or http with a domain); an organisation only by its home
    page."""
    from microsite.checks.text_checks import home_page_problem, link_problem

    seen: set[str] = set()
    for path in html_pages(site):
        page = soup(path)
        for a in page.select("a[href]"):
            href = a["href"]
            if href.startswith(("#", "mailto:", "tel:", site_url)) or "://" not in href:
                continue
            seen.add(href)
            assert link_problem(href) is None, (path, href)
        for a in page.select(".ms-help__institutions a"):
            assert home_page_problem(a["href"]) is None, (path, a["href"])
    assert "https://www.hannover.de/" in seen  # the sample names the city with its home page


def test_an_organisation_address_that_is_not_a_home_page_is_refused(tmp_path: Path) -> None:
    deep = "https://www.arbeitsagentur.de/arbeitslos-arbeit-finden"

    def edit(records: list[dict]) -> None:
        records[4]["partners"][1]["url"] = deep

    project = copy_project(tmp_path / "project", edit_records=edit)
    text = (project / "data" / "projects.yaml").read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if deep in row)
    result = check_in_process(project)
    report = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in report
    message = next(row for row in report.splitlines() if deep in row)
    assert f"data/projects.yaml, Zeile {line}" in message and "partners[1].url" in message
    assert "nicht die Startseite der Einrichtung" in message


# --- home page and overview ------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_home_page_says_what_it_offers_whom_once(built: Built, lang: str) -> None:
    ui = built.ui[lang]
    home = soup(built.site / LANGS[lang] / "index.html")
    content = home.select_one(".ms-home")
    order = [el for el in content.find_all(True)
             if {"ms-offers__ways", "ms-offers", "ms-home__background"} & set(el.get("class", []))]
    assert [el["class"][0] for el in order] == ["ms-offers__ways", "ms-offers",
                                               "ms-home__background"]
    assert order[0].select_one("a.ms-easy-read--home svg") is not None  # with its pictogram
    lines = content.select("li.ms-offer")
    assert [li.select_one(".ms-offer__who").get_text(strip=True) for li in lines] == [
        ui[f"audience.{a}"] + ":" for a in AUDIENCES]
    record_links = [a["href"] for a in content.select("a[href*='/programme/']")
                    if a["href"].rstrip("/").rsplit("/", 1)[-1] != "programme"]
    assert len(record_links) == len(set(record_links)) == 4 + 3  # no record twice, no cards
    assert content.select(".ms-card") == []
    more = lines[-1].select("a")[-1]
    assert more.get_text(strip=True) == ui["home.more"].format(count=EXTRA + 1 - 3)
    assert more["href"].endswith(f"{LANGS[lang]}programme/")
    everything = content.select_one(".ms-offers__all a")
    assert everything.get_text(strip=True) == ui["home.all"].format(count=len(built.records))


@pytest.mark.parametrize("lang", LANGS)
def test_overview_is_cut_into_pages_of_fifty(built: Built, lang: str, site_url: str) -> None:
    first = soup(built.site / LANGS[lang] / "programme" / "index.html")
    second = soup(built.site / LANGS[lang] / "programme" / "seite" / "2" / "index.html")
    ids = []
    for page, count in ((first, 50), (second, len(built.records) - 50)):
        cards = page.select("li.ms-card a.ms-card__link")
        assert len(cards) == count
        ids += [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in cards]
        nav = page.select("nav.ms-pages a")
        assert [a["href"] for a in nav] == [f"{site_url}{LANGS[lang]}programme/",
                                            f"{site_url}{LANGS[lang]}programme/seite/2/"]
    assert sorted(ids) == sorted(r["id"] for r in built.records)
    assert first.select_one('nav.ms-pages a[aria-current="page"]')["href"].endswith("programme/")
    assert second.select_one('nav.ms-pages a[aria-current="page"]')["href"].endswith("seite/2/")
    assert not (built.site / LANGS[lang] / "programme" / "seite" / "3").exists()


def _filters(project: Path) -> tuple:
    from microsite.render.project import read_project_settings
    from microsite.render.site import load_site

    settings, _ = read_project_settings(project / "mkdocs.yml")
    return load_site(settings).overview_pages("de")[0].filters


def test_the_filter_shows_only_where_it_narrows_something_down(tmp_path: Path) -> None:
    def one_each(records: list[dict]) -> None:
        assert len(records) >= len(AUDIENCES)
        for n, record in enumerate(records):  # one audience each; records beyond: none
            if n < len(AUDIENCES):
                record["audiences"] = [AUDIENCES[n]]
            else:
                record.pop("audiences", None)

    def two_for_jobseekers(records: list[dict]) -> None:
        one_each(records)
        records[1]["audiences"] = ["jobseekers"]

    assert _filters(copy_project(tmp_path / "one", edit_records=one_each)) == ()
    options = _filters(copy_project(tmp_path / "two", edit_records=two_for_jobseekers))
    counts = dict((o.key, o.count) for o in options)
    assert counts["jobseekers"] == 2 and counts["all"] >= len(AUDIENCES)
    assert [o.key for o in options][:2] == ["all", "jobseekers"]


# --- Leichte Sprache and the colour schemes --------------------------------------------------

def test_leichte_sprache_is_in_the_header_of_every_page(site: Path, site_url: str) -> None:
    target = f"{site_url}leichte-sprache/"
    pages = html_pages(site)
    assert len(pages) >= 20
    for path in pages:
        page = soup(path)
        link = page.select_one("header .ms-header-links a.ms-easy-read--header")
        assert link is not None, path
        assert link["href"] == target and link["lang"] == "de", path
        assert link.select_one("svg[aria-hidden=true]") is not None, path
        assert link.get_text(strip=True) == "Leichte Sprache", path
        menu = page.select_one(".md-nav--primary li.ms-nav-easy-read a")
        assert menu is not None and menu["href"] == target, path
    own = soup(site / "leichte-sprache" / "index.html")
    assert own.select_one("a.ms-easy-read--header")["aria-current"] == "page"


def test_leichte_sprache_starts_with_help_and_shows_no_editors_marker(site: Path) -> None:
    page = soup(site / "leichte-sprache" / "index.html")
    content = page.select_one(".ms-easy-read-page")
    assert content is not None  # the wrapper that sets larger type and line spacing
    assert content.select_one("h2").get_text(strip=True) == "Wie bekomme ich Hilfe?"
    assert content.select("mark") == [] and "Angabe fehlt" not in content.get_text()
    said = {el.get_text(strip=True) for el in content.select(".ms-missing-said")}
    assert said == {"Die Stadt hat das noch nicht gesagt."}
    first = content.select_one("h2").find_next_sibling("p")
    assert first.select_one('a[href="https://www.hannover.de/"]') is not None
    headings = [h.get_text(strip=True) for h in content.select("h2")]
    assert headings.index("Wie bekomme ich Hilfe?") < headings.index("Die Angebote") < \
        headings.index("Was will die Stadt Hannover?")  # the quotes come after


def test_the_colour_schemes_follow_the_system_with_a_named_switch(site: Path) -> None:
    for prefix, lang in (("", "de"), ("en/", "en")):
        ui = yaml.safe_load((Path(__file__).parents[2] / "data" / "ui" / f"{lang}.yaml")
                            .read_text(encoding="utf-8"))
        page = soup(site / prefix / "index.html")
        options = page.select('form[data-md-component="palette"] input')
        assert [(o["data-md-color-media"], o["data-md-color-scheme"]) for o in options] == [
            ("(prefers-color-scheme: light)", "default"),
            ("(prefers-color-scheme: dark)", "slate")]
        assert [o["aria-label"] for o in options] == [ui["palette.to_dark"],
                                                      ui["palette.to_light"]]


def test_check_verifies_the_form_of_links_leaving_hand_written_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "de" / "leichte-sprache.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "(https://www.arbeitsagentur.de/)", "(https:/www.arbeitsagentur.de/)"), encoding="utf-8")
    line = next(i for i, row in enumerate(page.read_text().splitlines(), 1)
                if "https:/www.arbeitsagentur" in row)
    result = check_in_process(project)
    report = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in report
    message = next(row for row in report.splitlines() if "https:/www.arbeitsagentur.de/" in row)
    assert message.startswith(f"docs/de/leichte-sprache.md, Zeile {line}")
    assert "keine vollständige Webadresse" in message
