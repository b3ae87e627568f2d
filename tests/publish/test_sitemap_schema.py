"""Every sitemap the build writes is valid against the sitemaps.org schema (issue 11, point 8):
the site's own, its gzip copy, the one-page sitemaps Material's language links fetch and the
one beside each language's feed. The XSDs are in tests/schemas/ (with their licence note)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lxml import etree

from microsite.publish.sitemap import SitemapEntry, sitemap_xml

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))


def _sitemaps(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("sitemap*.xml*") if p.name.endswith((".xml", ".xml.gz")))


def test_every_sitemap_is_valid(site: Path, schema: etree.XMLSchema) -> None:
    files = _sitemaps(site)
    # the root one and its gzip copy, one per page, one per language's open data folder
    assert len(files) >= 10
    assert site / "opendata" / "sitemap.xml" in files and site / "sitemap.xml.gz" in files
    invalid = {}
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if not schema.validate(etree.fromstring(data)):
            invalid[str(path.relative_to(site))] = str(schema.error_log.last_error)
    assert invalid == {}


def test_a_sitemap_stub_lists_pages_of_its_own_folder_only(site: Path, site_url: str) -> None:
    """The protocol allows a sitemap only the addresses under its own folder."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for path in _sitemaps(site):
        if path.parent == site:
            continue
        folder = site_url + path.parent.relative_to(site).as_posix() + "/"
        locs = [loc.text for loc in etree.parse(str(path)).findall(".//s:loc", ns)]
        assert locs and all(loc.startswith(folder) for loc in locs), path


def test_the_schema_rejects_what_the_protocol_forbids(schema: etree.XMLSchema) -> None:
    """The check can fail: an empty urlset (the old stubs) and a bad alternate are invalid."""
    assert not schema.validate(etree.fromstring(sitemap_xml([]).encode()))
    good = SitemapEntry("https://example.org/a/", None,
                        (("de", "https://example.org/a/"), ("en", "https://example.org/en/a/")),
                        "https://example.org/a/")
    text = sitemap_xml([good])
    assert schema.validate(etree.fromstring(text.encode()))
    broken = text.replace('rel="alternate"', 'rel="next"', 1)
    assert not schema.validate(etree.fromstring(broken.encode()))
