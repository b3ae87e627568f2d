"""The editor's configuration is the schema's: same fields, required fields and patterns,
labels from the guide; the committed ``admin/config.yml`` is what the generator writes now."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from microsite.data.schema import projects_schema
from microsite.editing.admin_site import generated_config, read_project
from microsite.editing.cms_config import (
    NOT_IN_FORM,
    WHOLE_NUMBER,
    GuideError,
    cms_config,
    read_guide_labels,
    read_settings,
)
from projectcopy import run_microsite
from sitebuild import REPO

CONFIG = REPO / "admin" / "config.yml"
GUIDE = REPO / "guide" / "formular-felder.md"


def _record_fields() -> list[dict[str, Any]]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    (collection,) = config["collections"]
    (projects,) = collection["files"]
    records = next(f for f in projects["fields"] if f["name"] == "records")
    return records["fields"]


def test_committed_config_is_what_the_schema_and_guide_give() -> None:
    assert CONFIG.read_text(encoding="utf-8") == generated_config(REPO), (
        "admin/config.yml is out of date: run `microsite cms-config -o admin/config.yml`")


def test_cli_prints_the_same_config() -> None:
    done = run_microsite("cms-config", cwd=REPO)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out == CONFIG.read_text(encoding="utf-8")


def _walk(schema: dict[str, Any], field: dict[str, Any], path: str,
          seen: list[str]) -> None:
    """Each schema property has a form field with the schema's pattern, limits and options."""
    seen.append(path)
    assert field.get("label"), path
    if "pattern" in schema:
        assert field["pattern"][0] == schema["pattern"], path
        assert re.match(r"^Das ist ", field["pattern"][1]), path
    if "enum" in schema:
        assert [o["value"] for o in field["options"]] == schema["enum"], path
        assert field["widget"] == "select"
    # whole numbers are text the form turns into digits (admin/microsite-format.js): Decap's
    # number field read "50.000" as 50
    assert schema.get("type") != "number", f"{path}: amounts and counts are whole numbers"
    if schema.get("type") == "integer":
        assert field["widget"] == "string" and field["pattern"][0] == WHOLE_NUMBER, path
        assert field["pattern"][1].startswith("Das ist kein"), path
    if schema.get("type") == "boolean":
        assert field["widget"] == "boolean", path
    if schema.get("format") in ("uri", "email"):
        assert "pattern" in field, path
    if schema.get("type") == "object" and "properties" in schema:
        by_name = {f["name"]: f for f in field["fields"]}
        assert set(by_name) == set(schema["properties"]) - NOT_IN_FORM, path
        for key, sub in schema["properties"].items():
            if key not in NOT_IN_FORM:
                _walk(sub, by_name[key], f"{path}.{key}", seen)
    if schema.get("type") == "array":
        items = schema["items"]
        if "properties" in items:
            sub_fields = {f["name"]: f for f in field["fields"]}
            assert set(sub_fields) == set(items["properties"]), path
            for key in items.get("required", ()):
                assert sub_fields[key]["required"] is True, f"{path}.{key}"
            for key, sub in items["properties"].items():
                _walk(sub, sub_fields[key], f"{path}[].{key}", seen)
        else:
            _walk(items, field["field"], f"{path}[]", seen)


def test_every_record_field_is_in_the_form_with_schema_rules() -> None:
    record = projects_schema()["properties"]["records"]["items"]
    fields = {f["name"]: f for f in _record_fields()}
    assert list(fields) == list(record["properties"])
    for key in record["properties"]:
        assert fields[key]["required"] is (key in record["required"]), key
    seen: list[str] = []
    for key, sub in record["properties"].items():
        _walk(sub, fields[key], key, seen)
    assert "funding.amount" in seen and "results[].count" in seen


def test_texts_side_by_side_with_required_default_language() -> None:
    fields = {f["name"]: f for f in _record_fields()}
    languages = read_project(REPO).languages
    groups = fields["texts"]["fields"]
    assert [g["name"] for g in groups] == list(languages)
    text_schema = projects_schema()["properties"]["records"]["items"]["properties"]["texts"]
    required = set(text_schema["additionalProperties"]["required"])
    for n, group in enumerate(groups):
        for sub in group["fields"]:
            # only the default language is required: a translation may be pending
            assert sub["required"] is (n == 0 and sub["name"] in required), (group["name"], sub)
    dates = [f for f in _record_fields() if f["name"] == "publish_from"]
    assert dates[0]["widget"] == "datetime" and dates[0]["format"] == "YYYY-MM-DD"


def test_lists_for_funders_providers_and_results() -> None:
    fields = {f["name"]: f for f in _record_fields()}
    funders = {f["name"]: f for f in fields["funding"]["fields"]}["funders"]
    for field in (funders, fields["providers"], fields["results"], fields["languages"]):
        assert field["widget"] == "list"


def test_labels_and_help_texts_come_from_the_guide() -> None:
    labels = read_guide_labels(GUIDE)
    fields = {f["name"]: f for f in _record_fields()}
    assert (fields["id"]["label"], fields["id"]["hint"]) == labels["id"]
    assert (fields["kind"]["label"], fields["kind"]["hint"]) == labels["kind"]
    # every row of the guide's table is used by some field
    text = CONFIG.read_text(encoding="utf-8")
    for key, (label, _hint) in labels.items():
        assert label in text, key


def test_a_field_missing_from_the_guide_stops_the_generator() -> None:
    labels = read_guide_labels(GUIDE)
    del labels["amount"]
    project = read_project(REPO)
    with pytest.raises(GuideError, match="amount"):
        cms_config(read_settings(REPO / "admin" / "settings.yml"), project.languages, labels,
                   project.phrases[project.languages[0]])


def test_no_fingerprints_or_title_language_in_the_form() -> None:
    """A translation's review is a step (./dev review), not a field of codes; both stay in
    the file (tests/editing/test_cms_parity.py saves a record and keeps them)."""
    text = CONFIG.read_text(encoding="utf-8")
    for name in NOT_IN_FORM:
        assert f"name: {name}\n" not in text, name
    assert "Geprüft gegen" not in text and "Sprache des Titels" not in text
    assert "picker_utc" not in text  # no "UTC" beside a date


def test_the_groups_with_checks_rules_use_the_checking_widgets() -> None:
    fields = {f["name"]: f for f in _record_fields()}
    assert fields["period"]["widget"] == "microsite-period"
    assert fields["texts"]["widget"] == "microsite-texts"
    assert all(g["widget"] == "object" for g in fields["texts"]["fields"])
