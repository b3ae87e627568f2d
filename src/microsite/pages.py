"""Source text of the generated pages: one page per record and language, one overview each.

The pages carry front matter naming their template and record; the templates in ``overrides/``
render them from the views. The body holds the record's description as HTML so that search
indexes it.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from microsite.site import SiteData
from microsite.urls import overview_src_uri, record_src_uri

RECORD_TEMPLATE = "record.html"
OVERVIEW_TEMPLATE = "overview.html"


@dataclass(frozen=True)
class PageSource:
    src_uri: str  # e.g. "en/programme/jobpilot-360.md", as if under docs_dir
    content: str


try:  # libyaml's emitter: the pure-Python one took a fifth of the build at 1,000 records
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


def _page(front_matter: dict, body: str) -> str:
    head = yaml.dump(front_matter, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{head}---\n\n{body}\n"


def generate_pages(site: SiteData) -> list[PageSource]:
    """Every generated page in every language, in a stable order."""
    pages = []
    for lang in site.languages:
        phrases = site.phrases[lang]
        pages.append(PageSource(overview_src_uri(lang), _page(
            {"title": phrases["overview.title"], "description": phrases["overview.intro"],
             "template": OVERVIEW_TEMPLATE, "microsite": {"overview": True}},
            "",
        )))
        for record in site.records:
            view = site.record_view(record, lang)
            pages.append(PageSource(record_src_uri(lang, record.id), _page(
                {"title": view.title, "description": view.summary,
                 "template": RECORD_TEMPLATE, "microsite": {"record": record.id}},
                str(view.description),
            )))
    return pages
