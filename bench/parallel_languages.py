"""Investigation: each language in its own process (both cores), merged, against sequential.

The parallel build is ``microsite.mkdocs_plugin.parallel_build``; this module times it against
the ordinary sequential ``mkdocs build`` and compares the two folders byte for byte.
(mkdocs-static-i18n's own ``build_only_locale`` cannot serve: it switches the other languages
off, so the records' texts in them no longer validate and the language links would vanish.)
"""

from __future__ import annotations

import filecmp
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from microsite.mkdocs_plugin.parallel_build import build_languages_in_parallel

MIN_GAIN = 1.2  # what would justify a second build path


def compare(sequential: Path, merged: Path) -> tuple[int, list[str], list[str], list[str]]:
    """(identical files, differing, missing from merged, extra in merged), as relative paths."""
    seq = {p.relative_to(sequential).as_posix() for p in sequential.rglob("*") if p.is_file()}
    par = {p.relative_to(merged).as_posix() for p in merged.rglob("*") if p.is_file()}
    same, differ = 0, []
    for rel in sorted(seq & par):
        if filecmp.cmp(sequential / rel, merged / rel, shallow=False):
            same += 1
        else:
            differ.append(rel)
    return same, differ, sorted(seq - par), sorted(par - seq)


def _sample(paths: list[str], limit: int = 4) -> str:
    shown = ", ".join(f"`{p}`" for p in paths[:limit])
    return shown + (f" … ({len(paths)} in all)" if len(paths) > limit else "")


def _sequential(project: Path, target: Path, env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml"),
         "-d", str(target)], cwd=project, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"sequential build of {project} failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class Trial:
    """Sequential and parallel builds of one project, alternated ``repeat`` times."""

    name: str
    seq_wall: list[float]
    seq_cpu: list[float]
    par_wall: list[float]
    par_cpu: list[float]
    same: int
    differ: list[str]
    missing: list[str]
    extra: list[str]

    @property
    def identical(self) -> bool:
        return not self.differ and not self.missing and not self.extra

    @property
    def speedups(self) -> list[float]:
        return sorted(s / p for s, p in zip(self.seq_wall, self.par_wall, strict=True))

    def row(self) -> str:
        cpu = statistics.median(self.par_cpu) / statistics.median(self.seq_cpu) - 1
        return (f"| {self.name} | {statistics.median(self.seq_wall):.2f} s "
                f"| {statistics.median(self.par_wall):.2f} s "
                f"| {statistics.median(self.speedups):.2f}× "
                f"({self.speedups[0]:.2f}–{self.speedups[-1]:.2f}) | {cpu * 100:+.0f} % "
                f"| {'yes' if self.identical else '**no**'} ({self.same} files"
                f"{'' if self.identical else f', {len(self.differ)} differ'}) |")


def trial(name: str, project: Path, languages: tuple[str, ...], env: dict[str, str],
          repeat: int) -> Trial:
    seq_wall, seq_cpu, par_wall, par_cpu = [], [], [], []
    for _ in range(repeat):
        wall, cpu = _sequential(project, project / "out-sequential", env)
        seq_wall.append(wall)
        seq_cpu.append(cpu)
        par = build_languages_in_parallel(project / "mkdocs.yml", project / "out-parallel",
                                          languages, env, ("--quiet",))
        if par.returncode:
            raise SystemExit(f"parallel build failed:\n{par.output}")
        par_wall.append(par.wall)
        par_cpu.append(par.cpu)
    same, differ, missing, extra = compare(project / "out-sequential", project / "out-parallel")
    return Trial(name, seq_wall, seq_cpu, par_wall, par_cpu, same, differ, missing, extra)


def investigate(projects: dict[str, Path], languages: tuple[str, ...], env: dict[str, str],
                repeat: int = 3) -> list[str]:
    """Time sequential against parallel builds of each project; compare the bytes."""
    if len(languages) < 2:
        return ["Only one language is configured: nothing to build in parallel."]
    trials = [trial(name, project, languages, env, repeat) for name, project in projects.items()]
    lines = [
        "One process per language at the same time, then merged "
        "(`microsite.mkdocs_plugin.parallel_build`, what `./dev build` runs), against the "
        f"sequential build; {repeat} alternating runs each, median wall time, "
        "speed-up median (range).",
        "",
        "| site | sequential | parallel | speed-up | CPU time | byte-identical |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        *(t.row() for t in trials),
        "",
    ]
    for t in trials:
        for label, paths in (("differing", t.differ), ("missing from the merged output",
                                                        t.missing),
                             ("only in the merged output", t.extra)):
            if paths:
                lines.append(f"- {t.name}, {label}: {_sample(paths)}")
    worthwhile = [t for t in trials if t.identical and statistics.median(t.speedups) >= MIN_GAIN]
    if all(t.identical for t in trials):
        lines.append("The merged output is byte-identical to the sequential build. " + (
            f"Real gain (median ≥ {MIN_GAIN}×) for: " + ", ".join(t.name for t in worthwhile)
            + "." if worthwhile else
            f"No median gain of {MIN_GAIN}× or more on this machine: not adopted."))
    else:
        lines.append("The merged output is **not** byte-identical: the sequential build stays.")
    return lines
