"""The MkDocs plugin: loads the site data once, adds generated pages, fills template context.

Works with mkdocs-static-i18n (folder structure), which builds the default language and then
calls MkDocs' build again for each other language; every event here therefore runs once per
language, while the data is loaded once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from microsite.doc_links import rewrite_record_links
from microsite.exports.files import Publishing
from microsite.exports.records import record_updated
from microsite.facts import UnknownFact, fill_facts
from microsite.mkdocs_plugin.config import MicrositeConfig
from microsite.mkdocs_plugin.context import EASY_READ_SLUG, page_context, site_context
from microsite.mkdocs_plugin.findable import sitemap_entry, write_findability_files
from microsite.mkdocs_plugin.preview import PreviewGuard
from microsite.pages import PageSource, generate_pages
from microsite.publish import OutputConflict, publication_files, write_publication
from microsite.site import SiteData, SiteSettings, load_site
from microsite.status import resolve_build_date
from microsite.validation import SiteLanguages, ValidationFailed

log = logging.getLogger("mkdocs.plugins.microsite")
PREVIEW_HEADING = {
    "de": "Die Daten enthalten Fehler. Die Vorschau zeigt den letzten fehlerfreien Stand; "
    "nach dem Speichern der Korrektur lädt sie neu.",
    "en": "The data has errors. The preview shows the last good version and reloads once "
    "the correction is saved.",
}


def _i18n(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("microsite: the i18n plugin (mkdocs-static-i18n) must be configured")
    return plugin


def site_languages(config: MkDocsConfig) -> SiteLanguages:
    """The languages of mkdocs-static-i18n's configuration, default first."""
    languages = [lang for lang in _i18n(config).config.languages if lang.build]
    languages.sort(key=lambda lang: not lang.default)
    return SiteLanguages(tuple(lang.locale for lang in languages))


class MicrositePlugin(BasePlugin[MicrositeConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: SiteData | None = None
        self.generated: dict[str, PageSource] = {}
        self.publishing = Publishing(publisher="")
        self.serving = False
        self.sitemap: list = []
        self.preview = PreviewGuard()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """``mkdocs serve`` is the preview: it shows drafts and scheduled records."""
        self.serving = command == "serve"

    def _is_first_language(self, config: MkDocsConfig) -> bool:
        return not getattr(_i18n(config), "building", False)

    @event_priority(50)  # before i18n (-100), which reads the theme's templates
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._is_first_language(config):
            self.site = self._load(config)
            self.generated = {page.src_uri: page for page in generate_pages(self.site)}
            facts, default = self.site.facts, self.site.default_language
            self.publishing = Publishing(
                publisher=self.config.publisher or config.site_name,
                licence=self.config.data_licence
                or facts.text("open_data.licence", default, default),
                contact_email=facts.text("open_data.contact_email", default, default))
            self.site.easy_read_page = (Path(config.docs_dir) / "de"
                                        / f"{EASY_READ_SLUG}.md").is_file()
            self.sitemap = []
        else:
            # one root 404.html, from the default language; other languages have /<lang>/404/
            config.theme.static_templates.discard("404.html")
        return config

    def _load(self, config: MkDocsConfig) -> SiteData:
        root = Path(config.config_file_path).parent
        try:
            build_date = resolve_build_date(self.config.build_date, repo_dir=str(root))
        except (LookupError, ValueError) as exc:
            raise PluginError(f"microsite: {exc}") from None
        settings = SiteSettings(root=root, data_file=self.config.records, ui_dir=self.config.ui,
                                languages=site_languages(config), build_date=build_date,
                                include_drafts=self.config.include_drafts or self.serving,
                                locales=dict(self.config.locales),
                                facts_file=self.config.facts, docs_dir=config.docs_dir)
        try:
            site = load_site(settings)
        except ValidationFailed as failed:
            lang = self.config.message_language
            for problem in failed.problems:
                (log.warning if problem.warning else log.error)(problem.message(lang))
            errors = sum(1 for p in failed.problems if not p.warning)
            if self.serving:
                self.preview.failed(PREVIEW_HEADING.get(lang, PREVIEW_HEADING["en"]), [
                    p.message(lang) for p in failed.problems if not p.warning])
            raise PluginError(
                f"{errors} Fehler in den Daten; es wurde nichts geschrieben."
                if lang == "de" else f"{errors} error(s) in the data; nothing was written."
            ) from None
        for problem in site.warnings:
            log.info(problem.message(self.config.message_language))
        return site

    @event_priority(0)  # before i18n, which turns files under docs_dir into language files
    def add_generated(self, files: Files, config: MkDocsConfig) -> Files:
        for src_uri in self.generated:
            if files.get_file_from_path(src_uri) is None:
                files.append(File(src_uri, config.docs_dir, config.site_dir,
                                  config.use_directory_urls))
        return files

    @event_priority(-110)  # after i18n: give its rebuilt files their generated content
    def fill_generated(self, files: Files, config: MkDocsConfig) -> Files:
        for file in files:
            page = self.generated.get(file.src_uri)
            if page is not None:
                file.content_string = page.content
        return files

    on_files = CombinedEvent(add_generated, fill_generated)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Any) -> str:
        """Hand-written pages name site-wide facts as ``{{ site.group.field }}``.

        Generated pages are left alone: their text is the editors' data, never a template.
        """
        assert self.site is not None
        if page.file.src_uri in self.generated:
            return markdown
        lang = _i18n(config).current_language
        phrases = self.site.phrases[lang]
        markdown = rewrite_record_links(markdown, page.file.src_uri.partition("/")[2],
                                        self.site.record_addresses())
        try:
            return fill_facts(markdown, self.site.facts, lang, self.site.default_language,
                              lambda key: phrases[f"fact.{key}"], phrases["fact.missing"])
        except UnknownFact as exc:
            raise PluginError(f"microsite: {page.file.src_uri}: unknown fact {exc}; the facts "
                              f"are the fields of {self.config.facts}") from None

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        assert self.site is not None
        current = _i18n(config).current_language
        context.update(page_context(self.site, page, current, config.site_url or "/"))
        record_id = (page.meta.get("microsite") or {}).get("record")
        lastmod = record_updated(self.site.record(record_id)) if record_id else None
        entry = sitemap_entry(page, context, lastmod)
        if entry is not None:
            self.sitemap.append(entry)
        return context

    @event_priority(-200)  # after i18n (-100) has built every other language
    def write_site_files(self, config: MkDocsConfig) -> None:
        """Sitemap and robots.txt, once every language is built (the first build's hook)."""
        if self._is_first_language(config):
            assert self.site is not None
            write_findability_files(Path(config.site_dir), config.site_url or "/",
                                    self.site.languages, self.sitemap)

    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        """Static templates (404.html, sitemap.xml) get the same site-wide context as pages."""
        assert self.site is not None
        current = _i18n(config).current_language
        context.update(site_context(self.site, current, config.site_url or "/"))
        return context

    @event_priority(0)
    def write_language_files(self, config: MkDocsConfig) -> None:
        """Open data, redirects from former ids and CNAME of the language just built."""
        assert self.site is not None
        lang = _i18n(config).current_language
        files, redirects = publication_files(self.site, lang, config.site_url or "/",
                                             self.publishing, self.config.cname)
        try:
            write_publication(Path(config.site_dir), files, redirects)
        except OutputConflict as exc:
            raise PluginError(f"microsite: {exc}") from None

    on_post_build = CombinedEvent(write_language_files, write_site_files)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild on changes to the data and to our templates.

        MkDocs watches the theme (and so ``custom_dir``) only with ``--watch-theme``. A rebuild
        that fails validation stops in ``on_config``, before the served folder is cleaned, so
        the last good pages stay served (see ``preview.py``) with the messages on top, and the
        log names file and line.
        """
        self.preview.install(server)
        root = Path(config.config_file_path).parent
        for path in watched_paths(root, self.config.records, self.config.ui,
                                  config.theme.custom_dir):
            server.watch(str(path))
        return server


def watched_paths(root: Path, records: str, ui: str, custom_dir: str | None) -> list[Path]:
    """What ``mkdocs serve`` watches besides docs/ and mkdocs.yml."""
    paths = [root / Path(records).parent, root / ui]
    if custom_dir:
        paths.append(root / custom_dir)
    return list(dict.fromkeys(paths))
