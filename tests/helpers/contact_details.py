"""The sample project with contact details and the rest of what a record may show: one shared
build for ``tests/render/test_languages.py`` (a phone number and an address in every language)
and ``tests/render/test_site_build.py`` (how to take part, contact and links)."""

from __future__ import annotations

from pathlib import Path

from projectcopy import copy_project

TRANSLATED = "gruendung-im-quartier"  # translated into every language in the sample
PHONE = "+49 511 1234567"
EMAIL = "gruendung@example.org"
DETAILED = "lotse-beruf"


def with_contact(records: list[dict]) -> None:
    """A phone number and an address for the record translated into every language."""
    record = next(r for r in records if r["id"] == TRANSLATED)
    record["contact"] = {"email": EMAIL, "phone": PHONE}


def with_details(records: list[dict]) -> None:
    """Contact, links and how to take part for ``DETAILED``; also ``with_contact``."""
    with_contact(records)
    record = next(r for r in records if r["id"] == DETAILED)
    record["contact"] = {"name": {"de": "Team Lotse", "en": "Lotse team"},
                         "email": "lotse@example.org", "phone": "+49 511 000000"}
    record["links"] = [{"url": "https://example.org/lotse",
                        "label": {"de": "Mehr erfahren", "en": "Find out more"}}]
    record["texts"]["de"]["how_to_take_part"] = ["Bewerbung schicken", "Zum *Gespräch* kommen"]
    record["texts"]["en"]["how_to_take_part"] = ["Send an application", "Come to an interview"]


def details_project(target: Path) -> Path:
    return copy_project(target, edit_records=with_details)
