"""The legal gate (issue 11, point 9), on a copy of the project with a facts file written here:
while a mandatory fact is missing, every page shows the preview banner and carries noindex and
the build log names the fact; with every fact given, banner, noindex and markers are gone.

Two builds: one with a single legal fact missing, one with every fact given; that each other
legal fact gates alone is proved by ``check`` in-process (its gate is the build's gate)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from microsite.render.facts import FACTS
from microsite.render.release_gate import LEGAL_FACTS
from projectcopy import check_in_process, copy_project
from sitebuild import REPO, build, html_pages, soup

VALUES = {"text": "Beispielangabe {key}", "email": "gate-{n}@example.org",
          "url": "https://example.org/gate/{n}", "date": "2024-09-20"}


def _facts(missing: str | None) -> dict:
    data: dict = {"format": 1}
    n = 0
    for group, fields in FACTS.items():
        data[group] = {}
        for name, kind in fields.items():
            n += 1
            key = f"{group}.{name}"
            data[group][name] = None if key == missing else VALUES[kind].format(key=key, n=n)
    # a name beside the office is a legal fact the city has confirmed (issue 18)
    data["operator"]["confirmed"] = {"representative": "2026-12-01"}
    return data


def _build(root: Path, missing: str | None):
    project = copy_project(root / "project")
    (project / "data" / "site.yaml").write_text(
        yaml.safe_dump(_facts(missing), allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(root / "site", project=project)
    assert result.returncode == 0, result.output
    banner = yaml.safe_load((project / "data" / "ui" / "de.yaml").read_text())["gate.banner"]
    return result, banner


def _is_error_page(path: Path) -> bool:
    return path.name == "404.html" or path.parent.name == "404"


def _all_pages(site: Path) -> list[Path]:
    return [*html_pages(site), site / "404.html"]


def test_a_missing_legal_fact_makes_every_page_a_preview(tmp_path: Path) -> None:
    missing = "operator.address"
    assert missing in LEGAL_FACTS
    result, banner = _build(tmp_path, missing)
    gate_lines = [line for line in result.output.splitlines() if "nicht freigegeben" in line]
    assert len(gate_lines) == 1 and missing in gate_lines[0], result.output
    pages = _all_pages(result.site)
    assert len(pages) >= 20
    for path in pages:
        page = soup(path)
        shown = page.select_one(".md-banner .ms-preview-banner")
        assert shown is not None, path
        robots = [m["content"] for m in page.select('meta[name="robots"]')]
        assert robots == ["noindex"], path
        lang = page.html["lang"]
        if lang == "de" and not _is_error_page(path):
            assert shown.get_text(strip=True) == banner, path
        elif lang != "de":  # in the page's language
            ui = yaml.safe_load((REPO / "data" / "ui" / f"{lang}.yaml").read_text("utf-8"))
            assert shown.get_text(strip=True) == ui["gate.banner"], path


def test_with_every_fact_given_the_site_is_released(tmp_path: Path) -> None:
    result, _ = _build(tmp_path, None)
    assert "nicht freigegeben" not in result.output
    for path in _all_pages(result.site):
        page = soup(path)
        assert page.select(".md-banner, .ms-preview-banner") == [], path
        assert page.select("mark.ms-missing") == [], path
        robots = [m["content"] for m in page.select('meta[name="robots"]')]
        assert robots == (["noindex"] if _is_error_page(path) else []), path
    impressum = soup(result.site / "impressum" / "index.html").select_one("article").get_text()
    assert "Beispielangabe operator.address" in impressum


@pytest.mark.parametrize("missing", [None, "responsible.name", "operator.address",
                                     "privacy.officer_email"])
def test_check_says_what_the_build_log_says(tmp_path: Path, missing: str | None) -> None:
    assert missing is None or missing in LEGAL_FACTS
    project = copy_project(tmp_path / "project")
    (project / "data" / "site.yaml").write_text(
        yaml.safe_dump(_facts(missing), allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = check_in_process(project)
    assert result.returncode == 0, result.stderr
    gate = [line for line in result.stderr.splitlines() if "nicht freigegeben" in line]
    assert len(gate) == (1 if missing else 0), result.stderr
    if missing:
        assert gate[0].startswith("Hinweis: Vorschau") and missing in gate[0]
