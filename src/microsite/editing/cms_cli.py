"""Command-line parts for the browser editor: ``format``, ``cms-config``, ``admin``, ``edit``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from microsite.checks.collector import refusal_problem
from microsite.checks.file_guards import link_refusal
from microsite.data.input_guards import InputRefused, read_data_file
from microsite.data.loading import YamlSyntaxError, read_yaml
from microsite.editing.yaml_layout import format_projects


def _format(args: argparse.Namespace) -> int:
    """Write the file in the editor's layout; ``--check`` only says whether it is."""
    path: Path = args.file
    refused = link_refusal(path, str(path))
    if refused:  # rewriting it would change the file the link leads to
        print(refused, file=sys.stderr)
        return 1
    try:
        text = read_data_file(path)
        data = read_yaml(path).data
    except InputRefused as refused:  # unreadable, not UTF-8, control characters, …
        print(refusal_problem(refused, str(path)).message("de"), file=sys.stderr)
        return 1
    except YamlSyntaxError as exc:
        print(f"{path}, Zeile {exc.position.line}: die Datei ist kein gültiges YAML "
              "(./dev check erklärt, was fehlt)", file=sys.stderr)
        return 1
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        print(f"{path}: keine Liste „records:“ gefunden; erst ./dev check ausführen",
              file=sys.stderr)
        return 1
    formatted = format_projects(data)
    if formatted == text:
        return 0
    if args.check:
        print(f"{path}: nicht in der Anordnung des Editors (microsite format {path})",
              file=sys.stderr)
        return 1
    path.write_text(formatted, encoding="utf-8")
    print(f"{path}: neu angeordnet", file=sys.stderr)
    return 0


def _cms_config(args: argparse.Namespace) -> int:
    from microsite.editing.admin_site import generated_config

    text = generated_config(args.root.resolve())
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _admin(args: argparse.Namespace) -> int:
    from microsite.editing.admin_site import BundleMissing, write_admin

    try:
        target = write_admin(args.site_dir, args.root)
    except BundleMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Editor: {target}", file=sys.stderr)
    return 0


def _edit(args: argparse.Namespace) -> int:
    from microsite.editing.admin_site import BundleMissing
    from microsite.editing.cms_local import run_editor

    try:
        return run_editor(args.root.resolve(), port=args.port, open_browser=not args.no_browser)
    except BundleMissing as exc:
        print(exc, file=sys.stderr)
        return 1


def add_commands(sub: argparse._SubParsersAction) -> None:
    fmt = sub.add_parser("format", help="write data/projects.yaml in the browser editor's layout")
    fmt.add_argument("file", nargs="?", default=Path("data/projects.yaml"), type=Path)
    fmt.add_argument("--check", action="store_true", help="only report; exit 1 if it differs")
    fmt.set_defaults(run=_format)
    cfg = sub.add_parser("cms-config", help="print the editor's configuration (admin/config.yml)")
    cfg.add_argument("-o", "--output", type=Path)
    cfg.add_argument("--root", default=Path("."), type=Path)
    cfg.set_defaults(run=_cms_config)
    adm = sub.add_parser("admin", help="write the editor into <site_dir>/admin/ after a build")
    adm.add_argument("site_dir", nargs="?", default=Path("site"), type=Path)
    adm.add_argument("--root", default=Path("."), type=Path)
    adm.set_defaults(run=_admin)
    edit = sub.add_parser("edit", help="the editor on the working copy (local backend)")
    edit.add_argument("--root", default=Path("."), type=Path)
    edit.add_argument("--port", default=8090, type=int)
    edit.add_argument("--no-browser", action="store_true")
    edit.set_defaults(run=_edit)
