"""``check`` reports a records file that is not in the one canonical layout.

The browser editor and ``./dev format`` write ``yaml_layout.format_projects``; a file in any
other layout is rewritten whole by the next save in the form, so that save would change lines
of records nobody touched. ``./dev format`` is the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from microsite.checks.problems import Problem
from microsite.data.loading import YamlSyntaxError, parse_yaml
from microsite.editing.yaml_layout import format_projects


def layout_problem(path: Path, shown_as: str, data: Any = None) -> Problem | None:
    """A warning naming the first line that differs, or None when the file is canonical.
    ``data``: the file as ``check`` has read it already (else it is read here)."""
    try:
        text = path.read_text(encoding="utf-8")
        if data is None:
            data = parse_yaml(text).data
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return None  # check reports these itself
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        return None
    canonical = format_projects(data)
    if canonical == text:
        return None
    ours, theirs = canonical.splitlines(), text.splitlines()
    line = next((n for n, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
                min(len(ours), len(theirs)))
    return Problem(shown_as, line + 1, 1, "not_canonical", warning=True)
