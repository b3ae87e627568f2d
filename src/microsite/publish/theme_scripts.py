"""The theme's own inline scripts, read from its template folders: the only inline scripts the
Content-Security-Policy allows (``csp.ThemeScripts``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from microsite.publish.csp import ThemeScripts

# where the theme (Material) keeps the templates of its inline scripts
SCRIPT_FOLDER = "partials/javascripts"
SCRIPT_PAGES = ("base.html", "main.html")


def script_template_names(theme_dirs: Iterable[str | Path]) -> list[str]:
    """The names of the templates that may write inline scripts, in any theme folder (a name
    resolves to the first folder that has it, ``custom_dir`` first)."""
    names: dict[str, None] = {}
    for folder in map(Path, theme_dirs):
        names.update((name, None) for name in SCRIPT_PAGES if (folder / name).is_file())
        scripts = folder / SCRIPT_FOLDER
        if scripts.is_dir():
            names.update((path.relative_to(folder).as_posix(), None)
                         for path in sorted(scripts.rglob("*")) if path.is_file())
    return sorted(names)


def theme_scripts(theme_dirs: Iterable[str | Path]) -> ThemeScripts:
    """The inline scripts of the templates as the engine resolves them (first folder wins)."""
    folders = [Path(folder) for folder in theme_dirs]
    sources = []
    for name in script_template_names(folders):
        path = next(folder / name for folder in folders if (folder / name).is_file())
        sources.append(path.read_text(encoding="utf-8"))
    return ThemeScripts.from_templates(sources)
