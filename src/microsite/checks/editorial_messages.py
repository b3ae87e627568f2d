"""Messages of the editorial rules (issue 10): links from hand-written pages, silent damage,
encodings, and the editor's loop. ``problems.MESSAGES`` includes them; the guide explains each.
"""

from __future__ import annotations

EDITORIAL_MESSAGES: dict[str, dict[str, str]] = {
    # sources and tense (source_rules.py, status_history.py)
    "source_required": {
        "de": "„{key}“ braucht eine Quelle: unter „sources“ angeben, woher die Angabe stammt "
        "(Art, Herausgeber, Titel, Datum) – oder „- default: true“ für die Quelle oben in der "
        "Datei, wenn die Angabe von dort stammt",
        "en": "“{key}” needs a source: under “sources”, give where it comes from (type, "
        "publisher, title, date) – or “- default: true” for the source at the top of the file "
        "if it comes from there",
    },
    "source_default_missing": {
        "de": "„default: true“ nennt die Quelle oben in der Datei, aber die Datei hat keine "
        "(Feld „source“ am Anfang). Die Quelle hier mit Datum angeben",
        "en": "“default: true” names the source at the top of the file, but the file has none "
        "(field “source” at the start). Give the source here with its date",
    },
    "source_default_and_own": {
        "de": "„default: true“ übernimmt die Quelle oben in der Datei; „{key}“ hier weglassen "
        "oder eine eigene Quelle ohne „default“ angeben",
        "en": "“default: true” takes the source at the top of the file; leave out “{key}” here "
        "or give a source of its own without “default”",
    },
    "source_without_date": {
        "de": "Quelle ohne Datum: „date“ (JJJJ-MM-TT) angeben, oder „default: true“ für die "
        "Quelle oben in der Datei",
        "en": "source without a date: give “date” (YYYY-MM-DD), or “default: true” for the "
        "source at the top of the file",
    },
    "status_changed_without_source": {
        "de": "„{key}“ wurde geändert (vorher „{before}“, verglichen mit {compared_with}), aber "
        "keine Quelle ist neuer als vorher ({date}). Die neue Quelle mit ihrem Datum unter "
        "„sources“ eintragen",
        "en": "“{key}” was changed (before “{before}”, compared with {compared_with}), but no "
        "source is newer than before ({date}). Add the new source with its date under "
        "“sources”",
    },
    "representative_unconfirmed": {
        "de": "„{found}“ nennt mehr als das Amt. Einen Namen nur eintragen, wenn die Stadt ihn "
        "bestätigt hat, und das Datum unter „operator.confirmed.representative“ (JJJJ-MM-TT) "
        "angeben; sonst nur „Der Oberbürgermeister“ bzw. „Die Oberbürgermeisterin“",
        "en": "“{found}” names more than the office. Give a name only once the city has "
        "confirmed it, with the date under “operator.confirmed.representative” (YYYY-MM-DD); "
        "else only “the Lord Mayor”",
    },
    "tense_after_end": {
        "de": "Hinweis: der Eintrag ist seit {end} vorbei, der Text sagt aber noch „{found}“. "
        "Text in die Vergangenheit setzen (z. B. „unterstützte“, „sollte“)",
        "en": "note: the record ended on {end}, but the text still says “{found}”. Put the "
        "text in the past tense",
    },
    # links from hand-written pages to records (doc_links.py)
    "doc_link_missing": {
        "de": "der Link „{target}“ führt zu keinem Eintrag: die Kennung „{found}“ gibt es in "
        "{data_file} nicht. Link korrigieren oder entfernen; bei einer Umbenennung die alte "
        "Kennung unter „former_ids“ eintragen{hint}",
        "en": "the link “{target}” leads to no record: there is no id “{found}” in "
        "{data_file}. Correct or remove the link; after a rename, add the old id to "
        "“former_ids”{hint}",
    },
    "doc_link_unpublished": {
        "de": "der Link „{target}“ führt zum Eintrag „{found}“, der nicht veröffentlicht wird "
        "(„draft: true“ oder „publish_from“ in der Zukunft). Link entfernen, bis der Eintrag "
        "erscheint, oder den Eintrag veröffentlichen",
        "en": "the link “{target}” leads to the record “{found}”, which is not published "
        "(“draft: true” or a future “publish_from”). Remove the link until the record appears, "
        "or publish the record",
    },
    "doc_link_renamed": {
        "de": "der Link „{target}“ nennt die frühere Kennung „{found}“ und führt weiter zu "
        "„{new}“. Besser den Link auf „programme/{new}.md“ ändern",
        "en": "the link “{target}” names the former id “{found}” and still leads to “{new}”. "
        "Better change the link to “programme/{new}.md”",
    },
    "doc_link_page_missing": {
        "de": "der Link „{target}“ führt zu keiner Seite: die Datei gibt es unter „docs/{folder}/“ "
        "nicht. Dateinamen prüfen (jede Sprache hat ihre eigenen Seiten)",
        "en": "the link “{target}” leads to no page: there is no such file under "
        "“docs/{folder}/”. Check the file name (each language has its own pages)",
    },
    # silent damage (editorial_checks.py)
    "comment_cut": {
        "de": "der Text endet vor „ #“: YAML liest „#{rest}“ als Kommentar, der Rest fehlt auf "
        "der Seite. Den ganzen Text in Anführungszeichen setzen: \"…\"",
        "en": "the text ends before “ #”: YAML reads “#{rest}” as a comment, so the rest is "
        "missing on the page. Put the whole text in quotes: \"…\"",
    },
    "list_without_block": {
        "de": "die Zeilen mit „{found}“ sollen wohl eine Liste sein, YAML fügt sie aber zu einem "
        "Absatz zusammen. Schreiben Sie „{key}: |“ und darunter den eingerückten Text",
        "en": "the lines starting with “{found}” look like a list, but YAML joins them into one "
        "paragraph. Write “{key}: |” and the indented text below it",
    },
    "invisible_character": {
        "de": "hier steht ein unsichtbares Zeichen ({name_de}, {char}), wohl aus Word oder einer "
        "Webseite kopiert. Bitte löschen",
        "en": "there is an invisible character here ({char}), probably copied from Word or a web "
        "page. Please delete it",
    },
    "stray_nbsp": {
        "de": "hier steht ein geschütztes Leerzeichen (U+00A0) mitten im Text, wohl aus Word "
        "kopiert; es verhindert den Zeilenumbruch. Durch ein normales Leerzeichen ersetzen "
        "(erlaubt ist es nur an Zahlen wie „50 €“ und nach Abkürzungen wie „z. B.“)",
        "en": "there is a no-break space (U+00A0) in the middle of the text, probably copied "
        "from Word; it prevents line breaks. Replace it with a normal space (it is only allowed "
        "next to numbers such as “€50” and after abbreviations)",
    },
    "translation_incomplete": {
        "de": "„texts.{lang}.{key}“ fehlt, obwohl es „texts.{default_lang}.{key}“ gibt: die "
        "Seite auf {language} wäre halb übersetzt. Text ergänzen oder „translation: "
        "{{{lang}: pending}}“ setzen und „texts.{lang}“ weglassen",
        "en": "“texts.{lang}.{key}” is missing although “texts.{default_lang}.{key}” exists: "
        "the {language} page would be half translated. Add the text, or set “translation: "
        "{{{lang}: pending}}” and leave out “texts.{lang}”",
    },
    "pending_ignored": {
        "de": "„pending“ wird nicht beachtet, weil es schon Texte auf {language} gibt: die "
        "Seite zeigt diese. Zeile entfernen oder die Texte unter „texts.{lang}“ löschen",
        "en": "“pending” is ignored because {language} texts exist: the page shows them. "
        "Remove this line or delete the texts under “texts.{lang}”",
    },
    "example_record": {
        "de": "das ist der Beispiel-Eintrag aus dem Redaktionsleitfaden („{found}“), unverändert "
        "übernommen. Kennung und Texte durch die echten ersetzen",
        "en": "this is the example record from the editor's guide (“{found}”), copied "
        "unchanged. Replace its id and texts with real ones",
    },
    "implausible_year": {
        "de": "das Jahr {year} ist unwahrscheinlich (erwartet zwischen {low} und {high}); "
        "Tippfehler?",
        "en": "the year {year} is unlikely (expected between {low} and {high}); a typo?",
    },
    "title_too_long": {
        "de": "der Titel hat {length} Zeichen; höchstens {limit} sind lesbar. Kürzen und "
        "Näheres in „summary“ schreiben",
        "en": "the title has {length} characters; at most {limit} are readable. Shorten it and "
        "put details in “summary”",
    },
    "duplicate_title": {
        "de": "den Titel „{found}“ hat schon „{other}“ (Zeile {other_line}); zwei Einträge mit "
        "einem Titel sind in der Übersicht nicht zu unterscheiden",
        "en": "the title “{found}” is already used by “{other}” (line {other_line}); two records "
        "with one title cannot be told apart in the overview",
    },
    "renamed_without_former_ids": {
        "de": "die Kennung „{found}“ gibt es nicht mehr (sie stand in {compared_with}). Ihre "
        "Seiten auf Deutsch und Englisch, ihr Platz in Übersicht, Feed und Kalender "
        "verschwinden beim Veröffentlichen, die alte Adresse führt ins Leere. Wurde der "
        "Eintrag umbenannt, beim neuen Eintrag „former_ids: [{found}]“ eintragen; wurde er "
        "gelöscht, prüfen, ob eine Weiterleitung gewünscht ist",
        "en": "the id “{found}” is gone (it was in {compared_with}). Its pages in German and "
        "English and its place in the overview, feed and calendar disappear when published; "
        "the old address will lead nowhere. If the record was renamed, add “former_ids: "
        "[{found}]” to the new record; if it was deleted, check whether a redirect is wanted",
    },
    # loading (loading.py, record_building.py)
    "wrong_encoding": {
        "de": "die Datei ist nicht in UTF-8 gespeichert, sondern wohl in {encoding}; Umlaute "
        "würden falsch erscheinen. Im Editor „Speichern mit Codierung: UTF-8“ wählen",
        "en": "the file is not saved as UTF-8 but probably as {encoding}; umlauts would show "
        "wrongly. Choose “save with encoding: UTF-8” in the editor",
    },
    "number_as_text": {
        "de": "„{found}“ liest YAML als Zahl, nicht als Text (die Seite zeigte „{read}“). "
        "Setzen Sie es in Anführungszeichen: \"{found}\"",
        "en": "YAML reads “{found}” as a number, not as text (the page would show “{read}”). "
        "Put it in quotes: \"{found}\"",
    },
    "pasted_bullets": {
        "de": "die Zeilen beginnen mit dem Aufzählungszeichen „{found}“ (wohl aus Word "
        "kopiert); so wird daraus keine Liste. Ersetzen Sie „{found}“ am Zeilenanfang durch "
        "„- “ und schreiben Sie „{key}: |“",
        "en": "the lines start with the bullet “{found}” (probably copied from Word), which "
        "makes no list. Replace “{found}” at the start of each line with “- ” and write "
        "“{key}: |”",
    },
    "boolean_as_text": {
        "de": "muss ein Text sein, gefunden „{found}“ – YAML liest das als Ja/Nein-Wert. Setzen "
        "Sie es in Anführungszeichen: \"{found}\"",
        "en": "must be text, found “{found}” – YAML reads it as a yes/no value. Put it in "
        "quotes: \"{found}\"",
    },
}


# libyaml's errors where the mistake lies elsewhere (yaml_mistakes.py), said plainly
EDITORIAL_YAML_DETAILS: dict[str, dict[str, str]] = {
    "no space after the colon": {
        "de": "nach dem Doppelpunkt fehlt ein Leerzeichen („feld: wert“)",
        "en": "a space is missing after the colon (“field: value”)",
    },
    "a no-break space after the colon": {
        "de": "nach dem Doppelpunkt steht ein geschütztes Leerzeichen (oft aus Word kopiert); "
        "durch ein normales Leerzeichen ersetzen",
        "en": "a no-break space follows the colon (often copied from Word); replace it with a "
        "normal space",
    },
    "a no-break space in the indentation": {
        "de": "die Einrückung dieser Zeile enthält ein geschütztes Leerzeichen (oft aus Word "
        "kopiert). Die Einrückung löschen und mit normalen Leerzeichen neu einrücken",
        "en": "the indentation of this line contains a no-break space (often copied from "
        "Word). Delete the indentation and indent again with normal spaces",
    },
    "the colon after the field name is missing": {
        "de": "nach dem Feldnamen fehlt der Doppelpunkt: „feld: wert“ schreiben",
        "en": "the colon after the field name is missing: write “field: value”",
    },
    "the indentation is one space off": {
        "de": "diese Zeile ist um ein Leerzeichen falsch eingerückt; sie muss bündig unter den "
        "Feldern stehen, zu denen sie gehört (Einrückung in Schritten von zwei Leerzeichen)",
        "en": "this line is indented one space off; it must line up with the fields it belongs "
        "to (indentation in steps of two spaces)",
    },
    "a quote opened here is not closed": {
        "de": "das Anführungszeichen in dieser Zeile wird nicht geschlossen; am Ende des Textes "
        "fehlt das passende Anführungszeichen",
        "en": "the quote in this line is not closed; the matching quote at the end of the text "
        "is missing",
    },
}
