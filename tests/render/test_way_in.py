"""A way in (issue 11, point 4), on a copy of the project whose audiences, contact and steps
the test sets itself: "Auf einen Blick" starts with what a reader can do (or says that the city
has not published it); the home page leads to every record by audience and to the overview; the
overview filters by audience; audiences are a controlled vocabulary with a German message."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from projectcopy import check_in_process, copy_project
from sitebuild import build, html_pages, soup

LANGS = {"de": "", "en": "en/"}
EMAIL = "teilnahme@example.org"


@dataclass
class Built:
    project: Path
    site: Path
    records: list[dict]
    ui: dict[str, dict[str, str]]


def _edit(records: list[dict]) -> None:
    for record in records:
        for key in ("audiences", "contact", "links"):
            record.pop(key, None)
        for texts in record["texts"].values():
            texts.pop("how_to_take_part", None)
    records[0]["audiences"] = ["employers", "jobseekers"]
    records[1]["audiences"] = ["jobseekers"]
    records[0]["contact"] = {"name": {"de": "Team Beispiel", "en": "Example team"},
                             "email": EMAIL}
    for texts in records[0]["texts"].values():
        texts["how_to_take_part"] = ["Schritt eins.", "Schritt zwei."]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    root = tmp_path_factory.mktemp("way-in")
    project = copy_project(root / "project", edit_records=_edit)
    result = build(root / "site", project=project)
    assert result.returncode == 0, result.output
    records = yaml.safe_load((project / "data" / "projects.yaml").read_text())["records"]
    ui = {lang: yaml.safe_load((project / "data" / "ui" / f"{lang}.yaml").read_text())
          for lang in LANGS}
    yield Built(project, result.site, records, ui)


def _record_page(built: Built, lang: str, index: int):
    return soup(built.site / LANGS[lang] / "programme" / built.records[index]["id"]
                / "index.html")


@pytest.mark.parametrize("lang", LANGS)
def test_at_a_glance_starts_with_what_a_reader_can_do(built: Built, lang: str) -> None:
    page = _record_page(built, lang, 0)
    glance = page.select_one("section.ms-glance")
    first = glance.find(["div", "dl"], recursive=False)
    assert "ms-next" in first["class"]  # before the facts
    assert first.get_text(" ", strip=True).startswith(built.ui[lang]["glance.next"])
    assert first.select_one(f'a[href="mailto:{EMAIL}"]') is not None
    steps = first.select_one(".ms-next__steps a")
    assert steps["href"] == "#ms-steps-heading" and page.select_one("#ms-steps-heading")
    assert first.select_one(".ms-next__none") is None


@pytest.mark.parametrize("lang", LANGS)
def test_at_a_glance_says_plainly_when_nothing_is_published(built: Built, lang: str) -> None:
    first = _record_page(built, lang, 1).select_one("section.ms-glance .ms-next")
    # issue 18: said of the source, not of everything the city has published
    expected = {"de": "Die Pressemitteilung vom 20. September 2024 nennt keine Kontaktstelle.",
                "en": "The press release of 20 September 2024 names no contact point."}[lang]
    assert first.select_one(".ms-next__none").get_text(strip=True) == expected
    # nothing to act on here, but the way to "Hilfe und Kontakt" further down
    assert [a["href"] for a in first.select("a")] == ["#ms-help-heading"]


def test_status_shows_once_and_no_article_is_nested(built: Built) -> None:
    for index in range(len(built.records)):
        for lang in LANGS:
            content = _record_page(built, lang, index).select_one("article")
            assert len(content.select(".ms-tag")) <= 1
            assert content.select(".ms-facts__row--status") == []
    nested = [p for p in html_pages(built.site) if soup(p).select("article article")]
    assert nested == []


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_leads_to_the_overview_instead_of_repeating_the_records(built: Built,
                                                                            lang: str) -> None:
    """No cards on the home page: every record once by audience, all on the overview."""
    home = soup(built.site / LANGS[lang] / "index.html")
    assert home.select(".ms-card") == []
    link = home.select_one(".ms-offers__all a")
    assert link["href"].endswith(f"{LANGS[lang]}programme/")
    assert link.get_text(strip=True) == built.ui[lang]["home.all"].format(
        count=len(built.records))


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_offers_entry_by_audience(built: Built, lang: str) -> None:
    home = soup(built.site / LANGS[lang] / "index.html")
    entries = {
        entry.select_one(".ms-offer__who").get_text(strip=True).rstrip(":"):
            sorted(a["href"].rstrip("/").rsplit("/", 1)[-1] for a in entry.select("a"))
        for entry in home.select(".ms-offers li.ms-offer")
    }
    labels = built.ui[lang]
    first, second = built.records[0]["id"], built.records[1]["id"]
    assert entries == {labels["audience.jobseekers"]: sorted([first, second]),
                       labels["audience.employers"]: [first]}
    if lang == "de":
        assert "Arbeitgeber*innen" in entries  # the gender form, literally


def test_overview_filters_by_audience_with_counts(built: Built) -> None:
    for lang, prefix in LANGS.items():
        page = soup(built.site / prefix / "programme" / "index.html")
        labels = [label.get_text(strip=True) for label in page.select("fieldset.ms-filter label")]
        ui = built.ui[lang]
        assert labels == [f"{ui['overview.filter.all']} ({len(built.records)})",
                          f"{ui['audience.jobseekers']} (2)", f"{ui['audience.employers']} (1)"]
        radios = [i["id"] for i in page.select("fieldset.ms-filter input[type=radio]")]
        assert radios == ["ms-filter-all", "ms-filter-jobseekers", "ms-filter-employers"]
        first = page.select_one(f'li.ms-card:has(a[href$="/{built.records[0]["id"]}/"])')
        assert {"ms-card--for-employers", "ms-card--for-jobseekers"} <= set(first["class"])


def test_every_audience_has_a_filter_rule_in_the_stylesheet() -> None:
    from microsite.data.model import Audience
    from sitebuild import REPO

    css = (REPO / "docs" / "assets" / "microsite.css").read_text(encoding="utf-8")
    for audience in Audience:
        assert (f"#ms-filter-{audience.value}:checked) .ms-card:not(.ms-card--for-"
                f"{audience.value})") in css


def test_unknown_audience_is_reported_in_german_with_line(tmp_path: Path) -> None:
    def edit(records: list[dict]) -> None:
        records[0]["audiences"] = ["arbeitgeber"]

    project = copy_project(tmp_path / "project", edit_records=edit)
    text = (project / "data" / "projects.yaml").read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "arbeitgeber" in row)
    result = check_in_process(project)
    assert result.returncode == 1, result.stdout + result.stderr
    report = result.stdout + result.stderr
    assert "Traceback" not in report
    message = next(row for row in report.splitlines() if "„arbeitgeber“ ist nicht erlaubt" in row)
    assert f"data/projects.yaml, Zeile {line}" in message and "audiences[0]" in message
    assert "employers" in message and "jobseekers" in message


def test_an_audience_named_twice_is_reported_in_german(tmp_path: Path) -> None:
    def edit(records: list[dict]) -> None:
        records[0]["audiences"] = ["employers", "employers"]

    result = check_in_process(copy_project(tmp_path / "project", edit_records=edit))
    assert result.returncode == 1
    report = result.stdout + result.stderr
    assert "Feld „audiences“: „employers“ steht zweimal in der Liste" in report
