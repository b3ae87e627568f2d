"""Which export files a site has, where they live, and their content, per language.

Per language under ``<lang prefix>opendata/``: ``records.json``, ``records.csv``, ``feed.atom``
and, where there are dated events, ``events.ics``. Once for the site: ``opendata/dcat.jsonld``
and the JSON export's schema, ``opendata/records-<version>.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

from microsite.data.urls import absolute, language_prefix, overview_url
from microsite.publish.exports.atom_export import records_atom
from microsite.publish.exports.csv_export import records_csv
from microsite.publish.exports.dcat import CatalogueInfo, Distribution, catalogue_jsonld
from microsite.publish.exports.ical_export import dated_events, events_ics
from microsite.publish.exports.ids import Ids
from microsite.publish.exports.json_export import records_json
from microsite.publish.exports.json_schema import SCHEMA_FILE, export_schema_json
from microsite.render.site import SiteData

EXPORT_DIR = "opendata"
FILES = {  # key: (file name, media type), in the order they are listed on the overview
    "json": ("records.json", "application/json"),
    "csv": ("records.csv", "text/csv"),
    "ics": ("events.ics", "text/calendar"),
    "atom": ("feed.atom", "application/atom+xml"),
}
CATALOGUE_PATH = f"{EXPORT_DIR}/dcat.jsonld"
SCHEMA_PATH = f"{EXPORT_DIR}/{SCHEMA_FILE}"


@dataclass(frozen=True)
class Publishing:
    """Who publishes the data and under which licence (plugin options)."""

    publisher: str
    licence: str | None = None
    contact_email: str | None = None
    themes: tuple[str, ...] = ()  # EU data-theme codes (DCAT dcat:theme)
    contributor_id: str | None = None  # GovData's dcatde:contributorID, where one is assigned
    id_tag: str | None = None  # tagging entity of feed and calendar ids (exports/ids.py)


@dataclass(frozen=True)
class ExportLink:
    key: str
    label: str
    url: str  # absolute
    media_type: str


def export_path(key: str, lang: str, default: str) -> str:
    """Site-relative path of one export file, e.g. ``en/opendata/records.json``."""
    return f"{language_prefix(lang, default)}{EXPORT_DIR}/{FILES[key][0]}"


def available_keys(site: SiteData) -> list[str]:
    return [key for key in FILES if key != "ics" or dated_events(site)]


def export_links(site: SiteData, lang: str, site_url: str) -> list[ExportLink]:
    """The export files of one language plus the catalogue, labelled for the overview page."""
    phrases = site.phrases[lang]
    links = [ExportLink(key, phrases[f"opendata.{key}"],
                        absolute(site_url, export_path(key, lang, site.default_language)),
                        FILES[key][1])
             for key in available_keys(site)]
    links.append(ExportLink("dcat", phrases["opendata.dcat"], absolute(site_url, CATALOGUE_PATH),
                            "application/ld+json"))
    return links


def feed_url(site: SiteData, lang: str, site_url: str) -> str:
    return absolute(site_url, export_path("atom", lang, site.default_language))


def language_exports(site: SiteData, lang: str, site_url: str,
                     publishing: Publishing) -> dict[str, bytes]:
    """Site-relative path → content of every export file of one language."""
    default = site.default_language
    phrases = site.phrases[lang]
    overview = absolute(site_url, overview_url(lang, default))
    files = {
        export_path("json", lang, default): records_json(site, lang, site_url,
                                                         absolute(site_url, SCHEMA_PATH)),
        export_path("csv", lang, default): records_csv(site, lang, site_url),
        export_path("atom", lang, default): records_atom(
            site, lang, site_url, feed_url=feed_url(site, lang, site_url),
            overview_url=overview, title=phrases["opendata.feed_title"],
            subtitle=phrases["overview.intro"], publisher=publishing.publisher,
            ids=Ids(publishing.id_tag)),
    }
    calendar = events_ics(site, lang, site_url, phrases["opendata.calendar_title"],
                          Ids(publishing.id_tag))
    if calendar is not None:
        files[export_path("ics", lang, default)] = calendar
    return dict(sorted(files.items()))


def _keywords(phrases: dict[str, str]) -> tuple[str, ...]:
    """``opendata.keywords`` of one language, comma-separated; none where it is not given."""
    text = phrases.get("opendata.keywords", "")
    return tuple(word.strip() for word in text.split(",") if word.strip())


def catalogue(site: SiteData, site_url: str, publishing: Publishing) -> dict[str, bytes]:
    """Site-relative path → content of the DCAT-AP.de catalogue and the JSON export's schema."""
    default = site.default_language
    schema_url = absolute(site_url, SCHEMA_PATH)
    distributions = [
        Distribution(lang, absolute(site_url, export_path(key, lang, default)), FILES[key][1],
                     site.phrases[lang][f"opendata.{key}"],
                     schema_url if key == "json" else None)
        for lang in site.languages for key in available_keys(site)
    ]
    info = CatalogueInfo(
        catalogue_url=absolute(site_url, CATALOGUE_PATH),
        homepage=absolute(site_url, ""),
        publisher=publishing.publisher,
        titles={lang: site.phrases[lang]["opendata.dataset_title"] for lang in site.languages},
        descriptions={lang: site.phrases[lang]["overview.intro"] for lang in site.languages},
        catalogue_descriptions={lang: site.phrases[lang]["opendata.intro"]
                                for lang in site.languages},
        keywords={lang: _keywords(site.phrases[lang]) for lang in site.languages},
        themes=publishing.themes,
        contributor_id=publishing.contributor_id,
        licence=publishing.licence,
        contact_email=publishing.contact_email,
    )
    return {CATALOGUE_PATH: catalogue_jsonld(site, info, distributions),
            SCHEMA_PATH: export_schema_json(schema_url)}
