"""The sample project published under a custom domain (``cname``) with the real publishing
workflow that puts the editor page on the site: one shared build for
``tests/publish/test_shared_origin.py`` (its own origin, no warning) and
``tests/publish/test_permanent_ids.py`` (a move of ``site_url`` keeps every id)."""

from __future__ import annotations

import shutil
from pathlib import Path

from projectcopy import copy_project
from sitebuild import REPO

CUSTOM = "arbeit.example.de"


def with_workflow(project: Path, *, publishes_editor: bool = True) -> Path:
    """The real publishing workflow; with ``publishes_editor``, one that also puts the editor
    page on the site (as it will once a login works, issue 17)."""
    target = project / ".github" / "workflows"
    target.mkdir(parents=True)
    shutil.copy2(REPO / ".github" / "workflows" / "publish.yml", target / "publish.yml")
    if publishes_editor:
        with (target / "publish.yml").open("a", encoding="utf-8") as workflow:
            workflow.write("# once a login works:\n#   - run: .venv/bin/microsite admin site\n")
    return project


def custom_domain_project(target: Path) -> Path:
    return with_workflow(copy_project(target, site_url=f"https://{CUSTOM}/",
                                      plugin_options={"cname": CUSTOM}))
