"""A temporary copy of the real project with a changed configuration or changed records."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import yaml

from sitebuild import REPO

COPIED = ("docs", "data", "overrides")


def copy_project(target: Path, *, site_url: str | None = None, plugin_options: dict | None = None,
                 edit_records: Callable[[list[dict]], None] | None = None) -> Path:
    """Copy mkdocs.yml, docs/, data/ and overrides/ into ``target`` and apply the changes."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copytree(REPO / name, target / name)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    if site_url is not None:
        config["site_url"] = site_url
    if plugin_options:
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "microsite" in plugin:
                plugin["microsite"].update(plugin_options)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    if edit_records is not None:
        data_file = target / "data" / "projects.yaml"
        data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        edit_records(data["records"])
        data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                             encoding="utf-8")
    return target
