"""Issue 11, point 3, and issue 18: every status carries the date of its source, and every page
that draws on a source names it (title and date), in every language. A record names its sources
(``sources:``); the file's source is only the default for records that name it
(``- default: true``); a record without a source shows no attribution at all.

Built on a copy of the project whose source is replaced by a test source, so nothing here
depends on the live records: the assertions read the copy's own data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from projectcopy import check_in_process, copy_project
from sitebuild import build, soup

SOURCE = {
    "type": {"de": "Mitteilung", "en": "notice"},
    "publisher": {"de": "Testamt", "en": "Test office"},
    "title": "Ein ausgedachter Titel",
    "date": "2023-05-04",
}
OWN_SOURCE = {"type": {"de": "Broschüre", "en": "brochure"}, "title": "Eigene Quelle",
              "date": "2022-01-31", "url": "https://example.org/quelle"}
DATES = {"de": "4. Mai 2023", "en": "4 May 2023"}
OWN_DATES = {"de": "31. Januar 2022", "en": "31 January 2022"}
PREFIX = {"de": "", "en": "en/"}


@dataclass
class Built:
    root: Path
    site: Path
    records: list[dict]


def _write_data(root: Path, edit) -> list[dict]:
    data_file = root / "data" / "projects.yaml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    edit(data)
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                         encoding="utf-8")
    return data["records"]


def _with_test_sources(data: dict) -> None:
    data["source"] = dict(SOURCE)
    for record in data["records"]:
        record["sources"] = [{"default": True}]
    data["records"][0]["sources"] = [dict(OWN_SOURCE)]  # a record citing a source of its own
    last = data["records"][-1]  # a record that names no source (no status, results, amount)
    assert not last.get("status") and not last.get("results"), last["id"]
    del last["sources"]


def _cited(index: int, records: list[dict]) -> dict | None:
    if "sources" not in records[index]:
        return None
    return OWN_SOURCE if index == 0 else SOURCE


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_project(tmp_path_factory.mktemp("sources") / "project", languages=("de", "en"))
    records = _write_data(root, _with_test_sources)
    result = build(root / "out", project=root, build_date=dt.date(2031, 6, 1))
    assert result.returncode == 0, result.output
    return Built(root, result.site, records)


def _text(node) -> str:
    return " ".join(node.get_text().split())


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_status_names_its_source_and_its_date(built: Built, lang: str) -> None:
    for index, record in enumerate(built.records):
        page = soup(built.site / PREFIX[lang] / "programme" / record["id"] / "index.html")
        line = page.select_one(".ms-record__kind")  # the status is shown once: beside the kind
        if line.select_one(".ms-tag") is None:  # no dates and no stated status: no status
            assert not record.get("status") and not record.get("period"), record["id"]
            continue
        status = _text(line)
        source = _cited(index, built.records)
        if source is None:  # no source: no "laut …" line
            assert not page.select(".ms-status-source"), record["id"]
            assert not re.search(r"\blaut\b|according to", status), status
            continue
        date = OWN_DATES[lang] if index == 0 else DATES[lang]
        assert source["type"][lang] in status and date in status, (record["id"], status)
        # a stated status and one derived from the dates read differently
        stated = {"de": "laut", "en": "according to the"}[lang]
        derived = {"de": "nach dem Zeitraum", "en": "based on the period"}[lang]
        if record.get("status"):
            assert stated in status and derived not in status, status
        else:
            assert derived in status, status


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_record_page_cites_its_source_with_title_and_date(built: Built, lang: str) -> None:
    for index, record in enumerate(built.records):
        page = soup(built.site / PREFIX[lang] / "programme" / record["id"] / "index.html")
        citation = page.select_one(".ms-source")
        source = _cited(index, built.records)
        if source is None:
            assert citation is None, record["id"]
            continue
        assert citation is not None, record["id"]
        text = _text(citation)
        assert source["title"] in text and source["type"][lang] in text, text
        assert (OWN_DATES if index == 0 else DATES)[lang] in text, text
        title = citation.select_one("cite")
        # the title is quoted as published (German); on English pages it says so
        assert title.get("lang") == (None if lang == "de" else "de")
        link = citation.select_one("a")
        assert (link["href"] if link else None) == source.get("url")


def _declares_source(markdown: str) -> bool:
    front = re.match(r"---\n(.*?)\n---\n", markdown, re.DOTALL)
    meta = yaml.safe_load(front.group(1)) if front else {}
    return bool((meta.get("microsite") or {}).get("source"))


def test_pages_that_declare_the_source_name_it_and_no_others(built: Built) -> None:
    declared = 0
    for lang in ("de", "en"):
        for md in sorted((built.root / "docs" / lang).glob("*.md")):
            if md.stem == "404":
                continue
            slug = "" if md.stem == "index" else f"{md.stem}/"
            page = soup(built.site / PREFIX[lang] / slug / "index.html")
            citation = page.select_one(".ms-source")
            if _declares_source(md.read_text(encoding="utf-8")):
                declared += 1
                assert citation is not None, md
                text = _text(citation)
                assert SOURCE["title"] in text and DATES[lang] in text, (md, text)
                assert SOURCE["publisher"][lang] in text, (md, text)
            else:
                assert citation is None, md
    assert declared >= 2  # at least one page per language draws on the source
    for lang in ("de", "en"):  # the overview lists what the source says
        overview = soup(built.site / PREFIX[lang] / "programme" / "index.html")
        assert DATES[lang] in _text(overview.select_one(".ms-source"))


def test_a_wrong_source_is_reported_in_german_with_its_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")

    def broken(data: dict) -> None:
        data["source"] = {**SOURCE, "date": "2023-02-30", "url": "kein-link"}
        data["records"][0]["sources"] = [{"title": "ohne Datum"}]

    _write_data(root, broken)
    result = check_in_process(root)
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert re.search(r"Zeile \d+, Spalte \d+: Feld „source\.date“: „2023-02-30“ gibt es nicht "
                     r"im Kalender", out), out
    assert "Feld „source.url“: „kein-link“ ist keine Webadresse" in out, out
    assert re.search(r"Feld „sources\[0\]“: Quelle ohne Datum", out), out
    assert "Traceback" not in out


@pytest.mark.parametrize("lang", ["de", "en"])
def test_open_data_and_json_ld_name_the_source_and_how_each_status_came_about(
        built: Built, lang: str) -> None:
    import json

    exported = json.loads((built.site / PREFIX[lang] / "opendata" / "records.json")
                          .read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in exported["records"]}
    for index, record in enumerate(built.records):
        data = by_id[record["id"]]
        source = _cited(index, built.records)
        page = soup(built.site / PREFIX[lang] / "programme" / record["id"] / "index.html")
        ld = json.loads(page.select_one("script[type='application/ld+json']").string)
        if source is None:
            assert data["source"] is None and data["sources"] == [] and "isBasedOn" not in ld
            continue
        assert data["source"]["date"] == source["date"]
        assert data["source"]["type"] == source["type"][lang]
        assert data["source"]["title"] == source["title"]
        if data["status"] is None:
            assert data["status_basis"] is None
        else:
            expected = "derived"
            if record.get("status"):  # an event reported as under way is past after its date
                expected = "source" if record["kind"] == "event" else "stated"
            assert data["status_basis"] == expected, record["id"]
            assert data["status_source"] == data["source"]
            assert data["status_date"] == (
                "2031-06-01" if expected == "derived" else source["date"])
        assert ld["isBasedOn"]["datePublished"] == source["date"]
        assert ld["isBasedOn"]["name"] == source["title"]
