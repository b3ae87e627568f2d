"""Building a real site into a temporary folder, the way CI and editors do."""

from __future__ import annotations

import datetime as dt
import functools
import locale
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
"""Terminal colours in a build's log, removed before reading it."""


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()))


def build(site_dir: Path, *, project: Path | None = None,
          build_date: dt.date = dt.date(2026, 11, 25), extra_env: dict | None = None,
          strict: bool = True, wrapper: tuple[str, ...] = ()) -> BuildResult:
    """Run ``mkdocs build`` on ``project`` (the sample project unless given) into ``site_dir``
    with a fixed build date.

    ``wrapper`` runs it inside another command, e.g. ``("unshare", "-n", "--")`` offline."""
    if project is None:
        from projectcopy import sample_project

        project = sample_project()
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(build_date), "NO_MKDOCS_2_WARNING": "1",
           **(extra_env or {})}
    cmd = [*wrapper, *MKDOCS, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    start = time.monotonic()
    if wrapper or _set_at_start(extra_env or {}) or not env["NO_MKDOCS_2_WARNING"]:
        proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True,
                              timeout=300)
        returncode, output = proc.returncode, proc.stdout + proc.stderr
    else:
        returncode, output = _build_by_server(cmd[len(MKDOCS):], project, env)
    _log_build(time.monotonic() - start, returncode)
    return BuildResult(returncode, output, site_dir)


def _set_at_start(env: dict) -> bool:
    """Whether ``env`` sets what a Python process reads once, at its start (the hash seed, the
    time zone, the locale): such a build needs a process of its own."""
    return any(name.startswith(("PYTHON", "LC_")) or name in ("TZ", "LANG") for name in env)


def _build_by_server(argv: list[str], project: Path, env: dict[str, str]) -> tuple[int, str]:
    """``python -m mkdocs *argv`` forked from the build server (tests/helpers/build_server.py):
    the same exit code and output as its own process, without starting Python again."""
    proc = run_by_server("mkdocs", argv, cwd=project, env=env, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def run_by_server(module: str, argv: list[str], *, cwd: Path, env: dict[str, str],
                  timeout: float) -> subprocess.CompletedProcess[str]:
    """``python -m module *argv`` (``python module *argv`` for a script's path, ``….py``) as
    ``subprocess.run(…, capture_output=True, text=True)`` gives it, forked from the build
    server."""
    from build_server import SERVER

    with tempfile.TemporaryDirectory(prefix="microsite-run-") as tmp:
        out, err = Path(tmp) / "stdout", Path(tmp) / "stderr"
        returncode = SERVER.run(module, argv, cwd=cwd, env=env, stdout=out, stderr=err,
                                timeout=timeout)
        encoding = locale.getpreferredencoding(False)
        command = [sys.executable, module] if module.endswith(".py") else [
            sys.executable, "-m", module]
        return subprocess.CompletedProcess([*command, *argv], returncode,
                                           out.read_text(encoding), err.read_text(encoding))


BUILD_LOG = "MICROSITE_TEST_BUILD_LOG"
"""Set by ``scripts/suite_time.py``: a file where every ``build()`` appends one line (seconds,
exit code, test), so the measurement counts the site builds a run makes."""


def _log_build(seconds: float, returncode: int) -> None:
    log = os.environ.get(BUILD_LOG)
    if log:
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" (", 1)[0]
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{seconds:.2f}\t{returncode}\t{test}\n")


def soup(path: Path) -> BeautifulSoup:
    """The page parsed, read-only: a page whose text this process parsed before (the shared
    sites' pages are read by many test files) is not parsed again, and its tree is shared.
    A test that changes a tree parses its own (``BeautifulSoup(…)``)."""
    return parsed_html(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=256)  # keyed by the text itself: a changed file is a new parse
def parsed_html(text: str) -> BeautifulSoup:
    """``BeautifulSoup(text, "lxml")``, read-only and shared like ``soup``'s."""
    return BeautifulSoup(text, "lxml")


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" or p.parent != site)


def page_for_url(site: Path, site_url: str, url: str) -> Path:
    """The built file an absolute URL of the site points to."""
    assert url.startswith(site_url), url
    rel = url[len(site_url):]
    path = site / rel
    return path / "index.html" if rel == "" or rel.endswith("/") else path


class _LogLines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.getMessage()}")


def build_stops(project: Path, site_dir: Path, *,
                build_date: dt.date = dt.date(2026, 11, 25)) -> tuple[bool, str]:
    """Whether ``mkdocs build --strict`` of ``project`` stops before writing anything, and its
    log as ``LEVEL message`` lines: MkDocs' own configuration loading and every plugin's
    ``on_startup`` and ``on_config`` (ours validates the data there, first of all plugins), run
    in this process.

    For the many cases of bad data this costs a fraction of a build process; ``build()`` proves
    on a few of them what the command adds (exit code, no traceback, the site kept)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    handler = _LogLines()
    logger = logging.getLogger("mkdocs")
    level, before = logger.level, os.environ.get("SOURCE_DATE_EPOCH")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    os.environ["SOURCE_DATE_EPOCH"] = epoch(build_date)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            config.plugins.on_config(config)
        except PluginError as exc:
            handler.lines.append(f"ERROR {exc}")
            return True, "\n".join(handler.lines)
        finally:
            config.plugins.on_shutdown()
        return False, "\n".join(handler.lines)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
