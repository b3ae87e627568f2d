"""``microsite`` command line: ``check`` validates the data without building the site,
``build`` builds it with an engine of choice (stage → engine → finish)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from microsite.checks.annotations import report_to_github, under_github_actions
from microsite.checks.problems import Problem
from microsite.checks.validation import ValidationFailed
from microsite.editing.cms_cli import add_commands
from microsite.editing.layout_check import layout_problem
from microsite.publish.shared_origin import config_warning
from microsite.render.project import ProjectConfigError, read_project_settings
from microsite.render.release_gate import release_log_line
from microsite.render.site import load_site

if TYPE_CHECKING:  # the build's modules load only for build and stage
    from microsite.publish.build import BuildFailed

# warnings about something that is lost on publishing, not a matter of style
LOUD_WARNINGS = frozenset({"renamed_without_former_ids"})


def _line(problem: Problem, lang: str) -> str:
    """An error as its message; a warning marked as one, so editors can tell them apart."""
    if not problem.warning:
        return problem.message(lang)
    if problem.code in LOUD_WARNINGS:
        return f"{'Warnung' if lang == 'de' else 'Warning'}: {problem.message(lang)}"
    return f"{'Hinweis' if lang == 'de' else 'Warning'}: {problem.message(lang)}"


def _report(problems: list[Problem], lang: str, facts_file: str, list_facts: bool) -> None:
    """Every problem, except that missing site facts are one line unless asked for.

    The facts stay missing until the city supplies them; listed one by one they would bury the
    warnings an editor can act on, such as stale translations.
    """
    missing_facts = [p for p in problems if p.code == "fact_missing"]
    for problem in problems:
        if list_facts or problem.code != "fact_missing":
            print(_line(problem, lang), file=sys.stderr)
    if missing_facts and not list_facts:
        count = len(missing_facts)
        print(f"Hinweis: {count} Angaben in {facts_file} fehlen noch "
              "(Liste: microsite check --facts)" if lang == "de" else
              f"Warning: {count} facts in {facts_file} are still missing "
              "(list: microsite check --facts)", file=sys.stderr)


def _annotate(problems: list[Problem], lang: str, checked: int | None) -> None:
    """Under GitHub Actions: annotations on the lines of the pull request, and a summary."""
    if under_github_actions():
        for line in report_to_github(problems, lang, checked):
            print(line)


def check(config_file: Path, lang: str | None, list_facts: bool = False) -> int:
    """Validate records and interface texts; print every problem; 0 when publishable."""
    settings, message_lang = read_project_settings(config_file)
    lang = lang or message_lang
    try:
        site = load_site(settings)
    except ValidationFailed as failed:
        _annotate(failed.problems, lang, None)
        _report(failed.problems, lang, settings.facts_file, list_facts)
        errors = sum(1 for p in failed.problems if not p.warning)
        print(f"{errors} Fehler." if lang == "de" else f"{errors} error(s).", file=sys.stderr)
        return 1
    layout = layout_problem(settings.root / settings.data_file, str(settings.data_file),
                            site.records_file)
    warnings = [*site.warnings, *([layout] if layout else [])]
    _annotate(warnings, lang, len(site.all_records))
    _report(warnings, lang, settings.facts_file, list_facts)
    gate = release_log_line(site.unreleased, settings.facts_file, lang)
    if gate:  # as the build log says it
        print(f"{'Hinweis' if lang == 'de' else 'Warning'}: {gate}", file=sys.stderr)
    shared = config_warning(config_file, lang)
    if shared:
        print(f"{'Hinweis' if lang == 'de' else 'Warning'}: {shared}", file=sys.stderr)
    count = len(site.all_records)
    published = sum(1 for r in site.all_records if r.is_published(settings.build_date))
    if lang == "de":
        extra = f" (davon {published} veröffentlicht)" if published != count else ""
        print(f"OK: {count} Einträge geprüft{extra}.")
    else:
        extra = f" ({published} of them published)" if published != count else ""
        print(f"OK: {count} records checked{extra}.")
    return 0


def review_command(config_file: Path, record_id: str, lang: str) -> int:
    """Write the review of one translation into the data file; German messages."""
    from microsite.checks.file_guards import link_refusal
    from microsite.editing.review import ReviewError, review

    settings, _ = read_project_settings(config_file)
    path = settings.root / settings.data_file
    refused = link_refusal(path, settings.data_file)
    if refused:  # no tool writes outside what it edits
        print(refused, file=sys.stderr)
        return 1
    text = path.read_text(encoding="utf-8")
    try:
        new_text, marks = review(text, record_id, lang, settings.languages.default)
    except ReviewError as exc:
        print(f"{settings.data_file}: {exc}.", file=sys.stderr)
        return 1
    if new_text == text:
        print(f"{settings.data_file}: „{record_id}“ ({lang}) war schon als geprüft vermerkt.")
        return 0
    path.write_text(new_text, encoding="utf-8")
    print(f"{settings.data_file}: Übersetzung „{lang}“ von „{record_id}“ als geprüft vermerkt "
          f"({', '.join(f'{k}: {v}' for k, v in marks.items())}).")
    return 0


def build_command(config_file: Path, engine: str, site_dir: Path | None) -> int:
    """Build the site with ``engine``; every message of bad data, and no traceback."""
    from microsite.publish.build import BuildFailed, build

    try:
        build(config_file, engine, site_dir, say=lambda line: print(line, file=sys.stderr))
    except BuildFailed as failed:
        return _failed(failed)
    return 0


def stage_command(config_file: Path, output: Path) -> int:
    """Write the staged folder only (for an engine run by hand, e.g. Zensical)."""
    from microsite.publish.build import BuildFailed, load_checked, project_of
    from microsite.publish.stage import stage

    try:
        project = project_of(config_file)
        site = load_checked(project, say=lambda line: print(line, file=sys.stderr))
    except BuildFailed as failed:
        return _failed(failed)
    output.mkdir(parents=True, exist_ok=True)
    staged = stage(project, site, output.resolve())
    print(staged.config_file)
    return 0


def _failed(failed: BuildFailed) -> int:
    """Every problem as ``check`` prints it, then the summary; exit status 1."""
    for problem in failed.problems:
        print(_line(problem, failed.lang), file=sys.stderr)
    print(failed.summary, file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="microsite", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check_parser = sub.add_parser("check", help="validate data/ without building the site")
    check_parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    check_parser.add_argument("--lang", choices=("de", "en"), help="language of the messages")
    check_parser.add_argument("--facts", action="store_true",
                              help="list every missing fact of data/site.yaml, not just a count")
    review_parser = sub.add_parser(
        "review", help="record that a translation of a record was checked (writes fingerprints)")
    review_parser.add_argument("record", help="the record's id")
    review_parser.add_argument("--lang", required=True, help="the translation's language, e.g. en")
    review_parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    build_parser = sub.add_parser(
        "build", help="build the site: stage, the engine over the staged pages, finish")
    build_parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    build_parser.add_argument("--engine", choices=("mkdocs", "properdocs"), default="mkdocs")
    build_parser.add_argument("-d", "--site-dir", type=Path,
                              help="where the site goes (else mkdocs.yml's site_dir)")
    stage_parser = sub.add_parser("stage", help="write the staged pages and config only")
    stage_parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    stage_parser.add_argument("-o", "--output", required=True, type=Path)
    schema_parser = sub.add_parser("schema", help="print the JSON Schema of projects.yaml")
    schema_parser.add_argument("-o", "--output", type=Path)
    add_commands(sub)
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except ProjectConfigError as exc:  # mkdocs.yml itself cannot be read: named, no traceback
        print(exc, file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if hasattr(args, "run"):
        return args.run(args)
    if args.command == "check":
        return check(args.config_file, args.lang, args.facts)
    if args.command == "review":
        return review_command(args.config_file, args.record, args.lang)
    if args.command == "build":
        return build_command(args.config_file, args.engine, args.site_dir)
    if args.command == "stage":
        return stage_command(args.config_file, args.output)
    from microsite.data.schema import schema_json

    if args.output:
        args.output.write_text(schema_json(), encoding="utf-8")
    else:
        sys.stdout.write(schema_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
