"""Clearing a stale-translation warning is one command; it changes only the fingerprint lines."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from microsite.data.translations import fingerprints_yaml
from microsite.editing.review import ReviewError, review
from projectcopy import SAMPLE_RECORDS, copy_project, run_check, run_microsite

GOOD = SAMPLE_RECORDS.read_text(encoding="utf-8")
SUMMARY = "        summary: Beratung und Qualifizierung"


def _changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.ndiff(old.splitlines(), new.splitlines())
            if line[:1] in "+-"]


def test_review_command_clears_the_warning_and_changes_only_the_fingerprints(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "projects.yaml"
    edited = GOOD.replace(SUMMARY, SUMMARY.replace("Beratung", "Persönliche Beratung"))
    data.write_text(edited, encoding="utf-8")
    assert "zuletzt geprüft" in run_check(project).stderr
    result = run_microsite("review", "lotse-beruf", "--lang", "en", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Übersetzung „en“ von „lotse-beruf“ als geprüft vermerkt" in result.stdout
    after = data.read_text(encoding="utf-8")
    changed = _changed_lines(edited, after)
    assert len(changed) == 2 and all("{reviewed: {title: " in line for line in changed), changed
    assert "zuletzt geprüft" not in run_check(project).stderr


@pytest.mark.parametrize(("before", "after_contains"), [
    # no translation block yet: added before "texts:", nothing else moves
    ("    # fingerprints of the German texts the English was last checked against (see guide)\n"
     "    translation:\n      en: {reviewed: {title: 685cb6a9, summary: 6349fd19, "
     "target_group: 320fc0d5, description: 97c867d0}}\n", "    translation:\n      en: {reviewed:"),
    # pending although English exists
    ("      en: {reviewed: {title: 685cb6a9, summary: 6349fd19, target_group: 320fc0d5, "
     "description: 97c867d0}}", "      en: {reviewed: {title:"),
])
def test_review_writes_into_every_form(before: str, after_contains: str) -> None:
    assert GOOD.count(before) == 1
    if before.startswith("    #"):
        text = GOOD.replace(before, "")
    else:
        text = GOOD.replace(before, "      en: pending   # Kommentar bleibt")
    new, _ = review(text, "lotse-beruf", "en", "de")
    assert after_contains in new
    changed = _changed_lines(text, new)
    assert all(line.startswith("+") or "pending" in line for line in changed), changed


def test_a_block_of_fingerprints_is_rewritten_in_place() -> None:
    old = ("      en: {reviewed: {title: 685cb6a9, summary: 6349fd19, target_group: 320fc0d5, "
           "description: 97c867d0}}")
    block = ("      en:\n        reviewed:   # nach der Prüfung\n          title: 00000000\n"
             "          summary: 6349fd19\n")
    text = GOOD.replace(old, block)
    new, marks = review(text, "lotse-beruf", "en", "de")
    assert "        reviewed:   # nach der Prüfung\n          title: " + marks["title"] in new
    assert f"          description: {marks['description']}\n" in new
    assert fingerprints_yaml({}) == "{}"
    assert review(new, "lotse-beruf", "en", "de")[0] == new  # twice: no change


def test_dev_offers_the_review_command() -> None:
    from sitebuild import REPO

    dev = (REPO / "dev").read_text(encoding="utf-8")
    assert re.search(r'^\s*review\)\s.*microsite" review "\$@"', dev, re.M)


def test_review_explains_what_it_cannot_do() -> None:
    with pytest.raises(ReviewError, match="einen Eintrag „gibt-es-nicht“ gibt es nicht"):
        review(GOOD, "gibt-es-nicht", "en", "de")
    with pytest.raises(ReviewError, match="Hauptsprache"):
        review(GOOD, "lotse-beruf", "de", "de")


_MINIMAL = """records:
  - id: a
    kind: project
    translation{value}
    texts:
      de: {{title: Titel, summary: Satz.}}
      en: {{title: Title, summary: Sentence.}}
"""


@pytest.mark.parametrize("value", [": {}", ":", ": ~", ": {en: pending}", ":\n      en: pending"],
                         ids=["empty-flow", "empty", "null", "pending-flow", "pending-block"])
def test_review_fills_an_empty_or_pending_translation_with_valid_yaml(value: str) -> None:
    """An editor may leave ``translation:`` empty or pending; review never writes broken YAML."""
    import yaml

    text = _MINIMAL.format(value=value)
    result, written = review(text, "a", "en", "de")
    record = yaml.safe_load(result)["records"][0]
    assert record["translation"] == {"en": {"reviewed": written}}
    assert record["texts"] == yaml.safe_load(text)["records"][0]["texts"]
