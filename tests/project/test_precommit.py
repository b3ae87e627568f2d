"""The pre-commit hooks run ``microsite check`` on commits that touch the data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from sitebuild import REPO


def _hooks(path: str) -> list[dict]:
    data = yaml.safe_load((REPO / path).read_text(encoding="utf-8"))
    if isinstance(data, dict):
        return [hook for repo in data["repos"] for hook in repo["hooks"]]
    return data


def test_hook_definitions_run_the_check_on_data_changes() -> None:
    published = _hooks(".pre-commit-hooks.yaml")
    local = _hooks(".pre-commit-config.yaml")
    assert [h["id"] for h in published] == ["microsite-check"]
    assert [h["id"] for h in local] == ["microsite-check"]
    assert published[0]["entry"] == "microsite check" and published[0]["language"] == "python"
    assert local[0]["entry"] == "./dev check"
    for hook in (*published, *local):
        assert hook["pass_filenames"] is False
        pattern = re.compile(hook["files"])
        assert pattern.search("data/projects.yaml") and pattern.search("data/ui/en.yaml")
        assert pattern.search("mkdocs.yml") and not pattern.search("docs/de/index.md")


def test_the_commands_the_hooks_name_exist() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'microsite = "microsite.cli:main"' in pyproject
    dev = (REPO / "dev").read_text(encoding="utf-8")
    assert re.search(r'^\s*check\)\s.*microsite" check', dev, re.M)
    # the console script the published hook calls works and passes on the real data
    script = Path(sys.executable).parent / "microsite"
    result = subprocess.run([str(script), "check"], cwd=REPO, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^OK: \d+ Einträge geprüft", result.stdout, re.M), result.stdout
