"""The tests' build server (tests/helpers/build_server.py) gives what ``python -m mkdocs`` in a
process of its own gives: the exit code, the whole output, a traceback where the process would
print one, a fresh state for every build, and a timeout that ends the build.

A tiny MkDocs project with a hook stands in for the site: what is proved here is the process
around a build, not the build."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from build_server import SERVER, TEMPLATE_CODE, BuildServer, _code_key, _refuses_dotted_names
from projectcopy import MICROSITE, copy_project, run_check
from sitebuild import run_by_server

HOOK = '''
import json
import os
import sys
import time


def on_config(config):
    # a module the server imported before forking: a build that changed it would leak
    json.BUILDS_SEEN = getattr(json, "BUILDS_SEEN", 0) + 1
    print("builds seen:", json.BUILDS_SEEN, "in", os.getcwd(), "mode", os.environ["HOOK_MODE"],
          flush=True)  # in the file before a hanging build hangs (PYTHONUNBUFFERED or not)
    print("to stderr", file=sys.stderr)
    if os.environ["HOOK_MODE"] == "crash":
        raise RuntimeError("the hook broke")
    if os.environ["HOOK_MODE"] == "hang":
        time.sleep(60)
    return config
'''


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("server-project")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    (root / "hook.py").write_text(HOOK, encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Probe\nhooks: [hook.py]\n", encoding="utf-8")
    return root


def _by_server(project: Path, mode: str, timeout: float = 120) -> tuple[int, str, str]:
    out, err = project / f"{mode}.out", project / f"{mode}.err"
    code = SERVER.run("mkdocs", ["build", "-d", str(project / f"site-{mode}")], cwd=project,
                      env={**os.environ, "HOOK_MODE": mode}, stdout=out, stderr=err,
                      timeout=timeout)
    return code, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")


def _lines(output: str, site: str) -> list[str]:
    """A build's log without what differs between two builds: its folder, its seconds."""
    return [re.sub(r"[\d.]+ seconds", "… seconds", line.replace(site, "SITE"))
            for line in output.splitlines()]


def _by_process(project: Path, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d",
                           str(project / f"proc-{mode}")], cwd=project,
                          env={**os.environ, "HOOK_MODE": mode}, capture_output=True, text=True,
                          timeout=120)


def test_a_build_gives_its_exit_code_and_both_streams_like_its_own_process(
        project: Path) -> None:
    code, out, err = _by_server(project, "ok")
    alone = _by_process(project, "ok")
    assert code == alone.returncode == 0, err
    assert out == alone.stdout == f"builds seen: 1 in {project} mode ok\n"
    assert "to stderr" in err and "Documentation built" in err
    # the same lines (no warning of runpy's about a module loaded before it ran)
    assert _lines(err, "site-ok") == _lines(alone.stderr, "proc-ok")
    assert (project / "site-ok" / "index.html").is_file()


def test_every_build_starts_from_the_servers_untouched_state(project: Path) -> None:
    first = _by_server(project, "ok")
    second = _by_server(project, "ok")
    assert first[1] == second[1] == f"builds seen: 1 in {project} mode ok\n"


def test_an_uncaught_exception_is_a_traceback_and_exit_code_1(project: Path) -> None:
    code, _, err = _by_server(project, "crash")
    alone = _by_process(project, "crash")
    assert code == alone.returncode == 1
    for output in (err, alone.stderr):
        assert "Traceback (most recent call last)" in output
        assert output.rstrip().endswith("RuntimeError: the hook broke")


def test_a_build_past_its_timeout_is_killed_and_raises(project: Path) -> None:
    with pytest.raises(subprocess.TimeoutExpired):
        _by_server(project, "hang", timeout=1)
    assert _by_server(project, "ok")[0] == 0  # the server goes on serving


def test_children_run_side_by_side_and_take_signals_as_processes(project: Path) -> None:
    """A build started and left running does not hold up the next (tests/publish/
    test_site_swap.py runs two at once); a signal ends it as it ends a process, reported as
    ``subprocess`` reports it; Ctrl-C's signal is a KeyboardInterrupt, as in a process started
    from a terminal."""
    env = {**os.environ, "HOOK_MODE": "hang"}
    (project / "hang.log").write_text("an older build's log\n", encoding="utf-8")
    hanging = SERVER.start("mkdocs", ["build", "-d", str(project / "site-hang")], cwd=project,
                           env=env, stdout=project / "hang.log", stderr=None)
    # its log is there and new once start returns (the child opens it only later)
    assert "older" not in (project / "hang.log").read_text(encoding="utf-8")
    interrupted = SERVER.start("mkdocs", ["build", "-d", str(project / "site-int")],
                               cwd=project, env=env, stdout=project / "int.log", stderr=None)
    try:
        assert _by_server(project, "ok")[0] == 0  # while both still run
        assert hanging.poll() is None and interrupted.poll() is None
        for log in ("hang.log", "int.log"):  # both reached the hook: signalled in it
            deadline = time.monotonic() + 60
            while "mode hang" not in (project / log).read_text(encoding="utf-8"):
                assert time.monotonic() < deadline, log
                time.sleep(0.01)
        interrupted.send_signal(signal.SIGINT)
        assert interrupted.wait(timeout=60) == 1
        assert "Aborted!" in (project / "int.log").read_text(encoding="utf-8")  # click's word
        assert hanging.poll() is None
    finally:
        hanging.kill()
        interrupted.kill()
    assert hanging.wait(timeout=60) == -signal.SIGKILL
    again = SERVER.start("mkdocs", ["build", "-d", str(project / "site-again")], cwd=project,
                         env=env, stdout=project / "again.log", stderr=None)
    try:
        with pytest.raises(subprocess.TimeoutExpired):  # a running child's wait can time out
            again.wait(timeout=0.01)
    finally:
        again.kill()
    assert again.wait(timeout=60) == -signal.SIGKILL


def test_children_started_from_several_threads_at_once_are_each_their_own(
        tmp_path: Path) -> None:
    """Each caller gets the child of its own request, whatever the order its thread wakes in."""
    wrong: list[tuple[str, int | None]] = []

    def starts(thread: int) -> None:
        for n in range(8):
            code = thread * 8 + n
            script = tmp_path / f"exit_{code}.py"
            script.write_text(f"raise SystemExit({code})\n", encoding="utf-8")
            child = SERVER.start(str(script), [], cwd=tmp_path, env={**os.environ},
                                 stdout=tmp_path / f"{code}.log", stderr=None)
            if child.args != [str(script)] or child.wait(timeout=60) != code:
                wrong.append((str(script), child.returncode))

    threads = [threading.Thread(target=starts, args=(thread,)) for thread in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_a_server_whose_caller_ends_ends_what_it_still_runs(project: Path) -> None:
    """A test process that ends leaves no build running: the server, its input closed, ends its
    children and then itself (the process waits for it to end)."""
    server = BuildServer()
    left = server.start("mkdocs", ["build", "-d", str(project / "site-left")], cwd=project,
                        env={**os.environ, "HOOK_MODE": "hang"}, stdout=project / "left.log",
                        stderr=None)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 5  # not the 10 s stop waits before killing the server
    assert left.wait(timeout=10) == -signal.SIGKILL


def test_check_by_the_server_says_what_its_own_process_says(tmp_path: Path) -> None:
    """``run_check`` (forked from the server) against ``python -m microsite.cli check``."""
    project = copy_project(tmp_path / "project")
    records = project / "data" / "projects.yaml"
    records.write_text(records.read_text(encoding="utf-8").replace("kind: ", "kind: x", 1),
                       encoding="utf-8")
    forked = run_check(project)
    alone = subprocess.run([*MICROSITE, "check"], cwd=project, capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=60)
    assert forked.returncode == alone.returncode == 1
    assert forked.stdout == alone.stdout
    assert forked.stderr == alone.stderr
    assert "Feld „kind“" in forked.stderr


SCRIPT = """
import os
import sys

print(sys.argv, sys.path[0] == os.path.dirname(os.path.abspath(__file__)), os.getcwd())
print(__name__, file=sys.stderr)
sys.exit(3)
"""


def test_a_script_runs_as_python_runs_a_file(tmp_path: Path) -> None:
    script = tmp_path / "tool" / "probe.py"
    script.parent.mkdir()
    script.write_text(SCRIPT, encoding="utf-8")
    forked = run_by_server(str(script), ["--flag"], cwd=tmp_path, env=dict(os.environ),
                           timeout=60)
    alone = subprocess.run([sys.executable, str(script), "--flag"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
    assert forked.returncode == alone.returncode == 3
    assert forked.stdout == alone.stdout == f"{[str(script), '--flag']} True {tmp_path}\n"
    assert forked.stderr == alone.stderr == "__main__\n"


def _templated_project(root: Path, words: str) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    (root / "theme").mkdir(exist_ok=True)
    (root / "theme" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}<p id="probe">' + words
        + "</p>{{ super() }}{% endblock %}\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Probe\ntheme:\n  name: material\n"
                                     "  custom_dir: theme\n", encoding="utf-8")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_share_compiled_templates_and_build_what_a_process_builds(
        tmp_path: Path) -> None:
    """A build takes the code the run's earlier builds compiled (``TEMPLATE_CODE``; the run's
    folder is set by tests/conftest.py) and the installed theme's files the server listed once
    (Material's, icons left out before MkDocs' filter), and builds byte for byte what its own
    process builds; a changed template is compiled anew,
    and a file added to the project's theme folder is copied."""
    store = tmp_path / "template-code"
    store.mkdir()
    project = _templated_project(tmp_path / "project", "erste Fassung")
    env = {**os.environ, TEMPLATE_CODE: str(store),
           "SOURCE_DATE_EPOCH": "1764072000"}  # MkDocs writes the build date

    def by_server(name: str) -> Path:
        code = SERVER.run("mkdocs", ["build", "-d", str(tmp_path / name)], cwd=project,
                          env=env, stdout=tmp_path / f"{name}.out",
                          stderr=tmp_path / f"{name}.err", timeout=120)
        assert code == 0, (tmp_path / f"{name}.err").read_text(encoding="utf-8")
        return tmp_path / name

    first = by_server("first")
    stored = set(store.iterdir())
    assert stored  # what the first build compiled is kept
    second = by_server("second")
    assert set(store.iterdir()) == stored  # the second build compiled nothing
    alone = tmp_path / "alone"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(alone)],
                   cwd=project, check=True, timeout=120,
                   env={key: value for key, value in env.items() if key != TEMPLATE_CODE})
    assert _files(first) == _files(second) == _files(alone)
    assert not (first / "probe.css").exists()
    _templated_project(project, "zweite Fassung")
    (project / "theme" / "probe.css").write_text("p {}\n", encoding="utf-8")
    third = by_server("third")
    assert (third / "probe.css").read_text(encoding="utf-8") == "p {}\n"
    assert len(set(store.iterdir()) - stored) == 1  # main.html, changed
    assert '<p id="probe">zweite Fassung</p>' in (third / "index.html").read_text(
        encoding="utf-8")


def test_the_code_key_tells_apart_what_changes_the_code() -> None:
    """Escaping, syntax, a filter's arguments and the filter itself change what a template
    compiles to."""
    import jinja2

    def key(**settings: object) -> str:
        return _code_key(jinja2.Environment(**settings), "{{ x|f }}", "t.html", None, False)

    assert key() == key()
    assert key(autoescape=True) != key(autoescape=False)
    assert key(trim_blocks=True) != key()
    plain = jinja2.Environment()
    plain.filters["f"] = lambda value: value
    with_context = jinja2.Environment()
    with_context.filters["f"] = jinja2.pass_context(lambda context, value: value)
    assert (_code_key(plain, "{{ x|f }}", "t.html", None, False)
            != _code_key(with_context, "{{ x|f }}", "t.html", None, False))
    # a constant the compiler computes with the filter itself: another filter, other code
    upper, lower = jinja2.Environment(), jinja2.Environment()
    upper.filters["f"] = str.upper
    lower.filters["f"] = str.lower
    constant = '{{ "x"|f }}'
    assert (_code_key(upper, constant, "t.html", None, False)
            != _code_key(lower, constant, "t.html", None, False))
    shout, whisper = jinja2.Environment(), jinja2.Environment()
    shout.filters["f"] = lambda value: value + "!"
    whisper.filters["f"] = lambda value: value + "."
    assert (_code_key(shout, constant, "t.html", None, False)
            != _code_key(whisper, constant, "t.html", None, False))
    assert "X" in upper.from_string(constant).render() and "x" in lower.from_string(
        constant).render()


def test_only_mkdocs_theme_filter_has_dotted_names_left_out_first() -> None:
    """The server leaves out names with a dotted part before MkDocs' theme-file filter only:
    it refuses them itself (``.*``, ``*/.*``)."""
    from mkdocs.structure.files import Files

    filters: list[object] = []

    class Listing:
        def list_templates(self, filter_func: object = None) -> list[str]:
            filters.append(filter_func)
            return []

    Files([]).add_files_from_theme(Listing(), None)  # type: ignore[arg-type]
    assert _refuses_dotted_names(filters[0])
    assert not _refuses_dotted_names(lambda name: not name.startswith(".*"))
    assert not _refuses_dotted_names(None)
