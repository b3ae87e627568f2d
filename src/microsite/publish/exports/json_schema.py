"""JSON Schema of the JSON export (``records.json``), published next to it.

The schema is the machine-readable half of the format's documentation (the other half is
``guide/open-data.md``); a test validates every export against it. Its address (and so its
``$id``) carries the format version it describes, ``records-1.0.schema.json``: a new version is
a new address, and a reader that cached one version's schema is never handed another's.
"""

from __future__ import annotations

import json
from typing import Any

from microsite.data.model import Kind, Status
from microsite.publish.exports.records import FORMAT_NAME, FORMAT_VERSION

SCHEMA_FILE = f"records-{FORMAT_VERSION}.schema.json"
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATE_OR_MONTH = r"^\d{4}-\d{2}(-\d{2})?$"



def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(description: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "description": description, "properties": properties,
            "required": list(properties), "additionalProperties": False}


def _string(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **extra}


SOURCE_SHAPE = _object("Where facts come from; a stated status and results are as of its date.", {
    "type": _nullable(_string("What the source is, e.g. press release.")),
    "publisher": _nullable(_string("Who published it.")),
    "title": _nullable(_string("Its title as published.")),
    "date": _string("Its date.", pattern=DATE),
    "url": _nullable(_string("Its web address, where published.")),
})
ORGANISATIONS = {"type": "array", "items": _object("An organisation.", {
    "name": _string("Name in the export's language (or the only name there is)."),
    "url": _nullable(_string("Web address.")),
})}


def export_schema(schema_url: str) -> dict[str, Any]:
    record = _object("One published record in the export's language.", {
        "id": _string("Stable identifier; also the last part of the page address."),
        "url": _string("Address of the record's page in this language.", format="uri"),
        "kind": {"enum": [k.value for k in Kind], "description": "What the record describes."},
        "status": {"enum": [*(s.value for s in Status), None],
                   "description": "Status on the build date: stated, or derived from the period."},
        "status_basis": {"enum": ["stated", "derived", "source", None],
                         "description": "stated: the source states the status, as of its "
                         "date; derived: from the period against the build date; source: an "
                         "event the source reports as running or held, so past after its "
                         "date."},
        "text_language": _string("Language the texts are written in; differs from the "
                                 "export's language while a translation is pending."),
        "title": _string("Title."),
        "summary": _string("One-sentence summary."),
        "description": _nullable(_string("Longer description, Markdown.")),
        "target_group": _nullable(_string("Who it is for.")),
        "how_to_take_part": {"type": "array", "items": _string("One step, Markdown.")},
        "period": _object("Start and end, known to the day or only to the month.", {
            "start": _nullable(_string("YYYY-MM or YYYY-MM-DD", pattern=DATE_OR_MONTH)),
            "end": _nullable(_string("YYYY-MM or YYYY-MM-DD", pattern=DATE_OR_MONTH)),
        }),
        "funding": _nullable(_object("Funding.", {
            "amount": _nullable({"type": "number", "description": "Amount."}),
            "currency": _nullable(_string("ISO 4217 currency of the amount.")),
            "funders": ORGANISATIONS,
        })),
        "providers": ORGANISATIONS,
        "partners": ORGANISATIONS,
        "languages": {"type": "array", "items": _string("Language code.")},
        "multilingual": {"type": "boolean", "description": "Offered in several languages."},
        "results": {"type": "array", "items": _object("A result so far.", {
            "count": {"type": "integer"}, "label": _string("What was counted.")})},
        "links": {"type": "array", "items": _object("A further link.", {
            "url": _string("Address."), "label": _string("Link text.")})},
        "contact": _nullable(_object("Contact.", {
            "name": _nullable(_string("Name.")),
            "email": _nullable(_string("E-mail address.")),
            "phone": _nullable(_string("Phone number.")),
        })),
        "status_date": _nullable(_string("The date the status holds for: the build date for a "
                                         "status derived from the dates (status_basis "
                                         "derived), else the date of its source.",
                                         pattern=DATE)),
        "status_source": _nullable(SOURCE_SHAPE),
        "source_date": _nullable(_string("Date of the newest source of the facts.",
                                         pattern=DATE)),
        "source": _nullable(SOURCE_SHAPE),
        "sources": {"type": "array", "items": SOURCE_SHAPE,
                    "description": "Every source the record names, newest first."},
        "location": _nullable(_object("Where an event takes place.", {
            "name": _nullable(_string("Name of the place.")),
            "address": _nullable(_string("Address.")),
        })),
        "updated": _nullable(_string("When the record last became new or changed: the later "
                                     "of source date and publication date.", pattern=DATE)),
        "former_ids": {"type": "array", "items": _string("An earlier id; its address redirects.")},
    })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": "Records of the microsite, one language",
        "type": "object",
        "properties": {
            "$schema": _string("Address of this schema."),
            "format": {"const": FORMAT_NAME},
            "format_version": _string(f"MAJOR.MINOR; this schema describes {FORMAT_VERSION}. "
                                      "MAJOR changes when a field is removed or changes "
                                      "meaning, MINOR when one is added.",
                                      pattern=r"^1\.\d+$"),
            "language": _string("Language code of the texts."),
            "build_date": _string("Date statuses were derived against.", pattern=DATE),
            "records": {"type": "array", "items": record},
        },
        "required": ["format", "format_version", "language", "build_date", "records"],
        "additionalProperties": False,
    }


def export_schema_json(schema_url: str) -> bytes:
    return (json.dumps(export_schema(schema_url), ensure_ascii=False, indent=2) + "\n").encode()
