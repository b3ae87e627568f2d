from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from projectcopy import sample_records
from sitebuild import REPO, build

# The tests run `microsite check` on broken data on purpose: under GitHub Actions its
# annotations and job summary would land on the real pull request. Tests that want them set
# these variables themselves (tests/test_annotations.py).
for _name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
    os.environ.pop(_name, None)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project's site, built once per test session with build date 2026-11-25."""
    result = build(tmp_path_factory.mktemp("site") / "out", build_date=dt.date(2026, 11, 25))
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def site_url() -> str:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["site_url"]


@pytest.fixture(scope="session")
def records() -> list[dict]:
    """The sample project's records (the site fixture's data)."""
    return sample_records()
