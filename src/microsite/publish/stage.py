"""The stage step: every page of the site as a real Markdown file, before any engine runs.

Writes into a build folder:
- ``docs/``: the hand-written pages, prepared (preview-only parts, Leichte Sprache lines, links
  to records, facts masked as inert tokens, notices and the sources they draw on), the
  generated pages (records, overview, "Hilfe und Kontakt") with small front matter and a body of
  HTML (``page_bodies``), and every other file of ``docs_dir`` as it is;
- ``mkdocs.yml``: the project's configuration without the ``microsite`` plugin, reading
  ``docs/``, with ``extra.microsite`` holding what every page of a language shows.

Each page's front matter carries what the theme's templates read of it (``microsite:``), its
title escaped once, here. An engine (MkDocs, ProperDocs, Zensical) builds that folder as it
would any site; ``finish`` does the rest over what it wrote. Nothing here imports an engine.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup, escape

from microsite.checks.doc_links import rewrite_record_links
from microsite.data.urls import absolute, language_prefix, overview_url
from microsite.publish.exports.records import record_updated
from microsite.publish.page_bodies import PageBodies
from microsite.publish.page_context import EASY_READ_SLUG, LEGAL_SLUG, page_context, site_context
from microsite.render.easy_read import one_sentence_per_line
from microsite.render.facts import mask_facts
from microsite.render.pages import GeneratedPage, generate_pages
from microsite.render.project import Project, plugin_options
from microsite.render.release_gate import preview_only
from microsite.render.site import SiteData

DOCS = "docs"
CONFIG = "mkdocs.yml"
try:  # libyaml's emitter: the pure-Python one took a fifth of the build at 1,000 records
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass
class StagedPage:
    """One page as the engine will see it, and what ``finish`` needs to know of it."""

    src_uri: str  # "en/programme/jobpilot-360.md", under the staged docs
    lang: str
    url: str  # site-relative, "en/programme/jobpilot-360/"
    canonical_url: str | None
    title: Markup | None  # escaped
    meta: dict[str, Any]  # the front matter as given (hand-written) or generated
    alternates: dict[str, str] = field(default_factory=dict)  # lang → site-relative URL
    lastmod: dt.date | None = None
    listed: bool = True  # in the site's sitemap (error pages are not)
    easy_read: bool = False  # Leichte Sprache: a missing fact is said in a plain sentence
    languages: tuple[dict, ...] = ()  # the language switcher (page_context.LanguageLink)
    x_default: str | None = None


@dataclass
class Staged:
    folder: Path
    docs_dir: Path
    config_file: Path
    extra: dict[str, Any]  # extra.microsite
    pages: list[StagedPage]
    bodies: PageBodies  # for the one page finish writes itself (not_found)
    not_found: dict[str, Any]  # that page's context
    nonce: str  # in this build's fact tokens (facts.mask_facts), which finish fills in


def page_url(src_uri: str, default: str) -> str:
    """Site-relative address of a page with directory URLs (as MkDocs with i18n's folders)."""
    lang, _, rest = src_uri.partition("/")
    stem = rest[: -len(".md")]
    path = "" if stem == "index" else stem[: -len("index")] if stem.endswith("/index") \
        else f"{stem}/"
    return path if lang == default else f"{lang}/{path}"


def base_url(url: str) -> str:
    """The site root as seen from a page (MkDocs' ``base_url``): "." or "../..". """
    depth = url.count("/")
    return posixpath.join(*([".."] * depth)) if depth else "."


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1) or "") or {}
    return (meta if isinstance(meta, dict) else {}), text[match.end():]


def write_page(path: Path, meta: dict[str, Any], body: str) -> None:
    head = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=1000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{head}---\n\n{body.strip()}\n", encoding="utf-8")


def stage(project: Project, site: SiteData, folder: Path, site_url: str | None = None) -> Staged:
    """Write the staged site into ``folder`` (emptied first); ``site_url`` where it differs
    from the project's (``mkdocs serve``)."""
    site_url = project.site_url if site_url is None else site_url
    default = site.default_language
    docs = folder / DOCS
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(project.docs_dir, docs, ignore=shutil.ignore_patterns("*.md"))
    site.easy_read_page = (project.docs_dir / default / f"{EASY_READ_SLUG}.md").is_file()
    site.legal_languages = tuple(lang for lang in site.languages
                                 if (project.docs_dir / lang / f"{LEGAL_SLUG}.md").is_file())
    bodies = PageBodies(project.custom_dir or project.root / "overrides")
    nonce = secrets.token_hex(8)

    written: dict[str, tuple[dict, str]] = {}  # src_uri → (front matter, body)
    for path in sorted(project.docs_dir.rglob("*.md")):
        src_uri = path.relative_to(project.docs_dir).as_posix()
        if src_uri.partition("/")[0] in site.languages:
            written[src_uri] = split_front_matter(path.read_text(encoding="utf-8"))
    generated = {page.src_uri: page for page in generate_pages(site)}
    for src_uri, page in generated.items():
        written.setdefault(src_uri, (page.meta, ""))

    urls = {src_uri: page_url(src_uri, default) for src_uri in written}
    pages = []
    for src_uri, (meta, body) in sorted(written.items(), key=_site_order(site.languages)):
        lang, _, rest = src_uri.partition("/")
        alternates = {other: urls[f"{other}/{rest}"] for other in site.languages
                      if f"{other}/{rest}" in urls}
        title = meta.get("title")
        staged = StagedPage(
            src_uri=src_uri, lang=lang, url=urls[src_uri],
            canonical_url=absolute(site_url, urls[src_uri]) if site_url else None,
            title=None if title is None else Markup(escape(str(title))), meta=meta,
            alternates=alternates, listed=rest != "404.md",
            easy_read=bool((meta.get("microsite") or {}).get("one_sentence_per_line")))
        record_id = (meta.get("microsite") or {}).get("record")
        if record_id:
            staged.lastmod = record_updated(site.record(record_id))
        context = page_context(site, staged, lang, site_url or "/")
        staged.languages = tuple(vars(link) for link in context["microsite_languages"])
        staged.x_default = context["microsite_x_default"]
        if src_uri in generated:
            body = _generated_body(generated[src_uri], staged, context, bodies)
        else:
            body = _hand_written_body(site, project, staged, context, body, bodies, nonce)
        write_page(docs / src_uri, _front_matter(staged, context), body)
        pages.append(staged)

    extra = {"languages": {lang: _plain({key.removeprefix("microsite_"): value for key, value
                                         in site_context(site, lang, site_url or "/").items()})
                           for lang in site.languages}}
    config_file = folder / CONFIG
    write_config(project, docs, extra, config_file)
    return Staged(folder=folder, docs_dir=docs, config_file=config_file, extra=extra,
                  pages=pages, bodies=bodies, not_found=_not_found(project, site, site_url),
                  nonce=nonce)


def _not_found(project: Project, site: SiteData, site_url: str) -> dict[str, Any]:
    """What the root 404.html shows (``partials/microsite/pages/not-found.html``)."""
    default, site_url = site.default_language, site_url or "/"
    english = "en" in site.languages
    return {"site_name": project.site_name(default), "site_url": absolute(site_url, ""),
            "banner": site.phrases[default]["gate.banner"] if site.unreleased else None,
            "site_path": urlsplit(absolute(site_url, "")).path,
            "overview_de": absolute(site_url, overview_url(default, default)),
            "home_en": absolute(site_url, language_prefix("en", default)) if english else None,
            "overview_en": absolute(site_url, overview_url("en", default)) if english else None}


def _site_order(languages: tuple[str, ...]) -> Any:
    """Pages by language (the default first), each language's start page first."""
    def key(item: tuple[str, Any]) -> tuple:
        lang, _, rest = item[0].partition("/")
        return languages.index(lang), rest != "index.md", rest
    return key


def _front_matter(page: StagedPage, context: dict[str, Any]) -> dict[str, Any]:
    """What the theme's templates read of the page: the given front matter with the title
    escaped, and ``microsite:`` made here (whatever a page wrote there was our input)."""
    meta = {key: value for key, value in page.meta.items() if key != "microsite"}
    if page.title is not None:
        meta["title"] = str(page.title)
    og = {key: value for key, value in context["microsite_og"].items() if key != "title"}
    own = {"languages": list(page.languages), "x_default": page.x_default, "og": og,
           "on_easy_read": context["microsite_on_easy_read"]}
    if context.get("microsite_json_ld"):
        own["json_ld"] = str(context["microsite_json_ld"])
    meta["microsite"] = own
    return meta


def _generated_body(page: GeneratedPage, staged: StagedPage, context: dict[str, Any],
                    bodies: PageBodies) -> str:
    return bodies.render(page.kind, page={"title": staged.title}, base_url=base_url(staged.url),
                         **context)


def _hand_written_body(site: SiteData, project: Project, page: StagedPage,
                       context: dict[str, Any], markdown: str, bodies: PageBodies,
                       nonce: str) -> str:
    """The page's Markdown as the engine should render it; HTML blocks around it for what the
    data adds (the start page's first screen, a notice, the sources the page draws on)."""
    meta = page.meta.get("microsite") or {}
    markdown = preview_only(markdown, released=not site.unreleased)
    if page.easy_read:
        markdown = one_sentence_per_line(markdown)  # Leichte Sprache
    markdown = rewrite_record_links(markdown, page.src_uri.partition("/")[2],
                                    site.record_addresses())
    parts = []
    markdown = mask_facts(markdown, nonce).strip()
    if meta.get("home"):  # the first screen, then the text under "Hintergrund"
        parts.append(bodies.render("home-start", site_name=project.site_name(page.lang),
                                   base_url=base_url(page.url), **context))
    elif context["microsite_unchecked"]:
        parts.append(bodies.macro("notice.html", "notice",
                                  context["t"]["translation.unchecked"], "unchecked"))
    parts.append(markdown)
    sources = [context.get("microsite_page_source"), *context.get("microsite_more_sources", ())]
    parts += [bodies.macro("source.html", "source_citation", source) for source in sources
              if source]
    return "\n\n".join(part for part in parts if part)


def _plain(value: Any) -> Any:
    """Template context as plain data a YAML file can hold (and any engine can read)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return _plain(vars(value))
    if isinstance(value, str | int | float | bool) or value is None:
        return str(value) if isinstance(value, str) else value
    return _plain(dict(value))  # Phrases and other mappings


def staged_config(project: Project, docs: Path, extra: dict[str, Any]) -> dict[str, Any]:
    """The project's configuration for the staged folder: our plugin's work is done."""
    config = dict(project.config)
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        config["plugins"] = {name: value for name, value in plugins.items()
                             if name != "microsite"}
    else:
        config["plugins"] = [entry for entry in plugins
                             if plugin_options([entry], "microsite") is None]
    config["docs_dir"] = str(docs)
    theme = dict(config.get("theme") or {})
    if project.custom_dir:
        theme["custom_dir"] = str(project.custom_dir)
    config["theme"] = theme
    config["extra"] = {**(config.get("extra") or {}), "microsite": extra}
    return config


def write_config(project: Project, docs: Path, extra: dict[str, Any], path: Path) -> None:
    config = staged_config(project, docs, extra)
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              width=1000), encoding="utf-8")
