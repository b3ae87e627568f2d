"""The editor's guide explains every message and its example record is valid."""

from __future__ import annotations

import re

import pytest

from microsite.problems import MESSAGES
from microsite.validation import SiteLanguages, ValidationFailed, load_records_from_text
from sitebuild import REPO

GUIDE = REPO / "guide" / "redaktion.md"

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
}


def test_the_guide_explains_every_message() -> None:
    assert set(EXPLAINED) == set(MESSAGES) - {"did_you_mean"}, "explain new messages in the guide"
    guide = GUIDE.read_text(encoding="utf-8")
    for code, words in EXPLAINED.items():
        assert words in MESSAGES[code]["de"], code
        assert words in guide, code


def test_the_guide_explains_the_yaml_details() -> None:
    from microsite.editorial_messages import EDITORIAL_YAML_DETAILS

    guide = GUIDE.read_text(encoding="utf-8")
    words = {"no space after the colon": "nach dem Doppelpunkt fehlt ein Leerzeichen",
             "a no-break space after the colon": "steht ein geschütztes Leerzeichen",
             "a quote opened here is not closed": "das Anführungszeichen in dieser Zeile"}
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
