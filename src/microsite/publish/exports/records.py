"""Records as plain, documented data: the one shape behind the JSON and CSV exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from microsite.data.model import Organisation, PartialDate, Record, Source
from microsite.data.urls import absolute, record_url
from microsite.render.site import SiteData
from microsite.render.status_view import status_today

FORMAT_NAME = "lhh-microsite/records"
FORMAT_VERSION = "1.2"
"""Major version changes when a field is removed or changes meaning; minor when one is added."""


def record_updated(record: Record) -> dt.date | None:
    """When a record last became new or changed, known from the data alone (never the clock).

    The later of its source date (the facts were updated) and ``publish_from`` (it went online).
    """
    dates = [d for d in (record.source_date, record.publish_from) if d is not None]
    return max(dates) if dates else None


def _iso(day: PartialDate | dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _organisations(orgs: tuple[Organisation, ...], lang: str, default: str) -> list[dict]:
    return [{"name": org.name_in(lang, default)[0], "url": org.url} for org in orgs]


def _label(labels: dict[str, str], lang: str, default: str) -> str:
    return labels.get(lang) or labels.get(default, "")


def _wording(texts: dict[str | None, str], lang: str, default: str) -> str | None:
    return texts.get(lang) or texts.get(None) or texts.get(default)


def source_data(source: Source | None, lang: str, default: str) -> dict[str, Any] | None:
    """Where a record's facts come from, in ``lang`` where the source has a wording for it."""
    if source is None:
        return None
    return {"type": _wording(source.type, lang, default),
            "publisher": _wording(source.publisher, lang, default),
            "title": _wording(source.title, lang, default),
            "date": source.date.isoformat(), "url": source.url}


def _location(record: Record, lang: str, default: str) -> dict[str, Any] | None:
    if record.location is None:
        return None
    name, address = record.location.in_lang(lang, default)
    return {"name": name, "address": address}


def record_data(site: SiteData, record: Record, lang: str, site_url: str) -> dict[str, Any]:
    """One record in one language, with every field present (``None`` or ``[]`` when unknown)."""
    default = site.default_language
    texts, text_lang = record.texts_for(lang, default)
    state = status_today(record, site.settings.build_date, site.settings.status_max_age_months)
    status = state.value
    funding = record.funding
    contact = record.contact
    return {
        "id": record.id,
        "url": absolute(site_url, record_url(record.id, lang, default)),
        "kind": record.kind.value,
        "status": status.value if status else None,
        "status_basis": None if status is None else (
            "derived" if state.basis == "dates" else state.basis),
        "status_date": None if status is None else (
            site.settings.build_date.isoformat() if state.basis == "dates"
            else _iso(state.as_of)),
        "status_source": source_data(record.source, lang, default) if status else None,
        "text_language": text_lang,
        "title": texts.title,
        "summary": texts.summary,
        "description": texts.description.strip() or None,
        "target_group": texts.target_group or None,
        "how_to_take_part": list(texts.how_to_take_part),
        "period": {"start": _iso(record.period.start), "end": _iso(record.period.end)},
        "funding": None if funding is None else {
            "amount": funding.amount,
            "currency": funding.currency if funding.amount is not None else None,
            "funders": _organisations(funding.funders, lang, default),
        },
        "providers": _organisations(record.providers, lang, default),
        "partners": _organisations(record.partners, lang, default),
        "languages": list(record.languages),
        "multilingual": record.multilingual,
        "results": [{"count": r.count, "label": _label(r.label, lang, default)}
                    for r in record.results],
        "links": [{"url": link.url, "label": _label(link.label, lang, default)}
                  for link in record.links],
        "contact": None if contact is None else {
            "name": _label(contact.name, lang, default) or None,
            "email": contact.email,
            "phone": contact.phone,
        },
        "source_date": _iso(record.source_date),
        "source": source_data(record.source, lang, default),
        "sources": [source_data(s, lang, default)
                    for s in sorted(record.sources, key=lambda s: s.date, reverse=True)],
        "location": _location(record, lang, default),
        "updated": _iso(record_updated(record)),
        "former_ids": list(record.former_ids),
    }


def sorted_records(site: SiteData) -> list[Record]:
    """Published records in a stable order (by id), independent of the data file's order.

    Drafts and records scheduled for later never reach an export, not even in a preview build
    that shows them as pages (``include_drafts``).
    """
    today = site.settings.build_date
    return sorted((r for r in site.records if r.is_published(today)), key=lambda r: r.id)
