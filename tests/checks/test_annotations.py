"""Under GitHub Actions, check marks each problem on its line and writes a German summary."""

from __future__ import annotations

import re
from pathlib import Path

from microsite.checks.annotations import annotation
from microsite.checks.problems import Problem
from projectcopy import copy_project, run_microsite


def test_annotation_escapes_what_github_reads_as_syntax() -> None:
    problem = Problem("data/a,b.yaml", 3, 7, "invalid", params={"found": "50 %\r\nx"})
    assert annotation(problem, "de") == (
        "::error file=data/a%2Cb.yaml,line=3,col=7,title=Fehler::ungültiger Wert „50 %25%0D%0Ax“")


def test_check_writes_annotations_and_a_summary(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "projects.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("  - id: lotse-beruf\n    kind: programme\n",
                        "  - id: lotse-beruf\n    kind: programm\n")
    text = text.replace("        title: Lotse Beruf\n        summary: Beratung",
                        "        title: Lotse Be\u00adruf\n        summary: Beratung")
    data.write_text(text, encoding="utf-8")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = run_microsite("check", cwd=project, env=env)
    assert result.returncode == 1
    line = text[:text.index("kind: programm\n")].count("\n") + 1
    assert (f"::error file=data/projects.yaml,line={line},col=11,title=Fehler%3A lotse-beruf::"
            "Eintrag „lotse-beruf“, Feld „kind“: „programm“ ist nicht erlaubt") in result.stdout
    assert re.search(r"^::warning file=data/projects\.yaml,line=\d+,col=\d+,title=Hinweis%3A "
                     r"lotse-beruf::.*unsichtbares Zeichen", result.stdout, re.M)
    table = summary.read_text(encoding="utf-8")
    assert "**1 Fehler** – die Website wird so nicht veröffentlicht" in table
    assert f"| Fehler | data/projects.yaml | {line} | lotse-beruf |" in table
    assert "| Hinweis | data/projects.yaml |" in table
