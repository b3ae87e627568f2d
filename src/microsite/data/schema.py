"""The JSON Schema of ``projects.yaml``: the one description of a record's shape.

Editors get it through the ``yaml-language-server`` modeline (completion and inline errors in
VS Code); validation uses the same dict. ``schema/projects.schema.json`` is written from here
by ``microsite schema`` and a test keeps the two in sync. Checks JSON Schema cannot express
(dates that exist, end after start, unique ids, configured languages) live in record_rules.
"""

from __future__ import annotations

import json
from typing import Any

from microsite.data.model import Audience, Kind, Status
from microsite.data.translations import FINGERPRINT, REVIEWED_FIELDS

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LANG = r"^[a-z]{2,3}(-[A-Z]{2})?$"
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATE_OR_MONTH = r"^\d{4}-\d{2}(-\d{2})?$"
FORMAT_VERSION = 1
ID_MAX_LENGTH = 80
"""An id is a folder name and part of an address: short enough for every file system."""


def _text(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description, **extra}


def _object(properties: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        **extra,
    }
    if required:
        schema["required"] = list(required)
    return schema


def _per_language(description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description + " One entry per language code, e.g. de, en.",
        "propertyNames": {"pattern": LANG},
        "additionalProperties": _text("Text in this language."),
        "minProperties": 1,
    }


ORGANISATION = _object(
    {
        "name": {
            "description": "Name. Plain text for a proper name used in every language, or one "
            "entry per language code where the name is translated.",
            "oneOf": [_text("Name used in every language."), _per_language("Translated name.")],
        },
        "url": _text("The organisation's home page, https://… without a path (e.g. "
                     "https://www.arbeitsagentur.de/): deeper pages change unnoticed.",
                     format="uri"),
    },
    required=("name",),
)

def _one_or_per_language(description: str) -> dict[str, Any]:
    return {"description": description,
            "oneOf": [_text("The same in every language."), _per_language(description)]}


SOURCE = _object(
    {
        "type": _one_or_per_language("What the source is, e.g. {de: Pressemitteilung, en: press "
                                     "release}; shown as “laut Pressemitteilung vom …”."),
        "publisher": _one_or_per_language("Who published it."),
        "title": _one_or_per_language("Its title as published."),
        "date": {"type": "string", "pattern": DATE,
                 "description": "Date of the source (YYYY-MM-DD); every status is shown with it."},
        "url": _text("Web address of the source, https://… (only where it is published).",
                     format="uri"),
    },
    required=("date",),
    description="Where the facts come from: shown with every status and on every page that "
    "draws on it.",
)

SOURCE_ITEM = _object(
    {
        "default": {"type": "boolean",
                    "description": "true: the source given at the top of the file (source:). "
                    "Then leave the other fields out."},
        **SOURCE["properties"],
    },
    description="One source of the record: the file's source (default: true) or a source of "
    "its own with its date (type, publisher, title, optional url).",
)

LOCATION = _object(
    {
        "name": {"description": "Name of the place, e.g. the building.",
                 "oneOf": [_text("The same in every language."), _per_language("Name.")]},
        "address": {"description": "Address: street, number, postcode and town.",
                    "oneOf": [_text("The same in every language."), _per_language("Address.")]},
    },
    description="Where an event takes place (page, calendar LOCATION, structured data).",
)

TEXTS = _object(
    {
        "title": _text("Page title, short."),
        "title_lang": {
            "type": "string", "pattern": LANG,
            "description": "Language the title is written in where it is a name that stays in "
                           "another language, e.g. de for “Jobpilot 360 Grad” in the English "
                           "texts (WCAG 3.1.2).",
        },
        "summary": _text("One sentence: what it is and who it is for. Plain text."),
        "description": _text("Longer text. Markdown: paragraphs, *emphasis*, lists, links."),
        "target_group": _text("Who it is for. Plain text."),
        "how_to_take_part": {
            "type": "array",
            "description": "Steps to take part, in order. Plain text with links allowed.",
            "items": _text("One step."),
        },
    },
    required=("title", "summary"),
    description="The texts of the record in one language.",
)

RECORD = _object(
    {
        "id": {
            "type": "string",
            "pattern": SLUG,
            "maxLength": ID_MAX_LENGTH,
            "description": "Stable identifier and web address: lower case, digits and hyphens.",
        },
        "kind": {
            "enum": [k.value for k in Kind],
            "description": "project, programme, service, strategy or event.",
        },
        "status": {
            "enum": [s.value for s in Status],
            "description": "Only where no dates are known and a source states it: planned, "
            "running or completed, shown as of the source's date (Stand …). With dates the "
            "status is derived.",
        },
        "draft": {"type": "boolean", "description": "true keeps the record off the public site."},
        "publish_from": {
            "type": "string",
            "pattern": DATE,
            "description": "Publish only from this date (YYYY-MM-DD).",
        },
        "period": _object(
            {
                "start": {"type": "string", "pattern": DATE_OR_MONTH,
                          "description": "Start: YYYY-MM-DD or YYYY-MM."},
                "end": {"type": "string", "pattern": DATE_OR_MONTH,
                        "description": "End: YYYY-MM-DD or YYYY-MM."},
            },
            description="When it runs or takes place.",
        ),
        "location": LOCATION,
        "funding": _object(
            {
                "amount": {"type": "integer", "minimum": 0,
                           "description": "Whole euros as digits, e.g. 50000."},
                "currency": {"type": "string", "pattern": r"^[A-Z]{3}$",
                             "description": "ISO 4217 code, default EUR."},
                "funders": {"type": "array", "items": ORGANISATION,
                            "description": "Who pays for it."},
            },
            description="Money and who gives it.",
        ),
        "providers": {"type": "array", "items": ORGANISATION, "minItems": 1,
                      "description": "Who runs or organises it."},
        "partners": {"type": "array", "items": ORGANISATION,
                     "description": "Who takes part or contributes."},
        "audiences": {
            "type": "array", "uniqueItems": True,
            "items": {"enum": [a.value for a in Audience]},
            "description": "Whom it is for, only where the source says so: jobseekers, "
            "self-employed, skilled-workers-abroad, employers, institutions.",
        },
        "languages": {"type": "array", "items": {"type": "string", "pattern": LANG},
                      "description": "Languages of the advice or of the event, as codes."},
        "multilingual": {"type": "boolean",
                         "description": "true where offered in several languages, unnamed."},
        "results": {
            "type": "array",
            "description": "Results as counts, as of the source's date.",
            "items": _object(
                {"count": {"type": "integer", "minimum": 0, "description": "A whole number."},
                 "label": _per_language("What was counted.")},
                required=("count", "label"),
            ),
        },
        "links": {
            "type": "array",
            "description": "Further information on the web.",
            "items": _object(
                {"url": _text("Web address, https://…", format="uri"),
                 "label": _per_language("Link text.")},
                required=("url", "label"),
            ),
        },
        "contact": _object(
            {"name": _per_language("Contact point, e.g. a team."),
             "email": _text("E-mail address.", format="email"),
             "phone": _text("Phone number, e.g. +49 511 …")},
            description="Whom to contact.",
        ),
        "sources": {"type": "array", "items": SOURCE_ITEM, "minItems": 1,
                    "description": "Where this record's facts come from. Required where a "
                    "status, a result or an amount is given; the newest source dates them."},
        "translation": {
            "type": "object",
            "description": "Per language: 'pending' publishes the default language's text "
            "with a note until the translation exists; or {reviewed: {...}}, the fingerprints "
            "of the default-language texts the translation was last checked against.",
            "propertyNames": {"pattern": LANG},
            "additionalProperties": {
                "oneOf": [
                    {"enum": ["pending"], "description": "Translation not written yet."},
                    _object(
                        {"reviewed": {
                            "type": "object",
                            "description": "Per text field, the fingerprint `microsite check` "
                            "prints for the default-language text that was reviewed.",
                            "propertyNames": {"enum": list(REVIEWED_FIELDS)},
                            "additionalProperties": {"type": "string", "pattern": FINGERPRINT},
                        }},
                        required=("reviewed",),
                    ),
                ],
            },
        },
        "former_ids": {"type": "array", "items": {"type": "string", "pattern": SLUG,
                                                  "maxLength": ID_MAX_LENGTH},
                       "description": "Earlier ids; their addresses redirect here."},
        "texts": {
            "type": "object",
            "description": "Texts per language code.",
            "propertyNames": {"pattern": LANG},
            "additionalProperties": TEXTS,
        },
    },
    required=("id", "kind", "texts"),
)


def projects_schema() -> dict[str, Any]:
    """The whole file: a format version and the list of records."""
    return {
        # draft-07: the newest draft VS Code's YAML extension fully supports; the keywords
        # used here mean the same in later drafts
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://github.com/lhh/microsite/schema/projects.schema.json",
        "title": "Programmes and events of the microsite",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT_VERSION, "description": "Format version of this file."},
            "source": {**SOURCE, "description": "A source records can name (sources: - default: "
                       "true); hand-written pages can name it too."},
            "records": {"type": "array", "items": RECORD, "description": "One entry a record."},
        },
        "required": ["records"],
        "additionalProperties": False,
    }


def schema_json() -> str:
    return json.dumps(projects_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
