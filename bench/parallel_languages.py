"""Investigation: each language in its own process (both cores), merged, against sequential.

The parallel build is ``parallel_build.py``; this module times it against
the ordinary sequential ``mkdocs build`` and compares the two folders byte for byte.
(mkdocs-static-i18n's own ``build_only_locale`` cannot serve: it switches the other languages
off, so the records' texts in them no longer validate and the language links would vanish.)
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import time
from pathlib import Path

from parallel_build import build_languages_in_parallel

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


def investigate(project: Path, languages: tuple[str, ...], env: dict[str, str]) -> list[str]:
    """Time a sequential and a parallel build of ``project`` and report the byte comparison."""
    if len(languages) < 2:
        return ["Only one language is configured: nothing to build in parallel."]
    sequential = project / "out-sequential"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml"),
         "-d", str(sequential)], cwd=project, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seq_wall = time.perf_counter() - start
    seq_cpu = usage.ru_utime + usage.ru_stime
    if os.waitstatus_to_exitcode(status):
        raise SystemExit("sequential build failed")
    par = build_languages_in_parallel(project / "mkdocs.yml", project / "out-parallel",
                                      languages, env, ("--quiet",))
    if par.returncode:
        raise SystemExit(f"parallel build failed:\n{par.output}")
    par_wall, par_cpu = par.wall, par.cpu
    same, differ, missing, extra = compare(sequential, project / "out-parallel")
    identical = not differ and not missing and not extra
    verdict = ("byte-identical" if identical else
               "**not** byte-identical, so the sequential build stays")
    lines = [
        f"One process per language at the same time, then merged "
        f"(`bench/parallel_build.py`): {par_wall:.2f} s wall "
        f"({par_cpu:.2f} s CPU) against {seq_wall:.2f} s wall ({seq_cpu:.2f} s CPU) "
        f"sequentially (speed-up {seq_wall / par_wall:.2f}×); the merged output is {verdict}. "
        + ("A real gain: worth adopting." if identical and seq_wall / par_wall >= MIN_GAIN else
           f"Not adopted: less than {MIN_GAIN}× faster here, for "
           f"{(par_cpu / seq_cpu - 1) * 100:.0f} % more CPU time."),
        "",
        f"- identical files: {same}; differing: {len(differ)}; missing: {len(missing)}; "
        f"extra: {len(extra)}",
    ]
    if differ:
        lines.append(f"- differing: {_sample(differ)}")
    if missing:
        lines.append(f"- missing from the merged output: {_sample(missing)}")
    if extra:
        lines.append(f"- only in the merged output: {_sample(extra)}")
    return lines
