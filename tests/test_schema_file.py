"""The published JSON Schema is the one validation uses, and editors' tools can find it."""

from __future__ import annotations

import json

import yaml
from jsonschema import Draft202012Validator

from microsite.loading import parse_yaml
from microsite.schema import projects_schema, schema_json
from sitebuild import REPO

SCHEMA_FILE = REPO / "schema" / "projects.schema.json"


def test_schema_file_is_in_sync_with_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "schema/projects.schema.json is out of date: run "
        "`microsite schema -o schema/projects.schema.json`"
    )


def test_schema_file_is_a_valid_json_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema == projects_schema()


def test_data_file_points_editors_to_the_schema() -> None:
    data_file = REPO / "data" / "projects.yaml"
    first_line = data_file.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    target = (data_file.parent / first_line.split("$schema=", 1)[1].strip()).resolve()
    assert target == SCHEMA_FILE.resolve()


def test_real_data_is_valid_against_the_published_schema() -> None:
    """What VS Code shows inline agrees with the check on the real data."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    doc = parse_yaml((REPO / "data" / "projects.yaml").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(doc.data)) == []


def test_schema_describes_every_record_field_for_completion() -> None:
    record = projects_schema()["properties"]["records"]["items"]
    missing = [key for key, value in record["properties"].items() if "description" not in value]
    assert missing == []
    assert yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")
