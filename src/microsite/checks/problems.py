"""A problem found in an editor's file, and how it reads in German or English."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError

from microsite.checks.editorial_messages import EDITORIAL_MESSAGES, EDITORIAL_YAML_DETAILS

# Each message exists in every language we report in; {placeholders} come from Problem.params.
MESSAGES: dict[str, dict[str, str]] = {
    "yaml_syntax": {
        "de": "Die Datei ist kein gültiges YAML: {detail}",
        "en": "the file is not valid YAML: {detail}",
    },
    "duplicate_key": {
        "de": "der Schlüssel „{key}“ steht hier zum zweiten Mal",
        "en": "the key “{key}” appears here a second time",
    },
    "unknown_key": {
        "de": "unbekanntes Feld „{key}“{hint}",
        "en": "unknown field “{key}”{hint}",
    },
    "did_you_mean": {
        "de": " – meinten Sie „{suggestion}“?",
        "en": " – did you mean “{suggestion}”?",
    },
    "missing": {"de": "Pflichtfeld „{key}“ fehlt", "en": "required field “{key}” is missing"},
    "type_number": {
        "de": "muss eine Zahl sein, gefunden „{found}“",
        "en": "must be a number, found “{found}”",
    },
    "type_integer": {
        "de": "muss eine ganze Zahl sein, gefunden „{found}“",
        "en": "must be a whole number, found “{found}”",
    },
    "type_string": {
        "de": "muss ein Text sein, gefunden „{found}“",
        "en": "must be text, found “{found}”",
    },
    "type_boolean": {
        "de": "muss true oder false sein, gefunden „{found}“",
        "en": "must be true or false, found “{found}”",
    },
    "type_array": {
        "de": "muss eine Liste sein (Einträge mit „- “ beginnen)",
        "en": "must be a list (entries start with “- ”)",
    },
    "type_object": {
        "de": "muss eine Gruppe von Feldern sein (Feld: Wert)",
        "en": "must be a group of fields (field: value)",
    },
    "empty": {"de": "darf nicht leer sein", "en": "must not be empty"},
    "enum": {
        "de": "„{found}“ ist nicht erlaubt; erlaubt: {allowed}{hint}",
        "en": "“{found}” is not allowed; allowed: {allowed}{hint}",
    },
    "duplicate_item": {
        "de": "„{found}“ steht zweimal in der Liste; einmal genügt",
        "en": "“{found}” is in the list twice; once is enough",
    },
    "pattern_fingerprint": {
        "de": "„{found}“ ist kein Prüfwert: 8 Zeichen aus 0–9 und a–f, wie ihn "
        "„microsite check“ ausgibt",
        "en": "“{found}” is not a fingerprint: 8 characters from 0–9 and a–f, as printed by "
        "“microsite check”",
    },
    "pattern_id": {
        "de": "„{found}“ ist keine gültige Kennung: nur Kleinbuchstaben a–z, Ziffern und "
        "Bindestriche",
        "en": "“{found}” is not a valid id: only lower-case a–z, digits and hyphens",
    },
    "pattern_date": {
        "de": "„{found}“ ist kein Datum in der Form JJJJ-MM-TT",
        "en": "“{found}” is not a date of the form YYYY-MM-DD",
    },
    "pattern_month": {
        "de": "„{found}“ ist kein Datum in der Form JJJJ-MM-TT oder JJJJ-MM",
        "en": "“{found}” is not a date of the form YYYY-MM-DD or YYYY-MM",
    },
    "pattern_lang": {
        "de": "„{found}“ ist kein Sprachcode wie de oder en",
        "en": "“{found}” is not a language code such as de or en",
    },
    "pattern_currency": {
        "de": "„{found}“ ist kein Währungscode wie EUR",
        "en": "“{found}” is not a currency code such as EUR",
    },
    "minimum": {"de": "darf nicht negativ sein", "en": "must not be negative"},
    "format_version": {
        "de": "unbekannte Formatversion „{found}“; erwartet {expected}",
        "en": "unknown format version “{found}”; expected {expected}",
    },
    "invalid": {"de": "ungültiger Wert „{found}“", "en": "invalid value “{found}”"},
    "impossible_date": {
        "de": "„{found}“ gibt es nicht im Kalender",
        "en": "“{found}” does not exist in the calendar",
    },
    "end_before_start": {
        "de": "das Ende ({end}) liegt vor dem Beginn ({start})",
        "en": "the end ({end}) is before the start ({start})",
    },
    "duplicate_id": {
        "de": "die Kennung „{found}“ gibt es schon (Zeile {other_line})",
        "en": "the id “{found}” is already used (line {other_line})",
    },
    "missing_language": {
        "de": "der Text auf {language} fehlt. Tragen Sie ihn ein oder setzen Sie "
        "„translation: {{{lang}: pending}}“",
        "en": "the {language} text is missing. Add it or set “translation: {{{lang}: pending}}”",
    },
    "unknown_language": {
        "de": "die Sprache „{found}“ ist für diese Website nicht eingerichtet; "
        "eingerichtet: {allowed}",
        "en": "the language “{found}” is not configured for this site; configured: {allowed}",
    },
    "bad_url": {
        "de": "„{found}“ ist keine Webadresse: erlaubt sind nur Adressen mit https:// oder http://",
        "en": "“{found}” is not a web address: only https:// or http:// addresses are allowed",
    },
    "bad_email": {
        "de": "„{found}“ ist keine gültige E-Mail-Adresse",
        "en": "“{found}” is not a valid e-mail address",
    },
    "raw_html": {
        "de": "HTML ist hier nicht erlaubt („{found}“). Nutzen Sie Markdown, z. B. **fett**",
        "en": "HTML is not allowed here (“{found}”). Use Markdown, e.g. **bold**",
    },
    "markup_in_plain": {
        "de": "hier ist nur schlichter Text erlaubt, ohne HTML („{found}“): direkt nach „<“ "
        "darf kein Buchstabe, „/“, „!“ oder „?“ stehen. Entfernen Sie die spitzen Klammern "
        "oder schreiben Sie ein Leerzeichen nach „<“ (z. B. „< 25 Jahre“)",
        "en": "only plain text is allowed here, no HTML (“{found}”): “<” must not be followed "
        "directly by a letter, “/”, “!” or “?”. Remove the angle brackets or put a space after "
        "“<” (e.g. “< 25 years”)",
    },
    "id_reserved": {
        "de": "die Kennung „{found}“ ist für eine Seite der Website reserviert",
        "en": "the id “{found}” is reserved for a page of the site",
    },
    "stale_translation": {
        "de": "der Text wurde geändert, seit die Übersetzung ({language}) zuletzt geprüft wurde. "
        "Prüfen Sie „texts.{lang}.{key}“ und tragen Sie danach bei "
        "„translation.{lang}.reviewed.{key}“ den Wert {current} ein",
        "en": "the text changed after the {language} translation was last reviewed. Check "
        "“texts.{lang}.{key}” and then set “translation.{lang}.reviewed.{key}” to {current}",
    },
    "unreviewed_translation": {
        "de": "für die Übersetzung ({language}) ist keine Prüfung vermerkt, veraltete "
        "Übersetzungen fallen so nicht auf. Nach der Prüfung eintragen: "
        "„translation: {{{lang}: {{reviewed: {reviewed}}}}}“",
        "en": "no review is recorded for the {language} translation, so a stale translation "
        "would go unnoticed. After reviewing, add "
        "“translation: {{{lang}: {{reviewed: {reviewed}}}}}”",
    },
    "missing_optional_language": {
        "de": "der Text auf {language} fehlt noch; die Seite zeigt bis dahin den Text auf "
        "{default_language} mit einem Hinweis. Übersetzung unter „texts.{lang}“ ergänzen",
        "en": "the {language} text is still missing; until it is added, the page shows the "
        "{default_language} text with a notice. Add the translation under “texts.{lang}”",
    },
    "pending_translation": {
        "de": "Übersetzung ({language}) steht noch aus; die Seite zeigt den Text auf "
        "{default_language}",
        "en": "translation ({language}) is pending; the page shows the {default_language} text",
    },
    "missing_default_language": {
        "de": "der Text auf {language} fehlt; er ist Pflicht, weil {language} die Hauptsprache "
        "der Website ist",
        "en": "the {language} text is missing; it is required because {language} is the "
        "site's main language",
    },
    "pending_default_language": {
        "de": "„pending“ geht nicht für {language}, die Hauptsprache der Website: aus ihr wird "
        "übersetzt. Tragen Sie den Text unter „texts.{lang}“ ein und entfernen Sie diese Zeile",
        "en": "“pending” is not possible for {language}, the site's main language: it is "
        "translated from. Add the text under “texts.{lang}” and remove this line",
    },
    "template_marker": {
        "de": "„{found}“ ist in Texten nicht erlaubt: geschweifte Klammern wie diese sind "
        "Platzhalter der Seitenvorlagen. Bitte entfernen",
        "en": "“{found}” is not allowed in texts: curly brackets like these are placeholders "
        "of the page templates. Please remove them",
    },
    "ui_placeholder": {
        "de": "„{found}“ kennt das Programm hier nicht. In diesem Text stehen nur diese "
        "Platzhalter, genau so geschrieben: {expected}",
        "en": "“{found}” is not known here. This text takes only these placeholders, written "
        "exactly so: {expected}",
    },
    "ui_placeholder_missing": {
        "de": "der Platzhalter „{found}“ fehlt: ohne ihn fehlt die Angabe auf der Seite. "
        "Bitte wieder einfügen",
        "en": "the placeholder “{found}” is missing: without it the page leaves the fact out. "
        "Please put it back",
    },
    "ui_braces": {
        "de": "eine geschweifte Klammer steht allein. In diesem Text stehen nur diese "
        "Platzhalter: {expected}; eine Klammer als Zeichen wird doppelt geschrieben: {{{{ }}}}",
        "en": "a curly bracket stands alone. This text takes only these placeholders: "
        "{expected}; a bracket as a character is written twice: {{{{ }}}}",
    },
    "german_number": {
        "de": "„{found}“ ist mit Tausenderpunkten geschrieben, so liest YAML die Zahl falsch. "
        "Tausenderpunkte weglassen: {suggestion}",
        "en": "“{found}” is written with thousands separators, which YAML reads as a different "
        "number. Leave them out: {suggestion}",
    },
    "amount_whole_euros": {
        "de": "„{found}“ ist kein Betrag in ganzen Euro. Den Betrag nur mit Ziffern schreiben, "
        "ohne Cent, z. B. 50000 für 50.000 €",
        "en": "“{found}” is not an amount in whole euros. Write the amount in digits only, "
        "without cents, e.g. 50000 for €50,000",
    },
    "whole_number": {
        "de": "„{found}“ ist keine ganze Zahl. Nur Ziffern schreiben, z. B. 1200",
        "en": "“{found}” is not a whole number. Write digits only, e.g. 1200",
    },
    "not_canonical": {
        "de": "die Datei ist nicht in der einheitlichen Anordnung, in der das Formular sie "
        "speichert (ab dieser Zeile weicht sie ab); die nächste Speicherung im Formular würde "
        "auch Zeilen anderer Einträge ändern. Beheben mit: ./dev format",
        "en": "the file is not in the one layout the form saves it in (it differs from this "
        "line on); the next save in the form would also change lines of other records. Fix "
        "with: ./dev format",
    },
    "status_with_dates": {
        "de": "Status wird aus den Daten abgeleitet; Feld „status“ weglassen",
        "en": "the status is derived from the dates; leave out the field “status”",
    },
    "relative_link": {
        "de": "„{found}“ ist keine vollständige Webadresse: Links brauchen eine Adresse mit "
        "https:// und Domain (oder mailto: für E-Mail); kurze Adressen wie „/impressum/“ "
        "führen auf der Website ins Leere",
        "en": "“{found}” is not a complete web address: links need an address with https:// "
        "and a domain (or mailto: for e-mail); short addresses such as “/impressum/” lead "
        "nowhere on the site",
    },
    "org_url_not_home": {
        "de": "„{found}“ ist nicht die Startseite der Einrichtung: hier steht nur die Adresse "
        "ihrer Startseite mit https://, ohne Pfad, z. B. https://www.arbeitsagentur.de/ "
        "(Unterseiten ändern sich, ohne dass wir es merken)",
        "en": "“{found}” is not the organisation's home page: only its home page with https://, "
        "without a path, e.g. https://www.arbeitsagentur.de/ (deeper pages change unnoticed)",
    },
    "url_without_host": {
        "de": "„{found}“ ist keine vollständige Webadresse: nach https:// fehlt die Domain, "
        "z. B. https://www.hannover.de/",
        "en": "“{found}” is not a complete web address: the domain after https:// is missing, "
        "e.g. https://www.hannover.de/",
    },
    "former_id_taken": {
        "de": "die frühere Kennung „{found}“ ist die Kennung eines Eintrags (Zeile {other_line}); "
        "aus „former_ids“ entfernen",
        "en": "the former id “{found}” is the id of a record (line {other_line}); remove it "
        "from “former_ids”",
    },
    "former_id_own": {
        "de": "die frühere Kennung „{found}“ ist die eigene Kennung dieses Eintrags; aus "
        "„former_ids“ entfernen",
        "en": "the former id “{found}” is this record's own id; remove it from “former_ids”",
    },
    "former_id_twice": {
        "de": "die frühere Kennung „{found}“ steht schon bei „{other}“ (Zeile {other_line}); "
        "eine alte Adresse kann nur zu einem Eintrag weiterleiten",
        "en": "the former id “{found}” is already listed for “{other}” (line {other_line}); an "
        "old address can only redirect to one record",
    },
    "unknown_fact": {
        "de": "unbekannte Angabe „{found}“; möglich sind nur die Felder in {facts_file}{hint}",
        "en": "unknown fact “{found}”; only the fields in {facts_file} can be used{hint}",
    },
    "fact_not_in_text": {
        "de": "die Angabe „{found}“ steht {where}; Angaben aus {facts_file} sind schlichter Text "
        "und stehen nur im Fließtext",
        "en": "the fact “{found}” stands {where}; facts from {facts_file} are plain text and "
        "belong in the running text only",
    },
    "fact_missing": {
        "de": "diese Angabe fehlt noch; die Seiten zeigen an ihrer Stelle eine Markierung",
        "en": "this fact is still missing; the pages show a marker in its place",
    },
    # input hygiene (issue 9): files a careless paste or an attacker could produce
    "control_character": {
        "de": "hier steht ein unsichtbares Steuerzeichen ({char}), das in Texten nicht erlaubt "
        "ist. Löschen Sie es (es kommt oft beim Kopieren aus PDF oder Word mit) – oder die "
        "Schreibweise mit \\ in Anführungszeichen, die es erzeugt",
        "en": "there is an invisible control character here ({char}), which texts must not "
        "contain. Delete it (it often comes along when copying from PDF or Word) – or the "
        "escape with \\ in quotes that produces it",
    },
    "too_deep": {
        "de": "die Datei ist hier zu tief verschachtelt (mehr als {limit} Ebenen aus Einrückung "
        "oder Klammern); so tief ist kein Eintrag aufgebaut. Einrückung und Klammern prüfen",
        "en": "the file is nested too deeply here (more than {limit} levels of indentation or "
        "brackets); no record is that deep. Check the indentation and brackets",
    },
    "alias_limit": {
        "de": "die Verweise mit „*“ erzeugen hier mehr als {limit} Werte. Verweise (*name) und "
        "Anker (&name) bitte nicht verwenden, sondern die Angaben ausschreiben",
        "en": "the references with “*” produce more than {limit} values here. Do not use "
        "references (*name) and anchors (&name); write the values out",
    },
    "alias_loop": {
        "de": "der Verweis „*{name}“ steht in dem Teil, auf den er verweist, und würde sich "
        "endlos wiederholen. Verweise (*name) und Anker (&name) bitte nicht verwenden",
        "en": "the reference “*{name}” stands inside the part it refers to and would repeat "
        "endlessly. Do not use references (*name) and anchors (&name)",
    },
    "too_complex": {
        "de": "die Datei ist zu groß oder zu verschachtelt, um sie zu lesen",
        "en": "the file is too large or too deeply nested to be read",
    },
    "not_a_file": {
        "de": "hier steht ein Ordner, wo eine Datei erwartet wird",
        "en": "this is a folder where a file is expected",
    },
    "file_not_readable": {
        "de": "die Datei lässt sich nicht lesen: keine Leseberechtigung",
        "en": "the file cannot be read: no permission to read it",
    },
    "file_error": {
        "de": "die Datei lässt sich nicht lesen ({detail})",
        "en": "the file cannot be read ({detail})",
    },
    "email_parameters": {
        "de": "„{found}“ enthält nach der Adresse Zusätze mit „?“ oder „&“ (etwa eine versteckte "
        "Kopie an eine weitere Adresse). Nur die E-Mail-Adresse eintragen",
        "en": "“{found}” has additions with “?” or “&” after the address (such as a hidden "
        "copy to another address). Enter the e-mail address only",
    },
    "too_long": {
        "de": "„{found}“ ist zu lang: höchstens {limit} Zeichen",
        "en": "“{found}” is too long: at most {limit} characters",
    },
    # deceptive text (issue 16)
    "url_userinfo": {
        "de": "„{found}“ führt nicht dorthin, wo es scheint: vor dem „@“ steht ein Name, die "
        "Adresse führt zu dem Rechner dahinter. Die Webadresse ohne „…@“ eintragen",
        "en": "“{found}” does not lead where it seems: before the “@” there is a name, the "
        "address leads to the host after it. Enter the web address without “…@”",
    },
    "url_host_not_punycode": {
        "de": "„{found}“: der Rechnername enthält Zeichen außerhalb von A–Z, die wie andere "
        "aussehen können. Schreiben Sie ihn in der Form „xn--…“ (Punycode), wie ihn der "
        "Browser in der Adresszeile zeigt",
        "en": "“{found}”: the host name has characters outside A–Z that can look like others. "
        "Write it in the “xn--…” form (punycode), as the browser's address bar shows it",
    },
    "url_host_mixed_script": {
        "de": "„{found}“: der Rechnername mischt Buchstaben verschiedener Schriften (etwa ein "
        "kyrillisches „о“ in lateinischem Wort) und täuscht so eine andere Adresse vor",
        "en": "“{found}”: the host name mixes letters of different scripts (such as a Cyrillic "
        "“о” in a Latin word) and so pretends to be another address",
    },
    "link_text_other_host": {
        "de": "der Linktext „{found}“ ist eine Webadresse, der Link führt aber zu {host}. "
        "Schreiben Sie als Linktext einen Namen oder die Adresse, zu der er führt",
        "en": "the link text “{found}” is a web address, but the link leads to {host}. Use a "
        "name as link text, or the address it leads to",
    },
    "mixed_script": {
        "de": "im Wort „{found}“ stehen Buchstaben verschiedener Schriften (etwa ein "
        "kyrillisches „о“ zwischen lateinischen), die gleich aussehen. Tippen Sie das Wort neu",
        "en": "the word “{found}” mixes letters of different scripts (such as a Cyrillic “о” "
        "among Latin ones) that look alike. Type the word again",
    },
    "title_far_too_long": {
        "de": "der Titel hat {length} Zeichen; mehr als {limit} werden nicht veröffentlicht. "
        "Kürzen und Näheres in „summary“ schreiben",
        "en": "the title has {length} characters; more than {limit} are not published. "
        "Shorten it and put details in “summary”",
    },
    # files an editor's tool or a link could add (issue 16): never published
    "link_outside": {
        "de": "„{found}“ ist eine Verknüpfung (symbolischer Link) auf eine Datei außerhalb des "
        "Projekts; sie wird weder gelesen noch veröffentlicht. Legen Sie die Datei selbst hier "
        "ab",
        "en": "“{found}” is a link (symbolic link) to a file outside the project; it is neither "
        "read nor published. Put the file itself here",
    },
    "active_file": {
        "de": "die Datei „{found}“ darf nicht auf die Website: Dateien dieser Art (etwa .html, "
        ".svg, .js, .md) können dort Programme ausführen oder zu Seiten werden. Erlaubt sind "
        "hier nur Bilder (PNG, JPEG, GIF, WebP), PDF und Schriften. Löschen Sie die Datei",
        "en": "the file “{found}” must not go on the site: files of this kind (such as .html, "
        ".svg, .js, .md) can run programs there or become pages. Only images (PNG, JPEG, GIF, "
        "WebP), PDF and fonts are allowed here. Delete the file",
    },
    "disguised_file": {
        "de": "die Datei „{found}“ heißt wie eine {kind}-Datei, ist aber keine. Sie wird nicht "
        "veröffentlicht; löschen Sie sie oder ersetzen Sie sie durch eine echte {kind}-Datei",
        "en": "the file “{found}” is named like a {kind} file but is none. It is not published; "
        "delete it or replace it with a real {kind} file",
    },
}

MESSAGES.update(EDITORIAL_MESSAGES)

_QUOTE_IT_DE = "Setzen Sie den ganzen Text in Anführungszeichen: \"…\""
_QUOTE_IT_EN = "Put the whole text in quotes: \"…\""

# libyaml's usual complaints, said plainly; others are shown as libyaml words them
YAML_DETAILS: dict[str, dict[str, str]] = {
    "found a tab character": {
        "de": "hier steht ein Tabulator; bitte nur Leerzeichen zum Einrücken verwenden",
        "en": "there is a tab here; indent with spaces only",
    },
    "found character '\\t'": {
        "de": "hier steht ein Tabulator; bitte nur Leerzeichen zum Einrücken verwenden",
        "en": "there is a tab here; indent with spaces only",
    },
    "could not find expected ':'": {
        "de": "hier fehlt ein Doppelpunkt mit Leerzeichen danach („feld: wert“)",
        "en": "a colon followed by a space is missing (“field: value”)",
    },
    "mapping values are not allowed": {
        "de": "ein Doppelpunkt mit Leerzeichen steht an einer Stelle, an der kein neues Feld "
        "beginnen kann: Text mit „: “ in Anführungszeichen setzen oder die Einrückung prüfen",
        "en": "a colon and space where no new field can start: put text containing “: ” in "
        "quotes, or check the indentation",
    },
    "did not find expected '-' indicator": {
        "de": "die Einrückung passt nicht zur Liste darüber",
        "en": "the indentation does not match the list above",
    },
    "did not find expected key": {
        "de": "die Einrückung passt nicht zu den Zeilen darüber, oder ein Anführungszeichen "
        "weiter oben ist nicht geschlossen",
        "en": "the indentation does not match the lines above, or a quote further up is not "
        "closed",
    },
    "did not find expected ',' or '}'": {
        "de": "eine geschweifte Klammer „{“ wird nicht geschlossen, oder ein Komma fehlt",
        "en": "a curly bracket “{” is not closed, or a comma is missing",
    },
    "did not find expected ',' or ']'": {
        "de": "eine eckige Klammer „[“ wird nicht geschlossen, oder ein Komma fehlt",
        "en": "a square bracket “[” is not closed, or a comma is missing",
    },
    "a value starts with '- '": {
        "de": "der Wert beginnt mit „- “, das in YAML einen Listeneintrag einleitet. "
        + _QUOTE_IT_DE,
        "en": "the value starts with “- ”, which starts a list entry in YAML. " + _QUOTE_IT_EN,
    },
    **{f"a value starts with '{char}'": {
        "de": f"der Wert beginnt mit „{char}“, das in YAML eine besondere Bedeutung hat. "
        + _QUOTE_IT_DE,
        "en": f"the value starts with “{char}”, which has a special meaning in YAML. "
        + _QUOTE_IT_EN,
    } for char in "*@`%!&"},
    "a quoted value is followed by more text": {
        "de": "nach dem schließenden Anführungszeichen geht der Text weiter. Setzen Sie den "
        "ganzen Text in andere Anführungszeichen, z. B. '\"Beratung\" und mehr'",
        "en": "the text goes on after the closing quote. Put the whole text in the other kind "
        "of quotes, e.g. '\"Counselling\" and more'",
    },
    "found unexpected end of stream": {
        "de": "die Datei endet mitten in einem Text: ein Anführungszeichen wird nicht geschlossen",
        "en": "the file ends inside a text: a quote is not closed",
    },
}

YAML_DETAILS.update(EDITORIAL_YAML_DETAILS)


def yaml_detail(problem: str, lang: str) -> str:
    """libyaml's complaint in the editor's language where we know it."""
    problem, _, typed = problem.partition("\x00")  # yaml_mistakes.TYPED
    quote = ""
    if typed:
        quote = f" (in der Zeile steht „{typed}“)" if lang == "de" else (
            f" (the line reads “{typed}”)")
    for start, texts in YAML_DETAILS.items():
        if problem.startswith(start):
            return texts[lang] + quote
    return problem + quote


LOCATION = {
    "de": "{file}, Zeile {line}, Spalte {column}",
    "en": "{file}, line {line}, column {column}",
}
SUBJECT = {
    "de": "{kind} „{id}“",
    "en": "{kind} “{id}”",
}
FIELD = {"de": "Feld „{field}“", "en": "field “{field}”"}
KIND_NAMES = {
    "de": {"project": "Projekt", "programme": "Programm", "service": "Angebot",
           "strategy": "Strategie", "event": "Veranstaltung", None: "Eintrag"},
    "en": {"project": "Project", "programme": "Programme", "service": "Service",
           "strategy": "Strategy", "event": "Event", None: "Record"},
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or, with ``warning``, worth a look) in a data file."""

    file: str
    line: int
    column: int
    code: str
    field: str = ""
    record_id: str | None = None
    record_kind: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    warning: bool = False

    def message(self, lang: str = "de") -> str:
        """The plain sentence for an editor, e.g. ``data/p.yaml, Zeile 4, Spalte 3: …``."""
        lang = lang if lang in LOCATION else "en"
        location = LOCATION[lang].format(file=self.file, line=self.line, column=self.column)
        parts = []
        if self.record_id is not None:
            kind = KIND_NAMES[lang].get(self.record_kind, KIND_NAMES[lang][None])
            parts.append(SUBJECT[lang].format(kind=kind, id=self.record_id))
        if self.field:
            parts.append(FIELD[lang].format(field=self.field))
        params = {key: value[lang] if isinstance(value, dict) and lang in value else value
                  for key, value in self.params.items()}  # a phrase given per language
        if self.code in ("unknown_key", "enum", "unknown_fact", "doc_link_missing"):
            suggestion = params.get("suggestion")
            params["hint"] = (
                MESSAGES["did_you_mean"][lang].format(suggestion=suggestion) if suggestion else ""
            )
        if self.code == "yaml_syntax" and "detail" in params:
            params["detail"] = yaml_detail(str(params["detail"]), lang)
        for key in ("lang", "default_lang"):
            if key in params:
                params[key.replace("lang", "language")] = language_name(params[key], lang)
        text = MESSAGES[self.code][lang].format(**params)
        return ": ".join([location, *([", ".join(parts)] if parts else []), text])


def language_name(code: str, in_lang: str) -> str:
    """``en`` as "Englisch" in German, "English" in English; the code where Babel has no name."""
    try:
        return Locale.parse(in_lang).languages.get(code.split("-")[0], code)
    except (ValueError, UnknownLocaleError):
        return code
