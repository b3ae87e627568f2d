"""What the templates of one page read: its record or overview, languages, alternates, texts.

``page`` is a ``stage.StagedPage``: its front matter (``meta``), where it comes from
(``src_uri``), its address (``url``, ``canonical_url``), ``title`` and the site-relative
addresses of its translations (``alternates``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from microsite.data.urls import (
    absolute,
    help_url,
    language_prefix,
    overview_page_url,
    overview_url,
    record_url,
)
from microsite.publish.exports.files import export_links, feed_url
from microsite.render.formatting import autonym
from microsite.render.site import SiteData
from microsite.render.structured_data import record_json_ld, to_script

EASY_READ_SLUG = "leichte-sprache"  # docs/de/leichte-sprache.md: start page in Leichte Sprache
LEGAL_SLUG = "impressum"  # docs/<lang>/impressum.md: the language has its own legal pages


@dataclass(frozen=True)
class LanguageLink:
    """One language in the switcher and, where ``translated``, in ``<link rel=alternate>``."""

    code: str
    name: str
    url: str  # absolute
    current: bool
    translated: bool


def _alternate_urls(site: SiteData, page: Any) -> dict[str, str]:
    """Site-relative URLs of the real translations of a page, by language."""
    meta = page.meta.get("microsite") or {}
    default = site.default_language
    if "record" in meta:
        record = site.record(meta["record"])
        return {lang: record_url(record.id, lang, default)
                for lang in site.translated_languages(record)}
    return dict(page.alternates)


def _sender(site: SiteData, lang: str) -> dict[str, str | None] | None:
    """The operator as printed on paper (print-sender.html); None without a name."""
    default = site.default_language
    name = site.facts.text("operator.name", lang, default)
    if not name:
        return None
    address = site.facts.text("operator.address", lang, default)
    lines = [line.strip() for line in (address or "").splitlines() if line.strip()]
    given = site.facts.values.get("operator.name")
    name_lang = (default if isinstance(given, dict) and lang not in given and lang != default
                 else None)  # the name in the default language on a page in another one
    return {"name": name, "address": ", ".join(lines) or None, "name_lang": name_lang}


def site_context(site: SiteData, lang: str, site_url: str) -> dict[str, Any]:
    """What every template may read, pages or not."""
    return {
        "microsite_sender": _sender(site, lang),
        "microsite_lang": lang,
        "microsite_unreleased": bool(site.unreleased),  # preview banner and noindex
        "microsite_languages": [],
        "microsite_x_default": None,
        "microsite_search_base_differs": lang != site.default_language,
        "microsite_home": absolute(site_url, language_prefix(lang, site.default_language)),
        **_legal_links(site, lang, site_url),
        "microsite_easy_read": (absolute(site_url, f"{EASY_READ_SLUG}/")
                                if site.easy_read_page else None),
        "microsite_help_url": absolute(site_url, help_url(lang, site.default_language)),
        "microsite_overview_url": absolute(site_url, overview_url(lang, site.default_language)),
        "t": site.phrases[lang],
        "microsite_feed": {"url": feed_url(site, lang, site_url),
                           "title": site.phrases[lang]["opendata.feed_title"]},
    }


def _legal_links(site: SiteData, lang: str, site_url: str) -> dict[str, Any]:
    """Where the footer's legal pages are: the page's language where it has them, else the
    default language's, with their language and a note in the page's language."""
    own = lang in site.legal_languages or not site.legal_languages
    legal_lang = lang if own else site.default_language
    return {
        "microsite_legal_home": absolute(site_url, language_prefix(legal_lang,
                                                                   site.default_language)),
        "microsite_legal_lang": None if own else legal_lang,
        "microsite_legal_note": None if own else site.phrases[lang]["nav.legal_note"],
    }


def _og_locale(site: SiteData, lang: str) -> str:
    """``de`` → ``de_DE``, ``en`` (configured as en_GB) → ``en_GB``: OpenGraph wants a region."""
    from babel.core import get_global

    code = site.settings.locales.get(lang, lang)
    if "_" in code:
        return code
    likely = get_global("likely_subtags").get(code, code).split("_")
    region = next((part for part in likely[1:] if part.isupper() and len(part) == 2), None)
    return f"{code}_{region}" if region else code


def _open_graph(site: SiteData, page: Any, lang: str,
                languages: list[LanguageLink]) -> dict[str, Any]:
    """OpenGraph tags of a page; alternates only for real translations."""
    meta = page.meta or {}
    return {
        "type": "article" if "microsite" in meta and "record" in meta["microsite"] else "website",
        "title": page.title,
        "description": meta.get("description"),
        "url": page.canonical_url,
        "locale": _og_locale(site, lang),
        "alternates": [_og_locale(site, link.code) for link in languages
                       if link.translated and not link.current],
    }


def _unchecked(site: SiteData, meta: dict, lang: str, context: dict) -> bool:
    """Whether a page that is not a record's says its translation is not checked yet: a
    hand-written page marked ``microsite: {unchecked: true}``, or a start page or overview
    listing a record whose translation is not checked (a record page says it itself)."""
    if lang == site.default_language or "record" in meta:
        return False
    if meta.get("unchecked"):
        return True
    if meta.get("home") or meta.get("overview"):
        return any(view.unchecked_translation
                   for group in site.overview(lang) for view in group.records)
    return False


def page_context(site: SiteData, page: Any, lang: str, site_url: str) -> dict[str, Any]:
    """Everything our templates read besides MkDocs' own context."""
    default = site.default_language
    urls = _alternate_urls(site, page)
    languages = [
        LanguageLink(
            code=code,
            name=autonym(code),
            url=absolute(site_url, urls.get(code, language_prefix(code, default))),
            current=code == lang,
            translated=code in urls and len(urls) > 1,
        )
        for code in site.languages
    ]
    meta = page.meta.get("microsite") or {}
    context = site_context(site, lang, site_url)
    context["microsite_languages"] = languages
    if default in urls and len(urls) > 1:  # a page in one language only has no alternates
        context["microsite_x_default"] = absolute(site_url, urls[default])
    context["microsite_og"] = _open_graph(site, page, lang, languages)
    context["microsite_on_easy_read"] = page.src_uri == f"de/{EASY_READ_SLUG}.md"
    if "record" in meta:
        record = site.record(meta["record"])
        context["record"] = site.record_view(record, lang)
        context["microsite_json_ld"] = to_script(record_json_ld(
            record, context["record"], lang, default, page.canonical_url or ""))
        context["microsite_record_help"] = site.help_view(
            lang, record, context["microsite_help_url"], context["record"].source)
    if meta.get("source") or meta.get("overview"):  # pages that draw on the data's source
        context["microsite_page_source"] = site.source_view(lang)
    if meta.get("home") or meta.get("overview"):  # and on every listed record's own sources
        context["microsite_more_sources"] = site.record_sources_view(lang)
    if meta.get("home"):  # the start page: what the site offers whom, one line each
        context["microsite_offers"] = site.home_offers(lang)
        context["microsite_record_count"] = len(site.records)
    if meta.get("help"):  # the page "Hilfe und Kontakt"
        context["microsite_help"] = site.help_view(lang)
    context["microsite_unchecked"] = _unchecked(site, meta, lang, context)
    if meta.get("overview"):
        pages = site.overview_pages(lang)
        number = int(meta.get("overview_page", 1))
        context["overview"] = pages[number - 1].groups
        context["overview_filters"] = pages[number - 1].filters
        context["microsite_overview_pages"] = [
            {"number": p.number, "current": p.number == number,
             "url": absolute(site_url, overview_page_url(lang, default, p.number))}
            for p in pages] if len(pages) > 1 else []
        context["microsite_open_data"] = export_links(site, lang, site_url)
        context["microsite_open_data_licence"] = site.facts.text("open_data.licence", lang,
                                                                 site.default_language)
    return context
