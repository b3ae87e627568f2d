"""Throw-away projects for tests: the sample project (the real configuration, templates,
interface texts and hand-written pages with the fixture records of ``tests/fixtures/sample/``),
or a copy of the real project where a test checks the real data's invariants.

Tests name the sample's ids and titles, never the live ones, so that editing
``data/projects.yaml`` never turns a test red.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import yaml

from sitebuild import REPO

PARTS = ("mkdocs.yml", "docs", "overrides", "data", "schema")
MICROSITE = [sys.executable, "-m", "microsite.cli"]
SAMPLE = REPO / "tests" / "fixtures" / "sample"
"""The sample's own files, laid over a copy of the real project: its records
(``data/projects.yaml``) and the hand-written pages that link to records."""
SAMPLE_RECORDS = SAMPLE / "data" / "projects.yaml"
_sample_root: Path | None = None


def sample_records() -> list[dict]:
    return yaml.safe_load(SAMPLE_RECORDS.read_text(encoding="utf-8"))["records"]


def sample_project() -> Path:
    """The sample project, made once per test process in a temporary folder (read-only use)."""
    global _sample_root
    if _sample_root is None:
        folder = Path(tempfile.mkdtemp(prefix="microsite-sample-"))
        atexit.register(shutil.rmtree, folder, True)
        _sample_root = copy_project(folder / "sample")
    return _sample_root


def copy_project(target: Path, *, site_url: str | None = None, plugin_options: dict | None = None,
                 edit_records: Callable[[list[dict]], None] | None = None,
                 real: bool = False, languages: tuple[str, ...] | None = None) -> Path:
    """Copy what a build reads (config, pages, templates, data) into ``target`` – the sample
    project, or with ``real`` the real one – then apply the requested changes to its
    configuration and records; ``languages`` keeps only these of the site's languages (a
    fixture whose tests read German and English pages builds no others)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            shutil.copy2(source, target / part)
    if not real:
        for source in sorted(p for p in SAMPLE.rglob("*") if p.is_file()):
            shutil.copy2(source, target / source.relative_to(SAMPLE))
    if site_url is not None or plugin_options:
        config = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
        if site_url is not None:
            config["site_url"] = site_url
        for plugin in config["plugins"]:
            if plugin_options and isinstance(plugin, dict) and "microsite" in plugin:
                plugin["microsite"].update(plugin_options)
        (target / "mkdocs.yml").write_text(
            yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if edit_records is not None:
        rewrite_records(target, edit_records)
    if languages is not None:
        keep_languages(target, languages)
    return target


def keep_languages(project: Path, keep: tuple[str, ...]) -> None:
    """Remove every language but ``keep`` from ``project``: from the i18n plugin's list and
    the optional languages, its pages, interface texts and the records' texts (as the
    benchmark does with ``--languages``: bench/synthetic.py)."""
    bench_module("synthetic").keep_languages(project, keep)


def bench_module(name: str):  # type: ignore[no-untyped-def]
    """A module of the benchmark (bench/ is a folder of scripts, not a package)."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(REPO / "bench"))


def rewrite_records(project: Path, edit: Callable[[list[dict]], None]) -> None:
    """Apply ``edit`` to the records of ``project``'s data file and write it back."""
    data_file = project / "data" / "projects.yaml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    edit(data["records"])
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                         encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def run_check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``microsite check`` in ``project``, as an editor or the pre-commit hook runs it: a
    process of its own, forked from the build server (tests/helpers/build_server.py)."""
    return run_microsite("check", *args, cwd=project)


def run_microsite(*args: str, cwd: Path, env: dict[str, str] | None = None,
                  timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m microsite.cli *args`` in ``cwd`` (with ``env`` added to this process's
    environment): a process of its own, forked from the build server, as
    ``subprocess.run(…, capture_output=True, text=True)`` gives it."""
    from sitebuild import run_by_server

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return run_by_server("microsite.cli", list(args), cwd=cwd, env=env, timeout=timeout)


def check_in_process(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``microsite check`` of ``project`` through the command's own ``main``, in this process:
    the same messages at a fraction of a process's cost, for the many cases of bad data.
    ``run_check`` proves on a few what the process adds (exit code, no traceback)."""
    from microsite.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["check", "-f", str(project / "mkdocs.yml"), *args])
    return subprocess.CompletedProcess(["microsite", "check", *args], code, out.getvalue(),
                                       err.getvalue())
