"""schema.org JSON-LD for a record page, by kind (no MkDocs; the page template embeds it).

programme → EducationalOccupationalProgram, service → GovernmentService, project → Project
with funder and MonetaryGrant, event → Event. A strategy (the city's integration plan) is a
``Project`` too, whose ``parentOrganization`` is the city. Only facts the record has are
written; nothing is guessed.
"""

from __future__ import annotations

import json
from typing import Any

from microsite.data.model import Kind, Organisation, Record
from microsite.render.views import RecordView

TYPES = {
    Kind.PROGRAMME: "EducationalOccupationalProgram",
    Kind.SERVICE: "GovernmentService",
    Kind.PROJECT: "Project",
    Kind.STRATEGY: "Project",
    Kind.EVENT: "Event",
}


def _org(org: Organisation, lang: str, default: str) -> dict[str, Any]:
    name, _ = org.name_in(lang, default)
    out: dict[str, Any] = {"@type": "Organization", "name": name}
    if org.url:
        out["url"] = org.url
    return out


def _put(data: dict[str, Any], **fields: Any) -> None:
    """Set the fields that have a value; a missing fact is left out, not written empty."""
    data.update({key: value for key, value in fields.items() if value})


def _one_or_many(items: list[Any]) -> Any:
    return items[0] if len(items) == 1 else items


def record_json_ld(record: Record, view: RecordView, lang: str, default: str,
                   url: str) -> dict[str, Any]:
    """The JSON-LD object of one record page in ``lang``; ``url`` is the page's address."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": TYPES[record.kind],
        "@id": url,
        "url": url,
        "name": view.title,
        "description": view.summary,
        "inLanguage": view.text_lang or lang,
    }
    if view.source is not None:  # the facts, and any stated status, are as of this source
        source: dict[str, Any] = {"@type": "CreativeWork",
                                  "datePublished": record.source.date.isoformat()}
        _put(source, name=view.source.title, url=view.source.url,
             publisher={"@type": "Organization", "name": view.source.publisher}
             if view.source.publisher else None)
        data["isBasedOn"] = source
    providers = [_org(o, lang, default) for o in record.providers]
    funders = [_org(o, lang, default) for o in (record.funding.funders if record.funding else ())]
    start = record.period.start.isoformat() if record.period.start else None
    end = record.period.end.isoformat() if record.period.end else None
    if record.kind in (Kind.PROJECT, Kind.STRATEGY):
        member = "member" if record.kind is Kind.PROJECT else "parentOrganization"
        _put(data, funder=funders, **{member: providers})
        if record.funding and record.funding.amount is not None:
            grant: dict[str, Any] = {
                "@type": "MonetaryGrant",
                "amount": {"@type": "MonetaryAmount", "value": record.funding.amount,
                           "currency": record.funding.currency},
            }
            _put(grant, funder=funders)
            data["funding"] = grant
    elif record.kind is Kind.PROGRAMME:
        # an Intangible: schema.org defines neither funder nor audience for it
        _put(data, provider=_one_or_many(providers), startDate=start, endDate=end)
    elif record.kind is Kind.SERVICE:
        target = next((f for f in view.at_a_glance if f.key == "target_group"), None)
        _put(data, provider=_one_or_many(providers),
             areaServed={"@type": "City", "name": "Hannover"},
             audience={"@type": "Audience", "audienceType": target.values[0].text}
             if target else None)
    elif record.kind is Kind.EVENT:
        _put(data, organizer=providers, funder=funders, startDate=start, endDate=end,
             inLanguage=list(record.languages),
             contributor=[_org(o, lang, default) for o in record.partners],
             location=_place(record, lang, default))
    return data


def _place(record: Record, lang: str, default: str) -> dict[str, Any] | None:
    """An event's place as a schema.org Place (name, address as text)."""
    if record.location is None:
        return None
    name, address = record.location.in_lang(lang, default)
    place: dict[str, Any] = {"@type": "Place"}
    _put(place, name=name, address=address)
    return place if len(place) > 1 else None


def to_script(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/ld+json">`` (no ``</script>`` breakout)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
