"""The DCAT catalogue (opendata/dcat.jsonld) against GovData's DCAT-AP.de 3.0 SHACL shapes.

The shapes are copies in tests/dcat_ap_de/ (sources and licences in its README); pyshacl
validates offline. The city has not chosen a licence yet, and DCAT-AP.de requires one on every
distribution: the real catalogue may miss exactly that and nothing else, and with a licence
given it conforms fully.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from projectcopy import copy_project
from sitebuild import build

SHAPES_DIR = Path(__file__).parents[1] / "dcat_ap_de"
SHAPE_FILES = ("dcat-ap-3.0.0-SHACL.ttl", "v3.0_shapes_dcat-ap-SHACL-DE.ttl",
               "v3.0_shapes_dcat-ap-de-deprecated.ttl",
               "v3.0_shapes_dcat-ap-spec-german-additions.ttl",
               "v3.0_shapes_dcat-ap-de-controlledvocabularies.ttl")
LICENCE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
CONTRIBUTOR = "http://dcat-ap.de/def/contributors/testPortal"  # test data, not a real id
DCATDE = "http://dcat-ap.de/def/dcatde/"
# plain namespaces: rdflib's predefined ones warn when pytest inspects this module
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    graph = Graph()
    for name in SHAPE_FILES:
        graph.parse(SHAPES_DIR / name, format="turtle")
    return graph


def catalogue_graph(site: Path) -> Graph:
    graph = Graph().parse(site / "opendata" / "dcat.jsonld", format="json-ld")
    graph.parse(SHAPES_DIR / "vocabularies.ttl", format="turtle")
    return graph


def results(data: Graph, shapes: Graph) -> list[tuple[str, str, str]]:
    """(severity, message, focus node) of every result, warnings and infos included."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return sorted((str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
                   str(report.value(r, SH.resultMessage)), str(report.value(r, SH.focusNode)))
                  for r in report.subjects(RDF.type, SH.ValidationResult))


@pytest.fixture(scope="module")
def licensed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with a licence and a contributor id, as the city will configure it."""
    project = copy_project(tmp_path_factory.mktemp("licensed") / "project",
                           plugin_options={"data_licence": LICENCE,
                                           "contributor_id": CONTRIBUTOR})
    result = build(project / "out", project=project, build_date=dt.date(2026, 11, 25))
    assert result.returncode == 0, result.output
    return result.site


def test_with_a_licence_the_catalogue_conforms_without_a_single_finding(
        licensed_site: Path, shapes: Graph) -> None:
    data = catalogue_graph(licensed_site)
    # the test's contributor id, typed as GovData's contributor list types its entries
    data.add((URIRef(CONTRIBUTOR), SKOS.inScheme, URIRef("http://dcat-ap.de/def/contributors")))
    assert results(data, shapes) == []


def test_the_real_catalogue_misses_only_the_licence_the_city_has_not_chosen(
        site: Path, shapes: Graph) -> None:
    data = catalogue_graph(site)
    distributions = set(data.subjects(RDF.type, DCAT.Distribution))
    assert distributions
    found = results(data, shapes)
    if any(data.objects(None, DCTERMS.license)):
        assert found == []
    else:
        assert {(severity, focus) for severity, message, focus in found} == {
            ("Violation", str(d)) for d in distributions}
        assert all("dcterms:license" in message for _, message, _ in found)


def test_the_shapes_catch_a_catalogue_without_description(licensed_site: Path,
                                                         shapes: Graph) -> None:
    data = catalogue_graph(licensed_site)
    data.add((URIRef(CONTRIBUTOR), SKOS.inScheme, URIRef("http://dcat-ap.de/def/contributors")))
    (catalogue,) = data.subjects(RDF.type, DCAT.Catalog)
    data.remove((catalogue, DCTERMS.description, None))
    found = results(data, shapes)
    assert [(s, f) for s, m, f in found if "dcterms:description" in m] == [
        ("Violation", str(catalogue))]


def test_catalogue_describes_itself_with_keywords_themes_and_contributor(
        licensed_site: Path) -> None:
    data = Graph().parse(licensed_site / "opendata" / "dcat.jsonld", format="json-ld")
    (catalogue,) = data.subjects(RDF.type, DCAT.Catalog)
    (dataset,) = data.subjects(RDF.type, DCAT.Dataset)
    languages = {"de", "en", "tr", "ar", "uk"}  # every language of the site
    assert {d.language for d in data.objects(catalogue, DCTERMS.description)} == languages
    keywords = list(data.objects(dataset, DCAT.keyword))
    assert {k.language for k in keywords} == languages
    assert all(isinstance(k, Literal) and str(k).strip() == str(k) and k for k in keywords)
    themes = {str(t) for t in data.objects(dataset, DCAT.theme)}
    assert themes and all(t.startswith(
        "http://publications.europa.eu/resource/authority/data-theme/") for t in themes)
    assert list(data.objects(dataset, URIRef(DCATDE + "contributorID"))) == [URIRef(CONTRIBUTOR)]
    assert {str(o) for o in data.objects(None, DCTERMS.license)} == {LICENCE}


def test_without_a_contributor_id_none_is_invented(site: Path) -> None:
    document = json.loads((site / "opendata" / "dcat.jsonld").read_text(encoding="utf-8"))
    assert "dcatde:contributorID" not in json.dumps(document)
