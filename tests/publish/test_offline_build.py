"""The build needs no network: inside a network namespace with no interfaces up it gives the
very same site, external links included (they are written, never fetched)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from projectcopy import snapshot
from sitebuild import build

OFFLINE = ("unshare", "--net", "--")


def _can_go_offline() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run([*OFFLINE, "true"], capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_go_offline(), reason="needs unshare --net (root, as in CI)")
def test_the_build_needs_no_network(tmp_path: Path, site: Path) -> None:
    check = subprocess.run([*OFFLINE, "python3", "-c",
                            "import socket; socket.create_connection(('pypi.org', 443), 3)"],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode != 0, "the namespace still reaches the network"
    offline = build(tmp_path / "offline", build_date=dt.date(2026, 11, 25), wrapper=OFFLINE)
    assert offline.returncode == 0, offline.output
    assert snapshot(offline.site) == snapshot(site)
    # the site links out (issue 19: "Hilfe und Kontakt"), and the build fetched none of it
    help_page = (offline.site / "hilfe" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.arbeitsagentur.de/"' in help_page
