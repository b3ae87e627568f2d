"""The editor's guide explains every message, quotes only what the tools print, runs only
commands that exist, stays short and free of merge-conflict markers; its example record is
valid."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from microsite.checks.problems import MESSAGES
from microsite.checks.validation import SiteLanguages, ValidationFailed, load_records_from_text
from projectcopy import copy_project, run_check, run_microsite
from sitebuild import REPO

GUIDE = REPO / "guide" / "redaktion.md"
MESSAGES_GUIDE = REPO / "guide" / "meldungen.md"  # the guide's table of every message

# code -> the words the guide's table quotes from the German message
EXPLAINED = {
    "source_required": "braucht eine Quelle",
    "source_default_missing": "aber die Datei hat keine",
    "source_default_and_own": "übernimmt die Quelle oben in der Datei",
    "source_without_date": "Quelle ohne Datum",
    "status_changed_without_source": "aber keine Quelle ist neuer als vorher",
    "tense_after_end": "der Text sagt aber noch",
    "representative_unconfirmed": "nennt mehr als das Amt",
    "yaml_syntax": "Die Datei ist kein gültiges YAML",
    "duplicate_key": "steht hier zum zweiten Mal",
    "unknown_key": "unbekanntes Feld",
    "missing": "Pflichtfeld",
    "type_number": "muss eine Zahl sein, gefunden",
    "type_integer": "muss eine ganze Zahl sein, gefunden",
    "type_string": "muss ein Text sein, gefunden",
    "type_boolean": "muss true oder false sein, gefunden",
    "type_array": "muss eine Liste sein (Einträge mit „- “ beginnen)",
    "type_object": "muss eine Gruppe von Feldern sein (Feld: Wert)",
    "empty": "darf nicht leer sein",
    "enum": "ist nicht erlaubt; erlaubt:",
    "duplicate_item": "steht zweimal in der Liste",
    "pattern_fingerprint": "ist kein Prüfwert",
    "pattern_id": "ist keine gültige Kennung",
    "pattern_date": "ist kein Datum in der Form JJJJ-MM-TT",
    "pattern_month": "ist kein Datum in der Form JJJJ-MM-TT oder JJJJ-MM",
    "pattern_lang": "ist kein Sprachcode wie de oder en",
    "pattern_currency": "ist kein Währungscode wie EUR",
    "minimum": "darf nicht negativ sein",
    "format_version": "unbekannte Formatversion",
    "invalid": "ungültiger Wert",
    "impossible_date": "gibt es nicht im Kalender",
    "end_before_start": "liegt vor dem Beginn",
    "duplicate_id": "gibt es schon (Zeile",
    "missing_language": "fehlt",
    "unknown_language": "ist für diese Website nicht eingerichtet",
    "bad_url": "ist keine Webadresse",
    "bad_email": "ist keine gültige E-Mail-Adresse",
    "raw_html": "HTML ist hier nicht erlaubt",
    "markup_in_plain": "hier ist nur schlichter Text erlaubt, ohne HTML",
    "id_reserved": "ist für eine Seite der Website reserviert",
    "stale_translation": "der Text wurde geändert, seit die Übersetzung",
    "unreviewed_translation": "ist keine Prüfung vermerkt",
    "pending_translation": "steht noch aus",
    "missing_optional_language": "fehlt noch",
    "fact_missing": "diese Angabe fehlt noch",
    "missing_default_language": "die Hauptsprache der Website ist",
    "pending_default_language": "„pending“ geht nicht für",
    "template_marker": "ist in Texten nicht erlaubt: geschweifte Klammern",
    "german_number": "ist mit Tausenderpunkten geschrieben",
    "status_with_dates": "Status wird aus den Daten abgeleitet; Feld „status“ weglassen",
    "relative_link": "ist keine vollständige Webadresse: Links brauchen",
    "url_without_host": "ist keine vollständige Webadresse: nach https:// fehlt die Domain",
    "former_id_taken": "ist die Kennung eines Eintrags",
    "former_id_own": "ist die eigene Kennung",
    "former_id_twice": "steht schon bei",
    "unknown_fact": "möglich sind nur die Felder in",
    "control_character": "hier steht ein unsichtbares Steuerzeichen",
    "too_deep": "die Datei ist hier zu tief verschachtelt",
    "alias_limit": "erzeugen hier mehr als",
    "alias_loop": "steht in dem Teil, auf den er verweist",
    "too_complex": "die Datei ist zu groß oder zu verschachtelt, um sie zu lesen",
    "not_a_file": "hier steht ein Ordner, wo eine Datei erwartet wird",
    "file_not_readable": "die Datei lässt sich nicht lesen: keine Leseberechtigung",
    "file_error": "die Datei lässt sich nicht lesen (",
    "email_parameters": "enthält nach der Adresse Zusätze mit „?“ oder „&“",
    "too_long": "ist zu lang: höchstens",
    "fact_not_in_text": "sind schlichter Text und stehen nur im Fließtext",
    "doc_link_missing": "führt zu keinem Eintrag",
    "doc_link_unpublished": "der nicht veröffentlicht wird",
    "doc_link_renamed": "nennt die frühere Kennung",
    "doc_link_page_missing": "führt zu keiner Seite",
    "comment_cut": "der Text endet vor „ #“",
    "list_without_block": "sollen wohl eine Liste sein",
    "invisible_character": "hier steht ein unsichtbares Zeichen",
    "stray_nbsp": "hier steht ein geschütztes Leerzeichen (U+00A0) mitten im Text",
    "translation_incomplete": "fehlt, obwohl es „texts.",
    "pending_ignored": "„pending“ wird nicht beachtet",
    "example_record": "das ist der Beispiel-Eintrag aus dem Redaktionsleitfaden",
    "implausible_year": "ist unwahrscheinlich",
    "title_too_long": "der Titel hat",
    "duplicate_title": "hat schon",
    "renamed_without_former_ids": "gibt es nicht mehr",
    "wrong_encoding": "die Datei ist nicht in UTF-8 gespeichert",
    "boolean_as_text": "YAML liest das als Ja/Nein-Wert",
    # issue 16
    "title_far_too_long": "werden nicht veröffentlicht. Kürzen",
    "mixed_script": "stehen Buchstaben verschiedener Schriften",
    "url_userinfo": "führt nicht dorthin, wo es scheint: vor dem „@“ steht ein Name",
    "url_host_not_punycode": "der Rechnername enthält Zeichen außerhalb von A–Z",
    "url_host_mixed_script": "der Rechnername mischt Buchstaben verschiedener Schriften",
    "link_text_other_host": "ist eine Webadresse, der Link führt aber zu",
    "link_outside": "ist eine Verknüpfung (symbolischer Link) auf eine Datei außerhalb des "
    "Projekts",
    "active_file": "darf nicht auf die Website",
    "disguised_file": "ist aber keine",
    "org_url_not_home": "ist nicht die Startseite der Einrichtung",
    "amount_whole_euros": "ist kein Betrag in ganzen Euro",
    "whole_number": "ist keine ganze Zahl",
    "not_canonical": "nicht in der einheitlichen Anordnung",
    "number_as_text": "liest YAML als Zahl, nicht als Text",
    "pasted_bullets": "beginnen mit dem Aufzählungszeichen",
    # data/ui texts the generator fills in
    "ui_placeholder": "kennt das Programm hier nicht. In diesem Text stehen nur diese Platzhalter",
    "ui_placeholder_missing": "fehlt: ohne ihn fehlt die Angabe auf der Seite",
    "ui_braces": "eine geschweifte Klammer steht allein",
}


def test_the_guide_explains_every_message() -> None:
    assert set(EXPLAINED) == set(MESSAGES) - {"did_you_mean"}, "explain new messages in the guide"
    guide = MESSAGES_GUIDE.read_text(encoding="utf-8")
    assert "meldungen.md" in GUIDE.read_text(encoding="utf-8")  # the guide leads there
    for code, words in EXPLAINED.items():
        assert words in MESSAGES[code]["de"], code
        assert words in guide, code


def test_the_guide_explains_the_yaml_details() -> None:
    from microsite.checks.editorial_messages import EDITORIAL_YAML_DETAILS

    guide = MESSAGES_GUIDE.read_text(encoding="utf-8")
    words = {"no space after the colon": "nach dem Doppelpunkt fehlt ein Leerzeichen",
             "a no-break space after the colon": "steht ein geschütztes Leerzeichen",
             "a quote opened here is not closed": "das Anführungszeichen in dieser Zeile",
             "a no-break space in the indentation": "enthält ein geschütztes Leerzeichen",
             "the colon after the field name is missing": "nach dem Feldnamen fehlt der "
                                                          "Doppelpunkt",
             "the indentation is one space off": "um ein Leerzeichen falsch eingerückt"}
    assert set(words) == set(EDITORIAL_YAML_DETAILS)
    for key, phrase in words.items():
        assert phrase in EDITORIAL_YAML_DETAILS[key]["de"] and phrase in guide, key


def test_the_guide_names_the_preview_artifact_and_the_review_command() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert "`vorschau`" in guide and "github.dev" in guide
    assert "./dev review" in guide and "## Wenn die Prüfung rot ist" in guide


def test_the_guides_example_record_is_valid() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    example = next(block for block in blocks if "- id: beispiel-mentoring" in block)
    # published unchanged, it is an error; filled in, it is a valid record
    with pytest.raises(ValidationFailed) as unchanged:
        load_records_from_text(f"format: 1\nrecords:\n{example}", SiteLanguages(("de", "en")),
                               "guide")
    assert [p.code for p in unchanged.value.problems if not p.warning] == ["example_record"]
    filled_in = example.replace("beispiel-mentoring", "mentoring").replace(
        "Mentoring für Neuzugewanderte", "Mentoring in Hannover")
    dataset = load_records_from_text(f"format: 1\nrecords:\n{filled_in}",
                                     SiteLanguages(("de", "en")), "guide")
    [record] = dataset.records
    assert record.funding is not None and record.funding.amount == 20000


def test_readme_and_data_file_point_to_the_guide() -> None:
    assert "guide/redaktion.md" in (REPO / "README.md").read_text(encoding="utf-8")
    assert "guide/redaktion.md" in (REPO / "data" / "projects.yaml").read_text(encoding="utf-8")
    assert not (REPO / "docs" / "redaktion.md").exists()


GUIDES = [REPO / "guide" / name for name in ("redaktion.md", "meldungen.md", "betrieb.md",
                                                 "formular-felder.md")]
_CONFLICT = re.compile(r"^(<{7}|>{7})( |$)|^={7}$", re.M)


def test_no_tracked_text_file_has_merge_conflict_markers() -> None:
    files = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True,
                           check=True).stdout.decode().split("\0")
    found = []
    for name in filter(None, files):
        path = REPO / name
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary files, files deleted in the work tree
        if _CONFLICT.search(text):
            found.append(name)
    assert found == []


def test_the_conflict_marker_test_sees_markers() -> None:
    text = "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> issue-10\n"
    assert len(_CONFLICT.findall(text)) == 3
    assert not _CONFLICT.search("| --- | --- |\n=== Titel ===\n")


def test_the_editors_guide_is_short_german_and_tasks_first() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert len(text.split()) <= 3000
    headings = re.findall(r"^## (.+)$", text, re.M)
    for task in ("Ein Programm hinzufügen", "Ein Programm ändern",
                 "Ein Programm beenden oder zurückziehen", "Ein Programm umbenennen",
                 "Übersetzen", "Rechtliche Angaben in `data/site.yaml`"):
        assert task in headings, task
    assert headings.index("Ein Programm hinzufügen") < headings.index(
        "Was die Meldungen bedeuten")
    # what is for IT lives in betrieb.md
    for it_only in ("OAuth", "Sveltia", "decap-server", "::error"):
        assert it_only not in text, it_only
        assert it_only in (REPO / "guide" / "betrieb.md").read_text(encoding="utf-8")
    assert "mit denselben Worten wie die Prüfung" not in text
    assert "img/" not in text  # no picture that can go out of date unnoticed


def test_every_command_the_guides_quote_exists() -> None:
    dev = (REPO / "dev").read_text(encoding="utf-8")
    dev_commands = set(re.findall(r"^  ([a-z]+)\)", dev, re.M))
    done = run_microsite("--help", cwd=REPO)
    assert done.returncode == 0, done.stderr
    help_text = done.stdout
    for guide in GUIDES:
        text = guide.read_text(encoding="utf-8")
        for command in re.findall(r"\./dev ([a-z]+)", text):
            assert command in dev_commands, (guide.name, command)
        for command in re.findall(r"microsite ([a-z][a-z-]+)", text):
            if command not in ("check", "format", "review", "cms-config", "admin", "edit"):
                continue
            assert command in help_text, (guide.name, command)


def _quoted(pattern: str) -> str:
    """The one line of the guide matching ``pattern``."""
    [line] = [m.group(0) for m in re.finditer(pattern, GUIDE.read_text(encoding="utf-8"),
                                               re.M)]
    return line


def test_the_ok_line_the_guide_quotes_is_what_check_prints(tmp_path: Path) -> None:
    quoted = _quoted(r"OK: \d+ Einträge geprüft\.")
    result = run_check(copy_project(tmp_path / "project"))
    assert result.returncode == 0, result.stderr
    printed = result.stdout.strip().splitlines()[-1]
    assert re.sub(r"\d+", "N", printed) == re.sub(r"\d+", "N", quoted)


def test_the_message_the_guide_shows_is_what_check_prints(tmp_path: Path) -> None:
    quoted = _quoted(r"^data/projects\.yaml, Zeile \d+, Spalte \d+: .*$")
    project = copy_project(tmp_path / "project")
    data = project / "data" / "projects.yaml"
    text = data.read_text(encoding="utf-8")
    assert text.count("      amount: 50000\n") == 1
    data.write_text(text.replace("      amount: 50000\n", "      amount: 50.000 €\n"),
                    encoding="utf-8")
    lines = run_check(project).stderr.splitlines()
    shape = re.escape(re.sub(r"Zeile \d+", "Zeile 0", quoted)).replace("Zeile\\ 0", r"Zeile\ \d+")
    assert any(re.fullmatch(shape, line) for line in lines), (quoted, lines)


def test_the_review_answer_the_guide_quotes_is_what_review_prints(tmp_path: Path) -> None:
    quoted = _quoted(r"data/projects\.yaml: Übersetzung „en“ von „[a-z0-9-]+“ als geprüft "
                     r"vermerkt \(…\)")
    project = copy_project(tmp_path / "project")
    data = project / "data" / "projects.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "summary: Beratung und Qualifizierung", "summary: Persönliche Beratung und "
        "Qualifizierung", 1), encoding="utf-8")
    done = run_microsite("review", "lotse-beruf", "--lang", "en", cwd=project)
    assert done.returncode == 0, done.stderr
    printed = re.sub(r"„[a-z0-9-]+“ als", "„ID“ als", done.stdout.strip())
    printed = re.sub(r"\(.*\)\.$", "(…)", printed)
    assert printed == re.sub(r"„[a-z0-9-]+“ als", "„ID“ als", quoted)


def test_the_form_messages_the_guide_quotes_are_in_the_form() -> None:
    config = (REPO / "admin" / "config.yml").read_text(encoding="utf-8")
    quoted = _quoted(r"„Betrag: Das ist kein Betrag in ganzen Euro …“")
    assert "label: Betrag" in config
    assert "Das ist kein Betrag in ganzen Euro" in config and quoted
