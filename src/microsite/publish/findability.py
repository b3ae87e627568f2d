"""Sitemaps, robots.txt and per-language search, written over the built site."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

from microsite.publish.exports.files import EXPORT_DIR
from microsite.publish.search_split import split_search_index
from microsite.publish.sitemap import SitemapEntry, robots_txt, robots_txt_is_read, sitemap_xml
from microsite.publish.stage import StagedPage


def sitemap_entry(page: StagedPage) -> SitemapEntry | None:
    """The sitemap line of a staged page (error pages are kept out of the site's sitemap).

    ``lastmod`` is when the page's facts last changed where that is known (a record's source or
    publication date), else None: the build date would mark every page changed every night."""
    if not page.canonical_url:
        return None
    return SitemapEntry(
        url=page.canonical_url,
        lastmod=page.lastmod.isoformat() if page.lastmod else None,
        alternates=tuple((link["code"], link["url"]) for link in page.languages
                         if link["translated"]),
        x_default=page.x_default,
        listed=page.listed,
    )


def write_findability_files(site_dir: Path, site_url: str, languages: tuple[str, ...],
                            entries: list[SitemapEntry]) -> None:
    """Replace i18n's sitemap, add robots.txt (at a host's root only), split the search index
    by language."""
    xml = sitemap_xml(entries)
    (site_dir / "sitemap.xml").write_text(xml, encoding="utf-8")
    with (site_dir / "sitemap.xml.gz").open("wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(xml.encode("utf-8"))
    if robots_txt_is_read(site_url):
        (site_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
    _write_page_sitemaps(site_dir, site_url, entries)
    _write_feed_sitemaps(site_dir, site_url, languages)
    index_file = site_dir / "search" / "search_index.json"
    if index_file.is_file():
        index = json.loads(index_file.read_text(encoding="utf-8"))
        parts = split_search_index(index, languages, lunr_languages(site_dir))
        for lang, part in parts.items():
            target = site_dir / ("" if lang == languages[0] else lang) / "search"
            target.mkdir(parents=True, exist_ok=True)
            (target / "search_index.json").write_text(
                json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def lunr_languages(site_dir: Path) -> frozenset[str]:
    """Languages the theme's search has lunr support for (``lunr.<lang>.min.js`` as Material
    writes them into the site), plus ``en``."""
    folder = site_dir / "assets" / "javascripts" / "lunr"
    names = (path.name.split(".") for path in (folder / "min").glob("lunr.*.min.js"))
    return frozenset({"en", *(parts[1] for parts in names if len(parts) == 4)})


def _write_feed_sitemaps(site_dir: Path, site_url: str, languages: tuple[str, ...]) -> None:
    """A ``sitemap.xml`` beside each language's feed, for the same reason as below: the feed's
    ``<link rel="alternate">`` makes Material fetch ``sitemap.xml`` next to it. It lists the
    open data files of that folder, so it is a valid sitemap (an empty ``<urlset>`` is not)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    for lang in languages:
        prefix = "" if lang == languages[0] else f"{lang}/"
        folder = site_dir / prefix / EXPORT_DIR
        if not folder.is_dir():
            continue
        entries = [SitemapEntry(url=f"{base}{prefix}{EXPORT_DIR}/{path.name}", lastmod=None,
                                alternates=(), x_default=None)
                   for path in sorted(folder.iterdir())
                   if path.is_file() and path.name != "sitemap.xml"]
        if entries:
            (folder / "sitemap.xml").write_text(sitemap_xml(entries), encoding="utf-8")


def _write_page_sitemaps(site_dir: Path, site_url: str, entries: list[SitemapEntry]) -> None:
    """A one-page ``sitemap.xml`` next to each page.

    Material's JavaScript fetches ``sitemap.xml`` relative to every ``<link rel="alternate">``
    in the head, expecting language roots; our hreflang links name the translated page itself.
    Without these small files every visit would log failed requests (404) in the console.
    """
    for entry in entries:
        if not entry.url.startswith(site_url) or entry.url == site_url:
            continue
        folder = site_dir / entry.url[len(site_url):]
        if folder.is_dir():
            page = dataclasses.replace(entry, listed=True)
            (folder / "sitemap.xml").write_text(sitemap_xml([page]), encoding="utf-8")
