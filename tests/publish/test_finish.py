"""The finish step fills in the facts of its own build only: in a finished page a placeholder or
a token can only have come from the data, which is text (issue 21: facts are filled over the
built site, record pages included)."""

from __future__ import annotations

from microsite.render.facts import SiteFacts, fill_facts, mask_facts

FACTS = SiteFacts(values={"operator.email": "presse@example.org"})


def _finish(html: str, nonce: str) -> str:
    return fill_facts(html, FACTS, "de", "de", str, "Angabe fehlt", nonce=nonce)


def test_the_builds_own_token_is_filled_in() -> None:
    page = f"<p>{mask_facts('E-Mail: {{ site.operator.email }}', 'c0ffee')}</p>"
    assert _finish(page, "c0ffee") == (
        '<p>E-Mail: <a href="mailto:presse@example.org">presse@example.org</a></p>')


def test_text_that_looks_like_a_fact_stays_text() -> None:
    forged = mask_facts("{{ site.operator.email }}", "")  # a token without the build's nonce
    page = f"<h1>{{{{ site.operator.email }}}} {forged}</h1>"
    assert _finish(page, "c0ffee") == page
