"""The engine-free steps make the plugin unnecessary: ``microsite build --engine properdocs``
stages the sample project, runs ProperDocs (the continuation of MkDocs 1.x) over it with no
``microsite`` plugin at all, and finishes the site; that site is byte for byte the one
``mkdocs build`` makes with the plugin as adapter (the session's ``site`` fixture).

One record of the sample project has the English title "… Q&amp;A", written so: both engines
print a front-matter title raw, so the stage step escapes it once, and this build shows it as
written (not "Q&A", not "Q&amp;amp;A") in every place the engine puts it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from markupsafe import escape

from projectcopy import sample_project
from sitebuild import ANSI, epoch, run_by_server

TITLE = "Recognition service point Q&amp;A"  # tests/fixtures/sample/data/projects.yaml


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(dt.date(2026, 11, 25)),
           "NO_MKDOCS_2_WARNING": "1"}
    out = tmp_path_factory.mktemp("properdocs") / "site"
    project = sample_project()  # what the `site` fixture builds
    proc = run_by_server("microsite.cli", ["build", "--engine", "properdocs", "-f",
                                           str(project / "mkdocs.yml"), "-d", str(out)],
                         cwd=project, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out, ANSI.sub("", proc.stderr)


def test_properdocs_without_the_plugin_builds_the_same_site_byte_for_byte(
        site: Path, properdocs_site: tuple[Path, str]) -> None:
    out, log = properdocs_site
    assert "mkdocs_static_i18n: Building 'en' documentation" in log  # i18n ran, ours did not
    assert "microsite" not in log.replace("microsite-stage-", "")
    mkdocs_files, properdocs_files = _files(site), _files(out)
    assert len(mkdocs_files) > 50
    assert sorted(mkdocs_files) == sorted(properdocs_files)
    assert [name for name in mkdocs_files if mkdocs_files[name] != properdocs_files[name]] == []


def test_the_staged_config_has_no_microsite_plugin(tmp_path: Path) -> None:
    project = sample_project()
    proc = run_by_server("microsite.cli", ["stage", "-f", str(project / "mkdocs.yml"), "-o",
                                           str(tmp_path / "staged")],
                         cwd=project, env=dict(os.environ), timeout=120)
    assert proc.returncode == 0, proc.stderr
    config = yaml.safe_load((tmp_path / "staged" / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "microsite" not in names and "i18n" in names
    assert set(config["extra"]["microsite"]["languages"]) == {"de", "en", "tr", "ar", "uk"}
    page = (tmp_path / "staged" / "docs" / "en" / "programme").glob("*.md")
    titles = [yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])["title"]
              for p in page]
    assert str(escape(TITLE)) in titles  # escaped once, in the generator


def test_a_title_is_escaped_once_wherever_the_engine_prints_it(
        properdocs_site: tuple[Path, str]) -> None:
    out, _ = properdocs_site
    page = next(p for p in (out / "en" / "programme").glob("*/index.html")
                if "Q&amp;amp;A" in p.read_text(encoding="utf-8"))
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith(TITLE + " - ")
    assert soup.find("h1").get_text(" ", strip=True) == TITLE
    assert soup.find("meta", property="og:title")["content"] == TITLE
    index = json.loads((out / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {html.unescape(doc["title"]) for doc in index["docs"]}
    assert TITLE in titles
