"""Measure the test suite: its wall time and its ten slowest tests (setup included).

Runs the suite as ``./dev test`` does (every core, a file per worker), so run it after
``./dev test`` has set up the machine once. Extra arguments go to pytest, e.g. a few files:

    .venv/bin/python scripts/suite_time.py                       # the whole suite
    .venv/bin/python scripts/suite_time.py tests/data -n 0       # one folder, one process
    .venv/bin/python scripts/suite_time.py --update-readme       # also the README's figure

Prints the figure in one line (machine, load, wall time, result) and the ten slowest phases
as pytest's ``--durations`` reports them; ``--update-readme`` writes both between the
``suite-time`` markers of README.md. Times vary with what else runs on the machine: the load
average at the start is printed with them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
START, END = "<!-- suite-time:start -->", "<!-- suite-time:end -->"
DEFAULT_ARGS = ["-n", "auto", "--dist", "loadfile"]
_DURATION = re.compile(r"^(?P<seconds>\d+\.\d+)s (?P<phase>call|setup|teardown)\s+(?P<test>\S.*)$")
_SUMMARY = re.compile(r"^=+ (?P<summary>.*\d+ (?:passed|failed|error).*) =+$")


@dataclass(frozen=True)
class Measurement:
    wall: float
    returncode: int
    summary: str
    slowest: list[tuple[float, str, str]]
    load: float
    cores: int
    args: list[str]


def run_suite(pytest_args: list[str]) -> Measurement:
    args = pytest_args or DEFAULT_ARGS
    if not any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in args):
        args = [*DEFAULT_ARGS, *args]
    cmd = [sys.executable, "-m", "pytest", "-q", "--durations=10", "--durations-min=0", *args]
    load = os.getloadavg()[0]
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    wall = time.monotonic() - start
    lines = proc.stdout.splitlines()
    slowest = [(float(m["seconds"]), m["phase"], m["test"]) for line in lines
               if (m := _DURATION.match(line.strip()))][:10]
    summaries = [m["summary"] for line in lines if (m := _SUMMARY.match(line.strip()))]
    summary = summaries[-1] if summaries else (lines[-1] if lines else proc.stderr.strip())
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-2000:])
    return Measurement(wall, proc.returncode, summary, slowest, load, os.cpu_count() or 1, args)


def report(m: Measurement) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    minutes, seconds = divmod(round(m.wall), 60)
    head = (f"Measured {when} on {m.cores} cores, Python {platform.python_version()}, load "
            f"average at start {m.load:.2f}: `pytest {' '.join(m.args)}` took **{minutes} min "
            f"{seconds:02d} s** wall ({m.summary}).")
    rows = ["| seconds | phase | test |", "| ---: | --- | --- |"]
    rows += [f"| {seconds:.1f} | {phase} | `{test}` |" for seconds, phase, test in m.slowest]
    intro = "The ten slowest phases (a `setup` is a fixture, mostly a site build):"
    return f"{head}\n\n{intro}\n\n" + "\n".join(rows)


def update_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        raise SystemExit(f"README.md has no {START} … {END} section")
    before, rest = readme.split(START, 1)
    after = rest.split(END, 1)[1]
    README.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-readme", action="store_true",
                        help="write the figure into README.md (suite-time markers)")
    args, pytest_args = parser.parse_known_args(argv)
    measurement = run_suite(pytest_args)
    text = report(measurement)
    print(text)
    if args.update_readme and measurement.returncode == 0:
        update_readme(text)
    return measurement.returncode


if __name__ == "__main__":
    sys.exit(main())
