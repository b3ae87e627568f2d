"""A DCAT-AP.de description (JSON-LD) of the open data, for harvesting by an open data portal.

One ``dcat:Catalog`` with one ``dcat:Dataset`` (the published records); each export file in
each language is a ``dcat:Distribution`` with its media type and ``dct:language``. A licence is
written only where one is configured: it is the publisher's decision, not the generator's; the
same holds for the themes (EU data-theme codes) and GovData's contributor id. Without a licence
the catalogue misses one requirement of DCAT-AP.de 3.0 (every distribution has a licence);
``tests/publish/test_dcat_shacl.py`` validates it against GovData's SHACL shapes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from microsite.publish.exports.records import record_updated, sorted_records
from microsite.render.site import SiteData

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
LANGUAGE_URIS = {
    "de": "http://publications.europa.eu/resource/authority/language/DEU",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
    "tr": "http://publications.europa.eu/resource/authority/language/TUR",
    "ar": "http://publications.europa.eu/resource/authority/language/ARA",
    "uk": "http://publications.europa.eu/resource/authority/language/UKR",
}
MEDIA_TYPE_URI = "https://www.iana.org/assignments/media-types/"
THEME_URI = "http://publications.europa.eu/resource/authority/data-theme/"


@dataclass(frozen=True)
class Distribution:
    """One export file in one language."""

    lang: str
    url: str
    media_type: str
    title: str
    conforms_to: str | None = None  # address of a schema the file follows


@dataclass(frozen=True)
class CatalogueInfo:
    catalogue_url: str
    homepage: str
    publisher: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    catalogue_descriptions: dict[str, str]
    keywords: dict[str, tuple[str, ...]]  # per language
    themes: tuple[str, ...] = ()  # EU data-theme codes, e.g. SOCI
    contributor_id: str | None = None  # an IRI from http://dcat-ap.de/def/contributors
    licence: str | None = None
    contact_email: str | None = None


def _texts(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"@value": text, "@language": lang} for lang, text in values.items()]


def _date(value: str) -> dict[str, str]:
    return {"@value": value, "@type": "xsd:date"}


def catalogue_jsonld(site: SiteData, info: CatalogueInfo,
                     distributions: list[Distribution]) -> bytes:
    dates = sorted(d for d in (record_updated(r) for r in sorted_records(site)) if d is not None)
    publisher = {"@type": "foaf:Agent", "foaf:name": info.publisher}
    dataset_id = info.catalogue_url + "#dataset"
    dataset: dict = {
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dct:title": _texts(info.titles),
        "dct:description": _texts(info.descriptions),
        "dct:publisher": publisher,
        "dcat:landingPage": {"@id": info.homepage},
        "dct:language": [{"@id": LANGUAGE_URIS.get(lang, lang)} for lang in site.languages],
        "dct:accessRights": {
            "@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"},
        "dcat:distribution": [],
    }
    keywords = [{"@value": word, "@language": lang}
                for lang, words in info.keywords.items() for word in words]
    if keywords:
        dataset["dcat:keyword"] = keywords
    if info.themes:
        dataset["dcat:theme"] = [{"@id": THEME_URI + code} for code in info.themes]
    if info.contributor_id:
        dataset["dcatde:contributorID"] = {"@id": info.contributor_id}
    if dates:
        dataset["dct:modified"] = _date(dates[-1].isoformat())
    for dist in distributions:
        item: dict = {
            "@id": f"{dataset_id}-{dist.lang}-{dist.url.rsplit('/', 1)[-1]}",
            "@type": "dcat:Distribution",
            "dct:title": {"@value": dist.title, "@language": dist.lang},
            "dcat:accessURL": {"@id": dist.url},
            "dcat:downloadURL": {"@id": dist.url},
            "dcat:mediaType": {"@id": MEDIA_TYPE_URI + dist.media_type},
            "dct:language": {"@id": LANGUAGE_URIS.get(dist.lang, dist.lang)},
        }
        if dist.conforms_to:
            item["dct:conformsTo"] = {"@id": dist.conforms_to}
        if info.licence:
            item["dct:license"] = {"@id": info.licence}
        dataset["dcat:distribution"].append(item)
    if info.licence:
        dataset["dct:license"] = {"@id": info.licence}
    if info.contact_email:
        dataset["dcat:contactPoint"] = {"@type": "vcard:Organization", "vcard:fn": info.publisher,
                                        "vcard:hasEmail": {"@id": f"mailto:{info.contact_email}"}}
    document = {
        "@context": CONTEXT,
        "@id": info.catalogue_url,
        "@type": "dcat:Catalog",
        "dct:title": _texts(info.titles),
        "dct:description": _texts(info.catalogue_descriptions),
        "dct:publisher": publisher,
        "foaf:homepage": {"@id": info.homepage},
        "dcat:dataset": [dataset],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
