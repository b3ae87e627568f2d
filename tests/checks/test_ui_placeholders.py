"""The texts of ``data/ui/`` that the generator fills in (``"vom {date}"``): ``check`` holds each
to its placeholders, names the line, and the build refuses the same mistakes before it writes,
instead of stopping with a traceback in the middle (a translator writing ``{datum}``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from microsite.render.ui import PLACEHOLDERS, Phrases
from projectcopy import check_in_process, copy_project
from sitebuild import REPO, build_stops

CASES = {
    # name: (file, key, text, the words check must print)
    "other-name": ("en", "source.date", "of {datum}",
                   "„{datum}“ kennt das Programm hier nicht. In diesem Text stehen nur diese "
                   "Platzhalter, genau so geschrieben: {date}"),
    "format-spec": ("de", "period.range", "{start} – {end:>99999}",
                    "„{end:>99999}“ kennt das Programm hier nicht"),
    "attribute": ("tr", "when.day", "{date.year} tarihinde", "„{date.year}“ kennt das Programm"),
    "conversion": ("en", "status.as_of", "as of {date!r}: {status}", "„{date!r}“ kennt"),
    "lone-brace": ("de", "home.more", "und {count weitere",
                   "eine geschweifte Klammer steht allein. In diesem Text stehen nur diese "
                   "Platzhalter: {count}; eine Klammer als Zeichen wird doppelt geschrieben"),
    "left-out": ("ar", "status.source.stated", "{type}",
                 "der Platzhalter „{date}“ fehlt: ohne ihn fehlt die Angabe auf der Seite"),
}


def _with_text(project: Path, lang: str, key: str, text: str) -> int:
    """Writes ``key: text`` into ``data/ui/<lang>.yaml``; returns the line it stands on."""
    path = project / "data" / "ui" / f"{lang}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[number] = f"{key}: {json.dumps(text, ensure_ascii=False)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def test_check_names_each_wrong_placeholder_at_its_line(tmp_path: Path) -> None:
    """All cases in one project (they stand in different texts): one check, one line each."""
    project = copy_project(tmp_path / "project")
    lines = {case: _with_text(project, lang, key, text)
             for case, (lang, key, text, _) in CASES.items()}
    result = check_in_process(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert f"{len(CASES)} Fehler." in output
    for case, (lang, key, _, words) in CASES.items():
        reported = [row for row in output.splitlines()
                    if row.startswith(f"data/ui/{lang}.yaml, Zeile {lines[case]}, ")]
        assert len(reported) == 1, (case, output)
        assert f"Feld „{key}“: {words}" in reported[0], case


def test_the_build_refuses_it_before_writing_in_checks_words(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    line = _with_text(project, "en", "source.date", "of {datum}")
    stopped, log = build_stops(project, tmp_path / "site")
    assert stopped, log
    assert f"data/ui/en.yaml, Zeile {line}" in log and "„{datum}“ kennt das Programm" in log
    assert not (tmp_path / "site").exists()


def test_doubled_brackets_are_characters_and_pass(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _with_text(project, "en", "home.more", "and {count} more {{sic}}")
    assert check_in_process(project).returncode == 0
    assert Phrases({"home.more": "and {count} more {{sic}}"}).fill("home.more", count=3) == (
        "and 3 more {sic}")


def test_the_code_fills_a_text_only_with_its_names() -> None:
    phrases = Phrases({"source.date": "vom {date}"})
    assert phrases.fill("source.date", date="1. Mai") == "vom 1. Mai"
    with pytest.raises(TypeError, match=r"source\.date takes"):
        phrases.fill("source.date", day="1. Mai")
    with pytest.raises(TypeError):
        phrases.fill("site.name", date="x")  # not a text with placeholders


def test_every_text_with_a_placeholder_is_listed_and_filled_through_fill() -> None:
    """The shipped German texts name exactly the placeholders of ``PLACEHOLDERS`` (check
    would refuse the others), and no module formats a text past ``Phrases.fill``."""
    german = yaml.safe_load((REPO / "data" / "ui" / "de.yaml").read_text(encoding="utf-8"))
    with_braces = {key for key, text in german.items() if "{" in str(text)}
    assert with_braces == set(PLACEHOLDERS)
    unfilled = re.compile(r"""(?:phrases|\bt)\[[^\]]+\]\.format(?:_map)?\(""")
    sources = [*(REPO / "src" / "microsite").rglob("*.py"), *(REPO / "overrides").rglob("*.html")]
    assert [str(p.relative_to(REPO)) for p in sources
            if unfilled.search(p.read_text(encoding="utf-8"))] == []
