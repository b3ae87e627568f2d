"""The MkDocs plugin: an adapter that runs the engine-free steps from MkDocs' events.

``on_config`` loads and checks the data and runs the stage step (``microsite.publish.stage``):
MkDocs then builds the staged pages as any site. ``on_post_build`` runs the finish step over
what it wrote (``microsite.publish.finish``); ``mkdocs build`` writes into a fresh folder that
replaces ``site_dir`` only once everything succeeded (``site_swap``). mkdocs-static-i18n builds
every other language by running MkDocs' build again, so events come once per language: the
steps run once, with the first.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from microsite.mkdocs_plugin.config import MicrositeConfig
from microsite.mkdocs_plugin.preview import PreviewGuard
from microsite.publish.build import BuildFailed, finishing, load_checked, project_of, watched_paths
from microsite.publish.compiled_templates import CompiledTemplates
from microsite.publish.finish import finish
from microsite.publish.site_swap import BuildRunning, SiteSwap
from microsite.publish.stage import Staged, stage
from microsite.publish.theme_scripts import theme_scripts
from microsite.render.project import Project
from microsite.render.site import SiteData

log = logging.getLogger("mkdocs.plugins.microsite")


class MicrositePlugin(BasePlugin[MicrositeConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project: Project | None = None
        self.site: SiteData | None = None
        self.staged: Staged | None = None
        self.stage_dir: Path | None = None
        self.serving = False
        self.swapping = False
        self.swap: SiteSwap | None = None
        self.built = False
        self.preview = PreviewGuard()
        self.compiled_templates = CompiledTemplates()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """``mkdocs serve`` is the preview: it shows drafts and scheduled records, and builds
        into a folder of its own; ``mkdocs build`` replaces ``site_dir`` at the end."""
        self.serving = command == "serve"
        self.swapping = command == "build" and not dirty

    def _is_first_language(self, config: MkDocsConfig) -> bool:
        plugin = config.plugins.get("i18n")
        return not getattr(plugin, "building", False)

    @event_priority(50)  # before i18n (-100), which reads docs_dir
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self._is_first_language(config):
            return config
        try:
            self.project = project = project_of(Path(config.config_file_path), dict(self.config))
            self.site = load_checked(project, include_drafts=self.serving, say=log.info)
        except BuildFailed as failed:
            for problem in failed.problems:
                (log.warning if problem.warning else log.error)(problem.message(failed.lang))
            if self.serving:
                self.preview.failed(failed.heading, [p.message(failed.lang)
                                                     for p in failed.problems if not p.warning])
            raise PluginError(failed.summary) from None
        if self.stage_dir is None:
            self.stage_dir = Path(tempfile.mkdtemp(prefix="microsite-stage-"))
        self.staged = stage(project, self.site, self.stage_dir, site_url=config.site_url)
        config.docs_dir = str(self.staged.docs_dir)
        config.extra["microsite"] = self.staged.extra
        if self.swapping and self.swap is None:
            try:
                self.swap = SiteSwap(Path(config.site_dir), say=log.info,
                                     lang=project.options.message_language)
            except BuildRunning as exc:
                raise PluginError(str(exc)) from None
            self.built = False
            config.site_dir = str(self.swap.staging)
        return config

    def on_env(self, env: Any, config: MkDocsConfig, files: Any) -> Any:
        env.bytecode_cache = self.compiled_templates  # the languages share compiled templates
        return env

    @event_priority(-200)  # after i18n (-100) has built every other language
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self._is_first_language(config):
            return
        assert self.site is not None and self.staged is not None and self.project is not None
        how = finishing(self.project, self.site, config.site_url or "",
                        theme_scripts(config.theme.dirs), policy=not self.serving)
        try:
            finish(self.site, self.staged, Path(config.site_dir), how, warn=log.warning)
        except ValueError as exc:
            raise PluginError(f"microsite: {exc}") from None
        self.built = True  # the last step of the build: every language is written

    def on_build_error(self, *, error: Exception) -> None:
        self.built = False

    def on_shutdown(self) -> None:
        """Put the new site in place only if every language built (strict mode included:
        its failure comes after the last ``on_post_build``, through ``on_build_error``)."""
        swap, self.swap = self.swap, None
        if swap is not None and self.built:
            swap.commit()
        elif swap is not None:
            swap.abort()
        if self.stage_dir is not None:
            shutil.rmtree(self.stage_dir, ignore_errors=True)
            self.stage_dir = None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild on changes to the pages, the data and our templates, not to the staged
        copy MkDocs reads. A rebuild that fails validation stops in ``on_config``, before the
        served folder is touched, so the last good pages stay served with the messages on top
        (``preview.py``)."""
        self.preview.install(server)
        if self.staged is not None:
            server.unwatch(str(self.staged.docs_dir))
        for path in watched_paths(self.project) if self.project else ():
            server.watch(str(path))
        return server

