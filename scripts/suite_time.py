"""Measure the test suite: its wall time and its ten slowest tests (setup included).

Runs the suite as ``./dev test`` does (every core, a file per worker), so run it after
``./dev test`` has set up the machine once. Extra arguments go to pytest, e.g. a few files:

    .venv/bin/python scripts/suite_time.py                       # the whole suite
    .venv/bin/python scripts/suite_time.py tests/data -n 0       # one folder, one process
    .venv/bin/python scripts/suite_time.py --update-readme       # also the README's figure
    .venv/bin/python scripts/suite_time.py --update-order        # and tests/costly_files.txt

Prints the figure in one line (machine, load, wall time, result), the ten slowest phases
as pytest's ``--durations`` reports them, and the site builds the run made (every
``sitebuild.build`` logs itself when ``MICROSITE_TEST_BUILD_LOG`` names a file: how many, their
seconds of one core, and which test files start them); ``--update-readme`` writes it all
between the ``suite-time`` markers of README.md, ``--output FILE`` keeps pytest's whole output
and the build log. Times vary with what else runs on the machine: the load average at the start
is printed with them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from readme_block import replace_block

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ARGS = ["-n", "auto", "--dist", "loadfile", "--no-loadscope-reorder"]  # as ./dev test
COSTLY_FILES = REPO / "tests" / "costly_files.txt"  # as tests/helpers/file_order.py
COSTLY_SECONDS = 2.0
"""A file whose tests take this long together is listed in ``COSTLY_FILES``."""
_DURATION = re.compile(r"^(?P<seconds>\d+\.\d+)s (?P<phase>call|setup|teardown)\s+(?P<test>\S.*)$")
BUILD_LOG = "MICROSITE_TEST_BUILD_LOG"  # as tests/helpers/sitebuild.py
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
    output: str
    builds: list[tuple[float, int, str]]
    """Every ``mkdocs build`` a test ran (tests/helpers/sitebuild.py): seconds, exit code, test."""
    files: list[tuple[float, str]]
    """Each test file's phases summed, costliest first."""


def run_suite(pytest_args: list[str]) -> Measurement:
    args = pytest_args or DEFAULT_ARGS
    if not any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in args):
        args = [*DEFAULT_ARGS, *args]
    cmd = [sys.executable, "-m", "pytest", "-q", "--durations=0", "--durations-min=0", *args]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "builds.tsv"
        log.touch()
        start = time.monotonic()
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True,
                              env={**os.environ, BUILD_LOG: str(log)})
        wall = time.monotonic() - start
        builds = [(float(seconds), int(code), test) for seconds, code, test in
                  (line.split("\t", 2) for line in log.read_text(encoding="utf-8").splitlines())]
    lines = proc.stdout.splitlines()
    phases = [(float(m["seconds"]), m["phase"], m["test"]) for line in lines
              if (m := _DURATION.match(line.strip()))]
    summaries = [m["summary"] for line in lines if (m := _SUMMARY.match(line.strip()))]
    summary = summaries[-1] if summaries else (lines[-1] if lines else proc.stderr.strip())
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-2000:])
    return Measurement(wall, proc.returncode, summary, phases[:10], load, os.cpu_count() or 1,
                       args, proc.stdout + proc.stderr, builds, file_costs(phases))


def file_costs(phases: list[tuple[float, str, str]]) -> list[tuple[float, str]]:
    """Seconds per test file (setup, call and teardown of its tests), costliest first."""
    per_file: Counter[str] = Counter()
    for seconds, _, test in phases:
        per_file[test.split("::", 1)[0]] += seconds
    return sorted(((round(s, 1), name) for name, s in per_file.items()),
                  key=lambda item: (-item[0], item[1]))


def write_order(files: list[tuple[float, str]], path: Path = COSTLY_FILES) -> None:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# The costliest test files, most expensive first (seconds of their tests, "
             f"measured {when}", "# by scripts/suite_time.py --update-order). tests/conftest.py "
             "starts them first: tests/helpers/file_order.py."]
    lines += [f"{name}  # {seconds:.1f} s" for seconds, name in files if seconds >= COSTLY_SECONDS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def report(m: Measurement) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    minutes, seconds = divmod(round(m.wall), 60)
    head = (f"Measured {when} on {m.cores} cores, Python {platform.python_version()}, load "
            f"average at start {m.load:.2f}: `pytest {' '.join(m.args)}` took **{minutes} min "
            f"{seconds:02d} s** wall ({m.summary}).")
    rows = ["| seconds | phase | test |", "| ---: | --- | --- |"]
    rows += [f"| {seconds:.1f} | {phase} | `{test}` |" for seconds, phase, test in m.slowest]
    intro = "The ten slowest phases (a `setup` is a fixture, mostly a site build):"
    return f"{head}\n\n{intro}\n\n" + "\n".join(rows) + "\n\n" + builds_report(m.builds)


def builds_report(builds: list[tuple[float, int, str]]) -> str:
    """How many ``mkdocs build`` processes the run started, what they cost, and which test files
    start them (a build that stops on bad data before writing is counted apart)."""
    full = [(seconds, test) for seconds, code, test in builds if code == 0]
    stopped = [seconds for seconds, code, _ in builds if code != 0]
    per_file = Counter(test.split("::", 1)[0] for _, test in full)
    lines = [f"Site builds: {len(full)} finished ({sum(s for s, _ in full):.0f} s of one core), "
             f"{len(stopped)} stopped on purpose ({sum(stopped):.0f} s)."]
    lines += [f"- {count} × `{name}`" for name, count in per_file.most_common()]
    return "\n".join(lines)


def update_readme(text: str) -> None:
    replace_block("suite-time", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-readme", action="store_true",
                        help="write the figure into README.md (suite-time markers)")
    parser.add_argument("--update-order", action="store_true",
                        help="list the costliest test files in tests/costly_files.txt")
    parser.add_argument("--output", type=Path,
                        help="also keep pytest's whole output (and the build log) in this file")
    args, pytest_args = parser.parse_known_args(argv)
    measurement = run_suite(pytest_args)
    if args.output:
        builds = "".join(f"{s:.2f}\t{code}\t{test}\n" for s, code, test in measurement.builds)
        args.output.write_text(measurement.output + "\n# builds\n" + builds, encoding="utf-8")
    text = report(measurement)
    print(text)
    if args.update_readme and measurement.returncode == 0:
        update_readme(text)
    if args.update_order and measurement.returncode == 0:
        write_order(measurement.files)
    return measurement.returncode


if __name__ == "__main__":
    sys.exit(main())
