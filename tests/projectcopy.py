"""A throw-away copy of the real project, for tests that edit its data or serve it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild import REPO

PARTS = ("mkdocs.yml", "docs", "overrides", "data", "schema")
MICROSITE = [sys.executable, "-m", "microsite.cli"]


def copy_project(target: Path) -> Path:
    """Copy what a build reads (config, pages, templates, data) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def run_check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``microsite check`` in ``project``, as an editor or the pre-commit hook runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*MICROSITE, "check", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)
