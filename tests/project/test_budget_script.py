"""scripts/budget.py measures the page it names, in the released state, and fails on anything
else (issue #22). Run as a newcomer would, without Lighthouse (its scores are the benchmark's
business, not a test's): the script builds, serves and loads the page in real Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from projectcopy import copy_project, sample_project, sample_records
from sitebuild import REPO

SCRIPT = REPO / "scripts" / "budget.py"


def run_budget(tmp: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    report = tmp / "report.json"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--no-lighthouse", "--json", str(report), *args],
        cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
        text=True, timeout=600)
    assert report.is_file(), proc.stdout + proc.stderr
    return proc, json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess,
                                                                   dict]:
    return run_budget(tmp_path_factory.mktemp("budget"), "--project", str(sample_project()))


def test_a_missing_page_is_a_named_failure(tmp_path: Path) -> None:
    proc, report = run_budget(tmp_path, "--project", str(sample_project()),
                              "--page", "kein-solcher-eintrag")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAILED: HTTP 404: /programme/kein-solcher-eintrag/" in proc.stderr
    assert report["ok"] is False and report["transfer_kb"] is None  # nothing measured
    assert "OK" not in proc.stdout


def test_a_missing_asset_is_a_named_failure(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra_css"].append("assets/fehlt.css")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True,
                                                       sort_keys=False), encoding="utf-8")
    proc, report = run_budget(tmp_path, "--project", str(project))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert report["failures"] == ["HTTP 404: /assets/fehlt.css"], report


def test_an_existing_page_of_the_project_is_measured_released(
        sample_run: tuple[subprocess.CompletedProcess, dict]) -> None:
    proc, report = sample_run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert report["failures"] == [] and report["ok"] is True
    ids = [record["id"] for record in sample_records()]
    assert report["page"].removeprefix("/programme/").rstrip("/") in ids  # the project's page
    assert 10 < report["transfer_kb"] <= report["transfer_budget_kb"]
    # released: the facts the sample lacks were filled in, so the page carries no noindex
    # (the script names a noindex page as a failure)
    assert report["filled_facts"], report
