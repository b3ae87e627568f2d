"""The section "Hilfe und Kontakt": whom a reader can turn to, from the data only.

It lists the home pages of the organisations the records name with a web address (``url`` of
a provider, partner or funder; ``check`` accepts only an https home page there, see
``text_checks.home_page_problem``), the contact the city confirms in ``data/site.yaml``
(``operator.email``, ``operator.phone``) once it is given, and the source of the facts,
linked once it has an address. Record pages show the organisations of their record; the help
page (``hilfe/``) shows those of every published record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from microsite.data.model import Organisation, Record
from microsite.render.facts import SiteFacts
from microsite.render.sources import SourceView


@dataclass(frozen=True)
class InstitutionLink:
    """An organisation's name as the page shows it (``lang`` where it differs) and its home
    page."""

    name: str
    lang: str | None
    url: str


@dataclass(frozen=True)
class HelpView:
    institutions: tuple[InstitutionLink, ...]
    operator: str | None  # who the site's contact belongs to, e.g. "Landeshauptstadt Hannover"
    email: str | None
    phone: str | None
    source: SourceView | None
    help_url: str | None  # the site-level help page, from a record page; None on that page

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.phone)


def _organisations(record: Record) -> Iterable[Organisation]:
    yield from record.providers
    yield from record.partners
    if record.funding:
        yield from record.funding.funders


def institution_links(records: Iterable[Record], lang: str,
                      default: str) -> tuple[InstitutionLink, ...]:
    """Every organisation of ``records`` with a web address, once per address, in the order
    they are first named."""
    seen: dict[str, InstitutionLink] = {}
    for record in records:
        for org in _organisations(record):
            if org.url and org.url not in seen:
                name, name_lang = org.name_in(lang, default)
                seen[org.url] = InstitutionLink(name, None if name_lang == lang else name_lang,
                                                org.url)
    return tuple(seen.values())


def build_help_view(records: Iterable[Record], facts: SiteFacts, lang: str, default: str,
                    source: SourceView | None, help_url: str | None) -> HelpView:
    return HelpView(
        institutions=institution_links(records, lang, default),
        operator=facts.text("operator.name", lang, default),
        email=facts.text("operator.email", lang, default),
        phone=facts.text("operator.phone", lang, default),
        source=source,
        help_url=help_url,
    )
