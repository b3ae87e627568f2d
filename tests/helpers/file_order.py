"""The order in which pytest-xdist hands test files to its workers: the costliest first.

With ``--dist loadfile`` each worker takes a whole file at a time, and a file started last
decides when the run ends. ``tests/costly_files.txt`` lists the files that cost most, most
expensive first, as ``scripts/suite_time.py --update-order`` measured them; ``tests/conftest.py``
collects them first, in that order, and ``./dev test`` passes ``--no-loadscope-reorder`` so that
xdist keeps it (by default it sorts files by their number of tests). A list gone stale only
costs time: files it does not name follow in their usual order.
"""

from __future__ import annotations

from pathlib import Path

COSTLY_FILES = Path(__file__).resolve().parents[1] / "costly_files.txt"


def costly_files(path: Path = COSTLY_FILES) -> list[str]:
    """The listed files (paths from the repository root), costliest first."""
    if not path.is_file():
        return []
    return [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("#", 1)[0].strip()]


def rank(files: list[str]) -> dict[str, int]:
    """Each listed file's place; unlisted files come after all of them."""
    return {name: place for place, name in enumerate(files)}


def sort_key(file: str, ranks: dict[str, int]) -> int:
    return ranks.get(file, len(ranks))
