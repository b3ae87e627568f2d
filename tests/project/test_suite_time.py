"""The suite's own clock: ``scripts/suite_time.py`` sums each file's phases, and the files it
lists as costliest are handed to the workers first (``tests/helpers/file_order.py``)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from file_order import ONE_WORKER, GroupedFiles, costly_files, rank, sort_key
from sitebuild import REPO

sys.path.insert(0, str(REPO / "scripts"))

from suite_time import file_costs, write_order

PHASES = [(3.0, "call", "tests/b.py::test_one"), (1.5, "setup", "tests/a.py::test_x[1]"),
          (1.0, "call", "tests/a.py::test_x[1]"), (0.4, "call", "tests/b.py::test_two"),
          (0.5, "teardown", "tests/c.py::test_z")]


def test_each_files_phases_are_summed_costliest_first() -> None:
    assert file_costs(PHASES) == [(3.4, "tests/b.py"), (2.5, "tests/a.py"), (0.5, "tests/c.py")]


def test_the_written_order_lists_the_costly_files_and_is_read_back(tmp_path: Path) -> None:
    listed = tmp_path / "costly_files.txt"
    write_order(file_costs(PHASES), listed)
    assert costly_files(listed) == ["tests/b.py", "tests/a.py"]  # c.py is under 2 s
    ranks = rank(costly_files(listed))
    collected = ["tests/c.py", "tests/a.py", "tests/d.py", "tests/b.py"]
    assert sorted(collected, key=lambda f: sort_key(f, ranks)) == [
        "tests/b.py", "tests/a.py", "tests/c.py", "tests/d.py"]  # the rest as collected


def test_the_listed_files_exist() -> None:
    """A file renamed or removed would silently lose its early start."""
    assert costly_files(), "tests/costly_files.txt: run scripts/suite_time.py --update-order"
    assert [name for name in costly_files() if not (REPO / name).is_file()] == []


def test_the_files_sharing_the_editor_page_run_on_one_worker() -> None:
    """Every file that opens the process's shared Decap page is in its group, and the group is
    one unit for the scheduler (tests/conftest.py)."""
    imports = re.compile(r"^from cms_editor import .*\bshared_editor\b", re.MULTILINE)
    using = sorted(path.relative_to(REPO).as_posix() for path in (REPO / "tests").rglob("test_*.py")
                   if imports.search(path.read_text(encoding="utf-8")))
    assert using and set(using) <= set(ONE_WORKER["decap"])
    split = GroupedFiles._split_scope
    assert {split(None, f"{name}::test_x[1]") for name in ONE_WORKER["decap"]} == {"decap"}
    assert split(None, "tests/render/test_browser.py::test_x") == "tests/render/test_browser.py"
    assert [name for files in ONE_WORKER.values() for name in files
            if not (REPO / name).is_file()] == []
