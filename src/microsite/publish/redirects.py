"""Redirect pages from a record's former ids (``former_ids``) to its current page.

A record that is renamed keeps its old addresses working: for every former id and every
language, a small static page at the old URL sends readers on (meta refresh), tells search
engines the current address (canonical, noindex) and offers a plain link for everyone else.
These pages are written as files after the build, so they appear in no nav, sitemap or search.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from microsite.data.urls import absolute, record_url
from microsite.publish.csp import meta_element
from microsite.render.site import SiteData


@dataclass(frozen=True)
class Redirect:
    path: str    # site-relative file, e.g. "en/programme/old-id/index.html"
    target: str  # absolute URL of the record's current page
    html: str


def _page(lang: str, target: str, title: str, heading: str, text: str) -> str:
    url = escape(target)
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n{meta_element()}\n<meta charset="utf-8">\n'
        f"<title>{escape(heading)}: {escape(title)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{url}">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        "</head>\n<body>\n"
        f"<h1>{escape(heading)}</h1>\n"
        f'<p>{escape(text)} <a href="{url}">{escape(title)}</a></p>\n'
        "</body>\n</html>\n"
    )


def redirects(site: SiteData, lang: str, site_url: str) -> list[Redirect]:
    """The redirect pages of one language, in a stable order."""
    default = site.default_language
    phrases = site.phrases[lang]
    out = []
    for record in sorted(site.records, key=lambda r: r.id):
        target = absolute(site_url, record_url(record.id, lang, default))
        title = record.texts_for(lang, default)[0].title
        for old in sorted(set(record.former_ids)):
            path = record_url(old, lang, default) + "index.html"
            out.append(Redirect(path, target, _page(lang, target, title,
                                                     phrases["redirect.title"],
                                                     phrases["redirect.text"])))
    return out
