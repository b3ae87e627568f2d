"""The published JSON Schema is the one validation uses, and editors' tools can find it."""

from __future__ import annotations

import json

import yaml
from jsonschema import Draft7Validator

from microsite.data.loading import parse_yaml
from microsite.data.schema import projects_schema, schema_json
from sitebuild import REPO

SCHEMA_FILE = REPO / "schema" / "projects.schema.json"


def test_schema_file_is_in_sync_with_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "schema/projects.schema.json is out of date: run "
        "`microsite schema -o schema/projects.schema.json`"
    )


def test_schema_file_is_a_valid_json_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
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
    assert list(Draft7Validator(schema).iter_errors(doc.data)) == []


def test_schema_describes_every_record_field_for_completion() -> None:
    record = projects_schema()["properties"]["records"]["items"]
    missing = [key for key, value in record["properties"].items() if "description" not in value]
    assert missing == []
    published = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    # the draft VS Code's YAML extension (yaml-language-server) fully supports
    assert published["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_fast_and_python_validators_agree_on_every_bad_input() -> None:
    """The compiled validator only gates the Python one; they must judge data the same way."""
    import jsonschema_rs

    from bad_inputs import CASES
    from microsite.data.loading import YamlSyntaxError
    from projectcopy import SAMPLE_RECORDS

    fast = jsonschema_rs.validator_for(projects_schema(), validate_formats=False)
    slow = Draft7Validator(projects_schema())
    good = SAMPLE_RECORDS.read_text(encoding="utf-8")  # the cases edit the sample's records
    judged = 0
    for case in CASES:
        try:
            doc = parse_yaml(case.apply(good))
        except YamlSyntaxError:
            continue
        assert fast.is_valid(doc.data) == slow.is_valid(doc.data), case.name
        judged += 1
    assert judged >= 10
    assert fast.is_valid(parse_yaml(good).data) and slow.is_valid(parse_yaml(good).data)
