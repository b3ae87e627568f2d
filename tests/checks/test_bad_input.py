"""Every typical mistake, fed through ``microsite check`` and ``mkdocs build``.

For each case: the German message with file, line and column; no traceback; a non-zero exit;
and a site folder from an earlier good build left byte for byte as it was.

Every case runs through ``check``'s own ``main`` and through the build's configuration step
(MkDocs' configuration and every plugin's ``on_config``; ours validates there, before anything
is written), both in this process. The commands themselves, ``microsite check`` and
``mkdocs build``, run for one case of each kind of mistake (YAML, the loader, the schema, a
record rule, a text rule): what a process adds, the exit code and no traceback, is the same for
every case, and so the suite does not start a hundred processes to prove it.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bad_inputs import CASES, BadInput, reported_line
from projectcopy import check_in_process, copy_project, run_check, sample_records, snapshot
from shared_builds import copy_site
from sitebuild import build, build_stops

DATA = "data/projects.yaml"
BUILT_BY_THE_COMMAND = ("yaml-syntax", "duplicate-key", "unknown-key-with-suggestion",
                        "end-before-start", "javascript-link-in-markdown")
"""One case of each kind of mistake, run through the commands themselves."""
COMMAND_CASES = [case for case in CASES if case.name in BUILT_BY_THE_COMMAND]


@dataclass
class Project:
    root: Path
    good_text: str
    published: Path  # a folder holding the previous good build
    published_files: dict[str, str]

    def write(self, text: str) -> None:
        (self.root / DATA).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, site: Path) -> Iterator[Project]:
    root = copy_project(tmp_path_factory.mktemp("bad-input") / "project")
    published = copy_site(site, root / "site")  # the same project's build, made once
    files = snapshot(published)
    assert any(name.endswith("programme/lotse-beruf/index.html") for name in files)
    good = (root / DATA).read_text(encoding="utf-8")
    yield Project(root, good, published, files)


@pytest.fixture
def broken(project: Project, request: pytest.FixtureRequest) -> Iterator[tuple[Project, BadInput]]:
    case: BadInput = request.param
    project.write(case.apply(project.good_text))
    yield project, case
    project.write(project.good_text)


def _report_line(output: str, case: BadInput, line: int) -> str:
    return reported_line(output, case.name, case.message, DATA, line)


def _check_refuses(result: subprocess.CompletedProcess[str], project: Project,
                   case: BadInput) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    _report_line(output, case, case.expected_line(project.good_text))
    assert re.search(r"^\d+ Fehler\.$", result.stderr, re.M)


@pytest.mark.parametrize("broken", CASES, ids=[c.name for c in CASES], indirect=True)
def test_check_reports_the_mistake_at_its_line(broken: tuple[Project, BadInput]) -> None:
    project, case = broken
    _check_refuses(check_in_process(project.root), project, case)


@pytest.mark.parametrize("broken", CASES, ids=[c.name for c in CASES], indirect=True)
def test_build_stops_before_writing_with_the_same_message(
        broken: tuple[Project, BadInput]) -> None:
    project, case = broken
    stopped, output = build_stops(project.root, project.published)
    assert stopped, output
    line = _report_line(output, case, case.expected_line(project.good_text))
    assert line.startswith("ERROR")
    assert "es wurde nichts geschrieben" in output
    assert snapshot(project.published) == project.published_files


def test_the_cases_built_by_the_command_are_each_kind_of_mistake() -> None:
    assert [case.name for case in COMMAND_CASES] == list(BUILT_BY_THE_COMMAND)


@pytest.mark.parametrize("broken", COMMAND_CASES, ids=[c.name for c in COMMAND_CASES],
                         indirect=True)
def test_the_check_command_fails_cleanly(broken: tuple[Project, BadInput]) -> None:
    project, case = broken
    _check_refuses(run_check(project.root), project, case)


@pytest.mark.parametrize("broken", COMMAND_CASES, ids=[c.name for c in COMMAND_CASES],
                         indirect=True)
def test_build_fails_cleanly_and_keeps_the_published_site(broken: tuple[Project, BadInput]) -> None:
    project, case = broken
    result = build(project.published, project=project.root, build_date=dt.date(2026, 11, 25))
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    line = _report_line(result.output, case, case.expected_line(project.good_text))
    assert line.startswith("ERROR")
    assert "es wurde nichts geschrieben" in result.output
    assert snapshot(project.published) == project.published_files


def test_the_issue_example_reads_exactly_as_specified(project: Project) -> None:
    case = next(c for c in CASES if c.name == "number-as-words")
    project.write(case.apply(project.good_text))
    try:
        result = run_check(project.root)
    finally:
        project.write(project.good_text)
    line = case.expected_line(project.good_text)
    assert (f"data/projects.yaml, Zeile {line}, Spalte 15: Programm „lotse-beruf“, "
            "Feld „funding.amount“: muss eine Zahl sein, gefunden „fünfzigtausend“"
            ) in result.stderr.splitlines()


def test_all_problems_are_reported_in_one_run(project: Project) -> None:
    names = ("number-as-words", "end-before-start", "unknown-status", "script-in-title",
             "count-as-words")
    chosen = [c for c in CASES if c.name in names]
    text = project.good_text
    for case in chosen:
        text = case.apply(text)
    project.write(text)
    try:
        result = run_check(project.root)
    finally:
        project.write(project.good_text)
    assert result.returncode == 1
    for case in chosen:
        assert case.message in result.stderr, case.name
    assert f"{len(chosen)} Fehler." in result.stderr


def test_english_messages_where_configured(project: Project) -> None:
    case = next(c for c in CASES if c.name == "unknown-key-with-suggestion")
    project.write(case.apply(project.good_text))
    try:
        result = run_check(project.root, "--lang", "en")
    finally:
        project.write(project.good_text)
    assert ("Programme “lotse-beruf”, field “fundig”: unknown field “fundig” – did you mean "
            "“funding”?") in result.stderr


def test_good_data_passes(project: Project) -> None:
    result = run_check(project.root)
    assert result.returncode == 0, result.stderr
    assert f"OK: {len(sample_records())} Einträge geprüft." in result.stdout


def test_missing_site_facts_are_one_line_unless_listed(project: Project) -> None:
    result = run_check(project.root)
    missing = result.stderr.count("diese Angabe fehlt noch")
    summary = re.findall(r"^Hinweis: (\d+) Angaben in data/site\.yaml fehlen noch "
                         r"\(Liste: microsite check --facts\)$", result.stderr, re.M)
    assert missing == 0 and len(summary) == 1 and int(summary[0]) > 0, result.stderr
    listed = run_check(project.root, "--facts")
    lines = [line for line in listed.stderr.splitlines() if "diese Angabe fehlt noch" in line]
    assert len(lines) == int(summary[0])
    assert all(line.startswith("Hinweis: data/site.yaml, Zeile ") for line in lines)


def test_drafts_count_as_checked(project: Project) -> None:
    project.write(project.good_text.replace("  - id: lotse-beruf\n",
                                            "  - id: lotse-beruf\n    draft: true\n"))
    try:
        result = run_check(project.root)
    finally:
        project.write(project.good_text)
    assert result.returncode == 0, result.stderr
    count = len(sample_records())
    assert f"OK: {count} Einträge geprüft (davon {count - 1} veröffentlicht)." in result.stdout


def test_an_unknown_fact_in_a_page_fails_before_anything_is_written(project: Project) -> None:
    page = project.root / "docs" / "en" / "impressum.md"
    good_page = page.read_text(encoding="utf-8")
    page.write_text(good_page + "\nPhone: {{ site.operator.phon }}\n", encoding="utf-8")
    line = good_page.count("\n") + 2
    expected = (f"docs/en/impressum.md, Zeile {line}, Spalte 8: unbekannte Angabe "
                "„{{ site.operator.phon }}“; möglich sind nur die Felder in data/site.yaml – "
                "meinten Sie „{{ site.operator.phone }}“?")
    try:
        checked = run_check(project.root)
        built = build(project.published, project=project.root, build_date=dt.date(2026, 11, 25))
    finally:
        page.write_text(good_page, encoding="utf-8")
    assert checked.returncode == 1 and expected in checked.stderr.splitlines()
    assert built.returncode != 0 and "Traceback" not in built.output
    assert f"ERROR   -  {expected}" in built.output.splitlines()
    assert snapshot(project.published) == project.published_files
