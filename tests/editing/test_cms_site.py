"""The editor page in the built site: only new files under ``admin/``, nothing else changes;
``noindex``, in neither sitemap nor search; every file from our own origin, Decap CMS from the
locked npm package."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from microsite.editing.admin_site import write_admin
from projectcopy import snapshot
from shared_builds import copy_site
from sitebuild import REPO

LOCK = REPO / "tools" / "cms" / "package-lock.json"
PACKAGE = REPO / "tools" / "cms" / "package.json"


def test_admin_adds_files_and_changes_no_public_byte(tmp_path: Path, site: Path) -> None:
    built = copy_site(site, tmp_path / "site")  # the sample's build, to add the editor to
    pages = snapshot(built)
    assert not any(path.startswith("admin/") for path in pages)
    write_admin(built, REPO)
    after = snapshot(built)
    added = {path: digest for path, digest in after.items() if path not in pages}
    assert {path: after[path] for path in pages} == pages
    assert added and all(path.startswith("admin/") for path in added)
    for name in ("index.html", "config.yml", "decap-cms.js", "schema.js", "preview.js",
                 "microsite-format.js", "admin.css", "js-yaml.min.js"):
        assert f"admin/{name}" in added, name
    assert not any(path.endswith(".map") for path in added)

    # neither the sitemap nor the search index nor any page links to the editor
    for sitemap in built.rglob("sitemap.xml"):
        assert "/admin/" not in sitemap.read_text(encoding="utf-8")
    for index in built.rglob("search_index.json"):
        assert "admin/" not in index.read_text(encoding="utf-8")
    for page in built.rglob("*.html"):
        if page.relative_to(built).parts[0] != "admin":
            assert "admin/" not in page.read_text(encoding="utf-8"), page

    admin = built / "admin"
    html = BeautifulSoup((admin / "index.html").read_text(encoding="utf-8"), "lxml")
    assert "noindex" in html.find("meta", attrs={"name": "robots"})["content"]
    sources = [tag.get("src") or tag.get("href") for tag in html.find_all(["script", "link"])]
    sources = [s for s in sources if s]
    assert sources and all("//" not in s and not s.startswith("/") for s in sources), sources
    assert all((admin / s).is_file() for s in sources)
    assert (admin / "config.yml").read_text(encoding="utf-8") == (
        REPO / "admin" / "config.yml").read_text(encoding="utf-8")


def test_decap_cms_is_pinned_and_locked() -> None:
    wanted = json.loads(PACKAGE.read_text(encoding="utf-8"))["dependencies"]
    locked = json.loads(LOCK.read_text(encoding="utf-8"))["packages"]
    for name, version in wanted.items():
        assert version[0].isdigit(), f"{name} is not pinned exactly: {version}"
        assert locked[f"node_modules/{name}"]["version"] == version
        assert locked[f"node_modules/{name}"]["integrity"].startswith("sha512-")


def test_the_published_site_and_dev_build_carry_no_editor_page() -> None:
    """No login works on the published site without an OAuth service (guide/betrieb.md):
    until one does, neither ./dev build nor the publishing workflow adds admin/."""
    dev = (REPO / "dev").read_text(encoding="utf-8")
    build_case = dev[dev.index("\n  build)"):]
    build_case = build_case[:build_case.index(";;")]
    assert "admin" not in build_case and "npm_tools" not in build_case
    workflow = (REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "microsite admin" not in workflow
