"""The theme's templates, read once per build instead of once per language.

mkdocs-static-i18n runs MkDocs' build again for every other language, and each run gets a new
Jinja environment: every template was compiled anew and the theme folders (Material ships
thousands of icon files among its templates) were walked again to find the inline scripts.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

# where the theme (Material) keeps the templates of its inline scripts
SCRIPT_FOLDER = "partials/javascripts"
SCRIPT_PAGES = ("base.html", "main.html")


def script_template_names(theme_dirs: Iterable[str]) -> list[str]:
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


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for the build's next language. Each is stored with
    the checksum of its source, so a changed template (``mkdocs serve``) is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
