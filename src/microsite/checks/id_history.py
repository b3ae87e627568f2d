"""Records renamed without ``former_ids``: their old address would give a 404 without a word.

The ids of today's data are compared with the ids the site had before: those of the last
published build in the site folder (``opendata/records.json``), and those of the data file in
git – the last commit when the file has uncommitted changes, else the commit before it (so the
check in CI sees the change a pull request makes). Without git or an earlier build there is
nothing to compare with, and nothing is reported.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from microsite.checks.problems import Problem
from microsite.data.model import Record


def _git_file(root: Path, revision: str, data_file: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(root), "show", f"{revision}:./{data_file}"],
                              capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


_ID_LINE = re.compile(r"""^\s*-\s+id:\s*["']?([a-z0-9-]+)["']?\s*(?:#.*)?$""", re.M)


def _ids_of(text: str | None) -> set[str]:
    """The record ids of an earlier version of the file: the lines ``- id: …`` (no full
    parse, which would double the time of a check on a large file)."""
    return set(_ID_LINE.findall(text or ""))


def committed_version(root: Path, data_file: str) -> tuple[str, str | None]:
    """The data file as it was before the change being checked: the last commit when the file
    has uncommitted changes, else the commit before it. Its revision name and text (None
    without git)."""
    current = (root / data_file).read_text(encoding="utf-8") if (root / data_file).is_file() \
        else None
    head = _git_file(root, "HEAD", data_file)
    revision = "HEAD" if head is not None and head != current else "HEAD~1"
    return revision, head if revision == "HEAD" else _git_file(root, revision, data_file)


def earlier_ids(root: Path, data_file: str, site_dir: str = "site") -> dict[str, str]:
    """Earlier ids and where they were seen (for the message)."""
    found: dict[str, str] = {}
    published = root / site_dir / "opendata" / "records.json"
    try:
        document = json.loads(published.read_text(encoding="utf-8"))
        for record in document.get("records", []):
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                found.setdefault(record["id"], f"{site_dir}/opendata/records.json")
    except (OSError, ValueError, AttributeError):
        pass
    revision, text = committed_version(root, data_file)
    for rid in sorted(_ids_of(text)):
        found.setdefault(rid, f"git {revision}:{data_file}")
    return found


def vanished_id_problems(root: Path, data_file: str, records: list[Record],
                         site_dir: str = "site") -> list[Problem]:
    """A warning for each earlier id that is neither an id nor a former id today."""
    known = {r.id for r in records} | {old for r in records for old in r.former_ids}
    earlier = earlier_ids(root, data_file, site_dir)
    vanished = sorted(set(earlier) - known)
    if not vanished:
        return []
    new = [r for r in records if r.id not in earlier]
    problems = []
    for rid in vanished:
        # the likely new name is a record that was not there before
        target = new[0] if new else None
        problems.append(Problem(
            data_file, target.line if target else 1, 1, "renamed_without_former_ids",
            record_id=target.id if target else None,
            record_kind=target.kind.value if target else None,
            field="id" if target else "", params={"found": rid, "compared_with": earlier[rid]},
            warning=True))
    return problems
