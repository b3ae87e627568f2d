"""Reading the site's settings from ``mkdocs.yml`` without importing MkDocs.

The languages come from the i18n plugin's list and the data paths from the microsite plugin's
options (``MicrositeOptions``, the one place their defaults are written), so ``microsite
check``, ``microsite build`` and the MkDocs plugin always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from microsite.checks.validation import SiteLanguages
from microsite.render.site import SiteSettings
from microsite.render.status import resolve_build_date


class ProjectConfigError(ValueError):
    """``mkdocs.yml`` cannot be read, or the microsite plugin's options are wrong."""


@dataclass(frozen=True)
class MicrositeOptions:
    """Options of the ``microsite`` plugin entry in ``mkdocs.yml`` (paths relative to it)."""

    records: str = "data/projects.yaml"
    """The records file."""
    ui: str = "data/ui"
    """Folder of user-interface texts, one ``<lang>.yaml`` per language."""
    facts: str = "data/site.yaml"
    """Site-wide facts (operator, contacts, …) that the legal pages read."""
    build_date: str | None = None
    """Date statuses are derived against (YYYY-MM-DD) where SOURCE_DATE_EPOCH is not set;
    else the git commit date; without git, today's date (said in the build log)."""
    status_max_age_months: int = 6
    """A stated status (no dates) whose source is older than this many months is shown in a
    neutral style with its date ("Stand 20.09.2024"), never as a green "läuft"."""
    include_drafts: bool = False
    """Publish drafts and scheduled records too (for previews)."""
    optional_languages: list = field(default_factory=list)
    """Languages a record may leave out (``SiteLanguages.optional``), e.g. ``[tr, ar, uk]``."""
    kept_names: dict = field(default_factory=dict)
    """Names kept in their language on every page, e.g. ``WIR 2.0: de``."""
    locales: dict = field(default_factory=dict)
    """Babel locale per language where it differs from the code, e.g. ``en: en_GB``."""
    message_language: str = "de"
    """Language of validation messages."""
    publisher: str | None = None
    """Publisher of the open data (Atom author, DCAT publisher); else the site name."""
    data_licence: str | None = None
    """Licence URI of the open data; else none."""
    data_themes: list = field(default_factory=list)
    """EU data-theme codes of the open data (DCAT ``dcat:theme``), e.g. ``[SOCI]``."""
    contributor_id: str | None = None
    """GovData's contributor IRI, once one is assigned."""
    id_tag: str | None = None
    """Tagging entity of the feed's and calendar's ids (RFC 4151), set once, never changed."""
    cname: str | None = None
    """Custom domain for GitHub Pages: written to ``CNAME`` at the site root."""

    @classmethod
    def from_mapping(cls, options: dict[str, Any]) -> MicrositeOptions:
        """The options given, each checked against its type; unknown names are refused."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(options) - set(known))
        if unknown:
            raise ProjectConfigError(f"microsite: unknown option(s) {', '.join(unknown)}")
        values = {}
        for name, value in options.items():
            if value is None:
                continue
            kind = option_type(known[name])
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise ProjectConfigError(f"microsite: option {name} must be a {kind.__name__}, "
                                 f"not {value!r}")
            values[name] = value
        return cls(**values)


def option_type(option: dataclasses.Field) -> type:
    """The Python type of one option (``str | None`` → ``str``)."""
    return {"str": str, "int": int, "bool": bool, "list": list, "dict": dict}[
        str(option.type).split(" |")[0]]


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    default: bool
    site_name: str | None  # where the language names the site otherwise


@dataclass(frozen=True)
class Project:
    """What a build of the site needs to know of ``mkdocs.yml``, read without MkDocs."""

    config_file: Path
    config: dict  # the file as read
    options: MicrositeOptions
    languages: tuple[SiteLanguage, ...]  # built ones, the default first
    site_url: str
    docs_dir: Path
    custom_dir: Path | None

    @property
    def root(self) -> Path:
        return self.config_file.parent

    def site_name(self, lang: str) -> str:
        own = next((x.site_name for x in self.languages if x.code == lang), None)
        return own or str(self.config.get("site_name") or "")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' own tags such as ``!ENV`` or ``!!python/name``.
    PyYAML's own parser, as MkDocs': libyaml's accepts tabs MkDocs refuses, and check and the
    build must agree on the file."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def plugin_options(plugins: Any, name: str) -> dict | None:
    for entry in plugins or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    if isinstance(plugins, dict) and name in plugins:
        return plugins[name] or {}
    return None


def read_config(config_file: Path) -> dict:
    """``mkdocs.yml`` as read; ``ProjectConfigError`` naming the file (and line) if not."""
    try:
        config = yaml.load(Path(config_file).read_text(encoding="utf-8"),
                           Loader=_TolerantLoader) or {}
    except OSError as exc:
        raise ProjectConfigError(f"{config_file}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise ProjectConfigError(f"{config_file}{where}: {getattr(exc, 'problem', None) or exc}"
                         ) from None
    if not isinstance(config, dict):
        raise ProjectConfigError(f"{config_file}: not a mapping of settings")
    return config


def read_project(config_file: Path) -> Project:
    """The project of ``mkdocs.yml`` (its microsite options checked: ``ProjectConfigError``)."""
    config_file = Path(config_file).resolve()
    config = read_config(config_file)
    plugins = config.get("plugins")
    i18n = plugin_options(plugins, "i18n") or {}
    languages = [lang for lang in i18n.get("languages", []) if lang.get("build", True)]
    languages.sort(key=lambda lang: not lang.get("default", False))
    root = config_file.parent
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    return Project(
        config_file=config_file, config=config,
        options=MicrositeOptions.from_mapping(plugin_options(plugins, "microsite") or {}),
        languages=tuple(SiteLanguage(str(lang["locale"]), bool(lang.get("default", False)),
                                     lang.get("site_name")) for lang in languages)
        or (SiteLanguage("de", True, None),),
        site_url=str(config.get("site_url") or ""),
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        custom_dir=root / custom_dir if custom_dir else None)


def site_settings(project: Project, build_date: dt.date | None = None,
                  build_time: dt.datetime | None = None,
                  include_drafts: bool = False) -> SiteSettings:
    """The data's settings for a build or a check (``build_date``: else as the build has it;
    a check outside any git checkout falls back to today)."""
    options = project.options
    return SiteSettings(
        root=project.root,
        data_file=options.records,
        ui_dir=options.ui,
        languages=SiteLanguages(tuple(lang.code for lang in project.languages),
                                tuple(options.optional_languages)),
        build_date=build_date or resolve_build_date(options.build_date,
                                                    repo_dir=str(project.root)),
        build_time=build_time,
        include_drafts=options.include_drafts or include_drafts,
        status_max_age_months=options.status_max_age_months,
        locales=dict(options.locales),
        kept_names=dict(options.kept_names),
        facts_file=options.facts,
        docs_dir=project.docs_dir.relative_to(project.root).as_posix(),
    )


def read_project_settings(config_file: Path) -> tuple[SiteSettings, str]:
    """Site settings and the message language configured in ``mkdocs.yml``."""
    project = read_project(config_file)
    return site_settings(project), project.options.message_language
