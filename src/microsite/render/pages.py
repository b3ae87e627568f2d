"""Source text of the generated pages: one page per record and language, one overview each.

The pages carry front matter naming their template and record; the templates in ``overrides/``
render them from the views. The body is what search indexes (the templates do not show it):
whatever the page shows in words – summary, description, facts and results – as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from markupsafe import escape

from microsite.data.urls import help_src_uri, overview_page_src_uri, record_src_uri
from microsite.render.help_contact import HelpView
from microsite.render.site import SiteData
from microsite.render.views import RecordView

RECORD_TEMPLATE = "record.html"
OVERVIEW_TEMPLATE = "overview.html"
HELP_TEMPLATE = "help.html"


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


def help_search_body(view: HelpView, phrases: dict[str, str]) -> str:
    """The words of the help page for search: "Kontakt", "Hilfe", "contact", "help" find it
    by its title and these lines, in the page's language."""
    parts = [f"<p>{escape(phrases['help.intro'])}</p>",
             f"<p>{escape(phrases['help.search_words'])}</p>"]
    parts += [f"<p>{escape(link.name)}</p>" for link in view.institutions]
    return "\n".join(parts)


def generate_pages(site: SiteData) -> list[PageSource]:
    """Every generated page in every language, in a stable order."""
    pages = []
    for lang in site.languages:
        phrases = site.phrases[lang]
        for overview_page in site.overview_pages(lang):
            number = overview_page.number
            title = phrases["overview.title"]
            if number > 1:
                title = phrases["overview.page_title"].format(title=title, number=number)
            pages.append(PageSource(overview_page_src_uri(lang, number), _page(
                {"title": title, "description": phrases["overview.intro"],
                 "template": OVERVIEW_TEMPLATE,
                 "microsite": {"overview": True, "overview_page": number}},
                "",
            )))
        pages.append(PageSource(help_src_uri(lang), _page(
            {"title": phrases["help.title"], "description": phrases["help.intro"],
             "template": HELP_TEMPLATE, "microsite": {"help": True}},
            help_search_body(site.help_view(lang), phrases),
        )))
        for record in site.records:
            view = site.record_view(record, lang)
            pages.append(PageSource(record_src_uri(lang, record.id), _page(
                {"title": view.title, "description": view.summary,
                 "template": RECORD_TEMPLATE, "microsite": {"record": record.id}},
                search_body(view),
            )))
    return pages
