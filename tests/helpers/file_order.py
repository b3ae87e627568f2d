"""The order in which pytest-xdist hands test files to its workers: the costliest first.

With ``--dist loadfile`` each worker takes a whole file at a time, and a file started last
decides when the run ends. ``tests/costly_files.txt`` lists the files that cost most, most
expensive first, as ``scripts/suite_time.py --update-order`` measured them; ``tests/conftest.py``
collects them first, in that order, and ``./dev test`` passes ``--no-loadscope-reorder`` so that
xdist keeps it (by default it sorts files by their number of tests). A list gone stale only
costs time: files it does not name follow in their usual order.

Files that share something a process makes once go to one worker together (``ONE_WORKER``,
used by the scheduler in ``tests/conftest.py``): a second worker would make it again.
"""

from __future__ import annotations

from pathlib import Path

from xdist.scheduler import LoadFileScheduling

COSTLY_FILES = Path(__file__).resolve().parents[1] / "costly_files.txt"
ONE_WORKER = {
    # the process's logged-in Decap page (cms_editor.shared_editor): Decap's 6.5 MB of
    # JavaScript loaded and logged in once, not once per worker
    "decap": ("tests/editing/test_cms_parity.py", "tests/editing/test_cms_browser.py",
              "tests/editing/test_cms_security.py"),
}
_GROUP = {file: group for group, files in ONE_WORKER.items() for file in files}


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


def scope(file: str) -> str:
    """The unit a worker takes whole: the file, or the group of files it runs with."""
    return _GROUP.get(file, file)


class GroupedFiles(LoadFileScheduling):
    """``--dist loadfile``, except that the files of a group in ``ONE_WORKER`` are one unit."""

    def _split_scope(self, nodeid: str) -> str:
        return scope(LoadFileScheduling._split_scope(self, nodeid))
