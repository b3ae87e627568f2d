"""``sitemap.xml`` with hreflang alternates and ``robots.txt``, from what the pages link to.

Crawlers read ``robots.txt`` only at the root of a host (RFC 9309), so it is written only when
the site is published there (a custom domain); under a path such as ``/arbeitsmarktintegration/``
it would never be read (guide/publishing.md says what to do instead).

Only real translations are listed as alternates (a record whose translation is pending has
none), each language version lists itself and every other one, plus ``x-default``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # absolute
    lastmod: str | None
    alternates: tuple[tuple[str, str], ...]  # (language code, absolute URL), real translations
    x_default: str | None
    listed: bool = True  # error pages are not listed in the site's sitemap


def sitemap_xml(entries: list[SitemapEntry]) -> str:
    """The sitemap in the order given, one ``<url>`` per page and language."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    seen: set[str] = set()
    for entry in entries:
        if entry.url in seen or not entry.listed:
            continue
        seen.add(entry.url)
        lines.append("  <url>")
        lines.append(f"    <loc>{_text(entry.url)}</loc>")
        if entry.lastmod:
            lines.append(f"    <lastmod>{_text(entry.lastmod)}</lastmod>")
        links = list(entry.alternates) if len(entry.alternates) > 1 else []
        if links and entry.x_default:
            links.append(("x-default", entry.x_default))
        for code, url in links:
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(code)} '
                         f"href={quoteattr(url)}/>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def robots_txt_is_read(site_url: str) -> bool:
    """Whether crawlers would read a ``robots.txt`` of this site: only at a host's root."""
    return urlsplit(site_url).path in ("", "/")


def robots_txt(site_url: str) -> str:
    """Everything may be crawled; the sitemap's full address (robots.txt needs it absolute)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"
