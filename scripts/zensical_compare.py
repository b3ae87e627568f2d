"""How far Zensical gets with this site (issue 21): builds the sample project with MkDocs
(``microsite build --engine mkdocs``, the project's ``.venv``) and on Zensical from the same
staged folder, then runs our finish step over Zensical's output and compares the two sites page
by page, element by element (``page_elements.py``), and site-wide.

Zensical builds the staged folder two ways: with zensical-i18n (``zensical-i18n build``), and
plain ``zensical build`` once per language. Both come from their own environment,
``.venv-zensical/``, made from the hash lock ``tools/zensical/requirements.txt``; ``.venv`` is
never touched.

A report, not a gate: it exits 0 whatever differs, also when a Zensical build fails (that is
its result); 1 only when the MkDocs build or the stage step fails.

    .venv/bin/python scripts/zensical_compare.py                  # tables and differences
    .venv/bin/python scripts/zensical_compare.py --json           # the same as JSON
    .venv/bin/python scripts/zensical_compare.py --keep /tmp/zc   # keep sites, staged folders
    .venv/bin/python scripts/zensical_compare.py --update-readme  # also the README's result
    .venv/bin/python scripts/zensical_compare.py --drop-replace-count  # see below
    .venv/bin/python scripts/zensical_compare.py --browser        # also Chromium and axe-core

MiniJinja, Zensical's template engine, takes no count in ``replace(a, b, n)``: as long as our
templates use one, both Zensical builds stop there. ``--drop-replace-count`` gives Zensical a
copy of the templates without the counts (MkDocs builds them as they are), to see the rest.

Setting up ``.venv-zensical`` needs PyPI once; the builds run without network
(``unshare -n`` where the machine allows it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import venv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
sys.path[:0] = [str(REPO / "tests" / "helpers"), str(SCRIPTS)]
from page_elements import Comparison, compare_pages, read_site, site_results  # noqa: E402
from readme_block import replace_block  # noqa: E402

from projectcopy import copy_project  # noqa: E402
from sitebuild import epoch  # noqa: E402

LOCK = REPO / "tools" / "zensical" / "requirements.txt"
ZENSICAL_VENV = REPO / ".venv-zensical"
PROJECT_PYTHON = Path(sys.executable)
BUILD_DATE = dt.date(2026, 11, 25)  # the tests' build date: statuses as the tests see them
ZENSICAL_CONFIG = "zensical.yml"
ZENSICAL_SITE = "site-zensical"  # zensical-i18n writes only inside the configuration's folder


STRICT_STOP = "Aborted because --strict flag is set"
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Zensical colours its log whatever NO_COLOR says


class SetupFailed(Exception):
    pass


def _run(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None,
         offline: bool = False) -> subprocess.CompletedProcess[str]:
    wrapper = ["unshare", "-n", "--"] if offline and _can_cut_network() else []
    return subprocess.run([*wrapper, *cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)


@functools.cache
def _can_cut_network() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-n", "--", "true"], capture_output=True).returncode == 0


def zensical_venv() -> Path:
    """``.venv-zensical`` made from the lock (remade when the lock changed); never ``.venv``."""
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    stamp = ZENSICAL_VENV / ".lock-sha256"
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return ZENSICAL_VENV
    shutil.rmtree(ZENSICAL_VENV, ignore_errors=True)
    venv.create(ZENSICAL_VENV, with_pip=True)
    proc = _run([str(ZENSICAL_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                 "--disable-pip-version-check", "--require-hashes", "--only-binary", ":all:",
                 "-r", str(LOCK)], cwd=REPO)
    if proc.returncode:
        raise SetupFailed(f"installing {LOCK.relative_to(REPO)} failed:\n{proc.stderr}")
    stamp.write_text(digest + "\n")
    return ZENSICAL_VENV


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": epoch(BUILD_DATE), "NO_MKDOCS_2_WARNING": "1"}


def _microsite(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return _run([str(PROJECT_PYTHON), "-m", "microsite.cli", *args], cwd=cwd, env=_env(),
                offline=True)


def build_mkdocs(project: Path, site: Path) -> str:
    """The site as it is published: stage, MkDocs over the staged folder, finish."""
    cmd = ["build", "-f", "mkdocs.yml", "--engine", "mkdocs", "-d", str(site)]
    proc = _microsite(*cmd, cwd=project)
    if proc.returncode:
        raise SetupFailed(f"microsite {' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    return f"microsite build -f mkdocs.yml --engine mkdocs -d {site.name}"


CLASSIC_CHANGE = ("theme.variant: classic (Material's look; in Zensical's default, modern, "
                  "our header links – languages, Leichte Sprache – are in the page but not "
                  "shown)")


def zensical_config(staged: Path) -> tuple[Path, list[str]]:
    """The staged configuration as zensical-i18n needs it, and what had to change.

    - the site folder inside the configuration's folder (zensical-i18n refuses others);
    - our own language switcher kept: with ``reconfigure_material`` zensical-i18n replaces
      ``partials/alternate.html`` with its own drop-down; without it, nothing sets
      ``extra.alternate``, and the theme includes ``alternate.html`` only where that is set
      (mkdocs-static-i18n sets it under MkDocs)."""
    config = yaml.safe_load((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    changes = [f"site_dir: {ZENSICAL_SITE} (zensical-i18n writes only below the config)",
               CLASSIC_CHANGE]
    config["site_dir"] = ZENSICAL_SITE
    config["theme"] = {**config["theme"], "variant": "classic"}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            options = plugin["i18n"]
            if options.get("reconfigure_material", True):
                options["reconfigure_material"] = False
                changes.append("i18n reconfigure_material: false (keeps our language switcher)")
            extra = config.setdefault("extra", {})
            if not extra.get("alternate"):
                extra["alternate"] = [
                    {"name": language.get("name"), "lang": language["locale"],
                     "link": "/" if language.get("default") else f"/{language['locale']}/"}
                    for language in options.get("languages") or []]
                changes.append("extra.alternate set (the theme shows alternate.html, our "
                               "language switcher, only where it is)")
    path = staged / ZENSICAL_CONFIG
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path, changes


def zensical_templates(python: Path) -> Path:
    """Zensical's own theme folder (its Material templates), in its environment."""
    proc = _run([str(python), "-c", "import pathlib, zensical; "
                 "print(pathlib.Path(zensical.__file__).parent / 'templates')"], cwd=REPO)
    return Path(proc.stdout.strip())


def _zensical_env() -> dict[str, str]:
    # our Markdown extensions (microsite.render.*) are plain Python-Markdown extensions
    return {**_env(), "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1"}


def build_zensical(staged: Path, site: Path) -> tuple[str, list[str], str]:
    """Zensical + zensical-i18n over the staged folder; the site moved to ``site``."""
    config, changes = zensical_config(staged)
    tool = zensical_venv() / "bin" / "zensical-i18n"
    strict = ["--strict"]
    while True:
        cmd = [str(tool), "build", *strict, "--clean", "-f", str(config)]
        proc = _run(cmd, cwd=staged, env=_zensical_env(), offline=True)
        log = ANSI.sub("", proc.stdout + proc.stderr)
        if proc.returncode and strict and STRICT_STOP in log:
            changes.append(f"built without --strict, which stopped on: {_strict_warnings(log)}")
            strict = []
            continue
        if proc.returncode:
            raise SetupFailed(f"zensical-i18n build failed:\n{log}")
        break
    shutil.move(staged / ZENSICAL_SITE, site)
    return (f"zensical-i18n build {' '.join([*strict, '--clean'])} -f {ZENSICAL_CONFIG}",
            changes, log)


def _translated_nav(nav: Any, titles: dict[str, str]) -> Any:
    if isinstance(nav, list):
        return [_translated_nav(item, titles) for item in nav]
    if isinstance(nav, dict):
        return {titles.get(key, key): _translated_nav(value, titles)
                for key, value in nav.items()}
    return nav


def language_projects(staged: Path) -> list[tuple[str, Path, bool]]:
    """One plain Zensical project per language of the staged folder (what zensical-i18n
    does, without its changes to the pages): ``zensical-<lang>/`` with the language's pages
    and the shared files as its docs, and its site name, description and navigation."""
    config = yaml.safe_load((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = config.get("plugins") or []
    i18n = next(p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p)
    config["plugins"] = [p for p in plugins if not (isinstance(p, dict) and "i18n" in p)]
    languages = i18n["languages"]
    codes = {language["locale"] for language in languages}
    docs = Path(config["docs_dir"])
    shared = [path for path in docs.iterdir() if path.name not in codes]
    projects = []
    for language in languages:
        lang = language["locale"]
        folder = staged / f"zensical-{lang}"
        shutil.copytree(docs / lang, folder / "docs")
        for path in shared:
            (shutil.copytree if path.is_dir() else shutil.copy2)(path, folder / "docs" / path.name)
        one = {**config, "docs_dir": "docs", "site_dir": "site"}
        one["theme"] = {**config["theme"], "language": lang, "variant": "classic"}
        one["extra"] = {**config.get("extra", {}),
                        "alternate": [{"name": other["name"], "lang": other["locale"]}
                                      for other in languages]}
        for key in ("site_name", "site_description"):
            if language.get(key):
                one[key] = language[key]
        if config.get("site_url") and not language.get("default"):
            one["site_url"] = config["site_url"].rstrip("/") + f"/{lang}/"
        one["nav"] = _translated_nav(config.get("nav"), language.get("nav_translations") or {})
        (folder / "mkdocs.yml").write_text(yaml.safe_dump(one, allow_unicode=True,
                                                          sort_keys=False), encoding="utf-8")
        projects.append((lang, folder, bool(language.get("default"))))
    return projects


def build_zensical_plain(staged: Path, site: Path) -> tuple[str, list[str], str]:
    """Plain ``zensical build`` once per language, into one site (the default language at
    the root), without zensical-i18n."""
    tool = zensical_venv() / "bin" / "zensical"
    logs = []
    changes = ["per language: its pages and the shared files as docs, theme.language, "
               "site_name, site_description, site_url and nav from the i18n settings; "
               "extra.alternate set", CLASSIC_CHANGE]
    strict = ["--strict"]
    for lang, folder, default in language_projects(staged):
        while True:
            proc = _run([str(tool), "build", *strict, "-f", "mkdocs.yml"], cwd=folder,
                        env=_zensical_env(), offline=True)
            logs.append(f"{lang}: {ANSI.sub('', proc.stdout + proc.stderr)}")
            if proc.returncode and strict and STRICT_STOP in logs[-1]:
                changes.append(f"built without --strict, which stopped on: "
                               f"{_strict_warnings(logs[-1])} ({lang})")
                strict = []
                continue
            if proc.returncode:
                raise SetupFailed(f"zensical build of {lang} failed:\n{logs[-1]}")
            break
        shutil.copytree(folder / "site", site if default else site / lang, dirs_exist_ok=True)
    how = f"zensical build {' '.join(strict)} once per language".replace("  ", " ")
    return how, changes, "\n".join(logs)


ENGINES = {
    "zensical-i18n": build_zensical,
    "zensical": build_zensical_plain,
}
"""How Zensical builds the staged folder: with zensical-i18n (the issue's choice), or plain
``zensical build`` once per language (our stage already splits the languages)."""


@dataclass
class EngineRun:
    engine: str
    how: str
    config_changes: list[str]
    warnings: list[str]
    engine_log: str
    comparison: Comparison | None = None
    site_wide: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # the build failed: what it said last


def _strict_warnings(log: str) -> str:
    """What --strict stopped on: each "Warning: …" with the "[ file:line:col ]" after it."""
    lines = [line.strip() for line in ANSI.sub("", log).splitlines() if line.strip()]
    warnings = []
    for index, line in enumerate(lines):
        if line.startswith("Warning:"):
            place = next((m[1] for later in lines[index + 1:index + 4]
                          if (m := re.search(r"\[\s*(\S+:\d+:\d+)\s*\]", later))), "")
            warnings.append(f"{line.removeprefix('Warning:').strip()} ({place})")
    return "; ".join(warnings)


def _last_error(log: str) -> str:
    """The line of a failed build that says why (a Python or Rust error, else the last)."""
    lines = [line.strip() for line in ANSI.sub("", log).splitlines() if line.strip()]
    warnings = _strict_warnings(log)
    error = next((line for pattern in (r"\w+(Error|Exception): |thread .* panicked", r"Error\b")
                  for line in reversed(lines) if re.match(pattern, line)),
                 lines[-1] if lines else "no output")
    if STRICT_STOP in error:
        return f"--strict stopped on: {warnings}"
    return f"{error} (warnings before it: {warnings})" if warnings else error


def build_on_zensical(project: Path, work: Path, engine: str) -> EngineRun:
    """What ``microsite build`` does, with Zensical as the engine: stage, Zensical, finish
    (our steps, in this process; Zensical in its own environment). The CSP allows the inline
    scripts of Zensical's templates, as it allows Material's on MkDocs."""
    from microsite.publish.build import finishing, load_checked, project_of
    from microsite.publish.finish import finish
    from microsite.publish.stage import stage
    from microsite.publish.theme_scripts import theme_scripts

    log: list[str] = []
    settings = project_of(project / "mkdocs.yml")
    site = load_checked(settings, say=log.append)
    staged = stage(settings, site, work / "staged")
    try:
        how, changes, engine_log = ENGINES[engine](staged.folder, work / "site")
    except SetupFailed as failed:
        return EngineRun(engine, "stage, build failed", [], log, str(failed),
                         error=_last_error(str(failed)))
    theme_dirs = [*([settings.custom_dir] if settings.custom_dir else []),
                  zensical_templates(ZENSICAL_VENV / "bin" / "python")]
    finish(site, staged, work / "site",
           finishing(settings, site, settings.site_url, theme_scripts(theme_dirs)),
           warn=log.append)
    return EngineRun(engine, f"stage, {how}, finish", changes, log, engine_log)


def site_files(site: Path) -> set[str]:
    """Files other than assets (the themes' differ; "asset folders" compares where they are)."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*")
            if path.is_file() and "assets" not in path.relative_to(site).parts}


def compare_sites(left: Path, right: Path, browser: bool = False
                  ) -> tuple[Comparison, dict[str, Any]]:
    """Page by page (with ``browser``, also what Chromium finds on each page both wrote), then
    the site-wide results, and which files only one build wrote."""
    left_pages, right_pages = read_site(left), read_site(right)
    if browser:
        from browser_elements import browser_elements

        shared = sorted(set(left_pages) & set(right_pages))
        for pages, site in ((left_pages, left), (right_pages, right)):
            for url, found in browser_elements(site, shared).items():
                pages[url].update(found)
    comparison = compare_pages(left_pages, right_pages)
    left_results, right_results = site_results(left), site_results(right)
    a, b = site_files(left), site_files(right)
    left_results["files (assets aside)"], right_results["files (assets aside)"] = (
        sorted(a), sorted(b))
    site_wide = {name: {"agree": left_results[name] == right_results[name],
                        "mkdocs": left_results[name], "zensical": right_results[name]}
                 for name in left_results}
    return comparison, site_wide


def _short(value: Any, width: int = 160) -> str:
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _differing_items(a: Any, b: Any) -> tuple[Any, Any]:
    """Lists reduced to the entries one side has and the other lacks."""
    if isinstance(a, list) and isinstance(b, list):
        return [x for x in a if x not in b], [x for x in b if x not in a]
    return a, b


def _differences(run: EngineRun, examples: int) -> list[str]:
    lines = [f"## What differs on {run.engine}", ""]
    for element in run.comparison.elements:
        if not element.differences:
            continue
        lines.append(f"**{element.name}** ({len(element.differences)} pages), e.g.:")
        for diff in element.differences[:examples]:
            a, b = _differing_items(diff.left, diff.right)
            lines += [f"- `/{diff.page}`", f"  - MkDocs: {_short(a)}",
                      f"  - {run.engine}: {_short(b)}"]
        lines.append("")
    for name, result in run.site_wide.items():
        if not result["agree"]:
            a, b = _differing_items(result["mkdocs"], result["zensical"])
            lines += [f"**{name}** (site-wide)", f"- MkDocs only: {_short(a, 400)}",
                      f"- {run.engine} only: {_short(b, 400)}", ""]
    return lines


def report(mkdocs_how: str, all_runs: list[EngineRun], examples: int = 3) -> str:
    lines = ["# Zensical against MkDocs: the sample project, page by page", "",
             f"- MkDocs: {mkdocs_how}"]
    for run in all_runs:
        lines.append(f"- {run.engine}: {run.how}")
        lines += [f"  - configuration: {change}" for change in run.config_changes]
        if run.error:
            lines.append(f"  - **the build failed**: {run.error}")
    runs = [run for run in all_runs if run.comparison is not None]
    if not runs:
        return "\n".join(lines)
    lines += [f"- our steps said: {line}" for line in all_runs[0].warnings
              if "Content-Security-Policy" in line or "microsite:" in line]
    first = runs[0].comparison
    lines += ["", f"Pages compared: {len(first.pages)} (every page both wrote: records, "
              "overview, help, hand-written pages, 404 pages)"]
    for run in runs:
        only = run.comparison.only_left, run.comparison.only_right
        lines.append(f"- {run.engine}: only in MkDocs {_short(only[0]) if only[0] else 'none'}; "
                     f"only in {run.engine} {_short(only[1]) if only[1] else 'none'}")
    lines += ["", "| element | " + " | ".join(f"{run.engine}: pages that agree / pages"
                                              for run in runs) + " |",
              "| --- |" + " ---: |" * len(runs)]
    for index, element in enumerate(first.elements):
        cells = [f"{run.comparison.elements[index].agree} / "
                 f"{run.comparison.elements[index].pages}" for run in runs]
        if any(run.comparison.elements[index].pages for run in runs):
            lines.append(f"| {element.name} | " + " | ".join(cells) + " |")
    lines.append("| **all elements** | " + " | ".join(
        f"**{run.comparison.agree} / {run.comparison.total}**" for run in runs) + " |")
    absent = [e.name for e in first.elements if not e.pages]
    if absent:
        lines += ["", "On no page of the sample: " + ", ".join(absent)]
    kinds = [run.comparison.by_kind() for run in runs]
    lines += ["", "| page kind | pages | " + " | ".join(
        f"{run.engine}: elements that agree / counted" for run in runs) + " |",
              "| --- | ---: |" + " ---: |" * len(runs)]
    for kind, (pages, _, _) in kinds[0].items():
        lines.append(f"| {kind} | {pages} | " + " | ".join(
            f"{by_kind[kind][1]} / {by_kind[kind][2]}" for by_kind in kinds) + " |")
    lines += ["", "| site-wide | " + " | ".join(run.engine for run in runs) + " |",
              "| --- |" + " --- |" * len(runs)]
    for name in runs[0].site_wide:
        lines.append(f"| {name} | " + " | ".join(
            "agrees" if run.site_wide[name]["agree"] else "**differs**" for run in runs) + " |")
    for run in runs:
        lines += ["", *_differences(run, examples)]
    return "\n".join(lines)


def _call_end(text: str, start: int) -> int:
    """Index of the ``)`` closing the call whose ``(`` is at ``start`` (quotes respected)."""
    depth, quote, index = 0, "", start
    while index < len(text):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _top_level_commas(text: str) -> list[int]:
    commas, depth, quote = [], 0, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            commas.append(index)
    return commas


def drop_replace_counts(template: str) -> tuple[str, int]:
    """``replace(a, b, n)`` as ``replace(a, b)``: MiniJinja's ``replace`` takes no count
    (it replaces every occurrence). Returns the template and how many calls changed."""
    out, changed, position = [], 0, 0
    for match in re.finditer(r"\|\s*replace\(", template):
        if match.start() < position:
            continue
        opening = match.end() - 1
        closing = _call_end(template, opening)
        if closing < 0:
            break
        arguments = template[opening + 1:closing]
        commas = _top_level_commas(arguments)
        if len(commas) == 2:
            out += [template[position:opening + 1], arguments[:commas[1]]]
            position, changed = closing, changed + 1
    out.append(template[position:])
    return "".join(out), changed


def drop_replace_counts_in(project: Path) -> list[str]:
    """Every template of the copied project without ``replace`` counts; what changed."""
    changes = []
    for path in sorted((project / "overrides").rglob("*.html")):
        text, changed = drop_replace_counts(path.read_text(encoding="utf-8"))
        if changed:
            path.write_text(text, encoding="utf-8")
            changes.append(f"{path.relative_to(project).as_posix()}: {changed} `replace` "
                           "call(s) without their count (MiniJinja takes none)")
    return changes


ENGINE_SHORT = {"zensical-i18n": "zensical-i18n", "zensical": "plain"}
ENGINE_NAMES = {"zensical-i18n": "with zensical-i18n",
                "zensical": "with plain `zensical build` per language"}


def summary(runs: list[EngineRun], when: dt.datetime, counts_dropped: bool = False,
            browser: bool = False) -> str:
    """The result in a few sentences, for the README's "The stack's future"."""
    built = [run for run in runs if run.comparison is not None]
    parts = []
    for run in runs:
        if run.comparison is None:
            parts.append(f"{ENGINE_NAMES[run.engine]} the build stops: `{run.error}`")
        else:
            parts.append(f"{ENGINE_NAMES[run.engine]} **{run.comparison.agree:,} of "
                         f"{run.comparison.total:,}** page elements agree")
    pages = len(built[0].comparison.pages) if built else 0
    options = [*(["--browser"] if browser else []),
               *(["--drop-replace-count"] if counts_dropped else [])]
    text = (f"Measured {when:%Y-%m-%d %H:%M} UTC by `scripts/zensical_compare.py"
            + "".join(f" {option}" for option in options) + "`"
            + (" (Zensical gets the templates' `replace(a, b, n)` as `replace(a, b)`)"
               if counts_dropped else "")
            + (f", over the {pages} pages both builds wrote" if built else "")
            + ": " + "; ".join(parts) + ".")
    if built:
        elements = built[0].comparison.elements
        counts = [[(r.comparison.elements[i].agree, r.comparison.elements[i].pages)
                   for r in built] for i in range(len(elements))]
        same = [e.name for e, count in zip(elements, counts, strict=True)
                if all(pages and agree == pages for agree, pages in count)]
        differ = [e.name + " (" + " and ".join(f"{agree}/{pages}" for agree, pages in count) + ")"
                  for e, count in zip(elements, counts, strict=True)
                  if any(agree < pages for agree, pages in count)]
        site_differs = [name for name in built[0].site_wide
                        if any(not r.site_wide[name]["agree"] for r in built)]
        records = [r.comparison.by_kind().get("record page") for r in built]
        if all(records):
            text += (f" On the {records[0][0]} record pages: " + " and ".join(
                f"{agree:,} of {counted:,}" for _, agree, counted in records) + ".")
        text += f" Alike on every page: {', '.join(same)}."
        if differ:
            order = " and ".join(ENGINE_SHORT[r.engine] for r in built)
            text += f" Differing ({order}): {', '.join(differ)}."
        if site_differs:
            text += f" Site-wide, {', '.join(site_differs)} differ."
    return textwrap.fill(text, width=98, initial_indent="  ", subsequent_indent="  ",
                         break_on_hyphens=False, break_long_words=False)


def update_readme(text: str) -> None:
    replace_block("zensical-compare", text, indent="  ")


def as_json(mkdocs_how: str, runs: list[EngineRun]) -> dict[str, Any]:
    return {"mkdocs": mkdocs_how, "runs": [
        {"engine": run.engine, "how": run.how, "config_changes": run.config_changes,
         "warnings": run.warnings, "engine_log": run.engine_log, "error": run.error,
         "site_wide": run.site_wide, **(run.comparison.as_dict() if run.comparison else {})}
        for run in runs]}


def main(argv: Sequence[str] | None = None) -> int:
    from microsite.publish.build import BuildFailed

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=[*ENGINES, "both"], default="both",
                        help="how Zensical builds the languages (default: both ways)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--update-readme", action="store_true",
                        help="also write the result into README.md (The stack's future)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (sites, "
                        "staged folders) instead of a temporary one")
    parser.add_argument("--examples", type=int, default=3,
                        help="differing pages shown per element (default 3)")
    parser.add_argument("--browser", action="store_true",
                        help="also open every page in headless Chromium: axe-core (WCAG 2.1 "
                        "AA), requests to other hosts, failed loads, CSP violations, header "
                        "links shown, first Tab stop (axe-core from ./dev test's npm tools)")
    parser.add_argument("--drop-replace-count", action="store_true",
                        help="Zensical builds templates whose replace(a, b, n) calls lose "
                        "their count (MiniJinja takes none); MkDocs builds them as they are")
    args = parser.parse_args(argv)
    engines = list(ENGINES) if args.engine == "both" else [args.engine]
    work = args.keep or Path(tempfile.mkdtemp(prefix="zensical-compare-"))
    try:
        work.mkdir(parents=True, exist_ok=True)
        for ours in ("sample", "site-mkdocs", *ENGINES):  # only what an earlier run left
            shutil.rmtree(work / ours, ignore_errors=True)
        project = copy_project(work / "sample")
        mkdocs_how = build_mkdocs(project, work / "site-mkdocs")
        os.environ.update(_env())  # the same build date for the steps run in this process
        template_changes = drop_replace_counts_in(project) if args.drop_replace_count else []
        runs = []
        for engine in engines:
            run = build_on_zensical(project, work / engine, engine)
            run.config_changes[:0] = template_changes
            if run.error is None:
                run.comparison, run.site_wide = compare_sites(
                    work / "site-mkdocs", work / engine / "site", args.browser)
            runs.append(run)
    except (SetupFailed, BuildFailed) as failed:
        print(f"zensical_compare: {failed}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.update_readme:
        update_readme(summary(runs, dt.datetime.now(dt.UTC), args.drop_replace_count,
                              args.browser))
    if args.json:
        print(json.dumps(as_json(mkdocs_how, runs), ensure_ascii=False, indent=1))
    else:
        print(report(mkdocs_how, runs, args.examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
