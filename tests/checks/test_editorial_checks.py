"""Silent damage is named with file, line and field: each case edits the sample records the way
an editor might and reads what validation (``microsite check``) reports."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from microsite.checks.editorial_checks import EXAMPLE_ID, EXAMPLE_TITLE
from microsite.checks.problems import Problem
from microsite.checks.validation import SiteLanguages, ValidationFailed, load_records_from_text
from projectcopy import SAMPLE_RECORDS, check_in_process, copy_project
from sitebuild import REPO

LANGS = SiteLanguages(("de", "en", "tr", "ar", "uk"), ("tr", "ar", "uk"))  # as mkdocs.yml
GOOD = SAMPLE_RECORDS.read_text(encoding="utf-8")
DE_TITLE = "        title: Lotse Beruf\n        summary: Beratung"
DE_DESCRIPTION = (
    "          nachhaltige und langfristige berufliche Perspektive entwickeln können.\n")


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str
    message: str  # the German report must contain this ...
    line_of: str  # ... at the line of this text in the edited file
    warning: bool = True

    def edited(self) -> str:
        assert GOOD.count(self.old) == 1, self.name
        return GOOD.replace(self.old, self.new)


def report(text: str) -> tuple[list[str], list[str]]:
    """(errors, warnings) as the editor reads them."""
    try:
        dataset = load_records_from_text(text, LANGS, "data/projects.yaml")
        return [], [p.message("de") for p in dataset.warnings if _damage(p)]
    except ValidationFailed as failed:
        return ([p.message("de") for p in failed.problems if not p.warning],
                [p.message("de") for p in failed.problems if p.warning and _damage(p)])


def _damage(problem: Problem) -> bool:
    """Not a hint on the sample's Turkish, Arabic or Ukrainian translation state (missing,
    not yet checked): those are tests/render/test_languages.py's."""
    return problem.code not in ("missing_optional_language", "unreviewed_translation") or \
        problem.params.get("lang") not in LANGS.optional


CASES = [
    Case("text-cut-at-hash", DE_TITLE, DE_TITLE.replace("Lotse Beruf", "Lotse Beruf #1"),
         "Programm „lotse-beruf“, Feld „texts.de.title“: der Text endet vor „ #“: YAML liest "
         "„#1“ als Kommentar", "#1"),
    Case("markdown-list-without-bar", "        description: |\n          Im Projekt",
         "        description:\n          Das Programm bietet\n          - berät\n"
         "          - qualifiziert\n\n          Im Projekt",
         "Feld „texts.de.description“: die Zeilen mit „-“ sollen wohl eine Liste sein",
         "          - berät"),
    Case("soft-hyphen", DE_TITLE, DE_TITLE.replace("Lotse Beruf", "Lotse Be\u00adruf"),
         "Feld „texts.de.title“: hier steht ein unsichtbares Zeichen (weiches Trennzeichen, "
         "U+00AD)", "Be\u00adruf"),
    Case("zero-width-space", DE_DESCRIPTION,
         DE_DESCRIPTION.replace("langfristige", "lang\u200bfristige"),
         "Feld „texts.de.description“: hier steht ein unsichtbares Zeichen (Leerzeichen ohne "
         "Breite, U+200B)", "lang\u200bfristige"),
    Case("stray-no-break-space", DE_TITLE, DE_TITLE.replace("Lotse Beruf", "Lotse\u00a0Beruf"),
         "hier steht ein geschütztes Leerzeichen (U+00A0) mitten im Text",
         "Lotse\u00a0Beruf"),
    Case("english-description-missing",
         "        description: |\n          In the project \"Lotse Beruf\"",
         "        target_group_x: |\n          In the project \"Lotse Beruf\"",
         "Feld „texts.en“: „texts.en.description“ fehlt, obwohl es „texts.de.description“ gibt",
         "      en:\n        title: Lotse Beruf", warning=False),
    Case("pending-with-english-texts", "      en: {reviewed: {title: 685cb6a9",
         "      en: pending\n      xx: {reviewed: {title: 685cb6a9",
         "Feld „translation.en“: „pending“ wird nicht beachtet, weil es schon Texte auf Englisch "
         "gibt", "      en: pending"),
    Case("guide-example-published", "  - id: lotse-beruf\n", f"  - id: {EXAMPLE_ID}\n",
         f"Feld „id“: das ist der Beispiel-Eintrag aus dem Redaktionsleitfaden („{EXAMPLE_ID}“)",
         f"id: {EXAMPLE_ID}", warning=False),
    Case("year-typo", "period: {start: 2024-09, end: 2025-08}",
         "period: {start: 2024-09, end: 2205-08}",
         "Feld „period.end“: das Jahr 2205 ist unwahrscheinlich", "end: 2205", warning=False),
    Case("title-too-long", DE_TITLE, DE_TITLE.replace("Lotse Beruf", "Lotse Beruf " * 15),
         "Feld „texts.de.title“: der Titel hat 179 Zeichen; höchstens 120", "title: Lotse Beruf "),
    Case("two-records-one-title", "        title: Servicestelle Anerkennung\n",
         "        title: Lotse Beruf\n",
         "Feld „texts.de.title“: den Titel „Lotse Beruf“ hat schon „lotse-beruf“",
         "Lotse Beruf\n        summary: Ein"),
]


def _line(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_silent_damage_is_reported_at_its_line(case: Case) -> None:
    text = case.edited()
    errors, warnings = report(text)
    found = [m for m in (warnings if case.warning else errors) if case.message in m]
    assert found, (errors, warnings)
    line = _line(text, case.line_of)
    assert re.match(rf"^data/projects\.yaml, Zeile {line}, Spalte \d+: ", found[0]), found[0]


def test_the_sample_records_have_no_silent_damage() -> None:
    assert report(GOOD) == ([], [])


def test_deliberate_comments_and_typographic_spaces_pass() -> None:
    text = GOOD.replace(DE_TITLE, "        title: Lotse Beruf   # Name des Programms\n"
                        "        summary: Beratung")
    text = text.replace("Beratung und Qualifizierung", "Beratung ab 50\u00a0€, z.\u00a0B. für "
                        "10\u00a0Personen, und Qualifizierung")
    errors, warnings = report(text)
    assert (errors, [w for w in warnings if "zuletzt geprüft" not in w]) == ([], [])


def test_a_date_wrapped_at_the_line_end_is_no_list() -> None:
    text = GOOD.replace("        description: |\n          Im Projekt",
                        "        description:\n          Start am\n          1. November.\n\n"
                        "          Im Projekt")
    errors, warnings = report(text)
    assert errors == [] and not [w for w in warnings if "Liste" in w]
    numbered = text.replace("          1. November.\n", "          1. Beratung\n"
                            "          2. Qualifizierung\n")
    assert [w for w in report(numbered)[1] if "die Zeilen mit „1.“ sollen wohl eine Liste" in w]


def test_the_example_constants_match_the_guide() -> None:
    guide = (REPO / "guide" / "redaktion.md").read_text(encoding="utf-8")
    assert re.search(rf"^  - id: {re.escape(EXAMPLE_ID)}\s", guide, re.M)
    assert re.search(rf"^\s+title: {re.escape(EXAMPLE_TITLE)}\s", guide, re.M)


@pytest.mark.parametrize(("encoding", "named"), [
    ("utf-16", "UTF-16"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1 (ISO 8859-1)")])
def test_a_file_not_saved_as_utf8_is_named_with_its_encoding(tmp_path, encoding: str,
                                                            named: str) -> None:
    project = copy_project(tmp_path / "project")
    text = GOOD.replace(DE_TITLE, DE_TITLE.replace("Lotse Beruf", "Lotse Beruf „für Ältere“"))
    raw = text.encode(encoding, errors="replace")
    (project / "data" / "projects.yaml").write_bytes(raw)
    result = check_in_process(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    first = next(i for i, byte in enumerate(raw) if byte > 127)  # the first one UTF-8 fails on
    line = 1 if encoding == "utf-16" else raw[:first].count(b"\n") + 1
    assert (f"data/projects.yaml, Zeile {line}, Spalte ") in result.stderr
    assert (f"die Datei ist nicht in UTF-8 gespeichert, sondern wohl in {named}; Umlaute würden "
            "falsch erscheinen. Im Editor „Speichern mit Codierung: UTF-8“ wählen") \
        in result.stderr
