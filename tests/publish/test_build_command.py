"""``microsite build`` and ``microsite stage`` on a broken or missing ``mkdocs.yml``: a message
naming the file (and line), exit status 1, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from microsite.cli import main


@pytest.mark.parametrize("command", ["build", "check", "stage"])
def test_a_broken_config_is_named_with_its_line(tmp_path: Path, command: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins: [\n", encoding="utf-8")
    extra = ["-o", str(tmp_path / "out")] if command == "stage" else []
    assert main([command, "-f", str(config), *extra]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{config}, line ") and "Traceback" not in err
    assert not (tmp_path / "out").exists() and not (tmp_path / "site").exists()


def test_a_missing_config_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-f", str(tmp_path / "nowhere.yml")]) == 1
    assert "nowhere.yml: No such file or directory" in capsys.readouterr().err


def test_an_unknown_plugin_option_is_named(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - microsite:\n      recrods: data/x.yaml\n", encoding="utf-8")
    assert main(["build", "-f", str(config)]) == 1
    assert "unknown option(s) recrods" in capsys.readouterr().err


def test_bad_data_is_reported_by_build_in_checks_words(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from projectcopy import copy_project

    def no_summary(records: list[dict]) -> None:
        records[0]["texts"]["de"]["summary"] = ""

    project = copy_project(tmp_path / "project", edit_records=no_summary)
    config = str(project / "mkdocs.yml")
    assert main(["check", "-f", config]) == 1
    checked = capsys.readouterr().err.splitlines()
    assert main(["build", "-f", config, "-d", str(tmp_path / "site")]) == 1
    built = capsys.readouterr().err.splitlines()
    errors = [line for line in checked if line.startswith("data/projects.yaml")]
    assert errors and all(line in built for line in errors)
    assert built[-1] == "1 Fehler in den Daten; es wurde nichts geschrieben."
    assert not (tmp_path / "site").exists()
