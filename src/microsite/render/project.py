"""Reading the site's settings from ``mkdocs.yml`` without importing MkDocs.

The languages come from the i18n plugin's list and the data paths from the microsite plugin's
options, so ``microsite check`` and the build always agree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from microsite.checks.validation import SiteLanguages
from microsite.render.site import SiteSettings
from microsite.render.status import resolve_build_date


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' own tags such as ``!ENV`` or ``!!python/name``."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def _plugin_options(plugins: Any, name: str) -> dict | None:
    for entry in plugins or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    if isinstance(plugins, dict) and name in plugins:
        return plugins[name] or {}
    return None


def _build_date(configured: str | None, root: Path) -> dt.date:
    """Like the build; a check outside any git checkout falls back to today."""
    return resolve_build_date(configured, repo_dir=str(root))


def read_project_settings(config_file: Path) -> tuple[SiteSettings, str]:
    """Site settings and the message language configured in ``mkdocs.yml``."""
    config_file = Path(config_file)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    plugins = config.get("plugins")
    options = _plugin_options(plugins, "microsite") or {}
    i18n = _plugin_options(plugins, "i18n") or {}
    languages = [lang for lang in i18n.get("languages", []) if lang.get("build", True)]
    languages.sort(key=lambda lang: not lang.get("default", False))
    root = config_file.resolve().parent
    settings = SiteSettings(
        root=root,
        data_file=options.get("records", "data/projects.yaml"),
        ui_dir=options.get("ui", "data/ui"),
        languages=SiteLanguages(
            tuple(lang["locale"] for lang in languages) or ("de",),
            tuple(options.get("optional_languages") or ())),
        build_date=_build_date(options.get("build_date"), root),
        include_drafts=bool(options.get("include_drafts", False)),
        status_max_age_months=int(options.get("status_max_age_months", 6)),
        locales=dict(options.get("locales") or {}),
        kept_names=dict(options.get("kept_names") or {}),
        facts_file=options.get("facts", "data/site.yaml"),
        docs_dir=str(config.get("docs_dir") or "docs"),
    )
    return settings, options.get("message_language", "de")
