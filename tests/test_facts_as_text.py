"""Facts from data/site.yaml are text: placeholders are masked before the page's Markdown is
rendered (with the site's extensions) and filled in, escaped, afterwards."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from microsite.facts import MisplacedFact, SiteFacts, fill_facts, mask_facts

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
