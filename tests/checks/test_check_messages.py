"""Messages of ``check`` that used to mislead (issue 17, point 8): each names the line to
change, quotes what the editor typed and says what fixes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from projectcopy import check_in_process, copy_project

LOTSE = "  - id: lotse-beruf\n    kind: programme\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("messages") / "project")


def _check_with(project: Path, name: str, old: str, new: str) -> tuple[str, int]:
    """check's report after one edit of ``name``, and the line of the edit's last line."""
    path = project / "data" / name
    good = path.read_text(encoding="utf-8")
    assert good.count(old) == 1
    edited = good.replace(old, new)
    path.write_text(edited, encoding="utf-8")
    try:
        report = check_in_process(project).stderr
    finally:
        path.write_text(good, encoding="utf-8")
    line = edited[:edited.index(new) + len(new.rstrip("\n"))].count("\n") + 1
    return report, line


def test_a_phone_number_read_as_octal_is_quoted_as_typed(project: Path) -> None:
    report, line = _check_with(project, "projects.yaml", LOTSE,
                               LOTSE + "    contact:\n      phone: 05111234567\n")
    assert (f"Zeile {line}, Spalte 14: Programm „lotse-beruf“, Feld „contact.phone“: "
            "„05111234567“ liest YAML als Zahl, nicht als Text (die Seite zeigte „690305399“). "
            "Setzen Sie es in Anführungszeichen: \"05111234567\"") in report
    assert "muss ein Text sein" not in report


def test_pasted_bullets_are_named_at_their_line(project: Path) -> None:
    old = ("        target_group: Menschen, die eine nachhaltige berufliche Perspektive "
           "entwickeln wollen\n")
    report, _ = _check_with(project, "projects.yaml", old,
                            "        target_group: |\n          • Menschen ohne Arbeit\n"
                            "          • Menschen mit Migrationsgeschichte\n")
    [message] = [m for m in report.splitlines() if "Aufzählungszeichen" in m]
    assert message.startswith("Hinweis: data/projects.yaml, Zeile ")
    assert "Feld „texts.de.target_group“" in message
    assert "„•“ am Zeilenanfang durch „- “" in message and "„target_group: |“" in message


@pytest.mark.parametrize("written", ["20.09.2024", "September 2024", "2024-02-30"])
def test_the_accessibility_statement_date_must_be_a_day(project: Path, written: str) -> None:
    report, line = _check_with(project, "site.yaml", "  statement_date: ~",
                               f"  statement_date: \"{written}\"")
    assert (f"data/site.yaml, Zeile {line}, Spalte") in report
    assert f"„{written}“ ist kein Datum in der Form JJJJ-MM-TT" in report


def test_a_statement_date_that_is_a_day_passes(project: Path) -> None:
    report, _ = _check_with(project, "site.yaml", "  statement_date: ~",
                            "  statement_date: 2024-09-20")
    assert "statement_date" not in report


TITLE = "        title: Lotse Beruf\n        summary: Beratung"
SUMMARY = "        summary: Beratung und Qualifizierung"


@pytest.mark.parametrize(("old", "new", "marked", "column", "words"), [
    # one space short: named at its own line, with the line as typed
    (SUMMARY, SUMMARY[1:], SUMMARY[1:], 1,
     "diese Zeile ist um ein Leerzeichen falsch eingerückt"),
    # "title Lotse Beruf": the missing colon, not the next line's colon
    (TITLE, TITLE.replace("title:", "title"), "        title Lotse Beruf", 14,
     "nach dem Feldnamen fehlt der Doppelpunkt: „feld: wert“ schreiben"),
    # a no-break space from Word as indentation
    (SUMMARY, "\u00a0" + SUMMARY[1:], "\u00a0" + SUMMARY[1:], 1,
     "die Einrückung dieser Zeile enthält ein geschütztes Leerzeichen"),
])
def test_yaml_mistakes_are_named_at_the_line_to_change(project: Path, old: str, new: str,
                                                       marked: str, column: int,
                                                       words: str) -> None:
    report, _ = _check_with(project, "projects.yaml", old, new)
    text = (project / "data" / "projects.yaml").read_text(encoding="utf-8").replace(old, new)
    line = text[:text.index(marked)].count("\n") + 1
    [message] = [m for m in report.splitlines() if "kein gültiges YAML" in m]
    assert message.startswith(f"data/projects.yaml, Zeile {line}, Spalte {column}: "), message
    assert words in message
    assert f"(in der Zeile steht „{marked.strip()}" in message
    assert "Anführungszeichen setzen" not in message  # no advice about quoting


def test_a_file_out_of_the_forms_layout_is_named_at_its_first_other_line(tmp_path: Path) -> None:
    """check holds the records file, as it has read it once, to the layout the form writes."""
    from microsite.data.loading import read_yaml
    from microsite.editing.yaml_layout import format_projects

    project = copy_project(tmp_path / "project")
    path = project / "data" / "projects.yaml"
    canonical = format_projects(read_yaml(path).data)
    path.write_text(canonical, encoding="utf-8")
    assert "einheitlichen Anordnung" not in check_in_process(project).stderr
    lines = canonical.splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith("    kind: ")) + 1
    lines[number - 1] = lines[number - 1].replace("kind: ", "kind:   ")  # YAML reads the same
    path.write_text("".join(lines), encoding="utf-8")
    report = check_in_process(project).stderr
    assert (f"Hinweis: data/projects.yaml, Zeile {number}, Spalte 1: die Datei ist nicht in der "
            "einheitlichen Anordnung") in report, report
