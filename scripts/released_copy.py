"""A copy of a project in its released state: every site-wide fact it lacks is filled in by a
placeholder of the right form, so the legal gate lets it go (no banner, no ``noindex``).

The performance budget measures what visitors will get once the city has given its facts; the
copy is thrown away after the measurement and its placeholders are never published.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from microsite.render.facts import FACTS

PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "data", "schema")
PLACEHOLDERS = {
    "email": "platzhalter@example.org",
    "url": "https://example.org/",
    "date": "2026-01-01",
}


def placeholder(key: str, kind: str) -> str:
    return PLACEHOLDERS.get(kind, f"Platzhalter für {key}")


def copy_project(project: Path, target: Path) -> Path:
    """What a build reads, copied from ``project`` to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = project / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def fill_missing_facts(facts_file: Path) -> list[str]:
    """Give every empty fact a placeholder; returns the facts filled in (``group.field``)."""
    data = yaml.safe_load(facts_file.read_text(encoding="utf-8")) or {"format": 1}
    filled = []
    for group, fields in FACTS.items():
        values = data.get(group) or {}
        for name, kind in fields.items():
            if not values.get(name):
                values[name] = placeholder(f"{group}.{name}", kind)
                filled.append(f"{group}.{name}")
        data[group] = values
    facts_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                          encoding="utf-8")
    return filled


def released_copy(project: Path, target: Path, facts_file: str) -> tuple[Path, list[str]]:
    """``project`` copied to ``target`` with its missing facts filled in."""
    copy = copy_project(project, target)
    return copy, fill_missing_facts(copy / facts_file)
