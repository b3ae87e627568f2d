"""A build that dies, fails or runs twice never leaves half a site (issue 9, point 5).

``mkdocs build`` and ``./dev build`` write into a staging folder next to the site folder and
swap it in by renaming only when every language built; a lock makes a second build wait; a
killed build removes its folders and ends its language processes.

The project is the sample project with the shared build of it as its site (the build does not
depend on the project's folder), so the file builds no site of its own before its tests; the
two-builds test holds the first build (SIGSTOP) until the second says that it waits, so the
builds overlap whatever the machine's speed, with no extra records to slow them down.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from build_server import SERVER, ServerChild
from microsite.publish.site_swap import BuildRunning, SiteSwap, lock_path
from projectcopy import copy_project, snapshot
from shared_builds import copy_site
from sitebuild import build, epoch

DAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, site: Path) -> Path:
    """The sample project, its site the shared build of it (``site``, built on ``DAY``)."""
    root = copy_project(tmp_path_factory.mktemp("swap") / "project")
    copy_site(site, root / "site")
    return root


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": epoch(DAY), "NO_MKDOCS_2_WARNING": "1"}


def _start(project: Path, log: Path) -> ServerChild:
    """``mkdocs build`` of ``project``, running: a process of its own, forked from the build
    server (tests/helpers/build_server.py; signals reach it as they reach a build started
    from a terminal), its output in ``log``."""
    return SERVER.start("mkdocs", ["build", "-f", str(project / "mkdocs.yml"),
                                   "-d", str(project / "site"), "--strict"],
                        cwd=project, env=_env(), stdout=log, stderr=None)


def _wait_for(condition: Callable[[], bool], proc: ServerChild, what: str) -> None:
    deadline = time.monotonic() + 120
    while not condition():
        assert proc.poll() is None, f"the build ended before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir()
                  if p.name.startswith((".site.new-", ".site.old-")))


def _writing(project: Path) -> bool:
    """Whether a build has written a page into its staging folder."""
    return any(any(staging.rglob("index.html"))
               for staging in project.glob(".site.new-*"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_killed_build_leaves_the_old_site_and_no_temporary_folder(
        project: Path, tmp_path: Path, signum: int) -> None:
    before = snapshot(project / "site")
    proc = _start(project, tmp_path / "log")
    _wait_for(lambda: _writing(project), proc, "pages were written")
    proc.send_signal(signum)
    returncode = proc.wait(timeout=60)
    output = (tmp_path / "log").read_text(encoding="utf-8")
    assert returncode != 0, output
    assert "Traceback" not in output
    assert snapshot(project / "site") == before
    assert _leftovers(project) == []


def test_two_builds_at_once_both_finish_one_after_the_other(project: Path,
                                                            tmp_path: Path) -> None:
    """Both finish, the second after the first; each replaces the old site whole (a file only
    the old site had is gone: the folder is replaced, not merged)."""
    before = snapshot(project / "site")
    stale = project / "site" / "stale.txt"
    stale.write_text("from an older build", encoding="utf-8")
    first = _start(project, tmp_path / "first")
    _wait_for(lambda: any(project.glob(".site.new-*")), first, "the first build began")
    first.send_signal(signal.SIGSTOP)  # held in the middle, its lock taken
    try:
        assert first.poll() is None and any(project.glob(".site.new-*")), "first build ended"
        second = _start(project, tmp_path / "second")
        waits = f"Ein anderer Build läuft gerade in {project / 'site'}; dieser wartet"
        _wait_for(lambda: waits in (tmp_path / "second").read_text(encoding="utf-8"), second,
                  "the second build said that it waits")
        assert _leftovers(project) != [] and stale.exists()  # nothing swapped in meanwhile
    finally:
        first.send_signal(signal.SIGCONT)
    assert first.wait(timeout=300) == 0, (tmp_path / "first").read_text(encoding="utf-8")
    assert second.wait(timeout=300) == 0, (tmp_path / "second").read_text(encoding="utf-8")
    assert not stale.exists()
    assert snapshot(project / "site") == before  # complete: the same site, byte for byte
    assert _leftovers(project) == []


def test_a_build_failing_in_strict_mode_keeps_the_old_site(project: Path) -> None:
    """Strict mode fails after the last page is written; the old site stays all the same."""
    before = snapshot(project / "site")
    page = project / "docs" / "de" / "kaputter-link.md"
    page.write_text("# Test\n\n[nirgends](gibt-es-nicht.md)\n", encoding="utf-8")
    try:
        result = build(project / "site", project=project, build_date=DAY)
    finally:
        page.unlink()
    assert result.returncode != 0 and "Aborted with" in result.output, result.output
    assert snapshot(project / "site") == before
    assert _leftovers(project) == []


def test_a_build_waits_only_so_long_then_says_plainly_that_one_is_running(
        tmp_path: Path) -> None:
    site = tmp_path / "site"
    fd = os.open(lock_path(site), os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    said: list[str] = []
    try:
        with pytest.raises(BuildRunning) as refused:
            SiteSwap(site, say=said.append, wait_seconds=0.5)
    finally:
        os.close(fd)
    assert str(refused.value).startswith(f"Ein anderer Build läuft gerade in {site}, seit über "
                                         "1 Minuten. Es wurde nichts geschrieben")
    assert said == [f"Ein anderer Build läuft gerade in {site}; dieser wartet, bis er fertig "
                    "ist …"]
    assert not site.exists() and not list(tmp_path.glob(".site.new-*"))


def test_leftovers_of_a_build_killed_outright_are_removed_by_the_next(tmp_path: Path) -> None:
    (tmp_path / ".site.new-abc123").mkdir()
    (tmp_path / ".site.old-abc123").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("old", encoding="utf-8")
    swap = SiteSwap(tmp_path / "site")
    (swap.staging / "index.html").write_text("new", encoding="utf-8")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old"
    swap.commit()
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]
    assert oct((tmp_path / "site").stat().st_mode & 0o777) != oct(0o700)
