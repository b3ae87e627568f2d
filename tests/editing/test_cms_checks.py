"""The form's own rules (admin/microsite-checks.js) and number reading
(admin/microsite-format.js) in Node: the form says what ``microsite check`` says about the same
record, in the same words, and stores amounts exactly as typed or not at all."""

from __future__ import annotations

import json
import subprocess

import pytest

from microsite.checks.validation import SiteLanguages, ValidationFailed, load_records_from_text
from microsite.editing.admin_site import _schema_js, read_project
from microsite.editing.yaml_layout import format_projects
from sitebuild import REPO

RUN = """
const vm = require('vm');
const window = {};
vm.runInNewContext(process.argv[1], { window });
const C = require(process.argv[2]);
const F = require(process.argv[3]);
const records = JSON.parse(process.argv[4]);
const out = records.map(r => ({
  period: C.periodProblem(r.period, window.MICROSITE_MESSAGES),
  texts: C.textsProblem(r, window.MICROSITE_RULES, window.MICROSITE_MESSAGES)}));
const numbers = JSON.parse(process.argv[5]).map(F.wholeNumber);
process.stdout.write(JSON.stringify({ out, numbers }));
"""

RECORDS = [
    {"id": "ende-vor-beginn", "kind": "project",
     "period": {"start": "2025-03", "end": "2025-01-31"},
     "texts": {"de": {"title": "T", "summary": "S"}, "en": {"title": "T", "summary": "S"}}},
    {"id": "ohne-englisch", "kind": "project",
     "texts": {"de": {"title": "T", "summary": "S"}}},
    {"id": "halb-englisch", "kind": "project",
     "texts": {"de": {"title": "T", "summary": "S", "description": "Text."},
               "en": {"title": "T", "summary": "S"}}},
    {"id": "englisch-ohne-kurztext", "kind": "project",
     "texts": {"de": {"title": "T", "summary": "S"}, "en": {"title": "T"}}},
    {"id": "steht-aus", "kind": "project", "translation": {"en": "pending"},
     "texts": {"de": {"title": "T", "summary": "S"}}},
    {"id": "gleicher-monat", "kind": "event", "period": {"start": "2025-03", "end": "2025-03-01"},
     "texts": {"de": {"title": "T", "summary": "S"}, "en": {"title": "T", "summary": "S"}}},
]


def _node(records: list[dict], numbers: list[str]) -> dict:
    script = _schema_js(read_project(REPO))
    done = subprocess.run(
        ["node", "-e", RUN, script, str(REPO / "admin" / "microsite-checks.js"),
         str(REPO / "admin" / "microsite-format.js"), json.dumps(records), json.dumps(numbers)],
        capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout)


def _check_messages(record: dict) -> list[str]:
    text = format_projects({"format": 1, "records": [record]})
    try:
        dataset = load_records_from_text(text, SiteLanguages(("de", "en")), "data/projects.yaml")
    except ValidationFailed as failed:
        problems = failed.problems
    else:
        problems = dataset.warnings if hasattr(dataset, "warnings") else []
    return [p.message("de") for p in problems if not p.warning]


def test_the_form_says_what_check_says_about_the_same_record() -> None:
    result = _node(RECORDS, [])["out"]
    for record, form in zip(RECORDS, result, strict=True):
        said = [m for m in (form["period"], form["texts"]) if m]
        errors = _check_messages(record)
        if not errors:
            assert said == [], record["id"]
            continue
        assert said, (record["id"], errors)
        for message in said:
            # the form shows check's sentence without file, line, record and field
            core = message.split(": ", 1)[-1] if message.startswith("texts.") else message
            assert any(error.endswith(core) for error in errors), (message, errors)


@pytest.mark.parametrize(("typed", "stored"), [
    ("50.000", 50000), ("50.000 €", 50000), ("50 000", 50000), ("50000", 50000),
    ("1.234.567 EUR", 1234567), ("50,5", None), ("50.00", None), ("fünfzig", None),
    ("50.000,00", None), ("", None)])
def test_amounts_are_read_exactly_or_not_at_all(typed: str, stored: int | None) -> None:
    assert _node([], [typed])["numbers"] == [stored]

