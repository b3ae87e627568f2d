"""``mkdocs serve`` as editors use it: rebuilds on data and template changes; errors keep the
last good pages served and are logged with file and line, without a traceback."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bad_inputs import CASES
from build_server import SERVER
from microsite.data.loading import read_yaml
from microsite.editing.yaml_layout import format_projects
from microsite.mkdocs_plugin.preview import PreviewGuard
from microsite.publish.build import watched_paths
from microsite.render.project import read_project
from projectcopy import copy_project
from sitebuild import epoch

DRAFT = """
  - id: test-vorschau
    kind: project
    draft: true
    texts:
      de: {title: Vorschau-Entwurf, summary: Nur in der Vorschau.}
      en: {title: Preview draft, summary: Only in the preview.}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(condition: Callable[[], bool], what: str, timeout: float = 90,
          log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    tail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log else ""
    raise AssertionError(f"timed out waiting for {what}\n{tail}")


@dataclass
class Server:
    root: Path
    base: str
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def count(self, text: str) -> int:
        return self.output().count(text)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    # German and English, the pages read here: every change rebuilds every language
    root = copy_project(tmp_path_factory.mktemp("serve") / "project", languages=("de", "en"))
    data = root / "data" / "projects.yaml"
    records = format_projects(read_yaml(data).data)  # the editors' layout, as in the sample
    data.write_text(records + DRAFT, encoding="utf-8")
    port = _free_port()
    log = root / "serve.log"
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(dt.date(2026, 11, 25)),
           "NO_MKDOCS_2_WARNING": "1"}
    # a process of its own, forked from the build server (tests/helpers/build_server.py)
    process = SERVER.start("mkdocs", ["serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
                           cwd=root, env=env, stdout=log, stderr=None)
    # the serve URL keeps the path of site_url
    running = Server(root, f"http://127.0.0.1:{port}/arbeitsmarktintegration/", log)
    try:
        _wait(lambda: running.get("")[0] == 200, "the first build to be served")
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _rebuilt(server: Server, before: int) -> Callable[[], bool]:
    # MkDocs drops repeated "Documentation built in …" lines; the reload line is always logged
    return lambda: server.count("Reloading browsers") > before


def test_preview_shows_drafts_with_their_banner(server: Server) -> None:
    status, html = server.get("programme/test-vorschau/")
    assert status == 200
    assert "ms-notice--draft" in html and "Vorschau-Entwurf" in html


def test_a_broken_data_file_keeps_the_last_good_pages_and_is_logged(server: Server) -> None:
    data = server.root / "data" / "projects.yaml"
    good = data.read_text(encoding="utf-8")
    case = next(c for c in CASES if c.name == "number-as-words")
    failures = server.count("Fehler in den Daten")
    data.write_text(case.apply(good), encoding="utf-8")
    try:
        _wait(lambda: server.count("Fehler in den Daten") > failures, "the failed rebuild",
              log=server.log)
        log = server.output()
        assert f"data/projects.yaml, Zeile {case.expected_line(good)}, Spalte 15: " in log
        assert case.message in log
        assert "Traceback" not in log
        status, html = server.get("programme/lotse-beruf/")
        assert status == 200 and "Lotse Beruf" in html
        assert 'class="ms-preview-errors" role="alert"' in html
        assert "Zeile" in html and "gefunden „fünfzigtausend“" in html
        assert html.index("ms-preview-errors") < html.index('class="md-header')
    finally:
        built = server.count("Reloading browsers")
        data.write_text(good, encoding="utf-8")
        _wait(_rebuilt(server, built), "the rebuild after the fix", log=server.log)
    status, html = server.get("programme/lotse-beruf/")
    assert status == 200 and "ms-preview-errors" not in html


def test_changes_to_data_are_rebuilt(server: Server) -> None:
    data = server.root / "data" / "projects.yaml"
    good = data.read_text(encoding="utf-8")
    built = server.count("Reloading browsers")
    data.write_text(good.replace("title: Vorschau-Entwurf", "title: Vorschau-Entwurf geändert"),
                    encoding="utf-8")
    try:
        _wait(_rebuilt(server, built), "a rebuild after a data change", log=server.log)
        _wait(lambda: "Vorschau-Entwurf geändert" in server.get("programme/test-vorschau/")[1],
              "the changed title to be served")
    finally:
        built = server.count("Reloading browsers")
        data.write_text(good, encoding="utf-8")
        _wait(_rebuilt(server, built), "the rebuild after restoring the data")


def test_changes_to_overrides_are_rebuilt(server: Server) -> None:
    template = server.root / "overrides" / "partials" / "microsite" / "pages" / "record.html"
    original = template.read_text(encoding="utf-8")
    built = server.count("Reloading browsers")
    template.write_text(original.replace('<div class="ms-record',
                                         '<!-- test-marker -->\n<div class="ms-record', 1),
                        encoding="utf-8")
    try:
        _wait(_rebuilt(server, built), "a rebuild after a template change",
              log=server.log)
        _wait(lambda: "test-marker" in server.get("programme/test-vorschau/")[1],
              "the changed template to be served")
    finally:
        template.write_text(original, encoding="utf-8")


def test_watched_paths_cover_data_ui_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("theme: {custom_dir: overrides}\n", encoding="utf-8")
    paths = watched_paths(read_project(tmp_path / "mkdocs.yml"))
    assert paths == [tmp_path / "docs", tmp_path / "data", tmp_path / "data" / "ui",
                     tmp_path / "overrides"]


def test_the_error_box_escapes_what_editors_typed() -> None:
    guard = PreviewGuard()
    guard.failed("Fehler", ["Feld „texts.de.title“: ohne HTML („<script>“)"])
    page = guard.with_box(b'<html><body class="x"><h1>Alt</h1></body></html>').decode()
    assert page.startswith('<html><body class="x"><div class="ms-preview-errors"')
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.endswith("<h1>Alt</h1></body></html>")
