"""German gender forms (Arbeitgeber*innen, Lehrer:innen, Kolleg_innen) stay literal in both
Markdown renderers: the editors' allow-list renderer and Python-Markdown of the hand-written
pages; emphasis written as such still works."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml

from microsite.render.markup import render_inline, render_markdown
from projectcopy import copy_project
from sitebuild import build, soup

FORMS = "Arbeitgeber*innen und Arbeitnehmer*innen, Lehrer:innen und Kolleg_innen"
PAGE_FORMS = "Quellwerk-Betreuer*innen und Quellwerk-Gäst*innen, Quellwerk-Kolleg_innen"


def _python_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["microsite.render.gender_forms"])


@pytest.mark.parametrize("render", [lambda t: str(render_markdown(t)), _python_markdown],
                         ids=["records", "pages"])
def test_gender_forms_stay_literal(render) -> None:
    html = render(FORMS)
    assert FORMS in html and "<em>" not in html
    assert render("Migrant*innenorganisationen und Expert*innen.").count("*") == 2


@pytest.mark.parametrize("render", [lambda t: str(render_markdown(t)), _python_markdown],
                         ids=["records", "pages"])
def test_emphasis_links_and_code_still_work(render) -> None:
    html = render("Ein *betontes* und **fettes** Wort für Arbeitgeber*innen, "
                  "[ein Link](https://example.org/a_b*c) und `Code*mit*Sternen`.")
    assert "<em>betontes</em>" in html and "<strong>fettes</strong>" in html
    assert 'href="https://example.org/a_b*c"' in html
    assert "<code>Code*mit*Sternen</code>" in html
    assert "Arbeitgeber*innen" in html


def test_without_the_rule_the_star_becomes_emphasis() -> None:
    """The failure this guards against, shown with plain Python-Markdown."""
    assert "<em>" in markdown.markdown(FORMS)


def test_steps_render_gender_forms_literally() -> None:
    assert str(render_inline("Fragen Sie Ihre Berater*innen oder Lehrer*innen.")) == (
        "Fragen Sie Ihre Berater*innen oder Lehrer*innen.")


def test_built_site_keeps_gender_forms_in_records_and_pages(tmp_path: Path) -> None:
    def edit(records: list[dict]) -> None:
        texts = records[0]["texts"]["de"]
        texts["description"] = f"{FORMS}.\n\nNoch einmal: *betont*."
        texts["how_to_take_part"] = ["Melden Sie sich bei den Berater*innen."]
        records[0]["texts"]["en"]["how_to_take_part"] = ["Contact the advisers."]

    project = copy_project(tmp_path / "project", edit_records=edit, languages=("de", "en"))
    page = project / "docs" / "de" / "einwanderungsstadt.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{PAGE_FORMS} und *betont*.\n",
                    encoding="utf-8")
    result = build(tmp_path / "site", project=project)
    assert result.returncode == 0, result.output
    first = yaml.safe_load((project / "data" / "projects.yaml").read_text())["records"][0]["id"]
    record = soup(result.site / "programme" / first / "index.html")
    description = record.select_one(".ms-record__description")
    assert FORMS in description.get_text() and description.select("em")[0].get_text() == "betont"
    assert len(description.select("em")) == 1
    assert "Berater*innen" in record.select_one(".ms-steps").get_text()
    hand = soup(result.site / "einwanderungsstadt" / "index.html").select_one("article")
    assert PAGE_FORMS in hand.get_text()
    assert [em.get_text() for em in hand.select("em")][-1:] == ["betont"]
