"""scripts/budget.py measures the page it names, in the released state, and fails on anything
else (issue #22). Run as a newcomer would, without Lighthouse (its scores are the benchmark's
business, not a test's): the script builds, serves and loads the page in real Chromium.

The script builds the released site once (``sample_run``, which keeps it with ``--keep-site``);
the failure cases measure that site, or a copy with an asset removed, with ``--site``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from projectcopy import sample_project, sample_records
from sitebuild import REPO, run_by_server

SCRIPT = REPO / "scripts" / "budget.py"


def run_budget(tmp: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    report = tmp / "report.json"
    proc = run_by_server(str(SCRIPT), ["--no-lighthouse", "--json", str(report), *args],
                         cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert report.is_file(), proc.stdout + proc.stderr
    return proc, json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, dict,
                                                             Path]:
    """The script's own run on the sample project, keeping the released site it built."""
    tmp = tmp_path_factory.mktemp("budget")
    proc, report = run_budget(tmp, "--project", str(sample_project()),
                              "--keep-site", str(tmp / "released-site"))
    return proc, report, tmp / "released-site"


@pytest.fixture(scope="module")
def sample_run(kept: tuple[subprocess.CompletedProcess, dict, Path]) -> tuple[
        subprocess.CompletedProcess, dict]:
    return kept[0], kept[1]


@pytest.fixture(scope="module")
def released_site(kept: tuple[subprocess.CompletedProcess, dict, Path]) -> Path:
    assert kept[0].returncode == 0, kept[0].stdout + kept[0].stderr
    return kept[2]


def test_a_missing_page_is_a_named_failure(tmp_path: Path, released_site: Path) -> None:
    proc, report = run_budget(tmp_path, "--project", str(sample_project()),
                              "--site", str(released_site), "--page", "kein-solcher-eintrag")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAILED: HTTP 404: /programme/kein-solcher-eintrag/" in proc.stderr
    assert report["ok"] is False and report["transfer_kb"] is None  # nothing measured
    assert "OK" not in proc.stdout


def test_a_missing_asset_is_a_named_failure(tmp_path: Path, released_site: Path) -> None:
    site = shutil.copytree(released_site, tmp_path / "site")
    (site / "assets" / "microsite.css").unlink()  # the project's extra_css, on every page
    proc, report = run_budget(tmp_path, "--project", str(sample_project()), "--site", str(site))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert report["failures"] == ["HTTP 404: /assets/microsite.css"], report
    assert report["transfer_kb"] is None  # nothing measured


def test_a_kept_site_is_measured_as_built_and_left_as_it_is(
        tmp_path: Path, released_site: Path,
        sample_run: tuple[subprocess.CompletedProcess, dict]) -> None:
    before = {p: p.read_bytes() for p in released_site.rglob("*.html")}
    proc, report = run_budget(tmp_path, "--project", str(sample_project()),
                              "--site", str(released_site))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert report["ok"] is True and report["page"] == sample_run[1]["page"]
    assert report["transfer_kb"] == pytest.approx(sample_run[1]["transfer_kb"], abs=0.5)
    assert {p: p.read_bytes() for p in released_site.rglob("*.html")} == before


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
