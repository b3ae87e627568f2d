"""``microsite format`` writes exactly what the editor's save function writes, the result
reads back as the same data and passes ``check``, and a change to one record changes only
that record's lines."""

from __future__ import annotations

import copy
import difflib
import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from microsite.data.loading import parse_yaml, read_yaml
from microsite.data.schema import projects_schema
from microsite.editing.yaml_layout import format_projects
from projectcopy import copy_project, run_check, run_microsite
from sitebuild import REPO

ROUNDTRIP = REPO / "tests" / "cms" / "roundtrip.cjs"

# values that need each of the layout's rules: plain, quoted, literal blocks, numbers, names
TRICKY = {
    "format": 1,
    "records": [{
        "id": "knifflig",
        "kind": "event",
        "period": {"start": "2025-03", "end": "2025-03-31"},
        "funding": {"amount": 1234, "currency": "EUR",
                    "funders": [{"name": "Verein: mit Doppelpunkt"},
                                {"name": {"de": "Stadt", "en": "City"}, "url": "https://a.example"}]},
        "providers": [{"name": "#hashtag e. V."}, {"name": "'Zitat' und mehr"},
                      {"name": "\"Anführung\" vorn"}, {"name": "- Strich vorn"},
                      {"name": "Name mit # Raute"}, {"name": "yes"}, {"name": "12345"},
                      {"name": "1e5"}, {"name": "null"}, {"name": "ends with colon:"},
                      {"name": " leading space"}, {"name": "trailing space "},
                      {"name": "tab\there"}, {"name": "steuer\x07zeichen"},
                      {"name": "Ümlaute – ß ✓ 🙂"}, {"name": "@home"}, {"name": "%prozent"},
                      {"name": "a, b [c] {d}"}, {"name": "*stern"}, {"name": "&anker"},
                      {"name": "!tag"}, {"name": "~"}, {"name": "0x1F"}, {"name": "1:30"}],
        "languages": ["de", "en", "tr"],
        "results": [{"count": 0, "label": {"de": "null Sachen", "en": "zero"}}],
        "translation": {"en": "pending"},
        "texts": {
            "de": {
                "title": "Titel",
                "summary": "Ein Satz.",
                "description": "Absatz eins.\n\n- Liste\n  - tiefer\n\nEnde ohne Umbruch",
                "how_to_take_part": ["Schritt 1: anmelden", "mehrzeilig\nzweite Zeile\n"],
            },
            "en": {"title": "Title", "summary": "Line one\n\n\n", "description": " starts "
                   "with a space\nsecond line\n", "target_group": "with\r\ncarriage return"},
        },
    }],
}


def _editor_roundtrip(text: str) -> str:
    """What the editor writes for ``text`` after loading it into the form and saving."""
    with tempfile.TemporaryDirectory() as tmp:
        schema = Path(tmp) / "schema.json"
        schema.write_text(json.dumps(projects_schema()), encoding="utf-8")
        return subprocess.run(["node", str(ROUNDTRIP), str(schema), "de"], input=text,
                              capture_output=True, text=True, check=True, timeout=60).stdout


def _format_text(text: str) -> str:
    return format_projects(parse_yaml(text).data)


@pytest.mark.parametrize("source", ["real", "tricky"])
def test_the_editor_writes_what_the_formatter_writes(source: str) -> None:
    text = (REPO / "data" / "projects.yaml").read_text(encoding="utf-8") if source == "real" \
        else json.dumps(TRICKY, ensure_ascii=False)
    formatted = _format_text(text)
    assert _editor_roundtrip(text) == formatted
    # and it is stable: formatting or saving again changes nothing
    assert _format_text(formatted) == formatted
    assert _editor_roundtrip(formatted) == formatted


def test_the_editor_drops_what_the_form_leaves_empty() -> None:
    data = copy.deepcopy(TRICKY)
    record = data["records"][0]
    pruned = _format_text(json.dumps(data, ensure_ascii=False))
    record.update(multilingual=False, partners=[], contact={"email": "  "})
    record["providers"].append({"name": {"de": "", "en": ""}})
    assert _editor_roundtrip(json.dumps(data, ensure_ascii=False)) == pruned


def test_the_layout_reads_back_as_the_same_data() -> None:
    for data in (TRICKY, read_yaml(REPO / "data" / "projects.yaml").data):
        assert parse_yaml(format_projects(data)).data == data


def test_the_formatted_file_passes_check(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", real=True)
    done = run_microsite("format", cwd=project)
    assert done.returncode == 0, done.stderr
    data_file = project / "data" / "projects.yaml"
    assert read_yaml(data_file).data == read_yaml(REPO / "data" / "projects.yaml").data
    checked = run_check(project)
    assert checked.returncode == 0, checked.stderr
    again = run_microsite("format", "--check", cwd=project)
    assert again.returncode == 0, again.stderr


def test_format_check_reports_a_file_in_another_layout(tmp_path: Path) -> None:
    data_file = tmp_path / "projects.yaml"
    data_file.write_text("format: 1\nrecords: []\n", encoding="utf-8")
    done = run_microsite("format", "--check", str(data_file), cwd=tmp_path)
    assert done.returncode == 1
    assert "microsite format" in done.stderr


def _record_line_ranges(text: str) -> list[range]:
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith("  - ")]
    ends = [*starts[1:], len(lines)]
    return [range(s, e) for s, e in zip(starts, ends, strict=True)]


def _changed_lines(old: str, new: str) -> set[int]:
    changed: set[int] = set()
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            changed.update(range(i1, max(i2, i1 + 1)))
    return changed


@pytest.mark.parametrize("change", ["summary", "amount", "new_result", "remove_field"])
def test_a_change_to_one_record_touches_only_its_lines(change: str) -> None:
    data = read_yaml(REPO / "data" / "projects.yaml").data
    before = format_projects(data)
    changed_data: dict[str, Any] = copy.deepcopy(data)
    index = len(changed_data["records"]) // 2
    record = changed_data["records"][index]
    if change == "summary":
        record["texts"]["de"]["summary"] += " Ergänzt."
    elif change == "amount":
        record.setdefault("funding", {})["amount"] = 123456
    elif change == "new_result":
        record.setdefault("results", []).append({"count": 3, "label": {"de": "d", "en": "e"}})
    else:
        record.pop("source", None) or record["texts"]["en"].pop("summary")
    after = format_projects(changed_data)
    touched = _changed_lines(before, after)
    assert touched
    own = _record_line_ranges(before)[index]
    assert touched <= set(own), (sorted(touched), own)


@pytest.mark.parametrize("content, message", [
    ("records:\n  - id: a\n    texts: {de: {title: Grüße}}\n".encode("latin-1"),
     "nicht in UTF-8 gespeichert"),
    (b"- a\n- b\n", "keine Liste „records:“ gefunden"),
], ids=["latin-1", "no-records"])
def test_format_refuses_a_broken_file_with_a_german_message(tmp_path: Path, content: bytes,
                                                            message: str) -> None:
    data_file = tmp_path / "projects.yaml"
    data_file.write_bytes(content)
    done = run_microsite("format", str(data_file), cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert message in done.stderr
    assert data_file.read_bytes() == content  # nothing written
