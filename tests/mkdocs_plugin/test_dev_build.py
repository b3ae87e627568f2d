"""``./dev build``: plain ``mkdocs build --strict``, every notice printed once, none hidden."""

from __future__ import annotations

import collections
import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import yaml

from projectcopy import copy_project
from sitebuild import ANSI, REPO, epoch, soup

END_OF_LIFE = "Material for MkDocs reaches end of life"


def _blank_one_fact(project: Path) -> None:
    """Make sure the copy has a missing site fact, so that the build has a note to print."""
    facts_file = project / "data" / "site.yaml"
    facts = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    for group in facts.values():
        if isinstance(group, dict):
            for field, value in group.items():
                if isinstance(value, str) and value:
                    group[field] = None
                    facts_file.write_text(yaml.safe_dump(facts, allow_unicode=True),
                                          encoding="utf-8")
                    return


def test_dev_build_prints_each_notice_once_and_shows_the_end_of_life_notice(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _blank_one_fact(project)
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    env["SOURCE_DATE_EPOCH"] = epoch(dt.date(2026, 11, 25))
    proc = subprocess.run([str(REPO / "dev"), "build", "-f", str(project / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = [ANSI.sub("", line).strip() for line in (proc.stdout + proc.stderr).splitlines()]
    lines = [line for line in lines if re.search(r"\w", line)]  # not the frame of a box
    repeated = {line: n for line, n in collections.Counter(lines).items() if n > 1}
    assert repeated == {}
    assert any("data/site.yaml" in line for line in lines), lines  # the note is there, once
    # Material's end-of-life notice is for the people who run the build: shown, once
    assert sum(END_OF_LIFE in line for line in lines) == 1
    # and it is the strict MkDocs build that ran: both languages, into the folder given
    assert soup(tmp_path / "site" / "en" / "index.html").html["lang"] == "en"


def test_dev_build_runs_mkdocs_build_strict_and_nothing_patches_i18n() -> None:
    dev = (REPO / "dev").read_text(encoding="utf-8")
    build_case = dev[dev.index("\n  build)"):]
    build_case = build_case[:build_case.index(";;")]  # the whole case, over several lines
    assert 'mkdocs" build --strict "$@"' in build_case
    assert "NO_MKDOCS_2_WARNING" not in dev
    sources = "\n".join(p.read_text(encoding="utf-8")
                        for p in (REPO / "src").rglob("*.py"))
    assert not re.search(r"\bI18n\.\w+\s*=", sources)  # no hook of mkdocs-static-i18n replaced
