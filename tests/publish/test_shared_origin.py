"""The shared ``*.github.io`` origin (issue 16): while the publishing workflow puts the editor
page on the site, ``check`` and the build say that every Pages site of the organisation can read
the editor's token there, and name the fix; the custom-domain build (``cname``) says nothing of
the kind and is published under its own origin."""

from __future__ import annotations

import shutil
from pathlib import Path

from linkcheck import broken_links
from microsite.editing.admin_site import write_admin
from projectcopy import check_in_process, copy_project
from sitebuild import REPO, build

WARNING = "einer Adresse, die sich alle GitHub-Pages-Seiten von „lhh-microsite“ teilen"
FIX = "Abhilfe: eine eigene Adresse – Option „cname“"
CUSTOM = "arbeit.example.de"


def _with_workflow(project: Path, *, publishes_editor: bool = True) -> Path:
    """The real publishing workflow; with ``publishes_editor``, one that also puts the editor
    page on the site (as it will once a login works, issue 17)."""
    target = project / ".github" / "workflows"
    target.mkdir(parents=True)
    shutil.copy2(REPO / ".github" / "workflows" / "publish.yml", target / "publish.yml")
    if publishes_editor:
        with (target / "publish.yml").open("a", encoding="utf-8") as workflow:
            workflow.write("# once a login works:\n#   - run: .venv/bin/microsite admin site\n")
    return project


def test_without_the_editor_on_the_site_there_is_no_token_to_warn_about(tmp_path: Path) -> None:
    project = _with_workflow(copy_project(tmp_path / "project",
                                          site_url="https://lhh-microsite.github.io/x/"),
                             publishes_editor=False)
    checked = check_in_process(project)
    assert checked.returncode == 0, checked.stderr
    assert WARNING not in checked.stderr


def test_check_and_build_warn_on_the_shared_origin(tmp_path: Path) -> None:
    project = _with_workflow(copy_project(tmp_path / "project",
                                          site_url="https://lhh-microsite.github.io/x/"))
    checked = check_in_process(project)
    assert checked.returncode == 0, checked.stderr
    assert f"Hinweis: die Website liegt auf lhh-microsite.github.io, {WARNING}" in checked.stderr
    assert FIX in checked.stderr
    built = build(tmp_path / "site", project=project)
    assert built.returncode == 0, built.output
    assert WARNING in built.output and FIX in built.output


def test_the_custom_domain_build_has_its_own_origin_and_no_warning(tmp_path: Path) -> None:
    project = _with_workflow(copy_project(tmp_path / "project", site_url=f"https://{CUSTOM}/",
                                          plugin_options={"cname": CUSTOM}))
    checked = check_in_process(project)
    assert checked.returncode == 0, checked.stderr
    assert WARNING not in checked.stderr
    built = build(tmp_path / "site", project=project)
    assert built.returncode == 0, built.output
    assert WARNING not in built.output
    assert (built.site / "CNAME").read_text(encoding="ascii") == f"{CUSTOM}\n"
    # a custom domain is configuration: every internal link resolves at its root
    broken, checked = broken_links(built.site, f"https://{CUSTOM}/")
    assert broken == [] and checked > 500
    write_admin(built.site, REPO)
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert f'href="https://{CUSTOM}/"' in home  # canonical address on the custom origin
    assert "github.io" not in home
    assert (built.site / "admin" / "index.html").is_file()
