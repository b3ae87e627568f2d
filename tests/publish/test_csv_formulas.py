"""The CSV export runs no formula in a spreadsheet, in any text column, and keeps phone numbers
and Markdown lists intact (issue 9). Read back with a real CSV parser."""

from __future__ import annotations

import csv
import io

import pytest

from microsite.publish.exports.csv_export import COLUMNS, guard_cell, records_csv
from microsite.render.markup import render_markdown
from microsite.render.project import read_project_settings
from microsite.render.site import load_site
from projectcopy import copy_project

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
SITE_URL = "https://example.org/microsite/"
HOSTILE_ID = "formel-test"
DESCRIPTION = "- erster Punkt\n- zweiter Punkt\n  - eingerückt\n\nText danach.\n\n+ noch eine Liste"


def _hostile_record(records: list[dict]) -> None:
    records.append({
        "id": HOSTILE_ID,
        "kind": "project",
        "status": "running",
        "sources": [{"type": "=1+1", "title": "@Quelle", "date": "2024-09-20"}],
        "providers": [{"name": "\t=1+2"}, {"name": "@SUMME(A1)"}],
        "partners": [{"name": " -2+3"}],
        "funding": {"funders": [{"name": "+cmd|' /C calc'!A0"}]},
        "results": [{"count": 3, "label": {"de": "=A1", "en": "=A1"}}],
        "contact": {"email": "info@hannover.de", "phone": "+49 511 168-12345"},
        "texts": {
            "de": {"title": '=HYPERLINK("https://example.org/","Hier")',
                   "summary": "-1+1 Zusammenfassung", "target_group": "@Alle",
                   "description": DESCRIPTION},
            "en": {"title": "＝1+1", "summary": "Summary", "target_group": "@All",
                   "description": "-5 % off"},
        },
    })


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, str]]]:
    """The exported rows per language, by id, read back by Python's CSV reader."""
    project = copy_project(tmp_path_factory.mktemp("csv") / "project",
                           edit_records=_hostile_record)
    settings, _ = read_project_settings(project / "mkdocs.yml")
    site = load_site(settings)
    result = {}
    for lang in site.languages:
        text = records_csv(site, lang, SITE_URL).decode("utf-8-sig")
        header = text.splitlines()[0]  # ";" where the language writes decimal commas
        delimiter = ";" if header.count(";") > header.count(",") else ","
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        result[lang] = {row["id"]: row for row in reader}
    return result


def _formula(cell: str) -> bool:
    """Whether a spreadsheet would read ``cell`` as a formula."""
    return cell.startswith(("\t", "\r")) or cell.lstrip(" \t\r\n").startswith(TRIGGERS)


def test_no_cell_of_any_column_is_a_formula(rows: dict) -> None:
    phone_column = "contact_phone"
    for lang, by_id in rows.items():
        for row in by_id.values():
            assert list(row) == list(COLUMNS)
            for column, cell in row.items():
                if column != phone_column:
                    assert not _formula(cell), (lang, column, cell)


def test_hostile_cells_keep_their_text_after_the_apostrophe(rows: dict) -> None:
    row = rows["de"][HOSTILE_ID]
    assert row["title"] == '\'=HYPERLINK("https://example.org/","Hier")'
    assert row["summary"] == "'-1+1 Zusammenfassung"
    assert row["target_group"] == "'@Alle"
    assert row["providers"] == "'\t=1+2 | @SUMME(A1)"
    assert row["partners"] == "' -2+3"
    assert row["funders"] == "'+cmd|' /C calc'!A0"
    assert rows["en"][HOSTILE_ID]["title"] == "'＝1+1"
    assert rows["en"][HOSTILE_ID]["description"] == "'-5 % off"


def test_a_phone_number_stays_as_written(rows: dict) -> None:
    assert rows["de"][HOSTILE_ID]["contact_phone"] == "+49 511 168-12345"
    assert rows["en"][HOSTILE_ID]["contact_phone"] == "+49 511 168-12345"


def test_a_markdown_list_stays_the_same_list(rows: dict) -> None:
    cell = rows["de"][HOSTILE_ID]["description"]
    assert not _formula(cell)
    assert cell.splitlines()[2] == "  - eingerückt"  # nested items are not cell starts
    assert render_markdown(cell) == render_markdown(DESCRIPTION)
    assert str(render_markdown(cell)).count("<li>") == 4


@pytest.mark.parametrize("cell", ["\r=1+1", "\rText", "\tText", "\n=1", " =1", "－1"])
def test_whitespace_before_a_trigger_and_tab_or_cr_first_are_guarded(cell: str) -> None:
    assert guard_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["+49 (0)511 168-0", "0511 168 12345", "Jobcenter", "50000",
                                  "https://example.org/"])
def test_harmless_cells_are_unchanged(cell: str) -> None:
    assert guard_cell(cell) == cell


def test_the_real_export_has_no_formula(rows: dict) -> None:
    for by_id in rows.values():
        for record_id, row in by_id.items():
            if record_id != HOSTILE_ID:
                assert not any(_formula(cell) for cell in row.values()), record_id
