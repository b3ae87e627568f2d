"""Open data exports of the built site, read back with standard parsers, compared with the data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import icalendar
import pytest
from lxml import etree

from extra_records import with_test_records
from projectcopy import copy_project
from shared_builds import shared_build
from sitebuild import build, html_pages, page_for_url, soup

LANGS = {"de": "", "en": "en/"}
# every language of the site: exports are written for each (tr, ar, uk: issue 20)
ALL_LANGS = {**LANGS, "tr": "tr/", "ar": "ar/", "uk": "uk/"}
ATOM = "{http://www.w3.org/2005/Atom}"


def _json(site: Path, lang: str) -> dict:
    return json.loads((site / LANGS[lang] / "opendata" / "records.json").read_text("utf-8"))


def _csv(site: Path, lang: str) -> tuple[bytes, list[dict]]:
    raw = (site / LANGS[lang] / "opendata" / "records.csv").read_bytes()
    text = raw.decode("utf-8-sig")
    delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,").delimiter
    return raw, list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.mark.parametrize("lang", LANGS)
def test_json_export_matches_the_records(site: Path, site_url: str, records: list[dict],
                                         lang: str) -> None:
    data = _json(site, lang)
    assert data["format"] == "lhh-microsite/records" and data["format_version"] == "1.2"
    assert data["language"] == lang and data["build_date"] == "2026-11-25"
    by_id = {r["id"]: r for r in data["records"]}
    assert sorted(by_id) == sorted(r["id"] for r in records)
    for record in records:
        exported = by_id[record["id"]]
        assert exported["title"] == record["texts"][lang]["title"]
        assert exported["summary"] == record["texts"][lang]["summary"]
        assert exported["kind"] == record["kind"]
        assert page_for_url(site, site_url, exported["url"]).is_file()
    project = by_id["gruendung-im-quartier"]
    assert project["funding"]["amount"] == 50000 and project["funding"]["currency"] == "EUR"
    assert project["period"] == {"start": "2024-09", "end": "2025-08"}
    assert project["status"] == "completed"
    assert by_id["lotse-beruf"]["results"][0]["count"] == 12
    assert by_id["fachtag-europa"]["period"] == {"start": None, "end": None}


@pytest.mark.parametrize(("lang", "delimiter"), [("de", ";"), ("en", ",")])
def test_csv_export_opens_in_excel_and_matches_the_records(site: Path, records: list[dict],
                                                           lang: str, delimiter: str) -> None:
    raw, rows = _csv(site, lang)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel reads UTF-8
    assert raw[3:].split(b"\r\n")[0].count(delimiter.encode()) == 24  # 25 columns
    assert raw[3:].split(b"\n")[0].endswith(b"\r")  # CRLF, as RFC 4180 asks
    by_id = {row["id"]: row for row in rows}
    assert sorted(by_id) == sorted(r["id"] for r in records)
    for record in records:
        assert by_id[record["id"]]["title"] == record["texts"][lang]["title"]
    project = by_id["gruendung-im-quartier"]
    assert project["funding_amount"] == "50000"
    assert project["period_start"] == "2024-09" and project["period_end"] == "2025-08"
    assert project["source_date"] == "2024-09-20"
    assert by_id["fachtag-europa"]["partners"].count(" | ") == 3
    # issue 18: the status with its date and its source
    stated = by_id["lotse-beruf"]
    assert (stated["status"], stated["status_date"]) == ("running", "2024-09-20")
    assert "Beispielmitteilung zur Arbeitsmarktintegration" in stated["status_source"]


def test_csv_cells_are_never_formulas() -> None:
    from microsite.publish.exports.csv_export import guard_cell

    assert guard_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert guard_cell("Lotse") == "Lotse"


@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed_is_valid_xml_and_lists_the_records(site: Path, site_url: str,
                                                      records: list[dict], lang: str) -> None:
    path = site / LANGS[lang] / "opendata" / "feed.atom"
    feed = etree.parse(str(path)).getroot()
    assert feed.tag == f"{ATOM}feed"
    feed_url = f"{site_url}{LANGS[lang]}opendata/feed.atom"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == feed_url
    assert feed.findtext(f"{ATOM}id").startswith("tag:")  # permanent: test_permanent_ids.py
    # the newest source: the new record's own announcement (issue 18)
    assert feed.findtext(f"{ATOM}updated") == "2026-11-20T00:00:00Z"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Landeshauptstadt Hannover"
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.findall(f"{ATOM}entry")}
    assert sorted(entries) == sorted(r["texts"][lang]["title"] for r in records)
    own_source = {r["texts"][lang]["title"] for r in records
                  if any("date" in s for s in r.get("sources", ()))}
    for title, entry in entries.items():
        day = "2026-11-20" if title in own_source else "2024-09-20"
        assert entry.findtext(f"{ATOM}updated") == f"{day}T00:00:00Z", title
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert page_for_url(site, site_url, href).is_file()
    # announced in <head> of every page of that language
    pages = [p for p in html_pages(site)
             if (p.relative_to(site).parts[0] if p.relative_to(site).parts[0] in ALL_LANGS
                 else "de") == lang]
    for page in pages:
        link = soup(page).select_one('head link[rel="alternate"][type="application/atom+xml"]')
        assert link is not None and link["href"] == feed_url, page


def test_dcat_catalogue_describes_every_export(site: Path, site_url: str) -> None:
    catalogue = json.loads((site / "opendata" / "dcat.jsonld").read_text("utf-8"))
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    (dataset,) = catalogue["dcat:dataset"]
    assert dataset["dct:publisher"]["foaf:name"] == "Landeshauptstadt Hannover"
    assert {t["@language"] for t in dataset["dct:title"]} == set(ALL_LANGS)
    assert dataset["dct:modified"]["@value"] == "2026-11-20"  # the newest source
    assert "dct:license" not in dataset  # no licence is invented
    urls = {d["dcat:downloadURL"]["@id"]: d for d in dataset["dcat:distribution"]}
    expected = {f"{site_url}{prefix}opendata/{name}" for prefix in ALL_LANGS.values()
                for name in ("records.json", "records.csv", "feed.atom", "events.ics")}
    assert set(urls) == expected
    for url, dist in urls.items():
        assert page_for_url(site, site_url, url).is_file()
        if url.endswith(".json"):
            schema = dist["dct:conformsTo"]["@id"]
            assert page_for_url(site, site_url, schema).is_file()
        assert dist["dcat:mediaType"]["@id"].startswith("https://www.iana.org/assignments/media-types/")


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_dcat_catalogue_is_rdf_that_a_harvester_can_query(site: Path, site_url: str) -> None:
    import rdflib

    graph = rdflib.Graph().parse(site / "opendata" / "dcat.jsonld", format="json-ld")
    rows = graph.query("""
        PREFIX dcat: <http://www.w3.org/ns/dcat#>
        PREFIX dct: <http://purl.org/dc/terms/>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        SELECT ?url ?type ?lang ?publisher WHERE {
          ?catalogue a dcat:Catalog ; dcat:dataset ?dataset .
          ?dataset a dcat:Dataset ; dct:publisher/foaf:name ?publisher ;
                   dcat:distribution ?distribution .
          ?distribution a dcat:Distribution ; dcat:downloadURL ?url ; dcat:mediaType ?type ;
                        dct:language ?lang .
        }""")
    found = {(str(r.url), str(r.type).rsplit("/", 2)[-2] + "/" + str(r.type).rsplit("/", 1)[-1],
              str(r.lang)[-3:], str(r.publisher)) for r in rows}
    assert (f"{site_url}en/opendata/records.csv", "text/csv", "ENG",
            "Landeshauptstadt Hannover") in found
    assert (f"{site_url}opendata/records.json", "application/json", "DEU",
            "Landeshauptstadt Hannover") in found
    assert (f"{site_url}ar/opendata/records.json", "application/json", "ARA",
            "Landeshauptstadt Hannover") in found
    assert len(found) == 4 * len(ALL_LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_overview_links_the_exports(site: Path, site_url: str, lang: str) -> None:
    overview = soup(site / LANGS[lang] / "programme" / "index.html")
    links = {a["class"][0]: a["href"] for a in overview.select(".ms-open-data a")}
    assert set(links) == {"ms-open-data__json", "ms-open-data__csv", "ms-open-data__atom",
                          "ms-open-data__ics", "ms-open-data__dcat"}  # the sample's dated event
    for href in links.values():
        assert page_for_url(site, site_url, href).is_file()


# --- a copy of the data with a dated event, a draft and a record scheduled for later ----------

@pytest.fixture(scope="module")
def with_events(tmp_path_factory: pytest.TempPathFactory, shared_sites: Path) -> Path:
    """The sample with test records (``extra_records``: the same shared public build that
    tests/checks/test_drafts_and_translations.py reads)."""
    project = with_test_records(tmp_path_factory.mktemp("events") / "project")
    result = shared_build(shared_sites, project, build_date=dt.date(2026, 11, 25))
    assert result.returncode == 0, result.output
    return result.site


@pytest.mark.parametrize("lang", LANGS)
def test_icalendar_export_has_the_dated_events(with_events: Path, site_url: str,
                                               lang: str) -> None:
    raw = (with_events / LANGS[lang] / "opendata" / "events.ics").read_bytes()
    # RFC 5545 3.1: CRLF line breaks, lines of at most 75 octets
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line and len(line) <= 75 for line in lines)
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and str(calendar["PRODID"])
    events = {str(e["UID"]).rsplit("/", 1)[-1]: e for e in calendar.walk("VEVENT")}
    # not the month-only event, not the draft; the sample's dated event is there too
    assert sorted(events) == ["fachtag", "jobmesse-2027"]
    event = events["fachtag"]
    assert str(event["SUMMARY"]) == ("Titel fachtag" if lang == "de" else "Title fachtag")
    assert event.decoded("DTSTART") == dt.date(2026, 12, 3)
    assert event.decoded("DTEND") == dt.date(2026, 12, 5)  # exclusive end
    # issue 18: the time of the build (SOURCE_DATE_EPOCH), not a source's date
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    assert str(event["UID"]).startswith("tag:")  # host-independent: test_permanent_ids.py
    assert str(event["UID"]).endswith("/event/fachtag")
    assert str(event["URL"]) == f"{site_url}{LANGS[lang]}programme/fachtag/"
    overview = soup(with_events / LANGS[lang] / "programme" / "index.html")
    assert overview.select_one(".ms-open-data__ics")["href"] == (
        f"{site_url}{LANGS[lang]}opendata/events.ics")


def test_drafts_and_scheduled_records_are_in_no_export(with_events: Path) -> None:
    exports = [p for p in with_events.rglob("*")
               if p.is_file() and "opendata" in p.parts and p.name != "sitemap.xml"]
    assert len(exports) == 4 * len(ALL_LANGS) + 2  # 4 per language, catalogue, JSON schema
    for path in exports:
        content = path.read_bytes()
        assert b"entwurf" not in content and b"spaeter" not in content, path
    assert "fachtag" in json.dumps(_json(with_events, "en"))
    assert not (with_events / "programme" / "entwurf").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_json_export_follows_its_published_schema(site: Path, site_url: str, lang: str) -> None:
    import jsonschema

    data = _json(site, lang)
    schema_url = f"{site_url}opendata/records-{data['format_version']}.schema.json"
    assert data["$schema"] == schema_url
    schema = json.loads(page_for_url(site, site_url, schema_url).read_text("utf-8"))
    assert schema["$id"] == schema_url  # the schema's identity carries its version
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    data["records"][0]["unknown_field"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_a_preview_with_drafts_still_exports_no_draft(tmp_path: Path, shared_sites: Path) -> None:
    project = with_test_records(tmp_path / "project", preview=True)
    result = shared_build(shared_sites, project, build_date=dt.date(2026, 11, 25))
    assert result.returncode == 0, result.output
    assert (result.site / "programme" / "entwurf" / "index.html").is_file()  # the preview page
    assert (result.site / "programme" / "test-entwurf" / "index.html").is_file()
    for path in (result.site / "opendata").iterdir():
        assert b"entwurf" not in path.read_bytes() and b"spaeter" not in path.read_bytes(), path
        assert b"test-geplant" not in path.read_bytes(), path


def test_missing_licence_is_a_visible_marker(site: Path) -> None:
    for prefix, words in (("", "Angabe fehlt: Lizenz"), ("en/", "missing: licence")):
        box = soup(site / prefix / "programme" / "index.html").select_one(".ms-open-data")
        marker = box.select_one(".ms-open-data__licence mark.ms-missing")
        assert marker is not None and words in marker.get_text()
    catalogue = json.loads((site / "opendata" / "dcat.jsonld").read_text(encoding="utf-8"))
    dataset = catalogue["dcat:dataset"][0]
    assert "dct:license" not in dataset and "dcat:contactPoint" not in dataset


def test_licence_and_contact_from_the_facts_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    facts = project / "data" / "site.yaml"
    licence = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    facts.write_text(facts.read_text(encoding="utf-8")
                     .replace("  licence: ~", f"  licence: {licence}")
                     .replace("  contact_email: ~", "  contact_email: opendata@example.org"),
                     encoding="utf-8")
    result = build(tmp_path / "out", project=project)
    assert result.returncode == 0, result.output
    catalogue = json.loads((result.site / "opendata" / "dcat.jsonld").read_text(encoding="utf-8"))
    dataset = catalogue["dcat:dataset"][0]
    assert dataset["dct:license"] == {"@id": licence}
    assert all(d["dct:license"] == {"@id": licence} for d in dataset["dcat:distribution"])
    assert dataset["dcat:contactPoint"]["vcard:hasEmail"] == {"@id": "mailto:opendata@example.org"}
    box = soup(result.site / "programme" / "index.html").select_one(".ms-open-data__licence")
    assert box.select_one("a")["href"] == licence and box.select_one("mark") is None
