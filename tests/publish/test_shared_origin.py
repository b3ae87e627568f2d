"""The shared ``*.github.io`` origin (issue 16): while the publishing workflow puts the editor
page on the site, ``check`` and the build say that every Pages site of the organisation can read
the editor's token there, and name the fix; the custom-domain build (``cname``) says nothing of
the kind and is published under its own origin."""

from __future__ import annotations

from pathlib import Path

from custom_domain import CUSTOM, custom_domain_project, with_workflow
from linkcheck import broken_links
from microsite.editing.admin_site import write_admin
from projectcopy import check_in_process, copy_project
from shared_builds import copy_site, shared_build
from sitebuild import REPO, build

WARNING = "einer Adresse, die sich alle GitHub-Pages-Seiten von „lhh-microsite“ teilen"
FIX = "Abhilfe: eine eigene Adresse – Option „cname“"
def test_without_the_editor_on_the_site_there_is_no_token_to_warn_about(tmp_path: Path) -> None:
    project = with_workflow(copy_project(tmp_path / "project",
                                          site_url="https://lhh-microsite.github.io/x/"),
                             publishes_editor=False)
    checked = check_in_process(project)
    assert checked.returncode == 0, checked.stderr
    assert WARNING not in checked.stderr


def test_check_and_build_warn_on_the_shared_origin(tmp_path: Path) -> None:
    project = with_workflow(copy_project(tmp_path / "project",
                                          site_url="https://lhh-microsite.github.io/x/",
                                          languages=("de", "en")))
    checked = check_in_process(project)
    assert checked.returncode == 0, checked.stderr
    assert f"Hinweis: die Website liegt auf lhh-microsite.github.io, {WARNING}" in checked.stderr
    assert FIX in checked.stderr
    built = build(tmp_path / "site", project=project)
    assert built.returncode == 0, built.output
    assert WARNING in built.output and FIX in built.output


def test_the_custom_domain_build_has_its_own_origin_and_no_warning(tmp_path: Path,
                                                                   shared_sites: Path) -> None:
    """The build is shared with tests/publish/test_permanent_ids.py (the moved site)."""
    project = custom_domain_project(tmp_path / "project")
    checked = check_in_process(project)
    assert checked.returncode == 0, checked.stderr
    assert WARNING not in checked.stderr
    built = shared_build(shared_sites, project)
    assert built.returncode == 0, built.output
    assert WARNING not in built.output
    assert (built.site / "CNAME").read_text(encoding="ascii") == f"{CUSTOM}\n"
    # a custom domain is configuration: every internal link resolves at its root
    broken, checked = broken_links(built.site, f"https://{CUSTOM}/")
    assert broken == [] and checked > 500
    site = copy_site(built.site, tmp_path / "site")  # the shared build stays as built
    write_admin(site, REPO)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="https://{CUSTOM}/"' in home  # canonical address on the custom origin
    assert "github.io" not in home
    assert (site / "admin" / "index.html").is_file()
