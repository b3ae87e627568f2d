"""Running one child process and measuring it: wall time, CPU time and peak memory."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child
    peak_mb: float  # maximum resident set size of the child
    returncode: int
    output: str


def run_child(cmd: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``cmd`` and read its own resource usage with ``wait4`` (not all children's)."""
    log = cwd / f".bench-{os.getpid()}-{time.monotonic_ns()}.log"
    with log.open("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    log.unlink()
    # Linux reports ru_maxrss in KiB
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode,
               text)


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
