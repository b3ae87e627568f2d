"""How long ``microsite check`` takes, as an editor or the pre-commit hook runs it.

Measures the whole command (process start, imports, reading, validation) on the real data and
on a generated file of 1,000 records (copies of the real records under new ids, so every field
type and text length is represented). Target: under 1 second each. Exit status 1 when a
median misses the target.

    .venv/bin/python bench/check_speed.py [--runs 5] [--records 1000]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from microsite.data.loading import parse_yaml  # dates stay text, as editors write them

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0


def many_records(count: int) -> str:
    """The real file's records, repeated under new ids until there are ``count``."""
    data = parse_yaml((REPO / "data" / "projects.yaml").read_text(encoding="utf-8")).data
    real = data["records"]
    records = []
    for i in range(count):
        record = dict(real[i % len(real)])
        if i >= len(real):  # the real ids stay, so the hand-written pages' links still lead
            record["id"] = f"{record['id']}-{i}"
        records.append(record)
    # every record written out in full: shared parts would become YAML aliases, which check
    # refuses past a cap (an editor's file has none)
    dumper = type("NoAliases", (yaml.SafeDumper,), {"ignore_aliases": lambda self, data: True})
    return yaml.dump({"format": 1, "source": data.get("source"), "records": records},
                     Dumper=dumper, allow_unicode=True,
                     sort_keys=False, width=100)


def project_with(records_yaml: str | None, folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "data", folder / "data")
    if records_yaml is not None:
        (folder / "data" / "projects.yaml").write_text(records_yaml, encoding="utf-8")
    return folder


def time_check(project: Path, runs: int) -> tuple[float, str]:
    """Median wall time of ``microsite check`` in ``project``, and its last output."""
    times = []
    output = ""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "microsite.cli", "check"], cwd=project,
                              capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        output = (proc.stdout + proc.stderr).strip()
        if proc.returncode != 0:
            raise SystemExit(f"check failed in {project}:\n{output}")
    return statistics.median(times), output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--records", type=int, default=1000)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "real data": project_with(None, Path(tmp) / "real"),
            f"{args.records} records": project_with(many_records(args.records),
                                                    Path(tmp) / "many"),
        }
        for name, project in cases.items():
            seconds, output = time_check(project, args.runs)
            verdict = "ok" if seconds < TARGET_SECONDS else "TOO SLOW"
            ok &= seconds < TARGET_SECONDS
            last = output.splitlines()[-1] if output else ""
            print(f"{name:>14}: {seconds:.3f} s median of {args.runs} "
                  f"(target < {TARGET_SECONDS:.0f} s) {verdict} – {last}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
