"""``microsite`` command line: ``check`` validates the data without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from microsite.problems import Problem
from microsite.project import read_project_settings
from microsite.site import load_site
from microsite.validation import ValidationFailed


def _line(problem: Problem, lang: str) -> str:
    """An error as its message; a warning marked as one, so editors can tell them apart."""
    if not problem.warning:
        return problem.message(lang)
    return f"{'Hinweis' if lang == 'de' else 'Warning'}: {problem.message(lang)}"


def check(config_file: Path, lang: str | None) -> int:
    """Validate records and interface texts; print every problem; 0 when publishable."""
    settings, message_lang = read_project_settings(config_file)
    lang = lang or message_lang
    try:
        site = load_site(settings)
    except ValidationFailed as failed:
        for problem in failed.problems:
            print(_line(problem, lang), file=sys.stderr)
        errors = sum(1 for p in failed.problems if not p.warning)
        print(f"{errors} Fehler." if lang == "de" else f"{errors} error(s).", file=sys.stderr)
        return 1
    for problem in site.warnings:
        print(_line(problem, lang), file=sys.stderr)
    count = len(site.records)
    print(f"OK: {count} Einträge geprüft." if lang == "de" else f"OK: {count} records checked.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="microsite", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check_parser = sub.add_parser("check", help="validate data/ without building the site")
    check_parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    check_parser.add_argument("--lang", choices=("de", "en"), help="language of the messages")
    schema_parser = sub.add_parser("schema", help="print the JSON Schema of projects.yaml")
    schema_parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.config_file, args.lang)
    from microsite.schema import schema_json

    if args.output:
        args.output.write_text(schema_json(), encoding="utf-8")
    else:
        sys.stdout.write(schema_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
