"""Drafts, scheduled records, pending and stale translations, and safe text, on built pages.

The sample project is copied and given extra records (test data only, never published,
``extra_records``), then built as the public site and as a preview (``include_drafts``): shared
builds, the same two that ``tests/publish/test_open_data.py`` reads.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from extra_records import with_test_records
from projectcopy import check_in_process, copy_project
from shared_builds import shared_build
from sitebuild import soup

BUILD_DATE = dt.date(2026, 11, 25)
SECRET_IDS = ("test-entwurf", "test-geplant")


@dataclass
class Builds:
    project: Path
    public: Path
    preview: Path


def _page(site: Path, lang: str, record_id: str) -> Path:
    return site / ("" if lang == "de" else f"{lang}/") / "programme" / record_id / "index.html"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, shared_sites: Path) -> Builds:
    root = tmp_path_factory.mktemp("drafts")
    project = with_test_records(root / "project")
    public = shared_build(shared_sites, project, build_date=BUILD_DATE)
    assert public.returncode == 0, public.output
    preview_project = with_test_records(root / "preview-project", preview=True)
    preview = shared_build(shared_sites, preview_project, build_date=BUILD_DATE)
    assert preview.returncode == 0, preview.output
    return Builds(project, public.site, preview.site)


# --- drafts and scheduling ---------------------------------------------------------------

def test_drafts_and_scheduled_records_have_no_public_pages(builds: Builds) -> None:
    for record_id in SECRET_IDS:
        for lang in ("de", "en"):
            assert not _page(builds.public, lang, record_id).exists(), record_id
    for lang in ("de", "en"):
        assert _page(builds.public, lang, "test-faellig").exists()


def test_drafts_are_in_no_public_listing_sitemap_or_search(builds: Builds) -> None:
    every_text = [
        (builds.public / "programme" / "index.html").read_text(encoding="utf-8"),
        (builds.public / "en" / "programme" / "index.html").read_text(encoding="utf-8"),
        (builds.public / "sitemap.xml").read_text(encoding="utf-8"),
        (builds.public / "search" / "search_index.json").read_text(encoding="utf-8"),
    ]
    for text in every_text:
        for secret in (*SECRET_IDS, "Entwurfsprojekt", "Geplante Veranstaltung", "Draft project",
                       "Geheimer"):
            assert secret not in text
    assert "test-faellig" in every_text[2]
    index = json.loads(every_text[3])
    assert any("test-faellig" in doc["location"] for doc in index["docs"])
    preview_index = (builds.preview / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Geheimer Entwurfstext" in preview_index  # the preview does index them


def test_preview_shows_drafts_with_a_banner(builds: Builds) -> None:
    de = soup(_page(builds.preview, "de", "test-entwurf"))
    banner = de.select_one(".ms-notice--draft")
    assert banner is not None
    assert "Entwurf" in banner.get_text() and "nicht veröffentlicht" in banner.get_text()
    en = soup(_page(builds.preview, "en", "test-geplant"))
    assert "15 January 2027" in en.select_one(".ms-notice--draft").get_text()
    overview = soup(builds.preview / "programme" / "index.html")
    draft_cards = [card for card in overview.select(".ms-card")
                   if card.select_one(".ms-card__draft")]
    assert {c.select_one(".ms-card__title").get_text(strip=True) for c in draft_cards} == {
        "Entwurfsprojekt", "Geplante Veranstaltung",
        "Titel entwurf", "Titel spaeter"}  # the open-data tests' draft and scheduled record
    published = soup(_page(builds.preview, "de", "lotse-beruf"))
    assert published.select_one(".ms-notice--draft") is None


# --- pending translations ------------------------------------------------------------------

def test_pending_translation_shows_the_german_text_with_a_note(builds: Builds) -> None:
    en = soup(_page(builds.public, "en", "test-ausstehend"))
    assert en.html["lang"] == "en"
    note = en.select_one(".ms-notice--translation")
    assert note is not None and "not yet available in English" in note.get_text()
    title = en.select_one("h1.ms-record__title")
    assert title.get_text() == 'Beratung & Begleitung "vor Ort"'
    assert title.find_parent(attrs={"lang": True})["lang"] == "de"
    assert en.select_one(".ms-record__description")["lang"] == "de"
    de = soup(_page(builds.public, "de", "test-ausstehend"))
    assert de.select_one(".ms-notice--translation") is None


def test_hreflang_only_for_real_translations(builds: Builds) -> None:
    for lang in ("de", "en"):
        page = soup(_page(builds.public, lang, "test-ausstehend"))
        hreflangs = {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')}
        # only German is real: no English alternate, and a page in one language needs none
        assert "en" not in hreflangs, lang
        assert hreflangs <= {"de", "x-default"}, lang
    translated = soup(_page(builds.public, "de", "lotse-beruf"))
    assert {"de", "en"} <= {link["hreflang"]
                            for link in translated.select('link[rel="alternate"][hreflang]')}


def test_check_lists_pending_translations_as_warnings(builds: Builds) -> None:
    result = check_in_process(builds.project)
    assert result.returncode == 0, result.stderr
    assert ("Hinweis: data/projects.yaml, Zeile " in result.stderr
            and "Angebot „test-ausstehend“, Feld „translation.en“: Übersetzung (Englisch) steht "
            "noch aus" in result.stderr), result.stderr


# --- safe text -----------------------------------------------------------------------------

def _raw(site: Path, lang: str, record_id: str) -> str:
    return _page(site, lang, record_id).read_text(encoding="utf-8")


def test_ampersands_quotes_and_angle_brackets_are_escaped(builds: Builds) -> None:
    raw = _raw(builds.public, "de", "test-ausstehend")
    assert "Beratung &amp; Begleitung &#34;vor Ort&#34;" in raw or \
        "Beratung &amp; Begleitung &quot;vor Ort&quot;" in raw
    assert "5 &lt; 6 &gt; 4" in raw
    assert "5 < 6 > 4" not in raw
    page = soup(_page(builds.public, "de", "test-ausstehend"))
    link = page.select_one(".ms-record__description a")
    assert link["href"] == "https://www.hannover.de/?a=1&b=2"
    assert page.select_one(".ms-record__description strong").get_text() == "Betonung"


def test_markup_in_data_never_reaches_a_page(tmp_path: Path) -> None:
    """Even past validation, the renderers and templates would not emit markup from data."""
    from microsite.render.markup import render_inline, render_markdown

    assert "<script" not in render_markdown("<script>alert(1)</script>")
    assert "&lt;script&gt;" in render_markdown("<script>alert(1)</script>")
    assert "href" not in render_markdown("[x](javascript:alert(1))")
    assert "href" not in render_inline("[x](JavaScript:alert(1))")


def test_no_page_carries_script_from_data(builds: Builds) -> None:
    for page in builds.public.rglob("*.html"):
        parsed = soup(page)
        for anchor in parsed.select("a[href]"):
            assert not anchor["href"].strip().lower().startswith("javascript:"), page


# --- stale translations --------------------------------------------------------------------

def test_check_warns_about_a_stale_translation_naming_record_and_field(tmp_path: Path) -> None:
    changed: list[str] = []

    def change_one_reviewed_summary(records: list[dict]) -> None:
        record = next(r for r in records
                      if "summary" in ((r.get("translation") or {}).get("en") or {})
                      .get("reviewed", {}))
        record["texts"]["de"]["summary"] += " Jetzt mit einem neuen Satz."
        changed.append(record["id"])

    project = copy_project(tmp_path / "project", edit_records=change_one_reviewed_summary)
    result = check_in_process(project)
    assert result.returncode == 0, result.stderr
    stale = [line for line in result.stderr.splitlines() if "zuletzt geprüft" in line]
    assert len(stale) == 1, result.stderr
    assert stale[0].startswith("Hinweis: data/projects.yaml, Zeile ")
    assert f"„{changed[0]}“, Feld „texts.de.summary“" in stale[0]
    assert "Übersetzung (Englisch)" in stale[0] and "translation.en.reviewed.summary" in stale[0]


def test_rewrapping_a_text_is_not_a_change() -> None:
    from microsite.data.translations import fingerprint

    rewrapped = fingerprint("Ein  Text\nüber zwei Zeilen.\n")
    assert rewrapped == fingerprint("Ein Text über zwei Zeilen.")
    assert fingerprint("Ein Text.") != fingerprint("Ein anderer Text.")


def test_the_sample_has_no_stale_or_unreviewed_translation(tmp_path: Path) -> None:
    """The real data may carry such hints (they never stop publishing); the sample does not."""
    result = check_in_process(copy_project(tmp_path / "project"))
    assert result.returncode == 0, result.stderr
    assert "zuletzt geprüft" not in result.stderr
    # English is reviewed throughout; Turkish, Arabic and Ukrainian are not checked yet
    assert "(Englisch) ist keine Prüfung vermerkt" not in result.stderr
