"""``./dev build`` builds every language in its own process: byte-identical, safe on failure."""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import subprocess
import sys
from pathlib import Path

from projectcopy import copy_project, sample_project
from sitebuild import build, epoch

PARALLEL = [sys.executable, "-m", "microsite.mkdocs_plugin.parallel_build"]
THIRD_LOCALE = Path(__file__).parent / "fixtures" / "third-locale"


def parallel_build(project: Path, site_dir: Path, day: dt.date) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(day), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*PARALLEL, "-f", str(project / "mkdocs.yml"), "-d", str(site_dir),
                           "--strict"], cwd=project, env=env, capture_output=True, text=True,
                          timeout=300)


def differences(a: Path, b: Path) -> list[str]:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    assert files_a, a
    changed = [f for f in sorted(files_a & files_b)
               if not filecmp.cmp(a / f, b / f, shallow=False)]
    return sorted(files_a ^ files_b) + changed


def test_real_site_is_byte_identical_to_the_sequential_build(site: Path, tmp_path: Path) -> None:
    proc = parallel_build(sample_project(), tmp_path / "parallel", dt.date(2026, 11, 25))
    assert proc.returncode == 0, proc.stderr
    assert "2 languages built in parallel" in proc.stderr
    assert differences(site, tmp_path / "parallel") == []


def test_three_languages_are_byte_identical_too(tmp_path: Path) -> None:
    day = dt.date(2025, 1, 10)
    sequential = build(tmp_path / "sequential", project=THIRD_LOCALE, build_date=day)
    assert sequential.returncode == 0, sequential.output
    proc = parallel_build(THIRD_LOCALE, tmp_path / "parallel", day)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "parallel" / "tr" / "programme" / "beispiel-projekt").is_dir()
    assert differences(sequential.site, tmp_path / "parallel") == []


def test_bad_data_fails_once_and_leaves_the_published_site_alone(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    records = project / "data" / "projects.yaml"
    records.write_text(records.read_text(encoding="utf-8").replace(
        "kind: programme", "kind: programm", 1), encoding="utf-8")
    published = tmp_path / "published"
    published.mkdir()
    (published / "index.html").write_text("already online", encoding="utf-8")
    proc = parallel_build(project, published, dt.date(2026, 11, 25))
    assert proc.returncode != 0
    assert proc.stderr.count("programm") >= 1
    assert proc.stderr.count("Fehler in den Daten") == 1  # one language's report, not each
    assert (published / "index.html").read_text(encoding="utf-8") == "already online"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".microsite-parallel-")]
