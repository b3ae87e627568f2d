"""``check`` under GitHub Actions: each problem as an annotation on its line of the pull request,
and a German summary table in the job summary (``$GITHUB_STEP_SUMMARY``)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from microsite.checks.problems import LOCATION, Problem


def under_github_actions(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _text(problem: Problem, lang: str) -> str:
    """The message without its location, which the annotation gives itself."""
    location = LOCATION.get(lang, LOCATION["en"]).format(
        file=problem.file, line=problem.line, column=problem.column)
    message = problem.message(lang)
    return message[len(location) + 2:] if message.startswith(location + ": ") else message


def annotation(problem: Problem, lang: str) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` (or ``::warning``)."""
    level = "warning" if problem.warning else "error"
    title = ("Hinweis" if problem.warning else "Fehler") if lang == "de" else level.title()
    if problem.record_id:
        title += f": {problem.record_id}"
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in (
        ("file", problem.file), ("line", problem.line), ("col", problem.column),
        ("title", title)))
    return f"::{level} {props}::{_escape_data(_text(problem, lang))}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary(problems: list[Problem], checked: int | None) -> str:
    """The job summary in German: what to do, then one row per problem."""
    errors = [p for p in problems if not p.warning]
    shown = [p for p in problems if p.code != "fact_missing"]
    lines = ["## Prüfung der Daten (microsite check)", ""]
    if errors:
        lines.append(f"**{len(errors)} Fehler** – die Website wird so nicht veröffentlicht. "
                     "Die Fehler sind auch an den Zeilen der Änderung markiert (Reiter "
                     "„Files changed“). Korrigieren, speichern, erneut committen; "
                     "Erklärungen: guide/redaktion.md, Abschnitt „Was die Meldungen bedeuten“.")
    else:
        lines.append(f"**Alles in Ordnung**: {checked} Einträge geprüft."
                     + (" Hinweise bitte ansehen." if shown else ""))
    if shown:
        lines += ["", "| Art | Datei | Zeile | Eintrag | Meldung |",
                  "| --- | --- | ---: | --- | --- |"]
        for p in shown:
            kind = "Hinweis" if p.warning else "Fehler"
            lines.append(f"| {kind} | {_cell(p.file)} | {p.line} | {_cell(p.record_id or '')} "
                         f"| {_cell(_text(p, 'de'))} |")
    missing = len(problems) - len(shown)
    if missing:
        lines += ["", f"{missing} Angaben in data/site.yaml fehlen noch "
                  "(Liste: `microsite check --facts`)."]
    return "\n".join(lines) + "\n"


def report_to_github(problems: list[Problem], lang: str, checked: int | None,
                     environ: Mapping[str, str] = os.environ) -> list[str]:
    """The annotation lines to print; writes the job summary where GitHub gives a file."""
    target = environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with Path(target).open("a", encoding="utf-8") as out:
            out.write(summary(problems, checked))
    return [annotation(p, lang) for p in problems if p.code != "fact_missing"]
