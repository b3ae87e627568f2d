"""Issue 18: every statement reads true on the day it is read. The sample project built on three
dates (SOURCE_DATE_EPOCH in 2024, 2025 and 2027), once each for the whole module:

- the meeting (``fachtag-europa``: under way on its source's date, no date of its own);
- a record with a status and no dates (``leitbild-teilhabe``);
- a record whose period ended (``gruendung-im-quartier``, September 2024 – August 2025);
- a new record with a source of its own (``jobmesse-2027``: an announcement, one day, a place).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from projectcopy import copy_project, sample_project
from shared_builds import shared_build
from sitebuild import epoch, run_by_server, soup

DATES = {"2024": dt.date(2024, 11, 15), "2025": dt.date(2025, 6, 1), "2027": dt.date(2027, 6, 1)}
PREFIX = {"de": "", "en": "en/"}
NO_CONTACT = {"de": "Die Pressemitteilung vom 20. September 2024 nennt keine Kontaktstelle.",
              "en": "The press release of 20 September 2024 names no contact point."}


@pytest.fixture(scope="module")
def sites(shared_sites: Path) -> dict[str, Path]:
    """Built once per test run (tests/render/test_site_build.py reads the 2024 site too)."""
    out = {}
    for year, day in DATES.items():
        result = shared_build(shared_sites, sample_project(), build_date=day)
        assert result.returncode == 0, result.output
        out[year] = result.site
    return out


def _text(node) -> str:
    return " ".join(node.get_text().split())


def _page(site: Path, rid: str, lang: str = "de"):
    return soup(site / PREFIX[lang] / "programme" / rid / "index.html")


def _status(site: Path, rid: str, lang: str = "de") -> tuple[str, list[str]]:
    line = _page(site, rid, lang).select_one(".ms-record__kind")
    tag = line.select_one(".ms-tag")
    return _text(line), tag["class"] if tag else []


def _groups(site: Path, lang: str = "de") -> dict[str, str]:
    """Record id → heading of its overview group."""
    page = soup(site / PREFIX[lang] / "programme" / "index.html")
    out = {}
    for group in page.select(".ms-overview__group"):
        for link in group.select(".ms-card__link"):
            out[link["href"].rstrip("/").rsplit("/", 1)[-1]] = _text(group.h2)
    return out


def _records(site: Path, lang: str = "de") -> dict[str, dict]:
    data = json.loads((site / PREFIX[lang] / "opendata" / "records.json").read_text("utf-8"))
    return {r["id"]: r for r in data["records"]}


@pytest.mark.parametrize("year", list(DATES))
def test_the_meeting_is_in_the_past_tense_and_never_running(sites: dict, year: str) -> None:
    site = sites[year]
    text, classes = _status(site, "fachtag-europa")
    assert text.startswith("Veranstaltung fand im September 2024 statt"), text
    assert "ms-tag--running" not in classes and "läuft" not in text
    en, _ = _status(site, "fachtag-europa", "en")
    assert "took place in September 2024" in en and "running" not in en
    assert _groups(site)["fachtag-europa"] == "Abgeschlossen"
    data = _records(site)["fachtag-europa"]
    assert (data["status"], data["status_basis"], data["status_date"]) == (
        "completed", "source", "2024-09-20")
    assert data["status_source"]["type"] == "Pressemitteilung"


@pytest.mark.parametrize(("year", "style"), [("2024", "running"), ("2025", "dated"),
                                             ("2027", "dated")])
def test_a_status_without_dates_is_shown_as_of_its_source(sites: dict, year: str,
                                                          style: str) -> None:
    site = sites[year]
    text, classes = _status(site, "leitbild-teilhabe")
    assert "Stand 20.09.2024: läuft" in text, text
    assert "laut Pressemitteilung vom 20. September 2024" in text
    # green only while the source is younger than six months; then neutral
    assert f"ms-tag--{style}" in classes, classes
    en, _ = _status(site, "leitbild-teilhabe", "en")
    assert "as of 20 Sept 2024: running" in en, en
    assert _groups(site)["leitbild-teilhabe"] == "Stand 20.09.2024"
    assert _groups(site, "en")["leitbild-teilhabe"] == "As of 20 Sept 2024"
    data = _records(site)["leitbild-teilhabe"]
    assert (data["status"], data["status_basis"], data["status_date"]) == (
        "running", "stated", "2024-09-20")


@pytest.mark.parametrize(("year", "status", "group"), [
    ("2024", "läuft", "Laufend"), ("2025", "läuft", "Laufend"),
    ("2027", "abgeschlossen", "Abgeschlossen")])
def test_a_record_whose_period_ended_reads_so(sites: dict, year: str, status: str,
                                              group: str) -> None:
    site = sites[year]
    text, _ = _status(site, "gruendung-im-quartier")
    assert f"Projekt {status} (nach dem Zeitraum laut Pressemitteilung" in text, text
    assert "Stand" not in text  # derived from the dates: today's, not as of a source
    assert _groups(site)["gruendung-im-quartier"] == group
    for lang in ("de", "en"):
        steps = _text(_page(site, "gruendung-im-quartier", lang).select_one(".ms-next"))
        assert NO_CONTACT[lang] in steps, steps
        assert "noch nicht veröffentlicht" not in steps and "not yet published" not in steps
    data = _records(site)["gruendung-im-quartier"]
    assert data["status_basis"] == "derived" and data["status_date"] == DATES[year].isoformat()


@pytest.mark.parametrize("year", list(DATES))
def test_a_new_record_names_its_own_source_not_the_files(sites: dict, year: str) -> None:
    site = sites[year]
    for lang, kind in (("de", "Ankündigung"), ("en", "announcement")):
        page = _page(site, "jobmesse-2027", lang)
        citations = [_text(c) for c in page.select(".ms-source")]
        assert len(citations) == 1 and kind in citations[0], citations
        assert "Beispiel-Jobmesse 2027" in citations[0]
        assert page.select_one(".ms-source a")["href"] == "https://www.example.com/jobmesse-2027"
        assert "Pressemitteilung" not in _text(page.select_one("#ms-content"))
        assert "press release" not in _text(page.select_one("#ms-content"))
    text, _ = _status(site, "jobmesse-2027")
    if year == "2027":
        assert "fand am 18. März 2027 statt" in text, text
    else:
        assert "findet am 18. März 2027 statt" in text, text
    # a start-only event is one day: no "ab 18. März 2027"
    glance = _text(_page(site, "jobmesse-2027").select_one(".ms-glance"))
    assert "Termin 18. März 2027" in glance and "ab 18. März" not in glance, glance
    assert "Ort Beispielhalle am Maschsee, Musterstraße 1, 30159 Hannover" in glance
    data = _records(site)["jobmesse-2027"]
    assert data["source"]["type"] == "Ankündigung" and data["source"]["date"] == "2026-11-20"
    assert data["location"] == {"name": "Beispielhalle am Maschsee",
                                "address": "Musterstraße 1, 30159 Hannover"}


def test_results_say_whose_and_of_when(sites: dict) -> None:
    heading = _text(_page(sites["2027"], "lotse-beruf").select_one("#ms-results-heading"))
    assert heading == "Ergebnisse (laut Pressemitteilung vom 20. September 2024)", heading


@pytest.mark.parametrize("lang", list(PREFIX))
def test_the_overview_and_start_page_name_every_source_they_draw_on(sites: dict,
                                                                     lang: str) -> None:
    for page in ("programme/", ""):
        html = soup(sites["2027"] / PREFIX[lang] / page / "index.html")
        citations = [_text(c) for c in html.select(".ms-source")]
        assert any("Beispielmitteilung zur Arbeitsmarktintegration" in c for c in citations)
        own = [c for c in citations if "Beispiel-Jobmesse 2027" in c]
        assert len(own) == 1 and {"de": "20. November 2026", "en": "20 November 2026"}[lang] \
            in own[0], citations


@pytest.mark.parametrize("year", list(DATES))
def test_the_calendar_stamps_the_build_and_gives_one_day_and_the_place(sites: dict,
                                                                       year: str) -> None:
    ics = (sites[year] / "opendata" / "events.ics").read_text(encoding="utf-8")
    unfolded = ics.replace("\r\n ", "")
    event = unfolded.split("BEGIN:VEVENT", 1)[1].split("END:VEVENT", 1)[0]
    stamp = dt.datetime.fromtimestamp(int(epoch(DATES[year])), dt.UTC)
    assert f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}" in event, event
    assert "DTSTART;VALUE=DATE:20270318" in event and "DTEND;VALUE=DATE:20270319" in event
    assert "LOCATION:Beispielhalle am Maschsee\\, Musterstraße 1\\, 30159 Hannover" in event
    page = _page(sites[year], "jobmesse-2027")
    ld = json.loads(page.select_one("script[type='application/ld+json']").string)
    assert ld["location"] == {"@type": "Place", "name": "Beispielhalle am Maschsee",
                              "address": "Musterstraße 1, 30159 Hannover"}


def test_the_impressum_names_the_office_not_a_person(sites: dict) -> None:
    impressum = _text(soup(sites["2027"] / "impressum" / "index.html").select_one("article"))
    assert "vertreten durch: Der Oberbürgermeister" in impressum
    assert "Der Oberbürgermeister," not in impressum
    english = _text(soup(sites["2027"] / "en" / "impressum" / "index.html").select_one("article"))
    assert "the Lord Mayor" in english and "the Lord Mayor," not in english


def test_a_copy_without_git_builds_with_todays_date_and_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "zip-download")  # a plain folder: no git history
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = run_by_server("mkdocs", ["build", "--strict", "-d", str(tmp_path / "site")],
                         cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    today = dt.datetime.now(dt.UTC).date().isoformat()
    lines = [line for line in output.splitlines() if "Build-Datum" in line]
    assert len(lines) == 1 and today in lines[0] and "kein Git-Commit" in lines[0], lines
