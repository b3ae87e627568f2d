"""Files under ``docs/`` and ``data/`` that must not reach the site.

MkDocs publishes every file under ``docs/`` as it is, on the site's own origin, and follows
symbolic links. So an ``.html``, ``.svg`` or ``.js`` file (script on our origin, which
``script-src 'self'`` trusts), a stray ``.md`` page, or a link to a file outside the repository
would be published without a word. Active files are allowed only where we put them: the pages
of the language folders (``docs/<lang>/…/*.md``) and the site's own stylesheets and scripts
directly in ``docs/assets/``. Everything else must be a passive file (raster image, PDF, font)
whose first bytes say it is one. Checked by ``load_site``, so ``check`` and the build agree and
nothing is written when one is found.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from microsite.checks.problems import Problem
from microsite.data.input_guards import character_name, first_forbidden

OWN_ASSETS = "assets"
"""Folder under ``docs/`` holding the site's own stylesheets and scripts (top level only)."""
OWN_ASSET_TYPES = (".css", ".js")
# a passive file type, and the first bytes every such file starts with
PASSIVE_TYPES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".ico": (b"\x00\x00\x01\x00",),
    ".pdf": (b"%PDF-",),
    ".woff2": (b"wOF2",),
    ".woff": (b"wOFF",),
}


def _walk(top: Path) -> Iterator[Path]:
    """Every entry below ``top`` (files, folders, links), without following links."""
    for folder, dirs, files in os.walk(top, followlinks=False):
        for name in sorted(dirs + files):
            yield Path(folder) / name


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # outside, unreadable, or a link loop
        return False
    return True


def outside_link_problems(root: Path, folders: Iterable[str]) -> list[Problem]:
    """Symbolic links that are or lie under ``folders`` (files or folders of the project, the
    project folder itself not walked) and lead outside ``root``, or nowhere."""
    root = Path(os.path.abspath(root))  # `mkdocs serve -f mkdocs.yml` gives "."
    outside: dict[str, None] = {}
    for name in folders:
        top = root / name
        if top.is_symlink() and not _inside(top, root):
            outside[top.relative_to(root).as_posix()] = None
        elif top.is_dir() and not top.is_symlink() and top.resolve() != root.resolve():
            for path in _walk(top):
                if path.is_symlink() and not _inside(path, root):
                    outside[path.relative_to(root).as_posix()] = None
    return [Problem(rel, 1, 1, "link_outside", params={"found": rel}) for rel in outside]


def _starts_like(path: Path, signatures: tuple[bytes, ...]) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return any(head.startswith(sig) for sig in signatures) and (
        path.suffix.lower() != ".webp" or head[8:12] == b"WEBP")


def _hidden_characters(page: Path, shown: str) -> list[Problem]:
    """The first control or bidi character in a hand-written page, as in a data file."""
    try:
        text = page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # reported where pages are read
    bad = first_forbidden(text)
    if bad is None:
        return []
    line_start = text.rfind("\n", 0, bad) + 1
    return [Problem(shown, text.count("\n", 0, bad) + 1, bad - line_start + 1,
                    "control_character", params={"char": character_name(text[bad])})]


def foreign_file_problems(docs: Path, root: Path, languages: Iterable[str]) -> list[Problem]:
    """Files under ``docs`` that could run script or become a page and are not ours."""
    docs, root = Path(os.path.abspath(docs)), Path(os.path.abspath(root))  # links kept
    if not docs.is_dir():
        return []
    langs = set(languages)
    problems = []
    for path in _walk(docs):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(docs)
        suffix = path.suffix.lower()
        shown = path.relative_to(root).as_posix() if _inside(path, root) else str(path)
        if suffix == ".md" and len(rel.parts) > 1 and rel.parts[0] in langs:
            problems += _hidden_characters(path, shown)  # a page of ours: its text is checked
            continue
        if suffix in OWN_ASSET_TYPES and rel.parent == Path(OWN_ASSETS):
            continue
        signatures = PASSIVE_TYPES.get(suffix)
        if signatures is None:
            problems.append(Problem(shown, 1, 1, "active_file", params={"found": rel.name}))
        elif not _starts_like(path, signatures):
            problems.append(Problem(shown, 1, 1, "disguised_file",
                                    params={"found": rel.name, "kind": suffix[1:].upper()}))
    return problems


def link_refusal(path: Path, shown: str, lang: str = "de") -> str | None:
    """The message for a data file that a tool would rewrite but that is a symbolic link (the
    write would change a file elsewhere), or None."""
    if not Path(path).is_symlink():
        return None
    return Problem(shown, 1, 1, "link_outside", params={"found": shown}).message(lang)
