"""Links from hand-written pages to records: check names page and line in German before the
build fails; a renamed record's former ids keep such links working."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from microsite.checks.doc_links import record_links, rewrite_record_links
from projectcopy import check_in_process, copy_project, keep_languages
from sitebuild import build, soup

PAGE = Path("docs") / "de" / "einwanderungsstadt.md"
LINKED = "leitbild-teilhabe"  # the sample's German page links this record


def test_record_links_in_every_form() -> None:
    text = ("Siehe [A](programme/eins.md) und [B](programme/zwei/#x),\n"
            "[C](../programme/drei/index.md), [D](programme/index.md), [E](https://x.org/"
            "programme/vier.md).\n\n[ref]: programme/fuenf/\n")
    top = record_links(text, "seite.md", "p.md")
    assert [(link.record_id, link.line) for link in top] == [("eins", 1), ("zwei", 1),
                                                             ("fuenf", 4)]
    below = record_links(text, "unter/seite.md", "p.md")
    assert [link.record_id for link in below] == ["drei"]
    assert record_links("[C](../programme/drei/index.md)", "unter/seite.md", "p")[0].column == 5


def test_links_are_rewritten_to_the_current_page() -> None:
    text = "[A](programme/alt.md#teil) [B](programme/neu/) [C](programme/weg.md)"
    assert rewrite_record_links(text, "seite.md", {"alt": "neu", "neu": "neu"}) == (
        "[A](programme/neu.md#teil) [B](programme/neu.md) [C](programme/weg.md)")


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    yield copy_project(tmp_path / "project")


def _line_of(project: Path, needle: str) -> int:
    text = (project / PAGE).read_text(encoding="utf-8")
    return text[:text.index(needle)].count("\n") + 1


def _edit(project: Path, old: str, new: str) -> None:
    data = project / "data" / "projects.yaml"
    text = data.read_text(encoding="utf-8")
    assert text.count(old) == 1
    data.write_text(text.replace(old, new), encoding="utf-8")


def test_a_link_to_a_drafted_record_is_named_by_check(project: Path) -> None:
    _edit(project, f"  - id: {LINKED}\n", f"  - id: {LINKED}\n    draft: true\n")
    result = check_in_process(project)
    line = _line_of(project, f"programme/{LINKED}.md")
    assert result.returncode == 1
    assert re.search(rf"^docs/de/einwanderungsstadt\.md, Zeile {line}, Spalte \d+: der Link "
                     rf"„programme/{LINKED}\.md“ führt zum Eintrag „{LINKED}“, der nicht "
                     "veröffentlicht wird", result.stderr, re.M), result.stderr
    assert "docs/en/einwanderungsstadt.md, Zeile" in result.stderr


def test_a_link_to_a_removed_or_misspelt_record_is_named_by_check(project: Path) -> None:
    _edit(project, f"  - id: {LINKED}\n", f"  - id: {LINKED}x\n")
    result = check_in_process(project)
    assert result.returncode == 1
    assert (f"der Link „programme/{LINKED}.md“ führt zu keinem Eintrag: die Kennung „{LINKED}“ "
            "gibt es in data/projects.yaml nicht. Link korrigieren oder entfernen; bei einer "
            "Umbenennung die alte Kennung unter „former_ids“ eintragen – meinten Sie "
            f"„{LINKED}x“?") in result.stderr


def test_a_renamed_record_keeps_links_working(project: Path, tmp_path: Path) -> None:
    _edit(project, f"  - id: {LINKED}\n", f"  - id: {LINKED}-neu\n    former_ids: [{LINKED}]\n")
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8")
                    + f"\nNoch einmal: [Plan](programme/{LINKED}/).\n", encoding="utf-8")
    checked = check_in_process(project)
    assert checked.returncode == 0, checked.stderr
    assert (f"Hinweis: docs/de/einwanderungsstadt.md, Zeile {_line_of(project, LINKED)}")\
        in checked.stderr
    assert f"nennt die frühere Kennung „{LINKED}“ und führt weiter zu „{LINKED}-neu“" \
        in checked.stderr
    keep_languages(project, ("de", "en"))  # the German page is what the build must show
    result = build(tmp_path / "out", project=project)
    assert result.returncode == 0, result.output
    built = soup(result.site / "einwanderungsstadt" / "index.html")
    hrefs = [a["href"] for a in built.select("article a") if LINKED in a["href"]]
    assert hrefs and all(h.endswith(f"programme/{LINKED}-neu/") for h in hrefs), hrefs


def test_a_link_to_a_missing_page_is_named_by_check(project: Path) -> None:
    page = project / "docs" / "en" / "einwanderungsstadt.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee the [imprint](impresum.md).\n",
                    encoding="utf-8")
    result = check_in_process(project)
    line = page.read_text(encoding="utf-8").count("\n")
    assert result.returncode == 1
    assert (f"docs/en/einwanderungsstadt.md, Zeile {line}, Spalte 19: der Link „impresum.md“ "
            "führt zu keiner Seite") in result.stderr


def test_a_page_saved_in_latin_1_is_named_by_check_without_a_traceback(project: Path) -> None:
    page = project / PAGE
    page.write_bytes(page.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    checked = check_in_process(project)
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    assert "docs/de/einwanderungsstadt.md, Zeile " in checked.stderr
    assert "nicht in UTF-8 gespeichert" in checked.stderr
