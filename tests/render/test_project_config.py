"""mkdocs.yml as the generator reads it (``render/project.py``): with MkDocs' own parser, so
that ``microsite check`` and the build agree on the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from microsite.render.project import ProjectConfigError, read_config


def test_a_tab_mkdocs_refuses_is_refused_with_its_line(tmp_path: Path) -> None:
    """libyaml's parser would read ``a:<tab>b``; PyYAML's, which MkDocs uses, does not."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Probe\nextra:\n  a:\tb\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="line 3"):  # MkDocs' words for a YAML error
        yaml_load(config.read_text(encoding="utf-8"))
    with pytest.raises(ProjectConfigError, match=r"mkdocs\.yml, line 3"):
        read_config(config)


def test_mkdocs_own_tags_are_read_as_plain_values(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: !ENV [SITE_NAME, Probe]\nextra:\n  x: !!python/name:len\n",
                      encoding="utf-8")
    assert read_config(config) == {"site_name": ["SITE_NAME", "Probe"], "extra": {"x": ""}}
