"""A record renamed without ``former_ids`` is named: its old address would give a 404."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from projectcopy import check_in_process, copy_project

OLD = "lotse-beruf"


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "PATH": "/usr/bin:/bin"})


def _rename(project: Path) -> None:
    data = project / "data" / "projects.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        f"  - id: {OLD}\n", f"  - id: {OLD}-neu\n"), encoding="utf-8")


def test_a_rename_against_the_last_commit_is_named(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "start")
    _rename(project)
    result = check_in_process(project)
    assert result.returncode == 0, result.stderr
    assert (f"Programm „{OLD}-neu“, Feld „id“: die Kennung „{OLD}“ gibt es nicht mehr (sie "
            f"stand in git HEAD:data/projects.yaml)") in result.stderr
    assert f"„former_ids: [{OLD}]“ eintragen" in result.stderr
    # committed, CI compares with the commit before
    _git(project, "commit", "-qam", "rename")
    assert "gibt es nicht mehr (sie stand in git HEAD~1:" in check_in_process(project).stderr
    data = project / "data" / "projects.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        f"  - id: {OLD}-neu\n", f"  - id: {OLD}-neu\n    former_ids: [{OLD}]\n"),
        encoding="utf-8")
    assert "gibt es nicht mehr" not in check_in_process(project).stderr  # former ids: no warning


def test_a_rename_against_the_published_build_is_named(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    published = project / "site" / "opendata"
    published.mkdir(parents=True)
    published.joinpath("records.json").write_text(json.dumps(
        {"records": [{"id": OLD}, {"id": "ganz-alt"}]}), encoding="utf-8")
    _rename(project)
    result = check_in_process(project)
    assert f"die Kennung „{OLD}“ gibt es nicht mehr (sie stand in site/opendata/records.json)" \
        in result.stderr
    assert "die Kennung „ganz-alt“ gibt es nicht mehr" in result.stderr


def test_a_deleted_record_is_a_warning_that_names_what_is_lost(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "start")
    data = project / "data" / "projects.yaml"
    text = data.read_text(encoding="utf-8")
    start = text.index(f"  - id: {OLD}\n")
    end = text.find("\n  - id: ", start + 1)
    data.write_text(text[:start] + (text[end + 1:] if end > 0 else ""), encoding="utf-8")
    result = check_in_process(project)
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stderr.splitlines() if f"„{OLD}“" in line]
    assert line.startswith("Warnung: ")  # not a "Hinweis": something is lost
    assert "Seiten auf Deutsch und Englisch" in line and "Feed und Kalender" in line
    assert "former_ids" in line and "Weiterleitung" in line
    assert "nichts zu tun" not in line
