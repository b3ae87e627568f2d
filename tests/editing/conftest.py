"""Fixtures of the editor's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from cms_editor import formatted_copy, only_the_first_record


@pytest.fixture
def one_record(tmp_path: Path) -> Path:
    """The sample with only its first record, in the editor's layout: for tests whose subject
    is one record's form, or that need no records (Decap draws every record of the file on
    every change)."""
    return formatted_copy(tmp_path / "project", only_the_first_record)
