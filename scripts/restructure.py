"""One-off maintenance: put ``src/microsite/`` and ``tests/`` into folders by stage.

Moves every module of the flat package into the folder of the stage it belongs to (``git mv``),
gives each folder an ``__init__.py`` that says its job, moves the tests into the same folders
and their helpers into ``tests/helpers/``, and rewrites every reference across the tree:
imports (``microsite.x``, ``from microsite import x``), dotted names in strings (monkeypatch
targets, Markdown extensions in ``mkdocs.yml``, entry points in ``pyproject.toml``), paths
(``src/microsite/x.py``, ``tests/test_x.py``) in code and documentation (not in ``docs/``,
which is published as it is), and ``Path(__file__)`` of moved tests. Then it sorts the imports
(``ruff check --select I --fix``) and names what ruff still finds.

It stops, changing nothing, on a module or test it has no place for: add it to ``MODULES`` or
``TESTS`` below and run it again. Running it again on a tree already in folders changes
nothing (it moves what is still flat and rewrites what still names the old places).

    python scripts/restructure.py            # do it
    python scripts/restructure.py --dry-run  # only say what it would move
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "microsite"
TESTS_DIR = REPO / "tests"

STAGES: dict[str, str] = {
    "data": "Reading the editor's files into the model: YAML with positions, guards, schema.",
    "checks": "Every rule the data must follow, and its message in German and English.",
    "render": "What each page shows: site facts, views, formatting, allow-list Markdown, pages.",
    "publish": "What the build writes besides pages: open data, CSP, sitemaps, redirects, swap.",
    "editing": "The editors' tools: browser editor, local editing server, review, file layout.",
}
"""Stage folder → its job, in the order data passes through them (``__init__.py``'s line)."""

MODULES: dict[str, str] = {
    # data: reading the editor's files into the model
    "document": "data",
    "loading": "data",
    "input_guards": "data",
    "yaml_mistakes": "data",
    "model": "data",
    "schema": "data",
    "schema_patterns": "data",
    "source_data": "data",
    "translations": "data",
    "urls": "data",
    # checks: every rule and its message
    "problems": "checks",
    "editorial_messages": "checks",
    "collector": "checks",
    "text_checks": "checks",
    "record_rules": "checks",
    "editorial_checks": "checks",
    "record_building": "checks",
    "validation": "checks",
    "doc_links": "checks",
    "id_history": "checks",
    "annotations": "checks",
    "deceptive_text": "checks",  # issue 16
    "file_guards": "checks",  # issue 16
    "source_rules": "checks",  # issue 18
    "status_history": "checks",  # issue 18
    # render: what each page shows
    "ui": "render",
    "formatting": "render",
    "markup": "render",
    "gender_forms": "render",
    "easy_read": "render",
    "status": "render",
    "sources": "render",
    "views": "render",
    "structured_data": "render",
    "facts": "render",
    "release_gate": "render",
    "site": "render",
    "project": "render",
    "pages": "render",
    "status_view": "render",  # issue 18
    "help_contact": "render",  # issue 19
    "overview_pages": "render",  # issue 19
    "palette": "render",  # issue 19
    "bidi": "render",  # issue 20
    # publish: what the build writes besides pages
    "csp": "publish",
    "sitemap": "publish",
    "redirects": "publish",
    "search_split": "publish",
    "site_swap": "publish",
    "publish": "publish/publication",
    "exports": "publish",  # the package, as publish/exports/
    "shared_origin": "publish",  # issue 16: a warning on the site's address
    # editing: the editors' tools
    "yaml_layout": "editing",
    "review": "editing",
    "cms_config": "editing",
    "admin_site": "editing",
    "cms_local": "editing",
    "cms_cli": "editing",
    "layout_check": "editing",  # issue 17: check asks for the editor's layout
    "edit_check": "editing",  # issue 17: ./dev edit runs check after each save
}
"""Module (or package) of the flat package → ``stage`` or ``stage/new_name``."""

TOP_LEVEL = {"__init__", "cli", "mkdocs_plugin"}
"""What stays at the top of the package: the command line and the MkDocs adapter."""

TEST_FOLDERS = (*STAGES, "mkdocs_plugin", "project")
"""Test folders: one per stage, the MkDocs adapter, and ``project`` for the repository as a
whole (code style, locks, workflows, the real data, the layout itself)."""

TESTS: dict[str, str] = {
    "test_loading": "data",
    "test_hostile_input": "data",
    "test_parse_once": "data",
    "test_schema_file": "data",
    "test_bad_input": "checks",
    "test_editorial_checks": "checks",
    "test_doc_links": "checks",
    "test_id_history": "checks",
    "test_annotations": "checks",
    "test_drafts_and_translations": "checks",
    "test_xss_corpus": "checks",
    "test_xss_browser": "checks",
    "test_deceptive_text": "checks",  # issue 16
    "test_foreign_files": "checks",  # issue 16
    "test_source_rules": "checks",  # issue 18
    "test_check_messages": "checks",  # issue 17
    "test_formatting": "render",
    "test_easy_read": "render",
    "test_gender_forms": "render",
    "test_facts_as_text": "render",
    "test_public_pages": "render",
    "test_site_build": "render",
    "test_source_attribution": "render",
    "test_way_in": "render",
    "test_release_gate": "render",
    "test_browser": "render",
    "test_browser_layout": "render",
    "test_dated_statuses": "render",  # issue 18
    "test_next_step": "render",  # issue 19
    "test_browser_next_step": "render",  # issue 19
    "test_languages": "render",  # issue 20
    "test_csp": "publish",
    "test_open_data": "publish",
    "test_csv_formulas": "publish",
    "test_dcat_shacl": "publish",
    "test_sitemap_schema": "publish",
    "test_robots": "publish",
    "test_site_swap": "publish",
    "test_permanent_ids": "publish",
    "test_publishing": "publish",
    "test_search_content": "publish",
    "test_offline_build": "publish",
    "test_shared_origin": "publish",  # issue 16
    "test_cms_browser": "editing",
    "test_cms_config": "editing",
    "test_cms_format": "editing",
    "test_cms_site": "editing",
    "test_review": "editing",
    "test_cms_security": "editing",  # issue 16
    "test_cms_parity": "editing",  # issue 17 (imports test_cms_browser: same folder)
    "test_cms_checks": "editing",  # issue 17
    "test_live_preview": "mkdocs_plugin",
    "test_properdocs": "mkdocs_plugin",
    "test_dev_build": "mkdocs_plugin",
    "test_speed_paths": "mkdocs_plugin",
    "test_work_once": "mkdocs_plugin",  # issue 22
    "test_architecture": "project",
    "test_code_style": "project",
    "test_lock": "project",
    "test_workflows": "project",
    "test_precommit": "project",
    "test_guide": "project",
    "test_no_live_content": "project",
    "test_real_data": "project",
    "test_benchmark": "project",
    "test_dev_setup": "project",  # issue 16
    "test_budget_script": "project",  # issue 22
}
"""Test module → its folder under ``tests/``."""

HELPERS = {
    "bad_inputs", "browser", "cms_editor", "leaks", "linkcheck", "poisoned_site", "projectcopy",
    "sitebuild", "xss_vectors", "shared_builds",
}
"""Modules the tests import (on pytest's ``pythonpath``): all in ``tests/helpers/``."""

TESTS_STAY = {"conftest"}
"""Test modules that stay at the top of ``tests/``."""

SKIP_REWRITE = {"scripts/restructure.py", "tests/project/test_restructure.py"}
"""The script and its test, which name the old places on purpose."""
TEXT_SUFFIXES = {
    ".py", ".toml", ".yml", ".yaml", ".md", ".txt", ".cfg", ".ini", ".html", ".css", ".js",
    ".cjs", ".json", ".sh", "",
}
NOT_REWRITTEN = re.compile(
    r"(^|/)(node_modules|\.venv|site)/|package-lock\.json$|^requirements/|^docs/")
"""Left as they are: installed and generated files, and ``docs/``, which is published as it is
(the site must not change by a byte through a move of the code)."""


class Unmapped(SystemExit):
    pass


def new_dotted(name: str) -> str:
    """``loading`` → ``data.loading``; ``publish`` → ``publish.publication``."""
    target = MODULES[name]
    return target.replace("/", ".") if "/" in target else f"{target}.{name}"


def new_path(name: str) -> str:
    return new_dotted(name).replace(".", "/")


def unmapped() -> list[str]:
    """Flat modules and packages, tests and helpers this script has no place for."""
    missing = []
    for path in sorted(PACKAGE.iterdir()):
        name = path.stem if path.suffix == ".py" else path.name
        if path.name == "__pycache__" or (path.is_file() and path.suffix != ".py"):
            continue
        if path.is_dir() and not (path / "__init__.py").exists():
            continue
        if name not in MODULES and name not in TOP_LEVEL and name not in STAGES:
            missing.append(f"src/microsite/{path.name} (add it to MODULES)")
    for path in sorted(TESTS_DIR.glob("*.py")):
        known = TESTS.keys() | HELPERS | TESTS_STAY
        if path.stem not in known:
            missing.append(f"tests/{path.name} (add it to TESTS or HELPERS)")
    return missing


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)


def move(source: Path, target: Path, dry_run: bool) -> None:
    print(f"move {source.relative_to(REPO)} -> {target.relative_to(REPO)}")
    if dry_run:
        return
    if target.exists():
        raise SystemExit(f"restructure: {target.relative_to(REPO)} exists already; "
                         f"{source.relative_to(REPO)} would overwrite it (merge them by hand)")
    target.parent.mkdir(parents=True, exist_ok=True)
    tracked = _git("ls-files", "--error-unmatch", str(source)).returncode == 0
    if tracked:
        result = _git("mv", str(source), str(target))
        if result.returncode != 0:
            raise SystemExit(f"restructure: git mv failed: {result.stderr.strip()}")
    else:
        shutil.move(source, target)


def make_stage_packages(dry_run: bool) -> None:
    for stage, job in STAGES.items():
        init = PACKAGE / stage / "__init__.py"
        if init.exists() or dry_run:
            continue
        init.parent.mkdir(exist_ok=True)
        init.write_text(f'"""{job}"""\n', encoding="utf-8")
        _git("add", str(init))


def move_modules(dry_run: bool) -> None:
    for name in MODULES:
        flat = PACKAGE / f"{name}.py"
        if not flat.exists() and name not in STAGES and (PACKAGE / name / "__init__.py").exists():
            flat = PACKAGE / name  # a package such as exports/
        if not flat.exists():
            continue  # moved already (or not in this tree)
        target = PACKAGE / (new_path(name) + ("" if flat.is_dir() else ".py"))
        move(flat, target, dry_run)


_FILE_PARENTS = re.compile(r"Path\(__file__\)(\.resolve\(\))?((?:\.parent)+)(?![\w\[])")


def _one_level_deeper(text: str) -> str:
    """``Path(__file__)`` of a file moved one folder down: ``.parent`` × n → ``.parents[n]``."""
    return _FILE_PARENTS.sub(
        lambda m: f"Path(__file__){m.group(1) or ''}.parents[{m.group(2).count('.parent')}]",
        text)


def move_tests(dry_run: bool) -> None:
    moves = [(TESTS_DIR / f"{name}.py", TESTS_DIR / folder / f"{name}.py")
             for name, folder in TESTS.items()]
    moves += [(TESTS_DIR / f"{name}.py", TESTS_DIR / "helpers" / f"{name}.py")
              for name in sorted(HELPERS)]
    for source, target in moves:
        if not source.exists():
            continue
        move(source, target, dry_run)
        if not dry_run:
            text = target.read_text(encoding="utf-8")
            deeper = _one_level_deeper(text)
            if deeper != text:
                target.write_text(deeper, encoding="utf-8")


def _stage_members(stage: str) -> set[str]:
    """Names inside a stage folder: its modules, and packages moved into it."""
    return {new_dotted(name).split(".")[1] for name, target in MODULES.items()
            if target.split("/")[0] == stage}


def _dotted_rewriter() -> Callable[[str], str]:
    names = sorted(MODULES, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w./-])microsite\.(" + "|".join(names) + r")(?!\w)")

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in STAGES:  # ``publish`` is also a folder: leave what names the folder
            rest = match.string[match.end():]
            members = _stage_members(name)
            after = re.match(r"\.(\w+)", rest) or re.match(r"\s+import\s+\(?\s*(\w+)", rest)
            if after and after.group(1) in members:
                return match.group(0)
        return f"microsite.{new_dotted(name)}"

    return lambda text: pattern.sub(replace, text)


_FROM_PACKAGE = re.compile(
    r"^(?P<indent>[ \t]*)from microsite import (?P<names>\([^)]*\)|[^\n]*)", re.M)


_SYS_PATH_TESTS = re.compile(r'^sys\.path\.insert\(0, str\(REPO / "tests"\)\)$', re.M)


def _tests_on_sys_path(text: str) -> str:
    """A script that put ``tests/`` on ``sys.path`` now puts the helpers there, and the folder
    of every test module it imports."""
    if not _SYS_PATH_TESTS.search(text):
        return text
    imported = re.findall(r"^\s*from (test_\w+) import", text, re.M)
    folders = ["helpers", *sorted({TESTS[name] for name in imported if name in TESTS})]
    listed = ", ".join(f'"{folder}"' for folder in folders)
    if len(folders) == 1:
        listed += ","
    line = f'sys.path[:0] = [str(REPO / "tests" / folder) for folder in ({listed})]'
    return _SYS_PATH_TESTS.sub(line, text)


def _split_from_package(text: str) -> str:
    """``from microsite import loading, views`` → one import per stage folder."""

    def replace(match: re.Match[str]) -> str:
        names = [n.strip() for n in match.group("names").strip("()").split(",") if n.strip()]
        by_package: dict[str, list[str]] = {}
        for item in names:
            name = item.split()[0]
            if name in MODULES:
                package, _, module = new_dotted(name).rpartition(".")
                alias = item.split(" as ")[1].strip() if " as " in item else None
                alias = alias or (None if module == name else name)
                shown = f"{module} as {alias}" if alias else module
                by_package.setdefault(f"microsite.{package}", []).append(shown)
            else:
                by_package.setdefault("microsite", []).append(item)
        if list(by_package) == ["microsite"]:
            return match.group(0)
        indent = match.group("indent")
        return "\n".join(f"{indent}from {package} import {', '.join(items)}"
                         for package, items in by_package.items())

    return _FROM_PACKAGE.sub(replace, text)


def _path_rewriter() -> Callable[[str], str]:
    module_pattern = re.compile(
        r"(?<![\w.-])src/microsite/(" + "|".join(sorted(MODULES, key=len, reverse=True))
        + r")(\.py\b|(?![\w.]))")
    test_names = {**TESTS, **dict.fromkeys(HELPERS, "helpers")}
    test_pattern = re.compile(
        r"(?<![\w./-])tests/(" + "|".join(sorted(test_names, key=len, reverse=True))
        + r")\.py\b")

    def module(match: re.Match[str]) -> str:
        name, ending = match.group(1), match.group(2)
        if ending != ".py" and name != "exports":
            return match.group(0)  # ``src/microsite/site`` alone is no path of a module
        return f"src/microsite/{new_path(name)}{ending}"

    def rewrite(text: str) -> str:
        text = module_pattern.sub(module, text)
        return test_pattern.sub(lambda m: f"tests/{test_names[m.group(1)]}/{m.group(1)}.py", text)

    return rewrite


def text_files() -> list[Path]:
    listed = _git("ls-files", "--cached", "--others", "--exclude-standard").stdout.splitlines()
    files = []
    for rel in listed:
        path = REPO / rel
        if rel in SKIP_REWRITE or NOT_REWRITTEN.search(rel) or not path.is_file():
            continue
        if path.suffix not in TEXT_SUFFIXES or path.is_symlink():
            continue
        files.append(path)
    return files


def rewrite_references(dry_run: bool) -> list[Path]:
    dotted, paths = _dotted_rewriter(), _path_rewriter()
    changed = []
    for path in text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        python = path.suffix == ".py"
        new = paths(dotted(_tests_on_sys_path(_split_from_package(text)) if python else text))
        if path.name == "pyproject.toml":
            new = new.replace('pythonpath = ["tests"]', 'pythonpath = ["tests/helpers"]')
            new = new.replace('src = ["src", "tests"]', 'src = ["src", "tests", "tests/helpers"]')
        if new != text:
            changed.append(path)
            print(f"rewrite {path.relative_to(REPO)}")
            if not dry_run:
                path.write_text(new, encoding="utf-8")
    return changed


def tidy() -> None:
    """Renamed modules change the order of import blocks: ruff puts them back in order. Then it
    names what is left to fix by hand: lines a longer module path made too long, and what a
    merge left behind (an import that one branch removed and another still needs)."""
    ruff = [sys.executable, "-m", "ruff", "check"]
    roots = [str(REPO / folder) for folder in ("src", "tests", "scripts", "bench")]
    subprocess.run([*ruff, "--select", "I", "--fix", "--quiet", *roots], cwd=REPO)
    left = subprocess.run([*ruff, "--output-format", "concise", *roots], cwd=REPO,
                          capture_output=True, text=True)
    if left.returncode != 0:
        print("restructure: ruff finds these, fix them by hand:\n" + left.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="only say what would change")
    args = parser.parse_args(argv)
    missing = unmapped()
    if missing:
        print("restructure: no place for these; nothing was changed:", file=sys.stderr)
        for line in missing:
            print(f"  {line}", file=sys.stderr)
        return 2
    make_stage_packages(args.dry_run)
    move_modules(args.dry_run)
    move_tests(args.dry_run)
    changed = rewrite_references(args.dry_run)
    if not args.dry_run:
        tidy()
        _git("add", "-A", "src", "tests")
    print(f"restructure: {'would rewrite' if args.dry_run else 'rewrote'} {len(changed)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
