"""Editors' typical mistakes, as edits of the real ``data/projects.yaml``.

Each case changes the real file the way an editor might, and says what the report must contain
and on which line (found by a piece of text on that line, so the cases survive edits of the
data). Used by ``test_bad_input.py`` for both ``microsite check`` and ``mkdocs build``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitebuild import REPO

# Anchors hold in both layouts of the file: as written by hand (flow style, comments) and as
# `microsite format` and the browser editor write it (block style, no comments).
JOBPILOT_STATUS = "    status: running\n    funding:\n      funders:\n        - name: Volkswagen"
JOBPILOT = "  - id: jobpilot-360\n    kind: programme\n"
JOBPILOT_FUNDING = "    funding:\n      funders:\n        - name: Volkswagen Nutzfahrzeuge\n"
JOBPILOT_DE_TITLE = "        title: Jobpilot 360 Grad\n        summary: "
JOBPILOT_EN_TITLE = "        title: Jobpilot 360 Grad\n        title_lang: de"
JOBPILOT_DESCRIPTION = (
    "          nachhaltige und langfristige berufliche Perspektive entwickeln können.\n"
)
SELBST_PERIOD = (r"    period:(?: \{start: 2024-09, end: 2025-08\}\n"
                 r"|\n      start: 2024-09\n      end: 2025-08\n)")
WIR = "  - id: wir-2-0\n    kind: strategy\n"
_DATA = (REPO / "data" / "projects.yaml").read_text(encoding="utf-8")
WIR_LINE = _DATA[:_DATA.index(WIR)].count("\n") + 1  # messages name the line of the other record
WIR_STATUS = r"(  - id: wir-2-0\n    kind: strategy\n(?:    #[^\n]*\n)*    status: )running"
SELBST_AMOUNT = "      amount: 50000\n"
JOBPILOT_RESULT = "      - count: 4\n        label:\n          de: "
# the German texts of Jobpilot, up to its English ones
JOBPILOT_DE_TEXTS = r"(    texts:\n)      de:\n        title: Jobpilot 360 Grad\n.*?(?=      en:\n)"
JOBPILOT_REVIEWED = (r"      en:(?: \{reviewed: \{title: 2c94c44f[^\n]*\n"
                     r"|\n        reviewed:\n          title: 2c94c44f\n(?:          [^\n]*\n)*)")
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
        "yaml-syntax", JOBPILOT_STATUS, JOBPILOT_STATUS.replace("    status", "   status"),
        "Die Datei ist kein gültiges YAML: die Einrückung passt nicht zur Liste darüber",
        "   status: running\n    funding",
    ),
    BadInput(
        "yaml-tab", JOBPILOT, JOBPILOT.replace("    kind:", "\tkind:"),
        "Die Datei ist kein gültiges YAML: hier steht ein Tabulator", "\tkind: programme",
    ),
    BadInput(
        "yaml-no-space-after-colon", JOBPILOT, JOBPILOT.replace("kind: ", "kind:"),
        "Die Datei ist kein gültiges YAML: hier fehlt ein Doppelpunkt", "kind:programme",
    ),
    BadInput(
        "yaml-colon-in-text", JOBPILOT_DE_TITLE,
        JOBPILOT_DE_TITLE.replace("Jobpilot 360 Grad", "Jobpilot: 360 Grad"),
        "Die Datei ist kein gültiges YAML: ein Doppelpunkt mit Leerzeichen steht an einer "
        "Stelle", "title: Jobpilot: 360",
    ),
    BadInput(
        "yaml-unclosed-bracket", SELBST_PERIOD, "    period: {start: 2024-09, end: 2025-08\n",
        "Die Datei ist kein gültiges YAML: eine geschweifte Klammer „{“ wird nicht geschlossen",
        "period: {start: 2024-09, end: 2025-08\n", regex=True,
    ),
    BadInput(
        "duplicate-key", *_after(WIR, "    kind: project\n"),
        "der Schlüssel „kind“ steht hier zum zweiten Mal",
        "kind: project\n",
    ),
    BadInput(
        "unknown-key-with-suggestion", JOBPILOT_FUNDING,
        JOBPILOT_FUNDING.replace("funding:", "fundig:"),
        "Programm „jobpilot-360“, Feld „fundig“: unbekanntes Feld „fundig“ – meinten Sie "
        "„funding“?", "    fundig:",
    ),
    BadInput(
        "missing-required-field", JOBPILOT, "  - id: jobpilot-360\n",
        "Eintrag „jobpilot-360“: Pflichtfeld „kind“ fehlt", "id: jobpilot-360",
    ),
    BadInput(
        "empty-text", JOBPILOT_EN_TITLE, JOBPILOT_EN_TITLE.replace("Jobpilot 360 Grad", '""'),
        "Programm „jobpilot-360“, Feld „texts.en.title“: darf nicht leer sein", 'title: ""',
    ),
    BadInput(
        # the English texts: every following line indented deeper, or empty
        "missing-language",
        r"      en:\n        title: Jobpilot 360 Grad\n(?:(?:        [^\n]*)?\n)*", "",
        "Programm „jobpilot-360“, Feld „texts“: der Text auf Englisch fehlt. Tragen Sie ihn ein "
        "oder setzen Sie „translation: {en: pending}“", "      de:\n        title: Jobpilot",
        regex=True,
    ),
    BadInput(
        "duplicate-id", "  - id: jobpilot-360\n", "  - id: wir-2-0\n",
        f"Programm „wir-2-0“, Feld „id“: die Kennung „wir-2-0“ gibt es schon (Zeile {WIR_LINE})",
        "  - id: wir-2-0\n    kind: programme",
    ),
    BadInput(
        "reserved-id", "  - id: jobpilot-360\n", "  - id: index\n",
        "Programm „index“, Feld „id“: die Kennung „index“ ist für eine Seite der Website "
        "reserviert", "  - id: index",
    ),
    BadInput(
        "impossible-date", SELBST_PERIOD, "    period: {start: 2025-02-31, end: 2025-08}\n",
        "Projekt „selbststaendige-ankunftsquartiere“, Feld „period.start“: „2025-02-31“ gibt es "
        "nicht im Kalender",
        "2025-02-31", regex=True,
    ),
    BadInput(
        "end-before-start", SELBST_PERIOD, "    period: {start: 2024-09, end: 2023-08}\n",
        "Projekt „selbststaendige-ankunftsquartiere“, Feld „period.end“: das Ende (2023-08) liegt "
        "vor dem Beginn (2024-09)", "end: 2023-08", regex=True,
    ),
    BadInput(
        "number-as-words", JOBPILOT_FUNDING,
        JOBPILOT_FUNDING.replace("funding:\n", "funding:\n      amount: fünfzigtausend\n"),
        "Programm „jobpilot-360“, Feld „funding.amount“: muss eine Zahl sein, gefunden "
        "„fünfzigtausend“", "amount: fünfzigtausend",
    ),
    BadInput(
        "count-as-words", "      - count: 4\n", "      - count: vier\n",
        "Programm „jobpilot-360“, Feld „results[1].count“: muss eine ganze Zahl sein, gefunden "
        "„vier“", "count: vier",
    ),
    BadInput(
        "javascript-link", *_after(JOBPILOT, "    links:\n      - url: javascript:alert(1)\n"
                                   "        label: {de: Mehr, en: More}\n"),
        "Programm „jobpilot-360“, Feld „links[0].url“: „javascript:alert(1)“ ist keine "
        "Webadresse", "url: javascript:alert(1)",
    ),
    BadInput(
        "javascript-link-in-markdown", JOBPILOT_DESCRIPTION,
        JOBPILOT_DESCRIPTION.replace("können.", "können, [mehr](javascript:alert(1))."),
        "Programm „jobpilot-360“, Feld „texts.de.description“: „javascript:alert(1)“ ist "
        "keine Webadresse", "[mehr](javascript",
    ),
    BadInput(
        "malformed-email", *_after(JOBPILOT, "    contact: {email: jobpilot(at)hannover.de}\n"),
        "Programm „jobpilot-360“, Feld „contact.email“: „jobpilot(at)hannover.de“ ist keine "
        "gültige E-Mail-Adresse", "email: jobpilot(at)hannover.de",
    ),
    BadInput(
        "unknown-kind", JOBPILOT, JOBPILOT.replace("kind: programme", "kind: programm"),
        "Feld „kind“: „programm“ ist nicht erlaubt; erlaubt: project, programme, service, "
        "strategy, event – meinten Sie „programme“?", "kind: programm\n",
    ),
    BadInput(
        "unknown-status", WIR_STATUS, r"\1läuft",
        "Strategie „wir-2-0“, Feld „status“: „läuft“ ist nicht erlaubt; erlaubt: planned, "
        "running, completed", "status: läuft", regex=True,
    ),
    BadInput(
        "script-in-title", JOBPILOT_DE_TITLE,
        JOBPILOT_DE_TITLE.replace("Jobpilot 360 Grad", "<script>alert(1)</script>"),
        "Programm „jobpilot-360“, Feld „texts.de.title“: hier ist nur schlichter Text erlaubt, "
        "ohne HTML („<script>“)", "title: <script>",
    ),
    BadInput(
        "raw-html-in-description", JOBPILOT_DESCRIPTION,
        JOBPILOT_DESCRIPTION.replace("langfristige", "<b>langfristige</b>"),
        "Programm „jobpilot-360“, Feld „texts.de.description“: HTML ist hier nicht erlaubt "
        "(„<b>“)", "<b>langfristige",
    ),
    # record texts are never templates: {{ … }} would have been filled in (and failed) late
    BadInput(
        "template-marker-in-text", JOBPILOT_DESCRIPTION,
        JOBPILOT_DESCRIPTION.replace("können.", "können. {{ site.operator.adress }}"),
        "Programm „jobpilot-360“, Feld „texts.de.description“: „{{ site.operator.adress }}“ ist "
        "in Texten nicht erlaubt", "{{ site.operator",
    ),
    BadInput(
        "template-tag-in-title", JOBPILOT_DE_TITLE,
        JOBPILOT_DE_TITLE.replace("Jobpilot 360 Grad", "Jobpilot {% if x %}360{% endif %}"),
        "Feld „texts.de.title“: „{% if x %}“ ist in Texten nicht erlaubt", "Jobpilot {%",
    ),
    BadInput(
        "german-thousands", SELBST_AMOUNT, SELBST_AMOUNT.replace("50000", "50.000"),
        "Projekt „selbststaendige-ankunftsquartiere“, Feld „funding.amount“: „50.000“ ist mit "
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
        "german-thousands-in-count", "      - count: 10\n", "      - count: 1.000\n",
        "Feld „results[0].count“: „1.000“ ist mit Tausenderpunkten geschrieben, so liest YAML "
        "die Zahl falsch. Tausenderpunkte weglassen: 1000", "count: 1.000",
    ),
    BadInput(
        "missing-default-language", JOBPILOT_DE_TEXTS, r"\1",
        "Programm „jobpilot-360“, Feld „texts“: der Text auf Deutsch fehlt; er ist Pflicht, weil "
        "Deutsch die Hauptsprache der Website ist", "      en:\n        title: Jobpilot 360 Grad",
        regex=True,
    ),
    BadInput(
        "pending-default-language", JOBPILOT_REVIEWED + JOBPILOT_DE_TEXTS,
        r"      de: pending\n\1",
        "Programm „jobpilot-360“, Feld „translation.de“: „pending“ geht nicht für Deutsch, die "
        "Hauptsprache der Website", "de: pending", regex=True,
    ),
    BadInput(
        "former-id-is-a-record-id", *_after(JOBPILOT, "    former_ids: [wir-2-0]\n"),
        "Programm „jobpilot-360“, Feld „former_ids[0]“: die frühere Kennung „wir-2-0“ ist die "
        f"Kennung eines Eintrags (Zeile {WIR_LINE})", "former_ids: [wir-2-0]",
    ),
    BadInput(
        "former-id-is-its-own-id", *_after(JOBPILOT, "    former_ids: [jobpilot, jobpilot-360]\n"),
        "Feld „former_ids[1]“: die frühere Kennung „jobpilot-360“ ist die eigene Kennung",
        "former_ids: [jobpilot, jobpilot-360]",
    ),
    BadInput(
        "former-id-claimed-twice", r"(  - id: wir-2-0\n)(.*?)(  - id: jobpilot-360\n)",
        r"\1    former_ids: [altes-programm]\n\2\3    former_ids:\n      - altes-programm\n",
        "Programm „jobpilot-360“, Feld „former_ids[0]“: die frühere Kennung „altes-programm“ "
        f"steht schon bei „wir-2-0“ (Zeile {WIR_LINE})", "- altes-programm", regex=True,
    ),
    BadInput(
        "status-with-dates", SELBST_PERIOD,
        "    period: {start: 2024-09, end: 2025-08}\n    status: running\n",
        "Projekt „selbststaendige-ankunftsquartiere“, Feld „status“: Status wird aus den Daten "
        "abgeleitet; Feld „status“ weglassen", "status: running\n    funding:\n      amount",
        regex=True,
    ),
    # values that YAML reads as something else than text
    *(BadInput(f"yaml-value-starts-with-{name}", JOBPILOT_DE_TITLE,
               JOBPILOT_DE_TITLE.replace("Jobpilot 360 Grad", value),
               YAML_SPECIAL.format(char), f"title: {value}")
      for name, char, value in (
          ("star", "*", "*Neu:* Jobpilot 360 Grad"), ("at", "@", "@Jobpilot 360 Grad"),
          ("backtick", "`", "`Jobpilot` 360 Grad"), ("percent", "%", "%Jobpilot 360 Grad"),
          ("exclamation", "!", "!Neu: Jobpilot 360 Grad"),
          ("ampersand", "&", "&Co Jobpilot 360 Grad"), ("dash", "- ", "- Jobpilot 360 Grad"))),
    BadInput(
        "yaml-quote-then-text", JOBPILOT_DE_TITLE,
        JOBPILOT_DE_TITLE.replace("Jobpilot 360 Grad", '"Jobpilot" 360 Grad'),
        "Die Datei ist kein gültiges YAML: nach dem schließenden Anführungszeichen geht der Text "
        "weiter. Setzen Sie den ganzen Text in andere Anführungszeichen", 'title: "Jobpilot" 360',
    ),
    # links must work under the site's subpath: complete addresses only
    BadInput(
        "relative-link-in-markdown", JOBPILOT_DESCRIPTION,
        JOBPILOT_DESCRIPTION.replace("können.", "können, [mehr](kontakt.md)."),
        "Feld „texts.de.description“: „kontakt.md“ ist keine vollständige Webadresse: Links "
        "brauchen eine Adresse mit https:// und Domain", "[mehr](kontakt.md)",
    ),
    BadInput(
        "site-relative-link-in-markdown", JOBPILOT_DESCRIPTION,
        JOBPILOT_DESCRIPTION.replace("können.", "können, [mehr](/impressum/)."),
        "Feld „texts.de.description“: „/impressum/“ ist keine vollständige Webadresse",
        "[mehr](/impressum/)",
    ),
    BadInput(
        "link-without-host-in-markdown", JOBPILOT_DESCRIPTION,
        JOBPILOT_DESCRIPTION.replace("können.", "können, [mehr](http://)."),
        "Feld „texts.de.description“: „http://“ ist keine vollständige Webadresse: nach "
        "https:// fehlt die Domain", "[mehr](http://)",
    ),
    BadInput(
        "link-url-without-host", *_after(JOBPILOT, "    links:\n      - url: https:///jobpilot\n"
                                         "        label: {de: Mehr, en: More}\n"),
        "Feld „links[0].url“: „https:///jobpilot“ ist keine vollständige Webadresse",
        "url: https:///jobpilot",
    ),
    # HTML in any text an editor writes
    BadInput(
        "html-in-organisation-name", JOBPILOT_FUNDING,
        JOBPILOT_FUNDING.replace("Volkswagen Nutzfahrzeuge", "<b>Volkswagen</b> Nutzfahrzeuge"),
        "Feld „funding.funders[0].name“: hier ist nur schlichter Text erlaubt, ohne HTML („<b>“)",
        "name: <b>Volkswagen",
    ),
    BadInput(
        "html-in-result-label", JOBPILOT_RESULT,
        JOBPILOT_RESULT.replace("de: ", "de: <i>Praktika</i> "),
        "Feld „results[1].label.de“: hier ist nur schlichter Text erlaubt, ohne HTML („<i>“)",
        "de: <i>Praktika",
    ),
    BadInput(
        "html-in-link-label", *_after(JOBPILOT, "    links:\n      - url: https://www.hannover.de/\n"
                                      "        label: {de: <u>Mehr</u>, en: More}\n"),
        "Feld „links[0].label.de“: hier ist nur schlichter Text erlaubt, ohne HTML („<u>“)",
        "label: {de: <u>Mehr",
    ),
    BadInput(
        "html-in-contact-name", *_after(JOBPILOT, "    contact:\n      name: {de: <em>Team</em>, "
                                        "en: Team}\n"),
        "Feld „contact.name.de“: hier ist nur schlichter Text erlaubt, ohne HTML („<em>“)",
        "name: {de: <em>Team",
    ),
]
