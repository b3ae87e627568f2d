"""The real data, checked only for what holds for any correct content: it validates, every
published record has its page in every language, every internal link resolves – also after
the edits the press office makes (add, change, draft, retire, rename)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from linkcheck import broken_links
from microsite.checks.doc_links import hand_written_pages, record_links
from microsite.render.project import read_project_settings
from projectcopy import check_in_process, copy_project, rewrite_records
from sitebuild import REPO, build, soup

BUILD_DATE = dt.date(2026, 11, 25)
NEW_ID = "test-neuer-eintrag"


def _config() -> dict:
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _assert_published_site(project: Path, site: Path) -> list[dict]:
    settings, _ = read_project_settings(project / "mkdocs.yml")
    data = yaml.safe_load((project / "data" / "projects.yaml").read_text(encoding="utf-8"))
    published = [r for r in data["records"] if not r.get("draft")
                 and (not r.get("publish_from") or str(r["publish_from"]) <= str(BUILD_DATE))]
    languages = settings.languages.codes
    for record in published:
        for lang in languages:
            prefix = "" if lang == languages[0] else f"{lang}/"
            page = site / prefix / "programme" / record["id"] / "index.html"
            assert page.is_file(), page
            assert soup(page).select_one("h1").get_text(strip=True)
    broken, checked = broken_links(site, _config()["site_url"])
    assert broken == [] and checked > 0
    return published


def test_the_real_data_validates_and_builds(tmp_path: Path) -> None:
    checked = check_in_process(REPO)
    assert checked.returncode == 0, checked.stderr
    result = build(tmp_path / "out", project=REPO, build_date=BUILD_DATE)
    assert result.returncode == 0, result.output
    assert _assert_published_site(REPO, result.site)


def _linked_ids(project: Path) -> set[str]:
    return {link.record_id
            for _lang, path, inside in hand_written_pages(project / "docs", ("de", "en"))
            for link in record_links(path.read_text(encoding="utf-8"), inside, "")}


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """A copy of the real project after a day of editing: one record added, one changed, one
    drafted, one retired, one renamed (with its former id)."""
    project = copy_project(tmp_path / "project", real=True)
    linked = _linked_ids(project)

    def edit(records: list[dict]) -> None:
        new = {"id": NEW_ID, "kind": "project", "period": {"start": "2025-01", "end": "2025-12"},
               "texts": {"de": {"title": "Ein neuer Testeintrag", "summary": "Kurz gesagt."},
                         "en": {"title": "A new test record", "summary": "In short."}}}
        renamed = records[0]
        renamed["former_ids"] = [*renamed.get("former_ids", []), renamed["id"]]
        renamed["id"] = renamed["id"] + "-umbenannt"
        changed = records[-1]
        changed["texts"]["de"]["summary"] = changed["texts"]["de"]["summary"] + " Neu."
        unlinked = [r for r in records[1:-1] if r["id"] not in linked]
        if unlinked:
            unlinked[0]["draft"] = True
        if len(unlinked) > 1:
            records.remove(unlinked[1])
        records.append(new)

    rewrite_records(project, edit)
    return project


def test_a_day_of_correct_edits_keeps_check_and_build_green(edited: Path, tmp_path: Path) -> None:
    checked = check_in_process(edited)
    assert checked.returncode == 0, checked.stderr
    result = build(tmp_path / "out", project=edited, build_date=BUILD_DATE)
    assert result.returncode == 0, result.output
    published = _assert_published_site(edited, result.site)
    assert NEW_ID in {r["id"] for r in published}
    renamed = next(r for r in published if r["id"].endswith("-umbenannt"))
    old = renamed["former_ids"][-1]
    assert (result.site / "programme" / old / "index.html").is_file()  # the redirect
