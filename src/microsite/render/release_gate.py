"""The legal gate: a site whose mandatory facts are missing presents itself as a preview.

While a fact that the Impressum or the privacy notice requires (§ 5 DDG, § 18 MStV, Art. 13
GDPR) – or any fact a page shows – is missing from ``data/site.yaml``, every page carries a
"Vorschau – noch nicht freigegeben" banner and ``noindex``, and the build log names the missing
facts. Once all are given, banner and ``noindex`` go; and since every fact a page or the
overview would mark as missing is part of the gate, a released site shows no marker.
"""

from __future__ import annotations

import re
from pathlib import Path

from microsite.render.facts import PLACEHOLDER, SiteFacts

# Required by law on the Impressum and the privacy notice, whether a page names them or not.
LEGAL_FACTS = (
    "operator.name", "operator.representative", "operator.address", "operator.email",
    "responsible.name", "responsible.address",
    "privacy.officer", "privacy.officer_email", "privacy.log_retention",
    "hosting.provider", "hosting.transfer_safeguard",
)
# The overview marks a missing licence of the open data (overview.html).
OVERVIEW_FACTS = ("open_data.licence",)
# Text of a hand-written page that only a preview shows, e.g. the legend of the missing-fact
# marker: <!-- preview-only -->…<!-- /preview-only -->
_PREVIEW_ONLY = re.compile(r"<!-- preview-only -->(.*?)<!-- /preview-only -->", re.S)


def preview_only(markdown: str, released: bool) -> str:
    """``markdown`` without its preview-only passages once the site is released."""
    if "<!-- preview-only -->" not in markdown:
        return markdown
    return _PREVIEW_ONLY.sub(lambda m: "" if released else m.group(1), markdown)


def facts_named_in_pages(docs_dir: Path) -> list[str]:
    """Every ``{{ site.group.field }}`` the hand-written pages name, in order of first use."""
    named: dict[str, None] = {}
    for page in sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []:
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for match in PLACEHOLDER.finditer(text):
            named[f"{match.group(1)}.{match.group(2)}"] = None
    return list(named)


def missing_release_facts(facts: SiteFacts, docs_dir: Path, has_records: bool) -> tuple[str, ...]:
    """The facts (``group.field``) that keep the site a preview; empty when it may be released."""
    required = dict.fromkeys(LEGAL_FACTS)
    required.update(dict.fromkeys(facts_named_in_pages(docs_dir)))
    if has_records:
        required.update(dict.fromkeys(OVERVIEW_FACTS))
    return tuple(key for key in required if not facts.values.get(key))


def release_log_line(missing: tuple[str, ...], facts_file: str, lang: str) -> str | None:
    """The build log's line about the gate, naming every missing fact; None once released."""
    if not missing:
        return None
    names = ", ".join(missing)
    if lang == "de":
        return (f"Vorschau – nicht freigegeben: in {facts_file} fehlen {len(missing)} "
                f"Pflichtangaben ({names}); jede Seite zeigt das Vorschau-Banner und trägt "
                "noindex.")
    return (f"Preview – not released: {len(missing)} mandatory facts are missing from "
            f"{facts_file} ({names}); every page shows the preview banner and carries noindex.")
