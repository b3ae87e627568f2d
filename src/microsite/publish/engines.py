"""The engines ``microsite build --engine`` can run over a staged folder, and where each
keeps the theme templates whose inline scripts the Content-Security-Policy allows.

Engines run as commands, never imported: the steps before and after them know none.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from microsite.render.project import Project


def _material_templates() -> Path:
    """Material for MkDocs' templates folder, found without importing it."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("mkdocs-material is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def _material_theme_dirs(project: Project) -> list[Path]:
    return [*([project.custom_dir] if project.custom_dir else []), _material_templates()]


@dataclass(frozen=True)
class Engine:
    name: str
    command: tuple[str, ...]  # takes -f CONFIG and -d SITE_DIR
    theme_dirs: Callable[[Project], list[Path]]


ENGINES = {
    "mkdocs": Engine("mkdocs", (sys.executable, "-m", "mkdocs", "build"), _material_theme_dirs),
    "properdocs": Engine("properdocs", (sys.executable, "-m", "properdocs", "build"),
                         _material_theme_dirs),
}
