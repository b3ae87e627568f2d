"""No test quotes the live records: the press office's next correct edit must not turn CI red.

The live ``data/projects.yaml`` is read when the test runs; every file under ``tests/`` is
searched for its record ids (in quotes or slashes, as in ``"x"`` or ``programme/x/``), its
titles (verbatim, whole words; titles of one or two words only when quoted, as they may be
common words) and its record count (in the phrases ``check`` and the overview print). Tests use
the sample project (``tests/fixtures/sample/``) instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from sitebuild import REPO

TESTS = REPO / "tests"
SKIPPED_DIRS = {"node_modules", "__pycache__", ".pytest_cache"}


def live_terms(records: list[dict]) -> list[tuple[str, re.Pattern[str]]]:
    """What a test must not quote: (description, pattern) for every id, title and the count."""
    terms = []
    quote_open, quote_close = "[\"'/„“`]", "[\"'/“”`]"
    # an id that is also a hand-written page's name ("impressum") is quoted for the page
    pages = {p.stem for p in (REPO / "docs").glob("*/*.md")}
    for record in records:
        rid = record.get("id")
        if isinstance(rid, str) and rid and rid not in pages:
            terms.append((f"id {rid}", re.compile(
                rf"{quote_open}{re.escape(rid)}{quote_close}")))
        texts = record.get("texts") if isinstance(record.get("texts"), dict) else {}
        for block in texts.values():
            title = block.get("title") if isinstance(block, dict) else None
            if not isinstance(title, str) or not title.strip():
                continue
            title = title.strip()
            if len(title.split()) < 3:  # short titles may be common words: only when quoted
                pattern = rf"{quote_open}{re.escape(title)}{quote_close}"
            else:
                pattern = rf"(?<!\w){re.escape(title)}(?!\w)"
            terms.append((f"title {title}", re.compile(pattern)))
    count = len(records)
    terms.append((f"record count {count}", re.compile(
        rf"(?<!\d){count} (?:Einträge|records)\b|\b(?:Alle|All) \({count}\)")))
    return terms


def quoted(files: Iterable[Path], terms: list[tuple[str, re.Pattern[str]]]) -> list[str]:
    """Each file and line that quotes one of ``terms``."""
    hits = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            hits.extend(f"{_shown(path)}:{number}: {what}"
                        for what, pattern in terms if pattern.search(line))
    return hits


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else path.name


def files_under(root: Path = TESTS) -> list[Path]:
    return [p for p in sorted(root.rglob("*"))
            if p.is_file() and not SKIPPED_DIRS & set(p.relative_to(root).parts)]


def test_no_file_under_tests_quotes_a_live_record() -> None:
    data = yaml.safe_load((REPO / "data" / "projects.yaml").read_text(encoding="utf-8"))
    records = [r for r in (data or {}).get("records") or [] if isinstance(r, dict)]
    assert records, "the live data has no records to compare with"
    assert quoted(files_under(), live_terms(records)) == []


def test_the_search_finds_what_it_must(tmp_path: Path) -> None:
    records = [{"id": "mein-projekt", "texts": {"de": {"title": "Ein Projekt mit Namen"},
                                               "en": {"title": "Beratung"}}},
               {"id": "zweites", "texts": {"de": {"title": "Noch eines"}}},
               {"id": "impressum", "texts": {"de": {"title": "Seite"}}}]
    pinned = tmp_path / "test_x.py"
    pinned.write_text('page = "programme/mein-projekt/"\n'
                      'assert title == "Ein Projekt mit Namen"\n'
                      'assert "OK: 3 Einträge geprüft." in out\n'
                      'assert labels[0] == "Alle (3)"\n'
                      'assert x == "Beratung"\n'
                      'page = "impressum/"; s = "Noch eines"\n', encoding="utf-8")
    harmless = tmp_path / "test_y.py"
    harmless.write_text("# mein-projekte zweitesmal; Beratung ist ein Wort; 12 Einträge\n",
                        encoding="utf-8")
    terms = live_terms(records)
    hits = quoted([pinned, harmless], [(w, p) for w, p in terms])
    assert [h.split(": ", 1)[1] for h in hits if "test_x" in h] == [
        "id mein-projekt", "title Ein Projekt mit Namen", "record count 3", "record count 3",
        "title Beratung", "title Noch eines"]
    assert not [h for h in hits if "test_y" in h]
