"""ProperDocs, the continuation of MkDocs 1.x, builds this site byte for byte like MkDocs.

MkDocs stays the default (``./dev build``); this keeps the drop-in path proven (README, "The
stack's future"). CI's ``properdocs`` job does the same comparison on every run.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from projectcopy import sample_project
from sitebuild import ANSI, epoch

PROPERDOCS = [sys.executable, "-m", "properdocs"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site_byte_for_byte(site: Path, tmp_path: Path) -> None:
    # the session's `site` fixture: `mkdocs build --strict` with the same build date
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(dt.date(2026, 11, 25)),
           "NO_MKDOCS_2_WARNING": "1"}
    out = tmp_path / "properdocs"
    project = sample_project()  # what the `site` fixture builds
    proc = subprocess.run([*PROPERDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(out)], cwd=project, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    log = ANSI.sub("", proc.stderr)
    assert "mkdocs_static_i18n: Building 'en' documentation" in log  # the same plugins ran
    mkdocs_files, properdocs_files = _files(site), _files(out)
    assert len(mkdocs_files) > 50
    assert sorted(mkdocs_files) == sorted(properdocs_files)
    assert [name for name in mkdocs_files if mkdocs_files[name] != properdocs_files[name]] == []
