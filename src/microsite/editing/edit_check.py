"""``./dev edit`` runs ``check`` after every save and hands its report to the form.

The form runs the rules it can itself (patterns, ``admin/microsite-checks.js``); the rest
(links from pages, vanished ids, ``data/site.yaml``) only ``check`` knows. After the editor's local
server writes ``data/projects.yaml``, this watcher runs ``microsite check`` on the working copy and
writes its report as ``admin/check.json`` next to the editor page, where
``admin/microsite-editor.js`` shows it: the same lines ``check`` prints, errors and warnings.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPORT = "check.json"
CHECK = [sys.executable, "-m", "microsite.cli", "check"]


def write_report(root: Path, admin_dir: Path) -> dict:
    """Run ``check`` on ``root`` and write its report into ``admin_dir``; returns it."""
    done = subprocess.run(CHECK, cwd=root, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    report = {"ok": done.returncode == 0,
              "errors": [line for line in lines if line.startswith(("data/", "docs/"))],
              "warnings": [line for line in lines if line.startswith("Warnung: ")],
              "summary": (done.stdout.strip().splitlines() or lines[-1:] or [""])[-1]}
    tmp = admin_dir / (REPORT + ".tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    tmp.replace(admin_dir / REPORT)
    return report


@contextmanager
def check_on_save(root: Path, admin_dir: Path, data_file: str = "data/projects.yaml",
                  interval: float = 0.5) -> Iterator[threading.Event]:
    """Watch ``data_file`` while the editor runs; a report after start and after each save."""
    path = root / data_file
    stop = threading.Event()

    def stamp() -> float:
        try:
            return path.stat().st_mtime_ns
        except OSError:
            return 0

    def watch() -> None:
        last = None
        while not stop.is_set():
            now = stamp()
            if now != last:
                last = now
                write_report(root, admin_dir)
            stop.wait(interval)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield stop
    finally:
        stop.set()
        thread.join(timeout=10)
