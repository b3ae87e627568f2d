"""The browser editor in Chromium with the local backend: a record made in the form is saved,
passes ``microsite check`` and builds in both languages; a typical mistake gets the German
message; the page loads nothing from other hosts."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import published_url
from cms_editor import Editor, editor, shared_editor
from microsite.data.loading import read_yaml
from microsite.editing.yaml_layout import format_projects
from projectcopy import check_in_process, copy_project
from sitebuild import build, soup

NEW_ID = "testprojekt-aus-dem-formular"


def _fill(ed: Editor, field_id: str, text: str, *, within: str = "") -> None:
    """The last field of that name (the new record's), optionally inside a group."""
    scope = ed.page.locator(f"[id^='{within}-field-']").last if within else ed.page
    scope.locator(f"[id^='{field_id}-field-']").last.fill(text)


def _add_record(ed: Editor, record_id: str, languages: tuple[str, ...] = ("de", "en")) -> None:
    page = ed.page
    page.get_by_role("button", name="Eintrag hinzufügen", exact=True).first.click()
    _fill(ed, "id", record_id)
    kind = page.locator("[id^='kind-field-']").last
    kind.click()
    page.get_by_role("option", name="Projekt", exact=True).click()
    page.locator("[id^='publish_from-field-']").last.fill("2024-01-15")  # a date picker
    texts = page.locator("[id^='texts-field-']").last
    for lang, title, summary in (("de", "Testprojekt", "Ein Satz, was es ist."),
                                 ("en", "Test project", "One sentence on what it is.")):
        if lang not in languages:
            continue
        group = texts.locator(f"[id^='{lang}-field-']").first
        group.locator("[id^='title-field-']").fill(title)
        group.locator("[id^='summary-field-']").fill(summary)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_record_made_in_the_form_is_saved_checked_and_built(project: Path,
                                                               tmp_path: Path) -> None:
    data_file = project / "data" / "projects.yaml"
    before = read_yaml(data_file).data["records"]
    with shared_editor(project) as ed:
        _add_record(ed, NEW_ID)
        # German and English side by side
        texts = ed.page.locator("[id^='texts-field-']").last
        de, en = (texts.locator(f"[id^='{lang}-field-']").first.bounding_box()
                  for lang in ("de", "en"))
        assert de and en and en["x"] >= de["x"] + de["width"] and abs(en["y"] - de["y"]) < 60
        # the preview is styled by the site's own stylesheet
        preview = ed.page.frame_locator("iframe").first
        expect(preview.locator("link[href$='assets/microsite.css']")).to_have_count(1)
        expect(preview.get_by_text("Testprojekt", exact=True)).to_be_visible()
        ed.publish()
        expect(ed.page.get_by_text("Beitrag gespeichert")).to_be_visible(timeout=20000)
        assert ed.foreign == []
    text = data_file.read_text(encoding="utf-8")
    records = read_yaml(data_file).data["records"]
    assert [r["id"] for r in records] == [r["id"] for r in before] + [NEW_ID]
    assert records[-1] == {"id": NEW_ID, "kind": "project", "publish_from": "2024-01-15",
                           "texts": {
        "de": {"title": "Testprojekt", "summary": "Ein Satz, was es ist."},
        "en": {"title": "Test project", "summary": "One sentence on what it is."}}}
    # the editor writes the formatter's layout, and the other records keep their data
    assert text == format_projects(read_yaml(data_file).data)
    assert records[:-1] == before
    checked = check_in_process(project)
    assert checked.returncode == 0, checked.stderr
    site = build(tmp_path / "site", project=project)
    assert site.returncode == 0, site.output
    for prefix, title in (("", "Testprojekt"), ("en/", "Test project")):
        page = site.site / prefix / "programme" / NEW_ID / "index.html"
        assert soup(page).h1.get_text(strip=True) == title


def test_a_wrong_id_gets_the_german_message_and_nothing_is_saved(one_record: Path) -> None:
    project = one_record
    data_file = project / "data" / "projects.yaml"
    before = data_file.read_bytes()
    with shared_editor(project) as ed:
        _add_record(ed, "Neues Projekt")
        ed.publish()
        message = ed.page.get_by_text(re.compile("ist keine gültige Kennung: nur Kleinbuchstaben"))
        expect(message.first).to_be_visible()
        assert ed.nothing_saved()
        assert ed.foreign == []
    assert data_file.read_bytes() == before


def test_the_admin_page_loads_nothing_from_other_hosts_before_login(project: Path) -> None:
    """…and its login asks GitHub for public repositories only (``scope=public_repo``)."""
    with editor(project, proxy=False) as ed:
        ed.page.goto(ed.url + "admin/")
        login = ed.page.get_by_role("button", name=re.compile("GitHub"))
        expect(login).to_be_visible()
        # Decap keeps asking for the unreachable local backend: no network quiet to wait for
        ed.page.wait_for_timeout(1000)
        robots = ed.page.locator("meta[name=robots]").get_attribute("content")
        assert ed.foreign == []
        # without a login service the login window is our own page saying so
        with ed.page.expect_popup():
            login.click()
        deadline = time.monotonic() + 30
        while not ed.foreign:  # the login window's request, refused (it may come before the
            assert time.monotonic() < deadline, "the login window asked for nothing"
            ed.page.wait_for_timeout(20)  # popup's page reports events)
    assert robots is not None and "noindex" in robots
    own_page = published_url() + "admin/anmeldung.html"
    assert ed.foreign and all(url.startswith(own_page) for url in ed.foreign), ed.foreign
    assert all("scope=public_repo" in url for url in ed.foreign), ed.foreign
