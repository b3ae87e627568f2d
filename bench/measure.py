"""Running one child process and measuring it: wall time, CPU time and peak memory."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child
    peak_mb: float  # maximum resident set size of the child
    returncode: int
    output: str


_FORKING = False
"""Whether ``run_child`` runs ``python -m`` commands in a fork of this process (``fork_python``)."""


def fork_python() -> None:
    """From now on, ``run_child`` runs a ``python -m`` command in a fork of this process, the
    way the tests' build server does (tests/helpers/build_server.py, whose ``preload`` this
    process runs first), instead of starting Python: no interpreter start, and what a build
    imports is imported. The benchmark's ``--fork``: a quick run whose times leave that out
    (the test suite's run); its peak memory counts what this process held when it forked."""
    global _FORKING
    _build_server().preload()
    _FORKING = True


def run_child(cmd: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``cmd`` and read its own resource usage with ``wait4`` (not all children's)."""
    log = cwd / f".bench-{os.getpid()}-{time.monotonic_ns()}.log"
    with log.open("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        if _FORKING and cmd[:2] == [sys.executable, "-m"]:
            returncode, usage = _forked(cmd[2], cmd[3:], cwd, env, out.name)
        else:
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        text = out.read()
    log.unlink()
    # Linux reports ru_maxrss in KiB
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, returncode, text)


def _forked(module: str, argv: list[str], cwd: Path, env: dict[str, str],
            log: str) -> tuple[int, Any]:
    return _build_server().run_forked(module, argv, cwd=str(cwd), env=env, stdout=log,
                                      stderr=None)


def _build_server() -> Any:
    """The tests' build server module (tests/helpers/build_server.py), which forks builds."""
    helpers = str(Path(__file__).resolve().parent.parent / "tests" / "helpers")
    if helpers not in sys.path:
        sys.path.append(helpers)
    import build_server

    return build_server


def best_of(runs: list[Run]) -> Run:
    """The fastest of repeated runs (least disturbed by other load), with the highest peak."""
    fastest = min(runs, key=lambda r: r.wall)
    return Run(fastest.wall, min(r.cpu for r in runs), max(r.peak_mb for r in runs),
               max(r.returncode for r in runs), fastest.output)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_description() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{os.cpu_count()} cores (nproc), CPU {cpu_model()}, Python "
            f"{platform.python_version()}, {platform.system()}; load average at start {load:.2f}")
