"""Facts from data/site.yaml are text: placeholders are masked before the page's Markdown is
rendered (with the site's extensions) and filled in, escaped, afterwards."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from microsite.render.facts import (
    MisplacedFact,
    SiteFacts,
    fill_facts,
    mask_facts,
    page_placeholder_problems,
)

EXTENSIONS = ["attr_list", "toc"]  # as in mkdocs.yml


def _page(source: str, facts: dict[str, str]) -> str:
    rendered = markdown.markdown(mask_facts(source), extensions=EXTENSIONS)
    return fill_facts(rendered, SiteFacts(values=facts), "de", "de", str, "Angabe fehlt")


@pytest.mark.parametrize("value", [
    "[Impressum](javascript:alert(1))",
    "Stadt {: onclick=alert(1) }",
    "**fett** und <img src=x onerror=alert(1)>",
    "![x](data:text/html,x)",
    "<https://example.org/>",
])
def test_a_fact_is_shown_as_written(value: str) -> None:
    html = _page("Anschrift: {{ site.operator.address }}\n\n{{ site.operator.name }}",
                 {"operator.address": value, "operator.name": value})
    soup = BeautifulSoup(html, "html.parser")
    assert soup.get_text().count(value) == 2
    assert {el.name for el in soup.find_all(True)} == {"p"}
    assert all(not el.attrs for el in soup.find_all(True))


def test_placeholders_at_a_line_end_survive_attr_list() -> None:
    """attr_list would read "{{ site.x.y }}" alone on a line as attributes."""
    html = _page("{{ site.responsible.name }}<br>\n{{ site.responsible.address }}",
                 {"responsible.name": "Amt", "responsible.address": "Trammplatz 2"})
    assert "Amt" in html and "Trammplatz 2" in html


def test_a_fact_inside_a_link_target_is_refused() -> None:
    with pytest.raises(MisplacedFact):
        _page("[Schreiben Sie uns](mailto:{{ site.operator.email }})",
              {"operator.email": "presse@example.org"})


def test_check_names_facts_outside_the_running_text(tmp_path: Path) -> None:
    """Where a placeholder cannot be filled in as text, check says so with file and line."""
    page = tmp_path / "docs" / "de" / "seite.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: {{ site.operator.name }}\n---\n\n"
                    "# Kontakt {{ site.operator.name }}\n\n"
                    "[Schreiben Sie uns](mailto:{{ site.operator.email }})\n\n"
                    '<a href="mailto:{{ site.operator.email }}">Mail</a>\n\n'
                    "E-Mail: {{ site.operator.email }}, Anschrift: {{ site.operator.address }}\n\n"
                    "![Logo {{ site.operator.name }}](logo.png)\n\n"
                    "Absatz\n{: title=\"{{ site.operator.name }}\" }\n\n"
                    "Text {in Klammern} mit {{ site.operator.name }}\n",
                    encoding="utf-8")
    problems = page_placeholder_problems(tmp_path / "docs", tmp_path, "data/site.yaml")
    assert [(p.code, p.line) for p in problems] == [("fact_not_in_text", n)
                                                    for n in (2, 5, 7, 9, 13, 16)]
    assert "Alternativtext" in problems[4].message("de")
    message = problems[1].message("de")
    assert message.startswith("docs/de/seite.md, Zeile 5, Spalte 11: ")
    assert "in einer Überschrift" in message and "data/site.yaml" in message
    assert "in a link target" in problems[2].message("en")
