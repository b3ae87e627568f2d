"""The generated pages: one per record and language, the overview's pages and "Hilfe und
Kontakt" in each language.

Each is named by where it stands among the hand-written pages (``src_uri``), what draws it
(``kind``: a template under ``overrides/partials/microsite/pages/``) and its front matter
(title, description, and under ``microsite:`` what it shows). The stage step renders the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from microsite.data.urls import help_src_uri, overview_page_src_uri, record_src_uri
from microsite.render.site import SiteData

RECORD = "record"
OVERVIEW = "overview"
HELP = "help"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. "en/programme/jobpilot-360.md", as if under docs_dir
    kind: str  # RECORD, OVERVIEW or HELP
    meta: dict[str, Any]


def generate_pages(site: SiteData) -> list[GeneratedPage]:
    """Every generated page in every language, in a stable order."""
    pages = []
    for lang in site.languages:
        phrases = site.phrases[lang]
        for overview_page in site.overview_pages(lang):
            number = overview_page.number
            title = phrases["overview.title"]
            if number > 1:
                title = phrases.fill("overview.page_title", title=title, number=number)
            pages.append(GeneratedPage(overview_page_src_uri(lang, number), OVERVIEW, {
                "title": title, "description": phrases["overview.intro"],
                "microsite": {"overview": True, "overview_page": number}}))
        pages.append(GeneratedPage(help_src_uri(lang), HELP, {  # first for "Hilfe", "contact"
            "title": phrases["help.title"], "description": phrases["help.intro"],
            "search": {"boost": 2}, "microsite": {"help": True}}))
        for record in site.records:
            view = site.record_view(record, lang)
            pages.append(GeneratedPage(record_src_uri(lang, record.id), RECORD, {
                "title": view.title, "description": view.summary,
                "microsite": {"record": record.id}}))
    return pages
