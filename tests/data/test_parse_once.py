"""The records are parsed once per build, not once per language or page."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import microsite.checks.record_building
from projectcopy import sample_project


def test_records_are_parsed_once_for_all_languages(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    parse = microsite.checks.record_building.parse_yaml

    def counting(text: str):  # type: ignore[no-untyped-def]
        calls.append(len(text))
        return parse(text)

    monkeypatch.setattr(microsite.checks.record_building, "parse_yaml", counting)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764072000")
    project = sample_project()
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    pages = list((tmp_path / "out").rglob("index.html"))
    assert (tmp_path / "out" / "en" / "programme" / "lotse-beruf" / "index.html").is_file()
    assert len(pages) > 20
    assert len(calls) == 1, f"projects.yaml parsed {len(calls)} times"
