"""Editors' typical mistakes, as edits of the sample project's records
(``tests/fixtures/sample/data/projects.yaml``).

Each case changes that file the way an editor might, and says what the report must contain
and on which line (found by a piece of text on that line, so the cases survive edits of the
data). Used by ``test_bad_input.py`` for both ``microsite check`` and ``mkdocs build``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LOTSE_STATUS = "stated.\n    status: running\n"
LOTSE = "  - id: lotse-beruf\n    kind: programme\n"
LOTSE_FUNDING = "    funding:\n      funders:\n        - name: Beispielwerke Hannover\n"
LOTSE_DE_TITLE = "        title: Lotse Beruf\n        summary: Beratung"
LOTSE_EN_TITLE = "        title: Lotse Beruf\n        title_lang: de"
LOTSE_DESCRIPTION = (
    "          nachhaltige und langfristige berufliche Perspektive entwickeln können.\n"
)
SELBST_PERIOD = "    period: {start: 2024-09, end: 2025-08}\n"
SELBST_AMOUNT = "      amount: 50000\n"
LOTSE_RESULT = "          de: Praktika bei der Stadtverwaltung\n"
# the German texts of Lotse, up to its English ones
LOTSE_DE_TEXTS = r"(    texts:\n)      de:\n        title: Lotse Beruf\n.*?(?=      en:\n)"
LOTSE_REVIEWED = r"      en: \{reviewed: \{title: 685cb6a9[^\n]*\n"
YAML_SPECIAL = "Die Datei ist kein gültiges YAML: der Wert beginnt mit „{}“"


@dataclass(frozen=True)
class BadInput:
    name: str
    old: str  # text of the real file (must occur once) ...
    new: str  # ... and what the editor made of it
    message: str  # must appear in the report (German), after "Zeile <line>, Spalte <n>: "
    line_of: str  # text on the line the report must name (first occurrence after the edit)
    regex: bool = False  # ``old`` is a regular expression (for removing a whole block)

    def apply(self, text: str) -> str:
        if self.regex:
            edited, count = re.subn(self.old, self.new, text, count=1, flags=re.DOTALL)
            assert count == 1, f"{self.name}: pattern not found in the data"
            return edited
        assert text.count(self.old) == 1, f"{self.name}: anchor not unique in the data"
        return text.replace(self.old, self.new)

    def expected_line(self, text: str) -> int:
        """The 1-based line of ``line_of`` in the edited text."""
        edited = self.apply(text)
        index = edited.index(self.line_of)
        return edited.count("\n", 0, index) + 1


def _after(anchor: str, insert: str) -> tuple[str, str]:
    return anchor, anchor + insert


CASES = [
    BadInput(
        "yaml-syntax", LOTSE_STATUS, LOTSE_STATUS.replace("    status", "   status"),
        "Die Datei ist kein gültiges YAML: diese Zeile ist um ein Leerzeichen falsch eingerückt",
        "   status: running\n    funding",
    ),
    BadInput(
        "yaml-tab", LOTSE, LOTSE.replace("    kind:", "\tkind:"),
        "Die Datei ist kein gültiges YAML: hier steht ein Tabulator", "\tkind: programme",
    ),
    BadInput(
        "yaml-no-space-after-colon", LOTSE, LOTSE.replace("kind: ", "kind:"),
        "Die Datei ist kein gültiges YAML: nach dem Doppelpunkt fehlt ein Leerzeichen",
        "kind:programme",
    ),
    BadInput(
        "yaml-colon-in-text", LOTSE_DE_TITLE,
        LOTSE_DE_TITLE.replace("Lotse Beruf", "Lotse: 360 Grad"),
        "Die Datei ist kein gültiges YAML: ein Doppelpunkt mit Leerzeichen steht an einer "
        "Stelle", "title: Lotse: 360",
    ),
    BadInput(
        "yaml-unclosed-bracket", SELBST_PERIOD, SELBST_PERIOD.replace("2025-08}", "2025-08"),
        "Die Datei ist kein gültiges YAML: eine geschweifte Klammer „{“ wird nicht geschlossen",
        "period: {start: 2024-09, end: 2025-08\n",
    ),
    BadInput(
        "duplicate-key", *_after(LOTSE, "    kind: project\n"),
        "der Schlüssel „kind“ steht hier zum zweiten Mal",
        "kind: project\n    # Only the start",
    ),
    BadInput(
        "unknown-key-with-suggestion", LOTSE_FUNDING,
        LOTSE_FUNDING.replace("funding:", "fundig:"),
        "Programm „lotse-beruf“, Feld „fundig“: unbekanntes Feld „fundig“ – meinten Sie "
        "„funding“?", "    fundig:",
    ),
    BadInput(
        "missing-required-field", LOTSE, "  - id: lotse-beruf\n",
        "Eintrag „lotse-beruf“: Pflichtfeld „kind“ fehlt", "id: lotse-beruf",
    ),
    BadInput(
        "empty-text", LOTSE_EN_TITLE, LOTSE_EN_TITLE.replace("Lotse Beruf", '""'),
        "Programm „lotse-beruf“, Feld „texts.en.title“: darf nicht leer sein", 'title: ""',
    ),
    BadInput(
        "missing-language", r"      en:\n        title: Lotse Beruf\n.*?held for it\.\n", "",
        "Programm „lotse-beruf“, Feld „texts“: der Text auf Englisch fehlt. Tragen Sie ihn ein "
        "oder setzen Sie „translation: {en: pending}“", "      de:\n        title: Lotse",
        regex=True,
    ),
    BadInput(
        "duplicate-id", "  - id: lotse-beruf\n", "  - id: leitbild-teilhabe\n",
        "Programm „leitbild-teilhabe“, Feld „id“: die Kennung „leitbild-teilhabe“ gibt es schon "
        "(Zeile 16)",
        "  - id: leitbild-teilhabe\n    kind: programme",
    ),
    BadInput(
        "reserved-id", "  - id: lotse-beruf\n", "  - id: index\n",
        "Programm „index“, Feld „id“: die Kennung „index“ ist für eine Seite der Website "
        "reserviert", "  - id: index",
    ),
    BadInput(
        "impossible-date", SELBST_PERIOD,
        SELBST_PERIOD.replace("start: 2024-09", "start: 2025-02-31"),
        "Projekt „gruendung-im-quartier“, Feld „period.start“: „2025-02-31“ gibt es "
        "nicht im Kalender",
        "2025-02-31",
    ),
    BadInput(
        "end-before-start", SELBST_PERIOD, SELBST_PERIOD.replace("end: 2025-08", "end: 2023-08"),
        "Projekt „gruendung-im-quartier“, Feld „period.end“: das Ende (2023-08) liegt "
        "vor dem Beginn (2024-09)", "end: 2023-08",
    ),
    BadInput(
        "number-as-words", LOTSE_FUNDING,
        LOTSE_FUNDING.replace("funding:\n", "funding:\n      amount: fünfzigtausend\n"),
        "Programm „lotse-beruf“, Feld „funding.amount“: muss eine Zahl sein, gefunden "
        "„fünfzigtausend“", "amount: fünfzigtausend",
    ),
    BadInput(
        "amount-with-euro-sign", SELBST_AMOUNT, SELBST_AMOUNT.replace("50000", "50.000 €"),
        "Feld „funding.amount“: „50.000 €“ ist kein Betrag in ganzen Euro", "amount: 50.000 €",
    ),
    BadInput(
        "amount-with-space", SELBST_AMOUNT, SELBST_AMOUNT.replace("50000", "50 000"),
        "Feld „funding.amount“: „50 000“ ist kein Betrag in ganzen Euro", "amount: 50 000",
    ),
    BadInput(
        "count-with-space", "      - count: 3\n", "      - count: 1 200\n",
        "Feld „results[1].count“: „1 200“ ist keine ganze Zahl. Nur Ziffern schreiben",
        "count: 1 200",
    ),
    BadInput(
        "amount-with-cents", SELBST_AMOUNT, SELBST_AMOUNT.replace("50000", "50000.50"),
        "Feld „funding.amount“: „50000.50“ ist kein Betrag in ganzen Euro", "amount: 50000.50",
    ),
    BadInput(
        "count-as-words", "      - count: 3\n", "      - count: drei\n",
        "Programm „lotse-beruf“, Feld „results[1].count“: muss eine ganze Zahl sein, gefunden "
        "„drei“", "count: drei",
    ),
    BadInput(
        "javascript-link", *_after(LOTSE, "    links:\n      - url: javascript:alert(1)\n"
                                   "        label: {de: Mehr, en: More}\n"),
        "Programm „lotse-beruf“, Feld „links[0].url“: „javascript:alert(1)“ ist keine "
        "Webadresse", "url: javascript:alert(1)",
    ),
    BadInput(
        "javascript-link-in-markdown", LOTSE_DESCRIPTION,
        LOTSE_DESCRIPTION.replace("können.", "können, [mehr](javascript:alert(1))."),
        "Programm „lotse-beruf“, Feld „texts.de.description“: „javascript:alert(1)“ ist "
        "keine Webadresse", "[mehr](javascript",
    ),
    BadInput(
        "malformed-email", *_after(LOTSE, "    contact: {email: lotse(at)hannover.de}\n"),
        "Programm „lotse-beruf“, Feld „contact.email“: „lotse(at)hannover.de“ ist keine "
        "gültige E-Mail-Adresse", "email: lotse(at)hannover.de",
    ),
    BadInput(
        "unknown-kind", LOTSE, LOTSE.replace("kind: programme", "kind: programm"),
        "Feld „kind“: „programm“ ist nicht erlaubt; erlaubt: project, programme, service, "
        "strategy, event – meinten Sie „programme“?", "kind: programm\n",
    ),
    BadInput(
        "unknown-status", "derived.\n    status: running\n", "derived.\n    status: läuft\n",
        "Strategie „leitbild-teilhabe“, Feld „status“: „läuft“ ist nicht erlaubt; erlaubt: "
        "planned, running, completed", "status: läuft",
    ),
    BadInput(
        "script-in-title", LOTSE_DE_TITLE,
        LOTSE_DE_TITLE.replace("Lotse Beruf", "<script>alert(1)</script>"),
        "Programm „lotse-beruf“, Feld „texts.de.title“: hier ist nur schlichter Text erlaubt, "
        "ohne HTML („<script>“)", "title: <script>",
    ),
    BadInput(
        "raw-html-in-description", LOTSE_DESCRIPTION,
        LOTSE_DESCRIPTION.replace("langfristige", "<b>langfristige</b>"),
        "Programm „lotse-beruf“, Feld „texts.de.description“: HTML ist hier nicht erlaubt "
        "(„<b>“)", "<b>langfristige",
    ),
    # record texts are never templates: {{ … }} would have been filled in (and failed) late
    BadInput(
        "template-marker-in-text", LOTSE_DESCRIPTION,
        LOTSE_DESCRIPTION.replace("können.", "können. {{ site.operator.adress }}"),
        "Programm „lotse-beruf“, Feld „texts.de.description“: „{{ site.operator.adress }}“ ist "
        "in Texten nicht erlaubt", "{{ site.operator",
    ),
    BadInput(
        "template-tag-in-title", LOTSE_DE_TITLE,
        LOTSE_DE_TITLE.replace("Lotse Beruf", "Lotse {% if x %}360{% endif %}"),
        "Feld „texts.de.title“: „{% if x %}“ ist in Texten nicht erlaubt", "Lotse {%",
    ),
    BadInput(
        "german-thousands", SELBST_AMOUNT, SELBST_AMOUNT.replace("50000", "50.000"),
        "Projekt „gruendung-im-quartier“, Feld „funding.amount“: „50.000“ ist mit "
        "Tausenderpunkten geschrieben, so liest YAML die Zahl falsch. Tausenderpunkte "
        "weglassen: 50000", "amount: 50.000",
    ),
    BadInput(
        "german-thousands-with-decimals", SELBST_AMOUNT,
        SELBST_AMOUNT.replace("50000", "50.000,00"),
        "Feld „funding.amount“: „50.000,00“ ist mit Tausenderpunkten geschrieben, so liest YAML "
        "die Zahl falsch. Tausenderpunkte weglassen: 50000", "amount: 50.000,00",
    ),
    BadInput(
        "german-thousands-in-count", "      - count: 12\n", "      - count: 1.000\n",
        "Feld „results[0].count“: „1.000“ ist mit Tausenderpunkten geschrieben, so liest YAML "
        "die Zahl falsch. Tausenderpunkte weglassen: 1000", "count: 1.000",
    ),
    BadInput(
        "missing-default-language", LOTSE_DE_TEXTS, r"\1",
        "Programm „lotse-beruf“, Feld „texts“: der Text auf Deutsch fehlt; er ist Pflicht, weil "
        "Deutsch die Hauptsprache der Website ist", "      en:\n        title: Lotse Beruf",
        regex=True,
    ),
    BadInput(
        "pending-default-language", LOTSE_REVIEWED + LOTSE_DE_TEXTS,
        r"      de: pending\n\1",
        "Programm „lotse-beruf“, Feld „translation.de“: „pending“ geht nicht für Deutsch, die "
        "Hauptsprache der Website", "de: pending", regex=True,
    ),
    BadInput(
        "former-id-is-a-record-id", *_after(LOTSE, "    former_ids: [leitbild-teilhabe]\n"),
        "Programm „lotse-beruf“, Feld „former_ids[0]“: die frühere Kennung „leitbild-teilhabe“ "
        "ist die Kennung eines Eintrags (Zeile 16)", "former_ids: [leitbild-teilhabe]",
    ),
    BadInput(
        "former-id-is-its-own-id", *_after(LOTSE, "    former_ids: [lotse, lotse-beruf]\n"),
        "Feld „former_ids[1]“: die frühere Kennung „lotse-beruf“ ist die eigene Kennung",
        "former_ids: [lotse, lotse-beruf]",
    ),
    BadInput(
        "former-id-claimed-twice", r"(  - id: leitbild-teilhabe\n)(.*?)(  - id: lotse-beruf\n)",
        r"\1    former_ids: [altes-programm]\n\2\3    former_ids:\n      - altes-programm\n",
        "Programm „lotse-beruf“, Feld „former_ids[0]“: die frühere Kennung „altes-programm“ "
        "steht schon bei „leitbild-teilhabe“ (Zeile 16)", "- altes-programm", regex=True,
    ),
    BadInput(
        "status-with-dates", *_after(SELBST_PERIOD, "    status: running\n"),
        "Projekt „gruendung-im-quartier“, Feld „status“: Status wird aus den Daten "
        "abgeleitet; Feld „status“ weglassen", "status: running\n    funding:\n      amount",
    ),
    # values that YAML reads as something else than text
    *(BadInput(f"yaml-value-starts-with-{name}", LOTSE_DE_TITLE,
               LOTSE_DE_TITLE.replace("Lotse Beruf", value),
               YAML_SPECIAL.format(char), f"title: {value}")
      for name, char, value in (
          ("star", "*", "*Neu:* Lotse Beruf"), ("at", "@", "@Lotse Beruf"),
          ("backtick", "`", "`Lotse` 360 Grad"), ("percent", "%", "%Lotse Beruf"),
          ("exclamation", "!", "!Neu: Lotse Beruf"),
          ("ampersand", "&", "&Co Lotse Beruf"), ("dash", "- ", "- Lotse Beruf"))),
    BadInput(
        "yaml-quote-then-text", LOTSE_DE_TITLE,
        LOTSE_DE_TITLE.replace("Lotse Beruf", '"Lotse" 360 Grad'),
        "Die Datei ist kein gültiges YAML: nach dem schließenden Anführungszeichen geht der Text "
        "weiter. Setzen Sie den ganzen Text in andere Anführungszeichen", 'title: "Lotse" 360',
    ),
    # links must work under the site's subpath: complete addresses only
    BadInput(
        "relative-link-in-markdown", LOTSE_DESCRIPTION,
        LOTSE_DESCRIPTION.replace("können.", "können, [mehr](kontakt.md)."),
        "Feld „texts.de.description“: „kontakt.md“ ist keine vollständige Webadresse: Links "
        "brauchen eine Adresse mit https:// und Domain", "[mehr](kontakt.md)",
    ),
    BadInput(
        "site-relative-link-in-markdown", LOTSE_DESCRIPTION,
        LOTSE_DESCRIPTION.replace("können.", "können, [mehr](/impressum/)."),
        "Feld „texts.de.description“: „/impressum/“ ist keine vollständige Webadresse",
        "[mehr](/impressum/)",
    ),
    BadInput(
        "link-without-host-in-markdown", LOTSE_DESCRIPTION,
        LOTSE_DESCRIPTION.replace("können.", "können, [mehr](http://)."),
        "Feld „texts.de.description“: „http://“ ist keine vollständige Webadresse: nach "
        "https:// fehlt die Domain", "[mehr](http://)",
    ),
    BadInput(
        "link-url-without-host", *_after(LOTSE, "    links:\n      - url: https:///lotse\n"
                                         "        label: {de: Mehr, en: More}\n"),
        "Feld „links[0].url“: „https:///lotse“ ist keine vollständige Webadresse",
        "url: https:///lotse",
    ),
    # HTML in any text an editor writes
    BadInput(
        "html-in-organisation-name", LOTSE_FUNDING,
        LOTSE_FUNDING.replace("Beispielwerke Hannover", "<b>Beispielwerke</b> Hannover"),
        "Feld „funding.funders[0].name“: hier ist nur schlichter Text erlaubt, ohne HTML („<b>“)",
        "name: <b>Beispielwerke",
    ),
    BadInput(
        "html-in-result-label", LOTSE_RESULT,
        LOTSE_RESULT.replace("Praktika", "<i>Praktika</i>"),
        "Feld „results[1].label.de“: hier ist nur schlichter Text erlaubt, ohne HTML („<i>“)",
        "de: <i>Praktika",
    ),
    BadInput(
        "html-in-link-label", *_after(LOTSE, "    links:\n      - url: https://www.hannover.de/\n"
                                      "        label: {de: <u>Mehr</u>, en: More}\n"),
        "Feld „links[0].label.de“: hier ist nur schlichter Text erlaubt, ohne HTML („<u>“)",
        "label: {de: <u>Mehr",
    ),
    BadInput(
        "html-in-contact-name", *_after(LOTSE, "    contact:\n      name: {de: <em>Team</em>, "
                                        "en: Team}\n"),
        "Feld „contact.name.de“: hier ist nur schlichter Text erlaubt, ohne HTML („<em>“)",
        "name: {de: <em>Team",
    ),
    # mistakes YAML notices only later: the report names the line the editor has to mend
    BadInput(
        "no-space-after-title", LOTSE_DE_TITLE, LOTSE_DE_TITLE.replace("title: ", "title:"),
        "Die Datei ist kein gültiges YAML: nach dem Doppelpunkt fehlt ein Leerzeichen",
        "title:Lotse",
    ),
    BadInput(
        "no-break-space-after-title", LOTSE_DE_TITLE,
        LOTSE_DE_TITLE.replace("title: ", "title:\u00a0"),
        "Die Datei ist kein gültiges YAML: nach dem Doppelpunkt steht ein geschütztes "
        "Leerzeichen", "title:\u00a0Lotse",
    ),
    BadInput(
        "unclosed-quote", LOTSE_DE_TITLE, LOTSE_DE_TITLE.replace("title: ", 'title: "'),
        "Die Datei ist kein gültiges YAML: das Anführungszeichen in dieser Zeile wird nicht "
        "geschlossen", 'title: "Lotse',
    ),
    BadInput(
        "tab-after-dash", LOTSE_FUNDING, LOTSE_FUNDING.replace("- name:", "-\tname:"),
        "Die Datei ist kein gültiges YAML: hier steht ein Tabulator", "-\tname: Beispielwerke",
    ),
    *(BadInput(f"yes-no-as-text-{word}", LOTSE_DE_TITLE,
               LOTSE_DE_TITLE.replace("Lotse Beruf", word),
               f"Feld „texts.de.title“: muss ein Text sein, gefunden „{word}“ – YAML liest das "
               f"als Ja/Nein-Wert. Setzen Sie es in Anführungszeichen: \"{word}\"",
               f"title: {word}\n")
      for word in ("yes", "no", "on", "off")),
]


def reported_line(output: str, name: str, message: str, file: str, line: int, *,
                  column: int | None = None, field: str | None = None) -> str:
    """The reported line carrying ``message`` at ``file``, ``line`` (and ``column``, ``field``);
    fails, naming the case, when it is not there."""
    matches = [text for text in output.splitlines() if message in text]
    assert matches, f"{name}: message not reported:\n{output}"
    where = re.search(rf"{re.escape(file)}, Zeile (\d+), Spalte (\d+): ", matches[0])
    assert where, f"{name}: no file, line and column in {matches[0]!r}"
    assert int(where.group(1)) == line, f"{name}: wrong line in {matches[0]!r}"
    if column is not None:
        assert int(where.group(2)) == column, f"{name}: wrong column in {matches[0]!r}"
    if field is not None:
        assert f"Feld „{field}“" in matches[0], f"{name}: field not named in {matches[0]!r}"
    return matches[0]
