"""The site's data, loaded and validated once per build and shared by every language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from microsite.checks.doc_links import doc_link_problems
from microsite.checks.file_guards import foreign_file_problems, outside_link_problems
from microsite.checks.id_history import vanished_id_problems
from microsite.checks.problems import Problem
from microsite.checks.status_history import changed_without_source
from microsite.checks.validation import SiteLanguages, ValidationFailed, load_records
from microsite.data.model import Record, Source
from microsite.render.facts import SiteFacts, load_facts, page_placeholder_problems
from microsite.render.help_contact import HelpView, build_help_view
from microsite.render.overview_pages import HomeOffer, OverviewPage, home_offers, paginate
from microsite.render.release_gate import missing_release_facts
from microsite.render.sources import SourceView, build_source_view
from microsite.render.ui import Phrases, load_phrases
from microsite.render.views import (
    AudienceEntry,
    FilterOption,
    OverviewGroup,
    RecordView,
    build_audience_entries,
    build_overview,
    build_overview_filter,
    build_record_view,
)


@dataclass(frozen=True)
class SiteSettings:
    """Where the data lives and which languages and date a build uses."""

    root: Path
    data_file: str
    ui_dir: str
    languages: SiteLanguages
    build_date: dt.date
    include_drafts: bool = False
    build_time: dt.datetime | None = None
    """The moment of the build (calendar DTSTAMP); else midnight UTC of ``build_date``."""
    status_max_age_months: int = 6
    """Age of a source after which its stated status is shown in a neutral style."""
    locales: dict[str, str] = field(default_factory=dict)
    """Babel locale per language code where it differs, e.g. ``{"en": "en_GB"}``."""
    kept_names: dict[str, str] = field(default_factory=dict)
    """Names kept in one language on every page (``{"WIR 2.0": "de"}``), marked with ``lang``."""
    facts_file: str = "data/site.yaml"
    docs_dir: str = "docs"
    """Hand-written pages, whose fact placeholders are checked with the data."""


@dataclass
class SiteData:
    settings: SiteSettings
    records: list[Record]
    phrases: dict[str, Phrases]
    warnings: list[Problem] = field(default_factory=list)
    facts: SiteFacts = field(default_factory=SiteFacts)
    easy_read_page: bool = False  # whether the site has a start page in Leichte Sprache
    legal_languages: tuple[str, ...] = ()
    """Languages with their own legal pages (Impressum and the others); the other languages
    link to the default language's."""
    all_records: list[Record] = field(default_factory=list)
    """Every valid record, drafts and scheduled ones included (``records``: those built)."""
    source: Source | None = None
    """The data file's source, named by hand-written pages that draw on it."""
    unreleased: tuple[str, ...] = ()
    """Mandatory facts still missing: while any is, the site is a preview (release_gate.py)."""
    records_file: Any = None
    """The records file as read (``check`` compares it with the canonical layout)."""

    def record(self, record_id: str) -> Record:
        if not hasattr(self, "_by_id"):
            self._by_id = {r.id: r for r in self.records}
        return self._by_id[record_id]

    @property
    def languages(self) -> tuple[str, ...]:
        return self.settings.languages.codes

    @property
    def default_language(self) -> str:
        return self.settings.languages.default

    def record_addresses(self) -> dict[str, str]:
        """The record a link from a hand-written page leads to: every built record's id and
        former ids, each to its current id."""
        if not hasattr(self, "_addresses"):
            self._addresses = {old: r.id for r in self.records for old in r.former_ids}
            self._addresses.update({r.id: r.id for r in self.records})
        return self._addresses

    def record_view(self, record: Record, lang: str) -> RecordView:
        """The record's view in ``lang``, built once per build: the page source, the page
        context and the overview all read it, so rebuilding it would triple the cost."""
        if not hasattr(self, "_views"):
            self._views: dict[tuple[str, str], RecordView] = {}
        key = (record.id, lang)
        view = self._views.get(key)
        if view is None:
            view = build_record_view(record, lang, self.default_language,
                                     self.settings.build_date, self.phrases[lang],
                                     self.settings.locales.get(lang, lang),
                                     max_age_months=self.settings.status_max_age_months,
                                     kept_names=self.settings.kept_names)
            self._views[key] = view
        return view

    def source_view(self, lang: str) -> SourceView | None:
        """The data file's source as a page in ``lang`` names it, or None without one."""
        if self.source is None:
            return None
        return build_source_view(self.source, lang, self.default_language, self.phrases[lang],
                                 self.settings.locales.get(lang, lang))

    def record_sources_view(self, lang: str) -> list[SourceView]:
        """The sources of the published records other than the file's, newest first: a page
        that lists the records (overview, start page) draws on them too."""
        seen = []
        for record in self.records:
            for source in record.sources:
                if source != self.source and source not in seen:
                    seen.append(source)
        seen.sort(key=lambda s: s.date, reverse=True)
        return [build_source_view(s, lang, self.default_language, self.phrases[lang],
                                  self.settings.locales.get(lang, lang)) for s in seen]

    def views(self, lang: str) -> list[RecordView]:
        return [self.record_view(r, lang) for r in self.records]

    def overview(self, lang: str) -> tuple[OverviewGroup, ...]:
        return build_overview(self.views(lang), self.phrases[lang])

    def overview_filter(self, lang: str) -> tuple[FilterOption, ...]:
        return build_overview_filter(self.views(lang), self.phrases[lang])

    def audience_entries(self, lang: str) -> tuple[AudienceEntry, ...]:
        return build_audience_entries(self.views(lang), self.phrases[lang])

    def overview_pages(self, lang: str) -> tuple[OverviewPage, ...]:
        """The overview in pages (``overview_pages.PAGE_SIZE`` records each), built once."""
        if not hasattr(self, "_pages"):
            self._pages: dict[str, tuple[OverviewPage, ...]] = {}
        if lang not in self._pages:
            self._pages[lang] = paginate(self.overview(lang), self.phrases[lang])
        return self._pages[lang]

    def home_offers(self, lang: str) -> tuple[HomeOffer, ...]:
        return home_offers(self.views(lang), self.phrases[lang])

    def help_view(self, lang: str, record: Record | None = None, help_url: str | None = None,
                  source: SourceView | None = None) -> HelpView:
        """"Hilfe und Kontakt" of one record's page, or of the site (``record`` None);
        ``source`` where the record names its own."""
        records = [record] if record is not None else self.records
        return build_help_view(records, self.facts, lang, self.default_language,
                               source or self.source_view(lang), help_url)

    def translated_languages(self, record: Record) -> tuple[str, ...]:
        """Languages with a real translation (not a pending fallback)."""
        return tuple(lang for lang in self.languages if lang in record.texts)


def load_site(settings: SiteSettings) -> SiteData:
    """Load and validate records and interface texts; raise ValidationFailed with all problems."""
    # files that must not be read or published: links out of the project, active files
    problems: list[Problem] = outside_link_problems(settings.root, (
        settings.docs_dir, settings.ui_dir, settings.data_file, settings.facts_file,
        *(str(Path(name).parent) for name in (settings.data_file, settings.facts_file))))
    problems += foreign_file_problems(settings.root / settings.docs_dir, settings.root,
                                      settings.languages.codes)
    if problems:  # nothing of them is read
        raise ValidationFailed(problems)
    records: list[Record] = []
    warnings: list[Problem] = []
    source = None
    records_file = None
    records_valid = False
    try:
        dataset = load_records(settings.root / settings.data_file, settings.languages,
                               settings.data_file)
        records, warnings, source = dataset.records, dataset.warnings, dataset.source
        records_file = dataset.data
        records_valid = True
    except ValidationFailed as failed:
        problems.extend(failed.problems)
    phrases, phrase_problems = load_phrases(settings.root / settings.ui_dir,
                                            settings.languages.codes, settings.ui_dir)
    problems.extend(phrase_problems)
    facts, fact_problems = load_facts(settings.root / settings.facts_file, settings.facts_file)
    problems.extend(fact_problems)
    problems.extend(page_placeholder_problems(settings.root / settings.docs_dir, settings.root,
                                              settings.facts_file))
    warnings = warnings + [p for p in fact_problems if p.warning]
    # drafts and scheduled records stay out of everything built from SiteData.records
    published = [r for r in records
                 if settings.include_drafts or r.is_published(settings.build_date)]
    if records_valid:  # what refers to the records: hand-written pages, earlier addresses
        found = doc_link_problems(settings.root / settings.docs_dir, settings.root,
                                  settings.languages.codes, records,
                                  {r.id for r in published}, settings.data_file)
        found += vanished_id_problems(settings.root, settings.data_file, records)
        found += changed_without_source(settings.root, settings.data_file, records)
        problems.extend(p for p in found if not p.warning)
        warnings = warnings + [p for p in found if p.warning]
    if [p for p in problems if not p.warning]:
        raise ValidationFailed(problems + [p for p in warnings if p not in problems])
    unreleased = missing_release_facts(facts, settings.root / settings.docs_dir, bool(published))
    return SiteData(settings=settings, records=published, phrases=phrases, warnings=warnings,
                    facts=facts, all_records=records, source=source, unreleased=unreleased,
                    records_file=records_file)
