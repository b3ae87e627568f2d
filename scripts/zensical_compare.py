"""How far Zensical gets with this site: builds the sample project with MkDocs (the project's
``.venv``) and with Zensical + zensical-i18n (their own ``.venv-zensical``, from the hash lock
``tools/zensical/requirements.txt``) from the staged folder, and compares the built pages
element by element (``page_elements.py``).

A report, not a gate: it exits 0 whatever differs (1 only when it could not build at all).

    .venv/bin/python scripts/zensical_compare.py            # table and differences
    .venv/bin/python scripts/zensical_compare.py --json     # the same as JSON
    .venv/bin/python scripts/zensical_compare.py --keep /tmp/zc   # keep both sites

Setting up ``.venv-zensical`` needs PyPI once; the builds run without network
(``unshare -n`` where the machine allows it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
sys.path[:0] = [str(REPO / "tests" / "helpers"), str(SCRIPTS)]

from microsite.publish.build import BuildFailed  # noqa: E402
from page_elements import Comparison, compare_pages, read_site, site_results  # noqa: E402

from projectcopy import copy_project  # noqa: E402
from sitebuild import epoch  # noqa: E402

LOCK = REPO / "tools" / "zensical" / "requirements.txt"
ZENSICAL_VENV = REPO / ".venv-zensical"
PROJECT_PYTHON = Path(sys.executable)
BUILD_DATE = dt.date(2026, 11, 25)  # the tests' build date: statuses as the tests see them
ZENSICAL_CONFIG = "zensical.yml"
ZENSICAL_SITE = "site-zensical"  # zensical-i18n writes only inside the configuration's folder


class SetupFailed(Exception):
    pass


def _run(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None,
         offline: bool = False) -> subprocess.CompletedProcess[str]:
    wrapper = ["unshare", "-n", "--"] if offline and _can_cut_network() else []
    return subprocess.run([*wrapper, *cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)


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
    return "microsite " + " ".join(cmd)


def zensical_config(staged: Path) -> tuple[Path, list[str]]:
    """The staged configuration as zensical-i18n needs it, and what had to change.

    - the site folder inside the configuration's folder (zensical-i18n refuses others);
    - our own language switcher kept: with ``reconfigure_material`` zensical-i18n replaces
      ``partials/alternate.html`` with its own drop-down; without it, nothing sets
      ``extra.alternate``, and the theme includes ``alternate.html`` only where that is set
      (mkdocs-static-i18n sets it under MkDocs)."""
    config = yaml.safe_load((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    changes = [f"site_dir: {ZENSICAL_SITE} (zensical-i18n writes only below the config)"]
    config["site_dir"] = ZENSICAL_SITE
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


def build_zensical(staged: Path, site: Path) -> tuple[str, list[str], str]:
    """Zensical + zensical-i18n over the staged folder; the site moved to ``site``."""
    config, changes = zensical_config(staged)
    tool = zensical_venv() / "bin" / "zensical-i18n"
    # our Markdown extensions (microsite.render.*) are plain Python-Markdown extensions
    env = {**_env(), "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1"}
    cmd = [str(tool), "build", "--strict", "--clean", "-f", str(config)]
    proc = _run(cmd, cwd=staged, env=env, offline=True)
    log = proc.stdout + proc.stderr
    if proc.returncode:
        raise SetupFailed(f"zensical-i18n build failed:\n{log}")
    shutil.move(staged / ZENSICAL_SITE, site)
    return "zensical-i18n build --strict --clean -f " + ZENSICAL_CONFIG, changes, log


def build_on_zensical(project: Path, work: Path) -> dict[str, Any]:
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
    how, changes, engine_log = build_zensical(staged.folder, work / "site-zensical")
    theme_dirs = [*([settings.custom_dir] if settings.custom_dir else []),
                  zensical_templates(ZENSICAL_VENV / "bin" / "python")]
    finish(site, staged, work / "site-zensical",
           finishing(settings, site, settings.site_url, theme_scripts(theme_dirs)),
           warn=log.append)
    return {"Zensical": f"stage, {how}, finish", "zensical_config_changes": changes,
            "warnings": log, "engine_log": engine_log}


def site_files(site: Path) -> set[str]:
    """Files other than assets (the themes' differ; "asset folders" compares where they are)."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*")
            if path.is_file() and "assets" not in path.relative_to(site).parts}


def compare_sites(left: Path, right: Path) -> tuple[Comparison, dict[str, Any]]:
    """Page by page, then the site-wide results and which files only one build wrote."""
    comparison = compare_pages(read_site(left), read_site(right))
    a, b = site_files(left), site_files(right)
    left_results, right_results = site_results(left), site_results(right)
    site_wide = {name: {"agree": left_results[name] == right_results[name],
                        "mkdocs": left_results[name], "zensical": right_results[name]}
                 for name in left_results}
    return comparison, {"site_wide": site_wide, "only_mkdocs": sorted(a - b),
                        "only_zensical": sorted(b - a)}


def _short(value: Any, width: int = 160) -> str:
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _differing_items(a: Any, b: Any) -> tuple[Any, Any]:
    """Lists reduced to the entries one side has and the other lacks."""
    if isinstance(a, list) and isinstance(b, list):
        return [x for x in a if x not in b], [x for x in b if x not in a]
    return a, b


def report(comparison: Comparison, files: dict[str, Any], steps: dict[str, Any],
           examples: int = 3) -> str:
    lines = ["# Zensical against MkDocs: the sample project, page by page", "",
             f"- MkDocs: {steps['MkDocs']}", f"- Zensical: {steps['Zensical']}"]
    lines += [f"  - config for Zensical: {change}" for change in steps["zensical_config_changes"]]
    lines += [f"  - said: {line}" for line in steps["warnings"]]
    lines += ["", f"Pages compared: {len(comparison.pages)}; only in MkDocs: "
              f"{_short(comparison.only_left) if comparison.only_left else 0}; only in "
              f"Zensical: {_short(comparison.only_right) if comparison.only_right else 0}", "",
              "| element | pages that agree | pages |", "| --- | ---: | ---: |"]
    for element in comparison.elements:
        if element.pages:
            lines.append(f"| {element.name} | {element.agree} | {element.pages} |")
    lines.append(f"| **all elements** | **{comparison.agree}** | **{comparison.total}** |")
    absent = [e.name for e in comparison.elements if not e.pages]
    if absent:
        lines += ["", "On no page of the sample: " + ", ".join(absent)]
    lines += ["", "| site-wide | agree |", "| --- | --- |"]
    lines += [f"| {name} | {'yes' if result['agree'] else '**no**'} |"
              for name, result in files["site_wide"].items()]
    lines += ["", "## What differs", ""]
    for element in comparison.elements:
        if not element.differences:
            continue
        lines.append(f"**{element.name}** ({len(element.differences)} pages), e.g.:")
        for diff in element.differences[:examples]:
            a, b = _differing_items(diff.left, diff.right)
            lines += [f"- `/{diff.page}`", f"  - MkDocs: {_short(a)}",
                      f"  - Zensical: {_short(b)}"]
        lines.append("")
    for name, result in files["site_wide"].items():
        if not result["agree"]:
            a, b = _differing_items(result["mkdocs"], result["zensical"])
            lines += [f"**{name}**", f"- MkDocs: {_short(a, 400)}",
                      f"- Zensical: {_short(b, 400)}", ""]
    for key, label in (("only_mkdocs", "Files only MkDocs wrote"),
                       ("only_zensical", "Files only Zensical wrote")):
        shown = files[key]
        lines.append(f"{label} ({len(shown)}, assets aside): "
                     + (", ".join(shown[:25]) + (" …" if len(shown) > 25 else "") or "none"))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (sites, "
                        "staged folder) instead of a temporary one")
    parser.add_argument("--examples", type=int, default=3,
                        help="differing pages shown per element (default 3)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="zensical-compare-"))
    try:
        work.mkdir(parents=True, exist_ok=True)
        for leftover in ("sample", "staged", "site-mkdocs", "site-zensical"):
            shutil.rmtree(work / leftover, ignore_errors=True)
        project = copy_project(work / "sample")
        steps: dict[str, Any] = {"MkDocs": build_mkdocs(project, work / "site-mkdocs")}
        os.environ.update(_env())  # the same build date for the steps run in this process
        steps.update(build_on_zensical(project, work))
        comparison, files = compare_sites(work / "site-mkdocs", work / "site-zensical")
    except (SetupFailed, BuildFailed) as failed:
        print(f"zensical_compare: {failed}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps({"steps": steps, "files": files, **comparison.as_dict()},
                         ensure_ascii=False, indent=1))
    else:
        print(report(comparison, files, steps, args.examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
