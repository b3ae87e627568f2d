"""The MkDocs plugin: loads the site data once, adds generated pages, fills template context.

Works with mkdocs-static-i18n (folder structure), which builds the default language and then
calls MkDocs' build again for each other language; every event here therefore runs once per
language, while the data is loaded once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from microsite.checks.doc_links import rewrite_record_links
from microsite.checks.validation import SiteLanguages, ValidationFailed
from microsite.mkdocs_plugin.config import MicrositeConfig
from microsite.mkdocs_plugin.context import (
    EASY_READ_SLUG,
    LEGAL_SLUG,
    page_context,
    site_context,
)
from microsite.mkdocs_plugin.findable import sitemap_entry, write_findability_files
from microsite.mkdocs_plugin.preview import PreviewGuard
from microsite.mkdocs_plugin.theme_templates import CompiledTemplates, script_template_names
from microsite.publish.csp import ThemeScripts, add_policy, site_origin
from microsite.publish.exports.files import Publishing
from microsite.publish.exports.ids import valid_tag
from microsite.publish.exports.records import record_updated
from microsite.publish.publication import OutputConflict, publication_files, write_publication
from microsite.publish.shared_origin import shared_origin_warning
from microsite.publish.site_swap import BuildRunning, SiteSwap
from microsite.render.bidi import mark_directions
from microsite.render.easy_read import one_sentence_per_line
from microsite.render.facts import (
    MisplacedFact,
    UnknownFact,
    fill_facts,
    has_fact_token,
    mask_facts,
)
from microsite.render.pages import PageSource, generate_pages
from microsite.render.palette import name_palette_toggles
from microsite.render.release_gate import preview_only, release_log_line
from microsite.render.site import SiteData, SiteSettings, load_site
from microsite.render.status import CLOCK, resolve_build_time

log = logging.getLogger("mkdocs.plugins.microsite")
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


def _i18n(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("microsite: the i18n plugin (mkdocs-static-i18n) must be configured")
    return plugin


def site_languages(config: MkDocsConfig, optional: list[str] | None = None) -> SiteLanguages:
    """The languages of mkdocs-static-i18n's configuration, default first; ``optional``: the
    plugin's ``optional_languages``."""
    languages = [lang for lang in _i18n(config).config.languages if lang.build]
    languages.sort(key=lambda lang: not lang.default)
    codes = tuple(lang.locale for lang in languages)
    return SiteLanguages(codes, tuple(code for code in optional or () if code in codes))


class MicrositePlugin(BasePlugin[MicrositeConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: SiteData | None = None
        self.generated: dict[str, PageSource] = {}
        self.bodies: dict[str, str] = {}  # a generated page's HTML body, between two events
        self.publishing = Publishing(publisher="")
        self.serving = False
        self.sitemap: list = []
        self.preview = PreviewGuard()
        self.swap: SiteSwap | None = None
        self.swapping = False
        self.built = False
        self.theme_scripts = ThemeScripts(())
        self.compiled_templates = CompiledTemplates()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """``mkdocs serve`` is the preview: it shows drafts and scheduled records.

        ``mkdocs build`` writes into a staging folder that replaces ``site_dir`` at the end
        (``site_swap``); ``serve`` builds into a folder of its own, a dirty build into the old.
        """
        self.serving = command == "serve"
        self.swapping = command == "build" and not dirty

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
                contact_email=facts.text("open_data.contact_email", default, default),
                themes=tuple(self.config.data_themes),
                contributor_id=self.config.contributor_id,
                id_tag=self.config.id_tag)
            self.site.easy_read_page = (Path(config.docs_dir) / "de"
                                        / f"{EASY_READ_SLUG}.md").is_file()
            self.site.legal_languages = tuple(
                lang for lang in self.site.languages
                if (Path(config.docs_dir) / lang / f"{LEGAL_SLUG}.md").is_file())
            self.sitemap = []
            if self.swapping and self.swap is None:
                self._stage(config)
        else:
            # one root 404.html, from the default language; other languages have /<lang>/404/
            config.theme.static_templates.discard("404.html")
        return config

    def _stage(self, config: MkDocsConfig) -> None:
        """Every language of this build writes into a staging folder next to ``site_dir``."""
        try:
            self.swap = SiteSwap(Path(config.site_dir), say=log.info,
                                 lang=self.config.message_language)
        except BuildRunning as exc:
            raise PluginError(str(exc)) from None
        self.built = False
        config.site_dir = str(self.swap.staging)

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

    def _load(self, config: MkDocsConfig) -> SiteData:
        root = Path(config.config_file_path).parent
        if self.config.id_tag is not None and not valid_tag(self.config.id_tag):
            raise PluginError(f"microsite: id_tag {self.config.id_tag!r} is not "
                              "'domain,YYYY-MM-DD:name' (RFC 4151)")
        try:
            build_time, basis = resolve_build_time(self.config.build_date, repo_dir=str(root))
        except ValueError as exc:
            raise PluginError(f"microsite: {exc}") from None
        build_date = build_time.date()
        if basis == CLOCK:
            log.info(BUILD_DATE_FROM_CLOCK.get(self.config.message_language,
                                               BUILD_DATE_FROM_CLOCK["en"])
                     .format(date=build_date.isoformat()))
        settings = SiteSettings(root=root, data_file=self.config.records, ui_dir=self.config.ui,
                                languages=site_languages(config, self.config.optional_languages),
                                build_date=build_date, build_time=build_time,
                                status_max_age_months=self.config.status_max_age_months,
                                include_drafts=self.config.include_drafts or self.serving,
                                locales=dict(self.config.locales),
                                kept_names=dict(self.config.kept_names),
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
        gate = release_log_line(site.unreleased, self.config.facts, self.config.message_language)
        if gate:
            log.info(gate)  # INFO: a warning would fail the strict build
        shared = shared_origin_warning(root, config.site_url, self.config.cname,
                                       self.config.message_language)
        if shared:
            log.info(shared)
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
        """Hand-written pages name site-wide facts as ``{{ site.group.field }}``; here they
        become inert tokens, filled in as escaped text after rendering (``on_page_content``):
        facts are never Markdown.

        Generated pages are left alone: their text is the editors' data, never a template.
        Their title is made safe text for Material's templates (``safe_title``). Their body is
        HTML already (``pages.search_body``): it skips Markdown, which would only parse it as
        raw HTML to give it back, and becomes the page's content in ``on_page_content``.
        """
        if page.file.src_uri in self.generated:
            safe_title(page)
            self.bodies[page.file.src_uri] = markdown
            return ""
        assert self.site is not None
        markdown = preview_only(markdown, released=not self.site.unreleased)
        if (page.meta.get("microsite") or {}).get("one_sentence_per_line"):
            markdown = one_sentence_per_line(markdown)  # Leichte Sprache
        markdown = rewrite_record_links(markdown, page.file.src_uri.partition("/")[2],
                                        self.site.record_addresses())
        try:
            return mask_facts(markdown)
        except UnknownFact as exc:
            raise PluginError(f"microsite: {page.file.src_uri}: unknown fact {exc}; the facts "
                              f"are the fields of {self.config.facts}") from None

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Any) -> str:
        assert self.site is not None
        if page.file.src_uri in self.generated:
            return self.bodies.pop(page.file.src_uri, html)
        lang = _i18n(config).current_language
        phrases = self.site.phrases[lang]
        easy_read = bool((page.meta.get("microsite") or {}).get("one_sentence_per_line"))
        try:
            html = fill_facts(html, self.site.facts, lang, self.site.default_language,
                              lambda key: phrases[f"fact.{key}"], phrases["fact.missing"],
                              phrases["fact.missing.easy_read"] if easy_read else None)
        except MisplacedFact as exc:
            raise PluginError(f"microsite: {page.file.src_uri}: {exc} stands in a link or an "
                              "attribute; facts are text, write them in the running text") from None
        if has_fact_token(str(page.title)) or any(
                has_fact_token(item.title) for item in _toc_items(page.toc)):
            raise PluginError(f"microsite: {page.file.src_uri}: a fact in a heading or the "
                              "title; facts are text, write them in the running text")
        return html

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        assert self.site is not None
        current = _i18n(config).current_language
        context.update(page_context(self.site, page, current, config.site_url or "/"))
        name_palette_toggles(config.theme.get("palette"), self.site.phrases[current])
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
            self.built = True  # the last step of the build: every language is written

    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        """Static templates (404.html, sitemap.xml) get the same site-wide context as pages."""
        assert self.site is not None
        current = _i18n(config).current_language
        context.update(site_context(self.site, current, config.site_url or "/"))
        name_palette_toggles(config.theme.get("palette"), self.site.phrases[current])
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

    def on_env(self, env: Any, config: MkDocsConfig, files: Any) -> Any:
        """Learn the theme's inline scripts (the only ones the policy allows) from its
        templates, as the build sees them (``custom_dir`` first): once per build, as the
        templates are the same for every language. The languages share compiled templates."""
        if self._is_first_language(config):
            names = script_template_names(config.theme.dirs)
            self.theme_scripts = ThemeScripts.from_templates(
                env.loader.get_source(env, name)[0] for name in names)
        env.bytecode_cache = self.compiled_templates
        return env

    @event_priority(-100)  # last: the policy hashes the scripts of the final page
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        output = mark_directions(output, _i18n(config).current_language)
        return self._with_policy(output, page.file.src_uri, config)

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str,
                         config: MkDocsConfig) -> str:
        """The root 404.html is a static template: it gets its policy here."""
        if not template_name.endswith(".html"):
            return output_content
        return self._with_policy(output_content, template_name, config)

    def _with_policy(self, output: str, name: str, config: MkDocsConfig) -> str:
        """The page with its Content-Security-Policy ``<meta>`` (``microsite.publish.csp``).

        Not while serving: MkDocs' live reload injects an inline script into every page
        after the build, which the policy would refuse.
        """
        if self.serving:
            return output
        output, foreign = add_policy(output, self.theme_scripts,
                                     site_origin(config.site_url or ""))
        for script in foreign:
            log.warning(f"microsite: {name}: an inline script that is not the theme's own; "
                        f"the Content-Security-Policy blocks it: {script[:80]!r}")
        return output

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


def safe_title(page: Page) -> None:
    """Make a generated page's title (an editor's plain text) escaped ``Markup``.

    MkDocs' Jinja has no autoescape, and Material prints ``page.meta.title``/``page.title``
    unescaped in its header, nav and footer, and writes it unescaped into the search index,
    whose results it renders as HTML. As ``Markup`` the title prints escaped there, and
    templates that escape (``| e``, autoescape) do not escape it twice. Our ``htmltitle``
    block escapes it itself (``striptags`` would unescape it).
    """
    title = page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = Markup(escape(title))


def _toc_items(items: Any) -> Any:
    for item in items or ():
        yield item
        yield from _toc_items(item.children)


def watched_paths(root: Path, records: str, ui: str, custom_dir: str | None) -> list[Path]:
    """What ``mkdocs serve`` watches besides docs/ and mkdocs.yml."""
    paths = [root / Path(records).parent, root / ui]
    if custom_dir:
        paths.append(root / custom_dir)
    return list(dict.fromkeys(paths))
