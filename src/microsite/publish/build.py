"""A whole build without an engine's plugin: load and check, stage, run the engine, finish,
swap. The MkDocs plugin runs the same steps from MkDocs' events (``microsite.mkdocs_plugin``).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from microsite.checks.problems import Problem
from microsite.checks.validation import ValidationFailed
from microsite.publish.engines import ENGINES, Engine
from microsite.publish.exports.files import Publishing
from microsite.publish.exports.ids import valid_tag
from microsite.publish.finish import FinishFailed, Finishing, finish
from microsite.publish.shared_origin import shared_origin_warning
from microsite.publish.site_swap import BuildRunning, SiteSwap
from microsite.publish.stage import stage
from microsite.publish.theme_scripts import theme_scripts
from microsite.render.project import MicrositeOptions, Project, read_project, site_settings
from microsite.render.release_gate import release_log_line
from microsite.render.site import SiteData, load_site
from microsite.render.status import CLOCK, resolve_build_time

BUILD_DATE_FROM_CLOCK = {
    "de": "Build-Datum {date} ist das heutige Datum: kein Git-Commit und kein "
          "SOURCE_DATE_EPOCH gefunden (z. B. eine heruntergeladene ZIP-Datei).",
    "en": "Build date {date} is today's date: no git commit and no SOURCE_DATE_EPOCH found "
          "(e.g. a downloaded ZIP file).",
}
PREVIEW_HEADING = {
    "de": "Die Daten enthalten Fehler. Die Vorschau zeigt den letzten fehlerfreien Stand; "
    "nach dem Speichern der Korrektur lädt sie neu.",
    "en": "The data has errors. The preview shows the last good version and reloads once "
    "the correction is saved.",
}


class BuildFailed(Exception):
    """The build stops before anything is written: ``problems`` (in ``lang``) say why."""

    def __init__(self, summary: str, problems: list[Problem] | None = None, lang: str = "de",
                 heading: str = "") -> None:
        super().__init__(summary)
        self.summary = summary
        self.problems = problems or []
        self.lang = lang
        self.heading = heading


def project_of(config_file: Path, options: dict | None = None) -> Project:
    """The project of ``mkdocs.yml``; ``options``: the plugin's, as the engine validated them."""
    try:
        project = read_project(config_file)
        if options is not None:
            project = dataclasses.replace(project, options=MicrositeOptions.from_mapping(options))
    except ValueError as exc:
        raise BuildFailed(str(exc)) from None
    return project


def watched_paths(project: Project) -> list[Path]:
    """What a preview (``mkdocs serve``) rebuilds on: the pages, the data, our templates."""
    options = project.options
    paths = [project.docs_dir, project.root / Path(options.records).parent,
             project.root / options.ui, *([project.custom_dir] if project.custom_dir else [])]
    return list(dict.fromkeys(paths))


def load_checked(project: Project, include_drafts: bool = False,
                 say: Callable[[str], None] = print) -> SiteData:
    """The site's data, checked; ``BuildFailed`` with every message where it has errors."""
    options, lang = project.options, project.options.message_language
    if options.id_tag is not None and not valid_tag(options.id_tag):
        raise BuildFailed(f"microsite: id_tag {options.id_tag!r} is not "
                          "'domain,YYYY-MM-DD:name' (RFC 4151)")
    try:
        build_time, basis = resolve_build_time(options.build_date, repo_dir=str(project.root))
    except ValueError as exc:
        raise BuildFailed(f"microsite: {exc}") from None
    if basis == CLOCK:
        say(BUILD_DATE_FROM_CLOCK.get(lang, BUILD_DATE_FROM_CLOCK["en"])
            .format(date=build_time.date().isoformat()))
    settings = site_settings(project, build_time.date(), build_time, include_drafts)
    try:
        site = load_site(settings)
    except ValidationFailed as failed:
        errors = sum(1 for p in failed.problems if not p.warning)
        raise BuildFailed(
            f"{errors} Fehler in den Daten; es wurde nichts geschrieben." if lang == "de"
            else f"{errors} error(s) in the data; nothing was written.",
            failed.problems, lang, PREVIEW_HEADING.get(lang, PREVIEW_HEADING["en"])) from None
    for problem in site.warnings:
        say(problem.message(lang))
    for line in (release_log_line(site.unreleased, options.facts, lang),
                 shared_origin_warning(project.root, project.site_url, options.cname, lang)):
        if line:
            say(line)  # information: a warning would fail the strict build
    return site


def finishing(project: Project, site: SiteData, site_url: str, theme, policy: bool = True
              ) -> Finishing:
    options, facts, default = project.options, site.facts, site.default_language
    publishing = Publishing(
        publisher=options.publisher or str(project.config.get("site_name") or ""),
        licence=options.data_licence or facts.text("open_data.licence", default, default),
        contact_email=facts.text("open_data.contact_email", default, default),
        themes=tuple(options.data_themes), contributor_id=options.contributor_id,
        id_tag=options.id_tag)
    return Finishing(site_url=site_url, publishing=publishing, theme=theme,
                     cname=options.cname, policy=policy)


def build(config_file: Path, engine: Engine | str = "mkdocs", site_dir: Path | None = None,
          say: Callable[[str], None] = print) -> None:
    """Stage, run ``engine`` over the staged folder, finish, and put the site in place."""
    engine = ENGINES[engine] if isinstance(engine, str) else engine
    project = project_of(config_file)
    site = load_checked(project, say=say)
    target = Path(site_dir) if site_dir else project.root / str(
        project.config.get("site_dir") or "site")
    if not target.is_absolute():
        target = Path.cwd() / target
    with tempfile.TemporaryDirectory(prefix="microsite-stage-") as folder:
        staged = stage(project, site, Path(folder))
        try:
            swap = SiteSwap(target, say=say, lang=project.options.message_language)
        except BuildRunning as exc:
            raise BuildFailed(str(exc)) from None
        try:
            run = subprocess.run([*engine.command, "-f", str(staged.config_file),
                                  "-d", str(swap.staging)], cwd=project.root,
                                 env={**os.environ}, check=False)
            if run.returncode != 0:
                raise BuildFailed(f"{engine.name} build failed (exit status {run.returncode}); "
                                  "nothing was written")
            how = finishing(project, site, project.site_url,
                            theme_scripts(engine.theme_dirs(project)))
            try:
                finish(site, staged, swap.staging, how, warn=say)
            except FinishFailed as exc:
                raise BuildFailed(str(exc)) from None
        except BaseException:
            swap.abort()
            raise
        swap.commit()
