"""Source text of the generated pages: one page per record and language, one overview each.

The pages carry front matter naming their template and record; the templates in ``overrides/``
render them from the views. The body is what search indexes (the templates do not show it):
whatever the page shows in words – summary, description, facts and results – as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from markupsafe import escape

from microsite.site import SiteData
from microsite.urls import overview_src_uri, record_src_uri
from microsite.views import RecordView

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


def search_body(view: RecordView) -> str:
    """The words of a record page for the search index, escaped: "Volkswagen" (a funder) or
    "Praktika" (a result) find the page as well as words of its description."""
    parts = [f"<p>{escape(view.summary)}</p>", str(view.description)]
    for fact in view.at_a_glance:
        values = ", ".join(str(escape(value.text)) for value in fact.values)
        parts.append(f"<p>{escape(fact.label)}: {values}</p>")
    if view.results:
        items = "".join(f"<li>{escape(r.count)} {escape(r.label.text)}</li>"
                        for r in view.results)
        parts.append(f"<ul>{items}</ul>")
    return "\n".join(part for part in parts if part)


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
                search_body(view),
            )))
    return pages
