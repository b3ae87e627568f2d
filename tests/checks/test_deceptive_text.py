"""Text that deceives (issue 16): bidi controls, look-alike letters from another script,
web addresses that lead elsewhere than they seem, link text naming another host, titles far too
long, and CSV cells a spreadsheet would compute. ``check`` refuses each in German at its field;
correct text of the same kinds passes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from microsite.publish.exports.csv_export import guard_cell
from projectcopy import check_in_process, copy_project

EVIL = "https://www.hannover.de@evil.example/"
CYRILLIC_O = "\u043e"


def _link(label: str, url: str) -> list[dict]:
    return [{"label": {"de": label, "en": label}, "url": url}]


def _described(title: str, description: str) -> dict:
    return {"de": {"title": title, "summary": "Ein Satz.", "description": description},
            "en": {"title": title, "summary": "One sentence.", "description": description}}


def _record(record_id: str, *, title: str = "", **extra: object) -> dict:
    return {"id": record_id, "kind": "project",
            "texts": {"de": {"title": title or f"Titel {record_id}", "summary": "Ein Satz."},
                      "en": {"title": f"Title {record_id}", "summary": "One sentence."}},
            **extra}


HOSTILE = [
    _record("mischschrift-titel", title=f"J{CYRILLIC_O}bpilot"),
    _record("mischschrift-name", providers=[{"name": f"Unter einem Dach {CYRILLIC_O}k"[:-2]
                                             + f"D{CYRILLIC_O}ch"}]),
    _record("benutzer-vor-host", links=_link("Stadt", EVIL)),
    _record("host-nicht-punycode", links=_link("Stadt", "https://hannоver.de/")),
    _record("host-gemischt-punycode",
            links=_link("Stadt", "https://xn--hannver-djg.de/")),
    _record("linktext-andere-adresse",
            links=_link("www.hannover.de", "https://evil.example/")),
    _record("markdown-linktext",
            texts=_described("Markdown-Link",
                             "Siehe [https://www.hannover.de/](https://evil.example/).")),
    _record("markdown-benutzer",
            texts=_described("Markdown-Benutzer", f"Siehe [die Stadt]({EVIL}).")),
    _record("riesiger-titel", title="Sehr langer Titel " * 30),
]
FINE = [
    _record("straße-ok".replace("ß", "ss"), title="Straße, Ärger und Öl – «Begegnung»"),
    _record("punycode-ok", links=_link("München", "https://xn--mnchen-3ya.de/")),
    _record("linktext-ok", links=_link("hannover.de", "https://www.hannover.de/x"),
            texts=_described("Linktext in Ordnung",
                             "[www.hannover.de](https://www.hannover.de/)")),
]
EXPECTED = {
    "mischschrift-titel": ("texts.de.title", f"im Wort „J{CYRILLIC_O}bpilot“ stehen Buchstaben "
                           "verschiedener Schriften"),
    "mischschrift-name": ("providers[0].name", f"im Wort „D{CYRILLIC_O}ch“ stehen Buchstaben"),
    "benutzer-vor-host": ("links[0].url", f"„{EVIL}“ führt nicht dorthin, wo es scheint"),
    "host-nicht-punycode": ("links[0].url", "der Rechnername enthält Zeichen außerhalb von A–Z"),
    "host-gemischt-punycode": ("links[0].url", "der Rechnername mischt Buchstaben"),
    "linktext-andere-adresse": ("links[0].label.de", "der Linktext „www.hannover.de“ ist eine "
                                "Webadresse, der Link führt aber zu evil.example"),
    "markdown-linktext": ("texts.de.description", "der Linktext „https://www.hannover.de/“ ist "
                          "eine Webadresse, der Link führt aber zu evil.example"),
    "markdown-benutzer": ("texts.de.description", "führt nicht dorthin, wo es scheint"),
    "riesiger-titel": ("texts.de.title", "der Titel hat 539 Zeichen; mehr als 300 werden nicht "
                       "veröffentlicht"),
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = copy_project(tmp_path_factory.mktemp("deceptive") / "project",
                           edit_records=lambda records: records.extend(HOSTILE + FINE))
    result = check_in_process(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("record_id", sorted(EXPECTED))
def test_deceptive_text_is_refused_at_its_field(checked: str, record_id: str) -> None:
    field, message = EXPECTED[record_id]
    lines = [line for line in checked.splitlines() if f"„{record_id}“" in line]
    assert any(f"Feld „{field}“" in line and message in line and "Hinweis" not in line
               for line in lines), "\n".join(lines) or checked


def test_correct_text_of_the_same_kinds_passes(checked: str) -> None:
    for record in FINE:
        found = [line for line in checked.splitlines() if f"„{record['id']}“" in line
                 and "keine Prüfung vermerkt" not in line  # (an unreviewed translation)
                 and "fehlt noch" not in line]  # (an optional language left out)
        assert found == [], found


@pytest.mark.parametrize(("text", "char"), [
    ("title: \"Jobpilot \u202e1234\"", "U+202E"),
    ("phone: \"+49 511 \\u2066168-0\\u2069\"", "U+2066"),
])
def test_bidi_controls_are_refused(tmp_path: Path, text: str, char: str) -> None:
    project = copy_project(tmp_path / "project")
    data_file = project / "data" / "projects.yaml"
    lines = data_file.read_text(encoding="utf-8").splitlines(keepends=True)
    kind = next(i for i, line in enumerate(lines) if re.match(r"^    kind: ", line))
    key = text.split(":", 1)[0]
    if key == "title":
        title = next(i for i, line in enumerate(lines) if re.match(r"^        title: ", line))
        lines[title] = "        " + text + "\n"
        line = title + 1
    else:
        lines.insert(kind + 1, "    contact: {" + text + "}\n")
        line = kind + 2
    data_file.write_text("".join(lines), encoding="utf-8")
    result = check_in_process(project)
    assert result.returncode == 1
    assert re.search(rf"data/projects.yaml, Zeile {line}, Spalte \d+: .*unsichtbares "
                     rf"Steuerzeichen \({re.escape(char)}\)", result.stderr), result.stderr


def test_a_bidi_control_in_a_hand_written_page_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = next(iter(sorted((project / "docs" / "de").glob("*.md"))))
    page.write_text(page.read_text(encoding="utf-8") + "\nTelefon: +49 511 \u202e0861\n",
                    encoding="utf-8")
    lines = page.read_text(encoding="utf-8").count("\n")
    result = check_in_process(project)
    assert result.returncode == 1
    shown = page.relative_to(project).as_posix()
    assert f"{shown}, Zeile {lines}, Spalte 18: hier steht ein unsichtbares Steuerzeichen " \
        "(U+202E)" in result.stderr, result.stderr


def test_an_id_in_another_script_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", edit_records=lambda records: records.append(
        _record(f"j{CYRILLIC_O}bpilot")))
    result = check_in_process(project)
    assert result.returncode == 1
    assert f"„j{CYRILLIC_O}bpilot“ ist keine gültige Kennung" in result.stderr, result.stderr


@pytest.mark.parametrize(("cell", "guarded"), [
    ("+49-511-168", True), ("+49/511/168", True), ("-511-168", True),
    ("+49 511 168-12345", False), ("+49 (0)511 168-0", False), ("0511 168-0", False),
])
def test_csv_cells_a_spreadsheet_would_compute_are_guarded(cell: str, guarded: bool) -> None:
    assert guard_cell(cell) == ("'" + cell if guarded else cell)
